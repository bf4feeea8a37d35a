#!/usr/bin/env bash
# Checks a Claude Code release against the proxy: tests/e2e/compat.sh [VERSION|latest] (default: latest).
#  1. installs @anthropic-ai/claude-code@VERSION from npm into a temporary folder;
#  2. runs the end-to-end scenarios (Category=EndToEnd: the real CLI through the proxy to the strict fake upstream)
#     against it, with AZURE_OPENAI_CAPTURE_DIR recording every raw request;
#  3. does the same with the pinned CLI (tests/e2e/package-lock.json), for a baseline;
#  4. prints every field path, block type, tool type and beta the translator does not know (KnownShapes), `+` marking
#     what the pinned version does not send, then one summary line.
# CI keeps running the pinned version through ./test.sh; this script is for the day a release ships.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
version=${1:-latest}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pinned_cli=tests/e2e/node_modules/.bin/claude
if [ ! -x "$pinned_cli" ]; then npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error; fi
npm install --prefix "$work/cli" --no-audit --no-fund --loglevel=error "@anthropic-ai/claude-code@$version" >/dev/null
target_cli="$work/cli/node_modules/.bin/claude"
target_version=$("$target_cli" --version | awk '{print $1}')
pinned_version=$("$pinned_cli" --version | awk '{print $1}')

dotnet build AzureOpenAI.slnx -c Release -v q >/dev/null

# Runs the end-to-end scenarios with CLI $1, capturing into $2; prints "P passed, F failed".
run_scenarios() {
  local log="$work/$(basename "$2").log" status=0
  mkdir -p "$2"
  CLAUDE_CLI="$1" AZURE_OPENAI_CAPTURE_DIR="$2" \
    dotnet test tests/AzureOpenAI.Proxy.Tests -c Release --no-build --filter "Category=EndToEnd" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then grep -E '^\s+Failed ' "$log" >&2 || tail -20 "$log" >&2; fi
  awk '/(Passed|Failed)! +- Failed:/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
       END { printf "%d passed, %d failed", p, f }' "$log"
  return "$status"
}

target_status=0
target_result=$(run_scenarios "$(realpath "$target_cli")" "$work/captures-target") || target_status=$?
if [ "$target_version" = "$pinned_version" ]; then
  cp -r "$work/captures-target" "$work/captures-pinned"
else
  run_scenarios "$(realpath "$pinned_cli")" "$work/captures-pinned" >/dev/null || true
fi

report=$(dotnet src/AzureOpenAI.Proxy/bin/Release/net10.0/azure-openai.dll shapes "$work/captures-target" --baseline "$work/captures-pinned")
echo "$report" | sed '$d'
echo "claude-code $target_version (pinned $pinned_version): end-to-end $target_result; $(echo "$report" | tail -1)"
exit "$target_status"
