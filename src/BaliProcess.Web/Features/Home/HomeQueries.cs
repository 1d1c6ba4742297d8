using BaliProcess.Documents;
using BaliProcess.Web.Features.Actions;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Home;

/// <param name="Date">The record's date (a meeting's first day, a document's date, an action's due date).</param>
public sealed record HomeItem(string Title, string Href, DateOnly? Date);

/// <summary>A card's content: how many records match, and the first few of them.</summary>
public sealed record HomeCard(int Count, IReadOnlyList<HomeItem> Items);

/// <param name="Label">English text (the key of its translation) naming what waits, with {0} for the count.</param>
public sealed record WaitingItem(string Label, int Count, string Href);

/// <param name="DocumentsSince">The start of the viewer's previous visit; null on a first visit (the card then covers <see cref="HomeQueries.FirstVisitDays"/> days).</param>
public sealed record SignedInHome(HomeCard MyActions, HomeCard Meetings, HomeCard Documents, DateTime? DocumentsSince, IReadOnlyList<WaitingItem> Waiting);

public sealed record PublicHome(HomeCard Statements, HomeCard Meetings);

/// <summary>
/// The home page's cards. Every card reads through the access rule inside its query (its count too), so a record the
/// viewer may not see is neither listed nor counted; each card is a count and a short list: two queries, no N+1.
/// </summary>
public static class HomeQueries
{
    public const int ItemsPerCard = 5;

    public const int FirstVisitDays = 30;

    private static readonly DocumentKind[] StatementKinds = [DocumentKind.CoChairsStatement, DocumentKind.Declaration];

    public static async Task<PublicHome> PublicAsync(AppDbContext db, CancellationToken ct)
    {
        var viewer = Viewer.Anonymous;
        var statements = db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db).Where(d => StatementKinds.Contains(d.Kind));
        var statementCard = new HomeCard(
            await statements.CountAsync(ct),
            await statements.OrderByDescending(d => d.Date).ThenByDescending(d => d.ImportedAt).Take(ItemsPerCard)
                .Select(d => new HomeItem(d.Title, "/Library/Documents/" + d.Id, d.Date)).ToListAsync(ct));
        var meetings = db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db);
        var meetingCard = new HomeCard(
            await meetings.CountAsync(ct),
            await meetings.OrderByDescending(m => m.StartDate).Take(ItemsPerCard)
                .Select(m => new HomeItem(m.Title, "/Meetings/" + m.Id, m.StartDate)).ToListAsync(ct));
        return new PublicHome(statementCard, meetingCard);
    }

    public static async Task<SignedInHome> SignedInAsync(AppDbContext db, Viewer viewer, DateTime? previousVisit, DateTime now, DigestOptions digest, CancellationToken ct)
    {
        var member = viewer.MemberId ?? throw new InvalidOperationException("The signed-in home page needs a member session.");
        var today = DateOnly.FromDateTime(now);

        // My actions: those my member leads (directly or through a body) that expect updates and are due soon, overdue or stale.
        var dueBy = today.AddDays(digest.DueWithinDays);
        var staleBefore = now.AddDays(-digest.StaleAfterDays);
        var expecting = ActionStatuses.ExpectingUpdates.ToList();
        var led = (await ActionAccess.LedByAsync(ActionAccess.Readable(db, viewer), db, member, ct))
            .Where(a => expecting.Contains(a.Status)
                && ((a.DueDate != null && a.DueDate <= dueBy) || a.LastUpdatedAt == null || a.LastUpdatedAt < staleBefore));
        var actions = new HomeCard(
            await led.CountAsync(ct),
            await led.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.LastUpdatedAt).Take(ItemsPerCard)
                .Select(a => new HomeItem(a.Number + " " + a.Text, "/Actions/" + a.Id, a.DueDate)).ToListAsync(ct));

        var upcoming = db.Set<Meeting>().AsNoTracking().VisibleTo(viewer, db).Where(m => m.EndDate >= today);
        var meetings = new HomeCard(
            await upcoming.CountAsync(ct),
            await upcoming.OrderBy(m => m.StartDate).Take(ItemsPerCard)
                .Select(m => new HomeItem(m.Title, "/Meetings/" + m.Id, m.StartDate)).ToListAsync(ct));

        var since = previousVisit ?? now.AddDays(-FirstVisitDays);
        var added = db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db).Where(d => d.ImportedAt > since);
        var documents = new HomeCard(
            await added.CountAsync(ct),
            await added.OrderByDescending(d => d.ImportedAt).Take(ItemsPerCard)
                .Select(d => new HomeItem(d.Title, "/Library/Documents/" + d.Id, d.Date)).ToListAsync(ct));

        return new SignedInHome(actions, meetings, documents, previousVisit, await WaitingAsync(db, viewer, now, ct));
    }

    /// <summary>
    /// What awaits the viewer's own act today: drafts they made and have not published (visible to their member only),
    /// and, for account administrators, accounts of their member (every account for the RSO's platform administrators)
    /// that are locked after failed sign-ins or have not set up two-factor sign-in yet (new, or after a reset).
    /// </summary>
    private static async Task<List<WaitingItem>> WaitingAsync(AppDbContext db, Viewer viewer, DateTime now, CancellationToken ct)
    {
        var waiting = new List<WaitingItem>();
        var userId = viewer.UserId;
        var draftDocuments = await db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db)
            .Where(d => d.IsDraft && d.ImportedByUserId == userId)
            .OrderByDescending(d => d.ImportedAt).Select(d => d.Id).Take(ItemsPerCard + 1).ToListAsync(ct);
        if (draftDocuments.Count > 0)
        {
            var count = draftDocuments.Count > ItemsPerCard
                ? await db.Set<LibraryDocument>().VisibleTo(viewer, db).CountAsync(d => d.IsDraft && d.ImportedByUserId == userId, ct)
                : draftDocuments.Count;
            waiting.Add(new WaitingItem("Draft documents of yours, not yet published: {0}", count, "/Library/Documents/" + draftDocuments[0]));
        }

        var draftFocalPoints = await db.Set<FocalPoint>().AsNoTracking().VisibleTo(viewer, db)
            .CountAsync(f => f.IsDraft && f.CreatedByUserId == userId, ct);
        if (draftFocalPoints > 0)
        {
            var code = await db.Set<Member>().Where(m => m.Id == viewer.MemberId).Select(m => m.Code).SingleAsync(ct);
            waiting.Add(new WaitingItem("Draft focal points of yours, not yet published: {0}", draftFocalPoints, "/Directory/Members/" + code));
        }

        if (viewer.IsInRole(Roles.MemberAdmin) || viewer.IsPlatformAdmin)
        {
            var member = viewer.MemberId;
            var all = viewer.IsPlatformAdmin;
            // Lockout ends are compared here: SQLite cannot compare date-time offsets in SQL.
            var accounts = await db.Users.AsNoTracking()
                .Where(u => all || u.MemberId == member)
                .Select(u => new { u.LockoutEnd, u.TwoFactorEnabled })
                .ToListAsync(ct);
            var nowOffset = new DateTimeOffset(now, TimeSpan.Zero);
            var locked = accounts.Count(a => a.LockoutEnd > nowOffset && a.LockoutEnd != DateTimeOffset.MaxValue);
            var withoutTwoFactor = accounts.Count(a => !a.TwoFactorEnabled && a.LockoutEnd != DateTimeOffset.MaxValue);
            if (locked > 0)
            {
                waiting.Add(new WaitingItem("Accounts locked after failed sign-ins: {0}", locked, "/Accounts/Users"));
            }

            if (withoutTwoFactor > 0)
            {
                waiting.Add(new WaitingItem("Accounts that have not set up two-factor sign-in yet: {0}", withoutTwoFactor, "/Accounts/Users"));
            }
        }

        return waiting;
    }
}
