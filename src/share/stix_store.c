/* stix_store.c - reading the store into a STIX export (stix.h): the
 * incidents that pass a filter, their reports, and the objects imported
 * from partners. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/err.h"
#include "../core/tlp.h"
#include "../store/store.h"
#include "stix.h"

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

struct reading {
    struct stix_input *in;
    size_t cap;
};

static int on_incident(void *ctx, const struct incident *in)
{
    struct reading *rd = ctx;
    struct stix_input *si = rd->in;
    if (si->n == rd->cap) {
        rd->cap = rd->cap ? 2 * rd->cap : 64;
        si->v = xrealloc(si->v, rd->cap * sizeof *si->v);
    }
    struct stix_incident *x = &si->v[si->n++];
    memset(x, 0, sizeof *x);
    x->uid = xstrdup(in->uid);
    x->type = dup_or_null(in->type);
    x->method = dup_or_null(in->method);
    x->actor_group = dup_or_null(in->actor_group);
    x->place = dup_or_null(in->place);
    memcpy(x->country, in->country, sizeof x->country);
    x->has_coords = in->has_coords;
    x->lat = in->lat;
    x->lon = in->lon;
    memcpy(x->date, in->date, sizeof x->date);
    x->killed = in->killed;
    x->killed_min = in->killed_min;
    x->killed_max = in->killed_max;
    x->injured = in->injured;
    x->kidnapped = in->kidnapped;
    x->detained = in->detained;
    x->sources = in->sources;
    x->tlp = in->tlp;
    x->share_with = dup_or_null(in->share_with);
    x->first_reported = dup_or_null(in->first_reported);
    x->last_reported = dup_or_null(in->last_reported);
    return 0;
}

static int on_report(void *ctx, const struct store_report *r)
{
    struct stix_incident *x = ctx;
    x->reports = xrealloc(x->reports, (x->n_reports + 1) * sizeof *x->reports);
    struct stix_report *s = &x->reports[x->n_reports++];
    memset(s, 0, sizeof *s);
    s->event_uid = dup_or_null(r->e->uid);
    s->sentence = dup_or_null(r->e->evidence);
    s->start = r->e->ev_start;
    s->end = r->e->ev_end;
    s->doc_hash = dup_or_null(r->doc_hash);
    s->doc_id = dup_or_null(r->e->doc);
    s->title = dup_or_null(r->title);
    s->url = dup_or_null(r->url);
    s->source = dup_or_null(r->source);
    s->published = dup_or_null(r->published);
    s->reported = dup_or_null(r->reported);
    s->tlp = r->tlp;
    s->share_with = dup_or_null(r->share_with);
    s->killed = r->e->killed;
    return 0;
}

struct raw_reading {
    struct stix_input *in;
    size_t cap;
};

static int on_raw(void *ctx, const struct store_stix *o)
{
    struct raw_reading *rr = ctx;
    struct stix_input *in = rr->in;
    if (in->n_raw == rr->cap) {
        rr->cap = rr->cap ? 2 * rr->cap : 64;
        in->raw = xrealloc(in->raw, rr->cap * sizeof *in->raw);
    }
    in->raw[in->n_raw++] = (struct stix_raw){xstrdup(o->id), xstrdup(o->json), o->tlp};
    return 0;
}

int stix_from_store(struct store *s, const struct store_filter *f, struct stix_input *in)
{
    memset(in, 0, sizeof *in);
    in->max_tlp = f && f->max_tlp ? f->max_tlp - 1 : TLP_RED;
    struct reading rd = {in, 0};
    int rc = store_fuse(s, NULL);
    if (rc == ERR_OK)
        rc = store_query_incidents(s, f, on_incident, &rd);
    for (size_t i = 0; rc == ERR_OK && i < in->n; i++)
        rc = store_incident_reports(s, in->v[i].uid, on_report, &in->v[i]);
    struct raw_reading rr = {in, 0};
    if (rc == ERR_OK)
        rc = store_query_stix(s, f ? f->max_tlp : 0, on_raw, &rr);
    if (rc != ERR_OK)
        stix_input_free(in);
    return rc;
}
