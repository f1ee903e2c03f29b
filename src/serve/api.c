/* api.c - the JSON API (api.h). */
#include "api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <pthread.h>

#include "../analyze/alert.h"
#include "../analyze/trend.h"
#include "../core/alloc.h"
#include "../core/err.h"
#include "../core/jsonw.h"
#include "../core/tlp.h"
#include "../extract/date.h"
#include "../extract/ev.h"
#include "../ingest/ingest.h"
#include "../lexicon/lex.h"
#include "../extract/event.h"
#include "../store/store.h"

#define API_LIMIT 100
#define API_LIMIT_MAX 1000

/* Answers kept until the store changes: the dashboard asks the same
 * aggregates (trends, map, groups) of a large store again and again. An
 * entry is keyed by the route, the parameters and the user's clearance
 * and name, and holds for one generation of the store (store.h). */
#define CACHE_ENTRIES 64
#define CACHE_MAX_BODY (4u << 20)

struct cached {
    char *key;                 /* NULL: empty */
    long long generation;
    int status;
    char *body;
    size_t len;
    unsigned long used;        /* for least-recently-used eviction */
};

struct api {
    struct store *s;
    struct taxii *t;
    int anonymous;
    struct api *home;          /* whose cache the server's threads share */
    pthread_mutex_t lock;      /* the home's: guards the cache */
    struct cached cache[CACHE_ENTRIES];
    unsigned long clock;
};

struct api *api_new(struct store *s, struct taxii *t, int anonymous)
{
    struct api *a = xcalloc(1, sizeof *a);
    a->s = s;
    a->t = t;
    a->anonymous = anonymous;
    a->home = a;
    pthread_mutex_init(&a->lock, NULL);
    return a;
}

struct api *api_worker(struct api *home, struct store *s, struct taxii *t)
{
    struct api *a = xcalloc(1, sizeof *a);
    a->s = s;
    a->t = t;
    a->anonymous = home->anonymous;
    a->home = home;
    return a;
}

void api_free(struct api *a)
{
    if (!a)
        return;
    if (a->home == a) {
        for (size_t i = 0; i < CACHE_ENTRIES; i++) {
            free(a->cache[i].key);
            free(a->cache[i].body);
        }
        pthread_mutex_destroy(&a->lock);
    }
    free(a);
}

/* ---- the request ------------------------------------------------------------ */

static const char *q(const struct taxii_request *rq, const char *key)
{
    const char *v = rq->query(rq->ctx, key);
    return v && *v ? v : NULL;
}

/* The filter of the query (and the user's clearance); false with a 400
 * in rs when a value is wrong. */
static bool filter_of(const struct taxii_request *rq, const struct store_user *u,
                      struct store_filter *f, char cc[3], struct taxii_response *rs)
{
    memset(f, 0, sizeof *f);
    f->since = q(rq, "since");
    f->until = q(rq, "until");
    f->group = q(rq, "group");
    f->type = q(rq, "type");
    f->text = q(rq, "q");
    if (f->text && strlen(f->text) > 512) {
        taxii_error(rs, 400, "Bad q", "q is at most 512 bytes of words.");
        return false;
    }
    const char *country = q(rq, "country");
    if ((f->since && !date_is_iso(f->since)) || (f->until && !date_is_iso(f->until))) {
        taxii_error(rs, 400, "Bad date", "since and until are YYYY, YYYY-MM or YYYY-MM-DD.");
        return false;
    }
    if (country) {
        if (strlen(country) != 2) {
            taxii_error(rs, 400, "Bad country", "country is a two-letter ISO code.");
            return false;
        }
        cc[0] = (char)(country[0] & ~0x20);
        cc[1] = (char)(country[1] & ~0x20);
        cc[2] = '\0';
        f->country = cc;
    }
    if (f->type && !event_type_valid(f->type)) {
        taxii_error(rs, 400, "Bad type", "type is an event type (attack, kidnapping, ...).");
        return false;
    }
    f->limit = API_LIMIT;
    const char *l = q(rq, "limit"), *c = q(rq, "cursor");
    if (l) {
        char *end;
        long long v = strtoll(l, &end, 10);
        if (*end || v < 1) {
            taxii_error(rs, 400, "Bad limit", "limit is a whole number above 0.");
            return false;
        }
        f->limit = v < API_LIMIT_MAX ? v : API_LIMIT_MAX;
    }
    if (c) {
        char *end;
        long long v = strtoll(c, &end, 10);
        if (*end || v < 0) {
            taxii_error(rs, 400, "Bad cursor", "cursor is a value this server gave.");
            return false;
        }
        f->offset = v;
    }
    f->max_tlp = u->clearance + 1;
    f->red_user = u->name;
    return true;
}

/* ---- JSON of what the store holds -------------------------------------------- */

/* An event as the `extract` record, as the next value of w. */
static void event_value(struct jw *w, const struct event *e)
{
    struct buf b;
    buf_init(&b, 0);
    event_write_json(&b, e); /* one line, with its newline */
    if (b.len && b.data[b.len - 1] == '\n')
        b.len--;
    jw_raw(w, b.data, b.len);
    buf_free(&b);
}

/* Ends a page of up to `want` rows (n were seen, one more than want when
 * there is a next page) opened as {"key": [ : the array, then "next",
 * the cursor of the next page or null. */
static void page_end(struct jw *w, long long n, long long want, long long offset)
{
    jw_arr_end(w);
    jw_key(w, "next");
    if (n > want) {
        char next[24];
        snprintf(next, sizeof next, "%lld", offset + want);
        jw_str(w, next);
    } else {
        jw_null(w);
    }
    jw_obj_end(w);
}

/* A page being written: rows past `limit` are only counted (one more
 * than the page says there is a next). */
struct page {
    struct jw *w;
    long long n, limit;
};

static int on_incident(void *ctx, const struct incident *in)
{
    struct page *p = ctx;
    if (p->limit <= 0 || p->n < p->limit)
        incident_write_json(p->w, in);
    p->n++;
    return 0;
}

static int on_event(void *ctx, const struct event *e)
{
    struct page *p = ctx;
    if (p->limit > 0 && p->n >= p->limit) {
        p->n++;
        return 0;
    }
    event_value(p->w, e);
    p->n++;
    return 0;
}

/* A page of incidents or events, with "next". */
static void listing(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                    struct taxii_response *rs, bool incidents)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    long long want = f.limit;
    f.limit = want + 1; /* one more says whether there is a next page */
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, incidents ? "incidents" : "events");
    jw_arr_begin(&w);
    struct page p = {&w, 0, want};
    int rc = incidents ? store_query_incidents(a->s, &f, on_incident, &p)
                       : store_query_events(a->s, &f, on_event, &p);
    if (rc != ERR_OK) {
        buf_reset(&rs->body);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    page_end(&w, p.n, want, f.offset);
    rs->status = 200;
}

/* One incident with every source the user may see. */
struct sources {
    struct jw *w;
    const struct store_user *u;
    size_t n;
    struct store *with_text; /* set: each source's document text too */
};

static int on_source(void *ctx, const struct store_report *r)
{
    struct sources *s = ctx;
    if (!tlp_visible(r->tlp, r->share_with, s->u->clearance, s->u->name))
        return 0;
    struct jw *w = s->w;
    jw_obj_begin(w);
    jw_key(w, "doc"); jw_str(w, r->e->doc);
    jw_key(w, "document"); jw_str(w, r->doc_hash);
    jw_key(w, "title"); jw_str(w, r->title);
    jw_key(w, "url"); jw_str(w, r->url);
    jw_key(w, "published"); jw_str(w, r->published);
    jw_key(w, "tlp"); jw_str(w, tlp_name((enum tlp)r->tlp));
    jw_key(w, "event");
    event_value(w, r->e);
    struct doc *d = NULL;
    if (s->with_text && store_get_document(s->with_text, r->doc_hash, &d) == ERR_OK && d) {
        jw_key(w, "text");
        jw_str(w, d->text);
    }
    doc_free(d);
    jw_obj_end(w);
    s->n++;
    return 0;
}

static void one_incident(struct api *a, const char *id, const struct taxii_request *rq,
                         const struct store_user *u, struct taxii_response *rs)
{
    const char *text = q(rq, "text");
    struct store_filter f = {.uid = id, .max_tlp = u->clearance + 1, .red_user = u->name};
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "incident");
    struct page p = {&w, 0, 0};
    int rc = store_query_incidents(a->s, &f, on_incident, &p);
    if (rc == ERR_OK && p.n == 0) {
        buf_reset(&rs->body);
        taxii_error(rs, 404, "Not found", "No such incident.");
        return;
    }
    jw_key(&w, "sources");
    jw_arr_begin(&w);
    struct sources s = {&w, u, 0, text && strcmp(text, "0") != 0 ? a->s : NULL};
    if (rc == ERR_OK)
        rc = store_incident_reports(a->s, id, on_source, &s);
    jw_arr_end(&w);
    jw_obj_end(&w);
    if (rc != ERR_OK) {
        buf_reset(&rs->body);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    rs->status = 200;
}

/* ---- full text ------------------------------------------------------------------ */

static int on_hit(void *ctx, const struct store_hit *h)
{
    struct page *p = ctx;
    if (p->n++ >= p->limit)
        return 0;
    struct jw *w = p->w;
    jw_obj_begin(w);
    jw_key(w, "document"); jw_str(w, h->doc_hash);
    jw_key(w, "doc"); jw_str(w, h->doc);
    jw_key(w, "title"); jw_str(w, h->title);
    jw_key(w, "url"); jw_str(w, h->url);
    jw_key(w, "published"); jw_str(w, h->published);
    jw_key(w, "tlp"); jw_str(w, tlp_name((enum tlp)h->tlp));
    jw_key(w, "snippet"); jw_str(w, h->snippet);
    jw_key(w, "events"); jw_int(w, h->events);
    jw_obj_end(w);
    return 0;
}

static void search(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                   struct taxii_response *rs)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    if (!f.text) {
        taxii_error(rs, 400, "No q", "search needs q, the words to look for.");
        return;
    }
    long long want = f.limit;
    f.limit = want + 1;
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "documents");
    jw_arr_begin(&w);
    struct page p = {&w, 0, want};
    if (store_search(a->s, &f, on_hit, &p) != ERR_OK) {
        buf_reset(&rs->body);
        taxii_error(rs, 500, "Store error", "The store could not be searched.");
        return;
    }
    page_end(&w, p.n, want, f.offset);
    rs->status = 200;
}

/* ---- the map ------------------------------------------------------------------------ */

/* GET /api/map: the incidents aggregated on a grid of `cell` degrees
 * (0.5 by default), so a map of 100,000 incidents gets a few thousand
 * dots: each cell's centre of mass, incidents, tolls, its most common
 * type, its best-known place and its latest incidents' ids. */
#define MAP_IDS 20

struct cell {
    long long key;             /* row * 100000 + column */
    double lat, lon;           /* sums, then means */
    long long incidents, killed, injured, kidnapped;
    long long types[16];       /* by index in event_types[] */
    char place[48];
    char ids[MAP_IDS][24];     /* the latest first */
    char dates[MAP_IDS][11];
    size_t n_ids;
};

struct grid {
    struct cell *v;
    size_t n, cap;
    size_t *slots;             /* open addressing: index + 1, 0 empty */
    size_t n_slots;
    double size;
    long long unplaced;
};

static struct cell *grid_cell(struct grid *g, long long key)
{
    if (2 * (g->n + 1) > g->n_slots) {
        size_t n_slots = g->n_slots ? 2 * g->n_slots : 1024;
        size_t *slots = xcalloc(n_slots, sizeof *slots);
        for (size_t i = 0; i < g->n; i++) {
            size_t h = (size_t)(g->v[i].key * 0x9E3779B97F4A7C15ull) & (n_slots - 1);
            while (slots[h])
                h = (h + 1) & (n_slots - 1);
            slots[h] = i + 1;
        }
        free(g->slots);
        g->slots = slots;
        g->n_slots = n_slots;
    }
    size_t h = (size_t)(key * 0x9E3779B97F4A7C15ull) & (g->n_slots - 1);
    while (g->slots[h]) {
        if (g->v[g->slots[h] - 1].key == key)
            return &g->v[g->slots[h] - 1];
        h = (h + 1) & (g->n_slots - 1);
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 256;
        g->v = xrealloc(g->v, g->cap * sizeof *g->v);
    }
    struct cell *c = &g->v[g->n];
    memset(c, 0, sizeof *c);
    c->key = key;
    g->slots[h] = ++g->n;
    return c;
}

static int on_map_incident(void *ctx, const struct incident *in)
{
    struct grid *g = ctx;
    if (!in->has_coords) {
        g->unplaced++;
        return 0;
    }
    long long row = (long long)((in->lat + 90.0) / g->size);
    long long col = (long long)((in->lon + 180.0) / g->size);
    struct cell *c = grid_cell(g, row * 100000 + col);
    c->lat += in->lat;
    c->lon += in->lon;
    c->incidents++;
    c->killed += in->killed > 0 ? in->killed : 0;
    c->injured += in->injured > 0 ? in->injured : 0;
    c->kidnapped += in->kidnapped > 0 ? in->kidnapped : 0;
    for (int t = 0; event_types[t] && t < 16; t++)
        if (strcmp(event_types[t], in->type) == 0)
            c->types[t]++;
    if (in->place && !c->place[0])
        snprintf(c->place, sizeof c->place, "%s", in->place);
    size_t at = c->n_ids;
    while (at > 0 && strcmp(c->dates[at - 1], in->date) < 0)
        at--;
    if (at < MAP_IDS) {
        size_t keep = c->n_ids < MAP_IDS ? c->n_ids : MAP_IDS - 1;
        memmove(c->ids[at + 1], c->ids[at], (keep - at) * sizeof c->ids[0]);
        memmove(c->dates[at + 1], c->dates[at], (keep - at) * sizeof c->dates[0]);
        snprintf(c->ids[at], sizeof c->ids[at], "%s", in->uid);
        snprintf(c->dates[at], sizeof c->dates[at], "%s", in->date);
        c->n_ids = keep + 1;
    }
    return 0;
}

static void map(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                struct taxii_response *rs)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    f.limit = 0;
    f.offset = 0;
    struct grid g = {.size = 0.5};
    const char *cell = q(rq, "cell");
    if (cell) {
        char *end;
        g.size = strtod(cell, &end);
        if (*end || !(g.size >= 0.01 && g.size <= 30)) {
            taxii_error(rs, 400, "Bad cell", "cell is a size in degrees, 0.01 to 30.");
            return;
        }
    }
    if (store_query_incidents(a->s, &f, on_map_incident, &g) != ERR_OK) {
        free(g.v);
        free(g.slots);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "cell"); jw_double(&w, g.size);
    jw_key(&w, "unplaced"); jw_int(&w, g.unplaced);
    jw_key(&w, "cells");
    jw_arr_begin(&w);
    for (size_t i = 0; i < g.n; i++) {
        struct cell *c = &g.v[i];
        int top = 0;
        for (int t = 1; t < 16; t++)
            if (c->types[t] > c->types[top])
                top = t;
        jw_obj_begin(&w);
        jw_key(&w, "lat"); jw_double(&w, c->lat / (double)c->incidents);
        jw_key(&w, "lon"); jw_double(&w, c->lon / (double)c->incidents);
        jw_key(&w, "incidents"); jw_int(&w, c->incidents);
        jw_key(&w, "killed"); jw_int(&w, c->killed);
        jw_key(&w, "injured"); jw_int(&w, c->injured);
        jw_key(&w, "kidnapped"); jw_int(&w, c->kidnapped);
        jw_key(&w, "type"); jw_str(&w, event_types[top]);
        jw_key(&w, "place"); jw_str(&w, c->place[0] ? c->place : NULL);
        jw_key(&w, "ids");
        jw_arr_begin(&w);
        for (size_t k = 0; k < c->n_ids; k++)
            jw_str(&w, c->ids[k]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    free(g.v);
    free(g.slots);
    rs->status = 200;
}

/* ---- groups ---------------------------------------------------------------------- */

/* What the incidents say of one group. */
struct tally {
    long long incidents, killed, injured, kidnapped;
    char first[11], last[11];
};

static void tally_add(struct tally *t, const struct incident *in)
{
    t->incidents++;
    t->killed += in->killed > 0 ? in->killed : 0;
    t->injured += in->injured > 0 ? in->injured : 0;
    t->kidnapped += in->kidnapped > 0 ? in->kidnapped : 0;
    if (in->date[0] && (!t->first[0] || strcmp(in->date, t->first) < 0))
        snprintf(t->first, sizeof t->first, "%s", in->date);
    if (in->date[0] && strcmp(in->date, t->last) > 0)
        snprintf(t->last, sizeof t->last, "%s", in->date);
}

static void tally_json(struct jw *w, const struct tally *t)
{
    jw_key(w, "incidents"); jw_int(w, t->incidents);
    jw_key(w, "killed"); jw_int(w, t->killed);
    jw_key(w, "injured"); jw_int(w, t->injured);
    jw_key(w, "kidnapped"); jw_int(w, t->kidnapped);
    jw_key(w, "first"); jw_str(w, t->first[0] ? t->first : NULL);
    jw_key(w, "last"); jw_str(w, t->last[0] ? t->last : NULL);
}

static int on_group_incident(void *ctx, const struct incident *in)
{
    struct tally *by_actor = ctx;
    const struct lex_actor *g = in->actor_group ? lex_actor_by_key(in->actor_group) : NULL;
    if (g)
        tally_add(&by_actor[g - lex_actors], in);
    return 0;
}

struct ranked {
    size_t actor; /* index in lex_actors */
    long long incidents;
};

static int by_incidents(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->incidents != y->incidents)
        return x->incidents < y->incidents ? 1 : -1;
    return (x->actor > y->actor) - (x->actor < y->actor);
}

/* GET /api/groups: every group the visible incidents name, most active
 * first, with its totals (the filters narrow the incidents counted). */
static void groups(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                   struct taxii_response *rs)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    f.limit = 0;
    f.offset = 0;
    struct tally *t = xcalloc(lex_n_actors ? lex_n_actors : 1, sizeof *t);
    if (store_query_incidents(a->s, &f, on_group_incident, t) != ERR_OK) {
        free(t);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    struct ranked *order = xcalloc(lex_n_actors ? lex_n_actors : 1, sizeof *order);
    size_t n = 0;
    for (size_t i = 0; i < lex_n_actors; i++)
        if (t[i].incidents)
            order[n++] = (struct ranked){i, t[i].incidents};
    qsort(order, n, sizeof *order, by_incidents);
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "groups");
    jw_arr_begin(&w);
    for (size_t k = 0; k < n; k++) {
        const struct lex_actor *g = &lex_actors[order[k].actor];
        jw_obj_begin(&w);
        jw_key(&w, "key"); jw_str(&w, g->key);
        jw_key(&w, "name"); jw_str(&w, g->name);
        jw_key(&w, "kind"); jw_str(&w, g->kind);
        jw_key(&w, "parent"); jw_str(&w, g->parent);
        tally_json(&w, &t[order[k].actor]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    free(order);
    free(t);
    rs->status = 200;
}

/* The profile of one group: counts by country, method and type, its
 * latest incidents, and what its money is said to be. */
#define PROFILE_KEYS 64
#define PROFILE_RECENT 10

struct count_of {
    char key[48];
    long long n;
};

struct profile {
    struct tally total;
    struct count_of countries[PROFILE_KEYS], methods[PROFILE_KEYS], types[PROFILE_KEYS];
    size_t n_countries, n_methods, n_types;
    struct incident recent[PROFILE_RECENT]; /* latest first; strings owned */
    size_t n_recent;
    struct jw *w; /* financing events are written as they come */
};

static void count_key(struct count_of *v, size_t *n, const char *key)
{
    if (!key || !*key)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp(v[i].key, key) == 0) {
            v[i].n++;
            return;
        }
    if (*n < PROFILE_KEYS) {
        snprintf(v[*n].key, sizeof v[*n].key, "%s", key);
        v[(*n)++].n = 1;
    }
}

static int by_count(const void *a, const void *b)
{
    const struct count_of *x = a, *y = b;
    return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->key, y->key);
}

static int on_profile_incident(void *ctx, const struct incident *in)
{
    struct profile *p = ctx;
    tally_add(&p->total, in);
    count_key(p->countries, &p->n_countries, in->country);
    count_key(p->methods, &p->n_methods, in->method);
    count_key(p->types, &p->n_types, in->type);
    if (!in->date[0])
        return 0;
    size_t at = p->n_recent; /* keep the latest, latest first */
    while (at > 0 && strcmp(p->recent[at - 1].date, in->date) < 0)
        at--;
    if (at >= PROFILE_RECENT)
        return 0;
    if (p->n_recent == PROFILE_RECENT)
        incident_clear(&p->recent[--p->n_recent]);
    memmove(&p->recent[at + 1], &p->recent[at], (p->n_recent - at) * sizeof *p->recent);
    incident_copy(&p->recent[at], in);
    p->n_recent++;
    return 0;
}

static void counts_json(struct jw *w, const char *key, struct count_of *v, size_t n)
{
    qsort(v, n, sizeof *v, by_count);
    jw_key(w, key);
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj_begin(w);
        jw_key(w, "key"); jw_str(w, v[i].key);
        jw_key(w, "incidents"); jw_int(w, v[i].n);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static int on_financing(void *ctx, const struct event *e)
{
    struct jw *w = ctx;
    jw_obj_begin(w);
    jw_key(w, "doc"); jw_str(w, e->doc);
    jw_key(w, "date"); jw_str(w, e->date);
    jw_key(w, "amount_usd");
    e->amount_usd >= 0 ? jw_double(w, e->amount_usd) : jw_null(w);
    jw_key(w, "amount_usd_max");
    e->amount_usd_max >= 0 ? jw_double(w, e->amount_usd_max) : jw_null(w);
    jw_key(w, "amount_text"); jw_str(w, e->amount_text);
    jw_key(w, "evidence"); jw_str(w, e->evidence);
    jw_obj_end(w);
    return 0;
}

static void group_profile(struct api *a, const char *key, const struct taxii_request *rq,
                          const struct store_user *u, struct taxii_response *rs)
{
    const struct lex_actor *g = lex_actor_by_key(key);
    if (!g) {
        taxii_error(rs, 404, "Not found", "No group has this key.");
        return;
    }
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    f.limit = 0;
    f.offset = 0;
    struct profile *p = xcalloc(1, sizeof *p);
    int rc = ERR_OK;
    /* its affiliates' incidents are its own ("Islamic State" and its
     * provinces), as in the situation report */
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "key"); jw_str(&w, g->key);
    jw_key(&w, "name"); jw_str(&w, g->name);
    jw_key(&w, "kind"); jw_str(&w, g->kind);
    jw_key(&w, "home_country"); jw_str(&w, g->country);
    const struct lex_actor *parent = g->parent ? lex_actor_by_key(g->parent) : NULL;
    jw_key(&w, "parent");
    if (parent) {
        jw_obj_begin(&w);
        jw_key(&w, "key"); jw_str(&w, parent->key);
        jw_key(&w, "name"); jw_str(&w, parent->name);
        jw_obj_end(&w);
    } else {
        jw_null(&w);
    }
    const char *aliases[32];
    size_t n_aliases = lex_actor_aliases(g, aliases, 32);
    jw_key(&w, "aliases");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n_aliases; i++)
        jw_str(&w, aliases[i]);
    jw_arr_end(&w);
    jw_key(&w, "affiliates");
    jw_arr_begin(&w);
    for (size_t i = 0; i < lex_n_actors; i++) {
        if (!lex_actors[i].parent || strcmp(lex_actors[i].parent, g->key) != 0)
            continue;
        jw_obj_begin(&w);
        jw_key(&w, "key"); jw_str(&w, lex_actors[i].key);
        jw_key(&w, "name"); jw_str(&w, lex_actors[i].name);
        jw_obj_end(&w);
        if (rc == ERR_OK) {
            struct store_filter af = f;
            af.group = lex_actors[i].key;
            rc = store_query_incidents(a->s, &af, on_profile_incident, p);
        }
    }
    jw_arr_end(&w);
    f.group = g->key;
    if (rc == ERR_OK)
        rc = store_query_incidents(a->s, &f, on_profile_incident, p);
    tally_json(&w, &p->total);
    counts_json(&w, "countries", p->countries, p->n_countries);
    counts_json(&w, "methods", p->methods, p->n_methods);
    counts_json(&w, "types", p->types, p->n_types);
    jw_key(&w, "recent");
    jw_arr_begin(&w);
    for (size_t i = 0; i < p->n_recent; i++)
        incident_write_json(&w, &p->recent[i]);
    jw_arr_end(&w);
    jw_key(&w, "financing");
    jw_arr_begin(&w);
    struct store_filter money = f;
    money.type = "financing";
    money.text = NULL;
    if (rc == ERR_OK)
        rc = store_query_events(a->s, &money, on_financing, &w);
    jw_arr_end(&w);
    jw_obj_end(&w);
    for (size_t i = 0; i < p->n_recent; i++)
        incident_clear(&p->recent[i]);
    free(p);
    if (rc != ERR_OK) {
        buf_reset(&rs->body);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    rs->status = 200;
}

/* ---- ingest ----------------------------------------------------------------------- */

/* One posted document being stored: what the ingest sink saw. */
struct posting {
    struct store *s;
    enum tlp tlp;
    const char *share_with;
    struct jw *w;
    char problem[300]; /* the reader's complaint, if any */
    int status;        /* 201 added, 200 known already, or an error's */
};

static void post_report(void *ctx, enum ingest_level level, const char *source,
                        const char *message)
{
    struct posting *ps = ctx;
    (void)source;
    if (level == INGEST_ERROR && !ps->problem[0])
        snprintf(ps->problem, sizeof ps->problem, "%s", message);
}

static int post_doc(void *ctx, struct doc *d)
{
    struct posting *ps = ctx;
    if (ps->status) { /* one document per request */
        doc_free(d);
        return 1;
    }
    struct event_list events = {0};
    char hash[33];
    bool found = false, added = false;
    d->tlp = (int)ps->tlp;
    d->share_with = ps->share_with;
    store_doc_hash(d->text, d->len, hash);
    ev_extract(d, &events);
    for (size_t i = 0; i < events.n; i++)
        event_make_uid(&events.v[i], hash, i);
    int rc = store_begin(ps->s);
    if (rc == ERR_OK)
        rc = store_has_document(ps->s, hash, &found);
    if (rc == ERR_OK && !found)
        rc = store_put_document(ps->s, d, hash, &events, &added);
    if (rc == ERR_OK && added)
        rc = store_fuse(ps->s, NULL);
    rc = rc == ERR_OK ? store_commit(ps->s) : rc;
    if (rc != ERR_OK) {
        store_rollback(ps->s);
        ps->status = 500;
    } else {
        ps->status = added ? 201 : 200;
        struct jw *w = ps->w;
        jw_obj_begin(w);
        jw_key(w, "document"); jw_str(w, hash);
        jw_key(w, "doc"); jw_str(w, d->id);
        jw_key(w, "added"); jw_bool(w, added);
        jw_key(w, "tlp"); jw_str(w, tlp_name(ps->tlp));
        jw_key(w, "events");
        jw_arr_begin(w);
        for (size_t i = 0; i < events.n; i++)
            event_value(w, &events.v[i]);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    event_list_free(&events);
    doc_free(d);
    return 0;
}

/* POST /api/documents: one article (text/plain, text/html, or JSON
 * {"text", "id"?, "title"?, "url"?, "published"?}) stored, its events
 * extracted and fused; ?tlp= marks it (at most the poster's clearance),
 * ?share_with= names who may see a red one. */
static void post_document(struct api *a, const struct taxii_request *rq,
                          const struct store_user *u, struct taxii_response *rs)
{
    if (!u->can_write) {
        taxii_error(rs, 403, "Forbidden", "This user may not add documents.");
        return;
    }
    if (rq->body_len > TAXII_MAX_CONTENT) {
        taxii_error(rs, 413, "Too large", "A document is at most 16 MiB.");
        return;
    }
    if (rq->body_len == 0) {
        taxii_error(rs, 400, "Empty", "The request has no document.");
        return;
    }
    enum tlp tlp = TLP_CLEAR;
    const char *t = q(rq, "tlp"), *share = q(rq, "share_with");
    if (t && !tlp_parse(t, &tlp)) {
        taxii_error(rs, 400, "Bad tlp", "tlp is clear, green, amber, amber+strict or red.");
        return;
    }
    if ((int)tlp > u->clearance) {
        taxii_error(rs, 403, "Forbidden", "A document may not be marked above the poster's clearance.");
        return;
    }
    if ((tlp == TLP_RED) != (share != NULL)) {
        taxii_error(rs, 400, "Bad share_with", "A red document names who may see it (share_with); only a red one does.");
        return;
    }
    const char *type = rq->header(rq->ctx, "Content-Type");
    char hash[33], name[64];
    store_doc_hash(rq->body, rq->body_len, hash);
    snprintf(name, sizeof name, "api-%.12s.txt", hash); /* the document's id */
    char *line = NULL;
    if (type && strncmp(type, "text/html", 9) == 0) {
        snprintf(name, sizeof name, "api-%.12s.html", hash);
    } else if (type && strncmp(type, "application/json", 16) == 0) {
        cJSON *o = cJSON_ParseWithLength(rq->body, rq->body_len);
        if (!cJSON_IsObject(o) || !cJSON_IsString(cJSON_GetObjectItem(o, "text"))) {
            cJSON_Delete(o);
            taxii_error(rs, 400, "Bad document", "A JSON document is an object with a \"text\" string.");
            return;
        }
        if (!cJSON_GetObjectItem(o, "id")) {
            char id[48];
            snprintf(id, sizeof id, "api-%.12s", hash);
            cJSON_AddStringToObject(o, "id", id);
        }
        line = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        snprintf(name, sizeof name, "api.jsonl");
    } else if (type && strncmp(type, "text/plain", 10) != 0) {
        taxii_error(rs, 415, "Unsupported Media Type", "Post text/plain, text/html or application/json.");
        return;
    }
    struct jw w;
    jw_init(&w, &rs->body);
    struct posting ps = {a->s, tlp, share, &w, "", 0};
    struct ingest_sink sink = {post_doc, post_report, &ps};
    if (line)
        ingest_memory(name, line, strlen(line), NULL, &sink);
    else
        ingest_memory(name, rq->body, rq->body_len, NULL, &sink);
    free(line);
    if (ps.status == 0 || ps.status == 500) {
        buf_reset(&rs->body);
        if (ps.status == 500)
            taxii_error(rs, 500, "Store error", "The document could not be stored.");
        else
            taxii_error(rs, 400, "Bad document", ps.problem[0] ? ps.problem : "No document was read.");
        return;
    }
    rs->status = ps.status;
}

/* ---- trends and alerts --------------------------------------------------------- */

static void trends(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                   struct taxii_response *rs)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    f.limit = 0;
    f.offset = 0;
    const char *by = q(rq, "by"), *split = q(rq, "split");
    enum trend_by tb = TREND_MONTH;
    enum trend_split ts = TREND_SPLIT_NONE;
    if (by && !trend_by_parse(by, &tb)) {
        taxii_error(rs, 400, "Bad by", "by is week, month or year.");
        return;
    }
    if (split && !trend_split_parse(split, &ts)) {
        taxii_error(rs, 400, "Bad split", "split is none, group, country or type.");
        return;
    }
    struct trend t;
    trend_init(&t, tb);
    struct trend_feed feed = {&t, ts};
    int rc = store_query_incidents(a->s, &f, trend_add_incident, &feed);
    trend_finish(&t);
    if (rc != ERR_OK) {
        trend_free(&t);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "by");
    jw_str(&w, trend_by_names[tb]);
    jw_key(&w, "periods");
    jw_arr_begin(&w);
    for (size_t p = 0; p < t.n_periods; p++) {
        char name[16];
        trend_period_name(tb, t.first + (long)p, name, sizeof name);
        jw_str(&w, name);
    }
    jw_arr_end(&w);
    jw_key(&w, "left_out");
    jw_int(&w, t.imprecise);
    jw_key(&w, "series");
    jw_arr_begin(&w);
    for (size_t i = 0; i < t.n_series; i++) {
        jw_obj_begin(&w);
        jw_key(&w, "key");
        jw_str(&w, t.series[i].key);
        for (int m = 0; m < TM__COUNT; m++) {
            jw_key(&w, trend_measure_names[m]);
            jw_arr_begin(&w);
            for (size_t p = 0; p < t.n_periods; p++)
                jw_int(&w, t.series[i].v[m][p]);
            jw_arr_end(&w);
        }
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    trend_free(&t);
    rs->status = 200;
}

struct found {
    struct alert_item *items;
    char (*text)[3][48]; /* country, group, uid */
    size_t n, cap;
};

static int on_alert_incident(void *ctx, const struct incident *in)
{
    struct found *fd = ctx;
    long day;
    if (!in->country[0] || !trend_days(in->date, &day))
        return 0;
    if (fd->n == fd->cap) {
        fd->cap = fd->cap ? 2 * fd->cap : 256;
        fd->items = xrealloc(fd->items, fd->cap * sizeof *fd->items);
        fd->text = xrealloc(fd->text, fd->cap * sizeof *fd->text);
    }
    snprintf(fd->text[fd->n][0], 48, "%s", in->country);
    snprintf(fd->text[fd->n][1], 48, "%s", in->actor_group ? in->actor_group : "");
    snprintf(fd->text[fd->n][2], 48, "%s", in->uid);
    fd->items[fd->n] = (struct alert_item){NULL, NULL, day, fd->n};
    fd->n++;
    return 0;
}

static void alerts(struct api *a, const struct taxii_request *rq, const struct store_user *u,
                   struct taxii_response *rs)
{
    struct store_filter f;
    char cc[3];
    if (!filter_of(rq, u, &f, cc, rs))
        return;
    f.limit = 0;
    f.offset = 0;
    struct found fd = {0};
    if (store_query_incidents(a->s, &f, on_alert_incident, &fd) != ERR_OK) {
        free(fd.items);
        free(fd.text);
        taxii_error(rs, 500, "Store error", "The store could not be read.");
        return;
    }
    long end = -1;
    for (size_t i = 0; i < fd.n; i++) {
        fd.items[i].country = fd.text[i][0];
        fd.items[i].group = fd.text[i][1][0] ? fd.text[i][1] : NULL;
        if (fd.items[i].day > end)
            end = fd.items[i].day;
    }
    struct alert_params ap;
    alert_defaults(&ap);
    struct alert_series *v = NULL;
    size_t n = fd.n ? alert_scan(fd.items, fd.n, end, &ap, &v) : 0;
    struct jw w;
    jw_init(&w, &rs->body);
    jw_obj_begin(&w);
    jw_key(&w, "alerts");
    jw_arr_begin(&w);
    for (size_t i = 0; i < n; i++) {
        if (!v[i].r.flagged)
            continue;
        jw_obj_begin(&w);
        jw_key(&w, "series"); jw_str(&w, v[i].key);
        jw_key(&w, "group"); jw_str(&w, v[i].group[0] ? v[i].group : NULL);
        jw_key(&w, "country"); jw_str(&w, v[i].country);
        jw_key(&w, "incidents"); jw_int(&w, v[i].r.observed);
        jw_key(&w, "baseline_incidents"); jw_int(&w, v[i].r.baseline);
        jw_key(&w, "expected"); jw_double(&w, v[i].r.expected);
        jw_key(&w, "p"); jw_double(&w, v[i].r.p);
        jw_key(&w, "score"); jw_double(&w, v[i].r.score);
        jw_key(&w, "incident_ids");
        jw_arr_begin(&w);
        for (size_t k = 0; k < v[i].n_items; k++)
            jw_str(&w, fd.text[v[i].items[k]][2]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    free(v);
    free(fd.items);
    free(fd.text);
    rs->status = 200;
}

/* ---- the cache ------------------------------------------------------------------ */

static char *cache_key(const struct taxii_request *rq, const struct store_user *u)
{
    static const char *const params[] = {"since", "until", "country", "group", "type", "q",
                                         "limit", "cursor", "by", "split", "cell", "text"};
    struct buf b;
    buf_init(&b, 0);
    buf_printf(&b, "%s\n%d\n%s", rq->path, u->clearance, u->name);
    for (size_t i = 0; i < sizeof params / sizeof *params; i++) {
        const char *v = rq->query(rq->ctx, params[i]);
        if (v)
            buf_printf(&b, "\n%s=%s", params[i], v);
    }
    buf_putc(&b, '\0');
    return buf_detach(&b);
}

static struct cached *cache_find(struct api *a, const char *key, long long generation)
{
    for (size_t i = 0; i < CACHE_ENTRIES; i++)
        if (a->cache[i].key && a->cache[i].generation == generation &&
            strcmp(a->cache[i].key, key) == 0)
            return &a->cache[i];
    return NULL;
}

static void cache_put(struct api *a, char *key, long long generation,
                      const struct taxii_response *rs)
{
    struct cached *c = &a->cache[0];
    for (size_t i = 0; i < CACHE_ENTRIES; i++) {
        if (!a->cache[i].key || a->cache[i].generation != generation) {
            c = &a->cache[i];
            break;
        }
        if (a->cache[i].used < c->used)
            c = &a->cache[i];
    }
    free(c->key);
    free(c->body);
    c->key = key;
    c->generation = generation;
    c->status = rs->status;
    c->body = xmalloc(rs->body.len + 1);
    memcpy(c->body, rs->body.data, rs->body.len);
    c->len = rs->body.len;
    c->used = ++a->clock;
}

/* ---- routing --------------------------------------------------------------------- */

static void route(struct api *a, const struct taxii_request *rq, const char *p,
                  const struct store_user *up, struct taxii_response *rs);

void api_handle(struct api *a, const struct taxii_request *rq, bool local,
                struct taxii_response *rs)
{
    memset(rs, 0, sizeof *rs);
    buf_init(&rs->body, 0);
    struct store_user u = {0};
    const char *auth = rq->header(rq->ctx, "Authorization");
    if (!auth && local && a->anonymous >= 0) {
        snprintf(u.name, sizeof u.name, "anonymous");
        u.clearance = a->anonymous < TLP_RED ? a->anonymous : TLP_AMBER_STRICT;
    } else if (!taxii_user(a->t, rq, rs, &u)) {
        return;
    }
    const char *p = rq->path + strlen("/api/");
    bool documents = strcmp(p, "documents") == 0 || strcmp(p, "documents/") == 0;
    if (documents && strcmp(rq->method, "POST") == 0) {
        post_document(a, rq, &u, rs);
        return;
    }
    if (strcmp(rq->method, "GET") != 0 || documents) {
        taxii_error(rs, 405, "Method Not Allowed",
                    documents ? "Documents are added with POST." : "The API is read with GET.");
        return;
    }
    long long generation;
    char *key = NULL;
    struct api *h = a->home;
    if (store_generation(a->s, &generation) == ERR_OK) {
        key = cache_key(rq, &u);
        pthread_mutex_lock(&h->lock);
        struct cached *c = cache_find(h, key, generation);
        if (c) {
            buf_append(&rs->body, c->body, c->len);
            rs->status = c->status;
            c->used = ++h->clock;
            pthread_mutex_unlock(&h->lock);
            free(key);
            return;
        }
        pthread_mutex_unlock(&h->lock);
    }
    route(a, rq, p, &u, rs);
    if (key && rs->status == 200 && rs->body.len <= CACHE_MAX_BODY) {
        pthread_mutex_lock(&h->lock);
        cache_put(h, key, generation, rs);
        pthread_mutex_unlock(&h->lock);
    } else {
        free(key);
    }
}

/* Answers a GET of the API by its path p (after /api/). */
static void route(struct api *a, const struct taxii_request *rq, const char *p,
                  const struct store_user *up, struct taxii_response *rs)
{
    struct store_user u = *up;
    if (strcmp(p, "incidents") == 0 || strcmp(p, "incidents/") == 0)
        listing(a, rq, &u, rs, true);
    else if (strncmp(p, "incidents/", 10) == 0) {
        char id[64];
        snprintf(id, sizeof id, "%s", p + 10);
        char *slash = strchr(id, '/');
        if (slash)
            *slash = '\0';
        one_incident(a, id, rq, &u, rs);
    } else if (strcmp(p, "events") == 0 || strcmp(p, "events/") == 0)
        listing(a, rq, &u, rs, false);
    else if (strcmp(p, "trends") == 0 || strcmp(p, "trends/") == 0)
        trends(a, rq, &u, rs);
    else if (strcmp(p, "alerts") == 0 || strcmp(p, "alerts/") == 0)
        alerts(a, rq, &u, rs);
    else if (strcmp(p, "search") == 0 || strcmp(p, "search/") == 0)
        search(a, rq, &u, rs);
    else if (strcmp(p, "map") == 0 || strcmp(p, "map/") == 0)
        map(a, rq, &u, rs);
    else if (strcmp(p, "groups") == 0 || strcmp(p, "groups/") == 0)
        groups(a, rq, &u, rs);
    else if (strncmp(p, "groups/", 7) == 0) {
        char key[64];
        snprintf(key, sizeof key, "%s", p + 7);
        char *slash = strchr(key, '/');
        if (slash)
            *slash = '\0';
        group_profile(a, key, rq, &u, rs);
    }
    else
        taxii_error(rs, 404, "Not found", "No such route of the API.");
}
