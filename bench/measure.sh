# Sourced by the moto benchmarks: `requests` counts moto's log lines (one per request) in $log; `measure CMD...` runs
# CMD once under /usr/bin/time (stdout to $work/out, stderr to $work/err) and sets WALL (s), RSS (MiB) and REQS.
requests() { grep -c '"POST / HTTP' "$log" || true; }

measure() {
  local before after
  before="$(requests)"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  after="$(requests)"
  read -r WALL RSS_KIB < <(tail -n 1 "$work/time")
  RSS="$(python3 -c "print(round($RSS_KIB/1024,1))")"
  REQS=$((after - before))
}
