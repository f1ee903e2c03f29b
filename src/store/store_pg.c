/* store_pg.c - the PostgreSQL backend of the store (store.h), over libpq.
 *
 * A first slice (issue 7): connecting (a clear error naming the server
 * when it cannot), the schema at the current version with the same
 * tables, keys and indexes as the SQLite backend (full text by a
 * generated tsvector where SQLite has FTS5), transactions, looking up a
 * document, the server's users, STIX objects as imported, counts, the
 * generation and a consistency check. The other
 * operations answer ERR_UNSUPPORTED naming themselves, so a command that
 * needs one fails cleanly with nothing written. Every statement is a
 * constant with parameters ($1...): no SQL is built from input. */
#include "store.h"

#include <libpq-fe.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/err.h"

/* The schema at STORE_SCHEMA_VERSION, PostgreSQL's dialect of the SQLite
 * backend's migrations 1 to 9 (store_sqlite.c). Later versions append
 * steps to pg_migrations[]. */
static const char pg_schema[] =
    "CREATE TABLE documents("
    " id BIGSERIAL PRIMARY KEY,"
    " hash TEXT NOT NULL UNIQUE,"
    " doc TEXT NOT NULL,"
    " source TEXT, title TEXT, url TEXT, published TEXT, dateline_place TEXT,"
    " text TEXT NOT NULL,"
    " ingested_at TEXT NOT NULL,"
    " tlp TEXT NOT NULL DEFAULT 'clear',"
    " share_with TEXT,"
    " tsv TSVECTOR GENERATED ALWAYS AS"
    "  (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED);"
    "CREATE INDEX documents_tsv ON documents USING GIN(tsv);"
    "CREATE TABLE incidents("
    " id BIGSERIAL PRIMARY KEY,"
    " uid TEXT NOT NULL UNIQUE,"
    " month TEXT, type TEXT NOT NULL, method TEXT, actor TEXT, actor_group TEXT,"
    " target TEXT, country TEXT, place TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
    " date TEXT,"
    " killed BIGINT, killed_min BIGINT, killed_max BIGINT,"
    " injured BIGINT, injured_min BIGINT, injured_max BIGINT,"
    " kidnapped BIGINT, kidnapped_min BIGINT, kidnapped_max BIGINT,"
    " detained BIGINT, detained_min BIGINT, detained_max BIGINT,"
    " sources INTEGER NOT NULL, reports INTEGER NOT NULL,"
    " first_reported TEXT, last_reported TEXT,"
    " background BOOLEAN NOT NULL, lead BIGINT NOT NULL DEFAULT -1,"
    " tlp TEXT NOT NULL DEFAULT 'clear', share_with TEXT);"
    "CREATE INDEX incidents_date ON incidents(date);"
    "CREATE INDEX incidents_country_date ON incidents(country, date);"
    "CREATE INDEX incidents_actor_group ON incidents(actor_group);"
    "CREATE INDEX incidents_type ON incidents(type);"
    "CREATE TABLE incident_figures("
    " incident_id BIGINT NOT NULL REFERENCES incidents(id),"
    " kind INTEGER NOT NULL, day TEXT NOT NULL, value BIGINT NOT NULL, n BIGINT NOT NULL,"
    " PRIMARY KEY(incident_id, kind, day, value));"
    "CREATE TABLE events("
    " id BIGSERIAL PRIMARY KEY,"
    " uid TEXT NOT NULL UNIQUE,"
    " document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, doc TEXT NOT NULL, type TEXT NOT NULL, method TEXT,"
    " actor TEXT, actor_group TEXT, target TEXT, country TEXT, place TEXT,"
    " lat DOUBLE PRECISION, lon DOUBLE PRECISION, date TEXT,"
    " killed BIGINT, injured BIGINT, kidnapped BIGINT, detained BIGINT,"
    " amount_usd DOUBLE PRECISION, amount_usd_max DOUBLE PRECISION,"
    " background BOOLEAN NOT NULL, evidence TEXT NOT NULL,"
    " ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL, roles TEXT NOT NULL,"
    " confidence DOUBLE PRECISION, amount_text TEXT,"
    " incident_id BIGINT REFERENCES incidents(id));"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_country ON events(country);"
    "CREATE INDEX events_actor_group ON events(actor_group);"
    "CREATE INDEX events_type ON events(type);"
    "CREATE INDEX events_document ON events(document_id);"
    "CREATE INDEX events_incident ON events(incident_id, document_id);"
    "CREATE TABLE stix_objects("
    " seq BIGSERIAL PRIMARY KEY,"
    " id TEXT NOT NULL, version TEXT NOT NULL, type TEXT NOT NULL,"
    " tlp INTEGER NOT NULL, known BOOLEAN NOT NULL, json TEXT NOT NULL,"
    " date_added TEXT NOT NULL, own BOOLEAN NOT NULL DEFAULT false, share_with TEXT,"
    " UNIQUE(id, version));"
    "CREATE INDEX stix_objects_type ON stix_objects(type);"
    "CREATE TABLE users("
    " name TEXT PRIMARY KEY, pw_hash TEXT NOT NULL, token_hash TEXT NOT NULL,"
    " clearance INTEGER NOT NULL, can_write BOOLEAN NOT NULL);"
    "CREATE INDEX users_token ON users(token_hash);";

_Static_assert(STORE_SCHEMA_VERSION == 9,
               "a new schema version needs its PostgreSQL step in store_pg.c");

struct pg_store {
    struct store base;
    PGconn *db;
    char where[160]; /* the server, for messages: host:port/dbname */
};

static struct pg_store *pg(struct store *s)
{
    return (struct pg_store *)s;
}

/* Records what failed with the server's message; returns ERR_DB. */
static int fail(struct pg_store *s, const PGresult *r, const char *fmt, ...)
{
    char ctx[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx, sizeof ctx, fmt, ap);
    va_end(ap);
    const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(s->db);
    snprintf(s->base.err, sizeof s->base.err, "%s: %s: %.*s", s->where, ctx,
             (int)strcspn(msg, "\n"), msg);
    return ERR_DB;
}

/* Runs a statement with text parameters; the result when it succeeded
 * (the caller clears it), else NULL after fail(). */
static PGresult *run(struct pg_store *s, const char *what, const char *sql, int n,
                     const char *const *params)
{
    PGresult *r = PQexecParams(s->db, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return r;
    fail(s, r, "%s", what);
    PQclear(r);
    return NULL;
}

/* Runs fixed SQL, which may be several statements (no parameters). */
static int exec(struct pg_store *s, const char *what, const char *sql)
{
    PGresult *r = PQexec(s->db, sql);
    ExecStatusType st = PQresultStatus(r);
    int code = ERR_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        code = fail(s, r, "%s", what);
    PQclear(r);
    return code;
}

/* Brings the schema to STORE_SCHEMA_VERSION, under an advisory lock so
 * that two processes opening a new database do not both create it. */
static int migrate(struct pg_store *s)
{
    int code = exec(s, "locking the schema", "SELECT pg_advisory_lock(7424019)");
    if (code != ERR_OK)
        return code;
    code = exec(s, "creating the schema table",
                "CREATE TABLE IF NOT EXISTS sitrep_schema(version INTEGER NOT NULL)");
    PGresult *r = code == ERR_OK
                      ? run(s, "reading the schema version",
                            "SELECT coalesce(max(version), 0) FROM sitrep_schema", 0, NULL)
                      : NULL;
    long version = r ? strtol(PQgetvalue(r, 0, 0), NULL, 10) : -1;
    PQclear(r);
    if (version < 0) {
        code = ERR_DB;
    } else if (version > STORE_SCHEMA_VERSION) {
        snprintf(s->base.err, sizeof s->base.err,
                 "%s: the store's schema is version %ld, newer than this sitrep (%d): "
                 "use a newer sitrep", s->where, version, STORE_SCHEMA_VERSION);
        code = ERR_SCHEMA;
    } else if (version == 0) {
        char v[16];
        snprintf(v, sizeof v, "%d", STORE_SCHEMA_VERSION);
        const char *p[1] = {v};
        code = exec(s, "starting the schema", "BEGIN");
        if (code == ERR_OK)
            code = exec(s, "creating the schema", pg_schema);
        PGresult *w = code == ERR_OK ? run(s, "recording the schema version",
                                           "INSERT INTO sitrep_schema VALUES($1)", 1, p)
                                     : NULL;
        if (!w)
            code = ERR_DB;
        PQclear(w);
        if (code == ERR_OK)
            code = exec(s, "committing the schema", "COMMIT");
        if (code != ERR_OK)
            PQclear(PQexec(s->db, "ROLLBACK"));
    } else if (version < STORE_SCHEMA_VERSION) {
        snprintf(s->base.err, sizeof s->base.err,
                 "%s: the store's schema is version %ld; no step to %d yet", s->where, version,
                 STORE_SCHEMA_VERSION);
        code = ERR_SCHEMA;
    }
    PQclear(PQexec(s->db, "SELECT pg_advisory_unlock(7424019)"));
    return code;
}

static const struct store_ops pg_ops;

int store_pg_open(const char *uri, struct store **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    struct pg_store *s = xcalloc(1, sizeof *s);
    s->base.ops = &pg_ops;
    s->db = PQconnectdb(uri);
    if (s->db && PQstatus(s->db) == CONNECTION_OK) {
        snprintf(s->where, sizeof s->where, "PostgreSQL %s:%s/%s", PQhost(s->db),
                 PQport(s->db), PQdb(s->db));
    } else {
        const char *msg = s->db ? PQerrorMessage(s->db) : "out of memory";
        /* the URI without its password, for the message */
        char shown[160];
        const char *at = strchr(uri, '@');
        const char *scheme_end = strstr(uri, "://");
        if (at && scheme_end && at > scheme_end)
            snprintf(shown, sizeof shown, "%.*s***%s", (int)(scheme_end + 3 - uri), uri, at);
        else
            snprintf(shown, sizeof shown, "%s", uri);
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "cannot connect to PostgreSQL at %s: %.*s", shown,
                     (int)strcspn(msg, "\n"), msg);
        PQfinish(s->db);
        free(s);
        return ERR_DB;
    }
    PQclear(PQexec(s->db, "SET client_min_messages = warning"));
    int code = migrate(s);
    if (code != ERR_OK) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "%s", s->base.err);
        PQfinish(s->db);
        free(s);
        return code;
    }
    *out = &s->base;
    return ERR_OK;
}

static void pg_close(struct store *base)
{
    struct pg_store *s = pg(base);
    PQfinish(s->db);
    free(s);
}

static int pg_begin(struct store *base) { return exec(pg(base), "beginning", "BEGIN"); }
static int pg_commit(struct store *base) { return exec(pg(base), "committing", "COMMIT"); }
static int pg_rollback(struct store *base) { return exec(pg(base), "rolling back", "ROLLBACK"); }

static int pg_has_document(struct store *base, const char *hash, bool *found)
{
    const char *p[1] = {hash};
    PGresult *r = run(pg(base), "looking up a document",
                      "SELECT 1 FROM documents WHERE hash = $1", 1, p);
    if (!r)
        return ERR_DB;
    *found = PQntuples(r) > 0;
    PQclear(r);
    return ERR_OK;
}

static int counts(struct pg_store *s, const char *sql, struct store_count **out, size_t *n)
{
    PGresult *r = run(s, "counting events", sql, 0, NULL);
    if (!r)
        return ERR_DB;
    *n = (size_t)PQntuples(r);
    *out = xcalloc(*n ? *n : 1, sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].key = xstrdup(PQgetvalue(r, (int)i, 0));
        (*out)[i].n = strtoll(PQgetvalue(r, (int)i, 1), NULL, 10);
    }
    PQclear(r);
    return ERR_OK;
}

static int pg_stats(struct store *base, struct store_stats *out)
{
    struct pg_store *s = pg(base);
    memset(out, 0, sizeof *out);
    PGresult *r = run(s, "counting documents",
                      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)",
                      0, NULL);
    if (!r)
        return ERR_DB;
    out->documents = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    out->events = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
    PQclear(r);
    int code = counts(s, "SELECT type, count(*) AS n FROM events GROUP BY type"
                         " ORDER BY n DESC, type", &out->by_type, &out->n_type);
    if (code == ERR_OK)
        code = counts(s, "SELECT coalesce(country, 'unknown') AS k, count(*) AS n FROM events"
                         " GROUP BY k ORDER BY n DESC, k", &out->by_country, &out->n_country);
    if (code != ERR_OK)
        store_stats_free(out);
    return code;
}

/* Foreign keys hold by construction; what is checked is that every
 * event's incident and document exist and the schema is current. */
static int pg_check(struct store *base)
{
    struct pg_store *s = pg(base);
    PGresult *r = run(s, "checking the store",
                      "SELECT (SELECT count(*) FROM events e WHERE e.incident_id IS NOT NULL"
                      " AND NOT EXISTS(SELECT 1 FROM incidents i WHERE i.id = e.incident_id)),"
                      " (SELECT max(version) FROM sitrep_schema)", 0, NULL);
    if (!r)
        return ERR_DB;
    long long orphans = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    if (orphans) {
        snprintf(s->base.err, sizeof s->base.err, "%s: %lld events name a missing incident",
                 s->where, orphans);
        return ERR_DB;
    }
    return ERR_OK;
}

static int pg_generation(struct store *base, long long *out)
{
    PGresult *r = run(pg(base), "reading the store's generation",
                      "SELECT coalesce(max(id), 0) FROM documents", 0, NULL);
    if (!r)
        return ERR_DB;
    *out = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return ERR_OK;
}

static const char *pg_errmsg(struct store *base)
{
    return base->err;
}

/* ---- not in this backend yet ----------------------------------------------- */

static int missing(struct store *base, const char *op)
{
    snprintf(base->err, sizeof base->err,
             "%s: %s is not in sitrep's PostgreSQL backend yet (use a SQLite store)",
             pg(base)->where, op);
    return ERR_UNSUPPORTED;
}

static int pg_put_document(struct store *s, const struct doc *d, const char *hash,
                           const struct event_list *events, bool *added)
{
    (void)d, (void)hash, (void)events;
    *added = false;
    return missing(s, "storing documents");
}

static int pg_get_document(struct store *s, const char *hash, struct doc **out)
{
    (void)hash;
    *out = NULL;
    return missing(s, "reading documents");
}

static int pg_query_events(struct store *s, const struct store_filter *f, store_event_fn fn,
                           void *ctx)
{
    (void)f, (void)fn, (void)ctx;
    return missing(s, "querying events");
}

static int pg_fuse(struct store *s, size_t *fused)
{
    if (fused)
        *fused = 0;
    return missing(s, "fusing incidents");
}

static int pg_query_incidents(struct store *s, const struct store_filter *f,
                              store_incident_fn fn, void *ctx)
{
    (void)f, (void)fn, (void)ctx;
    return missing(s, "querying incidents");
}

static int pg_incident_reports(struct store *s, const char *uid, store_report_fn fn, void *ctx)
{
    (void)uid, (void)fn, (void)ctx;
    return missing(s, "reading an incident's reports");
}

static int pg_search(struct store *s, const struct store_filter *f, store_hit_fn fn, void *ctx)
{
    (void)f, (void)fn, (void)ctx;
    return missing(s, "full-text search");
}

/* ---- STIX objects ------------------------------------------------------------- */

static int pg_put_stix(struct store *base, const struct store_stix *o, bool *added)
{
    char tlp[16];
    snprintf(tlp, sizeof tlp, "%d", o->tlp);
    const char *p[8] = {o->id, o->version ? o->version : "", o->type, tlp,
                        o->known ? "true" : "false", o->json, o->own ? "true" : "false",
                        o->share_with};
    PGresult *r = run(pg(base), "storing a STIX object",
                      "INSERT INTO stix_objects(id, version, type, tlp, known, json, date_added,"
                      " own, share_with) VALUES($1, $2, $3, $4::integer, $5::boolean, $6,"
                      " to_char(clock_timestamp() AT TIME ZONE 'UTC',"
                      " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), $7::boolean, $8)"
                      " ON CONFLICT(id, version) DO NOTHING", 8, p);
    if (added)
        *added = r && strcmp(PQcmdTuples(r), "0") != 0;
    int code = r ? ERR_OK : ERR_DB;
    PQclear(r);
    return code;
}

static int pg_query_stix(struct store *base, int max_tlp, store_stix_fn fn, void *ctx)
{
    char level[16];
    snprintf(level, sizeof level, "%d", max_tlp - 1);
    const char *p[1] = {max_tlp > 0 ? level : NULL};
    PGresult *r = run(pg(base), "reading STIX objects",
                      "SELECT id, version, type, tlp, known, json, date_added, own, share_with"
                      " FROM stix_objects WHERE $1::integer IS NULL OR tlp <= $1::integer"
                      " ORDER BY seq", 1, p);
    if (!r)
        return ERR_DB;
    for (int i = 0; i < PQntuples(r); i++) {
        struct store_stix o = {
            .id = PQgetvalue(r, i, 0),
            .version = PQgetvalue(r, i, 1),
            .type = PQgetvalue(r, i, 2),
            .tlp = atoi(PQgetvalue(r, i, 3)),
            .known = PQgetvalue(r, i, 4)[0] == 't',
            .json = PQgetvalue(r, i, 5),
            .date_added = PQgetvalue(r, i, 6),
            .own = PQgetvalue(r, i, 7)[0] == 't',
            .share_with = PQgetisnull(r, i, 8) ? NULL : PQgetvalue(r, i, 8),
        };
        if (fn(ctx, &o))
            break;
    }
    PQclear(r);
    return ERR_OK;
}

static int pg_delete_stix(struct store *base, const char *id, const char *version,
                          size_t *deleted)
{
    const char *p[2] = {id, version};
    PGresult *r = run(pg(base), "deleting a STIX object",
                      "DELETE FROM stix_objects WHERE id = $1 AND NOT own"
                      " AND ($2::text IS NULL OR version = $2::text)", 2, p);
    *deleted = r ? (size_t)strtoull(PQcmdTuples(r), NULL, 10) : 0;
    int code = r ? ERR_OK : ERR_DB;
    PQclear(r);
    return code;
}

/* ---- users ------------------------------------------------------------------- */

static int pg_put_user(struct store *base, const struct store_user *u)
{
    char clearance[16];
    snprintf(clearance, sizeof clearance, "%d", u->clearance);
    const char *p[5] = {u->name, u->pw_hash, u->token_hash, clearance,
                        u->can_write ? "true" : "false"};
    PGresult *r = run(pg(base), "storing a user",
                      "INSERT INTO users(name, pw_hash, token_hash, clearance, can_write)"
                      " VALUES($1, $2, $3, $4::integer, $5::boolean) ON CONFLICT(name) DO UPDATE"
                      " SET pw_hash = $2, token_hash = $3, clearance = $4::integer,"
                      " can_write = $5::boolean", 5, p);
    int code = r ? ERR_OK : ERR_DB;
    PQclear(r);
    return code;
}

/* Hands each row of (name, pw_hash, token_hash, clearance, can_write) to
 * fn; *rows counts them. */
static int user_rows(struct pg_store *s, const char *sql, const char *param, store_user_fn fn,
                     void *ctx, size_t *rows)
{
    const char *p[1] = {param};
    PGresult *r = run(s, "reading users", sql, param ? 1 : 0, param ? p : NULL);
    if (!r)
        return ERR_DB;
    *rows = (size_t)PQntuples(r);
    for (int i = 0; i < PQntuples(r); i++) {
        struct store_user u = {0};
        snprintf(u.name, sizeof u.name, "%s", PQgetvalue(r, i, 0));
        snprintf(u.pw_hash, sizeof u.pw_hash, "%s", PQgetvalue(r, i, 1));
        snprintf(u.token_hash, sizeof u.token_hash, "%s", PQgetvalue(r, i, 2));
        u.clearance = atoi(PQgetvalue(r, i, 3));
        u.can_write = PQgetvalue(r, i, 4)[0] == 't';
        if (fn(ctx, &u))
            break;
    }
    PQclear(r);
    return ERR_OK;
}

static int copy_user(void *ctx, const struct store_user *u)
{
    *(struct store_user *)ctx = *u;
    return 1;
}

static int pg_get_user(struct store *base, const char *name, const char *token_hash,
                       struct store_user *out)
{
    struct pg_store *s = pg(base);
    size_t rows = 0;
    int code = user_rows(s, name ? "SELECT name, pw_hash, token_hash, clearance, can_write"
                                   " FROM users WHERE name = $1"
                                 : "SELECT name, pw_hash, token_hash, clearance, can_write"
                                   " FROM users WHERE token_hash = $1",
                         name ? name : token_hash, copy_user, out, &rows);
    if (code == ERR_OK && rows == 0) {
        snprintf(s->base.err, sizeof s->base.err, "%s: no such user", s->where);
        code = ERR_NOTFOUND;
    }
    return code;
}

static int pg_list_users(struct store *base, store_user_fn fn, void *ctx)
{
    size_t rows;
    return user_rows(pg(base), "SELECT name, pw_hash, token_hash, clearance, can_write"
                               " FROM users ORDER BY name", NULL, fn, ctx, &rows);
}

static int pg_remove_user(struct store *base, const char *name)
{
    struct pg_store *s = pg(base);
    const char *p[1] = {name};
    PGresult *r = run(s, "removing a user", "DELETE FROM users WHERE name = $1", 1, p);
    if (!r)
        return ERR_DB;
    bool none = strcmp(PQcmdTuples(r), "0") == 0;
    PQclear(r);
    if (none) {
        snprintf(s->base.err, sizeof s->base.err, "%s: no user %s", s->where, name);
        return ERR_NOTFOUND;
    }
    return ERR_OK;
}

static const struct store_ops pg_ops = {
    .name = "postgresql",
    .open = store_pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .put_document = pg_put_document,
    .has_document = pg_has_document,
    .get_document = pg_get_document,
    .query_events = pg_query_events,
    .fuse = pg_fuse,
    .query_incidents = pg_query_incidents,
    .incident_reports = pg_incident_reports,
    .search = pg_search,
    .put_stix = pg_put_stix,
    .query_stix = pg_query_stix,
    .delete_stix = pg_delete_stix,
    .put_user = pg_put_user,
    .get_user = pg_get_user,
    .list_users = pg_list_users,
    .remove_user = pg_remove_user,
    .stats = pg_stats,
    .check = pg_check,
    .generation = pg_generation,
    .errmsg = pg_errmsg,
};
