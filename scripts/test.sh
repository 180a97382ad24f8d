#!/usr/bin/env bash
# Runs every test suite on a fresh machine: installs what the emulator tests need (moto, the aws CLI),
# starts two moto instances on 127.0.0.1 (one stays open, one has auth switched on by the tests),
# runs `dotnet test` on the solution, stops the emulators, and prints one summary line
# "tests: N passed, N failed, N skipped".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

scripts/moto.sh ensure
# The HTML report's browser test drives Debian's headless Chromium (it fails rather than skips when CI=true).
command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
cleanup() {
  scripts/moto.sh stop plain >/dev/null 2>&1 || true
  scripts/moto.sh stop auth >/dev/null 2>&1 || true
}
trap cleanup EXIT

KEYWARDEN_MOTO_URL="$(scripts/moto.sh start plain)"
KEYWARDEN_MOTO_AUTH_URL="$(scripts/moto.sh start auth)"
export KEYWARDEN_MOTO_URL KEYWARDEN_MOTO_AUTH_URL
echo "moto: plain $KEYWARDEN_MOTO_URL, auth $KEYWARDEN_MOTO_AUTH_URL" >&2

# The emulator tests fail (not skip) when the emulator is missing under CI; locally they may skip.
status=0
dotnet test KeyWarden.slnx --nologo -v q --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/dotnet-test.log" || status=$?

# One closing line that any CI reads: the sums over every test assembly's summary.
python3 - "$results/dotnet-test.log" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Failed:\s*(\d+), Passed:\s*(\d+), Skipped:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
