/* taxii.h - the TAXII 2.1 API of sitrep serve, apart from HTTP: a request
 * (method, path, query, headers, body) in, a response (status, headers,
 * body) out, over the store. cmd_serve.c puts it behind libmicrohttpd
 * (tests/cli/taxii.sh tests it through HTTP).
 *
 * One API root, /api1/, with one collection, sitrep's incidents and
 * what partners posted: the objects of `sitrep export` (published into
 * the store's STIX table when the server starts, and again when the
 * store has changed) and the objects imported or posted. Endpoints:
 * discovery /taxii2/, the API root, collections, a collection, objects
 * (GET with added_after, limit, next, match[id], match[type],
 * match[version], match[spec_version]; POST, with a status resource),
 * an object (GET, and DELETE of what partners posted or imported, by a
 * user who may write), its versions, the manifest, and status.
 *
 * Every request must authenticate (HTTP Basic with a user's password, or
 * Bearer with their token); a failure is a 401 with WWW-Authenticate
 * after the same work whether the user exists or not. A user sees only
 * objects marked at or below their clearance, and TLP:RED only when
 * cleared for red and named on the object's distribution
 * (x_sitrep_share_with, from sitrep ingest --share-with): not in lists,
 * not by id, not in versions, manifests, counts or pages. */
#ifndef SITREP_TAXII_H
#define SITREP_TAXII_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"

struct store;
struct store_user;

#define TAXII_MEDIA "application/taxii+json;version=2.1"
#define TAXII_STIX_MEDIA "application/stix+json;version=2.1"
#define TAXII_MAX_CONTENT (16u << 20) /* bytes of a POST */
#define TAXII_PAGE_MAX 1000           /* objects in a page */

struct taxii_request {
    const char *method, *path;
    const char *(*query)(void *ctx, const char *key);  /* a query argument or NULL */
    const char *(*header)(void *ctx, const char *key); /* a header or NULL */
    void *ctx;
    const char *body;
    size_t body_len;
};

struct taxii_response {
    int status;
    struct buf body;                  /* JSON */
    char date_first[40], date_last[40]; /* X-TAXII-Date-Added-First and -Last, or "" */
    bool www_authenticate;           /* a 401: ask for credentials */
};

struct taxii;

/* The API over an open store; NULL when libsodium cannot start. */
struct taxii *taxii_new(struct store *s);
/* Another handler over its own handle of the same store, for one more
 * server thread: it shares home's POST statuses and its count of failed
 * logins (under a lock), nothing else. Freed before home. */
struct taxii *taxii_worker(struct taxii *home, struct store *s);
void taxii_free(struct taxii *t);

/* Publishes sitrep's own objects into the store's STIX table (those not
 * there yet, or changed); *added (may be NULL) counts new versions. */
int taxii_publish(struct taxii *t, size_t *added);

/* Answers one request; rs->body is initialised here and freed by the
 * caller with buf_free(). */
void taxii_handle(struct taxii *t, const struct taxii_request *rq, struct taxii_response *rs);

/* The user of a request (HTTP Basic or Bearer), as taxii_handle() checks
 * it; false with a 401 in rs (initialised by the caller) when none. */
bool taxii_user(struct taxii *t, const struct taxii_request *rq, struct taxii_response *rs,
                struct store_user *u);

/* A JSON error: {"title", "description", "http_status"}. */
void taxii_error(struct taxii_response *rs, int status, const char *title,
                 const char *description);

#endif
