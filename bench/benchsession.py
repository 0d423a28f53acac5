#!/usr/bin/python3
"""Session and ffmpeg-graph writer for the whole-process benchmarks in bench/ (called by the .sh scripts).

Sub-commands:
  positions N                       print N distinct pan positions (x y z), one per line
  session OUT.json MEDIA... [--clips-per-track K --clip-seconds S --tracks T]
                                    a session panning each track to its own position into one 7.1.2 bus
  calibration OUT.json DC.wav N     the same N pans, track i playing one frame of DC at sample i (float64 print)
  gains PRINT.wav N DC              read the calibration print; print each track's 10 gains, one track per line
  ffmpeg-graph GAINS.txt N          print the ffmpeg filter graph (pan per input + amix) using those gains
  diff24 A.wav B.wav                largest sample difference between two 24-bit prints
  dc DC.wav                         write a 1-frame 24-bit mono WAV holding 0.5 (0x400000)
  strip-eq IN.json OUT.json         the same session with two bell bands (250 Hz +3 dB, 4 kHz -3 dB) on every track
  automate IN.json OUT.json SECONDS INTERVAL_MS
                                    the same session with lanes on every track's fader, pan x, pan y and both EQ gains:
                                    a breakpoint every INTERVAL_MS over SECONDS, slow sines with a different period per
                                    track and lane (deterministic)
  reel OUT.json MEDIA... [--tracks T --seconds S]
                                    the realtime benchmark reel: T mono tracks (EQ, compressor, pan, fader and pan
                                    automation) into DX/MX/FX 7.1.2 stems and a 7.1.2 printmaster, S seconds long
"""
import json
import math
import struct
import sys

import numpy as np

RATE = 48000
# Our 7.1.2 channel order (ascending WAVE mask bits) and the ffmpeg names of the same speakers.
FFMPEG_712 = ["FL", "FR", "FC", "LFE", "BL", "BR", "SL", "SR", "TFL", "TFR"]


def positions(n):
    """N distinct room positions: alternating outer/inner rings, every fourth one raised."""
    out = []
    for i in range(n):
        theta = 2 * math.pi * i / n
        r = 1.0 if i % 2 == 0 else 0.55
        x = max(-1.0, min(1.0, round(r * math.sin(theta), 4)))
        y = max(-1.0, min(1.0, round(r * math.cos(theta), 4)))
        z = 0.5 if i % 4 == 3 else 0.0
        out.append((x, y, z))
    return out


def track(i, pos, clips):
    x, y, z = pos
    return {
        "id": f"t{i:03d}", "name": f"Noise {i + 1}", "stem": "FX", "format": "mono", "output": "bed",
        "strip": {"pan": {"x": x, "y": y, "z": z}},
        "clips": clips,
    }


def session(name, tracks, file, sample_format, end=None):
    s = {
        "mixengine": 1,
        "name": name,
        "sampleRate": RATE,
        "timecode": {"rate": "24", "start": "01:00:00:00"},
        "tracks": tracks,
        "buses": [{"id": "bed", "name": "Bed", "format": "7.1.2"}],
        "outputs": [{"bus": "bed", "file": file, "sampleFormat": sample_format, "layout": "interleaved", "dither": True}],
    }
    if end is not None:
        s["end"] = end
    return s


def write_session(path, args):
    media, opts, rest = [], {}, list(args)
    while rest:
        a = rest.pop(0)
        if a.startswith("--"):
            opts[a] = rest.pop(0)
        else:
            media.append(a)
    k = int(opts.get("--clips-per-track", 1))
    clip_len = int(float(opts.get("--clip-seconds", 0)) * RATE) or None
    n = int(opts.get("--tracks", len(media)))
    tracks = []
    for i, pos in enumerate(positions(n)):
        clips = []
        for c in range(k):
            clip = {"media": media[(i + c) % len(media)], "position": c * (clip_len or 0)}
            if clip_len:
                clip["length"] = clip_len
            clips.append(clip)
        tracks.append(track(i, pos, clips))
    with open(path, "w") as f:
        json.dump(session(f"bench {n} tracks", tracks, "bed_712.wav", "int24"), f, indent=1)


def reel_track(i, pos, media, seconds):
    """One strip of the reel: 3 EQ bands, a compressor, its own pan position, a fader ride and (every 4th) a pan move."""
    x, y, z = pos
    end = seconds * RATE
    t = track(i, pos, [{"media": media, "position": 0, "length": end}])
    t["output"] = ["dx", "mx", "fx"][i % 3]
    t["strip"] = {
        "fader": -12,
        "pan": {"x": x, "y": y, "z": z},
        "eq": [{"type": "highPass", "frequency": 80, "slope": 24},
               {"type": "bell", "frequency": 1000 + 37 * i, "gain": 2.5, "q": 1.2},
               {"type": "highShelf", "frequency": 8000, "gain": -1.5}],
        "dyn": {"comp": {"threshold": -30, "ratio": 3, "attack": 5, "release": 120}},
    }
    lanes = [{"address": f"track#{t['id']}/fader", "points": [
        {"position": 0, "value": -14}, {"position": end // 4, "value": -8, "shape": "sCurve"},
        {"position": end // 2, "value": -16}, {"position": 3 * end // 4, "value": -10}, {"position": end - 1, "value": -14}]}]
    if i % 4 == 0:
        lanes.append({"address": f"track#{t['id']}/pan/x", "points": [
            {"position": 0, "value": x}, {"position": end // 2, "value": -x}, {"position": end - 1, "value": x}]})
    return t, lanes


def write_reel(path, args):
    media, opts, rest = [], {}, list(args)
    while rest:
        a = rest.pop(0)
        if a.startswith("--"):
            opts[a] = rest.pop(0)
        else:
            media.append(a)
    n = int(opts.get("--tracks", 128))
    seconds = int(opts.get("--seconds", 20))
    tracks, lanes = [], []
    for i, pos in enumerate(positions(n)):
        t, l = reel_track(i, pos, media[i % len(media)], seconds)
        tracks.append(t)
        lanes.extend(l)
    s = session(f"realtime reel {n} tracks", tracks, "PM_712.wav", "int24", end=seconds * RATE)
    s["buses"] = [{"id": b, "name": b.upper(), "format": "7.1.2", "output": "pm"} for b in ("dx", "mx", "fx")] + \
                 [{"id": "pm", "name": "Printmaster", "format": "7.1.2", "strip": {"dyn": {"limiter": {"ceiling": -1}}}}]
    s["outputs"] = [{"bus": "pm", "file": "PM_712.wav", "sampleFormat": "int24", "layout": "interleaved", "dither": True}] + \
                   [{"bus": b, "file": f"stems/{b.upper()}_712.wav", "sampleFormat": "float32"} for b in ("dx", "mx", "fx")]
    s["automation"] = {"lanes": lanes}
    with open(path, "w") as f:
        json.dump(s, f, indent=1)


def write_calibration(path, dc, n):
    tracks = [track(i, pos, [{"media": dc, "position": i, "length": 1}]) for i, pos in enumerate(positions(n))]
    with open(path, "w") as f:
        json.dump(session("pan calibration", tracks, "calibration.wav", "float64", end=n), f, indent=1)


def data_chunk(path):
    """(offset, size, channels, bits, format tag) of a RIFF/RF64 WAV's data chunk, by walking its chunks."""
    with open(path, "rb") as f:
        head = f.read(12)
        if head[:4] not in (b"RIFF", b"RF64") or head[8:12] != b"WAVE":
            raise SystemExit(f"{path}: byte offset 0: expected RIFF/RF64 WAVE")
        channels = bits = tag = None
        ds64_data = None
        while True:
            hdr = f.read(8)
            if len(hdr) < 8:
                raise SystemExit(f"{path}: no data chunk")
            cid, size = hdr[:4], struct.unpack("<I", hdr[4:])[0]
            start = f.tell()
            if cid == b"ds64":
                ds64_data = struct.unpack("<QQ", f.read(16))[1]
            elif cid == b"fmt ":
                body = f.read(size)
                tag, channels = struct.unpack("<HH", body[:4])
                bits = struct.unpack("<H", body[14:16])[0]
                if tag == 0xFFFE:
                    tag = struct.unpack("<H", body[24:26])[0]
            elif cid == b"data":
                return start, (ds64_data if size == 0xFFFFFFFF else size), channels, bits, tag
            f.seek(start + size + (size & 1))


def gains(print_path, n, dc):
    off, size, channels, bits, tag = data_chunk(print_path)
    if (tag, bits) != (3, 64):
        raise SystemExit(f"{print_path}: expected a float64 calibration print, got tag {tag} {bits}-bit")
    frames = np.fromfile(print_path, dtype="<f8", count=size // 8, offset=off).reshape(-1, channels)
    if frames.shape[0] < n:
        raise SystemExit(f"{print_path}: {frames.shape[0]} frames, expected at least {n}")
    for i in range(n):
        print(" ".join(repr(float(g / dc)) for g in frames[i]))


def ffmpeg_graph(gains_path, n):
    rows = [list(map(float, line.split())) for line in open(gains_path) if line.strip()]
    if len(rows) != n:
        raise SystemExit(f"{gains_path}: {len(rows)} gain rows, expected {n}")
    parts = []
    for i, row in enumerate(rows):
        # ffmpeg 5.1's pan treats a lone gain of exactly 1 as a "pure channel mapping" and then refuses a 10-channel
        # layout; 1 - 1e-12 avoids that path and still becomes exactly 1.0 in ffmpeg's float32 mixing matrix.
        terms = [f"{ch}={(g if g != 1 else 1 - 1e-12):.15g}*c0" for ch, g in zip(FFMPEG_712, row) if g != 0]
        parts.append(f"[{i}:a]pan={'+'.join(FFMPEG_712)}|{'|'.join(terms or ['FL=0*c0'])}[p{i}]")
    ins = "".join(f"[p{i}]" for i in range(n))
    parts.append(f"{ins}amix=inputs={n}:normalize=0:duration=longest[out]")
    print(";".join(parts))


def read24(path):
    off, size, channels, bits, tag = data_chunk(path)
    if (tag, bits) != (1, 24):
        raise SystemExit(f"{path}: expected 24-bit PCM, got tag {tag} {bits}-bit")
    raw = np.fromfile(path, dtype=np.uint8, count=size, offset=off).reshape(-1, 3).astype(np.int32)
    v = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
    return np.where(v >= 1 << 23, v - (1 << 24), v).reshape(-1, channels)


def diff24(a_path, b_path):
    a, b = read24(a_path), read24(b_path)
    m = min(len(a), len(b))
    d = int(np.abs(a[:m] - b[:m]).max()) if m else 0
    print(f"{d} LSB at 24 bits ({20 * math.log10(max(d, 1e-9) / 2**23):.1f} dBFS), frames {len(a)} vs {len(b)}")


def write_dc(path):
    data = (0x400000).to_bytes(3, "little", signed=True)
    fmt = struct.pack("<HHIIHH", 1, 1, RATE, RATE * 3, 3, 24)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", 3) + data + b"\0"
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def strip_eq(src, dst):
    with open(src) as f:
        s = json.load(f)
    for t in s["tracks"]:
        t["strip"]["eq"] = [{"type": "bell", "frequency": 250, "gain": 3, "q": 1},
                            {"type": "bell", "frequency": 4000, "gain": -3, "q": 1.4}]
    with open(dst, "w") as f:
        json.dump(s, f, indent=1)


def automate(src, dst, seconds, interval_ms):
    """Lanes on fader, pan x/y and both EQ gains of every track; values are sines sampled every interval_ms."""
    with open(src) as f:
        s = json.load(f)
    step = int(RATE * interval_ms / 1000)
    positions = range(0, int(seconds * RATE) + step, step)
    # (parameter, centre, depth, decimals): a breakpoint value is centre + depth * sin(2 pi t / period)
    shapes = [("fader", -10.0, 8.0), ("pan/x", 0.0, 0.9), ("pan/y", 0.0, 0.9), ("eq/1/gain", 3.0, 6.0), ("eq/2/gain", -3.0, 6.0)]
    lanes = []
    for i, t in enumerate(s["tracks"]):
        for k, (param, centre, depth) in enumerate(shapes):
            period = 2.0 + (7 * i + 3 * k) % 11 * 0.37
            points = [{"position": p, "value": round(centre + depth * math.sin(2 * math.pi * p / RATE / period + i), 6)} for p in positions]
            lanes.append({"address": f"track/{t['name']}/{param}", "points": points})
    s["automation"] = {"lanes": lanes}
    with open(dst, "w") as f:
        json.dump(s, f, separators=(",", ":"))
    print(f"{len(lanes)} lanes x {len(positions)} breakpoints")


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "positions":
        for p in positions(int(argv[2])):
            print(*p)
    elif cmd == "session":
        write_session(argv[2], argv[3:])
    elif cmd == "calibration":
        write_calibration(argv[2], argv[3], int(argv[4]))
    elif cmd == "gains":
        gains(argv[2], int(argv[3]), float(argv[4]))
    elif cmd == "ffmpeg-graph":
        ffmpeg_graph(argv[2], int(argv[3]))
    elif cmd == "diff24":
        diff24(argv[2], argv[3])
    elif cmd == "dc":
        write_dc(argv[2])
    elif cmd == "strip-eq":
        strip_eq(argv[2], argv[3])
    elif cmd == "automate":
        automate(argv[2], argv[3], float(argv[4]), float(argv[5]))
    elif cmd == "reel":
        write_reel(argv[2], argv[3:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
