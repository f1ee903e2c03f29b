/* test_analyze.c - trends: periods (ISO weeks across year ends, months,
 * years), series and their totals, incidents left out for an imprecise
 * date, and sparklines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "analyze/trend.h"

static void period_name(enum trend_by by, const char *date, const char *want)
{
    long p;
    char name[16];
    assert_true(trend_period(by, date, &p));
    trend_period_name(by, p, name, sizeof name);
    assert_string_equal(name, want);
}

static void periods(void **state)
{
    (void)state;
    /* ISO weeks: 2015-12-31 (Thursday) is in week 53 of 2015, 2016-01-03
     * (Sunday) too; 2016-01-04 (Monday) starts week 1 of 2016; 2018-12-31
     * (Monday) is week 1 of 2019; 2016-02-29 exists */
    period_name(TREND_WEEK, "2015-12-31", "2015-W53");
    period_name(TREND_WEEK, "2016-01-03", "2015-W53");
    period_name(TREND_WEEK, "2016-01-04", "2016-W01");
    period_name(TREND_WEEK, "2018-12-31", "2019-W01");
    period_name(TREND_WEEK, "2016-02-29", "2016-W09");
    period_name(TREND_WEEK, "1969-12-29", "1970-W01");
    period_name(TREND_MONTH, "2016-07-03", "2016-07");
    period_name(TREND_MONTH, "2016-12", "2016-12");
    period_name(TREND_YEAR, "2016-07-03", "2016");
    long a, b;
    assert_true(trend_period(TREND_WEEK, "2016-07-03", &a));
    assert_true(trend_period(TREND_WEEK, "2016-07-04", &b));
    assert_int_equal(b - a, 1); /* Sunday, then Monday: the next week */
    assert_true(trend_period(TREND_MONTH, "2016-12-31", &a));
    assert_true(trend_period(TREND_MONTH, "2017-01-01", &b));
    assert_int_equal(b - a, 1);
    char start[11];
    assert_true(trend_period(TREND_WEEK, "2016-01-01", &a));
    trend_period_start(TREND_WEEK, a, start);
    assert_string_equal(start, "2015-12-28");
    trend_period_start(TREND_MONTH, b, start);
    assert_string_equal(start, "2017-01-01");
    /* not precise enough */
    assert_false(trend_period(TREND_WEEK, "2016-07", &a));
    assert_false(trend_period(TREND_MONTH, "2016", &a));
    assert_false(trend_period(TREND_YEAR, "", &a));
}

static void series_and_totals(void **state)
{
    (void)state;
    struct trend t;
    trend_init(&t, TREND_MONTH);
    const long long k10[4] = {10, 2, -1, -1}, k1[4] = {1, -1, 3, 0}, none[4] = {-1, -1, -1, -1};
    trend_add(&t, "iswap", "2019-01-05", k10);
    trend_add(&t, "iswap", "2019-03-20", k1);
    trend_add(&t, "boko_haram", "2019-03", none);
    trend_add(&t, "iswap", "2019-03-21", k10);
    trend_add(&t, "iswap", "2019", k10);  /* a year: left out of months */
    trend_add(&t, "iswap", "", k10);      /* no date */
    trend_finish(&t);
    assert_int_equal(t.n_periods, 3);      /* January to March, February empty */
    assert_int_equal(t.imprecise, 2);
    assert_int_equal(t.n_series, 2);
    assert_string_equal(t.series[0].key, "iswap"); /* most incidents first */
    assert_int_equal(t.series[0].total[TM_INCIDENTS], 3);
    assert_int_equal(t.series[0].total[TM_KILLED], 21);
    assert_int_equal(t.series[0].total[TM_INJURED], 4);
    assert_int_equal(t.series[0].total[TM_KIDNAPPED], 3);
    assert_int_equal(t.series[0].v[TM_INCIDENTS][0], 1);
    assert_int_equal(t.series[0].v[TM_INCIDENTS][1], 0);
    assert_int_equal(t.series[0].v[TM_INCIDENTS][2], 2);
    assert_int_equal(t.series[0].v[TM_KILLED][2], 11);
    assert_int_equal(t.series[1].v[TM_INCIDENTS][2], 1);
    assert_int_equal(t.series[1].total[TM_KILLED], 0);
    trend_free(&t);
    /* nothing added: no periods */
    trend_init(&t, TREND_WEEK);
    trend_finish(&t);
    assert_int_equal(t.n_periods, 0);
    trend_free(&t);
}

static void sparklines(void **state)
{
    (void)state;
    const long long v[] = {0, 1, 4, 8};
    char out[64];
    trend_sparkline(v, 4, out, sizeof out);
    assert_string_equal(out, " ▁▄█");
    trend_sparkline(v, 0, out, sizeof out);
    assert_string_equal(out, "");
    char small[6]; /* room for one bar only: cut, never overrun */
    trend_sparkline(v + 2, 2, small, sizeof small);
    assert_string_equal(small, "▄");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods),
        cmocka_unit_test(series_and_totals),
        cmocka_unit_test(sparklines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
