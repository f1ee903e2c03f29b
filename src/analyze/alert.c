/* alert.c - the Poisson surge test (alert.h). */
#include "alert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"

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

static struct alert_series *series_for(struct alert_series **v, size_t *n, size_t *cap,
                                       const char *group, const char *country)
{
    char key[80];
    if (group)
        snprintf(key, sizeof key, "%s in %s", group, country);
    else
        snprintf(key, sizeof key, "%s", country);
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i].key, key) == 0)
            return &(*v)[i];
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *v = xrealloc(*v, *cap * sizeof **v);
    }
    struct alert_series *s = &(*v)[(*n)++];
    memset(s, 0, sizeof *s);
    snprintf(s->key, sizeof s->key, "%s", key);
    snprintf(s->group, sizeof s->group, "%s", group ? group : "");
    snprintf(s->country, sizeof s->country, "%s", country);
    return s;
}

static void count(struct alert_series *s, const struct alert_item *it, bool in_window)
{
    if (!in_window) {
        s->baseline++;
        return;
    }
    if (s->n_items < ALERT_SHOWN)
        s->items[s->n_items++] = it->index;
    s->window++;
}

static int by_score(const void *a, const void *b)
{
    const struct alert_series *x = a, *y = b;
    if (x->r.score != y->r.score)
        return x->r.score > y->r.score ? -1 : 1;
    return strcmp(x->key, y->key);
}

size_t alert_scan(const struct alert_item *items, size_t n, long end,
                  const struct alert_params *ap, struct alert_series **out)
{
    struct alert_series *v = NULL;
    size_t nv = 0, cap = 0;
    long window_start = end - ap->window_days + 1, start = window_start - ap->baseline_days;
    for (size_t i = 0; i < n; i++) {
        const struct alert_item *it = &items[i];
        if (!it->country || !it->country[0] || it->day < start || it->day > end)
            continue;
        bool in_window = it->day >= window_start;
        count(series_for(&v, &nv, &cap, NULL, it->country), it, in_window);
        if (it->group)
            count(series_for(&v, &nv, &cap, it->group, it->country), it, in_window);
    }
    for (size_t i = 0; i < nv; i++)
        alert_test(v[i].baseline, v[i].window, ap, &v[i].r);
    if (nv)
        qsort(v, nv, sizeof *v, by_score);
    *out = v;
    return nv;
}
