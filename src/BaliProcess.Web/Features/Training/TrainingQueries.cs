using System.Globalization;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Training;

public sealed record TermView(string Code, string Name);

public sealed record ProviderView(string Code, string Name, MemberKind Kind, string? Country, string? ContactEmail, string? Website);

public sealed record SessionView(Guid Id, Guid CourseId, DateOnly StartDate, DateOnly EndDate, bool MonthOnly, string? Place, bool Online,
    string Language, int? Capacity, DateOnly? NominationDeadline, SessionStatus Status, string? ImportedFrom);

public sealed record DocumentLinkView(Guid Id, string Title, string Language);

public sealed record CourseView(Guid Id, string Title, string Summary, IReadOnlyList<TermView> Themes, IReadOnlyList<TermView> Audiences,
    CourseLevel Level, Delivery Delivery, IReadOnlyList<string> Languages, string? Duration, string? CostAndFunding, string? Eligibility,
    string? Prerequisites, string? ContactName, string? ContactEmail, ProviderView Provider, IReadOnlyList<DocumentLinkView> Documents,
    IReadOnlyList<SessionView> Sessions, DistributionScope Scope, bool IsDraft, string? ImportedFrom, DateTime UpdatedAt);

public sealed record CourseListItem(Guid Id, string Title, string ProviderCode, string ProviderName, Delivery Delivery, IReadOnlyList<string> Languages,
    IReadOnlyList<TermView> Themes, DateOnly? NextSession, string? ImportedFrom);

public sealed record CoursePage(IReadOnlyList<CourseListItem> Items, int Total, int Page, int PageSize);

/// <param name="From">Keeps courses with a session that ends on or after this day.</param>
/// <param name="To">Keeps courses with a session that starts on or before this day.</param>
public sealed record CourseFilters(string? Theme = null, string? Audience = null, string? Language = null, Delivery? Delivery = null,
    string? Provider = null, string? Country = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 20);

/// <summary>Every read of the catalogue, with the access rule inside each query: sessions are read only through their visible course.</summary>
public static class TrainingQueries
{
    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public static async Task<IReadOnlyList<TermView>> TermsAsync(AppDbContext db, TermList list, CancellationToken ct) =>
        (await db.Set<TrainingTerm>().AsNoTracking().Where(t => t.List == list).OrderBy(t => t.SortOrder).ThenBy(t => t.Code).ToListAsync(ct))
            .Select(t => new TermView(t.Code, t.Name(Language)))
            .ToList();

    /// <summary>Checks filter values the way inputs are checked: an unknown code is named, not silently ignored.</summary>
    public static async Task<Validation> CheckFiltersAsync(AppDbContext db, CourseFilters filters, CancellationToken ct)
    {
        var validation = new Validation();
        if (filters.Theme is { Length: > 0 } theme)
        {
            await TrainingValidation.TermsAsync(db, TermList.Theme, [theme], validation, "theme", ct);
        }

        if (filters.Audience is { Length: > 0 } audience)
        {
            await TrainingValidation.TermsAsync(db, TermList.Audience, [audience], validation, "audience", ct);
        }

        if (filters.Language is { Length: > 0 } language)
        {
            TrainingValidation.Languages([language], validation, "language");
        }

        if (filters.From is { } from && filters.To is { } to && to < from)
        {
            validation.Add("to", "The end of the date range ({0:yyyy-MM-dd}) is before its start ({1:yyyy-MM-dd}).", to, from);
        }

        if (filters.Page < 1 || filters.PageSize is < 1 or > TrainingLimits.MaxPageSize)
        {
            validation.Add("page", "Pages start at 1 and hold 1 to {0} courses.", TrainingLimits.MaxPageSize);
        }

        return validation;
    }

    public static IQueryable<Course> Filtered(AppDbContext db, Viewer viewer, CourseFilters filters)
    {
        var query = db.Set<Course>().AsNoTracking().VisibleTo(viewer, db);
        if (filters.Theme is { Length: > 0 } theme)
        {
            var code = theme.Trim().ToLowerInvariant();
            query = query.Where(c => c.Themes.Contains(code));
        }

        if (filters.Audience is { Length: > 0 } audience)
        {
            var code = audience.Trim().ToLowerInvariant();
            query = query.Where(c => c.Audiences.Contains(code));
        }

        if (filters.Language is { Length: > 0 } language)
        {
            var code = language.Trim().ToLowerInvariant();
            query = query.Where(c => c.Languages.Contains(code));
        }

        if (filters.Delivery is { } delivery)
        {
            query = query.Where(c => c.Delivery == delivery);
        }

        if (filters.Provider is { Length: > 0 } provider)
        {
            var code = provider.Trim().ToUpperInvariant();
            query = query.Where(c => db.Set<Member>().Any(m => m.Id == c.OwnerMemberId && m.Code == code));
        }

        if (filters.Country is { Length: > 0 } country)
        {
            // A state's country is its own code; an institution or organisation names the country it is based in.
            var code = country.Trim().ToUpperInvariant();
            query = query.Where(c => db.Set<Member>().Any(m => m.Id == c.OwnerMemberId
                && (m.Country == code || (m.Country == null && (m.Kind == MemberKind.MemberState || m.Kind == MemberKind.ObserverState) && m.Code == code))));
        }

        if (filters.From is not null || filters.To is not null)
        {
            var from = filters.From ?? DateOnly.MinValue;
            var to = filters.To ?? DateOnly.MaxValue;
            query = query.Where(c => db.Set<CourseSession>().Any(s => s.CourseId == c.Id && s.EndDate >= from && s.StartDate <= to));
        }

        return query;
    }

    public static async Task<CoursePage> CoursesAsync(AppDbContext db, Viewer viewer, CourseFilters filters, DateOnly today, CancellationToken ct)
    {
        var query = Filtered(db, viewer, filters);
        var total = await query.CountAsync(ct);
        var items = await ListAsync(db, query.OrderBy(c => c.Title).ThenBy(c => c.Id).Skip((filters.Page - 1) * filters.PageSize).Take(filters.PageSize), today, ct);
        return new CoursePage(items, total, filters.Page, filters.PageSize);
    }

    /// <summary>List rows of already filtered (and access-checked) courses, in the query's order.</summary>
    private static async Task<List<CourseListItem>> ListAsync(AppDbContext db, IQueryable<Course> query, DateOnly today, CancellationToken ct)
    {
        var rows = await query
            .Select(c => new
            {
                c.Id, c.Title, c.Delivery, c.Languages, c.Themes, c.ImportedFrom,
                Provider = db.Set<Member>().Where(m => m.Id == c.OwnerMemberId).Select(m => new { m.Code, m.Name }).First(),
                Next = db.Set<CourseSession>().Where(s => s.CourseId == c.Id && s.EndDate >= today && s.Status != SessionStatus.Cancelled)
                    .OrderBy(s => s.StartDate).Select(s => (DateOnly?)s.StartDate).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var names = await TermNamesAsync(db, ct);
        return rows.Select(r => new CourseListItem(r.Id, r.Title, r.Provider.Code, r.Provider.Name, r.Delivery, r.Languages,
            Terms(names, TermList.Theme, r.Themes), r.Next, r.ImportedFrom)).ToList();
    }

    public static async Task<CourseView?> CourseAsync(AppDbContext db, Viewer viewer, Guid id, CancellationToken ct)
    {
        var course = await db.Set<Course>().AsNoTracking().VisibleTo(viewer, db).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (course is null)
        {
            return null;
        }

        var provider = await db.Set<Member>().AsNoTracking().Where(m => m.Id == course.OwnerMemberId)
            .Select(m => new ProviderView(m.Code, m.Name, m.Kind, m.Country ?? (m.Kind == MemberKind.MemberState || m.Kind == MemberKind.ObserverState ? m.Code : null), m.ContactEmail, m.Website))
            .SingleAsync(ct);
        var sessions = await db.Set<CourseSession>().AsNoTracking().Where(s => s.CourseId == id).OrderBy(s => s.StartDate).ToListAsync(ct);

        // Only the linked documents this reader may see: a link must not reveal another member's restricted title.
        var documents = await db.Set<LibraryDocument>().AsNoTracking().VisibleTo(viewer, db).Where(d => course.DocumentIds.Contains(d.Id))
            .OrderBy(d => d.Title).Select(d => new DocumentLinkView(d.Id, d.Title, d.Language)).ToListAsync(ct);
        var names = await TermNamesAsync(db, ct);
        return new CourseView(course.Id, course.Title, course.Summary, Terms(names, TermList.Theme, course.Themes), Terms(names, TermList.Audience, course.Audiences),
            course.Level, course.Delivery, course.Languages, course.Duration, course.CostAndFunding, course.Eligibility, course.Prerequisites,
            course.ContactName, course.ContactEmail, provider, documents, sessions.Select(ToView).ToList(), course.Scope, course.IsDraft,
            course.ImportedFrom, course.UpdatedAt);
    }

    /// <summary>The courses that teach a Library document, for the document's page: each under its own access rule.</summary>
    public static async Task<IReadOnlyList<CourseListItem>> CoursesTeachingAsync(AppDbContext db, Viewer viewer, Guid documentId, DateOnly today, CancellationToken ct) =>
        await ListAsync(db, db.Set<Course>().AsNoTracking().VisibleTo(viewer, db).Where(c => c.DocumentIds.Contains(documentId)).OrderBy(c => c.Title), today, ct);

    public static SessionView ToView(CourseSession s) =>
        new(s.Id, s.CourseId, s.StartDate, s.EndDate, s.MonthOnly, s.Place, s.Online, s.Language, s.Capacity, s.NominationDeadline, s.Status, s.ImportedFrom);

    private static async Task<Dictionary<(TermList, string), TrainingTerm>> TermNamesAsync(AppDbContext db, CancellationToken ct) =>
        await db.Set<TrainingTerm>().AsNoTracking().ToDictionaryAsync(t => (t.List, t.Code), ct);

    private static List<TermView> Terms(Dictionary<(TermList, string), TrainingTerm> names, TermList list, IEnumerable<string> codes) =>
        codes.Select(c => new TermView(c, names.TryGetValue((list, c), out var t) ? t.Name(Language) : c)).ToList();
}
