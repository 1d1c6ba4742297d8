namespace BaliProcess.Web.Infrastructure.Web;

/// <summary>A link in the main navigation. Labels are English keys translated through SharedText.</summary>
public sealed record NavigationItem(string Label, string Path, int Order, bool MembersOnly = false);

/// <summary>Each module adds its entries in its <c>Add&lt;Module&gt;()</c>, so the layout needs no edit per module.</summary>
public sealed class Navigation
{
    private readonly List<NavigationItem> items = [];

    public IReadOnlyList<NavigationItem> Items => items.OrderBy(i => i.Order).ToList();

    public void Add(NavigationItem item) => items.Add(item);
}

public static class NavigationServiceCollectionExtensions
{
    public static IServiceCollection AddNavigation(this IServiceCollection services, NavigationItem item)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(Navigation))?.ImplementationInstance as Navigation;
        if (existing is null)
        {
            existing = new Navigation();
            services.AddSingleton(existing);
        }

        existing.Add(item);
        return services;
    }
}
