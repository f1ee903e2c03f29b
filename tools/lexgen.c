/* lexgen.c - compiles the dictionaries of data/ and the GeoNames places
 * into the lexicon.
 *
 * usage: lexgen DATA_DIR OUTPUT.c [CITIES1000.txt [WORDS_DIR]]
 *
 * Reads actors.tsv, countries.tsv, places.tsv and triggers.tsv (format:
 * data/README.md), checks every line, and writes the tables declared in
 * src/lexicon/lex.h: actors, countries and triggers as C tables in
 * OUTPUT.c; places, phrases and the hash table of every phrase and phrase
 * prefix as an image (src/lexicon/lex_blob.h) in OUTPUT.bin, embedded by
 * OUTPUT.S. Given the GeoNames file, its places join the curated ones
 * (the rules are in data/README.md, the word lists in words*.tsv). Any bad
 * line stops the build with FILE:LINE and the problem. Phrases are
 * normalised with the run-time tokeniser, so the build and the matcher
 * agree on what a name looks like. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "../src/core/alloc.h"
#include "../src/core/buf.h"
#include "../src/lexicon/lex.h"
#include "../src/lexicon/lex_blob.h"
#include "../src/text/tok.h"

#define MAX_FIELDS 8

/* GeoNames: what is kept (data/README.md explains each). */
#define GEO_FIELDS 19           /* columns of cities1000.txt */
#define GEO_MAX_NAME 40         /* bytes of a name */
#define GEO_WORD_MIN_POP 50000  /* a one-word English word or name needs this many people */
#define GEO_ALT_MIN_POP 5000    /* a place with alternate names has this many people */
#define GEO_BIG 100000          /* a city this big keeps a curated place's name */
#define GEO_MAX_HOMONYMS 32     /* GeoNames places of one name, the most populous */
#define GEO_MAX_ALTERNATES 16   /* alternate names of one place */
#define GEO_SHARED_ALT 5        /* an alternate of this many places names their region */
#define GEO_MERGE_DEG 0.3       /* a curated settlement this near is the same place */

static int failures;

__attribute__((format(printf, 3, 4)))
static void fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    failures++;
}

/* The C literal for s, escaped. */
static void lit(FILE *out, const char *s)
{
    if (!s) {
        fputs("NULL", out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            fprintf(out, "\\%03o", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* ---- a string map (open addressing; keys owned by the caller) --------- */

struct map {
    const char **keys;
    int32_t *vals;
    size_t cap, n;
};

/* The value slot of key, inserted with value -1 when absent and insert is
 * set; NULL when absent otherwise. */
static int32_t *map_at(struct map *m, const char *key, bool insert)
{
    if (insert && (m->n + 1) * 2 > m->cap) {
        struct map big = {0};
        big.cap = m->cap ? m->cap * 2 : 1024;
        big.keys = xcalloc(big.cap, sizeof *big.keys);
        big.vals = xmalloc(big.cap * sizeof *big.vals);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i])
                *map_at(&big, m->keys[i], true) = m->vals[i];
        free(m->keys);
        free(m->vals);
        *m = big;
    }
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = lex_hash(key, strlen(key)) & mask;; i = (i + 1) & mask) {
        if (!m->keys[i]) {
            if (!insert)
                return NULL;
            m->keys[i] = key;
            m->vals[i] = -1;
            m->n++;
            return &m->vals[i];
        }
        if (strcmp(m->keys[i], key) == 0)
            return &m->vals[i];
    }
}

static int32_t map_get(const struct map *m, const char *key)
{
    int32_t *v = map_at((struct map *)m, key, false);
    return v ? *v : -1;
}

static void map_free(struct map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- phrases ------------------------------------------------------------ */

struct phrase {
    char *key, *exact;
    int kind;
    size_t index;
    int32_t next;    /* next phrase with the same key, in order, or -1 */
};
static struct phrase *phrases;
static size_t n_phrases, cap_phrases;

/* The distinct keys: keys[] maps a key to its number, whose chain of
 * phrases runs from key_head to key_tail. */
static struct map keys;
static int32_t *key_head, *key_tail;
static size_t n_keys, cap_keys;

/* The first phrase of key, or -1. */
static int32_t first_phrase(const char *key)
{
    int32_t k = map_get(&keys, key);
    return k < 0 ? -1 : key_head[k];
}

/* Adds a normalised key (taken over) as a phrase of an entry, unless the
 * entry has it already. */
static void push_phrase(char *key, char *exact, int kind, size_t index)
{
    for (int32_t p = first_phrase(key); p >= 0; p = phrases[p].next)
        if (phrases[p].kind == kind && phrases[p].index == index &&
            ((!phrases[p].exact && !exact) ||
             (phrases[p].exact && exact && strcmp(phrases[p].exact, exact) == 0))) {
            free(key); /* the same name twice for one entry */
            free(exact);
            return;
        }
    if (n_phrases == cap_phrases) {
        cap_phrases = cap_phrases ? cap_phrases * 2 : 1024;
        phrases = xrealloc(phrases, cap_phrases * sizeof *phrases);
    }
    int32_t id = (int32_t)n_phrases;
    phrases[n_phrases++] = (struct phrase){key, exact, kind, index, -1};
    int32_t *k = map_at(&keys, key, true);
    if (*k < 0) {
        if (n_keys == cap_keys) {
            cap_keys = cap_keys ? cap_keys * 2 : 1024;
            key_head = xrealloc(key_head, cap_keys * sizeof *key_head);
            key_tail = xrealloc(key_tail, cap_keys * sizeof *key_tail);
        }
        *k = (int32_t)n_keys++;
        key_head[*k] = id;
    } else {
        phrases[key_tail[*k]].next = id;
    }
    key_tail[*k] = id;
}

/* The normalised form of a name, NULL when it has no letters or digits. */
static char *normalize(const char *s)
{
    struct buf key;
    buf_init(&key, 0);
    tok_normalize(&key, s, strlen(s));
    if (key.len == 0) {
        buf_free(&key);
        return NULL;
    }
    return buf_detach(&key);
}

/* Adds one name ("=" prefix: case-sensitive) as a phrase of a kind. */
static void add_phrase(const char *file, int line, const char *name, int kind,
                       size_t index)
{
    const char *surface = name[0] == '=' ? name + 1 : name;
    char *key = normalize(surface);
    if (!key) {
        fail(file, line, "name \"%s\" has no letters or digits", name);
        return;
    }
    push_phrase(key, name[0] == '=' ? xstrdup(surface) : NULL, kind, index);
}

/* ---- places ------------------------------------------------------------- */

struct place {
    char *name, *country, *admin1; /* country, admin1: or NULL */
    int kind;                      /* enum lex_place_kind */
    double lat, lon;
    long population;
};
static struct place *places;
static size_t n_places, cap_places, n_curated;

static size_t push_place(struct place p)
{
    if (n_places == cap_places) {
        cap_places = cap_places ? cap_places * 2 : 4096;
        places = xrealloc(places, cap_places * sizeof *places);
    }
    places[n_places] = p;
    return n_places++;
}

static int place_kind(const char *s)
{
    for (int k = 0; k < PK__COUNT; k++)
        if (strcmp(s, lex_place_kinds[k]) == 0)
            return k;
    return -1;
}

/* Adds every name of a '|' list. */
static void add_names(const char *file, int line, char *list, int kind, size_t index)
{
    if (strcmp(list, "-") == 0)
        return;
    char *save = NULL;
    for (char *p = strtok_r(list, "|", &save); p; p = strtok_r(NULL, "|", &save))
        if (*p)
            add_phrase(file, line, p, kind, index);
}

/* Splits a line into TAB-separated fields; returns their number. */
static int split(char *line, char **f)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    f[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = '\0';
            if (n == MAX_FIELDS)
                return MAX_FIELDS + 1;
            f[n++] = p + 1;
        }
    return n;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || end == s || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int is_code(const char *s)
{
    return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static int is_key(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* The files of one dictionary: PREFIX.tsv and PREFIX-*.tsv, in name
 * order (a dictionary may be split by region). Fails when there is none. */
static char **list_tsv(const char *dir, const char *prefix, size_t *count)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "lexgen: %s: %s\n", dir, strerror(errno));
        exit(1);
    }
    char **files = xcalloc((size_t)n + 1, sizeof *files);
    size_t k = 0, plen = strlen(prefix);
    for (int i = 0; i < n; i++) {
        const char *f = names[i]->d_name;
        size_t len = strlen(f);
        if (strncmp(f, prefix, plen) == 0 && len > 4 && strcmp(f + len - 4, ".tsv") == 0 &&
            (f[plen] == '.' || f[plen] == '-')) {
            size_t need = strlen(dir) + len + 2;
            files[k] = xmalloc(need);
            snprintf(files[k], need, "%s/%s", dir, f);
            k++;
        }
        free(names[i]);
    }
    free(names);
    if (k == 0) {
        fprintf(stderr, "lexgen: %s: no %s.tsv\n", dir, prefix);
        exit(1);
    }
    *count = k;
    return files;
}

static FILE *open_tsv(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "lexgen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

static char *dash_null(char *s) { return strcmp(s, "-") == 0 ? NULL : s; }

/* Where a row was read: for messages about it. */
struct row {
    const char *path;
    int line;
    char **f;     /* its fields */
    size_t index; /* rows of this dictionary before it */
};

typedef void (*row_fn)(FILE *out, const struct row *r);

/* Calls fn for every row of the dictionary's files (comments and blank
 * lines skipped; a row with the wrong number of fields is reported and
 * skipped). Returns the number of rows. */
static size_t each_row(const char *dir, const char *prefix, int nfields, FILE *out,
                       row_fn fn)
{
    char line[65536], *f[MAX_FIELDS + 1];
    size_t nfiles, n = 0;
    char **files = list_tsv(dir, prefix, &nfiles);
    for (size_t fi = 0; fi < nfiles; fi++) {
        FILE *in = open_tsv(files[fi]);
        for (int ln = 1; fgets(line, sizeof line, in); ln++) {
            if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
                continue;
            if (split(line, f) != nfields) {
                fail(files[fi], ln, "expected %d fields", nfields);
                continue;
            }
            struct row r = {files[fi], ln, f, n};
            fn(out, &r);
            n++;
        }
        fclose(in);
    }
    for (size_t fi = 0; fi < nfiles; fi++)
        free(files[fi]);
    free(files);
    return n;
}

/* actors: key kind parent country names */
struct actor_seen {
    char *key, *parent, *path;
    int line;
};
static struct actor_seen *actors_seen;

static void actor_row(FILE *out, const struct row *r)
{
    char **f = r->f;
    if (!is_key(f[0]))
        fail(r->path, r->line, "bad key \"%s\"", f[0]);
    for (size_t i = 0; i < r->index; i++)
        if (strcmp(actors_seen[i].key, f[0]) == 0)
            fail(r->path, r->line, "duplicate key \"%s\"", f[0]);
    if (strcmp(f[3], "-") != 0 && !is_code(f[3]))
        fail(r->path, r->line, "bad country \"%s\"", f[3]);
    actors_seen = xrealloc(actors_seen, (r->index + 1) * sizeof *actors_seen);
    actors_seen[r->index] = (struct actor_seen){xstrdup(f[0]), xstrdup(f[2]),
                                                xstrdup(r->path), r->line};
    char *names = xstrdup(f[4]);
    char *display = xstrndup(names, strcspn(names, "|"));
    fputs("    {", out);
    lit(out, f[0]); fputs(", ", out);
    lit(out, f[1]); fputs(", ", out);
    lit(out, dash_null(f[2])); fputs(", ", out);
    lit(out, dash_null(f[3])); fputs(", ", out);
    lit(out, display[0] == '=' ? display + 1 : display);
    fputs("},\n", out);
    add_names(r->path, r->line, names, LEX_ACTOR, r->index);
    free(names);
    free(display);
}

static void gen_actors(const char *dir, FILE *out)
{
    fputs("const struct lex_actor lex_actors[] = {\n", out);
    size_t n = each_row(dir, "actors", 5, out, actor_row);
    for (size_t i = 0; i < n; i++) {
        const struct actor_seen *a = &actors_seen[i];
        size_t j = 0;
        while (strcmp(a->parent, "-") != 0 && j < n && strcmp(actors_seen[j].key, a->parent) != 0)
            j++;
        if (j == n)
            fail(a->path, a->line, "unknown parent \"%s\"", a->parent);
    }
    fprintf(out, "};\nconst size_t lex_n_actors = %zu;\n\n", n);
    for (size_t i = 0; i < n; i++) {
        free(actors_seen[i].key);
        free(actors_seen[i].parent);
        free(actors_seen[i].path);
    }
    free(actors_seen);
}

/* countries: code name lat lon aliases demonyms */
static void country_row(FILE *out, const struct row *r)
{
    char **f = r->f;
    double lat, lon;
    if (!is_code(f[0]))
        fail(r->path, r->line, "bad code \"%s\"", f[0]);
    if (parse_double(f[2], -90, 90, &lat) || parse_double(f[3], -180, 180, &lon)) {
        fail(r->path, r->line, "bad coordinates for %s", f[0]);
        lat = lon = 0;
    }
    fputs("    {", out);
    lit(out, f[0]); fputs(", ", out);
    lit(out, f[1]);
    fprintf(out, ", %.5f, %.5f},\n", lat, lon);
    add_phrase(r->path, r->line, f[1], LEX_COUNTRY, r->index);
    add_names(r->path, r->line, f[4], LEX_COUNTRY, r->index);
    add_names(r->path, r->line, f[5], LEX_DEMONYM, r->index);
}

/* places: name country kind lat lon population aliases */
static void place_row(FILE *out, const struct row *r)
{
    (void)out;
    char **f = r->f;
    double lat, lon, pop;
    int kind = place_kind(f[2]);
    if (strcmp(f[1], "-") != 0 && !is_code(f[1]))
        fail(r->path, r->line, "bad country \"%s\"", f[1]);
    if (kind < 0) {
        fail(r->path, r->line, "unknown kind \"%s\"", f[2]);
        kind = PK_TOWN;
    }
    if (parse_double(f[3], -90, 90, &lat) || parse_double(f[4], -180, 180, &lon)) {
        fail(r->path, r->line, "bad coordinates for %s", f[0]);
        lat = lon = 0;
    }
    if (parse_double(f[5], 0, 4e9, &pop)) {
        fail(r->path, r->line, "bad population \"%s\"", f[5]);
        pop = 0;
    }
    push_place((struct place){xstrdup(f[0]), xstrdup(dash_null(f[1])), NULL, kind, lat, lon,
                              (long)pop});
    add_phrase(r->path, r->line, f[0], LEX_PLACE, r->index);
    add_names(r->path, r->line, f[6], LEX_PLACE, r->index);
}

/* triggers: class value phrases */
static void trigger_row(FILE *out, const struct row *r)
{
    char **f = r->f;
    int cls = 0;
    while (cls < TRIG__COUNT && strcmp(f[0], trig_class_names[cls]) != 0)
        cls++;
    if (cls == TRIG__COUNT) {
        fail(r->path, r->line, "unknown class \"%s\"", f[0]);
        cls = 0;
    }
    fprintf(out, "    {%d, ", cls);
    lit(out, strcmp(f[1], "-") == 0 ? "" : f[1]);
    fputs("},\n", out);
    add_names(r->path, r->line, f[2], LEX_TRIGGER, r->index);
}

/* ---- the word lists: how GeoNames names that are words are treated ---- */

enum { W_ENGLISH = 1, W_DROP = 2, W_NAME = 4 };
static struct map words; /* normalised phrase -> W_* */

/* words: phrase rule */
static void word_row(FILE *out, const struct row *r)
{
    (void)out;
    char **f = r->f;
    int rule = strcmp(f[1], "english") == 0 ? W_ENGLISH
               : strcmp(f[1], "drop") == 0  ? W_DROP
               : strcmp(f[1], "name") == 0  ? W_NAME
                                            : 0;
    if (!rule) {
        fail(r->path, r->line, "unknown rule \"%s\"", f[1]);
        return;
    }
    char *key = normalize(f[0]);
    if (!key) {
        fail(r->path, r->line, "name \"%s\" has no letters or digits", f[0]);
        return;
    }
    int32_t *v = map_at(&words, key, true);
    if (*v >= 0)
        free(key); /* the map keeps the first copy */
    *v = *v < 0 ? rule : (*v | rule);
}

/* The rules (W_*) of a normalised phrase; 0 when it has none. */
static int word_rule(const char *key)
{
    int32_t v = map_get(&words, key);
    return v < 0 ? 0 : v;
}

/* Is every word of key an English word of words-english.tsv? */
static bool all_english(const char *key)
{
    char word[GEO_MAX_NAME * 4 + 1];
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        if (n >= sizeof word)
            return false;
        memcpy(word, p, n);
        word[n] = '\0';
        if (!(word_rule(word) & W_ENGLISH))
            return false;
        p += n;
        p += *p == ' ';
    }
    return true;
}

/* ---- GeoNames ----------------------------------------------------------- */

struct gname {
    char *key, *surface;
    bool primary;       /* the name or the ASCII name, not an alternate */
};

struct grow {
    char country[3];
    char *admin1;
    int kind;
    double lat, lon;
    long population;
    size_t order;       /* line in the file */
    struct gname *names;
    size_t n_names;
};

/* Is the name usable in English news: Latin script, no digits, not too
 * long, with a letter; an alternate also needs a capital and must not be
 * a code ("LHR", "NYC")? */
static bool geo_usable(const char *s, bool primary)
{
    size_t n = strlen(s);
    if (n == 0 || n > GEO_MAX_NAME)
        return false;
    bool letter = false, upper = false, lower = false;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return false;
        i += (size_t)k;
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                letter = true;
                upper |= cp <= 'Z';
                lower |= cp >= 'a';
            } else if (!strchr(" -'.()`", (int)cp)) {
                return false; /* digits, commas, slashes, colons... */
            }
            continue;
        }
        bool latin = (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
                     (cp >= 0x1E00 && cp <= 0x1EFF);
        if (latin) {
            letter = true;
            utf8proc_category_t c = utf8proc_category(cp);
            upper |= c == UTF8PROC_CATEGORY_LU;
            lower |= c == UTF8PROC_CATEGORY_LL;
        } else if (!((cp >= 0x300 && cp <= 0x36F) || cp == 0x2018 || cp == 0x2019 ||
                     cp == 0x2BB || cp == 0x2BC)) {
            return false; /* another script */
        }
    }
    if (!letter)
        return false;
    if (!primary && (!upper || (!lower && n <= 4)))
        return false;
    return true;
}

/* Does key, normalised again, stay itself (so that the matcher, reading
 * it in a text, finds it)? And is it more than initials? */
static bool geo_key_ok(const char *key)
{
    char *again = normalize(key);
    bool same = again && strcmp(again, key) == 0;
    free(again);
    if (!same)
        return false;
    if (!strchr(key, ' '))
        return strlen(key) > 2; /* "Bo", "Ho": initials and nicknames */
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        if (n > 2)
            return true;
        p += n;
        p += *p == ' ';
    }
    return false; /* "L.A.", "B.H." */
}

static void geo_add_name(struct grow *g, const char *surface, bool primary)
{
    if (!geo_usable(surface, primary))
        return;
    char *key = normalize(surface);
    if (!key || !geo_key_ok(key)) {
        free(key);
        return;
    }
    for (size_t i = 0; i < g->n_names; i++)
        if (strcmp(g->names[i].key, key) == 0) {
            g->names[i].primary |= primary;
            free(key);
            return;
        }
    g->names = xrealloc(g->names, (g->n_names + 1) * sizeof *g->names);
    g->names[g->n_names++] = (struct gname){key, xstrdup(surface), primary};
}

/* Reads cities1000.txt: populated places (feature class P, without the
 * abandoned, historical and destroyed) and administrative areas (A). */
static struct grow *geo_read(const char *path, size_t *count)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        fprintf(stderr, "lexgen: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    struct grow *rows = NULL;
    size_t n = 0, cap = 0, len = 0;
    char *line = NULL, *f[GEO_FIELDS + 1];
    ssize_t got;
    for (int ln = 1; (got = getline(&line, &len, in)) >= 0; ln++) {
        if (got <= 1)
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        int nf = 0;
        f[nf++] = line;
        for (char *p = line; *p && nf <= GEO_FIELDS; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        if (nf != GEO_FIELDS) {
            fail(path, ln, "expected %d fields", GEO_FIELDS);
            continue;
        }
        double lat, lon, pop;
        if (parse_double(f[4], -90, 90, &lat) || parse_double(f[5], -180, 180, &lon)) {
            fail(path, ln, "bad coordinates for %s", f[1]);
            continue;
        }
        if (f[14][0] == '\0')
            pop = 0;
        else if (parse_double(f[14], 0, 4e9, &pop)) {
            fail(path, ln, "bad population \"%s\"", f[14]);
            continue;
        }
        int kind;
        if (strcmp(f[6], "P") == 0) {
            if (strcmp(f[7], "PPLQ") == 0 || strcmp(f[7], "PPLH") == 0 ||
                strcmp(f[7], "PPLW") == 0)
                continue;
            kind = strcmp(f[7], "PPLX") == 0 ? PK_DISTRICT : pop >= GEO_BIG ? PK_CITY : PK_TOWN;
        } else if (strcmp(f[6], "A") == 0) {
            kind = PK_PROVINCE;
        } else {
            continue;
        }
        if (!is_code(f[8]))
            continue; /* no country */
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            rows = xrealloc(rows, cap * sizeof *rows);
        }
        struct grow *g = &rows[n];
        *g = (struct grow){.kind = kind, .lat = lat, .lon = lon, .population = (long)pop,
                           .order = n};
        memcpy(g->country, f[8], 3);
        g->admin1 = f[10][0] ? xstrdup(f[10]) : NULL;
        geo_add_name(g, f[1], true);
        geo_add_name(g, f[2], true);
        char *save = NULL;
        for (char *a = strtok_r(f[3], ",", &save); a; a = strtok_r(NULL, ",", &save))
            geo_add_name(g, a, false);
        if (g->n_names == 0 || strcmp(g->names[0].surface, f[1]) != 0) {
            /* the display name is the GeoNames name, even when unusable as a phrase */
            g->names = xrealloc(g->names, (g->n_names + 1) * sizeof *g->names);
            memmove(g->names + 1, g->names, g->n_names * sizeof *g->names);
            g->names[0] = (struct gname){NULL, xstrdup(f[1]), true};
            g->n_names++;
        }
        n++;
    }
    free(line);
    fclose(in);
    *count = n;
    return rows;
}

static int by_population(const void *a, const void *b)
{
    const struct grow *x = a, *y = b;
    if (x->population != y->population)
        return x->population > y->population ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Distance in degrees, longitude scaled to the latitude. */
static double degrees_apart(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = lat1 - lat2, dlon = (lon1 - lon2) * cos(lat1 * M_PI / 180);
    return sqrt(dlat * dlat + dlon * dlon);
}

/* The curated settlement that is this GeoNames place (one of its names,
 * same country, near), or -1. */
static long geo_merge_target(const struct grow *g)
{
    long best = -1;
    double best_d = GEO_MERGE_DEG;
    for (size_t i = 0; i < g->n_names; i++) {
        if (!g->names[i].key)
            continue;
        for (int32_t p = first_phrase(g->names[i].key); p >= 0; p = phrases[p].next) {
            if (phrases[p].kind != LEX_PLACE || phrases[p].index >= n_curated)
                continue;
            const struct place *c = &places[phrases[p].index];
            if (!c->country || strcmp(c->country, g->country) != 0 || c->kind > PK_DISTRICT)
                continue;
            double d = degrees_apart(g->lat, g->lon, c->lat, c->lon);
            if (d <= best_d) {
                best = (long)phrases[p].index;
                best_d = d;
            }
        }
    }
    return best;
}

/* Should a name of g (a place of its own) be left out because the
 * curated dictionaries own it: a group, country, demonym or trigger; a
 * curated place of the same country; or a curated place of another
 * country, unless this one is a big city twice as big ("Paris", Texas;
 * but "Hyderabad", India)? Or because GeoNames already has
 * GEO_MAX_HOMONYMS bigger places of that name? */
static bool geo_name_taken(const struct grow *g, const char *key)
{
    long curated_pop = 0;
    size_t homonyms = 0;
    for (int32_t p = first_phrase(key); p >= 0; p = phrases[p].next) {
        if (phrases[p].kind != LEX_PLACE)
            return true;
        if (phrases[p].index >= n_curated) {
            homonyms++;
            continue;
        }
        const struct place *c = &places[phrases[p].index];
        if (c->country && strcmp(c->country, g->country) == 0)
            return true;
        if (c->population > curated_pop)
            curated_pop = c->population;
    }
    if (homonyms >= GEO_MAX_HOMONYMS)
        return true;
    return curated_pop && (g->population < GEO_BIG || g->population < 2 * curated_pop);
}

/* Adds the GeoNames places: merged into the curated place they are, or
 * places of their own, most populous first. Returns how many are new. */
static size_t gen_geonames(const char *path)
{
    size_t n;
    struct grow *rows = geo_read(path, &n);
    /* the largest population named by each primary name; how many places
     * share each alternate (many: their region's, "California" in Persian) */
    struct map primary = {0}, shared = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rows[i].n_names; j++) {
            const struct gname *nm = &rows[i].names[j];
            if (!nm->key)
                continue;
            int32_t *v = map_at(nm->primary ? &primary : &shared, nm->key, true);
            if (!nm->primary)
                *v = *v < 0 ? 1 : *v + 1;
            else if (rows[i].population > *v)
                *v = (int32_t)rows[i].population;
        }
    qsort(rows, n, sizeof *rows, by_population);
    size_t added = 0;
    for (size_t i = 0; i < n; i++) {
        struct grow *g = &rows[i];
        long target = geo_merge_target(g);
        size_t index = target >= 0 ? (size_t)target : n_places, alternates = 0, kept = 0;
        for (size_t j = 0; j < g->n_names; j++) {
            struct gname *nm = &g->names[j];
            if (!nm->key || (word_rule(nm->key) & W_DROP))
                continue;
            char *exact = NULL;
            if (all_english(nm->key)) {
                /* a word: only a big place's own name, only as written */
                if (!nm->primary || target >= 0 ||
                    (!strchr(nm->key, ' ') && g->population < GEO_WORD_MIN_POP))
                    continue;
                exact = nm->surface;
                if (exact[strspn(exact, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz -")])
                    continue; /* matched as written: letters, spaces and hyphens only */
            }
            if ((word_rule(nm->key) & W_NAME) && !strchr(nm->key, ' ') &&
                g->population < GEO_WORD_MIN_POP)
                continue; /* "Diaz", "Benjamin": a small place named like a person */
            if (!nm->primary && (g->population < GEO_ALT_MIN_POP ||
                                 map_get(&primary, nm->key) > g->population ||
                                 (map_get(&shared, nm->key) >= GEO_SHARED_ALT &&
                                  map_get(&primary, nm->key) < 0)))
                continue; /* "Santander" for Santander de Quilichao */
            if (target < 0 && geo_name_taken(g, nm->key))
                continue;
            if (target >= 0) {
                /* the GeoNames spelling the curated place lacks, when it names
                 * nothing else (Suleja's old name is Abuja; Belém's state is Pará) */
                if (!nm->primary)
                    continue;
                bool other = false;
                for (int32_t p = first_phrase(nm->key); p >= 0 && !other; p = phrases[p].next)
                    other = phrases[p].kind != LEX_PLACE || phrases[p].index != (size_t)target;
                if (other)
                    continue;
            }
            if (!nm->primary && alternates++ >= GEO_MAX_ALTERNATES)
                continue;
            push_phrase(xstrdup(nm->key), exact ? xstrdup(exact) : NULL, LEX_PLACE, index);
            kept++;
        }
        if (target >= 0) {
            struct place *c = &places[target];
            if (!c->admin1 && g->admin1)
                c->admin1 = xstrdup(g->admin1);
            if (c->population == 0)
                c->population = g->population;
        } else if (kept) {
            push_place((struct place){xstrdup(g->names[0].surface), xstrdup(g->country),
                                      g->admin1 ? xstrdup(g->admin1) : NULL, g->kind,
                                      g->lat, g->lon, g->population});
            added++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < rows[i].n_names; j++) {
            free(rows[i].names[j].key);
            free(rows[i].names[j].surface);
        }
        free(rows[i].names);
        free(rows[i].admin1);
    }
    free(rows);
    map_free(&primary);
    map_free(&shared);
    return added;
}

/* Writes the table of one dictionary: struct lex_TYPE lex_PREFIX[] and
 * its count lex_n_PREFIX. */
static void gen_table(const char *dir, FILE *out, const char *prefix, int nfields,
                      const char *type, row_fn fn)
{
    fprintf(out, "const struct %s lex_%s[] = {\n", type, prefix);
    size_t n = each_row(dir, prefix, nfields, out, fn);
    fprintf(out, "};\nconst size_t lex_n_%s = %zu;\n\n", prefix, n);
}

/* ---- the image ----------------------------------------------------------- */

/* The string pool: each distinct string once, NUL-terminated. */
static struct buf pool;
static struct map pooled; /* string -> offset; keys are the callers' */

static uint32_t intern(const char *s)
{
    if (!s)
        return LEX_BLOB_NONE;
    int32_t *v = map_at(&pooled, s, true);
    if (*v < 0) {
        *v = (int32_t)pool.len;
        buf_append(&pool, s, strlen(s) + 1);
    }
    return (uint32_t)*v;
}

/* Sets the filter bit of key[0..len) (lex_blob.h). */
static void put_filter(uint64_t *filter, uint32_t shift, const char *key, size_t len)
{
    uint32_t bit = lex_filter_bit(lex_hash(key, len), shift);
    filter[bit >> 6] |= (uint64_t)1 << (bit & 63);
}

/* Adds the slot of key[0..len) (a phrase key or a prefix of one, found at
 * string offset off); head: its first phrase, or -1 for a bare prefix. */
static void put_slot(struct lex_blob_slot *slots, size_t mask, const char *key, size_t len,
                     uint32_t off, int32_t head)
{
    uint32_t h = lex_hash(key, len);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct lex_blob_slot *s = &slots[i];
        if (s->key == LEX_BLOB_NONE) {
            *s = (struct lex_blob_slot){h, off, (uint32_t)len, head};
            return;
        }
        if (s->hash == h && s->len == len && memcmp(pool.data + s->key, key, len) == 0) {
            if (head >= 0)
                s->head = head;
            return;
        }
    }
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Writes the image of the places and phrases (lex_blob.h) to out. */
static int write_image(FILE *out)
{
    buf_init(&pool, 0);
    struct lex_blob_place *bp = xcalloc(n_places ? n_places : 1, sizeof *bp);
    for (size_t i = 0; i < n_places; i++) {
        const struct place *p = &places[i];
        bp[i] = (struct lex_blob_place){intern(p->name), intern(p->country), intern(p->admin1),
                                        (int32_t)lround(p->lat * 1e5),
                                        (int32_t)lround(p->lon * 1e5),
                                        (uint32_t)p->population, (uint32_t)p->kind};
    }
    struct lex_blob_phrase *bf = xcalloc(n_phrases ? n_phrases : 1, sizeof *bf);
    size_t want = n_keys, max_tokens = 1;
    for (size_t i = 0; i < n_phrases; i++) {
        const struct phrase *p = &phrases[i];
        bf[i] = (struct lex_blob_phrase){intern(p->key), intern(p->exact), (uint32_t)p->index,
                                         p->next, (uint32_t)p->kind};
    }
    for (size_t k = 0; k < n_keys; k++) {
        size_t words_in = 1;
        for (const char *c = phrases[key_head[k]].key; *c; c++)
            words_in += *c == ' ';
        want += words_in - 1;
        if (words_in > max_tokens)
            max_tokens = words_in;
    }
    size_t n_slots = 1024;
    while (n_slots < want * 2)
        n_slots *= 2;
    struct lex_blob_slot *slots = xmalloc(n_slots * sizeof *slots);
    for (size_t i = 0; i < n_slots; i++)
        slots[i] = (struct lex_blob_slot){0, LEX_BLOB_NONE, 0, -1};
    for (size_t k = 0; k < n_keys; k++) {
        const struct phrase *p = &phrases[key_head[k]];
        put_slot(slots, n_slots - 1, p->key, strlen(p->key), bf[key_head[k]].key, key_head[k]);
    }
    for (size_t k = 0; k < n_keys; k++) {
        const struct phrase *p = &phrases[key_head[k]];
        for (const char *c = p->key; *c; c++)
            if (*c == ' ')
                put_slot(slots, n_slots - 1, p->key, (size_t)(c - p->key), bf[key_head[k]].key,
                         -1);
    }
    /* the filter: about 16 bits per key and prefix */
    uint32_t log2_bits = 16;
    while (log2_bits < 26 && ((size_t)1 << log2_bits) < want * 16)
        log2_bits++;
    size_t filter_words = ((size_t)1 << log2_bits) / 64;
    uint64_t *filter = xcalloc(filter_words, sizeof *filter);
    for (size_t i = 0; i < n_slots; i++)
        if (slots[i].key != LEX_BLOB_NONE)
            put_filter(filter, 32 - log2_bits, pool.data + slots[i].key, slots[i].len);
    struct lex_blob_head h = {.magic = LEX_BLOB_MAGIC, .version = LEX_BLOB_VERSION,
                              .n_places = (uint32_t)n_places, .n_phrases = (uint32_t)n_phrases,
                              .n_slots = (uint32_t)n_slots, .max_tokens = (uint32_t)max_tokens,
                              .filter_shift = 32 - log2_bits};
    h.places = (uint32_t)align8(sizeof h);
    h.phrases = (uint32_t)align8(h.places + n_places * sizeof *bp);
    h.slots = (uint32_t)align8(h.phrases + n_phrases * sizeof *bf);
    h.filter = (uint32_t)align8(h.slots + n_slots * sizeof *slots);
    h.strings = (uint32_t)(h.filter + filter_words * sizeof *filter);
    h.size = (uint32_t)(h.strings + pool.len);
    static const char zeros[8];
    int rc = 0;
    size_t at = 0;
    const struct { const void *p; size_t n, off; } parts[] = {
        {&h, sizeof h, 0},
        {bp, n_places * sizeof *bp, h.places},
        {bf, n_phrases * sizeof *bf, h.phrases},
        {slots, n_slots * sizeof *slots, h.slots},
        {filter, filter_words * sizeof *filter, h.filter},
        {pool.data, pool.len, h.strings},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts && rc == 0; i++) {
        if (fwrite(zeros, 1, parts[i].off - at, out) != parts[i].off - at ||
            fwrite(parts[i].p, 1, parts[i].n, out) != parts[i].n)
            rc = -1;
        at = parts[i].off + parts[i].n;
    }
    fprintf(stderr, "lexgen: %zu places, %zu phrases, %zu slots, image %.1f MB\n", n_places,
            n_phrases, n_slots, h.size / 1e6);
    free(bp);
    free(bf);
    free(slots);
    free(filter);
    buf_free(&pool);
    map_free(&pooled);
    return rc;
}

/* The assembler source that embeds the image at path. */
static void write_asm(FILE *out, const char *path)
{
    fputs("/* Generated by tools/lexgen.c: embeds the lexicon image. */\n"
          "    .section .rodata.lex_blob,\"a\",@progbits\n"
          "    .balign 64\n"
          "    .globl lex_blob\n"
          "    .type lex_blob, @object\n"
          "lex_blob:\n"
          "    .incbin ", out);
    lit(out, path);
    fputs("\n    .size lex_blob, . - lex_blob\n"
          "    .section .note.GNU-stack,\"\",@progbits\n", out);
}

static char *out_path[3], *out_tmp[3];

static void free_all(void)
{
    for (int i = 0; i < 3; i++) {
        free(out_path[i]);
        free(out_tmp[i]);
    }
    for (size_t i = 0; i < n_phrases; i++) {
        free(phrases[i].key);
        free(phrases[i].exact);
    }
    free(phrases);
    map_free(&keys);
    free(key_head);
    free(key_tail);
    for (size_t i = 0; i < n_places; i++) {
        free(places[i].name);
        free(places[i].country);
        free(places[i].admin1);
    }
    free(places);
    for (size_t i = 0; i < words.cap; i++)
        free((char *)words.keys[i]);
    map_free(&words);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 5) {
        fprintf(stderr, "usage: lexgen DATA_DIR OUTPUT.c [CITIES1000.txt [WORDS_DIR]]\n");
        return 2;
    }
    /* OUTPUT.c, OUTPUT.bin, OUTPUT.S: written as .tmp, renamed when all is well */
    size_t base_len = strlen(argv[2]);
    if (base_len > 2 && strcmp(argv[2] + base_len - 2, ".c") == 0)
        base_len -= 2;
    static const char *const ext[3] = {".c", ".bin", ".S"};
    for (int i = 0; i < 3; i++) {
        struct buf b;
        buf_init(&b, 0);
        buf_printf(&b, "%.*s%s", (int)base_len, argv[2], ext[i]);
        out_path[i] = buf_detach(&b);
        buf_printf(&b, "%s.tmp", out_path[i]);
        out_tmp[i] = buf_detach(&b);
    }
    char cwd[4096];
    struct buf bin_abs;
    buf_init(&bin_abs, 0);
    if (out_path[1][0] == '/' || !getcwd(cwd, sizeof cwd))
        buf_puts(&bin_abs, out_path[1]);
    else
        buf_printf(&bin_abs, "%s/%s", cwd, out_path[1]);
    FILE *out[3];
    for (int i = 0; i < 3; i++)
        if (!(out[i] = fopen(out_tmp[i], i == 1 ? "wb" : "w"))) {
            fprintf(stderr, "lexgen: %s: %s\n", out_tmp[i], strerror(errno));
            free_all();
            return 1;
        }
    fputs("/* Generated by tools/lexgen.c from the TSV files of data/: do not edit. */\n"
          "#include <stdbool.h>\n#include <stddef.h>\n#include \"lexicon/lex.h\"\n\n", out[0]);
    gen_actors(argv[1], out[0]);
    gen_table(argv[1], out[0], "countries", 6, "lex_country", country_row);
    n_curated = each_row(argv[1], "places", 7, out[0], place_row);
    gen_table(argv[1], out[0], "triggers", 3, "lex_trigger", trigger_row);
    size_t from_geonames = 0;
    if (argc >= 4) {
        each_row(argv[1], "words", 2, out[0], word_row);
        /* the word lists generated at build time (scripts/geonames-words) */
        if (argc == 5)
            each_row(argv[4], "words", 2, out[0], word_row);
        from_geonames = gen_geonames(argv[3]);
        fprintf(stderr, "lexgen: %zu places from GeoNames (%s)\n", from_geonames, argv[3]);
    }
    fprintf(out[0], "const size_t lex_n_places = %zu;\n", n_places);
    fprintf(out[0], "const size_t lex_n_phrases = %zu;\n", n_phrases);
    fprintf(out[0], "const bool lex_has_geonames = %s;\n", argc >= 4 ? "true" : "false");
    int bad = write_image(out[1]) != 0;
    write_asm(out[2], bin_abs.data);
    buf_free(&bin_abs);
    for (int i = 0; i < 3; i++)
        bad |= fclose(out[i]) != 0;
    if (bad || failures) {
        fprintf(stderr, "lexgen: %d problem(s) in the dictionaries\n", failures);
        for (int i = 0; i < 3; i++)
            remove(out_tmp[i]);
        free_all();
        return 1;
    }
    for (int i = 0; i < 3; i++)
        if (rename(out_tmp[i], out_path[i]) != 0) {
            fprintf(stderr, "lexgen: %s: %s\n", out_path[i], strerror(errno));
            free_all();
            return 1;
        }
    free_all();
    return 0;
}
