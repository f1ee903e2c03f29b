# postgres.sh - the PostgreSQL backend, so far (issue 7): it connects to
# a throwaway cluster, creates the schema once at the current version,
# counts, keeps the server's users, and refuses what it cannot do yet
# with nothing written; an unreachable server is named. Skipped (exit 77) without PostgreSQL 15,
# unless SITREP_PG_REQUIRED is set (CI sets it).
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    if [ -n "${SITREP_PG_REQUIRED:-}" ]; then
        fail "PostgreSQL 15 is not installed (scripts/bootstrap)"
        finish
    fi
    echo "skip: no PostgreSQL 15"
    exit 77
fi
chmod 755 "$T"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
uri=$("$SITREP_SOURCE_DIR/scripts/pg-cluster" start "$T/pg" "$port") || { fail "the cluster did not start"; finish; }
trap '"$SITREP_SOURCE_DIR/scripts/pg-cluster" stop "$T/pg"; rm -rf "$T"' EXIT
psql() { /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$port" -U postgres -d sitrep -tAc "$1"; }

run stats --db "$uri"; expect_rc 0 "a new PostgreSQL store opens"
expect_out "^documents +0$" "and is empty"
expect_eq "$(psql 'SELECT version FROM sitrep_schema')" 9 "the schema is at version 9"
run stats --db "$uri"; expect_rc 0 "it opens again"
expect_eq "$(psql 'SELECT count(*) FROM sitrep_schema')" 1 "without a second migration"
expect_eq "$(psql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" 7 \
    "documents, events, incidents, figures, STIX objects, users and the schema table"
SITREP_DB="$uri" "$SITREP" stats >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "SITREP_DB names it too"

run ingest --db "$uri" "$SITREP_SOURCE_DIR/examples/kabul-airport-bombing.txt"
expect_rc 1 "ingest is refused for now"
expect_err "storing documents is not in sitrep's PostgreSQL backend yet" "saying what is missing"
expect_eq "$(psql 'SELECT count(*) FROM documents')" 0 "and nothing was written"

# the server's users live there too
printf 'analyst-password\n' | "$SITREP" user --db "$uri" add analyst --clearance amber --write \
    --password-stdin >"$T/out" 2>"$T/err"; rc=$?
expect_rc 0 "a user is added"
expect_out "^token: [0-9a-f]{64}$" "with a token shown once"
printf 'other-password\n' | "$SITREP" user --db "$uri" add reader --clearance green \
    --password-stdin >/dev/null 2>&1
run user --db "$uri" list; expect_rc 0 "users are listed"
expect_out "^analyst +amber +read, write$" "the writer with its clearance"
expect_out "^reader +green +read$" "and the reader"
expect_eq "$(psql "SELECT count(*) FROM users WHERE pw_hash LIKE '\$argon2id\$%'")" 2 \
    "passwords are stored as Argon2id hashes"
run user --db "$uri" remove reader; expect_rc 0 "a user is removed"
run user --db "$uri" remove reader; expect_rc 1 "removing an unknown user fails"
expect_err "no user reader" "naming it"
expect_eq "$(psql 'SELECT count(*) FROM users')" 1 "one user is left"

# STIX objects from partners
run import --db "$uri" "$SITREP_SOURCE_DIR/fuzz/corpus/stix/bundle.json"; expect_rc 0 "a STIX bundle is imported"
n=$(psql 'SELECT count(*) FROM stix_objects')
[ "$n" -gt 0 ] && pass "its $n objects are stored" || fail "no STIX object stored"
run import --db "$uri" "$SITREP_SOURCE_DIR/fuzz/corpus/stix/bundle.json"; expect_rc 0 "imported again"
expect_eq "$(psql 'SELECT count(*) FROM stix_objects')" "$n" "without duplicates"
expect_eq "$(psql "SELECT count(*) FROM stix_objects WHERE date_added ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$'")" "$n" \
    "each with its date_added as TAXII writes it"

run stats --db "postgresql://analyst:secret@127.0.0.1:1/sitrep?connect_timeout=3"
expect_rc 1 "an unreachable server"
expect_err "cannot connect to PostgreSQL at postgresql://\*\*\*@127.0.0.1:1/sitrep" "is named"
if grep -q secret "$T/err"; then fail "the password is shown"; else pass "without its password"; fi
finish
