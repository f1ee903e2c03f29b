# situation.sh - the situation picture from the command line: fusion into
# incidents (a second outlet adds a source, not an incident), one
# incident's reports, trends, and a surge alert on a constructed series.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

# story FILE TOWN DATELINE-DATE WEEKDAY KILLED OUTLET
story() {
    printf 'Attack in %s\n\n%s, Nigeria, %s (%s) — Fighters of Islamic State West Africa Province attacked %s on %s, killing %s people, police said.\n' \
        "$2" "$(echo "$2" | tr '[:lower:]' '[:upper:]')" "$3" "$6" "$2" "$4" "$5" > "$1"
}
mkdir corpus
# a quiet past: two attacks in a year
story corpus/p1.txt Damboa "October 10, 2023" Tuesday 12 "Sitrep Wire"
story corpus/p2.txt Bama "September 2, 2023" Saturday 7 "Sitrep Wire"
# then five in June 2024, one of them told again by another outlet
story corpus/r1.txt Gwoza "June 3, 2024" Monday 9 "Sitrep Wire"
story corpus/r2.txt Monguno "June 8, 2024" Saturday 15 "Sitrep Wire"
story corpus/r3.txt Dikwa "June 12, 2024" Wednesday 4 "Sitrep Wire"
story corpus/r4.txt Biu "June 19, 2024" Wednesday 11 "Sitrep Wire"
story corpus/r5.txt Konduga "June 24, 2024" Monday 20 "Sitrep Wire"
story corpus/r5b.txt Konduga "June 25, 2024" Monday 24 "Lake Chad Post"

run ingest --db t.db corpus; expect_rc 0 "ingest the series"
expect_err "8 events stored, 8 fused into incidents" "ingest fuses the new events"

run incidents --db t.db --format jsonl; expect_rc 0 "incidents"
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 7 "eight reports, seven incidents"
grep '"place":"Konduga"' "$T/out" > konduga.json
expect_eq "$(json_field konduga.json sources)" 2 "the second outlet is a source"
expect_eq "$(json_field konduga.json killed)" 24 "the later toll leads"
expect_eq "$(json_field konduga.json killed_min)" 20 "the range keeps the first toll"
id=$(sed -n 's/.*"id":"\(in-[0-9a-f]*\)".*/\1/p' konduga.json)
run incident --db t.db "$id"; expect_rc 0 "incident ID"
expect_out "Lake Chad Post|r5b" "every report is shown"
expect_out "killing 24 people" "with its sentence"
run incident --db t.db in-0000000000000000; expect_rc 1 "an unknown incident"
expect_err "no incident in-0000000000000000" "names the missing id"
run incident --db t.db; expect_rc 2 "incident without an id"

# idempotence: the same files again add nothing
run ingest --db t.db corpus; expect_rc 0 "re-ingest"
run incidents --db t.db --format jsonl
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 7 "still seven incidents"

run trends --db t.db --by year --format json; expect_rc 0 "trends by year"
expect_out '"periods":\["2023","2024"\]' "two years"
expect_out '"killed":\[19,63\]' "the dead per year (the fused toll counted once)"
run trends --db t.db --by month --format csv; expect_rc 0 "trends by month as CSV"
expect_out '^2024-06,2024-06-01,all,5,63' "June 2024 holds five incidents"
expect_eq "$(grep -c '' "$T/out")" 11 "every month from September 2023 to June 2024, and a header"
run trends --db t.db --split group; expect_rc 0 "trends table"
expect_out "^iswap +7 " "one series per group"
run trends --db t.db --by fortnight; expect_rc 2 "a bad --by"

run incidents --db t.db --text Monguno --format jsonl; expect_rc 0 "incidents --text"
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 1 "one incident's documents hold the word"
expect_out '"place":"Monguno"' "and it is Monguno's"
run events --db t.db --text 'Kondu*' --format jsonl; expect_rc 0 "events --text with a prefix"
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 2 "both reports of Konduga"
run events --db t.db --text 'Zzyzx'; expect_rc 0 "no document holds it"
expect_out "\(0 events\)" "so no event"
run alerts --db t.db --format jsonl; expect_rc 0 "alerts"
expect_out '"series":"iswap in NG"' "the group's rise in Nigeria"
expect_out '"series":"NG"' "and the country's"
expect_out '"incidents":5,"baseline_incidents":2' "five against two"
run alerts --db t.db --as-of 2024-01-31; expect_rc 0 "alerts at an earlier day"
expect_out "0 rising" "nothing rose then"
run alerts --db t.db --window 0d; expect_rc 2 "a bad --window"
# exports in the columns of ACLED and GTD
run incidents --db t.db --format acled; expect_rc 0 "incidents as ACLED rows"
expect_out '^event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,' "ACLED's header"
expect_out '^in-[0-9a-f]+,2024-06-24,2024,1,Political violence,Violence against civilians,Attack,Islamic State West Africa Province,,2,Civilians \(Nigeria\),,7,27,' "an attack on civilians by a rebel group"
expect_eq "$(grep -c '' "$T/out")" 8 "seven incidents and a header"
run events --db t.db --format gtd --country NG; expect_rc 0 "events as GTD rows"
expect_out '^eventid,iyear,imonth,iday,approxdate,extended,country,country_txt,' "GTD's header"
expect_out ",1,0,9,Unknown,24 people,Islamic State West Africa Province,13,Unknown,24," "the Konduga report in GTD's codes"
run events --db t.db --format spss; expect_rc 2 "an unknown format"
# the situation report: Markdown, then HTML checked for structure and sources
run report --db t.db --group iswap; expect_rc 0 "report in Markdown"
expect_out '^# Situation report: Islamic State West Africa Province' "titled with the group's name"
expect_out '^7 incidents from 2023-09-02 to 2024-06-24: 82 killed' "headline figures"
expect_out 'iswap in NG: 5 incidents' "the surge is in the report"
expect_out '^- Name: Islamic State West Africa Province \(key iswap\); part of Islamic State' "the profile names the parent"
expect_out '^- Also called: .*wilayat gharb ifriqiya' "and the other names"
expect_out '^\[\^7\]: in-[0-9a-f]+: r5b, published 2024-06-25' "the last note cites the report of the toll"
run report --db t.db --country NG --format html -o r.html; expect_rc 0 "report in HTML"
if python3 - r.html t.db "$SITREP" <<'PY'
import html, json, re, subprocess, sys
from html.parser import HTMLParser
text = open(sys.argv[1], encoding="utf-8").read()
class Check(HTMLParser):
    void = {"meta", "line", "circle", "rect", "br"}
    def __init__(self):
        super().__init__(); self.stack = []; self.bad = []
    def handle_starttag(self, tag, attrs):
        if tag not in self.void: self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in self.void: return
        if self.stack and self.stack[-1] == tag: self.stack.pop()
        else: self.bad.append(tag)
c = Check(); c.feed(text)
assert not c.stack and not c.bad, ("unbalanced", c.stack, c.bad)
assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 2, "two SVGs"
assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', ""), "nothing fetched"
refs = set(re.findall(r'href="#(fn\d+)"', text)); ids = set(re.findall(r'id="(fn\d+)"', text))
assert refs and refs <= ids, ("notes without a target", refs - ids)
notes = re.findall(r'<li id="fn\d+">(in-[0-9a-f]+): .*?: "(.*?)" \(bytes', text)
assert len(notes) == 7, len(notes)
for uid, sentence in notes:
    out = subprocess.run([sys.argv[3], "incident", "--db", sys.argv[2], "--format", "jsonl", uid],
                         capture_output=True, text=True, check=True).stdout
    said = [json.loads(l)["evidence"]["text"] for l in out.splitlines()]
    assert html.unescape(sentence) in said, (uid, sentence)
PY
then pass "the HTML is balanced, has its SVGs, and every note quotes a stored sentence"
else fail "the HTML report does not check"; fi
run report --db t.db --group no_such_group; expect_rc 2 "an unknown group"

# TLP: a document marked amber makes its incident amber
story tlp.txt Konduga "June 26, 2024" Monday 25 "Closed Brief"
run ingest --db t.db --tlp amber tlp.txt; expect_rc 0 "ingest with --tlp amber"
run incidents --db t.db --format jsonl
expect_eq "$(grep -c '"tlp":"amber"' "$T/out")" 1 "the incident takes its source's level"
run incidents --db t.db --format jsonl --max-tlp green
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 6 "--max-tlp green leaves it out"
run events --db t.db --format jsonl --max-tlp clear
expect_eq "$(wc -l < "$T/out" | tr -d ' ')" 8 "and the amber document's event"
run ingest --db t.db --tlp purple tlp.txt; expect_rc 2 "an unknown level"
run report --db t.db --group iswap --max-tlp green
expect_out '^6 incidents' "the report honours --max-tlp"
finish
