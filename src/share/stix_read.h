/* stix_read.h - reading STIX 2.1 from partners: a bundle, a TAXII
 * envelope ({"objects": [...]}), a JSON array of objects, or one object.
 *
 * Each object is checked on its own: a JSON object whose type is a STIX
 * type name, whose id is "<type>--<UUID>", spec_version "2.1", created and
 * modified timestamps where its type needs them, and the properties STIX
 * 2.1 requires of the types it defines. A valid object is handed to the
 * caller with its TLP level (from the TLP 1.0 or 2.0 marking definitions
 * of its object_marking_refs; unmarked is clear) and its compact JSON; an
 * invalid one is reported with its position, its id when it has one, and
 * the problem, and reading goes on. Types STIX does not define (custom
 * objects, "x-...") are valid when the common properties are, and are
 * marked as not known. Limits: STIX_MAX_INPUT bytes, STIX_MAX_OBJECTS
 * objects, ids of at most 300 bytes. */
#ifndef SITREP_STIX_READ_H
#define SITREP_STIX_READ_H

#include <stdbool.h>
#include <stddef.h>

#define STIX_MAX_INPUT (256u << 20)
#define STIX_MAX_OBJECTS 1000000

struct stix_object {
    const char *id, *type;
    const char *version;  /* modified, else created, else "" (the version key) */
    int tlp;              /* enum tlp */
    bool known;           /* a type STIX 2.1 defines */
    const char *json;     /* the object, compact */
    const char *share_with; /* x_sitrep_share_with, joined by commas ("a,b"), or NULL:
                             * the users a TLP:RED object may go to */
};

/* Receives a valid object (valid during the call); non-zero stops. */
typedef int (*stix_object_fn)(void *ctx, const struct stix_object *o);
/* Receives the problem of the object at index (id NULL when it has none). */
typedef void (*stix_problem_fn)(void *ctx, size_t index, const char *id, const char *message);

/* Reads data; returns ERR_OK (every object was handed to fn or problem),
 * ERR_PARSE when the input is not JSON or holds no list of objects,
 * ERR_TOOBIG past the limits; *why says which when not NULL. */
int stix_read(const char *data, size_t len, stix_object_fn fn, stix_problem_fn problem,
              void *ctx, const char **why);

/* stix_read() without the limits on size and count, for what sitrep
 * wrote itself (the server publishing the store's own objects). */
int stix_read_own(const char *data, size_t len, stix_object_fn fn, stix_problem_fn problem,
                  void *ctx);

#endif
