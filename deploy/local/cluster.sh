#!/usr/bin/env bash
# A cluster on this machine without containers: N silo processes (ports offset per instance) and the standalone
# API gateway, joined through one Redis. Starts its own redis-server unless REDIS is given; with --simulator
# the gateway simulator stands in for the relay. Ctrl-C stops everything gracefully (silos hand their users over
# and ship their partial hours). Data (hour files, folder archive) under DATA, one folder per silo.
#
#   deploy/local/cluster.sh [-n SILOS] [--simulator] [-- extra --Key=value settings for every process]
#
# Environment: REDIS (host:port of an existing Redis), RAINFOREST_API_KEY (else one is generated and printed),
# DATA (default data/local-cluster), BASE_HTTP_PORT (5080: gateway; silo i serves HTTP on BASE_HTTP_PORT+i),
# BASE_SILO_PORT (11111), BASE_GATEWAY_PORT (30000), CONFIGURATION (Release).
set -euo pipefail
cd "$(dirname "$0")/../.."

silos=3
simulator=false
while [ $# -gt 0 ]; do
  case "$1" in
    -n) silos="$2"; shift 2 ;;
    --simulator) simulator=true; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
extra=("$@")

configuration=${CONFIGURATION:-Release}
data=${DATA:-data/local-cluster}
http_port=${BASE_HTTP_PORT:-5080}
silo_port=${BASE_SILO_PORT:-11111}
gateway_port=${BASE_GATEWAY_PORT:-30000}
api_key=${RAINFOREST_API_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}
mkdir -p "$data"

echo "== building ($configuration)"
for project in Silo Gateway Simulator; do dotnet build "src/$project" -c "$configuration" -nologo -v q -clp:ErrorsOnly; done
bin() { echo "src/$1/bin/$configuration/net10.0/Rainforest.$1.dll"; }

# Children run in sessions of their own (setsid), so a Ctrl-C reaches only this script, which stops them in order:
# the silos (their graceful stop needs Redis and the cluster), then the rest, then Redis.
silo_pids=()
other_pids=()
redis_pid=
stopped=false
stop() {
  $stopped && return
  stopped=true
  echo "== stopping: silos first (they hand their users over and ship their partial hours)"
  for pid in "${silo_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${silo_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for pid in "${other_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${other_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then kill -TERM "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
}
trap stop EXIT
trap 'exit 130' INT TERM

if [ -z "${REDIS:-}" ]; then
  redis_port=$((silo_port - 5000))
  mkdir -p "$data/redis"
  setsid redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$(realpath "$data/redis")" --appendonly yes --save "" \
    > "$data/redis.log" 2>&1 &
  redis_pid=$!
  REDIS="127.0.0.1:$redis_port"
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.2; done
fi

common=(--ConnectionStrings:Redis="$REDIS" --Orleans:ClusterId=local --Orleans:ServiceId=local --Rainforest:Api:Keys:0="$api_key"
  --Rainforest:Dashboard:Enabled=true)
if $simulator; then
  sim_port=$((http_port + 1000))
  setsid dotnet "$(bin Simulator)" --Port="$sim_port" --AutoAccounts=true > "$data/simulator.log" 2>&1 &
  other_pids+=($!)
  common+=(--Rainforest:Eagle:CloudUrl="http://127.0.0.1:$sim_port/cgi-bin/post_manager")
fi

for i in $(seq 1 "$silos"); do
  dir="$data/silo$i"
  mkdir -p "$dir"
  setsid dotnet "$(bin Silo)" "${common[@]}" \
    --Urls="http://127.0.0.1:$((http_port + i))" \
    --Orleans:Endpoints:SiloPort=$((silo_port + i - 1)) \
    --Orleans:Endpoints:GatewayPort=$((gateway_port + i - 1)) \
    --Rainforest:Logs:Directory="$dir/logs" --Rainforest:Archive:Directory="$dir/archive" \
    "${extra[@]}" > "$dir/silo.log" 2>&1 &
  silo_pids+=($!)
  echo "silo $i: http://127.0.0.1:$((http_port + i)) (silo port $((silo_port + i - 1)), gateway port $((gateway_port + i - 1))), log $dir/silo.log"
done

setsid dotnet "$(bin Gateway)" "${common[@]}" --Urls="http://127.0.0.1:$http_port" "${extra[@]}" > "$data/gateway.log" 2>&1 &
other_pids+=($!)
echo "gateway: http://127.0.0.1:$http_port (API, /dashboard, /metrics, /health/ready), log $data/gateway.log"
echo "API key: $api_key"
until curl -fsS "http://127.0.0.1:$http_port/health/ready" >/dev/null 2>&1; do sleep 1; done
echo "== ready; Ctrl-C stops the cluster"
wait "${silo_pids[@]}"
