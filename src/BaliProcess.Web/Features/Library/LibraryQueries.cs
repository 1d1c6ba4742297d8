using BaliProcess.Documents;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Library;

public sealed record MeetingSummaryView(Guid Id, string? BodyCode, string? BodyName, int? Ordinal, string Title, DateOnly StartDate, DateOnly EndDate,
    string? Place, MeetingFormatKind? Format, int ParticipantCount, int OutcomeCount);

/// <param name="Code">The Directory code; null for a participant kept by name that no one has linked yet.</param>
/// <param name="Id">The participant row, which the link route names.</param>
public sealed record ParticipantView(Guid Id, string? Code, string Name, ParticipantRole Role, bool IsState)
{
    public bool IsLinked => Code is not null;
}

public sealed record AgendaItemView(int Number, string Title);

public sealed record OutcomeView(Guid Id, int Sequence, OutcomeVerb Verb, string Text);

public sealed record DocumentSummaryView(Guid Id, DocumentKind Kind, string Title, DateOnly? Date, string Language, Guid? TranslationOfId,
    string OriginalFileName, long SizeBytes, DistributionScope Scope);

public sealed record MeetingDetailView(MeetingSummaryView Meeting, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<AgendaItemView> Agenda,
    IReadOnlyList<OutcomeView> Outcomes, IReadOnlyList<DocumentSummaryView> Documents);

public sealed record ActivityView(Guid Id, int Year, int Month, int? Day, string Title, string? Place, string? CoordinatorCode, string? CoordinatorName,
    string? BodyCode, string? BodyName, ActivityKind Kind, string? Produced, Guid? SourceDocumentId);

public sealed record TranslationView(Guid Id, string Language, string Title, bool IsOriginal);

/// <param name="Text">The document's text, at most <see cref="LibraryQueries.MaxTextCharacters"/> characters of it.</param>
/// <param name="TextTruncated">True when <paramref name="Text"/> is the beginning of a longer text.</param>
/// <param name="TextLength">The whole text's length in characters.</param>
public sealed record DocumentDetailView(DocumentSummaryView Document, string OwnerMemberCode, string OwnerMemberName, string ContentHash, DateTime ImportedAt,
    string Text, IReadOnlyList<TranslationView> Translations, Guid? MeetingId, int ActivityCount, ProgressReportInfo? ProgressReport,
    bool TextTruncated, int TextLength);

/// <summary>A guide and the languages it exists in, as the reader may see them: one row of the coverage matrix.</summary>
public sealed record TranslationFamilyView(Guid OriginalId, string Title, IReadOnlyDictionary<string, Guid> ByLanguage);

public sealed record DocumentFileView(string FileName, string ContentType, byte[] Content);

public sealed record LibraryFilters(string? Body = null, int? Year = null, ActivityKind? ActivityKind = null, DocumentKind? DocumentKind = null,
    string? Language = null, int Skip = 0, int Take = 100);

/// <summary>Every read of the Library module. Each query starts from <c>VisibleTo(viewer, db)</c>: lists, details, counts and files alike.</summary>
public static class LibraryQueries
{
    public const int MaxTake = 500;

    private static readonly System.Linq.Expressions.Expression<Func<LibraryDocument, DocumentSummaryView>> SummaryOf =
        d => new DocumentSummaryView(d.Id, d.Kind, d.Title, d.Date, d.Language, d.TranslationOfId, d.OriginalFileName, d.SizeBytes, d.Scope);

    public static async Task<List<MeetingSummaryView>> MeetingsAsync(AppDbContext db, Viewer viewer, LibraryFilters filters, CancellationToken ct)
    {
        var meetings = db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db);
        if (!string.IsNullOrWhiteSpace(filters.Body))
        {
            var code = filters.Body.Trim().ToUpperInvariant();
            meetings = meetings.Where(m => db.Set<Body>().Any(b => b.Id == m.BodyId && b.Code == code));
        }

        if (filters.Year is { } year && year is > 0 and < 9999)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            meetings = meetings.Where(m => m.StartDate >= from && m.StartDate < to);
        }

        return await meetings
            .OrderByDescending(m => m.StartDate).ThenBy(m => m.Title)
            .Skip(Math.Max(0, filters.Skip)).Take(Math.Clamp(filters.Take, 1, MaxTake))
            .Select(SummaryProjection(db))
            .ToListAsync(ct);
    }

    public static async Task<MeetingDetailView?> MeetingAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct)
    {
        var meeting = await db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db).Where(m => m.Id == id).Select(SummaryProjection(db)).SingleOrDefaultAsync(ct);
        if (meeting is null)
        {
            return null;
        }

        var participants = await (from p in db.Set<MeetingParticipant>().AsNoTracking()
                                  where p.MeetingId == id
                                  join m in db.Set<Member>() on p.MemberId equals (Guid?)m.Id into linked
                                  from m in linked.DefaultIfEmpty()
                                  select new { p.Id, Code = m == null ? null : m.Code, Name = m == null ? p.Name ?? "" : m.Name, p.Role, Kind = m == null ? (MemberKind?)null : m.Kind })
            .ToListAsync(ct);
        var agenda = await db.Set<AgendaItem>().AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Number)
            .Select(a => new AgendaItemView(a.Number, a.Title)).ToListAsync(ct);
        var outcomes = await db.Set<MeetingOutcome>().AsNoTracking().Where(o => o.MeetingId == id).OrderBy(o => o.Sequence)
            .Select(o => new OutcomeView(o.Id, o.Sequence, o.Verb, o.Text)).ToListAsync(ct);
        // Every source the viewer may see, with the translations of each.
        var sources = db.Set<MeetingSource>().Where(x => x.MeetingId == id).Select(x => x.DocumentId);
        var documents = await DocumentsQuery(db, viewer).Where(d => sources.Contains(d.Id) || (d.TranslationOfId != null && sources.Contains(d.TranslationOfId.Value)))
            .OrderBy(d => d.TranslationOfId != null).ThenBy(d => d.Date).ThenBy(d => d.Language)
            .Select(SummaryOf).ToListAsync(ct);

        return new MeetingDetailView(
            meeting,
            participants
                .OrderBy(p => p.Role)
                .ThenBy(p => p.Code is null ? 2 : p.Kind is MemberKind.MemberState or MemberKind.ObserverState ? 0 : 1)
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new ParticipantView(p.Id, p.Code, p.Name, p.Role, p.Kind is MemberKind.MemberState or MemberKind.ObserverState))
                .ToList(),
            agenda,
            outcomes,
            documents);
    }

    public static async Task<List<ActivityView>> ActivitiesAsync(AppDbContext db, Viewer viewer, LibraryFilters filters, CancellationToken ct)
    {
        var activities = db.Set<Activity>().AsNoTracking().VisibleTo(viewer, db);
        if (!string.IsNullOrWhiteSpace(filters.Body))
        {
            var code = filters.Body.Trim().ToUpperInvariant();
            activities = activities.Where(a => db.Set<Body>().Any(b => b.Id == a.BodyId && b.Code == code));
        }

        if (filters.Year is { } year)
        {
            activities = activities.Where(a => a.Year == year);
        }

        if (filters.ActivityKind is { } kind)
        {
            activities = activities.Where(a => a.Kind == kind);
        }

        var visibleDocuments = DocumentsQuery(db, viewer).Select(d => d.Id);
        return await activities
            .OrderBy(a => a.Year).ThenBy(a => a.Month).ThenBy(a => a.Day).ThenBy(a => a.Title)
            .Skip(Math.Max(0, filters.Skip)).Take(Math.Clamp(filters.Take, 1, MaxTake))
            .Select(a => new ActivityView(
                a.Id, a.Year, a.Month, a.Day, a.Title, a.Place,
                db.Set<Member>().Where(m => m.Id == a.CoordinatorMemberId).Select(m => m.Code).FirstOrDefault(),
                db.Set<Member>().Where(m => m.Id == a.CoordinatorMemberId).Select(m => m.Name).FirstOrDefault(),
                db.Set<Body>().Where(b => b.Id == a.BodyId).Select(b => b.Code).FirstOrDefault(),
                db.Set<Body>().Where(b => b.Id == a.BodyId).Select(b => b.Name).FirstOrDefault(),
                a.Kind, a.Produced,
                // The source document is named only to a reader who may see it.
                a.SourceDocumentId != null && visibleDocuments.Contains(a.SourceDocumentId.Value) ? a.SourceDocumentId : null))
            .ToListAsync(ct);
    }

    /// <summary>The years that have activities the viewer may see, for the timeline's filter.</summary>
    public static Task<List<int>> ActivityYearsAsync(AppDbContext db, Viewer viewer, CancellationToken ct) =>
        db.Set<Activity>().AsNoTracking().VisibleTo(viewer, db).Select(a => a.Year).Distinct().OrderBy(y => y).ToListAsync(ct);

    public static async Task<List<DocumentSummaryView>> DocumentsAsync(AppDbContext db, Viewer viewer, LibraryFilters filters, CancellationToken ct) =>
        await Filtered(db, viewer, filters)
            .OrderBy(d => d.Date == null).ThenByDescending(d => d.Date).ThenBy(d => d.Title)
            .Skip(Math.Max(0, filters.Skip)).Take(Math.Clamp(filters.Take, 1, MaxTake))
            .Select(SummaryOf)
            .ToListAsync(ct);

    public static Task<int> DocumentCountAsync(AppDbContext db, Viewer viewer, LibraryFilters filters, CancellationToken ct) =>
        Filtered(db, viewer, filters).CountAsync(ct);

    public static Task<List<string>> DocumentLanguagesAsync(AppDbContext db, Viewer viewer, CancellationToken ct) =>
        DocumentsQuery(db, viewer).Select(d => d.Language).Distinct().OrderBy(l => l).ToListAsync(ct);

    public static async Task<DocumentDetailView?> DocumentAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct)
    {
        // The text is cut in the database: a row from before the extraction limits may hold hundreds of megabytes.
        var row = await (from d in DocumentsQuery(db, viewer)
                         where d.Id == id
                         join m in db.Set<Member>() on d.OwnerMemberId equals m.Id
                         select new
                         {
                             d.Id, d.Kind, d.Title, d.Date, d.Language, d.TranslationOfId, d.OriginalFileName, d.SizeBytes, d.Scope,
                             d.ContentHash, d.ImportedAt, TextLength = d.Text.Length, Excerpt = d.Text.Substring(0, MaxTextCharacters),
                             m.Code, m.Name,
                         })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var truncated = row.TextLength > MaxTextCharacters;
        var text = truncated ? CutAtCharacter(row.Excerpt, MaxTextCharacters) : row.Excerpt;
        var original = row.TranslationOfId ?? row.Id;
        var family = await DocumentsQuery(db, viewer)
            .Where(x => x.Id == original || x.TranslationOfId == original)
            .Select(x => new TranslationView(x.Id, x.Language, x.Title, x.TranslationOfId == null))
            .ToListAsync(ct);
        var meetingId = await db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db)
            .Where(m => db.Set<MeetingSource>().Any(x => x.MeetingId == m.Id && x.DocumentId == id)).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
        var activityCount = await db.Set<Activity>().AsNoTracking().VisibleTo(viewer, db).CountAsync(a => a.SourceDocumentId == id, ct);

        // The report's table is read again from the stored text, which gives the rows the import saw (recognition is
        // deterministic, and the catalogue is the Directory's, as the import's), whether the Actions module took them or they were kept as progress_report_rows. A text
        // too long to show whole is not read again: its rows would be the excerpt's, not the report's.
        var report = row.Kind == DocumentKind.ProgressReport && !truncated
            ? new DocumentRecognizer(await DocumentImporter.DirectoryCatalogAsync(db, ct)).Recognize(text, row.OriginalFileName).ProgressReport
            : null;

        return new DocumentDetailView(
            new DocumentSummaryView(row.Id, row.Kind, row.Title, row.Date, row.Language, row.TranslationOfId, row.OriginalFileName, row.SizeBytes, row.Scope),
            row.Code, row.Name, row.ContentHash, row.ImportedAt, text,
            family.OrderBy(t => !t.IsOriginal).ThenBy(t => t.Language, StringComparer.Ordinal).ToList(),
            meetingId, activityCount, report, truncated, row.TextLength);
    }

    /// <summary>
    /// The most characters of a document's text that a detail answer (API or page) carries; a longer text is cut and
    /// says so (<see cref="DocumentDetailView.TextTruncated"/>), and the whole file stays downloadable.
    /// </summary>
    public const int MaxTextCharacters = 200_000;

    private static string CutAtCharacter(string text, int maxLength)
    {
        var cut = text.Length <= maxLength ? text : text[..maxLength];
        return cut.Length > 0 && char.IsHighSurrogate(cut[^1]) ? cut[..^1] : cut;
    }

    public static async Task<DocumentFileView?> DocumentFileAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct) =>
        await (from d in DocumentsQuery(db, viewer)
               where d.Id == id
               join f in db.Set<DocumentFile>() on d.Id equals f.DocumentId
               select new DocumentFileView(d.OriginalFileName, d.ContentType, f.Content))
            .SingleOrDefaultAsync(ct);

    /// <summary>Guides that exist in more than one language the viewer may see, with each language's document.</summary>
    public static async Task<List<TranslationFamilyView>> TranslationFamiliesAsync(AppDbContext db, Viewer viewer, CancellationToken ct)
    {
        var translated = DocumentsQuery(db, viewer).Where(d => d.TranslationOfId != null);
        var rows = await DocumentsQuery(db, viewer)
            .Where(d => (d.TranslationOfId == null && translated.Any(t => t.TranslationOfId == d.Id)) || d.TranslationOfId != null)
            .Select(d => new { d.Id, d.TranslationOfId, d.Language, d.Title })
            .ToListAsync(ct);
        return rows
            .GroupBy(r => r.TranslationOfId ?? r.Id)
            .Select(g =>
            {
                var original = g.FirstOrDefault(r => r.Id == g.Key);
                var byLanguage = new Dictionary<string, Guid>(StringComparer.Ordinal);
                foreach (var r in g.OrderBy(r => r.TranslationOfId != null))
                {
                    byLanguage.TryAdd(r.Language, r.Id);
                }

                return new TranslationFamilyView(g.Key, original?.Title ?? g.First().Title, byLanguage);
            })
            .OrderBy(f => f.Title, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Documents the viewer may choose as the original of a translation.</summary>
    public static Task<List<DocumentSummaryView>> OriginalsAsync(AppDbContext db, Viewer viewer, CancellationToken ct) =>
        DocumentsQuery(db, viewer).Where(d => d.TranslationOfId == null).OrderBy(d => d.Title).Take(MaxTake).Select(SummaryOf).ToListAsync(ct);

    private static IQueryable<LibraryDocument> DocumentsQuery(AppDbContext db, Viewer viewer) =>
        db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db);

    private static IQueryable<LibraryDocument> Filtered(AppDbContext db, Viewer viewer, LibraryFilters filters)
    {
        var documents = DocumentsQuery(db, viewer);
        if (filters.DocumentKind is { } kind)
        {
            documents = documents.Where(d => d.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(filters.Language))
        {
            var language = filters.Language.Trim().ToLowerInvariant();
            documents = documents.Where(d => d.Language == language);
        }

        if (filters.Year is { } year && year is > 0 and < 9999)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
            documents = documents.Where(d => d.Date >= from && d.Date < to);
        }

        return documents;
    }

    private static System.Linq.Expressions.Expression<Func<Meeting, MeetingSummaryView>> SummaryProjection(AppDbContext db) =>
        m => new MeetingSummaryView(
            m.Id,
            db.Set<Body>().Where(b => b.Id == m.BodyId).Select(b => b.Code).FirstOrDefault(),
            db.Set<Body>().Where(b => b.Id == m.BodyId).Select(b => b.Name).FirstOrDefault(),
            m.Ordinal, m.Title, m.StartDate, m.EndDate, m.Place, m.Format,
            m.Participants.Count, m.Outcomes.Count);
}
