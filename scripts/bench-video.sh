#!/usr/bin/env bash
# Video benchmark (~1-2 min): N concurrent 1080p H.264 ~4 Mbit/s RTSP publishers (Debian ffmpeg,
# -re -c copy) recorded by the gateway; CPU of the gateway JVM per stream. Then the export of a
# 60-second clip with `skypatrol replay export` (remux only).
# Usage: scripts/bench-video.sh [STREAMS=16] [SECONDS=30]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
streams="${1:-16}"; seconds="${2:-30}"
work="$(mktemp -d /tmp/skypatrol-bench-video.XXXXXX)"
clips=/tmp/skypatrol-bench-video-clips; mkdir -p "$clips"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# 1. one 10 s 1080p clip (~4 Mbit/s, keyframe every 2 s, no B-frames), looped by copy to 60 s
if [ ! -f "$clips/1080p60s.mp4" ]; then
  echo "bench-video: making a 1080p test clip (once)..." >&2
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=10" \
    -c:v libx264 -preset ultrafast -tune zerolatency -bf 0 -g 50 -b:v 4M -maxrate 4M -bufsize 8M \
    -pix_fmt yuv420p "$clips/1080p10s.mp4"
  ffmpeg -hide_banner -loglevel error -y -stream_loop 5 -i "$clips/1080p10s.mp4" -c copy "$clips/1080p60s.mp4"
fi
rate=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$clips/1080p10s.mp4")

rtsp=$(free_port); http=$(free_port)
cat > "$work/gateway.yaml" <<YAML
gateway: {id: bench, dataDir: $work/var, httpPort: $http}
mavlink: {endpoints: []}
mqtt: {enabled: false}
broadcast: {enabled: false}
video:
  rtspServer: {enabled: true, bind: 127.0.0.1, port: $rtsp}
  sources:
    - {id: export60, url: "$clips/1080p60s.mp4", loop: false, realTime: false, timeoutSeconds: 5}
  recording: {enabled: true, segmentSeconds: 10, retentionHours: 72, quotaMbPerSource: 0, minFreeMb: 0}
YAML
"$root/skypatrol" --version >/dev/null   # build first, outside the measurement
"$root/skypatrol" gateway --config "$work/gateway.yaml" > "$work/gateway.log" 2>&1 &
gw=$!; pids+=("$gw")
for _ in $(seq 1 100); do grep -q "RTSP publish server listening" "$work/gateway.log" && break; sleep 0.2; done
jvm=$(pgrep -P "$gw" java || echo "$gw")
sleep 3   # the 60 s file source is recorded (not paced) while the JVM settles

ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK); cores=$(nproc)
for i in $(seq 1 "$streams"); do
  ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$clips/1080p10s.mp4" -c copy -f rtsp \
    -rtsp_transport tcp "rtsp://127.0.0.1:$rtsp/drones/bench$i" > /dev/null 2>&1 &
  pids+=("$!")
done
sleep 5   # connect and first keyframes
t0=$(ticks "$jvm"); s0=$(date +%s.%N)
sleep "$seconds"
t1=$(ticks "$jvm"); s1=$(date +%s.%N)
cpu=$(python3 -c "print(round(100*($t1-$t0)/$hz/($s1-$s0),1))")
segs=$(find "$work/var/recordings" -name '*.ts' | wc -l)
echo "streams=$streams  bitrate=$((rate/1000)) kbit/s each  window=${seconds}s"
echo "gateway JVM CPU: ${cpu}% of one core total = $(python3 -c "print(round($cpu/$streams,2))")% per stream;" \
     "machine has $cores cores (${cores}00%); floor: 16 streams < $((cores*50))%"
echo "segments closed so far: $segs"

# 2. export of 60 s (remux only) with the CLI; the JVM + index start-up is measured with 'list'
from=$(date -u -d "-1 hour" +%Y-%m-%dT%H:%M:%SZ); to=$(date -u -d "+1 hour" +%Y-%m-%dT%H:%M:%SZ)
for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null || true; done
kill "$gw"; wait "$gw" 2>/dev/null || true
start=$("$root/skypatrol" replay --set gateway.dataDir="$work/var" list --source export60 --from "$from" --to "$to" 2>/dev/null | head -1 | awk '{print $1}')
end=$(date -u -d "$start 60 seconds" +%Y-%m-%dT%H:%M:%S.%3NZ)
a=$(date +%s.%N)
"$root/skypatrol" replay --set gateway.dataDir="$work/var" list --source export60 --from "$start" --to "$end" >/dev/null 2>&1
b=$(date +%s.%N)
"$root/skypatrol" replay --set gateway.dataDir="$work/var" export --source export60 --from "$start" --to "$end" --out "$work/clip60.mp4"
c=$(date +%s.%N)
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/clip60.mp4")
echo "export of 60 s: clip duration ${dur}s; CLI wall $(python3 -c "print(round($c-$b,2))") s," \
     "of which JVM+index start-up ~$(python3 -c "print(round($b-$a,2))") s (same CLI running 'list'):" \
     "export itself ~$(python3 -c "print(round(($c-$b)-($b-$a),2))") s; floor < 1 s"
