/* alert.c - the Poisson surge test (alert.h). */
#include "alert.h"

#include <math.h>

void alert_defaults(struct alert_params *ap)
{
    ap->window_days = ALERT_WINDOW_DAYS;
    ap->baseline_days = ALERT_BASELINE_DAYS;
    ap->max_p = ALERT_MAX_P;
    ap->min_count = ALERT_MIN_COUNT;
}

double alert_poisson_sf(long long k, double mu)
{
    if (k <= 0)
        return 1.0;
    if (mu <= 0)
        return 0.0;
    /* below the mean, 1 - P(X < k) loses nothing; above it, sum the tail
     * term by term from k, where the terms fall fast */
    if ((double)k <= mu) {
        double term = exp(-mu), cdf = 0;
        for (long long i = 0; i < k; i++) {
            cdf += term;
            term *= mu / (double)(i + 1);
        }
        double sf = 1.0 - cdf;
        return sf < 0 ? 0 : sf;
    }
    double term = exp(-mu + (double)k * log(mu) - lgamma((double)k + 1)), sum = 0;
    for (long long i = k; i < k + 10000 && term > sum * 1e-17; i++) {
        sum += term;
        term *= mu / (double)(i + 1);
    }
    return sum > 1 ? 1 : sum;
}

void alert_test(long long baseline, long long observed, const struct alert_params *ap,
                struct alert_result *r)
{
    r->observed = observed;
    r->baseline = baseline;
    /* one incident added to the past: an empty past still has a rate */
    double rate = ((double)baseline + 1.0) / (double)ap->baseline_days;
    r->expected = rate * (double)ap->window_days;
    r->p = alert_poisson_sf(observed, r->expected);
    r->score = r->p > 0 ? -log10(r->p) : 300.0;
    r->flagged = observed >= ap->min_count && (double)observed > r->expected &&
                 r->p < ap->max_p;
}
