/* alloc.h - the one allocation wrapper and its out-of-memory policy.
 *
 * sitrep is a program, not a library: when memory runs out it prints one
 * clear line and aborts (as redis' zmalloc does). Every x*() function
 * returns memory the caller frees with free(). */
#ifndef SITREP_ALLOC_H
#define SITREP_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);           /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n); /* copies at most n bytes, adds NUL */

#endif
