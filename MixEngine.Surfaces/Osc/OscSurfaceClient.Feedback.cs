using MixEngine.ControlPlane;
using MixEngine.Session;
using MixEngine.Surfaces.Abstractions;

namespace MixEngine.Surfaces.Osc;

/// <summary>What an <see cref="OscSurfaceClient"/> sends: full state, bank buttons, value, meter and transport feedback. Every member runs under the client's lock.</summary>
internal sealed partial class OscSurfaceClient
{
    /// <summary>Ardour sends −∞ dB as this value.</summary>
    public const float MinusInfinityDb = -200f;

    /// <inheritdoc/>
    /// <remarks>A played value is sent as the control shows it now, read under the client's lock: the hub read the
    /// change before it waited for the lock, and a full state sent meanwhile by another thread (a session edit, a
    /// bank move) may already hold a newer played value, which the older one must not follow.</remarks>
    public void OnParameterChanged(in ParameterChange change)
    {
        lock (_gate)
        {
            int slot = change.Parameter.Slot;
            var (value, normalized) = change.Origin == ParameterOrigin.Played ? ShownNow(change) : (change.Value, change.Normalized);
            if (_slotMap.TryGetValue(slot, out int entry))
                SendStripValue(entry >> 3, entry & 7, slot, value, normalized, force: false);
            if (_watchNatural.TryGetValue(slot, out string? natural))
                SendValue(natural, -1, slot, OscRepresentation.NamespaceNatural, value, force: false);
            if (_watchPosition.TryGetValue(slot, out string? position))
                SendValue(position, -1, slot, OscRepresentation.NamespacePosition, normalized, force: false);
        }
    }

    // The control's shown value and position now; the change's own when an edit removed the parameter meanwhile.
    private (double Value, double Normalized) ShownNow(in ParameterChange change)
    {
        try
        {
            return (_control.GetShownValue(change.Parameter), _control.GetShownNormalized(change.Parameter));
        }
        catch (ParameterAddressException)
        {
            return (change.Value, change.Normalized);
        }
    }

    /// <inheritdoc/>
    public void OnTouchChanged(in TouchChange change)
    {
    }

    /// <inheritdoc/>
    public void OnTransport(in TransportSnapshot transport)
    {
        lock (_gate) SendTransport(transport, force: false);
    }

    /// <summary>Position and transport state, each only when it differs from what the client was last sent (or <paramref name="force"/>).</summary>
    private void SendTransport(in TransportSnapshot transport, bool force)
    {
        if (force) _transportKnown = false;
        if ((_feedback & Timecode) != 0)
        {
            string smpte = transport.Timecode.ToString();
            if (!_transportKnown || smpte != _smpteSent) Send("/position/smpte", smpte);
            _smpteSent = smpte;
        }
        if ((_feedback & Samples) != 0 && (!_transportKnown || transport.Position != _samplesSent))
            Send("/position/samples", transport.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _samplesSent = transport.Position;
        bool playing = transport.State != TransportState.Stopped;
        if ((_feedback & Master) != 0 && (!_transportKnown || playing != _transportPlaying))
        {
            Send("/transport_play", playing ? 1f : 0f);
            Send("/transport_stop", playing ? 0f : 1f);
        }
        _transportKnown = true;
        _transportPlaying = playing;
        if (_watchTransport) SendNamespaceTransport(transport, force);
    }

    /// <inheritdoc/>
    public void OnMeters(IMeterReadings meters)
    {
        lock (_gate)
        {
            bool strips = (_feedback & (MeterFloat | SignalPresent)) != 0;
            if (!strips && _watchMeters.Count == 0) return;
            for (int m = 0; m < meters.StripCount; m++)
            {
                string prefix = meters.StripName(m);
                if (strips && _stripByPrefix.TryGetValue(prefix, out int index))
                {
                    int accepted = _accepted.IndexOf(index);
                    int ssid = accepted < 0 ? 0 : Bank.SsidOf(accepted);
                    if (ssid > 0) SendStripMeter(ssid, _strips[index].Fader.Slot, Peak(meters, m));
                }
                if (_watchMeters.TryGetValue(prefix, out var watch)) SendNamespaceMeter(watch.Address, watch.Last, meters, m);
            }
        }
    }

    private void Rebuild(IReadOnlyList<SurfaceStrip> strips)
    {
        _strips = strips;
        _stripByPrefix.Clear();
        _accepted.Clear();
        for (int i = 0; i < strips.Count; i++)
        {
            _stripByPrefix[strips[i].Prefix] = i;
            int bit = strips[i].Scope switch { ParameterScope.Track => Tracks, ParameterScope.Bus => Buses, _ => Vcas };
            if ((_stripTypes & bit) != 0) _accepted.Add(i);
        }
        Bank.SetStripCount(_accepted.Count);
        RebuildSlotMap();
    }

    private void RebuildSlotMap()
    {
        _slotMap.Clear();
        for (int ssid = 1; ssid <= Bank.Visible; ssid++)
        {
            var s = _strips[_accepted[Bank.StripAt(ssid)]];
            _slotMap[s.Fader.Slot] = ssid << 3 | Fader;
            if (s.Trim is { } trim) _slotMap[trim.Slot] = ssid << 3 | Trim;
            if (s.Mute is { } mute) _slotMap[mute.Slot] = ssid << 3 | Mute;
            if (s.Solo is { } solo) _slotMap[solo.Slot] = ssid << 3 | Solo;
            if (s.PanX is { } pan) _slotMap[pan.Slot] = ssid << 3 | PanX;
        }
    }

    private void SendFullState()
    {
        _echo.Forget();
        SendBankButtons();
        int shown = Math.Max(Bank.Visible, Bank.BankSize);
        var arms = _control.RecordArm;
        for (int ssid = 1; ssid <= shown; ssid++)
        {
            if (ssid > Bank.Visible)
            {
                SendBlank(ssid);
                continue;
            }
            var s = _strips[_accepted[Bank.StripAt(ssid)]];
            if ((_feedback & StripButtons) != 0)
            {
                SendStrip("/strip/name", ssid, s.Name);
                SendRecordArm(ssid, s, arms);
                SendSelect(ssid, s);
            }
            SendStripControl(ssid, Fader, s.Fader);
            if ((_feedback & StripValues) != 0) SendStripAutomation(ssid, force: true);
            if (s.Trim is { } trim) SendStripControl(ssid, Trim, trim);
            if (s.Mute is { } mute) SendStripControl(ssid, Mute, mute);
            if (s.Solo is { } solo) SendStripControl(ssid, Solo, solo);
            if (s.PanX is { } pan) SendStripControl(ssid, PanX, pan);
        }
        foreach (var (slot, address) in _watchNatural)
            if (_surface.HandleOfSlot(slot) is { } h) SendValue(address, -1, slot, OscRepresentation.NamespaceNatural, _control.GetShownValue(h), force: true);
        foreach (var (slot, address) in _watchPosition)
            if (_surface.HandleOfSlot(slot) is { } h) SendValue(address, -1, slot, OscRepresentation.NamespacePosition, _control.GetShownNormalized(h), force: true);
        SendWatchedAutomation(force: true);
        SendWatchedMarkers();
        SendTransport(_control.Transport, force: true);
    }

    private void SendStripControl(int ssid, int kind, ParameterHandle parameter) =>
        SendStripValue(ssid, kind, parameter.Slot, _control.GetShownValue(parameter), _control.GetShownNormalized(parameter), force: true);

    private void SendStripValue(int ssid, int kind, int slot, double value, double position, bool force)
    {
        if (kind is Mute or Solo)
        {
            if ((_feedback & StripButtons) != 0) SendValue(kind == Mute ? "/strip/mute" : "/strip/solo", ssid, slot, OscRepresentation.Natural, value, force);
            return;
        }
        if ((_feedback & StripValues) == 0) return;
        switch (kind)
        {
            case Fader:
                if (_gainMode != 0) SendValue("/strip/fader", ssid, slot, OscRepresentation.Position, position, force);
                if (_gainMode is 0 or 2) SendValue("/strip/gain", ssid, slot, OscRepresentation.Natural, value, force);
                break;
            case Trim:
                SendValue("/strip/trimdB", ssid, slot, OscRepresentation.Natural, value, force);
                break;
            case PanX:
                SendValue("/strip/pan_stereo_position", ssid, slot, OscRepresentation.Position, position, force);
                break;
        }
    }

    private void SendValue(string address, int ssid, int slot, OscRepresentation shown, double value, bool force)
    {
        int key = Key(slot, shown);
        if (force) _echo.Forget(key);
        if (!_echo.ShouldSend(key, slot, value)) return;
        float f = double.IsNegativeInfinity(value) ? MinusInfinityDb : (float)value;
        if (ssid < 0) Send(address, f);
        else SendStrip(address, ssid, f);
    }

    private void SendStripMeter(int ssid, int faderSlot, double peakDb)
    {
        if ((_feedback & MeterFloat) != 0)
        {
            double shown = _gainMode is 1 or 3
                ? Math.Clamp((peakDb + 94.0) / 100.0, 0.0, 1.0)
                : double.IsNegativeInfinity(peakDb) ? MinusInfinityDb : Math.Round(peakDb, 1);
            if (_echo.ShouldSend(Key(faderSlot, OscRepresentation.Meter), -1, shown)) SendStrip("/strip/meter", ssid, (float)shown);
        }
        if ((_feedback & SignalPresent) != 0)
        {
            double signal = peakDb > -40.0 ? 1 : 0;
            if (_echo.ShouldSend(Key(faderSlot, OscRepresentation.Signal), -1, signal)) SendStrip("/strip/signal", ssid, (float)signal);
        }
    }

    private void SendNamespaceMeter(string address, double[] last, IMeterReadings meters, int strip)
    {
        int channels = Math.Min(meters.ChannelCount(strip), last.Length);
        bool changed = false;
        for (int c = 0; c < channels; c++)
        {
            double peak = meters.PeakDb(strip, c);
            double shown = double.IsNegativeInfinity(peak) ? MinusInfinityDb : Math.Round(peak, 1);
            if (shown != last[c]) changed = true;
            last[c] = shown;
        }
        if (!changed) return;
        Span<char> tags = stackalloc char[channels];
        tags.Fill('f');
        var w = new OscWriter(_buffer, address, tags);
        for (int c = 0; c < channels; c++) w.Float32((float)last[c]);
        Flush(w.Length);
    }

    /// <summary>The namespace's transport watch: each of state, position and timecode only when it changed (all of them with <paramref name="force"/>).</summary>
    private void SendNamespaceTransport(TransportSnapshot t, bool force)
    {
        if (force) _watchedTransport = null;
        var last = _watchedTransport;
        if (last is null || last.Value.State != t.State)
            Send("/mixengine/transport/state", t.State switch { TransportState.Playing => "playing", TransportState.PreRolling => "prerolling", _ => "stopped" });
        if (last is null || last.Value.Position != t.Position)
        {
            var w = new OscWriter(_buffer, "/mixengine/transport/position", "h");
            w.Int64(t.Position);
            Flush(w.Length);
        }
        string timecode = t.Timecode.ToString();
        if (last is null || last.Value.Timecode.ToString() != timecode) Send("/mixengine/transport/timecode", timecode);
        _watchedTransport = t;
    }

    private void SendBankButtons()
    {
        Send("/bank_up", Bank.CanBankUp ? 1f : 0f);
        Send("/bank_down", Bank.CanBankDown ? 1f : 0f);
    }

    private void SendSelect(int ssid, SurfaceStrip strip)
    {
        double selected = _surface.SelectedPrefix == strip.Prefix ? 1 : 0;
        if (_echo.ShouldSend(Key(strip.Fader.Slot, OscRepresentation.Select), -1, selected)) SendStrip("/strip/select", ssid, (float)selected);
    }

    private void SendBlank(int ssid)
    {
        if ((_feedback & StripButtons) != 0)
        {
            SendStrip("/strip/name", ssid, " ");
            foreach (string a in (ReadOnlySpan<string>)["/strip/mute", "/strip/solo", "/strip/recenable", "/strip/select"]) SendStrip(a, ssid, 0f);
        }
        if ((_feedback & StripValues) != 0)
        {
            if (_gainMode != 0) SendStrip("/strip/fader", ssid, 0f);
            if (_gainMode is 0 or 2) SendStrip("/strip/gain", ssid, MinusInfinityDb);
        }
    }

    private void Send(string address, float value)
    {
        var w = new OscWriter(_buffer, address, "f");
        w.Float32(value);
        Flush(w.Length);
    }

    private void Send(string address, string value)
    {
        var w = new OscWriter(_buffer, address, "s");
        w.String(value);
        Flush(w.Length);
    }

    private void SendStrip(string address, int ssid, float value)
    {
        if ((_feedback & SsidInPath) != 0)
        {
            var w = new OscWriter(_buffer, address, "f", ssid);
            w.Float32(value);
            Flush(w.Length);
        }
        else
        {
            var w = new OscWriter(_buffer, address, "if");
            w.Int32(ssid);
            w.Float32(value);
            Flush(w.Length);
        }
    }

    private void SendStrip(string address, int ssid, string value)
    {
        if ((_feedback & SsidInPath) != 0)
        {
            var w = new OscWriter(_buffer, address, "s", ssid);
            w.String(value);
            Flush(w.Length);
        }
        else
        {
            var w = new OscWriter(_buffer, address, "is");
            w.Int32(ssid);
            w.String(value);
            Flush(w.Length);
        }
    }

    private static double Peak(IMeterReadings meters, int strip)
    {
        double peak = double.NegativeInfinity;
        for (int c = 0; c < meters.ChannelCount(strip); c++) peak = Math.Max(peak, meters.PeakDb(strip, c));
        return peak;
    }

    private void Flush(int length)
    {
        if (!Transport.Send(_buffer.AsSpan(0, length), ReplyEndPoint)) _surface.CountSendFailure();
        else _surface.CountSent();
    }
}
