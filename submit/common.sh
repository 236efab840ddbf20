# Shared by the submit/ scripts: build when needed, find Spark, launch an entry point.
# Source it; it defines functions only.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Which build: SPARK_MLP_LINE=spark-3.5 (the default: Spark 3.5, Scala 2.12, built into target/)
# or spark-4 (Spark 4.x, Scala 2.13, built with mvn -Pspark-4 into target/spark-4/).
case "${SPARK_MLP_LINE:=spark-3.5}" in
  spark-3.5) build="$root/target" scala=2.12 profile=() ;;
  spark-4) build="$root/target/spark-4" scala=2.13 profile=(-Pspark-4) ;;
  *)
    echo "spark-mlp: SPARK_MLP_LINE=$SPARK_MLP_LINE is neither spark-3.5 nor spark-4" >&2
    exit 2
    ;;
esac
export SPARK_MLP_LINE
jar="$build/spark-mlp_$scala.jar"
bench_jar="$build/spark-mlp_$scala-bench.jar"
classpath="$build/classpath.txt"

# Builds the application jar, the bench jar and classpath.txt of the build when missing or older than
# the sources.
build_if_needed() {
  if [[ ! -f "$jar" || ! -f "$bench_jar" || ! -f "$classpath" ]] \
      || [[ -n "$(find "$root/src/main" "$root/src/bench" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
    echo "spark-mlp: building the project (the first build downloads dependencies)..." >&2
    (cd "$root" && mvn -q -B -DskipTests "${profile[@]}" package) >&2
  fi
}

# The spark-submit of an installed Spark (SPARK_HOME first, then PATH), or nothing.
installed_spark_submit() {
  if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
    echo "$SPARK_HOME/bin/spark-submit"
  else
    command -v spark-submit || true
  fi
}

# conf/spark-defaults.conf, then the file SPARK_MLP_CONF names (e.g. conf/spark-secure.conf),
# as --conf arguments, so they apply on top of an installation's own.
spark_conf_args() {
  local key value file
  for file in "$root/conf/spark-defaults.conf" ${SPARK_MLP_CONF:+"$SPARK_MLP_CONF"}; do
    while read -r key value; do
      [[ -z "$key" || "$key" == \#* ]] && continue
      printf -- '--conf\n%s=%s\n' "$key" "$value"
    done < "$file"
  done
}

# Java 17 module flags Spark needs in a driver JVM we start ourselves (one source: the pom).
driver_jvm_flags() {
  sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$root/pom.xml"
}

# submit CLASS [args...]: runs CLASS from the application jar through spark-submit if Spark is
# installed (MASTER, when set, picks the master), or else through Spark's own SparkSubmit entry
# point from the project's classpath on MASTER or local[*]; then executors that Spark starts
# (local-cluster, standalone) get the Vector API too, so they compute with VectorBLAS as the
# driver does and a cluster run gives the weights of a local one. SUBMIT_JARS, when set, is
# passed as --jars (the bench jar, for submit/bench).
submit() {
  local main_class="$1"
  shift
  build_if_needed
  local conf_args spark_submit
  mapfile -t conf_args < <(spark_conf_args)
  if [[ -n "${SUBMIT_JARS:-}" ]]; then
    conf_args+=(--jars "$SUBMIT_JARS")
  fi
  spark_submit="$(installed_spark_submit)"
  if [[ -n "$spark_submit" ]]; then
    exec "$spark_submit" ${MASTER:+--master "$MASTER"} "${conf_args[@]}" \
      --class "$main_class" "$jar" "$@"
  fi
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  # Spark runs a task per core: a native BLAS with threads of its own would oversubscribe them
  export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
  if [[ "${MASTER:-}" == local-cluster* && -z "${SPARK_HOME:-}" ]]; then
    # local-cluster starts executor JVMs from SPARK_HOME/jars: make one of the Maven jars
    SPARK_HOME="$(maven_spark_home)"
    export SPARK_HOME SPARK_SCALA_VERSION="$scala"
  fi
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  # shellcheck disable=SC2046 # the flags are one word each
  exec "$java" $(driver_jvm_flags) -Dlog4j.configurationFile="$root/conf/log4j2.properties" \
    ${DRIVER_MEMORY:+-Xmx$DRIVER_MEMORY} \
    -cp "$(cat "$classpath")" org.apache.spark.deploy.SparkSubmit \
    --master "${MASTER:-local[*]}" "${conf_args[@]}" \
    --conf spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector \
    --conf spark.executorEnv.OPENBLAS_NUM_THREADS="$OPENBLAS_NUM_THREADS" \
    --class "$main_class" "$jar" "$@"
}

# run_main CLASS [args...]: runs a main class of ours that needs no Spark context.
run_main() {
  local main_class="$1"
  shift
  build_if_needed
  "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar:$(cat "$classpath")" \
    "$main_class" "$@"
}

# A SPARK_HOME made of the Maven classpath of this build (spark-home/jars in the build directory
# links to each jar), for local-cluster and standalone masters, which start executor JVMs from
# SPARK_HOME/jars.
maven_spark_home() {
  build_if_needed
  local home="$build/spark-home"
  rm -rf "$home"
  mkdir -p "$home/jars"
  tr ':' '\n' < "$classpath" | while read -r jar_file; do
    ln -s "$jar_file" "$home/jars/"
  done
  echo "$home"
}
