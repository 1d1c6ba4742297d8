using System.Text;
using BaliProcess.Documents;
using BenchmarkDotNet.Attributes;

namespace BaliProcess.Benchmarks;

/// <summary>
/// Markdown cleaning of one long hostile line (issue 7, defect 2: a 1.6 MB line took 26 s with backtracking
/// expressions). Linear means the 800,000-character case costs about 16 times the 50,000-character one, not 256 times.
/// </summary>
[MemoryDiagnoser]
public class TextCleaningBenchmarks
{
    private byte[] file = [];

    [Params("*x ", "<a ", "[a](", "__x ", "\\", "`a")]
    public string Unit { get; set; } = "";

    [Params(50_000, 800_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup() => file = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Unit, Length / Unit.Length)));

    [Benchmark]
    public int ExtractMarkdownLine()
    {
        var result = TextExtractor.Extract("line.md", new MemoryStream(file));
        return result.Ok ? result.Text.Length : throw new InvalidOperationException(result.Error);
    }
}
