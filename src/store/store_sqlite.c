/* store_sqlite.c - the SQLite backend of the store: one database file in
 * WAL mode, its schema migrations, and the operations of store.h.
 *
 * The handle keeps its statements prepared once and reset between uses;
 * every value from the caller is bound, never spliced into SQL. Error
 * messages name the database and the operation, then give SQLite's
 * words ("PATH: begin: database is locked"). */
#include "store.h"

#include <sqlite3.h>
#include <xxhash.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/tlp.h"
#include "../fuse/fuse.h"

#define BUSY_TIMEOUT_MS 5000

/* The schema, one step per version: migrations[i] takes a database from
 * version i to i + 1. Steps are only ever appended. */
static const char *const migrations[] = {
    /* 1: documents and their events */
    "CREATE TABLE documents("
    " id INTEGER PRIMARY KEY,"
    " hash TEXT NOT NULL UNIQUE,"
    " doc TEXT NOT NULL,"
    " source TEXT,"
    " title TEXT,"
    " url TEXT,"
    " published TEXT,"
    " dateline_place TEXT,"
    " text TEXT NOT NULL,"
    " ingested_at TEXT NOT NULL);"
    "CREATE TABLE events("
    " id INTEGER PRIMARY KEY,"
    " uid TEXT NOT NULL UNIQUE,"
    " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " doc TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " method TEXT,"
    " actor TEXT,"
    " actor_group TEXT,"
    " target TEXT,"
    " country TEXT,"
    " place TEXT,"
    " lat REAL,"
    " lon REAL,"
    " date TEXT,"
    " killed INTEGER,"
    " injured INTEGER,"
    " kidnapped INTEGER,"
    " detained INTEGER,"
    " amount_usd REAL,"
    " amount_usd_max REAL,"
    " background INTEGER NOT NULL,"
    " evidence TEXT NOT NULL,"
    " ev_start INTEGER NOT NULL,"
    " ev_end INTEGER NOT NULL,"
    " roles TEXT NOT NULL,"
    " confidence REAL);"
    "CREATE INDEX events_date ON events(date);"
    "CREATE INDEX events_country ON events(country);"
    "CREATE INDEX events_actor_group ON events(actor_group);"
    "CREATE INDEX events_type ON events(type);"
    "CREATE INDEX events_document ON events(document_id);",
    /* 2: a sum in another currency, as written ("2 billion naira") */
    "ALTER TABLE events ADD COLUMN amount_text TEXT;",
    /* 3: incidents, the reports of one incident fused (store_fuse());
     * month (YYYY-MM of the date) is the distribution key */
    "CREATE TABLE incidents("
    " id INTEGER PRIMARY KEY,"
    " uid TEXT NOT NULL UNIQUE,"
    " month TEXT,"
    " type TEXT NOT NULL,"
    " method TEXT,"
    " actor TEXT,"
    " actor_group TEXT,"
    " target TEXT,"
    " country TEXT,"
    " place TEXT,"
    " lat REAL,"
    " lon REAL,"
    " date TEXT,"
    " killed INTEGER, killed_min INTEGER, killed_max INTEGER,"
    " injured INTEGER, injured_min INTEGER, injured_max INTEGER,"
    " kidnapped INTEGER, kidnapped_min INTEGER, kidnapped_max INTEGER,"
    " detained INTEGER, detained_min INTEGER, detained_max INTEGER,"
    " sources INTEGER NOT NULL,"
    " reports INTEGER NOT NULL,"
    " first_reported TEXT,"
    " last_reported TEXT,"
    " background INTEGER NOT NULL,"
    " lead INTEGER NOT NULL DEFAULT -1);"
    /* the figures its reports give, by day of publication: the tally
     * that chooses the best-supported latest figure (fuse.h) */
    "CREATE TABLE incident_figures("
    " incident_id INTEGER NOT NULL REFERENCES incidents(id),"
    " kind INTEGER NOT NULL,"
    " day TEXT NOT NULL,"
    " value INTEGER NOT NULL,"
    " n INTEGER NOT NULL,"
    " PRIMARY KEY(incident_id, kind, day, value)) WITHOUT ROWID;"
    "CREATE INDEX incidents_date ON incidents(date);"
    "CREATE INDEX incidents_country_date ON incidents(country, date);"
    "CREATE INDEX incidents_actor_group ON incidents(actor_group);"
    "CREATE INDEX incidents_type ON incidents(type);"
    "ALTER TABLE events ADD COLUMN incident_id INTEGER REFERENCES incidents(id);"
    "CREATE INDEX events_incident ON events(incident_id, document_id);",
    /* 4: TLP 2.0 levels: a document's, and an incident's (the most
     * restrictive of its reports') */
    "ALTER TABLE documents ADD COLUMN tlp TEXT NOT NULL DEFAULT 'clear';"
    "ALTER TABLE incidents ADD COLUMN tlp TEXT NOT NULL DEFAULT 'clear';",
    /* 5: STIX objects imported from partners, each version as it came */
    "CREATE TABLE stix_objects("
    " seq INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " type TEXT NOT NULL,"
    " tlp INTEGER NOT NULL,"
    " known INTEGER NOT NULL,"
    " json TEXT NOT NULL,"
    " date_added TEXT NOT NULL,"
    " UNIQUE(id, version));"
    "CREATE INDEX stix_objects_type ON stix_objects(type);",
    /* 6: the server's users */
    "CREATE TABLE users("
    " name TEXT PRIMARY KEY,"
    " pw_hash TEXT NOT NULL,"
    " token_hash TEXT NOT NULL,"
    " clearance INTEGER NOT NULL,"
    " can_write INTEGER NOT NULL);"
    "CREATE INDEX users_token ON users(token_hash);",
    /* 7: which STIX objects were published from sitrep's own data */
    "ALTER TABLE stix_objects ADD COLUMN own INTEGER NOT NULL DEFAULT 0;",
    /* 8: TLP:RED distribution: the users a red document, incident or
     * object may go to */
    "ALTER TABLE documents ADD COLUMN share_with TEXT;"
    "ALTER TABLE incidents ADD COLUMN share_with TEXT;"
    "ALTER TABLE stix_objects ADD COLUMN share_with TEXT;",
    /* 9: full text of the documents (FTS5 over title and text, kept by
     * triggers; the index holds no copy of the text) */
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text,"
    " content='documents', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO documents_fts(documents_fts) VALUES('rebuild');"
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts(rowid, title, text) VALUES(new.id, new.title, new.text);"
    " END;"
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    " VALUES('delete', old.id, old.title, old.text);"
    " END;",
};

_Static_assert(sizeof migrations / sizeof *migrations == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* The statements kept on the handle. */
enum stmt {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_SAVEPOINT, ST_RELEASE, ST_ROLLBACK_TO,
    ST_INS_DOC, ST_INS_EVENT, ST_HAS_DOC, ST_GET_DOC, ST_QUERY,
    ST_PENDING, ST_CANDIDATES, ST_INS_INCIDENT, ST_SET_INCIDENT, ST_GET_RECORD,
    ST_TALLY, ST_CHOSEN, ST_UPD_INCIDENT, ST_QUERY_INC, ST_QUERY_INC_UID, ST_INC_REPORTS,
    ST_PUT_STIX, ST_QUERY_STIX, ST_SEARCH,
    ST__COUNT
};

#define EVENT_COLUMNS                                                        \
    "uid, doc, type, method, actor, actor_group, target, country, place, "   \
    "lat, lon, date, killed, injured, kidnapped, detained, amount_usd, "     \
    "amount_usd_max, background, evidence, ev_start, ev_end, roles, "        \
    "confidence, amount_text"

/* The same columns with the table's alias, for joins. */
#define EVENT_COLUMNS_E                                                      \
    "e.uid, e.doc, e.type, e.method, e.actor, e.actor_group, e.target, "     \
    "e.country, e.place, e.lat, e.lon, e.date, e.killed, e.injured, "        \
    "e.kidnapped, e.detained, e.amount_usd, e.amount_usd_max, e.background, " \
    "e.evidence, e.ev_start, e.ev_end, e.roles, e.confidence, e.amount_text"

#define INCIDENT_COLUMNS                                                     \
    "uid, type, method, actor, actor_group, target, country, place, lat, "   \
    "lon, date, killed, killed_min, killed_max, injured, injured_min, "      \
    "injured_max, kidnapped, detained, sources, reports, first_reported, "   \
    "last_reported, background, tlp, share_with"

/* The rank of a stored TLP name (enum tlp); an unknown name ranks as red. */
#define TLP_RANK(col)                                                        \
    "(CASE " col " WHEN 'clear' THEN 0 WHEN 'green' THEN 1 WHEN 'amber' THEN 2" \
    " WHEN 'amber+strict' THEN 3 ELSE 4 END)"

/* When a document was reported: its publication, else its storage. */
#define REPORTED "coalesce(d.published, d.ingested_at)"

static const char *const stmt_sql[ST__COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_SAVEPOINT] = "SAVEPOINT put_document",
    [ST_RELEASE] = "RELEASE put_document",
    [ST_ROLLBACK_TO] = "ROLLBACK TO put_document",
    [ST_INS_DOC] =
        "INSERT INTO documents(hash, doc, source, title, url, published,"
        " dateline_place, text, ingested_at, tlp, share_with)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?9, ?10)"
        " ON CONFLICT(hash) DO NOTHING",
    [ST_INS_EVENT] =
        "INSERT INTO events(document_id, seq, " EVENT_COLUMNS ")"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    [ST_HAS_DOC] = "SELECT 1 FROM documents WHERE hash = ?1",
    [ST_GET_DOC] =
        "SELECT doc, source, title, url, published, dateline_place, text"
        " FROM documents WHERE hash = ?1",
    /* A fixed statement: an unset filter is a NULL parameter. A partial
     * "until" takes in its whole period (prefix match). */
    [ST_QUERY] =
        "SELECT " EVENT_COLUMNS " FROM events"
        " WHERE (?1 IS NULL OR date >= ?1)"
        " AND (?2 IS NULL OR date <= ?2 OR substr(date, 1, length(?2)) = ?2)"
        " AND (?3 IS NULL OR country = ?3)"
        " AND (?4 IS NULL OR actor_group = ?4)"
        " AND (?5 IS NULL OR type = ?5)"
        " AND (?6 IS NULL OR doc = ?6)"
        " AND (?8 IS NULL OR (SELECT " TLP_RANK("d.tlp") " FROM documents d"
        " WHERE d.id = events.document_id) <= ?8)"
        " AND (?9 IS NULL OR (SELECT d.tlp <> 'red' OR instr(',' || d.share_with || ',',"
        " ',' || ?9 || ',') > 0 FROM documents d WHERE d.id = events.document_id))"
        " AND (?11 IS NULL OR document_id IN"
        " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?11))"
        " ORDER BY date NULLS LAST, doc, document_id, seq"
        " LIMIT ?7 OFFSET ?10",
    /* the events no incident holds yet, in the order they were stored */
    [ST_PENDING] =
        "SELECT " EVENT_COLUMNS_E ", e.id, e.document_id, " REPORTED ", " TLP_RANK("d.tlp")
        ", d.share_with FROM events e JOIN documents d ON d.id = e.document_id"
        " WHERE e.incident_id IS NULL ORDER BY e.id",
    /* the incidents of a country around a year that no report of the
     * same document tells */
    [ST_CANDIDATES] =
        "SELECT id, type, method, actor_group, country, place, lat, lon, date,"
        " killed_min, killed_max FROM incidents i WHERE country = ?1"
        " AND (date IS NULL OR ?2 IS NULL OR substr(date, 1, 4) BETWEEN ?2 AND ?3)"
        " AND NOT EXISTS(SELECT 1 FROM events e"
        " WHERE e.incident_id = i.id AND e.document_id = ?4)",
    [ST_INS_INCIDENT] =
        "INSERT INTO incidents(uid, type, sources, reports, background)"
        " VALUES(?1, ?2, 0, 0, 0)",
    [ST_SET_INCIDENT] = "UPDATE events SET incident_id = ?1 WHERE id = ?2",
    /* an incident's record, as fuse_add() reads it */
    [ST_GET_RECORD] =
        "SELECT type, method, actor, actor_group, target, country, place, lat, lon,"
        " date, lead, killed_min, killed_max, injured_min, injured_max,"
        " kidnapped_min, kidnapped_max, detained_min, detained_max, reports,"
        " background, first_reported, last_reported, " TLP_RANK("tlp") ", share_with"
        " FROM incidents WHERE id = ?1",
    [ST_TALLY] =
        "INSERT INTO incident_figures(incident_id, kind, day, value, n)"
        " VALUES(?1, ?2, substr(?3, 1, 10), ?4, 1)"
        " ON CONFLICT DO UPDATE SET n = n + 1",
    /* the best-supported latest figure (fuse_summarize() does the same) */
    [ST_CHOSEN] =
        "SELECT value FROM incident_figures WHERE incident_id = ?1 AND kind = ?2"
        " ORDER BY day DESC, n DESC, value DESC LIMIT 1",
    [ST_UPD_INCIDENT] =
        "UPDATE incidents SET month = ?2, type = ?3, method = ?4, actor = ?5,"
        " actor_group = ?6, target = ?7, country = ?8, place = ?9, lat = ?10,"
        " lon = ?11, date = ?12, killed = ?13, killed_min = ?14, killed_max = ?15,"
        " injured = ?16, injured_min = ?17, injured_max = ?18, kidnapped = ?19,"
        " kidnapped_min = ?20, kidnapped_max = ?21, detained = ?22,"
        " detained_min = ?23, detained_max = ?24, sources = ?25, reports = ?26,"
        " first_reported = ?27, last_reported = ?28, background = ?29, lead = ?30,"
        " tlp = ?31, share_with = ?32 WHERE id = ?1",
    [ST_QUERY_INC] =
        "SELECT " INCIDENT_COLUMNS " FROM incidents"
        " WHERE (?1 IS NULL OR date >= ?1)"
        " AND (?2 IS NULL OR date <= ?2 OR substr(date, 1, length(?2)) = ?2)"
        " AND (?3 IS NULL OR country = ?3)"
        " AND (?4 IS NULL OR actor_group = ?4)"
        " AND (?5 IS NULL OR type = ?5)"
        " AND (?7 IS NULL OR uid = ?7)"
        " AND (?8 IS NULL OR " TLP_RANK("tlp") " <= ?8)"
        " AND (?9 IS NULL OR tlp <> 'red' OR instr(',' || share_with || ',', ',' || ?9 || ',') > 0)"
        " AND (?11 IS NULL OR id IN (SELECT e.incident_id FROM events e WHERE e.document_id IN"
        " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?11)))"
        " ORDER BY date NULLS LAST, id"
        " LIMIT ?6 OFFSET ?10",
    /* one incident by id: the same, with uid's index */
    [ST_QUERY_INC_UID] =
        "SELECT " INCIDENT_COLUMNS " FROM incidents"
        " WHERE (?1 IS NULL OR date >= ?1)"
        " AND (?2 IS NULL OR date <= ?2 OR substr(date, 1, length(?2)) = ?2)"
        " AND (?3 IS NULL OR country = ?3)"
        " AND (?4 IS NULL OR actor_group = ?4)"
        " AND (?5 IS NULL OR type = ?5)"
        " AND uid = ?7"
        " AND (?8 IS NULL OR " TLP_RANK("tlp") " <= ?8)"
        " AND (?9 IS NULL OR tlp <> 'red' OR instr(',' || share_with || ',', ',' || ?9 || ',') > 0)"
        " AND (?11 IS NULL OR id IN (SELECT e.incident_id FROM events e WHERE e.document_id IN"
        " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?11)))"
        " ORDER BY date NULLS LAST, id"
        " LIMIT ?6 OFFSET ?10",
    [ST_INC_REPORTS] =
        "SELECT " EVENT_COLUMNS_E ", d.hash, d.source, d.title, d.url, d.published, "
        TLP_RANK("d.tlp") ", " REPORTED ", d.share_with"
        " FROM events e JOIN documents d ON d.id = e.document_id"
        " JOIN incidents i ON i.id = e.incident_id"
        " WHERE i.uid = ?1 ORDER BY " REPORTED ", e.id",
    [ST_PUT_STIX] =
        "INSERT INTO stix_objects(id, version, type, tlp, known, json, date_added, own,"
        " share_with)"
        " VALUES(?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?7, ?8)"
        " ON CONFLICT(id, version) DO NOTHING",
    [ST_QUERY_STIX] =
        "SELECT id, version, type, tlp, known, json, date_added, own, share_with"
        " FROM stix_objects"
        " WHERE ?1 IS NULL OR tlp <= ?1 ORDER BY seq",
    [ST_SEARCH] =
        "SELECT d.hash, d.doc, d.title, d.url, d.published, " TLP_RANK("d.tlp") ","
        " snippet(documents_fts, 1, '[', ']', '...', 20),"
        " (SELECT count(*) FROM events e WHERE e.document_id = d.id)"
        " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
        " WHERE documents_fts MATCH ?1"
        " AND (?2 IS NULL OR " TLP_RANK("d.tlp") " <= ?2)"
        " AND (?3 IS NULL OR d.tlp <> 'red'"
        " OR instr(',' || d.share_with || ',', ',' || ?3 || ',') > 0)"
        " ORDER BY rank LIMIT ?4 OFFSET ?5",
};

/* The columns of EVENT_COLUMNS, in order (query results start at 0,
 * insert parameters at 3). */
enum col {
    C_UID, C_DOC, C_TYPE, C_METHOD, C_ACTOR, C_GROUP, C_TARGET, C_COUNTRY,
    C_PLACE, C_LAT, C_LON, C_DATE, C_KILLED, C_INJURED, C_KIDNAPPED,
    C_DETAINED, C_AMOUNT, C_AMOUNT_MAX, C_BACKGROUND, C_EVIDENCE, C_EV_START,
    C_EV_END, C_ROLES, C_CONFIDENCE, C_AMOUNT_TEXT
};

struct sqlite_store {
    struct store base; /* first: the handle callers hold */
    sqlite3 *db;
    char *path;        /* as given, for messages */
    sqlite3_stmt *st[ST__COUNT];
};

/* The backend's handle behind a generic one. */
static struct sqlite_store *sq(struct store *s)
{
    return (struct sqlite_store *)s;
}

/* Records "PATH: CONTEXT: SQLite's message" as the last error and returns
 * the code that stands for SQLite's last error. */
__attribute__((format(printf, 2, 3)))
static int fail(struct sqlite_store *s, const char *fmt, ...)
{
    char ctx[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx, sizeof ctx, fmt, ap);
    va_end(ap);
    int rc = s->db ? sqlite3_errcode(s->db) : SQLITE_NOMEM;
    const char *msg = s->db ? sqlite3_errmsg(s->db) : "out of memory";
    snprintf(s->base.err, sizeof s->base.err, "%s%s%s: %s", s->path,
             ctx[0] ? ": " : "", ctx, msg);
    return rc == SQLITE_NOMEM ? ERR_NOMEM : ERR_DB;
}

/* Records a message of our own (not SQLite's) and returns code. */
__attribute__((format(printf, 3, 4)))
static int fail_msg(struct sqlite_store *s, int code, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(s->base.err, sizeof s->base.err, "%s: %s", s->path, msg);
    return code;
}

/* Runs SQL without results (used at open, for pragmas and migrations). */
static int exec(struct sqlite_store *s, const char *sql, const char *what)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, "%s", what);
    return ERR_OK;
}

/* Steps a kept statement that returns no rows, then resets it. */
static int run(struct sqlite_store *s, enum stmt which, const char *what)
{
    sqlite3_stmt *st = s->st[which];
    int rc = sqlite3_step(st);
    int code = ERR_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        code = fail(s, "%s", what);
    sqlite3_reset(st);
    return code;
}

/* Reads PRAGMA user_version into *v. */
static int schema_version(struct sqlite_store *s, int *v)
{
    sqlite3_stmt *st = NULL;
    int code = ERR_OK;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return fail(s, "reading the schema version");
    if (sqlite3_step(st) == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    else
        code = fail(s, "reading the schema version");
    sqlite3_finalize(st);
    return code;
}

/* Counts the tables, views and indexes of the database into *n. */
static int schema_objects(struct sqlite_store *s, int *n)
{
    sqlite3_stmt *st = NULL;
    int code = ERR_OK;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st,
                           NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
        code = fail(s, "reading the schema");
    else
        *n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return code;
}

/* Reads the schema version into *v and refuses what this program must
 * not touch: a newer schema, or a database of another program (version 0
 * but not empty). */
static int vet_schema(struct sqlite_store *s, int *v)
{
    int objects = 0;
    int code = schema_version(s, v);
    if (code == ERR_OK && *v > STORE_SCHEMA_VERSION)
        return fail_msg(s, ERR_SCHEMA,
                        "the database schema is version %d, newer than this "
                        "program's version %d: use a newer sitrep",
                        *v, STORE_SCHEMA_VERSION);
    if (code == ERR_OK && *v == 0 && (code = schema_objects(s, &objects)) == ERR_OK &&
        objects > 0)
        return fail_msg(s, ERR_DB, "not a sitrep database: it has tables but "
                        "no sitrep schema version");
    return code;
}

/* Brings the schema to STORE_SCHEMA_VERSION, one step per transaction
 * (each also sets user_version, so a crash leaves a whole version). The
 * schema is vetted again inside each transaction, in case another
 * process migrated meanwhile. */
static int migrate(struct sqlite_store *s)
{
    int v = 0;
    int code = vet_schema(s, &v);
    while (code == ERR_OK && v < STORE_SCHEMA_VERSION) {
        if ((code = exec(s, "BEGIN IMMEDIATE", "creating the schema")) != ERR_OK)
            break;
        code = vet_schema(s, &v);
        if (code == ERR_OK && v < STORE_SCHEMA_VERSION) {
            char bump[48];
            snprintf(bump, sizeof bump, "PRAGMA user_version = %d", v + 1);
            code = exec(s, migrations[v], "migrating the schema");
            if (code == ERR_OK)
                code = exec(s, bump, "migrating the schema");
        }
        if (code == ERR_OK)
            code = exec(s, "COMMIT", "migrating the schema");
        if (code != ERR_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            break;
        }
        code = schema_version(s, &v);
    }
    return code;
}

static void sq_close(struct store *base);

/* Opens or creates the database at uri (a path or a file: URI), vets its
 * schema, sets WAL, NORMAL sync, foreign keys and a busy timeout,
 * migrates the schema and prepares the statements. */
static int sq_open(const char *uri, struct store **out, char *errbuf, size_t errlen)
{
    struct sqlite_store *s = xcalloc(1, sizeof *s);
    int version; /* vetted first, so that a file we refuse stays as it was */
    int code = ERR_OK;
    s->base.ops = &store_sqlite_ops;
    s->path = xstrdup(uri);
    *out = NULL;

    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(uri, &s->db, flags, NULL) != SQLITE_OK) {
        code = fail(s, "cannot open");
        goto error;
    }
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if ((code = vet_schema(s, &version)) != ERR_OK ||
        (code = exec(s, "PRAGMA journal_mode=WAL", "")) != ERR_OK ||
        (code = exec(s, "PRAGMA synchronous=NORMAL", "")) != ERR_OK ||
        (code = exec(s, "PRAGMA foreign_keys=ON", "")) != ERR_OK ||
        (code = migrate(s)) != ERR_OK)
        goto error;
    for (int i = 0; i < ST__COUNT; i++)
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->st[i], NULL) != SQLITE_OK) {
            code = fail(s, "preparing statements");
            goto error;
        }
    *out = &s->base;
    return ERR_OK;

error:
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", s->base.err);
    sq_close(&s->base);
    return code;
}

/* Finalises the statements and closes the database; an open transaction
 * is rolled back by SQLite. */
static void sq_close(struct store *base)
{
    struct sqlite_store *s = sq(base);
    for (int i = 0; i < ST__COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* A batch takes the write lock at once (waiting up to the busy timeout),
 * so that it cannot fail later for a lock held by a reader turned
 * writer. */
static int sq_begin(struct store *base)
{
    return run(sq(base), ST_BEGIN, "begin");
}

/* Ends the batch; on failure (say, a full disk) it is still open and the
 * caller rolls it back. */
static int sq_commit(struct store *base)
{
    return run(sq(base), ST_COMMIT, "commit");
}

/* Rolls back the open batch; with none open (SQLite may have rolled it
 * back already after an I/O error) there is nothing to do. */
static int sq_rollback(struct store *base)
{
    struct sqlite_store *s = sq(base);
    if (sqlite3_get_autocommit(s->db))
        return ERR_OK;
    return run(s, ST_ROLLBACK, "rollback");
}

/* Binding helpers: each does nothing once *rc holds an error, so a run
 * of binds is checked once. Strings are bound without a copy: they
 * outlive the step. */
/* An FTS5 expression of a user's words: each word quoted (so nothing in
 * it is FTS5 syntax), all required, a trailing '*' kept as a prefix
 * search. Empty when there are no words. */
static void fts_match(const char *words, struct buf *out)
{
    buf_reset(out);
    for (const char *p = words; *p;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            p++;
        size_t n = (size_t)(p - w);
        bool prefix = n > 1 && w[n - 1] == '*';
        if (prefix)
            n--;
        if (out->len)
            buf_putc(out, ' ');
        buf_putc(out, '"');
        for (size_t i = 0; i < n; i++) {
            if (w[i] == '"')
                buf_putc(out, '"');
            buf_putc(out, w[i]);
        }
        buf_putc(out, '"');
        if (prefix)
            buf_putc(out, '*');
    }
    buf_putc(out, '\0');
    out->len--;
}

static void bind_str(sqlite3_stmt *st, int i, const char *v, int *rc)
{
    if (*rc == SQLITE_OK)
        *rc = v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC)
                : sqlite3_bind_null(st, i);
}

/* Binds parameter i to the FTS5 expression of a filter's words (NULL:
 * no words, no filter); match holds it until the statement is reset,
 * then the caller frees it. */
static void bind_text_filter(sqlite3_stmt *st, int i, const char *words, struct buf *match,
                             int *rc)
{
    buf_init(match, 0);
    if (words)
        fts_match(words, match);
    bind_str(st, i, match->len ? match->data : NULL, rc);
}

static void bind_int(sqlite3_stmt *st, int i, long long v, int *rc)
{
    if (*rc == SQLITE_OK)
        *rc = sqlite3_bind_int64(st, i, v);
}

/* A count: negative means unknown, stored as NULL. */
static void bind_count(sqlite3_stmt *st, int i, long long v, int *rc)
{
    if (*rc == SQLITE_OK)
        *rc = v < 0 ? sqlite3_bind_null(st, i) : sqlite3_bind_int64(st, i, v);
}

static void bind_real(sqlite3_stmt *st, int i, double v, bool known, int *rc)
{
    if (*rc == SQLITE_OK)
        *rc = known ? sqlite3_bind_double(st, i, v) : sqlite3_bind_null(st, i);
}

/* Inserts event number seq of a document; uid is the event's or the one
 * computed for it. */
static int insert_event(struct sqlite_store *s, sqlite3_int64 doc_rowid,
                        const char *doc_id, size_t seq, const struct event *e,
                        const char *uid, struct buf *roles)
{
    sqlite3_stmt *st = s->st[ST_INS_EVENT];
    const int p = 3; /* the first parameter of EVENT_COLUMNS */
    int rc = SQLITE_OK;
    int code = ERR_OK;

    buf_reset(roles);
    event_write_roles(roles, e);
    bind_int(st, 1, doc_rowid, &rc);
    bind_int(st, 2, (long long)seq, &rc);
    bind_str(st, p + C_UID, uid, &rc);
    bind_str(st, p + C_DOC, e->doc ? e->doc : doc_id, &rc);
    bind_str(st, p + C_TYPE, e->type, &rc);
    bind_str(st, p + C_METHOD, e->method, &rc);
    bind_str(st, p + C_ACTOR, e->actor, &rc);
    bind_str(st, p + C_GROUP, e->actor_group, &rc);
    bind_str(st, p + C_TARGET, e->target, &rc);
    bind_str(st, p + C_COUNTRY, e->country[0] ? e->country : NULL, &rc);
    bind_str(st, p + C_PLACE, e->place, &rc);
    bind_real(st, p + C_LAT, e->lat, e->has_coords, &rc);
    bind_real(st, p + C_LON, e->lon, e->has_coords, &rc);
    bind_str(st, p + C_DATE, e->date[0] ? e->date : NULL, &rc);
    bind_count(st, p + C_KILLED, e->killed, &rc);
    bind_count(st, p + C_INJURED, e->injured, &rc);
    bind_count(st, p + C_KIDNAPPED, e->kidnapped, &rc);
    bind_count(st, p + C_DETAINED, e->detained, &rc);
    bind_real(st, p + C_AMOUNT, e->amount_usd, e->amount_usd >= 0, &rc);
    bind_real(st, p + C_AMOUNT_MAX, e->amount_usd_max, e->amount_usd_max >= 0, &rc);
    bind_int(st, p + C_BACKGROUND, e->background, &rc);
    bind_str(st, p + C_EVIDENCE, e->evidence ? e->evidence : "", &rc);
    bind_int(st, p + C_EV_START, (long long)e->ev_start, &rc);
    bind_int(st, p + C_EV_END, (long long)e->ev_end, &rc);
    bind_str(st, p + C_ROLES, roles->data, &rc);
    bind_real(st, p + C_CONFIDENCE, e->confidence, true, &rc);
    bind_str(st, p + C_AMOUNT_TEXT, e->amount_text, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "storing event %zu of document %s", seq, doc_id);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

/* Stores a document and its events inside a savepoint, so that it is
 * all or nothing whether or not a batch is open. A document already
 * there (same hash) is left alone, with its events. */
static int sq_put_document(struct store *base, const struct doc *d, const char *hash,
                           const struct event_list *events, bool *added)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_INS_DOC];
    char hbuf[33];
    struct buf roles;
    int rc = SQLITE_OK;
    int code = ERR_OK;

    if (added)
        *added = false;
    if (!d || !d->text)
        return fail_msg(s, ERR_USAGE, "storing a document: it has no text");
    const char *doc_id = d->id ? d->id : "";
    size_t n_events = events ? events->n : 0;
    for (size_t i = 0; i < n_events; i++)
        if (!events->v[i].type)
            return fail_msg(s, ERR_USAGE,
                            "storing document %s: event %zu has no type", doc_id, i);
    if (!hash) {
        store_doc_hash(d->text, d->len, hbuf);
        hash = hbuf;
    }
    if ((code = run(s, ST_SAVEPOINT, "storing a document")) != ERR_OK)
        return code;
    buf_init(&roles, 0);

    bind_str(st, 1, hash, &rc);
    bind_str(st, 2, doc_id, &rc);
    bind_str(st, 3, d->source, &rc);
    bind_str(st, 4, d->title, &rc);
    bind_str(st, 5, d->url, &rc);
    bind_str(st, 6, d->published, &rc);
    bind_str(st, 7, d->dateline_place, &rc);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text64(st, 8, d->text, d->len, SQLITE_STATIC, SQLITE_UTF8);
    bind_str(st, 9, tlp_name((enum tlp)d->tlp), &rc);
    bind_str(st, 10, d->share_with, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "storing document %s", doc_id);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (code != ERR_OK)
        goto error;
    if (sqlite3_changes(s->db) == 0) /* there already */
        goto done;

    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < n_events; i++) {
        const struct event *e = &events->v[i];
        struct event tmp; /* only to compute a missing uid */
        event_init(&tmp);
        if (!e->uid) {
            tmp.type = e->type;
            tmp.ev_start = e->ev_start;
            event_make_uid(&tmp, hash, i);
        }
        code = insert_event(s, rowid, doc_id, i, e, e->uid ? e->uid : tmp.uid, &roles);
        free(tmp.uid);
        if (code != ERR_OK)
            goto error;
    }
    if (added)
        *added = true;
done:
    if ((code = run(s, ST_RELEASE, "storing a document")) != ERR_OK)
        goto error;
    buf_free(&roles);
    return ERR_OK;

error:
    /* Undo this document only; after an I/O error SQLite may have rolled
     * back the whole transaction, and then these fail harmlessly. */
    if (added)
        *added = false;
    sqlite3_step(s->st[ST_ROLLBACK_TO]);
    sqlite3_reset(s->st[ST_ROLLBACK_TO]);
    sqlite3_step(s->st[ST_RELEASE]);
    sqlite3_reset(s->st[ST_RELEASE]);
    buf_free(&roles);
    return code;
}

/* Whether a document with this hash is stored. */
static int sq_has_document(struct store *base, const char *hash, bool *found)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_HAS_DOC];
    int rc = SQLITE_OK;
    int code = ERR_OK;

    *found = false;
    bind_str(st, 1, hash, &rc);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *found = true;
    else if (rc != SQLITE_DONE)
        code = fail(s, "looking up document %s", hash);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

/* A copy of a text column, or NULL when it is NULL. */
static char *col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Reads a stored document back into a new struct doc (the caller frees
 * it with doc_free()); the text keeps its exact bytes. */
static int sq_get_document(struct store *base, const char *hash, struct doc **out)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_GET_DOC];
    int rc = SQLITE_OK;
    int code = ERR_OK;

    *out = NULL;
    bind_str(st, 1, hash, &rc);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        struct doc *d = xcalloc(1, sizeof *d);
        d->id = col_str(st, 0);
        d->source = col_str(st, 1);
        d->title = col_str(st, 2);
        d->url = col_str(st, 3);
        d->published = col_str(st, 4);
        d->dateline_place = col_str(st, 5);
        const void *text = sqlite3_column_blob(st, 6); /* bytes as stored */
        d->len = (size_t)sqlite3_column_bytes(st, 6);
        d->text = xmalloc(d->len + 1);
        if (d->len)
            memcpy(d->text, text, d->len);
        d->text[d->len] = '\0';
        *out = d;
    } else if (rc == SQLITE_DONE) {
        code = fail_msg(s, ERR_NOTFOUND, "no document with hash %s", hash);
    } else {
        code = fail(s, "reading document %s", hash);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

/* Copies at most cap - 1 bytes of a text column into a fixed field. */
static void col_fixed(sqlite3_stmt *st, int i, char *dst, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (n > cap - 1)
        n = cap - 1;
    if (n)
        memcpy(dst, t, n);
    dst[n] = '\0';
}

/* A count column: NULL is unknown. */
static long long col_count(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? EV_UNKNOWN
                                                     : sqlite3_column_int64(st, i);
}

/* An amount column: NULL is unknown (negative). */
static double col_amount(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_double(st, i);
}

/* Fills e (initialised) from a row of EVENT_COLUMNS. */
static int read_event(struct sqlite_store *s, sqlite3_stmt *st, struct event *e)
{
    e->uid = col_str(st, C_UID);
    e->doc = col_str(st, C_DOC);
    e->type = col_str(st, C_TYPE);
    e->method = col_str(st, C_METHOD);
    e->actor = col_str(st, C_ACTOR);
    e->actor_group = col_str(st, C_GROUP);
    e->target = col_str(st, C_TARGET);
    col_fixed(st, C_COUNTRY, e->country, sizeof e->country);
    e->place = col_str(st, C_PLACE);
    if (sqlite3_column_type(st, C_LAT) != SQLITE_NULL &&
        sqlite3_column_type(st, C_LON) != SQLITE_NULL) {
        e->has_coords = true;
        e->lat = sqlite3_column_double(st, C_LAT);
        e->lon = sqlite3_column_double(st, C_LON);
    }
    col_fixed(st, C_DATE, e->date, sizeof e->date);
    e->killed = col_count(st, C_KILLED);
    e->injured = col_count(st, C_INJURED);
    e->kidnapped = col_count(st, C_KIDNAPPED);
    e->detained = col_count(st, C_DETAINED);
    e->amount_usd = col_amount(st, C_AMOUNT);
    e->amount_usd_max = col_amount(st, C_AMOUNT_MAX);
    e->background = sqlite3_column_int(st, C_BACKGROUND) != 0;
    e->evidence = col_str(st, C_EVIDENCE);
    e->ev_start = (size_t)sqlite3_column_int64(st, C_EV_START);
    e->ev_end = (size_t)sqlite3_column_int64(st, C_EV_END);
    e->confidence = sqlite3_column_double(st, C_CONFIDENCE);
    e->amount_text = col_str(st, C_AMOUNT_TEXT);
    const char *roles = (const char *)sqlite3_column_text(st, C_ROLES);
    if (!roles || event_read_roles(e, roles) != ERR_OK)
        return fail_msg(s, ERR_PARSE, "event %s: malformed roles in the database",
                        e->uid ? e->uid : "?");
    return ERR_OK;
}

/* Hands the events that pass the filter to fn, one at a time, in order
 * of date (undated last), document and position. A callback that stops
 * the walk is not an error. The kept statement is used unless a callback
 * is querying from inside another query. */
static int sq_query_events(struct store *base, const struct store_filter *f,
                           store_event_fn fn, void *ctx)
{
    struct sqlite_store *s = sq(base);
    static const struct store_filter all = {0};
    sqlite3_stmt *st = s->st[ST_QUERY];
    sqlite3_stmt *own = NULL;
    struct event e;
    int rc = SQLITE_OK;
    int code = ERR_OK;

    if (!f)
        f = &all;
    if (sqlite3_stmt_busy(st)) {
        if (sqlite3_prepare_v2(s->db, stmt_sql[ST_QUERY], -1, &own, NULL) != SQLITE_OK)
            return fail(s, "querying events");
        st = own;
    }
    event_init(&e);
    bind_str(st, 1, f->since, &rc);
    bind_str(st, 2, f->until, &rc);
    bind_str(st, 3, f->country, &rc);
    bind_str(st, 4, f->group, &rc);
    bind_str(st, 5, f->type, &rc);
    bind_str(st, 6, f->doc, &rc);
    bind_int(st, 7, f->limit > 0 ? f->limit : -1, &rc);
    if (f->max_tlp > 0)
        bind_int(st, 8, f->max_tlp - 1, &rc);
    bind_str(st, 9, f->red_user, &rc);
    bind_int(st, 10, f->offset > 0 ? f->offset : 0, &rc);
    struct buf match;
    bind_text_filter(st, 11, f->text, &match, &rc);
    if (rc != SQLITE_OK) {
        code = fail(s, "querying events");
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        code = read_event(s, st, &e);
        int stop = code == ERR_OK ? fn(ctx, &e) : 1;
        event_clear(&e);
        if (stop)
            break;
    }
    if (code == ERR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "querying events");
out:
    sqlite3_reset(st); /* ends the read, so checkpoints can go on */
    sqlite3_clear_bindings(st);
    buf_free(&match);
    sqlite3_finalize(own);
    return code;
}

/* ---- incidents ----------------------------------------------------------- */

/* An event read for fusion, with where it is stored and when it was
 * reported. */
struct stored_event {
    struct event e;
    sqlite3_int64 rowid, doc_rowid;
    char *reported;
    int tlp;           /* its document's level */
    char *share_with;  /* its document's red distribution, or NULL */
};

static void stored_clear(struct stored_event *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        event_clear(&v[i].e);
        free(v[i].reported);
        free(v[i].share_with);
    }
    free(v);
}

/* Reads the rows of st (EVENT_COLUMNS_E, then id, document_id and the
 * report time) into *out. */
static int read_stored(struct sqlite_store *s, sqlite3_stmt *st, const char *what,
                       struct stored_event **out, size_t *n)
{
    size_t cap = 0;
    int rc, code = ERR_OK;
    *out = NULL;
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct stored_event *v = &(*out)[*n];
        event_init(&v->e);
        v->rowid = sqlite3_column_int64(st, C_AMOUNT_TEXT + 1);
        v->doc_rowid = sqlite3_column_int64(st, C_AMOUNT_TEXT + 2);
        v->reported = col_str(st, C_AMOUNT_TEXT + 3);
        v->tlp = sqlite3_column_int(st, C_AMOUNT_TEXT + 4);
        v->share_with = col_str(st, C_AMOUNT_TEXT + 5);
        (*n)++;
        if ((code = read_event(s, st, &v->e)) != ERR_OK)
            break;
    }
    if (code == ERR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "%s", what);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (code != ERR_OK) {
        stored_clear(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return code;
}

/* The names of list a ("x,y") that list b holds too, or NULL when none. */
static char *share_common(const char *a, const char *b)
{
    if (!a || !b)
        return NULL;
    struct buf out;
    buf_init(&out, 0);
    for (const char *p = a; *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        for (const char *q = b; *q;) {
            const char *f = strchr(q, ',');
            size_t m = f ? (size_t)(f - q) : strlen(q);
            if (m == n && strncmp(p, q, n) == 0) {
                if (out.len)
                    buf_putc(&out, ',');
                buf_append(&out, p, n);
                break;
            }
            q = f ? f + 1 : q + m;
        }
        p = e ? e + 1 : p + n;
    }
    char *r = out.len ? strndup(out.data, out.len) : NULL;
    buf_free(&out);
    return r;
}

/* Adds stored event p to incident id: reads the incident's record,
 * fuse_add()s the report, tallies its figures and writes the record back.
 * Each report costs the same however many the incident has. */
static int add_to_incident(struct sqlite_store *s, sqlite3_int64 id,
                           const struct stored_event *p)
{
    sqlite3_stmt *st = s->st[ST_GET_RECORD];
    struct fuse_record rec = {0};
    char *kept[12] = {0}; /* copies of the stored strings rec points to */
    char country[3] = "";
    int rc = SQLITE_OK, code = ERR_OK, tlp = 0;
    const char *share = NULL;

    bind_int(st, 1, id, &rc);
    if (rc != SQLITE_OK || (rc = sqlite3_step(st)) != SQLITE_ROW) {
        code = fail(s, "reading incident %lld", (long long)id);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return code;
    }
    rec.reports = sqlite3_column_int(st, 19);
    if (rec.reports > 0) {
        rec.type = kept[0] = col_str(st, 0);
        rec.method = kept[1] = col_str(st, 1);
        rec.actor = kept[2] = col_str(st, 2);
        rec.actor_group = kept[3] = col_str(st, 3);
        rec.target = kept[4] = col_str(st, 4);
        col_fixed(st, 5, country, sizeof country);
        rec.country = country;
        rec.place = kept[5] = col_str(st, 6);
        rec.has_coords = sqlite3_column_type(st, 7) != SQLITE_NULL;
        rec.lat = sqlite3_column_double(st, 7);
        rec.lon = sqlite3_column_double(st, 8);
        rec.date = kept[6] = col_str(st, 9);
        rec.lead = sqlite3_column_int(st, 10);
        for (int k = 0; k < FUSE__COUNTS; k++) {
            rec.min[k] = col_count(st, 11 + 2 * k);
            rec.max[k] = col_count(st, 12 + 2 * k);
        }
        rec.background = sqlite3_column_int(st, 20) != 0;
        rec.first_reported = kept[7] = col_str(st, 21);
        rec.last_reported = kept[8] = col_str(st, 22);
        tlp = sqlite3_column_int(st, 23);
        share = kept[9] = col_str(st, 24);
    }
    /* the most restrictive of its sources; red goes only to the users
     * every red source names */
    if (p->tlp == TLP_RED && tlp < TLP_RED)
        share = p->share_with;
    else if (p->tlp == TLP_RED)
        share = kept[10] = share_common(share, p->share_with);
    if (p->tlp > tlp)
        tlp = p->tlp;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    fuse_add(&rec, &p->e, p->reported);

    /* the tally, and the figure it chooses */
    long long chosen[FUSE__COUNTS];
    for (int k = 0; k < FUSE__COUNTS && code == ERR_OK; k++) {
        long long v = fuse_count(&p->e, (enum fuse_count)k);
        chosen[k] = EV_UNKNOWN;
        if (v >= 0) {
            st = s->st[ST_TALLY];
            rc = SQLITE_OK;
            bind_int(st, 1, id, &rc);
            bind_int(st, 2, k, &rc);
            bind_str(st, 3, p->reported ? p->reported : "", &rc);
            bind_int(st, 4, v, &rc);
            if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
                code = fail(s, "tallying the figures of incident %lld", (long long)id);
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
        }
        st = s->st[ST_CHOSEN];
        rc = SQLITE_OK;
        bind_int(st, 1, id, &rc);
        bind_int(st, 2, k, &rc);
        if (code == ERR_OK && rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
            chosen[k] = sqlite3_column_int64(st, 0);
        else if (code == ERR_OK && rc != SQLITE_DONE)
            code = fail(s, "choosing the figures of incident %lld", (long long)id);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }

    char month[8] = "";
    if (rec.date && strlen(rec.date) >= 7)
        memcpy(month, rec.date, 7), month[7] = '\0';
    st = s->st[ST_UPD_INCIDENT];
    rc = SQLITE_OK;
    bind_int(st, 1, id, &rc);
    bind_str(st, 2, month[0] ? month : NULL, &rc);
    bind_str(st, 3, rec.type, &rc);
    bind_str(st, 4, rec.method, &rc);
    bind_str(st, 5, rec.actor, &rc);
    bind_str(st, 6, rec.actor_group, &rc);
    bind_str(st, 7, rec.target, &rc);
    bind_str(st, 8, rec.country && rec.country[0] ? rec.country : NULL, &rc);
    bind_str(st, 9, rec.place, &rc);
    bind_real(st, 10, rec.lat, rec.has_coords, &rc);
    bind_real(st, 11, rec.lon, rec.has_coords, &rc);
    bind_str(st, 12, rec.date && rec.date[0] ? rec.date : NULL, &rc);
    for (int k = 0; k < FUSE__COUNTS; k++) {
        bind_count(st, 13 + 3 * k, chosen[k], &rc);
        bind_count(st, 14 + 3 * k, rec.min[k], &rc);
        bind_count(st, 15 + 3 * k, rec.max[k], &rc);
    }
    /* two reports of one document never fuse: one source per report */
    bind_int(st, 25, rec.reports, &rc);
    bind_int(st, 26, rec.reports, &rc);
    bind_str(st, 27, rec.first_reported, &rc);
    bind_str(st, 28, rec.last_reported, &rc);
    bind_int(st, 29, rec.background, &rc);
    bind_int(st, 30, rec.lead, &rc);
    bind_str(st, 31, tlp_name((enum tlp)tlp), &rc);
    bind_str(st, 32, tlp == TLP_RED ? share : NULL, &rc);
    if (code == ERR_OK && (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE))
        code = fail(s, "updating incident %lld", (long long)id);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
        free(kept[i]);
    return code;
}

/* The incident a stored event tells: the known one it fits best, else a
 * new one; *id is it. */
static int incident_for(struct sqlite_store *s, const struct stored_event *p, sqlite3_int64 *id)
{
    struct fuse_key key = fuse_key_of(&p->e);
    int rc = SQLITE_OK, code = ERR_OK, best = 0;
    *id = 0;
    if (p->e.country[0]) {
        sqlite3_stmt *st = s->st[ST_CANDIDATES];
        char lo[16] = "", hi[16] = "";
        if (p->e.date[0]) {
            int y = atoi(p->e.date);
            snprintf(lo, sizeof lo, "%04d", y - 1);
            snprintf(hi, sizeof hi, "%04d", y + 1);
        }
        bind_str(st, 1, p->e.country, &rc);
        bind_str(st, 2, lo[0] ? lo : NULL, &rc);
        bind_str(st, 3, hi[0] ? hi : NULL, &rc);
        bind_int(st, 4, p->doc_rowid, &rc);
        while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            char country[3];
            col_fixed(st, 4, country, sizeof country);
            struct fuse_key k = {
                .type = (const char *)sqlite3_column_text(st, 1),
                .method = (const char *)sqlite3_column_text(st, 2),
                .actor_group = (const char *)sqlite3_column_text(st, 3),
                .country = country,
                .place = (const char *)sqlite3_column_text(st, 5),
                .has_coords = sqlite3_column_type(st, 6) != SQLITE_NULL,
                .lat = sqlite3_column_double(st, 6),
                .lon = sqlite3_column_double(st, 7),
                .date = sqlite3_column_text(st, 8) ? (const char *)sqlite3_column_text(st, 8)
                                                   : "",
                .killed_lo = col_count(st, 9),
                .killed_hi = col_count(st, 10),
            };
            int score = fuse_same(&k, &key);
            if (score > best) {
                best = score;
                *id = sqlite3_column_int64(st, 0);
            }
            rc = SQLITE_OK;
        }
        if (rc != SQLITE_DONE && rc != SQLITE_OK)
            code = fail(s, "looking for the incident of event %s", p->e.uid);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (code != ERR_OK)
            return code;
    }
    if (*id)
        return ERR_OK;
    /* a new incident, named after the report that founds it */
    char uid[24];
    snprintf(uid, sizeof uid, "in-%016llx",
             (unsigned long long)XXH3_64bits(p->e.uid, strlen(p->e.uid)));
    sqlite3_stmt *st = s->st[ST_INS_INCIDENT];
    rc = SQLITE_OK;
    bind_str(st, 1, uid, &rc);
    bind_str(st, 2, p->e.type, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "creating the incident of event %s", p->e.uid);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    *id = sqlite3_last_insert_rowid(s->db);
    return code;
}

/* Fuses the events no incident holds yet, one at a time in the order they
 * were stored, inside the open batch or a transaction of its own. */
static int sq_fuse(struct store *base, size_t *fused)
{
    struct sqlite_store *s = sq(base);
    bool own_tx = sqlite3_get_autocommit(s->db);
    struct stored_event *v = NULL;
    size_t n = 0;
    int code = ERR_OK;

    if (fused)
        *fused = 0;
    if (own_tx && (code = run(s, ST_BEGIN, "fusing events")) != ERR_OK)
        return code;
    code = read_stored(s, s->st[ST_PENDING], "reading the events to fuse", &v, &n);
    for (size_t i = 0; i < n && code == ERR_OK; i++) {
        sqlite3_int64 id;
        if ((code = incident_for(s, &v[i], &id)) != ERR_OK)
            break;
        sqlite3_stmt *st = s->st[ST_SET_INCIDENT];
        int rc = SQLITE_OK;
        bind_int(st, 1, id, &rc);
        bind_int(st, 2, v[i].rowid, &rc);
        if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
            code = fail(s, "fusing event %s", v[i].e.uid);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (code == ERR_OK)
            code = add_to_incident(s, id, &v[i]);
        if (code == ERR_OK && fused)
            (*fused)++;
    }
    stored_clear(v, n);
    if (own_tx) {
        if (code == ERR_OK)
            code = run(s, ST_COMMIT, "fusing events");
        if (code != ERR_OK)
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return code;
}

/* Fills in (initialised by the caller) from a row of INCIDENT_COLUMNS. */
static void read_incident(sqlite3_stmt *st, struct incident *in)
{
    in->uid = col_str(st, 0);
    in->type = col_str(st, 1);
    in->method = col_str(st, 2);
    in->actor = col_str(st, 3);
    in->actor_group = col_str(st, 4);
    in->target = col_str(st, 5);
    col_fixed(st, 6, in->country, sizeof in->country);
    in->place = col_str(st, 7);
    in->has_coords = sqlite3_column_type(st, 8) != SQLITE_NULL;
    in->lat = sqlite3_column_double(st, 8);
    in->lon = sqlite3_column_double(st, 9);
    col_fixed(st, 10, in->date, sizeof in->date);
    in->killed = col_count(st, 11);
    in->killed_min = col_count(st, 12);
    in->killed_max = col_count(st, 13);
    in->injured = col_count(st, 14);
    in->injured_min = col_count(st, 15);
    in->injured_max = col_count(st, 16);
    in->kidnapped = col_count(st, 17);
    in->detained = col_count(st, 18);
    in->sources = sqlite3_column_int(st, 19);
    in->reports = sqlite3_column_int(st, 20);
    in->first_reported = col_str(st, 21);
    in->last_reported = col_str(st, 22);
    in->background = sqlite3_column_int(st, 23) != 0;
    enum tlp t = TLP_RED; /* an unknown name is the most restrictive */
    tlp_parse((const char *)sqlite3_column_text(st, 24), &t);
    in->tlp = (int)t;
    in->share_with = col_str(st, 25);
}

/* Hands the incidents that pass the filter to fn, by date (undated
 * last). */
static int sq_query_incidents(struct store *base, const struct store_filter *f,
                              store_incident_fn fn, void *ctx)
{
    struct sqlite_store *s = sq(base);
    static const struct store_filter all = {0};
    struct incident in = {0};
    int rc = SQLITE_OK;
    int code = ERR_OK;

    if (!f)
        f = &all;
    sqlite3_stmt *st = s->st[f->uid ? ST_QUERY_INC_UID : ST_QUERY_INC];
    bind_str(st, 1, f->since, &rc);
    bind_str(st, 2, f->until, &rc);
    bind_str(st, 3, f->country, &rc);
    bind_str(st, 4, f->group, &rc);
    bind_str(st, 5, f->type, &rc);
    bind_int(st, 6, f->limit > 0 ? f->limit : -1, &rc);
    bind_str(st, 7, f->uid, &rc);
    if (f->max_tlp > 0)
        bind_int(st, 8, f->max_tlp - 1, &rc);
    bind_str(st, 9, f->red_user, &rc);
    bind_int(st, 10, f->offset > 0 ? f->offset : 0, &rc);
    struct buf match;
    bind_text_filter(st, 11, f->text, &match, &rc);
    if (rc != SQLITE_OK) {
        code = fail(s, "querying incidents");
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        read_incident(st, &in);
        int stop = fn(ctx, &in);
        incident_clear(&in);
        if (stop)
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "querying incidents");
out:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    buf_free(&match);
    return code;
}

/* Hands the reports of incident uid to fn, oldest report first. */
static int sq_incident_reports(struct store *base, const char *uid, store_report_fn fn,
                               void *ctx)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_INC_REPORTS];
    struct event e;
    int rc = SQLITE_OK;
    int code = ERR_OK;
    size_t n = 0;

    event_init(&e);
    bind_str(st, 1, uid, &rc);
    if (rc != SQLITE_OK) {
        code = fail(s, "reading incident %s", uid);
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((code = read_event(s, st, &e)) != ERR_OK)
            break;
        struct store_report r = {
            .e = &e,
            .doc_hash = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 1),
            .source = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 2),
            .title = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 3),
            .url = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 4),
            .published = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 5),
            .tlp = sqlite3_column_int(st, C_AMOUNT_TEXT + 6),
            .reported = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 7),
            .share_with = (const char *)sqlite3_column_text(st, C_AMOUNT_TEXT + 8),
        };
        n++;
        int stop = fn(ctx, &r);
        event_clear(&e);
        if (stop)
            break;
    }
    if (code == ERR_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "reading incident %s", uid);
    else if (code == ERR_OK && n == 0)
        code = fail_msg(s, ERR_NOTFOUND, "no incident %s", uid);
out:
    event_clear(&e);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

/* Full-text search of the documents (store.h). */
static int sq_search(struct store *base, const struct store_filter *f, store_hit_fn fn,
                     void *ctx)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_SEARCH];
    int rc = SQLITE_OK;
    int code = ERR_OK;
    struct buf match;
    buf_init(&match, 0);
    fts_match(f->text ? f->text : "", &match);
    if (match.len == 0) {
        buf_free(&match);
        return ERR_OK; /* no words: nothing matches */
    }
    bind_str(st, 1, match.data, &rc);
    if (f->max_tlp > 0)
        bind_int(st, 2, f->max_tlp - 1, &rc);
    bind_str(st, 3, f->red_user, &rc);
    bind_int(st, 4, f->limit > 0 ? f->limit : -1, &rc);
    bind_int(st, 5, f->offset > 0 ? f->offset : 0, &rc);
    if (rc != SQLITE_OK) {
        code = fail(s, "searching documents");
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_hit h = {
            .doc_hash = (const char *)sqlite3_column_text(st, 0),
            .doc = (const char *)sqlite3_column_text(st, 1),
            .title = (const char *)sqlite3_column_text(st, 2),
            .url = (const char *)sqlite3_column_text(st, 3),
            .published = (const char *)sqlite3_column_text(st, 4),
            .tlp = sqlite3_column_int(st, 5),
            .snippet = (const char *)sqlite3_column_text(st, 6),
            .events = sqlite3_column_int64(st, 7),
        };
        if (fn(ctx, &h))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "searching documents");
out:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    buf_free(&match);
    return code;
}

/* ---- STIX objects as they came ------------------------------------------ */

static int sq_put_stix(struct store *base, const struct store_stix *o, bool *added)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_PUT_STIX];
    int rc = SQLITE_OK, code = ERR_OK;
    if (added)
        *added = false;
    bind_str(st, 1, o->id, &rc);
    bind_str(st, 2, o->version ? o->version : "", &rc);
    bind_str(st, 3, o->type, &rc);
    bind_int(st, 4, o->tlp, &rc);
    bind_int(st, 5, o->known, &rc);
    bind_str(st, 6, o->json, &rc);
    bind_int(st, 7, o->own, &rc);
    bind_str(st, 8, o->share_with, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "storing STIX object %s", o->id ? o->id : "?");
    else if (added)
        *added = sqlite3_changes(s->db) > 0;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

static int sq_query_stix(struct store *base, int max_tlp, store_stix_fn fn, void *ctx)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = s->st[ST_QUERY_STIX];
    int rc = SQLITE_OK, code = ERR_OK;
    if (max_tlp > 0)
        bind_int(st, 1, max_tlp - 1, &rc);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_stix o = {
            .id = (const char *)sqlite3_column_text(st, 0),
            .version = (const char *)sqlite3_column_text(st, 1),
            .type = (const char *)sqlite3_column_text(st, 2),
            .tlp = sqlite3_column_int(st, 3),
            .known = sqlite3_column_int(st, 4) != 0,
            .json = (const char *)sqlite3_column_text(st, 5),
            .date_added = (const char *)sqlite3_column_text(st, 6),
            .own = sqlite3_column_int(st, 7) != 0,
            .share_with = (const char *)sqlite3_column_text(st, 8),
        };
        if (fn(ctx, &o))
            break;
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "reading STIX objects");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return code;
}

static int sq_delete_stix(struct store *base, const char *id, const char *version,
                          size_t *deleted)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK, code = ERR_OK;
    *deleted = 0;
    if (sqlite3_prepare_v2(s->db,
                           "DELETE FROM stix_objects WHERE id = ?1 AND own = 0"
                           " AND (?2 IS NULL OR version = ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, "deleting STIX object %s", id);
    bind_str(st, 1, id, &rc);
    bind_str(st, 2, version, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "deleting STIX object %s", id);
    else
        *deleted = (size_t)sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return code;
}

/* ---- users ---------------------------------------------------------------- */

/* Runs sql with up to two text parameters; calls fn for each user row. */
static int user_rows(struct sqlite_store *s, const char *sql, const char *a, const char *b,
                     store_user_fn fn, void *ctx, size_t *rows)
{
    sqlite3_stmt *st = NULL;
    int rc, code = ERR_OK;
    *rows = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(s, "reading users");
    rc = SQLITE_OK;
    if (a)
        bind_str(st, 1, a, &rc);
    if (b)
        bind_str(st, 2, b, &rc);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_user u = {0};
        col_fixed(st, 0, u.name, sizeof u.name);
        col_fixed(st, 1, u.pw_hash, sizeof u.pw_hash);
        col_fixed(st, 2, u.token_hash, sizeof u.token_hash);
        u.clearance = sqlite3_column_int(st, 3);
        u.can_write = sqlite3_column_int(st, 4) != 0;
        (*rows)++;
        if (fn && fn(ctx, &u))
            break;
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        code = fail(s, "reading users");
    sqlite3_finalize(st);
    return code;
}

static int sq_put_user(struct store *base, const struct store_user *u)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK, code = ERR_OK;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO users(name, pw_hash, token_hash, clearance, can_write)"
                           " VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(name) DO UPDATE SET"
                           " pw_hash = ?2, token_hash = ?3, clearance = ?4, can_write = ?5",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, "storing user %s", u->name);
    bind_str(st, 1, u->name, &rc);
    bind_str(st, 2, u->pw_hash, &rc);
    bind_str(st, 3, u->token_hash, &rc);
    bind_int(st, 4, u->clearance, &rc);
    bind_int(st, 5, u->can_write, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "storing user %s", u->name);
    sqlite3_finalize(st);
    return code;
}

static int copy_user(void *ctx, const struct store_user *u)
{
    *(struct store_user *)ctx = *u;
    return 1;
}

static int sq_get_user(struct store *base, const char *name, const char *token_hash,
                       struct store_user *out)
{
    struct sqlite_store *s = sq(base);
    size_t rows;
    int code = name ? user_rows(s, "SELECT name, pw_hash, token_hash, clearance, can_write"
                                   " FROM users WHERE name = ?1", name, NULL, copy_user, out,
                                &rows)
                    : user_rows(s, "SELECT name, pw_hash, token_hash, clearance, can_write"
                                   " FROM users WHERE token_hash = ?1", token_hash, NULL,
                                copy_user, out, &rows);
    if (code == ERR_OK && rows == 0)
        code = fail_msg(s, ERR_NOTFOUND, "no such user");
    return code;
}

static int sq_list_users(struct store *base, store_user_fn fn, void *ctx)
{
    size_t rows;
    return user_rows(sq(base), "SELECT name, pw_hash, token_hash, clearance, can_write"
                               " FROM users ORDER BY name", NULL, NULL, fn, ctx, &rows);
}

static int sq_remove_user(struct store *base, const char *name)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    int rc = SQLITE_OK, code = ERR_OK;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM users WHERE name = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(s, "removing user %s", name);
    bind_str(st, 1, name, &rc);
    if (rc != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE)
        code = fail(s, "removing user %s", name);
    else if (sqlite3_changes(s->db) == 0)
        code = fail_msg(s, ERR_NOTFOUND, "no user %s", name);
    sqlite3_finalize(st);
    return code;
}

/* Reads (key, count) rows into a new list. */
static int count_rows(struct sqlite_store *s, const char *sql,
                      struct store_count **out, size_t *n)
{
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int rc;
    int code = ERR_OK;

    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(s, "counting events");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[*n].key = col_str(st, 0);
        (*out)[*n].n = sqlite3_column_int64(st, 1);
        (*n)++;
    }
    if (rc != SQLITE_DONE)
        code = fail(s, "counting events");
    sqlite3_finalize(st);
    return code;
}

/* Counts documents and events, and events by type and by country, all
 * from one snapshot (a read transaction unless a batch is open). */
static int sq_stats(struct store *base, struct store_stats *out)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    bool own_tx = sqlite3_get_autocommit(s->db);
    int code = ERR_OK;

    memset(out, 0, sizeof *out);
    if (own_tx && (code = exec(s, "BEGIN", "counting events")) != ERR_OK)
        return code;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT (SELECT count(*) FROM documents),"
                           " (SELECT count(*) FROM events)",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        code = fail(s, "counting documents");
        goto out;
    }
    out->documents = sqlite3_column_int64(st, 0);
    out->events = sqlite3_column_int64(st, 1);
    code = count_rows(s,
                      "SELECT type, count(*) AS n FROM events"
                      " GROUP BY type ORDER BY n DESC, type",
                      &out->by_type, &out->n_type);
    if (code == ERR_OK)
        code = count_rows(s,
                          "SELECT coalesce(country, 'unknown') AS k, count(*) AS n"
                          " FROM events GROUP BY k ORDER BY n DESC, k",
                          &out->by_country, &out->n_country);
out:
    sqlite3_finalize(st);
    if (own_tx)
        sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (code != ERR_OK)
        store_stats_free(out);
    return code;
}

/* PRAGMA integrity_check, then foreign_key_check (events whose document
 * is gone). */
static int sq_check(struct store *base)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    int code = ERR_OK;

    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        code = fail(s, "integrity check");
        goto out;
    }
    const char *res = (const char *)sqlite3_column_text(st, 0);
    if (!res || strcmp(res, "ok") != 0) {
        code = fail_msg(s, ERR_DB, "integrity check: %s", res ? res : "no result");
        goto out;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
        code = fail(s, "foreign key check");
        goto out;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        code = fail_msg(s, ERR_DB, "integrity check: row %lld of %s points to a "
                        "missing row of %s", (long long)sqlite3_column_int64(st, 1),
                        (const char *)sqlite3_column_text(st, 0),
                        (const char *)sqlite3_column_text(st, 2));
    else if (rc != SQLITE_DONE)
        code = fail(s, "foreign key check");
out:
    sqlite3_finalize(st);
    return code;
}

/* The message of the last failure, kept until the next one. */
static const char *sq_errmsg(struct store *base)
{
    return base->err[0] ? base->err : "no error";
}

/* The newest document's row id: rows are only ever added (store.h). */
static int sq_generation(struct store *base, long long *out)
{
    struct sqlite_store *s = sq(base);
    sqlite3_stmt *st = NULL;
    *out = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT ifnull(max(id), 0) FROM documents", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(s, "reading the store's generation");
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? ERR_OK : fail(s, "reading the store's generation");
}

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .put_document = sq_put_document,
    .has_document = sq_has_document,
    .get_document = sq_get_document,
    .query_events = sq_query_events,
    .fuse = sq_fuse,
    .query_incidents = sq_query_incidents,
    .incident_reports = sq_incident_reports,
    .search = sq_search,
    .generation = sq_generation,
    .put_stix = sq_put_stix,
    .query_stix = sq_query_stix,
    .delete_stix = sq_delete_stix,
    .put_user = sq_put_user,
    .get_user = sq_get_user,
    .list_users = sq_list_users,
    .remove_user = sq_remove_user,
    .stats = sq_stats,
    .check = sq_check,
    .errmsg = sq_errmsg,
};
