#!/bin/bash
# Three rounds of the realistic ticket-creation mix against a fresh demo database, with pgbench in the same run.
# usage: create-rounds.sh <kept jar> <label> <port>; needs target/test-classes and target/bench-cp.txt (docs/benchmarks.md,
# "How to run") and the PostgreSQL server on 127.0.0.1:5432 with trust authentication.
set -u
JAR=$1; L=$2; PORT=$3; DB=kept_perf_$L
dropdb -h 127.0.0.1 -U postgres --if-exists "$DB"; createdb -h 127.0.0.1 -U postgres "$DB"
KEPT_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB KEPT_DB_USER=postgres KEPT_DEMO=true PORT=$PORT \
  java -Xmx512m -jar "$JAR" > "/tmp/kept-bench-$L.log" 2>&1 &
SP=$!
for i in $(seq 1 120); do curl -s "localhost:$PORT/actuator/health/readiness" | grep -q UP && break; sleep 1; done
CP=target/test-classes:$(cat target/bench-cp.txt)
for round in 1 2 3; do
  uptime
  java -cp "$CP" org.kept.bench.KeptLoadBenchmark create --url "http://127.0.0.1:$PORT" --clients 32 --warmup 3000 \
    --count 15000 --mix realistic --user lead --server-pid $SP --pgbench-seconds 10 --pgbench-db "$DB"
done
uptime
kill $SP
