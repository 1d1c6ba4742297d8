namespace BaliProcess.Web.Features.Home;

/// <summary>Marker for the home page's strings (Resources/Features/Home/HomeText.*.resx).</summary>
public sealed class HomeText;
