using System.Text;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

/// <param name="FormerNames">Names it had before, matched by the importer like variants.</param>
/// <param name="IsHistorical">A participant of the past that no longer takes part.</param>
public sealed record MemberView(Guid Id, string Code, MemberKind Kind, string Name, IReadOnlyList<string> Variants, int? MemberSince,
    IReadOnlyList<string>? FormerNames = null, bool IsHistorical = false, int? ParticipatedUntil = null);

public sealed record MemberBodyView(string Code, string Name, BodyRole Role);

public sealed record MemberDetailView(MemberView Member, IReadOnlyList<MemberBodyView> Bodies, IReadOnlyList<FocalPointView> FocalPoints);

public sealed record BodyView(Guid Id, string Code, string Name, BodyKind Kind, BodyStatus Status, int? Established, IReadOnlyList<string> Chairs, int MemberCount);

/// <param name="Current">False once <paramref name="Until"/> has passed: a former member or chair.</param>
public sealed record BodyMemberView(string Code, string Name, BodyRole Role, DateOnly? Since = null, DateOnly? Until = null, bool Current = true);

public sealed record BodyDetailView(BodyView Body, string? Description, IReadOnlyList<string> Variants, IReadOnlyList<BodyMemberView> Members);

public sealed record FocalPointView(Guid Id, string MemberCode, string MemberName, string? BodyCode, string PersonName, string Role,
    string? Email, string? Phone, DistributionScope Scope, bool IsDraft);

public static class DirectoryQueries
{
    public static Task<List<MemberView>> MembersAsync(AppDbContext db, MemberKind? kind, CancellationToken ct) =>
        db.Set<Member>().AsNoTracking()
            .Where(m => kind == null || m.Kind == kind)
            .OrderBy(m => m.Name)
            .Select(m => new MemberView(m.Id, m.Code, m.Kind, m.Name, m.Variants, m.MemberSince, m.FormerNames, m.IsHistorical, m.ParticipatedUntil))
            .ToListAsync(ct);

    public static async Task<MemberDetailView?> MemberDetailAsync(AppDbContext db, string code, Viewer viewer, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var member = await db.Set<Member>().AsNoTracking()
            .Where(m => m.Code == normalised)
            .Select(m => new MemberView(m.Id, m.Code, m.Kind, m.Name, m.Variants, m.MemberSince, m.FormerNames, m.IsHistorical, m.ParticipatedUntil))
            .SingleOrDefaultAsync(ct);
        if (member is null)
        {
            return null;
        }

        var bodies = await (from x in db.Set<BodyMembership>().AsNoTracking()
                            where x.MemberId == member.Id
                            join b in db.Set<Body>() on x.BodyId equals b.Id
                            orderby b.Name
                            select new MemberBodyView(b.Code, b.Name, x.Role)).ToListAsync(ct);
        var focalPoints = await FocalPointsAsync(db, viewer, member.Code, ct);
        return new MemberDetailView(member, bodies, focalPoints);
    }

    /// <summary>Bodies for pickers and lists that do not show dates: memberships with an end date do not count as current.</summary>
    public static Task<List<BodyView>> BodiesAsync(AppDbContext db, CancellationToken ct) => BodiesAsync(db, DateOnly.MinValue, ct);

    /// <summary>Bodies with their current chairs and member count (memberships whose end date has not passed).</summary>
    public static async Task<List<BodyView>> BodiesAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Set<Body>().AsNoTracking()
            .OrderBy(b => b.Status).ThenBy(b => b.Name)
            .Select(b => new
            {
                b.Id, b.Code, b.Name, b.Kind, b.Status, b.Established,
                Chairs = b.Memberships.Where(m => m.Role == BodyRole.Chair && (m.Until == null || (today != DateOnly.MinValue && m.Until >= today))).Select(m => m.Member!.Name).ToList(),
                Count = b.Memberships.Count(m => m.Until == null || (today != DateOnly.MinValue && m.Until >= today)),
            })
            .ToListAsync(ct);
        return rows.Select(b => new BodyView(b.Id, b.Code, b.Name, b.Kind, b.Status, b.Established, b.Chairs, b.Count)).ToList();
    }

    public static async Task<BodyDetailView?> BodyDetailAsync(AppDbContext db, string code, DateOnly today, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var body = await db.Set<Body>().AsNoTracking().Include(b => b.Memberships).ThenInclude(m => m.Member)
            .SingleOrDefaultAsync(b => b.Code == normalised, ct);
        if (body is null)
        {
            return null;
        }

        var members = body.Memberships
            .Select(m => new BodyMemberView(m.Member!.Code, m.Member.Name, m.Role, m.Since, m.Until, m.Until is null || m.Until >= today))
            .OrderByDescending(m => m.Current).ThenBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        var current = members.Where(m => m.Current).ToList();
        var view = new BodyView(body.Id, body.Code, body.Name, body.Kind, body.Status, body.Established,
            current.Where(m => m.Role == BodyRole.Chair).Select(m => m.Name).ToList(), current.Count);
        return new BodyDetailView(view, body.Description, body.Variants, members);
    }

    public static Task<List<FocalPointView>> FocalPointsAsync(AppDbContext db, Viewer viewer, string? memberCode, CancellationToken ct)
    {
        var code = memberCode?.Trim().ToUpperInvariant();
        return (from f in db.Set<FocalPoint>().AsNoTracking().VisibleTo(viewer, db)
                join m in db.Set<Member>() on f.OwnerMemberId equals m.Id
                where code == null || m.Code == code
                orderby m.Name, f.PersonName
                select new FocalPointView(f.Id, m.Code, m.Name, db.Set<Body>().Where(b => b.Id == f.BodyId).Select(b => b.Code).FirstOrDefault(),
                    f.PersonName, f.Role, f.Email, f.Phone, f.Scope, f.IsDraft))
            .ToListAsync(ct);
    }

    public static Task<FocalPointView?> FocalPointAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct) =>
        (from f in db.Set<FocalPoint>().AsNoTracking().VisibleTo(viewer, db)
         where f.Id == id
         join m in db.Set<Member>() on f.OwnerMemberId equals m.Id
         select new FocalPointView(f.Id, m.Code, m.Name, db.Set<Body>().Where(b => b.Id == f.BodyId).Select(b => b.Code).FirstOrDefault(),
             f.PersonName, f.Role, f.Email, f.Phone, f.Scope, f.IsDraft))
        .SingleOrDefaultAsync(ct);
}

/// <summary>CSV for spreadsheet users: UTF-8 with BOM, and cells that a spreadsheet would run as formulas neutralised.</summary>
public static class FocalPointCsv
{
    public static byte[] Write(IEnumerable<FocalPointView> rows)
    {
        var csv = new StringBuilder();
        csv.AppendLine("Member,Body,Name,Role,Email,Phone,Scope");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', new[] { r.MemberName, r.BodyCode, r.PersonName, r.Role, r.Email, r.Phone, r.Scope.ToString() }.Select(Cell)).AppendLine();
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
