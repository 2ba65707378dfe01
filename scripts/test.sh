#!/usr/bin/env bash
# The one test command: sets up what a fresh Debian machine lacks, validates the manifest and cards,
# then runs every test project in Release. Results go to artifacts/.
set -euo pipefail

root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$root"
shared="$root/../shared"
artifacts="$root/artifacts"
mkdir -p "$artifacts"
failures=()

step() { printf '\n==> %s\n' "$*"; }

# Chromium from Debian, never a downloaded browser; only where installing is ours to do.
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" == 0 || "${CI:-}" == true ]]; then
    step "Installing Chromium (apt)"
    sudo_cmd=(); [[ "$(id -u)" == 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "notice: /usr/bin/chromium is missing; browser tests will be skipped (apt-get install -y chromium)"
  fi
fi

# npm ci only when node_modules is missing or the lock changed since the last install. The stamp is written
# by tools/node's own postinstall script, so the README's plain `npm ci --prefix tools/node` counts too.
lock_stamp="tools/node/node_modules/.package-lock.sha256"
lock_sum="$(sha256sum tools/node/package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$lock_stamp" || "$(cat "$lock_stamp")" != "$lock_sum" ]]; then
  step "Installing the npm test clients (npm ci --prefix tools/node)"
  npm ci --prefix tools/node --no-audit --no-fund --loglevel=error
  [[ "$(cat "$lock_stamp" 2>/dev/null)" == "$lock_sum" ]] || { echo "error: npm ci wrote no install stamp ($lock_stamp)"; exit 1; }
else
  echo "npm test clients up to date ($lock_stamp matches tools/node/package-lock.json)"
fi

if [[ -f "$shared/validators/run.sh" ]]; then
  step "Validating the app manifest and the package built from it"
  scripts/package-app.sh --env-file manifest/env.sample --out "$artifacts/appPackage.zip" >/dev/null
  bash "$shared/validators/run.sh" manifest --env-file manifest/env.sample manifest/manifest.json "$artifacts/appPackage.zip" \
    || failures+=("manifest validation")
  step "Validating cards/"
  bash "$shared/validators/run.sh" cards --teams cards/ || failures+=("card validation")
elif [[ "${CI:-}" == true ]]; then
  echo "error: $shared/validators/run.sh not found; CI must validate the manifest and cards"
  failures+=("validators missing")
else
  echo "notice: $shared/validators/run.sh not found; manifest and card validation skipped"
fi

step "dotnet test FutureOfCustoms.sln -c Release"
rm -rf "$artifacts/test-results" "$artifacts/e2e"
if ! dotnet test FutureOfCustoms.sln -c Release --nologo \
    --logger "console;verbosity=detailed" \
    --logger "trx" --results-directory "$artifacts/test-results" \
    -- RunConfiguration.TestSessionTimeout=900000; then
  failures+=("dotnet test")
fi

# The time each test project took (projects run side by side, so they overlap), then one plain closing line
# over every test project, from the TRX files.
python3 - "$artifacts/test-results" <<'PY' || true
import glob, os, sys, xml.etree.ElementTree as ET
from datetime import datetime
totals = {"total": 0, "executed": 0, "passed": 0, "failed": 0}
print()
for trx in sorted(glob.glob(f"{sys.argv[1]}/*.trx")):
    root = ET.parse(trx).getroot()
    times = root.find("{*}Times")
    method = root.find(".//{*}TestMethod")
    project = os.path.splitext(os.path.basename(method.get("codeBase")))[0] if method is not None else os.path.basename(trx)
    if times is not None:
        start, finish = (datetime.fromisoformat(times.get(k)) for k in ("start", "finish"))
        print(f"{project}: {(finish - start).total_seconds():.0f} s")
    counters = root.find(".//{*}Counters")
    if counters is not None:
        for key in totals:
            totals[key] += int(counters.get(key, 0))
skipped = totals["total"] - totals["executed"]
print(f"\n{totals['passed']} passed, {totals['failed']} failed, {skipped} skipped")
PY

echo
if (( ${#failures[@]} )); then
  echo "FAILED: ${failures[*]} (test results and process logs: $artifacts)"
  exit 1
fi
echo "PASSED: every check that ran (test results and process logs: $artifacts)"
