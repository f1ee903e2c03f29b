/* csv.c - CSV fields, and rows in ACLED's and GTD's columns (csv.h). */
#include "csv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lexicon/lex.h"

void csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

/* Writes the fields, comma-separated, and ends the row. */
static void row(FILE *out, const char *const *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', out);
        csv_field(out, f[i]);
    }
    fputs("\r\n", out);
}

static bool is(const char *s, const char *want)
{
    return s && strcmp(s, want) == 0;
}

static const char *country_name(const char *cc)
{
    const struct lex_country *c = cc && cc[0] ? lex_country_by_code(cc) : NULL;
    return c ? c->name : NULL;
}

static const char *group_name(const char *key)
{
    const struct lex_actor *a = key ? lex_actor_by_key(key) : NULL;
    return a ? a->name : NULL;
}

/* The parts of an ISO date: year, month and day (0 when unknown). */
static void date_parts(const char *date, int *y, int *m, int *d)
{
    size_t n = date ? strlen(date) : 0;
    *y = n >= 4 ? atoi(date) : 0;
    *m = n >= 7 ? atoi(date + 5) : 0;
    *d = n >= 10 ? atoi(date + 8) : 0;
}

static const char *const acled_columns[] = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"};

void csv_acled_header(FILE *out)
{
    row(out, acled_columns, sizeof acled_columns / sizeof *acled_columns);
}

/* ACLED's event type and sub-event type of a sitrep type and method. */
static bool acled_type(const struct csv_row *r, const char **type, const char **sub)
{
    const char *t = r->type, *m = r->method;
    if (is(t, "attack")) {
        if (is(m, "suicide_bombing")) {
            *type = "Explosions/Remote violence", *sub = "Suicide bomb";
        } else if (is(m, "bombing")) {
            *type = "Explosions/Remote violence", *sub = "Remote explosive/landmine/IED";
        } else if (is(m, "rocket")) {
            *type = "Explosions/Remote violence", *sub = "Shelling/artillery/missile attack";
        } else if (is(m, "drone")) {
            *type = "Explosions/Remote violence", *sub = "Air/drone strike";
        } else if (is(m, "hostage_taking")) {
            *type = "Violence against civilians", *sub = "Abduction/forced disappearance";
        } else {
            *type = "Violence against civilians", *sub = "Attack";
        }
    } else if (is(t, "kidnapping")) {
        *type = "Violence against civilians", *sub = "Abduction/forced disappearance";
    } else if (is(t, "strike")) {
        *type = "Explosions/Remote violence", *sub = "Air/drone strike";
    } else if (is(t, "clash") || is(t, "raid")) {
        *type = "Battles", *sub = "Armed clash";
    } else if (is(t, "arrest")) {
        *type = "Strategic developments", *sub = "Arrests";
    } else if (is(t, "plot")) {
        *type = "Strategic developments", *sub = "Disrupted weapons use";
    } else if (is(t, "escape")) {
        *type = "Strategic developments", *sub = "Other";
    } else {
        return false; /* financing, claim_only */
    }
    return true;
}

/* Seconds since 1970 of an ISO date or date-time (its day, at 00:00 UTC),
 * or -1. */
static long long epoch_of(const char *iso)
{
    int y, m, d;
    date_parts(iso, &y, &m, &d);
    if (!y || !m || !d)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
    return (long long)timegm(&tm);
}

bool csv_acled_row(FILE *out, const struct csv_row *r)
{
    const char *type, *sub;
    if (!acled_type(r, &type, &sub))
        return false;
    int y, m, d;
    date_parts(r->date, &y, &m, &d);
    char date[11] = "", year[8] = "", prec[2] = "", lat[24] = "", lon[24] = "", geo[2] = "";
    char fatal[24], stamp[24] = "", actor2[96] = "", inter[8] = "";
    if (y) {
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, m ? m : 1, d ? d : 1);
        snprintf(year, sizeof year, "%d", y);
        snprintf(prec, sizeof prec, "%d", d ? 1 : 3);
    }
    const char *cname = country_name(r->country);
    if (r->has_coords) {
        snprintf(lat, sizeof lat, "%.4f", r->lat);
        snprintf(lon, sizeof lon, "%.4f", r->lon);
        snprintf(geo, sizeof geo, "1");
    } else if (r->country && r->country[0] && lex_country_by_code(r->country)) {
        const struct lex_country *c = lex_country_by_code(r->country);
        snprintf(lat, sizeof lat, "%.4f", c->lat);
        snprintf(lon, sizeof lon, "%.4f", c->lon);
        snprintf(geo, sizeof geo, "3");
    }
    snprintf(fatal, sizeof fatal, "%lld", r->killed > 0 ? r->killed : 0);
    long long t = epoch_of(r->modified);
    if (t >= 0)
        snprintf(stamp, sizeof stamp, "%lld", t);
    bool state = is(r->type, "strike") || is(r->type, "raid") || is(r->type, "arrest");
    const char *actor1 = group_name(r->actor_group);
    if (!actor1)
        actor1 = r->actor;
    const char *inter1 = r->actor_group ? "2" : state && r->actor ? "1" : "";
    bool civilians = strcmp(type, "Violence against civilians") == 0;
    const char *inter2 = "";
    if (civilians) {
        snprintf(actor2, sizeof actor2, "Civilians (%s)", cname ? cname : "International");
        inter2 = "7";
    }
    if (inter1[0] && inter2[0])
        snprintf(inter, sizeof inter, "%s%s", inter1[0] < inter2[0] ? inter1 : inter2,
                 inter1[0] < inter2[0] ? inter2 : inter1);
    else if (inter1[0])
        snprintf(inter, sizeof inter, "%s0", inter1);
    const char *f[] = {
        r->id, date, year, prec, strcmp(type, "Strategic developments") == 0
                                      ? "Strategic developments" : "Political violence",
        type, sub, actor1, NULL, inter1, actor2[0] ? actor2 : NULL, NULL, inter2, inter,
        civilians ? "Civilian targeting" : NULL, NULL, NULL, cname, NULL, NULL, NULL,
        r->place, lat, lon, geo, r->source, NULL, r->notes, fatal, NULL, stamp};
    row(out, f, sizeof f / sizeof *f);
    return true;
}

static const char *const gtd_columns[] = {
    "eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country", "country_txt",
    "region", "region_txt", "provstate", "city", "latitude", "longitude", "specificity",
    "summary", "success", "suicide", "attacktype1", "attacktype1_txt", "target1", "gname",
    "weaptype1", "weaptype1_txt", "nkill", "nwound", "ishostkid", "nhostkid", "scite1",
    "dbsource"};

void csv_gtd_header(FILE *out)
{
    row(out, gtd_columns, sizeof gtd_columns / sizeof *gtd_columns);
}

bool csv_gtd_row(FILE *out, const struct csv_row *r)
{
    static const struct {
        const char *method;
        int attack, weapon;
    } methods[] = {
        {"suicide_bombing", 3, 6}, {"bombing", 3, 6}, {"rocket", 3, 6}, {"drone", 3, 6},
        {"shooting", 2, 5}, {"stabbing", 2, 9}, {"vehicle_ramming", 8, 10}, {"arson", 7, 8},
        {"hostage_taking", 5, 13}};
    static const char *const attack_txt[] = {
        "", "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking",
        "Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)",
        "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown"};
    static const char *const weapon_txt[] = {
        "", "Biological", "Chemical", "Radiological", "Nuclear", "Firearms", "Explosives",
        "Fake Weapons", "Incendiary", "Melee", "Vehicle", "Sabotage Equipment", "Other",
        "Unknown"};
    bool kidnapping = is(r->type, "kidnapping");
    if (!is(r->type, "attack") && !kidnapping)
        return false;
    int attack = kidnapping ? 6 : 9, weapon = 13;
    for (size_t i = 0; !kidnapping && i < sizeof methods / sizeof *methods; i++)
        if (is(r->method, methods[i].method))
            attack = methods[i].attack, weapon = methods[i].weapon;
    int y, m, d;
    date_parts(r->date, &y, &m, &d);
    char ys[8] = "", ms[4], ds[4], lat[24] = "", lon[24] = "", spec[2] = "", at[4], wt[4];
    char nkill[24] = "", nwound[24] = "", nhost[24] = "";
    if (y)
        snprintf(ys, sizeof ys, "%d", y);
    snprintf(ms, sizeof ms, "%d", m);
    snprintf(ds, sizeof ds, "%d", d);
    if (r->has_coords) {
        snprintf(lat, sizeof lat, "%.4f", r->lat);
        snprintf(lon, sizeof lon, "%.4f", r->lon);
        snprintf(spec, sizeof spec, "1");
    }
    snprintf(at, sizeof at, "%d", attack);
    snprintf(wt, sizeof wt, "%d", weapon);
    if (r->killed >= 0)
        snprintf(nkill, sizeof nkill, "%lld", r->killed);
    if (r->injured >= 0)
        snprintf(nwound, sizeof nwound, "%lld", r->injured);
    bool hostages = kidnapping || attack == 5 || r->kidnapped > 0;
    if (r->kidnapped >= 0)
        snprintf(nhost, sizeof nhost, "%lld", r->kidnapped);
    const char *gname = group_name(r->actor_group);
    const char *f[] = {
        r->id, ys, ms, ds, NULL, "0", NULL, country_name(r->country), NULL, NULL, NULL,
        r->place, lat, lon, spec, r->notes, "1", is(r->method, "suicide_bombing") ? "1" : "0",
        at, attack_txt[attack], r->target, gname ? gname : "Unknown", wt, weapon_txt[weapon],
        nkill, nwound, hostages ? "1" : "0", nhost, r->source, "sitrep"};
    row(out, f, sizeof f / sizeof *f);
    return true;
}
