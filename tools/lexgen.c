/* lexgen.c - compiles the dictionaries of data/ into C tables.
 *
 * usage: lexgen DATA_DIR OUTPUT.c
 *
 * Reads actors.tsv, countries.tsv, places.tsv and triggers.tsv (format:
 * data/README.md), checks every line, and writes the tables declared in
 * src/lexicon/lex.h. Any bad line stops the build with FILE:LINE and the
 * problem. Phrases are normalised with the run-time tokeniser, so the
 * build and the matcher agree on what a name looks like. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/alloc.h"
#include "../src/core/buf.h"
#include "../src/lexicon/lex.h"
#include "../src/text/tok.h"

#define MAX_FIELDS 8

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

struct phrase {
    char *key, *exact;
    int kind;
    size_t index;
};
static struct phrase *phrases;
static size_t n_phrases, cap_phrases;

/* Adds one name ("=" prefix: case-sensitive) as a phrase of a kind. */
static void add_phrase(const char *file, int line, const char *name, int kind,
                       size_t index)
{
    const char *surface = name;
    char *exact = NULL;
    if (name[0] == '=') {
        surface = name + 1;
        exact = xstrdup(surface);
    }
    struct buf key;
    buf_init(&key, 0);
    tok_normalize(&key, surface, strlen(surface));
    if (key.len == 0) {
        fail(file, line, "name \"%s\" has no letters or digits", name);
        buf_free(&key);
        free(exact);
        return;
    }
    for (size_t i = n_phrases; i-- > 0 && phrases[i].kind == kind && phrases[i].index == index;)
        if (strcmp(phrases[i].key, key.data) == 0 &&
            ((!phrases[i].exact && !exact) ||
             (phrases[i].exact && exact && strcmp(phrases[i].exact, exact) == 0))) {
            buf_free(&key); /* the same name twice for one entry */
            free(exact);
            return;
        }
    if (n_phrases == cap_phrases) {
        cap_phrases = cap_phrases ? cap_phrases * 2 : 1024;
        phrases = xrealloc(phrases, cap_phrases * sizeof *phrases);
    }
    phrases[n_phrases++] = (struct phrase){buf_detach(&key), exact, kind, index};
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
    char **f = r->f;
    double lat, lon, pop;
    if (strcmp(f[1], "-") != 0 && !is_code(f[1]))
        fail(r->path, r->line, "bad country \"%s\"", f[1]);
    if (parse_double(f[3], -90, 90, &lat) || parse_double(f[4], -180, 180, &lon)) {
        fail(r->path, r->line, "bad coordinates for %s", f[0]);
        lat = lon = 0;
    }
    if (parse_double(f[5], 0, 1e9, &pop)) {
        fail(r->path, r->line, "bad population \"%s\"", f[5]);
        pop = 0;
    }
    fputs("    {", out);
    lit(out, f[0]); fputs(", ", out);
    lit(out, dash_null(f[1])); fputs(", ", out);
    lit(out, f[2]);
    fprintf(out, ", %.5f, %.5f, %ld},\n", lat, lon, (long)pop);
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

/* Writes the table of one dictionary: struct lex_TYPE lex_PREFIX[] and
 * its count lex_n_PREFIX. */
static void gen_table(const char *dir, FILE *out, const char *prefix, int nfields,
                      const char *type, row_fn fn)
{
    fprintf(out, "const struct %s lex_%s[] = {\n", type, prefix);
    size_t n = each_row(dir, prefix, nfields, out, fn);
    fprintf(out, "};\nconst size_t lex_n_%s = %zu;\n\n", prefix, n);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: lexgen DATA_DIR OUTPUT.c\n");
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        fprintf(stderr, "lexgen: %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    fputs("/* Generated by tools/lexgen.c from the TSV files of data/: do not edit. */\n"
          "#include <stddef.h>\n#include \"lexicon/lex.h\"\n\n", out);
    gen_actors(argv[1], out);
    gen_table(argv[1], out, "countries", 6, "lex_country", country_row);
    gen_table(argv[1], out, "places", 7, "lex_place", place_row);
    gen_table(argv[1], out, "triggers", 3, "lex_trigger", trigger_row);
    fputs("const struct lex_phrase lex_phrases[] = {\n", out);
    for (size_t i = 0; i < n_phrases; i++) {
        fputs("    {", out);
        lit(out, phrases[i].key); fputs(", ", out);
        lit(out, phrases[i].exact);
        fprintf(out, ", %d, %zu},\n", phrases[i].kind, phrases[i].index);
    }
    fprintf(out, "};\nconst size_t lex_n_phrases = %zu;\n", n_phrases);
    if (fclose(out) != 0 || failures) {
        fprintf(stderr, "lexgen: %d problem(s) in the dictionaries\n", failures);
        remove(tmp);
        return 1;
    }
    if (rename(tmp, argv[2]) != 0) {
        fprintf(stderr, "lexgen: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < n_phrases; i++) {
        free(phrases[i].key);
        free(phrases[i].exact);
    }
    free(phrases);
    return 0;
}
