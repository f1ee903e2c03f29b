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

static void gen_actors(const char *dir, FILE *out)
{
    char line[65536], *f[MAX_FIELDS + 1];
    size_t nfiles;
    char **files = list_tsv(dir, "actors", &nfiles);
    char **keys = NULL;
    char **parents = NULL;
    int *plines = NULL;
    size_t *pfiles = NULL;
    size_t n = 0;
    fputs("const struct lex_actor lex_actors[] = {\n", out);
    for (size_t fi = 0; fi < nfiles; fi++) {
    const char *path = files[fi];
    FILE *in = open_tsv(path);
    for (int ln = 1; fgets(line, sizeof line, in); ln++) {
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        if (split(line, f) != 5) {
            fail(path, ln, "expected 5 fields");
            continue;
        }
        if (!is_key(f[0]))
            fail(path, ln, "bad key \"%s\"", f[0]);
        for (size_t i = 0; i < n; i++)
            if (strcmp(keys[i], f[0]) == 0)
                fail(path, ln, "duplicate key \"%s\"", f[0]);
        if (strcmp(f[3], "-") != 0 && !is_code(f[3]))
            fail(path, ln, "bad country \"%s\"", f[3]);
        keys = xrealloc(keys, (n + 1) * sizeof *keys);
        parents = xrealloc(parents, (n + 1) * sizeof *parents);
        plines = xrealloc(plines, (n + 1) * sizeof *plines);
        pfiles = xrealloc(pfiles, (n + 1) * sizeof *pfiles);
        pfiles[n] = fi;
        keys[n] = xstrdup(f[0]);
        parents[n] = xstrdup(f[2]);
        plines[n] = ln;
        char *names = xstrdup(f[4]);
        char *display = xstrndup(names, strcspn(names, "|"));
        fputs("    {", out);
        lit(out, f[0]); fputs(", ", out);
        lit(out, f[1]); fputs(", ", out);
        lit(out, dash_null(f[2])); fputs(", ", out);
        lit(out, dash_null(f[3])); fputs(", ", out);
        lit(out, display[0] == '=' ? display + 1 : display);
        fputs("},\n", out);
        add_names(path, ln, names, LEX_ACTOR, n);
        free(names);
        free(display);
        n++;
    }
    fclose(in);
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(parents[i], "-") == 0)
            continue;
        size_t j = 0;
        while (j < n && strcmp(keys[j], parents[i]) != 0)
            j++;
        if (j == n)
            fail(files[pfiles[i]], plines[i], "unknown parent \"%s\"", parents[i]);
    }
    fprintf(out, "};\nconst size_t lex_n_actors = %zu;\n\n", n);
    for (size_t i = 0; i < n; i++) {
        free(keys[i]);
        free(parents[i]);
    }
    free(keys);
    free(parents);
    free(plines);
    free(pfiles);
    for (size_t fi = 0; fi < nfiles; fi++)
        free(files[fi]);
    free(files);
}

static void gen_countries(const char *dir, FILE *out)
{
    char line[65536], *f[MAX_FIELDS + 1];
    size_t nfiles;
    char **files = list_tsv(dir, "countries", &nfiles);
    size_t n = 0;
    fputs("const struct lex_country lex_countries[] = {\n", out);
    for (size_t fi = 0; fi < nfiles; fi++) {
    const char *path = files[fi];
    FILE *in = open_tsv(path);
    for (int ln = 1; fgets(line, sizeof line, in); ln++) {
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        double lat, lon;
        if (split(line, f) != 6) {
            fail(path, ln, "expected 6 fields");
            continue;
        }
        if (!is_code(f[0]))
            fail(path, ln, "bad code \"%s\"", f[0]);
        if (parse_double(f[2], -90, 90, &lat) || parse_double(f[3], -180, 180, &lon)) {
            fail(path, ln, "bad coordinates for %s", f[0]);
            continue;
        }
        fputs("    {", out);
        lit(out, f[0]); fputs(", ", out);
        lit(out, f[1]);
        fprintf(out, ", %.5f, %.5f},\n", lat, lon);
        add_phrase(path, ln, f[1], LEX_COUNTRY, n);
        add_names(path, ln, f[4], LEX_COUNTRY, n);
        add_names(path, ln, f[5], LEX_DEMONYM, n);
        n++;
    }
    fclose(in);
    }
    fprintf(out, "};\nconst size_t lex_n_countries = %zu;\n\n", n);
    for (size_t fi = 0; fi < nfiles; fi++)
        free(files[fi]);
    free(files);
}

static void gen_places(const char *dir, FILE *out)
{
    char line[65536], *f[MAX_FIELDS + 1];
    size_t nfiles;
    char **files = list_tsv(dir, "places", &nfiles);
    size_t n = 0;
    fputs("const struct lex_place lex_places[] = {\n", out);
    for (size_t fi = 0; fi < nfiles; fi++) {
    const char *path = files[fi];
    FILE *in = open_tsv(path);
    for (int ln = 1; fgets(line, sizeof line, in); ln++) {
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        double lat, lon, pop;
        if (split(line, f) != 7) {
            fail(path, ln, "expected 7 fields");
            continue;
        }
        if (strcmp(f[1], "-") != 0 && !is_code(f[1]))
            fail(path, ln, "bad country \"%s\"", f[1]);
        if (parse_double(f[3], -90, 90, &lat) || parse_double(f[4], -180, 180, &lon)) {
            fail(path, ln, "bad coordinates for %s", f[0]);
            continue;
        }
        if (parse_double(f[5], 0, 1e9, &pop))
            fail(path, ln, "bad population \"%s\"", f[5]);
        fputs("    {", out);
        lit(out, f[0]); fputs(", ", out);
        lit(out, dash_null(f[1])); fputs(", ", out);
        lit(out, f[2]);
        fprintf(out, ", %.5f, %.5f, %ld},\n", lat, lon, (long)pop);
        add_phrase(path, ln, f[0], LEX_PLACE, n);
        add_names(path, ln, f[6], LEX_PLACE, n);
        n++;
    }
    fclose(in);
    }
    fprintf(out, "};\nconst size_t lex_n_places = %zu;\n\n", n);
    for (size_t fi = 0; fi < nfiles; fi++)
        free(files[fi]);
    free(files);
}

static void gen_triggers(const char *dir, FILE *out)
{
    char line[65536], *f[MAX_FIELDS + 1];
    size_t nfiles;
    char **files = list_tsv(dir, "triggers", &nfiles);
    size_t n = 0;
    fputs("const struct lex_trigger lex_triggers[] = {\n", out);
    for (size_t fi = 0; fi < nfiles; fi++) {
    const char *path = files[fi];
    FILE *in = open_tsv(path);
    for (int ln = 1; fgets(line, sizeof line, in); ln++) {
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == '\0')
            continue;
        if (split(line, f) != 3) {
            fail(path, ln, "expected 3 fields");
            continue;
        }
        int cls = -1;
        for (int c = 0; c < TRIG__COUNT; c++)
            if (strcmp(f[0], trig_class_names[c]) == 0)
                cls = c;
        if (cls < 0) {
            fail(path, ln, "unknown class \"%s\"", f[0]);
            continue;
        }
        fprintf(out, "    {%d, ", cls);
        lit(out, strcmp(f[1], "-") == 0 ? "" : f[1]);
        fputs("},\n", out);
        add_names(path, ln, f[2], LEX_TRIGGER, n);
        n++;
    }
    fclose(in);
    }
    fprintf(out, "};\nconst size_t lex_n_triggers = %zu;\n\n", n);
    for (size_t fi = 0; fi < nfiles; fi++)
        free(files[fi]);
    free(files);
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
    gen_countries(argv[1], out);
    gen_places(argv[1], out);
    gen_triggers(argv[1], out);
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
