/* num.c - numbers in digits and words (see num.h). */
#include "num.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* String equality, compared inline byte by byte: most calls differ in
 * the first byte or two, sooner than a call to strcmp() returns. */
static inline int eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

struct word { const char *w; int v; };

static const struct word units[] = {
    {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4},
    {"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9},
    {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
    {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
    {"eighty", 80}, {"ninety", 90}, {NULL, 0}};

static const char *const vague[] = {
    "dozens", "hundreds", "thousands", "scores", "several", "many",
    "numerous", "tens", "millions", NULL};

/* The words a number written in words can open with: the vague amounts,
 * "a" and "one" ("a dozen", "a hundred"), "both", "dozen" and the units.
 * A set of bits of their hashes (tok_hash_more()) tells num_parse() at
 * once that most words open no number; a word whose bit is set is then
 * read as before, so the set never changes an answer. */
#define OPENER_BITS 1024
static uint64_t opener_bits[OPENER_BITS / 64];
static pthread_once_t openers_once = PTHREAD_ONCE_INIT;

/* The bit of opener_bits that a word of hash h stands for. */
static uint32_t opener_bit(uint32_t h)
{
    return (h * 0x9E3779B1u) >> 22; /* 32 - log2(OPENER_BITS) */
}

/* Sets the bit of every word that can open a number. */
static void index_openers(void)
{
    static const char *const others[] = {"a", "one", "both", "dozen", NULL};
    const char *const *lists[] = {vague, others};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (size_t k = 0; lists[l][k]; k++) {
            const char *w = lists[l][k];
            uint32_t bit = opener_bit(tok_hash_more(TOK_HASH_INIT, w, strlen(w)));
            opener_bits[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    for (size_t k = 0; units[k].w; k++) {
        const char *w = units[k].w;
        uint32_t bit = opener_bit(tok_hash_more(TOK_HASH_INIT, w, strlen(w)));
        opener_bits[bit / 64] |= (uint64_t)1 << (bit % 64);
    }
}

/* Can token i (a word) open a number written in words? False for most. */
static bool may_open_number(const struct tokens *tk, size_t i)
{
    pthread_once(&openers_once, index_openers);
    uint32_t bit = opener_bit(tk->t[i].hash);
    return opener_bits[bit / 64] >> (bit % 64) & 1;
}

static int word_value(const char *w)
{
    for (int i = 0; units[i].w; i++)
        if (eq(w, units[i].w))
            return units[i].v;
    return -1;
}

static double scale_of(const char *w)
{
    if (eq(w, "hundred")) return 100;
    if (eq(w, "thousand")) return 1e3;
    if (eq(w, "million") || eq(w, "m") || eq(w, "mn"))
        return 1e6;
    if (eq(w, "billion") || eq(w, "bn")) return 1e9;
    return 0;
}

/* Skips hyphen tokens between number words ("twenty-three"). */
static size_t skip_hyphen(const struct tokens *tk, size_t i, size_t limit)
{
    if (i < limit && tk->t[i].kind == TOK_PUNCT && tok_is(tk, i, "-"))
        return i + 1;
    return i;
}

/* Parses a run of digits with separators, and a unit suffix ("1.5m"). */
static bool parse_digits(const char *s, size_t n, double *out, double *suffix_scale)
{
    char tmp[64];
    size_t k = 0;
    size_t i = 0;
    for (; i < n && k + 1 < sizeof tmp; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9')
            tmp[k++] = c;
        else if (c == '.')
            tmp[k++] = '.';
        else if (c == ',')
            continue;
        else
            break;
    }
    if (k == 0 || k > 15) /* more than 15 digits: not a count we believe */
        return false;
    tmp[k] = '\0';
    *suffix_scale = 1;
    if (i < n) {
        char rest[8];
        size_t r = n - i < sizeof rest - 1 ? n - i : sizeof rest - 1;
        for (size_t j = 0; j < r; j++)
            rest[j] = (char)(s[i + j] | 0x20);
        rest[r] = '\0';
        double sc = scale_of(rest);
        if (sc == 0 && eq(rest, "k"))
            sc = 1e3;
        if (sc == 0)
            return false;
        *suffix_scale = sc;
    }
    *out = strtod(tmp, NULL);
    return true;
}

bool num_parse(const struct tokens *tk, const char *text, size_t i, size_t limit,
               struct num *n)
{
    if (i >= limit || tk->t[i].kind == TOK_PUNCT)
        return false;
    const char *w = tok_norm(tk, i);
    memset(n, 0, sizeof *n);
    n->first = i;
    if (tk->t[i].kind == TOK_WORD && !(w[0] >= '0' && w[0] <= '9') && !may_open_number(tk, i))
        return false;
    for (int v = 0; vague[v]; v++)
        if (eq(w, vague[v])) {
            n->vague = true;
            n->last = i + 1;
            return true;
        }
    /* "a dozen", "a hundred" */
    if ((eq(w, "a") || eq(w, "one")) && i + 1 < limit) {
        const char *nx = tok_norm(tk, i + 1);
        if (eq(nx, "dozen")) {
            n->value = 12;
            n->last = i + 2;
            return true;
        }
        double sc = scale_of(nx);
        if (eq(w, "a") && sc >= 100) {
            n->value = sc;
            n->last = i + 2;
            /* "a hundred and ten" (not "a hundred and a ...": no recursion
             * as deep as the input is long) */
            struct num rest;
            if (i + 3 < limit && eq(tok_norm(tk, i + 2), "and") &&
                tk->t[i + 3].kind == TOK_WORD && !eq(tok_norm(tk, i + 3), "a") &&
                num_parse(tk, text, i + 3, limit, &rest) && !rest.vague && rest.value < sc) {
                n->value += rest.value;
                n->last = rest.last;
            }
            return true;
        }
    }
    /* "both attackers": two; "both of them" is left to the caller */
    if (eq(w, "both") && i + 1 < limit && tk->t[i + 1].kind == TOK_WORD &&
        !eq(tok_norm(tk, i + 1), "of")) {
        n->value = 2;
        n->last = i + 1;
        return true;
    }
    if (eq(w, "dozen")) {
        n->value = 12;
        n->last = i + 1;
        return true;
    }
    double total = 0, group = 0;
    size_t j = i;
    bool any = false;
    if (tk->t[i].kind == TOK_NUM || (w[0] >= '0' && w[0] <= '9')) {
        double sc;
        if (!parse_digits(text + tk->t[i].start, tk->t[i].end - tk->t[i].start,
                          &group, &sc))
            return false;
        group *= sc;
        j = i + 1;
        any = true;
    } else {
        /* words: "two hundred and fifty", "twenty-three" */
        while (j < limit) {
            const char *x = tok_norm(tk, j);
            int v = word_value(x);
            if (v >= 0) {
                group += v;
                j++;
                any = true;
                size_t h = skip_hyphen(tk, j, limit);
                if (h != j && h < limit && word_value(tok_norm(tk, h)) > 0 &&
                    word_value(tok_norm(tk, h)) < 10)
                    j = h;
                continue;
            }
            if (any && eq(x, "and") && j + 1 < limit &&
                word_value(tok_norm(tk, j + 1)) > 0) {
                j++;
                continue;
            }
            break;
        }
        if (!any)
            return false;
    }
    /* scales: "hundred", "thousand", "million" */
    while (j < limit) {
        double sc = scale_of(tok_norm(tk, j));
        if (sc == 0 || tk->t[j].kind != TOK_WORD || strlen(tok_norm(tk, j)) < 4) {
            /* "m" and "bn" only count when glued ("1.5m" handled above) */
            if (!(sc != 0 && tk->t[j].start == tk->t[j - 1].end))
                break;
        }
        if (sc == 100) {
            group *= 100;
        } else {
            total += group * sc;
            group = 0;
        }
        j++;
        size_t k = j;
        if (k < limit && tok_is(tk, k, "and"))
            k++;
        if (k < limit) {
            int v = word_value(tok_norm(tk, k));
            if (v > 0) {
                group += v;
                j = k + 1;
                size_t h = skip_hyphen(tk, j, limit);
                if (h != j && h < limit && word_value(tok_norm(tk, h)) > 0 &&
                    word_value(tok_norm(tk, h)) < 10) {
                    group += word_value(tok_norm(tk, h));
                    j = h + 1;
                }
            }
        }
    }
    n->value = total + group;
    n->last = j;
    return true;
}

size_t num_qualifier(const struct tokens *tk, size_t i, size_t limit)
{
    static const char *const two[][2] = {
        {"at", "least"}, {"more", "than"}, {"less", "than"}, {"fewer", "than"},
        {"up", "to"}, {"as", "many"}, {"no", "fewer"}, {"close", "to"},
        {"in", "excess"}, {NULL, NULL}};
    static const char *const one[] = {
        "nearly", "almost", "about", "around", "some", "approximately",
        "roughly", "over", "another", "estimated", "least", "only", "all",
        "the", "a", "total", "of", "those", "between", NULL};
    if (i >= limit)
        return 0;
    for (int k = 0; two[k][0]; k++)
        if (i + 1 < limit && tok_is(tk, i, two[k][0]) && tok_is(tk, i + 1, two[k][1])) {
            size_t n = 2;
            if (i + 2 < limit && (tok_is(tk, i + 2, "as") || tok_is(tk, i + 2, "of")))
                n++;
            return n;
        }
    for (int k = 0; one[k]; k++)
        if (tok_is(tk, i, one[k]))
            return 1;
    return 0;
}
