/* cmd_ingest.c - `sitrep ingest`: articles into the store, with events.
 *
 * Documents are stored in batches, one transaction each: a crash or a
 * kill keeps every committed batch, and a rerun skips what is stored
 * (documents are keyed by the hash of their normalised text). Each
 * batch's new events are fused into incidents before it commits. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "core/tlp.h"
#include "extract/ev.h"
#include "ingest/ingest.h"
#include "store/store.h"

struct ingest_run {
    struct store *db;
    const char *db_path;
    long long batch;      /* documents per transaction */
    long long in_batch;   /* documents in the open transaction */
    long long seen, added, skipped, events, fused;
    int failed;
    int fatal;            /* the store failed: stop */
    enum tlp tlp;         /* the marking of every document read */
    const char *share_with; /* TLP:RED: the users named */
};

static void report(void *ctx, enum ingest_level level, const char *source,
                   const char *message)
{
    struct ingest_run *r = ctx;
    if (cli_report_input(level, source, message))
        r->failed = 1;
}

/* Fuses the batch's new events into incidents, then commits the batch. */
static int commit(struct ingest_run *r)
{
    if (r->in_batch == 0)
        return ERR_OK;
    size_t fused = 0;
    int rc = store_fuse(r->db, &fused);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: cannot fuse events into incidents: %s\n", r->db_path,
                store_errmsg(r->db));
        store_rollback(r->db);
        r->in_batch = 0;
        return rc;
    }
    r->fused += (long long)fused;
    rc = store_commit(r->db);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: cannot commit: %s\n", r->db_path,
                store_errmsg(r->db));
        store_rollback(r->db);
    }
    r->in_batch = 0;
    return rc;
}

static int on_doc(void *ctx, struct doc *d)
{
    struct ingest_run *r = ctx;
    int rc = ERR_OK;
    struct event_list events = {0};
    char hash[33];
    bool found = false, added = false;
    r->seen++;
    d->tlp = (int)r->tlp;
    d->share_with = r->share_with;
    store_doc_hash(d->text, d->len, hash);
    if (r->in_batch == 0 && (rc = store_begin(r->db)) != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", r->db_path, store_errmsg(r->db));
        goto fatal;
    }
    r->in_batch++;
    if ((rc = store_has_document(r->db, hash, &found)) != ERR_OK)
        goto store_error;
    if (found)
        r->skipped++;
    if (!found) {
        if (ev_extract(d, &events) != ERR_OK)
            fprintf(stderr, "sitrep: %s: warning: too many tokens or events; "
                            "only the first were extracted\n", d->source);
        for (size_t i = 0; i < events.n; i++)
            event_make_uid(&events.v[i], hash, i);
        if ((rc = store_put_document(r->db, d, hash, &events, &added)) != ERR_OK)
            goto store_error;
        if (added) {
            r->added++;
            r->events += (long long)events.n;
        } else {
            r->skipped++;
        }
    }
    if (r->in_batch >= r->batch && commit(r) != ERR_OK)
        goto fatal;
    event_list_free(&events);
    doc_free(d);
    return 0;

store_error:
    fprintf(stderr, "sitrep: %s: cannot store %s: %s\n", r->db_path, d->source,
            store_errmsg(r->db));
    store_rollback(r->db);
    r->in_batch = 0;
fatal:
    r->failed = 1;
    r->fatal = 1;
    event_list_free(&events);
    doc_free(d);
    return 1; /* stop reading: the store is not usable */
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"batch", required_argument, NULL, 'b'},
        {"max-doc-size", required_argument, NULL, 'm'},
        {"quiet", no_argument, NULL, 'q'},
        {"tlp", required_argument, NULL, 't'},
        {"share-with", required_argument, NULL, 's'},
        {NULL, 0, NULL, 0}};
    struct ingest_run r = {0};
    struct ingest_opts io = {0};
    const char *db = NULL;
    int quiet = 0;
    long long v;
    int c;
    r.batch = 100;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'q': quiet = 1; break;
        case 's':
            r.share_with = optarg;
            break;
        case 't':
            if (!tlp_parse(optarg, &r.tlp))
                return cli_usage_error("ingest", "--tlp is clear, green, amber, amber+strict or "
                                                 "red, not '%s'", optarg);
            break;
        case 'b':
            if (cli_parse_size("ingest", "--batch", optarg, 1, 1000000, &r.batch))
                return EXIT_USAGE;
            break;
        case 'm':
            if (cli_parse_size("ingest", "--max-doc-size", optarg, 1, 1LL << 30, &v))
                return EXIT_USAGE;
            io.max_doc_size = (size_t)v;
            break;
        default:
            return cli_option_error("ingest", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("ingest", "no input given (a file, a directory, or -)");
    if (r.share_with && r.tlp != TLP_RED)
        return cli_usage_error("ingest", "--share-with names who may see TLP:RED documents: "
                                         "give --tlp red too");
    if (r.tlp == TLP_RED && !r.share_with)
        fprintf(stderr, "sitrep ingest: warning: TLP:RED documents without --share-with are "
                        "served to no one\n");
    if (cli_open_store(db, &r.db, &r.db_path) != EXIT_OK)
        return EXIT_FAIL;
    struct ingest_sink sink = {on_doc, report, &r};
    for (int i = optind; i < argc && !r.fatal; i++)
        if (ingest_path(argv[i], &io, &sink) != ERR_OK)
            r.failed = 1;
    if (!r.fatal && commit(&r) != ERR_OK)
        r.failed = 1;
    size_t older = 0; /* events stored before there were incidents */
    if (!r.fatal && store_fuse(r.db, &older) != ERR_OK) {
        fprintf(stderr, "sitrep: %s: cannot fuse events into incidents: %s\n", r.db_path,
                store_errmsg(r.db));
        r.failed = 1;
    }
    r.fused += (long long)older;
    store_close(r.db);
    if (!quiet)
        fprintf(stderr, "sitrep: %lld document%s read, %lld new, %lld already stored; "
                        "%lld event%s stored, %lld fused into incidents, in %s\n",
                r.seen, r.seen == 1 ? "" : "s", r.added, r.skipped,
                r.events, r.events == 1 ? "" : "s", r.fused, r.db_path);
    return r.failed ? EXIT_FAIL : EXIT_OK;
}
