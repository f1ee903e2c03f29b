/* date.c - dates in text (see date.h). */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* String equality, compared inline byte by byte: most calls differ in
 * the first byte or two, sooner than a call to strcmp() returns. */
static inline int eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

bool date_valid(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return d <= max;
}

/* Howard Hinnant's days-from-civil algorithm. */
long date_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_from_days(long z, struct date *out)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    out->y = (int)(y + (m <= 2));
    out->m = (int)m;
    out->d = (int)d;
    out->prec = DATE_DAY;
}

bool date_parse_iso(const char *s, struct date *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return false;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        y = y * 10 + (s[i] - '0');
    }
    out->y = y;
    out->prec = DATE_YEAR;
    if (s[4] != '-')
        return y >= 1800 && y <= 2200;
    if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
        return false;
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return false;
    out->m = m;
    out->prec = DATE_MONTH;
    if (s[7] != '-')
        return true;
    if (s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9')
        return false;
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (!date_valid(y, m, d))
        return false;
    out->d = d;
    out->prec = DATE_DAY;
    return true;
}

void date_format(const struct date *dt, char out[11])
{
    switch (dt->prec) {
    case DATE_YEAR: snprintf(out, 11, "%04d", dt->y); break;
    case DATE_MONTH: snprintf(out, 11, "%04d-%02d", dt->y, dt->m); break;
    case DATE_DAY: snprintf(out, 11, "%04d-%02d-%02d", dt->y, dt->m, dt->d); break;
    default: out[0] = '\0';
    }
}

int date_month(const char *w)
{
    static const char *const names[] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    static const char *const abbr[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (w[0] == names[i][0] && (eq(w, names[i]) || eq(w, abbr[i])))
            return i + 1; /* a month's name and abbreviation share a first letter */
    if (eq(w, "sept"))
        return 9;
    return 0;
}

static int weekday_of(const char *w)
{
    static const char *const names[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};
    for (int i = 0; i < 7; i++)
        if (eq(w, names[i]))
            return i;
    return -1;
}

/* A token that is an integer in [lo, hi]; its value, or -1. */
static int int_tok(const struct tokens *tk, const char *text, size_t i, int lo, int hi)
{
    const struct tok *t = &tk->t[i];
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    int v = 0;
    size_t k = 0;
    for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
        v = v * 10 + (s[k] - '0');
        if (v > 100000)
            return -1;
    }
    if (k == 0)
        return -1;
    /* ordinal suffixes: 3rd, 21st */
    if (k < n) {
        const char *suf = tok_norm(tk, i) + k;
        if (strcmp(suf, "st") && strcmp(suf, "nd") && strcmp(suf, "rd") &&
            strcmp(suf, "th"))
            return -1;
    }
    return v >= lo && v <= hi ? v : -1;
}

/* Skips a comma or full stop token at i ("July 3, 2016", "Aug. 3"). */
static size_t skip_sep(const struct tokens *tk, size_t i, size_t last)
{
    while (i < last && tk->t[i].kind == TOK_PUNCT &&
           (tok_is(tk, i, ",") || tok_is(tk, i, ".")))
        i++;
    return i;
}

/* Year to use for a day and month given without one. */
static int infer_year(const struct date *ref, int m, int d)
{
    if (ref->prec == DATE_NONE)
        return 0;
    int y = ref->y;
    if (ref->prec >= DATE_MONTH && date_valid(y, m, d ? d : 1) &&
        date_days(y, m, d ? d : 1) > date_days(ref->y, ref->m, ref->d ? ref->d : 28) + 7)
        y--;
    return y;
}

static bool month_at(const struct tokens *tk, const char *text, size_t i, size_t last,
                     const struct date *ref, struct date *out, size_t *end)
{
    /* "may" and "march" are also verbs: require a capital */
    if (tk->t[i].kind != TOK_WORD || !tok_cap(tk, i))
        return false;
    int m = date_month(tok_norm(tk, i));
    if (!m)
        return false;
    /* without capitals, "may" and "march" need a day or year after them */
    if (tk->caseless && (m == 3 || m == 5) &&
        !(i + 1 < last && tk->t[i + 1].kind == TOK_NUM))
        return false;
    size_t j = skip_sep(tk, i + 1, last);
    int d = j < last ? int_tok(tk, text, j, 1, 31) : -1;
    if (d > 0) {
        size_t k = skip_sep(tk, j + 1, last);
        int y = k < last ? int_tok(tk, text, k, 1800, 2200) : -1;
        if (y > 0) {
            if (!date_valid(y, m, d))
                return false;
            *out = (struct date){y, m, d, DATE_DAY};
            *end = k + 1;
            return true;
        }
        y = infer_year(ref, m, d);
        if (!y || !date_valid(y, m, d))
            return false;
        *out = (struct date){y, m, d, DATE_DAY};
        *end = j + 1;
        return true;
    }
    int y = j < last ? int_tok(tk, text, j, 1800, 2200) : -1;
    if (y > 0) {
        *out = (struct date){y, m, 0, DATE_MONTH};
        *end = j + 1;
        return true;
    }
    /* "in March", "last December": the latest such month (before this
     * one, for "last") */
    bool last_m = i > 0 && tok_is(tk, i - 1, "last");
    if (i > 0 && (tok_is(tk, i - 1, "in") || tok_is(tk, i - 1, "since") || last_m) &&
        ref->prec >= DATE_MONTH) {
        y = ref->y - (m > ref->m || (last_m && m == ref->m));
        *out = (struct date){y, m, 0, DATE_MONTH};
        *end = i + 1;
        return true;
    }
    return false;
}

/* Can a date found by date_find() begin at token i, whose form is w? Only
 * a token that starts with a digit (a day, a year, an ISO date), one with
 * a capital (a month, a weekday; any word in a document without case), or
 * "yesterday", "today", "tonight" and "last" can: a cheap test that spares
 * the others (most tokens: punctuation and lower-case words) the checks. */
static bool may_open_date(const struct tokens *tk, const char *text, size_t i, const char *w)
{
    const struct tok *t = &tk->t[i];
    if (t->kind == TOK_PUNCT)
        return false;
    char c = text[t->start];
    return (c >= '0' && c <= '9') || tok_cap(tk, i) || w[0] == 'y' || w[0] == 't' ||
           w[0] == 'l';
}

bool date_find(const struct tokens *tk, const char *text, size_t first, size_t last,
               const struct date *ref, struct date *out, size_t *at, size_t *end)
{
    /* the reference day, for the days reckoned from it below */
    long rd = ref->prec >= DATE_DAY ? date_days(ref->y, ref->m, ref->d) : 0;
    for (size_t i = first; i < last; i++) {
        const char *w = tok_norm(tk, i);
        if (!may_open_date(tk, text, i, w))
            continue;
        /* 3 July 2016, 3rd of July */
        int d = int_tok(tk, text, i, 1, 31);
        if (d > 0 && i + 1 < last) {
            size_t j = i + 1;
            if (tok_is(tk, j, "of"))
                j++;
            int m = j < last && tok_cap(tk, j) ? date_month(tok_norm(tk, j)) : 0;
            if (m) {
                size_t k = skip_sep(tk, j + 1, last);
                int y = k < last ? int_tok(tk, text, k, 1800, 2200) : -1;
                int yy = y > 0 ? y : infer_year(ref, m, d);
                if (yy && date_valid(yy, m, d)) {
                    *out = (struct date){yy, m, d, DATE_DAY};
                    *at = i;
                    *end = y > 0 ? k + 1 : j + 1;
                    return true;
                }
            }
        }
        if (month_at(tk, text, i, last, ref, out, end)) {
            *at = i;
            return true;
        }
        /* 2016-07-03 */
        if (tk->t[i].kind == TOK_NUM && tk->t[i].end - tk->t[i].start == 4 &&
            i + 4 < last && tok_is(tk, i + 1, "-") && tok_is(tk, i + 3, "-")) {
            char iso[11];
            size_t n = tk->t[i + 4].end - tk->t[i].start;
            if (n == 10) {
                memcpy(iso, text + tk->t[i].start, 10);
                iso[10] = '\0';
                if (date_parse_iso(iso, out) && out->prec == DATE_DAY) {
                    *at = i;
                    *end = i + 5;
                    return true;
                }
            }
        }
        /* in 2016; in the year 2016; the 2002 Bali bombings (a year is a
         * number of four bytes: other tokens need no look back) */
        bool four_digits = tk->t[i].kind == TOK_NUM && tk->t[i].end - tk->t[i].start == 4;
        bool the_year = four_digits && i > first && tok_is(tk, i - 1, "the") && i + 1 < last &&
                        tok_cap(tk, i + 1);
        if (four_digits && i > first && (tok_is(tk, i - 1, "in") || tok_is(tk, i - 1, "of") ||
                          tok_is(tk, i - 1, "during") || tok_is(tk, i - 1, "year") ||
                          tok_is(tk, i - 1, "since") ||
                          the_year)) {
            int y = int_tok(tk, text, i, 1900, 2100);
            if (y > 0 && tk->t[i].end - tk->t[i].start == 4) {
                *out = (struct date){y, 0, 0, DATE_YEAR};
                *at = i;
                *end = i + 1;
                return true;
            }
        }
        if (ref->prec < DATE_DAY)
            continue;
        int wd = tok_cap(tk, i) ? weekday_of(w) : -1;
        if (wd >= 0) {
            /* 1970-01-01 was a Thursday (index 3) */
            int refwd = (int)(((rd % 7) + 7 + 3) % 7);
            int back = (refwd - wd + 7) % 7;
            /* "last Tuesday": never the reference day itself */
            if (back == 0 && i > first && tok_is(tk, i - 1, "last"))
                back = 7;
            date_from_days(rd - back, out);
            *at = i;
            *end = i + 1;
            return true;
        }
        if (eq(w, "yesterday") || eq(w, "today") ||
            eq(w, "tonight")) {
            date_from_days(rd - (w[0] == 'y'), out);
            *at = i;
            *end = i + 1;
            return true;
        }
        if (eq(w, "last") && i + 1 < last) {
            if (tok_is(tk, i + 1, "month")) {
                int m = ref->m - 1, y = ref->y;
                if (m == 0) {
                    m = 12;
                    y--;
                }
                *out = (struct date){y, m, 0, DATE_MONTH};
                *at = i;
                *end = i + 2;
                return true;
            }
            if (tok_is(tk, i + 1, "year")) {
                *out = (struct date){ref->y - 1, 0, 0, DATE_YEAR};
                *at = i;
                *end = i + 2;
                return true;
            }
        }
    }
    return false;
}

bool date_is_iso(const char *s)
{
    struct date d;
    size_t n = strlen(s);
    return (n == 4 || n == 7 || n == 10) && date_parse_iso(s, &d);
}
