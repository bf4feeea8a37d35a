#!/usr/bin/env bash
# Runs every test: unit and golden-file tests, contract tests against ../shared/specs, integration tests on real
# Kestrel with the strict fake upstream, and end-to-end tests that drive the real Claude Code CLI.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# tmux drives the interactive setup wizard in its tests; setsid (util-linux) and kill (procps) run the daemon; a C
# toolchain links the native build.
missing=()
for tool in tmux:tmux setsid:util-linux kill:procps; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
# The native (AOT) build links with clang, or gcc when there is no clang.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(clang)
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

# One launcher build cache for the run, so that each build is made once: the JIT build now, before tests race to make
# it; the native (AOT) build by the launcher tests, in the background of the first pass, as on a user's first use.
log=$(mktemp)
cache=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$cache"' EXIT
export AZURE_OPENAI_TEST_CACHE=$cache
XDG_CACHE_HOME=$cache AZURE_OPENAI_BUILD=jit bin/azure-openai version >/dev/null

# First pass: every test, the executable's tests on the JIT build.
status=0
AZURE_OPENAI_BUILD=jit dotnet test AzureOpenAI.slnx -c Release --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# Second pass: the tests that start the executable (through Sandbox, LauncherServe or InstalledPlugin), on the native
# build: the CLI and daemon tests run it directly, the end-to-end and plugin tests through the launcher, which now
# prefers it. AZURE_OPENAI_BUILD=aot makes it only if the first pass did not.
# The launcher and release tests choose their binaries themselves: they run once.
native=$(XDG_CACHE_HOME=$cache AZURE_OPENAI_BUILD=aot bin/azure-openai version --verbose | awk '$1 == "executable" { print $2 }')
filter=$(grep -rlE 'new Sandbox\(|Sandbox\.Command|LauncherServe\.|InstalledPlugin\.' tests/AzureOpenAI.Proxy.Tests --include='*Tests.cs' \
  | grep -vE '/(Launcher|Release)/' | xargs -n1 basename | sed 's/\.cs$//; s/.*/FullyQualifiedName~.&./' | paste -sd '|')
AZURE_OPENAI_BINARY=$native dotnet test tests/AzureOpenAI.Proxy.Tests -c Release --no-build --blame-hang-timeout 10m \
  --filter "$filter" 2>&1 | tee -a "$log" || status=$?

# One closing line for the whole run, summed over the test projects and both passes.
awk '/(Passed|Failed)! +- Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
