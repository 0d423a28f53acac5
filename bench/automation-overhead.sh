#!/usr/bin/env bash
# Whole-process benchmark: the cost of automation playback. Renders the same reel twice in the same run, once with no
# automation and once with every track's fader, pan x, pan y and both EQ gains automated by dense lanes, and reports
# the overhead of the automated render (issue 4's target: under 15 %).
#
#   bench/automation-overhead.sh [N [SECONDS [INTERVAL_MS]]]    (defaults: 128 tracks, 30 s, a breakpoint every 50 ms)
#
# The reel: 8 mono pink-noise files of SECONDS (24-bit 48 kHz, ffmpeg anoisesrc, seeded), each used by N/8 tracks,
# every track with two EQ bells (250 Hz +3 dB, 4 kHz -3 dB) and panned to its own X/Y(/Z) position into one 7.1.2 bus
# printed as 24-bit interleaved BWF (as `bench/benchsession.py session` writes it). The automated session adds 5 lanes
# per track with a breakpoint every INTERVAL_MS (slow sines, a different period per lane). Each session renders once
# untimed (warm-up), then three timed runs alternating plain / automated; the medians of the whole-process wall times
# are compared.
set -euo pipefail

n="${1:-128}"
seconds="${2:-30}"
interval="${3:-50}"
[[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || { echo "usage: $0 [N [SECONDS [INTERVAL_MS]]]   (N tracks >= 1)" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "$0: SECONDS must be a whole number >= 1, got '$seconds'" >&2; exit 2; }
[[ "$interval" =~ ^[0-9]+$ && "$interval" -ge 1 ]] || { echo "$0: INTERVAL_MS must be a whole number >= 1, got '$interval'" >&2; exit 2; }
runs=3
files=8
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/automation-n$n-s$seconds"
py=/usr/bin/python3
tool="$root/bench/benchsession.py"
mkdir -p "$work"

# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"   # run_measured, median_ms

echo "== media: $files x ${seconds} s pink noise, 24-bit 48 kHz mono ($work)"
amplitude=$(awk -v n="$n" 'BEGIN { printf "%.6f", 0.5 / sqrt(n) }')
media=()
for ((i = 0; i < files; i++)); do
  f=$(printf 'noise_%d.wav' "$i")
  media+=("$f")
  [[ -s "$work/$f" ]] && continue
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi \
    -i "anoisesrc=color=pink:seed=$((2000 + i)):amplitude=$amplitude:sample_rate=48000:duration=$seconds" \
    -ac 1 -c:a pcm_s24le "$work/$f"
done

echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null

cd "$work"
"$py" "$tool" session reel.session.json "${media[@]}" --tracks "$n"
"$py" "$tool" strip-eq reel.session.json plain.session.json
"$py" "$tool" automate plain.session.json automated.session.json "$seconds" "$interval"
plain_cmd=("$root/mixengine" render plain.session.json --out plain-out)
automated_cmd=("$root/mixengine" render automated.session.json --out automated-out)

rm -f plain.times automated.times
echo "== warm-up (untimed)"
"${plain_cmd[@]}" >/dev/null
"${automated_cmd[@]}" >/dev/null
for ((r = 1; r <= runs; r++)); do
  echo "== timed run $r/$runs"
  run_measured plain "${plain_cmd[@]}"
  run_measured automated "${automated_cmd[@]}"
done

plain_ms=$(median_ms plain.times); automated_ms=$(median_ms automated.times)
lanes=$(( n * 5 )); points=$(( seconds * 1000 / interval + 1 ))
awk -v n="$n" -v s="$seconds" -v p="$plain_ms" -v a="$automated_ms" -v l="$lanes" -v k="$points" -v iv="$interval" \
    -v pt="$(awk '{ printf "%s ", $1 }' plain.times)" -v at="$(awk '{ printf "%s ", $1 }' automated.times)" 'BEGIN {
  printf "\nN=%d tracks x %d s -> 7.1.2 24-bit, two EQ bells per track; median of 3 warm runs\n", n, s
  printf "%-28s %10s %14s   runs (ms)\n", "", "wall s", "x real time"
  printf "%-28s %10.2f %14.1f   %s\n", "no automation", p / 1000, s / (p / 1000), pt
  printf "%-28s %10.2f %14.1f   %s\n", sprintf("%d lanes, every %d ms", l, iv), a / 1000, s / (a / 1000), at
  printf "automation overhead: %.1f %%  (%d breakpoints per lane; target < 15 %%)\n", 100 * (a - p) / p, k
}'
