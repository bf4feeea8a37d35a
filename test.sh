#!/usr/bin/env bash
# Runs every test: unit and golden-file tests, contract tests against ../shared/specs, integration tests on real
# Kestrel with the strict fake upstream, and end-to-end tests that drive the real Claude Code CLI.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# tmux drives the interactive setup wizard in its tests; setsid (util-linux) and kill (procps) run the daemon.
missing=()
for tool in tmux:tmux setsid:util-linux kill:procps; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The end-to-end tests need the real Claude Code CLI, pinned in tests/e2e/package-lock.json.
if [ ! -x tests/e2e/node_modules/.bin/claude ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test AzureOpenAI.slnx -c Release --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
