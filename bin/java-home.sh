# shellcheck shell=bash
# Sourced by bin/parley, bin/test and bench/run.sh: points JAVA_HOME at a JDK of version 21 or newer, and holds the
# server's default JVM options.
# Machines often carry an older default java beside a newer JDK, so look beyond the default.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

select_java_home() {
  local candidate best="" best_version=0 version
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(java_major "$candidate/bin/java")
    [ -n "$version" ] || continue
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "parley: no JDK 21 or newer found (looked at JAVA_HOME, the javac on PATH and /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  JAVA_HOME_MAJOR="$best_version"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# The JVM options the server runs with unless PARLEY_JAVA_OPTS says otherwise (README: Running it), measured with
# bench/run.sh: the server's live heap is about 25 MB, so 80 MB leaves room for its caches and bursts while the
# whole process stays well under 300 MB resident; the serial collector has no per-region bookkeeping (G1's was
# about 40 MB) and its pauses stay short with so small a heap. A server out of memory exits at once instead of
# limping on with threads that died mid-work (a webhook dispatcher, a request): its supervisor starts it again, and
# nothing acknowledged is lost (README: Running it).
SERVER_HEAP_OPTS="-Xms64m -Xmx80m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"

# The class archive is a file beside the jar. On JDK 25 and newer it is an ahead-of-time cache (JEP 483 and 514:
# classes loaded and linked, with method profiles, from a training start); measured on the benchmark machine, the
# first 200 on /health came after about 1.5 s with it against 2.1 s with the dynamic class-data archive that older
# JDKs get instead. The JVM's notes about either (missing, stale, rewritten) are not the server's to print.
uses_aot_cache() {
  [ "${JAVA_HOME_MAJOR:-$(java_major "$JAVA_HOME/bin/java")}" -ge 25 ]
}
class_archive() { # class_archive JAR
  if uses_aot_cache; then
    echo "${1%.jar}.aot"
  else
    echo "${1%.jar}.jsa"
  fi
}
quiet_class_archive() { # the log tag "aot" is new in JDK 25, and older JDKs refuse to start on an unknown one
  if uses_aot_cache; then
    echo "-Xlog:cds=off -Xlog:cds+dynamic=off -Xlog:aot=off"
  else
    echo "-Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# The heap options and the class archive that write_class_archive writes after a build. An ahead-of-time cache
# is named only when it exists: a missing one would also turn off the JDK's own class-data sharing. A stale one
# (another jar or JDK) is ignored; a stale dynamic archive is rewritten at the next stop.
parley_java_opts() { # parley_java_opts JAR
  local archive
  archive=$(class_archive "$1")
  if uses_aot_cache; then
    if [ -f "$archive" ]; then
      echo "$SERVER_HEAP_OPTS -XX:AOTCache=$archive $(quiet_class_archive)"
    else
      echo "$SERVER_HEAP_OPTS"
    fi
  else
    echo "$SERVER_HEAP_OPTS -XX:SharedArchiveFile=$archive -XX:+AutoCreateSharedArchive $(quiet_class_archive)"
  fi
}

# Writes the class archive for a freshly built jar (see parley_java_opts): the server starts once on a scratch
# embedded database and port, answers /health, and the archive is written as it stops. Without it, the first
# start after a build loads every class from the jar, about twice as slow as a start with the archive.
write_class_archive() { # write_class_archive JAR
  local jar="$1" scratch pid waited=0 unset_parley=() record port
  scratch=$(mktemp -d)
  for variable in $(compgen -e); do
    case "$variable" in PARLEY_*) unset_parley+=(-u "$variable") ;; esac
  done
  rm -f "$(class_archive "$jar")"
  if uses_aot_cache; then
    record="-XX:AOTCacheOutput=$(class_archive "$jar")"
  else
    record="-XX:ArchiveClassesAtExit=$(class_archive "$jar")"
  fi
  # shellcheck disable=SC2086,SC2046 # the options are words
  env "${unset_parley[@]}" PARLEY_DATA_DIR="$scratch/data" PARLEY_PORT=0 \
    "$JAVA_HOME/bin/java" $SERVER_HEAP_OPTS "$record" $(quiet_class_archive) -jar "$jar" serve >"$scratch/log" 2>&1 &
  pid=$!
  until grep -qs 'Parley is listening' "$scratch/log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 600 ]; then
      kill "$pid" 2>/dev/null || true
      echo "parley: the class archive was not written (the server did not start; it starts without one)" >&2
      rm -rf "$scratch"
      return 0
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  port=$(sed -n 's/.*Parley is listening on port \([0-9]*\).*/\1/p' "$scratch/log" | head -1)
  if [ -n "$port" ] && command -v curl >/dev/null; then
    curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/health" || true
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  rm -rf "$scratch"
}
