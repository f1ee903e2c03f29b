/* report.h - the situation report: the brief an analyst would write, with
 * every figure and statement footnoted to its source sentence.
 *
 * The caller (cmd_report.c) reads the store into a struct report_input;
 * report_write() renders it as Markdown (for a terminal: sparklines and
 * tables) or as one self-contained HTML file (inline SVG chart and map,
 * no scripts, no network). Footnotes name the document, its publication
 * date and file, and quote the sentence with its byte offsets. */
#ifndef SITREP_REPORT_H
#define SITREP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "alert.h"
#include "trend.h"

/* A source sentence a footnote quotes. */
struct report_cite {
    char *doc;          /* document id */
    char *published;    /* or NULL */
    char *source;       /* file or URL, or NULL */
    char *sentence;
    size_t start, end;  /* byte offsets in the document text */
    char *doc_hash;
};

struct report_incident {
    char *uid, *type, *method, *actor, *actor_group, *place;
    char country[3];
    bool has_coords;
    double lat, lon;
    char date[11];
    long long killed, killed_min, killed_max, injured, kidnapped;
    int sources;
    struct report_cite cite;  /* the report that gives its toll */
};

struct report_alert {
    char series[80];
    struct alert_result r;
    size_t incidents[8];      /* indexes into report_input.v */
    size_t n_incidents;
};

/* A count of something (a method, a country) with an example incident. */
struct report_tally {
    char key[48];
    long long n;
};

struct report_input {
    const char *group, *group_name, *country, *country_name, *since; /* the scope */
    const char *generated;    /* the day the report is written */
    struct report_incident *v; /* dated incidents of the scope, oldest first */
    size_t n;
    struct trend monthly;     /* incidents per month (finished) */
    struct report_alert *alerts;
    size_t n_alerts;
    /* a group's profile */
    const char *parent_name;
    const char **affiliates;  /* names */
    size_t n_affiliates;
    struct report_tally countries[32], methods[16];
    size_t n_countries, n_methods;
    struct report_cite *financing; /* sentences about its money */
    size_t n_financing;
    const char **aliases;     /* its other names */
    size_t n_aliases;
    struct report_cite *operations; /* strikes, raids and arrests against it */
    char (*operation_what)[48];     /* "strike, 2016-02-19" for each */
    size_t n_operations;
};

enum report_format { REPORT_MD, REPORT_HTML };

/* Writes the report; returns false when writing failed. */
bool report_write(FILE *out, const struct report_input *in, enum report_format fmt);

void report_cite_free(struct report_cite *c);
void report_input_free(struct report_input *in);

#endif
