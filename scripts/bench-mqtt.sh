#!/usr/bin/env bash
# End-to-end MQTT benchmark, the issue's mix: N simulated MAVLink drones at R Hz over UDP and D DJI Cloud
# API drones (osd 0.5 Hz + DRC 10 Hz on the broker's DJI topics) into one gateway, whose MQTT bridge
# publishes rate-limited telemetry (mqtt.telemetryRateHz, default 2) to a real Mosquitto, read by a
# command-centre subscriber (mosquitto_sub). Reports, per source: messages/s at the subscriber, per-drone
# delivery against the configured rate, latency from the gateway's receive (the telemetry's `time`: the
# UDP datagram for MAVLink, Paho's delivery of the DJI message) to the subscriber's receive (p50/p99,
# whole capture and steady state); where the time goes inside the gateway (its stage log), its GC pauses
# and CPU; and beside it, on the same broker and machine: the broker+subscriber latency alone (a paced
# mosquitto_pub at the gateway's message rate) and the raw mosquitto_pub -> mosquitto_sub rate.
#
#   scripts/bench-mqtt.sh [DRONES=1000] [SECONDS=20] [RATE_HZ=10] [DJI_DRONES=100]
#
# KEEP=1 keeps the work folder (logs, captures). The machine load (uptime) is printed before and after:
# latencies on a loaded machine measure CPU starvation more than the design.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
drones="${1:-1000}"; seconds="${2:-20}"; rate="${3:-10}"; dji="${4:-100}"
work="$(mktemp -d)"
cleanup() { for p in ${dji_pid:-} ${gw_pid:-} ${sub_pid:-} ${mq_pid:-}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

"$root/skypatrol" --version >/dev/null   # builds on first use
echo "load before: $(uptime)"

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

# Mosquitto with the production settings of samples/mosquitto/mosquitto.conf (no ACL/TLS here);
# BROKER_NODELAY=false shows the broker's default (Nagle on towards the subscriber)
cat > "$work/mosquitto.conf" <<CONF
listener $mq_port 127.0.0.1
allow_anonymous true
max_queued_messages 0
max_inflight_messages 1000
set_tcp_nodelay ${BROKER_NODELAY:-true}
$( [ "$(id -u)" -eq 0 ] && echo "user root" )
CONF
mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
mq_pid=$!
for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/$mq_port) 2>/dev/null && break; sleep 0.1; done

{
  echo "gateway: {id: bench, dataDir: $work/var}"
  echo "broadcast: {enabled: false}"
  echo "metrics: {port: 0}"   # the default 9464 may be taken by another gateway on this machine
  echo "mqtt: {url: \"tcp://127.0.0.1:$mq_port\"}"
  echo "mavlink:"; echo "  endpoints:"
  for i in $(seq 0 $((endpoints - 1))); do
    echo "    - {name: udp$i, transport: UDP, bind: 127.0.0.1, port: $((base + i))}"
  done
} > "$work/gateway.yaml"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

SKYPATROL_JAVA_OPTS="${SKYPATROL_JAVA_OPTS:-} -Xlog:gc:file=$work/gc.log" SKYPATROL_LOG_LEVEL=INFO \
  "$root/skypatrol" gateway --config "$work/gateway.yaml" > "$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 300); do
  grep -q "MQTT connected" "$work/gateway.log" && [ "$(grep -c 'listening on' "$work/gateway.log" || true)" -ge "$endpoints" ] && break
  kill -0 "$gw_pid" 2>/dev/null || { cat "$work/gateway.log"; exit 1; }
  sleep 0.1
done

# the subscriber before any drone exists, so it must see every telemetry message the gateway publishes
# (loss = the gateway's own published counter minus what the subscriber got)
mosquitto_sub -p "$mq_port" -V mqttv5 -q 1 -t 'skypatrol/v1/drones/+/telemetry' -F '%U %t %p' > "$work/sub.txt" &
sub_pid=$!
sleep 0.5

# the DJI fleet first (100 connections take a few seconds), flying until the MAVLink run is over
if [ "$dji" -gt 0 ]; then
  "$root/skypatrol" simulate dji --count "$dji" --url "tcp://127.0.0.1:$mq_port" --sn BENCHDJI --gateway-sn BENCHDOCK \
    > "$work/dji.log" 2>&1 &
  dji_pid=$!
  for _ in $(seq 1 600); do
    grep -q "simulating" "$work/dji.log" && break
    kill -0 "$dji_pid" 2>/dev/null || { cat "$work/dji.log"; exit 1; }
    sleep 0.1
  done
fi

gw_cpu0=$(cpu_ticks "$gw_pid"); mq_cpu0=$(cpu_ticks "$mq_pid"); t0=$(date +%s.%N)
"$root/skypatrol" simulate drone --count "$drones" --rate "$rate" --target "127.0.0.1:$base" \
  --duration "$seconds" > "$work/sim.log" 2>&1
t1=$(date +%s.%N)
sleep 1
gw_cpu1=$(cpu_ticks "$gw_pid"); mq_cpu1=$(cpu_ticks "$mq_pid")
if [ -n "${dji_pid:-}" ]; then kill "$dji_pid"; wait "$dji_pid" 2>/dev/null || true; dji_pid=""; fi
sleep 1.5   # the throttle's trailing sends (<= 750 ms) reach the subscriber
metrics_url=$(grep -o 'Prometheus metrics on http://[^ ]*' "$work/gateway.log" | head -1 | cut -d' ' -f4)
counter() { curl -s "$metrics_url" | awk -v n="$1" '$1 == n {printf "%d", $2}'; }
published=$(counter skypatrol_telemetry_out_messages_total)
dropped_disc=$(counter skypatrol_telemetry_dropped_disconnected_total)
dropped_bp=$(counter skypatrol_telemetry_dropped_backpressure_total)
kill "$sub_pid"; wait "$sub_pid" 2>/dev/null || true; sub_pid=""
n_gw=$(wc -l < "$work/sub.txt")

# broker + subscriber alone: messages with a send timestamp, paced at the gateway's message rate, through
# mosquitto_pub -l (Nagle off, like the gateway) -> the same broker -> mosquitto_sub, for 5 s
ref_rate=$(python3 -c "print(max(100, int($n_gw / max(1.0, $t1 - $t0))))")
mosquitto_sub -p "$mq_port" -V mqttv5 -t ref/bench -F '%U %p' > "$work/ref.txt" &
ref_sub=$!
sleep 0.3
python3 - "$ref_rate" <<'PY' | mosquitto_pub -p "$mq_port" -V mqttv5 --nodelay -t ref/bench -l
import sys, time
rate = int(sys.argv[1]); n = rate * 5; start = time.time()
for i in range(n):
    due = start + i / rate
    d = due - time.time()
    if d > 0: time.sleep(d)
    sys.stdout.write(f"{time.time():.6f}\n"); sys.stdout.flush()
PY
sleep 1
kill "$ref_sub"; wait "$ref_sub" 2>/dev/null || true

# raw rate: the same number of messages of the same size through mosquitto_pub -> mosquitto_sub, QoS 1
n_raw=$(( n_gw > 20000 ? n_gw : 20000 ))
payload=$(grep -m1 '"source":"mavlink"' "$work/sub.txt" | cut -d' ' -f3- || true)
mosquitto_sub -p "$mq_port" -q 1 -t raw/bench -C "$n_raw" -F '%U' > "$work/raw.txt" &
raw_sub=$!
sleep 0.3
python3 -c "import sys; p=sys.argv[1]; sys.stdout.write((p + '\n') * int(sys.argv[2]))" "$payload" "$n_raw" > "$work/raw-in.txt"
r0=$(date +%s.%N)
mosquitto_pub -p "$mq_port" -q 1 -t raw/bench -l < "$work/raw-in.txt"
wait "$raw_sub" || true
r1=$(date +%s.%N)
kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; gw_pid=""

flying=$(sed -n 's/.*drone(s), \([0-9.]*\) s:.*/\1/p' "$work/sim.log" | tail -1); flying=${flying:-$seconds}
python3 - "$work/sub.txt" "$work/raw.txt" "$work/ref.txt" <<PY
import json, sys, os
from datetime import datetime
pct = lambda q, a: a[min(len(a) - 1, int(q * len(a)))] if a else float('nan')
rows = []   # (receive, latency ms, source, drone)
for l in open(sys.argv[1]).read().splitlines():
    ts, topic, payload = l.split(' ', 2)
    j = json.loads(payload)
    sent = datetime.fromisoformat(j['time'].replace('Z', '+00:00')).timestamp()
    rows.append((float(ts), (float(ts) - sent) * 1000, j.get('source'), j['droneId']))
first = min(r[0] for r in rows); last = max(r[0] for r in rows)
flying = $flying   # how long the MAVLink simulator flew (its JVM start excluded)
published = int("${published}" or -1)
if published < 0:
    print("loss: unknown (the gateway's metrics endpoint could not be scraped)")
else:
  print(f"loss: the gateway published {published:,} telemetry messages (skypatrol_telemetry_out_messages_total), the "
      f"subscriber received {len(rows):,}: {published - len(rows):,} lost; dropped before publishing: "
      f"{${dropped_disc:-0}} while disconnected, {${dropped_bp:-0}} by back-pressure")
print(f"mix: {$drones} MAVLink drones at {$rate} Hz over UDP + {$dji} DJI drones (osd 0.5 Hz, DRC 10 Hz) -> gateway "
      f"(telemetryRateHz 2) -> Mosquitto -> mosquitto_sub; {flying}s flown, {len(rows)} messages ({len(rows) / (last - first):,.0f} msg/s)")
for source, n_drones, label in (("mavlink", $drones, "MAVLink"), ("dji", $dji, "DJI")):
    mine = [r for r in rows if r[2] == source]
    if n_drones == 0:
        continue
    if not mine:
        print(f"{label}: no telemetry at the subscriber"); continue
    per = {}
    for r in mine:
        per[r[3]] = per.get(r[3], 0) + 1
    counts = sorted(per.values())
    if source == "mavlink":
        span = flying
    else:   # the DJI fleet connects one aircraft after another: each from its own first message
        own = {}
        for r in mine:
            a, b = own.get(r[3], (r[0], r[0])); own[r[3]] = (min(a, r[0]), max(b, r[0]))
        span = sorted(b - a for a, b in own.values())[len(own) // 2] + 0.5
    expected = 2.0 * span if source == "dji" else min($rate, 2.0) * span
    lat = sorted(r[1] for r in mine)
    # steady state: leave out this source's first and last 3 s (JVM warm-up, 1000 drones registering, simulator
    # stop: the last sample of each drone is then sent by the throttle's trailing timer, up to 750 ms later)
    f0 = min(r[0] for r in mine); f1 = max(r[0] for r in mine)
    steady = sorted(r[1] for r in mine if f0 + 3 <= r[0] <= f1 - 3)
    print(f"{label}: {len(mine)} messages, drones seen {len(per)}/{n_drones}; per drone min {counts[0]} median "
          f"{counts[len(counts)//2]} of ~{expected:.0f} expected (2 Hz x {span:.1f}s) = {len(mine) / (expected * n_drones) * 100:.1f} % of the configured rate")
    print(f"  latency receive -> subscriber: p50 {pct(0.5, lat):.1f} ms, p99 {pct(0.99, lat):.1f} ms, max {lat[-1]:.1f} ms; "
          f"steady state p50 {pct(0.5, steady):.1f} ms, p99 {pct(0.99, steady):.1f} ms, p99.9 {pct(0.999, steady):.1f} ms, "
          f"over 50 ms {sum(1 for x in steady if x > 50) / max(1, len(steady)) * 100:.2f} %")
ref = sorted((float(a) - float(b)) * 1000 for a, b in (l.split(' ', 1) for l in open(sys.argv[3]).read().splitlines()))
print(f"broker + subscriber alone (paced mosquitto_pub --nodelay, {len(ref)} msgs at the gateway's rate): "
      f"p50 {pct(0.5, ref):.1f} ms, p99 {pct(0.99, ref):.1f} ms")
wall = $t1 - $t0; hz = $hz
print(f"CPU over {wall:.1f}s: gateway {($gw_cpu1 - $gw_cpu0) / hz / wall * 100:.0f} % of one core (includes MAVLink "
      f"decoding and the DJI JSON), Mosquitto {($mq_cpu1 - $mq_cpu0) / hz / wall * 100:.0f} %; machine load "
      f"{open('/proc/loadavg').read().split()[0]} on {os.cpu_count()} cores")
raw_n = len(open(sys.argv[2]).read().splitlines()); raw_s = $r1 - $r0
print(f"raw mosquitto_pub -> mosquitto_sub, QoS 1, same payload: {raw_n} msgs in {raw_s:.2f}s = {raw_n / raw_s:,.0f} msg/s")
PY
grep -o 'telemetry stages.*' "$work/gateway.log" | sed 's/^/gateway /' || true
python3 - "$work/gc.log" <<'PY'
import re, sys
p = [float(m.group(1)) for m in re.finditer(r'Pause.* ([0-9.]+)ms', open(sys.argv[1]).read())]
print(f"gateway GC: {len(p)} pauses, total {sum(p):.0f} ms, max {max(p) if p else 0:.1f} ms")
PY
echo "load after: $(uptime)"
