/* stix.c - the STIX 2.1 bundle of a set of incidents (stix.h). */
#include "stix.h"

#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/jsonw.h"
#include "../core/tlp.h"
#include "../lexicon/lex.h"

/* sitrep's UUIDv5 namespace (a random UUID, fixed once). */
static const char *const NAMESPACE = "4a7d3e5c-9b21-4f6e-8d0a-3c5b7e1f2a96";

/* The time of the dictionary's objects (groups, places, the identity). */
static const char *const EPOCH = "2024-01-01T00:00:00.000Z";

/* The OASIS TLP 2.0 marking definitions were created then. */
static const char *const TLP2_CREATED = "2022-10-01T00:00:00.000Z";
static const char *const TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

void stix_id(char out[80], const char *type, const char *key)
{
    uuid_t ns, id;
    char text[37];
    uuid_parse(NAMESPACE, ns);
    uuid_generate_sha1(id, ns, key, strlen(key));
    uuid_unparse_lower(id, text);
    snprintf(out, 80, "%s--%s", type, text);
}

/* An RFC 3339 timestamp with milliseconds from an ISO date or date-time
 * ("2016-07-04" -> "2016-07-04T00:00:00.000Z"); EPOCH when there is none. */
static void timestamp(char out[32], const char *iso)
{
    size_t n = iso ? strlen(iso) : 0;
    if (n < 10) {
        snprintf(out, 32, "%s", EPOCH);
        return;
    }
    if (n >= 19 && iso[10] == 'T')
        snprintf(out, 32, "%.19s.000Z", iso);
    else
        snprintf(out, 32, "%.10sT00:00:00.000Z", iso);
}

/* ---- the bundle --------------------------------------------------------- */

struct writer {
    struct buf b;
    struct jw w;
    const struct stix_input *in;
    char identity[80], extension[80];
    char (*ids)[80];    /* the ids written, for the imported objects */
    size_t n_ids;
};

/* Writes x_sitrep_share_with: the users a red object may go to. */
static void share_with(struct jw *w, int tlp, const char *list)
{
    if (tlp != TLP_RED)
        return;
    jw_key(w, "x_sitrep_share_with");
    jw_arr_begin(w);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        jw_strn(w, p, n);
        p = e ? e + 1 : p + n;
    }
    jw_arr_end(w);
}

/* Starts an object of the bundle's list. */
static void begin(struct writer *wr, const char *type, const char *id, const char *created,
                  const char *modified, int tlp)
{
    struct jw *w = &wr->w;
    wr->ids = xrealloc(wr->ids, (wr->n_ids + 1) * sizeof *wr->ids);
    snprintf(wr->ids[wr->n_ids++], sizeof wr->ids[0], "%s", id);
    jw_obj_begin(w);
    jw_key(w, "type");
    jw_str(w, type);
    jw_key(w, "spec_version");
    jw_str(w, "2.1");
    jw_key(w, "id");
    jw_str(w, id);
    jw_key(w, "created");
    jw_str(w, created);
    if (modified) {
        jw_key(w, "modified");
        jw_str(w, modified);
    }
    if (strcmp(type, "marking-definition") != 0 && strcmp(id, wr->identity) != 0) {
        jw_key(w, "created_by_ref");
        jw_str(w, wr->identity);
    }
    if (tlp >= 0) {
        jw_key(w, "object_marking_refs");
        jw_arr_begin(w);
        jw_str(w, tlp_marking_id((enum tlp)tlp));
        jw_arr_end(w);
    }
}

static void count(struct jw *w, const char *key, long long v)
{
    if (v < 0)
        return;
    jw_key(w, key);
    jw_int(w, v);
}

static bool shown(const struct stix_input *in, int tlp)
{
    return tlp <= in->max_tlp;
}

static void marking_definitions(struct writer *wr)
{
    bool used[TLP__COUNT] = {false};
    used[TLP_CLEAR] = true; /* the dictionary's objects */
    for (size_t i = 0; i < wr->in->n; i++)
        if (shown(wr->in, wr->in->v[i].tlp)) {
            used[wr->in->v[i].tlp] = true;
            for (size_t k = 0; k < wr->in->v[i].n_reports; k++)
                if (shown(wr->in, wr->in->v[i].reports[k].tlp))
                    used[wr->in->v[i].reports[k].tlp] = true;
        }
    for (int t = 0; t < TLP__COUNT; t++) {
        if (!used[t])
            continue;
        struct jw *w = &wr->w;
        begin(wr, "marking-definition", tlp_marking_id((enum tlp)t), TLP2_CREATED, NULL, -1);
        jw_key(w, "name");
        jw_str(w, tlp_label((enum tlp)t));
        jw_key(w, "extensions");
        jw_obj_begin(w);
        jw_key(w, TLP2_EXTENSION);
        jw_obj_begin(w);
        jw_key(w, "extension_type");
        jw_str(w, "property-extension");
        jw_key(w, "tlp_2_0");
        jw_str(w, tlp_name((enum tlp)t));
        jw_obj_end(w);
        jw_obj_end(w);
        jw_obj_end(w);
    }
}

static void identity_and_extension(struct writer *wr)
{
    struct jw *w = &wr->w;
    begin(wr, "identity", wr->identity, EPOCH, EPOCH, TLP_CLEAR);
    jw_key(w, "name");
    jw_str(w, "sitrep");
    jw_key(w, "identity_class");
    jw_str(w, "system");
    jw_key(w, "description");
    jw_str(w, "Events and incidents of terrorism and political violence extracted from news "
              "reports by sitrep, each traced to the sentence that states it.");
    jw_obj_end(w);

    begin(wr, "extension-definition", wr->extension, EPOCH, EPOCH, TLP_CLEAR);
    jw_key(w, "name");
    jw_str(w, "sitrep incident");
    jw_key(w, "description");
    jw_str(w, "What sitrep knows of an incident that the STIX incident object lacks.");
    jw_key(w, "schema");
    jw_str(w, "Properties of an incident: event_type (attack, kidnapping, clash, strike, raid, "
              "arrest, escape, plot, financing, claim_only); method (suicide_bombing, bombing, "
              "shooting, vehicle_ramming, stabbing, arson, rocket, drone, hostage_taking, "
              "unknown); date (ISO 8601 at the precision known: YYYY, YYYY-MM or YYYY-MM-DD); "
              "country (ISO 3166-1 alpha-2); place; killed, injured, kidnapped, detained "
              "(integers: the best-supported latest figure of its reports); killed_min and "
              "killed_max (the range across reports); sources (the number of documents that "
              "tell it); sitrep_id (sitrep's incident id).");
    jw_key(w, "version");
    jw_str(w, "1.0");
    jw_key(w, "extension_types");
    jw_arr_begin(w);
    jw_str(w, "property-extension");
    jw_arr_end(w);
    jw_obj_end(w);
}

/* Group keys of the shown incidents, and their parents, sorted. */
static int by_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_key(const char ***v, size_t *n, const char *key)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], key) == 0)
            return;
    *v = xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = key;
}

static void intrusion_sets(struct writer *wr)
{
    const char **keys = NULL;
    size_t n = 0;
    for (size_t i = 0; i < wr->in->n; i++) {
        const struct stix_incident *x = &wr->in->v[i];
        if (!shown(wr->in, x->tlp) || !x->actor_group)
            continue;
        const struct lex_actor *a = lex_actor_by_key(x->actor_group);
        for (int depth = 0; a && depth < 4; depth++) {
            add_key(&keys, &n, a->key);
            a = a->parent ? lex_actor_by_key(a->parent) : NULL;
        }
    }
    if (n > 1)
        qsort(keys, n, sizeof *keys, by_str);
    struct jw *w = &wr->w;
    for (size_t i = 0; i < n; i++) {
        const struct lex_actor *a = lex_actor_by_key(keys[i]);
        char id[80], key[96];
        snprintf(key, sizeof key, "intrusion-set:%s", a->key);
        stix_id(id, "intrusion-set", key);
        begin(wr, "intrusion-set", id, EPOCH, EPOCH, TLP_CLEAR);
        jw_key(w, "name");
        jw_str(w, a->name);
        const char *aliases[24];
        size_t na = lex_actor_aliases(a, aliases, 24);
        if (na) {
            jw_key(w, "aliases");
            jw_arr_begin(w);
            for (size_t k = 0; k < na; k++)
                jw_str(w, aliases[k]);
            jw_arr_end(w);
        }
        jw_key(w, "external_references");
        jw_arr_begin(w);
        jw_obj_begin(w);
        jw_key(w, "source_name");
        jw_str(w, "sitrep");
        jw_key(w, "external_id");
        jw_str(w, a->key);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    /* each affiliate is related to its movement */
    for (size_t i = 0; i < n; i++) {
        const struct lex_actor *a = lex_actor_by_key(keys[i]);
        if (!a->parent || !lex_actor_by_key(a->parent))
            continue;
        char src[80], dst[80], id[80], key[200];
        snprintf(key, sizeof key, "intrusion-set:%s", a->key);
        stix_id(src, "intrusion-set", key);
        snprintf(key, sizeof key, "intrusion-set:%s", a->parent);
        stix_id(dst, "intrusion-set", key);
        snprintf(key, sizeof key, "related-to:%s:%s", a->key, a->parent);
        stix_id(id, "relationship", key);
        begin(wr, "relationship", id, EPOCH, EPOCH, TLP_CLEAR);
        jw_key(w, "relationship_type");
        jw_str(w, "related-to");
        jw_key(w, "description");
        jw_str(w, "affiliate of");
        jw_key(w, "source_ref");
        jw_str(w, src);
        jw_key(w, "target_ref");
        jw_str(w, dst);
        jw_obj_end(w);
    }
    free(keys);
}

/* The key of an incident's location: its place, else its country. */
static bool location_key(const struct stix_incident *x, char *key, size_t n)
{
    if (x->place && x->has_coords)
        snprintf(key, n, "location:%s:%s", x->country, x->place);
    else if (x->country[0])
        snprintf(key, n, "location:%s", x->country);
    else
        return false;
    return true;
}

static void locations(struct writer *wr)
{
    const char **keys = NULL;
    size_t n = 0;
    char (*owned)[160] = xcalloc(wr->in->n + 1, sizeof *owned);
    for (size_t i = 0; i < wr->in->n; i++)
        if (shown(wr->in, wr->in->v[i].tlp) &&
            location_key(&wr->in->v[i], owned[i], sizeof owned[i]))
            add_key(&keys, &n, owned[i]);
    if (n > 1)
        qsort(keys, n, sizeof *keys, by_str);
    struct jw *w = &wr->w;
    for (size_t k = 0; k < n; k++) {
        /* the first incident with this key gives the place */
        const struct stix_incident *x = NULL;
        for (size_t i = 0; i < wr->in->n && !x; i++)
            if (owned[i][0] && strcmp(owned[i], keys[k]) == 0)
                x = &wr->in->v[i];
        char id[80];
        stix_id(id, "location", keys[k]);
        begin(wr, "location", id, EPOCH, EPOCH, TLP_CLEAR);
        bool place = x->place && x->has_coords && strchr(keys[k] + 9, ':');
        const struct lex_country *c = lex_country_by_code(x->country);
        jw_key(w, "name");
        jw_str(w, place ? x->place : c ? c->name : x->country);
        if (x->country[0]) {
            jw_key(w, "country");
            jw_str(w, x->country);
        }
        if (place) {
            jw_key(w, "latitude");
            jw_double(w, x->lat);
            jw_key(w, "longitude");
            jw_double(w, x->lon);
        }
        jw_obj_end(w);
    }
    free(keys);
    free(owned);
}

static void incident_name(const struct stix_incident *x, char *out, size_t n)
{
    const char *how = x->method && strcmp(x->method, "unknown") != 0 ? x->method : x->type;
    char words[32];
    snprintf(words, sizeof words, "%s", how ? how : "incident");
    for (char *p = words; *p; p++)
        if (*p == '_')
            *p = ' ';
    snprintf(out, n, "%c%s in %s, %s", words[0] >= 'a' && words[0] <= 'z' ? words[0] - 32
                                                                          : words[0],
             words + 1, x->place ? x->place : x->country[0] ? x->country : "an unknown place",
             x->date[0] ? x->date : "date unknown");
}

static void incidents(struct writer *wr)
{
    struct jw *w = &wr->w;
    for (size_t i = 0; i < wr->in->n; i++) {
        const struct stix_incident *x = &wr->in->v[i];
        if (!shown(wr->in, x->tlp))
            continue;
        char id[80], key[96], name[200], created[32], modified[32];
        snprintf(key, sizeof key, "incident:%s", x->uid);
        stix_id(id, "incident", key);
        timestamp(created, x->first_reported);
        timestamp(modified, x->last_reported);
        incident_name(x, name, sizeof name);
        begin(wr, "incident", id, created, modified, x->tlp);
        share_with(w, x->tlp, x->share_with);
        jw_key(w, "name");
        jw_str(w, name);
        jw_key(w, "extensions");
        jw_obj_begin(w);
        jw_key(w, wr->extension);
        jw_obj_begin(w);
        jw_key(w, "extension_type");
        jw_str(w, "property-extension");
        jw_key(w, "sitrep_id");
        jw_str(w, x->uid);
        jw_key(w, "event_type");
        jw_str(w, x->type);
        if (x->method) {
            jw_key(w, "method");
            jw_str(w, x->method);
        }
        if (x->date[0]) {
            jw_key(w, "date");
            jw_str(w, x->date);
        }
        if (x->country[0]) {
            jw_key(w, "country");
            jw_str(w, x->country);
        }
        if (x->place) {
            jw_key(w, "place");
            jw_str(w, x->place);
        }
        count(w, "killed", x->killed);
        count(w, "killed_min", x->killed_min);
        count(w, "killed_max", x->killed_max);
        count(w, "injured", x->injured);
        count(w, "kidnapped", x->kidnapped);
        count(w, "detained", x->detained);
        jw_key(w, "sources");
        jw_int(w, x->sources);
        jw_obj_end(w);
        jw_obj_end(w);
        jw_obj_end(w);
    }
    /* what they are attributed to, and where */
    for (size_t i = 0; i < wr->in->n; i++) {
        const struct stix_incident *x = &wr->in->v[i];
        if (!shown(wr->in, x->tlp))
            continue;
        char inc[80], key[200], created[32], modified[32];
        snprintf(key, sizeof key, "incident:%s", x->uid);
        stix_id(inc, "incident", key);
        timestamp(created, x->first_reported);
        timestamp(modified, x->last_reported);
        for (int k = 0; k < 2; k++) {
            char target[80], id[80];
            const char *rel = k == 0 ? "attributed-to" : "located-at";
            if (k == 0) {
                if (!x->actor_group || !lex_actor_by_key(x->actor_group))
                    continue;
                snprintf(key, sizeof key, "intrusion-set:%s", x->actor_group);
                stix_id(target, "intrusion-set", key);
            } else {
                if (!location_key(x, key, sizeof key))
                    continue;
                stix_id(target, "location", key);
            }
            snprintf(key, sizeof key, "%s:%s", rel, x->uid);
            stix_id(id, "relationship", key);
            begin(wr, "relationship", id, created, modified, x->tlp);
            share_with(w, x->tlp, x->share_with);
            jw_key(w, "relationship_type");
            jw_str(w, rel);
            jw_key(w, "source_ref");
            jw_str(w, inc);
            jw_key(w, "target_ref");
            jw_str(w, target);
            jw_obj_end(w);
        }
    }
}

/* The shown reports, sorted by document then event. */
struct shown_report {
    const struct stix_report *r;
    const struct stix_incident *x;
};

static int by_doc(const void *a, const void *b)
{
    const struct shown_report *x = a, *y = b;
    int d = strcmp(x->r->doc_hash, y->r->doc_hash);
    return d ? d : strcmp(x->r->event_uid, y->r->event_uid);
}

static void reports_and_notes(struct writer *wr)
{
    struct shown_report *v = NULL;
    size_t n = 0;
    for (size_t i = 0; i < wr->in->n; i++) {
        const struct stix_incident *x = &wr->in->v[i];
        if (!shown(wr->in, x->tlp))
            continue;
        for (size_t k = 0; k < x->n_reports; k++)
            if (shown(wr->in, x->reports[k].tlp)) {
                v = xrealloc(v, (n + 1) * sizeof *v);
                v[n++] = (struct shown_report){&x->reports[k], x};
            }
    }
    if (n > 1)
        qsort(v, n, sizeof *v, by_doc);
    struct jw *w = &wr->w;
    /* one report per document: the incidents it tells and the notes */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(v[j].r->doc_hash, v[i].r->doc_hash) == 0)
            j++;
        const struct stix_report *r = v[i].r;
        char id[80], key[96], when[32];
        snprintf(key, sizeof key, "report:%s", r->doc_hash);
        stix_id(id, "report", key);
        timestamp(when, r->published ? r->published : r->reported);
        begin(wr, "report", id, when, when, r->tlp);
        share_with(w, r->tlp, r->share_with);
        jw_key(w, "name");
        jw_str(w, r->title ? r->title : r->doc_id);
        jw_key(w, "published");
        jw_str(w, when);
        jw_key(w, "report_types");
        jw_arr_begin(w);
        jw_str(w, "threat-report");
        jw_arr_end(w);
        jw_key(w, "object_refs");
        jw_arr_begin(w);
        for (size_t k = i; k < j; k++) {
            char ref[80];
            snprintf(key, sizeof key, "incident:%s", v[k].x->uid);
            stix_id(ref, "incident", key);
            jw_str(w, ref);
            snprintf(key, sizeof key, "note:%s", v[k].r->event_uid);
            stix_id(ref, "note", key);
            jw_str(w, ref);
        }
        jw_arr_end(w);
        jw_key(w, "external_references");
        jw_arr_begin(w);
        jw_obj_begin(w);
        jw_key(w, "source_name");
        jw_str(w, r->source ? r->source : "sitrep document");
        if (r->url) {
            jw_key(w, "url");
            jw_str(w, r->url);
        }
        jw_key(w, "external_id");
        jw_str(w, r->doc_id);
        jw_key(w, "description");
        jw_str(w, r->doc_hash);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_obj_end(w);
        i = j;
    }
    for (size_t i = 0; i < n; i++) {
        const struct stix_report *r = v[i].r;
        char id[80], key[96], ref[80], when[32], abstract[160];
        snprintf(key, sizeof key, "note:%s", r->event_uid);
        stix_id(id, "note", key);
        timestamp(when, r->published ? r->published : r->reported);
        begin(wr, "note", id, when, when, r->tlp);
        share_with(w, r->tlp, r->share_with);
        snprintf(abstract, sizeof abstract, "bytes %zu-%zu of document %s (%s)", r->start, r->end,
                 r->doc_id, r->doc_hash);
        jw_key(w, "abstract");
        jw_str(w, abstract);
        jw_key(w, "content");
        jw_str(w, r->sentence ? r->sentence : "");
        jw_key(w, "object_refs");
        jw_arr_begin(w);
        snprintf(key, sizeof key, "incident:%s", v[i].x->uid);
        stix_id(ref, "incident", key);
        jw_str(w, ref);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    free(v);
}

static int by_id(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The imported objects sitrep did not write itself. */
static void raw_objects(struct writer *wr)
{
    if (wr->n_ids > 1)
        qsort(wr->ids, wr->n_ids, sizeof *wr->ids, by_id);
    for (size_t i = 0; i < wr->in->n_raw; i++) {
        const struct stix_raw *r = &wr->in->raw[i];
        char key[80];
        snprintf(key, sizeof key, "%s", r->id);
        if (!shown(wr->in, r->tlp) ||
            (wr->n_ids && bsearch(key, wr->ids, wr->n_ids, sizeof *wr->ids, by_id)))
            continue;
        jw_raw(&wr->w, r->json, strlen(r->json));
    }
}

bool stix_write_bundle(FILE *out, const struct stix_input *in)
{
    struct writer wr = {.in = in};
    buf_init(&wr.b, 0);
    jw_init(&wr.w, &wr.b);
    stix_id(wr.identity, "identity", "identity:sitrep");
    stix_id(wr.extension, "extension-definition", "extension:sitrep-incident");

    /* the bundle's id: of what it holds */
    char key[64];
    size_t n_reports = 0;
    unsigned long long sum = 0;
    for (size_t i = 0; i < in->n; i++) {
        n_reports += in->v[i].n_reports;
        for (const char *p = in->v[i].uid; *p; p++)
            sum = sum * 131 + (unsigned char)*p;
    }
    snprintf(key, sizeof key, "bundle:%zu:%zu:%d:%llx", in->n, n_reports, in->max_tlp, sum);
    char id[80];
    stix_id(id, "bundle", key);
    jw_obj_begin(&wr.w);
    jw_key(&wr.w, "type");
    jw_str(&wr.w, "bundle");
    jw_key(&wr.w, "id");
    jw_str(&wr.w, id);
    jw_key(&wr.w, "objects");
    jw_arr_begin(&wr.w);
    marking_definitions(&wr);
    identity_and_extension(&wr);
    intrusion_sets(&wr);
    locations(&wr);
    incidents(&wr);
    reports_and_notes(&wr);
    raw_objects(&wr);
    jw_arr_end(&wr.w);
    jw_obj_end(&wr.w);
    buf_putc(&wr.b, '\n');
    bool ok = fwrite(wr.b.data, 1, wr.b.len, out) == wr.b.len;
    buf_free(&wr.b);
    free(wr.ids);
    return ok && !ferror(out);
}

void stix_input_free(struct stix_input *in)
{
    for (size_t i = 0; i < in->n; i++) {
        struct stix_incident *x = &in->v[i];
        for (size_t k = 0; k < x->n_reports; k++) {
            struct stix_report *r = &x->reports[k];
            free(r->event_uid);
            free(r->sentence);
            free(r->doc_hash);
            free(r->doc_id);
            free(r->title);
            free(r->url);
            free(r->source);
            free(r->published);
            free(r->reported);
            free(r->share_with);
        }
        free(x->reports);
        free(x->uid);
        free(x->type);
        free(x->method);
        free(x->actor_group);
        free(x->place);
        free(x->first_reported);
        free(x->last_reported);
        free(x->share_with);
    }
    free(in->v);
    for (size_t i = 0; i < in->n_raw; i++) {
        free(in->raw[i].id);
        free(in->raw[i].json);
    }
    free(in->raw);
    memset(in, 0, sizeof *in);
}
