# api.sh - the JSON API of sitrep serve: every route, filter, page and
# error; anonymous read on 127.0.0.1 and --anonymous none; write
# permission for POST /api/documents; and no leak of what a user's
# clearance does not reach (amber to green, red to a red user not named).
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

# story FILE TOWN DATELINE-DATE WEEKDAY KILLED: an ISWAP attack in Nigeria
story() {
    printf 'Attack in %s\n\n%s, Nigeria, %s (Sitrep Wire) — Fighters of Islamic State West Africa Province attacked %s on %s, killing %s people, police said.\n' \
        "$2" "$(echo "$2" | tr '[:lower:]' '[:upper:]')" "$3" "$2" "$4" "$5" > "$1"
}
mkdir corpus
story corpus/p1.txt Damboa "October 10, 2023" Tuesday 12
story corpus/p2.txt Bama "September 2, 2023" Saturday 7
story corpus/r1.txt Gwoza "June 3, 2024" Monday 9
story corpus/r2.txt Monguno "June 8, 2024" Saturday 15
story corpus/r3.txt Dikwa "June 12, 2024" Wednesday 4
story corpus/r4.txt Biu "June 19, 2024" Wednesday 11
story corpus/r5.txt Konduga "June 24, 2024" Monday 20
run ingest --db t.db corpus "$SITREP_SOURCE_DIR/tests/fusion"; expect_rc 0 "ingest clear stories"
cp "$SITREP_SOURCE_DIR/tests/fusion/kabul-wire.txt" amber.txt
printf '\nA second bomber, Zarkanquist, was seen near the gate.\n' >> amber.txt
run ingest --db t.db --tlp amber amber.txt; expect_rc 0 "an amber story"
story red.txt Yola "July 2, 2024" Tuesday 31
printf 'An informant named Quorvantel warned of it.\n' >> red.txt
run ingest --db t.db --tlp red --share-with red1 red.txt; expect_rc 0 "a red story, for red1 only"
for u in green:green amber:amber red1:red red2:red; do
    printf '%s-password\n' "${u%%:*}" |
        "$SITREP" user --db t.db add "${u%%:*}" --clearance "${u#*:}" --password-stdin >/dev/null 2>&1
done
printf 'writer-password\n' | "$SITREP" user --db t.db add writer --clearance amber --write \
    --password-stdin >/dev/null 2>&1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
port2=$(free_port)
"$SITREP" serve --db t.db --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
"$SITREP" serve --db t.db --listen "127.0.0.1:$port2" --anonymous none >serve2.log 2>&1 &
server2=$!
trap 'kill $server $server2 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do grep -q "TAXII 2.1 on" serve.log && grep -q "TAXII 2.1 on" serve2.log && break; sleep 0.1; done
grep -q "JSON API on http://127.0.0.1:$port/api/" serve.log && pass "serves the API" ||
    fail "did not start: $(cat serve.log)"
run serve --db t.db --anonymous purple; expect_rc 2 "a bad --anonymous"

if python3 - "$port" "$port2" <<'PY'
import base64, json, sys, urllib.request, urllib.error
port, port2 = sys.argv[1], sys.argv[2]
def call(path, user=None, method="GET", body=None, ctype=None, base=port):
    rq = urllib.request.Request(f"http://127.0.0.1:{base}{path}", method=method, data=body)
    if ctype: rq.add_header("Content-Type", ctype)
    if user: rq.add_header("Authorization", "Basic " + base64.b64encode(
        f"{user}:{user}-password".encode()).decode())
    try:
        with urllib.request.urlopen(rq) as r:
            assert r.headers["Content-Type"] == "application/json", r.headers
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        b = json.loads(e.read())
        assert b["http_status"] == str(e.code) and b["title"], b
        return e.code, b
def ok(path, user=None):
    s, b = call(path, user)
    assert s == 200, (path, user, s, b)
    return b
def every(path, key, user=None, limit=3):
    """Every row of a listing, page by page."""
    rows, cursor = [], None
    sep = "&" if "?" in path else "?"
    while True:
        b = ok(f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else ""), user)
        assert len(b[key]) <= limit
        rows += b[key]
        cursor = b["next"]
        if cursor is None:
            return rows

# -- anonymous: read-only at TLP:CLEAR on 127.0.0.1; none with --anonymous none
anon = every("/api/incidents", "incidents")
assert anon and all(i["tlp"] == "clear" for i in anon), anon
assert call("/api/incidents", base=port2)[0] == 401
assert call("/api/incidents", user="green", base=port2)[0] == 200
assert call("/api/incidents", user="green:wrong")[0] == 401
assert call("/api/documents", method="POST", body=b"x", ctype="text/plain")[0] == 403

# -- incidents: pages cover every row once; filters
green = every("/api/incidents", "incidents", "green")
ids = [i["id"] for i in green]
assert len(ids) == len(set(ids)), "a row on two pages"
one_page = ok("/api/incidents?limit=1000", "green")
assert [i["id"] for i in one_page["incidents"]] == ids and one_page["next"] is None
ng = every("/api/incidents?country=ng", "incidents", "green")
assert ng and all(i["country"] == "NG" for i in ng)
assert len(ng) < len(green)
iswap = every("/api/incidents?group=iswap&since=2024-06&until=2024-06", "incidents", "green")
assert sorted(i["place"] for i in iswap) == ["Biu", "Dikwa", "Gwoza", "Konduga", "Monguno"], iswap
assert all(i["type"] == "kidnapping" for i in every("/api/incidents?type=kidnapping", "incidents", "green"))
found = ok("/api/incidents?q=Monguno", "green")["incidents"]
assert [i["place"] for i in found] == ["Monguno"], found
assert ok("/api/incidents?q=Zarkanquist", "green")["incidents"] == []
assert len(ok("/api/incidents?q=Zarkanquist", "amber")["incidents"]) == 1

# -- one incident with its sources and their sentences
uid = found[0]["id"]
inc = ok(f"/api/incidents/{uid}", "green")
assert inc["incident"]["id"] == uid and inc["incident"]["killed"] == 15
src = inc["sources"]
assert len(src) == 1 and "killing 15 people" in src[0]["event"]["evidence"]["text"], src
assert src[0]["doc"] == "r2" and len(src[0]["document"]) == 32
assert call("/api/incidents/in-0000000000000000", "green")[0] == 404

# -- events
ev = every("/api/events?country=NG&type=attack", "events", "green", limit=4)
assert ev and all(e["country"] == "NG" and e["type"] == "attack" for e in ev)
assert all(e["evidence"]["text"] for e in ev)

# -- trends and alerts
t = ok("/api/trends?by=month&split=group&country=NG&since=2023", "green")
assert t["by"] == "month" and t["periods"][0] == "2023-09"
s = {x["key"]: x for x in t["series"]}
june = t["periods"].index("2024-06")
assert s["iswap"]["incidents"][june] == 5 and s["iswap"]["killed"][june] == 59, s["iswap"]
w = ok("/api/trends?by=week", "green")
assert w["by"] == "week" and all(p[4:6] == "-W" for p in w["periods"])
al = ok("/api/alerts", "green")["alerts"]
flag = [a for a in al if a["group"] == "iswap" and a["country"] == "NG"]
assert flag and flag[0]["incidents"] == 5 and flag[0]["p"] < 0.01, al
assert len(flag[0]["incident_ids"]) == 5

# -- groups and a profile
g = ok("/api/groups", "green")["groups"]
keys = [x["key"] for x in g]
assert keys[0] == "iswap" and g[0]["incidents"] == 7 and g[0]["killed"] == 78, g[0]
assert all(g[i]["incidents"] >= g[i + 1]["incidents"] for i in range(len(g) - 1))
p = ok("/api/groups/iswap", "green")
assert p["name"] == "Islamic State West Africa Province" and p["parent"]["key"] == "islamic_state"
assert p["incidents"] == 7 and p["countries"] == [{"key": "NG", "incidents": 7}]
assert p["recent"][0]["place"] == "Konduga" and len(p["recent"]) == 7
assert p["first"] == "2023-09-02" and p["last"] == "2024-06-24"
isp = ok("/api/groups/islamic_state", "green")
assert isp["incidents"] >= 7 and any(a["key"] == "iswap" for a in isp["affiliates"])
assert call("/api/groups/no_such_group", "green")[0] == 404

# -- full-text search
hits = ok("/api/search?q=Gwoza", "green")["documents"]
assert [h["doc"] for h in hits] == ["r1"] and "[Gwoza]" in hits[0]["snippet"], hits
assert hits[0]["events"] == 1
assert len(ok("/api/search?q=Niger*", "green")["documents"]) >= 7, "a prefix search"
assert ok('/api/search?q=%22%20OR%20(', "green")["documents"] == [], "syntax is only words"
assert call("/api/search", "green")[0] == 400

# -- clearance: amber and red never reach those who may not see them
for who in (None, "green", "amber", "red2"):
    for path, key in (("/api/incidents", "incidents"), ("/api/events", "events")):
        rows = every(path, key, who, limit=50)
        assert not any(r.get("place") == "Yola" for r in rows), (who, path)
    assert ok("/api/search?q=Quorvantel", who)["documents"] == [], who
    assert not any(x["place"] == "Yola" for x in ok("/api/groups/iswap", who)["recent"])
red1 = every("/api/incidents", "incidents", "red1", limit=50)
yola = [i for i in red1 if i["place"] == "Yola"]
assert len(yola) == 1 and yola[0]["tlp"] == "red"
assert call(f"/api/incidents/{yola[0]['id']}", "red2")[0] == 404
assert call(f"/api/incidents/{yola[0]['id']}", "red1")[0] == 200
assert ok("/api/groups/iswap", "red1")["incidents"] == 8
assert ok("/api/groups/iswap", "red2")["incidents"] == 7
assert len(ok("/api/search?q=Quorvantel", "red1")["documents"]) == 1
assert len(ok("/api/search?q=Zarkanquist", "amber")["documents"]) == 1
assert ok("/api/search?q=Zarkanquist", "green")["documents"] == []
amber_inc = [i for i in every("/api/incidents", "incidents", "amber", 50) if i["tlp"] == "amber"]
assert amber_inc and call(f"/api/incidents/{amber_inc[0]['id']}", "green")[0] == 404
# an incident told by a clear and an amber report is amber: green sees neither
assert all(i["tlp"] in ("clear", "green") for i in every("/api/incidents", "incidents", "green", 50))

# -- errors
for bad in ("since=yesterday", "until=2024-13-45", "country=NGA", "type=picnic", "limit=0",
            "limit=ten", "cursor=-3", "cursor=x"):
    s, b = call(f"/api/incidents?{bad}", "green")
    assert s == 400, (bad, s, b)
assert call("/api/trends?by=decade", "green")[0] == 400
assert call("/api/trends?split=weather", "green")[0] == 400
assert call("/api/nothing", "green")[0] == 404
assert call("/api/incidents", "green", method="DELETE")[0] == 405
assert call("/api/documents", "green")[0] == 405
assert len(ok("/api/incidents?limit=5000", "green")["incidents"]) <= 1000

# -- POST /api/documents
story = (b"Bomb kills 12 in Mogadishu\n\nMOGADISHU, Somalia, March 3, 2025 (Wire) - A car bomb "
         b"claimed by al-Shabaab killed 12 people at a market in Mogadishu on Monday, police said.\n")
assert call("/api/documents", "green", "POST", story, "text/plain")[0] == 403
s, b = call("/api/documents?tlp=amber", "writer", "POST", story, "text/plain")
assert s == 201 and b["added"] and b["tlp"] == "amber", (s, b)
e = b["events"]
assert len(e) == 1 and e[0]["killed"] == 12 and e[0]["actor_group"] == "al_shabaab", e
assert e[0]["evidence"]["text"].startswith("A car bomb")
s, b = call("/api/documents?tlp=amber", "writer", "POST", story, "text/plain")
assert s == 200 and not b["added"], "the same document again is not added twice"
assert len(ok("/api/incidents?q=Mogadishu%20market", "amber")["incidents"]) == 1
assert ok("/api/incidents?q=Mogadishu%20market", "green")["incidents"] == []
s, b = call("/api/documents", "writer", "POST", json.dumps(
    {"text": "Gunmen killed 5 villagers in Borno, Nigeria on 2 May 2025, officials said.",
     "title": "Borno killings", "published": "2025-05-03"}).encode(), "application/json")
assert s == 201 and b["doc"].startswith("api-") and b["events"][0]["killed"] == 5, b
html = b"<html><head><title>Raid</title></head><body><p>Militants kidnapped 20 students in Kaduna, Nigeria, on 4 May 2025.</p></body></html>"
s, b = call("/api/documents", "writer", "POST", html, "text/html")
assert s == 201 and b["events"] and b["events"][0]["type"] == "kidnapping", b
assert call("/api/documents", "writer", "POST", b'{"title": 1}', "application/json")[0] == 400
assert call("/api/documents", "writer", "POST", b"{not json", "application/json")[0] == 400
assert call("/api/documents", "writer", "POST", b"x", "image/png")[0] == 415
assert call("/api/documents?tlp=red&share_with=writer", "writer", "POST", b"x", "text/plain")[0] == 403
assert call("/api/documents?tlp=purple", "writer", "POST", b"x", "text/plain")[0] == 400
assert call("/api/documents?share_with=a", "writer", "POST", b"x", "text/plain")[0] == 400
assert call("/api/documents", "writer", "POST", b"", "text/plain")[0] == 400

# -- many requests at once (the server answers with a pool of threads,
# each with its own store handle): reads agree, concurrent posts all land
from concurrent.futures import ThreadPoolExecutor
want = ok("/api/groups/iswap", "green")
def posted(i):
    text = (f"Gunmen killed {i + 2} farmers in Zamfara, Nigeria on {i + 1} March 2025, "
            f"officials said. Ledger {i}.").encode()
    return call("/api/documents", "writer", "POST", text, "text/plain")
with ThreadPoolExecutor(8) as pool:
    reads = list(pool.map(lambda _: call("/api/groups/iswap", "green"), range(24)))
    posts = list(pool.map(posted, range(12)))
assert all(r == (200, want) for r in reads), "the same answer from every thread"
assert all(s == 201 for s, b in posts), [s for s, b in posts]
assert len(ok("/api/search?q=Ledger&limit=50", "green")["documents"]) == 12
PY
then pass "every route, filter, error and clearance"
else fail "the API"
fi
kill $server $server2 2>/dev/null
wait $server $server2 2>/dev/null
run stats --db t.db; expect_rc 0 "the store is sound after the server"
finish
