/* cmd_events.c - `sitrep events`: stored events, filtered and printed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "store/store.h"

static int on_event(void *ctx, const struct event *e)
{
    print_event(ctx, e);
    return 0;
}

int cmd_events(int argc, char **argv)
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
            if (strcmp(optarg, "table") == 0) pr.fmt = FMT_TABLE;
            else if (strcmp(optarg, "csv") == 0) pr.fmt = FMT_CSV;
            else if (strcmp(optarg, "jsonl") == 0) pr.fmt = FMT_JSONL;
            else if (strcmp(optarg, "acled") == 0) pr.fmt = FMT_ACLED;
            else if (strcmp(optarg, "gtd") == 0) pr.fmt = FMT_GTD;
            else
                return cli_usage_error("events", "unknown format '%s' (table, csv, jsonl, "
                                                 "acled or gtd)", optarg);
            break;
        default: {
            int rc = cli_filter_option("events", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("events", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("events", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    print_begin(&pr);
    int rc = store_query_events(s, &f, on_event, &pr);
    if (rc != ERR_OK)
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
    else
        print_end(&pr);
    store_close(s);
    return rc == ERR_OK ? EXIT_OK : EXIT_FAIL;
}
