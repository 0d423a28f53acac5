namespace MixEngine.Dsp.Loudness;

/// <summary>
/// Dialogue-stem-gated loudness: the programme's BS.1770 loudness measured only over the 400 ms blocks (100 ms hop)
/// in which the dialogue stem is active. The engine knows which stem is dialogue, so no speech classifier is guessed
/// at; this is not Dolby Dialogue Intelligence and is labelled as such (loudness-dsp.md §5). A block is dialogue-active
/// when the dialogue stem's loudness over it lies above the threshold: <see cref="DialogueGateOptions.RelativeLu"/>
/// below the stem's own gated integrated loudness, but never below <see cref="DialogueGateOptions.FloorLufs"/>.
/// Memory is fixed (blocks are binned by dialogue loudness in 0.1 LU bins). Construct on the control side;
/// <see cref="RtProcess"/> never allocates.
/// </summary>
public sealed class DialogueGatedMeter
{
    private const double Floor = -70, BinWidth = 0.1;
    private const int BinCount = 1000; // −70 … +30
    private const int SubBlocksPerBlock = 4;

    private readonly WeightedEnergy _programme;
    private readonly WeightedEnergy _dialogue;
    private readonly int _subBlockLength;
    private readonly double[] _programmeRing = new double[SubBlocksPerBlock];
    private readonly double[] _dialogueRing = new double[SubBlocksPerBlock];
    private readonly long[] _counts = new long[BinCount];
    private readonly double[] _programmeEnergy = new double[BinCount];
    private readonly double[] _dialogueEnergy = new double[BinCount];
    private readonly double[] _dialogueLoudness = new double[BinCount];
    private long _subBlocks, _blocks;
    private int _filled;
    private double _currentProgramme, _currentDialogue;

    /// <summary>Creates the meter: programme and dialogue stem channel weights (BS.1770-5 Table 4) at <paramref name="sampleRate"/>.</summary>
    public DialogueGatedMeter(int sampleRate, IReadOnlyList<double> programmeWeights, IReadOnlyList<double> dialogueWeights)
    {
        _programme = new WeightedEnergy(sampleRate, programmeWeights);
        _dialogue = new WeightedEnergy(sampleRate, dialogueWeights);
        _subBlockLength = (int)Math.Round(sampleRate / 10.0);
    }

    /// <summary>Feeds <paramref name="count"/> time-aligned frames of the programme and of the dialogue stem.</summary>
    public void RtProcess(double[][] programme, double[][] dialogue, int offset, int count)
    {
        int done = 0;
        while (done < count)
        {
            int n = Math.Min(count - done, _subBlockLength - _filled);
            _currentProgramme += _programme.RtSumOfSquares(programme, offset + done, n);
            _currentDialogue += _dialogue.RtSumOfSquares(dialogue, offset + done, n);
            _filled += n;
            done += n;
            if (_filled == _subBlockLength) CompleteSubBlock();
        }
    }

    /// <summary>The result under <paramref name="options"/> (defaults when null); any time, control side.</summary>
    public DialogueGatedLoudness Result(DialogueGateOptions? options = null)
    {
        options ??= DialogueGateOptions.Default;
        double dialogueIntegrated = GatedDialogueLoudness();
        double threshold = Math.Max(options.FloorLufs, dialogueIntegrated + options.RelativeLu);
        double energy = 0;
        long active = 0;
        for (int b = 0; b < BinCount; b++)
        {
            if (_counts[b] == 0 || !(_dialogueLoudness[b] / _counts[b] > threshold)) continue;
            energy += _programmeEnergy[b];
            active += _counts[b];
        }
        double gated = active == 0 ? double.NegativeInfinity : LoudnessMath.EnergyToLoudness(energy / active);
        double fraction = _blocks == 0 ? 0 : (double)active / _blocks;
        return new DialogueGatedLoudness(gated, fraction, dialogueIntegrated, double.IsFinite(dialogueIntegrated) ? threshold : double.NegativeInfinity);
    }

    private void CompleteSubBlock()
    {
        _programmeRing[_subBlocks % SubBlocksPerBlock] = _currentProgramme;
        _dialogueRing[_subBlocks % SubBlocksPerBlock] = _currentDialogue;
        _subBlocks++;
        _currentProgramme = _currentDialogue = 0;
        _filled = 0;
        if (_subBlocks < SubBlocksPerBlock) return;
        double samples = (double)SubBlocksPerBlock * _subBlockLength;
        double programme = 0, dialogue = 0;
        for (int k = 0; k < SubBlocksPerBlock; k++)
        {
            programme += _programmeRing[k];
            dialogue += _dialogueRing[k];
        }
        programme /= samples;
        dialogue /= samples;
        _blocks++;
        double dialogueLoudness = LoudnessMath.EnergyToLoudness(dialogue);
        if (!(dialogueLoudness > Floor)) return;
        int bin = (int)Math.Clamp((dialogueLoudness - Floor) / BinWidth, 0, BinCount - 1);
        _counts[bin]++;
        _programmeEnergy[bin] += programme;
        _dialogueEnergy[bin] += dialogue;
        _dialogueLoudness[bin] += dialogueLoudness;
    }

    // BS.1770 gating (absolute −70, relative −10) applied to the dialogue stem's own blocks.
    private double GatedDialogueLoudness()
    {
        double total = 0;
        long n = 0;
        for (int b = 0; b < BinCount; b++)
        {
            total += _dialogueEnergy[b];
            n += _counts[b];
        }
        if (n == 0) return double.NegativeInfinity;
        double gate = LoudnessMath.EnergyToLoudness(total / n) - 10;
        double energy = 0;
        long kept = 0;
        for (int b = 0; b < BinCount; b++)
        {
            if (_counts[b] == 0 || !(_dialogueLoudness[b] / _counts[b] > gate)) continue;
            energy += _dialogueEnergy[b];
            kept += _counts[b];
        }
        return kept == 0 ? double.NegativeInfinity : LoudnessMath.EnergyToLoudness(energy / kept);
    }
}

/// <summary>Where the dialogue gate sits: <paramref name="RelativeLu"/> relative to the dialogue stem's gated loudness, never below <paramref name="FloorLufs"/>.</summary>
public sealed record DialogueGateOptions(double RelativeLu, double FloorLufs)
{
    /// <summary>15 LU below the dialogue stem's integrated loudness, floor −60 LUFS: room tone under dialogue stays out.</summary>
    public static readonly DialogueGateOptions Default = new(-15, -60);
}

/// <summary>Dialogue-gated measurement.</summary>
/// <param name="GatedLufs">Programme loudness over the dialogue-active blocks (−∞ when none).</param>
/// <param name="SpeechFraction">Share of all 400 ms blocks that are dialogue-active (0 … 1).</param>
/// <param name="DialogueStemLufs">The dialogue stem's own BS.1770 integrated loudness.</param>
/// <param name="ThresholdLufs">Dialogue loudness a block had to exceed.</param>
public sealed record DialogueGatedLoudness(double GatedLufs, double SpeechFraction, double DialogueStemLufs, double ThresholdLufs);
