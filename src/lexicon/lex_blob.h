/* lex_blob.h - the layout of the compiled lexicon image.
 *
 * tools/lexgen.c writes the places, the phrases and the hash table of
 * every phrase and phrase prefix as one binary image, which the build
 * embeds in the program (an assembler .incbin); lex.c reads it in place.
 * The image holds offsets, never pointers, so nothing in it needs
 * relocating. It is written and read on the same machine, in native byte
 * order. Every string is NUL-terminated in the string pool; LEX_BLOB_NONE
 * stands for a missing one. */
#ifndef SITREP_LEX_BLOB_H
#define SITREP_LEX_BLOB_H

#include <stddef.h>
#include <stdint.h>

#define LEX_BLOB_MAGIC 0x5845584cu /* "LEXX" */
#define LEX_BLOB_VERSION 2u
#define LEX_BLOB_NONE 0xffffffffu

/* Place kinds, in the order of lex_place_kinds[] (lex.h). */
enum lex_place_kind { PK_CITY, PK_TOWN, PK_DISTRICT, PK_PROVINCE, PK_REGION, PK__COUNT };

struct lex_blob_head {
    uint32_t magic, version;
    uint32_t size;                 /* bytes in the image */
    uint32_t n_places, n_phrases;
    uint32_t n_slots;              /* a power of two */
    uint32_t max_tokens;           /* words in the longest phrase */
    uint32_t places, phrases, slots, strings; /* offsets of the tables */
    uint32_t filter;               /* offset of a bit set of the keys and prefixes */
    uint32_t filter_shift;         /* 32 - log2(its bits): see lex_filter_bit() */
};

struct lex_blob_place {
    uint32_t name, country, admin1; /* string offsets (country, admin1: or NONE) */
    int32_t lat, lon;               /* degrees * 1e5 */
    uint32_t population;
    uint32_t kind;                  /* enum lex_place_kind */
};

struct lex_blob_phrase {
    uint32_t key, exact;  /* string offsets (exact: or NONE) */
    uint32_t index;       /* into the table of its kind */
    int32_t next;         /* next phrase with the same key, or -1 */
    uint32_t kind;        /* enum lex_kind */
};

/* One slot per distinct key and per proper prefix of a key. */
struct lex_blob_slot {
    uint32_t hash;        /* lex_hash() of the key */
    uint32_t key;         /* string offset of a phrase key that starts with it, or NONE: free */
    uint32_t len;         /* the key is the first len bytes there */
    int32_t head;         /* first phrase with exactly this key, or -1 */
};

#define LEX_HASH_INIT 2166136261u

/* FNV-1a, continued from h over s[0..n): the hash of the slot table,
 * shared by lexgen and the matcher. */
static inline uint32_t lex_hash_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static inline uint32_t lex_hash(const char *s, size_t n)
{
    return lex_hash_more(LEX_HASH_INIT, s, n);
}

/* The bit of the filter that a key of hash h sets. The filter is small
 * enough to stay in cache, and answers "no phrase starts so" for most
 * words without touching the (large) slot table. */
static inline uint32_t lex_filter_bit(uint32_t h, uint32_t shift)
{
    return (h * 0x9E3779B1u) >> shift;
}

#endif
