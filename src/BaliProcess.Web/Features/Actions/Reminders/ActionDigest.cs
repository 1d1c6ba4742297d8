using System.Globalization;
using System.Net;
using System.Text;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Mail;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Actions.Reminders;

/// <summary>One official's digest: the actions they lead that are due soon, overdue, or stale.</summary>
public sealed record DigestItem(ActionSummaryView Action, bool Overdue, bool DueSoon, bool Stale);

/// <summary>What one digest run did.</summary>
public sealed record DigestRun(int Recipients, int Sent, int Failed, IReadOnlyList<string> Errors);

/// <summary>
/// The reminder digest: every official of a lead (a lead member, a member of a lead body, the RSO for the RSO body)
/// gets one e-mail listing the actions they may update and may see that expect updates (not started, under way,
/// ongoing) and are due within <see cref="DigestOptions.DueWithinDays"/> days, overdue, or not updated for
/// <see cref="DigestOptions.StaleAfterDays"/> days. Officials with nothing to report get nothing.
/// </summary>
public sealed class ActionDigest(AppDbContext db, IMailSender mail, AuditLog audit, TimeProvider time, IOptions<ActionsOptions> options)
{
    public const string AuditAction = "actions.digest.send";

    public async Task<DigestRun> SendAsync(CancellationToken ct)
    {
        var settings = options.Value.Digest;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var dueBy = today.AddDays(settings.DueWithinDays);
        var staleBefore = now.AddDays(-settings.StaleAfterDays);
        // Locked-out accounts are skipped; the lockout end is compared here, as SQLite cannot compare offsets in SQL.
        var officials = (await db.Users.AsNoTracking()
                .Where(u => u.Email != null && u.Email != "")
                .Select(u => new { u.Id, u.Email, u.DisplayName, u.MemberId, u.Agency, u.LockoutEnd })
                .ToListAsync(ct))
            .Where(u => u.LockoutEnd is null || u.LockoutEnd < time.GetUtcNow())
            .OrderBy(u => u.Email, StringComparer.Ordinal)
            .ToList();

        var sent = 0;
        var failed = 0;
        var recipients = 0;
        var errors = new List<string>();
        // Officials of one member and agency see the same actions: their list is worked out once.
        foreach (var group in officials.GroupBy(o => (o.MemberId, Agency: o.Agency ?? "")))
        {
            var viewer = new Viewer(null, group.Key.MemberId, group.Key.Agency.Length == 0 ? null : group.Key.Agency, new HashSet<string>());
            var led = await ActionAccess.LedByAsync(ActionAccess.Readable(db, viewer), db, group.Key.MemberId, ct);
            var expecting = ActionStatuses.ExpectingUpdates.ToList();
            var candidates = led.Where(a => expecting.Contains(a.Status)
                && ((a.DueDate != null && a.DueDate <= dueBy) || a.LastUpdatedAt == null || a.LastUpdatedAt < staleBefore));
            var items = (await ActionQueries.SummariesAsync(db, candidates, ct))
                .Select(a => new DigestItem(a, a.DueDate < today, a.DueDate >= today && a.DueDate <= dueBy, a.LastUpdatedAt is null || a.LastUpdatedAt < staleBefore))
                .ToList();
            if (items.Count == 0)
            {
                continue;
            }

            foreach (var official in group)
            {
                recipients++;
                var result = await mail.SendAsync(Compose(official.Email!, official.DisplayName, items, settings), ct);
                if (result.Sent)
                {
                    sent++;
                }
                else
                {
                    failed++;
                    errors.Add($"{official.Email}: {result.Error}");
                }
            }
        }

        audit.Record(AuditAction, detail: $"{recipients} officials, {sent} sent, {failed} failed{(errors.Count > 0 ? "; " + string.Join("; ", errors.Take(5)) : "")}",
            outcome: failed > 0 && sent == 0 ? AuditOutcome.Failed : AuditOutcome.Succeeded);
        await db.SaveChangesAsync(ct);
        return new DigestRun(recipients, sent, failed, errors);
    }

    /// <summary>
    /// When the last digest went out, from the audit log (so a restart does not send it twice). A run in which every
    /// e-mail failed (the SMTP server unreachable) is recorded as failed and does not count: the digest is still due.
    /// </summary>
    public Task<DateTime?> LastSentAtAsync(CancellationToken ct) =>
        db.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == AuditAction && e.Outcome == AuditOutcome.Succeeded).NewestFirst()
            .Select(e => (DateTime?)e.OccurredAt).FirstOrDefaultAsync(ct);

    public static OutgoingMail Compose(string email, string? name, IReadOnlyList<DigestItem> items, DigestOptions settings)
    {
        var overdue = items.Where(i => i.Overdue).ToList();
        var dueSoon = items.Where(i => i.DueSoon).ToList();
        var stale = items.Where(i => i.Stale && !i.Overdue && !i.DueSoon).ToList();
        var subject = $"Bali Process actions: {overdue.Count} overdue, {dueSoon.Count} due within {settings.DueWithinDays} days, {stale.Count} not updated for {settings.StaleAfterDays} days";

        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body>");
        text.Append(CultureInfo.InvariantCulture, $"Dear {(string.IsNullOrWhiteSpace(name) ? "colleague" : name)},\n\n")
            .Append("These actions that your member leads need a status update. Add one on each action's page.\n");
        html.Append("<p>Dear ").Append(WebUtility.HtmlEncode(string.IsNullOrWhiteSpace(name) ? "colleague" : name))
            .Append(",</p><p>These actions that your member leads need a status update. Add one on each action's page.</p>");
        Section("Overdue", overdue);
        Section($"Due within {settings.DueWithinDays} days", dueSoon);
        Section($"Not updated for {settings.StaleAfterDays} days", stale);
        text.Append("\nYou receive this weekly digest as an official of a lead of these actions.\n");
        html.Append("<p>You receive this weekly digest as an official of a lead of these actions.</p></body></html>");
        return new OutgoingMail([new MailRecipient(email, name)], subject, text.ToString(), html.ToString());

        void Section(string heading, List<DigestItem> list)
        {
            if (list.Count == 0)
            {
                return;
            }

            text.Append('\n').Append(heading).Append(":\n");
            html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2><ul>");
            foreach (var item in list)
            {
                var a = item.Action;
                var link = Link(settings.BaseUrl, a.Id);
                var due = a.DueDate is { } d ? $"due {d:yyyy-MM-dd}" : "no due date";
                var last = a.LastUpdatedAt is { } l ? $"last updated {l:yyyy-MM-dd}" : "never updated";
                text.Append(CultureInfo.InvariantCulture, $"- {a.Number} {a.Text} ({ActionsText.StatusLabel(a.Status)}; {due}; {last})\n  {link}\n");
                html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">").Append(WebUtility.HtmlEncode($"{a.Number} {a.Text}"))
                    .Append("</a> (").Append(WebUtility.HtmlEncode($"{ActionsText.StatusLabel(a.Status)}; {due}; {last}")).Append(")</li>");
            }

            html.Append("</ul>");
        }
    }

    private static string Link(string? baseUrl, Guid id) =>
        string.IsNullOrWhiteSpace(baseUrl) ? $"/Actions/{id}" : $"{baseUrl.TrimEnd('/')}/Actions/{id}";
}
