using MixEngine.Realtime;

namespace MixEngine.ControlPlane;

/// <summary>
/// The control side's copy of one plan's published meter readings (<see cref="PlanMeters"/>): <see cref="Refresh"/>
/// copies the newest consistent set out of the seqlock into a buffer made once, so reading allocates nothing. Reading
/// a strip's true peak or loudness asks the audio thread to keep measuring it (<see cref="PlanMeters.RequestTruePeak"/>,
/// <see cref="PlanMeters.RequestLoudness"/>: meters on demand).
/// Thread rules: one control thread at a time (the feedback hub's).
/// </summary>
public sealed class MeterReadings : IMeterReadings
{
    private readonly PlanMeters _meters;
    private readonly double[] _values;
    private long _version = -1;

    /// <summary>Creates a copy buffer for <paramref name="meters"/>; control side.</summary>
    public MeterReadings(PlanMeters meters)
    {
        _meters = meters;
        _values = new double[meters.Snapshot.Length];
    }

    /// <summary>The meters this copy reads.</summary>
    public PlanMeters Source => _meters;

    /// <summary>Copies the newest readings when the audio thread published since the last copy; returns true when it did.</summary>
    public bool Refresh()
    {
        long version = _meters.Snapshot.Version;
        if (version == _version) return false;
        if (!_meters.Snapshot.TryRead(_values)) return false;
        _version = version;
        return true;
    }

    /// <inheritdoc/>
    public int StripCount => _meters.StripCount;

    /// <inheritdoc/>
    public string StripName(int strip) => _meters.StripName(strip);

    /// <inheritdoc/>
    public int ChannelCount(int strip) => _meters.ChannelCount(strip);

    /// <inheritdoc/>
    public double PeakDb(int strip, int channel) => _values[Channel(strip, channel)];

    /// <inheritdoc/>
    public double TruePeakDb(int strip, int channel)
    {
        int index = Channel(strip, channel) + 1;
        _meters.RequestTruePeak(strip);
        return _values[index];
    }

    /// <inheritdoc/>
    public double RmsDb(int strip, int channel) => _values[Channel(strip, channel) + 2];

    /// <inheritdoc/>
    public double MomentaryLufs(int strip)
    {
        _meters.RequestLoudness(strip);
        return _values[_meters.StripOffset(strip)];
    }

    /// <inheritdoc/>
    public double ShortTermLufs(int strip)
    {
        _meters.RequestLoudness(strip);
        return _values[_meters.StripOffset(strip) + 1];
    }

    /// <inheritdoc/>
    public double GainReductionDb(int strip) => _values[_meters.StripOffset(strip) + 2];

    /// <inheritdoc/>
    public int PrintmasterStrip => _meters.PrintmasterStrip;

    /// <inheritdoc/>
    public double IntegratedLufs => _values[0];

    private int Channel(int strip, int channel)
    {
        if ((uint)channel >= (uint)_meters.ChannelCount(strip))
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"strip '{_meters.StripName(strip)}' has {_meters.ChannelCount(strip)} channels");
        return _meters.StripOffset(strip) + PlanMeters.StripHeaderLength + 3 * channel;
    }
}
