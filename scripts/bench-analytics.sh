#!/usr/bin/env bash
# Analytics speed, one stream at a time (keep it short; the machine is shared):
#  1. makes 720p25 and 1080p25 H.264 clips from the PETS09 footage (real motion, ~32 s each),
#  2. decode limit: `ffmpeg -threads 1 -i CLIP -f null -` (CPU seconds, fps),
#  3. JavaCV grab loop alone (every frame converted), our frame source at 5 fps, and the whole
#     analysis at 5 fps with the classical detector (JVM warm: second pass reported),
#  4. the ONNX detector (YOLOX-Nano) on 720p: ms per inference and cores per stream.
# "cores/stream" = process CPU seconds / video seconds, i.e. the share of a core one real-time
# stream needs. Beyond-decode cost = analyze cores/stream - ffmpeg cores/stream.
# Usage: scripts/bench-analytics.sh   (about 3 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SKYPATROL_SHARED_DATA:-$root/../shared/data}"
work="${BENCH_DIR:-$root/target/bench-analytics}"
mkdir -p "$work"
src="$data/video/pets09-s2l1_vtest_h264.mp4"
[ -f "$src" ] || { echo "shared data not found at $data" >&2; exit 2; }
"$root/skypatrol" --version >/dev/null
cp="$root/drone-gateway/target/drone-gateway-0.1.0-SNAPSHOT.jar:$root/drone-gateway/target/lib/*"
scene="$work/bench-scene.yaml"
for res in 1280x720 1920x1080; do
  clip="$work/pets-$res.mp4"
  [ -f "$clip" ] || ffmpeg -loglevel error -y -i "$src" -vf "setpts=N/25/TB,scale=$res" -r 25 \
      -c:v libx264 -preset veryfast -g 50 -pix_fmt yuv420p "$clip"
done
java_bench() {
  SKYPATROL_LOG_LEVEL=WARN java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -XX:ActiveProcessorCount=1 -cp "$cp" \
      org.skypatrol.analytics.eval.AnalyticsBench "$@" 2>/dev/null
}
for res in 1280x720 1920x1080; do
  clip="$work/pets-$res.mp4"
  w=${res%x*}; h=${res#*x}
  # the PETS scene scaled to this resolution (calibration pixels scale with the frame)
  sed -e "s/width: 768/width: $w/" -e "s/height: 576/height: $h/" "$root/samples/scenes/pets09-s2l1.yaml" \
    | awk -v sx="$(echo "$w/768" | bc -l)" -v sy="$(echo "$h/576" | bc -l)" '
        /pixel: \[/ { match($0, /pixel: \[[0-9.]+, [0-9.]+\]/); p=substr($0, RSTART+8, RLENGTH-9); split(p, a, ", ");
                      $0 = substr($0, 1, RSTART-1) "pixel: [" a[1]*sx ", " a[2]*sy "]" substr($0, RSTART+RLENGTH) }
        /pixels: \[\[/ { line=$0; out=""; while (match(line, /\[[0-9.]+, [0-9.]+\]/)) { p=substr(line, RSTART+1, RLENGTH-2); split(p, a, ", ");
                      out = out substr(line, 1, RSTART-1) "[" a[1]*sx ", " a[2]*sy "]"; line=substr(line, RSTART+RLENGTH) } $0 = out line }
        { print }' > "$scene"
  frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$clip")
  /usr/bin/env time -f "%U %S %e" -o "$work/ffmpeg.time" ffmpeg -loglevel error -threads 1 -i "$clip" -f null - 
  read -r u s e < "$work/ffmpeg.time"
  echo "ffmpeg   pets-$res.mp4 cpu=$(echo "$u+$s" | bc)s wall=${e}s decoded=$(echo "$frames/$e" | bc) fps  cores/stream=$(echo "($u+$s)/($frames/25)" | bc -l | cut -c1-5)"
  java_bench grab "$clip"
  java_bench source "$clip"
  java_bench analyze "$clip" "$scene"
  if [ "$res" = 1280x720 ] && [ -f "$data/models/yolox_nano/yolox_nano.onnx" ]; then
    java_bench analyze "$clip" "$scene" "$data/models/yolox_nano/yolox_nano.onnx"
  fi
done
