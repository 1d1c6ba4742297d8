using System.Text.RegularExpressions;
using BaliProcess.Web.Features.Audit;
using BaliProcess.Web.Features.Library;
using BaliProcess.Web.Infrastructure.Data;
using BaliProcess.Web.Infrastructure.Errors;
using BaliProcess.Web.Infrastructure.Search;
using BaliProcess.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace BaliProcess.Web.Features.Actions;

/// <summary>A theme of a strategy: "3. Border management" of "Bali Process Strategy for Cooperation 2018".</summary>
public sealed record ThemeInput(int? Number, string? Title, string? Strategy);

/// <summary>
/// An action added by hand (for example a recommendation of a meeting the tracker should follow).
/// </summary>
/// <param name="Number">"3.7": the theme's number, a dot, the action's number within the theme.</param>
/// <param name="Leads">Member or body codes, names or common variants: "AUS", "RSO", "Viet Nam", "TIPs Working Group".</param>
/// <param name="OriginOutcomeId">The meeting outcome (agreed, noted, recommended) the action comes from.</param>
/// <param name="DueDate">YYYY-MM-DD, optional.</param>
/// <param name="Distribution">Who may see the action; public when omitted.</param>
public sealed record NewActionInput(
    Guid? ThemeId,
    string? Number,
    string? Text,
    IReadOnlyList<string>? Leads,
    IReadOnlyList<string>? Funders = null,
    Guid? OriginOutcomeId = null,
    string? DueDate = null,
    ScopeInput? Distribution = null);

/// <summary>
/// Planning the tracker: themes (a later strategy's priorities are data, not code) and actions added by hand. Only the
/// RSO's platform administrators plan; leads then report on their actions through <see cref="ActionCommands"/>.
/// </summary>
public sealed partial class ActionPlanning(AppDbContext db, AuditLog audit, TimeProvider time)
{
    public const int MaxActionTextLength = 4_000;
    private const string OnlyAdministrators = "Only a platform administrator of the Regional Support Office may add themes and actions to the tracker.";

    public async Task<CommandResult<ActionThemeView>> CreateThemeAsync(ThemeInput input, Viewer viewer, CancellationToken ct)
    {
        if (!viewer.IsPlatformAdmin)
        {
            await audit.RecordNowAsync("actions.theme.create", nameof(ActionTheme), null, AuditOutcome.Denied, "not a platform administrator", ct);
            return CommandResult<ActionThemeView>.Fail(Problems.Forbidden(OnlyAdministrators));
        }

        var errors = new Validation();
        if (input.Number is not { } number || number is < 1 or > 99)
        {
            errors.Add("number", "The theme number must be a whole number from 1 to 99.");
        }

        errors.Require("title", input.Title?.Trim(), "The theme's title", 300);
        errors.Require("strategy", input.Strategy?.Trim(), "The strategy", 300);
        if (!errors.IsValid)
        {
            return CommandResult<ActionThemeView>.Fail(errors);
        }

        var strategy = input.Strategy!.Trim();
        if (await db.Set<ActionTheme>().AnyAsync(t => t.Strategy == strategy && t.Number == input.Number, ct))
        {
            return CommandResult<ActionThemeView>.Fail(new Validation().Add("number", "{0} already has a theme {1}.", strategy, input.Number));
        }

        var theme = new ActionTheme { Number = input.Number!.Value, Title = input.Title!.Trim(), Strategy = strategy };
        db.Add(theme);
        audit.Record("actions.theme.create", nameof(ActionTheme), theme.Id, detail: $"{strategy}: {theme.Number}. {theme.Title}");
        await db.SaveChangesAsync(ct);
        return CommandResult<ActionThemeView>.Ok(new ActionThemeView(theme.Id, theme.Number, theme.Title, theme.Strategy));
    }

    /// <summary>Adds an action, not started, owned by the administrator's member; every check runs before anything is stored.</summary>
    public async Task<CommandResult<Guid>> CreateActionAsync(NewActionInput input, Viewer viewer, CancellationToken ct)
    {
        if (!viewer.IsPlatformAdmin || viewer.MemberId is not { } owner)
        {
            await audit.RecordNowAsync("actions.create", nameof(TrackedAction), null, AuditOutcome.Denied, "not a platform administrator", ct);
            return CommandResult<Guid>.Fail(Problems.Forbidden(OnlyAdministrators));
        }

        var errors = new Validation();
        var theme = input.ThemeId is { } themeId ? await db.Set<ActionTheme>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == themeId, ct) : null;
        if (theme is null)
        {
            errors.Add("themeId", "Choose the theme the action belongs to.");
        }

        var number = (input.Number ?? "").Trim();
        if (!ActionNumber().IsMatch(number))
        {
            errors.Add("number", "'{0}' is not an action number: write the theme's number, a dot and the action's number, for example 3.7.", number);
        }
        else if (theme is not null && !number.StartsWith($"{theme.Number}.", StringComparison.Ordinal))
        {
            errors.Add("number", "Actions of theme {0} are numbered {0}.1, {0}.2 and so on.", theme.Number);
        }
        else if (theme is not null && await db.Set<TrackedAction>().AnyAsync(a => a.ThemeId == theme.Id && a.Number == number, ct))
        {
            errors.Add("number", "Theme {0} already has an action {1}.", theme.Number, number);
        }

        var text = (input.Text ?? "").Trim();
        errors.Require("text", text, "The action's text", MaxActionTextLength);

        var parties = await PartyDirectory.LoadAsync(db, ct);
        var leads = Resolve(parties, input.Leads, "leads", errors);
        if (errors.IsValid && leads.Count == 0)
        {
            errors.Add("leads", "Name at least one lead: a member or body code such as AUS or RSO.");
        }

        var funders = Resolve(parties, input.Funders, "funders", errors);

        if (input.OriginOutcomeId is { } outcomeId
            && !await (from o in db.Set<MeetingOutcome>()
                       where o.Id == outcomeId
                       join m in db.Set<Meeting>().VisibleTo(viewer, db) on o.MeetingId equals m.Id
                       select o.Id).AnyAsync(ct))
        {
            errors.Add("originOutcomeId", "The meeting outcome the action comes from was not found.");
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(input.DueDate))
        {
            if (ActionCommands.TryParseDate(input.DueDate, out var date))
            {
                due = date;
            }
            else
            {
                errors.Add("dueDate", "'{0}' is not a due date: write it as YYYY-MM-DD (or 'none' to clear it).", input.DueDate);
            }
        }

        var scope = await ScopeValidation.ResolveAsync(input.Distribution ?? new ScopeInput(DistributionScope.Public), viewer, db, errors, ct);
        if (!errors.IsValid || scope is null || theme is null)
        {
            return CommandResult<Guid>.Fail(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var action = new TrackedAction
        {
            ThemeId = theme.Id,
            Number = number,
            Text = text,
            OriginOutcomeId = input.OriginOutcomeId,
            Status = ActionStatus.NotStarted,
            DueDate = due,
            CreatedAt = now,
        };
        var position = 0;
        foreach (var lead in leads)
        {
            action.Parties.Add(parties.Party(action.Id, PartyRole.Lead, lead, position++));
        }

        foreach (var funder in funders)
        {
            action.Parties.Add(parties.Party(action.Id, PartyRole.Funder, funder, position++));
        }

        action.WhoText = string.Join(", ", action.Parties.Where(p => p.Role == PartyRole.Lead).Select(p => p.Label));
        Ownership.Stamp(action, viewer, scope, db);
        db.Add(action);
        audit.Record("actions.create", nameof(TrackedAction), action.Id, detail: $"{number} under theme {theme.Number} ({theme.Strategy}); scope {scope.Scope}", subjectMember: action.OwnerMemberId);
        SearchOutbox.Enqueue(db, ActionSearchSource.SourceName, action.Id, now);
        await db.SaveChangesAsync(ct);
        return CommandResult<Guid>.Ok(action.Id);
    }

    /// <summary>Each party must be found in the directory: a typing slip would otherwise make a lead no one can act for.</summary>
    private static List<string> Resolve(PartyDirectory parties, IReadOnlyList<string>? names, string field, Validation errors)
    {
        var wanted = (names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = wanted.Where(n => !parties.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add(field, "Not in the directory: {0}. Use member or body codes such as AUS, IOM or RSO.", string.Join(", ", unknown));
        }

        return wanted;
    }

    [GeneratedRegex(@"^[0-9]{1,2}\.[0-9]{1,2}$")]
    private static partial Regex ActionNumber();
}
