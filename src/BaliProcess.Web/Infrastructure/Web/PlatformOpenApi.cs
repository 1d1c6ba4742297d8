using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace BaliProcess.Web.Infrastructure.Web;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the platform's title and purpose, the API-key (bearer) scheme, and on each
/// operation whether it needs a credential. Summaries and descriptions are declared beside each endpoint.
/// </summary>
public static class PlatformOpenApi
{
    public const string DocumentName = "v1";

    /// <summary>The security scheme's name in the document's components.</summary>
    public const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddPlatformOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Bali Process Cooperation Platform API";
                document.Info.Description =
                    "The JSON API of the Bali Process Cooperation Platform: the directory of members, bodies and focal points, the " +
                    "document library and meetings, the strategy-implementation tracker, search, accounts and the audit log. " +
                    "Machine clients send an API key created by their member administrator as 'Authorization: Bearer bpk_…'; " +
                    "every answer counts and lists only what the caller may see. Errors are RFC 9457 problem details.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "bpk_…",
                    Description = "An API key of a member (created on the API keys page or with './bp api-key create'), sent as " +
                                  "'Authorization: Bearer bpk_…'. Its scopes (for example directory:read) limit what it may call.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var needsCredential = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
                if (needsCredential && context.Document is { } document)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
