#!/usr/bin/python3
"""Independent byte table for a mixengine mapping profile, built with python3-mido.

For every control of the profile (argv[1], JSON) prints lines "INDEX VALUE HEX": the bytes a device sends for that
control at VALUE, which are also the bytes the engine must send back as feedback at VALUE. Absolute controls get a
seeded set of values over their whole range (argv[2] = seed); relative encoders get turns of -3..3 ticks (VALUE is the
tick count) encoded from the style's definition in the mixengine docs, written here independently of the engine.
"""
import json
import random
import sys

import mido


def cc(channel, control, value):
    return mido.Message("control_change", channel=channel, control=control, value=value).bytes()


def encode(midi, value):
    ch = midi["channel"] - 1
    kind = midi["type"]
    if kind == "note":
        return mido.Message("note_on", channel=ch, note=midi["number"], velocity=value).bytes()
    if kind == "cc":
        return cc(ch, midi["number"], value)
    if kind == "cc14":
        return cc(ch, midi["number"], value >> 7) + cc(ch, midi["number"] + 32, value & 0x7F)
    if kind == "nrpn":
        n = midi["number"]
        return cc(ch, 99, n >> 7) + cc(ch, 98, n & 0x7F) + cc(ch, 6, value >> 7) + cc(ch, 38, value & 0x7F)
    if kind == "pitchBend":
        return mido.Message("pitchwheel", channel=ch, pitch=value - 8192).bytes()
    raise ValueError(kind)


def relative(style, ticks):
    if style == "twosComplement":
        return ticks & 0x7F
    if style == "signMagnitude":
        return (0x40 | -ticks) if ticks < 0 else ticks
    if style == "signMagnitudeInverted":
        return (0x40 | ticks) if ticks > 0 else -ticks
    if style == "binaryOffset":
        return 64 + ticks
    raise ValueError(style)


def main():
    profile = json.load(open(sys.argv[1]))
    rng = random.Random(int(sys.argv[2]))
    for index, control in enumerate(profile["controls"]):
        midi = control["midi"]
        if "relative" in midi:
            for ticks in (-3, -2, -1, 1, 2, 3):
                data = cc(midi["channel"] - 1, midi["number"], relative(midi["relative"], ticks))
                print(index, ticks, bytes(data).hex().upper())
            continue
        top = 127 if midi["type"] in ("note", "cc") else 16383
        for value in sorted({0, top, *(rng.randint(0, top) for _ in range(6))}):
            print(index, value, bytes(encode(midi, value)).hex().upper())


main()
