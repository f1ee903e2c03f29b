/* fuzz_html.c - libFuzzer target: HTML main-text extraction (libxml2 tree walks, JSON-LD, meta). */
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest.h"

/* Frees each document (the sink owns them). */
static int on_doc(void *ctx, struct doc *d)
{
    (void)ctx;
    doc_free(d);
    return 0;
}

/* Ignores reports. */
static void on_report(void *ctx, enum ingest_level level, const char *source, const char *msg)
{
    (void)ctx, (void)level, (void)source, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ingest_opts opts = {1u << 20};
    struct ingest_sink sink = {on_doc, on_report, NULL};
    ingest_memory("fuzz.html", (const char *)data, size, &opts, &sink);
    return 0;
}
