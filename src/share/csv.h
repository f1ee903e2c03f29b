/* csv.h - CSV for other tools: fields quoted as RFC 4180 says, and rows
 * with the columns and codes of ACLED and of the Global Terrorism
 * Database, so that analysts can load sitrep's events and incidents
 * beside those datasets.
 *
 * The mapping, and what cannot map:
 *
 * ACLED (31 columns, after the 2023 change). event_type and
 * sub_event_type: suicide bombing -> Explosions/Remote violence, Suicide
 * bomb; bombing -> Remote explosive/landmine/IED; rocket -> Shelling/
 * artillery/missile attack; drone and air strike -> Air/drone strike;
 * other attacks -> Violence against civilians, Attack; kidnapping and
 * hostage taking -> Abduction/forced disappearance; clash and raid ->
 * Battles, Armed clash; arrest -> Strategic developments, Arrests; plot
 * -> Disrupted weapons use; escape -> Other. Financing and bare claims
 * have no ACLED event and are not written. actor1 is the group's name
 * (inter1 2, rebel group) or the actor as told (inter1 1 for state
 * strikes, raids and arrests); actor2 is "Civilians (COUNTRY)" (inter2 7)
 * for violence against civilians, else empty. iso (numeric ISO 3166),
 * region and admin1-3 are left empty: sitrep keeps alpha-2 codes and
 * settlements, not ACLED's regions or admin units. Without a place, the
 * country's representative point is given with geo_precision 3.
 * time_precision is 1 for a day, 3 for a month or year (its first day).
 * fatalities is the toll, 0 when unknown.
 *
 * GTD (a subset of its 135 columns: the ones sitrep knows). Only attacks
 * and kidnappings are written (GTD holds terrorist attacks, not arrests,
 * clashes or strikes). eventid is sitrep's id, not GTD's YYYYMMDDNNNN;
 * the numeric country and region codes are left empty (country_txt is
 * the name); imonth and iday are 0 when unknown, as in GTD. attacktype1:
 * bombings, rockets and drones 3 Bombing/Explosion, shooting 2 Armed
 * Assault, stabbing 2 with weapon 9 Melee, ramming 8 Unarmed Assault with
 * weapon 10 Vehicle, arson 7 Facility/Infrastructure Attack with weapon 8
 * Incendiary, hostage taking 5, kidnapping 6, else 9 Unknown. success is
 * 1 (sitrep reports what happened), suicide 1 for a suicide bombing,
 * gname the group's name or "Unknown"; target types, claims, property and
 * ransom are not written. */
#ifndef SITREP_CSV_H
#define SITREP_CSV_H

#include <stdbool.h>
#include <stdio.h>

/* Writes s as one CSV field (quoted when it holds a comma, a quote or a
 * line break); NULL writes an empty field. */
void csv_field(FILE *out, const char *s);

/* What the exports read of an event or an incident. */
struct csv_row {
    const char *id, *type, *method, *actor, *actor_group, *target, *country, *place, *date;
    const char *notes;      /* the evidence sentence, or a pointer to the sources */
    const char *source;     /* the document(s) */
    bool has_coords;
    double lat, lon;
    long long killed, injured, kidnapped; /* < 0 when unknown */
    const char *modified;   /* ISO date or time of the last report, or NULL */
};

void csv_acled_header(FILE *out);
/* Writes r as an ACLED row; false (nothing written) when its type has
 * no ACLED event. */
bool csv_acled_row(FILE *out, const struct csv_row *r);

void csv_gtd_header(FILE *out);
/* Writes r as a GTD row; false (nothing written) unless it is an attack
 * or a kidnapping. */
bool csv_gtd_row(FILE *out, const struct csv_row *r);

#endif
