#!/usr/bin/env bash
# Offline audit benchmark (figures, not assertions): generates N-principal credential reports and prints, for every
# output format, the whole-process wall time and peak memory (max RSS) of `keywarden audit --credential-report`,
# the median of RUNS runs, and the ratio of each format's time to the json format's.
# Usage: bench/offline-audit.sh [RUNS=3] [SIZES...]   (default sizes: 5000 100000)
#   KEYWARDEN=PATH   a keywarden.dll or published binary to measure (default: a Release build of this tree)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"; shift || true
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(5000 100000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tool="${KEYWARDEN:-}"
if [ -z "$tool" ]; then
  dotnet build "$root/src/KeyWarden" -c Release --nologo -v q >/dev/null
  tool="$root/src/KeyWarden/bin/Release/net10.0/keywarden.dll"
fi
runner=(); case "$tool" in *.dll) runner=(dotnet "$tool") ;; *) runner=("$tool") ;; esac
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for users in "${sizes[@]}"; do
  python3 "$root/bench/gen_credential_report.py" "$users" "$work/report.csv"
  echo "offline audit of $users principals ($(wc -c <"$work/report.csv") bytes), $runs runs each, median shown"
  printf '%-8s %10s %14s %14s %6s\n' format wall_ms peak_rss_mib ratio_to_json exit
  json_ms=""
  for format in json table csv html ocsf asff junit; do
    walls=(); rss=(); code=0
    for _ in $(seq "$runs"); do
      set +e
      /usr/bin/time -f '%e %M' -o "$work/time" "${runner[@]}" audit --credential-report "$work/report.csv" \
        --as-of 2026-11-28T09:00:00Z --all --format "$format" --output "$work/out.$format" 2>/dev/null
      code=$?
      set -e
      read -r secs kib < <(tail -n 1 "$work/time")
      walls+=("$(python3 -c "print(round($secs*1000))")"); rss+=("$kib")
    done
    ms="$(median "${walls[@]}")"; [ "$format" = json ] && json_ms="$ms"
    printf '%-8s %10s %14s %14s %6s\n' "$format" "$ms" "$(python3 -c "print(round($(median "${rss[@]}")/1024,1))")" \
      "$(python3 -c "print(f'{$ms/$json_ms:.2f}')")" "$code"
  done
done
