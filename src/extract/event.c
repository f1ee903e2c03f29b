/* event.c - the event record: lifetime, stable ids and JSON form. */
#include "event.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../core/alloc.h"
#include "../core/err.h"
#include "../core/jsonw.h"

const char *const event_types[] = {
    "attack", "kidnapping", "clash", "strike", "raid", "arrest",
    "escape", "plot", "financing", "claim_only", NULL};

const char *const event_methods[] = {
    "suicide_bombing", "bombing", "shooting", "vehicle_ramming", "stabbing",
    "arson", "rocket", "drone", "hostage_taking", "unknown", NULL};

const char *const role_names[ROLE__COUNT] = {
    "perpetrator", "organization", "target", "victim", "weapon"};

void event_init(struct event *e)
{
    memset(e, 0, sizeof *e);
    e->killed = e->injured = e->kidnapped = e->detained = EV_UNKNOWN;
    e->amount_usd = e->amount_usd_max = -1;
    e->confidence = 0;
}

void event_clear(struct event *e)
{
    free(e->uid);
    free(e->doc);
    free(e->type);
    free(e->method);
    free(e->actor);
    free(e->actor_group);
    free(e->target);
    free(e->place);
    free(e->evidence);
    free(e->amount_text);
    for (int r = 0; r < ROLE__COUNT; r++)
        strvec_free(&e->roles[r]);
    event_init(e);
}

struct event *event_list_push(struct event_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    struct event *e = &l->v[l->n++];
    event_init(e);
    return e;
}

void event_list_free(struct event_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        event_clear(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

void strvec_push(struct strvec *sv, const char *s, size_t n)
{
    for (size_t i = 0; i < sv->n; i++) /* roles list each span once */
        if (strlen(sv->v[i]) == n && memcmp(sv->v[i], s, n) == 0)
            return;
    sv->v = xrealloc(sv->v, (sv->n + 1) * sizeof *sv->v);
    sv->v[sv->n++] = xstrndup(s, n);
}

void strvec_free(struct strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = 0;
}

bool event_type_valid(const char *type)
{
    for (int i = 0; type && event_types[i]; i++)
        if (strcmp(type, event_types[i]) == 0)
            return true;
    return false;
}

void event_make_uid(struct event *e, const char *doc_hash, size_t index)
{
    char key[96];
    snprintf(key, sizeof key, "%s:%zu:%zu:%s", doc_hash, index, e->ev_start,
             e->type ? e->type : "");
    XXH64_hash_t h = XXH3_64bits(key, strlen(key));
    char uid[24];
    snprintf(uid, sizeof uid, "ev-%016llx", (unsigned long long)h);
    free(e->uid);
    e->uid = xstrdup(uid);
}

static void write_count(struct jw *w, const char *key, long long v)
{
    jw_key(w, key);
    if (v < 0)
        jw_null(w);
    else
        jw_int(w, v);
}

static void write_roles(struct jw *w, const struct event *e)
{
    jw_obj_begin(w);
    for (int r = 0; r < ROLE__COUNT; r++) {
        jw_key(w, role_names[r]);
        jw_arr_begin(w);
        for (size_t i = 0; i < e->roles[r].n; i++)
            jw_str(w, e->roles[r].v[i]);
        jw_arr_end(w);
    }
    jw_obj_end(w);
}

void event_write_json(struct buf *out, const struct event *e)
{
    struct jw w;
    jw_init(&w, out);
    jw_obj_begin(&w);
    if (e->uid) {
        jw_key(&w, "id");
        jw_str(&w, e->uid);
    }
    jw_key(&w, "doc");            jw_str(&w, e->doc ? e->doc : "");
    jw_key(&w, "type");           jw_str(&w, e->type);
    jw_key(&w, "method");         jw_str(&w, e->method);
    jw_key(&w, "actor");          jw_str(&w, e->actor);
    jw_key(&w, "actor_group");    jw_str(&w, e->actor_group);
    jw_key(&w, "target");         jw_str(&w, e->target);
    jw_key(&w, "country");        jw_str(&w, e->country[0] ? e->country : NULL);
    jw_key(&w, "place");          jw_str(&w, e->place);
    jw_key(&w, "lat");
    if (e->has_coords) jw_double(&w, e->lat); else jw_null(&w);
    jw_key(&w, "lon");
    if (e->has_coords) jw_double(&w, e->lon); else jw_null(&w);
    jw_key(&w, "date");           jw_str(&w, e->date[0] ? e->date : NULL);
    write_count(&w, "killed", e->killed);
    write_count(&w, "injured", e->injured);
    write_count(&w, "kidnapped", e->kidnapped);
    write_count(&w, "detained", e->detained);
    jw_key(&w, "amount_usd");
    if (e->amount_usd >= 0) jw_double(&w, e->amount_usd); else jw_null(&w);
    jw_key(&w, "amount_usd_max");
    if (e->amount_usd_max >= 0) jw_double(&w, e->amount_usd_max); else jw_null(&w);
    if (e->amount_text) {
        jw_key(&w, "amount_text");
        jw_str(&w, e->amount_text);
    }
    jw_key(&w, "background");     jw_bool(&w, e->background);
    jw_key(&w, "evidence");
    jw_obj_begin(&w);
    jw_key(&w, "text");           jw_str(&w, e->evidence ? e->evidence : "");
    jw_key(&w, "start");          jw_int(&w, (long long)e->ev_start);
    jw_key(&w, "end");            jw_int(&w, (long long)e->ev_end);
    jw_obj_end(&w);
    jw_key(&w, "roles");
    write_roles(&w, e);
    jw_key(&w, "confidence");     jw_double(&w, e->confidence);
    jw_obj_end(&w);
    buf_putc(out, '\n');
}

void event_write_roles(struct buf *out, const struct event *e)
{
    struct jw w;
    jw_init(&w, out);
    write_roles(&w, e);
}

int event_read_roles(struct event *e, const char *json)
{
    cJSON *root = cJSON_Parse(json);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return ERR_PARSE;
    }
    for (int r = 0; r < ROLE__COUNT; r++) {
        const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, role_names[r]);
        const cJSON *it;
        cJSON_ArrayForEach(it, arr)
            if (cJSON_IsString(it))
                strvec_push(&e->roles[r], it->valuestring, strlen(it->valuestring));
    }
    cJSON_Delete(root);
    return ERR_OK;
}
