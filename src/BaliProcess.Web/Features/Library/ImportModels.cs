using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// The extension seam for the Actions module: called for every imported progress report, inside the import's
/// transaction and before it is saved, with the document already added to the context. Whatever a handler
/// adds to the context is saved with the document or, if anything throws, not at all. The returned text is
/// added to the file's import report ("12 actions linked"). Register with
/// <c>services.AddScoped&lt;IProgressReportImportHandler, MyHandler&gt;()</c>; with none registered the report is kept as a document
/// with its table as <see cref="ProgressReportRow"/>s.
/// </summary>
public interface IProgressReportImportHandler
{
    /// <param name="importer">The importing official, or null for the CLI and the start-up import (acting for the RSO).</param>
    Task<string> ImportAsync(AppDbContext db, LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct);
}

/// <summary>
/// What will be saved for one file: the recognizer's reading, every field of which the upload page lets an official
/// correct. Lists reuse the recognizer's records; member and body codes are the directory's codes.
/// </summary>
public sealed record ImportDraft(
    DocumentKind Kind,
    string Title,
    DateOnly? Date,
    string Language,
    Guid? TranslationOfId,
    MeetingInfo? Meeting,
    IReadOnlyList<ActivityInfo> Activities);

/// <summary>One file read and recognised, nothing saved yet.</summary>
public sealed record ImportPreview(
    string FileName,
    string ContentType,
    long SizeBytes,
    string ContentHash,
    string Text,
    ImportDraft Draft,
    ProgressReportInfo? ProgressReport,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The points the recognizer asks a person to check; kept with the meeting as review items when it is saved.</summary>
    public IReadOnlyList<ReviewFlag> Review { get; init; } = [];
}

/// <summary>A document already in the library with the same content. Id and title are given only to someone who may see it.</summary>
public sealed record ExistingDocument(Guid? Id, string? Title);

/// <summary>The outcome of reading a file: a preview, "already imported", or why the file cannot be imported.</summary>
public sealed record ImportAnalysis(ImportPreview? Preview, ExistingDocument? Existing, Validation? Invalid)
{
    public static ImportAnalysis Ready(ImportPreview preview) => new(preview, null, null);

    public static ImportAnalysis Unchanged(ExistingDocument existing) => new(null, existing, null);

    public static ImportAnalysis Fail(Validation invalid) => new(null, null, invalid);
}

public enum ImportStatus
{
    Imported,
    Unchanged,
    Failed,
}

/// <summary>The report line of one file, for the CLI, the API and the start-up log.</summary>
public sealed record ImportFileResult(
    string FileName,
    ImportStatus Status,
    string Message,
    Guid? DocumentId = null,
    DocumentKind? Kind = null,
    Guid? MeetingId = null,
    int ActivityCount = 0,
    IReadOnlyList<string>? Notes = null)
{
    public static ImportFileResult Failed(string fileName, string message) => new(fileName, ImportStatus.Failed, message);

    public static ImportFileResult Failed(string fileName, Validation invalid) =>
        new(fileName, ImportStatus.Failed, string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));

    public static ImportFileResult AlreadyImported(string fileName, ExistingDocument existing) =>
        new(fileName, ImportStatus.Unchanged,
            existing.Title is null ? "already in the library; nothing changed" : $"already in the library as \"{existing.Title}\"; nothing changed",
            existing.Id);
}

/// <summary>Who imports, for whom, and under which distribution: resolved once per batch.</summary>
/// <param name="Importer">The official importing, or null for the CLI and the start-up import.</param>
/// <param name="Actor">Who the audit rows name when there is no HTTP request (the CLI, the start-up import).</param>
/// <param name="TranslationOfId">Set when every file of the batch is a translation of this original document.</param>
public sealed record ImportContext(Guid OwnerMemberId, string? OwnerAgency, ResolvedScope Scope, Viewer? Importer, AuditActor? Actor, Guid? TranslationOfId = null);

/// <summary>A file to import: its name, size (checked before it is read) and a way to read it.</summary>
/// <param name="Name">The file's name as its sender gives it (a client's file name, or a file's name on disk).</param>
/// <param name="Path">Where the file was read from (the CLI, the seeds folder): its report line names this.</param>
public sealed record ImportSource(string Name, long Length, Func<CancellationToken, Task<byte[]>> ReadAsync, string? Path = null)
{
    public static ImportSource FromBytes(string name, byte[] content) => new(name, content.LongLength, _ => Task.FromResult(content));
}
