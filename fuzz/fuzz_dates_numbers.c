/* fuzz_dates_numbers.c - libFuzzer target: number and date readers at every
 * token of arbitrary bytes (the tokeniser copes with invalid UTF-8). */
#include <stddef.h>
#include <stdint.h>

#include "extract/date.h"
#include "extract/num.h"
#include "text/tok.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct tokens tk = {0};
    struct date ref = {2020, 2, 29, DATE_DAY}, out;
    tok_run(&tk, text, size);
    for (size_t i = 0; i < tk.n; i++) {
        struct num n;
        size_t at, end;
        num_parse(&tk, text, i, tk.n, &n);
        num_qualifier(&tk, i, tk.n);
        if (date_find(&tk, text, i, tk.n, &ref, &out, &at, &end)) {
            char s[11];
            date_format(&out, s);
        }
    }
    tok_free(&tk);
    return 0;
}
