using BaliProcess.Documents.Evaluation;
using Xunit.Abstractions;

namespace BaliProcess.Documents.Tests;

/// <summary>
/// Runs the scorer over the evaluation corpus (tests/import-corpus) with the reference catalog and prints the report,
/// so a recognizer change shows its effect on every field. The targets themselves are asserted by the CLI test on
/// both databases (Web.Tests), where the catalog comes from the Directory as in production.
/// </summary>
public sealed class ImportCorpusEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void Corpus_EveryKeyWithReferenceCatalog_ScoresEveryDocumentAndPrintsTheReport()
    {
        var keys = ImportCorpus.KeyFiles();
        var loaded = EvaluationKey.Load(keys, ImportCorpus.DocumentsFolder);
        loaded.Error.ShouldBeNull();

        var report = new CorpusScorer(TestFiles.Catalog).Score(ImportCorpus.DocumentsFolder, loaded.Entries!, EvaluationTargets.Issue9);
        output.WriteLine($"keys: {string.Join(", ", keys.Select(Path.GetFileName))}");
        output.WriteLine(report.ToText());

        report.Documents.Count.ShouldBe(loaded.Entries!.Count);
        report.Field(EvaluationReport.Kind).Total.ShouldBe(loaded.Entries!.Count);
        report.Field(EvaluationReport.MeetingRecognised).Total.ShouldBe(loaded.Entries!.Count(e => e.Meeting is not null));
    }

    [Fact]
    public void Corpus_EveryDocumentFile_HasAKeyEntry()
    {
        var loaded = EvaluationKey.Load(ImportCorpus.KeyFiles(), ImportCorpus.DocumentsFolder);
        loaded.Error.ShouldBeNull();
        var keyed = loaded.Entries!.Select(e => e.File).ToHashSet(StringComparer.Ordinal);

        var unkeyed = Directory.EnumerateFiles(ImportCorpus.DocumentsFolder).Select(Path.GetFileName).Where(f => !keyed.Contains(f!)).ToList();

        unkeyed.ShouldBeEmpty();
    }

    [Fact]
    public void Corpus_PartA_HoldsThirtyFiveDocumentsInEveryFormatWithNoMeetingCases()
    {
        var loaded = EvaluationKey.Load([Path.Combine(ImportCorpus.Folder, "key-a.json")], ImportCorpus.DocumentsFolder);
        loaded.Error.ShouldBeNull();

        loaded.Entries!.Count.ShouldBeGreaterThanOrEqualTo(35);
        loaded.Entries!.Count(e => e.Meeting is null).ShouldBeInRange(3, 8);
        loaded.Entries!.Select(e => Path.GetExtension(e.File)).Distinct().Order(StringComparer.Ordinal).ShouldBe([".docx", ".html", ".pdf", ".txt"]);
    }
}
