/* jsonw.c - streaming JSON writer (see jsonw.h). */
#include "jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"

void jw_init(struct jw *w, struct buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->first[0] = true;
}

/* Writes the separator owed before a value or key at the current depth. */
static void sep(struct jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth])
        buf_putc(w->out, ',');
    w->first[w->depth] = false;
}

static void open(struct jw *w, char c)
{
    sep(w);
    buf_putc(w->out, c);
    if (w->depth + 1 < JW_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
}

static void close_(struct jw *w, char c)
{
    buf_putc(w->out, c);
    if (w->depth > 0)
        w->depth--;
}

void jw_obj_begin(struct jw *w) { open(w, '{'); }
void jw_obj_end(struct jw *w) { close_(w, '}'); }
void jw_arr_begin(struct jw *w) { open(w, '['); }
void jw_arr_end(struct jw *w) { close_(w, ']'); }

/* True when none of the eight bytes of w needs escaping: none is below
 * 0x20, a quote or a backslash. */
static bool plain8(uint64_t w)
{
    return (bytes_below(w, 0x20) | bytes_equal(w, '"') | bytes_equal(w, '\\')) == 0;
}

void jw_escape(struct buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0; /* start of the pending run of plain bytes */
    for (size_t i = 0; i < n; i++) {
        uint64_t w8;
        while (i + 8 <= n && (memcpy(&w8, s + i, 8), plain8(w8)))
            i += 8; /* eight plain bytes at a time: most text */
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; /* a plain byte: most of them */
        const char *esc = NULL;
        char u[7];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20) {
                u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
                u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
                esc = u;
            }
        }
        if (esc) {
            buf_append(out, s + run, i - run);
            buf_puts(out, esc);
            run = i + 1;
        }
    }
    buf_append(out, s + run, n - run);
}

void jw_key(struct jw *w, const char *key)
{
    sep(w);
    size_t n = strlen(key);
    bool plain = true; /* keys are names: nothing to escape, as a rule */
    for (size_t i = 0; i < n && plain; i++)
        plain = (unsigned char)key[i] >= 0x20 && key[i] != '"' && key[i] != '\\';
    char *at = plain ? buf_space(w->out, n + 3) : NULL;
    if (at) { /* the quoted key and its colon, written at once */
        at[0] = '"';
        memcpy(at + 1, key, n);
        at[n + 1] = '"';
        at[n + 2] = ':';
        buf_commit(w->out, n + 3);
    } else {
        buf_putc(w->out, '"');
        jw_escape(w->out, key, n);
        buf_puts(w->out, "\":");
    }
    w->after_key = true;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
    sep(w);
    buf_putc(w->out, '"');
    jw_escape(w->out, s, n);
    buf_putc(w->out, '"');
}

void jw_str(struct jw *w, const char *s)
{
    if (!s)
        jw_null(w);
    else
        jw_strn(w, s, strlen(s));
}

/* Appends v in decimal, as printf's "%lld" would. */
static void put_int(struct buf *out, long long v)
{
    char digits[24];
    size_t k = sizeof digits;
    /* the magnitude as unsigned, so that LLONG_MIN does not overflow */
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        digits[--k] = '-';
    buf_append(out, digits + k, sizeof digits - k);
}

void jw_int(struct jw *w, long long v)
{
    sep(w);
    put_int(w->out, v);
}

void jw_double(struct jw *w, double v)
{
    if (!isfinite(v)) {
        jw_null(w);
        return;
    }
    sep(w);
    if (v == (double)(long long)v && fabs(v) < 1e15)
        put_int(w->out, (long long)v);
    else
        buf_printf(w->out, "%.10g", v);
}

void jw_bool(struct jw *w, bool v)
{
    sep(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
    sep(w);
    buf_puts(w->out, "null");
}

void jw_raw(struct jw *w, const char *json, size_t n)
{
    sep(w);
    buf_append(w->out, json, n);
}

void jw_count(struct jw *w, long long v)
{
    if (v < 0)
        jw_null(w);
    else
        jw_int(w, v);
}
