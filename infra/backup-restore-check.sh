#!/usr/bin/env bash
# Backup and restore, end to end, on the PostgreSQL named by DATABASE_URL (any database on that
# server; needs pg_dump/pg_restore of the server's major version, Debian's postgresql-client):
#   1. a fresh database gets the demo (plans, tasks, ledger, audit chain);
#   2. pg_dump -Fc, then pg_restore into another fresh database;
#   3. the restored one must hold the same rows, an intact audit chain, and serve a login + read.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a server where databases may be created}"
base="${DATABASE_URL%/*}"
suffix="$(date +%s)$$"
src="duban_backup_src_$suffix"; dst="duban_backup_dst_$suffix"
dump="$(mktemp -d)/duban.dump"
cleanup() { for db in "$src" "$dst"; do psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

echo "1. demo into $src"
DATABASE_URL="$base/$src" DUBAN_DEMO_PASSWORD=backup-check-pass pnpm --silent duban demo >/dev/null

echo "2. pg_dump → pg_restore into $dst"
pg_dump -Fc -f "$dump" "$base/$src"
psql -q "$base/postgres" -c "CREATE DATABASE \"$dst\""
pg_restore --exit-on-error -d "$base/$dst" "$dump"

echo "3. the restored database"
counts='SELECT (SELECT count(*) FROM "Plan")||'"'"'/'"'"'||(SELECT count(*) FROM "Task")||'"'"'/'"'"'||(SELECT count(*) FROM "LedgerEntry")||'"'"'/'"'"'||(SELECT count(*) FROM "AuditEvent")||'"'"'/'"'"'||(SELECT count(*) FROM "User")'
a=$(psql -tAq "$base/$src" -c "$counts"); b=$(psql -tAq "$base/$dst" -c "$counts")
echo "   plans/tasks/ledger/audit/users: source $a, restored $b"
[ "$a" = "$b" ] || { echo "FAIL: row counts differ"; exit 1; }
DATABASE_URL="$base/$dst" pnpm --silent duban audit verify
# the append-only rule came back with the schema
if psql -q "$base/$dst" -c 'DELETE FROM "AuditEvent"' >/dev/null 2>&1; then echo "FAIL: audit rows deletable after restore"; exit 1; fi
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
DATABASE_URL="$base/$dst" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" PORT=$port LOG_LEVEL=warn QUEUE_PREFIX="backup-check-$suffix" \
  node --import tsx apps/api/src/main.ts & api=$!
trap 'kill $api 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' -H 'x-duban-csrf: 1' \
  --data '{"json":{"email":"office@xifeng.demo","password":"backup-check-pass"}}' "http://127.0.0.1:$port/trpc/auth.login" | grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/')
plans=$(curl -sf -H "cookie: $cookie" "http://127.0.0.1:$port/trpc/plan.list?input=%7B%22json%22%3A%7B%7D%7D")
echo "$plans" | grep -q '息烽' || { echo "FAIL: restored product does not serve the plan: $plans"; exit 1; }
echo "backup and restore: OK (login and plan list served from the restored database)"
