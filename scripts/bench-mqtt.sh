#!/usr/bin/env bash
# End-to-end MQTT benchmark: N simulated MAVLink drones at R Hz over UDP into the gateway, whose MQTT
# bridge publishes rate-limited telemetry (mqtt.telemetryRateHz, default 2) to a real Mosquitto, read
# by a command-centre subscriber (mosquitto_sub). Reports messages/s at the subscriber, per-drone
# delivery against the configured rate, latency from the gateway's UDP receive (the telemetry's
# `time`) to the subscriber's receive (p50/p99), the gateway's CPU, and beside it the raw
# mosquitto_pub -> mosquitto_sub rate on the same machine with the same payload size.
#
#   scripts/bench-mqtt.sh [DRONES=1000] [SECONDS=20] [RATE_HZ=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
drones="${1:-1000}"; seconds="${2:-20}"; rate="${3:-10}"
work="$(mktemp -d)"
cleanup() { for p in ${gw_pid:-} ${sub_pid:-} ${mq_pid:-}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT   # KEEP=1 keeps the work folder (logs, subscriber capture)

"$root/skypatrol" --version >/dev/null   # builds on first use

free_ports() { python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randint(20000, 60000 - n); socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", p)); socks.append(s)
            t = socket.socket(); t.bind(("127.0.0.1", p)); socks.append(t)
        for s in socks: s.close()
        print(base); break
    except OSError:
        for s in socks: s.close()
PY
}
endpoints=$(( (drones + 249) / 250 ))
base=$(free_ports $((endpoints + 1)))
mq_port=$((base + endpoints))

# Mosquitto with the production limits of samples/mosquitto/mosquitto.conf (no ACL/TLS here)
cat > "$work/mosquitto.conf" <<CONF
listener $mq_port 127.0.0.1
allow_anonymous true
max_queued_messages 0
max_inflight_messages 1000
$( [ "$(id -u)" -eq 0 ] && echo "user root" )
CONF
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
mq_pid=$!
for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/$mq_port) 2>/dev/null && break; sleep 0.1; done

{
  echo "gateway: {id: bench, dataDir: $work/var}"
  echo "broadcast: {enabled: false}"
  echo "mqtt: {url: \"tcp://127.0.0.1:$mq_port\"}"
  echo "mavlink:"; echo "  endpoints:"
  for i in $(seq 0 $((endpoints - 1))); do
    echo "    - {name: udp$i, transport: UDP, bind: 127.0.0.1, port: $((base + i))}"
  done
} > "$work/gateway.yaml"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

SKYPATROL_LOG_LEVEL=INFO "$root/skypatrol" gateway --config "$work/gateway.yaml" > "$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 300); do
  grep -q "MQTT connected" "$work/gateway.log" && [ "$(grep -c 'listening on' "$work/gateway.log" || true)" -ge "$endpoints" ] && break
  kill -0 "$gw_pid" 2>/dev/null || { cat "$work/gateway.log"; exit 1; }
  sleep 0.1
done

mosquitto_sub -p "$mq_port" -V mqttv5 -q 1 -t 'skypatrol/v1/drones/+/telemetry' -F '%U %t %p' > "$work/sub.txt" &
sub_pid=$!
sleep 0.5

gw_cpu0=$(cpu_ticks "$gw_pid"); t0=$(date +%s.%N)
"$root/skypatrol" simulate drone --count "$drones" --rate "$rate" --target "127.0.0.1:$base" \
  --duration "$seconds" > "$work/sim.log" 2>&1
t1=$(date +%s.%N)
sleep 1
gw_cpu1=$(cpu_ticks "$gw_pid")
kill "$sub_pid"; wait "$sub_pid" 2>/dev/null || true; sub_pid=""

# raw baseline: the same number of messages of the same size through mosquitto_pub -> mosquitto_sub
n_raw=$(wc -l < "$work/sub.txt"); n_raw=$(( n_raw > 20000 ? n_raw : 20000 ))
payload=$(head -1 "$work/sub.txt" | cut -d' ' -f3-)
mosquitto_sub -p "$mq_port" -q 1 -t raw/bench -C "$n_raw" -F '%U' > "$work/raw.txt" &
raw_sub=$!
sleep 0.3
python3 -c "import sys; p=sys.argv[1]; sys.stdout.write((p + '\n') * int(sys.argv[2]))" "$payload" "$n_raw" > "$work/raw-in.txt"
r0=$(date +%s.%N)
mosquitto_pub -p "$mq_port" -q 1 -t raw/bench -l < "$work/raw-in.txt"
wait "$raw_sub" || true
r1=$(date +%s.%N)

flying=$(sed -n 's/.*drone(s), \([0-9.]*\) s:.*/\1/p' "$work/sim.log" | tail -1); flying=${flying:-$seconds}
python3 - "$work/sub.txt" "$work/raw.txt" <<PY
import json, sys, os, statistics
lines = open(sys.argv[1]).read().splitlines()
lat, per, steady = [], {}, []
first = last = None
for l in lines:
    ts, topic, payload = l.split(' ', 2)
    recv = float(ts)
    j = json.loads(payload)
    from datetime import datetime
    sent = datetime.fromisoformat(j['time'].replace('Z', '+00:00')).timestamp()
    lat.append((recv - sent) * 1000)
    steady.append((recv, (recv - sent) * 1000))
    per[j['droneId']] = per.get(j['droneId'], 0) + 1
    first = recv if first is None else min(first, recv); last = recv if last is None else max(last, recv)
n = len(lines); span = (last - first) if n > 1 else 1
# steady state: leave out the first and last 3 s of the capture (JVM warm-up, simulator ramp/stop)
steady = sorted(l for r, l in steady if first + 3 <= r <= last - 3)
lat.sort()
pct = lambda q, a=lat: a[min(len(a) - 1, int(q * len(a)))] if a else float('nan')
flying = $flying   # how long the simulator actually flew (its JVM start excluded)
expected_per_drone = min($rate, 2.0) * flying
counts = sorted(per.values())
wall = $t1 - $t0; hz = $hz
gw = ($gw_cpu1 - $gw_cpu0) / hz / wall * 100
raw_n = len(open(sys.argv[2]).read().splitlines()); raw_s = $r1 - $r0
print(f"drones={$drones} at {$rate} Hz MAVLink/UDP for {flying}s -> gateway (telemetryRateHz 2) -> Mosquitto -> mosquitto_sub")
print(f"telemetry messages received={n} ({n / span:,.0f} msg/s), drones seen={len(per)}/{$drones}")
if counts:
    print(f"per drone: min={counts[0]} median={counts[len(counts)//2]} expected~{expected_per_drone:.0f} (2 Hz x {flying:.1f}s flown); delivered {n / (expected_per_drone * $drones) * 100:.1f} % of the configured rate")
print(f"latency UDP receive -> subscriber: p50={pct(0.5):.1f} ms p99={pct(0.99):.1f} ms max={lat[-1] if lat else float('nan'):.1f} ms")
print(f"  steady state (capture minus its first and last 3 s): p50={pct(0.5, steady):.1f} ms p99={pct(0.99, steady):.1f} ms")
print(f"gateway CPU {gw:.0f} % of one core over {wall:.1f}s (includes MAVLink decoding); machine load {open('/proc/loadavg').read().split()[0]} on {os.cpu_count()} cores")
print(f"raw mosquitto_pub -> mosquitto_sub, QoS 1, same payload ({len(lines[0]) if lines else 0} B): {raw_n} msgs in {raw_s:.2f}s = {raw_n / raw_s:,.0f} msg/s")
PY
