#!/bin/sh
# `npm start`: the production server. With the embedded database (no DATABASE_URL) the whole of Postgres lives in
# this process, so the Node side is kept lean: a 4 MB young generation (--max-semi-space-size) and two malloc arenas
# keep the process under 300 MB at 100k answers (docs/benchmarks.md, "Memory with the embedded database"); they cost
# the PostgreSQL setup some submission throughput, so it runs with Node's defaults. `exec`, so the server keeps this
# process id (signals and the PGlite folder lock belong to it).
if [ -z "$DATABASE_URL" ]; then
  export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  exec node --max-semi-space-size=4 server.mjs
fi
exec node server.mjs
