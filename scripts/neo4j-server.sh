#!/usr/bin/env bash
# Start/stop the embedded Neo4j 5.26 Community test server (Bolt only, auth disabled
# unless NEO4J_AUTH asks for it, APOC core loaded) built from test/neo4j-server.
#
#   scripts/neo4j-server.sh build    build the launcher if missing or out of date
#   scripts/neo4j-server.sh start    build if needed, start in the background, wait until ready
#   scripts/neo4j-server.sh stop     SIGTERM, wait up to 30 s, then SIGKILL
#   scripts/neo4j-server.sh status   exit 0 if running
#   scripts/neo4j-server.sh restart  stop, then start
#
# Environment:
#   NEO4J_STATE_DIR      pid file and log (default <repo>/.neo4j)
#   NEO4J_DATA_DIR       DBMS home, kept across stop/start (default $NEO4J_STATE_DIR/data)
#   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_AUTH           neo4j/<password> (8 characters or more): authentication on, that
#                        password for user neo4j, set at every start; unset or none: off
#   NEO4J_START_TIMEOUT  seconds to wait for readiness (default 120)
#   NEO4J_HEAP           JVM -Xmx (default 1g)
#   NEO4J_JAVA_OPTS      extra JVM options (word-split)
#   JAVA                 java binary (default: $JAVA_HOME/bin/java, else java on PATH)
#   The launcher also reads NEO4J_PAGECACHE, NEO4J_TX_TOTAL_MAX, NEO4J_TX_MAX,
#   NEO4J_PLUGINS_DIR and NEO4J_EXTRA_CONFIG (see Neo4jTestServer.java).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
PROJECT_DIR="$REPO_ROOT/test/neo4j-server"
TARGET_DIR="$PROJECT_DIR/target"
JAR="$TARGET_DIR/neo4j-test-server.jar"
MAIN_CLASS="org.brusselsgraph.testserver.Neo4jTestServer"

STATE_DIR="${NEO4J_STATE_DIR:-$REPO_ROOT/.neo4j}"
PID_FILE="$STATE_DIR/neo4j.pid"
LOG_FILE="$STATE_DIR/neo4j.log"
export NEO4J_DATA_DIR="${NEO4J_DATA_DIR:-$STATE_DIR/data}"
export NEO4J_BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-120}"
HEAP="${NEO4J_HEAP:-1g}"

if [[ -n "${JAVA:-}" ]]; then
  JAVA_BIN="$JAVA"
elif [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA_BIN="${JAVA_HOME}/bin/java"
else
  JAVA_BIN="java"
fi

# JVM flags from Neo4j 5.26's conf/neo4j.conf (server.jvm.additional). The module
# flags are the complete set the distribution lists (the same four that Neo4j's own
# config migrator adds): three --add-opens, --enable-native-access, no --add-exports.
# Left out on purpose: -XX:+AlwaysPreTouch (would commit the whole heap up front) and
# -XX:+TrustFinalNonStaticFields (the conf says to disable it for embedded use).
JVM_FLAGS=(
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --enable-native-access=ALL-UNNAMED
  -XX:+UseG1GC
  -XX:-OmitStackTraceInFastThrow
  -XX:+DisableExplicitGC
  -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true
  -Dlog4j2.disable.jmx=true
  -Dfile.encoding=UTF-8
)

log() { printf '[neo4j-server] %s\n' "$*" >&2; }

needs_build() {
  [[ -f "$JAR" && -d "$TARGET_DIR/lib" ]] || return 0
  [[ -n "$(ls -A "$TARGET_DIR/lib" 2>/dev/null)" ]] || return 0
  [[ "$PROJECT_DIR/pom.xml" -nt "$JAR" ]] && return 0
  [[ -n "$(find "$PROJECT_DIR/src" -type f -newer "$JAR" -print -quit 2>/dev/null)" ]] && return 0
  return 1
}

cmd_build() {
  if needs_build; then
    command -v mvn >/dev/null 2>&1 || { log "mvn not found on PATH"; exit 1; }
    log "building $PROJECT_DIR"
    local t0=$SECONDS
    # A clean lib/ avoids stale jars from an older Neo4j version on the classpath.
    rm -rf "$TARGET_DIR/lib" "$TARGET_DIR/plugins"
    mvn -q -B -Dstyle.color=never -f "$PROJECT_DIR/pom.xml" package -DskipTests
    # mvn may reuse an up-to-date jar; make sure it is newer than its inputs.
    touch "$JAR"
    log "built in $((SECONDS - t0)) s"
  fi
}

read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  printf '%s' "$pid"
}

# True if $1 is alive and is our launcher (guards against a recycled pid).
is_our_process() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$MAIN_CLASS" || return 1
  fi
  return 0
}

running_pid() {
  local pid
  pid="$(read_pid)" || return 1
  is_our_process "$pid" || return 1
  printf '%s' "$pid"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "neo4j test server running (pid $pid, bolt://127.0.0.1:$NEO4J_BOLT_PORT)"
    return 0
  fi
  echo "neo4j test server not running"
  return 1
}

print_log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    log "last lines of $LOG_FILE:"
    tail -n 60 "$LOG_FILE" >&2 || true
  fi
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    grep -m1 '^NEO4J_READY ' "$LOG_FILE" 2>/dev/null || true
    return 0
  fi
  rm -f "$PID_FILE"

  cmd_build
  mkdir -p "$STATE_DIR" "$NEO4J_DATA_DIR"

  local extra_opts=()
  if [[ -n "${NEO4J_JAVA_OPTS:-}" ]]; then
    read -r -a extra_opts <<<"$NEO4J_JAVA_OPTS"
  fi

  local cp="$JAR:$TARGET_DIR/lib/*:$TARGET_DIR/plugins/*"
  local t0
  t0="$(date +%s.%N)"
  : >"$LOG_FILE"
  # setsid: own session, so the JVM survives the caller's terminal and is not hit
  # by a Ctrl-C aimed at the caller; stdin from /dev/null.
  setsid "$JAVA_BIN" "-Xmx$HEAP" "${JVM_FLAGS[@]}" "${extra_opts[@]}" \
    -cp "$cp" "$MAIN_CLASS" </dev/null >>"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  log "started pid $pid (log: $LOG_FILE, data: $NEO4J_DATA_DIR)"

  local deadline=$((SECONDS + START_TIMEOUT)) ready=""
  while :; do
    ready="$(grep -m1 '^NEO4J_READY ' "$LOG_FILE" 2>/dev/null || true)"
    if [[ -n "$ready" ]]; then
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || true
      log "JVM exited before it was ready"
      print_log_tail
      rm -f "$PID_FILE"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "not ready after ${START_TIMEOUT} s; stopping it"
      print_log_tail
      cmd_stop >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 0.2
  done
  local elapsed
  elapsed="$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  echo "$ready"
  echo "ready in ${elapsed} s (pid $pid)"
}

cmd_stop() {
  local pid
  if ! pid="$(read_pid)"; then
    echo "neo4j test server not running"
    rm -f "$PID_FILE"
    return 0
  fi
  if ! is_our_process "$pid"; then
    echo "neo4j test server not running (stale pid file)"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  echo "neo4j test server stopped (pid $pid)"
}

usage() {
  echo "usage: $0 {build|start|stop|status|restart}" >&2
  exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  *) usage ;;
esac
