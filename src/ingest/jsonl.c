/* jsonl.c - JSON lines: one document per line.
 *
 * Each line is an object {"id", "text", "title"?, "published"?, "url"?}.
 * A bad line (invalid JSON, not an object, a missing or mistyped field, too
 * long) is reported with its line number and skipped; the other lines are
 * still read. Lines are read from memory or streamed from a descriptor, so
 * a large file never sits in memory whole: one line holds at most
 * INGEST_MAX_LINE bytes and one document's text at most the run's limit. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "ingest_int.h"

#define MAX_ID 512      /* bytes of an id */
#define MAX_FIELD 8192  /* bytes of a title, url or published value */
#define READ_CHUNK 65536

/* State of one JSON-lines source. */
struct jsonl {
    struct ingest_run *r;
    const char *name;
    unsigned long line; /* number of the current line, from 1 */
    size_t lines;       /* lines that were not blank */
};

/* Reports a bad line: the source is "NAME:LINE". */
static void line_fail(struct jsonl *j, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void line_fail(struct jsonl *j, int code, const char *fmt, ...)
{
    char src[512], msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(src, sizeof src, "%s:%lu", j->name, j->line);
    ingest_fail(j->r, code, src, "%s", msg);
}

/* The string member key of o: 1 with *out set when present and a string,
 * 0 when absent or null, -1 when of another type. */
static int get_str(const cJSON *o, const char *key, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    *out = NULL;
    if (!v || cJSON_IsNull(v))
        return 0;
    if (!cJSON_IsString(v) || !v->valuestring)
        return -1;
    *out = v->valuestring;
    return 1;
}

/* A repaired, trimmed copy of an optional field (NULL when empty). */
static char *field_copy(const char *s)
{
    int fixed = 0;
    size_t n = strlen(s), a = 0, len;
    while (a < n && IC(s[a], IC_SPACE))
        a++;
    while (n > a && IC(s[n - 1], IC_SPACE))
        n--;
    if (n == a)
        return NULL;
    return ingest_utf8_repair(s + a, n - a, &len, &fixed);
}

/* True when s[0..n) is only white space. */
static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!IC(s[i], IC_SPACE))
            return false;
    return true;
}

/* Describes where cJSON stopped, for an error message. */
static void describe_stop(const char *line, size_t n, const char *at, char *out, size_t outlen)
{
    size_t pos = at && at >= line && at <= line + n ? (size_t)(at - line) : n;
    if (pos >= n)
        snprintf(out, outlen, "unexpected end of line");
    else if ((unsigned char)line[pos] >= 0x20 && (unsigned char)line[pos] < 0x7f)
        snprintf(out, outlen, "unexpected '%c' at byte %zu", line[pos], pos + 1);
    else
        snprintf(out, outlen, "unexpected byte 0x%02x at byte %zu",
                 (unsigned char)line[pos], pos + 1);
}

/* Turns one line (without its '\n') into a document. */
static void jsonl_line(struct jsonl *j, const char *line, size_t n)
{
    cJSON *root = NULL;
    struct doc *d = NULL;
    const char *end = NULL, *id, *text, *title, *pub, *url;
    char where[96], src[512];
    size_t text_len;

    if (n > 0 && line[n - 1] == '\r')
        n--;
    if (j->line == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3, n -= 3;
    if (blank(line, n))
        return;
    j->lines++;
    if (memchr(line, '\0', n)) {
        line_fail(j, ERR_BINARY, "invalid JSON at line %lu: NUL byte", j->line);
        goto out;
    }
    root = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!root) {
        describe_stop(line, n, end, where, sizeof where);
        line_fail(j, ERR_PARSE, "invalid JSON at line %lu: %s", j->line, where);
        goto out;
    }
    while (end && end >= line && end < line + n && IC(*end, IC_SPACE))
        end++;
    if (end && end >= line && end < line + n) {
        describe_stop(line, n, end, where, sizeof where);
        line_fail(j, ERR_PARSE, "invalid JSON at line %lu: %s after the value", j->line, where);
        goto out;
    }
    if (!cJSON_IsObject(root)) {
        line_fail(j, ERR_PARSE, "invalid document at line %lu: not a JSON object", j->line);
        goto out;
    }
    int has = get_str(root, "id", &id);
    if (has != 1 || blank(id, strlen(id))) {
        line_fail(j, ERR_PARSE, "invalid document at line %lu: \"id\" %s", j->line,
                  has < 0 ? "is not a string" : "is missing or empty");
        goto out;
    }
    if (strlen(id) > MAX_ID || ingest_count_ctrl(id, strlen(id))) {
        line_fail(j, ERR_PARSE, "invalid document at line %lu: \"id\" %s", j->line,
                  strlen(id) > MAX_ID ? "is too long" : "holds control characters");
        goto out;
    }
    has = get_str(root, "text", &text);
    if (has != 1 || blank(text, strlen(text))) {
        line_fail(j, ERR_PARSE, "invalid document at line %lu: \"text\" %s", j->line,
                  has < 0 ? "is not a string" : "is missing or empty");
        goto out;
    }
    text_len = strlen(text);
    if (text_len > j->r->max) {
        line_fail(j, ERR_TOOBIG, "document too large at line %lu: %zu bytes (limit %zu)",
                  j->line, text_len, j->r->max);
        goto out;
    }
    if (ingest_mostly_ctrl(text, text_len)) {
        line_fail(j, ERR_BINARY, "invalid document at line %lu: binary text (control bytes)",
                  j->line);
        goto out;
    }
    static const char *const optional[] = {"title", "published", "url"};
    const char **vals[] = {&title, &pub, &url};
    for (size_t k = 0; k < 3; k++) {
        if (get_str(root, optional[k], vals[k]) < 0) {
            line_fail(j, ERR_PARSE, "invalid document at line %lu: \"%s\" is not a string",
                      j->line, optional[k]);
            goto out;
        }
        if (*vals[k] && strlen(*vals[k]) > MAX_FIELD) {
            line_fail(j, ERR_PARSE, "invalid document at line %lu: \"%s\" is too long",
                      j->line, optional[k]);
            goto out;
        }
    }

    snprintf(src, sizeof src, "%s:%lu", j->name, j->line);
    d = ingest_doc_new(NULL, src);
    size_t id_len;
    int id_fixed = 0;
    d->id = ingest_utf8_repair(id, strlen(id), &id_len, &id_fixed);
    d->text = ingest_utf8_repair(text, text_len, &d->len, &d->repaired);
    if (title) {
        d->title = field_copy(title);
        if (d->title)
            for (char *p = d->title; *p; p++)
                if (IC(*p, IC_SPACE))
                    *p = ' ';
    }
    if (url)
        d->url = field_copy(url);
    if (pub && !blank(pub, strlen(pub))) {
        char date[11];
        if (ingest_norm_date(pub, strlen(pub), date))
            d->published = xstrdup(date);
        else
            ingest_warn(j->r, src, "line %lu: \"published\" is not a date (YYYY-MM-DD); ignored",
                        j->line);
    }
    ingest_parse_text(d);
    if (d->repaired)
        ingest_warn(j->r, src, "invalid UTF-8 repaired (%d sequences)", d->repaired);
    ingest_emit(j->r, d);
    d = NULL;
out:
    doc_free(d);
    cJSON_Delete(root);
}

/* Reports a line longer than INGEST_MAX_LINE. */
static void too_long(struct jsonl *j, size_t n)
{
    line_fail(j, ERR_TOOBIG, "line %lu too long: %s%zu bytes (limit %u)", j->line,
              n > INGEST_MAX_LINE ? "more than " : "", (size_t)INGEST_MAX_LINE,
              INGEST_MAX_LINE);
}

/* Reports a source that held no line at all. */
static void finish(struct jsonl *j)
{
    if (j->lines == 0 && !j->r->stop)
        ingest_fail(j->r, ERR_EMPTY, j->name, "empty file");
}

void jsonl_read_memory(struct ingest_run *r, const char *name, const char *data, size_t len)
{
    struct jsonl j = {r, name, 0, 0};
    size_t i = 0;
    while (i < len && !r->stop) {
        const char *nl = memchr(data + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - data) : len;
        j.line++;
        if (e - i > INGEST_MAX_LINE) {
            j.lines++;
            too_long(&j, e - i);
        } else {
            jsonl_line(&j, data + i, e - i);
        }
        i = e + 1;
    }
    finish(&j);
}

void jsonl_read_fd(struct ingest_run *r, const char *name, int fd)
{
    struct jsonl j = {r, name, 1, 0};
    struct buf line;
    char *chunk = xmalloc(READ_CHUNK);
    bool skipping = false; /* the current line is too long: drop to its end */
    buf_init(&line, INGEST_MAX_LINE);
    for (;;) {
        ssize_t got = read(fd, chunk, READ_CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ingest_fail(r, ERR_IO, name, "%s", strerror(errno));
            break;
        }
        if (got == 0)
            break;
        size_t i = 0, n = (size_t)got;
        while (i < n && !r->stop) {
            const char *nl = memchr(chunk + i, '\n', n - i);
            size_t e = nl ? (size_t)(nl - chunk) : n;
            if (!skipping && buf_append(&line, chunk + i, e - i) != ERR_OK) {
                j.lines++;
                too_long(&j, INGEST_MAX_LINE + 1);
                skipping = true;
                buf_reset(&line);
            }
            if (nl) {
                if (!skipping)
                    jsonl_line(&j, line.data ? line.data : "", line.len);
                buf_reset(&line);
                skipping = false;
                j.line++;
            }
            i = e + 1;
        }
        if (r->stop)
            break;
    }
    if (!skipping && line.len && !r->stop)
        jsonl_line(&j, line.data, line.len);
    finish(&j);
    buf_free(&line);
    free(chunk);
}
