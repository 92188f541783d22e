#!/usr/bin/env bash
# Parley's benchmark: builds the jar, runs the server on the embedded database and on PostgreSQL, loads data,
# drives it with wrk from a separate process over loopback, and prints one table with the budgets checked.
# The table goes to target/bench/results.md, the raw wrk, pgbench and commit-rate outputs beside it in raw/.
#
#   bench/run.sh                      default: 10 s per run, both databases
#   BENCH_DURATION=2 bench/run.sh     a quick full run
#
# Settings (environment):
#   BENCH_DURATION    seconds per measured run (default 10)
#   BENCH_WARMUP      seconds of warm-up before each scenario (default: 3, or less for short runs)
#   BENCH_DATABASES   which databases, in order (default "embedded postgresql")
#   BENCH_PORT        Parley's port on 127.0.0.1 (default 18473); must be free
#   BENCH_PG_PORT     PostgreSQL's port on 127.0.0.1 (default 5432; user postgres, trust auth, database test)
#   BENCH_JAVA_OPTS   the server's JVM options (default: those bin/parley serve uses, bin/java-home.sh)
#   BENCH_MESSAGES, BENCH_CONVERSATION_MESSAGES, BENCH_SMALL_MESSAGES, BENCH_POST_CONVERSATIONS
#                     the data sizes of the message scenarios (default 1000000, 100000, 1000, 1000): the messages
#                     of the large app, of its long conversation, of the small app, and the conversations posted to
#   BENCH_WEBHOOK_BACKLOG  messages posted while the webhook receiver is down, for the delivery drain (default 5000)
#
# Everything it targets is on 127.0.0.1. It makes a temporary directory and, for PostgreSQL, a fresh database
# parley_bench_<pid>; both are removed, and the servers stopped, when it ends, also on Ctrl-C or a failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Nothing from the caller's environment may point Parley or the PostgreSQL tools elsewhere.
for variable in $(compgen -e); do
  case "$variable" in PARLEY_* | PG*) unset "$variable" ;; esac
done

readonly HOST=127.0.0.1
DURATION="${BENCH_DURATION:-10}"
DATABASES="${BENCH_DATABASES:-embedded postgresql}"
PORT="${BENCH_PORT:-18473}"
PG_PORT="${BENCH_PG_PORT:-5432}"
CONNECTIONS=(1 16 64)
PAGES_SMALL=1000
PAGES_LARGE=200000
MESSAGES_LARGE="${BENCH_MESSAGES:-1000000}"
MESSAGES_LONG="${BENCH_CONVERSATION_MESSAGES:-100000}"
MESSAGES_SMALL="${BENCH_SMALL_MESSAGES:-1000}"
POST_CONVERSATIONS="${BENCH_POST_CONVERSATIONS:-1000}"
WEBHOOK_BACKLOG="${BENCH_WEBHOOK_BACKLOG:-5000}"
readonly WEBHOOK_RATES=(100 1000)
# Beyond its long conversation, the large app's messages fill conversations of this many.
readonly MESSAGES_PER_CONVERSATION=1000

fail() {
  echo "bench: $*" >&2
  exit 1
}

[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || fail "BENCH_DURATION must be a whole number of seconds, not '$DURATION'"
if [ -n "${BENCH_WARMUP:-}" ]; then
  WARMUP="$BENCH_WARMUP"
elif [ "$DURATION" -ge 9 ]; then
  WARMUP=3
else
  WARMUP=$(((DURATION + 2) / 3))
fi
[[ "$WARMUP" =~ ^[1-9][0-9]*$ ]] || fail "BENCH_WARMUP must be a whole number of seconds, not '$WARMUP'"
[[ "$PORT" =~ ^[0-9]+$ && "$PG_PORT" =~ ^[0-9]+$ ]] || fail "BENCH_PORT and BENCH_PG_PORT must be port numbers"
for size in "$MESSAGES_LARGE" "$MESSAGES_LONG" "$MESSAGES_SMALL" "$POST_CONVERSATIONS" "$WEBHOOK_BACKLOG"; do
  [[ "$size" =~ ^[1-9][0-9]*$ ]] || fail "the BENCH_ sizes must be whole numbers above 0, not '$size'"
done
[ "$MESSAGES_LONG" -le "$MESSAGES_LARGE" ] || fail "BENCH_CONVERSATION_MESSAGES must not exceed BENCH_MESSAGES"
for database in $DATABASES; do
  case "$database" in embedded | postgresql) ;; *) fail "BENCH_DATABASES: unknown database '$database'" ;; esac
done

# ---------------------------------------------------------------------------------------------------------------
# Tools

install_package() { # install_package COMMAND PACKAGE
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bench: $1 is missing; installing the Debian package $2 (apt-get install $2)…" >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y -q "$2" >/dev/null 2>&1 \
      || { apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 &&
           apt-get -o DPkg::Lock::Timeout=300 install -y -q "$2" >/dev/null 2>&1; } || true
  fi
  command -v "$1" >/dev/null \
    || fail "$1 is missing and could not be installed here: install the Debian package $2 (apt-get install $2) and run again"
}

install_package wrk wrk
install_package jq jq
install_package curl curl
install_package openssl openssl
if [[ " $DATABASES " == *" postgresql "* ]]; then
  if ! command -v psql >/dev/null || ! command -v pgbench >/dev/null; then
    fail "psql and pgbench are needed for the PostgreSQL runs: install postgresql-client (or set BENCH_DATABASES=embedded)"
  fi
fi

# shellcheck disable=SC1091 # bin/java-home.sh is sourced at run time
source "$root/bin/java-home.sh"
select_java_home
JAVA="$JAVA_HOME/bin/java"

# ---------------------------------------------------------------------------------------------------------------
# Cleanup: whatever happens, stop what we started and remove what we made.

work="$(mktemp -d "${TMPDIR:-/tmp}/parley-bench.XXXXXX")"
server_pid=""
pg_database=""

stop_server() {
  [ -n "$server_pid" ] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 250); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

pg() { # psql against 127.0.0.1 only; the database is the first argument
  local database="$1"
  shift
  psql -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PG_PORT" -U postgres -d "$database" "$@"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_server
  if [ -n "$pg_database" ]; then
    pg test -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 \
      || echo "bench: could not drop the PostgreSQL database $pg_database; drop it by hand" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT
trap 'echo "bench: terminated" >&2; exit 143' TERM

port_in_use() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}
port_in_use "$PORT" && fail "port $PORT on $HOST is in use; pick another with BENCH_PORT"

# ---------------------------------------------------------------------------------------------------------------
# Build

echo "bench: building target/parley.jar (mvn -B -q package -DskipTests)…" >&2
mvn -B -q package -DskipTests >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; fail "the build failed"; }
JAR="$root/target/parley.jar"
write_class_archive "$JAR"
JAVA_OPTS="${BENCH_JAVA_OPTS:-$(parley_java_opts "$JAR")}"

out="$root/target/bench"
rm -rf "$out"
mkdir -p "$out/raw"

# ---------------------------------------------------------------------------------------------------------------
# The server

BASE="http://$HOST:$PORT"
server_log=""
server_env=()
startup_ms=""

# Starts Parley and waits for the first 200 on /health; startup_ms is the time from just before the process
# started to that answer, polled with curl in a tight loop.
start_server() {
  local started now
  started=$(date +%s%N)
  # shellcheck disable=SC2086 # the options are separate words
  env "${server_env[@]}" "$JAVA" $JAVA_OPTS -jar "$JAR" serve >>"$server_log" 2>&1 &
  server_pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$BASE/health" 2>/dev/null)" = 200 ]; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      tail -20 "$server_log" >&2
      server_pid=""
      fail "Parley stopped during start (log above)"
    fi
    now=$(date +%s%N)
    [ $(((now - started) / 1000000000)) -lt 120 ] || { tail -20 "$server_log" >&2; fail "Parley did not answer /health within 120 s"; }
  done
  now=$(date +%s%N)
  startup_ms=$(((now - started) / 1000000))
}

OPERATOR_TOKEN=""

api() { # api METHOD PATH CREDENTIALS [BODY]: the JSON answer; fails unless 2xx
  local method="$1" path="$2" auth="$3" body="${4:-}" answer status
  local args=(-s -X "$method" -H "Authorization: $auth" -w '\n%{http_code}')
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' -d "$body")
  answer=$(curl "${args[@]}" "$BASE$path")
  status="${answer##*$'\n'}"
  answer="${answer%$'\n'*}"
  [[ "$status" == 2* ]] || fail "$method $path answered $status: $answer"
  printf '%s' "$answer"
}

basic() { # basic KEY_ID SECRET
  printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | openssl base64 -A)"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt() { # jwt KEY_ID SECRET SCOPE: HS256, kid = key id, as the README shows
  local h p s
  h=$(printf '{"alg":"HS256","typ":"JWT","kid":"%s"}' "$1" | b64url)
  p=$(printf '{"scope":"%s"}' "$3" | b64url)
  s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -hmac "$2" -binary | b64url)
  printf 'Bearer %s.%s.%s' "$h" "$p" "$s"
}

new_account() { # new_account NAME: prints "accountId keyId secret"
  local answer
  answer=$(api POST /admin/accounts "Bearer $OPERATOR_TOKEN" "{\"displayName\":\"$1\"}")
  jq -r '[.account.id, .key.id, .key.secret] | join(" ")' <<<"$answer"
}

# ---------------------------------------------------------------------------------------------------------------
# Loading apps with SQL: ids are an 8-hex creation second and 16 hex of a sequence number (so they increase with
# creation time like Parley's own), app tokens 'b' and 24 digits, settings the JSON Parley stores for the
# defaults, key_count 0; then the account's app_count is set to its number of rows.

loaded=0
id_prefix=""

# SQL that reads the same on both databases: row numbers n over a range, and the id of a number.
range_sql() { # range_sql DATABASE FIRST LAST
  if [ "$1" = embedded ]; then
    printf 'SYSTEM_RANGE(%s, %s) AS r(n)' "$2" "$3"
  else
    printf 'generate_series(%s, %s) AS r(n)' "$2" "$3"
  fi
}
id_sql() { # id_sql DATABASE EXPRESSION: the id of the number EXPRESSION, as loaded_ids prints it
  if [ "$1" = embedded ]; then
    printf "'%s' || LPAD(LOWER(RAWTOHEX(CAST(CAST(%s AS BIGINT) AS VARBINARY))), 16, '0')" "$id_prefix" "$2"
  else
    printf "'%s' || lpad(to_hex(CAST(%s AS BIGINT)), 16, '0')" "$id_prefix" "$2"
  fi
}

# load_apps_sql DATABASE ACCOUNT FIRST LAST: the SQL for the apps numbered FIRST to LAST, of ACCOUNT
load_apps_sql() {
  local database="$1" account="$2" first="$3" last="$4"
  cat <<SQL
INSERT INTO apps (id, account_id, display_name, app_token, settings, metadata, key_count)
SELECT $(id_sql "$database" r.n), '$account', 'Bench app ' || r.n, 'b' || LPAD(CAST(r.n AS VARCHAR), 24, '0'),
       '$settings_json', NULL, 0
FROM $(range_sql "$database" "$first" "$last");
UPDATE accounts SET app_count = (SELECT COUNT(*) FROM apps WHERE account_id = '$account') WHERE id = '$account';
SQL
}

# The ids of the numbers FIRST to LAST (as id_sql makes them), one a line.
loaded_ids() { # loaded_ids FIRST LAST
  awk -v p="$id_prefix" -v a="$1" -v b="$2" 'BEGIN { for (n = a; n <= b; n++) printf "%s%016x\n", p, n }'
}

# ---------------------------------------------------------------------------------------------------------------
# Loading an app's users, conversations, participants and messages with SQL, numbered as apps are, each kind from
# its own base (so no id is loaded twice): user n is USER_BASE + n, and so on. Conversations are sdkGroup ones;
# messages are texts from the business, as POST …/messages stores them, in the order of their ids. Every
# conversation's last_sequence_id is then its newest message's id (its own when it has none), so that the ids of
# later posts sort above the loaded ones.

readonly USER_BASE=10000000 CONVERSATION_BASE=20000000 PARTICIPANT_BASE=30000000 MESSAGE_BASE=100000000

# load_conversations_sql DATABASE APP COUNT PARTICIPANTS: conversations 1 to COUNT, each counting PARTICIPANTS
load_conversations_sql() {
  local database="$1" app="$2" count="$3" participants="$4"
  cat <<SQL
INSERT INTO conversations (app_id, id, type, metadata, last_updated_at, last_activity_at, last_sequence_id,
                           participant_count, created_at)
SELECT '$app', $(id_sql "$database" "$CONVERSATION_BASE + r.n"), 'sdkGroup', '{}', CURRENT_TIMESTAMP,
       CURRENT_TIMESTAMP, $(id_sql "$database" "$CONVERSATION_BASE + r.n"), $participants, CURRENT_TIMESTAMP
FROM $(range_sql "$database" 1 "$count");
SQL
}

# load_messages_sql DATABASE APP COUNT LONG: COUNT messages, the first LONG in conversation 1, the others
# MESSAGES_PER_CONVERSATION to a conversation in conversations 2, 3, …
load_messages_sql() {
  local database="$1" app="$2" count="$3" long="$4"
  local conversation="CASE WHEN r.n <= $long THEN 1 ELSE 2 + (r.n - $long - 1) / $MESSAGES_PER_CONVERSATION END"
  load_conversations_sql "$database" "$app" \
    $((1 + (count - long + MESSAGES_PER_CONVERSATION - 1) / MESSAGES_PER_CONVERSATION)) 0
  cat <<SQL
INSERT INTO messages (app_id, conversation_id, id, received, author, content, source, metadata)
SELECT '$app', $(id_sql "$database" "$CONVERSATION_BASE + $conversation"), $(id_sql "$database" "$MESSAGE_BASE + r.n"),
       CURRENT_TIMESTAMP, '{"type":"business"}', '{"type":"text","text":"Bench message"}',
       '{"type":"api:conversations"}', NULL
FROM $(range_sql "$database" 1 "$count");
UPDATE conversations SET last_sequence_id = COALESCE((SELECT MAX(m.id) FROM messages m
    WHERE m.app_id = conversations.app_id AND m.conversation_id = conversations.id), id)
WHERE app_id = '$app';
SQL
}

# load_posts_sql DATABASE APP COUNT: users 0 to COUNT and conversations 1 to COUNT, no messages; conversation n
# has two participants, user n and user 0 (who is thus in every conversation: the conversation list's user).
load_posts_sql() {
  local database="$1" app="$2" count="$3" participant
  load_conversations_sql "$database" "$app" "$count" 2
  cat <<SQL
INSERT INTO users (app_id, id, external_id, to_be_retained, profile, metadata, created_at)
SELECT '$app', $(id_sql "$database" "$USER_BASE + r.n"), NULL, FALSE, '{}', '{}', CURRENT_TIMESTAMP
FROM $(range_sql "$database" 0 "$count");
SQL
  for participant in "2 * r.n - 1|r.n" "2 * r.n|0"; do
    cat <<SQL
INSERT INTO participants (app_id, id, conversation_id, user_id)
SELECT '$app', $(id_sql "$database" "$PARTICIPANT_BASE + ${participant%|*}"),
       $(id_sql "$database" "$CONVERSATION_BASE + r.n"), $(id_sql "$database" "$USER_BASE + ${participant#*|}")
FROM $(range_sql "$database" 1 "$count");
SQL
  done
}

h2_url() { # Parley's embedded database (store/EmbeddedDatabase.java) on H2's plain file system, without WRITE_DELAY, for the shell
  printf 'jdbc:h2:file:%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH' "$1"
}

# ---------------------------------------------------------------------------------------------------------------
# Measuring

declare -A RPS P50 P99 P999 ERRORS CPU_SERVER CPU_DATABASE CPU_OTHER
declare -A STARTUP_FIRST STARTUP_LOADED RSS HWM
declare -A WEBHOOK_SENT WEBHOOK_RECEIVED WEBHOOK_ACHIEVED WEBHOOK_P50 WEBHOOK_P99 WEBHOOK_P999 WEBHOOK_DRAIN

field() { # field LINE NAME: the value of NAME=value in a BENCH line
  sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"
}

# parse_bench FILE KEY: reads wrk's BENCH line into the result arrays under KEY
parse_bench() {
  local line
  line=$(grep '^BENCH ' "$1" | tail -1) || fail "no result line in $1: $(tail -5 "$1")"
  RPS[$2]=$(field "$line" rps)
  P50[$2]=$(field "$line" p50_us)
  P99[$2]=$(field "$line" p99_us)
  P999[$2]=$(field "$line" p999_us)
  ERRORS[$2]=$(($(field "$line" status_errors) + $(field "$line" socket_errors)))
}

# Waits until the server has finished what earlier runs left in flight (wrk stops, but requests it sent keep
# the server busy) so that every run starts from an idle server: until its CPU time grows by less than a tenth
# of a core over a quarter second, at most 60 s.
settle() {
  local before after ticks
  ticks=$(getconf CLK_TCK)
  for _ in $(seq 1 240); do
    before=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
    sleep 0.25
    after=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
    [ $((after - before)) -gt $((ticks / 40)) ] || return 0
  done
  echo "bench: warning: the server was still busy 60 s after a run" >&2
}

# CPU time, in clock ticks, of the server process, of PostgreSQL (every process of the postgres user, with the
# children its postmaster has reaped), and of the whole machine (/proc/stat: user, nice, system, irq, softirq,
# steal). Read before and after each run, they split the run's CPU between the server, the database and the rest
# (wrk above all), per request.
ticks_of_server() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_of_postgres() {
  local pid total=0 ticks
  for pid in $(pgrep -u postgres 2>/dev/null); do
    ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null) || continue
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
ticks_of_machine() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

US_PER_TICK=$((1000000 / $(getconf CLK_TCK)))
us_per_request() { # us_per_request TICKS REQUESTS
  awk -v t="$1" -v u="$US_PER_TICK" -v n="$2" 'BEGIN { printf "%.0f", (n > 0 && t > 0) ? t * u / n : 0 }'
}

# cpu_per_request KEY SERVER_BEFORE POSTGRES_BEFORE MACHINE_BEFORE: µs of CPU per request of the run under KEY
cpu_per_request() {
  local key="$1" server=$(($(ticks_of_server) - $2)) postgres=$(($(ticks_of_postgres) - $3))
  local machine=$(($(ticks_of_machine) - $4)) requests
  requests=$(awk -v r="${RPS[$key]}" -v d="$DURATION" 'BEGIN { printf "%.0f", r * d }')
  CPU_SERVER[$key]=$(us_per_request "$server" "$requests")
  CPU_DATABASE[$key]=$(us_per_request "$postgres" "$requests")
  CPU_OTHER[$key]=$(us_per_request $((machine - server - postgres)) "$requests")
}

key_offset=0

# run_wrk DB SCENARIO CONNECTIONS SECONDS SCRIPT PATH [AUTH]: one wrk run; the raw output is kept
run_wrk() {
  local db="$1" scenario="$2" connections="$3" seconds="$4" script="$5" path="$6" auth="${7:-}" label file threads
  if [ "$connections" = warmup ]; then
    connections=16
    threads=2
    label=warmup
    [ ! -e "$out/raw/$db-$scenario-$label.txt" ] || label=warmup2
  else
    threads=$((connections < 2 ? 1 : 2))
    label="c$connections"
  fi
  file="$out/raw/$db-$scenario-$label.txt"
  settle
  local args=(-t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/bench/lua/$script")
  [ -z "$auth" ] || args+=(-H "Authorization: $auth")
  echo "\$ wrk ${args[*]} $BASE$path" | sed 's/Authorization: [^ ]* [^ ]*/Authorization: …/' >"$file"
  local server_ticks postgres_ticks machine_ticks
  server_ticks=$(ticks_of_server)
  postgres_ticks=$(ticks_of_postgres)
  machine_ticks=$(ticks_of_machine)
  BENCH_LUA_DIR="$root/bench/lua" BENCH_THREADS="$threads" BENCH_KEY_OFFSET="$key_offset" \
    BENCH_KEY_APPS="$work/key-apps.txt" BENCH_CONVERSATIONS="$work/post-conversations.txt" wrk "${args[@]}" "$BASE$path" >>"$file" 2>&1 \
    || { cat "$file" >&2; fail "wrk failed"; }
  if grep -q '^BENCH_KEYS_NEXT=' "$file"; then
    key_offset=$(sed -n 's/^BENCH_KEYS_NEXT=//p' "$file")
  fi
  if [ "$label" != warmup ]; then
    parse_bench "$file" "$db|$scenario|$connections"
    cpu_per_request "$db|$scenario|$connections" "$server_ticks" "$postgres_ticks" "$machine_ticks"
  fi
}

# scenario DB SCENARIO SCRIPT PATH [AUTH]: a warm-up, then one run per connection count
scenario() {
  local db="$1" scenario="$2" connections
  echo "bench: $db: $scenario" >&2
  run_wrk "$db" "$scenario" warmup "$WARMUP" "$3" "$4" "${5:-}"
  for connections in "${CONNECTIONS[@]}"; do
    run_wrk "$db" "$scenario" "$connections" "$DURATION" "$3" "$4" "${5:-}"
  done
}

# The database's own commit rate for a one-row insert, at each connection count.
commit_rate() {
  local db="$1" connections jobs file
  echo "bench: $db: commit" >&2
  for connections in "${CONNECTIONS[@]}"; do
    file="$out/raw/$db-commit-c$connections.txt"
    if [ "$db" = postgresql ]; then
      jobs=$((connections < 2 ? connections : 2))
      # Other clients of the same PostgreSQL may hold connections for a while: try again a few times.
      for attempt in 1 2 3 4 5; do
        echo "\$ pgbench -n -f insert.sql -c $connections -j $jobs -T $DURATION $pg_database" >"$file"
        if pgbench -h "$HOST" -p "$PG_PORT" -U postgres -n -f "$work/insert.sql" -c "$connections" -j "$jobs" \
          -T "$DURATION" "$pg_database" >>"$file" 2>&1; then
          break
        fi
        if ! grep -q 'too many clients' "$file" || [ "$attempt" -ge 5 ]; then
          cat "$file" >&2
          fail "pgbench failed"
        fi
        echo "bench: PostgreSQL has no $connections free connections; trying again in 10 s" >&2
        sleep 10
      done
      RPS[$db|commit|$connections]=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$file" | tail -1)
    else
      echo "\$ java -cp target/parley.jar bench/EmbeddedCommitRate.java <scratch url> $connections $DURATION" >"$file"
      # shellcheck disable=SC2086 # the options are separate words
      "$JAVA" $SERVER_HEAP_OPTS -cp "$JAR" "$root/bench/EmbeddedCommitRate.java" \
        "$(h2_url "$work/commit-rate/scratch");WRITE_DELAY=0" "$connections" "$DURATION" >>"$file" 2>&1 \
        || { cat "$file" >&2; fail "EmbeddedCommitRate failed"; }
      RPS[$db|commit|$connections]=$(sed -n 's/^commits\/s: \([0-9.]*\)$/\1/p' "$file")
    fi
    [ -n "${RPS[$db|commit|$connections]}" ] || fail "no commit rate in $file"
  done
}

# Webhook delivery as a receiver sees it (bench/WebhookLatency.java): the time from a message's 201 to its event's
# arrival at steady rates, and the most events per second delivered, draining a backlog built while it was down.
webhook_latency() { # webhook_latency DB APP_ID AUTH
  local db="$1" file="$out/raw/$1-webhook.txt" rate line
  echo "bench: $db: webhook delivery" >&2
  settle
  echo "\$ java -cp target/parley.jar bench/WebhookLatency.java $BASE <auth> $2 post-conversations.txt $DURATION $WEBHOOK_BACKLOG ${WEBHOOK_RATES[*]}" >"$file"
  "$JAVA" -cp "$JAR" "$root/bench/WebhookLatency.java" "$BASE" "$3" "$2" "$work/post-conversations.txt" \
    "$DURATION" "$WEBHOOK_BACKLOG" "${WEBHOOK_RATES[@]}" >>"$file" 2>&1 || { cat "$file" >&2; fail "WebhookLatency failed"; }
  for rate in "${WEBHOOK_RATES[@]}"; do
    line=$(grep "^rate $rate:" "$file") || fail "no result for $rate messages/s in $file"
    WEBHOOK_SENT[$db|$rate]=$(sed -n 's/.* sent \([0-9]*\) .*/\1/p' <<<"$line")
    WEBHOOK_RECEIVED[$db|$rate]=$(sed -n 's/.* received \([0-9]*\) .*/\1/p' <<<"$line")
    WEBHOOK_ACHIEVED[$db|$rate]=$(field "$line" achieved_per_s)
    WEBHOOK_P50[$db|$rate]=$(field "$line" p50_us)
    WEBHOOK_P99[$db|$rate]=$(field "$line" p99_us)
    WEBHOOK_P999[$db|$rate]=$(field "$line" p999_us)
  done
  line=$(grep '^drain:' "$file") || fail "no drain result in $file"
  WEBHOOK_DRAIN[$db]="$(field "$line" events_per_s) events/s ($(field "$line" events) events in $(field "$line" seconds) s)"
}

# A port on 127.0.0.1 that nothing listens on: the target of a webhook whose receiver is down.
closed_port() {
  local port
  for port in $(seq $((PORT + 1)) $((PORT + 100))); do
    (exec 3<>"/dev/tcp/$HOST/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  fail "no closed port above $PORT"
}

# ---------------------------------------------------------------------------------------------------------------
# One database: start fresh, make accounts and keys through the API, load apps with SQL, restart, measure.

bench_database() {
  local db="$1"
  local data="$work/$db"
  mkdir -p "$data"
  server_log="$work/$db-server.log"
  # Webhooks may reach the benchmark's own receiver on loopback; a failed delivery is tried again within a second, so
  # a backlog drains as soon as its receiver is back.
  server_env=(PARLEY_PORT="$PORT" PARLEY_DATA_DIR="$data" PARLEY_RATE_LIMITS=off
              PARLEY_WEBHOOK_ALLOWED_NETWORKS="$HOST/32" PARLEY_WEBHOOK_BACKOFF_FIRST_MILLIS=200
              PARLEY_WEBHOOK_BACKOFF_MAX_SECONDS=1)
  if [ "$db" = postgresql ]; then
    pg_database="parley_bench_$$"
    pg test -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" -c "CREATE DATABASE $pg_database" >/dev/null
    server_env+=(PARLEY_DATABASE_URL="jdbc:postgresql://$HOST:$PG_PORT/$pg_database" PARLEY_DATABASE_USER=postgres
                 PARLEY_MASTER_KEY="$(head -c 32 /dev/urandom | base64 -w0)")
  fi

  echo "bench: $db: first start (empty database, migrations)" >&2
  start_server
  STARTUP_FIRST[$db]=$startup_ms
  OPERATOR_TOKEN=$(cat "$data/operator-token")

  local reads pages_small pages_large writes keys
  read -r -a reads <<<"$(new_account 'Bench reads')"
  read -r -a pages_small <<<"$(new_account 'Bench pages 1k')"
  read -r -a pages_large <<<"$(new_account 'Bench pages 200k')"
  read -r -a writes <<<"$(new_account 'Bench writes')"
  read -r -a keys <<<"$(new_account 'Bench keys')"
  read -r -a messages <<<"$(new_account 'Bench messages')"

  local app app_key app_secret
  app=$(api POST /v2/apps "$(basic "${reads[1]}" "${reads[2]}")" '{"displayName":"Bench read"}')
  settings_json=$(jq -c .app.settings <<<"$app")
  app=$(jq -r .app.id <<<"$app")
  read -r app_key app_secret <<<"$(api POST "/v2/apps/$app/keys" "$(basic "${reads[1]}" "${reads[2]}")" \
    '{"displayName":"Bench read key"}' | jq -r '[.key.id, .key.secret] | join(" ")')"

  local messages_auth messages_small messages_large messages_posts
  messages_auth=$(basic "${messages[1]}" "${messages[2]}")
  messages_small=$(api POST /v2/apps "$messages_auth" '{"displayName":"Bench messages small"}' | jq -r .app.id)
  messages_large=$(api POST /v2/apps "$messages_auth" '{"displayName":"Bench messages large"}' | jq -r .app.id)
  messages_posts=$(api POST /v2/apps "$messages_auth" '{"displayName":"Bench message posts"}' | jq -r .app.id)

  stop_server

  # Enough apps for every key the key runs may make: 10 keys each, at up to 3,000 keys/s of run time.
  local key_pool=$(((WARMUP + DURATION * ${#CONNECTIONS[@]}) * 300 + 1000))
  echo "bench: $db: loading $PAGES_SMALL + $PAGES_LARGE apps for the lists and $key_pool for the keys with SQL" >&2
  id_prefix=$(printf '%08x' "$(date +%s)")
  local sql
  sql=$(load_apps_sql "$db" "${pages_small[0]}" 1 "$PAGES_SMALL")
  sql+=$'\n'$(load_apps_sql "$db" "${pages_large[0]}" $((PAGES_SMALL + 1)) $((PAGES_SMALL + PAGES_LARGE)))
  sql+=$'\n'$(load_apps_sql "$db" "${keys[0]}" $((PAGES_SMALL + PAGES_LARGE + 1)) $((PAGES_SMALL + PAGES_LARGE + key_pool)))
  echo "bench: $db: loading $MESSAGES_SMALL and $MESSAGES_LARGE messages, $POST_CONVERSATIONS conversations for the posts" >&2
  sql+=$'\n'$(load_messages_sql "$db" "$messages_small" "$MESSAGES_SMALL" "$MESSAGES_SMALL")
  sql+=$'\n'$(load_messages_sql "$db" "$messages_large" "$MESSAGES_LARGE" "$MESSAGES_LONG")
  sql+=$'\n'$(load_posts_sql "$db" "$messages_posts" "$POST_CONVERSATIONS")
  loaded=$((PAGES_SMALL + PAGES_LARGE + key_pool))
  loaded_ids $((CONVERSATION_BASE + 1)) $((CONVERSATION_BASE + POST_CONVERSATIONS)) >"$work/post-conversations.txt"
  loaded_ids $((PAGES_SMALL + PAGES_LARGE + 1)) "$loaded" >"$work/key-apps.txt"
  key_offset=0
  if [ "$db" = embedded ]; then
    "$JAVA" -cp "$JAR" org.h2.tools.Shell -url "$(h2_url "$data/parley")" -user parley -password "" \
      -sql "$sql" >"$work/load.log" 2>&1 || { cat "$work/load.log" >&2; fail "loading the embedded database failed"; }
    grep -q '^Error' "$work/load.log" && { cat "$work/load.log" >&2; fail "loading the embedded database failed"; }
  else
    pg "$pg_database" -c "$sql" >"$work/load.log" 2>&1 || { cat "$work/load.log" >&2; fail "loading PostgreSQL failed"; }
    pg "$pg_database" -c "VACUUM ANALYZE" >/dev/null
    pg "$pg_database" -c "CREATE TABLE commit_rate_scratch (id BIGSERIAL PRIMARY KEY, payload VARCHAR(100) NOT NULL)"
    echo "INSERT INTO commit_rate_scratch (payload) VALUES ('one row, committed on its own');" >"$work/insert.sql"
  fi

  echo "bench: $db: second start ($((loaded + 4)) apps)" >&2
  start_server
  STARTUP_LOADED[$db]=$startup_ms

  # The loaded rows must be valid for Parley: read one of each pool, and check the lists' first pages.
  local large_auth small_auth
  large_auth=$(basic "${pages_large[1]}" "${pages_large[2]}")
  small_auth=$(basic "${pages_small[1]}" "${pages_small[2]}")
  api GET "/v2/apps/$(loaded_ids $((PAGES_SMALL + 1)) $((PAGES_SMALL + 1)))" "$large_auth" >/dev/null
  api GET "/v2/apps/$(head -1 "$work/key-apps.txt")" "$(basic "${keys[1]}" "${keys[2]}")" >/dev/null
  [ "$(api GET '/v2/apps?page%5Bsize%5D=25' "$large_auth" | jq '.apps | length')" = 25 ] || fail "the large list is short"
  [ "$(api GET "/admin/accounts/${pages_large[0]}" "Bearer $OPERATOR_TOKEN" | jq .account.appCount)" = "$PAGES_LARGE" ] \
    || fail "the large account's appCount is not $PAGES_LARGE"
  # Each message app's conversation 1 is the one read; user 0 of the posts' app is in all its conversations.
  local conversation member small_page large_page
  conversation=$(loaded_ids $((CONVERSATION_BASE + 1)) $((CONVERSATION_BASE + 1)))
  member=$(loaded_ids "$USER_BASE" "$USER_BASE")
  small_page="/v2/apps/$messages_small/conversations/$conversation/messages"
  large_page="/v2/apps/$messages_large/conversations/$conversation/messages"
  [ "$(api GET "$large_page" "$messages_auth" | jq '.messages | length')" = $((MESSAGES_LONG < 100 ? MESSAGES_LONG : 100)) ] \
    || fail "the long conversation's newest page is short"
  [ "$(api GET "$large_page?page%5Bbefore%5D=$(loaded_ids $((MESSAGE_BASE + 2)) $((MESSAGE_BASE + 2)))" "$messages_auth" \
    | jq -r '.messages[0].content.text')" = "Bench message" ] || fail "the long conversation's oldest message is not readable"
  [ "$(api GET "/v2/apps/$messages_posts/users/$member" "$messages_auth" | jq -r .user.id)" = "$member" ] \
    || fail "the posts' app has no user $member"

  # The server has just started, so the HTTP stack that every scenario shares is not compiled yet: warm it for at
  # least 10 s first, or the reference measured next would come out below the routes it is the ceiling of.
  run_wrk "$db" reference warmup "$((WARMUP > 10 ? WARMUP : 10))" fixed.lua /health/live
  scenario "$db" reference fixed.lua /health/live
  scenario "$db" get_basic_act fixed.lua "/v2/apps/$app" "$(basic "${reads[1]}" "${reads[2]}")"
  scenario "$db" get_basic_app fixed.lua "/v2/apps/$app" "$(basic "$app_key" "$app_secret")"
  scenario "$db" get_jwt_act fixed.lua "/v2/apps/$app" "$(jwt "${reads[1]}" "${reads[2]}" account)"
  scenario "$db" get_jwt_app fixed.lua "/v2/apps/$app" "$(jwt "$app_key" "$app_secret" app)"
  # Both walks share the list code: warm it on the large list too before the small one is measured, so that the
  # order of the two does not favour the second.
  local apps_page='/v2/apps?page%5Bsize%5D=25'
  run_wrk "$db" pages_large warmup "$WARMUP" pages.lua "$apps_page" "$large_auth"
  scenario "$db" pages_small pages.lua "$apps_page" "$small_auth"
  scenario "$db" pages_large pages.lua "$apps_page" "$large_auth"
  # The same for the messages: the large app's pages are warmed before the small app's are measured.
  run_wrk "$db" messages_newest_large warmup "$WARMUP" fixed.lua "$large_page" "$messages_auth"
  scenario "$db" messages_newest_small fixed.lua "$small_page" "$messages_auth"
  scenario "$db" messages_newest_large fixed.lua "$large_page" "$messages_auth"
  BENCH_WALK=before run_wrk "$db" messages_walk_large warmup "$WARMUP" pages.lua "$large_page" "$messages_auth"
  BENCH_WALK=before scenario "$db" messages_walk_small pages.lua "$small_page" "$messages_auth"
  BENCH_WALK=before scenario "$db" messages_walk_large pages.lua "$large_page" "$messages_auth"
  scenario "$db" conversations_of_user pages.lua \
    "/v2/apps/$messages_posts/conversations?filter%5BuserId%5D=$member&page%5Bsize%5D=25" "$messages_auth"
  scenario "$db" post_app post_app.lua /v2/apps "$(basic "${writes[1]}" "${writes[2]}")"
  scenario "$db" post_key post_key.lua / "$(basic "${keys[1]}" "${keys[2]}")"
  [ "$key_offset" -le "$key_pool" ] || echo "bench: warning: the key runs ran past the app pool; expect 400s" >&2
  scenario "$db" post_message post_message.lua "/v2/apps/$messages_posts/conversations" "$messages_auth"
  # The same posts while the app has a webhook whose receiver is down: every event's delivery fails and is retried.
  local integration
  integration=$(api POST "/v2/apps/$messages_posts/integrations" "$messages_auth" \
    "{\"type\":\"custom\",\"displayName\":\"Bench receiver down\",\"webhooks\":[{\"target\":\"http://$HOST:$(closed_port)/\",\"triggers\":[\"conversation:message\"]}]}" \
    | jq -r .integration.id)
  scenario "$db" post_message_receiver_down post_message.lua "/v2/apps/$messages_posts/conversations" "$messages_auth"
  api DELETE "/v2/apps/$messages_posts/integrations/$integration" "$messages_auth" >/dev/null
  webhook_latency "$db" "$messages_posts" "$messages_auth"

  settle
  RSS[$db]=$(awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status")
  HWM[$db]=$(awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status")
  # The server's work is done; stopping it also frees its 17 PostgreSQL connections for pgbench's 64.
  stop_server
  head -100 "$server_log" >"$out/raw/$db-server-log-head.txt"
  commit_rate "$db"

  if [ "$db" = postgresql ]; then
    pg test -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null
    pg_database=""
  fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l > 0.5) }'; then
  echo "bench: warning: load average $load_before before the run: other processes use the CPU, expect lower and noisier numbers" >&2
fi
pg_version=""
if [[ " $DATABASES " == *" postgresql "* ]]; then
  pg_version=$(pg test -At -c "SHOW server_version" | cut -d' ' -f1)
fi
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
for database in $DATABASES; do
  bench_database "$database"
done

# ---------------------------------------------------------------------------------------------------------------
# The table

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
commas() { sed ':a; s/\B[0-9]\{3\}\>/,&/; ta' <<<"$1"; }
per_second() { awk -v r="$1" 'BEGIN { printf (r < 100 ? "%.1f" : "%.0f"), r }'; }
ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2f" : "%.1f"), us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }

budgets="$work/budgets.txt"
: >"$budgets"
verdict() { # verdict CONDITION_HOLDS TEXT: records a budget line (in a file: this runs in a subshell), prints the word
  local word=MISS
  [ "$1" = yes ] && word=PASS
  echo "- $word  $2" >>"$budgets"
  printf '%s' "$word"
}
holds() { "$@" && echo yes || echo no; }
# The embedded database runs inside the server process, so its CPU time is the server's.
cpu_split() { # cpu_split DB KEY
  local database="${CPU_DATABASE[$2]}"
  [ "$1" = embedded ] && database="(in server)"
  printf '%s, %s, %s' "${CPU_SERVER[$2]}" "$database" "${CPU_OTHER[$2]}"
}

label_of() {
  case "$1" in
    reference) echo "1 reference: GET /health/live" ;;
    get_basic_act) echo "2 GET /v2/apps/{id}, Basic, act_ key" ;;
    get_basic_app) echo "2 GET /v2/apps/{id}, Basic, app_ key" ;;
    get_jwt_act) echo "3 GET /v2/apps/{id}, JWT, act_ key" ;;
    get_jwt_app) echo "3 GET /v2/apps/{id}, JWT, app_ key" ;;
    pages_small) echo "4 GET /v2/apps walk, 25 a page, $(commas $PAGES_SMALL) apps" ;;
    pages_large) echo "4 GET /v2/apps walk, 25 a page, $(commas $PAGES_LARGE) apps" ;;
    post_app) echo "5 POST /v2/apps" ;;
    post_key) echo "5 POST /v2/apps/{id}/keys" ;;
    post_message) echo "5 POST …/conversations/{id}/messages, business text, $(commas "$POST_CONVERSATIONS") conversations" ;;
    post_message_receiver_down) echo "7 POST …/messages as above, the app's webhook receiver down" ;;
    messages_newest_small) echo "4 GET …/messages, newest page, app of $(commas "$MESSAGES_SMALL") messages" ;;
    messages_newest_large) echo "4 GET …/messages, newest page, $(commas "$MESSAGES_LONG") of $(commas "$MESSAGES_LARGE") messages" ;;
    messages_walk_small) echo "4 GET …/messages page[before] walk, app of $(commas "$MESSAGES_SMALL") messages" ;;
    messages_walk_large) echo "4 GET …/messages page[before] walk, $(commas "$MESSAGES_LONG") of $(commas "$MESSAGES_LARGE") messages" ;;
    conversations_of_user) echo "4 GET …/conversations?filter[userId] walk, 25 a page, a user in $(commas "$POST_CONVERSATIONS")" ;;
    commit) echo "5 one-row insert commit rate ($2)" ;;
  esac
}

table="$out/results.md"
{
  echo "# Parley benchmark"
  echo
  echo "$started_at; $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory; load average before the run $load_before, after it $load_after."
  echo "$("$JAVA" -version 2>&1 | head -1), server $JAVA_OPTS; $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)" \
    "on the same machine over loopback (-t2, -t1 for 1 connection); $DURATION s per run after a $WARMUP s warm-up" \
    "per scenario.${pg_version:+ PostgreSQL $pg_version on 127.0.0.1.}"
  echo
  echo "| database | scenario | conns | req/s | p50 ms | p99 ms | p99.9 ms | errors | CPU µs/req: server, database, rest | compared with | ratio | budget |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |"
  for db in $DATABASES; do
    baseline=$([ "$db" = postgresql ] && echo "pgbench" || echo "JDBC loop")
    for scenario in reference get_basic_act get_basic_app get_jwt_act get_jwt_app pages_small pages_large \
      messages_newest_small messages_newest_large messages_walk_small messages_walk_large conversations_of_user \
      post_app post_key post_message post_message_receiver_down commit; do
      for connections in "${CONNECTIONS[@]}"; do
        key="$db|$scenario|$connections"
        compared="" ratios="" budget=""
        case "$scenario" in
          get_*)
            reference="$db|reference|$connections"
            r=$(ratio "${RPS[$key]}" "${RPS[$reference]}")
            l=$(ratio "${P99[$key]}" "${P99[$reference]}")
            compared="reference"
            ratios="req/s ${r}×, p99 ${l}×"
            if [ "$connections" = 64 ]; then
              floor=$([ "$db" = embedded ] && echo 0.8 || echo 0.5)
              # shellcheck disable=SC2016 # eval expands them
              budget=$(verdict "$(holds eval 'at_least "$r" "$floor" && at_least 2 "$l"')" \
                "$db: $(label_of "$scenario") at 64: req/s ${r}× the reference (≥ $floor), p99 ${l}× (≤ 2)")
            fi
            ;;
          pages_large | messages_newest_large | messages_walk_large)
            small="$db|${scenario%_large}_small|$connections"
            r=$(ratio "${RPS[$key]}" "${RPS[$small]}")
            l=$(ratio "${P50[$key]}" "${P50[$small]}")
            if [ "$scenario" = pages_large ]; then
              compared="$(commas $PAGES_SMALL) apps"
            else
              compared="app of $(commas "$MESSAGES_SMALL") messages"
            fi
            ratios="req/s ${r}×, p50 ${l}×"
            # shellcheck disable=SC2016 # eval expands them
            budget=$(verdict "$(holds eval 'at_least "$r" 0.6667 && at_least 1.5 "$l"')" \
              "$db: $(label_of "$scenario") vs $compared at $connections: req/s ${r}× (≥ 1/1.5), p50 ${l}× (≤ 1.5)")
            ;;
          post_message_receiver_down)
            r=$(ratio "${RPS[$key]}" "${RPS[$db|post_message|$connections]}")
            compared="the same posts, no webhook"
            ratios="${r}×"
            if [ "$connections" = 64 ]; then
              budget=$(verdict "$(holds at_least "$r" 0.9)" \
                "$db: $(label_of "$scenario") at 64: ${r}× the posts with no webhook (≥ 0.9)")
            fi
            ;;
          post_app | post_key | post_message)
            r=$(ratio "${RPS[$key]}" "${RPS[$db|commit|$connections]}")
            compared="$baseline commits/s"
            ratios="${r}×"
            # A message post's budget is set at 16 and 64 connections, where posts to other conversations overlap.
            if [ "$db" = postgresql ] && { [ "$scenario" != post_message ] || [ "$connections" != 1 ]; }; then
              budget=$(verdict "$(holds at_least "$r" 0.5)" \
                "$db: $(label_of "$scenario") at $connections: ${r}× pgbench's one-row commit rate (≥ 0.5)")
            fi
            ;;
        esac
        if [ "$scenario" = commit ]; then
          printf '| %s | %s | %s | %s | | | | | | | | |\n' "$db" "$(label_of commit "$baseline")" "$connections" \
            "$(per_second "${RPS[$key]}")"
        else
          printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$db" "$(label_of "$scenario")" \
            "$connections" "$(per_second "${RPS[$key]}")" "$(ms "${P50[$key]}")" "$(ms "${P99[$key]}")" "$(ms "${P999[$key]}")" \
            "${ERRORS[$key]}" "$(cpu_split "$db" "$key")" "$compared" "$ratios" "$budget"
        fi
      done
    done
    for rate in "${WEBHOOK_RATES[@]}"; do
      key="$db|$rate"
      printf '| %s | 7 webhook: 201 to the event'"'"'s arrival, %s messages/s asked for %s s (%s answered 201, at %s/s; %s arrived) | | | %s | %s | %s | | | | | |\n' \
        "$db" "$(commas "$rate")" "$DURATION" "${WEBHOOK_SENT[$key]}" "${WEBHOOK_ACHIEVED[$key]}" "${WEBHOOK_RECEIVED[$key]}" \
        "$(ms "${WEBHOOK_P50[$key]}")" "$(ms "${WEBHOOK_P99[$key]}")" "$(ms "${WEBHOOK_P999[$key]}")"
    done
    printf '| %s | 7 webhook: most events delivered, a backlog of %s drained | | | | | | | | | %s | |\n' \
      "$db" "$(commas "$WEBHOOK_BACKLOG")" "${WEBHOOK_DRAIN[$db]}"
    rss_mb=$(awk -v kb="${RSS[$db]}" 'BEGIN { printf "%.0f", kb / 1024 }')
    hwm_mb=$(awk -v kb="${HWM[$db]}" 'BEGIN { printf "%.0f", kb / 1024 }')
    budget=$(verdict "$(holds at_least 299.999 "$rss_mb")" "$db: resident memory at the end ${rss_mb} MB (< 300 MB)")
    printf '| %s | 6 resident memory at the end (VmRSS; peak VmHWM %s MB) | | | | | | | | | %s MB | %s |\n' \
      "$db" "$hwm_mb" "$rss_mb" "$budget"
    for start in first loaded; do
      if [ "$start" = first ]; then
        value=${STARTUP_FIRST[$db]}
        what="empty database, migrations"
      else
        value=${STARTUP_LOADED[$db]}
        what="restart with $(commas $((loaded + 4))) apps, $(commas $((MESSAGES_LARGE + MESSAGES_SMALL))) messages"
      fi
      budget=""
      if [ "$db" = embedded ]; then
        budget=$(verdict "$(holds at_least 1999 "$value")" "$db: process start to first 200 on /health, $what: $value ms (< 2 s)")
      fi
      printf '| %s | 6 process start to first 200 on /health (%s) | | | | | | | | | %s ms | %s |\n' "$db" "$what" "$value" "$budget"
    done
  done
  echo
  echo "Budgets:"
  echo
  cat "$budgets"
} >"$table"

cat "$table"
echo
echo "bench: $(grep -c '^- PASS' "$table") budgets pass, $(grep -c '^- MISS' "$table") miss; written to target/bench/results.md (raw outputs in target/bench/raw/)" >&2
