/* main.c - sitrep's entry point: the table of subcommands and help.
 *
 * Every subcommand is one row of cli_commands[] and one cmd_NAME.c file.
 * Exit statuses: 0 all inputs processed, 1 some input failed, 2 usage. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const struct cmd cli_commands[] = {
    {"extract", cmd_extract, "extract events from articles and print them",
     "usage: sitrep extract [--format jsonl|table] [--explain] [--max-doc-size BYTES] PATH...\n"
     "\n"
     "Reads articles (.txt, .html/.htm, .jsonl; directories recurse; - is\n"
     "stdin) and prints the events found, without storing anything.\n"
     "\n"
     "  --format jsonl|table   one JSON object per event (default when output\n"
     "                         is not a terminal), or a table (default on a\n"
     "                         terminal)\n"
     "  --explain              for each sentence: the words and names found,\n"
     "                         the rule that gave its type, and what became of\n"
     "                         it (an event, joined to one, or why none); then\n"
     "                         the document's events as a table\n"
     "  --max-doc-size BYTES   refuse larger documents (default 8388608)\n"
     "\n"
     "example:\n"
     "  sitrep extract --format jsonl examples/kabul-airport-bombing.txt\n"
     "  sitrep extract --explain examples/bamako-hotel-siege.txt\n"},
    {"ingest", cmd_ingest, "read articles into the store with their events",
     "usage: sitrep ingest [--db PATH] [--tlp LEVEL] [--share-with USERS] [--batch N]\n"
     "                     [--max-doc-size BYTES] [--quiet] PATH...|-\n"
     "\n"
     "Reads articles, extracts their events and stores both. A document already\n"
     "stored (same text, ignoring white space) is skipped, so re-running is\n"
     "safe. Each batch of documents is one transaction: an interrupted ingest\n"
     "keeps every finished batch, and running it again completes the job.\n"
     "\n"
     "  --db PATH              the store (default $SITREP_DB, else ./sitrep.db)\n"
     "  --tlp LEVEL            the TLP 2.0 marking of these documents: clear\n"
     "                         (default), green, amber, amber+strict or red; their\n"
     "                         events and incidents carry the most restrictive\n"
     "                         level of their sources\n"
     "  --share-with USERS     with --tlp red: the users (comma-separated) the\n"
     "                         server may show them to; an incident of several\n"
     "                         red sources goes to the users all of them name\n"
     "  --batch N              documents per transaction (default 100)\n"
     "  --max-doc-size BYTES   refuse larger documents (default 8388608)\n"
     "  --quiet                no summary on stderr\n"
     "\n"
     "example:\n"
     "  sitrep ingest --db sitrep.db examples/\n"},
    {"events", cmd_events, "list stored events, filtered",
     "usage: sitrep events [--db PATH] [--since DATE] [--until DATE] [--country CC]\n"
     "                     [--group KEY] [--type TYPE] [--limit N] [--max-tlp LEVEL]\n"
     "                     [--text WORDS] [--format table|csv|jsonl|acled|gtd]\n"
     "\n"
     "Prints the stored events, oldest first.\n"
     "\n"
     "  --since, --until DATE  inclusive bounds: YYYY, YYYY-MM or YYYY-MM-DD\n"
     "  --country CC           ISO 3166-1 alpha-2 code (IQ, NG, ...)\n"
     "  --group KEY            actor group key (islamic_state, al_shabaab, ...)\n"
     "  --type TYPE            attack kidnapping clash strike raid arrest escape\n"
     "                         plot financing claim_only\n"
     "  --limit N              at most N events\n"
     "  --max-tlp LEVEL        only events of documents marked LEVEL or less\n"
     "                         restrictive (clear < green < amber < amber+strict\n"
     "                         < red)\n"
     "  --text WORDS           only events of documents holding every word (full\n"
     "                         text; a trailing * matches a prefix: bomb*)\n"
     "  --format FMT           table (default), csv, jsonl, or CSV in the columns\n"
     "                         and codes of ACLED (acled) or of the Global\n"
     "                         Terrorism Database (gtd); the mapping, and what\n"
     "                         cannot map, is in src/share/csv.h\n"
     "\n"
     "example:\n"
     "  sitrep events --country NG --since 2014 --format csv\n"},
    {"incidents", cmd_incidents, "list incidents: reports of one incident fused",
     "usage: sitrep incidents [--db PATH] [--since DATE] [--until DATE] [--country CC]\n"
     "                        [--group KEY] [--type TYPE] [--limit N] [--max-tlp LEVEL]\n"
     "                        [--text WORDS] [--format table|csv|jsonl|acled|gtd]\n"
     "\n"
     "Prints the incidents of the store, oldest first. Reports of the same\n"
     "incident by several documents (the same type and country, the same or a\n"
     "nearby place, dates that agree, no two different groups) are one\n"
     "incident; background recalls join the incident they recall. Its toll is\n"
     "the best-supported latest figure, with the range across its reports;\n"
     "SRC counts the documents that tell it. Options as for events.\n"
     "\n"
     "example:\n"
     "  sitrep incidents --country IQ --since 2016\n"
     "  sitrep incidents --text 'suicide bomb*'\n"},
    {"incident", cmd_incident, "show one incident with every report of it",
     "usage: sitrep incident [--db PATH] [--format table|jsonl] ID\n"
     "\n"
     "Prints the incident ID (from sitrep incidents), then every report of it:\n"
     "the document, when it was published, its figures and the sentence that\n"
     "states them. With --format jsonl: the reports as events, one per line.\n"
     "\n"
     "example:\n"
     "  sitrep incident in-1dc724419907bfab\n"},
    {"trends", cmd_trends, "incidents and tolls per week, month or year",
     "usage: sitrep trends [--db PATH] [--by week|month|year] [--split none|group|country|type]\n"
     "                     [--since DATE] [--until DATE] [--country CC] [--group KEY]\n"
     "                     [--type TYPE] [--max-tlp LEVEL] [--format table|csv|json]\n"
     "\n"
     "Counts incidents (reports of one incident fused: see incidents) and\n"
     "their dead, injured, kidnapped and detained per period, for all of them\n"
     "or one series per group, country or type. The table gives each\n"
     "series' totals with a sparkline of its incidents per period, then the\n"
     "periods that have incidents; CSV and JSON give every period of the\n"
     "range. Incidents whose date is less precise than the period (a month\n"
     "in a weekly trend) are left out and counted. Weeks are ISO weeks.\n"
     "\n"
     "  --by PERIOD      week, month (default) or year\n"
     "  --split SERIES   none (default: one series, all), group, country or type\n"
     "\n"
     "example:\n"
     "  sitrep trends --by year --split group --country NG\n"},
    {"alerts", cmd_alerts, "series of incidents rising above their own past",
     "usage: sitrep alerts [--db PATH] [--window DAYS] [--baseline DAYS] [--as-of DATE]\n"
     "                     [--country CC] [--group KEY] [--max-tlp LEVEL]\n"
     "                     [--format table|jsonl]\n"
     "\n"
     "For each group in each country, and each country, compares the incidents\n"
     "of the last window with the rate of the baseline before it, and lists\n"
     "the series whose rise is significant (an exact Poisson test: p < 0.01 and\n"
     "at least 3 incidents in the window; one incident is added to the\n"
     "baseline, so a series with an empty past can rise), most significant\n"
     "first, with the score (-log10 p), the expected and observed counts and\n"
     "the incidents of the window. Incidents need a day-precise date.\n"
     "\n"
     "  --window DAYS    the recent period: 30d (default), or 4w ...\n"
     "  --baseline DAYS  the trailing baseline before it: 365d (default)\n"
     "  --as-of DATE     the window's last day (default: the latest incident's)\n"
     "\n"
     "example:\n"
     "  sitrep alerts --window 30d --country NG\n"},
    {"report", cmd_report, "write the situation report, every figure cited",
     "usage: sitrep report [--db PATH] [--group KEY] [--country CC] [--since DATE]\n"
     "                     [--max-tlp LEVEL] [--format md|html] [-o FILE]\n"
     "\n"
     "Writes the brief an analyst would write about a group (with its\n"
     "affiliates), a country or all incidents: the headline figures, the main incidents, the trend per month,\n"
     "where they happened, the surge alerts, for a group its profile (parent,\n"
     "affiliates, countries, methods, financing facts), and an annex of every\n"
     "incident. Every figure carries a footnote to the sentence it comes from,\n"
     "with its document. Markdown reads in a terminal; HTML is one file with\n"
     "an SVG chart and map that opens offline.\n"
     "\n"
     "  --max-tlp LEVEL    only what is marked LEVEL or less restrictive\n"
     "  --format md|html   Markdown (default) or HTML\n"
     "  -o, --output FILE  write there instead of standard output\n"
     "\n"
     "example:\n"
     "  sitrep report --group islamic_state --format html -o is.html\n"},
    {"export", cmd_export, "write the incidents as a STIX 2.1 bundle",
     "usage: sitrep export [--db PATH] [--format stix] [--since DATE] [--max-tlp LEVEL]\n"
     "                     [-o FILE]\n"
     "\n"
     "Writes the incidents of the store as one STIX 2.1 bundle: the groups\n"
     "(intrusion-set, with aliases, related to their parent movement), the\n"
     "places (location), the incidents (incident, with sitrep's extension for\n"
     "tolls, dates and types), attributed-to and located-at relationships,\n"
     "the source documents (report) and their sentences (note), each marked\n"
     "with its TLP 2.0 marking definition. Ids are UUIDv5 of stable keys:\n"
     "exporting twice gives the same ids, and modified changes only with the\n"
     "content. Nothing above --max-tlp is written, nor any reference to it.\n"
     "\n"
     "  --max-tlp LEVEL    clear, green, amber, amber+strict or red (default)\n"
     "  -o, --output FILE  write there instead of standard output\n"
     "\n"
     "example:\n"
     "  sitrep export --format stix --max-tlp green -o partners.json\n"},
    {"import", cmd_import, "read STIX 2.1 bundles from partners into the store",
     "usage: sitrep import [--db PATH] [--quiet] FILE...|-\n"
     "\n"
     "Reads STIX 2.1 bundles (also a TAXII envelope, a JSON list of objects,\n"
     "or one object) and stores each valid object as it came, with its TLP\n"
     "level from its marking definitions; types sitrep does not know are kept\n"
     "too, counted apart, and exported again with sitrep's own. Each object is\n"
     "checked alone (type, id, spec_version, timestamps, the properties STIX\n"
     "requires of its type): an invalid one is named with its position, id and\n"
     "problem, and the rest is imported. Importing a bundle twice stores it\n"
     "once. Exit status 1 when an object or a file was refused.\n"
     "\n"
     "example:\n"
     "  sitrep import partner-bundle.json\n"},
    {"user", cmd_user, "add, list or remove the server's users",
     "usage: sitrep user [--db PATH] add NAME --clearance LEVEL [--write] [--password-stdin]\n"
     "       sitrep user [--db PATH] list\n"
     "       sitrep user [--db PATH] remove NAME\n"
     "\n"
     "A user of sitrep serve sees only what is marked at or below their\n"
     "clearance (clear, green, amber, amber+strict, red; red only what names\n"
     "them: sitrep ingest --share-with), and\n"
     "may post objects with --write. add prints a bearer token (and, without\n"
     "--password-stdin, a random password) once: sitrep keeps only an Argon2id\n"
     "hash of the password and a hash of the token. Adding an existing name\n"
     "replaces it.\n"
     "\n"
     "example:\n"
     "  printf '%s\\n' \"$PASSWORD\" | sitrep user add partner-a --clearance green --password-stdin\n"},
    {"serve", cmd_serve, "serve the dashboard, the JSON API, and TAXII 2.1 to partners",
     "usage: sitrep serve [--db PATH] [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
     "                    [--anonymous none|clear|green|amber|amber+strict] [--threads N]\n"
     "\n"
     "Serves TAXII 2.1 (discovery at /taxii2/, one API root /api1/ with one\n"
     "collection): the objects of sitrep export, published when it starts and\n"
     "again each minute when the store changed, and the objects imported or\n"
     "posted. Every request authenticates as a user (sitrep user): HTTP Basic\n"
     "with their password, or Bearer with their token. Each user sees only\n"
     "what is marked at or below their clearance (TLP:RED only when named on\n"
     "its distribution: sitrep ingest --share-with); users with\n"
     "write permission may POST objects. Listens on 127.0.0.1:8080 unless\n"
     "told; with a certificate and key, HTTPS.\n"
     "\n"
     "Beside it, the JSON API under /api/ (README, \"JSON API\"): incidents,\n"
     "events, one incident with its sources, trends, alerts, groups, a\n"
     "group's profile, full-text search, and POST /api/documents to ingest\n"
     "an article (write permission). The same users and clearances; a request\n"
     "without credentials from 127.0.0.1 reads at the --anonymous clearance\n"
     "(clear unless told; none asks every request for a user) and never writes.\n"
     "The dashboard is at / (README, \"Dashboard\"): open http://127.0.0.1:8080/.\n"
     "Requests are answered by --threads threads (default: one per CPU, at\n"
     "most 16), each with its own handle of the store.\n"
     "\n"
     "example:\n"
     "  sitrep serve --listen 127.0.0.1:8080\n"
     "  curl 'http://127.0.0.1:8080/api/incidents?country=NG&limit=10'\n"
     "  curl -u partner-a:PASSWORD -H 'Accept: application/taxii+json;version=2.1' \\\n"
     "       http://127.0.0.1:8080/taxii2/\n"},
    {"stats", cmd_stats, "count documents and events in the store",
     "usage: sitrep stats [--db PATH] [--format text|json]\n"
     "\n"
     "Prints the number of documents and events, and events by type and by\n"
     "country.\n"
     "\n"
     "example:\n"
     "  sitrep stats --format json\n"},
    {NULL, NULL, NULL, NULL}};

const struct cmd *cli_find(const char *name)
{
    for (const struct cmd *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void main_help(FILE *out)
{
    fputs("sitrep - events of terrorism and political violence from news reports\n"
          "\n"
          "usage: sitrep COMMAND [OPTIONS] [ARGS]\n"
          "       sitrep help COMMAND | sitrep COMMAND --help\n"
          "       sitrep --version\n"
          "\n"
          "commands:\n", out);
    for (const struct cmd *c = cli_commands; c->name; c++)
        fprintf(out, "  %-9s %s\n", c->name, c->summary);
    fputs("\n"
          "The store is $SITREP_DB, else ./sitrep.db (--db overrides).\n"
          "Exit status: 0 every input processed, 1 some input failed, 2 usage error.\n"
          "\n"
          "example:\n"
          "  sitrep ingest examples/ && sitrep events\n", out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        main_help(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        main_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("sitrep %s\n", SITREP_VERSION);
        return EXIT_OK;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            main_help(stdout);
            return EXIT_OK;
        }
        const struct cmd *c = cli_find(argv[2]);
        if (!c) {
            fprintf(stderr, "sitrep: unknown command '%s'\n", argv[2]);
            return EXIT_USAGE;
        }
        cli_help(c, stdout);
        return EXIT_OK;
    }
    const struct cmd *c = cli_find(name);
    if (!c) {
        fprintf(stderr, "sitrep: unknown command '%s'\nTry 'sitrep --help'.\n", name);
        return EXIT_USAGE;
    }
    if (cli_wants_help(argc - 1, argv + 1)) {
        cli_help(c, stdout);
        return EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
