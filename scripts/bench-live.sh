#!/usr/bin/env bash
# CPU cost of one live-analysed source in the gateway (docs/live-analytics.md). Runs the demo with its
# camera (640x360, 10 fps synthetic motorway clip in a loop at real-time pace, analysed at 5 fps with
# the classical detector) for SECONDS and reads the source's own counters: CPU time of its decode and
# analysis threads (ThreadMXBean), frames decoded/analysed/dropped. Beside it, in the same run, the
# decode limit: `ffmpeg -threads 1` decoding the same clip for the same number of video seconds.
# Usage: scripts/bench-live.sh [SECONDS]   (default 60)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-60}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$root/skypatrol" --help > /dev/null          # builds once, outside the measurement
"$root/skypatrol" demo --drones 0 --tcp-drones 0 --ephemeral-ports --duration 1 --data-dir "$data/var" \
    --set mqtt.enabled=false > /dev/null 2>&1   # renders the clip once, outside the measurement
"$root/skypatrol" demo --drones 0 --tcp-drones 0 --ephemeral-ports --duration "$secs" --data-dir "$data/var" \
    --set mqtt.enabled=false 2>/dev/null | grep "analytics demo-cam" | tail -1 > "$data/line"
cat "$data/line"
clip="$data/var/demo/speeding-positive/video.mp4"
loops=$(( secs / 10 ))                          # the clip is 10 s long
/usr/bin/time -f "%U %S" -o "$data/ff" ffmpeg -v error -threads 1 -stream_loop "$loops" -i "$clip" -f null - 
ff=$(awk '{print $1 + $2}' "$data/ff")
cpu=$(sed -E 's/.*cpu ([0-9.]+) s.*/\1/' "$data/line")
awk -v c="$cpu" -v f="$ff" -v s="$secs" -v l="$loops" 'BEGIN {
  vs = (l + 1) * 10;
  printf "live source: %.2f CPU s over %d s = %.1f %% of a core (decode + analysis)\n", c, s, c / s * 100;
  printf "ffmpeg -threads 1 decode of the same clip: %.2f CPU s per %d video s = %.1f %% of a core at real time\n", f, vs, f / vs * 100;
  printf "analysis beyond decode: about %.1f %% of a core per 640x360 10 fps stream at 5 fps\n", c / s * 100 - f / vs * 100 }'
# The threads above miss OpenCV's and FFmpeg's own worker threads and the JIT: the whole process
# with and without the camera, same duration (includes start-up: loading OpenCV/FFmpeg, warm-up).
for c in 1 0; do
  /usr/bin/time -f "%U %S" -o "$data/p$c" "$root/skypatrol" demo --drones 0 --tcp-drones 0 --ephemeral-ports \
      --cameras "$c" --duration "$secs" --data-dir "$data/var" --set mqtt.enabled=false > /dev/null 2>&1
done
awk -v s="$secs" 'NR == FNR { a = $1 + $2; next } { b = $1 + $2 } END {
  printf "whole process: %.1f CPU s with the camera, %.1f without, over %d s: %.1f %% of a core for the camera\n",
         a, b, s, (a - b) / s * 100 }' "$data/p1" "$data/p0"
