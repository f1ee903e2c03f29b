# kill9.sh - kill -9 at random points of a long ingest, many times: every
# committed batch survives, no document is half-stored, and a final run
# completes the job with every document exactly once.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

N=5000
mkdir corpus
awk -v n=$N 'BEGIN { for (i = 1; i <= n; i++) {
    f = sprintf("corpus/doc%d.txt", i)
    printf "Bomb kills %d in Baghdad\n\nBAGHDAD, March 3, 2019 (Test Wire) \342\200\224 A car bomb killed %d people at a market in Baghdad on Sunday, police said.\n", i + 1000, i + 1000 > f
    close(f) } }'

seed=$$
k=0
interrupted=0
while [ $k -lt 12 ]; do
    "$SITREP" ingest --quiet --batch 5 --db k.db corpus 2>/dev/null &
    pid=$!
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    delay=$(( 5 + seed % 60 ))              # 5 to 64 ms
    sleep "0.$(printf '%03d' $delay)"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    k=$((k + 1))
    run stats --db k.db --format json
    docs=$(json_field "$T/out" documents); events=$(json_field "$T/out" events)
    [ "${docs:-0}" -lt $N ] && interrupted=$((interrupted + 1))
    [ "$docs" = "$events" ] || fail "after kill $k: $docs documents but $events events"
done
echo "kills that interrupted the ingest: $interrupted of 12 ($docs documents stored)"
[ $interrupted -ge 6 ] && pass "most kills landed mid-ingest" || fail "only $interrupted kills landed mid-ingest"

run stats --db k.db --format json; expect_rc 0 "store opens after the kills"
docs=$(json_field "$T/out" documents); events=$(json_field "$T/out" events)
expect_eq "$events" "$docs" "after the kills: every stored document has its one event ($docs documents)"

run ingest --db k.db corpus; expect_rc 0 "final ingest completes"
run stats --db k.db --format json
expect_eq "$(json_field "$T/out" documents)" $N "every document exactly once"
expect_eq "$(json_field "$T/out" events)" $N "every event exactly once"

if command -v python3 >/dev/null; then
    ok=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('pragma integrity_check').fetchone()[0]); print(c.execute('select count(*) from (select document_id from events group by document_id having count(*)<>1)').fetchone()[0])" k.db | tr '\n' ' ')
    expect_eq "$ok" "ok 0 " "integrity check clean, no document with a missing or extra event"
fi
finish
