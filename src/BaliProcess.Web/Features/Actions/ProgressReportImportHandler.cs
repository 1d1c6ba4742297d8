using System.Globalization;
using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>
/// The choices made on the Actions import page, for the handler that runs inside the Library's import in the same
/// request. Left unset (the CLI, the start-up import, the Library's own upload page) every quantity found is captured.
/// </summary>
public sealed class ProgressReportImportChoices
{
    /// <summary>Keys (<see cref="ProgressReportReading.QuantityKey"/>) of the quantities to capture as indicator values; null captures all.</summary>
    public IReadOnlySet<string>? CaptureQuantities { get; set; }
}

/// <summary>
/// Turns an imported progress report into tracker records, inside the Library's import transaction: themes, actions
/// with their "Who" text and resolved leads and funders, one status update per action dated at the report's date and
/// carrying its details, and the chosen quantities as indicator values. The actions take the document's distribution
/// (a public report gives public actions). Importing the same report again, even from another file, adds nothing:
/// themes, actions, updates and values already recorded are recognised and left alone.
/// An action that is already in the tracker is changed (status update, status, indicator values) only as a direct
/// update could change it: by an importer who may update it (<see cref="ActionAccess.CanUpdateAsync"/>; the system's
/// own imports have no importer), and only from a file that everyone who reads the action may read, so that no text
/// reaches readers the file does not. Anything else is left for a person allowed to change it, and the summary says
/// which actions and why.
/// </summary>
public sealed class ProgressReportImportHandler(AuditLog audit, TimeProvider time, ProgressReportImportChoices choices) : IProgressReportImportHandler
{
    public async Task<string> ImportAsync(AppDbContext db, LibraryDocument document, ProgressReportInfo report, Viewer? importer, CancellationToken ct)
    {
        var readings = ProgressReportReading.Read(report);
        if (readings.Count == 0)
        {
            return "no actions found in the progress report table, so nothing was added to the tracker";
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reportDate = report.Date ?? document.Date ?? DateOnly.FromDateTime(now);
        var strategy = $"Bali Process Strategy ({reportDate.Year.ToString(CultureInfo.InvariantCulture)} progress report)";
        var parties = await PartyDirectory.LoadAsync(db, ct);
        var grants = GrantsOf(db, document);
        var refusedLead = new List<string>();
        var refusedScope = new List<string>();
        var themes = await db.Set<ActionTheme>().ToListAsync(ct);
        var narrativeAuthor = document.Title.Length > 256 ? document.Title[..256] : document.Title;
        var counts = new ImportCounts();

        foreach (var themeGroup in readings.GroupBy(r => (r.ThemeNumber, r.ThemeTitle)))
        {
            var theme = FindTheme(themes, themeGroup.Key.ThemeNumber, themeGroup.Key.ThemeTitle, strategy);
            if (theme is null)
            {
                theme = new ActionTheme { Number = themeGroup.Key.ThemeNumber, Title = Cut(themeGroup.Key.ThemeTitle, 300), Strategy = strategy };
                db.Add(theme);
                themes.Add(theme);
                counts.Themes++;
            }

            foreach (var reading in themeGroup)
            {
                var action = await db.Set<TrackedAction>().Include(a => a.Indicators).ThenInclude(i => i.Values)
                    .FirstOrDefaultAsync(a => a.ThemeId == theme.Id && a.Number == reading.Number, ct)
                    ?? db.ChangeTracker.Entries<TrackedAction>().Select(e => e.Entity).FirstOrDefault(a => a.ThemeId == theme.Id && a.Number == reading.Number);
                var isNew = action is null;
                if (action is null)
                {
                    action = NewAction(document, theme, reading, parties, reportDate, now);
                    Ownership.StampFrom(action, document, grants, db);
                    db.Add(action);
                    counts.Actions++;
                }
                else if (db.Entry(action).State != EntityState.Added
                    && await RefusalAsync(db, document, grants, action, importer, ct) is { } refusal)
                {
                    (refusal == Refusal.NotLead ? refusedLead : refusedScope).Add(action.Number);
                    continue;
                }

                var narrative = string.Join("\n\n", reading.Paragraphs);
                var update = await db.Set<StatusUpdate>().FirstOrDefaultAsync(u => u.ActionId == action.Id && u.AsOf == reportDate && u.Narrative == narrative, ct);
                if (update is null)
                {
                    update = new StatusUpdate
                    {
                        ActionId = action.Id,
                        AsOf = reportDate,
                        Status = reading.Status.Status,
                        Narrative = narrative,
                        AuthorUserId = importer?.UserId,
                        AuthorName = narrativeAuthor,
                        RecordedAt = now,
                        SourceDocumentId = document.Id,
                    };
                    db.Add(update);
                    counts.Updates++;
                    if (!isNew)
                    {
                        var latest = await db.Set<StatusUpdate>().Where(u => u.ActionId == action.Id).MaxAsync(u => (DateOnly?)u.AsOf, ct);
                        if (latest is null || reportDate >= latest)
                        {
                            action.Status = reading.Status.Status;
                            action.LastUpdatedAt = Later(action.LastUpdatedAt, reportDate);
                        }
                    }
                }

                foreach (var quantity in reading.Quantities.Where(q => choices.CaptureQuantities?.Contains(q.Key) ?? true))
                {
                    counts.Values += Capture(db, action, quantity, reportDate, update.Id) ? 1 : 0;
                }

                SearchOutbox.Enqueue(db, ActionSearchSource.SourceName, action.Id, now);
            }
        }

        audit.Record("actions.import", nameof(LibraryDocument), document.Id,
            detail: $"{document.Title}: {counts.Themes} new themes, {counts.Actions} new actions, {counts.Updates} status updates, {counts.Values} indicator values; scope {document.Scope}"
                + (refusedLead.Count + refusedScope.Count > 0 ? $"; left unchanged: {string.Join(", ", refusedLead.Concat(refusedScope))}" : ""),
            subjectMember: document.OwnerMemberId);
        var summary = counts.Actions == 0 && counts.Updates == 0 && counts.Values == 0
            ? $"the report's {readings.Count} actions were already in the tracker; nothing was added"
            : $"tracker: {readings.Count} actions read, {counts.Actions} added, {counts.Updates} status updates and {counts.Values} indicator values recorded";
        if (refusedLead.Count > 0)
        {
            summary += $". Not recorded for actions {string.Join(", ", refusedLead)}: you do not lead them, so a lead or the RSO's platform administrator must record their status";
        }

        if (refusedScope.Count > 0)
        {
            summary += $". Not recorded for actions {string.Join(", ", refusedScope)}: they are shared more widely than this file, so its text would reach readers who may not read the file; import it with a scope at least as wide as theirs, or add the update on the action's page";
        }

        return summary;
    }

    private enum Refusal
    {
        NotLead,
        NarrowerFile,
    }

    /// <summary>Why the import may not change an action already in the tracker, or null when it may (see the class summary).</summary>
    private static async Task<Refusal?> RefusalAsync(AppDbContext db, LibraryDocument document, IReadOnlyList<Guid> documentGrants,
        TrackedAction action, Viewer? importer, CancellationToken ct)
    {
        if (importer is not null
            && (!importer.HasScope(ApiScopes.ActionsWrite)
                || !await ActionAccess.Readable(db, importer).AnyAsync(a => a.Id == action.Id, ct)
                || !await ActionAccess.CanUpdateAsync(db, importer, action.Id, ct)))
        {
            return Refusal.NotLead;
        }

        var actionGrants = await db.Set<ScopeGrant>().AsNoTracking().Where(g => g.RecordId == action.Id).Select(g => g.MemberId).ToListAsync(ct);
        return AccessRule.Covers(document, documentGrants, action, actionGrants) ? null : Refusal.NarrowerFile;
    }

    private static TrackedAction NewAction(LibraryDocument document, ActionTheme theme, ActionReading reading, PartyDirectory parties, DateOnly reportDate, DateTime now)
    {
        var action = new TrackedAction
        {
            ThemeId = theme.Id,
            Number = Cut(reading.Number, 20),
            Text = reading.Text,
            OriginDocumentId = document.Id,
            WhoText = Cut(reading.Who, 500),
            Status = reading.Status.Status,
            DueDate = reading.DueDate,
            CreatedAt = now,
            // The report's date is when these details were written: "not updated since" counts from it, not from the import.
            LastUpdatedAt = Later(null, reportDate),
        };
        var position = 0;
        foreach (var lead in reading.Leads.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            action.Parties.Add(parties.Party(action.Id, PartyRole.Lead, lead, position++));
        }

        foreach (var funder in reading.Funders.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            action.Parties.Add(parties.Party(action.Id, PartyRole.Funder, funder, position++));
        }

        return action;
    }

    /// <summary>Adds the quantity as a value of the action's indicator of that unit, unless the same value of the same date is there.</summary>
    private static bool Capture(AppDbContext db, TrackedAction action, FoundQuantity quantity, DateOnly asOf, Guid updateId)
    {
        var (name, unit) = ProgressReportReading.IndicatorOf(quantity.Unit);
        name = Cut(name, 200);
        var indicator = action.Indicators.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        if (indicator is null)
        {
            // Added explicitly: a child with a preset key found only through a navigation would be taken for an existing row.
            indicator = new Indicator { ActionId = action.Id, Name = name, Unit = Cut(unit, 100) };
            db.Add(indicator);
            action.Indicators.Add(indicator);
        }

        if (indicator.Values.Any(v => v.AsOf == asOf && Math.Abs(v.Value - quantity.Value) < 1e-9))
        {
            return false;
        }

        var value = new IndicatorValue { IndicatorId = indicator.Id, AsOf = asOf, Value = quantity.Value, Note = Cut(quantity.Phrase, 1000), SourceUpdateId = updateId };
        db.Add(value);
        indicator.Values.Add(value);
        return true;
    }

    /// <summary>
    /// A theme of an earlier import with the same number and title is the same theme (so a later report updates the
    /// same actions); otherwise the strategy's own theme of that number.
    /// </summary>
    private static ActionTheme? FindTheme(List<ActionTheme> themes, int number, string title, string strategy) =>
        themes.FirstOrDefault(t => t.Number == number && string.Equals(Normalise(t.Title), Normalise(title), StringComparison.OrdinalIgnoreCase))
        ?? themes.FirstOrDefault(t => t.Number == number && t.Strategy == strategy);

    private static string Normalise(string title) => string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.');

    /// <summary>The document's named members, read from the rows the Library is adding in this transaction.</summary>
    private static List<Guid> GrantsOf(AppDbContext db, LibraryDocument document) =>
        document.Scope != DistributionScope.NamedMembers
            ? []
            : db.ChangeTracker.Entries<ScopeGrant>().Select(e => e.Entity).Where(g => g.RecordId == document.Id).Select(g => g.MemberId)
                .Concat(db.Set<ScopeGrant>().AsNoTracking().Where(g => g.RecordId == document.Id).Select(g => g.MemberId))
                .Distinct().ToList();

    private static DateTime Later(DateTime? current, DateOnly date)
    {
        var instant = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return current is { } c && c > instant ? c : instant;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private sealed class ImportCounts
    {
        public int Themes { get; set; }

        public int Actions { get; set; }

        public int Updates { get; set; }

        public int Values { get; set; }
    }
}

/// <summary>
/// Members and bodies by code, name and variant, for the leads and funders of a report: "RSO" and "BGD" are codes,
/// "NZ" and "Canada" are a variant and a name. A member wins over a body of the same code (the RSO is both).
/// </summary>
internal sealed class PartyDirectory
{
    private readonly Dictionary<string, (Guid? MemberId, Guid? BodyId, string Code)> byKey = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<PartyDirectory> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var directory = new PartyDirectory();
        var members = await db.Set<Member>().AsNoTracking().ToListAsync(ct);
        var bodies = await db.Set<Body>().AsNoTracking().ToListAsync(ct);
        foreach (var m in members)
        {
            foreach (var key in new[] { m.Code, m.Name }.Concat(m.Variants))
            {
                directory.byKey.TryAdd(key.Trim(), (m.Id, null, m.Code));
            }
        }

        foreach (var b in bodies)
        {
            foreach (var key in new[] { b.Code, b.Name }.Concat(b.Variants))
            {
                directory.byKey.TryAdd(key.Trim(), (null, b.Id, b.Code));
            }
        }

        return directory;
    }

    /// <summary>Whether the text is a code, name or variant of a member or body.</summary>
    public bool Contains(string text) => byKey.ContainsKey(text.Trim());

    public ActionParty Party(Guid actionId, PartyRole role, string text, int position)
    {
        var label = text.Trim();
        if (byKey.TryGetValue(label, out var found))
        {
            return new ActionParty { ActionId = actionId, Role = role, MemberId = found.MemberId, BodyId = found.BodyId, Label = found.Code, Position = position };
        }

        return new ActionParty { ActionId = actionId, Role = role, Label = label.Length <= 200 ? label : label[..199] + "…", Position = position };
    }
}
