#!/usr/bin/env bash
# Per-behaviour accuracy of the analytics on the synthetic scenario library (docs/scenegen.md):
# renders the library, runs `skypatrol analyze` on every clip (drone clips with their telemetry),
# matches predicted alert starts to the ground truth and writes the report to DIR/accuracy-behaviours.md
# (--markdown FILE elsewhere; docs/accuracy-behaviours.md is the curated record of the measured runs).
#
# Usage: scripts/eval-behaviours.sh [--out DIR] [--only BEHAVIOUR] [--tolerance SECONDS] [--fps N]
#                                   [--jobs N] [--no-render] [--sanity] [--markdown FILE] [--seed-offset N]
#                                   [--seed-offsets N,M,...]
#   --seed-offset N  render every clip with its seed + N: the same scripts with other noise, grain,
#                colours and jitter (a variant the analytics were not tuned on)
#   --seed-offsets N,M,...  render one library per offset into DIR/seed-N and score them pooled (one
#                table over all renders; each clip named seed-N/clip): held-out figures from several
#                renders, so that one lucky or unlucky render does not decide a behaviour
#   --sanity     score the truth against itself (checks the evaluator; F1 = 1 by construction)
#   --no-render  reuse clips already rendered in --out
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/scenes"
only=""
tolerance=3
fps=5
jobs=2
render=1
sanity=0
single=1
seed_offsets="0"
markdown=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --tolerance) tolerance="$2"; shift 2 ;;
    --fps) fps="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --no-render) render=0; shift ;;
    --sanity) sanity=1; shift ;;
    --markdown) markdown="$2"; shift 2 ;;
    --seed-offset) seed_offsets="$2"; single=1; shift 2 ;;
    --seed-offsets) seed_offsets="$2"; single=0; shift 2 ;;
    *) echo "eval-behaviours: unknown argument $1" >&2; exit 2 ;;
  esac
done

"$root/skypatrol" --version >/dev/null          # builds the CLI (and samples) when sources changed
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"   # what was built
gw="$root/drone-gateway/target"
cp="$gw/drone-gateway-0.1.0-SNAPSHOT.jar:$gw/lib/*"

# one render directory per seed offset: DIR itself for a single one, DIR/seed-N for several
renders=()
IFS=',' read -r -a offsets <<<"$seed_offsets"
for n in "${offsets[@]}"; do
  if [ "$single" = 1 ]; then renders+=("$out"); else renders+=("$out/seed-$n"); fi
done
if [ "$render" = 1 ]; then
  rm -rf "$out"
  for i in "${!offsets[@]}"; do
    java -cp "$cp" org.skypatrol.samples.scenegen.Main --out "${renders[$i]}" --jobs "$jobs" \
      --seed-offset "${offsets[$i]}" ${only:+--only "$only"}
  done
fi

evaluate() {
  local scenes=()
  for r in "${renders[@]}"; do scenes+=(--scenes "$r"); done
  java -cp "$cp" org.skypatrol.samples.scenegen.Evaluate "${scenes[@]}" --tolerance "$tolerance" "$@"
}
clip_dirs() {
  for r in "${renders[@]}"; do find "$r" -mindepth 1 -maxdepth 1 -type d; done | sort
}

if [ "$sanity" = 1 ]; then
  evaluate --sanity
  exit 0
fi

# one clip: analyze it at the analysis rate, events next to the truth; the exit code goes to a file
analyze_one() {
  local d="$1"
  local args=(analyze "$d/video.mp4" --scene "$d/scene.yaml" --events "$d/events.jsonl" --no-progress --fps "$fps")
  if [ -f "$d/telemetry.tlog" ]; then
    args+=(--telemetry "$d/telemetry.tlog")          # aligned by the video's creation_time
  elif [ -f "$d/telemetry.jsonl" ]; then
    args+=(--telemetry "$d/telemetry.jsonl")
  fi
  rm -f "$d/events.jsonl"
  set +e
  java -cp "$cp" org.skypatrol.gateway.cli.SkyPatrolCli "${args[@]}" >"$d/analyze.log" 2>&1
  echo $? >"$d/analyze.rc"
  set -e
}
export -f analyze_one
export cp fps

first="$(clip_dirs | head -1)"
analyze_one "$first"
if [ "$(cat "$first/analyze.rc")" = 3 ]; then
  echo "eval-behaviours: 'skypatrol analyze' is not available yet on this branch; scoring the truth against itself" >&2
  evaluate --sanity
  exit 0
fi
start=$(date +%s)
clip_dirs | tail -n +2 | xargs -P "$jobs" -I{} bash -c 'analyze_one "$1"' _ {}
took=$(( $(date +%s) - start ))
rcs=$(clip_dirs | sed 's|$|/analyze.rc|')
failed=$(grep -L '^0$' $rcs | wc -l)
echo "eval-behaviours: analysed $(echo "$rcs" | wc -l) clips (${took}s after the first; ${failed} failed, see analyze.log)" >&2

evaluate --markdown "${markdown:-$out/accuracy-behaviours.md}" \
  --label "skypatrol analyze (classical detector, --fps $fps) at commit $commit, $(date -u +%Y-%m-%d), seed offset(s) $seed_offsets"
