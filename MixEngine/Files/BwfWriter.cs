using System.Buffers.Binary;
using System.Security.Cryptography;
using MixEngine.Dsp;

namespace MixEngine.Files;

/// <summary>
/// Writes one Broadcast WAVE file (header per <see cref="BwfHeader"/>) to a temporary name in the target folder
/// (<c>.NAME.partial-XXXXXXXX</c>), converting planar 64-bit float into a preallocated interleaved byte buffer that is
/// flushed to the file whenever it fills. <see cref="Commit"/> patches the sizes, promotes the file to RF64 (RIFF →
/// RF64, JUNK → ds64, 32-bit sizes → 0xFFFFFFFF) when the RIFF size would pass 4 GiB, and renames it into place;
/// <see cref="Dispose"/> without commit deletes the temporary file. Constructed, committed and disposed on the control
/// side; <see cref="RtWritePlanar"/> is called by one render thread at a time and never allocates.
/// </summary>
internal sealed class BwfWriter : IPrintWriter
{
    /// <summary>The largest RIFF size a plain RIFF file can state; beyond it the file is promoted to RF64.</summary>
    public const long RiffSizeLimit = 0xFFFFFFFF;

    private const int BufferBytesTarget = 1 << 20;
    private const int NoiseChunk = 1024;

    private readonly string _tempPath;
    private readonly FileStream _stream;
    private BextLoudness? _loudness;
    private readonly BwfHeader _header;
    private readonly SampleFormat _format;
    private readonly int _channels;
    private readonly int _firstChannel;
    private readonly int _blockAlign;
    private readonly int _bytesPerSample;
    private readonly bool _dither;
    private readonly TpdfDither[] _ditherStates;
    private readonly double[][] _noise; // per channel, the dither draws of one piece (24-bit with dither only)
    private readonly byte[] _buffer;
    private readonly int _bufferFrames;
    private readonly long _promotionThreshold;
    private int _bufferedFrames;
    private long _frames;
    private IOException? _writeFailure;
    private bool _finished;
    private bool _committed;
    private bool _disposed;

    /// <summary>
    /// Creates the temporary file for <paramref name="finalPath"/> holding <paramref name="speakers"/>, which are layout
    /// channels <paramref name="firstChannel"/>… of the planar arrays handed to <see cref="RtWritePlanar"/>; control side.
    /// </summary>
    /// <param name="finalPath">The path the file gets on commit.</param>
    /// <param name="options">Format, dither and metadata.</param>
    /// <param name="speakers">The channels of this file, in file order.</param>
    /// <param name="firstChannel">Layout channel index of the first speaker (picks the planar array and the dither stream).</param>
    /// <param name="mask">dwChannelMask written when the fmt chunk is extensible.</param>
    /// <param name="promotionThreshold">RIFF size above which commit promotes to RF64 (<see cref="RiffSizeLimit"/>; smaller only in tests).</param>
    public BwfWriter(string finalPath, PrintFileOptions options, IReadOnlyList<Speaker> speakers, int firstChannel, uint mask, long promotionThreshold)
    {
        FinalPath = Path.GetFullPath(finalPath);
        Paths = [FinalPath];
        _format = options.Format;
        _channels = speakers.Count;
        _firstChannel = firstChannel;
        _bytesPerSample = SampleCodec.BytesOf(_format);
        _blockAlign = _channels * _bytesPerSample;
        _dither = options.Dither && _format is SampleFormat.Int16 or SampleFormat.Int24;
        _ditherStates = new TpdfDither[_channels];
        for (int c = 0; c < _channels; c++) _ditherStates[c] = new TpdfDither(options.DitherSeed, firstChannel + c);
        _noise = new double[_dither && _format == SampleFormat.Int24 ? _channels : 0][];
        for (int c = 0; c < _noise.Length; c++) _noise[c] = new double[NoiseChunk];
        _bufferFrames = Math.Max(1, BufferBytesTarget / _blockAlign);
        _buffer = new byte[_bufferFrames * _blockAlign];
        _promotionThreshold = Math.Min(promotionThreshold, RiffSizeLimit);
        _header = BwfHeader.Build(options, speakers, firstChannel, mask);

        string folder = Path.GetDirectoryName(FinalPath) ?? ".";
        _tempPath = Path.Combine(folder, $".{Path.GetFileName(FinalPath)}.partial-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        try
        {
            _stream.Write(_header.Bytes);
        }
        catch
        {
            _stream.Dispose();
            File.Delete(_tempPath);
            throw;
        }
    }

    /// <summary>The path the file gets on commit.</summary>
    public string FinalPath { get; }

    /// <summary>The temporary file written until commit.</summary>
    internal string TempPath => _tempPath;

    /// <summary>File offset of the bext chunk header, where a later loudness measurement can be patched before commit.</summary>
    internal static int BextOffset => BwfHeader.BextOffset;

    /// <inheritdoc/>
    public IReadOnlyList<string> Paths { get; }

    /// <inheritdoc/>
    public long FramesWritten => _frames;

    /// <inheritdoc/>
    public void RtWritePlanar(double[][] channels, int offset, int count)
    {
        if (channels.Length < _firstChannel + _channels)
            throw new ArgumentException($"expected {_firstChannel + _channels} channel arrays, got {channels.Length}", nameof(channels));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished) throw new InvalidOperationException("the print was already committed");
        while (count > 0)
        {
            int n = Math.Min(count, _bufferFrames - _bufferedFrames);
            var target = _buffer.AsSpan(_bufferedFrames * _blockAlign, n * _blockAlign);
            if (_noise.Length > 0) RtEncodeDitheredInt24(channels, offset, n, target);
            else
            {
                for (int c = 0; c < _channels; c++)
                {
                    SampleCodec.RtEncodeChannel(_format, channels[_firstChannel + c].AsSpan(offset, n), target[(c * _bytesPerSample)..],
                        _blockAlign, _dither, ref _ditherStates[c]);
                }
            }
            _bufferedFrames += n;
            _frames += n;
            offset += n;
            count -= n;
            if (_bufferedFrames == _bufferFrames) RtFlush();
        }
    }

    // 24-bit with dither, in pieces: each piece's draws for four channels at a time (their generators interleaved, the
    // same sequence per channel as drawing sample by sample), then every channel encoded with its draws.
    private void RtEncodeDitheredInt24(double[][] channels, int offset, int count, Span<byte> target)
    {
        for (int done = 0; done < count; done += NoiseChunk)
        {
            int n = Math.Min(NoiseChunk, count - done);
            int c = 0;
            for (; c + 4 <= _channels; c += 4)
            {
                TpdfDither.RtFillFour(ref _ditherStates[c], ref _ditherStates[c + 1], ref _ditherStates[c + 2], ref _ditherStates[c + 3],
                    _noise[c].AsSpan(0, n), _noise[c + 1].AsSpan(0, n), _noise[c + 2].AsSpan(0, n), _noise[c + 3].AsSpan(0, n));
            }
            for (; c < _channels; c++) _ditherStates[c].RtFill(_noise[c].AsSpan(0, n));
            var piece = target[(done * _blockAlign)..];
            // Every channel but the last overruns into the next one's first byte, which the next channel then writes.
            for (c = 0; c < _channels; c++)
            {
                SampleCodec.RtEncodeInt24(channels[_firstChannel + c].AsSpan(offset + done, n), piece[(c * 3)..], _blockAlign, _noise[c].AsSpan(0, n),
                    overrun: c < _channels - 1);
            }
        }
    }

    /// <inheritdoc/>
    public void Commit()
    {
        Finish();
        Publish();
    }

    /// <inheritdoc/>
    public void SetLoudness(BextLoudness loudness) => _loudness = loudness;

    /// <summary>Flushes the audio and patches the header (promoting to RF64 when needed), leaving the temporary file closed; control side.</summary>
    internal void Finish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished) throw new InvalidOperationException($"'{FinalPath}' was already committed");
        RtFlush();
        if (_writeFailure is not null)
            throw new IOException($"writing '{_tempPath}' (for '{FinalPath}') failed: {_writeFailure.Message}", _writeFailure);
        long dataBytes = _frames * _blockAlign;
        if ((dataBytes & 1) != 0) _stream.WriteByte(0);
        long riffSize = _stream.Length - 8;
        uint factFrames = (uint)Math.Min(_frames, uint.MaxValue);
        if (riffSize > _promotionThreshold) PromoteToRf64(riffSize, dataBytes, factFrames);
        else PatchRiff((uint)riffSize, (uint)dataBytes, factFrames);
        if (_loudness is not null)
        {
            _stream.Position = BwfHeader.BextOffset + 8 + BwfHeader.BextLoudnessOffset;
            _stream.Write(_loudness.ToFieldBytes());
        }
        _stream.Flush();
        _stream.Dispose();
        _finished = true;
    }

    /// <summary>
    /// Moves the finished temporary file to <see cref="FinalPath"/>, replacing an earlier print there; control side, after
    /// <see cref="Finish"/>. The earlier print is deleted first: renaming over an existing file makes ext4 (its default
    /// auto_da_alloc) write the new file to disk inside the rename, which held a 13-print re-render of the strip reel up
    /// for 0.7 s (docs/PERFORMANCE.md); deleted first, the page cache is written back in the background as for a new file.
    /// </summary>
    internal void Publish()
    {
        if (!_finished) throw new InvalidOperationException($"'{FinalPath}' is not finished");
        File.Delete(FinalPath);
        File.Move(_tempPath, FinalPath, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stream.Dispose();
        if (!_committed) File.Delete(_tempPath);
    }

    private void RtFlush()
    {
        if (_bufferedFrames == 0) return;
        int bytes = _bufferedFrames * _blockAlign;
        _bufferedFrames = 0;
        if (_writeFailure is not null) return;
        try
        {
            _stream.Write(_buffer, 0, bytes);
        }
        catch (IOException e)
        {
            // Rt rule: no throwing on the render thread; the failure is reported by Commit.
            _writeFailure = e;
        }
    }

    private void PatchRiff(uint riffSize, uint dataBytes, uint factFrames)
    {
        PatchU32(4, riffSize);
        PatchU32(_header.DataOffset + 4, dataBytes);
        if (_header.FactOffset >= 0) PatchU32(_header.FactOffset + 8, factFrames);
    }

    private void PromoteToRf64(long riffSize, long dataBytes, uint factFrames)
    {
        Span<byte> ds64 = stackalloc byte[8 + BwfHeader.Ds64BodyBytes];
        "ds64"u8.CopyTo(ds64);
        BinaryPrimitives.WriteUInt32LittleEndian(ds64[4..], BwfHeader.Ds64BodyBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64[8..], (ulong)riffSize);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64[16..], (ulong)dataBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64[24..], (ulong)_frames);
        BinaryPrimitives.WriteUInt32LittleEndian(ds64[32..], 0);
        Patch(BwfHeader.JunkOffset, ds64);
        Patch(0, "RF64"u8);
        PatchU32(4, 0xFFFFFFFF);
        PatchU32(_header.DataOffset + 4, 0xFFFFFFFF);
        if (_header.FactOffset >= 0) PatchU32(_header.FactOffset + 8, factFrames);
    }

    private void PatchU32(long offset, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Patch(offset, bytes);
    }

    private void Patch(long offset, ReadOnlySpan<byte> bytes)
    {
        _stream.Seek(offset, SeekOrigin.Begin);
        _stream.Write(bytes);
    }
}
