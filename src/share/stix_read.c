/* stix_read.c - STIX 2.1 objects from partners, checked one by one
 * (stix_read.h). */
#include "stix_read.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/err.h"
#include "../core/tlp.h"

/* The types STIX 2.1 defines, with the properties each requires beyond
 * type, id (and spec_version, created, modified where `dated`). */
static const struct {
    const char *type;
    bool dated;            /* needs spec_version, created and modified */
    const char *required[5];
} types[] = {
    {"attack-pattern", true, {"name"}}, {"campaign", true, {"name"}},
    {"course-of-action", true, {"name"}}, {"grouping", true, {"context", "object_refs"}},
    {"identity", true, {"name"}}, {"incident", true, {"name"}},
    {"indicator", true, {"pattern", "pattern_type", "valid_from"}},
    {"infrastructure", true, {"name"}}, {"intrusion-set", true, {"name"}},
    {"location", true, {NULL}}, {"malware", true, {"is_family"}},
    {"malware-analysis", true, {"product"}}, {"note", true, {"content", "object_refs"}},
    {"observed-data", true, {"first_observed", "last_observed", "number_observed"}},
    {"opinion", true, {"opinion", "object_refs"}},
    {"report", true, {"name", "published", "object_refs"}},
    {"threat-actor", true, {"name"}}, {"tool", true, {"name"}},
    {"vulnerability", true, {"name"}},
    {"relationship", true, {"relationship_type", "source_ref", "target_ref"}},
    {"sighting", true, {"sighting_of_ref"}},
    {"language-content", true, {"object_ref", "contents"}},
    {"extension-definition", true, {"created_by_ref", "name", "schema", "version",
                                    "extension_types"}},
    {"marking-definition", false, {NULL}},
    /* cyber observables: no created or modified */
    {"artifact", false, {NULL}}, {"autonomous-system", false, {"number"}},
    {"directory", false, {"path"}}, {"domain-name", false, {"value"}},
    {"email-addr", false, {"value"}}, {"email-message", false, {"is_multipart"}},
    {"file", false, {NULL}}, {"ipv4-addr", false, {"value"}}, {"ipv6-addr", false, {"value"}},
    {"mac-addr", false, {"value"}}, {"mutex", false, {"name"}},
    {"network-traffic", false, {"protocols"}}, {"process", false, {NULL}},
    {"software", false, {"name"}}, {"url", false, {"value"}}, {"user-account", false, {NULL}},
    {"windows-registry-key", false, {NULL}}, {"x509-certificate", false, {NULL}},
};

/* The TLP marking definitions of STIX 2.1 (1.0) and of the OASIS 2.0
 * extension, by level. */
static const struct {
    const char *id;
    enum tlp level;
} tlp_ids[] = {
    {"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", TLP_CLEAR}, /* white */
    {"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", TLP_GREEN},
    {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", TLP_AMBER},
    {"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", TLP_RED},
    {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", TLP_CLEAR},
    {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", TLP_GREEN},
    {"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", TLP_AMBER},
    {"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", TLP_AMBER_STRICT},
    {"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", TLP_RED},
};

static bool is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A STIX type name: lowercase letters, digits and hyphens, 3 to 250. */
static bool type_name(const char *t)
{
    size_t n = strlen(t);
    if (n < 3 || n > 250)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') || t[i] == '-'))
            return false;
    return true;
}

/* "<type>--" and an RFC 4122 UUID. */
static bool id_of_type(const char *id, const char *type)
{
    size_t n = strlen(type);
    if (strlen(id) > 300 || strncmp(id, type, n) != 0 || strncmp(id + n, "--", 2) != 0)
        return false;
    const char *u = id + n + 2;
    static const int dashes[] = {8, 13, 18, 23};
    if (strlen(u) != 36)
        return false;
    for (int i = 0, d = 0; i < 36; i++) {
        if (d < 4 && i == dashes[d]) {
            if (u[i] != '-')
                return false;
            d++;
        } else if (!is_hex(u[i])) {
            return false;
        }
    }
    return true;
}

/* RFC 3339 in UTC: YYYY-MM-DDTHH:MM:SS[.s+]Z. */
static bool timestamp(const char *t)
{
    size_t n = strlen(t);
    if (n < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
        t[16] != ':' || t[n - 1] != 'Z')
        return false;
    for (size_t i = 0; i < 19; i++)
        if (i != 4 && i != 7 && i != 10 && i != 13 && i != 16 && !(t[i] >= '0' && t[i] <= '9'))
            return false;
    if (n > 20) {
        if (t[19] != '.' || n == 21)
            return false;
        for (size_t i = 20; i < n - 1; i++)
            if (!(t[i] >= '0' && t[i] <= '9'))
                return false;
    }
    return true;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Checks one object; returns NULL when valid, else the problem. */
static const char *check(const cJSON *o, struct stix_object *out)
{
    static char why[160];
    if (!cJSON_IsObject(o))
        return "not a JSON object";
    const char *type = str(o, "type"), *id = str(o, "id");
    if (!type)
        return "no type";
    if (!type_name(type))
        return "type is not a STIX type name";
    if (!id)
        return "no id";
    if (!id_of_type(id, type))
        return "id is not <type>--<UUID>";
    int k = -1;
    for (size_t i = 0; i < sizeof types / sizeof *types && k < 0; i++)
        if (strcmp(types[i].type, type) == 0)
            k = (int)i;
    const char *spec = str(o, "spec_version"), *created = str(o, "created"),
               *modified = str(o, "modified");
    bool dated = k < 0 || types[k].dated;
    bool sco = k >= 0 && !types[k].dated && strcmp(type, "marking-definition") != 0;
    if (spec ? strcmp(spec, "2.1") != 0 : !sco)
        return "spec_version is not 2.1";
    if ((dated || strcmp(type, "marking-definition") == 0) && (!created || !timestamp(created)))
        return "created is missing or not an RFC 3339 UTC timestamp";
    if (dated && (!modified || !timestamp(modified)))
        return "modified is missing or not an RFC 3339 UTC timestamp";
    if (modified && created && strcmp(modified, created) < 0)
        return "modified is before created";
    for (int r = 0; k >= 0 && r < 5 && types[k].required[r]; r++)
        if (!cJSON_GetObjectItemCaseSensitive(o, types[k].required[r])) {
            snprintf(why, sizeof why, "%s has no %s", type, types[k].required[r]);
            return why;
        }
    if (k >= 0 && strcmp(type, "location") == 0 && !str(o, "region") && !str(o, "country") &&
        !(cJSON_GetObjectItemCaseSensitive(o, "latitude") &&
          cJSON_GetObjectItemCaseSensitive(o, "longitude")))
        return "location has no region, country, or latitude and longitude";
    out->tlp = TLP_CLEAR;
    const cJSON *marks = cJSON_GetObjectItemCaseSensitive(o, "object_marking_refs");
    if (marks) {
        if (!cJSON_IsArray(marks) || cJSON_GetArraySize(marks) == 0)
            return "object_marking_refs is not a list of marking definitions";
        const cJSON *m;
        cJSON_ArrayForEach(m, marks)
        {
            if (!cJSON_IsString(m) || !id_of_type(m->valuestring, "marking-definition"))
                return "object_marking_refs holds something other than a marking definition id";
            for (size_t i = 0; i < sizeof tlp_ids / sizeof *tlp_ids; i++)
                if (strcmp(m->valuestring, tlp_ids[i].id) == 0 && (int)tlp_ids[i].level > out->tlp)
                    out->tlp = (int)tlp_ids[i].level;
        }
    }
    out->id = id;
    out->type = type;
    out->version = modified ? modified : created ? created : "";
    out->known = k >= 0;
    return NULL;
}

/* The names of x_sitrep_share_with, joined by commas; NULL when none. */
static char *share_list(const cJSON *o)
{
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "x_sitrep_share_with");
    if (!cJSON_IsArray(list))
        return NULL;
    size_t n = 0;
    const cJSON *v;
    cJSON_ArrayForEach(v, list) if (cJSON_IsString(v)) n += strlen(v->valuestring) + 1;
    if (n == 0)
        return NULL;
    char *out = malloc(n + 1), *p = out;
    if (!out)
        return NULL;
    cJSON_ArrayForEach(v, list)
    {
        if (!cJSON_IsString(v) || strchr(v->valuestring, ','))
            continue;
        if (p != out)
            *p++ = ',';
        size_t k = strlen(v->valuestring);
        memcpy(p, v->valuestring, k);
        p += k;
    }
    *p = '\0';
    return out;
}

static int read_input(const char *data, size_t len, bool limited, stix_object_fn fn,
                      stix_problem_fn problem, void *ctx, const char **why);

int stix_read(const char *data, size_t len, stix_object_fn fn, stix_problem_fn problem,
              void *ctx, const char **why)
{
    return read_input(data, len, true, fn, problem, ctx, why);
}

int stix_read_own(const char *data, size_t len, stix_object_fn fn, stix_problem_fn problem,
                  void *ctx)
{
    return read_input(data, len, false, fn, problem, ctx, NULL);
}

static int read_input(const char *data, size_t len, bool limited, stix_object_fn fn,
                      stix_problem_fn problem, void *ctx, const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    if (limited && len > STIX_MAX_INPUT) {
        *why = "larger than 256 MiB";
        return ERR_TOOBIG;
    }
    cJSON *root = cJSON_ParseWithLength(data, len);
    if (!root) {
        *why = "not JSON";
        return ERR_PARSE;
    }
    const cJSON *list = NULL, *one = NULL;
    if (cJSON_IsArray(root)) {
        list = root;
    } else if (cJSON_IsObject(root)) {
        const char *type = str(root, "type");
        if (type && strcmp(type, "bundle") == 0)
            list = cJSON_GetObjectItemCaseSensitive(root, "objects");
        else if (!type)
            list = cJSON_GetObjectItemCaseSensitive(root, "objects"); /* TAXII envelope */
        else
            one = root;
    }
    if (!one && !cJSON_IsArray(list)) {
        cJSON_Delete(root);
        *why = "neither a bundle, an envelope, a list of objects nor an object";
        return ERR_PARSE;
    }
    if (limited && list && cJSON_GetArraySize(list) > (int)STIX_MAX_OBJECTS) {
        cJSON_Delete(root);
        *why = "more than a million objects";
        return ERR_TOOBIG;
    }
    size_t index = 0;
    const cJSON *o = one;
    const cJSON *next = list ? list->child : NULL;
    if (!one)
        o = next;
    while (o) {
        struct stix_object so = {0};
        const char *problem_text = check(o, &so);
        if (problem_text) {
            if (problem)
                problem(ctx, index, cJSON_IsObject(o) ? str(o, "id") : NULL, problem_text);
        } else {
            char *json = cJSON_PrintUnformatted(o);
            if (!json) {
                cJSON_Delete(root);
                *why = "out of memory";
                return ERR_NOMEM;
            }
            so.json = json;
            char *share = share_list(o);
            so.share_with = share;
            int stop = fn(ctx, &so);
            free(share);
            cJSON_free(json);
            if (stop)
                break;
        }
        index++;
        o = one ? NULL : o->next;
    }
    cJSON_Delete(root);
    return ERR_OK;
}
