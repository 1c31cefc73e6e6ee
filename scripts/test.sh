#!/usr/bin/env bash
# Runs the whole test suite: installs the servers the tests need when missing, starts a throwaway
# PostgreSQL (nats-server is started by the tests' own fixture), runs `dotnet test`, then the TypeScript
# client's tests (node:test, against a real gateway and in Debian's Chromium), and prints one plain line
# "N passed, N failed" summed over every test assembly and the client's tests.
# Extra arguments are passed to `dotnet test` (e.g. --filter FullyQualifiedName~Fixture); the client's tests
# always run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

log() { echo "[test.sh] $*" >&2; }

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      echo "$d"
    fi
  done | sort -V | tail -n 1
}

find_nats() {
  command -v nats-server 2>/dev/null && return 0
  local p
  for p in /usr/sbin/nats-server /usr/bin/nats-server; do
    [[ -x "$p" ]] && { echo "$p"; return 0; }
  done
  return 1
}

# ---- install what the tests need -------------------------------------------------------------
# kubectl renders docker/k8s for the Deployment tests (`kubectl kustomize`, no cluster needed). Any kubectl
# on PATH will do; otherwise Debian's kubernetes-client (kubectl 1.20, kustomize 2.0.3: the kustomization keeps
# to fields that version knows).
find_kubectl() {
  command -v kubectl 2>/dev/null && return 0
  [[ -x /usr/bin/kubectl ]] && { echo /usr/bin/kubectl; return 0; }
  return 1
}

# The client's tests need Node.js with npm (Debian's when there is none) and Debian's Chromium, which
# playwright-core drives (Playwright's own browser download is not used).
chromium_bin=/usr/bin/chromium

pg_bin="$(find_pg_bin)"
nats_bin="$(find_nats || true)"
kubectl_bin="$(find_kubectl || true)"
apt_packages=()
[[ -z "$nats_bin" ]] && apt_packages+=(nats-server)
[[ -z "$pg_bin" ]] && apt_packages+=(postgresql)
[[ -z "$kubectl_bin" ]] && apt_packages+=(kubernetes-client)
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs npm)
[[ -x "$chromium_bin" ]] || apt_packages+=(chromium)
if [[ "${#apt_packages[@]}" -gt 0 ]]; then
  log "installing ${apt_packages[*]} (nats: ${nats_bin:-missing}, pg: ${pg_bin:-missing}, kubectl: ${kubectl_bin:-missing})"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=()
  [[ "$(id -u)" -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${apt_packages[@]}"
  pg_bin="$(find_pg_bin)"
  nats_bin="$(find_nats || true)"
  kubectl_bin="$(find_kubectl || true)"
fi
[[ -n "$pg_bin" ]] || { log "initdb not found under /usr/lib/postgresql/*/bin after install"; exit 1; }
[[ -n "$nats_bin" ]] || { log "nats-server not found after install"; exit 1; }
[[ -n "$kubectl_bin" ]] || { log "kubectl not found after install"; exit 1; }
command -v node >/dev/null 2>&1 || { log "node not found after install"; exit 1; }
[[ -x "$chromium_bin" ]] || { log "$chromium_bin not found after install"; exit 1; }
export REALTIME_TEST_NATS_SERVER="$nats_bin"
export REALTIME_TEST_KUBECTL="$kubectl_bin"
log "nats-server: $nats_bin"
log "postgresql:  $pg_bin"
log "kubectl:     $kubectl_bin"
log "node:        $(command -v node) $(node --version)"

# ---- throwaway PostgreSQL -------------------------------------------------------------------
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    for _ in $(seq 1 200); do
      p=$(( 20000 + RANDOM % 40000 ))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
  fi
}

# Run a command as the postgres user (initdb refuses root).
as_pg() {
  if [[ "$(id -un)" == "postgres" ]]; then
    "$@"
  elif [[ "$(id -u)" -eq 0 ]]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; fi
  else
    "$@"  # a non-root user can run initdb itself
  fi
}

# Under /tmp, not $TMPDIR: the postgres user must be able to reach it.
work_dir="$(mktemp -d /tmp/realtime-test.XXXXXX)"
pg_data="$work_dir/pgdata"
pg_sock="$work_dir/pgsock"
pg_log="$work_dir/postgres.log"
results_dir="$work_dir/results"
pg_started=0

cleanup() {
  local rc=$?
  if [[ "$pg_started" -eq 1 ]]; then
    # quiet on success: the "N passed, N failed" line stays the last line of the output
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 \
      || log "warning: pg_ctl stop failed"
  fi
  rm -rf "$work_dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$pg_data" "$pg_sock"
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$pg_data" "$pg_sock"
  chmod 755 "$work_dir"   # postgres must be able to reach its dirs (and write its log)
  touch "$pg_log" && chown postgres: "$pg_log"
fi
chmod 700 "$pg_data"

pg_port="$(free_port)"
log "initdb in $pg_data, port $pg_port"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C >"$work_dir/initdb.log" 2>&1 \
  || { cat "$work_dir/initdb.log" >&2; exit 1; }
cat >>"$pg_data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
cat >"$pg_data/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA

pg_started=1
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 start >/dev/null \
  || { log "PostgreSQL failed to start:"; cat "$pg_log" >&2; exit 1; }
"$pg_bin/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE realtime_test" >/dev/null
export REALTIME_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=realtime_test"
log "PostgreSQL up: $REALTIME_TEST_POSTGRES"

# ---- tests ---------------------------------------------------------------------------------
# LogFilePrefix, not LogFileName: with a fixed LogFileName every test assembly of the solution writes
# the same file and only the last one survives (vstest #3026 / #15673). The prefix gets the target
# framework and a timestamp appended, one .trx per assembly.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$results_dir"
test_rc=0
dotnet test Akka.Realtime.sln -c Release \
  --logger "trx;LogFilePrefix=results" \
  --logger "console;verbosity=normal" \
  --results-directory "$results_dir" \
  "$@" || test_rc=$?

# The client's tests: npm packages from the lockfile, a build of the package and the demo page, then node:test
# (spec output here, TAP into a file for the counts). They start their own gateways from the Release build above;
# node runs the test files one at a time on 2 cores (its default concurrency is the core count minus one). Node 18
# (Debian's) and later work: no flag newer than 18 is used.
client_dir="$repo_root/clients/typescript"
client_tap="$results_dir/client.tap"
client_rc=0
# (&&, not set -e: errexit does not apply inside a command whose status is tested.)
(
  cd "$client_dir" \
    && npm ci --no-audit --no-fund --loglevel=error \
    && npm run build --silent \
    && CHROMIUM_PATH="$chromium_bin" node --test \
      --test-reporter=spec --test-reporter-destination=stdout \
      --test-reporter=tap --test-reporter-destination="$client_tap" \
      test/*.test.mjs
) || client_rc=$?

# ---- summary -------------------------------------------------------------------------------
mapfile -t trx_files < <(find "$results_dir" -name '*.trx' -type f | sort)
passed=0
failed=0
if [[ "${#trx_files[@]}" -eq 0 ]]; then
  log "no .trx produced (dotnet test exit code $test_rc)"
  test_rc=1
else
  read -r passed failed < <(python3 - "${trx_files[@]}" <<'PY' 2>/dev/null || echo "x x"
import sys, xml.etree.ElementTree as ET
p = f = 0
for path in sys.argv[1:]:
    for el in ET.parse(path).iter():
        if el.tag.rsplit('}', 1)[-1] == 'Counters':
            p += int(el.get('passed', 0)); f += int(el.get('failed', 0))
            f += int(el.get('error', 0)) + int(el.get('timeout', 0)) + int(el.get('aborted', 0))
print(p, f)
PY
  )
  # The failed tests by name (with their message's first lines) just above the summary, so a CI log's tail says which.
  python3 - "${trx_files[@]}" <<'PY' >&2 || true
import sys, xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    for el in ET.parse(path).iter():
        if el.tag.rsplit('}', 1)[-1] == 'UnitTestResult' and el.get('outcome') not in ('Passed', 'NotExecuted'):
            message = next((m.text or '' for m in el.iter() if m.tag.rsplit('}', 1)[-1] == 'Message'), '')
            stack = next((m.text or '' for m in el.iter() if m.tag.rsplit('}', 1)[-1] == 'StackTrace'), '')
            print(f"[test.sh] FAILED {el.get('testName')} ({el.get('duration')})")
            for line in message.strip().splitlines()[:6]:
                print(f"[test.sh]   {line[:300]}")
            # where in the tests it failed (a timeout's message alone does not say)
            for line in [l.strip() for l in stack.splitlines() if '/tests/' in l][:4]:
                print(f"[test.sh]   {line[:300]}")
PY
  if [[ "$passed" == "x" ]]; then
    # no python3: read the Counters attributes with grep/sed
    passed=0; failed=0
    for t in "${trx_files[@]}"; do
      c="$(grep -o '<Counters [^>]*' "$t" | head -n 1)"
      for attr in passed failed error timeout aborted; do
        v="$(sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p" <<<"$c")"
        v="${v:-0}"
        if [[ "$attr" == passed ]]; then passed=$((passed + v)); else failed=$((failed + v)); fi
      done
    done
  fi
fi

# node:test's TAP summary: "# pass N", "# fail N", "# cancelled N" (a cancelled test did not pass).
tap_count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$client_tap" 2>/dev/null | tail -n 1 || true; }
client_passed="$(tap_count pass)"
client_fail="$(tap_count fail)"
client_cancelled="$(tap_count cancelled)"
client_failed=$(( ${client_fail:-0} + ${client_cancelled:-0} ))
if [[ -z "$client_passed" ]]; then
  log "the client's tests produced no summary (exit code $client_rc)"
  client_passed=0
  client_failed=$((client_failed > 0 ? client_failed : 1))
fi
passed=$((passed + client_passed))
failed=$((failed + client_failed))

echo "$passed passed, $failed failed"
if [[ "$failed" -ne 0 || "$test_rc" -ne 0 || "$client_rc" -ne 0 ]]; then
  exit 1
fi
if [[ "$passed" -eq 0 ]]; then
  log "no test passed"
  exit 1
fi
exit 0
