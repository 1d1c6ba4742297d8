using BaliProcess.Web.Infrastructure.Security;

namespace BaliProcess.Web.Features.Training;

/// <summary>The fields of the course form (new and edit); languages are typed as codes separated by commas.</summary>
public sealed class CourseForm
{
    public string? Title { get; set; }

    public string? Summary { get; set; }

    public List<string> Themes { get; set; } = [];

    public List<string> Audiences { get; set; } = [];

    public CourseLevel? Level { get; set; }

    public Delivery? Delivery { get; set; }

    public string? Languages { get; set; }

    public string? Duration { get; set; }

    public string? CostAndFunding { get; set; }

    public string? Eligibility { get; set; }

    public string? Prerequisites { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public DistributionScope? Scope { get; set; } = DistributionScope.Public;

    public string? NamedMembers { get; set; }

    public string? Reason { get; set; }

    public CourseInput ToInput(IReadOnlyList<Guid>? documentIds = null) =>
        new(Title, Summary, Themes, Audiences, Level, Delivery, Split(Languages), Duration, CostAndFunding, Eligibility, Prerequisites,
            ContactName, ContactEmail, documentIds, Scope, Split(NamedMembers), null, false, Reason);

    public static CourseForm From(CourseView c) => new()
    {
        Title = c.Title, Summary = c.Summary, Themes = [.. c.Themes.Select(t => t.Code)], Audiences = [.. c.Audiences.Select(a => a.Code)],
        Level = c.Level, Delivery = c.Delivery, Languages = string.Join(", ", c.Languages), Duration = c.Duration, CostAndFunding = c.CostAndFunding,
        Eligibility = c.Eligibility, Prerequisites = c.Prerequisites, ContactName = c.ContactName, ContactEmail = c.ContactEmail, Scope = c.Scope,
    };

    private static List<string> Split(string? text) =>
        [.. (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
