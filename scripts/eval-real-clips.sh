#!/usr/bin/env bash
# What fires on the real traffic clips of ../shared/data with the scene files in samples/scenes
# (issue 5, "Real traffic footage"): for each clip and detector, `skypatrol analyze` writes the
# events, the annotated video and one annotated JPEG per alert phase (the evidence), and this script
# prints one line per alert start with the path of its annotated picture.
# Usage: scripts/eval-real-clips.sh [--out DIR] [classical|onnx|both]     (~3-6 minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SKYPATROL_SHARED_DATA:-$root/../shared/data}"
out="$root/target/real-clips"
which=classical
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    classical|onnx|both) which="$1"; shift ;;
    *) echo "eval-real-clips: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -d "$data/video" ] || { echo "shared data not found at $data (set SKYPATROL_SHARED_DATA)" >&2; exit 2; }
"$root/skypatrol" --version >/dev/null          # builds the CLI when sources changed
model="$data/models/yolox_nano/yolox_nano.onnx"
mkdir -p "$out"

analyze() {  # video scene detector
  local video="$1" scene="$2" detector="$3" name
  name="$(basename "$scene" .yaml)-$detector"
  local args=(analyze "$data/video/$video" --scene "$root/samples/scenes/$scene.yaml" --no-progress
              --events "$out/$name.jsonl" --out "$out/$name.mp4")
  [ "$detector" = onnx ] && args+=(--model "$model")
  rm -rf "$out/$name.jsonl" "$out/$name.jsonl.evidence"
  if ! "$root/skypatrol" "${args[@]}" >"$out/$name.log" 2>&1; then
    echo "$name: analyze failed, see $out/$name.log" >&2
    return 1
  fi
  local starts
  starts="$(grep -c '"phase":"start"' "$out/$name.jsonl" || true)"
  printf '%-44s %3s alert starts   (annotated video %s)\n' "$name" "$starts" "$out/$name.mp4"
  # one line per start: time, behaviour, zone, the annotated evidence picture
  python3 - "$out/$name.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e.get("phase") != "start":
        continue
    print("    %6.1f s  %-30s %-16s %s\n              %s" % (e.get("videoTimeSeconds", -1), e.get("behaviour"),
          e.get("zoneId") or "-", e.get("detail") or "", e.get("snapshot") or ""))
PY
}

for set in "bgslibrary_video02.avi bgslibrary-video02-motorway" \
           "bgslibrary_video.avi bgslibrary-video-direction" \
           "intel_car-detection.mp4 intel-parking-aisle" \
           "evadb_ua_detrac.mp4 evadb-intersection"; do
  read -r video scene <<<"$set"
  if [ "$which" != onnx ]; then analyze "$video" "$scene" classical; fi
  if [ "$which" != classical ]; then analyze "$video" "$scene" onnx; fi
done
