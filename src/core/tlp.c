/* tlp.c - TLP 2.0 levels (tlp.h). */
#include "tlp.h"

#include <string.h>
#include <strings.h>

static const char *const names[TLP__COUNT] = {"clear", "green", "amber", "amber+strict", "red"};
static const char *const labels[TLP__COUNT] = {"TLP:CLEAR", "TLP:GREEN", "TLP:AMBER",
                                               "TLP:AMBER+STRICT", "TLP:RED"};
/* oasis-open/cti-stix-common-objects, extension-definition-specifications/tlp-2.0 */
static const char *const markings[TLP__COUNT] = {
    "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"};

bool tlp_parse(const char *name, enum tlp *out)
{
    if (!name)
        return false;
    if (strncasecmp(name, "tlp:", 4) == 0)
        name += 4;
    if (strcasecmp(name, "white") == 0) {
        *out = TLP_CLEAR;
        return true;
    }
    for (int i = 0; i < TLP__COUNT; i++)
        if (strcasecmp(name, names[i]) == 0) {
            *out = (enum tlp)i;
            return true;
        }
    return false;
}

const char *tlp_name(enum tlp t)
{
    return t >= 0 && t < TLP__COUNT ? names[t] : names[TLP_RED];
}

const char *tlp_label(enum tlp t)
{
    return t >= 0 && t < TLP__COUNT ? labels[t] : labels[TLP_RED];
}

const char *tlp_marking_id(enum tlp t)
{
    return t >= 0 && t < TLP__COUNT ? markings[t] : markings[TLP_RED];
}

bool tlp_list_has(const char *list, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ',');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && strncmp(p, item, n) == 0)
            return true;
        p = e ? e + 1 : NULL;
    }
    return false;
}

bool tlp_visible(int level, const char *share_with, int clearance, const char *user)
{
    if (level > clearance)
        return false;
    return level < TLP_RED || tlp_list_has(share_with, user);
}
