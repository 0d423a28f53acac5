using System.Text;

namespace MixEngine.Surfaces.Osc;

/// <summary>
/// The <c>/mixengine</c> namespace's mapping between OSC addresses and parameter addresses. OSC 1.0 forbids spaces and
/// '#' in addresses, so parameter addresses travel percent-escaped (<c>/mixengine/param/track/DX%201/fader</c>,
/// <c>/mixengine/param/track%23dx1/fader</c>); raw spaces are accepted too (liblo sends them). Pure; any thread.
/// </summary>
public static class OscAddresses
{
    /// <summary>Prefix of parameter values in their natural unit.</summary>
    public const string Param = "/mixengine/param/";

    /// <summary>Prefix of parameter values as 0 … 1 positions through the parameter's taper.</summary>
    public const string Norm = "/mixengine/norm/";

    /// <summary>Prefix of touch messages.</summary>
    public const string Touch = "/mixengine/touch/";

    /// <summary>Prefix of meter watches.</summary>
    public const string Meter = "/mixengine/meter/";

    /// <summary>Prefix of automation modes (of a strip or of one parameter).</summary>
    public const string Automation = "/mixengine/automation/";

    /// <summary>Prefix of surround pan messages (x y [z] in one message).</summary>
    public const string Pan = "/mixengine/pan/";

    /// <summary>The OSC address for a parameter address (<paramref name="position"/>: the <c>norm</c> form).</summary>
    public static string ForParameter(bool position, string parameterAddress) => (position ? Norm : Param) + Escape(parameterAddress);

    /// <summary>Escapes ' ', '#', '%' and the OSC pattern characters as %XX.</summary>
    public static string Escape(string text)
    {
        var b = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is ' ' or '#' or '%' or '*' or '?' or ',' or '[' or ']' or '{' or '}') b.Append('%').Append(((int)c).ToString("X2"));
            else b.Append(c);
        }
        return b.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/> (any %XX of an ASCII character); throws <see cref="OscCommandException"/> for a broken escape, naming <paramref name="oscAddress"/>.</summary>
    public static string Unescape(string text, string oscAddress)
    {
        if (!text.Contains('%')) return text;
        var b = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                b.Append(text[i]);
                continue;
            }
            if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out byte code) || code > 0x7F)
                throw new OscCommandException(oscAddress, $"broken escape at character {i} of '{text}'; expected %XX with two hex digits of an ASCII character");
            b.Append((char)code);
            i += 2;
        }
        return b.ToString();
    }
}
