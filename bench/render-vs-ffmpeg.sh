#!/usr/bin/env bash
# Whole-process benchmark: `mixengine render` against the equivalent ffmpeg graph on the same media, in the same run.
#
#   bench/render-vs-ffmpeg.sh N        (from anywhere; N mono tracks, default 32)
#
# Makes N mono 60 s pink-noise 24-bit 48 kHz WAVs (ffmpeg anoisesrc, seeded) in bench/work/nN/, writes a session that
# pans each track to its own X/Y(/Z) position into one 7.1.2 bus printed as a 24-bit interleaved BWF, and reads the
# engine's own pan gains back from a calibration render (track i plays one frame of DC at sample i into a float64
# print), so the ffmpeg graph (`pan` per input with exactly those gains, then `amix=normalize=0`, pcm_s24le) does the
# same mix. Each side runs once untimed (warm-up), then three timed runs; the median wall time is reported with the
# speed as a multiple of real time, the ratio, the peak resident memory of each (GNU time %M) and the largest
# difference between the two prints.
set -euo pipefail

n="${1:-32}"
[[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || { echo "usage: $0 N   (N mono tracks, N >= 1)" >&2; exit 2; }
seconds=60
runs=3
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/n$n"
py=/usr/bin/python3
tool="$root/bench/benchsession.py"
mkdir -p "$work"

# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"

echo "== media: $n x ${seconds} s pink noise, 24-bit 48 kHz mono ($work)"
make_media "$n" "$seconds"

echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null

cd "$work"
session_and_graph "$tool" bench.session.json

ffmpeg_cmd=(ffmpeg -nostdin -hide_banner -loglevel error -y)
for f in "${media[@]}"; do ffmpeg_cmd+=(-i "$f"); done
ffmpeg_cmd+=(-filter_complex_script graph.txt -map "[out]" -c:a pcm_s24le ffmpeg_712.wav)
engine_cmd=("$root/mixengine" render bench.session.json --out engine-out)

rm -f engine.times ffmpeg.times
echo "== warm-up (untimed)"
"${engine_cmd[@]}" >/dev/null
"${ffmpeg_cmd[@]}"
for ((r = 1; r <= runs; r++)); do
  echo "== timed run $r/$runs"
  run_measured engine "${engine_cmd[@]}"
  run_measured ffmpeg "${ffmpeg_cmd[@]}"
done

engine_ms=$(median_ms engine.times); ffmpeg_ms=$(median_ms ffmpeg.times)
engine_rss=$(max_rss engine.times); ffmpeg_rss=$(max_rss ffmpeg.times)
difference=$("$py" "$tool" diff24 engine-out/bed_712.wav ffmpeg_712.wav)

awk -v n="$n" -v s="$seconds" -v e="$engine_ms" -v f="$ffmpeg_ms" -v er="$engine_rss" -v fr="$ffmpeg_rss" -v d="$difference" 'BEGIN {
  printf "\nN=%d tracks x %d s -> 7.1.2 24-bit, median of 3 warm runs\n", n, s
  printf "%-10s %10s %14s %14s\n", "", "wall s", "x real time", "peak RSS MiB"
  printf "%-10s %10.2f %14.1f %14.1f\n", "mixengine", e / 1000, s / (e / 1000), er / 1024
  printf "%-10s %10.2f %14.1f %14.1f\n", "ffmpeg", f / 1000, s / (f / 1000), fr / 1024
  printf "ratio (ffmpeg time / mixengine time): %.2f  (> 1 means mixengine is faster)\n", f / e
  printf "largest difference between the prints: %s\n", d
}'
