/* ingest_text.c - the plain-text conventions: title line, dateline, dates.
 *
 * A document's first line is its title when a blank line follows it. The
 * body's first line may open with a wire-style dateline ("KABUL, Aug. 27,
 * 2021 (Agency) — "), which tells where and when the story was filed.
 * Nothing here changes d->text, so byte offsets into it stay valid. */
#include "ingest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "ingest_int.h"

#define MAX_TITLE 300        /* longest line taken as a title, in bytes */
#define MAX_PLACE 64         /* longest dateline place name, in bytes */
#define MAX_PLACE_WORDS 6
#define MAX_AGENCY 80        /* longest "(Agency)", in bytes */
#define MAX_BYLINE 100       /* longest "By ..." line before a dateline */

/* Lower-case words that may open a word of a title-case place name
 * ("Dar es Salaam", "Deir ez-Zor", "al-Bab"). */
static const char *const particles[] = {
    "al", "am", "an", "bin", "da", "das", "de", "del", "della", "den", "der",
    "des", "di", "do", "dos", "du", "e", "el", "en", "es", "ez", "ibn", "la",
    "le", "les", "on", "sur", "upon", "van", "von", "y",
    "of", "the", "and", NULL}; /* "Democratic Republic of the Congo" */

static const struct {
    const char *name;
    int month;
} months[] = {
    {"january", 1}, {"jan", 1},   {"february", 2}, {"feb", 2},
    {"march", 3},   {"mar", 3},   {"april", 4},    {"apr", 4},
    {"may", 5},     {"june", 6},  {"jun", 6},      {"july", 7},
    {"jul", 7},     {"august", 8}, {"aug", 8},     {"september", 9},
    {"sept", 9},    {"sep", 9},   {"october", 10}, {"oct", 10},
    {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};

/* Capitalised words that open a line like a place but are labels
 * ("BREAKING — ", "UPDATE: "). */
static const char *const labels[] = {
    "analysis", "breaking", "correction", "editorial", "exclusive", "factbox",
    "live", "note", "opinion", "photos", "read", "update", "updated", "video",
    "warning", "watch", NULL};

static const char *const weekdays[] = {
    "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed",
    "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday", "sat",
    "sunday", "sun", NULL};

/* A dateline found at the start of a body. */
struct dateline {
    size_t place, place_end; /* the city */
    bool caps;               /* written in capitals */
    int y, m, d;             /* y == 0: no full date */
    size_t end;              /* just after the separator */
};

/* ---- small scanners ----------------------------------------------------- */

/* The code point at s[i..n) into *cp; returns its length (1 for a bad byte,
 * read as U+FFFD). */
static size_t next_cp(const char *s, size_t n, size_t i, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* 1 for an upper-case letter, 2 for another letter, 3 for a combining
 * mark, 0 for anything else. */
static int letter_class(int32_t cp)
{
    if (cp < 0x80)
        return IC(cp, IC_UPPER) ? 1 : IC(cp, IC_LOWER) ? 2 : 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return 1;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 2;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return 3;
    default:
        return 0;
    }
}

/* Skips spaces and tabs (not line ends). */
static size_t skip_hspace(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Skips all white space, line ends included. */
static size_t skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && IC(s[i], IC_SPACE))
        i++;
    return i;
}

/* The offset of the '\n' that ends the line at i, or n. */
static size_t line_end(const char *s, size_t n, size_t i)
{
    const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
    return nl ? (size_t)(nl - s) : n;
}

/* True when s[a..b) is only white space. */
static bool blank(const char *s, size_t a, size_t b)
{
    for (; a < b; a++)
        if (!IC(s[a], IC_SPACE))
            return false;
    return true;
}

/* The start of the first line at or after i that is not blank, or n. */
static size_t skip_blank_lines(const char *s, size_t n, size_t i)
{
    while (i < n) {
        size_t e = line_end(s, n, i);
        if (!blank(s, i, e))
            return i;
        i = e < n ? e + 1 : n;
    }
    return n;
}

/* True when the lower-cased word s[0..n) is in the NULL-terminated list. */
static bool word_in(const char *s, size_t n, const char *const *list)
{
    char w[16];
    if (n == 0 || n >= sizeof w)
        return false;
    for (size_t i = 0; i < n; i++)
        w[i] = ic_lower(s[i]);
    w[n] = '\0';
    for (size_t i = 0; list[i]; i++) /* the first byte settles most */
        if (w[0] == list[i][0] && strcmp(w, list[i]) == 0)
            return true;
    return false;
}

/* Reads 1..max digits at i, not followed by another digit; returns the
 * end (0 = none) and the value in *v. */
static size_t scan_num(const char *s, size_t n, size_t i, int max, int *v)
{
    size_t p = i;
    int val = 0;
    while (p < n && IC(s[p], IC_DIGIT) && (int)(p - i) < max)
        val = val * 10 + (s[p++] - '0');
    if (p == i || (p < n && IC(s[p], IC_DIGIT)))
        return 0;
    *v = val;
    return p;
}

/* Reads a month name, full or abbreviated with an optional dot ("July",
 * "Aug.", "Sept."); returns its end (0 = none) and the month in *m. */
static size_t scan_month(const char *s, size_t n, size_t i, int *m)
{
    char w[12];
    size_t p = i, k = 0;
    while (p < n && IC(s[p], IC_ALPHA)) {
        if (k == sizeof w - 1)
            return 0;
        w[k++] = ic_lower(s[p++]);
    }
    w[k] = '\0';
    if (k == 0)
        return 0;
    for (size_t j = 0; j < sizeof months / sizeof months[0]; j++) {
        if (strcmp(w, months[j].name) == 0) {
            *m = months[j].month;
            return p < n && s[p] == '.' ? p + 1 : p;
        }
    }
    return 0;
}

/* Skips an ordinal suffix after a day number ("1st", "22nd"). */
static size_t skip_ordinal(const char *s, size_t n, size_t i)
{
    if (i + 1 < n && IC(s[i], IC_LOWER) && IC(s[i + 1], IC_LOWER) &&
        (i + 2 >= n || !IC(s[i + 2], IC_ALPHA)) &&
        (memcmp(s + i, "st", 2) == 0 || memcmp(s + i, "nd", 2) == 0 ||
         memcmp(s + i, "rd", 2) == 0 || memcmp(s + i, "th", 2) == 0))
        return i + 2;
    return i;
}

/* Reads an optional ", YYYY" or " YYYY" after a day and month; returns the
 * end of the year, or 0 when there is none. */
static size_t scan_year(const char *s, size_t n, size_t i, int *y)
{
    size_t p = i < n && s[i] == ',' ? i + 1 : i;
    size_t q = skip_hspace(s, n, p);
    size_t e;
    if (q == i || !(e = scan_num(s, n, q, 4, y)) || e - q != 4)
        return 0;
    if (e < n && IC(s[e], IC_ALPHA))
        return 0;
    return e;
}

/* Reads a date: "July 22, 2013", "Aug. 27 2021", "3 March 2019",
 * "2013-07-22", or a day and month without a year; an optional weekday
 * may open it. Returns the end (0 = none); *y is 0 without a year. The
 * date is not checked against the calendar here. */
static size_t scan_date(const char *s, size_t n, size_t i, int *y, int *m, int *d)
{
    size_t p = i, e;
    *y = *m = *d = 0;
    while (p < n && IC(s[p], IC_ALPHA))
        p++;
    if (p > i && word_in(s + i, p - i, weekdays)) {
        if (p < n && s[p] == '.')
            p++;
        if (p < n && s[p] == ',')
            p++;
        size_t q = skip_hspace(s, n, p);
        if (q == p)
            return 0;
        i = q;
    }
    if ((e = scan_num(s, n, i, 4, y)) && e - i == 4) {
        if (e + 6 > n || s[e] != '-' || s[e + 3] != '-' ||
            scan_num(s, n, e + 1, 2, m) != e + 3 || scan_num(s, n, e + 4, 2, d) != e + 6)
            return 0;
        return e + 6;
    }
    *y = 0;
    if ((p = scan_month(s, n, i, m))) {
        size_t q = skip_hspace(s, n, p);
        if (q == p || !(e = scan_num(s, n, q, 2, d)))
            return 0;
        e = skip_ordinal(s, n, e);
    } else if ((p = scan_num(s, n, i, 2, d))) {
        p = skip_ordinal(s, n, p);
        size_t q = skip_hspace(s, n, p);
        if (q == p || !(e = scan_month(s, n, q, m)))
            return 0;
    } else {
        return 0;
    }
    if (*d < 1 || *d > 31)
        return 0;
    size_t ye = scan_year(s, n, e, y);
    return ye ? ye : e;
}

/* Reads a place name: up to MAX_PLACE_WORDS words of letters (with inner
 * hyphens, apostrophes and dots) joined by single spaces. Returns its end
 * (0 = none); *style is 1 when it is in capitals ("DEIR EZ-ZOR"), 2 in
 * title case ("Deir ez-Zor"), 3 in lower case ("lima"), 0 otherwise. */
static size_t scan_place(const char *s, size_t n, size_t i, int *style)
{
    size_t p = i, end = 0;
    int words = 0, upper = 0, lower = 0;
    bool title = true;
    *style = 0;
    for (;;) {
        size_t w = p, stem = 0;
        int letters = 0, first = 0;
        while (p < n) {
            int32_t cp;
            size_t k = next_cp(s, n, p, &cp);
            int cls = letter_class(cp);
            if (cls == 1 || cls == 2) {
                if (!first)
                    first = cls;
                letters++;
                cls == 1 ? upper++ : lower++;
            } else if (!(letters && (cls == 3 || cp == '-' || cp == '\'' ||
                                     cp == 0x2019 || cp == '.'))) {
                break;
            }
            if (!stem && (cp == '-' || cp == '\'' || cp == 0x2019))
                stem = p - w;
            p += k;
        }
        if (!letters)
            break;
        words++;
        if (first == 2 && (words == 1 || !word_in(s + w, stem ? stem : p - w, particles)))
            title = false;
        end = p;
        if (end - i > MAX_PLACE || words > MAX_PLACE_WORDS)
            return 0;
        if (p + 1 < n && s[p] == ' ') {
            int32_t cp;
            next_cp(s, n, p + 1, &cp);
            int cls = letter_class(cp);
            if (cls == 1 || cls == 2) {
                p++;
                continue;
            }
        }
        break;
    }
    if (!end)
        return 0;
    if (lower == 0 && upper >= 2)
        *style = 1;
    else if (title && lower > 0)
        *style = 2;
    else if (upper == 0 && lower > 0)
        *style = 3; /* all lower case, as in old wire copy */
    return end;
}

/* Reads the separator that closes a dateline: an em dash, en dash or
 * horizontal bar, "--" or "-" standing between spaces, or (when colon is
 * set) a colon before a space ("NEW DELHI: "). spaced tells whether white
 * space came before. Returns its end, or 0. */
static size_t scan_sep(const char *s, size_t n, size_t i, bool spaced, bool colon)
{
    if (i + 3 <= n && memcmp(s + i, "\xE2\x80", 2) == 0 &&
        (s[i + 2] == '\x94' || s[i + 2] == '\x93' || s[i + 2] == '\x95'))
        return i + 3;
    if (colon && !spaced && i + 1 < n && s[i] == ':' && (s[i + 1] == ' ' || s[i + 1] == '\t'))
        return i + 1;
    if (!spaced || i >= n || s[i] != '-')
        return 0;
    size_t e = i + 1 < n && s[i + 1] == '-' ? i + 2 : i + 1;
    if (e < n && !IC(s[e], IC_SPACE))
        return 0;
    return e;
}

/* Recognises a dateline at s[i..n), all on one line. */
static bool parse_dateline(const char *s, size_t n, size_t i, struct dateline *dl)
{
    int style, rstyle;
    size_t p = scan_place(s, n, i, &style);
    bool dated = false, agency = false;
    if (!p || !style || word_in(s + i, p - i, labels))
        return false;
    dl->place = i;
    dl->place_end = p;
    dl->caps = style == 1 || style == 3;
    dl->y = dl->m = dl->d = 0;
    for (int k = 0; k < 3 && p < n && s[p] == ','; k++) {
        size_t q = skip_hspace(s, n, p + 1);
        size_t e = scan_date(s, n, q, &dl->y, &dl->m, &dl->d);
        if (e) {
            dated = true;
            p = e;
            break;
        }
        e = scan_place(s, n, q, &rstyle);
        if (!e || !rstyle || k == 2 || (rstyle == 3) != (style == 3))
            return false;
        p = e;
    }
    if (dated && p + 1 < n && s[p] == ',' && s[skip_hspace(s, n, p + 1)] == '(')
        p++;
    size_t q = skip_hspace(s, n, p);
    if (q < n && s[q] == '(') {
        size_t c = q + 1;
        while (c < n && c - q <= MAX_AGENCY && s[c] != ')' && s[c] != '(' && s[c] != '\n')
            c++;
        if (c >= n || s[c] != ')' || c == q + 1)
            return false;
        agency = true;
        p = c + 1;
        q = skip_hspace(s, n, p);
    }
    size_t e = scan_sep(s, n, q, q > p, style == 1 && p == dl->place_end);
    if (!e)
        return false;
    if (style == 2 && !dated && !agency)
        return false; /* "Paris — " alone is too often prose */
    if (style == 3 && !(dated && agency))
        return false; /* lower case: only a full "city, date (agency) —" */
    if (!dated)
        dl->y = 0;
    dl->end = e;
    return true;
}

/* The place name s[0..n) in title case when written in capitals
 * ("N'DJAMENA" -> "N'Djamena", "DEIR EZ-ZOR" -> "Deir Ez-Zor"). */
static char *title_case(const char *s, size_t n)
{
    struct buf b;
    bool start = true;
    int seg = 0; /* letters since the last separator */
    buf_init(&b, 0);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = next_cp(s, n, i, &cp);
        int cls = letter_class(cp);
        if (cls == 1 || cls == 2) {
            utf8proc_uint8_t enc[4];
            int32_t c2 = start ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
            utf8proc_ssize_t len = utf8proc_encode_char(c2, enc);
            if (len > 0)
                buf_append(&b, enc, (size_t)len);
            else
                buf_append(&b, s + i, k);
            start = false;
            seg++;
        } else {
            buf_append(&b, s + i, k);
            if (cp == ' ' || cp == '-')
                start = true;
            else if (cp == '\'' || cp == 0x2019)
                start = seg == 1; /* N'Djamena, but Qa'im */
            if (cls != 3)
                seg = 0;
        }
        i += k;
    }
    return buf_detach(&b);
}

/* ---- dates -------------------------------------------------------------- */

bool ingest_date_valid(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

bool ingest_norm_date(const char *s, size_t n, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t i = 0;
    while (i < n && IC(s[i], IC_SPACE))
        i++;
    if (i + 10 > n || scan_num(s, n, i, 4, &y) != i + 4)
        return false;
    char sep = s[i + 4];
    if ((sep != '-' && sep != '/') || s[i + 7] != sep ||
        scan_num(s, n, i + 5, 2, &m) != i + 7 || scan_num(s, n, i + 8, 2, &d) != i + 10)
        return false;
    if (i + 10 < n && (IC(s[i + 10], IC_ALPHA) && s[i + 10] != 'T'))
        return false;
    if (!ingest_date_valid(y, m, d))
        return false;
    char date[32]; /* room the compiler can prove; a valid date takes 10 */
    snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
    memcpy(out, date, 10);
    out[10] = '\0';
    return true;
}

/* ---- the document ------------------------------------------------------- */

void ingest_parse_body(struct doc *d, size_t start)
{
    struct dateline dl;
    const char *s = d->text;
    size_t n = d->len;
    size_t i = skip_space(s, n, start < n ? start : n);
    d->body = i;
    if (!parse_dateline(s, n, i, &dl)) {
        /* "By Jane Doe", or a subheading (a short line with no full
         * stop), may stand between the title and the dateline */
        size_t e = line_end(s, n, i);
        size_t t = e;
        while (t > i && IC(s[t - 1], IC_SPACE))
            t--;
        bool byline = e - i <= MAX_BYLINE && e - i >= 4 && memcmp(s + i, "By ", 3) == 0;
        bool subhead = t > i && t - i <= 200 && s[t - 1] != '.' && s[t - 1] != '!' &&
                       s[t - 1] != '?' && s[t - 1] != ':' && s[t - 1] != '"';
        if (!byline && !subhead)
            return;
        i = skip_space(s, n, e);
        if (!parse_dateline(s, n, i, &dl))
            return;
    }
    if (!d->dateline_place)
        d->dateline_place = dl.caps ? title_case(s + dl.place, dl.place_end - dl.place)
                                    : xstrndup(s + dl.place, dl.place_end - dl.place);
    if (!d->published && dl.y && ingest_date_valid(dl.y, dl.m, dl.d)) {
        char date[32];
        snprintf(date, sizeof date, "%04d-%02d-%02d", dl.y, dl.m, dl.d);
        d->published = xstrdup(date);
    }
    d->body = skip_space(s, n, dl.end);
}

/* True when the line s[a..b) is a "Skip to content" link left over from
 * a saved web page. */
static bool skip_link(const char *s, size_t a, size_t b)
{
    static const char key[] = "skip to ";
    a = skip_hspace(s, b, a);
    if (b - a < sizeof key - 1 || b - a > 40)
        return false;
    for (size_t k = 0; k < sizeof key - 1; k++)
        if (ic_lower(s[a + k]) != key[k])
            return false;
    return true;
}

/* True when the line s[a..b) (trimmed) may be the title of d: short, not
 * a dateline, and the title d already has when it has one. */
static bool is_title(const struct doc *d, size_t a, size_t b)
{
    struct dateline dl;
    if (b == a || b - a > MAX_TITLE)
        return false;
    if (d->title)
        return strlen(d->title) == b - a && memcmp(d->title, d->text + a, b - a) == 0;
    return !parse_dateline(d->text, d->len, a, &dl);
}

void ingest_parse_text(struct doc *d)
{
    if (!d || !d->text)
        return;
    const char *s = d->text;
    size_t n = d->len;
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    i = skip_blank_lines(s, n, i);
    size_t eol = line_end(s, n, i);
    while (eol < n && skip_link(s, i, eol)) {
        i = skip_blank_lines(s, n, eol + 1);
        eol = line_end(s, n, i);
    }
    size_t a = skip_hspace(s, n, i), b = eol;
    while (b > a && IC(s[b - 1], IC_SPACE))
        b--;
    size_t start = i;
    if (eol < n) {
        size_t next = eol + 1;
        if (blank(s, next, line_end(s, n, next)) && is_title(d, a, b)) {
            if (!d->title)
                d->title = xstrndup(s + a, b - a);
            start = skip_blank_lines(s, n, next);
        }
    }
    ingest_parse_body(d, start);
}
