using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

/// <summary>
/// Turns a file into library records in two steps: <see cref="AnalyseAsync"/> reads and recognises it without
/// writing anything (the upload page's preview), <see cref="CommitAsync"/> saves the (possibly corrected) draft in
/// one transaction: the document and its file, the meeting with its participants, agenda and outcomes, the activities,
/// the search outbox rows and one audit row. Whatever fails, nothing of the file stays behind.
/// </summary>
public sealed partial class DocumentImporter(
    AppDbContext db,
    AuditLog audit,
    TimeProvider time,
    SearchNotifier searchNotifier,
    IEnumerable<IProgressReportImportHandler> progressReportHandlers,
    IOptions<LibraryOptions> options,
    ILogger<DocumentImporter> logger)
{
    /// <summary>The member that owns what the CLI and the start-up import bring in.</summary>
    public const string SupportOfficeCode = "RSO";

    public const int MaxTitleLength = 500;
    public const int MaxMeetingTitleLength = 300;
    public const int MaxPlaceLength = 200;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
        // Saved web pages (event pages, news): served back only as a download (Content-Disposition: attachment).
        [".html"] = "text/html; charset=utf-8",
        [".htm"] = "text/html; charset=utf-8",
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    private NameCatalog? catalog;

    /// <summary>Member codes by id, read once per import for the texts of review items.</summary>
    private Dictionary<Guid, string> memberCodes = [];

    public static bool IsSupported(string fileName) => ContentTypes.ContainsKey(Path.GetExtension(fileName));

    public static string ContentTypeOf(string fileName) => ContentTypes.GetValueOrDefault(Path.GetExtension(fileName), "application/octet-stream");

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// Checks the chosen distribution for the owner: the importer's member, or the RSO when <paramref name="importer"/>
    /// is null (the CLI, the start-up import). An unset scope means public.
    /// </summary>
    public async Task<CommandResult<ImportContext>> ResolveContextAsync(ScopeInput scope, Viewer? importer, AuditActor? actor, CancellationToken ct)
    {
        var validation = new Validation();
        Viewer owner;
        if (importer is null)
        {
            var rso = await db.Set<Member>().Where(m => m.Code == SupportOfficeCode).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
            if (rso is null)
            {
                return CommandResult<ImportContext>.Fail(Problems.Conflict("The Regional Support Office (RSO) is missing from the directory; run 'migrate' first."));
            }

            owner = new Viewer(null, rso, null, new HashSet<string>());
        }
        else
        {
            owner = importer;
        }

        var resolved = await ScopeValidation.ResolveAsync(scope with { Scope = scope.Scope ?? DistributionScope.Public }, owner, db, validation, ct);
        if (resolved is null || !validation.IsValid)
        {
            return CommandResult<ImportContext>.Fail(validation);
        }

        var agency = Ownership.AgencyFor(resolved, owner.Agency);
        return CommandResult<ImportContext>.Ok(new ImportContext(owner.MemberId!.Value, agency, resolved, importer, actor));
    }

    /// <summary>Reads and recognises one file. Writes nothing.</summary>
    /// <param name="viewer">Decides which identical document already imported counts and may be named; null is the RSO (the CLI).</param>
    public async Task<ImportAnalysis> AnalyseAsync(string fileName, byte[] content, Viewer? viewer, CancellationToken ct)
    {
        // The one place a file name enters the library: the upload page, the API, the CLI and the seeds all pass here.
        var validation = new Validation();
        var checkedName = ImportNames.Check(fileName);
        if (checkedName.Name is not { } name)
        {
            return ImportAnalysis.Fail(validation.Add("file", checkedName.Problem!, checkedName.ProblemArgs));
        }

        if (!IsSupported(name))
        {
            return ImportAnalysis.Fail(validation.Add("file", "'{0}' cannot be imported: use a .txt, .md, .html, .pdf or .docx file.", name));
        }

        if (content.Length == 0)
        {
            return ImportAnalysis.Fail(validation.Add("file", "'{0}' is empty.", name));
        }

        var limit = options.Value.MaxFileBytes;
        if (content.LongLength > limit)
        {
            return ImportAnalysis.Fail(validation.Add("file", "'{0}' is larger than the {1} MB the library accepts.", name, LibraryLimits.Megabytes(limit)));
        }

        var hash = Hash(content);
        if (await FindExistingAsync(hash, viewer, ct) is { } existing)
        {
            return ImportAnalysis.Unchanged(existing);
        }

        using var stream = new MemoryStream(content, writable: false);
        var extraction = TextExtractor.Extract(name, stream, options.Value.Limits.ToExtractionLimits(), ct);
        if (!extraction.Ok)
        {
            return ImportAnalysis.Fail(validation.Add("file", "The file could not be read: {0}", extraction.Error));
        }

        if (string.IsNullOrWhiteSpace(extraction.Text))
        {
            return ImportAnalysis.Fail(validation.Add("file", "'{0}' has no text to import (a scanned page without a text layer cannot be read).", name));
        }

        var recognized = new DocumentRecognizer(await CatalogAsync(ct)).Recognize(extraction.Text, name);
        var draft = new ImportDraft(recognized.Kind, recognized.Title, recognized.Date, recognized.Language, null, recognized.Meeting, recognized.Activities);
        return ImportAnalysis.Ready(new ImportPreview(name, ContentTypeOf(name), content.LongLength, hash, extraction.Text, draft,
            recognized.ProgressReport, recognized.Warnings) { Review = recognized.Review });
    }

    /// <summary>Reads, recognises and saves one file as recognised: the CLI, the API and the start-up import.</summary>
    public async Task<ImportFileResult> ImportAsync(ImportContext context, string fileName, byte[] content, CancellationToken ct)
    {
        var analysis = await AnalyseAsync(fileName, content, context.Importer, ct);
        if (analysis.Existing is { } existing)
        {
            return ImportFileResult.AlreadyImported(ImportNames.CleanText(fileName), existing);
        }

        if (analysis.Preview is not { } preview)
        {
            return ImportFileResult.Failed(ImportNames.CleanText(fileName), analysis.Invalid!);
        }

        var draft = context.TranslationOfId is { } original ? preview.Draft with { TranslationOfId = original } : preview.Draft;
        var result = await CommitAsync(context, preview, draft, content, strict: false, ct);
        return result.Succeeded ? result.Value! : ImportFileResult.Failed(preview.FileName, result.Invalid ?? new Validation().Add("", result.ProblemMessage ?? ""));
    }

    /// <summary>
    /// Saves a draft. <paramref name="strict"/> (the upload page) turns every code that does not resolve into a field
    /// error for the official to correct; otherwise (automatic import) such links are skipped with a note and
    /// over-long texts are shortened. A failure while saving (including a progress-report handler that throws) is
    /// reported as a failed file with nothing kept.
    /// </summary>
    public async Task<CommandResult<ImportFileResult>> CommitAsync(ImportContext context, ImportPreview preview, ImportDraft draft, byte[] content,
        bool strict, CancellationToken ct)
    {
        var hash = Hash(content);
        if (await FindExistingAsync(hash, context.Importer, ct) is { } existing)
        {
            return CommandResult<ImportFileResult>.Ok(ImportFileResult.AlreadyImported(preview.FileName, existing));
        }

        var validation = new Validation();
        var notes = new List<string>(preview.Warnings);
        var records = await ResolveAsync(draft, context, strict, validation, notes, ct);
        if (!validation.IsValid || records is null)
        {
            return CommandResult<ImportFileResult>.Fail(validation);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var document = records.Document;
        document.OriginalFileName = Truncate(preview.FileName, 260);
        document.ContentType = preview.ContentType;
        document.SizeBytes = content.LongLength;
        document.ContentHash = hash;
        document.Text = preview.Text;
        document.ImportedAt = now;
        document.ImportedByUserId = context.Importer?.UserId;
        Stamp(document, context);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Add(document);
            db.Add(new DocumentFile { DocumentId = document.Id, Content = content });
            SearchOutbox.Enqueue(db, DocumentSearchSource.SourceName, document.Id, now);

            if (records.Meeting is { } meeting)
            {
                Stamp(meeting, context);
                meeting.Sources.Add(new MeetingSource { MeetingId = meeting.Id, DocumentId = document.Id, AddedAt = now });
                AddFlags(meeting.Id, document.Id, preview.Review, now);
                db.Add(meeting);
                SearchOutbox.Enqueue(db, MeetingSearchSource.SourceName, meeting.Id, now);
                foreach (var outcome in meeting.Outcomes)
                {
                    SearchOutbox.Enqueue(db, OutcomeSearchSource.SourceName, outcome.Id, now);
                }
            }

            if (records.SameMeeting is { } same)
            {
                notes.Add(MergeInto(same, records.Reported!, document, preview.Review, now));
            }

            foreach (var activity in records.Activities)
            {
                Stamp(activity, context);
                activity.SourceDocumentId = document.Id;
                db.Add(activity);
                SearchOutbox.Enqueue(db, ActivitySearchSource.SourceName, activity.Id, now);
            }

            if (context.Actor is { } actor)
            {
                audit.ActAs(actor);
            }

            audit.Record("library.document.import", nameof(LibraryDocument), document.Id, detail:
                $"{preview.FileName}; {document.Kind}; {document.Language}; scope {document.Scope}; meeting {(records.Meeting?.Id ?? records.SameMeeting?.Id)?.ToString() ?? "none"}{(records.SameMeeting is null ? "" : " (merged)")}; {records.Activities.Count} activities", subjectMember: document.OwnerMemberId);

            if (document.Kind == DocumentKind.ProgressReport && preview.ProgressReport is { } report)
            {
                notes.AddRange(await HandProgressReportAsync(document, report, context.Importer, ct));
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            // The context still tracks the rolled-back rows (and the audit chain head): forget them all.
            db.ChangeTracker.Clear();
            if (e is DbUpdateException && await FindExistingAsync(hash, context.Importer, ct) is { } raced)
            {
                return CommandResult<ImportFileResult>.Ok(ImportFileResult.AlreadyImported(preview.FileName, raced));
            }

            logger.LogError(e, "Importing {FileName} failed; nothing was saved.", preview.FileName);
            return CommandResult<ImportFileResult>.Ok(ImportFileResult.Failed(preview.FileName, $"could not be saved, so nothing of it was kept ({e.GetType().Name}: {e.Message})"));
        }

        // The transaction was ours, so SaveChanges did not wake the indexer.
        searchNotifier.Notify();
        return CommandResult<ImportFileResult>.Ok(new ImportFileResult(preview.FileName, ImportStatus.Imported, Summary(document, records, notes),
            document.Id, document.Kind, records.Meeting?.Id ?? records.SameMeeting?.Id, records.Activities.Count, notes));
    }

    private async Task<IReadOnlyList<string>> HandProgressReportAsync(LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct)
    {
        var handlers = progressReportHandlers.ToList();
        if (handlers.Count == 0)
        {
            var rows = KeepProgressReportRows(document, report);
            return [$"progress report with {report.Themes.Count} themes and {rows} actions kept as a document with its table's rows (no module takes its actions)"];
        }

        List<string> notes = [];
        foreach (var handler in handlers)
        {
            var note = await handler.ImportAsync(db, document, report, importer, ct);
            if (!string.IsNullOrWhiteSpace(note))
            {
                notes.Add(note);
            }
        }

        return notes;
    }

    /// <summary>The report's table as rows beside its document, saved in the import's transaction.</summary>
    private int KeepProgressReportRows(LibraryDocument document, ProgressReportInfo report)
    {
        var sequence = 0;
        foreach (var theme in report.Themes)
        {
            foreach (var action in theme.Actions)
            {
                db.Add(new ProgressReportRow
                {
                    DocumentId = document.Id,
                    Sequence = ++sequence,
                    ThemeNumber = theme.Number,
                    ThemeTitle = Truncate(theme.Title, MaxTitleLength),
                    ActionNumber = Truncate(action.Number, 20),
                    ActionText = action.Text,
                    Who = action.WhoRaw,
                    Leads = [.. action.Leads],
                    Funders = [.. action.Funders],
                    Details = [.. action.DetailParagraphs],
                });
            }
        }

        return sequence;
    }

    private static string Summary(LibraryDocument document, ResolvedRecords records, IReadOnlyList<string> notes)
    {
        var parts = new List<string> { $"{LibraryText.KindLabel(document.Kind).ToLowerInvariant()} \"{document.Title}\" ({document.Language})" };
        if (records.Meeting is { } meeting)
        {
            parts.Add($"meeting \"{meeting.Title}\" on {meeting.StartDate:yyyy-MM-dd} with {meeting.Participants.Count} participants, {meeting.AgendaItems.Count} agenda items and {meeting.Outcomes.Count} outcomes");
        }

        parts.Add($"{records.Activities.Count} activities");
        var summary = string.Join("; ", parts);
        return notes.Count == 0 ? summary : $"{summary}. Notes: {string.Join("; ", notes)}";
    }

    /// <summary>Every record of an import gets the import's owner, distribution and grants.</summary>
    private void Stamp<T>(T record, ImportContext c)
        where T : IScopedRecord =>
        Ownership.Stamp(record, c.OwnerMemberId, c.OwnerAgency, c.Scope, db);

    /// <summary>
    /// A document with the same content that counts as this file for <paramref name="viewer"/> (null: the CLI and the
    /// start-up import, which act for the RSO): one the viewer may see, named; or one its own member holds where this
    /// official may not see it (another agency's), unnamed, since each member keeps one copy of a file (the unique
    /// index). Another member's private copy is no duplicate: it neither blocks the import nor is hinted at.
    /// </summary>
    private async Task<ExistingDocument?> FindExistingAsync(string hash, Viewer? viewer, CancellationToken ct)
    {
        var importer = viewer ?? await SupportOfficeViewerAsync(ct);
        var copies = db.Set<LibraryDocument>().AsNoTracking().Where(d => d.ContentHash == hash);
        var visible = await copies.VisibleTo(importer, db).OrderBy(d => d.ImportedAt).Select(d => new { d.Id, d.Title }).FirstOrDefaultAsync(ct);
        if (visible is not null)
        {
            return new ExistingDocument(visible.Id, visible.Title);
        }

        return importer.MemberId is { } member && await copies.AnyAsync(d => d.OwnerMemberId == member, ct) ? new ExistingDocument(null, null) : null;
    }

    /// <summary>The CLI and the start-up import import as the RSO, so they see what an RSO official sees.</summary>
    private async Task<Viewer> SupportOfficeViewerAsync(CancellationToken ct)
    {
        var rso = await db.Set<Member>().Where(m => m.Code == SupportOfficeCode).Select(m => (Guid?)m.Id).SingleOrDefaultAsync(ct);
        return rso is null ? Viewer.Anonymous : new Viewer(null, rso, null, new HashSet<string>());
    }

    /// <summary>The records a draft becomes, with member and body codes turned into ids. Null when the draft is invalid.</summary>
    private async Task<ResolvedRecords?> ResolveAsync(ImportDraft draft, ImportContext context, bool strict, Validation validation, List<string> notes, CancellationToken ct)
    {
        var names = await CatalogAsync(ct);
        var members = await db.Set<Member>().AsNoTracking().Select(m => new { m.Code, m.Id }).ToDictionaryAsync(m => m.Code, m => m.Id, StringComparer.OrdinalIgnoreCase, ct);
        var bodies = await db.Set<Body>().AsNoTracking().Select(b => new { b.Code, b.Id }).ToDictionaryAsync(b => b.Code, b => b.Id, StringComparer.OrdinalIgnoreCase, ct);
        memberCodes = members.ToDictionary(m => m.Value, m => m.Key);

        if (!Enum.IsDefined(draft.Kind))
        {
            validation.Add("kind", "Choose what kind of document this is.");
        }

        var title = Text(draft.Title, "title", "Title", MaxTitleLength, strict, validation);
        var language = (draft.Language ?? "").Trim();
        if (!LanguageTag().IsMatch(language))
        {
            if (strict)
            {
                validation.Add("language", "Language must be a language tag such as en, id, th or km.");
            }
            else
            {
                language = "und";
            }
        }

        Guid? translationOf = null;
        if (draft.TranslationOfId is { } original)
        {
            var documents = db.Set<LibraryDocument>().AsNoTracking();
            var candidates = context.Importer is null ? documents : documents.VisibleTo(context.Importer, db);
            var found = await candidates.Where(d => d.Id == original).Select(d => new { d.Id, d.TranslationOfId }).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                validation.Add("translationOf", "There is no document you may see with the id {0} for this to translate.", original);
            }
            else
            {
                // A translation of a translation belongs to the same original: the family stays one level deep.
                translationOf = found.TranslationOfId ?? found.Id;
            }
        }

        var document = new LibraryDocument { Kind = draft.Kind, Title = title, Date = draft.Date, Language = language.ToLowerInvariant(), TranslationOfId = translationOf };
        Meeting? meeting = null;
        if (draft.Meeting is { } info)
        {
            if (translationOf is not null)
            {
                notes.Add("a translation records no meeting of its own: the meeting belongs to the original");
            }
            else
            {
                meeting = await MeetingAsync(info, context.Importer, members, bodies, strict, validation, notes, ct);
            }
        }

        List<Activity> activities = [];
        if (translationOf is not null && draft.Activities.Count > 0)
        {
            notes.Add("a translation records no activities of its own: they belong to the original");
        }
        else
        {
            var line = 0;
            foreach (var a in draft.Activities)
            {
                line++;
                if (ActivityFrom(a, line, names, members, bodies, strict, validation, notes) is { } activity)
                {
                    activities.Add(activity);
                }
            }
        }

        if (!validation.IsValid)
        {
            return null;
        }

        // The same meeting reported by a second document (a statement and a news article, a corrected reissue) is one
        // meeting with both documents as sources, as far as the importer may see: another member's private record of
        // it is neither named nor merged into.
        var same = meeting is null ? null : await FindSameMeetingAsync(meeting, context.Importer, ct);
        return same is null
            ? new ResolvedRecords(document, meeting, activities)
            : new ResolvedRecords(document, null, activities, same, meeting);
    }

    private async Task<Meeting?> MeetingAsync(MeetingInfo info, Viewer? importer, Dictionary<string, Guid> members, Dictionary<string, Guid> bodies, bool strict,
        Validation validation, List<string> notes, CancellationToken ct)
    {
        var title = Text(info.Title, "meetingTitle", "Meeting title", MaxMeetingTitleLength, strict, validation);
        if (info.EndDate < info.StartDate)
        {
            validation.Add("meetingEnd", "The meeting cannot end before it starts.");
        }

        if (info.Ordinal is { } ordinal && ordinal is < 1 or > 999)
        {
            validation.Add("meetingOrdinal", "The meeting's number must be from 1 to 999.");
        }

        Guid? bodyId = null;
        if (!string.IsNullOrWhiteSpace(info.BodyCode))
        {
            if (bodies.TryGetValue(info.BodyCode.Trim(), out var b))
            {
                bodyId = b;
            }
            else if (strict)
            {
                validation.Add("meetingBody", "There is no body with code '{0}'.", info.BodyCode);
            }
            else
            {
                notes.Add($"body '{info.BodyCode}' is not in the directory; the meeting is recorded without a body");
            }
        }

        var place = OptionalText(info.Place, "meetingPlace", "Place", MaxPlaceLength, strict, validation);
        var meeting = new Meeting
        {
            BodyId = bodyId,
            Ordinal = info.Ordinal,
            Title = title,
            StartDate = info.StartDate,
            EndDate = info.EndDate < info.StartDate ? info.StartDate : info.EndDate,
            Place = place,
            Format = info.Format switch
            {
                MeetingFormat.InPerson => MeetingFormatKind.InPerson,
                MeetingFormat.Virtual => MeetingFormatKind.Virtual,
                MeetingFormat.Hybrid => MeetingFormatKind.Hybrid,
                _ => null,
            },
        };

        meeting.Participants = Participants(meeting.Id, info, members, strict, validation, notes);

        var number = 0;
        foreach (var item in info.AgendaItems)
        {
            number++;
            var itemTitle = ImportNames.CleanText(item.Title);
            if (itemTitle.Length == 0)
            {
                validation.Add("agenda", "Agenda item {0} has no title.", number);
                continue;
            }

            meeting.AgendaItems.Add(new AgendaItem { MeetingId = meeting.Id, Number = item.Number > 0 ? item.Number : number, Title = Truncate(itemTitle, MaxTitleLength) });
        }

        var sequence = 0;
        foreach (var outcome in info.Outcomes)
        {
            var text = ImportNames.CleanText(outcome.Text);
            if (text.Length == 0 || !Enum.IsDefined(outcome.Verb))
            {
                validation.Add("outcomes", "Outcome {0} needs a verb and a text.", sequence + 1);
                continue;
            }

            meeting.Outcomes.Add(new MeetingOutcome { MeetingId = meeting.Id, Sequence = ++sequence, Verb = outcome.Verb, Text = text });
        }

        if (!validation.IsValid)
        {
            return null;
        }

        return meeting;
    }

    private static Activity? ActivityFrom(ActivityInfo a, int line, NameCatalog names, Dictionary<string, Guid> members, Dictionary<string, Guid> bodies, bool strict,
        Validation validation, List<string> notes)
    {
        var valid = true;
        if (a.Year is < 1990 or > 2100 || a.Month is < 1 or > 12 || (a.Day is { } day && (day < 1 || day > DateTime.DaysInMonth(Math.Clamp(a.Year, 1990, 2100), Math.Clamp(a.Month, 1, 12)))))
        {
            validation.Add("activities", "Activity {0}: the date must be a real date from 1990 on, written as YYYY-MM or YYYY-MM-DD.", line);
            valid = false;
        }

        var title = ImportNames.CleanText(a.Title);
        if (title.Length == 0)
        {
            validation.Add("activities", "Activity {0}: the title is required.", line);
            valid = false;
        }

        if (!Enum.IsDefined(a.Kind))
        {
            validation.Add("activities", "Activity {0}: choose a kind of activity.", line);
            valid = false;
        }

        Guid? bodyId = null;
        if (!string.IsNullOrWhiteSpace(a.BodyCode))
        {
            if (bodies.TryGetValue(a.BodyCode.Trim(), out var b))
            {
                bodyId = b;
            }
            else if (strict)
            {
                validation.Add("activities", "Activity {0}: there is no body with code '{1}'.", line, a.BodyCode);
                valid = false;
            }
            else
            {
                notes.Add($"activity {line}: body '{a.BodyCode}' is not in the directory; recorded without a body");
            }
        }

        Guid? coordinatorId = null;
        if (!string.IsNullOrWhiteSpace(a.Coordinator))
        {
            // The recognizer gives a member code when the name resolves, the name as written otherwise.
            var coordinator = a.Coordinator.Trim();
            var code = members.ContainsKey(coordinator) ? coordinator : names.Resolve(coordinator)?.Code;
            if (code is not null && members.TryGetValue(code, out var m))
            {
                coordinatorId = m;
            }
            else if (strict)
            {
                validation.Add("activities", "Activity {0}: the coordinator '{1}' is not a member code.", line, coordinator);
                valid = false;
            }
            else
            {
                notes.Add($"activity {line}: coordinator '{coordinator}' is not a member in the directory; recorded without a coordinator");
            }
        }

        if (!valid)
        {
            return null;
        }

        return new Activity
        {
            Year = a.Year,
            Month = a.Month,
            Day = a.Day,
            Title = Truncate(title, MaxTitleLength),
            Place = ImportNames.CleanText(a.Place) is { Length: > 0 } place ? Truncate(place, MaxPlaceLength) : null,
            CoordinatorMemberId = coordinatorId,
            BodyId = bodyId,
            Kind = a.Kind,
            Produced = ImportNames.CleanText(a.Produced) is { Length: > 0 } produced ? produced : null,
        };
    }

    /// <summary>
    /// The recognizer's name catalogue, from the database Directory: the reference data shipped with the platform, with
    /// every variant and former name the Directory now holds for each entry (a name an administrator linked to a member
    /// is matched by every later import), plus any member or body an administrator added.
    /// </summary>
    public async Task<NameCatalog> CatalogAsync(CancellationToken ct) => catalog ??= await DirectoryCatalogAsync(db, ct);

    /// <summary>The catalogue <see cref="CatalogAsync"/> gives, built afresh: what reads a stored text again must use it to see what the import saw.</summary>
    public static async Task<NameCatalog> DirectoryCatalogAsync(AppDbContext db, CancellationToken ct)
    {
        NameCatalog reference;
        await using (var json = ReferenceData.OpenJson())
        {
            reference = NameCatalog.FromReferenceJson(json);
        }

        var members = await db.Set<Member>().AsNoTracking().ToDictionaryAsync(m => m.Code, StringComparer.OrdinalIgnoreCase, ct);
        var bodies = await db.Set<Body>().AsNoTracking().ToDictionaryAsync(b => b.Code, StringComparer.OrdinalIgnoreCase, ct);
        var known = reference.Entries.Select(e => e.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var entries = reference.Entries.Select(e =>
        {
            IEnumerable<string> held = members.TryGetValue(e.Code, out var m) ? [m.Name, .. m.Variants, .. m.FormerNames]
                : bodies.TryGetValue(e.Code, out var b) ? [b.Name, .. b.Variants] : [];
            var extra = held.Where(n => !string.IsNullOrWhiteSpace(n) && !string.Equals(n, e.Name, StringComparison.Ordinal)).ToList();
            return extra.Count == 0 ? e : e with { Variants = [.. e.Variants.Concat(extra).Distinct(StringComparer.Ordinal)] };
        });
        var added = members.Values.Where(m => !known.Contains(m.Code))
            .Select(m => new NameEntry(m.Code, m.Name, [.. m.Variants, .. m.FormerNames], m.IsObserver,
                m.Kind is MemberKind.MemberOrganisation or MemberKind.ObserverOrganisation or MemberKind.SupportOffice))
            .Concat(bodies.Values.Where(b => !known.Contains(b.Code)).Select(b => new NameEntry(b.Code, b.Name, b.Variants, false, false, IsBody: true)));
        return new NameCatalog(entries.Concat(added));
    }

    private static string Text(string? value, string field, string label, int maxLength, bool strict, Validation validation)
    {
        var text = ImportNames.CleanText(value);
        if (strict || text.Length == 0)
        {
            validation.Require(field, text, label, maxLength);
        }

        return Truncate(text, maxLength);
    }

    private static string? OptionalText(string? value, string field, string label, int maxLength, bool strict, Validation validation)
    {
        var text = ImportNames.CleanText(value);
        if (text.Length == 0)
        {
            return null;
        }

        if (strict && text.Length > maxLength)
        {
            validation.Add(field, label + " must be at most {0} characters.", maxLength);
        }

        return Truncate(text, maxLength);
    }

    private static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Never cut a character outside the BMP in half: a lone surrogate cannot be stored as UTF-8.
        var keep = char.IsHighSurrogate(text[maxLength - 2]) ? maxLength - 2 : maxLength - 1;
        return text[..keep].TrimEnd() + "…";
    }

    /// <param name="Meeting">A new meeting to record.</param>
    /// <param name="SameMeeting">The meeting already recorded that this document reports too (tracked), and <paramref name="Reported"/> what the document says of it.</param>
    private sealed record ResolvedRecords(LibraryDocument Document, Meeting? Meeting, List<Activity> Activities, Meeting? SameMeeting = null, Meeting? Reported = null);

    [GeneratedRegex("^(?:und|[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
