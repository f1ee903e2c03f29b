/* trend.h - incidents and their tolls per period (week, month or year)
 * and per series (all incidents, or one series per group, country or
 * type), for `sitrep trends` and the alerts.
 *
 * A trend is built from incidents one at a time (trend_add()), then
 * closed (trend_finish()), which lays every series on the same run of
 * periods from the first to the last one seen, empty periods included.
 * An incident whose date is less precise than the period (a month when
 * the trend is weekly, or no date) is counted apart, in `imprecise`. */
#ifndef SITREP_TREND_H
#define SITREP_TREND_H

#include <stdbool.h>
#include <stddef.h>

enum trend_by { TREND_WEEK, TREND_MONTH, TREND_YEAR };

/* What makes a series: one for all incidents, or one per group, country
 * or type. */
enum trend_split { TREND_SPLIT_NONE, TREND_SPLIT_GROUP, TREND_SPLIT_COUNTRY, TREND_SPLIT_TYPE };

extern const char *const trend_by_names[3];    /* "week", "month", "year" */
extern const char *const trend_split_names[4]; /* "none", "group", "country", "type" */

/* A name of those lists; false for another. */
bool trend_by_parse(const char *name, enum trend_by *out);
bool trend_split_parse(const char *name, enum trend_split *out);

/* What is counted per period. */
enum trend_measure { TM_INCIDENTS, TM_KILLED, TM_INJURED, TM_KIDNAPPED, TM_DETAINED, TM__COUNT };

extern const char *const trend_measure_names[TM__COUNT];

struct trend_series {
    char *key;                      /* "all", a group key, a country code, a type */
    long long *v[TM__COUNT];        /* per period, after trend_finish() */
    long long total[TM__COUNT];
};

struct trend {
    enum trend_by by;
    long first, last;               /* period numbers (see trend_period_name()) */
    size_t n_periods;               /* last - first + 1, 0 when nothing was added */
    struct trend_series *series;
    size_t n_series;
    long long imprecise;            /* incidents left out: date less precise than by */
    /* before trend_finish(): the incidents added, by period */
    struct trend_point *points;
    size_t n_points, cap_points;
};

void trend_init(struct trend *t, enum trend_by by);
void trend_free(struct trend *t);

/* The period number of an ISO date at precision by, or false when the
 * date is not that precise. Weeks are ISO 8601 weeks (Monday first). */
bool trend_period(enum trend_by by, const char *date, long *period);
/* Writes the period's name: "2016-W27", "2016-07" or "2016". */
void trend_period_name(enum trend_by by, long period, char *out, size_t n);
/* The first day (YYYY-MM-DD) of a period. */
void trend_period_start(enum trend_by by, long period, char out[11]);

/* Days since 1970-01-01 of a day-precise ISO date (false otherwise), and
 * the date of a day number. */
bool trend_days(const char *date, long *days);
void trend_date_of(long days, char out[11]);

/* Counts an incident of the series key at date with its tolls (negative:
 * unknown, counted as 0). */
void trend_add(struct trend *t, const char *key, const char *date, const long long tolls[4]);

/* A trend fed from a store query: trend_add_incident() is the callback
 * of store_query_incidents(), with a struct trend_feed as its context. It
 * adds the incident to its series under split ("unattributed" and
 * "unknown" for no group or country) and returns 0. */
struct trend_feed {
    struct trend *t;
    enum trend_split split;
};
struct incident;
int trend_add_incident(void *feed, const struct incident *in);

/* Lays the series on the periods; series are sorted by incidents, most
 * first, then by key. */
void trend_finish(struct trend *t);

/* Writes a sparkline of the values (UTF-8 block characters, one per
 * value, scaled to the largest; a space for zero) into out. */
void trend_sparkline(const long long *v, size_t n, char *out, size_t cap);

#endif
