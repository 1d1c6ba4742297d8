using BaliProcess.Documents.Evaluation;

namespace BaliProcess.Documents.Tests;

/// <summary>The scorer's comparisons and the answer-key reader's refusals, on small corpora written by each test.</summary>
public sealed class CorpusScorerTests : IDisposable
{
    private const string Statement = """
        FIRST AD HOC GROUP MEETING
        BANGKOK, THAILAND, 10 MAY 2010

        CO-CHAIRS' STATEMENT

        1. The Co-Chairs of the Bali Process hosted the first Meeting of the Ad Hoc Group in Bangkok, Thailand on 10 May 2010. The meeting was attended by representatives of Malaysia, Thailand and Nepal.
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("bp-scorer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Key(string json)
    {
        var path = Path.Combine(folder, "key.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Entry(string start, string body, string participants, string mentioned = "", string format = "\"InPerson\"") => $$"""
        [{ "file": "s.txt", "language": "en", "kind": "CoChairsStatement",
           "meeting": { "body": "{{body}}", "ordinal": 1, "start": "{{start}}", "end": "{{start}}", "place": "Bangkok",
                        "format": {{format}}, "coChairs": [], "attendees": { "Participant": [{{participants}}] } },
           "mentionedDates": [{{mentioned}}] }]
        """;

    private EvaluationReport Score(string json)
    {
        File.WriteAllText(Path.Combine(folder, "s.txt"), Statement);
        var key = EvaluationKey.Load([Key(json)], folder);
        key.Error.ShouldBeNull();
        return new CorpusScorer(TestFiles.Catalog).Score(folder, key.Entries!, EvaluationTargets.Issue9);
    }

    [Fact]
    public void Score_WrongBodyInTheKey_CountsTheFieldWrongAndNamesBothValues()
    {
        var report = Score(Entry("2010-05-10", "SOM", "\"MYS\", \"THA\", \"NPL\""));

        report.Field(EvaluationReport.Body).Correct.ShouldBe(0);
        report.Field(EvaluationReport.Start).Correct.ShouldBe(1);
        report.Documents.Single().Misses.ShouldContain("body: expected SOM, got AHG");
        report.MeetsTargets.ShouldBeFalse();
    }

    [Fact]
    public void Score_AttendeeMissingAndExtra_CountsPrecisionAndRecallOfTheRole()
    {
        var report = Score(Entry("2010-05-10", "AHG", "\"MYS\", \"THA\", \"LKA\""));

        var participants = report.Roles.Single(r => r.Role == AttendeeRole.Participant);
        participants.Found.ShouldBe(2);
        participants.Extra.ShouldBe(1);
        participants.Missing.ShouldBe(1);
        report.Documents.Single().Misses.ShouldContain("Participant missing: LKA");
        report.Documents.Single().Misses.ShouldContain("Participant not in the key: NPL");
    }

    [Fact]
    public void Score_MeetingDatedOnAMentionedDate_CountsAsTakenAsOwn()
    {
        var report = Score(Entry("2010-05-11", "AHG", "\"MYS\", \"THA\", \"NPL\"", "\"2010-05-10\""));

        report.TakenAsOwn.ShouldBe(1);
        report.Shortfalls.ShouldContain(s => s.Contains("taken as the document's own in 1 of 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_KeyMatchingTheReading_MeetsEveryTarget()
    {
        // The format is taken from the reading itself: whether an unstated format reads as in person is the
        // recognizer's rule, not the scorer's.
        var path = Path.Combine(folder, "s.txt");
        File.WriteAllText(path, Statement);
        var format = new CorpusScorer(TestFiles.Catalog).Recognize(path).Recognized!.Meeting!.Format is { } read ? $"\"{read}\"" : "null";

        var report = Score(Entry("2010-05-10", "AHG", "\"MYS\", \"THA\", \"NPL\"", format: format));

        report.Shortfalls.ShouldBeEmpty(report.ToText());
        report.ToText().ShouldContain("All targets met.");
    }

    [Theory]
    [InlineData("Nusa Dua, Bali", "Bali", true)]
    [InlineData("Bali", "nusa dua, BALI", true)]
    [InlineData("Mākati", "Makati City", true)]
    [InlineData("Bangkok", "Colombo", false)]
    [InlineData(null, null, true)]
    [InlineData(null, "Bangkok", false)]
    public void SamePlace_Pairs_AgreeWhenOneContainsTheOther(string? expected, string? actual, bool same) =>
        CorpusScorer.SamePlace(expected, actual).ShouldBe(same);

    [Fact]
    public void KeyIdentity_NameTheCatalogResolves_ComparesAsItsCode()
    {
        var scorer = new CorpusScorer(TestFiles.Catalog);

        scorer.KeyIdentity("name:International Organisation for Migration").ShouldBe("IOM");
        scorer.KeyIdentity("name:The Asian  Development Bank.").ShouldBe("name:asian development bank");
        CorpusScorer.Identity(new AttendeeInfo(null, "Asian Development Bank", AttendeeRole.Observer)).ShouldBe("name:asian development bank");
    }

    [Theory]
    [InlineData("[]", "The key has no entries")]
    [InlineData("[{ \"file\": \"../s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": null }]", "must be a plain file name")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\" }]", "meeting: is missing")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": null }, { \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": null }]", "'s.txt' has a second entry")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": { \"start\": \"2010-05-02\", \"end\": \"2010-05-31\", \"precision\": \"month\" } }]", "a month-only date runs from the first to the last day")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": { \"start\": \"2010-05-02\", \"end\": \"2010-05-01\" } }]", "is before the start")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"Other\", \"meeting\": { \"start\": \"2010-05-01\", \"end\": \"2010-05-01\", \"attendees\": { \"Guest\": [] } } }]", "'Guest' is not a role")]
    [InlineData("[{ \"file\": \"s.txt\", \"language\": \"en\", \"kind\": \"3\", \"meeting\": null }]", "'3' is not a document kind")]
    public void Load_BadKey_NamesTheProblem(string json, string expected)
    {
        File.WriteAllText(Path.Combine(folder, "s.txt"), Statement);

        var loaded = EvaluationKey.Load([Key(json)], folder);

        loaded.Ok.ShouldBeFalse();
        loaded.Error.ShouldNotBeNull().ShouldContain(expected);
    }
}
