/* cmd_trends.c - `sitrep trends`: incidents and their tolls per week,
 * month or year, for all incidents or one series per group, country or
 * type (src/analyze/trend.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "analyze/trend.h"
#include "cli.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "store/store.h"

static void print_table(const struct trend *t, FILE *out)
{
    char a[16], b[16];
    if (t->n_periods == 0) {
        fprintf(out, "no dated incidents%s\n", t->imprecise ? " at that precision" : "");
        return;
    }
    trend_period_name(t->by, t->first, a, sizeof a);
    trend_period_name(t->by, t->last, b, sizeof b);
    fprintf(out, "incidents by %s, %s to %s (%zu %ss)", trend_by_names[t->by], a, b, t->n_periods,
            trend_by_names[t->by]);
    if (t->imprecise)
        fprintf(out, "; %lld left out (no date, or less precise than a %s)", t->imprecise,
                trend_by_names[t->by]);
    size_t shown = t->n_periods > 60 ? 60 : t->n_periods;
    static const char *const upper[] = {"WEEK", "MONTH", "YEAR"};
    fprintf(out, "\n\n%-16s %9s %8s %8s %9s %8s  INCIDENTS PER %s%s\n", "SERIES", "INCIDENTS",
            "KILLED", "INJURED", "KIDNAPPED", "DETAINED", upper[t->by],
            t->n_periods > 60 ? " (LAST 60)" : "");
    for (size_t i = 0; i < t->n_series; i++) {
        const struct trend_series *s = &t->series[i];
        char spark[60 * 4 + 1];
        trend_sparkline(s->v[TM_INCIDENTS] + (t->n_periods - shown), shown, spark, sizeof spark);
        fprintf(out, "%-16.16s %9lld %8lld %8lld %9lld %8lld  %s\n", s->key,
                s->total[TM_INCIDENTS], s->total[TM_KILLED], s->total[TM_INJURED],
                s->total[TM_KIDNAPPED], s->total[TM_DETAINED], spark);
    }
    fprintf(out, "\n%-9s %-16s %9s %8s %8s %9s %8s\n", "PERIOD", "SERIES", "INCIDENTS",
            "KILLED", "INJURED", "KIDNAPPED", "DETAINED");
    for (size_t p = 0; p < t->n_periods; p++) {
        trend_period_name(t->by, t->first + (long)p, a, sizeof a);
        for (size_t i = 0; i < t->n_series; i++) {
            const struct trend_series *s = &t->series[i];
            if (s->v[TM_INCIDENTS][p] == 0)
                continue; /* the table shows the periods with incidents */
            fprintf(out, "%-9s %-16.16s %9lld %8lld %8lld %9lld %8lld\n", a, s->key,
                    s->v[TM_INCIDENTS][p], s->v[TM_KILLED][p], s->v[TM_INJURED][p],
                    s->v[TM_KIDNAPPED][p], s->v[TM_DETAINED][p]);
        }
    }
}

static void print_csv(const struct trend *t, FILE *out)
{
    fputs("period,start,series,incidents,killed,injured,kidnapped,detained\r\n", out);
    for (size_t p = 0; p < t->n_periods; p++) {
        char name[16], start[11];
        trend_period_name(t->by, t->first + (long)p, name, sizeof name);
        trend_period_start(t->by, t->first + (long)p, start);
        for (size_t i = 0; i < t->n_series; i++) {
            const struct trend_series *s = &t->series[i];
            fprintf(out, "%s,%s,", name, start);
            /* keys are dictionary keys, codes or types: no quoting needed */
            fprintf(out, "%s,%lld,%lld,%lld,%lld,%lld\r\n", s->key, s->v[TM_INCIDENTS][p],
                    s->v[TM_KILLED][p], s->v[TM_INJURED][p], s->v[TM_KIDNAPPED][p],
                    s->v[TM_DETAINED][p]);
        }
    }
}

static void print_json(const struct trend *t, FILE *out)
{
    struct buf b;
    struct jw w;
    buf_init(&b, 0);
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "by");
    jw_str(&w, trend_by_names[t->by]);
    jw_key(&w, "periods");
    jw_arr_begin(&w);
    for (size_t p = 0; p < t->n_periods; p++) {
        char name[16];
        trend_period_name(t->by, t->first + (long)p, name, sizeof name);
        jw_str(&w, name);
    }
    jw_arr_end(&w);
    jw_key(&w, "left_out");
    jw_int(&w, t->imprecise);
    jw_key(&w, "series");
    jw_arr_begin(&w);
    for (size_t i = 0; i < t->n_series; i++) {
        const struct trend_series *s = &t->series[i];
        jw_obj_begin(&w);
        jw_key(&w, "key");
        jw_str(&w, s->key);
        for (int m = 0; m < TM__COUNT; m++) {
            jw_key(&w, trend_measure_names[m]);
            jw_arr_begin(&w);
            for (size_t p = 0; p < t->n_periods; p++)
                jw_int(&w, s->v[m][p]);
            jw_arr_end(&w);
        }
        jw_key(&w, "total");
        jw_obj_begin(&w);
        for (int m = 0; m < TM__COUNT; m++) {
            jw_key(&w, trend_measure_names[m]);
            jw_int(&w, s->total[m]);
        }
        jw_obj_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(&b, '\n');
    fwrite(b.data, 1, b.len, out);
    buf_free(&b);
}

int cmd_trends(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"by", required_argument, NULL, 'b'},
        {"split", required_argument, NULL, 'p'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"country", required_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"type", required_argument, NULL, 't'},
        {"max-tlp", required_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    struct store_filter f = {0};
    const char *db = NULL;
    char cc[3] = "";
    enum trend_by by = TREND_MONTH;
    enum trend_split split = TREND_SPLIT_NONE;
    int fmt = 0; /* 0 table, 1 csv, 2 json */
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'b':
            if (!trend_by_parse(optarg, &by))
                return cli_usage_error("trends", "--by is week, month or year, not '%s'", optarg);
            break;
        case 'p':
            if (!trend_split_parse(optarg, &split))
                return cli_usage_error("trends", "--split is none, group, country or type, "
                                                 "not '%s'", optarg);
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0) fmt = 0;
            else if (strcmp(optarg, "csv") == 0) fmt = 1;
            else if (strcmp(optarg, "json") == 0) fmt = 2;
            else
                return cli_usage_error("trends", "unknown format '%s' (table, csv or json)",
                                       optarg);
            break;
        default: {
            int rc = cli_filter_option("trends", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("trends", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("trends", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    int rc = store_fuse(s, NULL);
    struct trend t;
    trend_init(&t, by);
    struct trend_feed feed = {&t, split};
    if (rc == ERR_OK)
        rc = store_query_incidents(s, &f, trend_add_incident, &feed);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        trend_free(&t);
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);
    trend_finish(&t);
    if (fmt == 0)
        print_table(&t, stdout);
    else if (fmt == 1)
        print_csv(&t, stdout);
    else
        print_json(&t, stdout);
    trend_free(&t);
    return EXIT_OK;
}
