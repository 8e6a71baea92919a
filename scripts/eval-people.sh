#!/usr/bin/env bash
# Person detection and tracking accuracy on real footage with MOTChallenge ground truth
# (../shared/data: PETS09-S2L1, TUD-Campus, TUD-Stadtmitte), for the classical detector and for the
# YOLOX-Nano ONNX detector: precision, recall (IoU >= 0.5), MOTA, IDF1, ID switches.
# Scored on the analysed frames only (analysis rate, default 5 fps; EVAL_FPS=0 scores every frame).
# Usage: scripts/eval-people.sh [classical|onnx|both]   (takes ~2-4 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SKYPATROL_SHARED_DATA:-$root/../shared/data}"
which="${1:-both}"
fps="${EVAL_FPS:-5}"
[ -d "$data/groundtruth" ] || { echo "shared data not found at $data (set SKYPATROL_SHARED_DATA)" >&2; exit 2; }
"$root/skypatrol" --version >/dev/null          # builds the CLI (and its lib/) when needed
cp="$root/drone-gateway/target/drone-gateway-0.1.0-SNAPSHOT.jar:$root/drone-gateway/target/lib/*"
run() {  # video gt scene [model]
  SKYPATROL_LOG_LEVEL=WARN java -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener -cp "$cp" org.skypatrol.analytics.eval.PeopleEval "$@" 2>/dev/null
}
model="$data/models/yolox_nano/yolox_nano.onnx"
for set in "pets09-s2l1_vtest_h264.mp4 PETS09-S2L1 pets09-s2l1" \
           "mot15_TUD-Campus.mp4 TUD-Campus tud-campus" \
           "mot15_TUD-Stadtmitte.mp4 TUD-Stadtmitte tud-stadtmitte"; do
  read -r video gt scene <<<"$set"
  args=("$data/video/$video" "$data/groundtruth/$gt/gt.txt" "$root/samples/scenes/$scene.yaml" "$fps")
  if [ "$which" != onnx ]; then run "${args[@]}"; fi
  if [ "$which" != classical ]; then run "${args[@]}" "$model"; fi
done
