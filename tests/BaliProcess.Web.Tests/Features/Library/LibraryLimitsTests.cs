using System.Text.Json;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Web;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>The import limits come from <c>Library:Limits</c>, are checked at start and set the request body limit.</summary>
public class LibraryLimitsTests
{
    [Fact]
    public void HostSettings_LibraryLimits_DocumentTheDefaultsTheCodeUses()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.HostProject, "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var limits = settings.RootElement.GetProperty("Library").GetProperty("Limits");
        var defaults = new LibraryLimits();

        limits.GetProperty(nameof(LibraryLimits.MaxFileBytes)).GetInt64().ShouldBe(defaults.MaxFileBytes);
        limits.GetProperty(nameof(LibraryLimits.MaxExpandedBytes)).GetInt64().ShouldBe(defaults.MaxExpandedBytes);
        limits.GetProperty(nameof(LibraryLimits.MaxCharacters)).GetInt32().ShouldBe(defaults.MaxCharacters);
        limits.GetProperty(nameof(LibraryLimits.MaxElements)).GetInt32().ShouldBe(defaults.MaxElements);
        limits.GetProperty(nameof(LibraryLimits.MaxDepth)).GetInt32().ShouldBe(defaults.MaxDepth);
        limits.GetProperty(nameof(LibraryLimits.MaxPages)).GetInt32().ShouldBe(defaults.MaxPages);
        TimeSpan.Parse(limits.GetProperty(nameof(LibraryLimits.MaxDuration)).GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(defaults.MaxDuration);
        limits.GetProperty(nameof(LibraryLimits.MaxLineLength)).GetInt32().ShouldBe(defaults.MaxLineLength);
        limits.GetProperty(nameof(LibraryLimits.MaxOperations)).GetInt64().ShouldBe(defaults.MaxOperations);
        limits.EnumerateObject().Count().ShouldBe(9, "Every limit is documented, and nothing else.");
    }

    [Fact]
    public void Validate_DefaultLimits_Succeed()
    {
        new LibraryLimitsValidation().Validate(null, new LibraryOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_ZeroAndNegativeLimits_FailNamingEachSetting()
    {
        var options = new LibraryOptions { Limits = new LibraryLimits { MaxDepth = 0, MaxFileBytes = -1, MaxDuration = TimeSpan.Zero } };

        var result = new LibraryLimitsValidation().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures!.ShouldContain("Library:Limits:MaxDepth must be greater than zero (it is 0).");
        result.Failures!.ShouldContain("Library:Limits:MaxFileBytes must be greater than zero (it is -1).");
        result.Failures!.ShouldContain(f => f.StartsWith("Library:Limits:MaxDuration must be a positive time", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LineLimitAboveTheCharacterLimit_Fails()
    {
        var options = new LibraryOptions { Limits = new LibraryLimits { MaxCharacters = 1_000, MaxLineLength = 2_000 } };

        new LibraryLimitsValidation().Validate(null, options).FailureMessage!.ShouldContain("MaxLineLength (2000) cannot be above MaxCharacters (1000)");
    }

    [Fact]
    public async Task Start_InvalidLimitSetting_FailsNamingTheSetting()
    {
        await using var platform = new StandalonePlatform(DatabaseProvider.Sqlite) { ExtraSettings = [new("Library:Limits:MaxPages", "0")] };

        var failure = Should.Throw<OptionsValidationException>(() => platform.CreateClient());

        failure.Message.ShouldContain("Library:Limits:MaxPages must be greater than zero (it is 0).");
    }

    [Fact]
    public async Task Start_FileLimitAboveTheDefaultRequestLimit_RaisesTheRequestLimitToFit()
    {
        await using var platform = new StandalonePlatform(DatabaseProvider.Sqlite) { ExtraSettings = [new("Library:Limits:MaxFileBytes", "41943040")] };
        platform.CreateClient().Dispose();

        var limit = platform.Services.GetRequiredService<IOptions<RequestBodyLimit>>().Value.MaxBytes;
        var library = platform.Services.GetRequiredService<IOptions<LibraryOptions>>().Value;

        library.MaxFileBytes.ShouldBe(40L * 1024 * 1024);
        limit.ShouldBe(library.Limits.RequestBodyBytes);
        limit.ShouldBeGreaterThan(PlatformWeb.DefaultMaxRequestBodyBytes);
    }
}
