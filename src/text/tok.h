/* tok.h - splitting text into tokens and sentences.
 *
 * A leaf module (system headers, utf8proc and core/ only) so that the
 * dictionary compiler, the tests and the fuzzers can use it alone.
 *
 * Words are runs of letters and digits (any non-ASCII letter counts);
 * hyphens and other punctuation separate words, so "al-Qaeda" is two
 * tokens; an apostrophe inside a word stays in it ("Shi'ite"), except the
 * possessive "'s", which is dropped. Numbers keep their separators
 * ("1,200", "1.5"). Each token has a normalised form: case-folded, accents
 * removed, apostrophes dropped ("Da'esh" and "DAESH" both give "daesh").
 * The dictionaries are normalised the same way (tok_normalize()). */
#ifndef SITREP_TOK_H
#define SITREP_TOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../core/buf.h"

enum tok_kind { TOK_WORD, TOK_NUM, TOK_PUNCT };

enum tok_flag {
    TOK_CAP = 1,      /* starts with an upper-case letter */
    TOK_ALLCAP = 2,   /* two or more letters, all upper case */
    TOK_PARA = 4,     /* first token after a blank line (a new paragraph) */
    TOK_LINE = 8,     /* first token on its line */
};

struct tok {
    uint32_t start, end; /* byte offsets in the text */
    uint32_t norm;       /* offset of the normalised form in tokens.norm */
    uint32_t hash;       /* tok_hash() of the whole normalised form */
    uint16_t norm_len;
    uint8_t kind;
    uint8_t flags;
};

struct sent {
    uint32_t first, last; /* token range [first, last) */
    uint32_t start, end;  /* byte range of the sentence in the text */
    uint32_t para;        /* paragraph number */
};

struct tokens {
    struct tok *t;
    size_t n, cap;
    struct buf norm;      /* normalised forms, each NUL-terminated */
    struct sent *s;
    size_t ns, scap;
    bool caseless;        /* all lower or all upper case: capitals say nothing */
};

#define TOK_HASH_INIT 2166136261u

/* FNV-1a, continued from h over s[0..n). A token's hash is this from
 * TOK_HASH_INIT over its normalised form: the lexicon's hash (lex_hash(),
 * lex_blob.h) and the extractor's word lists use it, so each token is
 * hashed once, by the tokeniser. */
static inline uint32_t tok_hash_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Does token i look capitalised, or is the document without case? */
static inline bool tok_cap(const struct tokens *tk, size_t i)
{
    return tk->caseless || (tk->t[i].flags & TOK_CAP);
}

#define TOK_MAX_TOKENS (4u << 20) /* tokens per document */

/* Tokenises text[0..len) and splits it into sentences; tk is reset first.
 * Returns ERR_OK or ERR_TOOBIG when the document has too many tokens (the
 * first TOK_MAX_TOKENS are kept). */
int tok_run(struct tokens *tk, const char *text, size_t len);
void tok_free(struct tokens *tk);

/* The normalised form of token i (NUL-terminated). */
static inline const char *tok_norm(const struct tokens *tk, size_t i)
{
    return tk->norm.data + tk->t[i].norm;
}

/* Normalises a phrase as the tokeniser would: normalised tokens joined by
 * one space, punctuation dropped. Appends to out. */
void tok_normalize(struct buf *out, const char *s, size_t n);

/* True when token i's normalised form equals word. Inline: the
 * extractor asks this of nearly every token. The word is nearly always a
 * literal, so its length is known at compile time and the comparison is a
 * length check and a few inlined loads, not a call. (A form longer than
 * norm_len can hold has norm_len 0xFFFF and so never equals a shorter
 * word, just as strcmp() would say.) */
static inline bool tok_is(const struct tokens *tk, size_t i, const char *word)
{
    if (i >= tk->n)
        return false;
    const char *n = tk->norm.data + tk->t[i].norm;
    if (n[0] != word[0])
        return false; /* settles most calls */
    size_t len = strlen(word);
    return tk->t[i].norm_len == len && memcmp(n, word, len) == 0;
}

#endif
