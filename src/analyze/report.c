/* report.c - the situation report in Markdown or self-contained HTML
 * (report.h). Footnotes are numbered by the annex of incidents, oldest
 * first; financing facts follow. */
#include "report.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void report_cite_free(struct report_cite *c)
{
    free(c->doc);
    free(c->published);
    free(c->source);
    free(c->sentence);
    free(c->doc_hash);
    memset(c, 0, sizeof *c);
}

void report_input_free(struct report_input *in)
{
    for (size_t i = 0; i < in->n; i++) {
        struct report_incident *r = &in->v[i];
        free(r->uid);
        free(r->type);
        free(r->method);
        free(r->actor);
        free(r->actor_group);
        free(r->place);
        report_cite_free(&r->cite);
    }
    free(in->v);
    for (size_t i = 0; i < in->n_financing; i++)
        report_cite_free(&in->financing[i]);
    free(in->financing);
    for (size_t i = 0; i < in->n_operations; i++)
        report_cite_free(&in->operations[i]);
    free(in->operations);
    free(in->operation_what);
    free(in->aliases);
    free(in->alerts);
    free(in->affiliates);
    trend_free(&in->monthly);
}

/* ---- writing helpers ---------------------------------------------------- */

struct out {
    FILE *f;
    enum report_format fmt;
};

/* Text, escaped for HTML; for Markdown, table pipes are escaped. */
static void text(struct out *o, const char *s)
{
    for (; s && *s; s++) {
        if (o->fmt == REPORT_HTML && *s == '<')
            fputs("&lt;", o->f);
        else if (o->fmt == REPORT_HTML && *s == '>')
            fputs("&gt;", o->f);
        else if (o->fmt == REPORT_HTML && *s == '&')
            fputs("&amp;", o->f);
        else if (o->fmt == REPORT_HTML && *s == '"')
            fputs("&quot;", o->f);
        else if (o->fmt == REPORT_MD && *s == '|')
            fputs("\\|", o->f);
        else
            fputc(*s, o->f);
    }
}

static void note(struct out *o, size_t n)
{
    if (o->fmt == REPORT_HTML)
        fprintf(o->f, "<sup><a href=\"#fn%zu\">%zu</a></sup>", n, n);
    else
        fprintf(o->f, "[^%zu]", n);
}

static void heading(struct out *o, const char *s)
{
    if (o->fmt == REPORT_HTML) {
        fputs("<h2>", o->f);
        text(o, s);
        fputs("</h2>\n", o->f);
    } else {
        fprintf(o->f, "\n## %s\n\n", s);
    }
}

static void para_begin(struct out *o)
{
    if (o->fmt == REPORT_HTML)
        fputs("<p>", o->f);
}

static void para_end(struct out *o)
{
    fputs(o->fmt == REPORT_HTML ? "</p>\n" : "\n\n", o->f);
}

static void count_text(char *buf, size_t n, long long v)
{
    if (v < 0)
        snprintf(buf, n, "unknown");
    else
        snprintf(buf, n, "%lld", v);
}

/* "bombing by Islamic State West Africa Province" */
static void what(char *buf, size_t n, const struct report_incident *r)
{
    const char *how = r->method && strcmp(r->method, "unknown") != 0 ? r->method : r->type;
    char how_words[32];
    snprintf(how_words, sizeof how_words, "%s", how ? how : "incident");
    for (char *p = how_words; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (r->actor)
        snprintf(buf, n, "%s by %s", how_words, r->actor);
    else
        snprintf(buf, n, "%s", how_words);
}

/* The incidents' footnote numbers are their annex positions, from 1. */
static size_t note_of(const struct report_input *in, const struct report_incident *r)
{
    return (size_t)(r - in->v) + 1;
}

/* ---- sections ----------------------------------------------------------- */

static void title(struct out *o, const struct report_input *in)
{
    char scope[256];
    if (in->group_name && in->country_name)
        snprintf(scope, sizeof scope, "%s in %s", in->group_name, in->country_name);
    else if (in->group_name)
        snprintf(scope, sizeof scope, "%s", in->group_name);
    else if (in->country_name)
        snprintf(scope, sizeof scope, "%s", in->country_name);
    else
        snprintf(scope, sizeof scope, "all incidents");
    char line[400];
    snprintf(line, sizeof line, "Situation report: %s%s%s", scope, in->since ? " since " : "",
             in->since ? in->since : "");
    if (o->fmt == REPORT_HTML) {
        fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", o->f);
        text(o, line);
        fputs("</title>\n<style>\n"
              "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;"
              "padding:0 1em;color:#222}\n"
              "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid "
              "#ccc}\n"
              "table{border-collapse:collapse;font-size:13px}td,th{padding:2px 8px;"
              "border-bottom:1px solid #eee;text-align:left}\n"
              "td.n{text-align:right}.muted{color:#777}ol.notes{font-size:12px}"
              "svg{max-width:100%;height:auto;background:#fafafa;border:1px solid #ddd}\n"
              "</style></head><body>\n<h1>",
              o->f);
        text(o, line);
        fputs("</h1>\n<p class=\"muted\">Written by sitrep on ", o->f);
        text(o, in->generated);
        fputs(" from the incidents of its store; every figure cites the sentence it comes "
              "from.</p>\n",
              o->f);
    } else {
        fprintf(o->f, "# %s\n\nWritten by sitrep on %s from the incidents of its store; every "
                      "figure cites the sentence it comes from.\n",
                line, in->generated);
    }
}

static void headline(struct out *o, const struct report_input *in)
{
    long long k = 0, w = 0, h = 0;
    size_t deadliest = SIZE_MAX;
    for (size_t i = 0; i < in->n; i++) {
        const struct report_incident *r = &in->v[i];
        k += r->killed > 0 ? r->killed : 0;
        w += r->injured > 0 ? r->injured : 0;
        h += r->kidnapped > 0 ? r->kidnapped : 0;
        if (r->killed > 0 && (deadliest == SIZE_MAX || r->killed > in->v[deadliest].killed))
            deadliest = i;
    }
    heading(o, "Headline figures");
    para_begin(o);
    if (in->n == 0) {
        text(o, "No dated incident in the store matches this scope.");
        para_end(o);
        return;
    }
    char first[11], last[11];
    snprintf(first, sizeof first, "%s", in->v[0].date);
    snprintf(last, sizeof last, "%s", in->v[in->n - 1].date);
    fprintf(o->f, "%zu incident%s from %s to %s: %lld killed, %lld injured, %lld kidnapped "
                  "(sums over the incidents of the annex, each cited ",
            in->n, in->n == 1 ? "" : "s", first, last, k, w, h);
    note(o, 1);
    if (in->n > 1) {
        fputs("–", o->f);
        note(o, in->n);
    }
    fputs(").", o->f);
    if (deadliest != SIZE_MAX) {
        const struct report_incident *r = &in->v[deadliest];
        char w2[160];
        what(w2, sizeof w2, r);
        fputs(" The deadliest: the ", o->f);
        text(o, w2);
        fprintf(o->f, " in %s%s%s on %s, %lld killed", r->place ? r->place : "",
                r->place ? ", " : "", r->country, r->date, r->killed);
        note(o, note_of(in, r));
        fputs(".", o->f);
    }
    para_end(o);
}

static int by_killed_desc(const void *a, const void *b)
{
    const struct report_incident *x = *(const struct report_incident *const *)a;
    const struct report_incident *y = *(const struct report_incident *const *)b;
    if (x->killed != y->killed)
        return x->killed > y->killed ? -1 : 1;
    return strcmp(y->date, x->date);
}

static void main_incidents(struct out *o, const struct report_input *in)
{
    if (in->n == 0)
        return;
    heading(o, "Main incidents");
    const struct report_incident **top = malloc(in->n * sizeof *top);
    if (!top)
        return;
    for (size_t i = 0; i < in->n; i++)
        top[i] = &in->v[i];
    qsort(top, in->n, sizeof *top, by_killed_desc);
    size_t shown = in->n < 10 ? in->n : 10;
    if (o->fmt == REPORT_HTML)
        fputs("<ul>\n", o->f);
    for (size_t i = 0; i < shown; i++) {
        const struct report_incident *r = top[i];
        char w[160], k[24];
        what(w, sizeof w, r);
        count_text(k, sizeof k, r->killed);
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        fprintf(o->f, "%s, ", r->date);
        text(o, r->place ? r->place : "(place unknown)");
        fprintf(o->f, " (%s): ", r->country[0] ? r->country : "-");
        text(o, w);
        fprintf(o->f, "; %s killed", k);
        if (r->killed_min >= 0 && r->killed_max > r->killed_min)
            fprintf(o->f, " (reports gave %lld to %lld)", r->killed_min, r->killed_max);
        fprintf(o->f, ", %d source%s", r->sources, r->sources == 1 ? "" : "s");
        note(o, note_of(in, r));
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    if (o->fmt == REPORT_HTML)
        fputs("</ul>\n", o->f);
    free(top);
}

/* The trend: an SVG bar chart of incidents per month (HTML), or a
 * sparkline and the months with incidents (Markdown). */
static void trend_section(struct out *o, const struct report_input *in)
{
    const struct trend *t = &in->monthly;
    if (t->n_periods == 0 || t->n_series == 0)
        return;
    heading(o, "Trend");
    const struct trend_series *s = &t->series[0];
    long long top = 1;
    for (size_t p = 0; p < t->n_periods; p++)
        if (s->v[TM_INCIDENTS][p] > top)
            top = s->v[TM_INCIDENTS][p];
    char a[16], b[16];
    trend_period_name(TREND_MONTH, t->first, a, sizeof a);
    trend_period_name(TREND_MONTH, t->last, b, sizeof b);
    if (o->fmt == REPORT_HTML) {
        const double w = 720, h = 200, left = 40, bottom = 30;
        double bw = (w - left - 10) / (double)t->n_periods;
        fprintf(o->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                      "role=\"img\" aria-label=\"incidents per month\">\n",
                w, h);
        fprintf(o->f, "<text x=\"4\" y=\"14\" font-size=\"11\">%lld</text>"
                      "<text x=\"4\" y=\"%.0f\" font-size=\"11\">0</text>\n",
                top, h - bottom);
        for (size_t p = 0; p < t->n_periods; p++) {
            long long v = s->v[TM_INCIDENTS][p];
            if (v == 0)
                continue;
            double bh = (h - bottom - 20) * (double)v / (double)top;
            char name[16];
            trend_period_name(TREND_MONTH, t->first + (long)p, name, sizeof name);
            fprintf(o->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                          "fill=\"#b33\"><title>%s: %lld incident%s, %lld killed</title></rect>\n",
                    left + bw * (double)p, h - bottom - bh, bw > 2 ? bw - 1 : bw, bh, name, v,
                    v == 1 ? "" : "s", s->v[TM_KILLED][p]);
        }
        fprintf(o->f, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#999\"/>\n",
                left, h - bottom, w - 10, h - bottom);
        fprintf(o->f, "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s</text>"
                      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                left, h - 10, a, w - 10, h - 10, b);
        fputs("</svg>\n", o->f);
        fprintf(o->f, "<p class=\"muted\">Incidents per month, %s to %s (the annex lists and "
                      "cites each).</p>\n",
                a, b);
        return;
    }
    size_t shown = t->n_periods > 72 ? 72 : t->n_periods;
    char spark[72 * 4 + 1];
    trend_sparkline(s->v[TM_INCIDENTS] + (t->n_periods - shown), shown, spark, sizeof spark);
    fprintf(o->f, "Incidents per month, %s to %s%s:\n\n    %s\n\n", a, b,
            t->n_periods > 72 ? " (the last 72 months)" : "", spark);
    fputs("| month | incidents | killed |\n|---|---:|---:|\n", o->f);
    for (size_t p = 0; p < t->n_periods; p++) {
        if (s->v[TM_INCIDENTS][p] == 0)
            continue;
        char name[16];
        trend_period_name(TREND_MONTH, t->first + (long)p, name, sizeof name);
        fprintf(o->f, "| %s | %lld | %lld |\n", name, s->v[TM_INCIDENTS][p], s->v[TM_KILLED][p]);
    }
}

/* The map: incidents on an equirectangular projection of the region they
 * span, with a graticule, sized by their dead (HTML); a table of places
 * (Markdown). */
static void map_section(struct out *o, const struct report_input *in)
{
    size_t placed = 0;
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    for (size_t i = 0; i < in->n; i++) {
        const struct report_incident *r = &in->v[i];
        if (!r->has_coords)
            continue;
        placed++;
        lat0 = fmin(lat0, r->lat), lat1 = fmax(lat1, r->lat);
        lon0 = fmin(lon0, r->lon), lon1 = fmax(lon1, r->lon);
    }
    if (placed == 0)
        return;
    heading(o, "Where");
    if (o->fmt == REPORT_MD) {
        fputs("| date | place | country | killed | note |\n|---|---|---|---:|---|\n", o->f);
        for (size_t i = 0; i < in->n; i++) {
            const struct report_incident *r = &in->v[i];
            if (!r->has_coords)
                continue;
            char k[24];
            count_text(k, sizeof k, r->killed);
            fprintf(o->f, "| %s | ", r->date);
            text(o, r->place ? r->place : "-");
            fprintf(o->f, " (%.2f, %.2f) | %s | %s | ", r->lat, r->lon, r->country, k);
            note(o, note_of(in, r));
            fputs(" |\n", o->f);
        }
        return;
    }
    /* the region, with a margin, at least 10 degrees across */
    double pad = 3; /* and room on the right for the last labels */
    lat0 -= pad, lat1 += pad, lon0 -= pad, lon1 += pad + (lon1 - lon0) * 0.08;
    if (lon1 - lon0 < 10) {
        double c = (lon0 + lon1) / 2;
        lon0 = c - 5, lon1 = c + 5;
    }
    if (lat1 - lat0 < 6) {
        double c = (lat0 + lat1) / 2;
        lat0 = c - 3, lat1 = c + 3;
    }
    lat0 = fmax(lat0, -85), lat1 = fmin(lat1, 85), lon0 = fmax(lon0, -180), lon1 = fmin(lon1, 180);
    const double w = 720;
    double h = w * (lat1 - lat0) / (lon1 - lon0);
    if (h > 480)
        h = 480;
    double sx = w / (lon1 - lon0), sy = h / (lat1 - lat0);
    fprintf(o->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
                  "role=\"img\" aria-label=\"map of the incidents\">\n",
            w, h);
    double step = lon1 - lon0 > 90 ? 30 : lon1 - lon0 > 30 ? 10 : 5;
    for (double g = ceil(lon0 / step) * step; g <= lon1; g += step)
        fprintf(o->f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#ddd\"/>"
                      "<text x=\"%.1f\" y=\"%.0f\" font-size=\"9\" fill=\"#999\">%.0f°</text>\n",
                (g - lon0) * sx, (g - lon0) * sx, h, (g - lon0) * sx + 2, h - 3, g == 0 ? 0 : g);
    for (double g = ceil(lat0 / step) * step; g <= lat1; g += step)
        fprintf(o->f, "<line x1=\"0\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                      "<text x=\"2\" y=\"%.1f\" font-size=\"9\" fill=\"#999\">%.0f°</text>\n",
                (lat1 - g) * sy, w, (lat1 - g) * sy, (lat1 - g) * sy - 2, g == 0 ? 0 : g);
    for (size_t i = 0; i < in->n; i++) {
        const struct report_incident *r = &in->v[i];
        if (!r->has_coords)
            continue;
        double x = (r->lon - lon0) * sx, y = (lat1 - r->lat) * sy;
        double rad = 3 + sqrt((double)(r->killed > 0 ? r->killed : 0));
        if (rad > 30)
            rad = 30;
        fprintf(o->f, "<a href=\"#fn%zu\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                      "fill=\"#b33\" fill-opacity=\"0.5\" stroke=\"#700\"><title>",
                note_of(in, r), x, y, rad);
        fprintf(o->f, "%s ", r->date);
        text(o, r->place ? r->place : "");
        fprintf(o->f, ": %lld killed</title></circle></a>\n", r->killed > 0 ? r->killed : 0);
        fprintf(o->f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">", x + rad + 2, y + 3);
        text(o, r->place ? r->place : "");
        fputs("</text>\n", o->f);
    }
    fputs("</svg>\n<p class=\"muted\">Each circle is an incident, its area the number killed; "
          "select one for its source. Coordinates are those of the place named; the "
          "graticule is in degrees.</p>\n",
          o->f);
}

static void alerts_section(struct out *o, const struct report_input *in)
{
    heading(o, "Surge alerts");
    para_begin(o);
    if (in->n_alerts == 0) {
        text(o, "No series of this scope rose significantly in the last 30 days over the 365 "
                "before (exact Poisson test, p < 0.01, at least 3 incidents).");
        para_end(o);
        return;
    }
    text(o, "Series that rose significantly in the last 30 days over the 365 before (exact "
            "Poisson test, p < 0.01, at least 3 incidents):");
    para_end(o);
    if (o->fmt == REPORT_HTML)
        fputs("<ul>\n", o->f);
    for (size_t i = 0; i < in->n_alerts; i++) {
        const struct report_alert *a = &in->alerts[i];
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        text(o, a->series);
        fprintf(o->f, ": %lld incidents against %.2f expected from %lld in the baseline, "
                      "p = %.2g (score %.1f); the incidents",
                a->r.observed, a->r.expected, a->r.baseline, a->r.p, a->r.score);
        for (size_t k = 0; k < a->n_incidents; k++)
            note(o, a->incidents[k] + 1);
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    if (o->fmt == REPORT_HTML)
        fputs("</ul>\n", o->f);
}

static void tally(struct out *o, const char *label, const struct report_tally *t, size_t n)
{
    if (n == 0)
        return;
    fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
    fprintf(o->f, "%s: ", label);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", o->f);
        text(o, t[i].key);
        fprintf(o->f, " (%lld)", t[i].n);
    }
    fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
}

static void profile(struct out *o, const struct report_input *in)
{
    if (!in->group)
        return;
    heading(o, "Group profile");
    if (o->fmt == REPORT_HTML)
        fputs("<ul>\n", o->f);
    fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
    fputs("Name: ", o->f);
    text(o, in->group_name ? in->group_name : in->group);
    fprintf(o->f, " (key %s)", in->group);
    if (in->parent_name) {
        fputs("; part of ", o->f);
        text(o, in->parent_name);
    }
    fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    if (in->n_aliases) {
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        fputs("Also called: ", o->f);
        for (size_t i = 0; i < in->n_aliases; i++) {
            fputs(i ? ", " : "", o->f);
            text(o, in->aliases[i]);
        }
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    if (in->n_affiliates) {
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        fputs("Affiliates: ", o->f);
        for (size_t i = 0; i < in->n_affiliates; i++) {
            fputs(i ? ", " : "", o->f);
            text(o, in->affiliates[i]);
        }
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    tally(o, "Countries active (incidents; see the annex)", in->countries, in->n_countries);
    tally(o, "Methods (incidents)", in->methods, in->n_methods);
    for (size_t i = 0; i < in->n_financing; i++) {
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        fputs("Financing: \"", o->f);
        text(o, in->financing[i].sentence);
        fputs("\"", o->f);
        note(o, in->n + i + 1);
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    if (in->n_operations) {
        fputs(o->fmt == REPORT_HTML ? "<li>Recent operations against it:<ul>\n"
                                    : "- Recent operations against it:\n", o->f);
        for (size_t i = 0; i < in->n_operations; i++) {
            fputs(o->fmt == REPORT_HTML ? "<li>" : "    - ", o->f);
            text(o, in->operation_what[i]);
            fputs(": \"", o->f);
            text(o, in->operations[i].sentence);
            fputs("\"", o->f);
            note(o, in->n + in->n_financing + i + 1);
            fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
        }
        if (o->fmt == REPORT_HTML)
            fputs("</ul></li>\n", o->f);
    } else {
        fputs(o->fmt == REPORT_HTML ? "<li>" : "- ", o->f);
        text(o, "Recent operations against it: none in the store (strikes, raids and arrests "
                "whose sentence or title names it).");
        fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
    }
    if (o->fmt == REPORT_HTML)
        fputs("</ul>\n", o->f);
}

static void annex(struct out *o, const struct report_input *in)
{
    if (in->n == 0)
        return;
    heading(o, "Annex: the incidents");
    if (o->fmt == REPORT_HTML)
        fputs("<table><tr><th>#</th><th>date</th><th>place</th><th>cc</th><th>what</th>"
              "<th>killed</th><th>injured</th><th>sources</th></tr>\n",
              o->f);
    else
        fputs("| # | date | place | cc | what | killed | injured | sources |\n"
              "|---:|---|---|---|---|---:|---:|---:|\n",
              o->f);
    for (size_t i = 0; i < in->n; i++) {
        const struct report_incident *r = &in->v[i];
        char w[160], k[24], j[24];
        what(w, sizeof w, r);
        count_text(k, sizeof k, r->killed);
        count_text(j, sizeof j, r->injured);
        if (o->fmt == REPORT_HTML) {
            fprintf(o->f, "<tr><td class=\"n\">%zu</td><td>%s</td><td>", i + 1, r->date);
            text(o, r->place ? r->place : "-");
            fprintf(o->f, "</td><td>%s</td><td>", r->country);
            text(o, w);
            fprintf(o->f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                          "<td class=\"n\">%d</td></tr>\n",
                    k, j, r->sources);
        } else {
            fprintf(o->f, "| %zu | %s | ", i + 1, r->date);
            text(o, r->place ? r->place : "-");
            fprintf(o->f, " | %s | ", r->country);
            text(o, w);
            fprintf(o->f, " | %s | %s | %d |\n", k, j, r->sources);
        }
    }
    if (o->fmt == REPORT_HTML)
        fputs("</table>\n", o->f);
}

static void one_note(struct out *o, size_t n, const char *uid, const struct report_cite *c)
{
    if (o->fmt == REPORT_HTML)
        fprintf(o->f, "<li id=\"fn%zu\">", n);
    else
        fprintf(o->f, "[^%zu]: ", n);
    if (uid)
        fprintf(o->f, "%s: ", uid);
    text(o, c->doc);
    if (c->published)
        fprintf(o->f, ", published %s", c->published);
    if (c->source) {
        fputs(" (", o->f);
        text(o, c->source);
        fputs(")", o->f);
    }
    fputs(": \"", o->f);
    text(o, c->sentence);
    fprintf(o->f, "\" (bytes %zu-%zu of document %s)", c->start, c->end,
            c->doc_hash ? c->doc_hash : "?");
    fputs(o->fmt == REPORT_HTML ? "</li>\n" : "\n", o->f);
}

static void notes(struct out *o, const struct report_input *in)
{
    if (in->n == 0 && in->n_financing == 0 && in->n_operations == 0)
        return;
    heading(o, "Sources");
    if (o->fmt == REPORT_HTML)
        fputs("<ol class=\"notes\">\n", o->f);
    for (size_t i = 0; i < in->n; i++)
        one_note(o, i + 1, in->v[i].uid, &in->v[i].cite);
    for (size_t i = 0; i < in->n_financing; i++)
        one_note(o, in->n + i + 1, NULL, &in->financing[i]);
    for (size_t i = 0; i < in->n_operations; i++)
        one_note(o, in->n + in->n_financing + i + 1, NULL, &in->operations[i]);
    if (o->fmt == REPORT_HTML)
        fputs("</ol>\n", o->f);
}

bool report_write(FILE *f, const struct report_input *in, enum report_format fmt)
{
    struct out o = {f, fmt};
    title(&o, in);
    headline(&o, in);
    main_incidents(&o, in);
    trend_section(&o, in);
    map_section(&o, in);
    alerts_section(&o, in);
    profile(&o, in);
    annex(&o, in);
    notes(&o, in);
    if (fmt == REPORT_HTML)
        fputs("</body></html>\n", f);
    return !ferror(f);
}
