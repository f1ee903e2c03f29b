/* num.h - numbers written in digits or words, over tokens.
 *
 * "15", "1,200", "1.5 million", "twenty-three", "a dozen", "two hundred",
 * "three thousand". Vague amounts ("dozens", "hundreds", "scores") are
 * recognised as numbers without a value, so that callers leave the count
 * unknown rather than picking up a later figure. */
#ifndef SITREP_NUM_H
#define SITREP_NUM_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/tok.h"

struct num {
    double value;   /* valid when !vague */
    bool vague;     /* "dozens", "hundreds" */
    size_t first;   /* token range [first, last) */
    size_t last;
};

/* Parses a number starting at token i (not before limit); returns true
 * and fills n when there is one. */
bool num_parse(const struct tokens *tk, const char *text, size_t i, size_t limit,
               struct num *n);

/* Is token i a qualifier that may precede a number ("at least", "more
 * than", "nearly", "some", "about", "up to", "over", "around")? Returns
 * the number of tokens it spans, or 0. */
size_t num_qualifier(const struct tokens *tk, size_t i, size_t limit);

#endif
