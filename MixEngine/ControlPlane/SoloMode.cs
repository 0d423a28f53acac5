namespace MixEngine.ControlPlane;

/// <summary>What <see cref="IMixControl.SetSolo"/> does: solo the mix in place, or listen to strips on the monitor path.</summary>
public enum SoloMode
{
    /// <summary>Solo in place: the solo switches of the mix (implicit muting of everything else, solo safe honoured); they reach the buses and so the prints.</summary>
    InPlace,

    /// <summary>After-fader listen: soloed strips' post-fader signals replace the monitor source on the monitor path only.</summary>
    AfterFader,

    /// <summary>Pre-fader listen: soloed strips' pre-fader signals (after trim, polarity and inserts) replace the monitor source on the monitor path only.</summary>
    PreFader,
}
