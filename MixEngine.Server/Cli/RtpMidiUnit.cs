using System.Globalization;
using System.Net;
using MixEngine.Surfaces.Midi;
using Serilog;

namespace MixEngine.Server.Cli;

/// <summary>
/// One RTP-MIDI session named as a surface port on the <c>serve</c> command line, each its own session on its own UDP
/// pair, so several network units bind by port identity, not by the order they connect:
/// <c>rtpmidi</c> listens on <c>--rtpmidi-port</c>; <c>rtpmidi:PORT</c> listens on PORT and PORT + 1 (0 = any free pair);
/// <c>rtpmidi@ADDRESS:PORT</c> invites the peer whose control port that is (a surface on the network that waits to be
/// invited) from a free local pair, retrying until it answers. A value; parsed on the CLI's main thread.
/// </summary>
/// <param name="Text">The port name as given.</param>
/// <param name="ListenPort">The control port to listen on (0 = any free pair), or null for an invitation.</param>
/// <param name="Invite">The peer's control port to invite, or null for a listener.</param>
internal sealed record RtpMidiUnit(string Text, int? ListenPort, IPEndPoint? Invite)
{
    /// <summary>How long one invitation waits for its answer before it is sent again.</summary>
    public static readonly TimeSpan InviteAttempt = TimeSpan.FromSeconds(10);

    /// <summary>True when <paramref name="port"/> names an RTP-MIDI session (any of the three forms), valid or not.</summary>
    public static bool Names(string port) =>
        port == ServeMidiSettings.RtpUnit || port.StartsWith(ServeMidiSettings.RtpUnit + ":", StringComparison.Ordinal) ||
        port.StartsWith(ServeMidiSettings.RtpUnit + "@", StringComparison.Ordinal);

    /// <summary>Reads a port name that <see cref="Names"/> accepts; false with a message naming it and the forms expected.</summary>
    public static bool TryParse(string port, int defaultPort, out RtpMidiUnit unit, out string? error)
    {
        unit = new RtpMidiUnit(port, defaultPort, null);
        error = null;
        if (port == ServeMidiSettings.RtpUnit) return true;
        string rest = port[(ServeMidiSettings.RtpUnit.Length + 1)..];
        if (port[ServeMidiSettings.RtpUnit.Length] == ':')
        {
            if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int listen) && listen <= 65534)
            {
                unit = unit with { ListenPort = listen };
                return true;
            }
            error = $"{port}: '{rest}' is not a UDP port; expected rtpmidi:PORT with PORT 0 … 65534 (the data port is the next one)";
            return false;
        }
        if (IPEndPoint.TryParse(rest, out var peer) && peer.Port is > 0 and <= 65534)
        {
            unit = unit with { ListenPort = null, Invite = peer };
            return true;
        }
        error = $"{port}: '{rest}' is not a peer address; expected rtpmidi@ADDRESS:PORT with an IP address and the peer's control port, e.g. rtpmidi@192.168.1.40:5004";
        return false;
    }

    /// <summary>
    /// Opens the session: binds its UDP pair on <paramref name="bind"/> and, for an invitation, starts inviting in the
    /// background until the peer answers or the session is disposed. Throws <see cref="InvalidOperationException"/>
    /// starting "MIDI:" naming <paramref name="option"/> when the pair cannot be bound.
    /// </summary>
    public RtpMidiSession Open(IPAddress bind, string option, ILogger log)
    {
        int port = ListenPort ?? 0;
        RtpMidiSession session;
        try
        {
            session = RtpMidiSession.Listen("mixengine", bind, port);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"MIDI: {option} {Text}: cannot listen on {bind} port {port}: {e.Message}", e);
        }
        if (Invite is not { } peer)
        {
            log.Information("RTP-MIDI {Unit}: listening on UDP {EndPoint} and the next port", Text, session.ControlEndPoint);
            return session;
        }
        log.Information("RTP-MIDI {Unit}: inviting {Peer} from UDP {EndPoint}", Text, peer, session.ControlEndPoint);
        _ = Task.Run(() => KeepInviting(session, peer, log));
        return session;
    }

    /// <summary>
    /// Invites the peer until it answers, then again each time it leaves (BY, or silent past the session's peer
    /// timeout: a unit power-cycled on the network waits to be invited again). A rejection is logged and retried at the
    /// same pace (the unit may be busy with another host). Ends when the session is disposed.
    /// </summary>
    private async Task KeepInviting(RtpMidiSession session, IPEndPoint peer, ILogger log)
    {
        bool quiet = false;
        while (true)
        {
            try
            {
                await session.InviteAsync(peer, InviteAttempt);
                log.Information("RTP-MIDI {Unit}: {Peer} ({Name}) accepted; clock synchronised", Text, peer, session.PeerName);
                quiet = false;
                await Left(session);
                log.Warning("RTP-MIDI {Unit}: {Peer} left the session; inviting it again every {Seconds} s", Text, peer, InviteAttempt.TotalSeconds);
                quiet = true;
            }
            catch (TimeoutException)
            {
                if (!quiet) log.Warning("RTP-MIDI {Unit}: {Peer} does not answer yet; inviting again every {Seconds} s", Text, peer, InviteAttempt.TotalSeconds);
                quiet = true;
            }
            catch (InvalidOperationException e)
            {
                if (!quiet) log.Warning("RTP-MIDI {Unit}: {Error}; inviting again every {Seconds} s", Text, e.Message, InviteAttempt.TotalSeconds);
                quiet = true;
                await Task.Delay(InviteAttempt);
            }
            catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                return; // the session was disposed
            }
        }
    }

    /// <summary>Completes when the session's peer leaves (at once if none is connected).</summary>
    private static async Task Left(RtpMidiSession session)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<bool> handler = (_, connected) =>
        {
            if (!connected) left.TrySetResult();
        };
        session.ConnectionChanged += handler;
        try
        {
            if (session.IsConnected) await left.Task;
        }
        finally
        {
            session.ConnectionChanged -= handler;
        }
    }
}
