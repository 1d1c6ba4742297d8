using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Tests.Infrastructure.Security;

public sealed class ApiKeySecretsTests
{
    [Fact]
    public void Create_Token_ParsesBackToItsPrefixAndMatchesItsHash()
    {
        var (token, prefix, hash) = ApiKeySecrets.Create();

        ApiKeySecrets.TryParse(token, out var parsedPrefix, out var secret).ShouldBeTrue();
        parsedPrefix.ShouldBe(prefix);
        ApiKeySecrets.Matches(secret, hash).ShouldBeTrue();
        ApiKeySecrets.Matches(secret + "x", hash).ShouldBeFalse();
        hash.ShouldNotContain(secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("bpk_")]
    [InlineData("bpk_1234567_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("xyz_12345678_abcdefghijklmnopqrstuvwxyz")]
    public void TryParse_Malformed_IsRejected(string token) =>
        ApiKeySecrets.TryParse(token, out _, out _).ShouldBeFalse();
}
