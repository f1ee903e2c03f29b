/* lex.h - the dictionaries and the phrase matcher.
 *
 * The TSV files of data/ and the GeoNames places (cities1000, when the
 * build found them) are compiled at build time by tools/lexgen.c: actors,
 * countries and triggers into C tables, places and phrases into an image
 * embedded in the program (lex_blob.h) that also holds the hash table of
 * every phrase and phrase prefix, keyed by normalised token sequence
 * (tok.h). lex_get() only turns the image's offsets into the pointers of
 * lex_places[] and lex_phrases[]; lex_scan() finds, at each token, the
 * longest phrase that starts there: one pass over the tokens, a few hash
 * probes each.
 *
 * Ownership: the lexicon is built once, is immutable and lives until exit;
 * matches are written into a caller-owned array. */
#ifndef SITREP_LEX_H
#define SITREP_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../text/tok.h"

enum lex_kind { LEX_ACTOR, LEX_COUNTRY, LEX_DEMONYM, LEX_PLACE, LEX_TRIGGER };

enum trig_class { TRIG_EVENT, TRIG_COUNT, TRIG_WEAPON, TRIG_VICTIM,
                  TRIG_TARGET, TRIG_CLAIM, TRIG_SECURITY, TRIG_GIVEN, TRIG_TITLE,
                  TRIG__COUNT };

struct lex_actor {
    const char *key, *kind, *parent, *country, *name;
};

struct lex_country {
    const char *code, *name;
    double lat, lon;
};

struct lex_place {
    const char *name, *country, *kind; /* kind: one of lex_place_kinds[] */
    double lat, lon;
    long population;
    const char *admin1;  /* GeoNames admin1 code ("08"), or NULL */
};

struct lex_trigger {
    uint8_t cls;       /* enum trig_class */
    const char *value; /* "attack/bombing", "killed", or "" */
};

struct lex_phrase {
    const char *key;   /* normalised tokens joined by single spaces */
    const char *exact; /* for case-sensitive phrases: the exact surface */
    uint8_t kind;      /* enum lex_kind */
    uint32_t index;    /* into the table of its kind */
};

extern const struct lex_actor lex_actors[];
extern const size_t lex_n_actors;
extern const struct lex_country lex_countries[];
extern const size_t lex_n_countries;
/* The places and phrases: valid once lex_get() has returned. */
extern const struct lex_place *lex_places;
extern const size_t lex_n_places;
extern const struct lex_trigger lex_triggers[];
extern const size_t lex_n_triggers;
extern const struct lex_phrase *lex_phrases;
extern const size_t lex_n_phrases;
extern const char *const trig_class_names[TRIG__COUNT];
extern const char *const lex_place_kinds[5]; /* city town district province region */
/* Whether the build compiled the GeoNames places in. */
extern const bool lex_has_geonames;

struct lex_match {
    uint32_t first, last;          /* token range [first, last) */
    const struct lex_phrase *phrase;
};

struct lex_matches {
    struct lex_match *v;
    size_t n, cap;
};

struct lexicon;

/* The compiled dictionaries, ready on first use (thread-safe). */
const struct lexicon *lex_get(void);

/* Finds phrases in the tokens of text: at each token the longest phrase
 * starting there (every entry of that phrase, when several dictionaries
 * share it), then scanning resumes after it. Appends to out. */
void lex_scan(const struct lexicon *lx, const struct tokens *tk, const char *text,
              struct lex_matches *out);

/* What lex_first() says of a word that starts no phrase key. */
#define LEX_NOT_FIRST (-2)

/* Does a phrase key start with the normalised word form[0..len), whose
 * hash is hash (tok_hash())? LEX_NOT_FIRST when none does; else the first
 * phrase whose key is exactly this word, or -1 when the word only starts
 * longer keys. */
int32_t lex_first(const struct lexicon *lx, const char *form, size_t len, uint32_t hash);

/* lex_scan(), told what lex_first() says of the form of each word token
 * (firsts[i] for token i; entries of punctuation are not read). NULL:
 * lex_scan() itself, which asks lex_first() at every word. */
void lex_scan_firsts(const struct lexicon *lx, const struct tokens *tk, const char *text,
                     const int32_t *firsts, struct lex_matches *out);
void lex_matches_free(struct lex_matches *m);

/* Lookups by key; NULL when absent. */
const struct lex_actor *lex_actor_by_key(const char *key);
const struct lex_country *lex_country_by_code(const char *code);

/* The other names of a group (the phrases of the dictionary that match
 * it, as written when case matters, else in their normalised form), in
 * dictionary order, its name left out: at most max into out. */
size_t lex_actor_aliases(const struct lex_actor *a, const char **out, size_t max);

#endif
