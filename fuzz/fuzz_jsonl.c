/* fuzz_jsonl.c - libFuzzer target: JSON lines: per-line parsing and error reporting. */
#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest("fuzz.jsonl", data, size, fuzz_free_doc);
    return 0;
}
