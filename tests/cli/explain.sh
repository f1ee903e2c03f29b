# explain.sh - `sitrep extract --explain`: the narrative of every decision.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

cat > a.txt <<'ART'
Car bomb kills 12 in Baghdad

BAGHDAD, March 4, 2019 (Test Wire) — A car bomb killed 12 people at a market in Baghdad on Sunday, police said. Thirty others were wounded.

Attacks have killed more than 400 people in the province since January.

Islamic State claimed responsibility for the bombing.
ART
run extract --explain a.txt; expect_rc 0 "explain runs"
expect_out "^== a \(a.txt\)" "a header per document"
expect_out "^reference date 2019-03-04; dateline place Baghdad; main country IQ" "the document context"
expect_out "^sentence 1: the title or dateline, skipped" "the title is skipped"
expect_out "type: attack/bombing \(the first attack word with a method\)" "the rule that typed the sentence"
expect_out "killed=12;" "the toll found"
expect_out "date=2019-03-03;" "the date resolved against the dateline"
expect_out "=> event 1$" "the sentence made event 1"
expect_out "injured=30;" "the follow-up toll"
expect_out "=> its tolls join event 1" "the follow-up joins event 1"
expect_out "=> no event: a statement about a period, not an incident" "the aggregate is explained"
expect_out "=> a claim or attribution: its group is the actor of the event before" "the claim is explained"
expect_out "islamic_state .*IQ Baghdad +12 +30" "the events table"
expect_out "^\(1 event\)" "one event"

printf 'Cup final\n\nLONDON, May 1, 2020 (W) - The striker attacked down the wing and killed off the match in the second half of the league season.\n' > b.txt
run extract --explain b.txt; expect_rc 0 "explain on a distractor"
expect_out "^\(0 events\)" "no event from a match report"
finish
