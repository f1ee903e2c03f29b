/* store.h - where documents and events live.
 *
 * The store is an opaque handle over a backend, chosen by the URI given to
 * store_open(): a path (or "file:PATH") opens SQLite; "postgresql://..."
 * is reserved for the PostgreSQL backend. A backend is a const table of
 * operations (struct store_ops, after SQLite's VFS and curl's vtls).
 *
 * Documents are keyed by a hash of their normalised text, so storing the
 * same document twice stores it once, with its events once. Writes happen
 * inside store_begin()/store_commit(): a batch is all or nothing.
 *
 * Events of the same incident told by several documents are fused into
 * one incident by store_fuse() (the ingest calls it for each batch).
 *
 * put_document() is atomic on its own (a document is stored with all its
 * events or not at all, even outside a batch); a batch groups many.
 *
 * Ownership: strings passed in are copied; events handed to a query
 * callback belong to the store and are valid only during the call; a
 * document returned by store_get_document() belongs to the caller, who
 * releases it with doc_free(). Errors are codes from err.h;
 * store_errmsg() says more about the last one. A handle is used by one
 * thread at a time. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../extract/event.h"
#include "../ingest/ingest.h"

#define STORE_SCHEMA_VERSION 9

struct store;

struct store_filter {
    const char *since;       /* inclusive ISO date prefix, or NULL */
    const char *until;       /* inclusive, or NULL; a partial date takes in
                              * its whole period: "2016-07" keeps 2016-07-31 */
    const char *country;     /* ISO alpha-2, or NULL */
    const char *group;       /* actor_group key, or NULL */
    const char *type;        /* event type, or NULL */
    long long limit;         /* 0 means no limit */
    const char *doc;         /* document id, or NULL */
    const char *uid;         /* one incident's id, or NULL (incidents only) */
    int max_tlp;             /* 1 + the most restrictive TLP level to pass
                              * (enum tlp + 1), or 0 for every level */
    const char *red_user;    /* when set, TLP:RED passes only if its
                              * distribution names this user */
    long long offset;        /* rows skipped first (pages) */
    const char *text;        /* words the document must hold (full text:
                              * every word, a trailing * a prefix), or NULL */
};

struct store_count {
    char *key;
    long long n;
};

struct store_stats {
    long long documents;
    long long events;
    struct store_count *by_type;    size_t n_type;
    struct store_count *by_country; size_t n_country;
};

/* Receives one event; returns 0 to go on, non-zero to stop. */
typedef int (*store_event_fn)(void *ctx, const struct event *e);

/* An incident: the reports of one incident fused (src/fuse/fuse.h). Its
 * fields are those of the report that tells most; each count is the
 * best-supported latest figure with its range across the reports. */
struct incident {
    char *uid;           /* "in-" and 16 hex digits, stable once given */
    char *type, *method, *actor, *actor_group, *target, *place;
    char country[3];
    bool has_coords;
    double lat, lon;
    char date[11];
    long long killed, killed_min, killed_max;
    long long injured, injured_min, injured_max;
    long long kidnapped, detained;
    int sources;         /* documents that tell it */
    int reports;         /* events that tell it */
    char *first_reported, *last_reported; /* publication (or storage) times */
    bool background;     /* every report recalls it as background */
    int tlp;             /* the most restrictive level of its reports (enum tlp) */
    char *share_with;    /* TLP:RED: the users every red report names ("a,b"), or NULL */
};

/* Receives one incident; returns 0 to go on, non-zero to stop. */
typedef int (*store_incident_fn)(void *ctx, const struct incident *in);

/* One report of an incident: the event and its document. */
struct store_report {
    const struct event *e;
    const char *doc_hash, *source, *title, *url, *published;
    const char *reported; /* its publication, else when it was stored */
    int tlp;             /* the document's level (enum tlp) */
    const char *share_with; /* TLP:RED: the users it names, or NULL */
};

/* Receives one report; returns 0 to go on, non-zero to stop. */
typedef int (*store_report_fn)(void *ctx, const struct store_report *r);

/* A STIX object stored as it came (imported from partners): one version
 * of it, keyed by id and version (its modified, else created). */
struct store_stix {
    const char *id, *type, *version;
    int tlp;             /* enum tlp, from its markings */
    bool known;          /* a type STIX 2.1 defines (else custom, kept) */
    const char *json;    /* compact */
    const char *date_added; /* when it was stored (filled by queries) */
    bool own;            /* published from sitrep's own data (not imported) */
    const char *share_with; /* TLP:RED: the users it may go to ("a,b"), or NULL */
};

/* A document that matched a full-text search. */
struct store_hit {
    const char *doc_hash, *doc, *title, *url, *published;
    int tlp;             /* enum tlp */
    const char *snippet; /* the words around the match, each matched word
                          * between [ and ] */
    long long events;    /* how many events were extracted from it */
};

typedef int (*store_hit_fn)(void *ctx, const struct store_hit *h);

/* Receives one STIX object; returns 0 to go on, non-zero to stop. */
typedef int (*store_stix_fn)(void *ctx, const struct store_stix *o);

/* A user of the server: a name, an Argon2id password hash, the hash of a
 * bearer token, a clearance (enum tlp: what they may see) and whether
 * they may write. */
struct store_user {
    char name[64];
    char pw_hash[160];     /* libsodium crypto_pwhash_str() */
    char token_hash[72];   /* hex BLAKE2b of the token */
    int clearance;
    bool can_write;
};

typedef int (*store_user_fn)(void *ctx, const struct store_user *u);

struct store_ops {
    const char *name;
    /* On failure *out is NULL and errbuf (when not NULL) says why. */
    int (*open)(const char *uri, struct store **out, char *errbuf,
                size_t errlen);
    void (*close)(struct store *s);
    int (*begin)(struct store *s);
    int (*commit)(struct store *s);
    int (*rollback)(struct store *s);
    /* Stores d with its events unless a document with the same hash is
     * there; *added says which (added may be NULL). hash NULL means
     * store_doc_hash() of d->text; an event whose uid is NULL gets the
     * uid event_make_uid(hash, its index) would give. */
    int (*put_document)(struct store *s, const struct doc *d, const char *hash,
                        const struct event_list *events, bool *added);
    int (*has_document)(struct store *s, const char *hash, bool *found);
    /* The stored document with this hash (ERR_NOTFOUND when none): id,
     * source, title, url, published, dateline_place, text and len are
     * filled; body is 0. */
    int (*get_document)(struct store *s, const char *hash, struct doc **out);
    int (*query_events)(struct store *s, const struct store_filter *f,
                        store_event_fn fn, void *ctx);
    /* Fuses every stored event that is not part of an incident yet, in the
     * order they were stored, into a known incident or a new one; *fused
     * (may be NULL) is how many. Inside a batch it is part of it. */
    int (*fuse)(struct store *s, size_t *fused);
    /* The incidents that pass the filter (doc is ignored), by date. */
    int (*query_incidents)(struct store *s, const struct store_filter *f,
                           store_incident_fn fn, void *ctx);
    /* The reports of the incident uid, oldest first (ERR_NOTFOUND when
     * there is no such incident). */
    int (*incident_reports)(struct store *s, const char *uid, store_report_fn fn, void *ctx);
    /* The documents holding f->text, best first, under f's max_tlp,
     * red_user, limit and offset (its other fields are ignored). */
    int (*search)(struct store *s, const struct store_filter *f, store_hit_fn fn, void *ctx);
    /* Stores one version of a STIX object unless it is there; *added
     * (may be NULL) says which. */
    int (*put_stix)(struct store *s, const struct store_stix *o, bool *added);
    /* The stored STIX objects up to a level (max_tlp as in store_filter:
     * 0 for all), in the order they were added. */
    int (*query_stix)(struct store *s, int max_tlp, store_stix_fn fn, void *ctx);
    /* Deletes the imported versions of object id (all when version is
     * NULL); *deleted counts them. sitrep's own objects are kept. */
    int (*delete_stix)(struct store *s, const char *id, const char *version, size_t *deleted);
    /* Users: added or replaced by name; found by name or by token hash
     * (ERR_NOTFOUND when none); listed by name; removed by name
     * (ERR_NOTFOUND when none). */
    int (*put_user)(struct store *s, const struct store_user *u);
    int (*get_user)(struct store *s, const char *name, const char *token_hash,
                    struct store_user *out);
    int (*list_users)(struct store *s, store_user_fn fn, void *ctx);
    int (*remove_user)(struct store *s, const char *name);
    int (*stats)(struct store *s, struct store_stats *out);
    /* Verifies the store's consistency (SQLite: PRAGMA integrity_check);
     * ERR_DB with the first problem in the message when it fails. */
    int (*check)(struct store *s);
    /* A number that grows whenever a document is stored (by this handle
     * or another process): a cheap "has anything changed?". */
    int (*generation)(struct store *s, long long *out);
    const char *(*errmsg)(struct store *s);
};

/* Every backend's handle starts with this. */
struct store {
    const struct store_ops *ops;
    char err[512];
};

extern const struct store_ops store_sqlite_ops;
/* The PostgreSQL backend (store_pg.c): a postgresql:// URI. */
int store_pg_open(const char *uri, struct store **out, char *errbuf, size_t errlen);

/* Opens (creating and migrating as needed) the store at uri. On failure
 * *out is NULL and, when errbuf is given, it holds the reason. */
/* Frees the strings of an incident a query did not hand out (one that
 * incident_copy() filled) and zeroes it. */
void incident_clear(struct incident *in);
/* A copy of in that owns its strings, to keep past a query's callback. */
void incident_copy(struct incident *to, const struct incident *from);

/* An incident as one JSON object, the record of `sitrep incidents
 * --format jsonl` and of the API (unknown counts are null). */
struct jw;
void incident_write_json(struct jw *w, const struct incident *in);

int store_open(const char *uri, struct store **out, char *errbuf, size_t errlen);
void store_close(struct store *s); /* NULL is ok */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
int store_put_document(struct store *s, const struct doc *d, const char *hash,
                       const struct event_list *events, bool *added);
int store_has_document(struct store *s, const char *hash, bool *found);
int store_get_document(struct store *s, const char *hash, struct doc **out);
int store_query_events(struct store *s, const struct store_filter *f,
                       store_event_fn fn, void *ctx);
int store_fuse(struct store *s, size_t *fused);
int store_query_incidents(struct store *s, const struct store_filter *f,
                          store_incident_fn fn, void *ctx);
int store_incident_reports(struct store *s, const char *uid, store_report_fn fn, void *ctx);
int store_search(struct store *s, const struct store_filter *f, store_hit_fn fn, void *ctx);
int store_put_stix(struct store *s, const struct store_stix *o, bool *added);
int store_query_stix(struct store *s, int max_tlp, store_stix_fn fn, void *ctx);
int store_delete_stix(struct store *s, const char *id, const char *version, size_t *deleted);
int store_put_user(struct store *s, const struct store_user *u);
int store_get_user(struct store *s, const char *name, const char *token_hash,
                   struct store_user *out);
int store_list_users(struct store *s, store_user_fn fn, void *ctx);
int store_remove_user(struct store *s, const char *name);
int store_stats(struct store *s, struct store_stats *out);
void store_stats_free(struct store_stats *st); /* keeps st, frees its lists */
int store_check(struct store *s);
int store_generation(struct store *s, long long *out);
const char *store_errmsg(struct store *s);

/* The document key: a hex XXH3-128 hash of the text with runs of white
 * space collapsed to one space and the ends trimmed. out holds 33 bytes. */
void store_doc_hash(const char *text, size_t len, char out[33]);

#endif
