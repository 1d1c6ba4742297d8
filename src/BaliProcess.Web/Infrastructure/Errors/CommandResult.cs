using Microsoft.AspNetCore.Http.HttpResults;

namespace BaliProcess.Web.Infrastructure.Errors;

/// <summary>The outcome of a command: a value, invalid input (field errors), or another expected failure (conflict, not found).</summary>
public sealed class CommandResult<T>
{
    private CommandResult(T? value, Validation? invalid, ProblemHttpResult? problem)
    {
        Value = value;
        Invalid = invalid;
        Problem = problem;
    }

    public T? Value { get; }

    public Validation? Invalid { get; }

    public ProblemHttpResult? Problem { get; }

    public bool Succeeded => Invalid is null && Problem is null;

    /// <summary>The message to show on a form for a failure that is not tied to one field.</summary>
    public string? ProblemMessage => Problem?.ProblemDetails.Detail;

    public static CommandResult<T> Ok(T value) => new(value, null, null);

    public static CommandResult<T> Fail(Validation invalid) => new(default, invalid, null);

    public static CommandResult<T> Fail(ProblemHttpResult problem) => new(default, null, problem);

    public TResult Match<TResult>(Func<T, TResult> ok, Func<ValidationProblem, TResult> invalid, Func<ProblemHttpResult, TResult> problem) =>
        Invalid is not null ? invalid(Invalid.ToProblem()) : Problem is not null ? problem(Problem) : ok(Value!);
}
