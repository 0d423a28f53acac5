#!/usr/bin/env bash
# Installs the Debian packages the tests use as independent peers (ffmpeg/ffprobe, sox/soxi, sndfile-info,
# Debian python3 with jsonschema, numpy, scipy and mido, GNU time, gcc with libebur128-dev for the loudness peer program,
# liblo-tools (oscsend/oscdump) for the OSC peer tests, and jackd2 + jack-tools (jackd with the dummy backend,
# jack_lsp, jack_connect, jack-record) for the JACK device tests)
# when any is missing. Runs apt-get only when needed,
# and sudo only when not already root. Safe to run repeatedly.
set -euo pipefail

packages=(ffmpeg sox libsox-fmt-all sndfile-programs python3-jsonschema python3-numpy time gcc libc6-dev libebur128-dev liblo-tools python3-mido jackd2 jack-tools python3-scipy)

installed() { [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]; }

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: not a Debian/Ubuntu system (no dpkg-query/apt-get); install these yourself:" \
       "${packages[*]} (peer tests skip with a reason when a tool is absent, except under CI)" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-test-deps: all test packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-test-deps: missing ${missing[*]}, and not root and no sudo to install them" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi

echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg run to finish instead of failing on its lock.
apt_opts=(-o DPkg::Lock::Timeout=600 -q)
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update
"${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"

still=()
for p in "${missing[@]}"; do installed "$p" || still+=("$p"); done
if [[ ${#still[@]} -gt 0 ]]; then
  echo "install-test-deps: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
echo "install-test-deps: installed ${missing[*]}"
