/* cmd_export.c - `sitrep export --format stix`: the incidents of the store,
 * their groups, places, source documents and sentences as a STIX 2.1
 * bundle (src/share/stix.h), up to a TLP level. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "core/tlp.h"
#include "share/stix.h"
#include "store/store.h"

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"format", required_argument, NULL, 'f'},
        {"since", required_argument, NULL, 's'},
        {"max-tlp", required_argument, NULL, 'x'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0}};
    struct store_filter f = {0};
    const char *db = NULL, *output = NULL;
    char cc[3] = "";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if (strcmp(optarg, "stix") != 0)
                return cli_usage_error("export", "unknown format '%s' (stix)", optarg);
            break;
        default: {
            int rc = cli_filter_option("export", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("export", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    struct stix_input in;
    int rc = stix_from_store(s, &f, &in);
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);
    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        fprintf(stderr, "sitrep: %s: cannot write the bundle: ", output);
        perror(NULL);
        stix_input_free(&in);
        return EXIT_FAIL;
    }
    bool ok = stix_write_bundle(out, &in);
    if (out != stdout && fclose(out) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "sitrep: %s: writing the bundle failed\n", output ? output : "stdout");
    stix_input_free(&in);
    return ok ? EXIT_OK : EXIT_FAIL;
}
