using MixEngine.Dsp.Loudness;
using MixEngine.Files;
using MixEngine.Offline;
using MixEngine.Session;

namespace MixEngine.Realtime;

/// <summary>
/// The disk side of a <see cref="RecordPrint"/>: a dedicated thread that drains the ring in chunks, creates the print
/// writers when the first audio arrives (their bext TimeReference is the session start plus the first captured
/// position, as an offline render of that range would write), writes and loudness-measures every print, and on stop
/// commits them with their loudness in bext, exactly as <see cref="OfflineRenderer"/> does. A failure deletes every
/// file of the take (committed ones included) and is reported, never thrown on the disk thread.
/// <para>Thread rules: constructed and finished on the control side; everything else runs on its own thread.</para>
/// </summary>
internal sealed class RecordPrintDisk
{
    private const int Chunk = 4096;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(5);

    private readonly RecordPrint _take;
    private readonly MixSession _session;
    private readonly string _directory;
    private readonly int[][] _printChannels;
    private readonly DateTime _origination;
    private readonly Thread _thread;
    private readonly List<IPrintWriter> _writers = [];
    private readonly List<string> _files = [];
    private LoudnessMeter[] _meters = [];
    private long _frames;
    private long _start;
    private Exception? _failure;

    public RecordPrintDisk(RecordPrint take, MixSession session, string directory, int[][] printChannels, DateTime origination)
    {
        _take = take;
        _session = session;
        _directory = directory;
        _printChannels = printChannels;
        _origination = origination;
        Directory.CreateDirectory(directory);
        _thread = new Thread(Run) { Name = "record-print disk", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Frames written to every print so far; any thread.</summary>
    public long FramesWritten => Interlocked.Read(ref _frames);

    /// <summary>Waits for the thread to end and reports; control side, after the take stopped.</summary>
    public RecordPrintReport Finish(long overrunFrames, long discontinuities)
    {
        _thread.Join();
        return new RecordPrintReport(_directory, _start, FramesWritten, overrunFrames, discontinuities,
            _failure is null ? _files.ToArray() : [], _failure is null ? null : $"record-print into '{_directory}' failed: {_failure.Message}");
    }

    private void Run()
    {
        var ring = _take.Ring;
        var scratch = new double[ring.Channels][];
        for (int c = 0; c < scratch.Length; c++) scratch[c] = new double[Chunk];
        var views = Array.ConvertAll(_printChannels, channels => Array.ConvertAll(channels, k => scratch[k]));
        try
        {
            while (true)
            {
                bool stopped = _take.IsStopped;
                int n = ring.Read(scratch, Chunk);
                if (n > 0)
                {
                    if (_writers.Count == 0) OpenWriters();
                    for (int i = 0; i < _writers.Count; i++)
                    {
                        _writers[i].RtWritePlanar(views[i], 0, n);
                        _meters[i].RtProcess(views[i], 0, n);
                    }
                    Interlocked.Add(ref _frames, n);
                    continue;
                }
                if (stopped) break;
                Thread.Sleep(Idle);
            }
            CommitAll();
        }
        catch (Exception e)
        {
            _failure = e;
            foreach (var path in _files) File.Delete(path);
        }
        finally
        {
            foreach (var w in _writers) w.Dispose();
        }
    }

    private void OpenWriters()
    {
        _start = _take.StartPosition;
        var request = new RenderRequest(_directory, _start, _start, 1, Chunk, _origination);
        _meters = new LoudnessMeter[_session.Outputs.Count];
        for (int i = 0; i < _session.Outputs.Count; i++)
        {
            var output = _session.Outputs[i];
            var bus = _session.Buses.First(b => b.Id == output.Bus);
            string path = Path.GetFullPath(Path.Combine(_directory, output.File));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _writers.Add(BwfPrintWriterFactory.Instance.Create(path, output.Layout, PrintMetadata.For(_session, output, bus, request, _origination)));
            _meters[i] = new LoudnessMeter(_session.SampleRate, LoudnessChannelWeights.For(bus.Format));
        }
    }

    private void CommitAll()
    {
        for (int i = 0; i < _writers.Count; i++)
        {
            var bus = _session.Buses.First(b => b.Id == _session.Outputs[i].Bus);
            var m = LoudnessAnalysis.Summarise(_meters[i], _writers[i].Paths[0], bus.Format.Name, FramesWritten);
            _writers[i].SetLoudness(new BextLoudness(m.IntegratedLufs, m.LoudnessRangeLu, m.TruePeakDbtp, m.MaxMomentaryLufs, m.MaxShortTermLufs));
            _writers[i].Commit();
            _files.AddRange(_writers[i].Paths);
        }
    }
}
