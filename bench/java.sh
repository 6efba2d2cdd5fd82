# Sourced by the benchmark scripts: the JDK 25 they run on, and their Java programs run from the test classes.
#   source bench/java.sh; bench_java -Xmx1g org.gallery.bench.SomeBenchmark ARGS...
JAVA_HOME="${JAVA_HOME_25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)}"
export JAVA_HOME

# Compiles the tests and prints the classpath of the test classes and every dependency, without Maven's colours.
bench_classpath() {
  mvn -B -q test-compile >&2
  mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test >/dev/null
  echo "target/test-classes:target/classes:$(sed "s/\x1b\[[0-9;]*m//g" target/bench-classpath.txt)"
}

# Runs a benchmark class with the options the service itself runs with; JVM options first, then the class.
bench_java() {
  local options=()
  while [ $# -gt 0 ] && [[ "$1" == -* ]]; do options+=("$1"); shift; done
  local cp
  cp="$(bench_classpath)"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector "${options[@]}" \
    -cp "$cp" -Dlogging.level.root=WARN -Dlogging.level.gallery.request=WARN "$@"
}
