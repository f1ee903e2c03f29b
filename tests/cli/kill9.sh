# kill9.sh - kill -9 at random points of a long ingest, many times: every
# committed batch survives, no document is half-stored, and a final run
# completes the job with every document exactly once.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

N=600
mkdir corpus
i=1
while [ $i -le $N ]; do
    article corpus/doc$i.txt $((i + 1000))
    i=$((i + 1))
done

seed=$$
k=0
while [ $k -lt 12 ]; do
    "$SITREP" ingest --quiet --batch 7 --db k.db corpus 2>/dev/null &
    pid=$!
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    delay=$(( seed % 150 ))                 # 0 to 149 ms
    sleep "0.$(printf '%03d' $delay)"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    k=$((k + 1))
done

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
