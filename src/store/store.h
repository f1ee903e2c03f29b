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
 * Ownership: strings passed in are copied; events handed to a query
 * callback belong to the store and are valid only during the call. Errors
 * are codes from err.h; store_errmsg() says more about the last one. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../extract/event.h"
#include "../ingest/ingest.h"

#define STORE_SCHEMA_VERSION 1

struct store;

struct store_filter {
    const char *since;       /* inclusive ISO date prefix, or NULL */
    const char *until;       /* inclusive, or NULL */
    const char *country;     /* ISO alpha-2, or NULL */
    const char *group;       /* actor_group key, or NULL */
    const char *type;        /* event type, or NULL */
    long long limit;         /* 0 means no limit */
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

struct store_ops {
    const char *name;
    int (*open)(const char *uri, struct store **out);
    void (*close)(struct store *s);
    int (*begin)(struct store *s);
    int (*commit)(struct store *s);
    int (*rollback)(struct store *s);
    /* Stores d with its events unless a document with the same hash is
     * there; *added says which. */
    int (*put_document)(struct store *s, const struct doc *d, const char *hash,
                        const struct event_list *events, bool *added);
    int (*has_document)(struct store *s, const char *hash, bool *found);
    int (*query_events)(struct store *s, const struct store_filter *f,
                        store_event_fn fn, void *ctx);
    int (*stats)(struct store *s, struct store_stats *out);
    const char *(*errmsg)(struct store *s);
};

/* Every backend's handle starts with this. */
struct store {
    const struct store_ops *ops;
    char err[512];
};

extern const struct store_ops store_sqlite_ops;

/* Opens (creating and migrating as needed) the store at uri. On failure
 * *out is NULL and, when errbuf is given, it holds the reason. */
int store_open(const char *uri, struct store **out, char *errbuf, size_t errlen);
void store_close(struct store *s); /* NULL is ok */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
int store_put_document(struct store *s, const struct doc *d, const char *hash,
                       const struct event_list *events, bool *added);
int store_has_document(struct store *s, const char *hash, bool *found);
int store_query_events(struct store *s, const struct store_filter *f,
                       store_event_fn fn, void *ctx);
int store_stats(struct store *s, struct store_stats *out);
void store_stats_free(struct store_stats *st);
const char *store_errmsg(struct store *s);

/* The document key: a hex XXH3-128 hash of the text with runs of white
 * space collapsed to one space and the ends trimmed. out holds 33 bytes. */
void store_doc_hash(const char *text, size_t len, char out[33]);

#endif
