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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
