/* cli.c - helpers the subcommands share: usage errors, help, the store
 * location, and strict number options. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "cli.h"
#include "core/err.h"
#include "store/store.h"

void cli_help(const struct cmd *c, FILE *out)
{
    fputs(c->usage, out);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sitrep %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sitrep %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    }
    return 0;
}

const char *cli_db(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("SITREP_DB");
    if (env && *env)
        return env;
    return "sitrep.db";
}

int cli_parse_size(const char *cmd, const char *opt, const char *arg, long long min,
                   long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    if (errno || end == arg || *end || v < min || v > max)
        return cli_usage_error(cmd, "%s wants a whole number from %lld to %lld, not '%s'",
                               opt, min, max, arg);
    *out = v;
    return EXIT_OK;
}

int cli_option_error(const char *cmd, int c, char **argv)
{
    if (c == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

int cli_open_store(const char *db_opt, struct store **out, const char **path)
{
    char err[512];
    *path = cli_db(db_opt);
    if (store_open(*path, out, err, sizeof err) != ERR_OK) {
        fprintf(stderr, "sitrep: %s\n", err);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

bool cli_report_input(enum ingest_level level, const char *source, const char *message)
{
    fprintf(stderr, "sitrep: %s: %s%s\n", source,
            level == INGEST_WARNING ? "warning: " : "", message);
    return level == INGEST_ERROR;
}
