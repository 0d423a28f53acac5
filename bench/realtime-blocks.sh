#!/usr/bin/env bash
# Realtime benchmark, not a test (issue 5): the 128-track reel (3 EQ bands, a compressor, its own pan position, a fader
# ride and on every 4th track a pan move per strip; DX/MX/FX 7.1.2 stems into a limited 7.1.2 printmaster) played by
# `mixengine serve --device null --play` at 64, 128 and 256-frame blocks, SECONDS each (default 600), while OSC control
# traffic (RATE messages per second, default 200, trims and EQ gains; 0 for none) flows. Prints, per block size, the audio thread's
# render time p50 / p99 / p99.9 / max as a fraction of the period, periods above 30 % of it (with TRACE=1), late blocks,
# xruns, audio-thread allocations and GC.
#
# The named peer, measured in the same run: right after the engine at each block size, the host floor
# (bench/hostfloor.c, compiled here with cc into bench/work/) runs a fixed workload for the same SECONDS on the same
# schedule (one wake-up per period at absolute deadlines), at the same PRIORITY and on the same CPU when EXTRA pins the
# audio thread (--audio-cpu N), its amount calibrated first so that its median equals the engine's measured p50. Its
# line ("host floor") shows what the machine alone does to a workload that never changes; the line under it gives the
# engine's p99.9 over the floor's. FLOOR=0 skips it; FLOOR_SECONDS=N runs it for N seconds instead of SECONDS (e.g. a
# 10-minute engine run with a 2-minute floor); without a C compiler it is skipped with a note.
#
#   bench/realtime-blocks.sh [SECONDS] [RATE]          (BLOCKS="128" picks block sizes; default "64 128 256")
#
# TRACE=1 also passes `--block-trace serve-BLOCK.trace.csv` (one line per period: phases, thread CPU vs wall, worker
# wakes, GC; docs/realtime.md, Block trace) and prints serve's trace summary under the table; EXTRA="..." adds serve options
# (e.g. EXTRA="--render-threads 1 --audio-cpu 1": one render thread, pinned to CPU 1).
# PRIORITY (default 60) is passed as `--realtime-priority`: SCHED_FIFO for the audio thread and render workers where the
# system permits it (serve logs the outcome; the script prints it); PRIORITY=0 keeps ordinary scheduling.
#
# serve's warning about a running kernel memory monitor (DAMON, docs/realtime.md, Host memory monitor) is repeated under
# the engine's line: on this project's virtual machines one running since boot put a 1-3 ms stall about every 512 ms.
# DAMON_OFF=1 (root) stops every running monitor for the run, keeps it stopped (the host may start it again: checked every
# second, each restart listed at the end) and starts it again when the script ends, however it ends.
#
# Figures cover the whole run, first-second JIT warm-up included. Media: eight 20 s mono pink-noise WAVs (24-bit, 48 kHz)
# generated once into bench/work/realtime/; the reel loops its 20 s.
set -euo pipefail

seconds=${1:-600}
rate=${2:-200}
tracks=128
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/realtime"
py=/usr/bin/python3
mkdir -p "$work"

# shellcheck source=bench/bench-tools.sh
. "$root/bench/bench-tools.sh"

damon_stopped=()
damon_guard=""
restart_damon() {
  local state
  [[ -n "$damon_guard" ]] && kill "$damon_guard" 2>/dev/null
  [[ -s "$work/damon-restarts.log" ]] && { echo "== DAMON_OFF: the host started a stopped monitor again during the run (stopped again each time):"; cat "$work/damon-restarts.log"; }
  for state in "${damon_stopped[@]}"; do
    [[ "$(cat "$state" 2>/dev/null)" == on ]] && continue
    echo on >"$state" 2>/dev/null || echo "$0: could not start ${state%/state} again: echo on > $state" >&2
  done
}
if [[ -n "${DAMON_OFF:-}" ]]; then
  trap restart_damon EXIT
  for state in /sys/kernel/mm/damon/admin/kdamonds/*/state; do
    [[ -f "$state" && "$(cat "$state")" == on ]] || continue
    echo off >"$state" || { echo "$0: DAMON_OFF: cannot stop ${state%/state} (root needed)" >&2; exit 1; }
    damon_stopped+=("$state")
    echo "== DAMON_OFF: stopped ${state%/state} for the run"
  done
  # This project's virtual machines start a stopped monitor again after a few minutes (seen 2026-12-04: a 10-minute
  # run's slow periods took the monitor's 512 ms rhythm from its fifth minute on). Keep it stopped, checking every
  # second, and say when it had to be stopped again.
  : >"$work/damon-restarts.log"
  if ((${#damon_stopped[@]} > 0)); then
    (
      while sleep 1; do
        for state in "${damon_stopped[@]}"; do
          [[ "$(cat "$state" 2>/dev/null)" == on ]] || continue
          echo off >"$state" 2>/dev/null && echo "   $(date -u +%H:%M:%S) ${state%/state}" >>"$work/damon-restarts.log"
        done
      done
    ) &
    damon_guard=$!
  fi
fi

media=()
for ((i = 0; i < 8; i++)); do
  f=$(printf 'pink20s_%d.wav' "$i")
  media+=("$f")
  [[ -s "$work/$f" ]] && continue
  ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi \
    -i "anoisesrc=color=pink:seed=$((3000 + i)):amplitude=0.06:sample_rate=48000:duration=20" -ac 1 -c:a pcm_s24le "$work/$f"
done
echo "== building mixengine (Release) once"
"$root/mixengine" --help >/dev/null
cd "$work"
"$py" "$root/bench/benchsession.py" reel reel.session.json "${media[@]}" --tracks "$tracks" --seconds 20
# The session was just written afresh, so a pass journal left by an interrupted earlier run belongs to nothing here
# (serve would otherwise stop to offer its recovery).
rm -f reel.session.json.journal

# The host floor's probe, built when its source changed; its CPU is the audio thread's when EXTRA pins that.
floor=""
[[ "${FLOOR_SECONDS:-1}" =~ ^[0-9]+$ && "${FLOOR_SECONDS:-1}" -ge 1 ]] ||
  { echo "$0: FLOOR_SECONDS must be a whole number >= 1, got '${FLOOR_SECONDS}'" >&2; exit 2; }
if [[ "${FLOOR:-1}" != 0 ]]; then
  compiler=$(command -v cc || command -v gcc || true)
  if [[ -z "$compiler" ]]; then
    echo "== no C compiler (cc or gcc): the host floor is skipped (apt-get install gcc to measure it)"
  else
    floor="$root/bench/work/hostfloor"
    [[ "$floor" -nt "$root/bench/hostfloor.c" ]] || "$compiler" -O2 -o "$floor" "$root/bench/hostfloor.c"
  fi
fi
floor_cpu=-1
[[ " ${EXTRA:-} " =~ [[:space:]]--audio-cpu[[:space:]]+([0-9]+)[[:space:]] ]] && floor_cpu=${BASH_REMATCH[1]}

port=$((39000 + RANDOM % 1000))
printf '\n%-11s %-6s %-9s %-16s %-16s %-16s %-18s %-8s %-6s %-6s %-10s %s\n' line block period p50 p99 p99.9 max '>30 %' late xruns alloc GC
for block in ${BLOCKS:-64 128 256}; do
  log="serve-$block.log"
  trace=()
  [[ -n "${TRACE:-}" ]] && trace=(--block-trace "serve-$block.trace.csv")
  # shellcheck disable=SC2086
  "$root/mixengine" serve --session reel.session.json --device null --block "$block" --play --stats 10 --grpc off \
    --osc-port "$port" --realtime-priority "${PRIORITY:-60}" "${trace[@]}" ${EXTRA:-} >"$log" 2>&1 &
  serve=$!
  # Start-up includes the warm-up (until the JIT settles, at most 6 s more; 16 s seen on a loaded machine): wait up to 2 minutes.
  for ((w = 0; w < 600; w++)); do grep -q "Serving session" "$log" && break; sleep 0.2; done
  grep -q "Serving session" "$log" || { cat "$log" >&2; kill "$serve"; exit 1; }
  "$py" "$root/bench/osctraffic.py" "$port" "$tracks" "$rate" >"traffic-$block.log" &
  traffic=$!
  sleep "$seconds"
  kill -TERM "$traffic"
  wait "$traffic" || true
  kill -TERM "$serve"
  wait "$serve" || { cat "$log" >&2; exit 1; }
  "$py" - "$log" "$block" "traffic-$block.log" "serve-$block.trace.csv" "${TRACE:-}" >"engine-$block.row" <<'PY'
import csv, re, sys
log, block, traffic, trace, traced = sys.argv[1:6]
lines = [l for l in open(log) if "Blocks " in l and "µs period" in l]
if not lines:
    raise SystemExit(f"{log}: no timing line")
m = re.search(r"Blocks (\d+): p50 (\d+) µs, p99 (\d+) µs, p99\.9 (\d+) µs, max (\d+) µs of a (\d+) µs period; late blocks (\d+), xruns (\d+), "
              r"audio-thread allocations (\d+) B;.*GC gen0/1/2 (\d+)/(\d+)/(\d+), paused (\d+) ms", lines[-1])
if not m:
    raise SystemExit(f"{log}: unreadable timing line: {lines[-1]}")
blocks, p50, p99, p999, mx, period, late, xruns, alloc, g0, g1, g2, paused = map(int, m.groups())
pct = lambda v: f"{v} µs ({100 * v / period:.1f} %)"
sent = open(traffic).read().strip()
# Periods above 30 % of the period: counted from the trace's wall times (the timing line does not have them).
above = "-"
if traced:
    with open(trace) as f:
        above = str(sum(1 for row in csv.DictReader(f) if float(row["wall_us"]) > 0.3 * period))
print(f"{'engine':<11} {block:<6} {period:<6} µs {pct(p50):<16} {pct(p99):<16} {pct(p999):<16} {pct(mx):<18} {above:<8} {late:<6} {xruns:<6} {alloc:<6} B   "
      f"{g0}/{g1}/{g2}, {paused} ms; {blocks} blocks; {sent}")
print(f"#stats {p50} {p999} {period}")
PY
  grep -v '^#stats' "engine-$block.row"
  read -r _ engine_p50 engine_p999 period < <(grep '^#stats' "engine-$block.row")
  grep -o "Realtime priority: .*" "$log" | head -1 | sed 's/^/  /' || true
  [[ -n "${TRACE:-}" ]] && grep -E "block trace: |^.*\]   " "$log" | sed -E 's/^.*(block trace: |   )/  \1/' || true
  grep -o "CPU affinity: .*" "$log" | sed 's/^/  /' || true
  grep -o "Host memory monitor (DAMON) running: [^;]*" "$log" | sed 's/^/  /' || true
  [[ -n "$floor" ]] || continue
  # The same duration (unless FLOOR_SECONDS), period, priority and CPU, right after the engine (the OSC traffic has stopped: the floor has no
  # control side); the exact period in µs, as the engine's, is samples / 48 kHz.
  "$floor" "$(awk -v b="$block" 'BEGIN { printf "%.3f", b * 1e6 / 48000 }')" "$engine_p50" "${FLOOR_SECONDS:-$seconds}" "${PRIORITY:-60}" "$floor_cpu" >"floor-$block.log"
  "$py" - "floor-$block.log" "$block" "$engine_p999" <<'PY'
import re, sys
log, block, engine_p999 = sys.argv[1], sys.argv[2], int(sys.argv[3])
line = open(log).read().strip()
m = re.match(r"floor (\d+): p50 (\d+) µs, p99 (\d+) µs, p99\.9 (\d+) µs, max (\d+) µs of a (\d+) µs period; above 30 % (\d+), late (\d+); (.*)", line)
if not m:
    raise SystemExit(f"{log}: unreadable floor line: {line}")
n, p50, p99, p999, mx, period, above, late = map(int, m.groups()[:8])
pct = lambda v: f"{v} µs ({100 * v / period:.1f} %)"
print(f"{'host floor':<11} {block:<6} {period:<6} µs {pct(p50):<16} {pct(p99):<16} {pct(p999):<16} {pct(mx):<18} {above:<8} {late:<6} {'-':<6} {'-':<6}     -   "
      f"{n} periods of fixed work; {m.group(9)}")
print(f"  engine p99.9 / host floor p99.9 = {engine_p999 / p999:.2f} (1.00: the engine's tail is the host's)")
PY
done
