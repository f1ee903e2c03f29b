/* stix.h - incidents as a STIX 2.1 bundle, for partners' platforms
 * (OpenCTI, MISP, TAXII servers).
 *
 * What is written, every object marked with its TLP 2.0 marking
 * definition (object_marking_refs):
 *   - the TLP 2.0 marking-definitions used (the OASIS objects, with their
 *     fixed ids), the identity "sitrep" (created_by_ref of the others) and
 *     the extension-definition of sitrep's incident properties;
 *   - intrusion-set: each group named, with its aliases; "related-to" its
 *     parent movement (description "affiliate of");
 *   - location: each place (name, country, latitude, longitude), or a
 *     country alone;
 *   - incident: each incident, its name and description, and in sitrep's
 *     property extension what STIX lacks (type, method, date, tolls with
 *     their range, sources, place, country);
 *   - relationship: incident "attributed-to" intrusion-set, incident
 *     "located-at" location;
 *   - report: each source document (name, published, external_references
 *     with its URL or file), object_refs to the incidents it tells and the
 *     notes of its sentences;
 *   - note: each report's sentence, with its byte offsets in the abstract.
 *
 * Ids are UUIDv5 of stable keys in sitrep's namespace (the group key, the
 * place, the incident id, the document hash, the event id), so exporting
 * twice gives the same ids; created and modified come from the data (the
 * first and latest report of an incident), so modified changes only when
 * the content does. Objects above max_tlp are left out, and so is every
 * reference to them. Objects imported from partners follow, as they came,
 * unless sitrep's own data gave an object of the same id. A TLP:RED
 * object names the users it may go to in x_sitrep_share_with. */
#ifndef SITREP_STIX_H
#define SITREP_STIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One report of an incident, with its document. */
struct stix_report {
    char *event_uid, *sentence;
    size_t start, end;
    char *doc_hash, *doc_id, *title, *url, *source, *published;
    char *reported;      /* publication, else storage time */
    char *share_with;    /* TLP:RED: the users named ("a,b"), or NULL */
    int tlp;
    long long killed;
};

struct stix_incident {
    char *uid, *type, *method, *actor_group, *place;
    char country[3];
    bool has_coords;
    double lat, lon;
    char date[11];
    long long killed, killed_min, killed_max, injured, kidnapped, detained;
    int sources, tlp;
    char *share_with;    /* TLP:RED: the users named ("a,b"), or NULL */
    char *first_reported, *last_reported;
    struct stix_report *reports;
    size_t n_reports;
};

/* An object kept as it came (imported), written after sitrep's own. */
struct stix_raw {
    char *id, *json;
    int tlp;
};

struct stix_input {
    struct stix_incident *v;
    size_t n;
    struct stix_raw *raw; /* written unless sitrep wrote an object of that id */
    size_t n_raw;
    int max_tlp; /* the most restrictive level written (enum tlp) */
};

/* "type--uuid": a UUIDv5 of key in sitrep's namespace. */
void stix_id(char out[80], const char *type, const char *key);

/* Writes the bundle as one JSON document; false when writing failed. */
bool stix_write_bundle(FILE *out, const struct stix_input *in);

void stix_input_free(struct stix_input *in);

struct store;
struct store_filter;
/* Reads the incidents that pass f (NULL: all), their reports and the
 * imported objects, up to f's max_tlp, into in (freed by the caller with
 * stix_input_free(); left empty on failure). Fuses pending events first. */
int stix_from_store(struct store *s, const struct store_filter *f, struct stix_input *in);

#endif
