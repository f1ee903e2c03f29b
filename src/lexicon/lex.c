/* lex.c - run-time index of the compiled dictionaries (see lex.h). */
#include "lex.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/buf.h"

/* One slot per distinct key and per proper prefix of a key. */
struct slot {
    const char *key;  /* NULL when the slot is free */
    uint32_t hash;
    int32_t head;     /* first phrase with exactly this key, or -1 */
};

struct lexicon {
    struct slot *slots;
    size_t mask;
    int32_t *next;    /* next phrase with the same key, or -1 */
    size_t max_tokens;
};

static struct lexicon the_lexicon;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static struct slot *find(const struct lexicon *lx, const char *key, size_t n,
                         uint32_t h)
{
    for (size_t i = h & lx->mask;; i = (i + 1) & lx->mask) {
        struct slot *s = &lx->slots[i];
        if (!s->key)
            return s;
        if (s->hash == h && strncmp(s->key, key, n) == 0 && s->key[n] == '\0')
            return s;
    }
}

static void insert(struct lexicon *lx, const char *key, size_t n, int32_t phrase)
{
    uint32_t h = hash_str(key, n);
    struct slot *s = find(lx, key, n, h);
    if (!s->key) {
        s->key = xstrndup(key, n);
        s->hash = h;
        s->head = -1;
    }
    if (phrase >= 0) {
        lx->next[phrase] = s->head;
        s->head = phrase;
    }
}

static void build(void)
{
    struct lexicon *lx = &the_lexicon;
    size_t want = 1024;
    while (want < lex_n_phrases * 8)
        want *= 2;
    lx->slots = xcalloc(want, sizeof *lx->slots);
    lx->mask = want - 1;
    lx->next = xmalloc((lex_n_phrases ? lex_n_phrases : 1) * sizeof *lx->next);
    /* insert in reverse so each chain lists phrases in file order */
    for (size_t p = lex_n_phrases; p-- > 0;) {
        const char *k = lex_phrases[p].key;
        size_t len = strlen(k), words = 1;
        for (size_t i = 0; i < len; i++)
            if (k[i] == ' ') {
                insert(lx, k, i, -1); /* a proper prefix */
                words++;
            }
        insert(lx, k, len, (int32_t)p);
        if (words > lx->max_tokens)
            lx->max_tokens = words;
    }
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

void lex_scan(const struct lexicon *lx, const struct tokens *tk, const char *text,
              struct lex_matches *out)
{
    struct buf key;
    buf_init(&key, 0);
    size_t i = 0;
    while (i < tk->n) {
        if (tk->t[i].kind == TOK_PUNCT) {
            i++;
            continue;
        }
        buf_reset(&key);
        size_t best_end = 0, words = 0;
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
            if (words)
                buf_putc(&key, ' ');
            buf_append(&key, tok_norm(tk, j), t->norm_len);
            words++;
            uint32_t h = hash_str(key.data, key.len);
            const struct slot *s = find(lx, key.data, key.len, h);
            if (!s->key)
                break;
            if (s->head >= 0) {
                /* keep only entries whose case-sensitive form matches */
                for (int32_t p = s->head; p >= 0; p = lx->next[p])
                    if (!lex_phrases[p].exact ||
                        exact_ok(tk, text, i, j + 1, lex_phrases[p].exact)) {
                        best = s->head;
                        best_end = j + 1;
                        break;
                    }
            }
        }
        if (best < 0) {
            i++;
            continue;
        }
        for (int32_t p = best; p >= 0; p = lx->next[p])
            if (!lex_phrases[p].exact ||
                exact_ok(tk, text, i, best_end, lex_phrases[p].exact))
                push(out, (uint32_t)i, (uint32_t)best_end, &lex_phrases[p]);
        i = best_end;
    }
    buf_free(&key);
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

const struct lex_country *lex_country_by_code(const char *code)
{
    for (size_t i = 0; code && i < lex_n_countries; i++)
        if (strcmp(lex_countries[i].code, code) == 0)
            return &lex_countries[i];
    return NULL;
}
