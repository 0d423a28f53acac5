# Sourced by the bench/ scripts: installs what they need (ffmpeg, GNU time, Debian python3 with numpy) when missing.
# Expects $py to name the Debian python interpreter and $work the folder the timing files go to.

apt_install() { # Debian packages
  echo "installing $* (needed by this benchmark)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq "$@" >/dev/null; else sudo apt-get install -y -qq "$@" >/dev/null; fi
}
command -v ffmpeg >/dev/null 2>&1 || apt_install ffmpeg
[[ -x /usr/bin/time ]] || apt_install time
"$py" -c 'import numpy' 2>/dev/null || apt_install python3 python3-numpy

# Wall time in nanoseconds from the shell's own clock (date +%s%N); peak RSS in KiB and CPU seconds (user + system,
# all threads) from GNU time.
now_ns() { date +%s%N; }

# run_measured LABEL cmd...: runs cmd, appends "wall_ms rss_kib cpu_ms" to $work/LABEL.times
run_measured() {
  local label="$1"; shift
  local t0 t1 rss cpu
  t0=$(now_ns)
  /usr/bin/time -f '%M %U %S' -o "$work/$label.rss" "$@" >"$work/$label.log" 2>&1 || { cat "$work/$label.log" >&2; exit 1; }
  t1=$(now_ns)
  read -r rss cpu < <(tail -n1 "$work/$label.rss" | awk '{ printf "%d %d\n", $1, ($2 + $3) * 1000 }')
  echo "$(( (t1 - t0) / 1000000 )) $rss $cpu" >>"$work/$label.times"
}

median_ms() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
median_cpu_ms() { sort -k3 -n "$1" | awk '{ a[NR] = $3 } END { print a[int((NR + 1) / 2)] }'; }
max_rss() { sort -k2 -n "$1" | tail -n1 | awk '{ print $2 }'; }

# make_media N SECONDS: N mono seeded pink-noise 24-bit 48 kHz WAVs track_000.wav ... in $work (kept between runs),
# each at 0.5/sqrt(N) so their sum stays clear of full scale; sets the array `media` to their names.
make_media() {
  local n="$1" seconds="$2" amplitude f i
  amplitude=$(awk -v n="$n" 'BEGIN { printf "%.6f", 0.5 / sqrt(n) }')
  media=()
  for ((i = 0; i < n; i++)); do
    f=$(printf 'track_%03d.wav' "$i")
    media+=("$f")
    [[ -s "$work/$f" ]] && continue
    ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi \
      -i "anoisesrc=color=pink:seed=$((1000 + i)):amplitude=$amplitude:sample_rate=48000:duration=$seconds" \
      -ac 1 -c:a pcm_s24le "$work/$f"
  done
}

# session_and_graph TOOL SESSION: in the current directory, writes SESSION (TOOL's `session` over the array `media`),
# reads the engine's own pan gains back from a calibration render (bench/benchsession.py: track i plays one frame of
# DC at sample i into a float64 print) into gains.txt, and writes TOOL's ffmpeg graph for those gains to graph.txt.
# Needs $py, $root and $n set by the caller.
session_and_graph() {
  local tool="$1" session="$2" pans="$root/bench/benchsession.py"
  "$py" "$tool" session "$session" "${media[@]}"
  "$py" "$pans" dc dc.wav
  "$py" "$pans" calibration calibration.session.json dc.wav "$n"
  rm -rf calibration-out
  "$root/mixengine" render calibration.session.json --out calibration-out >/dev/null
  "$py" "$pans" gains calibration-out/calibration.wav "$n" 0.5 >gains.txt
  "$py" "$tool" ffmpeg-graph gains.txt "$n" >graph.txt
}
