/* ingest_int.h - what the files of src/ingest/ share and nobody else sees.
 *
 * ingest.c owns the run (limits, sink, first error) and the byte checks;
 * ingest_text.c the plain-text conventions (title, dateline, dates);
 * html.c and jsonl.c the two structured formats. Strings returned here are
 * allocated with the x*() wrappers and freed by the caller with free(). */
#ifndef SITREP_INGEST_INT_H
#define SITREP_INGEST_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest.h"

/* Byte classes (a table, not <ctype.h>: no locale, no sign traps). */
enum {
    IC_SPACE = 1,  /* space \t \n \v \f \r */
    IC_DIGIT = 2,  /* 0-9 */
    IC_UPPER = 4,  /* A-Z */
    IC_LOWER = 8,  /* a-z */
    IC_CTRL = 16,  /* control bytes that mark binary data (not \t\n\r\f) */
};
extern const unsigned char ingest_ctype[256];
#define IC(c, cls) (ingest_ctype[(unsigned char)(c)] & (cls))
#define IC_ALPHA (IC_UPPER | IC_LOWER)

/* ASCII lower case of one byte; other bytes unchanged. */
static inline char ic_lower(char c)
{
    return IC(c, IC_UPPER) ? (char)(c + ('a' - 'A')) : c;
}

/* One call of ingest_path() or ingest_memory(): its limit, its sink, the
 * first error met and whether the callback asked to stop. */
struct ingest_run {
    size_t max;                      /* bytes per document */
    const struct ingest_sink *sink;
    int first_err;                   /* ERR_OK until something fails */
    bool stop;                       /* the document callback said stop */
};

/* Reports an error for source and remembers code if it is the first. */
void ingest_fail(struct ingest_run *r, int code, const char *source,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Reports a warning for source. */
void ingest_warn(struct ingest_run *r, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Hands d to the sink (which owns it from then on). */
void ingest_emit(struct ingest_run *r, struct doc *d);

/* A new empty document with copies of id and source. */
struct doc *ingest_doc_new(const char *id, const char *source);

/* A NUL-terminated copy of s[0..n) in which every maximal invalid UTF-8
 * subpart is replaced by U+FFFD; *out_len gets its length and *repaired is
 * increased by the number of replacements. */
char *ingest_utf8_repair(const char *s, size_t n, size_t *out_len, int *repaired);

/* Number of bytes of s[0..n) that mark binary data (IC_CTRL). */
size_t ingest_count_ctrl(const char *s, size_t n);
/* True when s[0..n) holds more than ~10% control bytes. */
bool ingest_mostly_ctrl(const char *s, size_t n);

/* True for a real calendar date (years 1000-9999). */
bool ingest_date_valid(int y, int m, int d);
/* Reads a leading "YYYY-MM-DD" (or YYYY/MM/DD) from s[0..n), after spaces,
 * that may be followed by a time ("T12:00Z", " 12:00"); writes the date as
 * YYYY-MM-DD to out. Returns false when there is no valid date. */
bool ingest_norm_date(const char *s, size_t n, char out[11]);

/* Parses an optional dateline at d->text + start and sets d->body,
 * d->dateline_place and (when unset) d->published. */
void ingest_parse_body(struct doc *d, size_t start);

/* html.c: fills d (text "TITLE\n\nBODY", title, published, body,
 * dateline_place, repaired) from an HTML page. Returns ERR_OK, or an error
 * code with a message in err. */
int html_to_doc(const char *data, size_t len, size_t limit, struct doc *d,
                char *err, size_t errlen);

/* jsonl.c: reads JSON lines from memory or from an open descriptor (which
 * is not closed); name is the source used in documents and reports. */
void jsonl_read_memory(struct ingest_run *r, const char *name,
                       const char *data, size_t len);
void jsonl_read_fd(struct ingest_run *r, const char *name, int fd);

#endif
