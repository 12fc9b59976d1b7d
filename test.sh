#!/usr/bin/env bash
# Runs every test of the repository on a machine with only the .NET 10 SDK: first installs what the tests drive when
# it is missing (Debian's chromium for the browser test, Node.js and npm for the Standard Webhooks interop test,
# PostgreSQL 15 for the PostgreSQL suites, which start a throw-away cluster of their own from its binaries), then
# builds with warnings as errors and runs `dotnet test` over the solution. Ends with one line "N passed, N failed".
# TEST_RESULTS=DIR keeps the .trx files there (.ci/run reads them); extra arguments go to `dotnet test`.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=${TEST_RESULTS:-$(mktemp -d)}
mkdir -p "$results"

echo "== tools the tests drive: chromium, Node.js and npm, PostgreSQL"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing ${missing[*]}, and there is no apt-get here to install them: install them, then run this again" >&2
    exit 1
  fi
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; } \
    || { echo "could not install ${missing[*]}" >&2; exit 1; }
fi
chromium --version; node --version; npm --version; "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/postgres" --version

echo "== restore and build (warnings are errors)"
dotnet restore Hooks.Sdk.sln || exit 1
dotnet build Hooks.Sdk.sln --no-restore || exit 1

echo "== tests"
status=0
dotnet test Hooks.Sdk.sln --no-build --logger "trx" --results-directory "$results" "$@" || status=1

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$passed" -gt 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
