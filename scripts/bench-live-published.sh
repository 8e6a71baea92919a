#!/usr/bin/env bash
# Decode cost of one stream a drone publishes to the gateway (docs/live-analytics.md, "Streams drones
# publish to the gateway"). Runs `skypatrol gateway` with its RTSP publish server, recording on, and one
# published source analysed at 5 fps (classical detector, the demo scene); ffmpeg publishes an H.264
# clip (testsrc2, SIZE, 25 fps, ~4 Mbit/s, keyframe every 2 s, no B-frames) in a loop at real-time pace
# for SECONDS. The source's own counters (Prometheus endpoint) give the CPU time of its decode thread
# (decode + analysis-rate thinning + BGR conversion of the kept frames) and of decode + analysis.
# Beside it, in the same run, the decode limit: `ffmpeg -threads 1` decoding the same video seconds.
# Usage: scripts/bench-live-published.sh [SECONDS] [SIZE]   (defaults 60, 1280x720)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-60}"
size="${2:-1280x720}"
data="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

clip="$data/clip.mp4"
ffmpeg -v error -f lavfi -i "testsrc2=size=$size:rate=25:duration=20" -c:v libx264 -preset veryfast -b:v 4M \
    -maxrate 4M -bufsize 8M -g 50 -bf 0 -pix_fmt yuv420p "$clip"
"$root/skypatrol" --help > /dev/null          # builds once, outside the measurement

rtsp=$(free_port); metrics=$(free_port); http=$(free_port); bhttp=$(free_port); mudp=$(free_port); mtcp=$(free_port)
sed -e "s|^  sources: \[\] .*one entry per analysed source.*|  sources: [{sourceId: bench-1, published: true, scene: \"$root/samples/scenes/demo-motorway.yaml\"}]|" \
    "$root/samples/config/gateway.yaml" > "$data/gateway.yaml"
grep -q "sourceId: bench-1" "$data/gateway.yaml"
"$root/skypatrol" gateway --config "$data/gateway.yaml" --set gateway.dataDir="$data/var" \
    --set gateway.httpPort="$http" --set video.rtspServer.port="$rtsp" --set video.rtspServer.bind=127.0.0.1 \
    --set metrics.port="$metrics" --set mqtt.enabled=false --set broadcast.http.port="$bhttp" \
    --set mavlink.endpoints.0.port="$mudp" --set mavlink.endpoints.1.port="$mtcp" \
    > "$data/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$metrics/metrics" > /dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$metrics/metrics" > /dev/null || { tail -20 "$data/gateway.log"; exit 1; }
ffmpeg -v error -re -stream_loop -1 -i "$clip" -c copy -f rtsp -rtsp_transport tcp \
    "rtsp://127.0.0.1:$rtsp/drones/bench-1" > "$data/publish.log" 2>&1 &
pids+=($!)
sleep "$secs"
curl -sf "http://127.0.0.1:$metrics/metrics" | grep -E '^skypatrol_analytics_[a-z_]+_total\{source="bench-1"' \
    | grep -E 'decode_cpu|_cpu_seconds|decoded|analysed|skipped|dropped|lost|damaged' | tee "$data/m" \
    || { tail -20 "$data/gateway.log"; exit 1; }
get() { awk -v k="$1" '$1 ~ "^"k"\\{" { print $2 }' "$data/m"; }
dec=$(get skypatrol_analytics_decode_cpu_seconds_total)
all=$(get skypatrol_analytics_cpu_seconds_total)
frames=$(get skypatrol_analytics_decoded_frames_total)
loops=$(( secs / 20 ))
/usr/bin/time -f "%U %S" -o "$data/ff" ffmpeg -v error -threads 1 -stream_loop "$loops" -i "$clip" -f null -
ff=$(awk '{print $1 + $2}' "$data/ff")
awk -v d="$dec" -v a="$all" -v n="$frames" -v f="$ff" -v s="$secs" -v l="$loops" -v z="$size" 'BEGIN {
  vs = (l + 1) * 20;
  printf "published %s 25 fps stream, %d s: %d frames decoded\n", z, s, n;
  printf "decode thread: %.2f CPU s = %.1f %% of a core (%.2f ms per frame)\n", d, d / s * 100, d / n * 1000;
  printf "decode + analysis threads: %.2f CPU s = %.1f %% of a core\n", a, a / s * 100;
  printf "ffmpeg -threads 1 decode of the same clip: %.2f CPU s per %d video s = %.1f %% of a core at real time\n",
         f, vs, f / vs * 100 }'
