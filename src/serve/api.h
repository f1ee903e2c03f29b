/* api.h - sitrep's JSON API under /api/, served by sitrep serve beside
 * TAXII: events, incidents (one with every source and its sentence),
 * trends and alerts, with the CLI's filters, each user seeing only what
 * their clearance reaches (TLP:RED only when named on its distribution).
 *
 * Authentication is TAXII's (Basic or Bearer); a request without one is
 * read-only anonymous when it comes from the machine itself (127.0.0.1)
 * and the server allows it (anonymous clearance, clear by default),
 * else a 401. Errors are JSON {"title", "description", "http_status"}.
 *
 * Pages: `limit` (default 100, at most 1000) and `cursor`, the opaque
 * value of the previous answer's "next" (null on the last page). */
#ifndef SITREP_API_H
#define SITREP_API_H

#include <stdbool.h>

#include "taxii.h"

struct api;

/* The API over the store, authenticating through t; anonymous is the
 * clearance (enum tlp) of unauthenticated local requests, or -1 for
 * none. */
struct api *api_new(struct store *s, struct taxii *t, int anonymous);
/* Another API over its own store handle and TAXII handler, for one more
 * server thread, sharing home's cache of answers (under a lock). Freed
 * before home. */
struct api *api_worker(struct api *home, struct store *s, struct taxii *t);
void api_free(struct api *a);

/* Answers a request whose path starts with /api/ (local: it came from
 * 127.0.0.1); rs->body is initialised here. */
void api_handle(struct api *a, const struct taxii_request *rq, bool local,
                struct taxii_response *rs);

#endif
