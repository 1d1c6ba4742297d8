using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Runtime.InteropServices;
using BaliProcess.Search;

namespace BaliProcess.Benchmarks;

public sealed record LatencySummary(string Name, int Count, double P50, double P90, double P99, double P999, double Max, double Mean);

public sealed record LoadResult(
    double OfferedQps,
    double AchievedQps,
    double Seconds,
    int Workers,
    LatencySummary All,
    LatencySummary Service,
    LatencySummary ThreadCpu,
    double ProcessCpuMsPerQuery,
    string LoadAverageBefore,
    string LoadAverageAfter,
    IReadOnlyList<LatencySummary> ByClass,
    IReadOnlyList<LatencySummary> CpuByClass,
    double AverageTotal,
    int Errors);

/// <summary>
/// Open-loop load at a fixed arrival rate: query i is due at start + i / qps whatever happened before,
/// and its latency is measured from that due time, so time spent queued behind slow queries counts
/// (no coordinated omission). A dispatcher releases queries on schedule to a fixed pool of workers.
/// </summary>
public static class LoadRunner
{
    public static double ThreadCpuMilliseconds() => ThreadCpu.Milliseconds();

    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        public static double Milliseconds()
        {
            return NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var ts) == 0 ? (ts.Seconds * 1000.0) + (ts.Nanoseconds / 1e6) : 0;
        }
    }

    public static LoadResult Run(SearchIndex index, IReadOnlyList<BenchQuery> queries, double qps, double seconds, int workers)
    {
        int total = (int)(qps * seconds);
        var latencies = new double[total];
        var service = new double[total];
        var cpu = new double[total];
        var classes = new string[total];
        long totalHits = 0;
        int errors = 0;
        var queue = new BlockingCollection<(int Index, long Due)>(new ConcurrentQueue<(int, long)>());
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                foreach (var (i, due) in queue.GetConsumingEnumerable())
                {
                    var q = queries[i % queries.Count];
                    long begin = Stopwatch.GetTimestamp();
                    double cpuBegin = ThreadCpu.Milliseconds();
                    var result = index.Search(q.Query);
                    cpu[i] = ThreadCpu.Milliseconds() - cpuBegin;
                    long end = Stopwatch.GetTimestamp();
                    if (result.Error is not null)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    Interlocked.Add(ref totalHits, result.Total);
                    latencies[i] = Stopwatch.GetElapsedTime(due, end).TotalMilliseconds;
                    service[i] = Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds;
                    classes[i] = q.Class;
                }
            })
            { IsBackground = true, Name = "load-worker-" + w.ToString(CultureInfo.InvariantCulture) };
            threads[w].Start();
        }

        string loadBefore = LoadAverage();
        var processCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        double ticksPerQuery = Stopwatch.Frequency / qps;
        for (int i = 0; i < total; i++)
        {
            long due = start + (long)(i * ticksPerQuery);
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                long wait = due - now;
                if (wait <= 0)
                {
                    break;
                }

                // Sleep until the due time with the kernel's high-resolution timer (wakes within ~0.1 ms)
                // instead of spinning: a spinning dispatcher took a fifth to a third of one of the two cores
                // from the queries. Any lateness of the release still counts, latency runs from the due time.
                SleepPrecise(wait);
            }

            queue.Add((i, due));
        }

        queue.CompleteAdding();
        foreach (var t in threads)
        {
            t.Join();
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double processCpu = (Process.GetCurrentProcess().TotalProcessorTime - processCpuBefore).TotalMilliseconds / total;
        var byClass = classes.Select((c, i) => (c, i))
            .GroupBy(p => p.c)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.Select(p => latencies[p.i]).ToArray()))
            .ToList();
        var cpuByClass = classes.Select((c, i) => (c, i))
            .GroupBy(p => p.c)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.Select(p => cpu[p.i]).ToArray()))
            .ToList();
        return new LoadResult(qps, total / elapsed, elapsed, workers, Summarize("all", latencies), Summarize("service", service), Summarize("cpu", cpu), processCpu, loadBefore, LoadAverage(), byClass, cpuByClass, (double)totalHits / total, errors);
    }

    private static void SleepPrecise(long stopwatchTicks)
    {
        long nanoseconds = (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));
        if (!OperatingSystem.IsLinux())
        {
            if (nanoseconds > 1_500_000)
            {
                Thread.Sleep((int)(nanoseconds / 1_000_000) - 1);
            }
            else
            {
                Thread.SpinWait(50);
            }

            return;
        }

        var request = new NativeMethods.TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = NativeMethods.nanosleep(in request, out _);
    }

    /// <summary>The machine's load average, to show whether other work shared the cores.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static LatencySummary Summarize(string name, double[] values)
    {
        if (values.Length == 0)
        {
            return new LatencySummary(name, 0, 0, 0, 0, 0, 0, 0);
        }

        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double P(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(name, sorted.Length, P(0.50), P(0.90), P(0.99), P(0.999), sorted[^1], sorted.Average());
    }

    public static string Format(LoadResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"offered {r.OfferedQps:N0} q/s, achieved {r.AchievedQps:N1} q/s over {r.Seconds:N1} s, {r.Workers} workers, mean total {r.AverageTotal:N0} matches, errors {r.Errors}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"process CPU per query {r.ProcessCpuMsPerQuery:F2} ms (all threads, incl. GC); load average before [{r.LoadAverageBefore}] after [{r.LoadAverageAfter}]");
        sb.AppendLine("| queries | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in new[] { r.All, r.Service, r.ThreadCpu }.Concat(r.ByClass).Concat(r.CpuByClass.Select(c => c with { Name = "cpu:" + c.Name })))
        {
            string label = s.Name switch
            {
                "all" => "**all (from scheduled start)**",
                "service" => "all, service time only (wall)",
                "cpu" => "all, CPU time of the query's thread",
                _ => s.Name,
            };
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {s.Count} | {s.P50:F2} | {s.P90:F2} | {s.P99:F2} | {s.P999:F2} | {s.Max:F2} | {s.Mean:F2} |");
        }

        return sb.ToString();
    }
}

internal static partial class NativeMethods
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Linux: CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), unaffected by waiting for a core.</summary>
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clockId, out TimeSpec time);

    /// <summary>Linux: sleeps for the given time with the high-resolution timer (interrupted sleeps simply return early).</summary>
    [LibraryImport("libc", EntryPoint = "nanosleep")]
    internal static partial int nanosleep(in TimeSpec request, out TimeSpec remaining);
}
