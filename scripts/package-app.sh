#!/usr/bin/env bash
# Builds the Teams app package (manifest.json with its ${{VAR}} placeholders filled in, plus the icons)
# for upload in Teams or the Developer Portal.
#   scripts/package-app.sh [--env-file manifest/.env] [--out artifacts/appPackage.zip]
# The env file holds TEAMS_APP_ID (any GUID you own) and BOT_ID (the Azure Bot's Microsoft App ID).
set -euo pipefail
root="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
env_file="$root/manifest/.env"
out="$root/artifacts/appPackage.zip"
while (( $# )); do
  case "$1" in
    --env-file) env_file="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--env-file FILE] [--out ZIP]" >&2; exit 2 ;;
  esac
done
[[ -f "$env_file" ]] || { echo "No $env_file: copy manifest/env.sample to manifest/.env and fill in your ids." >&2; exit 2; }
mkdir -p "$(dirname "$out")"
python3 - "$root/manifest" "$env_file" "$out" <<'PY'
import re, sys, zipfile
manifest_dir, env_file, out = sys.argv[1:]
env = {}
for line in open(env_file, encoding="utf-8"):
    line = line.strip()
    if line and not line.startswith("#") and "=" in line:
        key, value = line.split("=", 1)
        env[key.strip()] = value.strip()
text = open(f"{manifest_dir}/manifest.json", encoding="utf-8").read()
missing = sorted(set(re.findall(r"\$\{\{(\w+)\}\}", text)) - env.keys())
if missing:
    sys.exit(f"{env_file} does not define: {', '.join(missing)}")
text = re.sub(r"\$\{\{(\w+)\}\}", lambda m: env[m.group(1)], text)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("manifest.json", text)
    for icon in ("color.png", "outline.png", "fr.json"):
        z.write(f"{manifest_dir}/{icon}", icon)
print(out)
PY
