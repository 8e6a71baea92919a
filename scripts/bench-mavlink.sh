#!/usr/bin/env bash
# MAVLink parse + CRC + typed decode throughput (frames/s) on the real captures: SkyPatrol and
# dronefleet 1.1.11 under JMH, node-mavlink 2.3.0 by tools/node-mavlink/bench.js, same bytes.
# Prints two tables: wall-clock frames/s (JMH; depends on what else runs) and frames per
# CPU-second of the process (MavlinkCpuRate and bench.js; the per-core figure).
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

# frames per CPU-second of the process (load-independent "per core" figure on a shared machine)
java -Dskypatrol.shared.data="$data" -cp "$cp" org.skypatrol.benchmarks.mavlink.MavlinkCpuRate 3 > "$out/mavlink-cpu.txt" 2>/dev/null

if [ ! -d tools/node-mavlink/node_modules ]; then (cd tools/node-mavlink && npm ci --no-audit --no-fund --loglevel=error); fi
node tools/node-mavlink/bench.js "$captures/mavlink-v2-3412-packets.bin" 5 > "$out/node-v2.json"
node tools/node-mavlink/bench.js "$captures/vtol.tlog" 5 tlog > "$out/node-tlog.json"

python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
jmh = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(os.path.join(out, "mavlink-jmh.json")))}
nodej = {k: json.load(open(os.path.join(out, f))) for k, f in (("v2", "node-v2.json"), ("tlog", "node-tlog.json"))}
node = {k: v["framesPerSecond"] for k, v in nodej.items()}
nodecpu = {k: v["framesPerCpuSecond"] for k, v in nodej.items()}
cpu = dict(line.split() for line in open(os.path.join(out, "mavlink-cpu.txt")) if len(line.split()) == 2)
cpu = {k: float(v) for k, v in cpu.items()}
def j(name): m = jmh.get(name); return m["score"] if m else float("nan")
def table(title, s2, d2, n2, st, dt, nt, tf, sg):
    print(title)
    print("%-28s %14s %14s %14s %9s %9s" % ("input", "SkyPatrol", "dronefleet", "node-mavlink", "x node", "x dfleet"))
    for name, s, d, n in (("v2 capture (3412 frames)", s2, d2, n2), ("tlog frames (23894, v1)", st, dt, nt)):
        print("%-28s %14.0f %14.0f %14.0f %8.1fx %8.1fx" % (name, s, d, n, s / n, s / d))
    print("%-28s %14.0f" % ("tlog file via MavlinkTlog", tf))
    print("%-28s %14.0f" % ("v2 signed, verified", sg))
    print()
table("wall-clock frames/s (JMH, one thread; depends on machine load)",
      j("v2Capture_skypatrol"), j("v2Capture_dronefleet"), node["v2"], j("tlogFrames_skypatrol"), j("tlogFrames_dronefleet"),
      node["tlog"], j("tlogFile_skypatrol"), j("v2Signed_skypatrolVerified"))
table("frames per CPU-second of the process (= per core)",
      cpu["v2Capture_skypatrol"], cpu["v2Capture_dronefleet"], nodecpu["v2"], cpu["tlogFrames_skypatrol"],
      cpu["tlogFrames_dronefleet"], nodecpu["tlog"], cpu["tlogFile_skypatrol"], cpu["v2Signed_skypatrolVerified"])
import subprocess
print("load average:", open("/proc/loadavg").read().split()[:3], "; details in var/bench/")
PY
