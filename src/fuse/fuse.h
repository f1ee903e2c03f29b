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

/* One report of an incident: the event and when its document was
 * published (or, failing that, stored). */
struct fuse_report {
    const struct event *e;
    const char *reported; /* ISO date or date-time; compared as text */
    long long doc_rowid;  /* which document (reports of one count once) */
};

/* A figure across the reports: the chosen one, the range, and how many
 * documents gave one. */
struct fuse_figure {
    long long value, min, max; /* EV_UNKNOWN when no report gives it */
    int reports;
};

/* The record of an incident. Strings point into the reports' events. */
struct fuse_summary {
    const struct event *lead; /* the report whose fields lead (type,
                               * method, actor, place, date) */
    const char *method, *actor, *actor_group, *target, *place;
    bool has_coords;
    double lat, lon;
    const char *date;
    struct fuse_figure killed, injured, kidnapped, detained;
    int sources;              /* distinct documents */
    const char *first_reported, *last_reported;
};

/* Fills s from n >= 1 reports. The toll is the best-supported latest
 * figure: among the reports of the latest day that give one, the figure
 * most of them give (the larger on a tie), so a later, higher toll (a
 * correction, the dead counted) replaces an earlier one; the range is
 * over every report. The other fields come from the report that tells
 * the most (not background, the most precise date, a place, a method, a
 * group), each missing one from the next report that has it. */
void fuse_summarize(const struct fuse_report *r, size_t n, struct fuse_summary *s);

#endif
