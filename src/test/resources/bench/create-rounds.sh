#!/bin/bash
# Three rounds of the realistic ticket-creation mix against a fresh demo database, with pgbench in the same run.
# usage: create-rounds.sh <kept jar> <label> <port> (KEPT_BENCH_JVM_OPTS: more options for the server's JVM, e.g. JFR;
# KEPT_BENCH_ROUNDS, KEPT_BENCH_WARMUP, KEPT_BENCH_COUNT: rounds and creates per round, 3, 3,000 and 15,000 by default;
# KEPT_BENCH_CLIENT: the driver's HTTP client, jdk by default as before §32, or loopback); needs target/test-classes and target/bench-cp.txt (docs/benchmarks.md,
# "How to run") and the PostgreSQL server on 127.0.0.1:5432 with trust authentication.
set -u
JAR=$1; L=$2; PORT=$3; DB=kept_perf_$L
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"
KEPT_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB KEPT_DB_USER=postgres KEPT_DEMO=true PORT=$PORT \
  java -Xmx512m ${KEPT_BENCH_JVM_OPTS:-} -jar "$JAR" > "/tmp/kept-bench-$L.log" 2>&1 &
SP=$!
# on a loaded machine the demo centre and the knowledge index take minutes: wait for readiness (up to 15 min)
for i in $(seq 1 900); do curl -s "localhost:$PORT/actuator/health/readiness" | grep -q UP && break; sleep 1; done
echo "ready after ${i} s"
CP=target/test-classes:$(cat target/bench-cp.txt)
for round in $(seq 1 ${KEPT_BENCH_ROUNDS:-3}); do
  uptime
  java -cp "$CP" org.kept.bench.KeptLoadBenchmark create --url "http://127.0.0.1:$PORT" --clients 32 --warmup ${KEPT_BENCH_WARMUP:-3000} \
    --count ${KEPT_BENCH_COUNT:-15000} --mix realistic --client ${KEPT_BENCH_CLIENT:-jdk} --user lead --server-pid $SP --pgbench-seconds 10 --pgbench-db "$DB"
done
uptime
kill $SP
