/* lex_names.c - names of the trigger classes and place kinds, shared by
 * the dictionary compiler (tools/lexgen.c) and the run time. */
#include "lex.h"

const char *const trig_class_names[TRIG__COUNT] = {
    "event", "count", "weapon", "victim", "target", "claim", "security", "given", "title"};

const char *const lex_place_kinds[5] = {"city", "town", "district", "province", "region"};
