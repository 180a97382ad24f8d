#!/usr/bin/env bash
# Offline audit benchmark: generates an N-user credential report and prints the whole-process wall time
# and peak memory (max RSS) of `keywarden audit --credential-report`, for each output format.
# A figure, not a test. Usage: bench/offline-audit.sh [USERS=5000] [RUNS=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users="${1:-5000}"
runs="${2:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/KeyWarden" -c Release --nologo -v q >/dev/null
tool="$root/src/KeyWarden/bin/Release/net10.0/keywarden.dll"
python3 "$root/bench/gen_credential_report.py" "$users" "$work/report.csv"
echo "offline audit of $users users ($(wc -c <"$work/report.csv") bytes), $runs runs each, median shown"
printf '%-8s %12s %14s %8s\n' format wall_ms peak_rss_mib exit

for format in table json csv html ocsf asff junit; do
  walls=(); rss=(); code=0
  for _ in $(seq "$runs"); do
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time" dotnet "$tool" audit --credential-report "$work/report.csv" \
      --as-of 2026-11-28T09:00:00Z --format "$format" --output "$work/out.$format" 2>/dev/null
    code=$?
    set -e
    read -r secs kib < <(tail -n 1 "$work/time")
    walls+=("$(python3 -c "print(round($secs*1000))")"); rss+=("$kib")
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%-8s %12s %14s %8s\n' "$format" "$(median "${walls[@]}")" "$(python3 -c "print(round($(median "${rss[@]}")/1024,1))")" "$code"
done
