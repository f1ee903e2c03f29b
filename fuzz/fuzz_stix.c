/* fuzz_stix.c - libFuzzer target: STIX 2.1 bundles from partners
 * (stix_read()): parsing, per-object checks and problem reports. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "share/stix_read.h"

static int take(void *ctx, const struct stix_object *o)
{
    size_t *n = ctx;
    *n += strlen(o->json) + strlen(o->id) + strlen(o->type) + strlen(o->version);
    return 0;
}

static void problem(void *ctx, size_t index, const char *id, const char *message)
{
    size_t *n = ctx;
    *n += index + strlen(message) + (id ? strlen(id) : 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n = 0;
    stix_read((const char *)data, size, take, problem, &n, NULL);
    return 0;
}
