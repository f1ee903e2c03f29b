/* alert.h - surge alerts: is a series of incidents rising above its own
 * past?
 *
 * The test is an exact Poisson test. For a series (a group in a country,
 * or a country) it counts the incidents of the last window (30 days by
 * default) and of the trailing baseline before it (365 days), takes the
 * baseline's daily rate, with one incident added so that a series with an
 * empty past still has a rate (a group appearing where it never struck is
 * a rise, but three incidents are needed to say so), and asks how likely
 * the window's count or more would be at that rate: p = P(X >= observed)
 * for X ~ Poisson(expected). A rise is flagged when p < 0.01 and the
 * window holds at least three incidents; the score is -log10(p).
 *
 * Why Poisson: incidents of one series are rare, discrete events, and
 * most series are sparse (a few a year), where the exact Poisson tail is
 * valid with counts as small as 3 and its p-value reads plainly. A
 * negative binomial would allow for clustered attacks but needs a
 * dispersion estimated from the same sparse past, which is unstable; a
 * CUSUM needs a reference and a threshold tuned per series. The price of
 * Poisson is that bursts (a campaign of attacks over a few days) look
 * more surprising than they are; the minimum count and a strict threshold
 * temper it. tests/unit/test_analyze.c measures the detection and false
 * alarm rates on synthetic series. */
#ifndef SITREP_ALERT_H
#define SITREP_ALERT_H

#include <stdbool.h>
#include <stddef.h>

#define ALERT_WINDOW_DAYS 30
#define ALERT_BASELINE_DAYS 365
#define ALERT_MAX_P 0.01
#define ALERT_MIN_COUNT 3

struct alert_params {
    int window_days, baseline_days;
    double max_p;
    long long min_count;
};

struct alert_result {
    long long observed;    /* incidents in the window */
    long long baseline;    /* incidents in the baseline */
    double expected;       /* in the window, at the baseline's rate */
    double p;              /* P(X >= observed), X ~ Poisson(expected) */
    double score;          /* -log10(p) */
    bool flagged;
};

/* The default parameters above. */
void alert_defaults(struct alert_params *ap);

/* P(X >= k) for X ~ Poisson(mu), accurate in the far tail. */
double alert_poisson_sf(long long k, double mu);

/* Tests the counts of a series: `baseline` incidents over the baseline
 * days, `observed` over the window. */
void alert_test(long long baseline, long long observed, const struct alert_params *ap,
                struct alert_result *r);

/* An incident as the scan reads it; index is the caller's. */
struct alert_item {
    const char *country, *group; /* group NULL when none */
    long day;                    /* trend_days() of its date */
    size_t index;
};

#define ALERT_SHOWN 10

/* A series: a group in a country ("iswap in NG"), or a country ("NG"). */
struct alert_series {
    char key[80];
    char group[48];              /* "" for a country */
    char country[3];
    long long baseline, window;  /* incidents in each */
    size_t items[ALERT_SHOWN];   /* indexes of the window's first incidents */
    size_t n_items;
    struct alert_result r;
};

/* Tests every series of the items (n of them, with a country) for a rise
 * in the window ending on day `end`; *out (the caller frees it) holds
 * them, most significant first. Returns their number. */
size_t alert_scan(const struct alert_item *items, size_t n, long end,
                  const struct alert_params *ap, struct alert_series **out);

#endif
