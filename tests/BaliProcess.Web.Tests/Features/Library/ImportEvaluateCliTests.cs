using BaliProcess.Documents.Evaluation;
using BaliProcess.Documents.Tests;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Cli;
using BaliProcess.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Tests.Features.Library;

/// <summary>
/// The <c>import evaluate</c> verb on each database: the corpus under tests/import-corpus meets the issue's targets
/// (<see cref="EvaluationTargets.Issue9"/>, the one place they are written), a name only the Directory knows is
/// recognised through it, nothing is stored, and each bad input is refused with exit code 2 and a message naming it.
/// </summary>
public abstract class ImportEvaluateCliTests(PlatformFactory platform)
{
    private static string DocumentsFolder => ImportCorpus.DocumentsFolder;

    private static string[] KeyFiles() => [.. ImportCorpus.KeyFiles()];

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await PlatformCli.RunAsync(platform.Services, ["import", "evaluate", .. args], TextReader.Null, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    private Task<int> CountStoredAsync() => platform.WithDbAsync(async db =>
        await db.Set<LibraryDocument>().CountAsync() + await db.Set<Meeting>().CountAsync() + await db.Set<Member>().CountAsync());

    [Fact]
    public async Task EvaluateCli_Corpus_MeetsTheIssueTargetsAndStoresNothing()
    {
        var before = await CountStoredAsync();

        var (exit, output, errors) = await RunAsync([DocumentsFolder, .. KeyFiles(), "--fail-below-targets"]);

        // The whole report is the message: which field is short, and each document's misses.
        exit.ShouldBe(0, $"The import corpus is below the targets of issue 9.\n{output}\n{errors}");
        output.ShouldContain("All targets met.");
        (await CountStoredAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task EvaluateCli_CorpusWithoutTheFlag_PrintsEveryFieldAndRoleAndExitsZero()
    {
        var (exit, output, errors) = await RunAsync([DocumentsFolder, .. KeyFiles()]);

        exit.ShouldBe(0, errors);
        foreach (var field in new[] { "meeting", "kind", "body", "ordinal", "start", "end", "place", "format", "co-chairs" })
        {
            output.ShouldContain($"\n{field} ");
        }

        foreach (var role in Enum.GetNames<BaliProcess.Documents.AttendeeRole>())
        {
            output.ShouldContain($"\n{role} ");
        }

        output.ShouldContain("taken as the document's own");
    }

    [Fact]
    public async Task EvaluateCli_NameOnlyTheDirectoryHolds_IsRecognisedThroughTheDatabase()
    {
        var code = "Z" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var name = $"Coral Sea Fund {code[1..]}";
        await platform.WithDbAsync(async db =>
        {
            db.Add(new Member { Code = code, Kind = MemberKind.MemberOrganisation, Name = name, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-evaluate-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "statement.txt"), $"""
                FIRST AD HOC GROUP MEETING
                BANGKOK, THAILAND, 10 MAY 2010

                CO-CHAIRS' STATEMENT

                1. The Co-Chairs of the Bali Process hosted the first Meeting of the Ad Hoc Group in Bangkok, Thailand on 10 May 2010. The meeting was attended by representatives of Malaysia, Thailand and the {name}.
                """);
            var key = Path.Combine(folder, "key.json");
            await File.WriteAllTextAsync(key, $$"""
                [{ "file": "statement.txt", "language": "en", "kind": "CoChairsStatement",
                   "meeting": { "body": "AHG", "ordinal": 1, "start": "2010-05-10", "end": "2010-05-10", "place": "Bangkok",
                                "format": "InPerson", "coChairs": [], "attendees": { "Participant": ["MYS", "THA", "{{code}}"] } },
                   "mentionedDates": [] }]
                """);

            var (exit, output, errors) = await RunAsync(folder, key);

            exit.ShouldBe(0, errors);
            output.ShouldNotContain($"Participant missing: {code}", Case.Sensitive, output);
            output.ShouldNotContain(code + ",", Case.Sensitive, output);
            output.ShouldMatch(@"\nParticipant\s+3\s+0\s+0\s", output);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EvaluateCli_MissingFolder_ExitsTwoNamingTheFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bp-no-such-corpus-" + Guid.NewGuid().ToString("N"));

        var (exit, output, errors) = await RunAsync(missing, KeyFiles()[0]);

        exit.ShouldBe(2, output + errors);
        errors.ShouldContain($"The corpus folder '{missing}' does not exist.");
        output.ShouldBeEmpty();
    }

    [Fact]
    public async Task EvaluateCli_MissingKeyFile_ExitsTwoNamingTheKey()
    {
        var missing = Path.Combine(Path.GetTempPath(), "bp-no-such-key-" + Guid.NewGuid().ToString("N") + ".json");

        var (exit, output, errors) = await RunAsync(DocumentsFolder, missing);

        exit.ShouldBe(2, output + errors);
        errors.ShouldContain($"{missing}: no such key file.");
    }

    [Theory]
    [InlineData("{ \"file\": \"a.txt\" }", "a key is a JSON array of entries, not an object")]
    [InlineData("[ { \"file\": \"a.txt\", ", "not valid JSON")]
    [InlineData("[ { \"file\": \"a.txt\", \"language\": \"en\", \"kind\": \"Memo\", \"meeting\": null } ]", "entry 1 (a.txt), kind: 'Memo' is not a document kind")]
    [InlineData("[ { \"file\": \"a.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": { \"start\": \"30 March 2011\", \"end\": \"2011-03-30\" } } ]", "entry 1 (a.txt), meeting.start: '30 March 2011' is not an ISO date")]
    public async Task EvaluateCli_MalformedKey_ExitsTwoNamingTheProblem(string json, string expected)
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-evaluate-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "Text.");
            var key = Path.Combine(folder, "key.json");
            await File.WriteAllTextAsync(key, json);

            var (exit, output, errors) = await RunAsync(folder, key);

            exit.ShouldBe(2, output + errors);
            errors.ShouldContain("The answer key cannot be used:");
            errors.ShouldContain(expected);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EvaluateCli_KeyNamingAMissingFile_ExitsTwoNamingTheFile()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("bp-evaluate-").FullName;
        try
        {
            var key = Path.Combine(folder, "key.json");
            await File.WriteAllTextAsync(key, """[ { "file": "gone.txt", "language": "en", "kind": "Other", "meeting": null } ]""");

            var (exit, output, errors) = await RunAsync(folder, key);

            exit.ShouldBe(2, output + errors);
            errors.ShouldContain($"the entry for 'gone.txt' names a file that is not in {folder}.");
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task EvaluateCli_NoKeyGiven_ExitsTwoWithTheUsage()
    {
        var (exit, _, errors) = await RunAsync(DocumentsFolder);

        exit.ShouldBe(2);
        errors.ShouldContain("Give the corpus folder and at least one answer key file.");
        errors.ShouldContain("import evaluate FOLDER KEY.json");
    }

    [Fact]
    public async Task EvaluateCli_UnknownOption_ExitsTwoNamingIt()
    {
        var (exit, _, errors) = await RunAsync(DocumentsFolder, KeyFiles()[0], "--strict");

        exit.ShouldBe(2);
        errors.ShouldContain("Unknown option '--strict'.");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportEvaluateCliSqliteTests(SqlitePlatform platform) : ImportEvaluateCliTests(platform);

[Collection(PostgresCollection.Name)]
public sealed class ImportEvaluateCliPostgresTests(PostgresPlatform platform) : ImportEvaluateCliTests(platform);
