#!/usr/bin/env bash
# Runs every test. Installs what the tests need and is missing (redis-server and chromium from Debian packages,
# the s3rver S3 server from npm); the test fixtures start and stop those servers themselves on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  echo "== installing redis-server"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi
# The console's browser tests drive the system's chromium (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ -f tools/s3rver/package.json ] && [ ! -d tools/s3rver/node_modules/s3rver ]; then
  echo "== installing s3rver"
  npm ci --prefix tools/s3rver --no-audit --no-fund --loglevel=error
fi

configuration=${CONFIGURATION:-Release}
echo "== building ($configuration)"
dotnet build Rainforest.sln -c "$configuration" -warnaserror -nologo -clp:ErrorsOnly

results=$(mktemp -d)
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c "$configuration" --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 8m "$@" || status=1
done

# One closing line for the whole run, summed over every project's results.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran"; status=1; fi
exit $status
