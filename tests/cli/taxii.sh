# taxii.sh - the TAXII 2.1 server: discovery, API root, collections,
# objects with filters and pages, an object, its versions, the manifest,
# POST and status, media types and errors; authentication (Basic, Bearer,
# 401 with WWW-Authenticate); and no leak of what a user's clearance does
# not reach, by any endpoint or page.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

run ingest --db t.db "$SITREP_SOURCE_DIR/tests/fusion"; expect_rc 0 "ingest clear stories"
cp "$SITREP_SOURCE_DIR/tests/fusion/kabul-wire.txt" amber.txt
printf '\nA second bomber was seen near the gate.\n' >> amber.txt
run ingest --db t.db --tlp amber amber.txt; expect_rc 0 "and an amber one"
cp "$SITREP_SOURCE_DIR/tests/fusion/bogota-wire.txt" red.txt
printf '\nA named informant reported the car days before.\n' >> red.txt
run ingest --db t.db --tlp red --share-with red1 red.txt; expect_rc 0 "a red one, for red1 only"
run ingest --db t.db --share-with red1 red.txt; expect_rc 2 "--share-with needs --tlp red"
printf 'red1-password\n' | "$SITREP" user --db t.db add red1 --clearance red --password-stdin >/dev/null 2>&1
printf 'red2-password\n' | "$SITREP" user --db t.db add red2 --clearance red --password-stdin >/dev/null 2>&1
printf 'green-password\n' | "$SITREP" user --db t.db add green --clearance green --password-stdin >green.txt 2>&1
printf 'amber-password\n' | "$SITREP" user --db t.db add amber --clearance amber --write --password-stdin >amber.txt 2>&1
token=$(sed -n 's/^token: //p' green.txt)
[ -n "$token" ] && pass "a token is shown" || fail "no token"
run user --db t.db list; expect_out "^green +green +read$" "users are listed"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$SITREP" serve --db t.db --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do grep -q "TAXII 2.1 on" serve.log && break; sleep 0.1; done
grep -q "TAXII 2.1 on http://127.0.0.1:$port/taxii2/" serve.log && pass "serves" || fail "did not start: $(cat serve.log)"

if python3 - "$port" "$token" <<'PY'
import base64, json, sys, urllib.request, urllib.error
port, token = sys.argv[1], sys.argv[2]
BASE = f"http://127.0.0.1:{port}"
MEDIA = "application/taxii+json;version=2.1"
def call(path, user=None, method="GET", body=None, accept=MEDIA, ctype=MEDIA, bearer=None):
    rq = urllib.request.Request(BASE + path, method=method, data=body)
    if accept: rq.add_header("Accept", accept)
    if body is not None: rq.add_header("Content-Type", ctype)
    if user: rq.add_header("Authorization", "Basic " + base64.b64encode(user.encode()).decode())
    if bearer: rq.add_header("Authorization", "Bearer " + bearer)
    try:
        with urllib.request.urlopen(rq) as r:
            return r.status, dict(r.headers), json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), json.loads(e.read() or b"null")
G, A = "green:green-password", "amber:amber-password"
# authentication
s, h, b = call("/taxii2/")
assert s == 401 and "WWW-Authenticate" in h and b["http_status"] == "401", (s, h)
s, h, b = call("/taxii2/", user="green:wrong")
assert s == 401 and "WWW-Authenticate" in h
s2, h2, b2 = call("/taxii2/", user="nobody:wrong")
assert s2 == 401 and b2 == b, "the same answer whether the user exists or not"
s, h, b = call("/taxii2/", bearer=token)
assert s == 200 and b["api_roots"] == ["/api1/"] and h["Content-Type"] == MEDIA
# discovery, root, collections; media types
s, h, b = call("/taxii2/", user=G, accept="application/xml")
assert s == 406, s
s, h, root = call("/api1/", user=G)
assert s == 200 and MEDIA in root["versions"] and root["max_content_length"] > 0
s, h, cols = call("/api1/collections/", user=G)
col = cols["collections"][0]
assert col["can_read"] and not col["can_write"], col
C = f"/api1/collections/{col['id']}/"
s, h, one = call(C, user=G)
assert s == 200 and one["id"] == col["id"]
assert call("/api1/collections/00000000-0000-4000-8000-000000000000/", user=G)[0] == 404
# objects: every page, limit, next, headers; the same for both users
def everything(user, extra=""):
    seen, nxt, pages = [], None, 0
    while True:
        q = f"?limit=7{extra}" + (f"&next={nxt}" if nxt else "")
        s, h, env = call(C + "objects/" + q, user=user)
        assert s == 200, (s, env)
        objs = env.get("objects", [])
        assert len(objs) <= 7
        if objs:
            assert h["X-TAXII-Date-Added-First"] <= h["X-TAXII-Date-Added-Last"]
        seen += objs; pages += 1
        if not env["more"]:
            assert "next" not in env
            return seen, pages
        nxt = env["next"]
g_objs, g_pages = everything(G)
a_objs, _ = everything(A)
assert g_pages > 2 and len({o["id"] for o in g_objs}) == len(g_objs), "pages overlap"
AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
amber_ids = {o["id"] for o in a_objs if AMBER in o.get("object_marking_refs", [])}
assert amber_ids, "the amber user sees amber objects"
assert not amber_ids & {o["id"] for o in g_objs}, "the green user sees amber objects"
# TLP:RED: only for the users its distribution names
RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
r1_objs, _ = everything("red1:red1-password")
r2_objs, _ = everything("red2:red2-password")
red_ids = {o["id"] for o in r1_objs if RED in o.get("object_marking_refs", [])}
assert red_ids, "red1 sees the red objects"
for objs in (r2_objs, a_objs, g_objs):
    assert not red_ids & {o["id"] for o in objs}, "a red object leaked"
for oid in sorted(red_ids):
    assert call(C + f"objects/{oid}/", user="red2:red2-password")[0] == 404
    assert call(C + f"objects/{oid}/", user="red1:red1-password")[0] == 200
bogota = [o for o in r1_objs if o["type"] == "incident" and "Bogota" in o["name"]]
assert bogota and RED in bogota[0]["object_marking_refs"] and bogota[0]["x_sitrep_share_with"] == ["red1"]
# no leak by id, versions, manifest, match[id] or type filters
for oid in sorted(amber_ids)[:5]:
    for path in (f"objects/{oid}/", f"objects/{oid}/versions/"):
        s, h, b = call(C + path, user=G)
        assert s == 404 and oid not in json.dumps(b), (path, s, b)
    s, h, b = call(C + f"objects/?match[id]={oid}", user=G)
    assert s == 200 and "objects" not in b and b["more"] is False, b
s, h, man = call(C + "manifest/", user=G)
assert not amber_ids & {m["id"] for m in man["objects"]}
assert all(m["media_type"] == "application/stix+json;version=2.1" for m in man["objects"])
s, h, inc = call(C + "objects/?match[type]=incident", user=G)
assert inc["objects"] and all(o["type"] == "incident" for o in inc["objects"])
oid = inc["objects"][0]["id"]
s, h, v = call(C + f"objects/{oid}/versions/", user=G)
assert s == 200 and v["versions"], v
s, h, b = call(C + f"objects/?match[spec_version]=2.0", user=G)
assert "objects" not in b
s, h, b = call(C + "objects/?limit=0", user=G)
assert s == 400 and b["http_status"] == "400"
s, h, b = call(C + "objects/?next=999999", user=G)
assert s == 400
later = g_objs[-1]
s, h, b = call(C + "objects/?added_after=9999-01-01T00:00:00.000Z", user=G)
assert s == 200 and "objects" not in b
# POST: who may, in what media type, and the status
env = json.dumps({"objects": [
  {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
   "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z", "name": "Evil Org"},
  {"type": "report", "spec_version": "2.1", "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
   "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z", "name": "No refs",
   "published": "2016-04-06T20:03:48.000Z"}]}).encode()
assert call(C + "objects/", user=G, method="POST", body=env)[0] == 403
assert call(C + "objects/", user=A, method="POST", body=env, ctype="application/json")[0] == 415
s, h, st = call(C + "objects/", user=A, method="POST", body=env)
assert s == 202 and st["status"] == "complete", (s, st)
assert st["total_count"] == 2 and st["success_count"] == 1 and st["failure_count"] == 1
assert len(st["successes"]) == 1 and len(st["failures"]) == 1 and st["pending_count"] == 0
s, h, st2 = call(f"/api1/status/{st['id']}/", user=A)
assert s == 200 and st2 == st
s, h, b = call(C + "objects/threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f/", user=G)
assert s == 200 and b["objects"][0]["name"] == "Evil Org"
assert call(C + "objects/", user=A, method="POST", body=b"not json")[0] == 422
# versions: two of one object, and match[version]
def ta(modified, name):
    return {"type": "threat-actor", "spec_version": "2.1",
            "id": "threat-actor--1f2d3c4b-5a69-4788-9a1b-2c3d4e5f6a7b",
            "created": "2020-01-01T00:00:00.000Z", "modified": modified, "name": name}
body = json.dumps({"objects": [ta("2020-01-01T00:00:00.000Z", "Old name"),
                               ta("2021-01-01T00:00:00.000Z", "New name")]}).encode()
assert call(C + "objects/", user=A, method="POST", body=body)[0] == 202
V = C + "objects/threat-actor--1f2d3c4b-5a69-4788-9a1b-2c3d4e5f6a7b/"
s, h, b = call(V, user=G)
assert [o["name"] for o in b["objects"]] == ["New name"], b          # last by default
s, h, b = call(V + "?match[version]=first", user=G)
assert [o["name"] for o in b["objects"]] == ["Old name"], b
s, h, b = call(V + "?match[version]=all", user=G)
assert len(b["objects"]) == 2
s, h, b = call(V + "?match[version]=2020-01-01T00:00:00.000Z", user=G)
assert [o["name"] for o in b["objects"]] == ["Old name"]
s, h, b = call(V + "versions/", user=G)
assert b["versions"] == ["2020-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z"], b
# pages stay stable while objects are added
s, h, p1 = call(C + "objects/?limit=5", user=G)
added = json.dumps({"objects": [dict(ta("2022-01-01T00:00:00.000Z", "Newer"),
    id="threat-actor--9a8b7c6d-5e4f-4321-8765-4321abcdef01")]}).encode()
assert call(C + "objects/", user=A, method="POST", body=added)[0] == 202
rest, nxt = [], p1["next"]
while nxt:
    s, h, p = call(C + f"objects/?limit=5&next={nxt}", user=G)
    rest += p.get("objects", []); nxt = p.get("next")
ids = [o["id"] for o in p1["objects"] + rest]
assert len(ids) == len(set(ids)), "a page repeated an object"
assert {o["id"] for o in g_objs} <= set(ids), "a page lost an object"
# DELETE: only users who may write, only what partners posted
TA = C + "objects/threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f/"
assert call(TA, user=G, method="DELETE")[0] == 403
assert call(C + f"objects/{oid}/", user=A, method="DELETE")[0] == 403
assert call(TA, user=A, method="DELETE")[0] == 200
assert call(TA, user=A)[0] == 404
assert call(TA, user=A, method="DELETE")[0] == 404
assert call(C + "objects/", user=A, method="PUT", body=b"{}")[0] == 405
assert call("/api1/nothing/", user=G)[0] == 404
PY
then pass "every endpoint, filter, page and error, without a leak"
else fail "the TAXII checks failed"; fi
kill $server
wait $server 2>/dev/null
grep -q "stopped" serve.log && pass "stops on a signal" || fail "did not stop cleanly"

# TLS, with a self-signed certificate (when openssl is there to make one)
if command -v openssl >/dev/null 2>&1 &&
   openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
       -subj "/CN=127.0.0.1" >/dev/null 2>&1; then
    "$SITREP" serve --db t.db --listen "127.0.0.1:$port" --tls-cert cert.pem --tls-key key.pem \
        >tls.log 2>&1 &
    server=$!
    for _ in $(seq 50); do grep -q "TAXII 2.1 on" tls.log && break; sleep 0.1; done
    if python3 - "$port" <<'PY'
import base64, json, ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile="cert.pem")
ctx.check_hostname = False
rq = urllib.request.Request(f"https://127.0.0.1:{sys.argv[1]}/taxii2/")
rq.add_header("Authorization", "Basic " + base64.b64encode(b"green:green-password").decode())
with urllib.request.urlopen(rq, context=ctx) as r:
    assert json.loads(r.read())["title"] == "sitrep"
PY
    then pass "HTTPS with --tls-cert and --tls-key"; else fail "HTTPS failed: $(cat tls.log)"; fi
    kill $server; wait $server 2>/dev/null
fi
run serve --db t.db --tls-cert cert.pem; expect_rc 2 "a certificate without a key"
run serve --db t.db --listen nowhere; expect_rc 2 "a bad --listen"
finish
