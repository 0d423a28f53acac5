using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using MixEngine.ControlPlane;
using MixEngine.Devices;
using MixEngine.Devices.Jack;
using MixEngine.Files;
using MixEngine.Graph;
using MixEngine.Protocol.Hosting;
using MixEngine.Protocol.Services;
using MixEngine.Realtime;
using MixEngine.Session;
using MixEngine.Surfaces.Osc;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace MixEngine.Server.Cli;

/// <summary>
/// <c>mixengine serve [--session FILE] [--device auto|jack|null] [--block N] [--render-threads N] [--play] [--stats SECONDS] [--block-trace FILE] [--realtime-priority N] [--audio-cpu N [--reserve-audio-cpu]] [--client-name NAME]
/// [--jack-server NAME] [--connect PORTS=DESTINATIONS]... [--monitor BUS|printmaster] [--print DIR] [OSC options] [MIDI surface options]
/// [--grpc ADDRESS:PORT|off] [--grpc-config FILE]</c>: loads a session,
/// plays its printed buses (or, without prints, every bus that feeds no other bus) to an audio device (ports named
/// after the prints and the layout's speaker labels, see <see cref="OutputPort"/>) and stays up
/// until SIGINT or SIGTERM, logging block timing statistics from the control thread. Every control adapter drives the
/// engine through the one <see cref="MixControl"/> created here (its feedback hub runs on its own thread); adapters are
/// started right after it and disposed before it: the OSC surface (UDP on 127.0.0.1:3819 by default, TCP optional;
/// <see cref="ServeOscOptions"/>), the Mackie Control surface when units are configured (<see cref="ServeMidiOptions"/>:
/// <c>--rtpmidi</c>, <c>--mcu ID</c>) and the gRPC service (docs/grpc.md, 127.0.0.1:50051 unless <c>--grpc off</c>).
/// Live automation passes from every adapter are written by a <see cref="LiveAutomation"/> (journaled while they run,
/// saved into the session file as each ends; docs/automation.md, Live passes).
/// Stops cleanly on SIGINT/SIGTERM: transport stop, record-print committed, a pass still running ended, device stop, and the session saved over its file
/// (previous version kept as <c>.bak</c>) when anything changed while serving; plans disposed. Runs on
/// the CLI's main thread; the device owns the audio thread.
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the verb; <paramref name="level"/> is raised to Information so the service log is visible.</summary>
    public static Command Create(Terminal terminal, ILogger log, LoggingLevelSwitch level)
    {
        var sessionOption = new Option<string?>("--session") { Description = "Session file (JSON) to load; without it the engine runs an empty 48 kHz session" };
        var deviceOption = new Option<string>("--device")
        {
            Description = "Audio device: jack, null (real-time pace without hardware) or auto (JACK when a server runs, otherwise null)",
            DefaultValueFactory = _ => "auto",
        };
        deviceOption.AcceptOnlyFromAmong("auto", "jack", "null");
        var blockOption = new Option<int>("--block") { Description = "Frames per period of the null device (JACK takes the server's)", DefaultValueFactory = _ => 128 };
        var renderThreadsOption = new Option<int>("--render-threads")
        {
            Description = "Threads that render each period, the audio thread included (1 renders everything on the audio thread)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var clientOption = new Option<string>("--client-name") { Description = "JACK client name", DefaultValueFactory = _ => "mixengine" };
        var serverOption = new Option<string?>("--jack-server") { Description = "JACK server name (default: $JACK_DEFAULT_SERVER, else 'default')" };
        var connectOption = new Option<string[]>("--connect")
        {
            Description = "Connect JACK ports: PORTS=DESTINATIONS, a glob over our port names and an input port name or regular expression, e.g. 'PM_712:*=system:playback_.*' (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var monitorOption = new Option<string?>("--monitor") { Description = "Add the monitor path on ports monitor:L, monitor:R, … (printmaster layout), first playing this bus (id or name; 'printmaster' for the printmaster)" };
        var printOption = new Option<string?>("--print") { Description = "Record-print: write the session's prints into this folder in real time while playing, committed on stop" };
        var playOption = new Option<bool>("--play") { Description = "Start playing at once, looping the whole session (for soak tests and timing measurements)" };
        var priorityOption = new Option<int>("--realtime-priority")
        {
            Description = "SCHED_FIFO priority (1-99) for the audio thread and render workers, 0 = ordinary scheduling; needs CAP_SYS_NICE or an rtprio limit (refusal is logged)",
        };
        var traceOption = new Option<string?>("--block-trace") { Description = "Trace every period (phase times, thread CPU vs wall, worker wakes, GC) and write the newest ones to this CSV file on stop" };
        var statsOption = new Option<double>("--stats") { Description = "Seconds between block timing log lines", DefaultValueFactory = _ => 10 };
        var grpcOption = new Option<string>("--grpc")
        {
            Description = "gRPC listen address ADDRESS:PORT (port 0 picks a free one), or off",
            DefaultValueFactory = _ => $"127.0.0.1:{GrpcHostOptions.DefaultPort}",
        };
        var grpcConfigOption = new Option<string?>("--grpc-config") { Description = "gRPC settings file (JSON: TLS certificate, API keys and roles, media and render roots, limits; docs/grpc.md)" };
        var osc = new ServeOscOptions();
        var midi = new ServeMidiOptions();
        var mapping = new ServeMappingOptions();
        var cpus = new ServeCpuOptions();
        var command = new Command("serve", "Run the realtime engine as a service until stopped (SIGINT/SIGTERM)")
        {
            sessionOption, deviceOption, blockOption, renderThreadsOption, playOption, statsOption, traceOption, priorityOption, clientOption, serverOption, connectOption, monitorOption, printOption,
            grpcOption, grpcConfigOption,
        };
        osc.AddTo(command);
        midi.AddTo(command);
        mapping.AddTo(command);
        cpus.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (level.MinimumLevel > LogEventLevel.Information) level.MinimumLevel = LogEventLevel.Information;
            int block = parse.GetValue(blockOption);
            if (block is < 16 or > 8192)
            {
                terminal.Error.WriteLine($"mixengine serve: --block {block} is out of range; expected 16 … 8192 frames");
                return ExitCode.InvalidInput;
            }
            int renderThreads = parse.GetValue(renderThreadsOption);
            if (renderThreads is < 1 or > 64)
            {
                terminal.Error.WriteLine($"mixengine serve: --render-threads {renderThreads} is out of range; expected 1 … 64");
                return ExitCode.InvalidInput;
            }
            int priority = parse.GetValue(priorityOption);
            if (priority is < 0 or > 99)
            {
                terminal.Error.WriteLine($"mixengine serve: --realtime-priority {priority} is out of range; expected 0 (off) or 1 … 99");
                return ExitCode.InvalidInput;
            }
            if (!cpus.TryRead(parse, out var cpuSettings, out string? cpuError))
            {
                terminal.Error.WriteLine($"mixengine serve: {cpuError}");
                return ExitCode.InvalidInput;
            }
            double stats = parse.GetValue(statsOption);
            if (!(stats > 0))
            {
                terminal.Error.WriteLine($"mixengine serve: --stats {stats} must be a positive number of seconds");
                return ExitCode.InvalidInput;
            }
            if (!osc.TryRead(parse, out var oscSettings, out string? oscError))
            {
                terminal.Error.WriteLine($"mixengine serve: {oscError}");
                return ExitCode.InvalidInput;
            }
            if (!midi.TryRead(parse, out var midiSettings, out string? midiError))
            {
                terminal.Error.WriteLine($"mixengine serve: {midiError}");
                return ExitCode.InvalidInput;
            }
            if (!mapping.TryRead(parse, midiSettings, out var mappings, out string? mappingError))
            {
                terminal.Error.WriteLine($"mixengine serve: {mappingError}");
                return ExitCode.InvalidInput;
            }
            string? path = parse.GetValue(sessionOption);
            var session = path is null ? EmptySession() : SessionOpening.TryOpen(path, "serve", terminal, log);
            if (session is null) return ExitCode.InvalidInput;
            string? printDirectory = parse.GetValue(printOption);
            if (printDirectory is not null && session.Outputs.Count == 0)
            {
                terminal.Error.WriteLine($"mixengine serve: --print {printDirectory}: session '{session.Name}' has no prints to record");
                return ExitCode.InvalidInput;
            }
            var connections = new List<JackConnection>();
            IReadOnlyList<OutputPort> ports;
            string? monitorSource;
            try
            {
                foreach (var rule in parse.GetValue(connectOption) ?? []) connections.Add(JackConnection.Parse(rule));
                monitorSource = parse.GetValue(monitorOption);
                if (monitorSource is not null && monitorSource != "printmaster") OutputPort.MonitorSourceId(session, monitorSource);
                ports = OutputPort.ForSession(session, monitor: monitorSource is not null);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                terminal.Error.WriteLine($"mixengine serve: {e.Message}");
                return ExitCode.InvalidInput;
            }
            GrpcHostOptions? grpc;
            try
            {
                grpc = GrpcOptions(parse.GetValue(grpcOption)!, parse.GetValue(grpcConfigOption), session, block);
                grpc?.Validate();
            }
            catch (ArgumentException e)
            {
                terminal.Error.WriteLine($"mixengine serve: {e.Message}");
                return ExitCode.InvalidInput;
            }
            var jack = new JackDeviceOptions(session.SampleRate)
            {
                ClientName = parse.GetValue(clientOption)!,
                ServerName = parse.GetValue(serverOption),
                Connections = connections,
            };
            IAudioDevice device;
            try
            {
                device = ServeDevice.Open(parse.GetValue(deviceOption)!, jack, block, ports.Select(p => p.Name).ToArray(), log);
            }
            catch (AudioDeviceException e)
            {
                terminal.Error.WriteLine($"mixengine serve: --device jack: {e.Message}");
                return ExitCode.Failed;
            }
            using (device)
            {
                try
                {
                    return await Serve(session, path, device, ports, monitorSource, renderThreads, priority, cpuSettings, parse.GetValue(traceOption), parse.GetValue(playOption), TimeSpan.FromSeconds(stats), printDirectory, oscSettings,
                        midiSettings, mappings, grpc, terminal, log, cancel);
                }
                catch (InvalidOperationException e) when (e.Message.Contains(".journal holds an interrupted pass", StringComparison.Ordinal))
                {
                    terminal.Error.WriteLine($"mixengine serve: {e.Message}");
                    return ExitCode.InvalidInput;
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("OSC:", StringComparison.Ordinal))
                {
                    terminal.Error.WriteLine($"mixengine serve: {e.Message} (choose another --osc-port or --osc-bind, or --no-osc)");
                    return ExitCode.InvalidInput;
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("MIDI:", StringComparison.Ordinal))
                {
                    terminal.Error.WriteLine($"mixengine serve: {e.Message}");
                    return ExitCode.InvalidInput;
                }
            }
        });
        return command;
    }

    /// <summary>The gRPC options from <c>--grpc</c> and <c>--grpc-config</c>, or null for <c>--grpc off</c>; throws <see cref="ArgumentException"/> naming the option.</summary>
    internal static GrpcHostOptions? GrpcOptions(string address, string? configPath, MixSession session, int block)
    {
        if (address == "off")
        {
            if (configPath is not null) throw new ArgumentException("--grpc-config given with --grpc off; drop one of them");
            return null;
        }
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out int port) || port is < 0 or > 65535)
            throw new ArgumentException($"--grpc {address}: expected ADDRESS:PORT (e.g. 127.0.0.1:50051, 0.0.0.0:50051) or off");
        string host = address[..colon].Trim('[', ']');
        if (host != "localhost" && !System.Net.IPAddress.TryParse(host, out _))
            throw new ArgumentException($"--grpc {address}: '{host}' is not an IP address or localhost");
        var options = GrpcHostOptions.Default(session.BaseDirectory, block) with { Host = host, Port = port, RenderRoot = Environment.CurrentDirectory };
        return configPath is null ? options : GrpcConfigFile.Apply(configPath, options);
    }

    private static async Task<int> Serve(MixSession session, string? sessionPath, IAudioDevice device, IReadOnlyList<OutputPort> ports, string? monitorSource, int renderThreads, int priority, ServeCpuSettings cpus, string? tracePath, bool play,
        TimeSpan statsInterval, string? printDirectory, ServeOscSettings osc, ServeMidiSettings midi, IReadOnlyList<ServeMapping> mappings, GrpcHostOptions? grpc, Terminal terminal, ILogger log,
        CancellationToken cancel)
    {
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        log.Information("GC: server={Server}, latency mode {Mode} (background collections, no blocking gen-2 while serving)",
            GCSettings.IsServerGC, GCSettings.LatencyMode);
        int block = device.BlockSize;
        RenderPlan BuildPlan() => RenderPlanBuilder.Build(session, new RenderPlanOptions(block) { PreFaderTaps = true }, WavMediaOpener.Instance);
        var enginePorts = ports.Select(p => (p.BusId, p.Channel)).ToArray();
        var renderCpus = cpus.Apply(renderThreads, log);
        var engineOptions = RealtimeEngineOptions.Default with
        {
            RenderThreads = renderThreads, MetersOnDemand = true, RealtimePriority = priority, RenderCpus = renderCpus, BlockTraceCapacity = tracePath is null ? 0 : ServeBlockTrace.Capacity,
        };
        var warmUp = RealtimeWarmUp.Run(BuildPlan, enginePorts, block, engineOptions);
        log.Information("Audio paths warmed up on a throwaway plan in {Seconds:F2} s, {Periods} periods, {Methods} methods compiled; {Jit} (first-use and tier-up work off the audio thread)",
            warmUp.Elapsed.TotalSeconds, warmUp.Periods, warmUp.MethodsCompiled, warmUp.Settled ? "the JIT settled" : $"the JIT was still compiling after {RealtimeWarmUp.SettleLimit.TotalSeconds:F0} s");
        using var engine = new RealtimeEngine(BuildPlan(), enginePorts, block, engineOptions);
        using var control = new MixControl(engine, FeedbackHubOptions.Default with
        {
            OnSubscriberError = (subscriber, e) => log.Warning(e, "Feedback to {Subscriber} failed; it keeps receiving", subscriber),
        });
        using var live = new LiveAutomation(control, s => RenderPlanBuilder.Build(s, new RenderPlanOptions(block), WavMediaOpener.Instance), sessionPath);
        live.PassWritten += result => log.Information("Automation pass {Start}-{End} wrote {Lanes}{Saved}", result.Start, result.End,
            result.Written.Count == 0 ? "nothing" : string.Join(", ", result.Written), sessionPath is null ? "" : $"; saved {sessionPath}");
        live.Failed += e => log.Error(e, "Automation pass could not be installed or saved; its moves stay in the journal");
        var serve = control.RegisterClient("serve");
        if (monitorSource is not null)
        {
            control.SetMonitorSource(serve, monitorSource == "printmaster" ? null : monitorSource);
            log.Information("Monitor path on ports monitor:* ({Layout}), playing {Source}", engine.Monitor!.Layout, control.Monitor.SourceName);
        }
        log.Information("Control plane: {Parameters} parameters, {Slots} engine slots, stamped-move ring of {Moves}",
            control.Descriptors.Count, engine.SlotCapacity, engine.MoveRingCapacity);
        if (play && session.TimelineEnd is > 0 and var length)
        {
            control.SetLoop(serve, new LoopRange(0, length));
            control.Play(serve);
            log.Information("Playing, looping the session's {Length} samples", length);
        }
        await using var surface = osc.Enabled ? StartOsc(control, session.SampleRate, osc, log) : null;
        await using var mcu = midi.Enabled ? MidiSurfaceHost.Start(control, session.SampleRate, midi, log) : null;
        await using var mapped = mappings.Count > 0 ? MappedSurfaceHost.Start(control, session.SampleRate, mappings, midi, log) : null;
        if (printDirectory is not null)
        {
            engine.StartRecordPrint(printDirectory);
            log.Information("Record-print into {Folder}: the prints are written while the transport plays and committed on stop", Path.GetFullPath(printDirectory));
        }
        log.Information("Memory: {HugePages} at start-up", engine.HugePagesStatus);
        CollectStartUpGarbage(log);
        log.Information("Memory: {HugePages} after the start-up collection", engine.CollapseHeapIntoHugePages());
        device.Start(engine);
        // The audio thread asks for its priority and CPU in its first period: log the outcome once it has rendered one.
        if (priority > 0 || renderCpus is not null) SpinWait.SpinUntil(() => engine.ReadTransport().BlocksRendered > 0, TimeSpan.FromSeconds(2));
        if (priority > 0) LogPriority(log, engine);
        LogHostMemoryMonitor(log);
        if (renderCpus is not null) ServeCpuSettings.LogOutcome(log, engine);
        await using var host = grpc is null ? null : GrpcHost.Build(control, grpc with { BlockSize = block }, log,
            mapped is null ? null : builder => builder.Services.AddSingleton<ISurfaceMappings>(mapped));
        if (host is not null)
        {
            try
            {
                await host.StartAsync(cancel);
            }
            catch (IOException e)
            {
                device.Stop();
                terminal.Error.WriteLine($"mixengine serve: --grpc {grpc!.Host}:{grpc.Port}: cannot listen: {e.Message}");
                return ExitCode.Failed;
            }
            log.Information("gRPC listening on {Address} ({Tls}, {Auth}); media root {Media}, render root {Render}", GrpcHost.Address(host),
                grpc!.CertificatePath is null ? "plain HTTP/2" : "TLS", grpc.ApiKeys.Count == 0 ? "no API keys" : $"{grpc.ApiKeys.Count} API keys",
                grpc.MediaRoot, grpc.RenderRoot);
        }
        log.Information("Serving session {Session} on device {Device}: {Rate} Hz, {Block} frames per period, {Threads} render thread(s), ports {Ports}",
            session.Name, device.Name, device.SampleRate, device.BlockSize, engine.RenderThreads, string.Join(", ", ports.Select(p => p.Name)));
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(statsInterval, cancel);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                engine.CollectRetired();
                LogTiming(log, engine.Timing.Read(), device);
                LogRenderTeam(log, engine);
                LogControl(log, control, engine);
                if (surface is not null) LogOsc(log, surface);
                if (mcu is not null) log.Information("MCU: {Surface}", mcu.Surface);
                foreach (var (_, mappedSurface) in mapped?.All ?? []) log.Information("Mapped surface: {Surface}", mappedSurface);
                if (engine.RecordPrint is { } take)
                    log.Information("Record-print: {Frames} frames written, {Overruns} frames dropped (ring overruns), {Jumps} discontinuities",
                        take.FramesWritten, take.OverrunFrames, take.Discontinuities);
            }
        }
        finally
        {
            if (host is not null) await host.StopAsync(CancellationToken.None);
            control.Stop(serve);
            await Task.Delay(TimeSpan.FromSeconds(2.0 * block / session.SampleRate + 0.01), CancellationToken.None);
            if (engine.StopRecordPrint() is { } report) LogRecordPrint(log, report);
            device.Stop();
            LogTiming(log, engine.Timing.Read(), device);
            if (tracePath is not null) ServeBlockTrace.Write(engine, tracePath, log);
            log.Information("Stopped: transport stopped, device stopped");
            SaveIfChanged(session, sessionPath, control, log);
        }
        return ExitCode.Ok;
    }

    /// <summary>
    /// Saves the live session over <paramref name="path"/> (the previous file kept as <c>.bak</c>) when it differs from
    /// the session loaded at start (a parameter moved, a structural edit); logs what it did. A failed save is logged, not thrown.
    /// </summary>
    private static void SaveIfChanged(MixSession loaded, string? path, MixControl control, ILogger log)
    {
        if (path is null)
        {
            log.Information("No session file to save (started without --session)");
            return;
        }
        var live = control.LiveSession();
        if (SessionWriter.ToJson(live) == SessionWriter.ToJson(loaded))
        {
            log.Information("Session file {Path} unchanged (nothing changed while serving)", Path.GetFullPath(path));
            return;
        }
        try
        {
            string? backup = SessionWriter.SaveKeepingPrevious(live, path);
            log.Information("Session {Session} changed while serving: saved to {Path} (previous file kept as {Backup})", live.Name, Path.GetFullPath(path), backup);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error("Session {Session} changed while serving but could not be saved to {Path}: {Reason}", live.Name, Path.GetFullPath(path), e.Message);
        }
    }

    /// <summary>
    /// One full compacting collection (large objects included) just before the device starts: the warm-up's throwaway
    /// plan, the plan builds and the adapters' start-up garbage would otherwise be found by the first collections while
    /// serving, each one suspending the audio thread for as long as it takes to mark and copy what survived start-up
    /// (~100 ms, docs/realtime.md, GC); after it the gen-0 budget starts empty and nothing start-up is left to promote.
    /// </summary>
    private static void CollectStartUpGarbage(ILogger log)
    {
        var watch = Stopwatch.StartNew();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        log.Information("GC: start-up garbage collected before the device starts in {Milliseconds:0} ms; heap {Heap:0.0} MiB",
            watch.Elapsed.TotalMilliseconds, GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes / 1048576.0);
    }

    private static OscSurface StartOsc(MixControl control, int sampleRate, ServeOscSettings osc, ILogger log)
    {
        var surface = new OscSurface(control, sampleRate, osc.Surface with { Log = (template, values) => log.Warning(template, values) });
        try
        {
            var udp = surface.StartUdp(osc.Listener);
            log.Information("OSC: UDP on {EndPoint}, clients allowed from {Allowed}, replies to {Reply}", udp.LocalEndPoint,
                string.Join(", ", osc.Listener.AllowedClients), osc.Surface.ReplyPort == 0 ? "the source port" : $"port {osc.Surface.ReplyPort}");
            if (osc.Tcp) log.Information("OSC: TCP on {EndPoint} (length-prefix or SLIP framing)", surface.StartTcp(osc.Listener).LocalEndPoint);
        }
        catch
        {
            surface.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        return surface;
    }

    private static void LogOsc(ILogger log, OscSurface surface) => log.Information("OSC: {Surface}; {Listeners}", surface, surface.ListenerCounters());

    private static void LogRecordPrint(ILogger log, RecordPrintReport report)
    {
        if (report.Failure is not null)
            log.Error("Record-print failed, its files were removed: {Failure}", report.Failure);
        else
            log.Information("Record-print committed {Files} file(s) in {Folder}: timeline {Start} + {Frames} frames; {Overruns} frames dropped, {Jumps} discontinuities{Note}",
                report.Files.Count, report.Directory, report.RangeStart, report.Frames, report.OverrunFrames, report.Discontinuities,
                report.IsContinuousRange ? " (one continuous range: equal to an offline render of it)" : " (not one continuous range)");
    }

    private static void LogPriority(ILogger log, RealtimeEngine engine)
    {
        string status = engine.RealtimePriorityStatus;
        if (status.Contains("refused", StringComparison.Ordinal)) log.Warning("Realtime priority: {Status}; rendering on with ordinary scheduling", status);
        else log.Information("Realtime priority: {Status}", status);
    }

    private static void LogHostMemoryMonitor(ILogger log)
    {
        foreach (string monitor in HostMemoryMonitor.Running())
            log.Warning("Host memory monitor (DAMON) running: {Monitor}; one running since boot was seen to stall the audio thread for 1-3 ms about " +
                "every sample interval (docs/realtime.md, Host memory monitor); for live work consider stopping it as root: echo off > {Root}/N/state",
                monitor, HostMemoryMonitor.SysfsRoot);
    }

    private static void LogRenderTeam(ILogger log, RealtimeEngine engine)
    {
        var (items, onWorkers) = engine.RenderTeamItems;
        if (engine.RenderThreads > 1)
            log.Information("Render team: {Threads} threads; the workers ran {OnWorkers} of {Items} items ({Share:0} %)", engine.RenderThreads, onWorkers, items,
                items == 0 ? 0 : 100.0 * onWorkers / items);
    }

    private static void LogControl(ILogger log, MixControl control, RealtimeEngine engine) =>
        log.Information("Control: stamped moves delivered {Moves}, dropped {Dropped}; feedback callback errors {Errors}, touches dropped {Touches}",
            control.Hub.MovesDelivered, engine.MovesDropped, control.Hub.CallbackErrors, control.Hub.TouchesDropped);

    private static void LogTiming(ILogger log, BlockTimingStatistics s, IAudioDevice device) =>
        log.Information("Blocks {Blocks}: p50 {P50:0} µs, p99 {P99:0} µs, p99.9 {P999:0} µs, max {Max:0} µs of a {Period:0} µs period; late blocks {Late}, xruns {Xruns}, audio-thread allocations {Allocated} B; {DeviceCounters}; GC gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {Paused:0} ms",
            s.Blocks, s.P50, s.P99, s.P999, s.Max, s.PeriodMicroseconds, s.LateBlocks, s.Xruns, s.AllocatedBytes, ServeDevice.Counters(device),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

    private static MixSession EmptySession() =>
        new("Untitled", 48000, TimecodeRate.Fps24, new Timecode(1, 0, 0, 0, TimecodeRate.Fps24), null, [], [], [], [], Environment.CurrentDirectory);
}
