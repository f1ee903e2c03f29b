/* cmd_export.c - `sitrep export --format stix`: the incidents of the store,
 * their groups, places, source documents and sentences as a STIX 2.1
 * bundle (src/share/stix.h), up to a TLP level. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/err.h"
#include "core/tlp.h"
#include "share/stix.h"
#include "store/store.h"

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

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"since", required_argument, NULL, 's'},
        {"max-tlp", required_argument, NULL, 'x'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0}};
    struct store_filter f = {0};
    const char *db = NULL, *output = NULL;
    char cc[3] = "";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if (strcmp(optarg, "stix") != 0)
                return cli_usage_error("export", "unknown format '%s' (stix)", optarg);
            break;
        default: {
            int rc = cli_filter_option("export", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("export", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    struct stix_input in = {.max_tlp = f.max_tlp ? f.max_tlp - 1 : TLP_RED};
    struct reading rd = {&in, 0};
    int rc = store_fuse(s, NULL);
    if (rc == ERR_OK)
        rc = store_query_incidents(s, &f, on_incident, &rd);
    for (size_t i = 0; rc == ERR_OK && i < in.n; i++)
        rc = store_incident_reports(s, in.v[i].uid, on_report, &in.v[i]);
    struct raw_reading rr = {&in, 0};
    if (rc == ERR_OK)
        rc = store_query_stix(s, f.max_tlp, on_raw, &rr);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        stix_input_free(&in);
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        fprintf(stderr, "sitrep: %s: cannot write the bundle: ", output);
        perror(NULL);
        stix_input_free(&in);
        return EXIT_FAIL;
    }
    bool ok = stix_write_bundle(out, &in);
    if (out != stdout && fclose(out) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "sitrep: %s: writing the bundle failed\n", output ? output : "stdout");
    stix_input_free(&in);
    return ok ? EXIT_OK : EXIT_FAIL;
}
