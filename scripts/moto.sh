#!/usr/bin/env bash
# Local moto (AWS emulator) instances for KeyWarden's emulator tests.
#
#   scripts/moto.sh ensure         make sure moto and the aws CLI are available (quiet when they are)
#   scripts/moto.sh start [NAME]   start moto on 127.0.0.1 on a free port; print http://127.0.0.1:PORT
#   scripts/moto.sh stop [NAME]    stop the instance started under NAME
#
# NAME defaults to "default". State lives in .moto/NAME.{pid,port,log} under the repository root.
# Environment for the server passes through (e.g. INITIAL_NO_AUTH_ACTION_COUNT, MOTO_ACCOUNT_ID).
# Where the machine's python3 cannot import moto, `ensure` unpacks Debian trixie's python3-moto into
# .tools/moto (never upgrading the system) and `start` runs it with /usr/bin/python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.moto"
vendored="$root/.tools/moto"
vendored_site="$vendored/usr/lib/python3/dist-packages"

log() { printf 'moto.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Prints the interpreter command that can import moto, or nothing.
moto_python() {
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import moto.server' >/dev/null 2>&1; then
    echo python3
  elif [ -d "$vendored_site/moto" ] && PYTHONPATH="$vendored_site" /usr/bin/python3 -c 'import moto.server' >/dev/null 2>&1; then
    echo "env PYTHONPATH=$vendored_site /usr/bin/python3"
  fi
}

# The Debian archive this machine's apt already uses (its main suite, not -security), so the script names no host.
debian_mirror() {
  local uri
  uri="$(awk '/^URIs:/ {u=$2} /^Suites:/ && u != "" && $0 !~ /security/ {print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null)"
  [ -n "$uri" ] || uri="$(awk '$1 == "deb" && $0 !~ /security/ && $0 ~ / main/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
  [ -n "$uri" ] && echo "$uri"
}

install_vendored_moto() {
  log "python3 cannot import moto; installing Debian trixie's python3-moto into $vendored"
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq python3-boto3 python3-botocore python3-cryptography python3-dateutil python3-flask \
    python3-flask-cors python3-jinja2 python3-requests python3-responses python3-werkzeug python3-xmltodict \
    python3-yaml python3-antlr4 >/dev/null
  # A separate sources list and apt state so the system keeps its own suite: only the one .deb is fetched.
  local apt_dir="$root/.tools/apt-trixie"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
  local mirror
  mirror="$(debian_mirror)" || die "no Debian mirror found in the system's apt sources to fetch python3-moto from"
  echo "deb $mirror trixie main" > "$apt_dir/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
              -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Debug::NoLocking=1")
  # The download lands in a project folder _apt cannot write to; as root, fetch unsandboxed without the warning.
  [ "$(id -u)" -eq 0 ] && opts+=(-o "APT::Sandbox::User=root")
  apt-get "${opts[@]}" update -qq >/dev/null
  (cd "$apt_dir/debs" && apt-get "${opts[@]}" download python3-moto >/dev/null)
  rm -rf "$vendored" && mkdir -p "$vendored"
  dpkg -x "$(ls "$apt_dir"/debs/python3-moto_*.deb | head -n1)" "$vendored"
  PYTHONPATH="$vendored_site" /usr/bin/python3 -c 'import moto.server' || die "unpacked moto does not import with /usr/bin/python3"
}

cmd_ensure() {
  [ -n "$(moto_python)" ] || install_vendored_moto
  if ! command -v aws >/dev/null 2>&1; then
    log "installing the aws CLI (Debian awscli)"
    as_root apt-get install -y -qq awscli >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

cmd_start() {
  local name="${1:-default}"
  local py; py="$(moto_python)"
  [ -n "$py" ] || die "moto is not installed; run: scripts/moto.sh ensure"
  mkdir -p "$state"
  if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
    die "instance '$name' is already running (pid $(cat "$state/$name.pid"), port $(cat "$state/$name.port")); stop it first"
  fi
  local port; port="$(free_port)"
  local logf="$state/$name.log"
  # shellcheck disable=SC2086 # $py is a command with arguments
  nohup $py -m moto.server -H 127.0.0.1 -p "$port" >"$logf" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" > "$state/$name.pid"
  echo "$port" > "$state/$name.port"
  local url="http://127.0.0.1:$port"
  local deadline=$((SECONDS + 30))
  until curl -fsS -o /dev/null "$url/moto-api/" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "moto exited during start-up; last log lines:"; tail -n 20 "$logf" >&2; rm -f "$state/$name.pid"; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "moto did not answer on $url within 30 s; last log lines:"; tail -n 20 "$logf" >&2
      kill "$pid" 2>/dev/null || true; rm -f "$state/$name.pid"; exit 1
    fi
    sleep 0.2
  done
  echo "$url"
}

cmd_stop() {
  local name="${1:-default}"
  local pidf="$state/$name.pid"
  [ -f "$pidf" ] || { log "no instance '$name' ($pidf missing)"; return 0; }
  local pid; pid="$(cat "$pidf")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidf" "$state/$name.port"
}

case "${1:-}" in
  ensure) cmd_ensure ;;
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) echo "usage: $0 ensure | start [NAME] | stop [NAME]" >&2; exit 2 ;;
esac
