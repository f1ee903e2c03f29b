/* cmd_alerts.c - `sitrep alerts`: the series of incidents (a group in a
 * country, and a country) that rose significantly in the last window over
 * their own trailing baseline (the Poisson test of src/analyze/alert.h),
 * with the incidents that make the rise. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/alert.h"
#include "analyze/trend.h"
#include "cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "store/store.h"

#define SHOWN_INCIDENTS 10

/* An incident of the window, as an alert lists it. */
struct hit {
    char uid[24];
    char date[11];
    char place[48];
    long long killed;
};

struct series {
    char key[80];       /* "NG" or "iswap in NG" */
    char group[48];     /* "" for a country's series */
    char country[3];
    long long baseline, window;
    struct hit hits[SHOWN_INCIDENTS];
    struct alert_result r;
};

struct scan {
    long start, window_start, end; /* day numbers: baseline, window, last day */
    struct series *v;
    size_t n, cap;
    long long undated;
};

static struct series *series_for(struct scan *sc, const char *group, const char *country)
{
    char key[80];
    if (group)
        snprintf(key, sizeof key, "%s in %s", group, country);
    else
        snprintf(key, sizeof key, "%s", country);
    for (size_t i = 0; i < sc->n; i++)
        if (strcmp(sc->v[i].key, key) == 0)
            return &sc->v[i];
    if (sc->n == sc->cap) {
        sc->cap = sc->cap ? 2 * sc->cap : 64;
        sc->v = xrealloc(sc->v, sc->cap * sizeof *sc->v);
    }
    struct series *s = &sc->v[sc->n++];
    memset(s, 0, sizeof *s);
    snprintf(s->key, sizeof s->key, "%s", key);
    snprintf(s->group, sizeof s->group, "%s", group ? group : "");
    snprintf(s->country, sizeof s->country, "%s", country);
    return s;
}

static void count(struct series *s, const struct incident *in, bool in_window)
{
    if (!in_window) {
        s->baseline++;
        return;
    }
    if (s->window < SHOWN_INCIDENTS) {
        struct hit *h = &s->hits[s->window];
        snprintf(h->uid, sizeof h->uid, "%s", in->uid);
        snprintf(h->date, sizeof h->date, "%s", in->date);
        snprintf(h->place, sizeof h->place, "%s", in->place ? in->place : "-");
        h->killed = in->killed;
    }
    s->window++;
}

static int on_incident(void *ctx, const struct incident *in)
{
    struct scan *sc = ctx;
    long day;
    if (!in->country[0] || !trend_days(in->date, &day)) {
        sc->undated++;
        return 0;
    }
    if (day < sc->start || day > sc->end)
        return 0;
    bool in_window = day >= sc->window_start;
    count(series_for(sc, NULL, in->country), in, in_window);
    if (in->actor_group)
        count(series_for(sc, in->actor_group, in->country), in, in_window);
    return 0;
}

/* The latest day-precise incident date, for the default --as-of. */
static int latest_day(void *ctx, const struct incident *in)
{
    long *latest = ctx, day;
    if (trend_days(in->date, &day) && day > *latest)
        *latest = day;
    return 0;
}

/* "30d", "8w" or "30" (days) into days; false when it is none of them. */
static bool parse_days(const char *arg, int *days)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || v < 1 || v > 36500)
        return false;
    if (*end == 'w' && end[1] == '\0')
        v *= 7;
    else if (!((*end == 'd' && end[1] == '\0') || *end == '\0'))
        return false;
    *days = (int)v;
    return true;
}

static int by_score(const void *a, const void *b)
{
    const struct series *x = a, *y = b;
    if (x->r.score != y->r.score)
        return x->r.score > y->r.score ? -1 : 1;
    return strcmp(x->key, y->key);
}

int cmd_alerts(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"window", required_argument, NULL, 'w'},
        {"baseline", required_argument, NULL, 'b'},
        {"as-of", required_argument, NULL, 'a'},
        {"country", required_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    struct alert_params ap;
    struct store_filter f = {0};
    const char *db = NULL, *as_of = NULL;
    char cc[3] = "";
    bool jsonl = false;
    int c;
    alert_defaults(&ap);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'w':
            if (!parse_days(optarg, &ap.window_days))
                return cli_usage_error("alerts", "--window wants days such as 30d or 4w, "
                                                 "not '%s'", optarg);
            break;
        case 'b':
            if (!parse_days(optarg, &ap.baseline_days))
                return cli_usage_error("alerts", "--baseline wants days such as 365d, not '%s'",
                                       optarg);
            break;
        case 'a': {
            long day;
            if (!trend_days(optarg, &day))
                return cli_usage_error("alerts", "--as-of wants a day YYYY-MM-DD, not '%s'",
                                       optarg);
            as_of = optarg;
            break;
        }
        case 'f':
            if (strcmp(optarg, "table") == 0) jsonl = false;
            else if (strcmp(optarg, "jsonl") == 0) jsonl = true;
            else
                return cli_usage_error("alerts", "unknown format '%s' (table or jsonl)", optarg);
            break;
        default: {
            int rc = cli_filter_option("alerts", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("alerts", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("alerts", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    struct scan sc = {0};
    int rc = store_fuse(s, NULL);
    long end = -1000000;
    if (rc == ERR_OK && as_of)
        trend_days(as_of, &end);
    else if (rc == ERR_OK)
        rc = store_query_incidents(s, &f, latest_day, &end);
    if (rc == ERR_OK && end > -1000000) {
        sc.end = end;
        sc.window_start = end - ap.window_days + 1;
        sc.start = sc.window_start - ap.baseline_days;
        rc = store_query_incidents(s, &f, on_incident, &sc);
    }
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        free(sc.v);
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);
    size_t rising = 0;
    for (size_t i = 0; i < sc.n; i++) {
        alert_test(sc.v[i].baseline, sc.v[i].window, &ap, &sc.v[i].r);
        rising += sc.v[i].r.flagged;
    }
    qsort(sc.v, sc.n, sizeof *sc.v, by_score);
    char d0[11] = "", d1[11] = "", d2[11] = "";
    if (sc.n || end > -1000000) {
        trend_date_of(sc.start, d0);
        trend_date_of(sc.window_start, d1);
        trend_date_of(sc.end, d2);
    }
    if (!jsonl) {
        if (end <= -1000000) {
            printf("no dated incidents in the store\n");
            free(sc.v);
            return EXIT_OK;
        }
        printf("window %s to %s (%d days) against the %d days before it, from %s;\n"
               "%zu series tested (a group in a country, a country), %zu rising "
               "(Poisson p < %g, at least %lld incidents)\n",
               d1, d2, ap.window_days, ap.baseline_days, d0, sc.n, rising, ap.max_p,
               ap.min_count);
    }
    for (size_t i = 0; i < sc.n; i++) {
        const struct series *v = &sc.v[i];
        if (!v->r.flagged)
            continue;
        if (jsonl) {
            struct buf b;
            struct jw w;
            buf_init(&b, 0);
            jw_init(&w, &b);
            jw_obj_begin(&w);
            jw_key(&w, "series"); jw_str(&w, v->key);
            jw_key(&w, "group"); jw_str(&w, v->group[0] ? v->group : NULL);
            jw_key(&w, "country"); jw_str(&w, v->country);
            jw_key(&w, "window_start"); jw_str(&w, d1);
            jw_key(&w, "window_end"); jw_str(&w, d2);
            jw_key(&w, "incidents"); jw_int(&w, v->r.observed);
            jw_key(&w, "baseline_incidents"); jw_int(&w, v->r.baseline);
            jw_key(&w, "expected"); jw_double(&w, v->r.expected);
            jw_key(&w, "p"); jw_double(&w, v->r.p);
            jw_key(&w, "score"); jw_double(&w, v->r.score);
            jw_key(&w, "incident_ids");
            jw_arr_begin(&w);
            for (long long k = 0; k < v->window && k < SHOWN_INCIDENTS; k++)
                jw_str(&w, v->hits[k].uid);
            jw_arr_end(&w);
            jw_obj_end(&w);
            buf_putc(&b, '\n');
            fwrite(b.data, 1, b.len, stdout);
            buf_free(&b);
            continue;
        }
        printf("\n%s: %lld incidents in the window, %.2f expected from %lld in the "
               "baseline; p = %.2g, score %.1f\n",
               v->key, v->r.observed, v->r.expected, v->r.baseline, v->r.p, v->r.score);
        for (long long k = 0; k < v->window && k < SHOWN_INCIDENTS; k++) {
            const struct hit *h = &v->hits[k];
            char killed[24] = "-";
            if (h->killed >= 0)
                snprintf(killed, sizeof killed, "%lld", h->killed);
            printf("  %s  %s  %-20s killed %s\n", h->uid, h->date, h->place, killed);
        }
        if (v->window > SHOWN_INCIDENTS)
            printf("  ... and %lld more (sitrep incidents --country %s --since %s)\n",
                   v->window - SHOWN_INCIDENTS, v->country, d1);
    }
    free(sc.v);
    return EXIT_OK;
}
