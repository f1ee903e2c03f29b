/* tlp.h - the Traffic Light Protocol 2.0 levels a document is marked with
 * (FIRST TLP 2.0): who may see it. Events and incidents carry the most
 * restrictive level of their sources; exports and the server honour it.
 * Levels are ordered from the least restrictive. */
#ifndef SITREP_TLP_H
#define SITREP_TLP_H

#include <stdbool.h>

enum tlp { TLP_CLEAR, TLP_GREEN, TLP_AMBER, TLP_AMBER_STRICT, TLP_RED, TLP__COUNT };

/* Parses "clear", "green", "amber", "amber+strict", "red", in any case,
 * with or without "TLP:" ("white", TLP 1.0's name, is clear). */
bool tlp_parse(const char *name, enum tlp *out);

/* "clear", "green", "amber", "amber+strict", "red": the stored name. */
const char *tlp_name(enum tlp t);

/* "TLP:CLEAR" ... "TLP:RED". */
const char *tlp_label(enum tlp t);

/* The id of the OASIS TLP 2.0 STIX marking definition of the level. */
const char *tlp_marking_id(enum tlp t);

/* Is item one of the names of a comma-separated list ("a,b", as a red
 * distribution is written)? A NULL list holds none. */
bool tlp_list_has(const char *list, const char *item);

/* May a user of this clearance (enum tlp) see what is marked level with
 * this distribution? TLP:RED only when cleared for red and named on it. */
bool tlp_visible(int level, const char *share_with, int clearance, const char *user);

#endif
