# ingest.sh - ingest, idempotence, every input error and its exit status,
# and the store queries (events filters and formats, stats).
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

mkdir corpus corpus/sub
article corpus/a.txt 12
article corpus/sub/b.txt 30
echo "not an article" > corpus/notes.md          # skipped inside a directory

run ingest --db t.db corpus; expect_rc 0 "ingest a directory"
expect_err "2 documents read, 2 new" "summary counts the documents"
run stats --db t.db --format json; expect_rc 0 "stats json"
expect_eq "$(json_field "$T/out" documents)" 2 "two documents stored"
expect_eq "$(json_field "$T/out" events)" 2 "two events stored"

# idempotence: the same inputs, and the same text with other white space
run ingest --db t.db corpus; expect_rc 0 "re-ingest"; expect_err "0 new, 2 already stored" "re-ingest adds nothing"
sed 's/  */   /g' corpus/a.txt > spaced.txt
run ingest --db t.db spaced.txt; expect_rc 0 "same text, other spacing"
run stats --db t.db --format json
expect_eq "$(json_field "$T/out" documents)" 2 "still two documents"
expect_eq "$(json_field "$T/out" events)" 2 "still two events"

# $SITREP_DB and the default ./sitrep.db
SITREP_DB="$T/env.db" "$SITREP" ingest --quiet corpus/a.txt 2>"$T/err"; rc=$?
expect_rc 0 "ingest with SITREP_DB"; [ -s env.db ] && pass "SITREP_DB used" || fail "SITREP_DB not used"
run ingest --quiet corpus/a.txt; expect_rc 0 "ingest with the default store"
[ -s sitrep.db ] && pass "./sitrep.db is the default" || fail "no ./sitrep.db"
[ ! -s "$T/err" ] && pass "--quiet prints nothing" || fail "--quiet printed: $(cat "$T/err")"

# failures: each named, the rest still stored, exit 1
: > empty.txt
printf 'abc\000def\000' > binary.txt
article big.txt 5; head -c 3000 /dev/zero | tr '\0' 'x' >> big.txt
article good.txt 7
printf 'Bad bytes \377\376 here\n\nMOSUL, May 2, 2017 (W) \342\200\224 A car bomb killed 9 people in Mosul.\n' > bad-utf8.txt
run ingest --db f.db --max-doc-size 2000 empty.txt binary.txt missing.txt big.txt good.txt bad-utf8.txt
expect_rc 1 "some inputs fail"
expect_err "empty.txt: .*empty" "names the empty file"
expect_err "binary.txt: .*binary" "names the binary file"
expect_err "missing.txt: .*(No such file|not found|no such file)" "names the missing file"
expect_err "big.txt: .*(too large|limit)" "names the oversized file"
expect_err "bad-utf8.txt: warning: .*UTF-8" "warns about repaired UTF-8"
run stats --db f.db --format json
expect_eq "$(json_field "$T/out" documents)" 2 "the good and the repaired file are stored"

# JSON lines: a bad line is named with its number; the others are stored
cat > feed.jsonl <<'J'
{"id": "w1", "title": "One", "published": "2019-03-03", "text": "BAGHDAD, March 3, 2019 (W) — A car bomb killed 11 people in Baghdad on Sunday."}
{"id": "w2", "text": 
{"id": "w3", "published": "2019-03-04T08:00:00Z", "text": "KABUL (W) — Gunmen abducted 14 aid workers in Kabul on Monday."}
J
run ingest --db j.db feed.jsonl; expect_rc 1 "a bad JSON line fails the input"
expect_err "feed.jsonl:2" "names the bad line"
run events --db j.db --format jsonl
expect_out '"doc":"w1"' "jsonl doc id is the line id (w1)"
expect_out '"doc":"w3".*"kidnapped":14' "jsonl w3 stored with its toll"

# stdin
article - 21 < /dev/null > /dev/null 2>&1 || true
article in.txt 21
"$SITREP" ingest --db s.db - < in.txt 2>"$T/err"; rc=$?
expect_rc 0 "ingest from stdin"
run events --db s.db --format jsonl; expect_out '"doc":"stdin".*"killed":21' "stdin document and its event"

# events: filters and formats
run events --db t.db; expect_rc 0 "events table"; expect_out "^DOC +DATE +TYPE" "table header"; expect_out "\(2 events\)" "table footer"
run events --db t.db --format csv; expect_out "^id,doc,type,method" "csv header"
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 3 "csv: header and two rows"
run events --db t.db --format jsonl --country iq; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 2 "country filter (case-insensitive)"
run events --db t.db --format jsonl --country NG; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 0 "country filter excludes"
run events --db t.db --format jsonl --type attack --since 2019-03 --until 2019-03-03; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 2 "type and date range"
run events --db t.db --format jsonl --since 2019-03-04; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 0 "since excludes earlier"
run events --db t.db --format jsonl --until 2018; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 0 "until excludes later"
run events --db t.db --format jsonl --limit 1; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 1 "limit"
run events --db t.db --format jsonl --group islamic_state; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 0 "group filter"
run events --db t.db --format jsonl --type kidnapping; expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 0 "type filter excludes"
run stats --db t.db; expect_rc 0 "stats text"; expect_out "^documents +2" "stats text documents"; expect_out "attack +2" "stats by type"; expect_out "IQ +2" "stats by country"

# a store that is not a database
echo "plain text" > notadb.db
run events --db notadb.db; expect_rc 1 "not a database"; expect_err "notadb.db" "names the bad store"
finish
