/* lex.c - the matcher over the compiled lexicon image (see lex.h and
 * lex_blob.h). Nothing is indexed at run time: the hash table of phrases
 * and prefixes was built by tools/lexgen.c and is read in place. */
#include "lex.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/alloc.h"
#include "lex_blob.h"

_Static_assert(LEX_HASH_INIT == TOK_HASH_INIT, "a token's hash is its form's lex_hash()");

/* The image, embedded by the build (lexicon_data.S, from lexgen). */
extern const unsigned char lex_blob[];

struct lexicon {
    const uint64_t *filter;
    uint32_t filter_shift;
    const struct lex_blob_slot *slots;
    const struct lex_blob_phrase *phrases;
    const char *strings;
    size_t mask;
    size_t max_tokens;
};

const struct lex_place *lex_places;
const struct lex_phrase *lex_phrases;

static struct lexicon the_lexicon;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Is the key at k the words of tokens [i, j] (punctuation skipped), one
 * space between them? The key is as long as they are (the caller saw to
 * it). Compared inline: keys are short. */
static bool key_is(const char *k, const struct tokens *tk, size_t i, size_t j)
{
    bool first = true;
    for (size_t q = i; q <= j; q++) {
        const struct tok *t = &tk->t[q];
        if (t->kind == TOK_PUNCT)
            continue;
        if (!first && *k++ != ' ')
            return false;
        first = false;
        const char *w = tok_norm(tk, q);
        for (size_t b = 0; b < t->norm_len; b++)
            if (k[b] != w[b])
                return false;
        k += t->norm_len;
    }
    return true;
}

/* The slot of the key made of the words of tokens [i, j], n bytes long
 * with hash h, or NULL when no phrase starts so. */
static const struct lex_blob_slot *find(const struct lexicon *lx, const struct tokens *tk,
                                        size_t i, size_t j, size_t n, uint32_t h)
{
    uint32_t bit = lex_filter_bit(h, lx->filter_shift);
    if (!(lx->filter[bit >> 6] >> (bit & 63) & 1))
        return NULL;
    for (size_t q = h & lx->mask;; q = (q + 1) & lx->mask) {
        const struct lex_blob_slot *s = &lx->slots[q];
        if (s->key == LEX_BLOB_NONE)
            return NULL;
        if (s->hash == h && s->len == n && key_is(lx->strings + s->key, tk, i, j))
            return s;
    }
}

/* The one-word key form[0..len) looked up as find() would (lex.h). */
int32_t lex_first(const struct lexicon *lx, const char *form, size_t len, uint32_t hash)
{
    uint32_t bit = lex_filter_bit(hash, lx->filter_shift);
    if (!(lx->filter[bit >> 6] >> (bit & 63) & 1))
        return LEX_NOT_FIRST;
    for (size_t q = hash & lx->mask;; q = (q + 1) & lx->mask) {
        const struct lex_blob_slot *s = &lx->slots[q];
        if (s->key == LEX_BLOB_NONE)
            return LEX_NOT_FIRST;
        if (s->hash == hash && s->len == len && memcmp(lx->strings + s->key, form, len) == 0)
            return s->head;
    }
}

static const char *str_at(const char *strings, uint32_t off)
{
    return off == LEX_BLOB_NONE ? NULL : strings + off;
}

/* Points the lexicon at the image and gives its places and phrases the
 * pointers of struct lex_place and struct lex_phrase: one pass, no
 * hashing. A wrong image is a broken build: abort, as on exhaustion. */
static void build(void)
{
    const struct lex_blob_head *h = (const void *)lex_blob;
    if (h->magic != LEX_BLOB_MAGIC || h->version != LEX_BLOB_VERSION ||
        h->n_places != lex_n_places || h->n_phrases != lex_n_phrases) {
        fputs("sitrep: the compiled lexicon does not match this program: rebuild\n", stderr);
        abort();
    }
    struct lexicon *lx = &the_lexicon;
    lx->filter = (const void *)(lex_blob + h->filter);
    lx->filter_shift = h->filter_shift;
    lx->slots = (const void *)(lex_blob + h->slots);
    lx->phrases = (const void *)(lex_blob + h->phrases);
    lx->strings = (const char *)lex_blob + h->strings;
    lx->mask = h->n_slots - 1;
    lx->max_tokens = h->max_tokens;

    const struct lex_blob_place *bp = (const void *)(lex_blob + h->places);
    struct lex_place *pl = xmalloc((h->n_places ? h->n_places : 1) * sizeof *pl);
    for (size_t i = 0; i < h->n_places; i++)
        pl[i] = (struct lex_place){
            .name = lx->strings + bp[i].name,
            .country = str_at(lx->strings, bp[i].country),
            .kind = lex_place_kinds[bp[i].kind < PK__COUNT ? bp[i].kind : PK_TOWN],
            .lat = bp[i].lat / 1e5,
            .lon = bp[i].lon / 1e5,
            .population = (long)bp[i].population,
            .admin1 = str_at(lx->strings, bp[i].admin1),
        };
    struct lex_phrase *ph = xmalloc((h->n_phrases ? h->n_phrases : 1) * sizeof *ph);
    for (size_t i = 0; i < h->n_phrases; i++)
        ph[i] = (struct lex_phrase){
            .key = lx->strings + lx->phrases[i].key,
            .exact = str_at(lx->strings, lx->phrases[i].exact),
            .kind = (uint8_t)lx->phrases[i].kind,
            .index = lx->phrases[i].index,
        };
    lex_places = pl;
    lex_phrases = ph;
}

const struct lexicon *lex_get(void)
{
    pthread_once(&once, build);
    return &the_lexicon;
}

static void push(struct lex_matches *m, uint32_t first, uint32_t last,
                 const struct lex_phrase *p)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->v = xrealloc(m->v, m->cap * sizeof *m->v);
    }
    m->v[m->n++] = (struct lex_match){first, last, p};
}

/* Does the case-sensitive phrase p match the surface of tokens [a, b)? */
static bool exact_ok(const struct tokens *tk, const char *text, size_t a, size_t b,
                     const char *exact)
{
    size_t e = 0;
    for (size_t i = a; i < b; i++) {
        const struct tok *t = &tk->t[i];
        if (t->kind == TOK_PUNCT)
            continue;
        while (exact[e] && strchr(" -.'()", exact[e]))
            e++;
        size_t len = t->end - t->start;
        if (strncmp(exact + e, text + t->start, len) != 0)
            return false;
        e += len;
    }
    while (exact[e] && strchr(" -.'()", exact[e]))
        e++;
    return exact[e] == '\0';
}

/* The phrases of the tokens, each first word looked up afresh (lex.h). */
void lex_scan(const struct lexicon *lx, const struct tokens *tk, const char *text,
              struct lex_matches *out)
{
    lex_scan_firsts(lx, tk, text, NULL, out);
}

/* The longest phrase at each token, left to right (lex.h). */
void lex_scan_firsts(const struct lexicon *lx, const struct tokens *tk, const char *text,
                     const int32_t *firsts, struct lex_matches *out)
{
    size_t i = 0;
    while (i < tk->n) {
        if (tk->t[i].kind == TOK_PUNCT) {
            i++;
            continue;
        }
        uint32_t h = LEX_HASH_INIT;
        size_t best_end = 0, words = 0, key_len = 0;
        int32_t best = -1;
        size_t j = i;
        for (; j < tk->n && words < lx->max_tokens; j++) {
            const struct tok *t = &tk->t[j];
            if (t->kind == TOK_PUNCT) {
                /* hyphens, apostrophes and full stops inside names */
                const char *p = tok_norm(tk, j);
                bool glued_next = j + 1 < tk->n && tk->t[j + 1].start == t->end;
                bool glued_prev = j > 0 && tk->t[j - 1].end == t->start;
                if (p[1] == '\0' && (p[0] == '-' || p[0] == '(' || p[0] == ')'))
                    continue; /* "al-Qaeda", "CPI (Maoist)" */
                if (p[1] == '\0' && (p[0] == '.' || p[0] == '\'') && (glued_next || glued_prev))
                    continue; /* "U.S.", "Workers' Party" */
                break;
            }
            /* a phrase never crosses a sentence end or a paragraph */
            if (j > i && (t->flags & TOK_PARA))
                break;
            /* the key: the words so far joined by spaces, never copied;
             * a first word's hash is the tokeniser's, and the caller
             * may have looked it up already (firsts) */
            int32_t head;
            if (words == 0) {
                h = t->hash;
                key_len = t->norm_len;
                head = firsts ? firsts[j] : lex_first(lx, tok_norm(tk, j), t->norm_len, t->hash);
                if (head == LEX_NOT_FIRST)
                    break;
            } else {
                h = lex_hash_more(h, " ", 1);
                h = lex_hash_more(h, tok_norm(tk, j), t->norm_len);
                key_len += 1 + t->norm_len;
                const struct lex_blob_slot *s = find(lx, tk, i, j, key_len, h);
                if (!s)
                    break;
                head = s->head;
            }
            words++;
            if (head >= 0) {
                /* keep only entries whose case-sensitive form matches */
                for (int32_t p = head; p >= 0; p = lx->phrases[p].next)
                    if (lx->phrases[p].exact == LEX_BLOB_NONE ||
                        exact_ok(tk, text, i, j + 1, lx->strings + lx->phrases[p].exact)) {
                        best = head;
                        best_end = j + 1;
                        break;
                    }
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        for (int32_t p = best; p >= 0; p = lx->phrases[p].next)
            if (lx->phrases[p].exact == LEX_BLOB_NONE ||
                exact_ok(tk, text, i, best_end, lx->strings + lx->phrases[p].exact))
                push(out, (uint32_t)i, (uint32_t)best_end, &lex_phrases[p]);
        i = best_end;
    }
}

void lex_matches_free(struct lex_matches *m)
{
    free(m->v);
    memset(m, 0, sizeof *m);
}

const struct lex_actor *lex_actor_by_key(const char *key)
{
    for (size_t i = 0; key && i < lex_n_actors; i++)
        if (strcmp(lex_actors[i].key, key) == 0)
            return &lex_actors[i];
    return NULL;
}

size_t lex_actor_aliases(const struct lex_actor *a, const char **out, size_t max)
{
    lex_get(); /* the phrases */
    uint32_t index = (uint32_t)(a - lex_actors);
    size_t n = 0;
    for (size_t i = 0; i < lex_n_phrases && n < max; i++) {
        const struct lex_phrase *p = &lex_phrases[i];
        if (p->kind != LEX_ACTOR || p->index != index)
            continue;
        const char *name = p->exact ? p->exact : p->key;
        bool seen = strcasecmp(name, a->name) == 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcasecmp(out[k], name) == 0;
        if (!seen)
            out[n++] = name;
    }
    return n;
}

/* Country codes index a 26 x 26 table, filled on first use. */
static int16_t country_index[26 * 26];
static pthread_once_t country_once = PTHREAD_ONCE_INIT;

static void index_countries(void)
{
    for (size_t i = 0; i < 26 * 26; i++)
        country_index[i] = -1;
    for (size_t i = 0; i < lex_n_countries && i < INT16_MAX; i++) {
        const char *k = lex_countries[i].code;
        if (k[0] >= 'A' && k[0] <= 'Z' && k[1] >= 'A' && k[1] <= 'Z')
            country_index[(k[0] - 'A') * 26 + (k[1] - 'A')] = (int16_t)i;
    }
}

const struct lex_country *lex_country_by_code(const char *code)
{
    if (!code || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' || code[2])
        return NULL;
    pthread_once(&country_once, index_countries);
    int16_t i = country_index[(code[0] - 'A') * 26 + (code[1] - 'A')];
    return i < 0 ? NULL : &lex_countries[i];
}
