#!/usr/bin/env bash
# End-to-end MAVLink benchmark: N simulated drones at R Hz over UDP on loopback into the gateway,
# simulator and gateway in separate JVMs. Reports frames sent and decoded, decoded frames/s, loss
# (sent - decoded, plus the gateway's sequence gaps and kernel socket drops) and the CPU each JVM used.
#
#   scripts/bench-gateway-udp.sh [DRONES=1000] [SECONDS=20] [RATE_HZ=10]
#
# MAVLink numbers at most 255 systems per network, so drones go 250 to a gateway port: 1,000 drones
# use four UDP endpoints on consecutive ports. The gateway runs with MQTT and broadcasts off
# (BENCH_FULL=1 keeps the whole Wiring, embedded MQTT broker included). By default every frame is
# its own datagram (the harsher case); PACK=1 sends each drone's frames of one 10 ms tick together,
# as PX4 and ArduPilot fill a network buffer per loop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
drones="${1:-1000}"; seconds="${2:-20}"; rate="${3:-10}"
work="$(mktemp -d)"; trap 'kill "${gw_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$root/skypatrol" --version >/dev/null   # builds on first use

endpoints=$(( (drones + 249) / 250 ))
base=$(python3 - "$endpoints" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randint(20000, 60000 - n)
    try:
        socks = []
        for p in range(base, base + n):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", p)); socks.append(s)
        for s in socks: s.close()
        print(base); break
    except OSError:
        for s in socks: s.close()
PY
)
{
  echo "gateway: {id: bench, dataDir: $work/var}"
  if [ "${BENCH_FULL:-0}" != 1 ]; then echo "mqtt: {enabled: false}"; echo "broadcast: {enabled: false}"; fi
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
  [ "$(grep -c 'listening on' "$work/gateway.log" || true)" -ge "$endpoints" ] && break
  kill -0 "$gw_pid" 2>/dev/null || { cat "$work/gateway.log"; exit 1; }
  sleep 0.1
done

gw_cpu0=$(cpu_ticks "$gw_pid")
t0=$(date +%s.%N)
"$root/skypatrol" simulate drone --count "$drones" --rate "$rate" --target "127.0.0.1:$base" \
  --duration "$seconds" $([ "${PACK:-0}" = 1 ] && echo --pack) > "$work/sim.log" 2>&1 &
sim_pid=$!
sim_cpu=0
while kill -0 "$sim_pid" 2>/dev/null; do
  sim_cpu=$(cpu_ticks "$sim_pid" 2>/dev/null || echo "$sim_cpu"); sleep 0.5
done
wait "$sim_pid"
t1=$(date +%s.%N)
sleep 1   # let the gateway drain its socket buffers
gw_cpu1=$(cpu_ticks "$gw_pid")
kill -TERM "$gw_pid"; wait "$gw_pid" || true
gw_pid=""

sent=$(sed -n 's/.*frames sent=\([0-9]*\).*/\1/p' "$work/sim.log")
decoded=$(grep -o ' ok=[0-9]*' "$work/gateway.log" | tail -n "$endpoints" | awk -F= '{s+=$2} END {print s+0}')
seqlost=$(grep -o 'seqLost=[0-9]*' "$work/gateway.log" | tail -n "$endpoints" | awk -F= '{s+=$2} END {print s+0}')
kdrops=$(grep -o 'kernelDrops=[0-9a-z/]*' "$work/gateway.log" | tail -n "$endpoints" | awk -F= '{s+=$2} END {print s+0}')
online=$(grep -c ' is online' "$work/gateway.log" || true)
wall=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
flying=$(sed -n 's/.*drone(s), \([0-9.]*\) s:.*/\1/p' "$work/sim.log")
python3 - <<PY
sent, decoded, wall, hz = $sent, $decoded, $wall, $hz
gw = ($gw_cpu1 - $gw_cpu0) / hz / wall * 100
sim = $sim_cpu / hz / wall * 100
flying = $flying
print(f"datagrams: {'packed per tick' if '${PACK:-0}' == '1' else 'one frame each'}")
print(f"drones={$drones} rate={$rate}Hz flying={flying}s (JVM start included: {wall}s) endpoints={$endpoints} drones online={$online}")
print(f"frames sent={sent} decoded={decoded} lost={sent - decoded} ({(sent - decoded) / max(sent, 1) * 100:.3f} %)"
      f" seqGaps={$seqlost} kernelDrops={$kdrops}")
print(f"machine: {__import__('os').cpu_count()} cores, load average {open('/proc/loadavg').read().split()[0]} at the end (other work running)")
print(f"decoded frames/s={decoded / flying:,.0f}  CPU over {wall}s: gateway={gw:.0f} % simulator={sim:.0f} % (100 % = one core)")
PY
