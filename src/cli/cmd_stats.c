/* cmd_stats.c - `sitrep stats`: what the store holds. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "store/store.h"

static void json_counts(struct jw *w, const char *key, const struct store_count *v,
                        size_t n)
{
    jw_key(w, key);
    jw_obj_begin(w);
    for (size_t i = 0; i < n; i++) {
        jw_key(w, v[i].key);
        jw_int(w, v[i].n);
    }
    jw_obj_end(w);
}

int cmd_stats(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int json = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (strcmp(optarg, "json") == 0) json = 1;
            else if (strcmp(optarg, "text") == 0) json = 0;
            else
                return cli_usage_error("stats", "unknown format '%s' (text or json)", optarg);
            break;
        default:
            return cli_option_error("stats", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    struct store_stats st = {0};
    int rc = store_stats(s, &st);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        store_close(s);
        return EXIT_FAIL;
    }
    if (json) {
        struct buf b;
        struct jw w;
        buf_init(&b, 0);
        jw_init(&w, &b);
        jw_obj_begin(&w);
        jw_key(&w, "documents"); jw_int(&w, st.documents);
        jw_key(&w, "events"); jw_int(&w, st.events);
        json_counts(&w, "by_type", st.by_type, st.n_type);
        json_counts(&w, "by_country", st.by_country, st.n_country);
        jw_obj_end(&w);
        buf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, stdout);
        buf_free(&b);
    } else {
        printf("documents  %lld\nevents     %lld\n", st.documents, st.events);
        printf("\nby type\n");
        for (size_t i = 0; i < st.n_type; i++)
            printf("  %-12s %lld\n", st.by_type[i].key, st.by_type[i].n);
        printf("\nby country\n");
        for (size_t i = 0; i < st.n_country; i++)
            printf("  %-12s %lld\n", st.by_country[i].key, st.by_country[i].n);
    }
    store_stats_free(&st);
    store_close(s);
    return EXIT_OK;
}
