#!/usr/bin/python3
"""Builds, with python3-mido, the bytes of the MCU/HUI messages MixEngine sends, from their meaning (spec
surfaces.md sections 1 and 2): one line per message, 'kind|a,b,...|text|HEX'. Used by McuBytesPeerTests."""
import mido

MACKIE = [0x00, 0x00, 0x66]


def row(kind, args, text, message):
    print(f"{kind}|{','.join(str(a) for a in args)}|{text}|{message.hex().replace(' ', '')}")


# MCU faders: pitch bend on channels 0-7 (strips) and 8 (master), 14-bit position 0..16383 (mido's pitch is signed).
for strip, value in [(0, 0), (0, 12288), (3, 8192), (7, 16383), (8, 4915)]:
    row("fader", [strip, value], "", mido.Message("pitchwheel", channel=strip, pitch=value - 8192))
# MCU LEDs: note on channel 0, velocity 00 off, 01 flash, 7F on.
for note, velocity in [(0x00, 0x7F), (0x10, 0x00), (0x5E, 0x7F), (0x71, 0x01)]:
    row("led", [note, velocity], "", mido.Message("note_on", channel=0, note=note, velocity=velocity))
# MCU V-pot rings: CC 30+strip, value centre<<6 | mode<<4 | position.
for strip, mode, position, centre in [(0, 0, 6, 1), (2, 1, 11, 0), (7, 3, 1, 0), (5, 2, 0, 0)]:
    row("ring", [strip, mode, position, centre], "", mido.Message("control_change", channel=0, control=0x30 + strip, value=centre << 6 | mode << 4 | position))
# MCU meters: channel pressure, strip<<4 | level.
for strip, level in [(0, 0), (1, 0x0C), (7, 0x0E), (4, 0x0F)]:
    row("meter", [strip, level], "", mido.Message("aftertouch", channel=0, value=strip << 4 | level))
# MCU LCD: SysEx cmd 12, cell offset 7*strip (+38 on the bottom line), 6 characters and a separator (none after strip 8).
for strip, line, text in [(0, 0, "Dialg1"), (7, 0, "Dialg8"), (3, 1, "-6.0")]:
    cell = text.ljust(6) + (" " if strip < 7 else "")
    row("lcd", [strip, line], text, mido.Message("sysex", data=MACKIE + [0x14, 0x12, line * 0x38 + strip * 7] + list(cell.encode("ascii"))))
# MCU timecode digits: CC 40+digit from the right, dot in bit 6, characters 40-5F minus 40.
for digit, char, dot in [(0, "0", 0), (2, "0", 1), (7, "1", 0), (1, "A", 0)]:
    code = ord(char) - 0x40 if ord(char) >= 0x40 else ord(char)
    row("digit", [digit, dot], char, mido.Message("control_change", channel=0, control=0x40 + digit, value=dot << 6 | code))
# X-Touch colours: SysEx cmd 72 with one byte per strip.
row("colours", [0, 1, 2, 3, 4, 5, 6, 7], "", mido.Message("sysex", data=MACKIE + [0x14, 0x72, 0, 1, 2, 3, 4, 5, 6, 7]))
# Host Connection Reply to the spec's power-on vector (serial 58 59 5A 57 18 61 05, challenge 57 18 61 05 -> 64 5A 5E 57).
row("reply", [0x10], "", mido.Message("sysex", data=MACKIE + [0x10, 0x02, 0x58, 0x59, 0x5A, 0x57, 0x18, 0x61, 0x05, 0x64, 0x5A, 0x5E, 0x57]))
# HUI faders: CC strip (hi 7 bits) then CC 20+strip (lo 7 bits).
for strip, value in [(0, 12288), (6, 16383), (2, 1)]:
    hi = mido.Message("control_change", channel=0, control=strip, value=value >> 7)
    lo = mido.Message("control_change", channel=0, control=0x20 + strip, value=value & 0x7F)
    row("huifader", [strip, value], "", hi)
    row("huifaderlo", [strip, value], "", lo)
# HUI LEDs: zone select CC 0C, then CC 2C port (+40 on).
for zone, port, on in [(0, 2, 1), (0x0E, 4, 0), (0x18, 5, 1)]:
    row("huiledzone", [zone, port, on], "", mido.Message("control_change", channel=0, control=0x0C, value=zone))
    row("huiledport", [zone, port, on], "", mido.Message("control_change", channel=0, control=0x2C, value=on << 6 | port))
# HUI meters: poly pressure, note = strip, value = side<<4 | level.
for strip, side, level in [(0, 0, 0x0B), (7, 1, 0x0C), (3, 1, 0)]:
    row("huimeter", [strip, side, level], "", mido.Message("polytouch", channel=0, note=strip, value=side << 4 | level))
# HUI ping.
row("huiping", [], "", mido.Message("note_on", channel=0, note=0, velocity=0))
# HUI small display: SysEx F0 00 00 66 05 00 10 strip c1..c4.
for strip, text in [(0, "Dlg1"), (8, "PAN ")]:
    row("huismall", [strip], text, mido.Message("sysex", data=MACKIE + [0x05, 0x00, 0x10, strip] + list(text.encode("ascii"))))
for strip, text in [(8, "SndA")]:
    row("huismall", [strip], text, mido.Message("sysex", data=MACKIE + [0x05, 0x00, 0x10, strip] + list(text.encode("ascii"))))
# HUI main display: SysEx F0 00 00 66 05 00 12 slice c1..c10, slices 0-3 the top row and 4-7 the bottom row of 2x40.
for slice_, text in [(0, "Pan  Pan  "), (3, "fx   fx   "), (4, "-10  -10  "), (7, "C    R32  ")]:
    row("huilarge", [slice_], text, mido.Message("sysex", data=MACKIE + [0x05, 0x00, 0x12, slice_] + list(text.encode("ascii"))))


# HUI time display: SysEx 11 with 8 digit values, the rightmost digit first; 0-F, +10 lights the dot after a digit
# (where a ':' or '.' follows it in the timecode).
def time_digits(timecode):
    digits = []
    for i, char in enumerate(timecode):
        if char in ":.":
            continue
        dot = i + 1 < len(timecode) and timecode[i + 1] in ":."
        digits.append(int(char, 16) + (0x10 if dot else 0))
    return list(reversed(digits))[:8]


for timecode in ["01:00:00:00", "01:00:01:00", "23:59:59:29", "10:20:30.12"]:
    row("huitime", [], timecode, mido.Message("sysex", data=MACKIE + [0x05, 0x00, 0x11] + time_digits(timecode)))
