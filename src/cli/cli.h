/* cli.h - what the subcommands share: the command table entry, option
 * helpers, and the event printers (table, CSV, JSON lines).
 *
 * Subcommands live one per file (cmd_NAME.c) and are listed once, in the
 * table of main.c. Each returns an exit status: 0 when every input was
 * processed, 1 when some failed, 2 for a usage error. */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include <stdio.h>

#include <stdbool.h>

#include "extract/event.h"
#include "ingest/ingest.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;   /* full help text, with an example */
};

int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_incidents(int argc, char **argv);
int cmd_incident(int argc, char **argv);
int cmd_trends(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);

extern const struct cmd cli_commands[];
const struct cmd *cli_find(const char *name);

/* Prints "sitrep CMD: message" and the usage hint; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the full help of a command to out. */
void cli_help(const struct cmd *c, FILE *out);
/* True when argv holds -h or --help (before any "--"). */
int cli_wants_help(int argc, char **argv);
/* The database: --db, else $SITREP_DB, else ./sitrep.db. */
const char *cli_db(const char *opt);
/* Parses a whole number option in [min, max]; EXIT_USAGE (after the
 * message) when it is not one. */
int cli_parse_size(const char *cmd, const char *opt, const char *arg, long long min,
                   long long max, long long *out);

/* The usage error for what getopt_long() returned as c (':' for a
 * missing value, anything else for an unknown option). */
int cli_option_error(const char *cmd, int c, char **argv);

/* Names a problem with an input on stderr ("sitrep: FILE: message");
 * true when it was an error (the input failed), false for a warning. */
bool cli_report_input(enum ingest_level level, const char *source, const char *message);

struct store;
struct store_filter;
/* The filter options events, incidents and the analyses share: --since,
 * --until, --country, --group, --type, --limit, --max-tlp, --text (getopt_long()
 * values 's', 'u', 'c', 'g', 't', 'l', 'x', 'q'; CLI_FILTER_OPTIONS lists them). Applies
 * option c to f (cc holds the upper-cased country): EXIT_OK, EXIT_USAGE
 * after the message, or -1 when c is not a filter option. */
int cli_filter_option(const char *cmd, int c, const char *arg, struct store_filter *f,
                      char cc[3]);
#define CLI_FILTER_OPTIONS                                                   \
    {"since", required_argument, NULL, 's'},                                 \
    {"until", required_argument, NULL, 'u'},                                 \
    {"country", required_argument, NULL, 'c'},                               \
    {"group", required_argument, NULL, 'g'},                                 \
    {"type", required_argument, NULL, 't'},                                  \
    {"limit", required_argument, NULL, 'l'},                                 \
    {"max-tlp", required_argument, NULL, 'x'},                               \
    {"text", required_argument, NULL, 'q'}

/* Opens the store of --db (see cli_db()); prints the reason and returns
 * EXIT_FAIL when it cannot. *path is the location used. */
int cli_open_store(const char *db_opt, struct store **out, const char **path);

enum out_format { FMT_TABLE, FMT_JSONL, FMT_CSV, FMT_ACLED, FMT_GTD };

/* Event printers: begin (header), one event, end. */
struct printer {
    enum out_format fmt;
    FILE *out;
    size_t n;
};
void print_begin(struct printer *p);
void print_event(struct printer *p, const struct event *e);
void print_end(struct printer *p);

struct incident;
/* Incident printers, the same way. */
void print_incidents_begin(struct printer *p);
void print_incident(struct printer *p, const struct incident *in);
void print_incidents_end(struct printer *p);

#endif
