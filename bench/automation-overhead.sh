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
# untimed (warm-up), then RUNS timed runs (default 5) alternating plain / automated. The overhead is given twice: by
# the medians of the whole-process CPU time (user + system, all threads; the figure to compare between builds and days,
# since a shared host's speed and the render threads' balance move the wall time by more than the lanes cost) and by
# the medians of the wall time. A third figure leaves out what is not playback: the render's own processor time, from
# its render-report.json (renderCpuSeconds: plan build to the last file committed, every thread), without the runtime's
# start-up and the reading of the session file (14.6 MB of breakpoints for the automated reel at the defaults).
# That figure still holds the render's fixed costs (plan build, the first compilation of the kernels, priming every
# track's read-ahead: about 0.35 s of CPU for 128 tracks here, whatever the length), which dilute the lanes' per-sample
# cost the more the shorter the reel. A fourth figure cancels them: each round also renders the first quarter of both
# sessions (--range), and the per-sample overhead is the automated reel's extra render CPU per extra sample over the
# plain reel's, (A_full - A_quarter - (P_full - P_quarter)) / (P_full - P_quarter) from the medians: the cost a long
# reel converges to. The last line gives all three again as medians of the rounds' own overheads (each automated run
# against the plain run of its round): on a host whose speed drifts during the call, the figure to quote.
#
#   RUNS=20 bench/automation-overhead.sh        (more rounds when the host is noisy)
#   EXTRA="--threads 1" bench/automation-overhead.sh   (render options for all four renders, e.g. one render thread)
set -euo pipefail

n="${1:-128}"
seconds="${2:-30}"
interval="${3:-50}"
[[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 ]] || { echo "usage: $0 [N [SECONDS [INTERVAL_MS]]]   (N tracks >= 1)" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "$0: SECONDS must be a whole number >= 1, got '$seconds'" >&2; exit 2; }
[[ "$interval" =~ ^[0-9]+$ && "$interval" -ge 1 ]] || { echo "$0: INTERVAL_MS must be a whole number >= 1, got '$interval'" >&2; exit 2; }
runs="${RUNS:-5}"
[[ "$runs" =~ ^[0-9]+$ && "$runs" -ge 1 ]] || { echo "$0: RUNS must be a whole number >= 1, got '$runs'" >&2; exit 2; }
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
plain_cmd=("$root/mixengine" render plain.session.json --out plain-out ${EXTRA:-})
automated_cmd=("$root/mixengine" render automated.session.json --out automated-out ${EXTRA:-})
quarter=$(( seconds * 48000 / 4 ))
plain_quarter_cmd=("$root/mixengine" render plain.session.json --out plain-quarter-out --range "0-$quarter" ${EXTRA:-})
automated_quarter_cmd=("$root/mixengine" render automated.session.json --out automated-quarter-out --range "0-$quarter" ${EXTRA:-})

# render_cpu LABEL: appends the last render's own processor time (render-report.json's renderCpuSeconds: the render
# from plan build to the last file committed, all threads; no start-up, no session reading) in ms to LABEL.render.
render_cpu() {
  "$py" -c 'import json, sys; print(round(1000 * json.load(open(sys.argv[1]))["renderCpuSeconds"]))' \
    "$1-out/render-report.json" >>"$1.render"
}

rm -f plain.times automated.times plain.render automated.render plain-quarter.render automated-quarter.render
echo "== warm-up (untimed)"
"${plain_cmd[@]}" >/dev/null
"${automated_cmd[@]}" >/dev/null
for ((r = 1; r <= runs; r++)); do
  echo "== timed run $r/$runs"
  run_measured plain "${plain_cmd[@]}"
  render_cpu plain
  run_measured automated "${automated_cmd[@]}"
  render_cpu automated
  "${plain_quarter_cmd[@]}" >/dev/null
  render_cpu plain-quarter
  "${automated_quarter_cmd[@]}" >/dev/null
  render_cpu automated-quarter
done

plain_ms=$(median_ms plain.times); automated_ms=$(median_ms automated.times)
plain_cpu=$(median_cpu_ms plain.times); automated_cpu=$(median_cpu_ms automated.times)
plain_render=$(median_ms plain.render); automated_render=$(median_ms automated.render)
plain_quarter=$(median_ms plain-quarter.render); automated_quarter=$(median_ms automated-quarter.render)
lanes=$(( n * 5 )); points=$(( seconds * 1000 / interval + 1 ))
awk -v n="$n" -v s="$seconds" -v p="$plain_ms" -v a="$automated_ms" -v pc="$plain_cpu" -v ac="$automated_cpu" \
    -v l="$lanes" -v k="$points" -v iv="$interval" -v r="$runs" \
    -v pt="$(awk '{ printf "%s ", $1 }' plain.times)" -v at="$(awk '{ printf "%s ", $1 }' automated.times)" \
    -v pct="$(awk '{ printf "%s ", $3 }' plain.times)" -v act="$(awk '{ printf "%s ", $3 }' automated.times)" \
    -v pr="$plain_render" -v ar="$automated_render" -v pq="$plain_quarter" -v aq="$automated_quarter" \
    -v pqt="$(awk '{ printf "%s ", $1 }' plain-quarter.render)" -v aqt="$(awk '{ printf "%s ", $1 }' automated-quarter.render)" \
    -v prt="$(awk '{ printf "%s ", $1 }' plain.render)" -v art="$(awk '{ printf "%s ", $1 }' automated.render)" 'BEGIN {
  printf "\nN=%d tracks x %d s -> 7.1.2 24-bit, two EQ bells per track; medians of %d warm runs\n", n, s, r
  printf "%-28s %8s %8s %10s   %-40s %s\n", "", "cpu s", "wall s", "x real", "cpu runs (ms)", "wall runs (ms)"
  printf "%-28s %8.2f %8.2f %10.1f   %-40s %s\n", "no automation", pc / 1000, p / 1000, s / (p / 1000), pct, pt
  printf "%-28s %8.2f %8.2f %10.1f   %-40s %s\n", sprintf("%d lanes, every %d ms", l, iv), ac / 1000, a / 1000, s / (a / 1000), act, at
  printf "automation overhead by CPU time: %.1f %%, by wall time: %.1f %%  (%d breakpoints per lane; target < 15 %%)\n", \
    100 * (ac - pc) / pc, 100 * (a - p) / p, k
  printf "playback alone (render phase CPU, renderCpuSeconds): %.2f s against %.2f s, overhead %.1f %%\n", ar / 1000, pr / 1000, 100 * (ar - pr) / pr
  printf "  render cpu runs (ms): plain %s/ automated %s\n", prt, art
  printf "per sample (render CPU of the whole reel less that of its first quarter, fixed costs cancelled): %.2f s against %.2f s, overhead %.1f %%\n", \
    (ar - aq) / 1000, (pr - pq) / 1000, 100 * ((ar - aq) - (pr - pq)) / (pr - pq)
  printf "  first-quarter render cpu runs (ms): plain %s/ automated %s\n", pqt, aqt
}'
# The same three overheads taken round by round (each round's automated runs against the plain runs next to them)
# and the median of those: a host whose speed drifts during the call (other tenants) moves both runs of a round alike,
# so these hold where the medians of the separate columns above are pulled apart by the drift.
paste plain.times automated.times plain.render automated.render plain-quarter.render automated-quarter.render |
  awk '{ whole[NR] = ($6 - $3) / $3; render[NR] = ($8 - $7) / $7
         p = $7 - $9; a = $8 - $10; sample[NR] = p > 0 ? (a - p) / p : 0 }
       function median(x, n,   i, j, t) {
         for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] > x[j]; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
         return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2 }
       END { printf "paired by round (median of %d rounds): whole process CPU %.1f %%, render phase %.1f %%, per sample %.1f %%\n",
               NR, 100 * median(whole, NR), 100 * median(render, NR), 100 * median(sample, NR) }'
