/* jsonw.h - a small streaming JSON writer over a struct buf.
 *
 * Output is built in order, without a tree: callers open objects and
 * arrays, write keys and values, and the writer places the commas. Strings
 * are escaped as RFC 8259 requires; invalid UTF-8 must be repaired before
 * (the ingest layer guarantees it for document text). Nesting is limited
 * to JW_MAX_DEPTH. */
#ifndef SITREP_JSONW_H
#define SITREP_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define JW_MAX_DEPTH 32

struct jw {
    struct buf *out;
    int depth;
    bool first[JW_MAX_DEPTH]; /* no value written yet at this depth */
    bool after_key;           /* a key was written, its value comes next */
};

void jw_init(struct jw *w, struct buf *out);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);            /* NULL writes null */
void jw_strn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, long long v);
void jw_double(struct jw *w, double v);              /* non-finite writes null */
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
void jw_count(struct jw *w, long long v);            /* a count: negative (unknown) writes null */
/* Writes n bytes of JSON the caller vouches for as one value. */
void jw_raw(struct jw *w, const char *json, size_t n);
/* Escapes s (n bytes) as the inside of a JSON string and appends it. */
void jw_escape(struct buf *out, const char *s, size_t n);

#endif
