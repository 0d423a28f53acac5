#!/usr/bin/env bash
# Whole-process benchmark of the channel strips: the strip reference reel rendered by `mixengine render` against the
# equivalent ffmpeg graph on the same media, in the same run.
#
#   bench/strip-vs-ffmpeg.sh [N [SECONDS]]     (N mono tracks >= 12, default 128; SECONDS of media, default 20)
#
# Makes N mono pink-noise 24-bit 48 kHz WAVs (seeded) in bench/work/stripN-S/. Every track has a high-pass
# (12 dB/oct), two bells, a high shelf and a compressor (bench/stripreel.py), is panned to its own X/Y(/Z) position into
# one of 12 7.1.2 stem buses, and the stems sum into a 7.1.2 printmaster; all 13 buses print 24-bit interleaved. The
# ffmpeg graph does the same per input (highpass, equalizer x2, highshelf with precision=f64, acompressor, pan with the
# engine's own pan gains read back from a calibration render), amix per stem, asplit, amix into the printmaster, and
# writes the same 13 files. Each side runs once untimed (warm-up), then three timed runs; the median wall time is
# reported with the speed as a multiple of real time, the ratio, the CPU time of each (user + system of all threads:
# on a loaded shared machine the steadier comparison) and the peak resident memory (GNU time %M).
set -euo pipefail

n="${1:-128}"
seconds="${2:-20}"
[[ "$n" =~ ^[0-9]+$ && "$n" -ge 12 && "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] ||
  { echo "usage: $0 [N [SECONDS]]   (N mono tracks, N >= 12; SECONDS >= 1)" >&2; exit 2; }
runs=3
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/strip$n-$seconds"
py=/usr/bin/python3
reel="$root/bench/stripreel.py"
mkdir -p "$work"

# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"

echo "== media: $n x ${seconds} s pink noise, 24-bit 48 kHz mono ($work)"
make_media "$n" "$seconds"

echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null

cd "$work"
session_and_graph "$reel" reel.session.json

mapfile -t prints < <("$py" "$reel" outputs)
mkdir -p ffmpeg-out/stems
ffmpeg_cmd=(ffmpeg -nostdin -hide_banner -loglevel error -y)
for f in "${media[@]}"; do ffmpeg_cmd+=(-i "$f"); done
ffmpeg_cmd+=(-filter_complex_script graph.txt)
for ((k = 0; k < ${#prints[@]} - 1; k++)); do ffmpeg_cmd+=(-map "[st$k]" -c:a pcm_s24le "ffmpeg-out/${prints[k]}"); done
ffmpeg_cmd+=(-map "[pm]" -c:a pcm_s24le "ffmpeg-out/${prints[-1]}")
engine_cmd=("$root/mixengine" render reel.session.json --out engine-out)

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
engine_cpu=$(median_cpu_ms engine.times); ffmpeg_cpu=$(median_cpu_ms ffmpeg.times)
levels=$("$py" "$reel" levels "engine-out/${prints[-1]}" "ffmpeg-out/${prints[-1]}")

awk -v n="$n" -v s="$seconds" -v e="$engine_ms" -v f="$ffmpeg_ms" -v er="$engine_rss" -v fr="$ffmpeg_rss" \
    -v ec="$engine_cpu" -v fc="$ffmpeg_cpu" -v l="$levels" 'BEGIN {
  printf "\nN=%d strips x %d s -> 12 stems + printmaster, 7.1.2 24-bit, median of 3 warm runs\n", n, s
  printf "%-10s %10s %14s %10s %14s\n", "", "wall s", "x real time", "CPU s", "peak RSS MiB"
  printf "%-10s %10.2f %14.1f %10.2f %14.1f\n", "mixengine", e / 1000, s / (e / 1000), ec / 1000, er / 1024
  printf "%-10s %10.2f %14.1f %10.2f %14.1f\n", "ffmpeg", f / 1000, s / (f / 1000), fc / 1000, fr / 1024
  printf "ratio (ffmpeg time / mixengine time): %.2f  (> 1 means mixengine is faster)\n", f / e
  printf "CPU ratio (ffmpeg CPU / mixengine CPU, user + system of all threads): %.2f\n", fc / ec
  printf "printmaster, mixengine / ffmpeg: %s\n", l
}'
