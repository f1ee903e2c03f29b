/* test_text.c - tokens, normalisation and sentence splitting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "text/tok.h"

static char *norms(const char *text)
{
    struct tokens tk = {0};
    struct buf b;
    buf_init(&b, 0);
    tok_run(&tk, text, strlen(text));
    for (size_t i = 0; i < tk.n; i++) {
        if (i)
            buf_putc(&b, '|');
        buf_puts(&b, tok_norm(&tk, i));
    }
    tok_free(&tk);
    return buf_detach(&b);
}

static void words_numbers_and_punctuation(void **state)
{
    (void)state;
    char *s = norms("Al-Qaeda's fighters killed 1,200 people, and 1.5m fled.");
    assert_string_equal(s, "al|-|qaeda|fighters|killed|1,200|people|,|and|1.5m|fled|.");
    free(s);
}

static void apostrophes_accents_and_case(void **state)
{
    (void)state;
    char *s = norms("Da\xe2\x80\x99" "esh SHI'ITE Tillab\xc3\xa9ri Boko Haram\xe2\x80\x99s");
    assert_string_equal(s, "daesh|shiite|tillaberi|boko|haram");
    free(s);
}

static void dashes_and_quotes_are_normalised(void **state)
{
    (void)state;
    char *s = norms("KABUL \xe2\x80\x94 \xe2\x80\x9cNo\xe2\x80\x9d");
    assert_string_equal(s, "kabul|-|\"|no|\"");
    free(s);
}

static void flags_mark_case_and_paragraphs(void **state)
{
    (void)state;
    const char *text = "Title line\n\nISIS said\nnext";
    struct tokens tk = {0};
    tok_run(&tk, text, strlen(text));
    assert_int_equal(tk.n, 5);
    assert_true(tk.t[0].flags & TOK_CAP);
    assert_true(tk.t[0].flags & TOK_PARA);
    assert_true(tk.t[2].flags & TOK_PARA);
    assert_true(tk.t[2].flags & TOK_ALLCAP);
    assert_false(tk.t[3].flags & TOK_CAP);
    assert_true(tk.t[4].flags & TOK_LINE);
    assert_false(tk.t[4].flags & TOK_PARA);
    tok_free(&tk);
}

static void sentences_respect_abbreviations(void **state)
{
    (void)state;
    const char *text =
        "Gen. Smith said U.S. forces left on Jan. 3. The army struck back! "
        "\"It was over,\" he said. 12 died.\n\nNew paragraph here";
    struct tokens tk = {0};
    tok_run(&tk, text, strlen(text));
    assert_int_equal(tk.ns, 5);
    assert_memory_equal(text + tk.s[0].start, "Gen. Smith said U.S. forces left on Jan. 3.",
                        tk.s[0].end - tk.s[0].start);
    assert_memory_equal(text + tk.s[1].start, "The army struck back!",
                        tk.s[1].end - tk.s[1].start);
    assert_memory_equal(text + tk.s[3].start, "12 died.", tk.s[3].end - tk.s[3].start);
    assert_int_equal(tk.s[3].para, tk.s[0].para);
    assert_int_equal(tk.s[4].para, tk.s[0].para + 1);
    /* without capitals, letters joined by dots are still one word's */
    const char *low = "two u.s. citizens have been killed in the last few hours, the "
                      "sources said. the u.n. mission in the capital said nothing else "
                      "about it. a third sentence ends here.";
    tok_run(&tk, low, strlen(low));
    assert_true(tk.caseless);
    assert_int_equal(tk.ns, 3);
    assert_memory_equal(low + tk.s[1].start, "the u.n. mission", 16);
    tok_free(&tk);
}

static void normalize_joins_words(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    tok_normalize(&b, "Islamic State-Khorasan (ISIS-K)", 31);
    assert_string_equal(b.data, "islamic state khorasan isis k");
    buf_free(&b);
}

static void empty_and_junk_input(void **state)
{
    (void)state;
    struct tokens tk = {0};
    assert_int_equal(tok_run(&tk, "", 0), 0);
    assert_int_equal(tk.n, 0);
    assert_int_equal(tk.ns, 0);
    const char junk[] = "\xff\xfe\x80 abc \xc3";
    tok_run(&tk, junk, sizeof junk - 1);
    assert_true(tk.n >= 1);
    for (size_t i = 0; i < tk.n; i++)
        assert_true(tk.t[i].end <= sizeof junk - 1);
    tok_free(&tk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_numbers_and_punctuation),
        cmocka_unit_test(apostrophes_accents_and_case),
        cmocka_unit_test(dashes_and_quotes_are_normalised),
        cmocka_unit_test(flags_mark_case_and_paragraphs),
        cmocka_unit_test(sentences_respect_abbreviations),
        cmocka_unit_test(normalize_joins_words),
        cmocka_unit_test(empty_and_junk_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
