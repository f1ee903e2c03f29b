/* ev_int.h - what the parts of the extractor share (ev.c, ev_roles.c):
 * the frame a sentence is read into, the per-document context, the word
 * lists word_in() answers and the dictionary helpers. Not part of the
 * extractor's interface (that is ev.h). */
#ifndef SITREP_EV_INT_H
#define SITREP_EV_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"
#include "../lexicon/lex.h"
#include "../text/tok.h"
#include "date.h"
#include "ev.h"

enum slot { S_KILLED, S_INJURED, S_KIDNAPPED, S_DETAINED, S_ESCAPED, S__COUNT };

/* What one sentence says. */
struct frame {
    size_t sent;
    size_t first, last;       /* its tokens, the dateline excluded */
    const char *type, *method;
    const char *rule;         /* why this type (for --explain) */
    bool weak;                /* typed only by a generic word ("attack") */
    long long count[S__COUNT];
    bool vague[S__COUNT];     /* "dozens were killed": known, not a number */
    size_t kill_at;           /* token of the trigger the killed toll hangs on */
    const struct lex_match *victim_m; /* the head noun of the killed toll */
    size_t victim_first;
    bool leader_killed;       /* the victim is a named leader or commander */
    const struct lex_match *group;     /* an armed group named */
    bool group_inspired;      /* only "inspired by" the group */
    const struct lex_match *state;     /* "Iraqi forces" (the security word) */
    size_t state_first;       /* where the state actor's span starts */
    bool state_by;            /* "killed by security forces": the agent */
    bool group_first_before_state; /* an armed group is the subject */
    bool state_speaks;        /* "a military source said": a source, not an agent */
    bool kill_passive;        /* "were killed", "was shot dead" */
    bool victim_armed;        /* "a man armed with a knife" */
    bool perp_subject;        /* an attacker word before the killing verb */
    int state_kills;          /* "police shot him dead": attackers the state killed */
    const struct lex_match *perp;      /* "gunmen", "a suicide bomber" */
    const struct lex_place *place;
    const struct lex_match *place_m;
    const char *country;      /* a country named as the location */
    const char *weak_country; /* a country only named as an adjective */
    const char *state_country; /* the country of the forces ("Iraqi forces") */
    struct date date;
    bool has_date;
    bool date_reported;       /* the only date is that of a statement */
    bool aggregate;           /* "since 2014", "this year": not one incident */
    bool negated;             /* "no one was hurt" */
    bool disaster;            /* the sentence tells a quake, an accident, a labour strike */
    bool group_acts;          /* an armed group kills and captures: no arrest */
    bool self_blast;          /* "blew themselves up": bombers died by their device */
    bool doc_has_group;       /* the story names an armed group somewhere */
    bool multi_site;          /* "across the country": no one place */
    bool place_rejected;      /* a place was named but is not the incident's */
    int n_places;             /* other settlements named besides the place */
    bool prison;              /* prison, jail, inmates */
    double amount, amount_max;
    size_t money_first, money_last; /* a sum in another currency, when last > 0 */
    const struct lex_match *target_m, *weapon_m;
    bool claim;               /* a claim, or an attribution by officials */
    bool claim_resp;          /* a claim of responsibility by the group */
    const struct lex_match *claim_group; /* the group just before the claim verb */
    bool named_attack;        /* "the New Orleans attack" */
    bool anaphoric;           /* names its incident with "the" ("the attack") */
    bool unreal;              /* hypothetical, threatened, denied, judged or rehearsed */
    bool unreal_court_only;   /* only a court or trial is named */
    bool toll_update;         /* "the toll rose to", "had given a toll of" */
    bool arrest_trigger;      /* "arrested", "captured" */
    const char *method_hint;  /* the attack method named, whatever the type */
    size_t since_at;          /* "since ...": what follows is a reference */
    size_t trig_at;           /* token of the first event trigger */
};

/* What the document context needs to know of each event built. */
struct meta {
    bool date_explicit;       /* the date came from its own sentence */
    bool place_own;           /* the place came from its own sentence */
    const struct lex_place *place; /* its dictionary entry, when known */
    bool group_claimed;       /* its group claimed it (not only blamed) */
    uint32_t para;
};

/* What a token is to people's names (c->pname): the start of a given
 * name, the last word of a title. */
enum person_word { PN_GIVEN = 1, PN_TITLE = 2 };

struct ctx {
    const struct doc *d;
    const char *text;
    struct tokens tk;
    struct lex_matches lm;
    int32_t *match_at;        /* first match starting at token i, or -1 */
    bool *date_tok;           /* token belongs to a date expression */
    bool *used_num;           /* number token already read as a toll */
    struct date ref;          /* the publication date */
    const char *doc_country;  /* the dateline's, else the most named */
    const struct lex_place *dateline_place;
    const struct lex_actor *doc_group; /* the group named most often */
    size_t skip_until;        /* byte offset where the body starts */
    struct meta *meta;        /* per event of this document */
    size_t meta_cap;
    struct buf *xp;           /* the --explain narrative, or NULL */
    uint32_t lede_para;       /* the paragraph that opens the body */
    struct date last_date;    /* the latest day the story gave, stated or not */
    uint64_t *wmask;          /* per token: the word lists it is in (word_in()) */
    uint64_t sent_words;      /* the lists of any token of the sentence read_frame() reads */
    uint8_t *pname;           /* per token: enum person_word (see name_words()) */
    const char **sent_type;   /* per sentence: the type its frame read, or NULL */
    bool story;               /* story_roles() is gathering the story's roles */
    struct {                  /* where and when the paragraph is set so far */
        uint32_t para;
        const struct lex_place *place;
        const struct lex_match *place_m;
        struct date date;     /* prec DATE_NONE when none */
    } scene;
};

/* The word lists that word_in() answers; word_lists[] (near the end of
 * the file) gives each its words. At most 64. */
enum word_list {
    W_AUX, W_MODAL, W_UNREAL, W_OTHER_GENRES, W_POLITICAL, W_FRAME_CUES, W_LOCATIVE,
    W_NOT_PEOPLE, W_THINGS_OK, W_DET, W_KIN, W_LEADER, W_TOLL_WORDS, W_NOT_SUBJECTS,
    W_CURRENCIES, W_RAM_VERBS, W_RAM_VEHICLES, W_REPORTING, W_PLOTTING, W_LIFE, W_THEM,
    W_AIRCRAFT, W_SITE_NOUNS, W_OTHER, W_ATTACKER_NOUNS, W_NOT_MODIFIER, W_NOT_NAME,
    W_PARTICLES, W_OBJECT_WORDS, W_HARM, W_BLAME_AFTER, W_BLAME_BEFORE, W_BLAME_LINKING,
    W_SEIZING, W_PASSIVE, W_ACTS, W_DOER_NOUNS, W_DOER_MODIFIERS, W_TOLL_RISES, W_AMONG,
    W_SUPERLATIVES, W_HOSTAGE, W_NO, W_REASON, W_BEFORE, W_SPEAKING, W_WAR, W_DAYS,
    W_DISASTERS, W_STAFF, W_SCENE, W_THINGS_SEIZED, W_NAMED_AFTER, W__COUNT
};
_Static_assert(W__COUNT <= 64, "word_in() masks hold 64 lists");

/* Is token i one of the words of list? Answered from the bit mask of the
 * lists holding each token's word, computed once per document (see
 * word_facts()). */
static inline bool word_in(const struct ctx *c, size_t i, enum word_list list)
{
    return i < c->tk.n && (c->wmask[i] >> list & 1);
}

/* Does any token of the sentence read_frame() is reading (c->sent_words)
 * belong to list? When not, a scan of it for the list's words is skipped. */
static inline bool sent_has(const struct ctx *c, enum word_list list)
{
    return c->sent_words >> list & 1;
}

/* Iterates the matches whose first token is in [first, last). */
#define FOR_MATCHES(c, m, lo, hi)                                            \
    for (const struct lex_match *m = first_match(c, lo);                   \
         m && m < (c)->lm.v + (c)->lm.n && m->first < (hi); m++)

/* ---- shared by ev.c and ev_roles.c -------------------------------------- */

/* Appends a line of the --explain narrative, when one is asked for. */
__attribute__((format(printf, 2, 3))) void xp(struct ctx *c, const char *fmt, ...);
/* The first match starting at or after token first, or NULL. */
const struct lex_match *first_match(const struct ctx *c, size_t first);
/* The match of kind (and trigger class) covering token i, or NULL. */
const struct lex_match *match_covering(const struct ctx *c, size_t i, int kind, int cls);
/* A person's name of capitalised words at token i: its length, 0 if none. */
size_t person_name(const struct ctx *c, size_t i, size_t last);
/* Adds the weapons, targets, attackers and groups of frame f to e's roles. */
void add_roles(const struct ctx *c, const struct frame *f, struct event *e);
/* Is token i inside a dictionary match other than one of kind (and class)? */
bool covered_by_other(const struct ctx *c, size_t i, int kind, int cls);
/* Does the word at token i end like a verb or an adverb (-ed, -ing, -ly)? */
bool verb_or_adverb(const struct ctx *c, size_t i);
/* Is the type an act of the state (strike, raid, arrest, clash)? */
bool is_state_action(const char *type);

/* ev_roles.c */
void name_words(struct ctx *c);
bool names_victim(const struct ctx *c, const struct frame *f);
void person_roles(struct ctx *c, struct event *e, size_t nsent);
void doer_roles(struct ctx *c, struct event *e, size_t nsent);
void story_roles(struct ctx *c, struct event *e, size_t nsent);
void drop_shorter_mentions(struct strvec *sv);

#endif
