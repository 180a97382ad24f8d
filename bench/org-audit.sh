#!/usr/bin/env bash
# Organization-audit benchmark against moto on 127.0.0.1: an organization of ACCOUNTS members with USERS IAM users
# each (seed_org.py), then on the same data:
#   - `keywarden audit --org` (auto: AssumeRole + the report calls + one ListAccessKeys per candidate, per account),
#   - `keywarden audit --accounts ID` for every member alone (the slowest one is the yardstick: an org run should take
#     little more than its slowest account),
#   - the AWS CLI doing the credential-report part alone, account after account (aws-cli-org-procedure.sh).
# Prints wall time, peak RSS and requests (moto logs one line per request), and the ratios. Figures, not assertions.
# Usage: bench/org-audit.sh [ACCOUNTS] [USERS]   (default: 20 200)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
accounts="${1:-20}"; users="${2:-200}"
work="$(mktemp -d)"
instance="bench-org-$$"
cleanup() { "$root/scripts/moto.sh" stop "$instance" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/scripts/moto.sh" ensure
dotnet build "$root/src/KeyWarden" -c Release --nologo -v q >/dev/null
tool="$root/src/KeyWarden/bin/Release/net10.0/keywarden.dll"
export AWS_ACCESS_KEY_ID=AKIABENCHAUDITOR0000 AWS_SECRET_ACCESS_KEY=bench-auditor-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
log="$root/.moto/$instance.log"
# shellcheck source=measure.sh
. "$root/bench/measure.sh"

url="$("$root/scripts/moto.sh" start "$instance")"
echo "seeding $accounts member accounts x $users users on $url ..." >&2
seed_start=$(date +%s)
python3 "$root/bench/seed_org.py" "$url" "$accounts" "$users" >"$work/members"
echo "seeded in $(( $(date +%s) - seed_start )) s; violators per account: $(awk '{printf "%s ", $2}' "$work/members")" >&2
mapfile -t members < <(awk '{print $1}' "$work/members")
violators="$(awk '{s+=$2} END {print s}' "$work/members")"

measure dotnet "$tool" audit --endpoint-url "$url" --org --format json --output "$work/org.json" --quiet
org=("$WALL" "$RSS" "$REQS")
org_summary="$(python3 - "$work/org.json" <<'PY'
import json, sys, collections
r = json.load(open(sys.argv[1]))
st = collections.Counter(s["status"] for s in r["sources"])
print(f"{len(r['sources'])} accounts ({', '.join(f'{v} {k}' for k, v in sorted(st.items()))}), {r['summary']['fail']} FAIL")
PY
)"

measure dotnet "$tool" audit --endpoint-url "$url" --org --format json --output "$work/org1.json" --quiet --max-accounts 1
one_at_a_time=("$WALL" "$RSS" "$REQS")

slowest=0; slowest_id=""; single_reqs=0; single_sum=0
for id in "${members[@]}"; do
  measure dotnet "$tool" audit --endpoint-url "$url" --accounts "$id" --format json --output "$work/one.json" --quiet
  single_reqs=$((single_reqs + REQS)); single_sum="$(python3 -c "print($single_sum + $WALL)")"
  if python3 -c "import sys; sys.exit(0 if $WALL > $slowest else 1)"; then slowest="$WALL"; slowest_id="$id"; fi
done

measure bash "$root/bench/aws-cli-org-procedure.sh" "$url" "${members[@]}"
cli=("$WALL" "$RSS" "$REQS")

ratio() { python3 -c "print(f'{$1/$2:.3f}' if $2 else '-')"; }
printf '%-44s %10s %12s %10s\n' job wall_s peak_rss_mib requests
printf '%-44s %10s %12s %10s\n' "keywarden audit --org ($accounts x $users)" "${org[0]}" "${org[1]}" "${org[2]}"
printf '%-44s %10s %12s %10s\n' "keywarden audit --org --max-accounts 1" "${one_at_a_time[0]}" "${one_at_a_time[1]}" "${one_at_a_time[2]}"
printf '%-44s %10s %12s %10s\n' "keywarden audit --accounts (slowest alone)" "$slowest" "-" "$((single_reqs / ${#members[@]})) avg"
printf '%-44s %10s %12s %10s\n' "keywarden audit --accounts (each alone, sum)" "$single_sum" "-" "$single_reqs"
printf '%-44s %10s %12s %10s\n' "aws cli: assume-role + report, sequential" "${cli[0]}" "${cli[1]}" "${cli[2]}"
echo "org run: $org_summary; seeded violators: $violators; slowest single account: $slowest_id"
echo "ratio org / slowest single account: $(ratio "${org[0]}" "$slowest"); org / sum of single runs: $(ratio "${org[0]}" "$single_sum"); org / --max-accounts 1: $(ratio "${org[0]}" "${one_at_a_time[0]}"); org / aws cli loop: $(ratio "${org[0]}" "${cli[0]}") (time), $(ratio "${org[2]}" "${cli[2]}") (requests)"
echo "requests per member account in the org run: $(python3 -c "print(round(${org[2]}/$accounts,1))") (expected about 4 + V + AssumeRole/STS; V = violators per account, avg $(python3 -c "print(round($violators/$accounts,1))"))"
