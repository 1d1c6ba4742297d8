using System.Diagnostics;
using BaliProcess.Fuzz;
using SharpFuzz;

// Fuzz targets for the document parsers. See bench/README.md ("Fuzzing") for the afl-fuzz commands and figures.
//   afl <target>                   the target under afl-fuzz (SharpFuzz out of process: a crash of the child,
//                                  a stack overflow included, is reported to afl-fuzz and the child restarted)
//   replay <target> <file|dir>...  runs inputs once each and prints outcome, time and allocation (triage)
//   seeds <dir> [--text <dir>]     writes a seed corpus per target into <dir>/<target>/
//   list                           names the targets
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    return Usage();
}

switch (args[0])
{
    case "list":
        foreach (var (name, (description, _)) in FuzzTargets.All)
        {
            Console.WriteLine($"{name,-10} {description}");
        }

        return 0;
    case "seeds" when args.Length >= 2:
        var textIndex = Array.IndexOf(args, "--text");
        SeedCorpus.Write(args[1], textIndex > 0 && textIndex + 1 < args.Length ? args[textIndex + 1] : null);
        Console.WriteLine($"seed corpora written under {Path.GetFullPath(args[1])}");
        return 0;
    case "afl" when args.Length == 2 && FuzzTargets.All.TryGetValue(args[1], out var aflTarget):
        Fuzzer.OutOfProcess.Run(input => FuzzTargets.RunTimed(aflTarget.Run, input));
        return 0;
    case "replay" when args.Length >= 3 && FuzzTargets.All.TryGetValue(args[1], out var replayTarget):
        return Replay(replayTarget.Run, args[2..]);
    default:
        return Usage();
}

static int Replay(Action<Stream> target, string[] paths)
{
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
    var findings = 0;
    foreach (var file in files)
    {
        var bytes = File.ReadAllBytes(file);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            FuzzTargets.RunTimed(target, new MemoryStream(bytes, writable: false));
            outcome = FuzzTargets.LastOutcome;
        }
#pragma warning disable CA1031 // Triage reports every exception type: that is its purpose.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            findings++;
            outcome = $"FINDING {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}";
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1024.0 / 1024.0;
        Console.WriteLine($"{file} ({bytes.Length:N0} bytes): {clock.Elapsed.TotalMilliseconds:N0} ms, {allocated:N1} MB allocated: {outcome}");
    }

    Console.WriteLine($"{files.Count} inputs, {findings} findings");
    return findings == 0 ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: BaliProcess.Fuzz list | seeds <dir> [--text <dir>] | afl <target> | replay <target> <file|dir>...");
    Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Keys));
    return 2;
}
