#!/usr/bin/env bash
# Whole-process benchmark: `mixengine loudness` against ffmpeg's ebur128 filter (peak=true) and libebur128 on the same
# 5.1 file, in the same run.
#
#   bench/loudness-vs-peers.sh [MINUTES]     (default 120: the 2-hour 5.1 file of issue 9)
#
# Makes a 24-bit 48 kHz 5.1 file of pink noise with a slow level contour (ffmpeg lavfi, seeded) in bench/work/loudness/,
# then times, once warm, each meter reading the whole file: ours (integrated, LRA, momentary/short-term maxima, 4×
# true peak), `ffmpeg -af ebur128=peak=true` (true peak by resampling to 192 kHz), and libebur128 1.2.6 (Debian
# libebur128-dev, through the tests' peer program, modes M|S|I|LRA|sample peak|true peak, fed by `ffmpeg -f f64le`
# through a pipe, so its time includes ffmpeg's decoding). Prints wall seconds, speed as a multiple of real time, the
# ratios, peak RSS and each one's integrated loudness.
set -euo pipefail

minutes="${1:-120}"
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || { echo "usage: $0 [MINUTES]" >&2; exit 2; }
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/loudness"
py=/usr/bin/python3
mkdir -p "$work"
# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"
dpkg-query -W -f='${Status}' libebur128-dev 2>/dev/null | grep -q "install ok installed" || apt_install libebur128-dev
command -v gcc >/dev/null 2>&1 || apt_install gcc libc6-dev

now_ns() { date +%s%N; }
file="$work/programme_51_${minutes}min.wav"
if [[ ! -s "$file" ]]; then
  echo "== media: ${minutes} min 5.1 pink noise, 24-bit 48 kHz ($file)"
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi \
    -i "anoisesrc=color=pink:seed=1770:amplitude=0.25:sample_rate=48000:duration=$((minutes * 60))" \
    -af "volume='0.5+0.4*sin(t/7)':eval=frame,pan=5.1|FL=c0|FR=0.8*c0|FC=0.7*c0|LFE=0.2*c0|BL=0.5*c0|BR=0.45*c0" \
    -c:a pcm_s24le -rf64 auto "$file"
fi
gcc -O2 -o "$work/ebur128_measure" "$root/MixEngine.Tests/Data/peers/ebur128_measure.c" -lebur128 -lm

echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null

# timed LABEL cmd...: runs cmd once, prints "seconds rss_kib" (for a pipeline the shell's own RSS is reported by GNU time).
timed() {
  local label="$1"; shift
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f %M -o "$work/$label.rss" "$@" >"$work/$label.out" 2>&1 || { cat "$work/$label.out" >&2; exit 1; }
  t1=$(now_ns)
  echo "$(( (t1 - t0) / 1000000 )) $(tail -n1 "$work/$label.rss")"
}

echo "== warm file cache"
cat "$file" >/dev/null
echo "== mixengine loudness"
read -r ours_ms ours_rss < <(timed ours "$root/mixengine" loudness "$file" --json)
echo "== ffmpeg ebur128=peak=true"
read -r ff_ms ff_rss < <(timed ffmpeg ffmpeg -nostdin -hide_banner -nostats -i "$file" -af ebur128=peak=true -f null -)
echo "== libebur128 (fed by ffmpeg -f f64le through a pipe)"
read -r lib_ms lib_rss < <(timed libebur128 bash -c "ffmpeg -nostdin -loglevel error -i '$file' -f f64le - | '$work/ebur128_measure' 48000 6 /dev/stdin 1 2 3 0 4 5")

ours_i=$("$py" -c "import json,sys; print(json.load(open(sys.argv[1]))['files'][0]['integratedLufs'])" "$work/ours.out")
ff_i=$(sed -n '/Summary:/,$p' "$work/ffmpeg.out" | awk '/I:/ { print $2; exit }')
lib_i=$(awk '{ print $1 }' "$work/libebur128.out")
seconds=$((minutes * 60))
awk -v o="$ours_ms" -v f="$ff_ms" -v l="$lib_ms" -v s="$seconds" -v or="$ours_rss" -v fr="$ff_rss" -v lr="$lib_rss" \
    -v oi="$ours_i" -v fi="$ff_i" -v li="$lib_i" -v m="$minutes" 'BEGIN {
  printf "\n%d min 5.1, 24-bit 48 kHz, one warm run each\n", m
  printf "%-22s %9s %13s %13s %16s\n", "", "wall s", "x real time", "peak RSS MiB", "integrated LUFS"
  printf "%-22s %9.2f %13.1f %13.1f %16s\n", "mixengine", o / 1000, s / (o / 1000), or / 1024, oi
  printf "%-22s %9.2f %13.1f %13.1f %16s\n", "ffmpeg ebur128", f / 1000, s / (f / 1000), fr / 1024, fi
  printf "%-22s %9.2f %13.1f %13.1f %16s\n", "libebur128 (+decode)", l / 1000, s / (l / 1000), lr / 1024, li
  printf "ratio ffmpeg time / mixengine time: %.2f; libebur128 time / mixengine time: %.2f\n", f / o, l / o
}'
