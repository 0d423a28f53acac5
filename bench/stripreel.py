#!/usr/bin/python3
"""Session and ffmpeg-graph writer for bench/strip-vs-ffmpeg.sh: the strip reference reel (called by the script).

Every track: high-pass 12 dB/oct, two bells, a high shelf and a compressor (peak detection), panned to its own
position (benchsession.positions) into one of STEMS 7.1.2 stem buses (track i -> stem i mod STEMS); the stems sum
into a 7.1.2 printmaster; every stem and the printmaster are printed 24-bit interleaved.

Sub-commands:
  session OUT.json MEDIA...         the reel session, one track per media file
  ffmpeg-graph GAINS.txt N          the ffmpeg filter graph for N tracks (GAINS.txt: `benchsession.py gains` output)
  outputs                           the print names, stems first, printmaster last (one per line)
  levels A.wav B.wav                RMS of two 24-bit prints and of their difference, in dBFS
"""
import json
import math
import sys

import numpy as np

from benchsession import FFMPEG_712, RATE, positions, read24

STEMS = 12

# Per-track settings, varied with the track index so no two strips are identical (deterministic).
def settings(i):
    return {
        "hp": 60.0 + 5.0 * (i % 8),
        "bell1": (200.0 + 10.0 * (i % 16), -3.0 + 0.25 * (i % 5), 1.0),
        "bell2": (2500.0 + 50.0 * (i % 10), 2.0 - 0.5 * (i % 3), 1.4),
        "shelf": (9000.0 + 250.0 * (i % 4), 3.0 - 0.5 * (i % 4), 0.7071),
        "comp": (-24.0 + (i % 6), 3.0, 10.0, 100.0),
    }


def strip(i, pos):
    s = settings(i)
    x, y, z = pos
    threshold, ratio, attack, release = s["comp"]
    return {
        "pan": {"x": x, "y": y, "z": z},
        "eq": [
            {"type": "highPass", "frequency": s["hp"], "slope": 12},
            {"type": "bell", "frequency": s["bell1"][0], "gain": s["bell1"][1], "q": s["bell1"][2]},
            {"type": "bell", "frequency": s["bell2"][0], "gain": s["bell2"][1], "q": s["bell2"][2]},
            {"type": "highShelf", "frequency": s["shelf"][0], "gain": s["shelf"][1], "q": s["shelf"][2]},
        ],
        "dyn": {"comp": {"threshold": threshold, "ratio": ratio, "knee": 0, "attack": attack, "release": release,
                         "makeup": 0, "detection": "peak"}},
    }


def outputs():
    return [f"stems/ST{k:02d}_712.wav" for k in range(STEMS)] + ["PM_712.wav"]


def write_session(path, media):
    tracks = []
    for i, pos in enumerate(positions(len(media))):
        tracks.append({
            "id": f"t{i:03d}", "name": f"Noise {i + 1}", "stem": "FX", "format": "mono", "output": f"st{i % STEMS:02d}",
            "strip": strip(i, pos), "clips": [{"media": media[i], "position": 0}],
        })
    buses = [{"id": f"st{k:02d}", "name": f"Stem {k + 1}", "format": "7.1.2", "output": "pm"} for k in range(STEMS)]
    buses.append({"id": "pm", "name": "Printmaster", "format": "7.1.2", "output": None})
    prints = [{"bus": f"st{k:02d}", "file": f, "sampleFormat": "int24", "layout": "interleaved", "dither": True}
              for k, f in enumerate(outputs()[:STEMS])]
    prints.append({"bus": "pm", "file": outputs()[-1], "sampleFormat": "int24", "layout": "interleaved", "dither": True})
    session = {
        "mixengine": 1, "name": f"strip reel {len(media)} tracks", "sampleRate": RATE,
        "timecode": {"rate": "24", "start": "01:00:00:00"},
        "tracks": tracks, "buses": buses, "outputs": prints,
    }
    with open(path, "w") as f:
        json.dump(session, f, indent=1)


def ffmpeg_graph(gains_path, n):
    rows = [list(map(float, line.split())) for line in open(gains_path) if line.strip()]
    if len(rows) != n:
        raise SystemExit(f"{gains_path}: {len(rows)} gain rows, expected {n}")
    parts = []
    for i, row in enumerate(rows):
        s = settings(i)
        threshold, ratio, attack, release = s["comp"]
        chain = [
            f"highpass=f={s['hp']}:poles=2:width_type=q:width=0.7071:precision=f64",
            f"equalizer=f={s['bell1'][0]}:width_type=q:width={s['bell1'][2]}:gain={s['bell1'][1]}:precision=f64",
            f"equalizer=f={s['bell2'][0]}:width_type=q:width={s['bell2'][2]}:gain={s['bell2'][1]}:precision=f64",
            f"highshelf=f={s['shelf'][0]}:width_type=q:width={s['shelf'][2]}:gain={s['shelf'][1]}:precision=f64",
            # acompressor's knee is a level ratio (1 = hard knee); threshold is linear.
            f"acompressor=threshold={10 ** (threshold / 20):.9g}:ratio={ratio}:attack={attack}:release={release}"
            ":knee=1:makeup=1:detection=peak",
        ]
        # As in benchsession.ffmpeg_graph: a lone gain of exactly 1 would make pan a pure channel mapping.
        terms = [f"{ch}={(g if g != 1 else 1 - 1e-12):.15g}*c0" for ch, g in zip(FFMPEG_712, row) if g != 0]
        chain.append(f"pan={'+'.join(FFMPEG_712)}|{'|'.join(terms or ['FL=0*c0'])}")
        parts.append(f"[{i}:a]{','.join(chain)}[p{i}]")
    for k in range(STEMS):
        members = [i for i in range(n) if i % STEMS == k]
        ins = "".join(f"[p{i}]" for i in members)
        parts.append(f"{ins}amix=inputs={len(members)}:normalize=0:duration=longest,asplit=2[st{k}][pm{k}]")
    parts.append("".join(f"[pm{k}]" for k in range(STEMS)) + f"amix=inputs={STEMS}:normalize=0:duration=longest[pm]")
    print(";".join(parts))


def levels(a_path, b_path):
    a, b = read24(a_path) / 2.0**23, read24(b_path) / 2.0**23
    m = min(len(a), len(b))
    db = lambda v: 20 * math.log10(max(float(np.sqrt(np.mean(v * v))), 1e-12))
    print(f"RMS {db(a[:m]):.2f} / {db(b[:m]):.2f} dBFS, difference {db(a[:m] - b[:m]):.2f} dBFS")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "session":
        write_session(argv[2], argv[3:])
    elif cmd == "ffmpeg-graph":
        ffmpeg_graph(argv[2], int(argv[3]))
    elif cmd == "levels":
        levels(argv[2], argv[3])
    elif cmd == "outputs":
        print("\n".join(outputs()))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
