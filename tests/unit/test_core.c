/* test_core.c - buffers, the JSON writer and error messages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/tlp.h"
#include "core/jsonw.h"

static void buf_grows_and_stays_terminated(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(buf_puts(&b, "abc"), ERR_OK);
    assert_int_equal(b.len, 3000);
    assert_int_equal(b.data[3000], '\0');
    assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), ERR_OK);
    assert_string_equal(b.data + 3000, "42-x");
    buf_free(&b);
}

static void buf_limit_refuses_and_keeps_content(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345"), ERR_OK);
    assert_int_equal(buf_puts(&b, "6789"), ERR_TOOBIG);
    assert_string_equal(b.data, "12345");
    assert_int_equal(buf_puts(&b, "678"), ERR_OK);
    assert_int_equal(buf_putc(&b, 'x'), ERR_TOOBIG);
    /* a long formatted string goes through the slow path of buf_printf */
    struct buf c;
    buf_init(&c, 100);
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(buf_printf(&c, "%s", big), ERR_TOOBIG);
    assert_int_equal(c.len, 0);
    buf_free(&b);
    buf_free(&c);
}

static void buf_detach_hands_over(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    char *empty = buf_detach(&b);
    assert_string_equal(empty, "");
    free(empty);
    buf_puts(&b, "hello");
    char *s = buf_detach(&b);
    assert_string_equal(s, "hello");
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    free(s);
}

static void json_writer_places_commas_and_escapes(void **state)
{
    (void)state;
    struct buf b;
    struct jw w;
    buf_init(&b, 0);
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "s"); jw_str(&w, "a\"b\\c\n\t\x01");
    jw_key(&w, "n"); jw_int(&w, -7);
    jw_key(&w, "d"); jw_double(&w, 33.3152);
    jw_key(&w, "i"); jw_double(&w, 1e7);
    jw_key(&w, "nan"); jw_double(&w, NAN);
    jw_key(&w, "null"); jw_str(&w, NULL);
    jw_key(&w, "a");
    jw_arr_begin(&w);
    jw_bool(&w, true);
    jw_bool(&w, false);
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_obj_end(&w);
    assert_string_equal(b.data,
        "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001\",\"n\":-7,\"d\":33.3152,\"i\":10000000,"
        "\"nan\":null,\"null\":null,\"a\":[true,false,{}]}");
    buf_free(&b);
}

static void error_messages_cover_every_code(void **state)
{
    (void)state;
    for (int c = 0; c < ERR__COUNT; c++)
        assert_true(strlen(err_str(c)) > 0);
    assert_string_equal(err_str(ERR_TOOBIG), "input exceeds the size limit");
    assert_string_equal(err_str(-1), "unknown error");
    assert_string_equal(err_str(ERR__COUNT), "unknown error");
}

static void tlp_levels(void **state)
{
    (void)state;
    enum tlp t;
    assert_true(tlp_parse("amber+strict", &t));
    assert_int_equal(t, TLP_AMBER_STRICT);
    assert_true(tlp_parse("TLP:RED", &t));
    assert_int_equal(t, TLP_RED);
    assert_true(tlp_parse("White", &t)); /* TLP 1.0's name for clear */
    assert_int_equal(t, TLP_CLEAR);
    assert_false(tlp_parse("purple", &t));
    assert_false(tlp_parse(NULL, &t));
    assert_true(TLP_CLEAR < TLP_GREEN && TLP_GREEN < TLP_AMBER && TLP_AMBER < TLP_AMBER_STRICT &&
                TLP_AMBER_STRICT < TLP_RED);
    assert_string_equal(tlp_name(TLP_AMBER_STRICT), "amber+strict");
    assert_string_equal(tlp_label(TLP_CLEAR), "TLP:CLEAR");
    assert_string_equal(tlp_marking_id(TLP_AMBER_STRICT),
                        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
    assert_string_equal(tlp_name((enum tlp)99), "red"); /* unknown: the most restrictive */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tlp_levels),
        cmocka_unit_test(buf_grows_and_stays_terminated),
        cmocka_unit_test(buf_limit_refuses_and_keeps_content),
        cmocka_unit_test(buf_detach_hands_over),
        cmocka_unit_test(json_writer_places_commas_and_escapes),
        cmocka_unit_test(error_messages_cover_every_code),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
