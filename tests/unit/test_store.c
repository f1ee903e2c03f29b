/* test_store.c - unit tests of the store and its SQLite backend: schema
 * versions, round trips of every field, de-duplication, filters, stats,
 * batches, read-only files, and durability under kill -9. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "core/alloc.h"
#include "core/err.h"
#include "extract/event.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* A fresh temporary directory per test, removed afterwards. */
struct fixture {
    char dir[64];
    char path[128]; /* dir/store.db */
};

static int setup(void **state)
{
    struct fixture *fx = xcalloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/sitrep-store-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    snprintf(fx->path, sizeof fx->path, "%s/store.db", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d))) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char p[512];
            snprintf(p, sizeof p, "%s/%s", fx->dir, de->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static struct store *open_ok(const char *uri)
{
    struct store *s = NULL;
    char err[512] = "";
    int rc = store_open(uri, &s, err, sizeof err);
    if (rc != ERR_OK)
        fail_msg("store_open(%s): %s", uri, err);
    assert_non_null(s);
    return s;
}

/* A document whose strings point at the arguments (nothing to free). */
static struct doc make_doc(const char *id, const char *text)
{
    struct doc d;
    memset(&d, 0, sizeof d);
    d.id = (char *)id;
    d.source = (char *)id;
    d.text = (char *)text;
    d.len = strlen(text);
    return d;
}

/* Sets the fields the filters look at. */
static struct event *add_event(struct event_list *l, const char *type,
                               const char *date, const char *country,
                               const char *group)
{
    struct event *e = event_list_push(l);
    e->type = xstrdup(type);
    if (date)
        snprintf(e->date, sizeof e->date, "%s", date);
    if (country)
        snprintf(e->country, sizeof e->country, "%s", country);
    e->actor_group = xstrdup(group);
    e->evidence = xstrdup("It happened.");
    return e;
}

static void put_ok(struct store *s, const struct doc *d,
                   const struct event_list *l, bool want_added)
{
    bool added = !want_added;
    int rc = store_put_document(s, d, NULL, l, &added);
    if (rc != ERR_OK)
        fail_msg("put_document(%s): %s", d->id, store_errmsg(s));
    assert_int_equal(added, want_added);
}

/* Collects the uids of the events a query returns, in order. */
struct uids {
    char v[64][24];
    size_t n;
};

static int collect_uid(void *ctx, const struct event *e)
{
    struct uids *u = ctx;
    assert_true(u->n < 64);
    snprintf(u->v[u->n++], sizeof u->v[0], "%s", e->uid);
    return 0;
}

static struct uids query(struct store *s, const struct store_filter *f)
{
    struct uids u;
    memset(&u, 0, sizeof u);
    int rc = store_query_events(s, f, collect_uid, &u);
    if (rc != ERR_OK)
        fail_msg("query_events: %s", store_errmsg(s));
    return u;
}

/* Checks the uids returned are exactly the space-separated list want. */
static void expect_uids(struct store *s, const struct store_filter *f,
                        const char *want)
{
    struct uids u = query(s, f);
    char got[1024] = "";
    for (size_t i = 0; i < u.n; i++) {
        if (i)
            strcat(got, " ");
        strcat(got, u.v[i]);
    }
    assert_string_equal(got, want);
}

static int user_version(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int v = -1;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Whether the file is in WAL mode (bytes 18-19 of the header are 2). */
static bool is_wal(const char *path)
{
    unsigned char h[20] = {0};
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    return n == sizeof h && h[18] == 2 && h[19] == 2;
}

/* ---- opening ---- */

static void test_create_reopen(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct event_list l = {0};
    add_event(&l, "attack", "2020-01-01", "ML", NULL);
    struct doc d = make_doc("a", "Gunmen attacked a village.");
    put_ok(s, &d, &l, true);
    store_close(s);
    assert_int_equal(user_version(fx->path), STORE_SCHEMA_VERSION);
    assert_true(is_wal(fx->path));

    char uri[160];
    snprintf(uri, sizeof uri, "file:%s", fx->path);
    s = open_ok(uri);
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.events, 1);
    store_stats_free(&st);
    assert_int_equal(store_check(s), ERR_OK);
    store_close(s);
    assert_int_equal(user_version(fx->path), STORE_SCHEMA_VERSION);
    event_list_free(&l);
    store_close(NULL);
}

static void test_newer_schema_refused(void **state)
{
    struct fixture *fx = *state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE x(y); PRAGMA user_version = 99",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    struct store *s = (struct store *)1;
    char err[512] = "";
    assert_int_equal(store_open(fx->path, &s, err, sizeof err), ERR_SCHEMA);
    assert_null(s);
    char version[32];
    snprintf(version, sizeof version, "version %d", STORE_SCHEMA_VERSION);
    assert_non_null(strstr(err, "99"));
    assert_non_null(strstr(err, version));
    assert_non_null(strstr(err, fx->path));
    assert_int_equal(user_version(fx->path), 99); /* left alone */
    assert_false(is_wal(fx->path));
}

/* What the migration test reads back of each event. */
struct seen {
    char uid[24], amount_text[32];
    long long killed;
    size_t n;
};

static int see_event(void *ctx, const struct event *e)
{
    struct seen *v = ctx;
    v->n++;
    snprintf(v->uid, sizeof v->uid, "%s", e->uid);
    snprintf(v->amount_text, sizeof v->amount_text, "%s",
             e->amount_text ? e->amount_text : "(null)");
    v->killed = e->killed;
    return 0;
}

/* A store of schema version 1 (before amount_text) is migrated in place:
 * its events stay, the new column is there, and new events use it. */
static void test_migrates_version_1(void **state)
{
    struct fixture *fx = *state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE documents(id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE,"
        " doc TEXT NOT NULL, source TEXT, title TEXT, url TEXT, published TEXT,"
        " dateline_place TEXT, text TEXT NOT NULL, ingested_at TEXT NOT NULL);"
        "CREATE TABLE events(id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
        " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        " seq INTEGER NOT NULL, doc TEXT NOT NULL, type TEXT NOT NULL, method TEXT,"
        " actor TEXT, actor_group TEXT, target TEXT, country TEXT, place TEXT, lat REAL,"
        " lon REAL, date TEXT, killed INTEGER, injured INTEGER, kidnapped INTEGER,"
        " detained INTEGER, amount_usd REAL, amount_usd_max REAL,"
        " background INTEGER NOT NULL, evidence TEXT NOT NULL, ev_start INTEGER NOT NULL,"
        " ev_end INTEGER NOT NULL, roles TEXT NOT NULL, confidence REAL);"
        "INSERT INTO documents VALUES(1, 'h1', 'old', NULL, NULL, NULL, NULL, NULL,"
        " 'text', '2024-01-01T00:00:00Z');"
        "INSERT INTO events(uid, document_id, seq, doc, type, background, evidence,"
        " ev_start, ev_end, roles, killed) VALUES('ev-old', 1, 0, 'old', 'attack', 0,"
        " 'text', 0, 4, '{}', 7);"
        "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    struct store *s = open_ok(fx->path);
    assert_int_equal(user_version(fx->path), STORE_SCHEMA_VERSION);
    struct store_filter f = {0};
    struct seen v = {0};
    assert_int_equal(store_query_events(s, &f, see_event, &v), ERR_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.uid, "ev-old");
    assert_int_equal(v.killed, 7);
    assert_string_equal(v.amount_text, "(null)");

    /* a new event keeps its sum in another currency */
    struct doc d = make_doc("new", "Boko Haram raises 2 billion naira a year.");
    struct event_list l = {0};
    struct event *e = add_event(&l, "financing", "2023", "NG", "boko_haram");
    e->amount_text = xstrdup("2 billion naira");
    assert_int_equal(store_begin(s), ERR_OK);
    put_ok(s, &d, &l, true);
    assert_int_equal(store_commit(s), ERR_OK);
    f.type = "financing";
    memset(&v, 0, sizeof v);
    assert_int_equal(store_query_events(s, &f, see_event, &v), ERR_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.amount_text, "2 billion naira");
    event_list_free(&l);
    store_close(s);
}

static void test_foreign_database_refused(void **state)
{
    struct fixture *fx = *state;
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE notes(body TEXT)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);

    struct store *s = (struct store *)1;
    char err[512] = "";
    assert_int_equal(store_open(fx->path, &s, err, sizeof err), ERR_DB);
    assert_null(s);
    assert_non_null(strstr(err, "not a sitrep database"));
    assert_non_null(strstr(err, fx->path));
    assert_int_equal(user_version(fx->path), 0); /* left alone */
    assert_false(is_wal(fx->path));
}

static void test_not_a_database(void **state)
{
    struct fixture *fx = *state;
    FILE *f = fopen(fx->path, "w");
    assert_non_null(f);
    for (int i = 0; i < 20; i++)
        fputs("This is a text file, not a database at all.\n", f);
    fclose(f);

    struct store *s = NULL;
    char err[512] = "";
    assert_int_equal(store_open(fx->path, &s, err, sizeof err), ERR_DB);
    assert_null(s);
    assert_non_null(strstr(err, "not a database"));
    assert_non_null(strstr(err, fx->path));
}

static void test_bad_uris(void **state)
{
    struct fixture *fx = *state;
    struct store *s = NULL;
    char err[512] = "";
    /* a server that is not there: named, its password not shown */
    assert_int_equal(store_open("postgresql://analyst:secret@127.0.0.1:1/sitrep?connect_timeout=2",
                                &s, err, sizeof err),
                     ERR_DB);
    assert_null(s);
    assert_non_null(strstr(err, "cannot connect to PostgreSQL at postgresql://***@127.0.0.1:1/sitrep"));
    assert_null(strstr(err, "secret"));
    assert_int_equal(store_open("mysql://h/db", &s, err, sizeof err), ERR_UNSUPPORTED);
    assert_non_null(strstr(err, "mysql://h/db"));
    assert_int_equal(store_open("", &s, NULL, 0), ERR_USAGE);

    char missing[200];
    snprintf(missing, sizeof missing, "%s/no/such/dir/x.db", fx->dir);
    assert_int_equal(store_open(missing, &s, err, sizeof err), ERR_DB);
    assert_null(s);
    assert_non_null(strstr(err, missing));
}

/* ---- round trips ---- */

/* Deep-copies an event into the list given as ctx (the store's event is
 * only valid during the call). */
static int copy(void *ctx, const struct event *ev)
{
    struct event_list *l = ctx;
    struct event *c = event_list_push(l);
    c->uid = xstrdup(ev->uid);
    c->doc = xstrdup(ev->doc);
    c->type = xstrdup(ev->type);
    c->method = xstrdup(ev->method);
    c->actor = xstrdup(ev->actor);
    c->actor_group = xstrdup(ev->actor_group);
    c->target = xstrdup(ev->target);
    memcpy(c->country, ev->country, sizeof c->country);
    c->place = xstrdup(ev->place);
    c->has_coords = ev->has_coords;
    c->lat = ev->lat;
    c->lon = ev->lon;
    memcpy(c->date, ev->date, sizeof c->date);
    c->killed = ev->killed;
    c->injured = ev->injured;
    c->kidnapped = ev->kidnapped;
    c->detained = ev->detained;
    c->amount_usd = ev->amount_usd;
    c->amount_usd_max = ev->amount_usd_max;
    c->background = ev->background;
    c->evidence = xstrdup(ev->evidence);
    c->ev_start = ev->ev_start;
    c->ev_end = ev->ev_end;
    for (int r = 0; r < ROLE__COUNT; r++)
        for (size_t i = 0; i < ev->roles[r].n; i++)
            strvec_push(&c->roles[r], ev->roles[r].v[i], strlen(ev->roles[r].v[i]));
    c->confidence = ev->confidence;
    return 0;
}


static void test_roundtrip(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    const char *text = "Bomb kills 12 in Gao\n\nGAO, Mali, July 3, 2016 (AFP) - "
                       "A suicide bomber from \"JNIM\" killed 12 soldiers. "
                       "Later, a dispute ended peacefully.";
    struct doc d = make_doc("gao-2016", text);
    d.source = (char *)"corpus/gao-2016.txt";
    d.title = (char *)"Bomb kills 12 in Gao";
    d.url = (char *)"https://example.org/gao?x=1&y=2";
    d.published = (char *)"2016-07-03";
    d.dateline_place = (char *)"GAO";
    char hash[33];
    store_doc_hash(text, strlen(text), hash);

    struct event_list l = {0};
    struct event *e = event_list_push(&l);
    e->doc = xstrdup("gao-2016");
    e->type = xstrdup("attack");
    e->method = xstrdup("suicide_bombing");
    e->actor = xstrdup("A suicide bomber from \"JNIM\"");
    e->actor_group = xstrdup("jnim");
    e->target = xstrdup("soldiers");
    memcpy(e->country, "ML", 3);
    e->place = xstrdup("Gao");
    e->has_coords = true;
    e->lat = 16.27167;
    e->lon = -0.04472;
    memcpy(e->date, "2016-07-03", 11);
    e->killed = 12;
    e->injured = 0;
    e->kidnapped = EV_UNKNOWN;
    e->detained = 3;
    e->amount_usd = 10000000;
    e->amount_usd_max = 20000000.5;
    e->background = true;
    e->evidence = xstrdup("A suicide bomber from \"JNIM\" killed 12 soldiers.");
    e->ev_start = 53;
    e->ev_end = 101;
    strvec_push(&e->roles[ROLE_PERPETRATOR], "A suicide bomber", 16);
    strvec_push(&e->roles[ROLE_ORGANIZATION], "\"JNIM\"", 6);
    strvec_push(&e->roles[ROLE_VICTIM], "12 soldiers", 11);
    strvec_push(&e->roles[ROLE_VICTIM], "Gao\xc3\xa9", 5);
    e->confidence = 0.75;
    event_make_uid(e, hash, 0);

    struct event *n = event_list_push(&l); /* every optional field unknown */
    n->type = xstrdup("clash");
    n->evidence = xstrdup("");
    n->ev_start = 120;
    n->ev_end = 140;
    n->has_coords = false;
    n->lat = 5; /* ignored without has_coords */

    bool added = false;
    assert_int_equal(store_put_document(s, &d, hash, &l, &added), ERR_OK);
    assert_true(added);
    bool found = false;
    assert_int_equal(store_has_document(s, hash, &found), ERR_OK);
    assert_true(found);
    assert_int_equal(store_has_document(s, "0123", &found), ERR_OK);
    assert_false(found);

    /* Closed and reopened: everything comes from the file. */
    store_close(s);
    s = open_ok(fx->path);

    struct doc *g = NULL;
    assert_int_equal(store_get_document(s, hash, &g), ERR_OK);
    assert_non_null(g);
    assert_string_equal(g->id, "gao-2016");
    assert_string_equal(g->source, "corpus/gao-2016.txt");
    assert_string_equal(g->title, d.title);
    assert_string_equal(g->url, d.url);
    assert_string_equal(g->published, "2016-07-03");
    assert_string_equal(g->dateline_place, "GAO");
    assert_int_equal(g->len, strlen(text));
    assert_memory_equal(g->text, text, g->len + 1);
    doc_free(g);

    struct doc bare = make_doc("bare", "Nothing else is known.");
    bare.source = NULL;
    put_ok(s, &bare, NULL, true);
    store_doc_hash(bare.text, bare.len, hash);
    assert_int_equal(store_get_document(s, hash, &g), ERR_OK);
    assert_null(g->source);
    assert_null(g->title);
    assert_null(g->url);
    assert_null(g->published);
    assert_null(g->dateline_place);
    assert_string_equal(g->text, bare.text);
    doc_free(g);
    assert_int_equal(store_get_document(s, "ffff", &g), ERR_NOTFOUND);
    assert_null(g);
    assert_non_null(strstr(store_errmsg(s), "ffff"));

    /* The events, in stored order: dated first, undated last. */
    struct event_list got = {0};
    struct store_filter f = {.doc = "gao-2016"};
    assert_int_equal(store_query_events(s, &f, copy, &got), ERR_OK);
    assert_int_equal(got.n, 2);

    struct event *a = &got.v[0];
    assert_string_equal(a->uid, e->uid);
    assert_string_equal(a->doc, "gao-2016");
    assert_string_equal(a->type, "attack");
    assert_string_equal(a->method, "suicide_bombing");
    assert_string_equal(a->actor, e->actor);
    assert_string_equal(a->actor_group, "jnim");
    assert_string_equal(a->target, "soldiers");
    assert_string_equal(a->country, "ML");
    assert_string_equal(a->place, "Gao");
    assert_true(a->has_coords);
    assert_true(a->lat == e->lat && a->lon == e->lon);
    assert_string_equal(a->date, "2016-07-03");
    assert_int_equal(a->killed, 12);
    assert_int_equal(a->injured, 0);
    assert_int_equal(a->kidnapped, EV_UNKNOWN);
    assert_int_equal(a->detained, 3);
    assert_true(a->amount_usd == 10000000 && a->amount_usd_max == 20000000.5);
    assert_true(a->background);
    assert_string_equal(a->evidence, e->evidence);
    assert_int_equal(a->ev_start, 53);
    assert_int_equal(a->ev_end, 101);
    assert_true(a->confidence == 0.75);
    for (int r = 0; r < ROLE__COUNT; r++) {
        assert_int_equal(a->roles[r].n, e->roles[r].n);
        for (size_t i = 0; i < a->roles[r].n; i++)
            assert_string_equal(a->roles[r].v[i], e->roles[r].v[i]);
    }

    struct event *b = &got.v[1];
    struct event want;
    event_init(&want);
    want.type = n->type;
    want.ev_start = n->ev_start;
    store_doc_hash(text, strlen(text), hash);
    event_make_uid(&want, hash, 1); /* the uid the store computes */
    assert_string_equal(b->uid, want.uid);
    free(want.uid);
    assert_string_equal(b->doc, "gao-2016"); /* taken from the document */
    assert_string_equal(b->type, "clash");
    assert_null(b->method);
    assert_null(b->actor);
    assert_null(b->actor_group);
    assert_null(b->target);
    assert_string_equal(b->country, "");
    assert_null(b->place);
    assert_false(b->has_coords);
    assert_string_equal(b->date, "");
    assert_int_equal(b->killed, EV_UNKNOWN);
    assert_int_equal(b->injured, EV_UNKNOWN);
    assert_int_equal(b->kidnapped, EV_UNKNOWN);
    assert_int_equal(b->detained, EV_UNKNOWN);
    assert_true(b->amount_usd < 0 && b->amount_usd_max < 0);
    assert_false(b->background);
    assert_string_equal(b->evidence, "");
    assert_int_equal(b->ev_start, 120);
    assert_int_equal(b->ev_end, 140);
    for (int r = 0; r < ROLE__COUNT; r++)
        assert_int_equal(b->roles[r].n, 0);
    assert_true(b->confidence == 0);

    event_list_free(&got);
    event_list_free(&l);
    store_close(s);
}

/* ---- de-duplication ---- */

static void test_dedup_whitespace(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct event_list l1 = {0}, l2 = {0};
    add_event(&l1, "attack", "2020-05-01", "NG", "boko_haram");
    add_event(&l2, "raid", "2020-05-02", "NG", NULL);
    add_event(&l2, "arrest", "2020-05-02", "NG", NULL);

    struct doc a = make_doc("one", "Boko Haram  fighters\n\nattacked Maiduguri.\n");
    struct doc b = make_doc("two", "\t Boko Haram fighters attacked\r\nMaiduguri. ");
    put_ok(s, &a, &l1, true);
    put_ok(s, &b, &l2, false); /* same text, other spacing: already there */

    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.events, 1);
    assert_int_equal(st.n_type, 1);
    assert_string_equal(st.by_type[0].key, "attack");
    store_stats_free(&st);

    struct doc c = make_doc("three", "Boko Haram fighters attacked Maiduguri!");
    put_ok(s, &c, &l2, true); /* other content: a new document */
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 2);
    assert_int_equal(st.events, 3);
    store_stats_free(&st);

    event_list_free(&l1);
    event_list_free(&l2);
    store_close(s);
}

static void test_idempotent_reput(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct event_list l = {0};
    add_event(&l, "attack", "2021-03-04", "SO", "al_shabaab");
    add_event(&l, "attack", "2021-03-05", "SO", "al_shabaab");
    struct doc d = make_doc("mog", "Al-Shabaab attacked Mogadishu twice.");
    for (int round = 0; round < 3; round++) {
        assert_int_equal(store_begin(s), ERR_OK);
        put_ok(s, &d, &l, round == 0);
        put_ok(s, &d, &l, false);
        assert_int_equal(store_commit(s), ERR_OK);
    }
    /* *added may be NULL */
    assert_int_equal(store_put_document(s, &d, NULL, &l, NULL), ERR_OK);
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.events, 2);
    store_stats_free(&st);
    event_list_free(&l);
    store_close(s);
}

/* ---- queries ---- */

/* Five documents, events with uids u0..u8 (set here, so tests can name
 * them):
 *   u0 attack 2016-07-03 ML jnim        doc d1
 *   u1 attack 2016-07    ML NULL        doc d1
 *   u2 kidnapping 2016   NG boko_haram  doc d2
 *   u3 attack 2016-08-01 NG boko_haram  doc d2
 *   u4 strike 2017-01-15 NULL NULL      doc d3
 *   u5 attack NULL       SO al_shabaab  doc d3
 *   u6 attack 2016-07-03 ML jnim        doc d0 (same date as u0, doc first)
 *   u7 clash  2016-07-31 ML NULL        doc d4
 *   u8 attack 2016-06-30 ML jnim        doc d4 */
static struct store *filter_store(const char *path)
{
    static const struct {
        const char *doc, *type, *date, *country, *group;
    } ev[] = {
        {"d1", "attack", "2016-07-03", "ML", "jnim"},
        {"d1", "attack", "2016-07", "ML", NULL},
        {"d2", "kidnapping", "2016", "NG", "boko_haram"},
        {"d2", "attack", "2016-08-01", "NG", "boko_haram"},
        {"d3", "strike", "2017-01-15", NULL, NULL},
        {"d3", "attack", NULL, "SO", "al_shabaab"},
        {"d0", "attack", "2016-07-03", "ML", "jnim"},
        {"d4", "clash", "2016-07-31", "ML", NULL},
        {"d4", "attack", "2016-06-30", "ML", "jnim"},
    };
    static const char *const docs[] = {"d0", "d1", "d2", "d3", "d4"};
    struct store *s = open_ok(path);
    assert_int_equal(store_begin(s), ERR_OK);
    for (size_t k = 0; k < 5; k++) {
        struct event_list l = {0};
        for (size_t i = 0; i < sizeof ev / sizeof *ev; i++) {
            if (strcmp(ev[i].doc, docs[k]) != 0)
                continue;
            struct event *e = add_event(&l, ev[i].type, ev[i].date, ev[i].country,
                                        ev[i].group);
            char uid[8];
            snprintf(uid, sizeof uid, "u%zu", i);
            e->uid = xstrdup(uid);
        }
        char text[64];
        snprintf(text, sizeof text, "Text of %s.", docs[k]);
        struct doc d = make_doc(docs[k], text);
        put_ok(s, &d, &l, true);
        event_list_free(&l);
    }
    assert_int_equal(store_commit(s), ERR_OK);
    return s;
}

static void test_filters(void **state)
{
    struct fixture *fx = *state;
    struct store *s = filter_store(fx->path);

    expect_uids(s, NULL, "u2 u8 u1 u6 u0 u7 u3 u4 u5");
    expect_uids(s, &(struct store_filter){0}, "u2 u8 u1 u6 u0 u7 u3 u4 u5");
    /* since: inclusive, compares as text ("2016" < "2016-07") */
    expect_uids(s, &(struct store_filter){.since = "2016-07"}, "u1 u6 u0 u7 u3 u4");
    expect_uids(s, &(struct store_filter){.since = "2016-07-03"}, "u6 u0 u7 u3 u4");
    expect_uids(s, &(struct store_filter){.since = "2017"}, "u4");
    /* until: inclusive, a partial date takes in its whole period */
    expect_uids(s, &(struct store_filter){.until = "2016-07"}, "u2 u8 u1 u6 u0 u7");
    expect_uids(s, &(struct store_filter){.until = "2016-07-03"}, "u2 u8 u1 u6 u0");
    expect_uids(s, &(struct store_filter){.until = "2016"}, "u2 u8 u1 u6 u0 u7 u3");
    expect_uids(s, &(struct store_filter){.until = "2015"}, "");
    expect_uids(s, &(struct store_filter){.until = "%"}, ""); /* not a pattern */
    expect_uids(s, &(struct store_filter){.country = "ML"}, "u8 u1 u6 u0 u7");
    expect_uids(s, &(struct store_filter){.country = "ml"}, "");
    expect_uids(s, &(struct store_filter){.group = "boko_haram"}, "u2 u3");
    expect_uids(s, &(struct store_filter){.group = "jnim"}, "u8 u6 u0");
    expect_uids(s, &(struct store_filter){.type = "attack"}, "u8 u1 u6 u0 u3 u5");
    expect_uids(s, &(struct store_filter){.type = "strike"}, "u4");
    expect_uids(s, &(struct store_filter){.doc = "d3"}, "u4 u5");
    expect_uids(s, &(struct store_filter){.type = "x' OR 1=1 --"}, "");
    /* combined */
    expect_uids(s, &(struct store_filter){.since = "2016-07", .until = "2016-07",
                                          .country = "ML"}, "u1 u6 u0 u7");
    expect_uids(s, &(struct store_filter){.since = "2016-07-01", .until = "2016-12",
                                          .type = "attack"}, "u6 u0 u3");
    expect_uids(s, &(struct store_filter){.country = "ML", .group = "jnim",
                                          .type = "attack", .since = "2016-07"},
                "u6 u0");
    expect_uids(s, &(struct store_filter){.country = "NG", .type = "strike"}, "");
    expect_uids(s, &(struct store_filter){.group = "jnim", .doc = "d4"}, "u8");
    /* limit */
    expect_uids(s, &(struct store_filter){.limit = 3}, "u2 u8 u1");
    expect_uids(s, &(struct store_filter){.limit = 1, .country = "ML"}, "u8");
    expect_uids(s, &(struct store_filter){.limit = 100, .group = "boko_haram"}, "u2 u3");
    expect_uids(s, &(struct store_filter){.limit = -5, .type = "strike"}, "u4");
    store_close(s);
}

static int stop_after_two(void *ctx, const struct event *e)
{
    int *n = ctx;
    return ++*n == 2;
}

/* Runs a whole query from inside another's callback. */
static int nested(void *ctx, const struct event *e)
{
    struct store *s = ctx;
    struct uids u = query(s, &(struct store_filter){.type = e->type});
    assert_true(u.n >= 1);
    return 0;
}

static void test_query_stop_and_nest(void **state)
{
    struct fixture *fx = *state;
    struct store *s = filter_store(fx->path);
    int n = 0;
    assert_int_equal(store_query_events(s, NULL, stop_after_two, &n), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_query_events(s, NULL, nested, s), ERR_OK);
    /* after a stopped query the store still writes */
    struct doc d = make_doc("late", "A later report.");
    put_ok(s, &d, NULL, true);
    store_close(s);
}

static void test_stats(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 0);
    assert_int_equal(st.events, 0);
    assert_int_equal(st.n_type, 0);
    assert_int_equal(st.n_country, 0);
    store_stats_free(&st);
    store_close(s);

    s = filter_store(fx->path);
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 5);
    assert_int_equal(st.events, 9);
    /* attack 6, then 1 each sorted by key */
    assert_int_equal(st.n_type, 4);
    assert_string_equal(st.by_type[0].key, "attack");
    assert_int_equal(st.by_type[0].n, 6);
    assert_string_equal(st.by_type[1].key, "clash");
    assert_string_equal(st.by_type[2].key, "kidnapping");
    assert_string_equal(st.by_type[3].key, "strike");
    assert_int_equal(st.by_type[3].n, 1);
    /* ML 5, NG 2, then SO 1 and unknown 1 by key */
    assert_int_equal(st.n_country, 4);
    assert_string_equal(st.by_country[0].key, "ML");
    assert_int_equal(st.by_country[0].n, 5);
    assert_string_equal(st.by_country[1].key, "NG");
    assert_int_equal(st.by_country[1].n, 2);
    assert_string_equal(st.by_country[2].key, "SO");
    assert_string_equal(st.by_country[3].key, "unknown");
    assert_int_equal(st.by_country[3].n, 1);
    store_stats_free(&st);
    store_stats_free(NULL);
    store_close(s);
}

/* ---- batches and failures ---- */

static void test_rollback(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct event_list l = {0};
    add_event(&l, "attack", "2019-01-01", "AF", "taliban");
    assert_int_equal(store_rollback(s), ERR_OK); /* none open: nothing to do */

    assert_int_equal(store_begin(s), ERR_OK);
    struct doc a = make_doc("a", "First report.");
    struct doc b = make_doc("b", "Second report.");
    put_ok(s, &a, &l, true);
    put_ok(s, &b, &l, true);
    assert_int_equal(store_rollback(s), ERR_OK);

    bool found = true;
    char hash[33];
    store_doc_hash(a.text, a.len, hash);
    assert_int_equal(store_has_document(s, hash, &found), ERR_OK);
    assert_false(found);
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 0);
    assert_int_equal(st.events, 0);
    store_stats_free(&st);

    /* after the rollback the same documents go in again */
    assert_int_equal(store_begin(s), ERR_OK);
    put_ok(s, &a, &l, true);
    assert_int_equal(store_commit(s), ERR_OK);
    assert_int_equal(store_commit(s), ERR_DB); /* no batch open */
    assert_non_null(strstr(store_errmsg(s), "commit"));
    assert_int_equal(store_begin(s), ERR_OK);
    assert_int_equal(store_begin(s), ERR_DB); /* batches do not nest */
    assert_int_equal(store_rollback(s), ERR_OK);
    event_list_free(&l);
    store_close(s);
}

/* A document that fails half-way (its second event breaks a constraint)
 * leaves nothing behind, inside a batch or not, and the batch goes on. */
static void test_put_is_atomic(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct event_list l1 = {0}, l2 = {0}, bad = {0};
    add_event(&l1, "attack", "2019-01-01", "AF", "taliban")->uid = xstrdup("dup");
    add_event(&l2, "attack", "2019-01-02", "AF", "taliban");
    add_event(&l2, "attack", "2019-01-03", "AF", "taliban")->uid = xstrdup("dup");
    add_event(&bad, "attack", NULL, NULL, NULL);
    free(bad.v[0].type);
    bad.v[0].type = NULL;

    struct doc a = make_doc("a", "First.");
    struct doc b = make_doc("b", "Second.");
    struct doc c = make_doc("c", "Third.");
    for (int batch = 0; batch < 2; batch++) {
        if (batch)
            assert_int_equal(store_begin(s), ERR_OK);
        put_ok(s, &a, &l1, batch == 0);
        bool added = true;
        assert_int_equal(store_put_document(s, &b, NULL, &l2, &added), ERR_DB);
        assert_false(added);
        assert_non_null(strstr(store_errmsg(s), "UNIQUE"));
        assert_int_equal(store_put_document(s, &c, NULL, &bad, &added), ERR_USAGE);
        assert_non_null(strstr(store_errmsg(s), "no type"));
        if (batch)
            assert_int_equal(store_commit(s), ERR_OK);
    }
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, 1);
    assert_int_equal(st.events, 1);
    store_stats_free(&st);
    assert_int_equal(store_check(s), ERR_OK);

    struct doc notext = make_doc("n", "");
    notext.text = NULL;
    assert_int_equal(store_put_document(s, &notext, NULL, NULL, NULL), ERR_USAGE);
    event_list_free(&l1);
    event_list_free(&l2);
    event_list_free(&bad);
    store_close(s);
}

static void test_readonly(void **state)
{
    struct fixture *fx = *state;
    struct store *s = open_ok(fx->path);
    struct doc a = make_doc("a", "First.");
    put_ok(s, &a, NULL, true);
    store_close(s);

    /* read-only open: reads work, writes say why they fail */
    char uri[192];
    snprintf(uri, sizeof uri, "file:%s?mode=ro", fx->path);
    s = open_ok(uri);
    bool found = false;
    char hash[33];
    store_doc_hash(a.text, a.len, hash);
    assert_int_equal(store_has_document(s, hash, &found), ERR_OK);
    assert_true(found);
    struct doc b = make_doc("b", "Second.");
    assert_int_equal(store_put_document(s, &b, NULL, NULL, NULL), ERR_DB);
    assert_non_null(strstr(store_errmsg(s), "readonly"));
    assert_non_null(strstr(store_errmsg(s), fx->path));
    /* SQLite lets a read-only batch begin; its first write fails */
    assert_int_equal(store_begin(s), ERR_OK);
    assert_int_equal(store_put_document(s, &b, NULL, NULL, NULL), ERR_DB);
    assert_non_null(strstr(store_errmsg(s), "attempt to write a readonly database"));
    assert_int_equal(store_rollback(s), ERR_OK);
    store_close(s);

    /* a write-protected file (root writes anyway, so only as a user) */
    if (geteuid() != 0) {
        assert_int_equal(chmod(fx->path, 0444), 0);
        s = open_ok(fx->path);
        assert_int_equal(store_put_document(s, &b, NULL, NULL, NULL), ERR_DB);
        assert_non_null(strstr(store_errmsg(s), "readonly"));
        store_close(s);
        chmod(fx->path, 0644);
    }

    /* a new database cannot be made read-only */
    char ro_new[192];
    snprintf(ro_new, sizeof ro_new, "file:%s/new.db?mode=ro", fx->dir);
    char err[512] = "";
    assert_int_equal(store_open(ro_new, &s, err, sizeof err), ERR_DB);
    assert_null(s);
}

/* Two writers: the second waits for the first (busy timeout), gives up
 * with "database is locked" when the first holds on, and readers are
 * never blocked (WAL). */
static void test_locked(void **state)
{
    struct fixture *fx = *state;
    struct store *a = open_ok(fx->path);
    struct store *b = open_ok(fx->path);
    struct doc d = make_doc("a", "First.");

    assert_int_equal(store_begin(a), ERR_OK);
    put_ok(a, &d, NULL, true);
    struct store_stats st;
    assert_int_equal(store_stats(b, &st), ERR_OK); /* reads the last commit */
    assert_int_equal(st.documents, 0);
    store_stats_free(&st);
    time_t t0 = time(NULL);
    assert_int_equal(store_begin(b), ERR_DB);
    assert_true(time(NULL) - t0 >= 4);
    assert_non_null(strstr(store_errmsg(b), "database is locked"));
    assert_non_null(strstr(store_errmsg(b), "begin"));
    assert_non_null(strstr(store_errmsg(b), fx->path));
    assert_int_equal(store_commit(a), ERR_OK);

    /* a writer that finishes within the timeout is waited for */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct store *c = NULL;
        char x = 1;
        struct timespec ts = {0, 300 * 1000000L};
        if (store_open(fx->path, &c, NULL, 0) != ERR_OK || store_begin(c) != ERR_OK)
            _exit(2);
        if (write(fds[1], &x, 1) != 1)
            _exit(3);
        nanosleep(&ts, NULL);
        _exit(store_commit(c) == ERR_OK ? 0 : 4);
    }
    char x;
    assert_int_equal(read(fds[0], &x, 1), 1);
    assert_int_equal(store_begin(b), ERR_OK);
    struct doc e = make_doc("b", "Second.");
    put_ok(b, &e, NULL, true);
    assert_int_equal(store_commit(b), ERR_OK);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(fds[0]);
    close(fds[1]);
    assert_int_equal(store_stats(a, &st), ERR_OK);
    assert_int_equal(st.documents, 2);
    store_stats_free(&st);
    store_close(a);
    store_close(b);
}

/* ---- durability: kill -9 in the middle of batches ---- */

#define KILL_BATCH 10

static void kill_doc_text(int k, char *text, size_t cap)
{
    snprintf(text, cap,
             "Report %d. Gunmen attacked checkpoint %d near the town of Site%d, "
             "killing %d soldiers; a second blast followed an hour later.",
             k, k * 7, k % 97, k % 13);
}

/* Stores document k (two events) and returns whether it was added. */
static int kill_put(struct store *s, int k, bool *added)
{
    char text[256], id[32];
    kill_doc_text(k, text, sizeof text);
    snprintf(id, sizeof id, "k%d", k);
    struct doc d = make_doc(id, text);
    char hash[33];
    store_doc_hash(text, strlen(text), hash);
    struct event_list l = {0};
    for (int i = 0; i < 2; i++) {
        struct event *e = add_event(&l, i ? "attack" : "clash", "2022-02-02", "BF",
                                    "jnim");
        e->doc = xstrdup(id);
        e->killed = k % 13;
        e->ev_start = (size_t)i * 60;
        strvec_push(&e->roles[ROLE_TARGET], "checkpoint", 10);
        event_make_uid(e, hash, (size_t)i);
    }
    int rc = store_put_document(s, &d, hash, &l, added);
    event_list_free(&l);
    return rc;
}

/* The child: writes batches until killed, reporting each commit. */
static void kill_child(const char *path, int wfd)
{
    struct store *s = NULL;
    if (store_open(path, &s, NULL, 0) != ERR_OK)
        _exit(2);
    for (int b = 0; b < 100000; b++) {
        if (store_begin(s) != ERR_OK)
            _exit(3);
        for (int i = 0; i < KILL_BATCH; i++) {
            bool added;
            if (kill_put(s, b * KILL_BATCH + i, &added) != ERR_OK || !added)
                _exit(4);
        }
        if (store_commit(s) != ERR_OK)
            _exit(5);
        if (write(wfd, &b, sizeof b) != (ssize_t)sizeof b)
            _exit(6);
    }
    pause();
    _exit(0);
}

static int count_per_doc(void *ctx, const struct event *e)
{
    int *per = ctx;
    int k = atoi(e->doc + 1);
    assert_true(k >= 0 && k < 200000);
    per[k]++;
    return 0;
}

static void kill_round(const char *path, long delay_us)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        kill_child(path, fds[1]);
    }
    close(fds[1]);

    /* wait for a few commits, then let it run a little and kill it */
    int last = -1, b;
    while (last < 3 && read(fds[0], &b, sizeof b) == (ssize_t)sizeof b)
        last = b;
    assert_true(last >= 3);
    struct timespec ts = {delay_us / 1000000, (delay_us % 1000000) * 1000};
    nanosleep(&ts, NULL);
    assert_int_equal(kill(pid, SIGKILL), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    while (read(fds[0], &b, sizeof b) == (ssize_t)sizeof b)
        last = b;
    close(fds[0]);

    struct store *s = open_ok(path);
    if (store_check(s) != ERR_OK)
        fail_msg("check: %s", store_errmsg(s));
    struct store_stats st;
    assert_int_equal(store_stats(s, &st), ERR_OK);
    long long docs = st.documents;
    assert_true(docs + 2 * KILL_BATCH < 200000);
    /* every reported batch is there; batches are whole */
    assert_true(docs >= (long long)(last + 1) * KILL_BATCH);
    assert_int_equal(docs % KILL_BATCH, 0);
    assert_int_equal(st.events, 2 * docs);
    store_stats_free(&st);

    int *per = xcalloc(200000, sizeof *per);
    assert_int_equal(store_query_events(s, NULL, count_per_doc, per), ERR_OK);
    for (long long k = 0; k < docs; k++)
        assert_int_equal(per[k], 2);

    /* putting everything again (and some more) stores each once */
    long long more = docs + 2 * KILL_BATCH;
    long long added_n = 0;
    assert_int_equal(store_begin(s), ERR_OK);
    for (long long k = 0; k < more; k++) {
        bool added;
        assert_int_equal(kill_put(s, (int)k, &added), ERR_OK);
        added_n += added;
    }
    assert_int_equal(store_commit(s), ERR_OK);
    assert_int_equal(added_n, more - docs);
    assert_int_equal(store_stats(s, &st), ERR_OK);
    assert_int_equal(st.documents, more);
    assert_int_equal(st.events, 2 * more);
    store_stats_free(&st);
    memset(per, 0, 200000 * sizeof *per);
    assert_int_equal(store_query_events(s, NULL, count_per_doc, per), ERR_OK);
    for (long long k = 0; k < more; k++)
        assert_int_equal(per[k], 2);
    assert_int_equal(store_check(s), ERR_OK);
    free(per);
    store_close(s);
}

static void test_kill9(void **state)
{
    struct fixture *fx = *state;
    static const long delays[] = {0, 3000, 20000, 70000};
    for (size_t i = 0; i < sizeof delays / sizeof *delays; i++) {
        char path[192];
        snprintf(path, sizeof path, "%s/kill%zu.db", fx->dir, i);
        kill_round(path, delays[i]);
    }
}

/* ---- the document key ---- */

static void hash_of(const char *s, char out[33])
{
    store_doc_hash(s, strlen(s), out);
}

static void test_doc_hash(void **state)
{
    char h1[33], h2[33];
    hash_of("A bomb exploded in Kabul.", h1);
    assert_int_equal(strlen(h1), 32);
    for (int i = 0; i < 32; i++)
        assert_true((h1[i] >= '0' && h1[i] <= '9') || (h1[i] >= 'a' && h1[i] <= 'f'));

    /* white space does not matter */
    static const char *const same[] = {
        "  A bomb exploded in Kabul.",
        "A bomb exploded in Kabul.\n",
        "A  bomb\texploded\r\nin\n\nKabul.",
        "\f\vA bomb exploded in\v Kabul. \t ",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        hash_of(same[i], h2);
        assert_string_equal(h1, h2);
    }
    /* content does */
    static const char *const other[] = {
        "A bomb exploded in Kabul!",
        "A bomb exploded in kabul.",
        "A bomb exploded inKabul.",
        "A bomb exploded in Kabul. .",
        "A bomb exploded in Kabul.\xc2\xa0", /* NBSP is content */
    };
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        hash_of(other[i], h2);
        assert_string_not_equal(h1, h2);
    }
    /* it is XXH3-128 of the normalised text, high half first */
    const char *norm = "A bomb exploded in Kabul.";
    XXH128_hash_t x = XXH3_128bits(norm, strlen(norm));
    char want[33];
    snprintf(want, sizeof want, "%016llx%016llx", (unsigned long long)x.high64,
             (unsigned long long)x.low64);
    assert_string_equal(h1, want);

    /* only len bytes count; empty and blank texts agree */
    store_doc_hash("A bomb exploded in Kabul. And more.", 25, h2);
    assert_string_equal(h1, h2);
    hash_of("", h1);
    hash_of(" \n\t ", h2);
    assert_string_equal(h1, h2);
    x = XXH3_128bits("", 0);
    snprintf(want, sizeof want, "%016llx%016llx", (unsigned long long)x.high64,
             (unsigned long long)x.low64);
    assert_string_equal(h1, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrates_version_1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_uris, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dedup_whitespace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idempotent_reput, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_stop_and_nest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_put_is_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill9, setup, teardown),
        cmocka_unit_test(test_doc_hash),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
