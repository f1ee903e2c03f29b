/* cli.c - helpers the subcommands share: usage errors, help, the store
 * location, strict number options and the filter options. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>

#include "cli.h"
#include "core/err.h"
#include "core/tlp.h"
#include "extract/date.h"
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

/* Dates on the command line: YYYY, YYYY-MM or YYYY-MM-DD, and real. */
static int check_date(const char *cmd, const char *opt, const char *arg)
{
    if (!date_is_iso(arg))
        return cli_usage_error(cmd, "%s wants a date YYYY, YYYY-MM or YYYY-MM-DD, not '%s'",
                               opt, arg);
    return EXIT_OK;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int cli_filter_option(const char *cmd, int c, const char *arg, struct store_filter *f,
                      char cc[3])
{
    switch (c) {
    case 's':
        if (check_date(cmd, "--since", arg))
            return EXIT_USAGE;
        f->since = arg;
        return EXIT_OK;
    case 'u':
        if (check_date(cmd, "--until", arg))
            return EXIT_USAGE;
        f->until = arg;
        return EXIT_OK;
    case 'c':
        if (strlen(arg) != 2 || !is_letter(arg[0]) || !is_letter(arg[1]))
            return cli_usage_error(cmd, "--country wants a two-letter ISO code such as IQ, "
                                        "not '%s'", arg);
        cc[0] = (char)(arg[0] & ~0x20);
        cc[1] = (char)(arg[1] & ~0x20);
        cc[2] = '\0';
        f->country = cc;
        return EXIT_OK;
    case 'g':
        f->group = arg;
        return EXIT_OK;
    case 't':
        if (!event_type_valid(arg))
            return cli_usage_error(cmd, "unknown event type '%s'", arg);
        f->type = arg;
        return EXIT_OK;
    case 'l':
        return cli_parse_size(cmd, "--limit", arg, 1, 1LL << 40, &f->limit) ? EXIT_USAGE
                                                                              : EXIT_OK;
    case 'x': {
        enum tlp t;
        if (!tlp_parse(arg, &t))
            return cli_usage_error(cmd, "--max-tlp is clear, green, amber, amber+strict or red, "
                                        "not '%s'", arg);
        f->max_tlp = (int)t + 1;
        return EXIT_OK;
    }
    case 'q':
        if (strlen(arg) > 512)
            return cli_usage_error(cmd, "--text is at most 512 bytes of words");
        f->text = arg;
        return EXIT_OK;
    default:
        return -1;
    }
}
