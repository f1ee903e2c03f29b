/* fuse.h - reports of the same incident, across documents.
 *
 * One incident is told by many outlets, each with its own toll, and
 * recalled for years in background paragraphs. fuse_same() says whether
 * an event may tell an incident already known; fuse_summarize() makes the
 * incident's record from all the reports that tell it. Both are pure
 * functions of their arguments: the store (store_sqlite.c) keeps the
 * incidents and calls them as documents arrive.
 *
 * Same incident: compatible types (an attack and its claim) and methods,
 * the same country, the same or a nearby place (coordinates within
 * FUSE_NEAR_KM: a district lies within its city), dates that agree at
 * their shared precision with a day of slack, and no two different
 * groups. Two places of different names nearby (two districts of a city,
 * or a district and its city) fuse only when their tolls are not ten
 * times apart. Reports from one document never fuse (the extractor already
 * gives one event per incident within a document). */
#ifndef SITREP_FUSE_H
#define SITREP_FUSE_H

#include <stdbool.h>
#include <stddef.h>

#include "../extract/event.h"

#define FUSE_NEAR_KM 25.0

/* What fusion compares: an event, or the record of an incident. */
struct fuse_key {
    const char *type;
    const char *method;      /* NULL or "unknown" when not known */
    const char *actor_group; /* NULL for states, lone and unnamed attackers */
    const char *country;     /* "" when unknown */
    const char *place;       /* NULL when unknown */
    bool has_coords;
    double lat, lon;
    const char *date;        /* YYYY, YYYY-MM, YYYY-MM-DD or "" */
    long long killed_lo, killed_hi; /* the range of the dead told, or EV_UNKNOWN */
};

/* The key of an event (pointing into it). */
struct fuse_key fuse_key_of(const struct event *e);

/* How well report r fits incident i: 0 when it cannot tell it, else a
 * score (higher is a better fit) to choose among several incidents. */
int fuse_same(const struct fuse_key *incident, const struct fuse_key *r);

/* The great-circle distance in km. */
double fuse_km(double lat1, double lon1, double lat2, double lon2);

/* The counts an incident keeps. */
enum fuse_count { FUSE_KILLED, FUSE_INJURED, FUSE_KIDNAPPED, FUSE_DETAINED, FUSE__COUNTS };

long long fuse_count(const struct event *e, enum fuse_count which);

/* How much a report tells: not background, not a bare claim, the
 * precision of its date, a place, a method, a group. The report that
 * tells most leads its incident's fields. */
int fuse_telling(const struct event *e);

/* The record of an incident, built one report at a time by fuse_add().
 * Strings point into the reports' events (or the caller's copies of the
 * stored record). */
struct fuse_record {
    const char *type, *method, *actor, *actor_group, *target, *place, *date;
    const char *country;
    bool has_coords;
    double lat, lon;
    int lead;                         /* fuse_telling() of the leading report */
    long long min[FUSE__COUNTS], max[FUSE__COUNTS]; /* EV_UNKNOWN when none */
    int reports;
    bool background;                  /* every report recalls it */
    const char *first_reported, *last_reported;
};

/* Adds report e (reported: its publication or storage time) to rec, which
 * is zeroed before the first: a report that tells more than the lead
 * takes the lead's place, and a field the record lacks comes from the
 * first report that has it. The chosen figure of each count is not in
 * the record: it needs every report's figure (see fuse_summarize(); the
 * store keeps a tally per day and figure). */
void fuse_add(struct fuse_record *rec, const struct event *e, const char *reported);

/* One report of an incident: the event and when its document was
 * published (or, failing that, stored). */
struct fuse_report {
    const struct event *e;
    const char *reported; /* ISO date or date-time; compared as text */
    long long doc_rowid;  /* which document (reports of one count once) */
};

/* A figure across the reports: the chosen one, the range, and how many
 * reports gave one. */
struct fuse_figure {
    long long value, min, max; /* EV_UNKNOWN when no report gives it */
    int reports;
};

/* Everything the reports of an incident say together. */
struct fuse_summary {
    struct fuse_record rec;
    struct fuse_figure fig[FUSE__COUNTS];
    int sources;              /* distinct documents */
};

/* Fills s from n >= 1 reports, as fuse_add() over them in order, and
 * chooses each count's figure: the best-supported latest one, that is,
 * among the reports of the latest day (of publication) that give one, the
 * figure most of them give (the larger on a tie). So a later, higher toll
 * (a correction, the dead counted) replaces an earlier one; the range is
 * over every report. The store chooses the same way, from its tally. */
void fuse_summarize(const struct fuse_report *r, size_t n, struct fuse_summary *s);

#endif
