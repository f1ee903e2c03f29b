/* cmd_extract.c - `sitrep extract`: articles in, events out, no store. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/buf.h"
#include "core/err.h"
#include "extract/ev.h"
#include "ingest/ingest.h"
#include "store/store.h"

struct extract_run {
    struct printer pr;
    int explain;        /* --explain: a narrative per document, then its events */
    int failed;
};

static void report(void *ctx, enum ingest_level level, const char *source,
                   const char *message)
{
    struct extract_run *r = ctx;
    if (cli_report_input(level, source, message))
        r->failed = 1;
}

static int on_doc(void *ctx, struct doc *d)
{
    struct extract_run *r = ctx;
    struct event_list events = {0};
    struct buf why;
    buf_init(&why, 0);
    if (ev_extract_explain(d, &events, r->explain ? &why : NULL) != ERR_OK)
        fprintf(stderr, "sitrep: %s: warning: too many tokens or events; "
                        "only the first were extracted\n", d->source);
    char hash[33] = "";
    if (events.n) /* the hash only names events */
        store_doc_hash(d->text, d->len, hash);
    if (r->explain) {
        printf("== %s (%s)\n", d->id, d->source);
        fwrite(why.data ? why.data : "", 1, why.len, stdout);
        printf("events of %s:\n", d->id);
        print_begin(&r->pr);
    }
    for (size_t i = 0; i < events.n; i++) {
        event_make_uid(&events.v[i], hash, i);
        print_event(&r->pr, &events.v[i]);
    }
    if (r->explain) {
        for (size_t i = 0; i < events.n; i++)
            printf("  %zu. %s\n", i + 1, events.v[i].evidence);
        print_end(&r->pr);
        putchar('\n');
    }
    buf_free(&why);
    event_list_free(&events);
    doc_free(d);
    return 0;
}

int cmd_extract(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"max-doc-size", required_argument, NULL, 'm'},
        {"explain", no_argument, NULL, 'x'},
        {NULL, 0, NULL, 0}};
    struct extract_run r = {0};
    r.pr.out = stdout;
    r.pr.fmt = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_JSONL;
    struct ingest_opts io = {0};
    long long v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                r.pr.fmt = FMT_JSONL;
            else if (strcmp(optarg, "table") == 0)
                r.pr.fmt = FMT_TABLE;
            else
                return cli_usage_error("extract", "unknown format '%s' (jsonl or table)",
                                       optarg);
            break;
        case 'm':
            if (cli_parse_size("extract", "--max-doc-size", optarg, 1, 1LL << 30, &v))
                return EXIT_USAGE;
            io.max_doc_size = (size_t)v;
            break;
        case 'x':
            r.explain = 1;
            break;
        default:
            return cli_option_error("extract", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("extract", "no input given");
    if (r.explain)
        r.pr.fmt = FMT_TABLE; /* the narrative is for people */
    else
        print_begin(&r.pr);
    struct ingest_sink sink = {on_doc, report, &r};
    for (int i = optind; i < argc; i++)
        if (ingest_path(argv[i], &io, &sink) != ERR_OK)
            r.failed = 1;
    if (!r.explain)
        print_end(&r.pr);
    return r.failed ? EXIT_FAIL : EXIT_OK;
}
