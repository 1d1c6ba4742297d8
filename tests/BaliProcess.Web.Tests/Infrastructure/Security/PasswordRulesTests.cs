using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("short")]
    [InlineData("elevenchars")]
    public void Check_TooShort_IsRefusedWithTheMinimum(string password) =>
        PasswordRules.Check(password, null).ShouldContain(e => e.Code == "PasswordTooShort" && e.Message.Contains("12"));

    [Theory]
    [InlineData("password1234")]
    [InlineData("Qwerty123456")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("123456789012")]
    [InlineData("iloveyou2025")]
    public void Check_CommonOrRepetitive_IsRefused(string password) =>
        PasswordRules.Check(password, null).ShouldContain(e => e.Code == "PasswordCommon");

    [Theory]
    [InlineData("baliprocess2026!")]
    [InlineData("Bali Process 123")]
    public void Check_PlatformNameWithDigits_IsRefused(string password) =>
        PasswordRules.Check(password, null).ShouldContain(e => e.Code == "PasswordContext");

    [Fact]
    public void Check_ContainsEmailName_IsRefused() =>
        PasswordRules.Check("ketut.wirawan-lantern", "ketut.wirawan@imigrasi.go.id").ShouldContain(e => e.Code == "PasswordContainsEmail");

    [Theory]
    [InlineData("correct mango harbour lantern")]
    [InlineData("Tr0ub4dor&3-extended")]
    [InlineData("ดอกไม้บานในฤดูฝน")]
    public void Check_LongUnusualPassphrase_IsAccepted(string password) =>
        PasswordRules.Check(password, "someone@example.org").ShouldBeEmpty();

    [Fact]
    public void Check_LongerThanMaximum_IsRefused() =>
        PasswordRules.Check(new string('x', 120) + "abcdefghijk", null).ShouldContain(e => e.Code == "PasswordTooLong");
}
