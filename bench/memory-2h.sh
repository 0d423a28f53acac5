#!/usr/bin/env bash
# Memory check, not a test: a 2-hour, 64-track session printed as one 7.1.2 24-bit interleaved file (~10 GB, so the
# writer must promote it to RF64). Peak resident memory must stay under 1 GiB (it must not grow with duration).
#
#   bench/memory-2h.sh            (from anywhere; KEEP=1 keeps the 10 GB print in bench/work/2h/out/)
#
# The media are eight 10-minute mono pink-noise WAVs (24-bit 48 kHz); each track plays twelve 10-minute clips back to
# back, picking the eight files in rotation, so the disk holds ~0.7 GB of media. Reports wall time, speed, peak RSS
# (GNU time %M), the print's container magic and the duration ffprobe reads from it.
set -euo pipefail

tracks=64
clips=12
clip_seconds=600
limit_kib=$((1024 * 1024))
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/2h"
py=/usr/bin/python3
tool="$root/bench/benchsession.py"
mkdir -p "$work"

# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"

echo "== media: 8 x ${clip_seconds} s pink noise, 24-bit 48 kHz mono ($work)"
media=()
for ((i = 0; i < 8; i++)); do
  f=$(printf 'pink10m_%d.wav' "$i")
  media+=("$f")
  [[ -s "$work/$f" ]] && continue
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi \
    -i "anoisesrc=color=pink:seed=$((2000 + i)):amplitude=0.06:sample_rate=48000:duration=$clip_seconds" \
    -ac 1 -c:a pcm_s24le "$work/$f"
done

echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null

cd "$work"
"$py" "$tool" session 2h.session.json "${media[@]}" --tracks "$tracks" --clips-per-track "$clips" --clip-seconds "$clip_seconds"
rm -rf out
echo "== rendering $tracks tracks x $((clips * clip_seconds / 60)) min"
t0=$(date +%s%N)
/usr/bin/time -f %M -o render.rss "$root/mixengine" render 2h.session.json --out out >render.log 2>&1 || { cat render.log >&2; exit 1; }
t1=$(date +%s%N)
rss=$(tail -n1 render.rss)
print=out/bed_712.wav
magic=$(head -c 4 "$print")
bytes=$(stat -c %s "$print")
duration=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$print")
seconds=$((clips * clip_seconds))
[[ "${KEEP:-0}" == 1 ]] || rm -f "$print"

awk -v ms="$(( (t1 - t0) / 1000000 ))" -v s="$seconds" -v rss="$rss" -v lim="$limit_kib" -v magic="$magic" -v bytes="$bytes" -v dur="$duration" -v t="$tracks" 'BEGIN {
  printf "\n%d tracks x %.0f min -> one 7.1.2 24-bit print\n", t, s / 60
  printf "wall %.1f s (%.1f x real time)\n", ms / 1000, s / (ms / 1000)
  printf "peak RSS %.1f MiB (limit 1024 MiB): %s\n", rss / 1024, (rss < lim ? "ok" : "OVER")
  printf "print: %.2f GB, container %s, ffprobe duration %s s (expected %d)\n", bytes / 1e9, magic, dur, s
}'
[[ "$rss" -lt "$limit_kib" && "$magic" == RF64 ]] && awk -v d="$duration" -v s="$seconds" 'BEGIN { exit !(d + 0.001 >= s && d - 0.001 <= s) }'
