/* print.c - events as a terminal table, CSV (RFC 4180) or JSON lines. */
#include "cli.h"

#include <string.h>

#include "core/buf.h"

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

static void csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
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
    }
}

void print_event(struct printer *p, const struct event *e)
{
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
