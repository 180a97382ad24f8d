#!/usr/bin/env bash
# Live-audit benchmark against moto on 127.0.0.1 (figures, not assertions). For each size, starts its own moto,
# seeds USERS users (OFFENDER_FRACTION of them with two active keys), then runs on the same data, in this order:
#   the AWS CLI's bare credential-report fetch (generate until COMPLETE, get, base64 -d): the reference;
#   keywarden audit --source auto; --source live; --source live --evidence all.
# Prints per job the API requests it made (moto logs one line per request), whole-process wall time, peak RSS
# (/usr/bin/time), and its wall-time ratio against the AWS CLI fetch; then the request floor auto and live should hit.
# Usage: bench/live-audit.sh [USERS...]   (default: 2000)
#   OFFENDER_FRACTION=F   share of users with two active keys (default 0.2: 400 of 2,000)
#   KEYWARDEN=PATH        a keywarden.dll or published binary to measure (default: a Release build of this tree)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(2000)
fraction="${OFFENDER_FRACTION:-0.2}"
work="$(mktemp -d)"
instance="bench-$$"
cleanup() { "$root/scripts/moto.sh" stop "$instance" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/scripts/moto.sh" ensure
tool="${KEYWARDEN:-}"
if [ -z "$tool" ]; then
  dotnet build "$root/src/KeyWarden" -c Release --nologo -v q >/dev/null
  tool="$root/src/KeyWarden/bin/Release/net10.0/keywarden.dll"
fi
runner=(); case "$tool" in *.dll) runner=(dotnet "$tool") ;; *) runner=("$tool") ;; esac
export AWS_ACCESS_KEY_ID=AKIABENCHAUDITOR0000 AWS_SECRET_ACCESS_KEY=bench-auditor-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
log="$root/.moto/$instance.log"

# shellcheck source=measure.sh
. "$root/bench/measure.sh"
ratio() { python3 -c "print(f'{$1/$2:.2f}' if $2 else '-')"; }
fail_count() { python3 -c "import json;print(json.load(open('$1'))['summary']['fail'])"; }

printf '%-7s %-36s %9s %13s %9s %16s\n' users job wall_s peak_rss_mib requests ratio_to_cli_fetch
for n in "${sizes[@]}"; do
  "$root/scripts/moto.sh" stop "$instance" >/dev/null 2>&1 || true
  url="$("$root/scripts/moto.sh" start "$instance")"
  offenders="$(python3 "$root/bench/seed_moto.py" "$url" "$n" 7 "$fraction")"

  measure bash "$root/bench/aws-cli-report-fetch.sh" "$url"
  cli=("$WALL" "$RSS" "$REQS")
  printf '%-7s %-36s %9s %13s %9s %16s\n' "$n" "aws cli: credential report fetch" "${cli[0]}" "${cli[1]}" "${cli[2]}" "1.00"

  for job in "auto" "live" "live --evidence all"; do
    # shellcheck disable=SC2086
    measure "${runner[@]}" audit --endpoint-url "$url" --source $job --format json --output "$work/report.json"
    printf '%-7s %-36s %9s %13s %9s %16s\n' "$n" "keywarden --source $job" "$WALL" "$RSS" "$REQS" "$(ratio "$WALL" "${cli[0]}")"
    fails="$(fail_count "$work/report.json" 2>/dev/null || echo '?')"
    [ "$fails" = "$offenders" ] || echo "        warning: $job found $fails FAIL, $offenders offenders seeded; stderr: $(head -c 300 "$work/err")"
  done
  echo "        offenders seeded: $offenders; floor: auto 4 + V = $((4 + offenders)) (STS, Get, Generate, Get, ListAccessKeys x V);" \
       "live 1 + U + 2V = $((1 + n + 2 * offenders)) + STS + GetAccountSummary = $((3 + n + 2 * offenders))"
done
