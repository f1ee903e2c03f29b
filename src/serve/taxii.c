/* taxii.c - the TAXII 2.1 API over the store (taxii.h). */
#include "taxii.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "../core/alloc.h"
#include "../core/err.h"
#include "../core/jsonw.h"
#include "../core/tlp.h"
#include "../share/stix.h"
#include "../share/stix_read.h"
#include "../store/store.h"
#include "auth.h"

#define API_ROOT "/api1/"
#define MAX_STATUSES 256

/* A POST's outcome, kept for GET status (the latest MAX_STATUSES). */
struct status {
    char id[80];
    char *json;
};

struct taxii {
    struct taxii *home;        /* the handler whose statuses and failure count
                                * all workers share (itself, or taxii_worker()'s) */
    pthread_mutex_t lock;      /* the home's: guards statuses and failures */
    struct store *s;
    char collection[80];       /* the collection's id (a UUID) */
    char dummy_hash[AUTH_HASH_MAX]; /* checked when a user does not exist */
    unsigned failures;         /* recent authentication failures */
    time_t last_failure;
    struct status statuses[MAX_STATUSES];
    size_t next_status;
};

struct taxii *taxii_new(struct store *s)
{
    if (!auth_init())
        return NULL;
    struct taxii *t = xcalloc(1, sizeof *t);
    t->home = t;
    pthread_mutex_init(&t->lock, NULL);
    t->s = s;
    char id[80];
    stix_id(id, "x-collection", "collection:sitrep");
    snprintf(t->collection, sizeof t->collection, "%s", id + strlen("x-collection--"));
    char pw[AUTH_TOKEN_HEX];
    auth_new_token(pw);
    auth_hash_password(pw, t->dummy_hash);
    return t;
}

struct taxii *taxii_worker(struct taxii *home, struct store *s)
{
    struct taxii *t = xcalloc(1, sizeof *t);
    t->home = home;
    t->s = s;
    memcpy(t->collection, home->collection, sizeof t->collection);
    memcpy(t->dummy_hash, home->dummy_hash, sizeof t->dummy_hash);
    return t;
}

void taxii_free(struct taxii *t)
{
    if (!t)
        return;
    if (t->home == t) {
        for (size_t i = 0; i < MAX_STATUSES; i++)
            free(t->statuses[i].json);
        pthread_mutex_destroy(&t->lock);
    }
    free(t);
}

/* ---- publishing sitrep's own objects ------------------------------------ */

struct put_ctx {
    struct store *s;
    size_t added;
    int rc;
};

static int put_object(void *ctx, const struct stix_object *o)
{
    struct put_ctx *p = ctx;
    struct store_stix so = {o->id,   o->type, o->version, o->tlp, o->known,
                            o->json, NULL,    true,       o->share_with};
    bool added = false;
    if ((p->rc = store_put_stix(p->s, &so, &added)) != ERR_OK)
        return 1;
    p->added += added;
    return 0;
}

int taxii_publish(struct taxii *t, size_t *added)
{
    struct stix_input in;
    int rc = stix_from_store(t->s, NULL, &in);
    if (rc != ERR_OK)
        return rc;
    in.n_raw = 0; /* what is already in the STIX table stays as it is */
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    bool ok = f && stix_write_bundle(f, &in);
    if (f)
        fclose(f);
    stix_input_free(&in);
    if (!ok) {
        free(data);
        return ERR_NOMEM;
    }
    struct put_ctx p = {t->s, 0, ERR_OK};
    if ((rc = store_begin(t->s)) == ERR_OK) {
        rc = stix_read_own(data, len, put_object, NULL, &p);
        if (rc == ERR_OK)
            rc = p.rc;
        if (rc == ERR_OK)
            rc = store_commit(t->s);
        if (rc != ERR_OK)
            store_rollback(t->s);
    }
    free(data);
    if (added)
        *added = p.added;
    return rc;
}

/* ---- responses ----------------------------------------------------------- */

void taxii_error(struct taxii_response *rs, int status, const char *title,
                 const char *description)
{
    char code[8];
    snprintf(code, sizeof code, "%d", status);
    rs->status = status;
    buf_reset(&rs->body);
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "title");
    jw_str(&w, title);
    jw_key(&w, "description");
    jw_str(&w, description);
    jw_key(&w, "http_status");
    jw_str(&w, code);
    jw_obj_end(&w);
}

/* ---- authentication ------------------------------------------------------ */

/* The user of the request, or false (and a 401 in rs). */
static bool authenticate(struct taxii *t, const struct taxii_request *rq,
                         struct taxii_response *rs, struct store_user *u)
{
    const char *auth = rq->header(rq->ctx, "Authorization");
    bool ok = false;
    if (auth && strncasecmp(auth, "Basic ", 6) == 0) {
        unsigned char raw[512];
        size_t n = 0;
        const char *b64 = auth + 6;
        if (sodium_base642bin(raw, sizeof raw - 1, b64, strlen(b64), " ", &n, NULL,
                              sodium_base64_VARIANT_ORIGINAL) == 0) {
            raw[n] = '\0';
            char *colon = strchr((char *)raw, ':');
            if (colon) {
                *colon = '\0';
                /* the same work whether the user exists or not */
                bool found = store_get_user(t->s, (char *)raw, NULL, u) == ERR_OK;
                bool match = auth_check_password(found ? u->pw_hash : t->dummy_hash, colon + 1);
                ok = found && match;
            }
            sodium_memzero(raw, sizeof raw);
        }
    } else if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        char hash[AUTH_TOKEN_HEX];
        auth_token_hash(auth + 7, hash);
        ok = store_get_user(t->s, NULL, hash, u) == ERR_OK;
    }
    struct taxii *h = t->home;
    pthread_mutex_lock(&h->lock);
    if (ok) {
        h->failures = 0;
        pthread_mutex_unlock(&h->lock);
        return true;
    }
    /* repeated failures are slowed down */
    time_t now = time(NULL);
    if (now - h->last_failure > 60)
        h->failures = 0;
    h->last_failure = now;
    if (h->failures < 8)
        h->failures++;
    unsigned delay = 100000u * h->failures;
    pthread_mutex_unlock(&h->lock);
    usleep(delay);
    taxii_error(rs, 401, "Unauthorized", "This server needs a user: HTTP Basic with a password, or "
                                   "a Bearer token.");
    rs->www_authenticate = true;
    return false;
}

bool taxii_user(struct taxii *t, const struct taxii_request *rq, struct taxii_response *rs,
                struct store_user *u)
{
    return authenticate(t, rq, rs, u);
}

/* ---- the objects a user may see ------------------------------------------- */

struct item {
    char *id, *type, *version, *json, *date_added;
    long long seq;
    bool own;
};

struct items {
    struct item *v;
    size_t n, cap;
    int clearance;
    const char *user;
};

/* May the user see an object of this level and distribution? */
static bool visible(const struct items *it, int tlp, const char *share_with)
{
    return tlp_visible(tlp, share_with, it->clearance, it->user);
}

static int collect(void *ctx, const struct store_stix *o)
{
    struct items *it = ctx;
    if (!visible(it, o->tlp, o->share_with))
        return 0;
    if (it->n == it->cap) {
        it->cap = it->cap ? 2 * it->cap : 256;
        it->v = xrealloc(it->v, it->cap * sizeof *it->v);
    }
    struct item *x = &it->v[it->n];
    x->id = xstrdup(o->id);
    x->type = xstrdup(o->type);
    x->version = xstrdup(o->version);
    x->json = xstrdup(o->json);
    x->date_added = xstrdup(o->date_added);
    x->seq = (long long)it->n; /* the store gives them in the order added */
    x->own = o->own;
    it->n++;
    return 0;
}

static void items_free(struct items *it)
{
    for (size_t i = 0; i < it->n; i++) {
        free(it->v[i].id);
        free(it->v[i].type);
        free(it->v[i].version);
        free(it->v[i].json);
        free(it->v[i].date_added);
    }
    free(it->v);
}

/* Applies the filters of the request to the items (id: the object of the
 * URL, or NULL); keeps[i] says which pass. */
static bool filter(const struct taxii_request *rq, const struct items *it, const char *id,
                   bool *keep, struct taxii_response *rs, bool versions_endpoint)
{
    const char *after = rq->query(rq->ctx, "added_after");
    const char *ids = rq->query(rq->ctx, "match[id]");
    const char *types = rq->query(rq->ctx, "match[type]");
    const char *version = rq->query(rq->ctx, "match[version]");
    const char *spec = rq->query(rq->ctx, "match[spec_version]");
    if (!version)
        version = versions_endpoint ? "all" : "last";
    if (spec && !tlp_list_has(spec, "2.1")) {
        for (size_t i = 0; i < it->n; i++)
            keep[i] = false;
        return true;
    }
    for (size_t i = 0; i < it->n; i++) {
        const struct item *x = &it->v[i];
        keep[i] = (!id || strcmp(x->id, id) == 0) && (!ids || tlp_list_has(ids, x->id)) &&
                  (!types || tlp_list_has(types, x->type)) &&
                  (!after || strcmp(x->date_added, after) > 0);
    }
    if (strcmp(version, "all") == 0)
        return true;
    bool first = strcmp(version, "first") == 0, last = strcmp(version, "last") == 0;
    for (size_t i = 0; i < it->n; i++) {
        if (!keep[i])
            continue;
        if (!first && !last) { /* timestamps */
            keep[i] = tlp_list_has(version, it->v[i].version);
            continue;
        }
        for (size_t j = 0; j < it->n && keep[i]; j++)
            if (j != i && strcmp(it->v[j].id, it->v[i].id) == 0) {
                int c = strcmp(it->v[j].version, it->v[i].version);
                if ((last && c > 0) || (first && c < 0))
                    keep[i] = false;
            }
    }
    (void)rs;
    return true;
}

/* limit and next: the page [from, to) of the passing items. next is the
 * position (in the order added) after which the page starts. */
static bool page(const struct taxii_request *rq, struct taxii_response *rs, size_t n,
                 size_t *limit, size_t *from)
{
    const char *l = rq->query(rq->ctx, "limit"), *next = rq->query(rq->ctx, "next");
    *limit = TAXII_PAGE_MAX;
    *from = 0;
    if (l) {
        char *end;
        long v = strtol(l, &end, 10);
        if (*end || v <= 0) {
            taxii_error(rs, 400, "Bad limit", "limit must be a whole number above 0.");
            return false;
        }
        if ((size_t)v < *limit)
            *limit = (size_t)v;
    }
    if (next) {
        char *end;
        long long v = strtoll(next, &end, 10);
        if (*end || v < 0 || (size_t)v > n) {
            taxii_error(rs, 400, "Bad next", "next is not a value this server gave.");
            return false;
        }
        *from = (size_t)v;
    }
    return true;
}

static void headers_of_page(struct taxii_response *rs, const struct items *it, const bool *keep,
                            size_t from, size_t to)
{
    rs->date_first[0] = rs->date_last[0] = '\0';
    for (size_t i = from; i < to; i++) {
        if (!keep[i])
            continue;
        if (!rs->date_first[0])
            snprintf(rs->date_first, sizeof rs->date_first, "%s", it->v[i].date_added);
        snprintf(rs->date_last, sizeof rs->date_last, "%s", it->v[i].date_added);
    }
}

enum listing { L_OBJECTS, L_MANIFEST, L_VERSIONS };

/* The objects, manifest or versions of the collection (or of one object). */
static void listing(struct taxii *t, const struct taxii_request *rq, struct taxii_response *rs,
                    const struct store_user *u, const char *id, enum listing what)
{
    struct items it = {.clearance = u->clearance, .user = u->name};
    if (store_query_stix(t->s, 0, collect, &it) != ERR_OK) {
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        items_free(&it);
        return;
    }
    bool *keep = xcalloc(it.n + 1, sizeof *keep);
    size_t limit, from;
    if (!filter(rq, &it, id, keep, rs, what == L_VERSIONS) || !page(rq, rs, it.n, &limit, &from))
        goto out;
    size_t passing = 0;
    for (size_t i = 0; i < it.n; i++)
        passing += keep[i];
    if (id && passing == 0 && !rq->query(rq->ctx, "added_after") &&
        !rq->query(rq->ctx, "match[version]") && !rq->query(rq->ctx, "match[spec_version]")) {
        /* absent, or above the user's clearance: the same answer */
        taxii_error(rs, 404, "Not found", "No such object in this collection.");
        goto out;
    }
    size_t to = from, shown = 0;
    while (to < it.n && shown < limit) {
        shown += keep[to];
        to++;
    }
    bool more = false;
    for (size_t i = to; i < it.n && !more; i++)
        more = keep[i];
    headers_of_page(rs, &it, keep, from, to);
    rs->status = 200;
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "more");
    jw_bool(&w, more);
    if (more) {
        char next[24];
        snprintf(next, sizeof next, "%zu", to);
        jw_key(&w, "next");
        jw_str(&w, next);
    }
    if (shown) {
        jw_key(&w, what == L_VERSIONS ? "versions" : "objects");
        jw_arr_begin(&w);
        for (size_t i = from; i < to; i++) {
            if (!keep[i])
                continue;
            const struct item *x = &it.v[i];
            if (what == L_OBJECTS) {
                jw_raw(&w, x->json, strlen(x->json));
            } else if (what == L_VERSIONS) {
                jw_str(&w, x->version);
            } else {
                jw_obj_begin(&w);
                jw_key(&w, "id");
                jw_str(&w, x->id);
                jw_key(&w, "date_added");
                jw_str(&w, x->date_added);
                jw_key(&w, "version");
                jw_str(&w, x->version);
                jw_key(&w, "media_type");
                jw_str(&w, TAXII_STIX_MEDIA);
                jw_obj_end(&w);
            }
        }
        jw_arr_end(&w);
    }
    jw_obj_end(&w);
out:
    free(keep);
    items_free(&it);
}

/* ---- POST objects ---------------------------------------------------------- */

struct post {
    struct taxii *t;
    struct jw *ok, *bad;  /* successes and failures, as status details */
    size_t n_ok, n_bad;
    int rc;
    char now[40];
};

static void detail(struct jw *w, const char *id, const char *version, const char *message)
{
    jw_obj_begin(w);
    jw_key(w, "id");
    jw_str(w, id ? id : "");
    jw_key(w, "version");
    jw_str(w, version ? version : "");
    if (message) {
        jw_key(w, "message");
        jw_str(w, message);
    }
    jw_obj_end(w);
}

static int posted(void *ctx, const struct stix_object *o)
{
    struct post *p = ctx;
    struct store_stix so = {o->id,   o->type, o->version, o->tlp, o->known,
                            o->json, NULL,    false,      o->share_with};
    if ((p->rc = store_put_stix(p->t->s, &so, NULL)) != ERR_OK)
        return 1;
    detail(p->ok, o->id, o->version, NULL);
    p->n_ok++;
    return 0;
}

static void refused(void *ctx, size_t index, const char *id, const char *message)
{
    struct post *p = ctx;
    (void)index;
    detail(p->bad, id, NULL, message);
    p->n_bad++;
}

static void status_json(struct buf *out, const char *id, const char *requested, size_t total,
                        const struct buf *ok, size_t n_ok, const struct buf *bad, size_t n_bad)
{
    struct jw w;
    jw_init(&w, out);
    jw_obj_begin(&w);
    jw_key(&w, "id");
    jw_str(&w, id);
    jw_key(&w, "status");
    jw_str(&w, "complete");
    jw_key(&w, "request_timestamp");
    jw_str(&w, requested);
    jw_key(&w, "total_count");
    jw_int(&w, (long long)total);
    jw_key(&w, "success_count");
    jw_int(&w, (long long)n_ok);
    jw_key(&w, "successes");
    jw_raw(&w, ok->len ? ok->data : "[]", ok->len ? ok->len : 2);
    jw_key(&w, "failure_count");
    jw_int(&w, (long long)n_bad);
    jw_key(&w, "failures");
    jw_raw(&w, bad->len ? bad->data : "[]", bad->len ? bad->len : 2);
    jw_key(&w, "pending_count");
    jw_int(&w, 0);
    jw_key(&w, "pendings");
    jw_raw(&w, "[]", 2);
    jw_obj_end(&w);
}

static void post_objects(struct taxii *t, const struct taxii_request *rq,
                         struct taxii_response *rs, const struct store_user *u)
{
    if (!u->can_write) {
        taxii_error(rs, 403, "Forbidden", "This user may not write to the collection.");
        return;
    }
    const char *type = rq->header(rq->ctx, "Content-Type");
    if (!type || strncmp(type, "application/taxii+json", 22) != 0 ||
        (strchr(type, ';') && !strstr(type, "version=2.1"))) {
        taxii_error(rs, 415, "Unsupported Media Type",
              "POST objects as " TAXII_MEDIA ".");
        return;
    }
    if (rq->body_len > TAXII_MAX_CONTENT) {
        taxii_error(rs, 413, "Payload Too Large", "The envelope is larger than max_content_length.");
        return;
    }
    struct buf okb, badb;
    buf_init(&okb, 0);
    buf_init(&badb, 0);
    struct jw okw, badw;
    jw_init(&okw, &okb);
    jw_init(&badw, &badb);
    jw_arr_begin(&okw);
    jw_arr_begin(&badw);
    struct post p = {t, &okw, &badw, 0, 0, ERR_OK, ""};
    time_t now = time(NULL);
    strftime(p.now, sizeof p.now, "%Y-%m-%dT%H:%M:%S.000Z", gmtime(&now));
    const char *why = NULL;
    int rc = store_begin(t->s);
    if (rc == ERR_OK)
        rc = stix_read(rq->body, rq->body_len, posted, refused, &p, &why);
    if (rc == ERR_OK && p.rc != ERR_OK)
        rc = p.rc;
    if (rc == ERR_OK)
        rc = store_commit(t->s);
    else
        store_rollback(t->s);
    jw_arr_end(&okw);
    jw_arr_end(&badw);
    if (rc == ERR_PARSE || rc == ERR_TOOBIG) {
        taxii_error(rs, 422, "Unprocessable Entity", why ? why : "not an envelope of STIX objects");
    } else if (rc != ERR_OK) {
        taxii_error(rs, 500, "Store error", "The objects could not be stored.");
    } else {
        char id[80], key[96];
        struct taxii *h = t->home;
        pthread_mutex_lock(&h->lock);
        snprintf(key, sizeof key, "status:%s:%zu:%lld", p.now, h->next_status, (long long)now);
        stix_id(id, "x-status", key);
        struct status *st = &h->statuses[h->next_status++ % MAX_STATUSES];
        free(st->json);
        snprintf(st->id, sizeof st->id, "%s", id + strlen("x-status--"));
        struct buf sj;
        buf_init(&sj, 0);
        status_json(&sj, st->id, p.now, p.n_ok + p.n_bad, &okb, p.n_ok, &badb, p.n_bad);
        buf_putc(&sj, '\0');
        st->json = xstrdup(sj.data);
        buf_free(&sj);
        rs->status = 202;
        buf_reset(&rs->body);
        buf_puts(&rs->body, st->json);
        pthread_mutex_unlock(&h->lock);
    }
    buf_free(&okb);
    buf_free(&badb);
}

/* DELETE an object: the versions partners posted or imported that the
 * user may see (match[version]: all by default, or timestamps); sitrep's
 * own objects come from its data and are not deleted (403). */
static void delete_object(struct taxii *t, const struct taxii_request *rq,
                          struct taxii_response *rs, const struct store_user *u, const char *id)
{
    if (!u->can_write) {
        taxii_error(rs, 403, "Forbidden", "This user may not delete from the collection.");
        return;
    }
    struct items it = {.clearance = u->clearance, .user = u->name};
    if (store_query_stix(t->s, 0, collect, &it) != ERR_OK) {
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        items_free(&it);
        return;
    }
    const char *version = rq->query(rq->ctx, "match[version]");
    const char *spec = rq->query(rq->ctx, "match[spec_version]");
    bool seen = false, own = false;
    for (size_t i = 0; i < it.n; i++)
        if (strcmp(it.v[i].id, id) == 0 && (!version || strcmp(version, "all") == 0 ||
                                            tlp_list_has(version, it.v[i].version))) {
            seen = true;
            own |= it.v[i].own;
        }
    if (!seen || (spec && !tlp_list_has(spec, "2.1"))) {
        items_free(&it);
        taxii_error(rs, 404, "Not found", "No such object in this collection.");
        return;
    }
    if (own) {
        items_free(&it);
        taxii_error(rs, 403, "Forbidden", "sitrep's own objects come from its data and are not "
                                    "deleted.");
        return;
    }
    size_t deleted = 0;
    int rc = ERR_OK;
    if (!version || strcmp(version, "all") == 0) {
        rc = store_delete_stix(t->s, id, NULL, &deleted);
    } else {
        for (size_t i = 0; i < it.n && rc == ERR_OK; i++)
            if (strcmp(it.v[i].id, id) == 0 && tlp_list_has(version, it.v[i].version)) {
                size_t d = 0;
                rc = store_delete_stix(t->s, id, it.v[i].version, &d);
                deleted += d;
            }
    }
    items_free(&it);
    if (rc != ERR_OK) {
        taxii_error(rs, 500, "Store error", "The object could not be deleted.");
        return;
    }
    rs->status = 200;
}

/* ---- routing ---------------------------------------------------------------- */

static bool accepts(const struct taxii_request *rq)
{
    const char *a = rq->header(rq->ctx, "Accept");
    if (!a || strstr(a, "*/*"))
        return true;
    return strstr(a, "application/taxii+json") &&
           (!strstr(a, "version=") || strstr(a, "version=2.1"));
}

static void discovery(struct taxii_response *rs)
{
    struct jw w;
    rs->status = 200;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "title");
    jw_str(&w, "sitrep");
    jw_key(&w, "description");
    jw_str(&w, "Incidents of terrorism and political violence, with their sources, as "
               "STIX 2.1.");
    jw_key(&w, "default");
    jw_str(&w, API_ROOT);
    jw_key(&w, "api_roots");
    jw_arr_begin(&w);
    jw_str(&w, API_ROOT);
    jw_arr_end(&w);
    jw_obj_end(&w);
}

static void api_root(struct taxii_response *rs)
{
    struct jw w;
    rs->status = 200;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "title");
    jw_str(&w, "sitrep");
    jw_key(&w, "versions");
    jw_arr_begin(&w);
    jw_str(&w, TAXII_MEDIA);
    jw_arr_end(&w);
    jw_key(&w, "max_content_length");
    jw_int(&w, TAXII_MAX_CONTENT);
    jw_obj_end(&w);
}

static void collection(struct taxii *t, struct jw *w, const struct store_user *u)
{
    jw_obj_begin(w);
    jw_key(w, "id");
    jw_str(w, t->collection);
    jw_key(w, "title");
    jw_str(w, "sitrep incidents");
    jw_key(w, "description");
    jw_str(w, "sitrep's incidents, groups, places, sources and evidence, and what partners "
              "posted, as far as the user's clearance goes.");
    jw_key(w, "can_read");
    jw_bool(w, true);
    jw_key(w, "can_write");
    jw_bool(w, u->can_write);
    jw_key(w, "media_types");
    jw_arr_begin(w);
    jw_str(w, TAXII_STIX_MEDIA);
    jw_arr_end(w);
    jw_obj_end(w);
}

void taxii_handle(struct taxii *t, const struct taxii_request *rq, struct taxii_response *rs)
{
    memset(rs, 0, sizeof *rs);
    buf_init(&rs->body, 0);
    struct store_user u;
    if (!authenticate(t, rq, rs, &u))
        return;
    if (!accepts(rq)) {
        taxii_error(rs, 406, "Not Acceptable", "This server answers " TAXII_MEDIA ".");
        return;
    }
    const char *p = rq->path;
    bool get = strcmp(rq->method, "GET") == 0, post = strcmp(rq->method, "POST") == 0;
    if (strcmp(p, "/taxii2/") == 0) {
        if (get)
            discovery(rs);
        else
            taxii_error(rs, 405, "Method Not Allowed", "Discovery is read with GET.");
        return;
    }
    if (strncmp(p, API_ROOT, strlen(API_ROOT)) != 0) {
        taxii_error(rs, 404, "Not found", "No such resource.");
        return;
    }
    p += strlen(API_ROOT);
    if (*p == '\0') {
        if (get)
            api_root(rs);
        else
            taxii_error(rs, 405, "Method Not Allowed", "The API root is read with GET.");
        return;
    }
    if (strncmp(p, "status/", 7) == 0) {
        char id[48];
        snprintf(id, sizeof id, "%s", p + 7);
        char *slash = strchr(id, '/');
        if (slash)
            *slash = '\0';
        struct taxii *h = t->home;
        pthread_mutex_lock(&h->lock);
        for (size_t i = 0; i < MAX_STATUSES; i++)
            if (h->statuses[i].json && strcmp(h->statuses[i].id, id) == 0) {
                rs->status = 200;
                buf_puts(&rs->body, h->statuses[i].json);
                pthread_mutex_unlock(&h->lock);
                return;
            }
        pthread_mutex_unlock(&h->lock);
        taxii_error(rs, 404, "Not found", "No such status.");
        return;
    }
    if (strcmp(p, "collections/") == 0) {
        struct jw w;
        rs->status = 200;
        jw_init(&w, &rs->body);
        jw_obj_begin(&w);
        jw_key(&w, "collections");
        jw_arr_begin(&w);
        collection(t, &w, &u);
        jw_arr_end(&w);
        jw_obj_end(&w);
        return;
    }
    size_t cl = strlen(t->collection);
    if (strncmp(p, "collections/", 12) != 0 || strncmp(p + 12, t->collection, cl) != 0 ||
        p[12 + cl] != '/') {
        taxii_error(rs, 404, "Not found", "No such collection.");
        return;
    }
    p += 12 + cl + 1;
    if (*p == '\0') {
        struct jw w;
        rs->status = 200;
        jw_init(&w, &rs->body);
        collection(t, &w, &u);
        return;
    }
    if (strcmp(p, "manifest/") == 0 && get) {
        listing(t, rq, rs, &u, NULL, L_MANIFEST);
        return;
    }
    if (strcmp(p, "objects/") == 0) {
        if (get)
            listing(t, rq, rs, &u, NULL, L_OBJECTS);
        else if (post)
            post_objects(t, rq, rs, &u);
        else
            taxii_error(rs, 405, "Method Not Allowed", "Objects are read with GET and added with "
                                                 "POST.");
        return;
    }
    if (strncmp(p, "objects/", 8) == 0) {
        char id[320];
        snprintf(id, sizeof id, "%s", p + 8);
        char *slash = strchr(id, '/');
        if (!slash) {
            taxii_error(rs, 404, "Not found", "No such resource.");
            return;
        }
        const char *rest = slash + 1;
        *slash = '\0';
        if (strcmp(rest, "") == 0 && get)
            listing(t, rq, rs, &u, id, L_OBJECTS);
        else if (strcmp(rest, "versions/") == 0 && get)
            listing(t, rq, rs, &u, id, L_VERSIONS);
        else if (strcmp(rest, "") == 0 && strcmp(rq->method, "DELETE") == 0)
            delete_object(t, rq, rs, &u, id);
        else if (strcmp(rest, "") == 0)
            taxii_error(rs, 405, "Method Not Allowed", "An object is read with GET, deleted with "
                                                 "DELETE.");
        else
            taxii_error(rs, 404, "Not found", "No such resource.");
        return;
    }
    taxii_error(rs, get || post ? 404 : 405, get || post ? "Not found" : "Method Not Allowed",
          "No such resource.");
}
