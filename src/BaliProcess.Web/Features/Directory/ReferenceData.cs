using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Directory;

/// <summary>Today's membership and bodies, shipped as facts in reference-data.json (the importer's name catalogue reads the same file).</summary>
public sealed record ReferenceData(IReadOnlyList<ReferenceMember> Members, IReadOnlyList<ReferenceBody> Bodies)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Stream OpenJson() =>
        typeof(ReferenceData).Assembly.GetManifestResourceStream("BaliProcess.Web.reference-data.json")
        ?? throw new InvalidOperationException("reference-data.json is not embedded in the web assembly.");

    public static ReferenceData Load()
    {
        using var stream = OpenJson();
        return JsonSerializer.Deserialize<ReferenceData>(stream, Json) ?? throw new InvalidOperationException("reference-data.json is empty.");
    }
}

/// <param name="FormerNames">Names it had before (matched like variants, shown as former names).</param>
/// <param name="Historical">A participant of the past that no longer takes part.</param>
/// <param name="ParticipatedUntil">The last year a historical participant took part, when known.</param>
public sealed record ReferenceMember(string Code, MemberKind Kind, string Name, IReadOnlyList<string>? Variants, int? MemberSince,
    IReadOnlyList<string>? FormerNames = null, bool Historical = false, int? ParticipatedUntil = null);

/// <param name="MembersOf">The code of a body whose members also make up this one ("AHG members").</param>
public sealed record ReferenceBody(string Code, string Name, IReadOnlyList<string>? Variants, BodyKind Kind, BodyStatus Status,
    int? Established, string? Description, IReadOnlyList<string>? Chairs, IReadOnlyList<string>? Members, string? MembersOf = null);

/// <summary>Inserts reference members and bodies that are missing; never overwrites what administrators changed.</summary>
public sealed class ReferenceDataSeeder(AppDbContext db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var reference = ReferenceData.Load();
        var now = time.GetUtcNow().UtcDateTime;
        var members = await db.Set<Member>().ToDictionaryAsync(m => m.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        foreach (var m in reference.Members.Where(m => !members.ContainsKey(m.Code)))
        {
            var member = new Member
            {
                Code = m.Code, Kind = m.Kind, Name = m.Name, Variants = [.. m.Variants ?? []], FormerNames = [.. m.FormerNames ?? []],
                MemberSince = m.MemberSince, IsHistorical = m.Historical, ParticipatedUntil = m.ParticipatedUntil, CreatedAt = now,
            };
            db.Add(member);
            members[m.Code] = member;
        }

        // Former names and historical status came after the first installations; no correction route edits them, so
        // filling them where a row has none overwrites nothing an administrator chose.
        foreach (var m in reference.Members)
        {
            if (members.TryGetValue(m.Code, out var member) && db.Entry(member).State != EntityState.Added)
            {
                if (member.FormerNames.Count == 0 && m.FormerNames is { Count: > 0 } former)
                {
                    member.FormerNames = [.. former];
                }

                if (m.Historical && !member.IsHistorical)
                {
                    (member.IsHistorical, member.ParticipatedUntil) = (true, m.ParticipatedUntil);
                }
            }
        }

        var bodies = await db.Set<Body>().Select(b => b.Code).ToListAsync(cancellationToken);
        foreach (var b in reference.Bodies.Where(b => !bodies.Contains(b.Code, StringComparer.OrdinalIgnoreCase)))
        {
            var body = new Body
            {
                Code = b.Code, Name = b.Name, Variants = [.. b.Variants ?? []], Kind = b.Kind, Status = b.Status,
                Established = b.Established, Description = b.Description,
            };
            foreach (var (code, role) in (b.Chairs ?? []).Select(c => (c, BodyRole.Chair))
                         .Concat((b.Members ?? []).Select(c => (c, BodyRole.Member))))
            {
                if (members.TryGetValue(code, out var member) && body.Memberships.All(x => x.MemberId != member.Id))
                {
                    body.Memberships.Add(new BodyMembership { BodyId = body.Id, MemberId = member.Id, Role = role });
                }
            }

            db.Add(body);
        }

        // The platform's roles are reference data too: present before any account is made, so that officials created
        // at the same moment on a new installation do not race to create the same role.
        var roles = await db.Roles.Select(r => r.NormalizedName).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Where(r => !roles.Contains(r.ToUpperInvariant())))
        {
            db.Roles.Add(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7(), NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>ISO 3166-1 alpha-3 codes known to the platform's globalisation data (ICU), for validating new states.</summary>
public static class IsoCountries
{
    private static readonly Lazy<HashSet<string>> Codes = new(() =>
    {
        var codes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name).ThreeLetterISORegionName; } catch (ArgumentException) { return null; } })
            .Where(c => c is { Length: 3 } && c.All(char.IsAsciiLetterUpper))
            .Select(c => c!)
            .ToHashSet(StringComparer.Ordinal);
        // Territories that are Bali Process members but may lack a culture of their own in ICU.
        foreach (var extra in new[] { "NCL", "HKG", "MAC", "PRK", "NRU", "PLW", "KIR", "SLB", "TON", "VUT", "WSM", "TLS", "SYR", "IRQ", "AFG", "MMR" })
        {
            codes.Add(extra);
        }

        return codes;
    });

    public static bool IsAlpha3(string code) => Codes.Value.Contains(code);
}
