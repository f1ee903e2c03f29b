/* cmd_events.c - `sitrep events`: stored events, filtered and printed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "extract/date.h"
#include "store/store.h"

static int on_event(void *ctx, const struct event *e)
{
    print_event(ctx, e);
    return 0;
}

/* Dates on the command line: YYYY, YYYY-MM or YYYY-MM-DD, and real. */
static int check_date(const char *opt, const char *arg)
{
    struct date d;
    size_t n = strlen(arg);
    if ((n != 4 && n != 7 && n != 10) || !date_parse_iso(arg, &d))
        return cli_usage_error("events", "%s wants a date YYYY, YYYY-MM or YYYY-MM-DD, "
                                         "not '%s'", opt, arg);
    return EXIT_OK;
}

int cmd_events(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"since", required_argument, NULL, 's'},
        {"until", required_argument, NULL, 'u'},
        {"country", required_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"type", required_argument, NULL, 't'},
        {"limit", required_argument, NULL, 'l'},
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
        case 's':
            if (check_date("--since", optarg))
                return EXIT_USAGE;
            f.since = optarg;
            break;
        case 'u':
            if (check_date("--until", optarg))
                return EXIT_USAGE;
            f.until = optarg;
            break;
        case 'c':
            if (strlen(optarg) != 2 || !((optarg[0] | 0x20) >= 'a' && (optarg[0] | 0x20) <= 'z') ||
                !((optarg[1] | 0x20) >= 'a' && (optarg[1] | 0x20) <= 'z'))
                return cli_usage_error("events", "--country wants a two-letter ISO code "
                                                 "such as IQ, not '%s'", optarg);
            cc[0] = (char)(optarg[0] & ~0x20);
            cc[1] = (char)(optarg[1] & ~0x20);
            f.country = cc;
            break;
        case 'g': f.group = optarg; break;
        case 't':
            if (!event_type_valid(optarg))
                return cli_usage_error("events", "unknown event type '%s'", optarg);
            f.type = optarg;
            break;
        case 'l':
            if (cli_parse_size("events", "--limit", optarg, 1, 1LL << 40, &f.limit))
                return EXIT_USAGE;
            break;
        case 'f':
            if (strcmp(optarg, "table") == 0) pr.fmt = FMT_TABLE;
            else if (strcmp(optarg, "csv") == 0) pr.fmt = FMT_CSV;
            else if (strcmp(optarg, "jsonl") == 0) pr.fmt = FMT_JSONL;
            else
                return cli_usage_error("events", "unknown format '%s' (table, csv or jsonl)",
                                       optarg);
            break;
        default:
            return cli_option_error("events", c, argv);
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
