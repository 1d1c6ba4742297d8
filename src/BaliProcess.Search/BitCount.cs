using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BaliProcess.Search;

/// <summary>
/// Population counts of bitsets. With AVX-512 (BW) or AVX2, 64 or 32 bytes at a time: a nibble lookup
/// (vpshufb) gives each byte's count and a sum of absolute differences (vpsadbw) adds them into 64-bit lanes.
/// Otherwise the scalar popcnt, unrolled by four. All paths give the same integer.
/// </summary>
internal static class BitCount
{
    /// <summary>Below this many words the scalar loop is as fast.</summary>
    private const int VectorMinWords = 32;

    private static readonly bool UseAvx512 = Avx512BW.IsSupported && Vector512.IsHardwareAccelerated;
    private static readonly bool UseAvx2 = Avx2.IsSupported;

    public static int PopCount(ReadOnlySpan<ulong> words)
    {
        int n = words.Length;
        int i = 0;
        long total = 0;
        ref ulong a = ref MemoryMarshal.GetReference(words);
        if (n >= VectorMinWords && UseAvx512)
        {
            total = PopCount512(ref a, ref a, n, andSecond: false, out i);
        }
        else if (n >= VectorMinWords && UseAvx2)
        {
            total = PopCount256(ref a, ref a, n, andSecond: false, out i);
        }

        return (int)(total + ScalarAnd(ref a, ref a, i, n, andSecond: false));
    }

    public static int AndPopCount(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        int n = Math.Min(first.Length, second.Length);
        int i = 0;
        long total = 0;
        ref ulong a = ref MemoryMarshal.GetReference(first);
        ref ulong b = ref MemoryMarshal.GetReference(second);
        if (n >= VectorMinWords && UseAvx512)
        {
            total = PopCount512(ref a, ref b, n, andSecond: true, out i);
        }
        else if (n >= VectorMinWords && UseAvx2)
        {
            total = PopCount256(ref a, ref b, n, andSecond: true, out i);
        }

        return (int)(total + ScalarAnd(ref a, ref b, i, n, andSecond: true));
    }

    /// <summary>The scalar path alone (tests compare the vector paths with it).</summary>
    internal static int ScalarAndPopCount(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        int n = Math.Min(first.Length, second.Length);
        return (int)ScalarAnd(ref MemoryMarshal.GetReference(first), ref MemoryMarshal.GetReference(second), 0, n, andSecond: true);
    }

    private static long ScalarAnd(ref ulong a, ref ulong b, int from, int n, bool andSecond)
    {
        long c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        int i = from;
        if (andSecond)
        {
            for (; i + 4 <= n; i += 4)
            {
                c0 += BitOperations.PopCount(Unsafe.Add(ref a, i) & Unsafe.Add(ref b, i));
                c1 += BitOperations.PopCount(Unsafe.Add(ref a, i + 1) & Unsafe.Add(ref b, i + 1));
                c2 += BitOperations.PopCount(Unsafe.Add(ref a, i + 2) & Unsafe.Add(ref b, i + 2));
                c3 += BitOperations.PopCount(Unsafe.Add(ref a, i + 3) & Unsafe.Add(ref b, i + 3));
            }

            for (; i < n; i++)
            {
                c0 += BitOperations.PopCount(Unsafe.Add(ref a, i) & Unsafe.Add(ref b, i));
            }
        }
        else
        {
            for (; i < n; i++)
            {
                c0 += BitOperations.PopCount(Unsafe.Add(ref a, i));
            }
        }

        return c0 + c1 + c2 + c3;
    }

    private static long PopCount512(ref ulong a, ref ulong b, int n, bool andSecond, out int done)
    {
        Vector512<byte> lookup = Vector512.Create(
            (byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        Vector512<byte> low = Vector512.Create((byte)0x0F);
        Vector512<ulong> acc0 = Vector512<ulong>.Zero;
        Vector512<ulong> acc1 = Vector512<ulong>.Zero;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            Vector512<ulong> x0 = Vector512.LoadUnsafe(ref a, (nuint)i);
            Vector512<ulong> x1 = Vector512.LoadUnsafe(ref a, (nuint)(i + 8));
            if (andSecond)
            {
                x0 &= Vector512.LoadUnsafe(ref b, (nuint)i);
                x1 &= Vector512.LoadUnsafe(ref b, (nuint)(i + 8));
            }

            acc0 += Count512(x0.AsByte(), lookup, low);
            acc1 += Count512(x1.AsByte(), lookup, low);
        }

        for (; i + 8 <= n; i += 8)
        {
            Vector512<ulong> x = Vector512.LoadUnsafe(ref a, (nuint)i);
            if (andSecond)
            {
                x &= Vector512.LoadUnsafe(ref b, (nuint)i);
            }

            acc0 += Count512(x.AsByte(), lookup, low);
        }

        done = i;
        return (long)Vector512.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Count512(Vector512<byte> x, Vector512<byte> lookup, Vector512<byte> low)
    {
        Vector512<byte> lo = Avx512BW.Shuffle(lookup, x & low);
        Vector512<byte> hi = Avx512BW.Shuffle(lookup, Avx512BW.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        return Avx512BW.SumAbsoluteDifferences(lo + hi, Vector512<byte>.Zero).AsUInt64();
    }

    private static long PopCount256(ref ulong a, ref ulong b, int n, bool andSecond, out int done)
    {
        Vector256<byte> lookup = Vector256.Create(
            (byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        Vector256<byte> low = Vector256.Create((byte)0x0F);
        Vector256<ulong> acc0 = Vector256<ulong>.Zero;
        Vector256<ulong> acc1 = Vector256<ulong>.Zero;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            Vector256<ulong> x0 = Vector256.LoadUnsafe(ref a, (nuint)i);
            Vector256<ulong> x1 = Vector256.LoadUnsafe(ref a, (nuint)(i + 4));
            if (andSecond)
            {
                x0 &= Vector256.LoadUnsafe(ref b, (nuint)i);
                x1 &= Vector256.LoadUnsafe(ref b, (nuint)(i + 4));
            }

            acc0 += Count256(x0.AsByte(), lookup, low);
            acc1 += Count256(x1.AsByte(), lookup, low);
        }

        done = i;
        return (long)Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Count256(Vector256<byte> x, Vector256<byte> lookup, Vector256<byte> low)
    {
        Vector256<byte> lo = Avx2.Shuffle(lookup, x & low);
        Vector256<byte> hi = Avx2.Shuffle(lookup, Avx2.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        return Avx2.SumAbsoluteDifferences(lo + hi, Vector256<byte>.Zero).AsUInt64();
    }
}
