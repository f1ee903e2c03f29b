/* ingest.c - reading files, directories and stdin into documents.
 *
 * Every input takes one road: its bytes are read under the size limit,
 * refused when empty or binary, repaired to valid UTF-8, then parsed by the
 * format its extension names (plain text here and in ingest_text.c, HTML in
 * html.c, JSON lines in jsonl.c). Problems go to the sink's report
 * callback; nothing here prints or exits. */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/bytes.h"
#include "../core/err.h"
#include "ingest_int.h"

#define MAX_DIR_DEPTH 32       /* nesting of directories below the one named */
#define MAX_DIR_ENTRIES 100000 /* names read from one directory */
#define MAX_PATH_LEN 4096
#define READ_CHUNK 65536

#define S IC_SPACE
#define D IC_DIGIT
#define U IC_UPPER
#define L IC_LOWER
#define C IC_CTRL
const unsigned char ingest_ctype[256] = {
    /* 0x00 */ C, C, C, C, C, C, C, C, C, S, S, S | C, S, S, C, C,
    /* 0x10 */ C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
    /* 0x20 */ S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x30 */ D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
    /* 0x40 */ 0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    /* 0x50 */ U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
    /* 0x60 */ 0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 0x70 */ L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, C,
    /* 0x80-0xFF: 0 */
};
#undef S
#undef D
#undef U
#undef L
#undef C

enum kind { KIND_UNKNOWN, KIND_TEXT, KIND_HTML, KIND_JSONL };

static const struct {
    const char *ext;
    enum kind kind;
} kinds[] = {
    {"txt", KIND_TEXT},   {"text", KIND_TEXT},    {"html", KIND_HTML},
    {"htm", KIND_HTML},   {"xhtml", KIND_HTML},   {"jsonl", KIND_JSONL},
    {"ndjson", KIND_JSONL},
};

/* ---- reporting ---------------------------------------------------------- */

/* Formats a message and passes it to the sink's report callback. */
static void report(struct ingest_run *r, enum ingest_level level,
                   const char *source, const char *fmt, va_list ap)
{
    char msg[512];
    if (!r->sink || !r->sink->report)
        return;
    vsnprintf(msg, sizeof msg, fmt, ap);
    r->sink->report(r->sink->ctx, level, source, msg);
}

void ingest_fail(struct ingest_run *r, int code, const char *source,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, INGEST_ERROR, source, fmt, ap);
    va_end(ap);
    if (r->first_err == ERR_OK)
        r->first_err = code;
}

void ingest_warn(struct ingest_run *r, const char *source, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, INGEST_WARNING, source, fmt, ap);
    va_end(ap);
}

void ingest_emit(struct ingest_run *r, struct doc *d)
{
    if (!r->sink || !r->sink->doc) {
        doc_free(d);
        return;
    }
    if (r->sink->doc(r->sink->ctx, d) != 0)
        r->stop = true;
}

/* ---- documents ---------------------------------------------------------- */

struct doc *ingest_doc_new(const char *id, const char *source)
{
    struct doc *d = xcalloc(1, sizeof *d);
    d->id = xstrdup(id);
    d->source = xstrdup(source);
    return d;
}

void doc_free(struct doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->source);
    free(d->title);
    free(d->url);
    free(d->published);
    free(d->dateline_place);
    free(d->text);
    free(d);
}

/* ---- bytes: UTF-8 and binary checks ------------------------------------- */

/* Length of the valid UTF-8 sequence at s[i..n), or 0 when it is invalid;
 * then *bad is the length of its maximal invalid subpart (Unicode 3.9,
 * "U+FFFD substitution of maximal subparts"), at least 1. Overlong forms,
 * surrogates and code points above U+10FFFF are invalid. */
static size_t u8_seq(const unsigned char *s, size_t n, size_t i, size_t *bad)
{
    unsigned c = s[i], lo = 0x80, hi = 0xBF;
    size_t need;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c == 0xE0)
        need = 2, lo = 0xA0;
    else if (c == 0xED)
        need = 2, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF)
        need = 2;
    else if (c == 0xF0)
        need = 3, lo = 0x90;
    else if (c == 0xF4)
        need = 3, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3)
        need = 3;
    else {
        *bad = 1;
        return 0;
    }
    for (size_t k = 1; k <= need; k++) {
        if (i + k >= n || s[i + k] < lo || s[i + k] > hi) {
            *bad = k;
            return 0;
        }
        lo = 0x80, hi = 0xBF;
    }
    return need + 1;
}

char *ingest_utf8_repair(const char *s, size_t n, size_t *out_len, int *repaired)
{
    const unsigned char *u = (const unsigned char *)s;
    struct buf b;
    size_t i = 0, run = 0, bad = 0;
    buf_init(&b, 0);
    while (i < n) {
        /* eight ASCII bytes at a time: most text is all ASCII */
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, u + i, 8), bytes_high(w) == 0)) {
            i += 8;
            continue;
        }
        size_t k = u8_seq(u, n, i, &bad);
        if (k) {
            i += k;
            continue;
        }
        buf_append(&b, s + run, i - run);
        buf_append(&b, "\xEF\xBF\xBD", 3);
        if (*repaired < 0x7fffffff)
            (*repaired)++;
        i += bad;
        run = i;
    }
    buf_append(&b, s + run, n - run);
    *out_len = b.len;
    return buf_detach(&b);
}

/* True when one of the eight bytes of w is below 0x20 or is 0x7F: the
 * only bytes that may be IC_CTRL. */
static bool word_may_ctrl(uint64_t w)
{
    return (bytes_below(w, 0x20) | bytes_equal(w, 0x7F)) != 0;
}

size_t ingest_count_ctrl(const char *s, size_t n)
{
    size_t c = 0, i = 0;
    while (i < n) {
        /* eight bytes at a time while none can be a control byte */
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, s + i, 8), !word_may_ctrl(w))) {
            i += 8;
            continue;
        }
        size_t end = i + 8 <= n ? i + 8 : n;
        for (; i < end; i++)
            if (IC(s[i], IC_CTRL))
                c++;
    }
    return c;
}

bool ingest_mostly_ctrl(const char *s, size_t n)
{
    return ingest_count_ctrl(s, n) > n / 10;
}

/* True when s[0..n) holds nothing but white space (and a UTF-8 BOM). */
static bool all_blank(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < n; i++)
        if (!IC(s[i], IC_SPACE))
            return false;
    return true;
}

/* ---- names -------------------------------------------------------------- */

/* The last component of a path (after the last '/'). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The extension of a file name without its dot, or "" (".profile" has none). */
static const char *extension(const char *path)
{
    const char *base = base_name(path);
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* The format an extension names, case-insensitively. */
static enum kind kind_of(const char *path)
{
    const char *ext = extension(path);
    char low[8];
    size_t n = strlen(ext);
    if (n == 0 || n >= sizeof low)
        return KIND_UNKNOWN;
    for (size_t i = 0; i <= n; i++)
        low[i] = ic_lower(ext[i]);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(low, kinds[i].ext) == 0)
            return kinds[i].kind;
    return KIND_UNKNOWN;
}

/* The document id of a path: its base name without extension; "stdin" for
 * "-". The caller frees it. */
static char *doc_id(const char *path)
{
    if (!path || strcmp(path, "-") == 0)
        return xstrdup("stdin");
    const char *base = base_name(path);
    const char *ext = extension(path);
    size_t n = *ext ? (size_t)(ext - 1 - base) : strlen(base);
    if (n == 0)
        return xstrdup(*base ? base : path);
    return xstrndup(base, n);
}

/* ---- one input ---------------------------------------------------------- */

/* Turns the bytes of one plain-text or HTML input into a document. */
static void ingest_bytes(struct ingest_run *r, enum kind kind, const char *source,
                         const char *data, size_t len)
{
    char err[256];
    if (kind == KIND_JSONL) {
        jsonl_read_memory(r, source, data, len);
        return;
    }
    if (len > r->max) {
        ingest_fail(r, ERR_TOOBIG, source, "file too large: %zu bytes (limit %zu)",
                    len, r->max);
        return;
    }
    if (all_blank(data, len)) {
        ingest_fail(r, ERR_EMPTY, source, "empty file");
        return;
    }
    if (memchr(data, '\0', len)) {
        ingest_fail(r, ERR_BINARY, source, "binary file (NUL bytes)");
        return;
    }
    if (ingest_mostly_ctrl(data, len)) {
        ingest_fail(r, ERR_BINARY, source, "binary file (control bytes)");
        return;
    }
    char *id = doc_id(source);
    struct doc *d = ingest_doc_new(id, source);
    free(id);
    if (kind == KIND_HTML) {
        int rc = html_to_doc(data, len, r->max, d, err, sizeof err);
        if (rc != ERR_OK) {
            ingest_fail(r, rc, source, "%s", err);
            doc_free(d);
            return;
        }
    } else {
        d->text = ingest_utf8_repair(data, len, &d->len, &d->repaired);
        ingest_parse_text(d);
    }
    if (d->repaired)
        ingest_warn(r, source, "invalid UTF-8 repaired (%d sequences)", d->repaired);
    ingest_emit(r, d);
}

/* Reads at most limit + 1 bytes from fd (one more than allowed, to tell a
 * large input); *out (freed by the caller) and *n receive them. expect is
 * the size of a regular file (0 when unknown): its bytes are read straight
 * into one buffer of that size, and a read that returns fewer bytes than
 * asked ends the file (so a small file takes one read(), not two).
 * Returns 0 or an errno value. */
static int read_all(int fd, size_t limit, size_t expect, char **out, size_t *n)
{
    struct buf b;
    buf_init(&b, limit + 1);
    for (;;) {
        size_t room = limit + 1 - b.len;
        size_t want = b.len < expect ? expect - b.len + 1 : READ_CHUNK;
        if (room < want)
            want = room;
        if (want == 0)
            break;
        char *space = buf_space(&b, want);
        ssize_t got = read(fd, space, want);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            buf_free(&b);
            return e;
        }
        if (got == 0)
            break;
        buf_commit(&b, (size_t)got);
        if (expect && (size_t)got < want)
            break; /* a regular file ends where a read falls short */
    }
    *n = b.len;
    *out = buf_detach(&b);
    return 0;
}

/* Reports a file of size bytes, more than the run allows. */
static void fail_file_too_large(struct ingest_run *r, const char *source,
                                unsigned long long size)
{
    ingest_fail(r, ERR_TOOBIG, source, "file too large: %llu bytes (limit %zu)", size, r->max);
}

/* Reads one open non-directory input (fd is closed here). */
static void ingest_fd(struct ingest_run *r, const char *source, int fd,
                      const struct stat *st, enum kind kind)
{
    char *data = NULL;
    size_t n = 0;
    if (kind == KIND_JSONL) {
        jsonl_read_fd(r, source, fd);
        goto out;
    }
    if (st && S_ISREG(st->st_mode) && (unsigned long long)st->st_size > r->max) {
        fail_file_too_large(r, source, (unsigned long long)st->st_size);
        goto out;
    }
    size_t expect = st && S_ISREG(st->st_mode) ? (size_t)st->st_size : 0;
    int e = read_all(fd, r->max, expect, &data, &n);
    if (e) {
        ingest_fail(r, ERR_IO, source, "%s", strerror(e));
        goto out;
    }
    if (n > r->max) {
        ingest_fail(r, ERR_TOOBIG, source,
                    "%s too large: more than %zu bytes (limit %zu)",
                    st && S_ISREG(st->st_mode) ? "file" : "input", r->max, r->max);
        goto out;
    }
    ingest_bytes(r, kind, source, data, n);
out:
    free(data);
    close(fd);
}

/* The error code of an errno value from open() or stat(). */
static int errno_code(int e)
{
    return e == ENOENT || e == ENOTDIR ? ERR_NOTFOUND : ERR_IO;
}

static void ingest_dir(struct ingest_run *r, const char *path, int fd, int depth);

/* Reads what fd (opened from path) holds: a directory or a file. With
 * explicit (named by the user), unknown extensions are read as text. */
static void ingest_open(struct ingest_run *r, const char *path, int fd,
                        int depth, bool explicit)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        ingest_fail(r, ERR_IO, path, "%s", strerror(errno));
        close(fd);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        ingest_dir(r, path, fd, depth);
        return;
    }
    enum kind kind = kind_of(path);
    if (kind == KIND_UNKNOWN) {
        if (!explicit) {
            close(fd);
            return;
        }
        kind = KIND_TEXT;
    }
    ingest_fd(r, path, fd, &st, kind);
}

/* Reads a plain-text or HTML file that readdir() called regular (fd is
 * closed here) without stat'ing it: one read() into buf (READ_CHUNK
 * bytes, the caller's, reused from file to file), where a read that falls
 * short ends the file, as read_all() has it for any regular file. Its
 * size is then the bytes read, so the checks and messages are those of
 * ingest_fd(). A file that fills buf, or whose read fails, is rewound and
 * handed to ingest_open(), which stats it and reads it as before. */
static void ingest_regular(struct ingest_run *r, const char *path, int fd, int depth,
                           enum kind kind, char *buf)
{
    ssize_t got;
    do
        got = read(fd, buf, READ_CHUNK);
    while (got < 0 && errno == EINTR);
    if (got < 0 || got == READ_CHUNK) {
        if (lseek(fd, 0, SEEK_SET) != 0) {
            ingest_fail(r, ERR_IO, path, "%s", strerror(errno));
            close(fd);
            return;
        }
        ingest_open(r, path, fd, depth, false);
        return;
    }
    size_t n = (size_t)got;
    if (n > r->max)
        fail_file_too_large(r, path, n);
    else
        ingest_bytes(r, kind, path, buf, n);
    close(fd);
}

/* One name read from a directory, with the type readdir() gave for it
 * (DT_UNKNOWN when the file system does not tell). */
struct dir_entry {
    char *name;
    unsigned char type;
};

/* Orders directory entries bytewise by name for qsort. */
static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const struct dir_entry *)a)->name,
                  ((const struct dir_entry *)b)->name);
}

/* Reads a directory (fd is taken over): its entries in name order, skipping
 * dot-files, unknown extensions, special files and symbolic links to
 * directories (so that link loops cannot recur). An entry whose type
 * readdir() already tells (a regular file or a directory) is not stat'ed. */
static void ingest_dir(struct ingest_run *r, const char *path, int fd, int depth)
{
    struct dir_entry *ents = NULL;
    size_t n = 0, cap = 0;
    struct buf child;
    buf_init(&child, MAX_PATH_LEN);
    DIR *dir = NULL;
    char *file_buf = NULL; /* for ingest_regular(), allocated at its first file */

    if (depth > MAX_DIR_DEPTH) {
        ingest_fail(r, ERR_TOOBIG, path, "directories nested deeper than %d levels",
                    MAX_DIR_DEPTH);
        close(fd);
        goto out;
    }
    dir = fdopendir(fd);
    if (!dir) {
        ingest_fail(r, ERR_IO, path, "%s", strerror(errno));
        close(fd);
        goto out;
    }
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(dir);
        if (!e) {
            if (errno)
                ingest_fail(r, ERR_IO, path, "%s", strerror(errno));
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        if (n == MAX_DIR_ENTRIES) {
            ingest_fail(r, ERR_TOOBIG, path, "more than %d entries; the rest skipped",
                        MAX_DIR_ENTRIES);
            break;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            ents = xrealloc(ents, cap * sizeof *ents);
        }
        ents[n].name = xstrdup(e->d_name);
        ents[n].type = e->d_type;
        n++;
    }
    if (n > 1)
        qsort(ents, n, sizeof *ents, cmp_entries);

    size_t plen = strlen(path);
    for (size_t i = 0; i < n && !r->stop; i++) {
        const char *name = ents[i].name;
        buf_reset(&child);
        if (buf_append(&child, path, plen) ||
            ((plen == 0 || path[plen - 1] != '/') && buf_putc(&child, '/')) ||
            buf_puts(&child, name)) {
            ingest_fail(r, ERR_TOOBIG, path, "path too long: %s", name);
            continue;
        }
        bool is_dir = ents[i].type == DT_DIR;
        bool is_reg = ents[i].type == DT_REG;
        bool told_reg = is_reg; /* by readdir(): no stat needed */
        if (!is_dir && !is_reg) { /* a link, a special file or untold */
            struct stat st;
            if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                ingest_fail(r, errno_code(errno), child.data, "%s", strerror(errno));
                continue;
            }
            if (S_ISLNK(st.st_mode)) {
                if (fstatat(dirfd(dir), name, &st, 0) != 0) {
                    ingest_fail(r, errno_code(errno), child.data, "%s", strerror(errno));
                    continue;
                }
                if (S_ISDIR(st.st_mode))
                    continue;
            }
            is_dir = S_ISDIR(st.st_mode);
            is_reg = S_ISREG(st.st_mode);
        }
        if (!is_dir && !(is_reg && kind_of(name)))
            continue;
        int cfd = openat(dirfd(dir), name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (cfd < 0) {
            ingest_fail(r, errno_code(errno), child.data, "%s", strerror(errno));
            continue;
        }
        enum kind kind = told_reg ? kind_of(name) : KIND_UNKNOWN;
        if (kind == KIND_TEXT || kind == KIND_HTML) {
            if (!file_buf)
                file_buf = xmalloc(READ_CHUNK);
            ingest_regular(r, child.data, cfd, depth + 1, kind, file_buf);
        } else {
            ingest_open(r, child.data, cfd, depth + 1, false);
        }
    }
out:
    free(file_buf);
    if (dir)
        closedir(dir);
    for (size_t i = 0; i < n; i++)
        free(ents[i].name);
    free(ents);
    buf_free(&child);
}

/* ---- the interface ------------------------------------------------------ */

/* Fills a run from the options and sink. */
static void run_init(struct ingest_run *r, const struct ingest_opts *opts,
                     const struct ingest_sink *sink)
{
    r->max = opts && opts->max_doc_size ? opts->max_doc_size : INGEST_DEFAULT_MAX_DOC;
    if (r->max > SIZE_MAX / 4)
        r->max = SIZE_MAX / 4; /* room for limit + 1 and for U+FFFD growth */
    r->sink = sink;
    r->first_err = ERR_OK;
    r->stop = false;
}

int ingest_path(const char *path, const struct ingest_opts *opts,
                const struct ingest_sink *sink)
{
    struct ingest_run r;
    run_init(&r, opts, sink);
    if (!path || !*path) {
        ingest_fail(&r, ERR_NOTFOUND, "", "%s", strerror(ENOENT));
        return r.first_err;
    }
    if (strcmp(path, "-") == 0) {
        struct stat st;
        bool have = fstat(STDIN_FILENO, &st) == 0;
        int fd = dup(STDIN_FILENO);
        if (fd < 0) {
            ingest_fail(&r, ERR_IO, "-", "%s", strerror(errno));
            return r.first_err;
        }
        ingest_fd(&r, "-", fd, have ? &st : NULL, KIND_TEXT);
        return r.first_err;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        ingest_fail(&r, errno_code(errno), path, "%s", strerror(errno));
        return r.first_err;
    }
    ingest_open(&r, path, fd, 0, true);
    return r.first_err;
}

int ingest_memory(const char *name, const char *data, size_t len,
                  const struct ingest_opts *opts, const struct ingest_sink *sink)
{
    struct ingest_run r;
    run_init(&r, opts, sink);
    if (!name)
        name = "-";
    enum kind kind = strcmp(name, "-") == 0 ? KIND_TEXT : kind_of(name);
    if (kind == KIND_UNKNOWN)
        kind = KIND_TEXT;
    ingest_bytes(&r, kind, name, data ? data : "", data ? len : 0);
    return r.first_err;
}
