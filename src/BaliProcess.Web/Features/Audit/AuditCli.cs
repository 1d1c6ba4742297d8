using System.Security.Cryptography;

namespace BaliProcess.Web.Features.Audit;

/// <summary>The <c>audit</c> verbs of the operator CLI.</summary>
public static class AuditCli
{
    public const string Usage = """
          audit verify [--checkpoint FILE ...] [--public-key FILE]
                                                    check the keyed hash chain, the head, the stored checkpoints and that the
                                                    log still extends each kept checkpoint FILE (signature checked with
                                                    --public-key, default this deployment's checkpoint key)
          audit checkpoint                          verify the log and sign a checkpoint of it now
        """;

    public static async Task<int> VerifyAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var kept = new List<CheckpointStatement>();
        ECDsa? trustedKey = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is not ("--checkpoint" or "--public-key"))
            {
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"{args[i]} needs a file name.");
                return 1;
            }

            var path = args[++i];
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await stderr.WriteLineAsync($"Cannot read '{path}': {e.Message}");
                return 1;
            }

            if (args[i - 1] == "--public-key")
            {
                trustedKey = ECDsa.Create();
                try
                {
                    trustedKey.ImportFromPem(text);
                }
                catch (ArgumentException)
                {
                    await stderr.WriteLineAsync($"'{path}' is not a public key in PEM.");
                    return 1;
                }

                continue;
            }

            var statement = CheckpointStatement.Parse(text, out var problem);
            if (statement is null)
            {
                await stderr.WriteLineAsync($"'{path}' cannot be used: {problem}.");
                return 1;
            }

            kept.Add(statement);
        }

        var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(kept, trustedKey, ct);
        await (result.Intact ? stdout : stderr).WriteLineAsync(result.Message);
        if (result.Intact)
        {
            await stdout.WriteLineAsync($"Tree size {result.RowsChecked}, root {result.RootHash}.");
        }

        return result.Intact ? 0 : 1;
    }

    public static async Task<int> CheckpointAsync(IServiceProvider services, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var result = await services.GetRequiredService<AuditCheckpointPublisher>().PublishAsync(ct);
        await (result.Published ? stdout : stderr).WriteLineAsync(result.Message);
        return result.Published || result.Message.StartsWith("The log has not grown", StringComparison.Ordinal) ? 0 : 1;
    }
}
