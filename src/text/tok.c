/* tok.c - tokeniser and sentence splitter (see tok.h).
 *
 * Byte classes come from a 256-entry table (as in SQLite's tokenize.c);
 * non-ASCII characters are classified by utf8proc. */
#include "tok.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../core/alloc.h"
#include "../core/err.h"

/* String equality with a first-byte check: most calls fail there. */
static inline int eq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

enum { C_OTHER, C_SPACE, C_NL, C_UPPER, C_LOWER, C_DIGIT, C_APOS, C_HIGH };

static unsigned char cls[256];

/* ASCII letters and digits for the fast path of tok_run(): the byte's
 * normalised form (lower case), 0 for any other byte; and its kind. */
static unsigned char fold[256];
enum { K_UPPER = 1, K_LOWER = 2, K_DIGIT = 4 };
static unsigned char ascii_kind[256];

static void init_classes(void)
{
    if (cls['a'])
        return;
    for (int c = 'A'; c <= 'Z'; c++) {
        fold[c] = (unsigned char)(c - 'A' + 'a');
        ascii_kind[c] = K_UPPER;
    }
    for (int c = 'a'; c <= 'z'; c++) {
        fold[c] = (unsigned char)c;
        ascii_kind[c] = K_LOWER;
    }
    for (int c = '0'; c <= '9'; c++) {
        fold[c] = (unsigned char)c;
        ascii_kind[c] = K_DIGIT;
    }
    for (int c = 0; c < 256; c++) {
        unsigned char k = C_OTHER;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            k = C_SPACE;
        else if (c == '\n')
            k = C_NL;
        else if (c >= 'A' && c <= 'Z')
            k = C_UPPER;
        else if (c >= 'a' && c <= 'z')
            k = C_LOWER;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == '\'')
            k = C_APOS;
        else if (c >= 0x80)
            k = C_HIGH;
        cls[c] = k;
    }
}

/* Decodes the character at s[i]; returns its length (1 for bad bytes). */
static size_t decode(const char *s, size_t n, size_t i, int32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) { /* the common case, without a call */
        *cp = (unsigned char)s[i];
        return 1;
    }
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), cp);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return (size_t)k;
}

static bool is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

/* Is cp a letter or digit (a part of a word)? */
static bool wordchar(int32_t cp)
{
    if (cp < 0x80)
        return cls[cp] == C_UPPER || cls[cp] == C_LOWER || cls[cp] == C_DIGIT;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cls[cp] == C_UPPER;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static bool is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cls[cp] == C_LOWER;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* Appends the normalised form of one word: case-folded, marks stripped,
 * apostrophes dropped. */
static void norm_word(struct buf *out, const char *s, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            ascii = false;
    if (ascii) {
        char tmp[256]; /* lower-cased in chunks, appended at once */
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            if (c == '\'')
                continue;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            tmp[k++] = c;
            if (k == sizeof tmp) {
                buf_append(out, tmp, k);
                k = 0;
            }
        }
        buf_append(out, tmp, k);
        return;
    }
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map(
        (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
    if (m < 0) {
        buf_append(out, s, n);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < m; i++) {
        if (mapped[i] == '\'')
            continue;
        if (mapped[i] == 0xE2 && i + 2 < m && mapped[i + 1] == 0x80 &&
            mapped[i + 2] == 0x99) { /* U+2019 right single quote */
            i += 2;
            continue;
        }
        buf_putc(out, (char)mapped[i]);
    }
    free(mapped);
}

/* Is the word s[i..j) in capitals: no lower-case letter and at least
 * two upper-case ones? */
static bool all_caps(const char *s, size_t n, size_t i, size_t j)
{
    int upper = 0;
    bool lower = false;
    for (size_t p = i; p < j && !lower;) {
        unsigned char b = (unsigned char)s[p];
        if (b < 0x80) { /* ASCII straight from the class table */
            upper += cls[b] == C_UPPER;
            lower = cls[b] == C_LOWER;
            p++;
            continue;
        }
        int32_t q;
        p += decode(s, n, p, &q);
        if (is_upper(q))
            upper++;
        else if (is_lower(q))
            lower = true;
    }
    return upper >= 2 && !lower;
}

static int push_tok(struct tokens *tk, struct tok t)
{
    if (tk->n >= TOK_MAX_TOKENS)
        return ERR_TOOBIG;
    if (tk->n == tk->cap) {
        tk->cap = tk->cap ? tk->cap * 2 : 256;
        tk->t = xrealloc(tk->t, tk->cap * sizeof *tk->t);
    }
    tk->t[tk->n++] = t;
    return ERR_OK;
}

/* Scans one word starting at i; returns its end. Keeps inner apostrophes
 * except a possessive "'s" at the end. Says whether the word is all digits. */
static size_t scan_word(const char *s, size_t n, size_t i, bool *digits_only)
{
    size_t j = i;
    bool digits = true;
    while (j < n) {
        /* ASCII letters and digits first, straight from the class table */
        unsigned char b = (unsigned char)s[j];
        if (cls[b] == C_UPPER || cls[b] == C_LOWER || cls[b] == C_DIGIT) {
            if (cls[b] != C_DIGIT)
                digits = false;
            j++;
            continue;
        }
        int32_t cp;
        size_t k = decode(s, n, j, &cp);
        if (wordchar(cp)) {
            if (cp < '0' || cp > '9')
                digits = false;
            j += k;
            continue;
        }
        if (is_apostrophe(cp) && j > i && j + k < n) {
            int32_t nx;
            size_t k2 = decode(s, n, j + k, &nx);
            if (!wordchar(nx))
                break;
            /* "'s" followed by a non-word character is a possessive */
            if ((nx == 's' || nx == 'S') && j + k + k2 <= n) {
                int32_t after = ' ';
                if (j + k + k2 < n)
                    decode(s, n, j + k + k2, &after);
                if (!wordchar(after))
                    break;
            }
            j += k;
            digits = false;
            continue;
        }
        /* a digit group separator inside a number: 1,200 or 1.5 */
        if ((cp == ',' || cp == '.') && digits && j > i && j + 1 < n &&
            s[j + 1] >= '0' && s[j + 1] <= '9') {
            j++;
            continue;
        }
        break;
    }
    *digits_only = digits;
    return j;
}

/* The fast path for a word of ASCII letters and digits at s[i] (itself
 * one): scans it, and appends its normalised form and NUL to out while
 * setting t's end, kind, flags, hash and norm_len, in one pass. The word
 * must end at an ASCII byte that is neither an apostrophe nor a digit
 * group separator ("1,200"); otherwise nothing is appended and 0 is
 * returned, and the general path (scan_word()) reads the word. Returns
 * the word's end. */
static size_t fast_word(struct buf *out, const char *s, size_t n, size_t i, struct tok *t)
{
    char *w = buf_space(out, n - i + 1);
    uint32_t h = TOK_HASH_INIT;
    unsigned kinds = 0;
    int upper = 0;
    size_t j = i;
    for (; j < n; j++) {
        unsigned char b = (unsigned char)s[j];
        unsigned char f = fold[b];
        if (!f)
            break;
        w[j - i] = (char)f;
        h = (h ^ f) * 16777619u; /* tok_hash_more() */
        kinds |= ascii_kind[b];
        upper += ascii_kind[b] == K_UPPER;
    }
    if (j < n) {
        unsigned char b = (unsigned char)s[j];
        if (b >= 0x80 || b == '\'')
            return 0;
        if ((b == ',' || b == '.') && kinds == K_DIGIT && j + 1 < n && s[j + 1] >= '0' &&
            s[j + 1] <= '9')
            return 0;
    }
    size_t len = j - i;
    w[len] = '\0';
    buf_commit(out, len + 1);
    t->end = (uint32_t)j;
    t->kind = kinds == K_DIGIT ? TOK_NUM : TOK_WORD;
    if (ascii_kind[(unsigned char)s[i]] == K_UPPER)
        t->flags |= TOK_CAP;
    if (upper >= 2 && !(kinds & K_LOWER))
        t->flags |= TOK_ALLCAP;
    t->hash = h;
    t->norm_len = (uint16_t)(len > 0xFFFF ? 0xFFFF : len);
    return j;
}

/* Is the one-letter word at token i part of letters joined by dots
 * ("u.s.", "u.n."): a dot and a letter right after it, or right before? */
static bool dotted(const struct tokens *tk, size_t i)
{
    const struct tok *t = tk->t;
    if (i + 2 < tk->n && t[i + 1].start == t[i].end && t[i + 2].start == t[i + 1].end &&
        t[i + 2].kind == TOK_WORD && t[i + 2].norm_len == 1)
        return true;
    return i >= 2 && t[i - 1].end == t[i].start && t[i - 2].end == t[i - 1].start &&
           t[i - 2].kind == TOK_WORD && t[i - 2].norm_len == 1 &&
           tok_norm(tk, i - 1)[0] == '.';
}

int tok_run(struct tokens *tk, const char *s, size_t n)
{
    init_classes();
    tk->n = 0;
    tk->ns = 0;
    buf_reset(&tk->norm);
    /* room for the usual text at once, rather than growing by doubling:
     * a token every four bytes or more, forms about as long as the text */
    size_t want = n / 4 + 16;
    if (want > TOK_MAX_TOKENS)
        want = TOK_MAX_TOKENS;
    if (tk->cap < want) {
        tk->cap = want;
        tk->t = xrealloc(tk->t, tk->cap * sizeof *tk->t);
    }
    buf_space(&tk->norm, n + 16);
    int newlines = 2; /* line breaks seen since the last token */
    int rc = ERR_OK;
    size_t i = 0;
    while (i < n && rc == ERR_OK) {
        unsigned char c = (unsigned char)s[i];
        if (cls[c] == C_SPACE) {
            i++;
            continue;
        }
        if (cls[c] == C_NL) {
            newlines++;
            i++;
            continue;
        }
        struct tok t = {0};
        t.start = (uint32_t)i;
        if (newlines >= 2)
            t.flags |= TOK_PARA | TOK_LINE;
        else if (newlines == 1)
            t.flags |= TOK_LINE;
        newlines = 0;
        if (fold[c]) {
            /* an ASCII word, most often read in one pass; it cannot be
             * followed by an apostrophe, so no possessive to skip */
            t.norm = (uint32_t)tk->norm.len;
            size_t j = fast_word(&tk->norm, s, n, i, &t);
            if (j) {
                rc = push_tok(tk, t);
                i = j;
                continue;
            }
        }
        if (c < 0x80 && cls[c] != C_UPPER && cls[c] != C_LOWER && cls[c] != C_DIGIT) {
            /* ASCII punctuation: one byte, normalised to itself */
            char *w = buf_space(&tk->norm, 2);
            t.end = (uint32_t)(i + 1);
            t.kind = TOK_PUNCT;
            t.norm = (uint32_t)tk->norm.len;
            t.norm_len = 1;
            t.hash = (TOK_HASH_INIT ^ c) * 16777619u; /* tok_hash_more() */
            w[0] = (char)c;
            w[1] = '\0';
            buf_commit(&tk->norm, 2);
            rc = push_tok(tk, t);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = decode(s, n, i, &cp);
        if (wordchar(cp)) {
            bool digits;
            size_t j = scan_word(s, n, i, &digits);
            t.end = (uint32_t)j;
            t.kind = digits ? TOK_NUM : TOK_WORD;
            if (is_upper(cp))
                t.flags |= TOK_CAP;
            t.norm = (uint32_t)tk->norm.len;
            if (all_caps(s, n, i, j))
                t.flags |= TOK_ALLCAP;
            norm_word(&tk->norm, s + i, j - i);
            t.hash = tok_hash_more(TOK_HASH_INIT, tk->norm.data + t.norm,
                                   tk->norm.len - t.norm);
            buf_putc(&tk->norm, '\0');
            /* the form's length, its NUL excluded */
            t.norm_len = (uint16_t)(tk->norm.len - 1 - t.norm > 0xFFFF
                                        ? 0xFFFF : tk->norm.len - 1 - t.norm);
            rc = push_tok(tk, t);
            i = j;
            /* skip a possessive 's */
            if (i < n) {
                int32_t a;
                size_t ka = decode(s, n, i, &a);
                if (is_apostrophe(a) && i + ka < n &&
                    (s[i + ka] == 's' || s[i + ka] == 'S'))
                    i += ka + 1;
            }
            continue;
        }
        /* punctuation: one character, normalised to itself */
        t.end = (uint32_t)(i + k);
        t.kind = TOK_PUNCT;
        t.norm = (uint32_t)tk->norm.len;
        if (cp == 0x2019 || cp == 0x2018)
            buf_putc(&tk->norm, '\'');
        else if (cp == 0x201C || cp == 0x201D)
            buf_putc(&tk->norm, '"');
        else if (cp == 0x2013 || cp == 0x2014)
            buf_putc(&tk->norm, '-');
        else
            buf_append(&tk->norm, s + i, k);
        t.norm_len = (uint16_t)(tk->norm.len - t.norm);
        t.hash = tok_hash_more(TOK_HASH_INIT, tk->norm.data + t.norm, t.norm_len);
        buf_putc(&tk->norm, '\0');
        rc = push_tok(tk, t);
        i += k;
    }

    /* a document of one case (old wire copy, telex, MUC-4) */
    size_t words = 0, caps = 0, allcaps = 0;
    for (size_t k = 0; k < tk->n; k++) {
        if (tk->t[k].kind != TOK_WORD)
            continue;
        words++;
        caps += (tk->t[k].flags & TOK_CAP) != 0;
        allcaps += (tk->t[k].flags & TOK_ALLCAP) != 0;
    }
    tk->caseless = words >= 20 && (caps * 50 < words || allcaps * 10 > words * 7);

    /* sentences */
    static const char *const abbrev[] = {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj",
        "cpl", "st", "jr", "sr", "prof", "rev", "gov", "sen", "rep", "jan",
        "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "brig",
        "adm", "cmdr", "pres", "ft", "mt", "approx", "est", NULL};
    uint32_t para = 0;
    size_t first = 0;
    for (size_t j = 0; j <= tk->n; j++) {
        bool cut = false;
        if (j == tk->n)
            cut = true;
        else if (j > first && (tk->t[j].flags & TOK_PARA))
            cut = true;
        else if (j > first) {
            const char *prev = tok_norm(tk, j - 1);
            /* the terminator may be followed by a closing quote */
            size_t p = j - 1;
            if ((prev[0] == '"' || prev[0] == '\'' || prev[0] == ')') && p > first)
                prev = tok_norm(tk, --p);
            bool term = prev[0] == '!' || prev[0] == '?' ||
                        (prev[0] == '.' && prev[1] == '\0');
            if (term && prev[0] == '.' && p > first) {
                const struct tok *w = &tk->t[p - 1];
                const char *wn = tok_norm(tk, p - 1);
                if (w->end == tk->t[p].start) {
                    if (w->kind == TOK_WORD && w->norm_len == 1 && (w->flags & TOK_CAP))
                        term = false; /* an initial: "U.S." "J. Smith" */
                    else if (w->kind == TOK_WORD && w->norm_len == 1 && dotted(tk, p - 1))
                        term = false; /* the same without capitals: "u.s." */
                    for (int a = 0; term && abbrev[a]; a++)
                        if (eq(wn, abbrev[a]))
                            term = false;
                }
            }
            if (term) {
                const struct tok *nx = &tk->t[j];
                const char *nn = tok_norm(tk, j);
                cut = tk->caseless || (nx->flags & (TOK_CAP | TOK_LINE)) || nx->kind == TOK_NUM ||
                      nn[0] == '"' || nn[0] == '\'';
            }
        }
        if (!cut)
            continue;
        if (j > first) {
            if (tk->ns == tk->scap) {
                tk->scap = tk->scap ? tk->scap * 2 : 64;
                tk->s = xrealloc(tk->s, tk->scap * sizeof *tk->s);
            }
            if (tk->t[first].flags & TOK_PARA)
                para++;
            struct sent *st = &tk->s[tk->ns++];
            st->first = (uint32_t)first;
            st->last = (uint32_t)j;
            st->start = tk->t[first].start;
            st->end = tk->t[j - 1].end;
            st->para = para;
        }
        first = j;
    }
    return rc;
}

void tok_free(struct tokens *tk)
{
    free(tk->t);
    free(tk->s);
    buf_free(&tk->norm);
    memset(tk, 0, sizeof *tk);
}

void tok_normalize(struct buf *out, const char *s, size_t n)
{
    struct tokens tk = {0};
    tok_run(&tk, s, n);
    bool any = false;
    for (size_t i = 0; i < tk.n; i++) {
        if (tk.t[i].kind == TOK_PUNCT)
            continue;
        if (any)
            buf_putc(out, ' ');
        buf_append(out, tok_norm(&tk, i), tk.t[i].norm_len);
        any = true;
    }
    tok_free(&tk);
}
