# Sourced by the bench/ scripts: installs what they need (ffmpeg, GNU time, Debian python3 with numpy) when missing.
# Expects $py to name the Debian python interpreter.

apt_install() { # Debian packages
  echo "installing $* (needed by this benchmark)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq "$@" >/dev/null; else sudo apt-get install -y -qq "$@" >/dev/null; fi
}
command -v ffmpeg >/dev/null 2>&1 || apt_install ffmpeg
[[ -x /usr/bin/time ]] || apt_install time
"$py" -c 'import numpy' 2>/dev/null || apt_install python3 python3-numpy
