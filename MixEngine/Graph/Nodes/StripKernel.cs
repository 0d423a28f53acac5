using System.Numerics;
using MixEngine.Session;

namespace MixEngine.Graph.Nodes;

/// <summary>
/// One inserted processor of a strip's chain (an EQ band, the gate, the compressor, the de-esser, the limiter) around its
/// DSP kernel: bypass as a live switch that crossfades over one block between the dry and the processed signal (the
/// kernel keeps running while bypassed, so re-enabling is seamless; a kernel with latency delays the dry path by the
/// same amount, so bypass never changes the strip's latency), a check of the processed block for NaN/Inf (the kernel
/// is then reset and the event counted), and the kernel's live parameters.
/// <para>Thread rules: construction (Prepare) control side; <c>RtSet*</c> and parameters between blocks on the driver
/// thread; <see cref="RtRun"/> on the worker that runs the strip; <see cref="GainReductionDb"/> and
/// <see cref="NonFiniteResets"/> lock-free from any thread. No allocation, lock or throw after construction.</para>
/// </summary>
public abstract class StripKernel
{
    private readonly double[][] _wet;
    private readonly double[][]? _dry;
    private readonly double[][]? _dryLines;
    private int _dryPosition;
    private bool _active;
    private bool _enabled;
    private long _nonFiniteResets;

    /// <summary>Allocates the bypass buffers for <paramref name="channels"/> × <paramref name="blockSize"/>; control side.</summary>
    protected StripKernel(string name, bool enabled, int channels, int blockSize, int latencySamples)
    {
        Name = name;
        _enabled = _active = enabled;
        LatencySamples = latencySamples;
        _wet = Allocate(channels, blockSize);
        if (latencySamples > 0)
        {
            _dry = Allocate(channels, blockSize);
            _dryLines = Allocate(channels, latencySamples);
        }
    }

    /// <summary>The processor's address segment inside the strip (<c>eq/2</c>, <c>dyn/comp</c>).</summary>
    public string Name { get; }

    /// <summary>Samples of delay the processor adds (the same whether enabled or bypassed).</summary>
    public int LatencySamples { get; }

    /// <summary>Largest gain reduction in dB during the last block (0 for EQ); lock-free from any thread.</summary>
    public virtual double GainReductionDb => 0.0;

    /// <summary>How many times the kernel produced NaN or Inf and was reset; lock-free from any thread.</summary>
    public long NonFiniteResets => Interlocked.Read(ref _nonFiniteResets);

    /// <summary>True when the processor is switched in (target; the next block crossfades to it). Driver thread.</summary>
    public bool Enabled => _enabled;

    /// <summary>True when the processor is switched in, not crossfading and has no dry delay: its kernel's output is the processor's output. The strip's worker.</summary>
    internal bool RtSteadyOn => _enabled && _active && _dryLines is null;

    /// <summary>
    /// Rejects this block's output of a steady processor whose kernel ran elsewhere (a batch of strips) and produced NaN
    /// or Inf (<see cref="RtAllFinite"/>): like <see cref="RtRun"/>, resets the kernel and counts the event. Rt; the
    /// strip's worker.
    /// </summary>
    internal void RtRejectBatched()
    {
        Interlocked.Increment(ref _nonFiniteResets);
        RtReset();
    }

    /// <summary>Switches the processor in (true) or bypasses it; the next block crossfades. Driver thread, between blocks.</summary>
    public void RtSetEnabled(bool enabled) => _enabled = enabled;

    /// <summary>Processes <paramref name="count"/> frames of <paramref name="channels"/> in place; the kernel's own processing on <paramref name="channels"/>.</summary>
    protected abstract void RtProcessKernel(double[][] channels, int count, double[][]? key);

    /// <summary>Clears the kernel's state (keeps its settings); control or the strip's worker thread.</summary>
    protected abstract void ResetKernel();

    /// <summary>Jumps the kernel's gliding parameters to their set values, keeping its state; none by default. Driver thread, between blocks.</summary>
    protected virtual void SettleKernel()
    {
    }

    /// <summary>
    /// Finishes every change still to come (a pending bypass switch, the kernel's parameter glides) at once, keeping the
    /// audio state: values set while the transport is stopped take effect from the first sample played. Driver thread, between blocks.
    /// </summary>
    public void RtSettle()
    {
        _active = _enabled;
        SettleKernel();
    }

    /// <summary>Sets the timeline position of the block about to run, for a kernel that follows automation lanes itself; nothing by default. The strip's worker, before the block.</summary>
    public virtual void RtSetPosition(long position)
    {
    }

    /// <summary>Adds the kernel's live parameters (besides <c>enabled</c>) under <paramref name="prefix"/> (<c>track/DX 1/dyn/comp/</c>); control side.</summary>
    protected abstract void AddKernelParameters(Dictionary<string, IRtParameter> parameters, string prefix);

    /// <summary>False for a processor switched per part instead of as a whole (the EQ: each band has its own <c>enabled</c>).</summary>
    protected virtual bool HasEnabledSwitch => true;

    /// <summary>Adds <c>enabled</c> (where the processor has one) and the kernel's live parameters under <c>&lt;strip&gt;/&lt;Name&gt;/</c>; control side.</summary>
    public void AddParameters(Dictionary<string, IRtParameter> parameters, string stripPrefix)
    {
        string prefix = $"{stripPrefix}{Name}/";
        if (HasEnabledSwitch) parameters[prefix + "enabled"] = new RtAction(v => RtSetEnabled(v >= 0.5));
        AddKernelParameters(parameters, prefix);
    }

    /// <summary>A live parameter that clamps to <paramref name="field"/>'s range and forwards to <paramref name="set"/>; control side.</summary>
    protected static IRtParameter Clamped(ProcessingField field, Action<double> set) => new RtAction(v => set(ClampTo(field, v)));

    /// <summary><paramref name="value"/> clamped to <paramref name="field"/>'s range, its default for NaN. Any thread.</summary>
    protected static double ClampTo(ProcessingField field, double value) =>
        double.IsNaN(value) ? field.Default : Math.Clamp(value, field.Minimum, field.Maximum);

    /// <summary>Clears the kernel and the bypass delay; the strip's worker thread or control side.</summary>
    public void RtReset()
    {
        ResetKernel();
        if (_dryLines is not null) foreach (var line in _dryLines) Array.Clear(line);
        _active = _enabled;
    }

    /// <summary>
    /// Runs the processor on <paramref name="channels"/> in place (enabled, bypassed, or crossfading between the two);
    /// returns false when the kernel produced NaN or Inf: it is then reset, the event counted, and the channels are left
    /// for the strip to silence. Rt; the strip's worker.
    /// </summary>
    public bool RtRun(double[][] channels, int count, double[][]? key)
    {
        bool target = _enabled;
        bool steadyOn = target && _active;
        var dry = channels;
        if (_dryLines is not null)
        {
            RtDelay(channels, _dry!, count);
            dry = _dry!;
        }
        var wet = channels;
        if (!steadyOn)
        {
            wet = _wet;
            for (int c = 0; c < channels.Length; c++) Array.Copy(channels[c], wet[c], count);
        }
        RtProcessKernel(wet, count, key);
        if (!RtAllFinite(wet, count))
        {
            Interlocked.Increment(ref _nonFiniteResets);
            RtReset();
            return false;
        }
        if (steadyOn) return true;
        if (!target && !_active)
        {
            if (!ReferenceEquals(dry, channels))
                for (int c = 0; c < channels.Length; c++) Array.Copy(dry[c], channels[c], count);
            return true;
        }
        // Switching: a linear crossfade over the block, from all-dry to all-wet when enabling and back when bypassing.
        double from = _active ? 1.0 : 0.0, to = target ? 1.0 : 0.0, step = (to - from) / count;
        for (int c = 0; c < channels.Length; c++)
        {
            double[] d = dry[c], w = wet[c], o = channels[c];
            for (int i = 0; i < count; i++)
            {
                double r = i == count - 1 ? to : from + step * (i + 1);
                o[i] = d[i] + (w[i] - d[i]) * r;
            }
        }
        _active = target;
        return true;
    }

    private void RtDelay(double[][] input, double[][] output, int count)
    {
        var lines = _dryLines!;
        int length = lines[0].Length, start = _dryPosition, pos = start;
        for (int c = 0; c < input.Length; c++)
        {
            double[] line = lines[c], x = input[c], y = output[c];
            pos = start;
            for (int i = 0; i < count; i++)
            {
                y[i] = line[pos];
                line[pos] = x[i];
                if (++pos == length) pos = 0;
            }
        }
        _dryPosition = pos;
    }

    /// <summary>True when every sample of the first <paramref name="count"/> frames is finite (x·0 is 0 for finite x, NaN otherwise). Rt.</summary>
    public static bool RtAllFinite(double[][] channels, int count)
    {
        var acc = Vector<double>.Zero;
        double tail = 0.0;
        foreach (var channel in channels)
        {
            var span = channel.AsSpan(0, count);
            int i = 0;
            for (; i <= count - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(span[i..]) * Vector<double>.Zero;
            for (; i < count; i++) tail += span[i] * 0.0;
        }
        return Vector.Sum(acc) + tail == 0.0;
    }

    private static double[][] Allocate(int channels, int length)
    {
        var buffers = new double[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new double[length];
        return buffers;
    }
}
