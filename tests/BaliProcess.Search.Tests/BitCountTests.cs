namespace BaliProcess.Search.Tests;

public sealed class BitCountTests
{
    public static TheoryData<int> Lengths => new() { 0, 1, 7, 31, 32, 33, 63, 64, 65, 100, 1000, 15_625 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AndPopCount_AnyLength_EqualsScalarCount(int words)
    {
        var random = new Random(words);
        var a = new ulong[words];
        var b = new ulong[words + 3];
        for (int i = 0; i < words; i++)
        {
            a[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            b[i] = i % 5 == 0 ? ulong.MaxValue : (ulong)random.NextInt64() & (ulong)random.NextInt64();
        }

        b[^1] = ulong.MaxValue;

        BitCount.AndPopCount(a, b).ShouldBe(BitCount.ScalarAndPopCount(a, b));
        BitCount.AndPopCount(a, a).ShouldBe(a.Sum(w => System.Numerics.BitOperations.PopCount(w)));
        BitCount.PopCount(b).ShouldBe(b.Sum(w => System.Numerics.BitOperations.PopCount(w)));
    }

    [Fact]
    public void PopCount_AllBitsSet_CountsEveryBit()
    {
        var all = Enumerable.Repeat(ulong.MaxValue, 4099).ToArray();

        BitCount.PopCount(all).ShouldBe(4099 * 64);
        BitCount.AndPopCount(all, all).ShouldBe(4099 * 64);
    }
}
