/* cmd_alerts.c - `sitrep alerts`: the series of incidents (a group in a
 * country, and a country) that rose significantly in the last window over
 * their own trailing baseline (the Poisson test of src/analyze/alert.h),
 * with the incidents that make the rise. */
#include <getopt.h>
#include <limits.h>
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

/* The incidents read, as the alert lists them. */
struct hit {
    char uid[24];
    char date[11];
    char place[48];
    char country[3];
    char group[48];
    long long killed;
    long day;
};

struct hits {
    struct hit *v;
    size_t n, cap;
    long long undated;
};

static int on_incident(void *ctx, const struct incident *in)
{
    struct hits *h = ctx;
    long day;
    if (!in->country[0] || !trend_days(in->date, &day)) {
        h->undated++;
        return 0;
    }
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 256;
        h->v = xrealloc(h->v, h->cap * sizeof *h->v);
    }
    struct hit *x = &h->v[h->n++];
    snprintf(x->uid, sizeof x->uid, "%s", in->uid);
    snprintf(x->date, sizeof x->date, "%s", in->date);
    snprintf(x->place, sizeof x->place, "%s", in->place ? in->place : "-");
    snprintf(x->country, sizeof x->country, "%s", in->country);
    snprintf(x->group, sizeof x->group, "%s", in->actor_group ? in->actor_group : "");
    x->killed = in->killed;
    x->day = day;
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

int cmd_alerts(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"window", required_argument, NULL, 'w'},
        {"baseline", required_argument, NULL, 'b'},
        {"as-of", required_argument, NULL, 'a'},
        {"country", required_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"max-tlp", required_argument, NULL, 'x'},
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
    struct hits h = {0};
    int rc = store_fuse(s, NULL);
    if (rc == ERR_OK)
        rc = store_query_incidents(s, &f, on_incident, &h);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        free(h.v);
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);
    long end = LONG_MIN;
    if (as_of)
        trend_days(as_of, &end);
    for (size_t i = 0; i < h.n && !as_of; i++)
        if (h.v[i].day > end)
            end = h.v[i].day;
    if (end == LONG_MIN) {
        if (!jsonl)
            printf("no dated incidents in the store\n");
        free(h.v);
        return EXIT_OK;
    }
    struct alert_item *items = xcalloc(h.n + 1, sizeof *items);
    for (size_t i = 0; i < h.n; i++)
        items[i] = (struct alert_item){h.v[i].country, h.v[i].group[0] ? h.v[i].group : NULL,
                                       h.v[i].day, i};
    struct alert_series *v;
    size_t nv = alert_scan(items, h.n, end, &ap, &v), rising = 0;
    free(items);
    for (size_t i = 0; i < nv; i++)
        rising += v[i].r.flagged;
    char d0[11], d1[11], d2[11];
    trend_date_of(end - ap.window_days + 1 - ap.baseline_days, d0);
    trend_date_of(end - ap.window_days + 1, d1);
    trend_date_of(end, d2);
    if (!jsonl)
        printf("window %s to %s (%d days) against the %d days before it, from %s;\n"
               "%zu series tested (a group in a country, a country), %zu rising "
               "(Poisson p < %g, at least %lld incidents)\n",
               d1, d2, ap.window_days, ap.baseline_days, d0, nv, rising, ap.max_p,
               ap.min_count);
    for (size_t i = 0; i < nv; i++) {
        const struct alert_series *a = &v[i];
        if (!a->r.flagged)
            continue;
        if (jsonl) {
            struct buf b;
            struct jw w;
            buf_init(&b, 0);
            jw_init(&w, &b);
            jw_obj_begin(&w);
            jw_key(&w, "series"); jw_str(&w, a->key);
            jw_key(&w, "group"); jw_str(&w, a->group[0] ? a->group : NULL);
            jw_key(&w, "country"); jw_str(&w, a->country);
            jw_key(&w, "window_start"); jw_str(&w, d1);
            jw_key(&w, "window_end"); jw_str(&w, d2);
            jw_key(&w, "incidents"); jw_int(&w, a->r.observed);
            jw_key(&w, "baseline_incidents"); jw_int(&w, a->r.baseline);
            jw_key(&w, "expected"); jw_double(&w, a->r.expected);
            jw_key(&w, "p"); jw_double(&w, a->r.p);
            jw_key(&w, "score"); jw_double(&w, a->r.score);
            jw_key(&w, "incident_ids");
            jw_arr_begin(&w);
            for (size_t k = 0; k < a->n_items; k++)
                jw_str(&w, h.v[a->items[k]].uid);
            jw_arr_end(&w);
            jw_obj_end(&w);
            buf_putc(&b, '\n');
            fwrite(b.data, 1, b.len, stdout);
            buf_free(&b);
            continue;
        }
        printf("\n%s: %lld incidents in the window, %.2f expected from %lld in the "
               "baseline; p = %.2g, score %.1f\n",
               a->key, a->r.observed, a->r.expected, a->r.baseline, a->r.p, a->r.score);
        for (size_t k = 0; k < a->n_items; k++) {
            const struct hit *x = &h.v[a->items[k]];
            char killed[24] = "-";
            if (x->killed >= 0)
                snprintf(killed, sizeof killed, "%lld", x->killed);
            printf("  %s  %s  %-20s killed %s\n", x->uid, x->date, x->place, killed);
        }
        if (a->r.observed > (long long)a->n_items)
            printf("  ... and %lld more (sitrep incidents --country %s --since %s)\n",
                   a->r.observed - (long long)a->n_items, a->country, d1);
    }
    free(v);
    free(h.v);
    return EXIT_OK;
}
