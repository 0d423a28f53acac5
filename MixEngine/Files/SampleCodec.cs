using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MixEngine.Dsp;

namespace MixEngine.Files;

/// <summary>
/// Converts one channel between interleaved little-endian WAVE sample bytes and 64-bit float: integer PCM maps to
/// value / 2^(bits−1) exactly; on the way out values are scaled, optionally TPDF-dithered, rounded to nearest (ties to
/// even), clamped to full scale (NaN prints as 0), while float codings pass through unclamped. Tight loops over byte
/// buffers with no per-sample virtual calls; 24-bit output is quantised four samples at a time where AVX is available
/// (the same IEEE operations as the scalar loop, so the same bytes: <see cref="RtEncodeInt24Scalar"/> is the reference),
/// with the dither drawn per chunk before the samples are converted.
/// Rt-safe (no allocation, no locks, no throwing for in-range spans).
/// </summary>
internal static class SampleCodec
{
    private const double Scale16 = 32768.0, Scale24 = 8388608.0, Scale32 = 2147483648.0;
    private const double Inverse16 = 1.0 / Scale16, Inverse24 = 1.0 / Scale24, Inverse32 = 1.0 / Scale32;

    /// <summary>
    /// Decodes <c>destination.Length</c> frames of one channel whose first sample starts at <c>source[0]</c>, the next
    /// one <paramref name="stride"/> bytes later.
    /// </summary>
    public static void RtDecodeChannel(SampleFormat format, ReadOnlySpan<byte> source, int stride, Span<double> destination) =>
        RtDecode(format, source, stride, destination, 1.0, ontoZero: false);

    /// <summary>
    /// True when <see cref="RtDecodeChannelOntoZero"/> may fold <paramref name="gain"/> into the decoding of
    /// <paramref name="format"/>: the gain is finite and, for integer PCM, gain·2^−(bits−1) is exact (not rounded into
    /// the subnormal range), so one product value·(gain·2^−(bits−1)) rounds the same real number the two-step
    /// (value·2^−(bits−1), exact) · gain rounds. Any thread.
    /// </summary>
    public static bool RtFoldsGain(SampleFormat format, double gain)
    {
        if (!double.IsFinite(gain)) return false;
        double full = format switch
        {
            SampleFormat.Int16 => Scale16,
            SampleFormat.Int24 => Scale24,
            SampleFormat.Int32 => Scale32,
            _ => 1.0,
        };
        return gain / full * full == gain;
    }

    /// <summary>
    /// Decodes as <see cref="RtDecodeChannel"/>, each sample x written as 0 + x·<paramref name="gain"/> (the clip gain
    /// applied onto silence: the same bits as decoding, then scaling onto zero, and zero's sign made +0), in one pass.
    /// Only for a gain <see cref="RtFoldsGain"/> accepts for <paramref name="format"/>.
    /// </summary>
    public static void RtDecodeChannelOntoZero(SampleFormat format, ReadOnlySpan<byte> source, int stride, Span<double> destination, double gain) =>
        RtDecode(format, source, stride, destination, gain, ontoZero: true);

    // Integer PCM: 0 + value·factor with factor = gain·2^−(bits−1) (for gain 1 the exact value/2^(bits−1), never −0, so
    // adding 0 changes nothing). Float codings: the value, or 0 + value·gain onto zero.
    private static void RtDecode(SampleFormat format, ReadOnlySpan<byte> source, int stride, Span<double> destination, double gain, bool ontoZero)
    {
        int n = destination.Length;
        if (n == 0) return;
        if ((long)(n - 1) * stride + BytesOf(format) > source.Length)
            throw new ArgumentException("source span too short for the frames requested", nameof(source));
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref double dst = ref MemoryMarshal.GetReference(destination);
        switch (format)
        {
            case SampleFormat.Int16:
            {
                double factor = gain * Inverse16;
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = 0.0 + LittleEndian(Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref src, p))) * factor;
                break;
            }
            case SampleFormat.Int24:
                RtDecodeInt24(ref src, source.Length, stride, ref dst, n, gain * Inverse24);
                break;
            case SampleFormat.Int32:
            {
                double factor = gain * Inverse32;
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = 0.0 + LittleEndian(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p))) * factor;
                break;
            }
            case SampleFormat.Float32:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    double x = BitConverter.Int32BitsToSingle(LittleEndian(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p))));
                    Unsafe.Add(ref dst, i) = ontoZero ? 0.0 + x * gain : x;
                }
                break;
            default:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    double x = BitConverter.Int64BitsToDouble(LittleEndian(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref src, p))));
                    Unsafe.Add(ref dst, i) = ontoZero ? 0.0 + x * gain : x;
                }
                break;
        }
    }

    // 24-bit to double: 0 + value·factor (factor = gain·2^−23; for gain 1 the exact value / 2^23). With AVX2, four
    // samples at a time while the reads stay inside the source: mono (stride 3) by one 16-byte load and a byte shuffle
    // into the top three bytes of each int32, other strides by four four-byte reads (the fourth byte, of the next sample
    // or channel, shifted out to the top); an arithmetic shift by 8 sign-extends, then the exact int → double conversion
    // and the same product and sum the scalar loop makes, so the same values. The rest one at a time.
    private static void RtDecodeInt24(ref byte src, int length, int stride, ref double dst, int n, double factor)
    {
        int i = 0;
        if (Avx2.IsSupported && n >= 4)
        {
            var scale = Vector256.Create(factor);
            if (stride == 3)
            {
                // Samples 0..3 of 12 bytes into bytes 1..3, 5..7, 9..11, 13..15 of the lanes; byte 0 of each lane is zero (index ≥ 128).
                var shuffle = Vector128.Create((byte)0x80, 0, 1, 2, 0x80, 3, 4, 5, 0x80, 6, 7, 8, 0x80, 9, 10, 11);
                for (; i <= n - 4 && 3 * i + 16 <= length; i += 4)
                {
                    var bytes = Vector128.LoadUnsafe(ref src, (nuint)(3 * i));
                    var words = Avx2.ShiftRightArithmetic(Ssse3.Shuffle(bytes, shuffle).AsInt32(), 8);
                    (Vector256<double>.Zero + Avx.ConvertToVector256Double(words) * scale).StoreUnsafe(ref dst, (nuint)i);
                }
            }
            else
            {
                for (int p = 0; i <= n - 4 && (long)(i + 3) * stride + 4 <= length; i += 4, p += 4 * stride)
                {
                    var words = Vector128.Create(
                        Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p)),
                        Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p + stride)),
                        Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p + 2 * stride)),
                        Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p + 3 * stride)));
                    words = Avx2.ShiftRightArithmetic(Avx2.ShiftLeftLogical(words, 8), 8);
                    (Vector256<double>.Zero + Avx.ConvertToVector256Double(words) * scale).StoreUnsafe(ref dst, (nuint)i);
                }
            }
        }
        RtDecodeInt24Scalar(ref Unsafe.Add(ref src, i * stride), stride, ref Unsafe.Add(ref dst, i), n - i, factor);
    }

    /// <summary>The 24-bit decoder one sample at a time (the reference of the vector path): three bytes, sign-extended, times 2^−23.</summary>
    internal static void RtDecodeInt24Scalar(ref byte src, int stride, ref double dst, int n) => RtDecodeInt24Scalar(ref src, stride, ref dst, n, Inverse24);

    /// <summary>The 24-bit decoder one sample at a time with the factor given: three bytes, sign-extended, 0 + value·<paramref name="factor"/>.</summary>
    internal static void RtDecodeInt24Scalar(ref byte src, int stride, ref double dst, int n, double factor)
    {
        for (int i = 0, p = 0; i < n; i++, p += stride)
        {
            int v = Unsafe.Add(ref src, p) | (Unsafe.Add(ref src, p + 1) << 8) | ((sbyte)Unsafe.Add(ref src, p + 2) << 16);
            Unsafe.Add(ref dst, i) = 0.0 + v * factor;
        }
    }

    /// <summary>
    /// Encodes <c>source.Length</c> samples of one channel into <paramref name="destination"/> (first sample at
    /// <c>destination[0]</c>, next <paramref name="stride"/> bytes later). When <paramref name="dither"/> is true and
    /// the coding is 16 or 24-bit, <paramref name="ditherState"/> adds TPDF dither of ±1 LSB, one draw per sample in order.
    /// </summary>
    public static void RtEncodeChannel(SampleFormat format, ReadOnlySpan<double> source, Span<byte> destination, int stride,
        bool dither, ref TpdfDither ditherState)
    {
        int n = source.Length;
        if (n == 0) return;
        if ((long)(n - 1) * stride + BytesOf(format) > destination.Length)
            throw new ArgumentException("destination span too short for the frames given", nameof(destination));
        ref double src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        switch (format)
        {
            case SampleFormat.Int16:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    double v = Unsafe.Add(ref src, i) * Scale16;
                    if (dither) v += ditherState.RtNext();
                    int q = (int)Math.Clamp(Math.Round(v), -Scale16, Scale16 - 1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, p), LittleEndian((short)q));
                }
                break;
            case SampleFormat.Int24:
                RtEncodeInt24Chunks(source, ref dst, stride, dither, ref ditherState);
                break;
            case SampleFormat.Int32:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    int q = (int)Math.Clamp(Math.Round(Unsafe.Add(ref src, i) * Scale32), -Scale32, Scale32 - 1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, p), LittleEndian(q));
                }
                break;
            case SampleFormat.Float32:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, p), LittleEndian(BitConverter.SingleToInt32Bits((float)Unsafe.Add(ref src, i))));
                break;
            default:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, p), LittleEndian(BitConverter.DoubleToInt64Bits(Unsafe.Add(ref src, i))));
                break;
        }
    }

    /// <summary>
    /// Encodes <c>source.Length</c> samples of one channel as 24-bit (layout as <see cref="RtEncodeChannel(SampleFormat, ReadOnlySpan{double}, Span{byte}, int, bool, ref TpdfDither)"/>)
    /// with the dither draws already made: <paramref name="noise"/> holds one value in LSB per sample (the
    /// <see cref="TpdfDither"/> sequence, e.g. from <see cref="TpdfDither.RtFillFour"/>), or is empty for no dither.
    /// With <paramref name="overrun"/> a sample may be stored as four bytes, the fourth landing on the byte after the
    /// sample, which the caller must write afterwards (the next channel of the same frame): one store instead of three.
    /// </summary>
    public static void RtEncodeInt24(ReadOnlySpan<double> source, Span<byte> destination, int stride, ReadOnlySpan<double> noise,
        bool overrun = false)
    {
        int n = source.Length;
        if (n == 0) return;
        if ((long)(n - 1) * stride + (overrun ? 4 : 3) > destination.Length)
            throw new ArgumentException("destination span too short for the frames given", nameof(destination));
        if (!noise.IsEmpty && noise.Length < n) throw new ArgumentException("one dither value per sample expected", nameof(noise));
        if (Avx.IsSupported) RtEncodeInt24Vector(source, ref MemoryMarshal.GetReference(destination), stride, noise, overrun);
        else RtEncodeInt24Scalar(source, ref MemoryMarshal.GetReference(destination), stride, noise);
    }

    /// <summary>The 24-bit encoder one sample at a time (the reference of the vector path): scale, add the dither value when <paramref name="noise"/> is not empty, round to nearest even, clamp, three bytes.</summary>
    internal static void RtEncodeInt24Scalar(ReadOnlySpan<double> source, ref byte dst, int stride, ReadOnlySpan<double> noise)
    {
        for (int i = 0, p = 0; i < source.Length; i++, p += stride)
        {
            double v = source[i] * Scale24;
            if (!noise.IsEmpty) v += noise[i];
            int q = (int)Math.Clamp(Math.Round(v), -Scale24, Scale24 - 1);
            Unsafe.Add(ref dst, p) = (byte)q;
            Unsafe.Add(ref dst, p + 1) = (byte)(q >> 8);
            Unsafe.Add(ref dst, p + 2) = (byte)(q >> 16);
        }
    }

    // RtEncodeChannel's 24-bit case: per chunk, the dither draws first (in sample order), then the samples.
    private static void RtEncodeInt24Chunks(ReadOnlySpan<double> source, ref byte dst, int stride, bool dither, ref TpdfDither ditherState)
    {
        const int chunk = 256;
        Span<double> noise = stackalloc double[chunk];
        for (int start = 0; start < source.Length; start += chunk)
        {
            int m = Math.Min(chunk, source.Length - start);
            if (dither) ditherState.RtFill(noise[..m]);
            var part = source.Slice(start, m);
            ReadOnlySpan<double> draws = dither ? noise[..m] : default;
            ref byte target = ref Unsafe.Add(ref dst, start * stride);
            if (Avx.IsSupported) RtEncodeInt24Vector(part, ref target, stride, draws, overrun: false);
            else RtEncodeInt24Scalar(part, ref target, stride, draws);
        }
    }

    // Scale, add the dither (when given), round to nearest even, clamp and convert four at a time (NaN, which the scalar
    // clamp passes and the conversion turns into 0, is replaced by 0 first), then the bytes (with overrun as one four-byte
    // store each: RtEncodeInt24); per chunk of 256 samples.
    private static void RtEncodeInt24Vector(ReadOnlySpan<double> source, ref byte dst, int stride, ReadOnlySpan<double> noise, bool overrun)
    {
        const int chunk = 256;
        Span<int> quantised = stackalloc int[chunk];
        var scale = Vector256.Create(Scale24);
        var low = Vector256.Create(-Scale24);
        var high = Vector256.Create(Scale24 - 1);
        bool dither = !noise.IsEmpty;
        ref int q = ref MemoryMarshal.GetReference(quantised);
        for (int start = 0, p = 0; start < source.Length; start += chunk)
        {
            int m = Math.Min(chunk, source.Length - start);
            ref double src = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), start);
            ref double noiseRef = ref dither ? ref Unsafe.Add(ref MemoryMarshal.GetReference(noise), start) : ref src;
            int i = 0;
            for (; i <= m - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i) * scale;
                if (dither) v += Vector256.LoadUnsafe(ref noiseRef, (nuint)i);
                var r = Vector256.Round(v);
                r = Vector256.ConditionalSelect(Vector256.Equals(r, r), r, Vector256<double>.Zero);
                r = Vector256.Max(Vector256.Min(r, high), low);
                Avx.ConvertToVector128Int32(r).StoreUnsafe(ref q, (nuint)i);
            }
            for (; i < m; i++)
            {
                double v = Unsafe.Add(ref src, i) * Scale24;
                if (dither) v += Unsafe.Add(ref noiseRef, i);
                Unsafe.Add(ref q, i) = (int)Math.Clamp(Math.Round(v), -Scale24, Scale24 - 1);
            }
            if (overrun)
            {
                for (i = 0; i < m; i++, p += stride) Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, p), LittleEndian(Unsafe.Add(ref q, i)));
                continue;
            }
            for (i = 0; i < m; i++, p += stride)
            {
                int value = Unsafe.Add(ref q, i);
                Unsafe.Add(ref dst, p) = (byte)value;
                Unsafe.Add(ref dst, p + 1) = (byte)(value >> 8);
                Unsafe.Add(ref dst, p + 2) = (byte)(value >> 16);
            }
        }
    }

    /// <summary>Bytes of one sample of <paramref name="format"/>.</summary>
    public static int BytesOf(SampleFormat format) => WaveFormatCodes.BitsOf(format) / 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static short LittleEndian(short v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LittleEndian(int v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long LittleEndian(long v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
}
