using System.Net;
using System.Net.Sockets;
using System.Diagnostics;
using MixEngine.Surfaces.Osc;
using MixEngine.Tests.Support;

namespace MixEngine.Tests.Surfaces.Osc;

/// <summary>liblo (liblo-tools oscsend/oscdump) as the independent OSC implementation.</summary>
public class OscCodecPeerTests
{
    public static TheoryData<string, string[], OscMessage> LibloMessages() => new()
    {
        { "i", ["-7"], new OscMessage("/a/b", OscArgument.Int32(-7)) },
        { "f", ["0.75"], new OscMessage("/strip/fader", OscArgument.Float32(0.75f)) },
        { "s", ["DX 1"], new OscMessage("/strip/name", OscArgument.String("DX 1")) },
        { "sss", ["", "abc", "abcd"], new OscMessage("/s", OscArgument.String(""), OscArgument.String("abc"), OscArgument.String("abcd")) },
        { "h", ["-1234567890123"], new OscMessage("/h", OscArgument.Int64(-1234567890123)) },
        { "d", ["-6.5"], new OscMessage("/d", OscArgument.Float64(-6.5)) },
        { "TFNI", [], new OscMessage("/flags", OscArgument.Boolean(true), OscArgument.Boolean(false), OscArgument.Nil, OscArgument.Infinitum) },
        { "c", ["x"], new OscMessage("/c", OscArgument.Char('x')) },
        { "m", ["00903c7f"], new OscMessage("/m", OscArgument.Midi(new OscMidi(0x00, 0x90, 0x3C, 0x7F))) },
        { "ifsd", ["1", "2.5", "hi", "3.25"], new OscMessage("/mix", OscArgument.Int32(1), OscArgument.Float32(2.5f), OscArgument.String("hi"), OscArgument.Float64(3.25)) },
    };

    [PeerTheory("oscsend")]
    [MemberData(nameof(LibloMessages))]
    public void Our_encoding_is_byte_identical_to_liblo_and_decodes_lilbo_bytes(string types, string[] values, OscMessage expected)
    {
        // oscsend writes the packet it would send to standard output when the URL is "-".
        var liblo = RunForBytes("oscsend", ["-", expected.Address, types, .. values]);

        Assert.Equal(Convert.ToHexString(liblo), Convert.ToHexString(OscCodec.Encode(expected)));
        Assert.Equal(expected, OscCodec.Decode(liblo));
    }

    [PeerFact("oscsend")]
    public void A_datagram_from_oscsend_decodes_to_the_values_sent()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        socket.Client.ReceiveTimeout = 10_000;

        var (exit, _, stderr) = PeerTools.Run("oscsend", "127.0.0.1", port.ToString(), "/strip/gain", "ifT", "3", "-12.5");
        Assert.True(exit == 0, stderr);
        IPEndPoint? from = null;
        var datagram = socket.Receive(ref from);

        Assert.Equal(new OscMessage("/strip/gain", OscArgument.Int32(3), OscArgument.Float32(-12.5f), OscArgument.Boolean(true)), OscCodec.Decode(datagram));
    }

    [PeerFact("oscdump")]
    public void Oscdump_prints_our_messages_and_bundles_with_the_values_we_encoded()
    {
        int port = FreeUdpPort();
        using var dump = Process.Start(new ProcessStartInfo(PeerTools.Find("oscdump")!, ["-L", port.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            using var sender = new UdpClient();
            var message = new OscMessage("/mixengine/track/DX 1/fader", OscArgument.Int32(7), OscArgument.Float32(0.5f),
                OscArgument.String("Dialog"), OscArgument.Float64(-3.25), OscArgument.Int64(-9), OscArgument.Boolean(true),
                OscArgument.Boolean(false), OscArgument.Nil, OscArgument.Infinitum, OscArgument.Char('q'),
                OscArgument.Midi(new OscMidi(1, 0xB0, 0x07, 0x64)), OscArgument.Blob([0xAA, 0xBB]),
                OscArgument.TimeTag(new OscTimeTag(0x0000000280000000)));
            var bundle = new OscBundle(new OscTimeTag(0x0000000300000000), new OscMessage("/bank_up", OscArgument.Int32(1)));
            var lines = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            var reading = dump.StandardOutput.ReadLineAsync();
            while (lines.Count < 2 && DateTime.UtcNow < deadline)
            {
                // oscdump needs a moment to bind; resend until both lines arrive.
                sender.Send(OscCodec.Encode(message), new IPEndPoint(IPAddress.Loopback, port));
                sender.Send(OscCodec.Encode(bundle), new IPEndPoint(IPAddress.Loopback, port));
                while (reading.Wait(300))
                {
                    var line = reading.Result;
                    if (line is null) break;
                    if (!lines.Contains(line)) lines.Add(line);
                    reading = dump.StandardOutput.ReadLineAsync();
                }
            }

            Assert.Contains(lines, l => l.EndsWith(
                "/mixengine/track/DX 1/fader ifsdhTFNIcmbt 7 0.500000 \"Dialog\" -3.250000 -9 #T #F Nil Infinitum 'q' MIDI [0x01 0xb0 0x07 0x64] [2b 0xaa 0xbb] 00000002.80000000"));
            Assert.Contains("00000003.00000000 /bank_up i 1", lines);
        }
        finally
        {
            dump.Kill();
            dump.WaitForExit();
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    private static byte[] RunForBytes(string tool, string[] args)
    {
        var psi = new ProcessStartInfo(PeerTools.Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var output = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(output);
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {stderr}");
        return output.ToArray();
    }
}
