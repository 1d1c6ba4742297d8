namespace BaliProcess.Web.Features.Search;

/// <summary>Marker for the Search module's strings (Resources/Features/Search/SearchText.*.resx).</summary>
public sealed class SearchText
{
    public static string FacetLabel(string facet) => facet switch
    {
        "kind" => "Kind",
        "body" => "Body",
        "member" => "Member",
        "year" => "Year",
        _ => "Language",
    };
}
