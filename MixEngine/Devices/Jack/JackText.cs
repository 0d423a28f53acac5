using System.Text;

namespace MixEngine.Devices.Jack;

/// <summary>
/// A preallocated holder for one C string libjack hands to a callback (an error line, a shutdown reason): the callback
/// copies the bytes without allocating, a control thread reads them later as text. A read racing a copy may see a mix of
/// two messages; that is accepted for diagnostics.
/// <para>Thread rules: <see cref="RtCopy"/> on any libjack thread, including the process thread; <see cref="Read"/> on the
/// control side.</para>
/// </summary>
internal sealed unsafe class JackText
{
    private readonly byte[] _bytes = new byte[512];
    private int _length;

    /// <summary>Copies the zero-terminated string at <paramref name="text"/> (cut at 512 bytes); null clears. Any thread, no allocation.</summary>
    public void RtCopy(nint text)
    {
        int n = 0;
        if (text != 0)
        {
            byte* source = (byte*)text;
            while (n < _bytes.Length && source[n] != 0)
            {
                _bytes[n] = source[n];
                n++;
            }
        }
        Volatile.Write(ref _length, n);
    }

    /// <summary>True when nothing is held (nothing copied yet, or cleared); any thread.</summary>
    public bool IsEmpty => Volatile.Read(ref _length) == 0;

    /// <summary>The last text copied, or null when none (or cleared); control side.</summary>
    public string? Read()
    {
        int n = Volatile.Read(ref _length);
        return n == 0 ? null : Encoding.UTF8.GetString(_bytes, 0, n).Trim();
    }
}
