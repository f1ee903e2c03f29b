/* trend.c - incidents and tolls per period and series (trend.h). */
#include "trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../store/store.h"

const char *const trend_measure_names[TM__COUNT] = {"incidents", "killed", "injured",
                                                    "kidnapped", "detained"};

/* One incident before the trend is finished. */
struct trend_point {
    size_t series;
    long period;
    long long tolls[4];
};

void trend_init(struct trend *t, enum trend_by by)
{
    memset(t, 0, sizeof *t);
    t->by = by;
}

void trend_free(struct trend *t)
{
    for (size_t i = 0; i < t->n_series; i++) {
        free(t->series[i].key);
        for (int m = 0; m < TM__COUNT; m++)
            free(t->series[i].v[m]);
    }
    free(t->series);
    free(t->points);
    memset(t, 0, sizeof *t);
}

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
 * algorithms). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* floor(a / b) for b > 0. */
static long floor_div(long a, long b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

bool trend_days(const char *date, long *days)
{
    long p;
    if (!trend_period(TREND_WEEK, date, &p)) /* day-precise and valid */
        return false;
    *days = days_from_civil(atol(date), atoi(date + 5), atoi(date + 8));
    return true;
}

void trend_date_of(long days, char out[11])
{
    long y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(out, 11, "%04ld-%02d-%02d", y, m, d);
}

bool trend_period(enum trend_by by, const char *date, long *period)
{
    size_t n = date ? strlen(date) : 0;
    if (n < 4)
        return false;
    long y = atol(date);
    int m = n >= 7 ? atoi(date + 5) : 0, d = n >= 10 ? atoi(date + 8) : 0;
    switch (by) {
    case TREND_YEAR:
        *period = y;
        return true;
    case TREND_MONTH:
        if (m < 1 || m > 12)
            return false;
        *period = y * 12 + (m - 1);
        return true;
    default:
        if (m < 1 || d < 1)
            return false;
        /* 1970-01-01 was a Thursday: day 3 of the week that began on
         * Monday 1969-12-29 */
        *period = floor_div(days_from_civil(y, m, d) + 3, 7);
        return true;
    }
}

void trend_period_start(enum trend_by by, long period, char out[11])
{
    long y;
    int m = 1, d = 1;
    if (by == TREND_YEAR)
        y = period;
    else if (by == TREND_MONTH)
        y = floor_div(period, 12), m = (int)(period - y * 12) + 1;
    else
        civil_from_days(period * 7 - 3, &y, &m, &d);
    snprintf(out, 11, "%04ld-%02d-%02d", y, m, d);
}

void trend_period_name(enum trend_by by, long period, char *out, size_t n)
{
    if (by == TREND_YEAR) {
        snprintf(out, n, "%ld", period);
    } else if (by == TREND_MONTH) {
        long y = floor_div(period, 12);
        snprintf(out, n, "%04ld-%02ld", y, period - y * 12 + 1);
    } else {
        /* the ISO year is the year of the week's Thursday */
        long y;
        int m, d;
        long thursday = period * 7; /* the week's Monday is day 7 * period - 3 */
        civil_from_days(thursday, &y, &m, &d);
        long jan1 = days_from_civil(y, 1, 1);
        snprintf(out, n, "%04ld-W%02ld", y, (thursday - jan1) / 7 + 1);
    }
}

static size_t series_of(struct trend *t, const char *key)
{
    for (size_t i = 0; i < t->n_series; i++)
        if (strcmp(t->series[i].key, key) == 0)
            return i;
    t->series = xrealloc(t->series, (t->n_series + 1) * sizeof *t->series);
    struct trend_series *s = &t->series[t->n_series];
    memset(s, 0, sizeof *s);
    s->key = xstrdup(key);
    return t->n_series++;
}

void trend_add(struct trend *t, const char *key, const char *date, const long long tolls[4])
{
    long p;
    if (!trend_period(t->by, date, &p)) {
        t->imprecise++;
        return;
    }
    if (t->n_points == t->cap_points) {
        t->cap_points = t->cap_points ? 2 * t->cap_points : 64;
        t->points = xrealloc(t->points, t->cap_points * sizeof *t->points);
    }
    struct trend_point *pt = &t->points[t->n_points++];
    pt->series = series_of(t, key ? key : "unknown");
    pt->period = p;
    memcpy(pt->tolls, tolls, sizeof pt->tolls);
    if (t->n_points == 1 || p < t->first)
        t->first = p;
    if (t->n_points == 1 || p > t->last)
        t->last = p;
}

static int by_incidents(const void *a, const void *b)
{
    const struct trend_series *x = a, *y = b;
    if (x->total[TM_INCIDENTS] != y->total[TM_INCIDENTS])
        return x->total[TM_INCIDENTS] > y->total[TM_INCIDENTS] ? -1 : 1;
    return strcmp(x->key, y->key);
}

void trend_finish(struct trend *t)
{
    t->n_periods = t->n_points ? (size_t)(t->last - t->first + 1) : 0;
    for (size_t i = 0; i < t->n_series; i++)
        for (int m = 0; m < TM__COUNT; m++)
            t->series[i].v[m] = xcalloc(t->n_periods + 1, sizeof *t->series[i].v[m]);
    for (size_t k = 0; k < t->n_points; k++) {
        const struct trend_point *pt = &t->points[k];
        struct trend_series *s = &t->series[pt->series];
        size_t at = (size_t)(pt->period - t->first);
        s->v[TM_INCIDENTS][at]++;
        s->total[TM_INCIDENTS]++;
        for (int m = 1; m < TM__COUNT; m++)
            if (pt->tolls[m - 1] > 0) {
                s->v[m][at] += pt->tolls[m - 1];
                s->total[m] += pt->tolls[m - 1];
            }
    }
    free(t->points);
    t->points = NULL;
    t->n_points = t->cap_points = 0;
    if (t->n_series > 1)
        qsort(t->series, t->n_series, sizeof *t->series, by_incidents);
}

void trend_sparkline(const long long *v, size_t n, char *out, size_t cap)
{
    static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    long long top = 0;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i] > top)
            top = v[i];
    for (size_t i = 0; i < n && len + 4 < cap; i++) {
        const char *c = " ";
        if (v[i] > 0)
            c = bars[(size_t)(v[i] * 7 / top)];
        size_t k = strlen(c);
        memcpy(out + len, c, k);
        len += k;
    }
    out[len] = '\0';
}

const char *const trend_by_names[3] = {"week", "month", "year"};
const char *const trend_split_names[4] = {"none", "group", "country", "type"};

bool trend_by_parse(const char *name, enum trend_by *out)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(name, trend_by_names[i]) == 0) {
            *out = (enum trend_by)i;
            return true;
        }
    return false;
}

bool trend_split_parse(const char *name, enum trend_split *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, trend_split_names[i]) == 0) {
            *out = (enum trend_split)i;
            return true;
        }
    return false;
}

int trend_add_incident(void *feed, const struct incident *in)
{
    const struct trend_feed *f = feed;
    enum trend_split split = f->split;
    const char *key = "all";
    if (split == TREND_SPLIT_GROUP)
        key = in->actor_group ? in->actor_group : "unattributed";
    else if (split == TREND_SPLIT_COUNTRY)
        key = in->country[0] ? in->country : "unknown";
    else if (split == TREND_SPLIT_TYPE)
        key = in->type;
    long long tolls[4] = {in->killed, in->injured, in->kidnapped, in->detained};
    trend_add(f->t, key, in->date, tolls);
    return 0;
}
