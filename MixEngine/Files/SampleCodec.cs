using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MixEngine.Dsp;

namespace MixEngine.Files;

/// <summary>
/// Converts one channel between interleaved little-endian WAVE sample bytes and 64-bit float: integer PCM maps to
/// value / 2^(bits−1) exactly; on the way out values are scaled, optionally TPDF-dithered, rounded to nearest (ties to
/// even), clamped to full scale (NaN prints as 0), while float codings pass through unclamped. Tight loops over byte
/// buffers with no per-sample virtual calls; Rt-safe (no allocation, no locks, no throwing for in-range spans).
/// </summary>
internal static class SampleCodec
{
    private const double Scale16 = 32768.0, Scale24 = 8388608.0, Scale32 = 2147483648.0;
    private const double Inverse16 = 1.0 / Scale16, Inverse24 = 1.0 / Scale24, Inverse32 = 1.0 / Scale32;

    /// <summary>
    /// Decodes <c>destination.Length</c> frames of one channel whose first sample starts at <c>source[0]</c>, the next
    /// one <paramref name="stride"/> bytes later.
    /// </summary>
    public static void RtDecodeChannel(SampleFormat format, ReadOnlySpan<byte> source, int stride, Span<double> destination)
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
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = LittleEndian(Unsafe.ReadUnaligned<short>(ref Unsafe.Add(ref src, p))) * Inverse16;
                break;
            case SampleFormat.Int24:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    int v = Unsafe.Add(ref src, p) | (Unsafe.Add(ref src, p + 1) << 8) | ((sbyte)Unsafe.Add(ref src, p + 2) << 16);
                    Unsafe.Add(ref dst, i) = v * Inverse24;
                }
                break;
            case SampleFormat.Int32:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = LittleEndian(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p))) * Inverse32;
                break;
            case SampleFormat.Float32:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = BitConverter.Int32BitsToSingle(LittleEndian(Unsafe.ReadUnaligned<int>(ref Unsafe.Add(ref src, p))));
                break;
            default:
                for (int i = 0, p = 0; i < n; i++, p += stride)
                    Unsafe.Add(ref dst, i) = BitConverter.Int64BitsToDouble(LittleEndian(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref src, p))));
                break;
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
                for (int i = 0, p = 0; i < n; i++, p += stride)
                {
                    double v = Unsafe.Add(ref src, i) * Scale24;
                    if (dither) v += ditherState.RtNext();
                    int q = (int)Math.Clamp(Math.Round(v), -Scale24, Scale24 - 1);
                    Unsafe.Add(ref dst, p) = (byte)q;
                    Unsafe.Add(ref dst, p + 1) = (byte)(q >> 8);
                    Unsafe.Add(ref dst, p + 2) = (byte)(q >> 16);
                }
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

    /// <summary>Bytes of one sample of <paramref name="format"/>.</summary>
    public static int BytesOf(SampleFormat format) => WaveFormatCodes.BitsOf(format) / 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static short LittleEndian(short v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LittleEndian(int v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long LittleEndian(long v) => BitConverter.IsLittleEndian ? v : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v);
}
