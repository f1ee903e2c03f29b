/* fuse.c - is this report one more telling of a known incident, and what
 * do all the reports of an incident say together (fuse.h). */
#include "fuse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct fuse_key fuse_key_of(const struct event *e)
{
    struct fuse_key k = {
        .type = e->type,
        .method = e->method,
        .actor_group = e->actor_group,
        .country = e->country,
        .place = e->place,
        .has_coords = e->has_coords,
        .lat = e->lat,
        .lon = e->lon,
        .date = e->date,
        .killed_lo = e->killed,
        .killed_hi = e->killed,
    };
    return k;
}

double fuse_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

static bool known(const char *method)
{
    return method && method[0] && strcmp(method, "unknown") != 0;
}

/* An attack and its claim, a kidnapping and its claim, or the same type. */
static bool types_fit(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    if (strcmp(a, b) == 0)
        return true;
    bool a_claim = strcmp(a, "claim_only") == 0, b_claim = strcmp(b, "claim_only") == 0;
    const char *other = a_claim ? b : a;
    return (a_claim || b_claim) && !(a_claim && b_claim) &&
           (strcmp(other, "attack") == 0 || strcmp(other, "kidnapping") == 0);
}

/* A bombing and a suicide bombing are one method told twice. */
static bool methods_fit(const char *a, const char *b)
{
    if (!known(a) || !known(b) || strcmp(a, b) == 0)
        return true;
    return strstr(a, "bombing") && strstr(b, "bombing");
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Splits an ISO date into its parts; returns its precision: 0 none,
 * 1 year, 2 month, 3 day. */
static int date_parts(const char *s, int *y, int *m, int *d)
{
    size_t n = s ? strlen(s) : 0;
    *y = *m = *d = 0;
    if (n < 4)
        return 0;
    *y = atoi(s);
    if (n < 7)
        return 1;
    *m = atoi(s + 5);
    if (n < 10)
        return 2;
    *d = atoi(s + 8);
    return 3;
}

/* How two dates agree: -1 they differ, 0 one is unknown, else the shared
 * precision they agree at (1 year, 2 month, 3 day; a day of slack). */
static int dates_fit(const char *a, const char *b)
{
    int ya, ma, da, yb, mb, db;
    int pa = date_parts(a, &ya, &ma, &da), pb = date_parts(b, &yb, &mb, &db);
    int p = pa < pb ? pa : pb;
    if (p == 0)
        return 0;
    if (p == 3)
        return labs(days_from_civil(ya, ma, da) - days_from_civil(yb, mb, db)) <= 1 ? 3 : -1;
    if (ya != yb)
        return -1;
    return p == 1 || ma == mb ? p : -1;
}

/* How two places agree: -1 different, 0 one is unknown, 1 near, 2 the
 * same name. */
static int places_fit(const struct fuse_key *a, const struct fuse_key *b)
{
    if (!a->place || !b->place || !a->place[0] || !b->place[0])
        return 0;
    if (strcasecmp(a->place, b->place) == 0)
        return 2;
    if (a->has_coords && b->has_coords &&
        fuse_km(a->lat, a->lon, b->lat, b->lon) <= FUSE_NEAR_KM)
        return 1;
    return -1;
}

int fuse_same(const struct fuse_key *i, const struct fuse_key *r)
{
    if (!types_fit(i->type, r->type) || !methods_fit(i->method, r->method))
        return 0;
    if (!i->country[0] || strcmp(i->country, r->country) != 0)
        return 0;
    bool groups = i->actor_group && r->actor_group;
    if (groups && strcmp(i->actor_group, r->actor_group) != 0)
        return 0;
    int dates = dates_fit(i->date, r->date), places = places_fit(i, r);
    if (dates < 0 || places < 0)
        return 0;
    /* a city and a district, or two districts: not when the tolls are
     * ten times apart (a bomb in one market, a massacre in another) */
    if (places == 1 && i->killed_lo >= 0 && r->killed_lo >= 0 &&
        (r->killed_hi * 10 < i->killed_lo || r->killed_lo > 10 * (i->killed_hi ? i->killed_hi : 1)))
        return 0;
    /* without a date, the place and the group must say it */
    if (dates == 0 && (places == 0 || !groups))
        return 0;
    /* without a place, the day and the group or the method must */
    bool methods = known(i->method) && known(r->method);
    if (places == 0 && (dates < 3 || !(groups || methods)))
        return 0;
    return 1 + 2 * dates + 2 * places + (groups ? 3 : 0) + (methods ? 1 : 0);
}

long long fuse_count(const struct event *e, enum fuse_count which)
{
    switch (which) {
    case FUSE_KILLED: return e->killed;
    case FUSE_INJURED: return e->injured;
    case FUSE_KIDNAPPED: return e->kidnapped;
    default: return e->detained;
    }
}

int fuse_telling(const struct event *e)
{
    int y, m, d;
    return (e->background ? 0 : 32) + (strcmp(e->type, "claim_only") != 0 ? 16 : 0) +
           4 * date_parts(e->date, &y, &m, &d) + (e->place ? 2 : 0) +
           (known(e->method) ? 1 : 0) + (e->actor_group ? 1 : 0);
}

void fuse_add(struct fuse_record *rec, const struct event *e, const char *reported)
{
    int telling = fuse_telling(e);
    if (rec->reports == 0) {
        for (int k = 0; k < FUSE__COUNTS; k++)
            rec->min[k] = rec->max[k] = EV_UNKNOWN;
        rec->background = true;
        rec->lead = -1;
    }
    if (telling > rec->lead) { /* the new lead: its fields, where it has them */
        rec->lead = telling;
        rec->type = e->type;
        rec->country = e->country;
        rec->date = e->date;
        if (known(e->method) || !rec->method)
            rec->method = e->method;
        if (e->actor_group) {
            rec->actor_group = e->actor_group;
            rec->actor = e->actor;
        } else if (!rec->actor_group && e->actor) {
            rec->actor = e->actor;
        }
        if (e->target)
            rec->target = e->target;
        if (e->place) {
            rec->place = e->place;
            rec->has_coords = e->has_coords;
            rec->lat = e->lat;
            rec->lon = e->lon;
        }
    } else { /* what the record lacks */
        if ((!rec->method || !known(rec->method)) && known(e->method))
            rec->method = e->method;
        if (!rec->actor_group && e->actor_group) {
            rec->actor_group = e->actor_group;
            rec->actor = e->actor;
        }
        if (!rec->actor && e->actor)
            rec->actor = e->actor;
        if (!rec->target && e->target)
            rec->target = e->target;
        if (!rec->place && e->place) {
            rec->place = e->place;
            rec->has_coords = e->has_coords;
            rec->lat = e->lat;
            rec->lon = e->lon;
        }
    }
    for (int k = 0; k < FUSE__COUNTS; k++) {
        long long v = fuse_count(e, (enum fuse_count)k);
        if (v < 0)
            continue;
        if (rec->min[k] < 0 || v < rec->min[k])
            rec->min[k] = v;
        if (v > rec->max[k])
            rec->max[k] = v;
    }
    rec->background &= e->background;
    if (reported && (!rec->first_reported || strcmp(reported, rec->first_reported) < 0))
        rec->first_reported = reported;
    if (reported && (!rec->last_reported || strcmp(reported, rec->last_reported) > 0))
        rec->last_reported = reported;
    rec->reports++;
}

/* The day of a report time ("2016-07-03T10:00:00Z" -> "2016-07-03"). */
static bool same_day(const char *a, const char *b)
{
    return a && b && strncmp(a, b, 10) == 0;
}

/* The best-supported latest figure of one count (see fuse.h). */
static void figure(const struct fuse_report *r, size_t n, enum fuse_count which,
                   struct fuse_figure *f)
{
    const char *latest = NULL;
    f->value = f->min = f->max = EV_UNKNOWN;
    f->reports = 0;
    for (size_t i = 0; i < n; i++) {
        long long v = fuse_count(r[i].e, which);
        if (v < 0)
            continue;
        f->reports++;
        if (f->min < 0 || v < f->min)
            f->min = v;
        if (v > f->max)
            f->max = v;
        if (r[i].reported && (!latest || strncmp(r[i].reported, latest, 10) > 0))
            latest = r[i].reported;
    }
    int best_support = 0;
    for (size_t i = 0; i < n; i++) {
        long long v = fuse_count(r[i].e, which);
        if (v < 0 || (latest && !same_day(r[i].reported, latest)))
            continue;
        int support = 0;
        for (size_t j = 0; j < n; j++)
            if (fuse_count(r[j].e, which) == v && (!latest || same_day(r[j].reported, latest)))
                support++;
        if (support > best_support || (support == best_support && v > f->value)) {
            best_support = support;
            f->value = v;
        }
    }
}

void fuse_summarize(const struct fuse_report *r, size_t n, struct fuse_summary *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < n; i++)
        fuse_add(&s->rec, r[i].e, r[i].reported);
    for (int k = 0; k < FUSE__COUNTS; k++)
        figure(r, n, (enum fuse_count)k, &s->fig[k]);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = r[j].doc_rowid == r[i].doc_rowid;
        s->sources += !seen;
    }
}
