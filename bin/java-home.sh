# Sourced by bin/parley and bin/test: points JAVA_HOME at a JDK of version 21 or newer.
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
  export PATH="$JAVA_HOME/bin:$PATH"
}
