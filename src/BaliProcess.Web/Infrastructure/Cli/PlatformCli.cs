using BaliProcess.Web.Features.Accounts;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Directory;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Infrastructure.Cli;

/// <summary>
/// Operator verbs, run as <c>./bp VERB …</c> (or <c>dotnet BaliProcess.Web.dll VERB …</c>) against the configured database.
/// Exit codes: 0 done, 1 refused (bad input or a failed check), 2 usage.
/// </summary>
public static class PlatformCli
{
    private static readonly string[] Verbs = ["migrate", "admin", "user", "api-key", "audit", "search", "import", "actions", "accounts", "help", "--help"];

    private const string Usage = """
        Usage:
          migrate                                   apply database migrations (required for PostgreSQL)
          admin create --email E --name N [--member RSO] --password-stdin
                                                    create a platform administrator (reads the password from standard input)
          user create --email E --name N --member CODE [--agency A] [--roles R1,R2] --password-stdin
          api-key create --member CODE --name N --scopes S1,S2 [--days 90]
                                                    create an API key for a member and print it once
          api-key revoke --member CODE --id GUID
          search rebuild                            rebuild the search index from the database
          actions digest                            send the action leads' reminder digest now
        """ + "\n" + AccountsCli.Usage + AuditCli.Usage + LibraryImportCommand.Usage + LibraryEvaluateCommand.Usage;

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider rootServices, string[] args, TextReader? stdin = null, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdin ??= Console.In;
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var ct = CancellationToken.None;
        var options = CliOptions.Parse(args.Skip(args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? 2 : 1));
        var verb = string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Take(2));

        if (verb is "help" or "--help" || args[0] == "--help")
        {
            await stdout.WriteLineAsync(Usage);
            return 0;
        }

        using var scope = rootServices.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        audit.ActAs(AuditActor.System("cli"));

        if (verb == "migrate")
        {
            await DatabaseMigration.MigrateAsync(db, services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations"), ct);
            await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);
            await stdout.WriteLineAsync("Database is up to date; reference data present.");
            return 0;
        }

        // The embedded database migrates itself, as the web host does at start; PostgreSQL waits for 'migrate'.
        if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Sqlite)
        {
            await DatabaseMigration.MigrateAsync(db, services.GetRequiredService<ILoggerFactory>().CreateLogger("Migrations"), ct);
            await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync(ct);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await stderr.WriteLineAsync("The database is not up to date: run 'migrate' first.");
            return 1;
        }

        if (args is ["import", "evaluate", ..])
        {
            return await LibraryEvaluateCommand.RunAsync(services, args[2..], stdout, stderr, ct);
        }

        if (args[0] == "import")
        {
            return await LibraryImportCommand.RunAsync(services, args[1..], stdout, stderr, ct);
        }

        if (AccountsCli.Handles(verb))
        {
            return await AccountsCli.RunAsync(services, verb, options, stdout, stderr, ct);
        }

        switch (verb)
        {
            case "admin create":
            case "user create":
            {
                if (!options.Has("password-stdin"))
                {
                    await stderr.WriteLineAsync("Pass --password-stdin and write the password to standard input: passwords are never taken as arguments (they would stay in the shell history).");
                    return 2;
                }

                var password = (await stdin.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
                var roles = verb == "admin create" ? [Roles.PlatformAdmin, Roles.Oversight] : options.List("roles");
                var input = new UserInput(options.Get("email"), options.Get("name") ?? options.Get("email"), password,
                    options.Get("member") ?? (verb == "admin create" ? "RSO" : null), options.Get("agency"), roles);
                var result = await services.GetRequiredService<AccountCommands>().CreateUserAsync(input, actingAs: null, ct);
                if (!result.Succeeded)
                {
                    await WriteFailureAsync(stderr, result.Invalid, result.ProblemMessage);
                    return 1;
                }

                await stdout.WriteLineAsync($"Created {result.Value!.Email} ({result.Value.MemberCode}; {string.Join(", ", result.Value.Roles)}). Sign in and set up two-factor authentication.");
                return 0;
            }

            case "api-key create":
            {
                var member = await FindMemberAsync(db, options.Get("member"), ct);
                if (member is null)
                {
                    await stderr.WriteLineAsync($"There is no member with code '{options.Get("member")}'.");
                    return 1;
                }

                int? days = int.TryParse(options.Get("days"), out var d) ? d : options.Get("days") is null ? null : -1;
                var result = await services.GetRequiredService<AccountCommands>().CreateApiKeyAsync(
                    new ApiKeyInput(options.Get("name"), options.List("scopes"), days), member.Id, null, ct);
                if (!result.Succeeded)
                {
                    await WriteFailureAsync(stderr, result.Invalid, result.ProblemMessage);
                    return 1;
                }

                await stderr.WriteLineAsync($"API key '{result.Value!.Key.Name}' for {member.Code}, scopes {string.Join(",", result.Value.Key.Scopes)}, expires {result.Value.Key.ExpiresAt:yyyy-MM-dd}. It is shown only now:");
                await stdout.WriteLineAsync(result.Value.Token);
                return 0;
            }

            case "api-key revoke":
            {
                if (string.IsNullOrWhiteSpace(options.Get("member")))
                {
                    await stderr.WriteLineAsync("Give --member CODE of the member that owns the key.");
                    return 1;
                }

                if (!Guid.TryParse(options.Get("id"), out var id))
                {
                    await stderr.WriteLineAsync($"Give --id GUID of the key to revoke{(options.Get("id") is { } given ? $" ('{given}' is not a key id)" : "")}.");
                    return 1;
                }

                var member = await FindMemberAsync(db, options.Get("member"), ct);
                if (member is null)
                {
                    await stderr.WriteLineAsync($"There is no member with code '{options.Get("member")}'.");
                    return 1;
                }

                var result = await services.GetRequiredService<AccountCommands>().RevokeApiKeyAsync(id, member.Id, ct);
                if (!result.Succeeded)
                {
                    await WriteFailureAsync(stderr, result.Invalid, result.ProblemMessage);
                    return 1;
                }

                await stdout.WriteLineAsync($"Revoked '{result.Value!.Name}'.");
                return 0;
            }

            case "audit verify":
                return await AuditCli.VerifyAsync(services, args, stdout, stderr, ct);

            case "audit checkpoint":
                return await AuditCli.CheckpointAsync(services, stdout, stderr, ct);

            case "search rebuild":
            {
                var index = services.GetRequiredService<Search.PlatformSearchIndex>();
                if (!index.TryOpen())
                {
                    await stderr.WriteLineAsync($"The search index at {index.Path} is in use by a running platform: stop it, then run 'search rebuild' again.");
                    return 1;
                }

                var count = await services.GetRequiredService<Search.SearchIndexer>().RebuildAsync(ct);
                await stdout.WriteLineAsync($"Search index rebuilt: {count} records.");
                return 0;
            }

            case "actions digest":
            {
                var run = await services.GetRequiredService<Features.Actions.Reminders.ActionDigest>().SendAsync(ct);
                await stdout.WriteLineAsync($"Action digest: {run.Sent} of {run.Recipients} e-mails sent, {run.Failed} failed.");
                foreach (var error in run.Errors)
                {
                    await stderr.WriteLineAsync(error);
                }

                return run.Failed == 0 ? 0 : 1;
            }

            default:
                await stderr.WriteLineAsync($"Unknown command '{verb}'.");
                await stderr.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static Task<Member?> FindMemberAsync(AppDbContext db, string? code, CancellationToken ct)
    {
        var normalised = code?.Trim().ToUpperInvariant() ?? "";
        return db.Set<Member>().SingleOrDefaultAsync(m => m.Code == normalised, ct);
    }

    private static async Task WriteFailureAsync(TextWriter stderr, Errors.Validation? invalid, string? problem)
    {
        if (problem is not null)
        {
            await stderr.WriteLineAsync(problem);
        }

        foreach (var (field, messages) in invalid?.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                await stderr.WriteLineAsync($"{field}: {message}");
            }
        }
    }
}

/// <summary><c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
internal sealed class CliOptions
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public static CliOptions Parse(IEnumerable<string> args)
    {
        var options = new CliOptions();
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                options.values[pending] = null;
            }
            else if (pending is not null)
            {
                options.values[pending] = arg;
                pending = null;
            }
        }

        return options;
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Get(string name) => values.GetValueOrDefault(name);

    public IReadOnlyList<string> List(string name) =>
        (Get(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
