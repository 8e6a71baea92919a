#!/usr/bin/env bash
# CPU cost of one live-analysed source in the gateway (docs/live-analytics.md): the demo with its
# camera (640x360, 10 fps synthetic motorway clip, looped at real-time pace, analysed at 5 fps with
# the classical detector) against the same demo without it. No drones, so the difference is the
# camera's decode + analysis. Usage: scripts/bench-live.sh [SECONDS]   (default 40)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-40}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
run() {  # prints user+sys CPU seconds of one demo run
  local cameras="$1"
  /usr/bin/time -f "%U %S" -o "$data/time" "$root/skypatrol" demo --drones 0 --tcp-drones 0 --ephemeral-ports \
      --cameras "$cameras" --duration "$secs" --data-dir "$data/var" --set mqtt.enabled=false > "$data/out-$cameras.txt" 2>/dev/null
  awk '{print $1 + $2}' "$data/time"
}
"$root/skypatrol" demo --drones 0 --tcp-drones 0 --ephemeral-ports --duration 1 --data-dir "$data/var" \
    --set mqtt.enabled=false > /dev/null 2>&1   # renders the clip once, outside the measurement
with=$(run 1)
without=$(run 0)
grep -h "analytics demo-cam" "$data/out-1.txt" | tail -1
awk -v a="$with" -v b="$without" -v s="$secs" 'BEGIN {
  printf "demo with camera: %.1f CPU s, without: %.1f CPU s over %d s\n", a, b, s;
  printf "one live-analysed 640x360 10 fps source at 5 fps: %.1f %% of a core\n", (a - b) / s * 100 }'
