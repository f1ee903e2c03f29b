/* cmd_report.c - `sitrep report`: the situation report of a group, a
 * country or everything (src/analyze/report.h), read from the store. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "analyze/alert.h"
#include "analyze/report.h"
#include "analyze/trend.h"
#include "cli.h"
#include "core/alloc.h"
#include "core/err.h"
#include "lexicon/lex.h"
#include "store/store.h"

struct reading {
    struct report_input *in;
    size_t cap;
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Keeps every dated incident of the scope. */
static int on_incident(void *ctx, const struct incident *in)
{
    struct reading *rd = ctx;
    struct report_input *ri = rd->in;
    if (!in->date[0])
        return 0;
    if (ri->n == rd->cap) {
        rd->cap = rd->cap ? 2 * rd->cap : 64;
        ri->v = xrealloc(ri->v, rd->cap * sizeof *ri->v);
    }
    struct report_incident *r = &ri->v[ri->n++];
    memset(r, 0, sizeof *r);
    r->uid = xstrdup(in->uid);
    r->type = dup_or_null(in->type);
    r->method = dup_or_null(in->method);
    r->actor = dup_or_null(in->actor);
    r->actor_group = dup_or_null(in->actor_group);
    r->place = dup_or_null(in->place);
    memcpy(r->country, in->country, sizeof r->country);
    r->has_coords = in->has_coords;
    r->lat = in->lat;
    r->lon = in->lon;
    memcpy(r->date, in->date, sizeof r->date);
    r->killed = in->killed;
    r->killed_min = in->killed_min;
    r->killed_max = in->killed_max;
    r->injured = in->injured;
    r->kidnapped = in->kidnapped;
    r->sources = in->sources;
    return 0;
}

static int by_date(const void *a, const void *b)
{
    const struct report_incident *x = a, *y = b;
    int d = strcmp(x->date, y->date);
    return d ? d : strcmp(x->uid, y->uid);
}

static void cite_from(struct report_cite *c, const struct store_report *r)
{
    report_cite_free(c);
    c->doc = dup_or_null(r->e->doc);
    c->published = dup_or_null(r->published);
    c->source = dup_or_null(r->url ? r->url : r->source);
    c->sentence = dup_or_null(r->e->evidence);
    c->start = r->e->ev_start;
    c->end = r->e->ev_end;
    c->doc_hash = dup_or_null(r->doc_hash);
}

/* The cited report of an incident: the latest that gives its toll, else
 * the first. */
static int choose_cite(void *ctx, const struct store_report *r)
{
    struct report_incident *ri = ctx;
    if (!ri->cite.sentence || (ri->killed >= 0 && r->e->killed == ri->killed))
        cite_from(&ri->cite, r);
    return 0;
}

/* The group's financing facts: its events of type financing. */
struct money {
    struct report_input *in;
    const char *group;
};

static int on_money(void *ctx, const struct event *e)
{
    struct money *m = ctx;
    if (m->in->n_financing >= 8 || !e->evidence)
        return 0;
    m->in->financing = xrealloc(m->in->financing,
                                (m->in->n_financing + 1) * sizeof *m->in->financing);
    struct report_cite *c = &m->in->financing[m->in->n_financing++];
    memset(c, 0, sizeof *c);
    c->doc = dup_or_null(e->doc);
    c->sentence = xstrdup(e->evidence);
    c->start = e->ev_start;
    c->end = e->ev_end;
    return 0;
}

/* The operations against the group: state strikes, raids and arrests
 * whose sentence names it by one of its names. */
struct against {
    struct report_input *in;
    bool found;
};

/* Lower-cased, with every character but letters and digits a space, and
 * spaces at both ends: " islamic state s camp " */
static char *words_of(const char *s)
{
    size_t n = strlen(s);
    char *w = xmalloc(n + 3);
    w[0] = ' ';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        w[i + 1] = (char)((c >= 'A' && c <= 'Z') ? c + 32
                          : ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
                              ? c : ' ');
    }
    w[n + 1] = ' ';
    w[n + 2] = '\0';
    return w;
}

/* Does the text name the group (its name or one of its other names)? */
static bool names_group(const struct report_input *ri, const char *text)
{
    if (!text)
        return false;
    char *w = words_of(text);
    bool names = false;
    for (size_t i = 0; i <= ri->n_aliases && !names; i++) {
        const char *alias = i < ri->n_aliases ? ri->aliases[i] : ri->group_name;
        char *k = words_of(alias);
        names = strstr(w, k) != NULL;
        free(k);
    }
    free(w);
    return names;
}

/* One report of a state operation: kept when its sentence or its
 * document's title names the group (the first such report of each). */
static int on_operation(void *ctx, const struct store_report *r)
{
    struct against *a = ctx;
    struct report_input *ri = a->in;
    const struct event *e = r->e;
    if (a->found || e->background || !e->evidence ||
        !(names_group(ri, e->evidence) || names_group(ri, r->title)))
        return 0;
    a->found = true;
    ri->operations = xrealloc(ri->operations, (ri->n_operations + 1) * sizeof *ri->operations);
    ri->operation_what = xrealloc(ri->operation_what,
                                  (ri->n_operations + 1) * sizeof *ri->operation_what);
    struct report_cite *c = &ri->operations[ri->n_operations];
    memset(c, 0, sizeof *c);
    cite_from(c, r);
    snprintf(ri->operation_what[ri->n_operations], sizeof ri->operation_what[0], "%s, %s",
             e->type, e->date[0] ? e->date : "undated");
    ri->n_operations++;
    return 1;
}

/* The state operations of the scope: strikes, raids and arrests. */
struct op {
    char date[11];
    char uid[24];
};

struct op_list {
    struct op *v;
    size_t n;
};

static int on_state_incident(void *ctx, const struct incident *in)
{
    struct op_list *l = ctx;
    l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    snprintf(l->v[l->n].date, sizeof l->v[0].date, "%s", in->date);
    snprintf(l->v[l->n++].uid, sizeof l->v[0].uid, "%s", in->uid);
    return 0;
}

static int op_by_date(const void *a, const void *b)
{
    const struct op *x = a, *y = b;
    int d = strcmp(x->date, y->date);
    return d ? d : strcmp(x->uid, y->uid);
}

/* Keeps the last `keep` operations (the query gives them oldest first). */
static void keep_recent(struct report_input *ri, size_t keep)
{
    if (ri->n_operations <= keep)
        return;
    size_t drop = ri->n_operations - keep;
    for (size_t i = 0; i < drop; i++)
        report_cite_free(&ri->operations[i]);
    memmove(ri->operations, ri->operations + drop, keep * sizeof *ri->operations);
    memmove(ri->operation_what, ri->operation_what + drop, keep * sizeof *ri->operation_what);
    ri->n_operations = keep;
}

/* The group's other names, from the dictionary's phrases. */
static void aliases_of(struct report_input *ri, const struct lex_actor *group)
{
    ri->aliases = xcalloc(12, sizeof *ri->aliases);
    ri->n_aliases = lex_actor_aliases(group, ri->aliases, 12);
}

static void bump(struct report_tally *t, size_t *n, size_t cap, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(t[i].key, key) == 0) {
            t[i].n++;
            return;
        }
    if (*n < cap) {
        snprintf(t[*n].key, sizeof t[*n].key, "%s", key);
        t[(*n)++].n = 1;
    }
}

static int by_count(const void *a, const void *b)
{
    const struct report_tally *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->key, y->key);
}

/* The trend, the alerts and the profile, from the incidents read. */
static void analyse(struct report_input *ri)
{
    trend_init(&ri->monthly, TREND_MONTH);
    for (size_t i = 0; i < ri->n; i++) {
        const struct report_incident *r = &ri->v[i];
        long long tolls[4] = {r->killed, r->injured, r->kidnapped, -1};
        trend_add(&ri->monthly, "all", r->date, tolls);
    }
    trend_finish(&ri->monthly);

    struct alert_params ap;
    alert_defaults(&ap);
    struct alert_item *items = xcalloc(ri->n + 1, sizeof *items);
    size_t n_items = 0;
    long end = -1;
    for (size_t i = 0; i < ri->n; i++) {
        long day;
        if (!trend_days(ri->v[i].date, &day))
            continue;
        items[n_items++] = (struct alert_item){ri->v[i].country, ri->v[i].actor_group, day, i};
        if (day > end)
            end = day;
    }
    struct alert_series *series = NULL;
    size_t ns = n_items ? alert_scan(items, n_items, end, &ap, &series) : 0;
    for (size_t i = 0; i < ns; i++) {
        if (!series[i].r.flagged)
            continue;
        ri->alerts = xrealloc(ri->alerts, (ri->n_alerts + 1) * sizeof *ri->alerts);
        struct report_alert *a = &ri->alerts[ri->n_alerts++];
        memset(a, 0, sizeof *a);
        snprintf(a->series, sizeof a->series, "%s", series[i].key);
        a->r = series[i].r;
        for (size_t k = 0; k < series[i].n_items && k < 8; k++)
            a->incidents[a->n_incidents++] = series[i].items[k];
    }
    free(series);
    free(items);

    for (size_t i = 0; i < ri->n; i++) {
        const struct report_incident *r = &ri->v[i];
        const struct lex_country *c = r->country[0] ? lex_country_by_code(r->country) : NULL;
        bump(ri->countries, &ri->n_countries, 32, c ? c->name : "unknown");
        bump(ri->methods, &ri->n_methods, 16,
             r->method && strcmp(r->method, "unknown") != 0 ? r->method : r->type);
    }
    qsort(ri->countries, ri->n_countries, sizeof *ri->countries, by_count);
    qsort(ri->methods, ri->n_methods, sizeof *ri->methods, by_count);
}

int cmd_report(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"group", required_argument, NULL, 'g'},
        {"country", required_argument, NULL, 'c'},
        {"since", required_argument, NULL, 's'},
        {"max-tlp", required_argument, NULL, 'x'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0}};
    struct store_filter f = {0};
    const char *db = NULL, *output = NULL;
    char cc[3] = "";
    enum report_format fmt = REPORT_MD;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'o': output = optarg; break;
        case 'f':
            if (strcmp(optarg, "md") == 0) fmt = REPORT_MD;
            else if (strcmp(optarg, "html") == 0) fmt = REPORT_HTML;
            else
                return cli_usage_error("report", "unknown format '%s' (md or html)", optarg);
            break;
        default: {
            int rc = cli_filter_option("report", c, optarg, &f, cc);
            if (rc < 0)
                return cli_option_error("report", c, argv);
            if (rc != EXIT_OK)
                return rc;
        }
        }
    }
    if (optind < argc)
        return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
    const struct lex_actor *group = f.group ? lex_actor_by_key(f.group) : NULL;
    if (f.group && !group)
        return cli_usage_error("report", "unknown group key '%s' (keys are in data/actors*.tsv)",
                               f.group);
    const struct lex_country *country = f.country ? lex_country_by_code(f.country) : NULL;

    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    struct report_input ri = {0};
    struct reading rd = {&ri, 0};
    int rc = store_fuse(s, NULL);
    /* a group's report takes in its affiliates' incidents ("Islamic
     * State" and its provinces) */
    if (rc == ERR_OK)
        rc = store_query_incidents(s, &f, on_incident, &rd);
    for (size_t i = 0; rc == ERR_OK && group && i < lex_n_actors; i++)
        if (lex_actors[i].parent && strcmp(lex_actors[i].parent, group->key) == 0) {
            struct store_filter af = f;
            af.group = lex_actors[i].key;
            rc = store_query_incidents(s, &af, on_incident, &rd);
        }
    if (ri.n > 1)
        qsort(ri.v, ri.n, sizeof *ri.v, by_date);
    for (size_t i = 0; rc == ERR_OK && i < ri.n; i++)
        rc = store_incident_reports(s, ri.v[i].uid, choose_cite, &ri.v[i]);
    struct money m = {&ri, f.group};
    if (rc == ERR_OK && f.group) {
        struct store_filter money = {.group = f.group, .country = f.country, .type = "financing",
                                     .max_tlp = f.max_tlp};
        rc = store_query_events(s, &money, on_money, &m);
    }
    if (rc == ERR_OK && group) {
        ri.group_name = group->name;
        aliases_of(&ri, group);
        static const char *const ops[] = {"strike", "raid", "arrest"};
        struct op_list l = {0};
        for (size_t k = 0; rc == ERR_OK && k < 3; k++) {
            struct store_filter of = {.country = f.country, .since = f.since, .type = ops[k],
                                      .max_tlp = f.max_tlp};
            rc = store_query_incidents(s, &of, on_state_incident, &l);
        }
        if (l.n > 1)
            qsort(l.v, l.n, sizeof *l.v, op_by_date);
        for (size_t k = 0; rc == ERR_OK && k < l.n; k++) {
            struct against a = {&ri, false};
            rc = store_incident_reports(s, l.v[k].uid, on_operation, &a);
        }
        free(l.v);
        keep_recent(&ri, 10);
    }
    if (rc != ERR_OK) {
        fprintf(stderr, "sitrep: %s: %s\n", path, store_errmsg(s));
        report_input_free(&ri);
        store_close(s);
        return EXIT_FAIL;
    }
    store_close(s);

    char today[11];
    time_t now = time(NULL);
    strftime(today, sizeof today, "%Y-%m-%d", gmtime(&now));
    ri.generated = today;
    ri.since = f.since;
    ri.group = f.group;
    ri.group_name = group ? group->name : NULL;
    ri.country = f.country;
    ri.country_name = country ? country->name : f.country;
    if (group) {
        const struct lex_actor *parent = group->parent ? lex_actor_by_key(group->parent) : NULL;
        ri.parent_name = parent ? parent->name : NULL;
        for (size_t i = 0; i < lex_n_actors; i++)
            if (lex_actors[i].parent && strcmp(lex_actors[i].parent, group->key) == 0) {
                ri.affiliates = xrealloc(ri.affiliates,
                                         (ri.n_affiliates + 1) * sizeof *ri.affiliates);
                ri.affiliates[ri.n_affiliates++] = lex_actors[i].name;
            }
    }
    analyse(&ri);

    FILE *out = stdout;
    if (output && !(out = fopen(output, "w"))) {
        fprintf(stderr, "sitrep: %s: cannot write the report: ", output);
        perror(NULL);
        report_input_free(&ri);
        return EXIT_FAIL;
    }
    bool ok = report_write(out, &ri, fmt);
    if (out != stdout && fclose(out) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "sitrep: %s: writing the report failed\n", output ? output : "stdout");
    report_input_free(&ri);
    return ok ? EXIT_OK : EXIT_FAIL;
}
