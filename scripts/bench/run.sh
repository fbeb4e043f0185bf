#!/usr/bin/env bash
# Full-scale benchmark of the board: seeds 100,000 postings, starts the server,
# loads it with wrk at 32 connections, and reports latency and resident memory.
# Usage: scripts/bench/run.sh [sqlite|postgres] [postings]
# Needs: wrk (apt-get install wrk), PostgreSQL at 127.0.0.1:5432 for "postgres".
set -euo pipefail
engine=${1:-sqlite}
n=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$root"
go build -o "$work/pathways" ./cmd/pathways
if [ "$engine" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc 'DROP DATABASE IF EXISTS pathways_bench' -c 'CREATE DATABASE pathways_bench'
  db='postgres://postgres@127.0.0.1:5432/pathways_bench?sslmode=disable'
else
  db="sqlite:$work/bench.db"
fi
echo "== seed $n postings ($engine)"
/usr/bin/time -f "seed: %e s, max RSS %M KiB" "$work/pathways" seed --postings "$n" --seed 1 --db "$db" --log-level warn
"$work/pathways" serve --addr 127.0.0.1:8099 --db "$db" --log-level warn &
pid=$!
start=$(date +%s)
until curl -fs http://127.0.0.1:8099/readyz >/dev/null; do # the index builds before the server listens
  if ! kill -0 $pid 2>/dev/null || [ $(( $(date +%s) - start )) -ge 900 ]; then echo "server not ready" >&2; exit 1; fi
  sleep 0.5
done
echo "== ready after $(( $(date +%s) - start )) s; resident memory after start-up:"
grep -E 'VmRSS|VmHWM' /proc/$pid/status
echo "== warm-up"
wrk -t2 -c32 -d5s -s "$here/search.lua" http://127.0.0.1:8099 >/dev/null
echo "== search API: keyword + two facets, 32 connections, 30 s"
wrk -t2 -c32 -d30s --latency -s "$here/search.lua" http://127.0.0.1:8099
echo "== posting pages, 32 connections, 30 s"
MAXID=$n wrk -t2 -c32 -d30s --latency -s "$here/posting.lua" http://127.0.0.1:8099
echo "== server resident memory"
grep -E 'VmRSS|VmHWM' /proc/$pid/status
