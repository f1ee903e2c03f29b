/* fuzz_ingest_text.c - libFuzzer target: plain text: title and dateline parsing, UTF-8 repair, refusals. */
#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest("fuzz.txt", data, size, fuzz_free_doc);
    return 0;
}
