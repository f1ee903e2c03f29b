/* store.c - the backend-neutral side of the store: choosing a backend from
 * the URI, dispatching through its operations, and the document key. */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_STATIC_LINKING_ONLY /* XXH3_state_t on the stack */
#include <xxhash.h>

#include "../core/alloc.h"
#include "../core/bytes.h"
#include "../core/err.h"
#include "../core/jsonw.h"
#include "../core/tlp.h"

/* Copies a message into the caller's error buffer, when there is one. */
static void set_errbuf(char *errbuf, size_t errlen, const char *msg)
{
    if (errbuf && errlen)
        snprintf(errbuf, errlen, "%s", msg);
}

/* True when uri begins with "scheme://" (letters, digits, + . -), which
 * names a server rather than a file. */
static bool has_scheme(const char *uri)
{
    size_t i = 0;
    if (!((uri[0] >= 'a' && uri[0] <= 'z') || (uri[0] >= 'A' && uri[0] <= 'Z')))
        return false;
    while ((uri[i] >= 'a' && uri[i] <= 'z') || (uri[i] >= 'A' && uri[i] <= 'Z') ||
           (uri[i] >= '0' && uri[i] <= '9') || uri[i] == '+' || uri[i] == '.' ||
           uri[i] == '-')
        i++;
    return strncmp(uri + i, "://", 3) == 0;
}

/* Picks the backend from the URI and opens it: postgresql:// and
 * postgres:// are reserved for the PostgreSQL backend, any other scheme is
 * refused, and everything else (a path or a file: URI) is SQLite. */
int store_open(const char *uri, struct store **out, char *errbuf, size_t errlen)
{
    *out = NULL;
    if (!uri || !uri[0]) {
        set_errbuf(errbuf, errlen, "no store given (a path or a URI)");
        return ERR_USAGE;
    }
    if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0)
        return store_pg_open(uri, out, errbuf, errlen);
    if (has_scheme(uri)) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen,
                     "%s: unknown kind of store (give a path, file:PATH or "
                     "postgresql://...)", uri);
        return ERR_UNSUPPORTED;
    }
    return store_sqlite_ops.open(uri, out, errbuf, errlen);
}

/* Closes the handle through its backend. */
void store_close(struct store *s)
{
    if (s)
        s->ops->close(s);
}

/* The dispatchers: each calls the backend's operation. */
int store_begin(struct store *s)
{
    return s->ops->begin(s);
}

int store_commit(struct store *s)
{
    return s->ops->commit(s);
}

int store_rollback(struct store *s)
{
    return s->ops->rollback(s);
}

int store_put_document(struct store *s, const struct doc *d, const char *hash,
                       const struct event_list *events, bool *added)
{
    return s->ops->put_document(s, d, hash, events, added);
}

int store_has_document(struct store *s, const char *hash, bool *found)
{
    return s->ops->has_document(s, hash, found);
}

int store_get_document(struct store *s, const char *hash, struct doc **out)
{
    return s->ops->get_document(s, hash, out);
}

int store_query_events(struct store *s, const struct store_filter *f,
                       store_event_fn fn, void *ctx)
{
    return s->ops->query_events(s, f, fn, ctx);
}

int store_fuse(struct store *s, size_t *fused)
{
    return s->ops->fuse(s, fused);
}

int store_query_incidents(struct store *s, const struct store_filter *f,
                          store_incident_fn fn, void *ctx)
{
    return s->ops->query_incidents(s, f, fn, ctx);
}

int store_incident_reports(struct store *s, const char *uid, store_report_fn fn, void *ctx)
{
    return s->ops->incident_reports(s, uid, fn, ctx);
}

int store_search(struct store *s, const struct store_filter *f, store_hit_fn fn, void *ctx)
{
    return s->ops->search(s, f, fn, ctx);
}

int store_put_stix(struct store *s, const struct store_stix *o, bool *added)
{
    return s->ops->put_stix(s, o, added);
}

int store_query_stix(struct store *s, int max_tlp, store_stix_fn fn, void *ctx)
{
    return s->ops->query_stix(s, max_tlp, fn, ctx);
}

int store_delete_stix(struct store *s, const char *id, const char *version, size_t *deleted)
{
    return s->ops->delete_stix(s, id, version, deleted);
}

int store_put_user(struct store *s, const struct store_user *u)
{
    return s->ops->put_user(s, u);
}

int store_get_user(struct store *s, const char *name, const char *token_hash,
                   struct store_user *out)
{
    return s->ops->get_user(s, name, token_hash, out);
}

int store_list_users(struct store *s, store_user_fn fn, void *ctx)
{
    return s->ops->list_users(s, fn, ctx);
}

int store_remove_user(struct store *s, const char *name)
{
    return s->ops->remove_user(s, name);
}

int store_stats(struct store *s, struct store_stats *out)
{
    return s->ops->stats(s, out);
}

int store_check(struct store *s)
{
    return s->ops->check(s);
}

const char *store_errmsg(struct store *s)
{
    return s ? s->ops->errmsg(s) : "no store";
}

/* Frees the count lists filled by store_stats(); st itself is the
 * caller's. */
void store_stats_free(struct store_stats *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->n_type; i++)
        free(st->by_type[i].key);
    for (size_t i = 0; i < st->n_country; i++)
        free(st->by_country[i].key);
    free(st->by_type);
    free(st->by_country);
    memset(st, 0, sizeof *st);
}

/* ASCII white space: what runs collapse over (Unicode spaces are content,
 * so the key does not depend on a Unicode table). */
static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
           c == '\r';
}

/* Are the 8 bytes at p all within a normal run (see store_doc_hash()):
 * none a control character, none a space with white space (or a control
 * character) right after it? Reads p[0..9). */
static bool normal8(const unsigned char *p)
{
    uint64_t x, y;
    memcpy(&x, p, 8);
    memcpy(&y, p + 1, 8);
    uint64_t space = bytes_equal(x, ' ');
    return (bytes_below(x, ' ') | (space & bytes_below(y, ' ' + 1))) == 0;
}

/* Hashes the normalised text in one pass without copying it: the runs
 * of the text that are already normal (words with one space between them)
 * go to the hash as they stand, and each other stretch of white space as
 * one space. XXH3 gives the same digest however its input is split. */
void store_doc_hash(const char *text, size_t len, char out[33])
{
    XXH3_state_t st;
    XXH3_INITSTATE(&st);
    XXH3_128bits_reset(&st);
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < len && is_ws(p[i]))
        i++;
    size_t run = i; /* start of the normal run not yet hashed */
    while (i < len) {
        if (i + 9 <= len && normal8(p + i)) {
            i += 8; /* eight bytes of words and single spaces at once */
            continue;
        }
        unsigned char c = p[i];
        if (c > ' ' || !is_ws(c) || (c == ' ' && i + 1 < len && !is_ws(p[i + 1]))) {
            i++; /* a word's byte, or a single space between words */
            continue;
        }
        size_t end = i;
        while (i < len && is_ws(p[i]))
            i++;
        XXH3_128bits_update(&st, p + run, end - run);
        if (i < len)
            XXH3_128bits_update(&st, " ", 1); /* none after the last word */
        run = i;
    }
    XXH3_128bits_update(&st, p + run, i - run);
    XXH128_hash_t h = XXH3_128bits_digest(&st);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

int store_generation(struct store *s, long long *out)
{
    return s->ops->generation(s, out);
}

void incident_write_json(struct jw *w, const struct incident *in)
{
    jw_obj_begin(w);
    jw_key(w, "id"); jw_str(w, in->uid);
    jw_key(w, "type"); jw_str(w, in->type);
    jw_key(w, "method"); jw_str(w, in->method);
    jw_key(w, "actor"); jw_str(w, in->actor);
    jw_key(w, "actor_group"); jw_str(w, in->actor_group);
    jw_key(w, "target"); jw_str(w, in->target);
    jw_key(w, "country"); jw_str(w, in->country[0] ? in->country : NULL);
    jw_key(w, "place"); jw_str(w, in->place);
    jw_key(w, "lat");
    in->has_coords ? jw_double(w, in->lat) : jw_null(w);
    jw_key(w, "lon");
    in->has_coords ? jw_double(w, in->lon) : jw_null(w);
    jw_key(w, "date"); jw_str(w, in->date[0] ? in->date : NULL);
    jw_key(w, "killed"); jw_count(w, in->killed);
    jw_key(w, "killed_min"); jw_count(w, in->killed_min);
    jw_key(w, "killed_max"); jw_count(w, in->killed_max);
    jw_key(w, "injured"); jw_count(w, in->injured);
    jw_key(w, "injured_min"); jw_count(w, in->injured_min);
    jw_key(w, "injured_max"); jw_count(w, in->injured_max);
    jw_key(w, "kidnapped"); jw_count(w, in->kidnapped);
    jw_key(w, "detained"); jw_count(w, in->detained);
    jw_key(w, "sources"); jw_int(w, in->sources);
    jw_key(w, "reports"); jw_int(w, in->reports);
    jw_key(w, "first_reported"); jw_str(w, in->first_reported);
    jw_key(w, "last_reported"); jw_str(w, in->last_reported);
    jw_key(w, "background"); jw_bool(w, in->background);
    jw_key(w, "tlp"); jw_str(w, tlp_name((enum tlp)in->tlp));
    jw_obj_end(w);
}

void incident_clear(struct incident *in)
{
    free(in->uid);
    free(in->type);
    free(in->method);
    free(in->actor);
    free(in->actor_group);
    free(in->target);
    free(in->place);
    free(in->first_reported);
    free(in->last_reported);
    free(in->share_with);
    memset(in, 0, sizeof *in);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

void incident_copy(struct incident *to, const struct incident *from)
{
    *to = *from;
    to->uid = dup_or_null(from->uid);
    to->type = dup_or_null(from->type);
    to->method = dup_or_null(from->method);
    to->actor = dup_or_null(from->actor);
    to->actor_group = dup_or_null(from->actor_group);
    to->target = dup_or_null(from->target);
    to->place = dup_or_null(from->place);
    to->first_reported = dup_or_null(from->first_reported);
    to->last_reported = dup_or_null(from->last_reported);
    to->share_with = dup_or_null(from->share_with);
}
