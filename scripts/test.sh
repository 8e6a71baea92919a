#!/usr/bin/env bash
# The one test command: installs what the tests need when it is missing (Debian packages, the npm
# MAVLink peer), then runs the whole suite. Usage: scripts/test.sh [extra mvn args]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

apt_packages=(mosquitto mosquitto-clients ffmpeg python3-gi gir1.2-gst-rtsp-server-1.0
  gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
  gstreamer1.0-tools)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# node-mavlink: the independent MAVLink implementation for golden vectors and interop tests
if [ -f tools/node-mavlink/package.json ] && [ ! -d tools/node-mavlink/node_modules ]; then
  echo "test.sh: installing node-mavlink (npm ci)"
  (cd tools/node-mavlink && npm ci --no-audit --no-fund --loglevel=error)
fi

exec mvn -B -e install "$@"
