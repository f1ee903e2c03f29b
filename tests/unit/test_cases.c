/* test_cases.c - the data-driven extraction cases.
 *
 * usage: test_cases CORPUS_DIR EXPECTED_DIR [KNOWN_GAPS]
 *
 * Every document of CORPUS_DIR (examples/, the bundled sample corpus, or
 * tests/cases/, one construction per article) has its expected events in
 * EXPECTED_DIR/DOC.jsonl, one JSON object per event. This test
 * reads each document as `sitrep ingest` would, extracts its events, and
 * pairs every expected event with a distinct extracted one of the same
 * type and country whose date agrees; then compares the slots the expected
 * line gives (method, actor_group, place, date, the four tolls, amounts,
 * background). A document with no expected events must yield none.
 *
 * An expected line may carry "gaps": [slot, ...] - slots the extractor is
 * known to miss today (each one listed in the README's known gaps). They
 * are reported, not failed; every other slot must match.
 *
 * KNOWN_GAPS lists documents the extractor does not get right yet, one a
 * line ("NAME reason"). The test fails when a document outside the list
 * fails, and when a listed one passes (then it must leave the list): the
 * list can only shrink. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "extract/ev.h"
#include "ingest/ingest.h"

static const char *corpus_dir, *expected_dir, *gaps_file;
static int n_docs, n_expected, n_found, n_gaps, n_failures;
static char *known;            /* the KNOWN_GAPS file, or NULL */
static int n_known_failing, n_unexpected, n_fixed;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b;
    buf_init(&b, 0);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    return buf_detach(&b);
}

static bool in_gaps(const cJSON *exp, const char *slot)
{
    const cJSON *g, *gaps = cJSON_GetObjectItemCaseSensitive(exp, "gaps");
    cJSON_ArrayForEach(g, gaps)
        if (cJSON_IsString(g) && strcmp(g->valuestring, slot) == 0)
            return true;
    return false;
}

static const char *str_or_null(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static bool dates_agree(const char *a, const char *b)
{
    if (!a || !b || !*a || !*b)
        return true;
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    return strncmp(a, b, n) == 0;
}

/* case-insensitive "one contains the other", ignoring accents' absence */
static bool place_ok(const char *want, const char *got)
{
    if (!want || !got)
        return !want && !got;
    char a[256], b[256];
    size_t i;
    for (i = 0; want[i] && i < 255; i++) a[i] = (char)tolower((unsigned char)want[i]);
    a[i] = '\0';
    for (i = 0; got[i] && i < 255; i++) b[i] = (char)tolower((unsigned char)got[i]);
    b[i] = '\0';
    return strstr(a, b) || strstr(b, a);
}

static bool count_ok(const cJSON *exp, const char *k, long long got)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(exp, k);
    if (!v || cJSON_IsNull(v))
        return got < 0;
    return cJSON_IsNumber(v) && got >= 0 && (double)got == v->valuedouble;
}

static bool amount_ok(const cJSON *exp, const char *k, double got)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(exp, k);
    if (!v || cJSON_IsNull(v))
        return got < 0;
    return cJSON_IsNumber(v) && got == v->valuedouble;
}

static bool str_ok(const char *want, const char *got)
{
    if (!want || !got)
        return !want && !got;
    return strcmp(want, got) == 0;
}

/* Number of slots of e that differ from exp (gaps excluded); each named. */
static int compare(const char *doc, const cJSON *exp, const struct event *e, bool report)
{
    int bad = 0;
#define CHECK(slot, ok)                                                         \
    do {                                                                        \
        if (!cJSON_GetObjectItemCaseSensitive(exp, slot) || (ok))               \
            break;                                                              \
        if (in_gaps(exp, slot)) {                                               \
            if (report)                                                         \
                n_gaps++;                                                       \
            break;                                                              \
        }                                                                       \
        bad++;                                                                  \
        if (report)                                                             \
            print_message("  %s: %s event at %zu: %s differs\n", doc, e->type,  \
                          e->ev_start, slot);                                   \
    } while (0)
    CHECK("method", str_ok(str_or_null(exp, "method"), e->method));
    CHECK("actor_group", str_ok(str_or_null(exp, "actor_group"), e->actor_group));
    CHECK("place", place_ok(str_or_null(exp, "place"), e->place));
    CHECK("date", str_ok(str_or_null(exp, "date"), e->date[0] ? e->date : NULL));
    CHECK("killed", count_ok(exp, "killed", e->killed));
    CHECK("injured", count_ok(exp, "injured", e->injured));
    CHECK("kidnapped", count_ok(exp, "kidnapped", e->kidnapped));
    CHECK("detained", count_ok(exp, "detained", e->detained));
    CHECK("amount_usd", amount_ok(exp, "amount_usd", e->amount_usd));
    CHECK("amount_usd_max", amount_ok(exp, "amount_usd_max", e->amount_usd_max));
    CHECK("background", cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(exp, "background")) &&
                            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(exp, "background")) ==
                                e->background);
#undef CHECK
    return bad;
}

static bool pairable(const cJSON *exp, const struct event *e)
{
    return str_ok(str_or_null(exp, "type"), e->type) &&
           str_ok(str_or_null(exp, "country"), e->country[0] ? e->country : NULL) &&
           dates_agree(str_or_null(exp, "date"), e->date);
}

/* Is the document listed in KNOWN_GAPS (a line starting "NAME ")? */
static bool is_known(const char *id)
{
    size_t n = strlen(id);
    for (const char *p = known; p && *p;) {
        if (strncmp(p, id, n) == 0 && (p[n] == ' ' || p[n] == '\t' || p[n] == '\n'))
            return true;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return false;
}

static int check_doc(void *ctx, struct doc *d)
{
    (void)ctx;
    n_docs++;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.jsonl", expected_dir, d->id);
    int failures_before = n_failures;
    char *text = read_file(path);
    if (!text) {
        print_message("  %s: no expected events (%s)\n", d->id, path);
        n_failures++;
        doc_free(d);
        return 0;
    }
    struct event_list got = {0};
    ev_extract(d, &got);
    bool *used = xcalloc(got.n + 1, sizeof *used);
    size_t n_exp = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        cJSON *exp = cJSON_Parse(line);
        assert_non_null(exp);
        n_exp++;
        n_expected++;
        /* the best-agreeing free extracted event */
        int best = -1, best_bad = 1000;
        for (size_t i = 0; i < got.n; i++)
            if (!used[i] && pairable(exp, &got.v[i])) {
                int bad = compare(d->id, exp, &got.v[i], false);
                if (bad < best_bad) {
                    best = (int)i;
                    best_bad = bad;
                }
            }
        if (best < 0) {
            print_message("  %s: missed %s event (%s)\n", d->id,
                          str_or_null(exp, "type"), str_or_null(exp, "evidence"));
            n_failures++;
        } else {
            used[best] = true;
            n_found++;
            if (compare(d->id, exp, &got.v[best], true))
                n_failures++;
        }
        cJSON_Delete(exp);
    }
    for (size_t i = 0; i < got.n; i++)
        if (!used[i]) {
            print_message("  %s: unexpected %s event: %s\n", d->id, got.v[i].type,
                          got.v[i].evidence);
            n_failures++;
        }
    (void)n_exp;
    bool failed = n_failures > failures_before;
    bool listed = is_known(d->id);
    if (failed && listed) {
        n_known_failing++;
        n_failures = failures_before; /* reported above, not counted */
    } else if (failed) {
        n_unexpected++;
    } else if (listed) {
        print_message("  %s: passes now: take it out of %s\n", d->id, gaps_file);
        n_fixed++;
    }
    free(used);
    free(text);
    event_list_free(&got);
    doc_free(d);
    return 0;
}

static void report(void *ctx, enum ingest_level level, const char *source, const char *msg)
{
    (void)ctx;
    print_message("  %s: %s: %s\n", source, level == INGEST_ERROR ? "error" : "warning", msg);
    if (level == INGEST_ERROR)
        n_failures++;
}

/* Reads the corpus: a directory of documents, or, when the expected
 * files sit beside them, only its .txt files. */
static int read_corpus(const struct ingest_sink *sink)
{
    if (strcmp(corpus_dir, expected_dir) != 0)
        return ingest_path(corpus_dir, NULL, sink);
    struct dirent **names;
    int n = scandir(corpus_dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name);
        if (len > 4 && strcmp(names[i]->d_name + len - 4, ".txt") == 0) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", corpus_dir, names[i]->d_name);
            if (ingest_path(path, NULL, sink) != 0)
                rc = 1;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static void corpus_gives_its_expected_events(void **state)
{
    (void)state;
    struct ingest_sink sink = {check_doc, report, NULL};
    assert_int_equal(read_corpus(&sink), 0);
    print_message("%d documents, %d expected events, %d found, %d known gaps, "
                  "%d failures; %d documents listed as known gaps, %d fixed\n",
                  n_docs, n_expected, n_found, n_gaps, n_failures, n_known_failing, n_fixed);
    assert_true(n_docs >= 25);
    assert_int_equal(n_failures, 0);
    assert_int_equal(n_unexpected, 0);
    assert_int_equal(n_fixed, 0);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_cases CORPUS_DIR EXPECTED_DIR [KNOWN_GAPS]\n");
        return 2;
    }
    corpus_dir = argv[1];
    expected_dir = argv[2];
    gaps_file = argc > 3 ? argv[3] : "(none)";
    if (argc > 3) {
        known = read_file(argv[3]);
        if (!known) {
            fprintf(stderr, "test_cases: cannot read %s\n", argv[3]);
            return 2;
        }
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(corpus_gives_its_expected_events),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    free(known);
    return rc;
}
