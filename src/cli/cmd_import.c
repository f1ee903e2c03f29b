/* cmd_import.c - `sitrep import FILE...`: STIX 2.1 bundles from partners
 * into the store, object by object (src/share/stix_read.h). Valid objects
 * are kept as they came, for the server and for re-export; invalid ones
 * are named with the reason, and the rest is imported. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/err.h"
#include "share/stix_read.h"
#include "store/store.h"

struct import {
    struct store *s;
    const char *file;
    long long known, custom, already, invalid;
    int failed; /* the store failed */
};

static int on_object(void *ctx, const struct stix_object *o)
{
    struct import *im = ctx;
    struct store_stix so = {o->id,   o->type, o->version, o->tlp, o->known,
                            o->json, NULL,    false,      o->share_with};
    bool added = false;
    if (store_put_stix(im->s, &so, &added) != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", im->file, store_errmsg(im->s));
        im->failed = 1;
        return 1;
    }
    if (!added)
        im->already++;
    else if (o->known)
        im->known++;
    else
        im->custom++;
    return 0;
}

static void on_problem(void *ctx, size_t index, const char *id, const char *message)
{
    struct import *im = ctx;
    im->invalid++;
    fprintf(stderr, "sitrep: %s: object %zu%s%s%s: %s\n", im->file, index + 1, id ? " (" : "",
            id ? id : "", id ? ")" : "", message);
}

/* Reads a whole file (at most STIX_MAX_INPUT bytes) into *data. */
static int slurp(const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "sitrep: %s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n > STIX_MAX_INPUT) {
            fprintf(stderr, "sitrep: %s: larger than 256 MiB, not read\n", path);
            free(buf);
            if (f != stdin)
                fclose(f);
            return -1;
        }
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    bool bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad) {
        fprintf(stderr, "sitrep: %s: cannot read\n", path);
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int quiet = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":q", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'q': quiet = 1; break;
        default:
            return cli_option_error("import", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("import", "no file given (a STIX 2.1 bundle, or -)");
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        struct import im = {.s = s, .file = argv[i]};
        char *data;
        size_t len;
        if (slurp(argv[i], &data, &len) != 0) {
            failed = 1;
            continue;
        }
        const char *why;
        if (store_begin(s) != ERR_OK) {
            fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
            free(data);
            store_close(s);
            return EXIT_FAIL;
        }
        int rc = stix_read(data, len, on_object, on_problem, &im, &why);
        free(data);
        if (im.failed || store_commit(s) != ERR_OK) {
            if (!im.failed)
                fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
            store_rollback(s);
            store_close(s);
            return EXIT_FAIL;
        }
        if (rc != ERR_OK) {
            fprintf(stderr, "sitrep: %s: not a STIX bundle: %s\n", argv[i], why);
            failed = 1;
            continue;
        }
        if (im.invalid)
            failed = 1;
        if (!quiet)
            fprintf(stderr, "sitrep: %s: %lld STIX object%s stored, %lld of them of types "
                            "sitrep does not know (kept for re-export); %lld already stored, "
                            "%lld invalid\n",
                    argv[i], im.known + im.custom, im.known + im.custom == 1 ? "" : "s",
                    im.custom, im.already, im.invalid);
    }
    store_close(s);
    return failed ? EXIT_FAIL : EXIT_OK;
}
