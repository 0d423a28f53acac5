namespace MixEngine.Graph.Nodes;

/// <summary>
/// A latency-compensation delay on one tap of a node (its pre- or post-fader buffers): every channel delayed by
/// <see cref="DelaySamples"/> so that sources with less processing latency line up with those with more where they meet
/// (a bus's inputs, a compressor's key, the prints). The plan's latency planner creates them; the node that owns the
/// source fills them after its own processing each block. When the source has been silent for the whole delay, the
/// output is zeros without work (exact: the delay line then holds only zeros).
/// <para>Thread rules: construction control side; <see cref="RtBeginBlock"/> once per block before any
/// <see cref="RtFillChannel"/>; channels may be filled on different render workers. No allocation, lock or throw.</para>
/// </summary>
public sealed class CompensationDelay
{
    private readonly double[][] _lines;
    private readonly int[] _positions;
    private long _silentRun;
    private readonly bool[] _cleared;
    private bool _sourceSilent;

    /// <summary>Allocates the delay lines and output buffers; control side.</summary>
    public CompensationDelay(MixNode source, bool preFader, int delaySamples, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(delaySamples);
        Source = source;
        PreFader = preFader;
        DelaySamples = delaySamples;
        int channels = source.Layout.ChannelCount;
        _lines = new double[channels][];
        _positions = new int[channels];
        _cleared = new bool[channels];
        Buffers = new double[channels][];
        for (int c = 0; c < channels; c++)
        {
            _lines[c] = new double[delaySamples];
            Buffers[c] = new double[blockSize];
        }
        Array.Fill(_cleared, true);
        _silentRun = long.MaxValue / 2;
    }

    /// <summary>The node whose tap is delayed.</summary>
    public MixNode Source { get; }

    /// <summary>True when this delays the source's pre-fader tap, false for its post-fader output.</summary>
    public bool PreFader { get; }

    /// <summary>Samples of delay.</summary>
    public int DelaySamples { get; }

    /// <summary>The delayed signal, one block per channel (zeros when <see cref="RtSilent"/>); valid after the source's channels are filled.</summary>
    public double[][] Buffers { get; }

    /// <summary>True when this block's delayed output is all zeros.</summary>
    public bool RtSilent { get; private set; }

    /// <summary>Starts a block: records whether the source is silent for it and decides whether the output is. Driver or source worker, once per block.</summary>
    public void RtBeginBlock(bool sourceSilent, int count)
    {
        _sourceSilent = sourceSilent;
        _silentRun = sourceSilent ? _silentRun + count : 0;
        RtSilent = _silentRun >= DelaySamples + (long)count;
    }

    /// <summary>Delays channel <paramref name="channel"/> of this block's source tap into <see cref="Buffers"/>. Rt; any worker, one per channel.</summary>
    public void RtFillChannel(int channel, int count)
    {
        var output = Buffers[channel];
        if (RtSilent)
        {
            if (!_cleared[channel]) Array.Clear(output);
            _cleared[channel] = true;
            return;
        }
        _cleared[channel] = false;
        var line = _lines[channel];
        var input = PreFader ? Source.PreFaderBuffers[channel] : Source.PostFaderBuffers[channel];
        int pos = _positions[channel];
        // The ring in runs up to its end: each run hands out the samples it then overwrites (a run's slots are distinct,
        // so reading them all before writing equals the sample-by-sample exchange; a later run reads what an earlier one
        // wrote when the delay is shorter than the block).
        for (int done = 0; done < count;)
        {
            int run = Math.Min(count - done, line.Length - pos);
            var slots = line.AsSpan(pos, run);
            slots.CopyTo(output.AsSpan(done, run));
            if (_sourceSilent) slots.Clear();
            else input.AsSpan(done, run).CopyTo(slots);
            done += run;
            pos += run;
            if (pos == line.Length) pos = 0;
        }
        _positions[channel] = pos;
    }

    /// <summary>Clears the delay lines (after a locate or a reset of the source's processing). Driver thread, between blocks.</summary>
    public void RtClear()
    {
        foreach (var line in _lines) Array.Clear(line);
        _silentRun = long.MaxValue / 2;
    }
}
