#!/usr/bin/env bash
# Live-audit benchmark against moto on 127.0.0.1: seeds N users (15 % with two active keys, some used), then
# measures on the same data `keywarden audit --source auto`, `--source live`, and the same job done with the
# AWS CLI (list-users, then list-access-keys per user). Prints wall time, peak memory and the number of API
# requests each made (moto logs one line per request), and the ratios against the AWS CLI. Figures, not
# assertions. Usage: bench/live-audit.sh [USERS...]   (default: 1000 5000)
#   AWS_CLI_SAMPLE=M   run the AWS CLI procedure on the first M users only and scale its time and requests
#                      to N (each `aws` call costs ~0.5 s of Python start-up; default: 1000, 0 = all users)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)
sample="${AWS_CLI_SAMPLE:-1000}"
work="$(mktemp -d)"
instance="bench-$$"
cleanup() { "$root/scripts/moto.sh" stop "$instance" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/scripts/moto.sh" ensure
dotnet build "$root/src/KeyWarden" -c Release --nologo -v q >/dev/null
tool="$root/src/KeyWarden/bin/Release/net10.0/keywarden.dll"
export AWS_ACCESS_KEY_ID=AKIABENCHAUDITOR0000 AWS_SECRET_ACCESS_KEY=bench-auditor-secret AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
log="$root/.moto/$instance.log"

requests() { grep -c '"POST / HTTP' "$log" || true; }

# measure NAME CMD...: runs CMD once under /usr/bin/time; sets WALL (s), RSS (MiB), REQS.
measure() {
  local before after
  before="$(requests)"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  after="$(requests)"
  read -r WALL RSS_KIB < <(tail -n 1 "$work/time")
  RSS="$(python3 -c "print(round($RSS_KIB/1024,1))")"
  REQS=$((after - before))
}

printf '%-7s %-26s %10s %12s %10s %12s %12s\n' users job wall_s peak_rss_mib requests time_ratio req_ratio
for n in "${sizes[@]}"; do
  "$root/scripts/moto.sh" stop "$instance" >/dev/null 2>&1 || true
  url="$("$root/scripts/moto.sh" start "$instance")"
  violators="$(python3 "$root/bench/seed_moto.py" "$url" "$n")"

  measure dotnet "$tool" audit --endpoint-url "$url" --source auto --format json --output "$work/auto.json"
  a=("$WALL" "$RSS" "$REQS"); auto_fail="$(python3 -c "import json;print(json.load(open('$work/auto.json'))['summary']['fail'])")"
  measure dotnet "$tool" audit --endpoint-url "$url" --source live --format json --output "$work/live.json"
  l=("$WALL" "$RSS" "$REQS"); live_fail="$(python3 -c "import json;print(json.load(open('$work/live.json'))['summary']['fail'])")"

  cli_users="$n"; [ "$sample" -gt 0 ] && [ "$sample" -lt "$n" ] && cli_users="$sample"
  measure bash "$root/bench/aws-cli-procedure.sh" "$url" "$([ "$cli_users" -lt "$n" ] && echo "$cli_users" || echo 0)"
  cli_found="$(wc -l <"$work/out")"
  scale="$(python3 -c "print($n/$cli_users)")"
  c_wall="$(python3 -c "print(round($WALL*$scale,1))")"; c_reqs="$(python3 -c "print(round(1+($REQS-1)*$scale))")"
  label="aws cli procedure"; [ "$cli_users" -lt "$n" ] && label="aws cli (x$(python3 -c "print(round($scale,1))") of $cli_users)"

  ratio() { python3 -c "print(f'{$1/$2:.3f}' if $2 else '-')"; }
  printf '%-7s %-26s %10s %12s %10s %12s %12s\n' "$n" "keywarden --source auto" "${a[0]}" "${a[1]}" "${a[2]}" "$(ratio "${a[0]}" "$c_wall")" "$(ratio "${a[2]}" "$c_reqs")"
  printf '%-7s %-26s %10s %12s %10s %12s %12s\n' "$n" "keywarden --source live" "${l[0]}" "${l[1]}" "${l[2]}" "$(ratio "${l[0]}" "$c_wall")" "$(ratio "${l[2]}" "$c_reqs")"
  printf '%-7s %-26s %10s %12s %10s %12s %12s\n' "$n" "$label" "$c_wall" "$RSS" "$c_reqs" "1.00" "1.00"
  echo "        violators seeded: $violators; FAIL found by auto: $auto_fail, live: $live_fail; aws cli found: $cli_found of $cli_users users checked; auto's expected requests 3 + 3 x violators = $((3 + 3 * violators)) (+1 STS, +1 report poll)"
done
