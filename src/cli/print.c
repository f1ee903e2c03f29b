/* print.c - events and incidents as a terminal table, CSV (RFC 4180),
 * JSON lines, or CSV in ACLED's or GTD's columns (src/share/csv.h). */
#include "cli.h"

#include <string.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "core/tlp.h"
#include "share/csv.h"
#include "store/store.h"

static const char *or_dash(const char *s) { return s && *s ? s : "-"; }

static void count_cell(char *out, size_t n, long long v)
{
    if (v < 0)
        snprintf(out, n, "-");
    else
        snprintf(out, n, "%lld", v);
}

/* Fits s into w display columns (counting UTF-8 characters), padding. */
static void cell(FILE *out, const char *s, int w)
{
    int cols = 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (p[i] && cols < w) {
        size_t k = 1;
        if (p[i] >= 0xF0) k = 4;
        else if (p[i] >= 0xE0) k = 3;
        else if (p[i] >= 0xC0) k = 2;
        if (cols == w - 1 && p[i + k]) { /* truncated: mark it */
            fputs("…", out);
            cols++;
            break;
        }
        fwrite(p + i, 1, k, out);
        i += k;
        cols++;
    }
    for (; cols < w; cols++)
        fputc(' ', out);
}

static const char *const csv_columns[] = {
    "id", "doc", "type", "method", "actor", "actor_group", "target", "country",
    "place", "lat", "lon", "date", "killed", "injured", "kidnapped", "detained",
    "amount_usd", "amount_usd_max", "background", "evidence", "confidence", NULL};

void print_begin(struct printer *p)
{
    p->n = 0;
    if (p->fmt == FMT_TABLE) {
        fprintf(p->out, "%-10s %-12s %-11s %-16s %-22s %-2s %-16s %6s %6s %6s %6s\n",
                "DOC", "DATE", "TYPE", "METHOD", "ACTOR", "CC", "PLACE", "KILLED",
                "INJURD", "KIDNAP", "DETAIN");
    } else if (p->fmt == FMT_CSV) {
        for (int i = 0; csv_columns[i]; i++)
            fprintf(p->out, "%s%s", i ? "," : "", csv_columns[i]);
        fputs("\r\n", p->out);
    } else if (p->fmt == FMT_ACLED) {
        csv_acled_header(p->out);
    } else if (p->fmt == FMT_GTD) {
        csv_gtd_header(p->out);
    }
}

/* Writes a row in ACLED's or GTD's columns; counts it when one was. */
static void print_foreign(struct printer *p, const struct csv_row *r)
{
    bool written = p->fmt == FMT_ACLED ? csv_acled_row(p->out, r) : csv_gtd_row(p->out, r);
    p->n += written;
}

void print_event(struct printer *p, const struct event *e)
{
    if (p->fmt == FMT_ACLED || p->fmt == FMT_GTD) {
        struct csv_row r = {
            .id = e->uid, .type = e->type, .method = e->method, .actor = e->actor,
            .actor_group = e->actor_group, .target = e->target, .country = e->country,
            .place = e->place, .date = e->date, .notes = e->evidence, .source = e->doc,
            .has_coords = e->has_coords, .lat = e->lat, .lon = e->lon, .killed = e->killed,
            .injured = e->injured, .kidnapped = e->kidnapped, .modified = NULL};
        print_foreign(p, &r);
        return;
    }
    p->n++;
    if (p->fmt == FMT_JSONL) {
        struct buf b;
        buf_init(&b, 0);
        buf_space(&b, 2048); /* room for most events at once, not by doubling */
        event_write_json(&b, e);
        fwrite(b.data, 1, b.len, p->out);
        buf_free(&b);
        return;
    }
    char k[4][24];
    count_cell(k[0], sizeof k[0], e->killed);
    count_cell(k[1], sizeof k[1], e->injured);
    count_cell(k[2], sizeof k[2], e->kidnapped);
    count_cell(k[3], sizeof k[3], e->detained);
    if (p->fmt == FMT_TABLE) {
        char actor[256];
        if (e->actor_group)
            snprintf(actor, sizeof actor, "%s", e->actor_group);
        else
            snprintf(actor, sizeof actor, "%s", or_dash(e->actor));
        cell(p->out, or_dash(e->doc), 10); fputc(' ', p->out);
        cell(p->out, or_dash(e->date), 12); fputc(' ', p->out);
        cell(p->out, or_dash(e->type), 11); fputc(' ', p->out);
        cell(p->out, or_dash(e->method), 16); fputc(' ', p->out);
        cell(p->out, actor, 22); fputc(' ', p->out);
        cell(p->out, or_dash(e->country), 2); fputc(' ', p->out);
        cell(p->out, or_dash(e->place), 16);
        fprintf(p->out, " %6s %6s %6s %6s%s\n", k[0], k[1], k[2], k[3],
                e->background ? "  (background)" : "");
        return;
    }
    /* CSV */
    char num[6][40];
    snprintf(num[0], 40, "%.6f", e->lat);
    snprintf(num[1], 40, "%.6f", e->lon);
    snprintf(num[2], 40, "%.0f", e->amount_usd);
    snprintf(num[3], 40, "%.0f", e->amount_usd_max);
    snprintf(num[4], 40, "%.2f", e->confidence);
    const char *cols[] = {
        e->uid, e->doc, e->type, e->method, e->actor, e->actor_group, e->target,
        e->country[0] ? e->country : NULL, e->place,
        e->has_coords ? num[0] : NULL, e->has_coords ? num[1] : NULL,
        e->date[0] ? e->date : NULL,
        e->killed >= 0 ? k[0] : NULL, e->injured >= 0 ? k[1] : NULL,
        e->kidnapped >= 0 ? k[2] : NULL, e->detained >= 0 ? k[3] : NULL,
        e->amount_usd >= 0 ? num[2] : NULL, e->amount_usd_max >= 0 ? num[3] : NULL,
        e->background ? "true" : "false", e->evidence, num[4]};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc(',', p->out);
        csv_field(p->out, cols[i]);
    }
    fputs("\r\n", p->out);
}

void print_end(struct printer *p)
{
    if (p->fmt == FMT_TABLE)
        fprintf(p->out, "(%zu event%s)\n", p->n, p->n == 1 ? "" : "s");
}

/* ---- incidents ------------------------------------------------------------ */

static const char *const incident_columns[] = {
    "id", "type", "method", "actor", "actor_group", "target", "country", "place", "lat",
    "lon", "date", "killed", "killed_min", "killed_max", "injured", "injured_min",
    "injured_max", "kidnapped", "detained", "sources", "reports", "first_reported",
    "last_reported", "background", "tlp", NULL};

void print_incidents_begin(struct printer *p)
{
    p->n = 0;
    if (p->fmt == FMT_TABLE) {
        fprintf(p->out, "%-19s %-10s %-11s %-16s %-18s %-2s %-16s %-15s %6s %3s\n", "ID",
                "DATE", "TYPE", "METHOD", "ACTOR", "CC", "PLACE", "KILLED", "INJURD", "SRC");
    } else if (p->fmt == FMT_CSV) {
        for (int i = 0; incident_columns[i]; i++)
            fprintf(p->out, "%s%s", i ? "," : "", incident_columns[i]);
        fputs("\r\n", p->out);
    } else if (p->fmt == FMT_ACLED) {
        csv_acled_header(p->out);
    } else if (p->fmt == FMT_GTD) {
        csv_gtd_header(p->out);
    }
}

/* A toll with its range when the sources differ: "292 (125-323)". */
static void range_cell(char *out, size_t n, long long v, long long lo, long long hi)
{
    if (v < 0)
        snprintf(out, n, "-");
    else if (lo >= 0 && hi > lo)
        snprintf(out, n, "%lld (%lld-%lld)", v, lo, hi);
    else
        snprintf(out, n, "%lld", v);
}

void print_incident(struct printer *p, const struct incident *in)
{
    if (p->fmt == FMT_ACLED || p->fmt == FMT_GTD) {
        char notes[96], source[64];
        snprintf(notes, sizeof notes, "%d report%s: sitrep incident %s", in->reports,
                 in->reports == 1 ? "" : "s", in->uid);
        snprintf(source, sizeof source, "%d document%s", in->sources,
                 in->sources == 1 ? "" : "s");
        struct csv_row r = {
            .id = in->uid, .type = in->type, .method = in->method, .actor = in->actor,
            .actor_group = in->actor_group, .target = in->target, .country = in->country,
            .place = in->place, .date = in->date, .notes = notes, .source = source,
            .has_coords = in->has_coords, .lat = in->lat, .lon = in->lon,
            .killed = in->killed, .injured = in->injured, .kidnapped = in->kidnapped,
            .modified = in->last_reported};
        print_foreign(p, &r);
        return;
    }
    p->n++;
    if (p->fmt == FMT_JSONL) {
        struct buf b;
        struct jw w;
        buf_init(&b, 0);
        jw_init(&w, &b);
        incident_write_json(&w, in);
        buf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, p->out);
        buf_free(&b);
        return;
    }
    char k[8][64];
    if (p->fmt == FMT_TABLE) {
        char actor[256];
        snprintf(actor, sizeof actor, "%s", in->actor_group ? in->actor_group : or_dash(in->actor));
        range_cell(k[0], sizeof k[0], in->killed, in->killed_min, in->killed_max);
        count_cell(k[1], sizeof k[1], in->injured);
        cell(p->out, or_dash(in->uid), 19); fputc(' ', p->out);
        cell(p->out, or_dash(in->date), 10); fputc(' ', p->out);
        cell(p->out, or_dash(in->type), 11); fputc(' ', p->out);
        cell(p->out, or_dash(in->method), 16); fputc(' ', p->out);
        cell(p->out, actor, 18); fputc(' ', p->out);
        cell(p->out, or_dash(in->country), 2); fputc(' ', p->out);
        cell(p->out, or_dash(in->place), 16); fputc(' ', p->out);
        cell(p->out, k[0], 15);
        fprintf(p->out, " %6s %3d%s\n", k[1], in->sources,
                in->background ? "  (background)" : "");
        return;
    }
    /* CSV */
    long long counts[8] = {in->killed, in->killed_min, in->killed_max, in->injured,
                           in->injured_min, in->injured_max, in->kidnapped, in->detained};
    for (int i = 0; i < 8; i++)
        count_cell(k[i], sizeof k[i], counts[i]);
    char num[4][40];
    snprintf(num[0], 40, "%.6f", in->lat);
    snprintf(num[1], 40, "%.6f", in->lon);
    snprintf(num[2], 40, "%d", in->sources);
    snprintf(num[3], 40, "%d", in->reports);
    const char *cols[] = {
        in->uid, in->type, in->method, in->actor, in->actor_group, in->target,
        in->country[0] ? in->country : NULL, in->place,
        in->has_coords ? num[0] : NULL, in->has_coords ? num[1] : NULL,
        in->date[0] ? in->date : NULL,
        counts[0] >= 0 ? k[0] : NULL, counts[1] >= 0 ? k[1] : NULL,
        counts[2] >= 0 ? k[2] : NULL, counts[3] >= 0 ? k[3] : NULL,
        counts[4] >= 0 ? k[4] : NULL, counts[5] >= 0 ? k[5] : NULL,
        counts[6] >= 0 ? k[6] : NULL, counts[7] >= 0 ? k[7] : NULL,
        num[2], num[3], in->first_reported, in->last_reported,
        in->background ? "true" : "false", tlp_name((enum tlp)in->tlp)};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
        if (i)
            fputc(',', p->out);
        csv_field(p->out, cols[i]);
    }
    fputs("\r\n", p->out);
}

void print_incidents_end(struct printer *p)
{
    if (p->fmt == FMT_TABLE)
        fprintf(p->out, "(%zu incident%s)\n", p->n, p->n == 1 ? "" : "s");
}
