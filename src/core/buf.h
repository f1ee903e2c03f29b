/* buf.h - growable byte buffers with a size limit.
 *
 * A buffer owns its bytes; buf_free() releases them. The data is always
 * NUL-terminated (after buf_init) so it can be used as a C string. Every
 * buffer has a limit (0 = no limit): an append that would pass it fails
 * with ERR_TOOBIG and leaves the buffer unchanged (after curl's dynbuf). */
#ifndef SITREP_BUF_H
#define SITREP_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t limit; /* maximum len; 0 means unlimited */
};

void buf_init(struct buf *b, size_t limit);
void buf_free(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps the memory */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Makes room for n more bytes and returns where they go (NULL when the
 * limit forbids them): the caller writes at most n bytes there, then adds
 * them with buf_commit(). For writers that fill a buffer byte by byte. */
char *buf_space(struct buf *b, size_t n);
/* Adds the n bytes written at buf_space() to the buffer. */
void buf_commit(struct buf *b, size_t n);
/* Hands the bytes to the caller (who frees them) and re-initialises b. */
char *buf_detach(struct buf *b);

#endif
