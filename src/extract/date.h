/* date.h - dates in text, resolved against the document's reference date.
 *
 * Recognises "July 3, 2016", "3 July 2016", "July 2016", "July 3",
 * "2016-07-03", "in 2016", weekdays ("on Sunday", resolved to the latest
 * such day on or before the reference), "yesterday", "today", "last
 * month", "last year". Impossible dates (February 30) are rejected. */
#ifndef SITREP_DATE_H
#define SITREP_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "../text/tok.h"

enum date_prec { DATE_NONE, DATE_YEAR, DATE_MONTH, DATE_DAY };

struct date {
    int y, m, d;
    int prec; /* enum date_prec */
};

bool date_valid(int y, int m, int d);
long date_days(int y, int m, int d);     /* days since 1970-01-01 */
void date_from_days(long days, struct date *out);
bool date_parse_iso(const char *s, struct date *out); /* YYYY[-MM[-DD]] */
bool date_is_iso(const char *s); /* s is all of a valid YYYY, YYYY-MM or YYYY-MM-DD */
void date_format(const struct date *dt, char out[11]); /* "" when none */
int date_month(const char *word);        /* 1..12, or 0: "july", "jul", "sept" */

/* Finds the first date expression in tokens [first, last). ref may have
 * no precision (then relative expressions are skipped). On success fills
 * out and *at / *end with its token range. */
bool date_find(const struct tokens *tk, const char *text, size_t first, size_t last,
               const struct date *ref, struct date *out, size_t *at, size_t *end);

#endif
