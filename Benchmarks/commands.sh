#!/usr/bin/env bash
# Whole commands of the release binary against the SQLite floor, in one run.
#
#     Benchmarks/commands.sh
#
# Builds `incident` and `incident-hub` as the README installs them (release, static
# Swift runtime, not position-independent, stripped) and
# `sqlite-floor` (the raw SQLite C API), makes the data (100,000 entries, 10,000
# incidents, 10,000 and 1,000,000 ops), times each command beside its floor with
# hyperfine, and prints the table of Benchmarks/README.md. Needs hyperfine and
# sqlite3 (Debian). Takes about a quarter of an hour on two cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# The two programs alone: the test support target imports Testing, which a release build lacks.
for product in incident incident-hub; do
    (cd "$root" && swift build -c release --product "$product" --static-swift-stdlib \
        -Xswiftc -Xclang-linker -Xswiftc -no-pie >&2)
done
(cd "$here" && swift build -c release --product sqlite-floor >&2)
incident="$work/incident"
install -s "$root/.build/release/incident" "$root/.build/release/incident-hub" "$work"
floor="$here/.build/release/sqlite-floor"
export TZ=UTC INCIDENT_DB="$work/unused.sqlite"

checkpoint() { sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; }
fresh() { # FILE NAME: a new replica with no op
    "$incident" init --name "$2" --db "$1" >/dev/null
    checkpoint "$1"
}

echo "making data in $work" >&2
python3 "$here/make-bundle.py" "$work/10k.bundle" --entries 10000
python3 "$here/make-bundle.py" "$work/100k.bundle" --entries 100000
python3 "$here/make-bundle.py" "$work/1m.bundle" --entries 1000000
python3 "$here/make-bundle.py" "$work/incidents.bundle" --incidents 10000
seq 1 100000 | sed 's/^/api 5xx climbing on the search cluster, line /' > "$work/100k.txt"
fresh "$work/empty.sqlite" bob
cp "$work/empty.sqlite" "$work/one-incident.sqlite"
"$incident" new "Search API returns 500" --severity 1 --db "$work/one-incident.sqlite" >/dev/null
checkpoint "$work/one-incident.sqlite"
for name in 100k incidents; do
    cp "$work/empty.sqlite" "$work/$name.sqlite"
    "$incident" bundle apply "$work/$name.bundle" --db "$work/$name.sqlite" >/dev/null
    checkpoint "$work/$name.sqlite"
done
"$floor" insert "$work/floor.sqlite" 100000
"$floor" incidents "$work/floor-incidents.sqlite" 10000
checkpoint "$work/floor.sqlite"
checkpoint "$work/floor-incidents.sqlite"
id="$(sqlite3 "$work/100k.sqlite" "SELECT lower(hex(id)) FROM incident_state")"
# Signed ops as a replica writes them: 100,000 lines logged in one command (one run, one
# seal), then bundled; and 1,000 entries logged one command each (a seal an entry).
cp "$work/one-incident.sqlite" "$work/logged.sqlite"
"$incident" log --db "$work/logged.sqlite" < "$work/100k.txt" >/dev/null
checkpoint "$work/logged.sqlite"
"$incident" bundle create "$work/signed.bundle" --db "$work/logged.sqlite" >/dev/null
cp "$work/one-incident.sqlite" "$work/one-by-one.sqlite"
for n in $(seq 1 1000); do "$incident" log "api 5xx climbing on the search cluster, line $n" \
    --db "$work/one-by-one.sqlite" >/dev/null; done
checkpoint "$work/one-by-one.sqlite"
# The same 100,000 entries on a replica of a team: `show` names each writer by the roster.
cp "$work/100k.sqlite" "$work/100k-team.sqlite"
member="$("$incident" whoami --db "$work/one-by-one.sqlite" | sed -n 's/^key fingerprint: //p')"
"$incident" team admit "$member" --name carol --db "$work/100k-team.sqlite" >/dev/null
checkpoint "$work/100k-team.sqlite"

measure() { # NAME COMMAND FLOOR [hyperfine options]
    local name="$1" command="$2" floor_command="$3"
    shift 3
    hyperfine -N --warmup 1 --runs 10 --export-json "$work/$name.json" "$@" \
        -n "$name" "$command" -n floor "$floor_command" >&2
}
# hyperfine -N runs --prepare without a shell too: hand it one.
# The copy is synced before the timed run: else the run's first fsync writes the copy.
reset_target() { echo "sh -c 'rm -f $work/target.sqlite*; cp $work/$1 $work/target.sqlite; sync'"; }

measure apply "$incident bundle apply $work/100k.bundle --db $work/target.sqlite" \
    "$floor insert $work/target-floor.sqlite 100000" --prepare "$(reset_target empty.sqlite)"
measure apply-signed "$incident bundle apply $work/signed.bundle --db $work/target.sqlite" \
    "$floor insert $work/target-floor.sqlite 100000" --prepare "$(reset_target empty.sqlite)"
measure log "sh -c '$incident log --db $work/target.sqlite < $work/100k.txt'" \
    "$floor insert $work/target-floor.sqlite 100000" --prepare "$(reset_target one-incident.sqlite)"
measure show "$incident show $id --db $work/100k.sqlite" "sqlite3 $work/floor.sqlite 'SELECT * FROM ops'"
measure show-json "$incident show $id --json --db $work/100k.sqlite" "sqlite3 $work/floor.sqlite 'SELECT * FROM ops'"
measure show-team "$incident show $id --db $work/100k-team.sqlite" "sqlite3 $work/floor.sqlite 'SELECT * FROM ops'"
measure list-all "$incident list --all --db $work/incidents.sqlite" \
    "sqlite3 $work/floor-incidents.sqlite 'SELECT * FROM incidents ORDER BY started_at DESC'"
measure list-json "$incident list --all --json --db $work/incidents.sqlite" \
    "sqlite3 $work/floor-incidents.sqlite 'SELECT * FROM incidents ORDER BY started_at DESC'"
measure list-entries "$incident list --db $work/100k.sqlite" "sqlite3 $work/floor.sqlite 'SELECT count(*) FROM ops'"
measure list-one "$incident list --db $work/one-incident.sqlite" "sqlite3 $work/floor.sqlite 'SELECT count(*) FROM ops'"
measure version "$incident --version" "sqlite3 $work/floor.sqlite \"INSERT INTO ops VALUES (randomblob(16), 1, 1, 'entry.add', 'api 5xx climbing')\""
measure record-one "$incident log api 5xx climbing -i $id --db $work/100k.sqlite" \
    "sqlite3 $work/floor.sqlite \"INSERT INTO ops VALUES (randomblob(16), 1, 1, 'entry.add', 'api 5xx climbing')\""

# Peak memory and time of applying 1,000,000 ops.
cp "$work/empty.sqlite" "$work/1m.sqlite"
/usr/bin/time -f "%e %M" -o "$work/1m-apply.txt" \
    "$incident" bundle apply "$work/1m.bundle" --db "$work/1m.sqlite" >/dev/null
checkpoint "$work/1m.sqlite"

# `sync URL` pulling 10 new ops over 10k, 100k and 1M ops of history.
port=18400
for size in 10k 100k 1m; do
    fresh "$work/server-$size.sqlite" server
    fresh "$work/client-$size.sqlite" client
    for side in server client; do
        "$incident" bundle apply "$work/$size.bundle" --db "$work/$side-$size.sqlite" >/dev/null
        checkpoint "$work/$side-$size.sqlite"
    done
    seq 1 10 | sed 's/^/new line /' | "$incident" log -i "$id" --db "$work/server-$size.sqlite" >/dev/null
    port=$((port + 1))
    "$incident" serve --listen "127.0.0.1:$port" --db "$work/server-$size.sqlite" 2>/dev/null &
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    hyperfine -N --warmup 1 --runs 10 --export-json "$work/sync-$size.json" \
        --prepare "sh -c 'rm -f $work/sync-client.sqlite*; cp $work/client-$size.sqlite $work/sync-client.sqlite; sync'" \
        -n "sync-$size" "$incident sync http://127.0.0.1:$port --db $work/sync-client.sqlite" >&2
done

python3 "$here/report.py" "$work"
