# dashboard.sh - the dashboard's files as served (media types, cache
# headers, content policy), then the dashboard end to end in headless
# Chromium (tests/e2e/dashboard.js) on the sample corpus. Without node,
# chromium or playwright-core the browser part is skipped (exit 77),
# unless SITREP_E2E_REQUIRED is set (CI sets it: scripts/bootstrap
# installs them).
. "$SITREP_SOURCE_DIR/tests/cli/lib.inc"

run ingest --db t.db "$SITREP_SOURCE_DIR/examples"; expect_rc 0 "ingest the sample corpus"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$SITREP" serve --db t.db --listen "127.0.0.1:$port" >serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do grep -q "JSON API on" serve.log && break; sleep 0.1; done

if python3 - "$port" <<'PY'
import gzip, http.client, sys, urllib.request, urllib.error
base = f"http://127.0.0.1:{sys.argv[1]}"
def get(path, method="GET", headers={}):
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, method=method,
                                                           headers=headers)) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()
s, h, page = get("/")
assert s == 200 and h["Content-Type"].startswith("text/html") and h["Cache-Control"] == "no-cache"
assert "default-src 'self'" in h["Content-Security-Policy"] and h["X-Content-Type-Options"] == "nosniff"
page = page.decode()
scripts = [p.split('"')[0] for p in page.split('src="')[1:]] + \
          [p.split('"')[0] for p in page.split('href="')[1:]]
scripts = [p for p in scripts if not p.startswith("data:")]
assert len(scripts) == 7 and all(p.startswith("/static/") for p in scripts), scripts
for path in scripts:
    s, h, body = get(path)
    assert s == 200 and len(body) > 100, path
    assert h["Cache-Control"].startswith("public, max-age="), path
    want = "text/javascript" if path.endswith(".js") else "text/css"
    assert h["Content-Type"].startswith(want), (path, h["Content-Type"])
    assert b"http://" not in body.replace(b"http://www.w3.org", b"") or path.endswith(".js"), path
s, h, body = get("/static/countries-110m.json")
assert s == 200 and h["Content-Type"] == "application/json" and b'"countries"' in body
assert get("/static/nothing.js")[0] == 404
assert get("/", "POST")[0] == 405
s, h, body = get("/static/app.js?v=2")
assert s == 200, "a query does not change the file"
# large answers are compressed for clients that accept it, small ones not
for path in ("/static/countries-110m.json", "/api/incidents?limit=50"):
    s, h, plain = get(path)
    assert s == 200 and "Content-Encoding" not in h and h["Vary"] == "Accept-Encoding", path
    s, h, packed = get(path, headers={"Accept-Encoding": "gzip, deflate"})
    assert s == 200 and h["Content-Encoding"] == "gzip", (path, dict(h))
    assert gzip.decompress(packed) == plain and len(packed) < len(plain) / 2, path
s, h, small = get("/api/incidents?limit=1&country=ZZ", headers={"Accept-Encoding": "gzip"})
assert s == 200 and "Content-Encoding" not in h and small.startswith(b"{")
# headers too large for a connection are refused
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
c.request("GET", "/api/incidents", headers={"X-Filler": "x" * 100000})
assert c.getresponse().status == 431
c.close()
PY
then pass "the dashboard's files, their types and headers"
else fail "the dashboard's files"
fi

e2e="$SITREP_SOURCE_DIR/tests/e2e/dashboard.js"
pw="$SITREP_SOURCE_DIR/node_modules/playwright-core"
chromium=$(command -v chromium || true)
if [ -z "$chromium" ] || [ ! -d "$pw" ] || ! command -v node >/dev/null 2>&1; then
    if [ -n "${SITREP_E2E_REQUIRED:-}" ]; then
        fail "the end-to-end test needs node, chromium and playwright-core (scripts/bootstrap)"
    else
        echo "skip: no node, chromium or playwright-core: the browser test is skipped"
        finish
        exit 77
    fi
else
    shot="${SITREP_SCREENSHOT_DIR:-$T}/dashboard-e2e.png"
    if PLAYWRIGHT_CORE="$pw" CHROMIUM="$chromium" node "$e2e" "http://127.0.0.1:$port" "$shot" \
        >e2e.log 2>&1; then
        pass "the dashboard in Chromium: map, filter, shared URL, evidence, keyboard (screenshot $shot)"
    else
        fail "the dashboard in Chromium"
        sed 's/^/  /' e2e.log | head -30 >&2
    fi
fi
finish
