/* ingest.h - reading sources into documents.
 *
 * A source is a file (.txt/.text, .html/.htm/.xhtml, .jsonl/.ndjson; the
 * extension in any case; a file named explicitly with another extension is
 * read as plain text), a directory (recursed in bytewise name order, at
 * most 32 levels deep, skipping dot-files, other extensions, special files
 * and symbolic links to directories), or "-" (one plain-text document read
 * from stdin). Each document found is handed to a callback; each problem
 * is reported through another, naming the source (and line for JSON
 * lines), and the remaining documents are still read. Inputs that are
 * empty, binary (a NUL byte, or more than 10% control bytes other than
 * \t \n \r \f) or larger than max_doc_size are refused; invalid UTF-8 is
 * replaced with U+FFFD and reported as a warning.
 *
 * Ownership: the callback receives a struct doc it owns and must release
 * with doc_free(). Nothing here prints or exits. */
#ifndef SITREP_INGEST_H
#define SITREP_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#define INGEST_DEFAULT_MAX_DOC (8u << 20) /* 8 MiB */
#define INGEST_MAX_LINE (16u << 20)       /* longest JSON line read */

struct doc {
    char *id;        /* file base name without extension; JSON line "id" */
    char *source;    /* where it came from: a path, "path:LINE" or "-" */
    char *title;     /* NULL when none */
    char *url;       /* NULL when none */
    char *published; /* ISO 8601 date (YYYY-MM-DD) or NULL */
    char *dateline_place; /* the dateline's city as written, or NULL */
    char *text;      /* valid UTF-8, NUL-terminated; evidence offsets index it */
    size_t len;      /* bytes in text */
    size_t body;     /* offset of the body in text (after title and dateline) */
    int repaired;    /* invalid UTF-8 sequences replaced with U+FFFD */
    int tlp;         /* its TLP level (enum tlp, core/tlp.h): 0, clear, unless set */
    const char *share_with; /* TLP:RED: the users named ("a,b"), or NULL; not owned */
};

enum ingest_level { INGEST_WARNING, INGEST_ERROR };

struct ingest_opts {
    size_t max_doc_size; /* 0 means INGEST_DEFAULT_MAX_DOC */
};

/* Receives a document; returns 0 to go on, non-zero to stop reading. */
typedef int (*ingest_doc_fn)(void *ctx, struct doc *d);
/* Receives a problem: source names the input ("file.jsonl:12" for a line). */
typedef void (*ingest_report_fn)(void *ctx, enum ingest_level level,
                                 const char *source, const char *message);

struct ingest_sink {
    ingest_doc_fn doc;
    ingest_report_fn report;
    void *ctx;
};

/* Reads a path ("-" for stdin). Returns ERR_OK when every input was read,
 * otherwise the code of the first failure (each failure was reported). */
int ingest_path(const char *path, const struct ingest_opts *opts,
                const struct ingest_sink *sink);

/* Parses one document from memory, as a file of the given name would be
 * read (the extension picks the format; "-" or no extension means plain
 * text). For .jsonl, every line is a document. Used by tests and fuzzers. */
int ingest_memory(const char *name, const char *data, size_t len,
                  const struct ingest_opts *opts, const struct ingest_sink *sink);

/* Fills title, published, dateline_place and body of d from d->text
 * (plain-text conventions: a first line followed by a blank line is the
 * title; "CITY, Month D, YYYY (Agency) —" is a dateline). Fields already
 * set are kept. */
void ingest_parse_text(struct doc *d);

void doc_free(struct doc *d); /* frees the fields and d itself; NULL is ok */

#endif
