#!/usr/bin/env bash
# Start-up benchmark (figures, not assertions): publishes KeyWarden and a `dotnet new console` hello world the same
# ways — framework-dependent JIT, ReadyToRun (the shipped recipe), Native AOT — and prints the whole-process wall
# time (median of RUNS) of the sample audit (`audit --credential-report samples/credential-report.csv`) next to the
# hello world's. A build that does not run says so with its exit code. Usage: bench/startup.sh [RUNS=11]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rid="linux-x64"

mkdir -p "$work/hello"
cat >"$work/hello/hello.csproj" <<'PROJ'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><InvariantGlobalization>true</InvariantGlobalization></PropertyGroup>
</Project>
PROJ
echo 'System.Console.WriteLine("hello");' >"$work/hello/Program.cs"

publish() { # NAME PROJECT EXTRA...
  local name="$1" project="$2"; shift 2
  dotnet publish "$project" -c Release -r "$rid" --nologo -v q -o "$work/$name" "$@" >"$work/$name.log" 2>&1 || echo "publish $name failed (see log)" >&2
}
publish kw-jit "$root/src/KeyWarden" -p:PublishReadyToRun=false
publish kw-r2r "$root/src/KeyWarden"
# AOT reports trim/AOT analysis warnings; they are the finding, so they must not stop the build here.
publish kw-aot "$root/src/KeyWarden" -p:PublishAot=true -p:PublishReadyToRun=false -p:TreatWarningsAsErrors=false -p:PackAsTool=false
publish hello-jit "$work/hello" --self-contained false
publish hello-r2r "$work/hello" --self-contained false -p:PublishReadyToRun=true
publish hello-aot "$work/hello" -p:PublishAot=true

median_ms() { # CMD...: median wall ms of RUNS runs; sets CODE to the last exit code
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N); set +e; "$@" >/dev/null 2>&1; CODE=$?; set -e; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-10s %16s %8s %14s %10s\n' build sample_audit_ms exit hello_world_ms size_mib
for kind in jit r2r aot; do
  kw="$work/kw-$kind/keywarden"; hello="$work/hello-$kind/hello"
  [ -x "$kw" ] || { printf '%-10s %16s\n' "$kind" "not published"; continue; }
  a="$(median_ms "$kw" audit --credential-report "$root/samples/credential-report.csv" --as-of 2026-11-28T09:00:00Z --format json --output "$work/out.json")"; acode=$CODE
  h="$(median_ms "$hello")"
  size="$(du -sm "$work/kw-$kind" | cut -f1)"
  printf '%-10s %16s %8s %14s %10s\n' "$kind" "$a" "$acode" "$h" "$size"
done
echo "exit 1 is the sample's expected result (it has failing users); anything else means the build does not run."
grep -c 'warning IL' "$work/kw-aot.log" | xargs -I{} echo "Native AOT publish: {} trim/AOT analysis warnings"
"$work/kw-aot/keywarden" --version 2>&1 | head -n 2 || true
