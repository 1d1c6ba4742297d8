using BaliProcess.Documents;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using BaliProcess.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace BaliProcess.Web.Features.Library;

public sealed record ImportBatchView(IReadOnlyList<ImportFileResult> Results);

/// <summary>The audit actions of the Library's restricted reads.</summary>
public static class LibraryAudit
{
    public const string DocumentRead = "library.document.read";
    public const string FileRead = "library.document.file.read";
    public const string MeetingRead = "library.meeting.read";
}

public static class LibraryModule
{
    public static IServiceCollection AddLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LibraryOptions>().Bind(configuration.GetSection(LibraryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LibraryOptions>, LibraryLimitsValidation>();
        // The request body limit agrees with the file limit: a file the library accepts is never refused as a request.
        services.AddOptions<RequestBodyLimit>().Configure<IOptions<LibraryOptions>>((limit, library) =>
            limit.MaxBytes = Math.Max(limit.MaxBytes, library.Value.Limits.RequestBodyBytes));
        services.AddScoped<DocumentImporter>();
        services.AddScoped<LibraryCorrections>();
        services.AddScoped<MeetingReview>();
        services.AddSingleton<DocumentBatchImport>();
        services.AddSingleton<PendingUploads>();
        services.AddSingleton<ISearchSource, DocumentSearchSource>();
        services.AddSingleton<ISearchSource, MeetingSearchSource>();
        services.AddSingleton<ISearchSource, OutcomeSearchSource>();
        services.AddSingleton<ISearchSource, ActivitySearchSource>();
        services.AddNavigation(new NavigationItem("Meetings", "/Meetings", 20));
        services.AddNavigation(new NavigationItem("Activities", "/Activities", 21));
        services.AddNavigation(new NavigationItem("Library", "/Library", 22));
        return services;
    }

    public static IEndpointRouteBuilder MapLibrary(this IEndpointRouteBuilder app)
    {
        app.ServiceProvider.GetRequiredService<StartupHooks>().Add(ImportSeedsAsync);

        var api = app.MapGroup("/api").WithTags("Library");

        api.MapGet("/meetings", async (AppDbContext db, HttpContext http, string? body, int? year, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(await LibraryQueries.MeetingsAsync(db, http.Viewer(), new LibraryFilters(body, year, Skip: skip ?? 0, Take: take ?? 100), ct))).AllowAnonymous()
            .WithSummary("Lists meetings")
            .WithDescription("Meetings the caller may see, newest first; filter by body code and year, page with skip and take (at most 100).");

        api.MapGet("/meetings/{id:guid}", async Task<Results<Ok<MeetingDetailView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            if (await LibraryQueries.MeetingAsync(db, http.Viewer(), id, ct) is not { } meeting)
            {
                return Problems.NotFound("meeting");
            }

            await audit.RecordRestrictedReadAsync<Meeting>(LibraryAudit.MeetingRead, id, ct);
            return TypedResults.Ok(meeting);
        }).AllowAnonymous()
            .WithSummary("Reads one meeting")
            .WithDescription("A meeting with its dates, place, participants, outcomes and documents. Another member's restricted meeting answers 404; reads of restricted meetings are audited.");

        api.MapGet("/activities", async (AppDbContext db, HttpContext http, int? year, string? body, ActivityKind? kind, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(await LibraryQueries.ActivitiesAsync(db, http.Viewer(), new LibraryFilters(body, year, kind, Skip: skip ?? 0, Take: take ?? 100), ct))).AllowAnonymous()
            .WithSummary("Lists activities")
            .WithDescription("Activities from the summaries of activities (conferences, meetings, workshops) the caller may see; filter by year, body and kind, page with skip and take.");

        api.MapGet("/documents", async (AppDbContext db, HttpContext http, DocumentKind? kind, string? language, int? year, int? skip, int? take, CancellationToken ct) =>
            TypedResults.Ok(await LibraryQueries.DocumentsAsync(db, http.Viewer(),
                new LibraryFilters(Year: year, DocumentKind: kind, Language: language, Skip: skip ?? 0, Take: take ?? 100), ct))).AllowAnonymous()
            .WithSummary("Lists documents")
            .WithDescription("Documents in the library the caller may see; filter by kind, language (a tag such as en) and year, page with skip and take (at most 100).");

        api.MapGet("/documents/count", async (AppDbContext db, HttpContext http, DocumentKind? kind, string? language, int? year, CancellationToken ct) =>
            TypedResults.Ok(new { count = await LibraryQueries.DocumentCountAsync(db, http.Viewer(), new LibraryFilters(Year: year, DocumentKind: kind, Language: language), ct) })).AllowAnonymous()
            .WithSummary("Counts documents")
            .WithDescription("How many documents the caller may see with the same filters as the list; counts never include restricted records.");

        api.MapGet("/documents/{id:guid}", async Task<Results<Ok<DocumentDetailView>, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            if (await LibraryQueries.DocumentAsync(db, http.Viewer(), id, ct) is not { } document)
            {
                return Problems.NotFound("document");
            }

            await audit.RecordRestrictedReadAsync<LibraryDocument>(LibraryAudit.DocumentRead, id, ct);
            return TypedResults.Ok(document);
        }).AllowAnonymous()
            .WithSummary("Reads one document")
            .WithDescription("A document's metadata, extracted text and translations. Another member's restricted document answers 404; reads of restricted documents are audited.");

        api.MapGet("/documents/{id:guid}/file", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, AppDbContext db, HttpContext http, AuditLog audit, CancellationToken ct) =>
        {
            if (await LibraryQueries.DocumentFileAsync(db, http.Viewer(), id, ct) is not { } file)
            {
                return Problems.NotFound("document");
            }

            await audit.RecordRestrictedReadAsync<LibraryDocument>(LibraryAudit.FileRead, id, ct, file.FileName);
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).AllowAnonymous()
            .WithSummary("Downloads a document's file")
            .WithDescription("The original file as uploaded (PDF, DOCX or text), under the same rule as the document. The download is audited for restricted documents.");

        // Multipart uploads are read by hand rather than bound, so API clients need no antiforgery token; the
        // cookie's SameSite=Lax already keeps other sites from posting with a signed-in official's session.
        api.MapPost("/documents", async Task<Results<Ok<ImportBatchView>, ValidationProblem, ProblemHttpResult>> (
                HttpContext http, DocumentBatchImport batch, IOptions<LibraryOptions> options, CancellationToken ct) =>
            {
                var viewer = http.Viewer();
                if (!http.Request.HasFormContentType)
                {
                    return Problems.Invalid("files", "Send the files as multipart/form-data, each in a part named 'files'.");
                }

                var form = await http.Request.ReadFormAsync(ct);
                if (form.Files.Count == 0)
                {
                    return Problems.Invalid("files", "Send at least one file, in a part named 'files'.");
                }

                DistributionScope? scope = null;
                if (form["scope"].ToString() is { Length: > 0 } scopeText)
                {
                    if (!Enum.TryParse<DistributionScope>(scopeText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Problems.Invalid("scope", $"Choose who may see the documents: one of {string.Join(", ", Enum.GetNames<DistributionScope>())}.");
                    }

                    scope = parsed;
                }

                Guid? group = Guid.TryParse(form["sharingGroupId"].ToString(), out var g) ? g : null;
                Guid? translationOf = null;
                if (form["translationOf"].ToString() is { Length: > 0 } originalText)
                {
                    if (!Guid.TryParse(originalText, out var original))
                    {
                        return Problems.Invalid("translationOf", "Give the id of the original document that the files translate.");
                    }

                    translationOf = original;
                }

                var named = form["namedMembers"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var files = form.Files.Select(f => new ImportSource(f.FileName, f.Length, async token =>
                {
                    await using var stream = f.OpenReadStream();
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy, token);
                    return copy.ToArray();
                })).ToList();

                var result = await batch.ImportAsync(files, new ScopeInput(scope ?? DistributionScope.OwnMember, named, group), viewer, actor: null, reported: null, translationOf, ct);
                if (!result.Succeeded)
                {
                    return result.Invalid is not null ? result.Invalid.ToProblem() : result.Problem!;
                }

                var results = result.Value!;
                if (results.All(r => r.Status == ImportStatus.Failed))
                {
                    return Problems.Invalid(results.GroupBy(r => r.FileName).ToDictionary(r => $"files[{r.Key}]", r => r.Select(x => x.Message).ToArray()));
                }

                return TypedResults.Ok(new ImportBatchView(results));
            })
            .RequireAuthorization(Policies.LibraryWrite)
            .DisableAntiforgery()
            .WithSummary("Uploads documents")
            .WithDescription("Imports one or more files (multipart/form-data, parts named files) with a distribution scope; each file is recognised, checked against the size and structure limits and answered with its outcome.");

        api.MapLibraryCorrections();
        api.MapMeetingReview();
        return app;
    }

    /// <summary>The first-start import of the seed documents; safe to run at every start, since imported files are recognised by their hash.</summary>
    private static async Task ImportSeedsAsync(IServiceProvider services, CancellationToken ct)
    {
        var folder = services.GetRequiredService<IOptions<LibraryOptions>>().Value.SeedsFolderToImport(services.GetRequiredService<IHostEnvironment>());
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Library");
        if (folder is null)
        {
            return;
        }

        if (!System.IO.Directory.Exists(folder))
        {
            logger.LogInformation("No seed documents at {Folder}; the library starts empty.", folder);
            return;
        }

        var missing = new List<ImportFileResult>();
        var files = DocumentBatchImport.FilesAt([folder], missing);
        var result = await services.GetRequiredService<DocumentBatchImport>().ImportAsync(files, new ScopeInput(DistributionScope.Public), importer: null,
            AuditActor.System("seed-import"), reported: null, translationOf: null, ct);
        if (!result.Succeeded)
        {
            logger.LogWarning("The seed documents were not imported: {Reason}", result.ProblemMessage ?? string.Join(" ", result.Invalid!.Errors.SelectMany(e => e.Value)));
            return;
        }

        foreach (var file in result.Value!.Where(r => r.Status != ImportStatus.Unchanged))
        {
            logger.Log(file.Status == ImportStatus.Failed ? LogLevel.Warning : LogLevel.Information, "Seed import: {Line}", LibraryImportCommand.ReportLine(file));
        }
    }
}
