/* fuzz_extract.c - libFuzzer target: the whole extractor on arbitrary
 * bytes read as a plain-text article (tokens, dictionary matches, numbers,
 * dates, money, event frames), and the JSON form of every event. */
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "extract/ev.h"
#include "fuzz_sink.h"

static int on_doc(void *ctx, struct doc *d)
{
    (void)ctx;
    struct event_list events = {0};
    struct buf out;
    buf_init(&out, 0);
    ev_extract(d, &events);
    for (size_t i = 0; i < events.n; i++)
        event_write_json(&out, &events.v[i]);
    buf_free(&out);
    event_list_free(&events);
    doc_free(d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ingest("fuzz.txt", data, size, on_doc);
    return 0;
}
