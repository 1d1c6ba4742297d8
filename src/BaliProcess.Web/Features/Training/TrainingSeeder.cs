using System.Text.Json;
using System.Text.Json.Serialization;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Training;

/// <summary>The Training module's shipped facts (training-data.json): the managed lists, the training institutions and the sample courses.</summary>
public sealed record TrainingData(IReadOnlyList<SeedTerm> Themes, IReadOnlyList<SeedTerm> Audiences, IReadOnlyList<SeedInstitution> Institutions,
    IReadOnlyList<SeedCourse> Courses)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static TrainingData Load()
    {
        using var stream = typeof(TrainingData).Assembly.GetManifestResourceStream("BaliProcess.Web.training-data.json")
            ?? throw new InvalidOperationException("training-data.json is not embedded in the web assembly.");
        return JsonSerializer.Deserialize<TrainingData>(stream, Json) ?? throw new InvalidOperationException("training-data.json is empty.");
    }
}

public sealed record SeedTerm(string Code, string En, string Id);

public sealed record SeedInstitution(string Code, string Name, IReadOnlyList<string>? Variants, string? Country, string? BelongsTo);

public sealed record SeedSession(DateOnly Start, DateOnly End, bool MonthOnly, string? Place, string Language, SessionStatus Status);

public sealed record SeedCourse(string SeedKey, string Provider, string Title, string Summary, IReadOnlyList<string> Themes, IReadOnlyList<string> Audiences,
    CourseLevel Level, Delivery Delivery, IReadOnlyList<string> Languages, string? Duration, string? CostAndFunding, string? Eligibility,
    string ImportedFrom, IReadOnlyList<SeedSession> Sessions);

/// <summary>
/// Adds on start what is missing of the shipped facts; never overwrites what administrators or providers changed since
/// (a list entry is matched by its code, an institution by its member code, a sample course by its seed key).
/// </summary>
public sealed class TrainingSeeder(AppDbContext db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var data = TrainingData.Load();
        var now = time.GetUtcNow().UtcDateTime;
        var terms = await db.Set<TrainingTerm>().Select(t => new { t.List, t.Code }).ToListAsync(ct);
        foreach (var (list, entries) in new[] { (TermList.Theme, data.Themes), (TermList.Audience, data.Audiences) })
        {
            foreach (var (term, order) in entries.Select((t, i) => (t, i)).Where(x => !terms.Contains(new { List = list, x.t.Code })))
            {
                db.Add(new TrainingTerm { List = list, Code = term.Code, NameEn = term.En, NameId = term.Id, SortOrder = order });
            }
        }

        var members = await db.Set<Member>().ToDictionaryAsync(m => m.Code, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var i in data.Institutions.Where(i => !members.ContainsKey(i.Code)))
        {
            var institution = new Member
            {
                Code = i.Code, Kind = MemberKind.TrainingInstitution, Name = i.Name, Variants = [.. i.Variants ?? []], Country = i.Country,
                BelongsToMemberId = i.BelongsTo is { } parent && members.TryGetValue(parent, out var p) ? p.Id : null, CreatedAt = now,
            };
            db.Add(institution);
            members[i.Code] = institution;
        }

        var seeded = await db.Set<Course>().Where(c => c.SeedKey != null).Select(c => c.SeedKey!).ToListAsync(ct);
        foreach (var c in data.Courses.Where(c => !seeded.Contains(c.SeedKey) && members.ContainsKey(c.Provider)))
        {
            var course = new Course { SeedKey = c.SeedKey, ImportedFrom = c.ImportedFrom, CreatedAt = now };
            TrainingCommands.Apply(course, new CheckedCourse(c.Title, c.Summary, [.. c.Themes], [.. c.Audiences], c.Level, c.Delivery, [.. c.Languages],
                c.Duration, c.CostAndFunding, c.Eligibility, null, null, null, []), now);
            // Facts from public documents: public, owned by the provider the documents name.
            Ownership.Stamp(course, members[c.Provider].Id, null, new ResolvedScope(DistributionScope.Public, [], null, false), db);
            db.Add(course);
            foreach (var s in c.Sessions)
            {
                var session = new CourseSession { CourseId = course.Id, MonthOnly = s.MonthOnly, ImportedFrom = c.ImportedFrom, CreatedAt = now };
                TrainingCommands.Apply(session, new CheckedSession(s.Start, s.End, s.Place, s.Place is null, s.Language, null, null, s.Status), now);
                db.Add(session);
            }

            SearchOutbox.Enqueue(db, CourseSearchSource.SourceName, course.Id, now);
        }

        await db.SaveChangesAsync(ct);
    }
}
