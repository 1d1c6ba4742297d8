using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BaliProcess.Web.Features.ApiReference;

public sealed record ApiParameterView(string Name, string In, bool Required, string Type, string? Description);

public sealed record ApiResponseView(string Status, string? Description);

public sealed record ApiOperationView(
    string Anchor, string Method, string Path, string Summary, string Description, bool NeedsKey,
    IReadOnlyList<ApiParameterView> Parameters, IReadOnlyList<string> RequestTypes, IReadOnlyList<ApiResponseView> Responses);

public sealed record ApiTagView(string Name, IReadOnlyList<ApiOperationView> Operations);

/// <summary>
/// The API reference, rendered on the server from the platform's own OpenAPI document: nothing from another host, no
/// script, readable on a phone and by a screen reader. Clients that want a machine-readable copy take /openapi/v1.json.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel([FromKeyedServices(PlatformOpenApi.DocumentName)] IOpenApiDocumentProvider documents) : PageModel
{
    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public string? SchemeDescription { get; private set; }

    public IReadOnlyList<ApiTagView> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var document = await documents.GetOpenApiDocumentAsync(ct);
        Title = document.Info.Title ?? "";
        Description = document.Info.Description;
        SchemeDescription = document.Components?.SecuritySchemes is { } schemes && schemes.TryGetValue(PlatformOpenApi.ApiKeyScheme, out var scheme) ? scheme.Description : null;
        var operations =
            from path in document.Paths ?? []
            from operation in path.Value.Operations ?? []
            select (Tag: operation.Value.Tags?.FirstOrDefault()?.Name ?? "API", View: View(path.Key, operation.Key, operation.Value));
        Tags = operations.GroupBy(o => o.Tag)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ApiTagView(g.Key, g.Select(o => o.View).OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    private static ApiOperationView View(string path, HttpMethod method, OpenApiOperation operation)
    {
        var verb = method.Method.ToUpperInvariant();
        var anchor = "op-" + verb.ToLowerInvariant() + new string(path.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());
        var parameters = (operation.Parameters ?? [])
            .Select(p => new ApiParameterView(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeName(p.Schema), p.Description))
            .ToList();
        var responses = (operation.Responses ?? [])
            .Select(r => new ApiResponseView(r.Key, r.Value.Description))
            .ToList();
        return new ApiOperationView(anchor, verb, path, operation.Summary ?? "", operation.Description ?? "", operation.Security is { Count: > 0 },
            parameters, operation.RequestBody?.Content?.Keys.ToList() ?? [], responses);
    }

    private static string TypeName(IOpenApiSchema? schema) => schema switch
    {
        null => "",
        OpenApiSchemaReference reference => reference.Reference.Id ?? "",
        _ when schema.Type is { } type => string.Join(" | ", Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant()))
                                           + (schema.Format is { Length: > 0 } format ? $" ({format})" : ""),
        _ => "",
    };
}
