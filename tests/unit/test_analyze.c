/* test_analyze.c - trends: periods (ISO weeks across year ends, months,
 * years), series and their totals, incidents left out for an imprecise
 * date, and sparklines; alerts: the Poisson tail, and the detection and
 * false-alarm rates of the surge test on synthetic series with a known
 * change (or none). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/alert.h"
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

static void poisson_tail(void **state)
{
    (void)state;
    assert_true(fabs(alert_poisson_sf(0, 3.0) - 1.0) < 1e-12);
    /* P(X >= 1) = 1 - e^-mu */
    assert_true(fabs(alert_poisson_sf(1, 0.5) - (1 - exp(-0.5))) < 1e-12);
    /* P(X >= 9 | 3) = 0.0038030 (tables) */
    assert_true(fabs(alert_poisson_sf(9, 3.0) - 0.0038030) < 1e-6);
    /* P(X >= 3 | 3) = 1 - e^-3 (1 + 3 + 4.5) = 0.5768099 */
    assert_true(fabs(alert_poisson_sf(3, 3.0) - 0.5768099) < 1e-6);
    /* the far tail stays positive and tiny */
    double far = alert_poisson_sf(60, 2.0);
    assert_true(far > 0 && far < 1e-50);
    assert_true(alert_poisson_sf(5, 0.0) == 0.0);
}

static void alert_rules(void **state)
{
    (void)state;
    struct alert_params ap;
    struct alert_result r;
    alert_defaults(&ap);
    /* a group that never struck here: three incidents in a month is a rise */
    alert_test(0, 3, &ap, &r);
    assert_true(r.flagged);
    assert_true(r.score > 3);
    /* but two are not enough */
    alert_test(0, 2, &ap, &r);
    assert_false(r.flagged);
    /* 36 a year (3 a month expected): 4 is ordinary, 12 a surge */
    alert_test(36, 4, &ap, &r);
    assert_false(r.flagged);
    alert_test(36, 12, &ap, &r);
    assert_true(r.flagged);
    assert_true(fabs(r.expected - 37.0 * 30 / 365) < 1e-9);
    /* a fall is never a rise */
    alert_test(365, 1, &ap, &r);
    assert_false(r.flagged);
}

/* A small deterministic generator (xorshift64*), and Poisson draws. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static double uniform(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 0x2545F4914F6CDD1DULL) >> 11) / 9007199254740992.0;
}

static long long poisson(double mean)
{
    double l = exp(-mean), p = 1;
    long long k = 0;
    do {
        k++;
        p *= uniform();
    } while (p > l);
    return k - 1;
}

/* Runs the test on `trials` synthetic series whose rate is daily_rate
 * over the baseline and `rise` times that over the window; returns the
 * share flagged. */
static double flagged_share(double daily_rate, double rise, int trials)
{
    struct alert_params ap;
    struct alert_result r;
    alert_defaults(&ap);
    int flagged = 0;
    for (int i = 0; i < trials; i++) {
        long long base = poisson(daily_rate * ap.baseline_days);
        long long now = poisson(daily_rate * rise * ap.window_days);
        alert_test(base, now, &ap, &r);
        flagged += r.flagged;
    }
    return (double)flagged / trials;
}

static void synthetic_series(void **state)
{
    (void)state;
    static const double rates[] = {0.02, 0.1, 0.5}; /* 7, 36, 183 incidents a year */
    static const double rises[] = {1, 2, 3, 5};
    const int trials = 4000;
    printf("# surge test on synthetic series (%d series per cell; share flagged)\n", trials);
    printf("# rate/day  rise x1 (false alarms)   x2      x3      x5\n");
    for (size_t i = 0; i < sizeof rates / sizeof *rates; i++) {
        double share[4];
        for (size_t j = 0; j < 4; j++)
            share[j] = flagged_share(rates[i], rises[j], trials);
        printf("# %8.2f  %8.4f               %6.3f  %6.3f  %6.3f\n", rates[i], share[0],
               share[1], share[2], share[3]);
        assert_true(share[0] <= 0.02);     /* false alarms: rare */
        assert_true(share[3] >= share[2]); /* the larger the rise, the likelier found */
        if (rates[i] >= 0.1)
            assert_true(share[3] >= 0.9);  /* a fivefold rise of a busy series: found */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(periods),
        cmocka_unit_test(series_and_totals),
        cmocka_unit_test(sparklines),
        cmocka_unit_test(poisson_tail),
        cmocka_unit_test(alert_rules),
        cmocka_unit_test(synthetic_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
