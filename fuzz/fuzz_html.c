/* fuzz_html.c - libFuzzer target: HTML main-text extraction (libxml2 tree walks, JSON-LD, meta). */
#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest("fuzz.html", data, size, fuzz_free_doc);
    return 0;
}
