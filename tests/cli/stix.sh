# stix.sh - the STIX 2.1 export: deterministic ids, every object's
# required properties and markings, references that resolve, and nothing
# above --max-tlp.
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

run ingest --db t.db "$SITREP_SOURCE_DIR/tests/fusion"; expect_rc 0 "ingest the fusion cases"
cp "$SITREP_SOURCE_DIR/tests/fusion/kabul-wire.txt" secret.txt
printf '\nA second bomber was seen near the gate, officials said.\n' >> secret.txt
run ingest --db t.db --tlp amber secret.txt; expect_rc 0 "and one amber report"

run export --db t.db -o all.json; expect_rc 0 "export"
run export --db t.db --format stix -o again.json; expect_rc 0 "export again"
cmp -s all.json again.json && pass "the same bundle twice" || fail "two exports differ"
run export --db t.db --max-tlp green -o green.json; expect_rc 0 "export up to green"
run export --db t.db --format misp; expect_rc 2 "an unknown format"

if python3 - all.json green.json <<'PY'
import json, re, sys
UUID5 = re.compile(r"^[a-z][a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
REQUIRED = {  # STIX 2.1, beyond type, spec_version, id, created
    "identity": ["name", "modified"], "extension-definition": ["name", "schema", "version",
    "extension_types", "created_by_ref", "modified"], "intrusion-set": ["name", "modified"],
    "location": ["modified"], "incident": ["name", "modified"], "relationship":
    ["relationship_type", "source_ref", "target_ref", "modified"], "report": ["name",
    "published", "object_refs", "modified"], "note": ["content", "object_refs", "modified"],
    "marking-definition": ["name", "extensions"]}
TLP = {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": 0,
       "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": 1,
       "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": 2,
       "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": 3,
       "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": 4}
def check(path, max_level):
    b = json.load(open(path))
    assert b["type"] == "bundle" and b["id"].startswith("bundle--")
    objs = b["objects"]; ids = {o["id"] for o in objs}
    assert len(ids) == len(objs), "duplicate ids"
    types = {o["type"] for o in objs}
    for t in ("incident", "report", "note", "location", "intrusion-set", "relationship"):
        assert t in types, t
    for o in objs:
        assert o["spec_version"] == "2.1" and TS.match(o["created"]), o["id"]
        for p in REQUIRED[o["type"]]:
            assert p in o, (o["id"], p)
        if o["type"] == "marking-definition":
            assert o["id"] in TLP and "modified" not in o
            continue
        assert UUID5.match(o["id"]), o["id"]
        assert TS.match(o["modified"]) and o["modified"] >= o["created"], o["id"]
        marks = o.get("object_marking_refs")
        assert marks and all(m in ids for m in marks), ("unmarked", o["id"])
        assert max(TLP[m] for m in marks) <= max_level, ("above the level", o["id"])
        for ref in o.get("object_refs", []) + [o.get("source_ref"), o.get("target_ref"),
                                               o.get("created_by_ref")]:
            assert ref is None or ref in ids, ("dangling", o["id"], ref)
    return objs
full = check(sys.argv[1], 4)
green = check(sys.argv[2], 1)
amber = [o for o in full if "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
         in o.get("object_marking_refs", [])]
assert amber, "the amber report and its incident are exported in full"
assert not any(o["id"] == a["id"] for o in green for a in amber), "amber objects in green"
kabul = [o for o in full if o["type"] == "incident" and "Kabul" in o["name"]]
assert kabul and kabul[0]["extensions"][next(iter(kabul[0]["extensions"]))]["sources"] == 3
PY
then pass "required properties, markings, references and levels check"
else fail "the bundle does not check"; fi
# import: its own export into an empty store, then out again: the same objects
run import --db copy.db all.json; expect_rc 0 "import its own export"
expect_err "stored, 0 of them of types sitrep does not know" "every object stored"
run import --db copy.db all.json; expect_rc 0 "import again"
expect_err "0 STIX objects stored, .*already stored" "stored once"
run export --db copy.db -o copy.json; expect_rc 0 "export the copy"
python3 -c '
import json, sys
a = {o["id"]: o for o in json.load(open("all.json"))["objects"]}
b = {o["id"]: o for o in json.load(open("copy.json"))["objects"]}
sys.exit(a != b)' && pass "the round trip gives the same objects" || fail "the round trip changed objects"

# a partner's bundle: a known object, a custom one, a TLP 1.0 amber one, two invalid
cat > partner.json <<'JSON'
{"type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "objects": [
 {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
  "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z", "name": "Evil Org",
  "threat_actor_types": ["crime-syndicate"]},
 {"type": "x-opencti-event", "spec_version": "2.1", "id": "x-opencti-event--0b2d1f62-3b7d-4b4c-8f0e-9c2f2a3e1d11",
  "created": "2020-02-01T00:00:00.000Z", "modified": "2020-02-01T00:00:00.000Z", "name": "Custom"},
 {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29",
  "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z", "name": "Amber Set",
  "object_marking_refs": ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
 {"type": "report", "spec_version": "2.1", "id": "report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",
  "created": "2015-12-21T19:59:11.000Z", "modified": "2015-12-21T19:59:11.000Z", "name": "No refs",
  "published": "2016-01-20T17:00:00.000Z"},
 {"type": "indicator", "spec_version": "2.1", "id": "not-an-id",
  "created": "2016-04-06T20:03:48.000Z", "modified": "2016-04-06T20:03:48.000Z"}
]}
JSON
run import --db p.db partner.json; expect_rc 1 "a bundle with invalid objects"
expect_err "partner.json: object 4 \(report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3\): report has no object_refs" "names the report without refs"
expect_err "partner.json: object 5 \(not-an-id\): id is not <type>--<UUID>" "and the bad id"
expect_err "3 STIX objects stored, 1 of them of types sitrep does not know" "the rest is imported"
run export --db p.db --max-tlp green -o p.json; expect_rc 0 "export with the partner's objects"
grep -q '"x-opencti-event--0b2d1f62' p.json && pass "custom objects are exported again" || fail "custom object lost"
grep -q 'Amber Set' p.json && fail "a TLP 1.0 amber object passed --max-tlp green" || pass "TLP 1.0 markings are honoured"
printf 'not json' > bad.json
run import --db p.db bad.json; expect_rc 1 "not JSON"
expect_err "bad.json: not a STIX bundle: not JSON" "says so"
finish
