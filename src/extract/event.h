/* event.h - the event record, the contract of DESIGN.md.
 *
 * An event owns every string it points to (except the static vocabulary
 * strings: type, method, actor_group keys from the lexicon); event_clear()
 * releases them. Counts are -1 when unknown (written as null). */
#ifndef SITREP_EVENT_H
#define SITREP_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/buf.h"

#define EV_UNKNOWN (-1LL)

enum role { ROLE_PERPETRATOR, ROLE_ORGANIZATION, ROLE_TARGET, ROLE_VICTIM,
            ROLE_WEAPON, ROLE__COUNT };

struct strvec {
    char **v;
    size_t n;
};

struct event {
    char *uid;          /* stable id: see event_make_uid(); may be NULL */
    char *doc;          /* document id */
    char *type;         /* attack, kidnapping, clash ... */
    char *method;       /* attacks only, else NULL */
    char *actor;
    char *actor_group;  /* canonical key or NULL */
    char *target;
    char country[3];    /* ISO 3166-1 alpha-2, "" when unknown */
    char *place;
    bool has_coords;
    double lat, lon;
    char date[11];      /* YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown */
    long long killed, injured, kidnapped, detained;
    double amount_usd, amount_usd_max; /* < 0 when unknown */
    char *amount_text;  /* a sum in another currency, as written ("2 billion naira") */
    bool background;
    char *evidence;     /* the sentence */
    size_t ev_start, ev_end; /* its byte offsets in the document text */
    struct strvec roles[ROLE__COUNT];
    double confidence;
};

struct event_list {
    struct event *v;
    size_t n, cap;
};

extern const char *const event_types[];   /* NULL-terminated */
extern const char *const event_methods[]; /* NULL-terminated */
extern const char *const role_names[ROLE__COUNT];

void event_init(struct event *e);   /* all unknown */
void event_clear(struct event *e);  /* frees the strings, then event_init */
struct event *event_list_push(struct event_list *l); /* a new, initialised event */
void event_list_free(struct event_list *l);
void strvec_push(struct strvec *sv, const char *s, size_t n);
void strvec_free(struct strvec *sv);
bool event_type_valid(const char *type);

/* Sets e->uid from the document's content hash and the event's position:
 * the same document always gives its events the same ids. */
void event_make_uid(struct event *e, const char *doc_hash, size_t index);

/* Appends e as one line of JSON (with '\n'), in the field order of the
 * contract. */
void event_write_json(struct buf *out, const struct event *e);

/* Appends the roles as a JSON object (used by the store). */
void event_write_roles(struct buf *out, const struct event *e);
/* Parses a JSON roles object into e->roles; returns ERR_OK or ERR_PARSE. */
int event_read_roles(struct event *e, const char *json);

#endif
