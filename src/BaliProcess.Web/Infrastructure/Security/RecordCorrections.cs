using System.Text.Json;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BaliProcess.Web.Infrastructure.Security;

public enum RevisionKind
{
    Edited,
    Withdrawn,
    Restored,
}

/// <summary>
/// One correction of a record of any module (a document, a meeting, a focal point, an action, a status update): the
/// fields it changed with their previous and new values, why, who and when. Rows are only ever added, so the record's
/// history, and an original that a correction replaced, stay readable.
/// </summary>
public sealed class RecordRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The kind of record ("LibraryDocument", "Meeting", "StatusUpdate"…), the entity's type name.</summary>
    public string RecordType { get; set; } = "";

    public Guid RecordId { get; set; }

    /// <summary>The record whose history shows this revision (an action for its status updates); the record itself otherwise.</summary>
    public Guid HistoryOfId { get; set; }

    public RevisionKind Kind { get; set; }

    /// <summary>JSON array of <see cref="FieldChange"/>.</summary>
    public string Changes { get; set; } = "[]";

    public string Reason { get; set; } = "";

    public Guid? ByUserId { get; set; }

    public Guid? ByMemberId { get; set; }

    public Guid? ByApiKeyId { get; set; }

    public DateTime At { get; set; }
}

/// <summary>One field of a correction: its name and its value before and after, as text.</summary>
public sealed record FieldChange(string Field, string? From, string? To);

public sealed record RevisionView(DateTime At, RevisionKind Kind, string RecordType, string Reason, string By, IReadOnlyList<FieldChange> Changes);

public sealed record WithdrawalView(DateTime At, string Reason);

/// <summary>What a record's page and the history endpoints show about its corrections.</summary>
/// <param name="MayCorrect">Whether the viewer may edit or withdraw the record.</param>
/// <param name="Withdrawn">Set when the record is withdrawn (only its owner member and the RSO still see it at all).</param>
/// <param name="History">The corrections, newest first; shown to the owner member's officials and the RSO only.</param>
public sealed record CorrectionsView(bool MayCorrect, WithdrawalView? Withdrawn, IReadOnlyList<RevisionView> History);

public sealed record WithdrawInput(string? Reason);

/// <summary>What every edit input carries beside its own fields: an optional new distribution and the mandatory reason.</summary>
public interface ICorrectionInput
{
    DistributionScope? Scope { get; }

    IReadOnlyList<string>? NamedMembers { get; }

    Guid? SharingGroupId { get; }

    bool ConfirmWidening { get; }

    string? Reason { get; }
}

/// <summary>The fields a correction changes, collected as they are applied; nothing is recorded for a value that stays the same.</summary>
public sealed class FieldChanges
{
    private readonly List<FieldChange> changes = [];

    public IReadOnlyList<FieldChange> All => changes;

    public bool Any => changes.Count > 0;

    /// <summary>Applies <paramref name="next"/> when it differs from <paramref name="current"/>, and notes the change.</summary>
    public FieldChanges Set<TValue>(string field, TValue current, TValue next, Action<TValue> apply)
    {
        if (!EqualityComparer<TValue>.Default.Equals(current, next))
        {
            changes.Add(new FieldChange(field, Text(current), Text(next)));
            apply(next);
        }

        return this;
    }

    /// <summary>Notes a change that the caller applies itself (a list replaced as a whole).</summary>
    public FieldChanges Note(string field, string? from, string? to)
    {
        if (!string.Equals(from, to, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange(field, from, to));
        }

        return this;
    }

    private static string? Text<TValue>(TValue value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>
/// Editing and withdrawing records, the same way for every module: who may (the owner member's editors and the RSO's
/// platform administrators, among those who can see the record at all; <see cref="Ownership.MayCorrect"/>), the
/// mandatory reason, the revision row and the audit event written in the caller's one SaveChangesAsync.
/// </summary>
public sealed class RecordCorrections(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    public const string NotYoursMessage = "Only officials of the member that owns this record, or the RSO's platform administrators, may correct it.";

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The record, tracked, when the viewer may correct it: 404 when the viewer cannot see it, 403 when they see it but
    /// may not correct it.
    /// </summary>
    public async Task<CommandResult<T>> FindCorrectableAsync<T>(Guid id, Viewer viewer, string what, CancellationToken ct,
        Func<IQueryable<T>, IQueryable<T>>? include = null)
        where T : class, IScopedRecord
    {
        var query = db.Set<T>().VisibleTo(viewer, db).Where(r => r.Id == id);
        var record = await (include is null ? query : include(query)).SingleOrDefaultAsync(ct);
        if (record is null)
        {
            return CommandResult<T>.Fail(Problems.NotFound(what));
        }

        return Ownership.MayCorrect(record, viewer)
            ? CommandResult<T>.Ok(record)
            : CommandResult<T>.Fail(Problems.Forbidden(NotYoursMessage));
    }

    /// <summary>Checks the mandatory reason of an edit or a withdrawal.</summary>
    public static string? CheckReason(string? reason, Validation validation)
    {
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            validation.Add("reason", "Give a reason for the change: it is kept in the record's history.");
            return null;
        }

        if (trimmed.Length > MaxReasonLength)
        {
            validation.Add("reason", "The reason must be at most {0} characters.", MaxReasonLength);
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// Applies a chosen distribution to a record. Only the owner member changes who sees its records; narrowing takes
    /// effect at once, widening (anyone who could not read the record before could read it after) only with
    /// <paramref name="confirmWidening"/>. Returns false with a field error when it refuses; nothing is changed then.
    /// </summary>
    public async Task<bool> ApplyScopeAsync<T>(T record, ScopeInput? input, bool confirmWidening, Viewer viewer, FieldChanges changes,
        Validation validation, CancellationToken ct)
        where T : class, IScopedRecord
    {
        if (input?.Scope is null)
        {
            return true;
        }

        if (viewer.MemberId != record.OwnerMemberId)
        {
            validation.Add("scope", "Only officials of the member that owns this record may change who sees it.");
            return false;
        }

        var resolved = await ScopeValidation.ResolveAsync(input with { Draft = record.IsDraft }, viewer, db, validation, ct);
        if (resolved is null)
        {
            return false;
        }

        var currentGrants = await db.Set<ScopeGrant>().Where(g => g.RecordId == record.Id).Select(g => g.MemberId).ToListAsync(ct);
        var agency = Ownership.AgencyFor(resolved, record.OwnerAgency ?? viewer.Agency);
        var unchanged = resolved.Scope == record.Scope && resolved.SharingGroupId == record.SharingGroupId && agency == record.OwnerAgency
            && resolved.GrantedMembers.ToHashSet().SetEquals(currentGrants);
        if (unchanged)
        {
            return true;
        }

        var current = new ScopeProbe(record.OwnerMemberId, record.OwnerAgency, record.Scope, record.SharingGroupId, record.IsDraft);
        var next = new ScopeProbe(record.OwnerMemberId, agency, resolved.Scope, resolved.SharingGroupId, record.IsDraft);
        var widens = !AccessRule.Covers(current, currentGrants, next, resolved.GrantedMembers.ToList());
        if (widens && !confirmWidening)
        {
            validation.Add("confirmWidening",
                "This widens who may see the record, from '{0}' to '{1}': confirm the widening (confirmWidening: true) to make it. Nothing was changed.",
                record.Scope, resolved.Scope);
            return false;
        }

        var before = ScopeText(record.Scope, currentGrants.Count);
        db.Set<ScopeGrant>().RemoveRange(await db.Set<ScopeGrant>().Where(g => g.RecordId == record.Id).ToListAsync(ct));
        Ownership.Stamp(record, record.OwnerMemberId, agency, resolved, db);
        changes.Note("scope", before, ScopeText(resolved.Scope, resolved.GrantedMembers.Count));
        return true;
    }

    private static string ScopeText(DistributionScope scope, int grants) =>
        scope == DistributionScope.NamedMembers ? $"{scope} ({grants})" : scope.ToString();

    /// <summary>
    /// The end of every edit of a record with a distribution: the reason, then (when the fields are valid) the scope
    /// change, then "nothing to change", then the revision, the audit event, the reindexing and the one save.
    /// Nothing is saved unless all of it passes.
    /// </summary>
    public async Task<CommandResult<Guid>> SaveEditAsync<T>(T record, ICorrectionInput input, FieldChanges changes, Validation validation,
        Viewer viewer, string auditAction, Func<T, DateTime, CancellationToken, Task> reindex, CancellationToken ct)
        where T : class, IScopedRecord
    {
        var reason = CheckReason(input.Reason, validation);
        var scope = input.Scope is null ? null : new ScopeInput(input.Scope, input.NamedMembers, input.SharingGroupId);
        if (validation.IsValid && !await ApplyScopeAsync(record, scope, input.ConfirmWidening, viewer, changes, validation, ct))
        {
            return CommandResult<Guid>.Fail(validation);
        }

        return await SaveEditAsync(record, record.Id, reason, changes, validation, viewer, auditAction, (now, c) => reindex(record, now, c), ct);
    }

    /// <summary>
    /// The end of every edit, also of a record without its own distribution (a status update): refuses invalid input or
    /// a checked reason of null, and an edit that changes nothing; otherwise records, reindexes and saves.
    /// </summary>
    /// <param name="beforeSave">Last changes that follow from the edit (search outbox rows, a parent's derived state).</param>
    public async Task<CommandResult<Guid>> SaveEditAsync<T>(T record, Guid id, string? checkedReason, FieldChanges changes, Validation validation,
        Viewer viewer, string auditAction, Func<DateTime, CancellationToken, Task> beforeSave, CancellationToken ct, Guid? historyOf = null,
        Guid? ownerMember = null)
        where T : class
    {
        if (!validation.IsValid || checkedReason is null)
        {
            return CommandResult<Guid>.Fail(validation);
        }

        if (!changes.Any)
        {
            return CommandResult<Guid>.Fail(validation.Add("", "Nothing to change: every value given is the record's current value."));
        }

        Record(record, RevisionKind.Edited, changes.All, checkedReason, viewer, auditAction, historyOf, ownerMember);
        await beforeSave(Now, ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<Guid>.Ok(id);
    }

    /// <summary>The reindexing of a record that is indexed under its own id by one search source.</summary>
    public Func<T, DateTime, CancellationToken, Task> Reindex<T>(string searchSource)
        where T : class, IScopedRecord =>
        (record, now, _) =>
        {
            SearchOutbox.Enqueue(db, searchSource, record.Id, now);
            return Task.CompletedTask;
        };

    /// <summary>Adds the revision row and the audit event of a correction to the unit of work; the caller saves.</summary>
    public void Record<T>(T record, RevisionKind kind, IReadOnlyList<FieldChange> changes, string reason, Viewer viewer, string auditAction,
        Guid? historyOf = null, Guid? ownerMember = null)
        where T : class
    {
        var recordType = typeof(T).Name;
        var id = (Guid)db.Entry(record).Property("Id").CurrentValue!;
        var owner = record is IScopedRecord scoped ? scoped.OwnerMemberId : ownerMember;
        db.Add(new RecordRevision
        {
            RecordType = recordType,
            RecordId = id,
            HistoryOfId = historyOf ?? id,
            Kind = kind,
            Changes = JsonSerializer.Serialize(changes),
            Reason = reason,
            ByUserId = viewer.UserId,
            ByMemberId = viewer.MemberId,
            ByApiKeyId = viewer.ApiKeyId,
            At = Now,
        });
        var fields = string.Join(", ", changes.Select(c => c.Field));
        audit.Record(auditAction, recordType, id, detail: fields.Length == 0 ? reason : $"{fields}: {reason}", subjectMember: owner);
    }

    /// <summary>Withdraws a record (with a mandatory reason), writes its revision and audit event and saves.</summary>
    /// <param name="reindex">Queues the record (and what is indexed under its scope) for the search index.</param>
    public async Task<CommandResult<WithdrawalView>> WithdrawAsync<T>(Guid id, string? reason, Viewer viewer, string what, string auditAction,
        Func<T, DateTime, CancellationToken, Task> reindex, CancellationToken ct)
        where T : class, IScopedRecord
    {
        var found = await FindCorrectableAsync<T>(id, viewer, what, ct);
        if (!found.Succeeded)
        {
            return CommandResult<WithdrawalView>.Fail(found.Problem!);
        }

        var validation = new Validation();
        var checkedReason = CheckReason(reason, validation);
        var record = found.Value!;
        if (record.WithdrawnAt is not null)
        {
            return CommandResult<WithdrawalView>.Fail(Problems.Conflict("This record is already withdrawn."));
        }

        if (checkedReason is null)
        {
            return CommandResult<WithdrawalView>.Fail(validation);
        }

        (record.WithdrawnAt, record.WithdrawnReason) = (Now, checkedReason);
        Record(record, RevisionKind.Withdrawn, [], checkedReason, viewer, auditAction);
        await reindex(record, Now, ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<WithdrawalView>.Ok(new WithdrawalView(record.WithdrawnAt.Value, checkedReason));
    }

    /// <summary>Restores a withdrawn record: it is seen again as its scope says.</summary>
    public async Task<CommandResult<bool>> RestoreAsync<T>(Guid id, string? reason, Viewer viewer, string what, string auditAction,
        Func<T, DateTime, CancellationToken, Task> reindex, CancellationToken ct)
        where T : class, IScopedRecord
    {
        var found = await FindCorrectableAsync<T>(id, viewer, what, ct);
        if (!found.Succeeded)
        {
            return CommandResult<bool>.Fail(found.Problem!);
        }

        var validation = new Validation();
        var checkedReason = CheckReason(reason, validation);
        var record = found.Value!;
        if (record.WithdrawnAt is null)
        {
            return CommandResult<bool>.Fail(Problems.Conflict("This record is not withdrawn."));
        }

        if (checkedReason is null)
        {
            return CommandResult<bool>.Fail(validation);
        }

        (record.WithdrawnAt, record.WithdrawnReason) = (null, null);
        Record(record, RevisionKind.Restored, [], checkedReason, viewer, auditAction);
        await reindex(record, Now, ct);
        await db.SaveChangesAsync(ct);
        return CommandResult<bool>.Ok(true);
    }

    /// <summary>
    /// What the viewer may know of a record's corrections; null when the viewer cannot see the record. The history
    /// (old values included) is shown only to the owner member's officials and the RSO: a value replaced while the
    /// record was narrower must not reach readers that a later widening let in.
    /// </summary>
    public async Task<CorrectionsView?> ViewAsync<T>(Guid id, Viewer viewer, CancellationToken ct)
        where T : class, IScopedRecord
    {
        var record = await db.Set<T>().AsNoTracking().VisibleTo(viewer, db).Where(r => r.Id == id).SingleOrDefaultAsync(ct);
        if (record is null)
        {
            return null;
        }

        var withdrawn = record.WithdrawnAt is { } at ? new WithdrawalView(at, record.WithdrawnReason ?? "") : null;
        var mayReadHistory = viewer.MemberId is { } member
            && (member == record.OwnerMemberId || await db.Set<Member>().AnyAsync(m => m.Id == member && m.Kind == MemberKind.SupportOffice, ct));
        return new CorrectionsView(Ownership.MayCorrect(record, viewer), withdrawn, mayReadHistory ? await HistoryAsync(id, ct) : []);
    }

    private async Task<List<RevisionView>> HistoryAsync(Guid id, CancellationToken ct)
    {
        var rows = await (from r in db.Set<RecordRevision>().AsNoTracking()
                          where r.HistoryOfId == id
                          orderby r.At descending, r.Id descending
                          select new
                          {
                              r.At, r.Kind, r.RecordType, r.Reason, r.Changes, r.ByApiKeyId,
                              User = db.Users.Where(u => u.Id == r.ByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                              Member = db.Set<Member>().Where(m => m.Id == r.ByMemberId).Select(m => m.Code).FirstOrDefault(),
                          })
            .Take(200)
            .ToListAsync(ct);
        return rows.Select(r => new RevisionView(r.At, r.Kind, r.RecordType, r.Reason,
                $"{r.User ?? (r.ByApiKeyId is null ? "?" : "API key")} ({r.Member})",
                JsonSerializer.Deserialize<List<FieldChange>>(r.Changes) ?? []))
            .ToList();
    }

    /// <summary>A record's distribution alone, to compare two distributions with <see cref="AccessRule.Covers"/>.</summary>
    private sealed class ScopeProbe(Guid owner, string? agency, DistributionScope scope, Guid? group, bool draft) : IScopedRecord
    {
        public static string ReadScope => "";

        public Guid Id { get; } = Guid.Empty;

        public Guid OwnerMemberId { get; set; } = owner;

        public string? OwnerAgency { get; set; } = agency;

        public DistributionScope Scope { get; set; } = scope;

        public Guid? SharingGroupId { get; set; } = group;

        public bool IsDraft { get; set; } = draft;

        public DateTime? WithdrawnAt { get; set; }

        public string? WithdrawnReason { get; set; }
    }
}

internal sealed class RecordRevisionConfiguration : IEntityTypeConfiguration<RecordRevision>
{
    public void Configure(EntityTypeBuilder<RecordRevision> builder)
    {
        builder.ToTable("record_revisions");
        builder.Property(r => r.RecordType).HasMaxLength(50);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Changes).HasColumnType("text");
        builder.Property(r => r.Reason).HasMaxLength(RecordCorrections.MaxReasonLength);
        builder.HasIndex(r => new { r.HistoryOfId, r.At });
        builder.HasIndex(r => r.RecordId);
    }
}

/// <summary>The model of the shared corrections panel (<c>_Corrections.cshtml</c>) on a record's page.</summary>
public sealed record CorrectionsPanel(CorrectionsView Corrections, string? EditUrl)
{
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        ["title"] = "Title", ["kind"] = "Kind", ["date"] = "Date", ["dates"] = "Dates", ["language"] = "Language", ["languages"] = "Languages",
        ["scope"] = "Who may see it", ["distribution"] = "Who may see it", ["startDate"] = "First day", ["endDate"] = "Last day",
        ["place"] = "Place", ["format"] = "Format", ["body"] = "Body", ["bodyCode"] = "Body", ["ordinal"] = "Number of the meeting",
        ["attendees"] = "Attendees", ["agenda"] = "Agenda", ["outcomes"] = "Outcomes", ["text"] = "Text", ["whoText"] = "Who",
        ["leads"] = "Leads", ["dueDate"] = "Due date", ["status"] = "Status", ["asOf"] = "Date the update speaks for",
        ["narrative"] = "What has happened", ["name"] = "Name", ["personName"] = "Name", ["role"] = "Role", ["email"] = "E-mail",
        ["phone"] = "Phone", ["variants"] = "Other names", ["memberSince"] = "Member since", ["members"] = "Members",
        ["summary"] = "Summary", ["level"] = "Level", ["delivery"] = "Delivery", ["online"] = "Online", ["duration"] = "Duration",
        ["capacity"] = "Places", ["eligibility"] = "Who may attend", ["prerequisites"] = "Prerequisites",
        ["costAndFunding"] = "Cost and funding", ["nominationDeadline"] = "Nomination deadline", ["contactName"] = "Contact",
        ["contactEmail"] = "Contact e-mail",
    };

    /// <summary>A changed field as readers call it ("Due date", not "dueDate"); a field without a label reads as its words.</summary>
    public static string FieldLabel(string field)
    {
        if (FieldLabels.TryGetValue(field, out var label))
        {
            return label;
        }

        // A keyed field ("membership:IDN") keeps its key as written; camelCase becomes words.
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? field : field[..colon];
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        var readable = words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
        return colon < 0 ? readable : $"{readable}: {field[(colon + 1)..]}";
    }

    public static string KindLabel(RevisionKind kind) => kind switch
    {
        RevisionKind.Withdrawn => "Withdrawn",
        RevisionKind.Restored => "Restored",
        _ => "Corrected",
    };
}
