#!/usr/bin/env bash
# MAVLink parse + CRC + typed decode throughput (frames/s) on the real captures: SkyPatrol and
# dronefleet 1.1.11 under JMH, node-mavlink 2.3.0 by tools/node-mavlink/bench.js, same bytes.
# Usage: scripts/bench-mavlink.sh [extra JMH args]   (default: -f1 -wi 2 -i 3 -w 1s -r 2s, ~3 min)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
data="${SKYPATROL_SHARED_DATA:-$root/../shared/data}"
captures="$data/mavlink/captures"
[ -f "$captures/vtol.tlog" ] || { echo "bench-mavlink: shared data not found at $captures" >&2; exit 2; }
out="$root/var/bench"; mkdir -p "$out"

mvn -B -q -o package -pl benchmarks -am -DskipTests
mvn -B -q -o dependency:build-classpath -pl benchmarks -Dmdep.outputFile="$out/cp.txt" >/dev/null
cp="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$out/cp.txt")"

jmh_args=("$@"); [ ${#jmh_args[@]} -gt 0 ] || jmh_args=(-f1 -wi 2 -i 3 -w 1s -r 2s)
java -Dskypatrol.shared.data="$data" -cp "$cp" org.openjdk.jmh.Main 'org.skypatrol.benchmarks.mavlink.MavlinkParseBenchmark' \
  "${jmh_args[@]}" -jvmArgs "-Dskypatrol.shared.data=$data" -rf json -rff "$out/mavlink-jmh.json" > "$out/mavlink-jmh.txt"

if [ ! -d tools/node-mavlink/node_modules ]; then (cd tools/node-mavlink && npm ci --no-audit --no-fund --loglevel=error); fi
node tools/node-mavlink/bench.js "$captures/mavlink-v2-3412-packets.bin" 5 > "$out/node-v2.json"
node tools/node-mavlink/bench.js "$captures/vtol.tlog" 5 tlog > "$out/node-tlog.json"

python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(os.path.join(out, "mavlink-jmh.json")))}
node = {k: json.load(open(os.path.join(out, f)))["framesPerSecond"] for k, f in (("v2", "node-v2.json"), ("tlog", "node-tlog.json"))}
def j(name): m = jmh.get(name); return m["score"] if m else float("nan")
rows = [
  ("v2 capture (3412 frames)", j("v2Capture_skypatrol"), j("v2Capture_dronefleet"), node["v2"]),
  ("tlog frames (23894, v1)", j("tlogFrames_skypatrol"), j("tlogFrames_dronefleet"), node["tlog"]),
]
print("%-28s %14s %14s %14s %9s %9s" % ("input", "SkyPatrol", "dronefleet", "node-mavlink", "x node", "x dfleet"))
for name, s, d, n in rows:
    print("%-28s %14.0f %14.0f %14.0f %8.1fx %8.1fx" % (name, s, d, n, s / n, s / d))
print("%-28s %14.0f" % ("tlog file via MavlinkTlog", j("tlogFile_skypatrol")))
print("%-28s %14.0f" % ("v2 signed, verified", j("v2Signed_skypatrolVerified")))
print("(frames/s on one core; JMH details in var/bench/mavlink-jmh.txt)")
PY
