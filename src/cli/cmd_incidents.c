/* cmd_incidents.c - `sitrep incidents`: the stored incidents, filtered;
 * `sitrep incident ID`: one incident with every report of it.
 *
 * Events not fused yet (a store written before incidents existed) are
 * fused first, in a transaction of their own. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "store/store.h"

/* Reads an --format value into *fmt; EXIT_USAGE when unknown. */
static int parse_format(const char *cmd, const char *arg, enum out_format *fmt)
{
    if (strcmp(arg, "table") == 0)
        *fmt = FMT_TABLE;
    else if (strcmp(arg, "csv") == 0)
        *fmt = FMT_CSV;
    else if (strcmp(arg, "jsonl") == 0)
        *fmt = FMT_JSONL;
    else if (strcmp(arg, "acled") == 0)
        *fmt = FMT_ACLED;
    else if (strcmp(arg, "gtd") == 0)
        *fmt = FMT_GTD;
    else
        return cli_usage_error(cmd, "unknown format '%s' (table, csv, jsonl, acled or gtd)",
                               arg);
    return EXIT_OK;
}

/* Opens the store and fuses what is not fused yet. */
static int open_fused(const char *db, struct store **s, const char **path)
{
    if (cli_open_store(db, s, path) != EXIT_OK)
        return EXIT_FAIL;
    if (store_fuse(*s, NULL) != ERR_OK) {
        fprintf(stderr, "sitrep: %s: cannot fuse events into incidents: %s\n", *path,
                store_errmsg(*s));
        store_close(*s);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int on_incident(void *ctx, const struct incident *in)
{
    print_incident(ctx, in);
    return 0;
}

int cmd_incidents(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        CLI_FILTER_OPTIONS,
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    struct store_filter f = {0};
    struct printer pr = {FMT_TABLE, stdout, 0};
    const char *db = NULL;
    char cc[3] = "";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (parse_format("incidents", optarg, &pr.fmt))
                return EXIT_USAGE;
            break;
        default: {
            int rc = cli_filter_option("incidents", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("incidents", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("incidents", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (open_fused(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    print_incidents_begin(&pr);
    int rc = store_query_incidents(s, &f, on_incident, &pr);
    if (rc != ERR_OK)
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
    else
        print_incidents_end(&pr);
    store_close(s);
    return rc == ERR_OK ? EXIT_OK : EXIT_FAIL;
}

/* ---- one incident ------------------------------------------------------- */

struct show {
    const char *uid;
    struct printer pr;
    size_t n;
};

static int find_incident(void *ctx, const struct incident *in)
{
    struct show *sh = ctx;
    print_incidents_begin(&sh->pr);
    print_incident(&sh->pr, in);
    return 1;
}

/* Prints a count of a report, when it gives one. */
static void report_count(FILE *out, const char *what, long long v, bool *first)
{
    if (v < 0)
        return;
    fprintf(out, "%s%s %lld", *first ? "" : ", ", what, v);
    *first = false;
}

static int on_report(void *ctx, const struct store_report *r)
{
    struct show *sh = ctx;
    const struct event *e = r->e;
    FILE *out = sh->pr.out;
    sh->n++;
    if (sh->pr.fmt == FMT_JSONL) {
        print_event(&sh->pr, e);
        return 0;
    }
    fprintf(out, "\n[%zu] %s", sh->n, e->doc ? e->doc : "-");
    if (r->published)
        fprintf(out, ", published %s", r->published);
    if (r->source)
        fprintf(out, "\n    source: %s", r->source);
    if (r->url)
        fprintf(out, "\n    url: %s", r->url);
    fprintf(out, "\n    %s %s, %s, %s%s: ", e->type, e->date[0] ? e->date : "(no date)",
            e->place ? e->place : "(no place)", e->country[0] ? e->country : "-",
            e->background ? " (recalled as background)" : "");
    bool first = true;
    report_count(out, "killed", e->killed, &first);
    report_count(out, "injured", e->injured, &first);
    report_count(out, "kidnapped", e->kidnapped, &first);
    report_count(out, "detained", e->detained, &first);
    if (first)
        fputs("no toll", out);
    fprintf(out, "\n    \"%s\" (bytes %zu-%zu of document %s)\n", e->evidence ? e->evidence : "",
            e->ev_start, e->ev_end, r->doc_hash ? r->doc_hash : "?");
    return 0;
}

int cmd_incident(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    struct show sh = {.pr = {FMT_TABLE, stdout, 0}};
    const char *db = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (parse_format("incident", optarg, &sh.pr.fmt))
                return EXIT_USAGE;
            if (sh.pr.fmt != FMT_TABLE && sh.pr.fmt != FMT_JSONL)
                return cli_usage_error("incident", "--format is table or jsonl");
            break;
        default:
            return cli_option_error("incident", c, argv);
        }
    }
    if (optind != argc - 1)
        return cli_usage_error("incident", optind < argc ? "one incident id at a time"
                                                         : "no incident id given (see sitrep "
                                                           "incidents)");
    sh.uid = argv[optind];
    const char *path;
    struct store *s;
    if (open_fused(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    /* the record first (a table row, or the incident's JSON line) */
    int rc = ERR_OK;
    if (sh.pr.fmt == FMT_TABLE) {
        struct store_filter one = {.uid = sh.uid};
        rc = store_query_incidents(s, &one, find_incident, &sh);
        if (rc == ERR_OK && sh.pr.n == 0) {
            fprintf(stderr, "sitrep: %s: no incident %s\n", path, sh.uid);
            store_close(s);
            return EXIT_FAIL;
        }
        fputs("\nreports:", stdout);
    }
    if (rc == ERR_OK)
        rc = store_incident_reports(s, sh.uid, on_report, &sh);
    if (rc != ERR_OK)
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
    store_close(s);
    return rc == ERR_OK ? EXIT_OK : EXIT_FAIL;
}
