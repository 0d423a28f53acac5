#!/usr/bin/env bash
# Whole-process benchmark of the gRPC control API (docs/grpc.md) against a real `mixengine serve` playing the demo
# on the null device in real time, driven from separate Python grpcio client processes (bench/grpc_control.py):
#
#   bench/grpc-control.sh [SECONDS]      (from anywhere; each phase runs SECONDS, default 10)
#
# 1. sets: unary SetParameter calls per second from one client, back to back;
# 2. latency: p50/p99 from a set leaving one client to the change arriving on another client's events stream;
# 3. meters: 16 clients each streaming meters at 30 Hz; the engine's block timing during this phase (from serve's
#    --stats lines every 2 s, which count from its start: late blocks per 1000 and how the percentiles move) is
#    printed next to an idle window of the same length before it.
set -euo pipefail

seconds="${1:-10}"
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 2 ]] || { echo "usage: $0 [SECONDS >= 2]" >&2; exit 2; }
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/grpc"
py=/usr/bin/python3
port=50151
"$py" -c 'import grpc, grpc_tools' 2>/dev/null || { echo "needs Debian python3-grpcio and python3-grpc-tools" >&2; exit 2; }
rm -rf "$work" && mkdir -p "$work/stubs"

"$root/mixengine" demo --out "$work" --seconds 10 >/dev/null
"$py" -m grpc_tools.protoc -I"$root/protos" -I/usr/lib/python3/dist-packages/grpc_tools/_proto \
  --python_out="$work/stubs" --grpc_python_out="$work/stubs" "$root"/protos/mixengine/v1/*.proto
(cd "$work" && exec "$root/mixengine" serve --session demo.session.json --device null --play --stats 2 --no-osc \
  --grpc "127.0.0.1:$port") >"$work/serve.log" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null; wait "$serve" 2>/dev/null' EXIT

client() { "$py" "$root/bench/grpc_control.py" "$work/stubs" "127.0.0.1:$port" "track/DX 1/fader" "$seconds" "$1"; }
timing() { grep -c 'Blocks .*p50' "$work/serve.log" || true; }

sets=$(client sets)
latency=$(client latency)
idle_from=$(timing); sleep "$seconds"; idle_to=$(timing)
meters=$(client meters); meters_to=$(timing)
sleep 2

"$py" - "$work/serve.log" "$idle_from" "$idle_to" "$meters_to" "$sets" "$latency" "$meters" <<'PY'
import json, re, sys
log, a, b, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sets, latency, meters = (json.loads(x) for x in sys.argv[5:8])
lines = [l for l in open(log, encoding="utf-8") if re.search(r"Blocks \d+: p50", l)]
pat = re.compile(r"Blocks (\d+): p50 (\d+) µs, p99 (\d+) µs, p99\.9 (\d+) µs, max (\d+) µs of a (\d+) µs period; late blocks (\d+), xruns (\d+)")
def window(first, last):
    # serve's statistics count from its start, so a window is the difference of its first and last line
    f, l = (tuple(map(int, pat.search(lines[i]).groups())) for i in (first, last))
    blocks, late, xruns = l[0] - f[0], l[6] - f[6], l[7] - f[7]
    return (f"{blocks} blocks, {late} late ({1000 * late / max(blocks, 1):.1f} per 1000), {xruns} xruns; "
            f"p50 / p99 since start {f[1]} / {f[2]} µs -> {l[1]} / {l[2]} µs of {l[5]} µs")
print(f"sets per second (one client, unary, back to back): {sets['sets_per_second']:.0f}")
print(f"set -> event on another client: p50 {latency['p50_ms']:.2f} ms, p99 {latency['p99_ms']:.2f} ms, "
      f"max {latency['max_ms']:.2f} ms ({latency['received']} of {latency['sent']} values seen; the rest coalesced)")
print(f"meters: {meters['clients']} clients at {meters['requested_hz']} Hz: median {meters['median_hz']:.1f} Hz, slowest {meters['min_hz']:.1f} Hz")
print(f"block timing idle:        {window(max(a - 1, 0), b - 1)}")
print(f"block timing with meters: {window(b - 1, c - 1)}")
PY
