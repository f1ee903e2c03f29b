/* fuzz_sink.h - the ingest sink the libFuzzer targets share: documents are
 * freed (or handed to a per-target check), reports ignored. */
#ifndef SITREP_FUZZ_SINK_H
#define SITREP_FUZZ_SINK_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest.h"

/* Frees each document (the sink owns them). */
static int fuzz_free_doc(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_free(d);
    return 0;
}

/* Ignores reports. */
static void fuzz_ignore(void *ctx, enum ingest_level level, const char *source,
                        const char *msg)
{
    (void)ctx, (void)level, (void)source, (void)msg;
}

/* Reads data as a file called name would be read, with a 1 MiB limit. */
static void fuzz_ingest(const char *name, const uint8_t *data, size_t size,
                        ingest_doc_fn on_doc)
{
    struct ingest_opts opts = {1u << 20};
    struct ingest_sink sink = {on_doc, fuzz_ignore, NULL};
    ingest_memory(name, (const char *)data, size, &opts, &sink);
}

#endif
