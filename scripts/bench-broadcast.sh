#!/usr/bin/env bash
# Broadcast latency on loopback, one JVM: the gateway as Wiring builds it (embedded MQTT broker,
# MAVLink UDP endpoint), one simulated drone with its loudspeaker, a command-centre MQTT client.
#   - alert start -> loudspeaker ack: an illegal_parking alert on the event bus until the drone's
#     loudspeaker answers (status "delivered") through policy, broadcast service and MAVLink;
#   - command-centre request -> done: MQTT request until the "done" result arrives back over MQTT.
# Broadcasts run one after another; the first WARMUP of each are not counted. Floor: p99 < 200 ms.
#
#   scripts/bench-broadcast.sh [RUNS=500] [WARMUP=100]
# Writes var/bench/broadcast.json and prints a table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-500}"; warmup="${2:-100}"
out="$root/var/bench"; mkdir -p "$out"

"$root/skypatrol" --version >/dev/null   # builds on first use
gw="$root/drone-gateway/target"
java -Dlogback.configurationFile="$root/scripts/bench-quiet-logback.xml" \
  -cp "$gw/drone-gateway-0.1.0-SNAPSHOT.jar:$gw/lib/*" org.skypatrol.gateway.broadcast.BroadcastBenchmark \
  "$runs" "$warmup" "$out" > "$out/broadcast.out"

python3 - "$out/broadcast.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"broadcast latency on loopback, {r['runs']} runs each after {r['warmup']} warm-up runs (ms)")
print(f"{'path':44} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}")
ok = True
for key, label in (("alert_start_to_loudspeaker_ack_ms", "alert start -> loudspeaker ack (MAVLink)"),
                   ("mqtt_request_to_done_ms", "command-centre MQTT request -> done")):
    m = r[key]
    print(f"{label:44} {m['p50']:8.2f} {m['p90']:8.2f} {m['p99']:8.2f} {m['max']:8.2f}")
    ok = ok and m["p99"] < 200
for key, label in (("mqtt_request_to_accepted_in_gateway_ms", "  of which: request -> 'accepted' in gateway"),
                   ("mqtt_request_to_done_in_gateway_ms", "  of which: request -> 'done' in gateway")):
    m = r[key]
    print(f"{label:44} {m['p50']:8.2f} {m['p90']:8.2f} {m['p99']:8.2f} {m['max']:8.2f}")
print("floor p99 < 200 ms:", "met" if ok else "NOT met")
sys.exit(0 if ok else 1)
PY
