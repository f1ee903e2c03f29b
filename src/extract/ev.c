/* ev.c - rule-based event extraction (see ev.h).
 *
 * Each sentence becomes at most one frame: its strongest event trigger
 * gives the type (and attack method), count triggers with an adjacent
 * number give the tolls, dictionary matches give actor, place and
 * country, and date.c the date. Frames then merge: a sentence that only
 * adds tolls ("30 others were wounded") completes the event before it; a
 * claim of responsibility names the actor of the event it follows. */
#include "ev.h"

#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../lexicon/lex.h"
#include "../text/tok.h"
#include "date.h"
#include "num.h"

enum slot { S_KILLED, S_INJURED, S_KIDNAPPED, S_DETAINED, S_ESCAPED, S__COUNT };

static const char *const slot_names[S__COUNT] = {
    "killed", "injured", "kidnapped", "detained", "escaped"};

/* What one sentence says. */
struct frame {
    size_t sent;
    int rank;                 /* strength of the type decision; 0 = none */
    const char *type, *method;
    size_t trig;              /* token of the deciding trigger */
    long long count[S__COUNT];
    bool vague[S__COUNT];     /* "dozens were killed": known but not a number */
    const struct lex_match *group;     /* an armed group named */
    const struct lex_match *state;     /* "Iraqi forces" (the security word) */
    size_t state_first;                /* where the state actor's span starts */
    const struct lex_match *perp;      /* "gunmen", "a suicide bomber" */
    const struct lex_place *place;
    const struct lex_match *place_m;
    const char *country;
    struct date date;
    bool has_date;
    bool aggregate;           /* "since 2014", "this year": not one incident */
    bool negated;             /* "no one was hurt" handled as a zero toll */
    double amount, amount_max;
    const struct lex_match *target_m, *victim_m, *weapon_m;
    size_t victim_first;      /* token where the victim phrase starts */
    bool claim;               /* a claim of responsibility */
};

struct ctx {
    const struct doc *d;
    const char *text;
    struct tokens tk;
    struct lex_matches lm;
    int32_t *match_at;        /* first match starting at token i, or -1 */
    bool *date_tok;           /* token belongs to a date expression */
    struct date ref;          /* the publication date */
    const char *doc_country;  /* the dateline's, else the most named */
    const struct lex_place *dateline_place;
    size_t skip_until;        /* byte offset where the body starts */
};

/* ---- dictionary helpers ------------------------------------------------ */

static const char *trig_value(const struct lex_match *m)
{
    return lex_triggers[m->phrase->index].value;
}

/* Iterates the matches whose first token is in [first, last). */
#define FOR_MATCHES(c, m, first, last)                                      \
    for (const struct lex_match *m = first_match(c, first);                \
         m && m < (c)->lm.v + (c)->lm.n && m->first < (last); m++)

static const struct lex_match *first_match(const struct ctx *c, size_t first)
{
    for (size_t i = first; i < c->tk.n; i++)
        if (c->match_at[i] >= 0)
            return &c->lm.v[c->match_at[i]];
    return NULL;
}

/* The match of kind/class covering token i, or NULL. */
static const struct lex_match *match_covering(const struct ctx *c, size_t i, int kind,
                                              int cls)
{
    for (size_t k = 0; k < c->lm.n; k++) {
        const struct lex_match *m = &c->lm.v[k];
        if (m->first > i)
            break;
        if (i < m->last && m->phrase->kind == kind &&
            (kind != LEX_TRIGGER || lex_triggers[m->phrase->index].cls == cls))
            return m;
    }
    return NULL;
}

/* ---- tolls ------------------------------------------------------------- */

static bool word_in(const struct ctx *c, size_t i, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (tok_is(&c->tk, i, list[k]))
            return true;
    return false;
}

static const char *const aux_words[] = {
    "were", "was", "have", "has", "had", "been", "are", "is", "being", "be",
    "reportedly", "also", "later", "all", "both", "either", "confirmed",
    "reported", "believed", "feared", "said", "thought", "to", "get", "got",
    "left", NULL};

/* Reads a number (with its qualifiers) starting at token i. */
static bool number_at(const struct ctx *c, size_t i, size_t last, struct num *n)
{
    size_t q;
    int guard = 0;
    while (i < last && (q = num_qualifier(&c->tk, i, last)) > 0 && guard++ < 3) {
        /* "a dozen" is a number, not a qualifier */
        if (tok_is(&c->tk, i, "a") && i + 1 < last && tok_is(&c->tk, i + 1, "dozen"))
            break;
        i += q;
    }
    if (i >= last || c->date_tok[i])
        return false;
    if (!num_parse(&c->tk, c->text, i, last, n))
        return false;
    /* "one of the", "2 p.m.": not tolls */
    if (n->last < last && (tok_is(&c->tk, n->last, "of") && !n->vague &&
                           n->value == 1))
        return false;
    if (n->last < last && (tok_is(&c->tk, n->last, "percent") ||
                           tok_is(&c->tk, n->last, "per") ||
                           tok_is(&c->tk, n->last, "km") ||
                           tok_is(&c->tk, n->last, "kilometres") ||
                           tok_is(&c->tk, n->last, "miles") ||
                           tok_is(&c->tk, n->last, "years") ||
                           tok_is(&c->tk, n->last, "year") ||
                           tok_is(&c->tk, n->last, "am") ||
                           tok_is(&c->tk, n->last, "pm") ||
                           tok_is(&c->tk, n->last, "hours") ||
                           tok_is(&c->tk, n->last, "days") ||
                           tok_is(&c->tk, n->last, "metres") ||
                           tok_is(&c->tk, n->last, "kg") ||
                           tok_is(&c->tk, n->last, "%")))
        return false;
    return true;
}

/* Adds a second group of the same toll: "5 soldiers and 3 civilians". */
static double sum_parts(const struct ctx *c, size_t j, size_t last, double value)
{
    /* j is after the first number's noun */
    for (int parts = 0; parts < 3 && j + 1 < last; parts++) {
        if (!tok_is(&c->tk, j, "and") && !tok_is(&c->tk, j, ","))
            break;
        struct num n;
        if (!number_at(c, j + 1, last, &n) || n.vague)
            break;
        const struct lex_match *v = match_covering(c, n.last, LEX_TRIGGER, TRIG_VICTIM);
        if (!v)
            break;
        value += n.value;
        j = v->last;
    }
    return value;
}

/* Finds the number a count trigger m refers to. Returns true and sets the
 * value (or vague) when found. */
static bool toll_of(const struct ctx *c, const struct lex_match *m, size_t first,
                    size_t last, long long *value, bool *vague, size_t *victim)
{
    struct num n;
    /* after: "killed 15 people", "killing at least 15", "toll rose to 50" */
    size_t j = m->last;
    if (strcmp(c->tk.norm.data + c->tk.t[m->first].norm, "toll") == 0 ||
        strcmp(c->tk.norm.data + c->tk.t[m->first].norm, "death") == 0) {
        static const char *const toll_words[] = {
            "rose", "risen", "climbed", "reached", "stood", "stands", "is", "was",
            "has", "had", "to", "at", "of", "now", "increased", NULL};
        for (int k = 0; k < 4 && j < last && word_in(c, j, toll_words); k++)
            j++;
    }
    if (j < last && number_at(c, j, last, &n)) {
        *vague = n.vague;
        if (!n.vague) {
            size_t after = n.last;
            const struct lex_match *v = match_covering(c, after, LEX_TRIGGER, TRIG_VICTIM);
            double total = n.value;
            if (v) {
                *victim = n.first;
                total = sum_parts(c, v->last, last, n.value);
            }
            *value = (long long)total;
        }
        return true;
    }
    /* before: "15 people were killed", "12 soldiers dead", "30 wounded" */
    size_t i = m->first;
    int nouns = 0;
    while (i > first) {
        i--;
        const struct tok *t = &c->tk.t[i];
        if (word_in(c, i, aux_words))
            continue;
        if (t->kind == TOK_PUNCT && !tok_is(&c->tk, i, "-"))
            return false;
        struct num probe;
        if (num_parse(&c->tk, c->text, i, last, &probe) && !c->date_tok[i]) {
            /* step back to the start of word numbers ("twenty-three") */
            size_t start = i;
            for (size_t k = 1; k <= 4 && k <= i - first; k++) {
                struct num wider;
                if (num_parse(&c->tk, c->text, i - k, last, &wider) &&
                    wider.last >= probe.last) {
                    start = i - k;
                    probe = wider;
                }
            }
            if (probe.last < m->first - (size_t)nouns - 8) /* not adjacent */
                return false;
            *vague = probe.vague;
            if (!probe.vague)
                *value = (long long)probe.value;
            *victim = start;
            return true;
        }
        if (match_covering(c, i, LEX_TRIGGER, TRIG_COUNT))
            return false;
        if (tok_is(&c->tk, i, "and") || tok_is(&c->tk, i, "or") ||
            tok_is(&c->tk, i, "after") || tok_is(&c->tk, i, "when"))
            return false;
        if (++nouns > 3)
            return false;
    }
    return false;
}

/* ---- money ------------------------------------------------------------- */

/* "$10 to $20 million", "US$1.5m", "1 billion dollars" in [first, last). */
static bool money_in(const struct ctx *c, size_t first, size_t last, double *lo,
                     double *hi)
{
    for (size_t i = first; i < last; i++) {
        bool dollar = tok_is(&c->tk, i, "$");
        size_t j = i + 1;
        if (!dollar && (tok_is(&c->tk, i, "us") || tok_is(&c->tk, i, "usd")) &&
            i + 1 < last && tok_is(&c->tk, i + 1, "$")) {
            dollar = true;
            j = i + 2;
        }
        struct num a, b;
        if (dollar) {
            if (!num_parse(&c->tk, c->text, j, last, &a) || a.vague)
                continue;
            double va = a.value;
            *lo = va;
            *hi = -1;
            size_t k = a.last;
            if (k + 1 < last && (tok_is(&c->tk, k, "to") || tok_is(&c->tk, k, "-") ||
                                 tok_is(&c->tk, k, "and"))) {
                size_t s = k + 1;
                if (tok_is(&c->tk, s, "$"))
                    s++;
                if (num_parse(&c->tk, c->text, s, last, &b) && !b.vague) {
                    /* "$10 to $20 million": the scale applies to both */
                    double vb = b.value;
                    if (vb > 1000 && va < 1000 && vb / va > 100) {
                        double scale = 1;
                        while (va * scale * 10 <= vb)
                            scale *= 10;
                        /* use the scale word of b */
                        struct num bare;
                        if (num_parse(&c->tk, c->text, s, s + 1, &bare) && bare.value > 0)
                            scale = vb / bare.value;
                        va *= scale;
                    }
                    *lo = va;
                    *hi = vb;
                }
            }
            return true;
        }
        /* "1 billion dollars" */
        if (num_parse(&c->tk, c->text, i, last, &a) && !a.vague && a.last < last &&
            (tok_is(&c->tk, a.last, "dollars") || tok_is(&c->tk, a.last, "usd"))) {
            *lo = a.value;
            *hi = -1;
            return true;
        }
    }
    return false;
}

/* ---- the frame of one sentence ---------------------------------------- */

/* Rank of an event trigger: the type a sentence is coded as is the one
 * with the highest rank. */
static int type_rank(const char *value)
{
    static const struct { const char *prefix; int rank; } ranks[] = {
        {"strike", 9}, {"escape", 8}, {"kidnapping", 8}, {"plot", 7},
        {"raid", 6}, {"arrest", 6}, {"attack/", 5}, {"financing", 4},
        {"clash", 5}, {"attack", 2}, {"claim_only", 1}, {NULL, 0}};
    for (int i = 0; ranks[i].prefix; i++)
        if (strncmp(value, ranks[i].prefix, strlen(ranks[i].prefix)) == 0)
            return ranks[i].rank;
    return 0;
}

static const struct lex_place *best_place(const struct ctx *c, const struct lex_match *m)
{
    /* every entry of the phrase: prefer the document's country, then size */
    const struct lex_place *best = NULL;
    int best_score = -1;
    for (const struct lex_match *x = m; x < c->lm.v + c->lm.n && x->first == m->first; x++) {
        if (x->phrase->kind != LEX_PLACE)
            continue;
        const struct lex_place *p = &lex_places[x->phrase->index];
        int score = 0;
        if (c->doc_country && p->country && strcmp(p->country, c->doc_country) == 0)
            score += 4;
        if (strcmp(p->kind, "city") == 0 || strcmp(p->kind, "town") == 0 ||
            strcmp(p->kind, "district") == 0)
            score += 2;
        if (p->population > 100000)
            score += 1;
        if (score > best_score || (score == best_score && best &&
                                   p->population > best->population)) {
            best = p;
            best_score = score;
        }
    }
    return best;
}

static bool place_specific(const struct lex_place *p)
{
    return strcmp(p->kind, "province") != 0 && strcmp(p->kind, "region") != 0;
}

static void read_frame(struct ctx *c, size_t si, struct frame *f)
{
    const struct sent *s = &c->tk.s[si];
    size_t first = s->first, last = s->last;
    while (first < last && c->tk.t[first].start < c->skip_until)
        first++;
    memset(f, 0, sizeof *f);
    f->sent = si;
    for (int k = 0; k < S__COUNT; k++)
        f->count[k] = EV_UNKNOWN;
    f->amount = f->amount_max = -1;
    if (first >= last)
        return;

    /* the date, and aggregate statements */
    size_t at = 0, end = 0;
    for (size_t i = first; i < last; i++) {
        if (tok_is(&c->tk, i, "since") || (tok_is(&c->tk, i, "this") && i + 1 < last &&
                                           tok_is(&c->tk, i + 1, "year")) ||
            (tok_is(&c->tk, i, "so") && i + 1 < last && tok_is(&c->tk, i + 1, "far")) ||
            tok_is(&c->tk, i, "annual") || tok_is(&c->tk, i, "total") ||
            tok_is(&c->tk, i, "alone") || tok_is(&c->tk, i, "statistics"))
            f->aggregate = true;
    }
    size_t from = first;
    while (from < last &&
           date_find(&c->tk, c->text, from, last, &c->ref, &f->date, &at, &end)) {
        for (size_t i = at; i < end; i++)
            c->date_tok[i] = true;
        bool after_since = at > first && (tok_is(&c->tk, at - 1, "since") ||
                                          tok_is(&c->tk, at - 1, "until"));
        if (!after_since && !f->has_date)
            f->has_date = true;
        else if (!f->has_date)
            memset(&f->date, 0, sizeof f->date);
        from = end;
        if (f->has_date)
            break;
    }
    if (f->has_date) {
        /* mark any later dates too, so their numbers are not tolls */
        struct date tmp;
        while (from < last && date_find(&c->tk, c->text, from, last, &c->ref, &tmp, &at, &end)) {
            for (size_t i = at; i < end; i++)
                c->date_tok[i] = true;
            from = end;
        }
    }

    /* triggers, tolls and names */
    FOR_MATCHES(c, m, first, last) {
        const struct lex_phrase *p = m->phrase;
        if (p->kind == LEX_TRIGGER) {
            const struct lex_trigger *t = &lex_triggers[p->index];
            switch (t->cls) {
            case TRIG_EVENT: {
                int r = type_rank(t->value);
                if (r > f->rank) {
                    f->rank = r;
                    f->trig = m->first;
                    const char *slash = strchr(t->value, '/');
                    size_t tl = slash ? (size_t)(slash - t->value) : strlen(t->value);
                    f->type = NULL;
                    for (int k = 0; event_types[k]; k++)
                        if (strlen(event_types[k]) == tl &&
                            strncmp(event_types[k], t->value, tl) == 0)
                            f->type = event_types[k];
                    if (!f->type)
                        f->rank = 0;
                    f->method = slash ? slash + 1 : NULL;
                }
                break;
            }
            case TRIG_COUNT: {
                int slot = -1;
                for (int k = 0; k < S__COUNT; k++)
                    if (strcmp(t->value, slot_names[k]) == 0)
                        slot = k;
                long long v = EV_UNKNOWN;
                bool vague = false;
                size_t victim = 0;
                if (slot >= 0 && f->count[slot] < 0 && !f->vague[slot] &&
                    toll_of(c, m, first, last, &v, &vague, &victim)) {
                    f->count[slot] = v;
                    f->vague[slot] = vague;
                    if (!f->victim_m && !vague) {
                        f->victim_first = victim;
                        const struct lex_match *vm = NULL;
                        for (size_t q = victim; q < last && q < victim + 6 && !vm; q++)
                            vm = match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM);
                        f->victim_m = vm;
                    }
                }
                /* a count word is also a weak trigger: "15 were killed" */
                if (f->rank < 2 && slot == S_KILLED && !vague && v >= 0) {
                    f->rank = 2;
                    f->type = "attack";
                    f->method = NULL;
                    f->trig = m->first;
                }
                break;
            }
            case TRIG_CLAIM:
                f->claim = true;
                break;
            case TRIG_SECURITY:
                if (!f->state) {
                    /* a demonym or country right before makes it a state */
                    f->state = m;
                    f->state_first = m->first;
                    size_t b = m->first;
                    if (b > first && c->match_at[b - 1] < 0) {
                        /* "the US-led coalition": look two tokens back */
                        for (size_t q = b; q-- > first && q + 3 > b;)
                            if (c->match_at[q] >= 0) {
                                const struct lex_match *dm = &c->lm.v[c->match_at[q]];
                                if (dm->phrase->kind == LEX_DEMONYM ||
                                    dm->phrase->kind == LEX_COUNTRY)
                                    f->state_first = q;
                                break;
                            }
                    } else if (b > first) {
                        const struct lex_match *dm = &c->lm.v[c->match_at[b - 1]];
                        if (dm->phrase->kind == LEX_DEMONYM ||
                            dm->phrase->kind == LEX_COUNTRY)
                            f->state_first = dm->first;
                    }
                }
                break;
            case TRIG_TARGET:
                if (!f->target_m)
                    f->target_m = m;
                break;
            case TRIG_WEAPON:
                if (!f->weapon_m)
                    f->weapon_m = m;
                break;
            default:
                break;
            }
            /* perpetrator words */
            static const char *const perps[] = {
                "gunmen", "gunman", "suicide bomber", "suicide bombers", "attacker",
                "attackers", "assailants", "assailant", "militants", "insurgents",
                "jihadists", "knifeman", "bomber", "bombers", "suicide attacker", NULL};
            for (int k = 0; perps[k] && !f->perp; k++)
                if (strcmp(p->key, perps[k]) == 0)
                    f->perp = m;
        } else if (p->kind == LEX_ACTOR) {
            if (!f->group)
                f->group = m;
        } else if (p->kind == LEX_PLACE) {
            const struct lex_place *pl = best_place(c, m);
            if (pl && (!f->place || (!place_specific(f->place) && place_specific(pl)))) {
                f->place = pl;
                f->place_m = m;
            }
        } else if ((p->kind == LEX_COUNTRY || p->kind == LEX_DEMONYM) && !f->country) {
            /* a demonym inside a state actor ("US-led coalition") does not
             * place the event */
            const char *code = lex_countries[p->index].code;
            bool in_state = false;
            for (size_t q = m->last; q < m->last + 3 && q < last; q++) {
                if (match_covering(c, q, LEX_TRIGGER, TRIG_SECURITY))
                    in_state = true;
                if (c->tk.t[q].kind != TOK_PUNCT && !tok_is(&c->tk, q, "led") &&
                    !tok_is(&c->tk, q, "backed"))
                    break;
            }
            if (!in_state || p->kind == LEX_COUNTRY)
                f->country = code;
        }
    }
    if (f->type && strcmp(f->type, "financing") == 0) {
        if (!money_in(c, first, last, &f->amount, &f->amount_max))
            f->rank = 0, f->type = NULL;
    } else if (money_in(c, first, last, &f->amount, &f->amount_max) &&
               (!f->type || f->rank < 4)) {
        /* a sum of money tied to a group is a financing fact */
        bool fin = false;
        for (size_t i = first; i < last; i++)
            if (match_covering(c, i, LEX_TRIGGER, TRIG_EVENT) &&
                strcmp(trig_value(match_covering(c, i, LEX_TRIGGER, TRIG_EVENT)),
                       "financing") == 0)
                fin = true;
        if (fin) {
            f->type = "financing";
            f->method = NULL;
            f->rank = 4;
        } else {
            f->amount = f->amount_max = -1;
        }
    }
    /* "no one was killed" / "no casualties" */
    for (size_t i = first; i + 1 < last; i++)
        if ((tok_is(&c->tk, i, "no") && (tok_is(&c->tk, i + 1, "one") ||
                                         tok_is(&c->tk, i + 1, "casualties") ||
                                         tok_is(&c->tk, i + 1, "injuries"))) ||
            tok_is(&c->tk, i, "nobody"))
            f->negated = true;
}

/* ---- building events --------------------------------------------------- */

static char *span(const struct ctx *c, size_t first, size_t last)
{
    if (first >= last)
        return NULL;
    size_t a = c->tk.t[first].start, b = c->tk.t[last - 1].end;
    return xstrndup(c->text + a, b - a);
}

static bool has_consequence(const struct frame *f)
{
    for (int k = 0; k < S__COUNT; k++)
        if (f->count[k] >= 0)
            return true;
    return f->amount >= 0;
}

/* Does this frame state an event of its own? */
static bool is_event(const struct frame *f)
{
    if (!f->type || f->rank == 0 || f->aggregate)
        return false;
    if (strcmp(f->type, "claim_only") == 0)
        return false; /* claims fold into events (see fold_claim) */
    if (strcmp(f->type, "financing") == 0)
        return f->amount >= 0;
    if (strcmp(f->type, "kidnapping") == 0)
        return f->count[S_KIDNAPPED] >= 0 || f->vague[S_KIDNAPPED] ||
               (f->place && f->has_date);
    if (strcmp(f->type, "arrest") == 0)
        return f->count[S_DETAINED] >= 0 || (f->place && f->has_date && f->state);
    if (strcmp(f->type, "escape") == 0)
        return f->count[S_ESCAPED] >= 0 || f->vague[S_ESCAPED] || f->place;
    if (strcmp(f->type, "plot") == 0)
        return f->state != NULL || f->count[S_DETAINED] >= 0;
    if (strcmp(f->type, "strike") == 0 || strcmp(f->type, "raid") == 0)
        return has_consequence(f) || (f->place && f->has_date);
    /* attacks and clashes need a toll, or a method, a place and a date */
    if (has_consequence(f) || f->negated)
        return true;
    return f->method && f->place && f->has_date && f->rank >= 5;
}

static void set_counts(struct event *e, const struct frame *f)
{
    if (e->killed < 0 && f->count[S_KILLED] >= 0) e->killed = f->count[S_KILLED];
    if (e->injured < 0 && f->count[S_INJURED] >= 0) e->injured = f->count[S_INJURED];
    if (e->kidnapped < 0 && f->count[S_KIDNAPPED] >= 0)
        e->kidnapped = f->count[S_KIDNAPPED];
    if (e->detained < 0 && f->count[S_DETAINED] >= 0)
        e->detained = f->count[S_DETAINED];
}

static void match_text(const struct ctx *c, const struct lex_match *m, struct strvec *sv)
{
    if (m)
        strvec_push(sv, c->text + c->tk.t[m->first].start,
                    c->tk.t[m->last - 1].end - c->tk.t[m->first].start);
}

static void set_group(const struct ctx *c, struct event *e, const struct lex_match *g)
{
    free(e->actor);
    free(e->actor_group);
    e->actor = span(c, g->first, g->last);
    e->actor_group = xstrdup(lex_actors[g->phrase->index].key);
    match_text(c, g, &e->roles[ROLE_ORGANIZATION]);
}

static bool is_state_action(const char *type)
{
    return strcmp(type, "strike") == 0 || strcmp(type, "raid") == 0 ||
           strcmp(type, "arrest") == 0;
}

static void build_event(struct ctx *c, const struct frame *f, const struct frame *ctx_f,
                        struct event *e)
{
    const struct sent *s = &c->tk.s[f->sent];
    size_t first = s->first;
    while (first < s->last && c->tk.t[first].start < c->skip_until)
        first++;
    e->doc = xstrdup(c->d->id);
    e->type = xstrdup(f->type);
    if (strcmp(f->type, "attack") == 0)
        e->method = xstrdup(f->method ? f->method : "unknown");
    /* who */
    bool state_first = f->state && (!f->group || f->state_first < f->group->first);
    if (is_state_action(f->type) && f->state && (state_first || !f->group)) {
        e->actor = span(c, f->state_first, f->state->last);
        if (f->group)
            match_text(c, f->group, &e->roles[ROLE_TARGET]);
    } else if (f->group) {
        set_group(c, e, f->group);
    } else if (f->state && (is_state_action(f->type) || strcmp(f->type, "clash") == 0)) {
        e->actor = span(c, f->state_first, f->state->last);
    } else if (f->perp) {
        e->actor = span(c, f->perp->first, f->perp->last);
    }
    if (f->perp)
        match_text(c, f->perp, &e->roles[ROLE_PERPETRATOR]);
    if (f->weapon_m)
        match_text(c, f->weapon_m, &e->roles[ROLE_WEAPON]);
    if (f->target_m) {
        match_text(c, f->target_m, &e->roles[ROLE_TARGET]);
        e->target = span(c, f->target_m->first, f->target_m->last);
    }
    if (f->victim_m) {
        char *v = span(c, f->victim_first, f->victim_m->last);
        if (v) {
            strvec_push(&e->roles[ROLE_VICTIM], v, strlen(v));
            if (!e->target)
                e->target = v;
            else
                free(v);
        }
    }
    /* where */
    const struct lex_place *pl = f->place;
    const struct lex_match *pm = f->place_m;
    if (!pl && ctx_f && ctx_f->place) {
        pl = ctx_f->place;
        pm = ctx_f->place_m;
    }
    const char *country = pl && pl->country ? pl->country : f->country;
    if (!country && ctx_f)
        country = ctx_f->country;
    if (!pl && c->dateline_place && f->rank >= 2 && strcmp(f->type, "financing") != 0 &&
        (!country || (c->dateline_place->country &&
                      strcmp(country, c->dateline_place->country) == 0)))
        pl = c->dateline_place, pm = NULL;
    if (!country && pl)
        country = pl->country;
    if (!country)
        country = c->doc_country;
    if (pl) {
        e->place = pm ? span(c, pm->first, pm->last) : xstrdup(pl->name);
        e->lat = pl->lat;
        e->lon = pl->lon;
        e->has_coords = true;
    }
    if (country)
        memcpy(e->country, country, 3);
    /* when */
    const struct date *dt = NULL;
    if (f->has_date)
        dt = &f->date;
    else if (ctx_f && ctx_f->has_date)
        dt = &ctx_f->date;
    else if (c->ref.prec)
        dt = &c->ref;
    if (dt) {
        date_format(dt, e->date);
        if (c->ref.prec == DATE_DAY) {
            long rd = date_days(c->ref.y, c->ref.m, c->ref.d);
            if (dt->prec == DATE_DAY)
                e->background = date_days(dt->y, dt->m, dt->d) < rd - 14;
            else if (dt->prec == DATE_MONTH)
                e->background = dt->y * 12 + dt->m < c->ref.y * 12 + c->ref.m - 1;
            else if (dt->prec == DATE_YEAR)
                e->background = dt->y < c->ref.y;
        }
    }
    set_counts(e, f);
    if (f->negated && strcmp(f->type, "attack") == 0) {
        if (e->killed < 0) e->killed = 0;
    }
    if (f->amount >= 0) {
        e->amount_usd = f->amount;
        e->amount_usd_max = f->amount_max;
    }
    e->evidence = span(c, first, s->last);
    e->ev_start = c->tk.t[first].start;
    e->ev_end = c->tk.t[s->last - 1].end;
    /* confidence: how much of the record the text filled */
    double conf = 0.4 + 0.05 * f->rank / 2.0;
    if (has_consequence(f)) conf += 0.15;
    if (e->actor_group) conf += 0.1;
    if (f->place) conf += 0.1;
    if (f->has_date) conf += 0.05;
    e->confidence = conf > 0.95 ? 0.95 : conf;
}

/* Fills a missing tally of event e from a follow-up frame. Returns true
 * when f added something. */
static bool merge_counts(struct event *e, const struct frame *f)
{
    bool added = false;
    long long *slots[S__COUNT] = {&e->killed, &e->injured, &e->kidnapped,
                                  &e->detained, NULL};
    for (int k = 0; k < S_ESCAPED; k++) {
        if (f->count[k] < 0)
            continue;
        if (*slots[k] >= 0 && *slots[k] != f->count[k])
            return false; /* conflicting figures: not a follow-up */
    }
    for (int k = 0; k < S_ESCAPED; k++)
        if (f->count[k] >= 0 && *slots[k] < 0) {
            *slots[k] = f->count[k];
            added = true;
        }
    return added;
}

static void fold_claim(struct ctx *c, const struct frame *f, struct event_list *out,
                       size_t doc_first)
{
    if (!f->group)
        return;
    /* the latest event of this document without a group */
    for (size_t i = out->n; i-- > doc_first;) {
        struct event *e = &out->v[i];
        if (e->actor_group)
            return;
        if (strcmp(e->type, "attack") == 0 || strcmp(e->type, "kidnapping") == 0 ||
            strcmp(e->type, "clash") == 0 || strcmp(e->type, "escape") == 0) {
            set_group(c, e, f->group);
            return;
        }
    }
}

/* ---- the document ------------------------------------------------------ */

static void doc_context(struct ctx *c)
{
    const struct doc *d = c->d;
    if (d->published)
        date_parse_iso(d->published, &c->ref);
    if (c->ref.prec != DATE_DAY)
        memset(&c->ref, 0, sizeof c->ref);
    c->skip_until = d->body;
    if (d->title && c->skip_until == 0 && strncmp(d->text, d->title, strlen(d->title)) == 0)
        c->skip_until = strlen(d->title);
    /* the dateline city */
    if (d->dateline_place) {
        struct tokens tk = {0};
        struct lex_matches lm = {0};
        tok_run(&tk, d->dateline_place, strlen(d->dateline_place));
        lex_scan(lex_get(), &tk, d->dateline_place, &lm);
        const struct lex_place *best = NULL;
        for (size_t i = 0; i < lm.n; i++)
            if (lm.v[i].phrase->kind == LEX_PLACE && lm.v[i].first == 0) {
                const struct lex_place *p = &lex_places[lm.v[i].phrase->index];
                if (!best || p->population > best->population)
                    best = p;
            }
        c->dateline_place = best;
        if (best)
            c->doc_country = best->country;
        lex_matches_free(&lm);
        tok_free(&tk);
    }
    if (c->doc_country)
        return;
    /* otherwise the country named most often */
    size_t *votes = xcalloc(lex_n_countries, sizeof *votes);
    size_t best = 0;
    bool any = false;
    for (size_t i = 0; i < c->lm.n; i++) {
        const struct lex_phrase *p = c->lm.v[i].phrase;
        size_t idx = (size_t)-1;
        if (p->kind == LEX_COUNTRY || p->kind == LEX_DEMONYM)
            idx = p->index;
        else if (p->kind == LEX_PLACE && lex_places[p->index].country) {
            const struct lex_country *ct = lex_country_by_code(lex_places[p->index].country);
            if (ct)
                idx = (size_t)(ct - lex_countries);
        }
        if (idx == (size_t)-1)
            continue;
        votes[idx]++;
        if (!any || votes[idx] > votes[best])
            best = idx;
        any = true;
    }
    if (any)
        c->doc_country = lex_countries[best].code;
    free(votes);
}

int ev_extract(const struct doc *d, struct event_list *out)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.text = d->text;
    int rc = tok_run(&c.tk, d->text, d->len);
    lex_scan(lex_get(), &c.tk, d->text, &c.lm);
    c.match_at = xmalloc((c.tk.n + 1) * sizeof *c.match_at);
    c.date_tok = xcalloc(c.tk.n + 1, sizeof *c.date_tok);
    for (size_t i = 0; i < c.tk.n; i++)
        c.match_at[i] = -1;
    for (size_t k = c.lm.n; k-- > 0;)
        c.match_at[c.lm.v[k].first] = (int32_t)k;
    doc_context(&c);

    size_t doc_first = out->n;
    struct frame prev = {0}, cur;
    bool have_prev = false;
    size_t prev_event = (size_t)-1;   /* event built from prev, if any */
    for (size_t si = 0; si < c.tk.ns; si++) {
        if (c.tk.s[si].end <= c.skip_until)
            continue;
        read_frame(&c, si, &cur);
        bool same_para = have_prev && c.tk.s[prev.sent].para == c.tk.s[si].para;
        const struct frame *ctx_f = same_para ? &prev : NULL;
        if (cur.claim && cur.group) {
            fold_claim(&c, &cur, out, doc_first);
            if (!is_event(&cur) || (cur.type && strcmp(cur.type, "attack") == 0 &&
                                    !has_consequence(&cur)))
                goto next;
        }
        if (!is_event(&cur)) {
            /* tolls without a trigger complete the event just before */
            if (!cur.rank && has_consequence(&cur) && prev_event != (size_t)-1 &&
                same_para && !cur.aggregate)
                merge_counts(&out->v[prev_event], &cur);
            else if (cur.rank && !has_consequence(&cur) && !cur.aggregate) {
                /* a trigger without tolls: kept as context for the next */
                prev = cur;
                have_prev = true;
                prev_event = (size_t)-1;
                continue;
            } else if (has_consequence(&cur) && have_prev && same_para &&
                       prev_event == (size_t)-1 && prev.rank && !cur.aggregate) {
                /* the trigger came one sentence earlier */
                struct frame m = prev;
                for (int k = 0; k < S__COUNT; k++)
                    if (cur.count[k] >= 0)
                        m.count[k] = cur.count[k];
                if (!m.group)
                    m.group = cur.group;
                if (!m.place)
                    m.place = cur.place, m.place_m = cur.place_m;
                if (is_event(&m) && out->n - doc_first < EV_MAX_EVENTS) {
                    struct event *e = event_list_push(out);
                    build_event(&c, &m, NULL, e);
                    prev_event = out->n - 1;
                }
            }
            goto next;
        }
        /* the same incident told again (same type, date and place) */
        if (prev_event != (size_t)-1 && same_para) {
            struct event *pe = &out->v[prev_event];
            char date[11] = "";
            if (cur.has_date)
                date_format(&cur.date, date);
            if (strcmp(pe->type, cur.type) == 0 && !cur.place &&
                (!date[0] || strcmp(date, pe->date) == 0) && merge_counts(pe, &cur))
                goto next;
        }
        if (out->n - doc_first >= EV_MAX_EVENTS) {
            rc = ERR_TOOBIG;
            break;
        }
        {
            struct event *e = event_list_push(out);
            build_event(&c, &cur, ctx_f, e);
            prev_event = out->n - 1;
        }
    next:
        prev = cur;
        have_prev = true;
    }
    free(c.match_at);
    free(c.date_tok);
    lex_matches_free(&c.lm);
    tok_free(&c.tk);
    return rc;
}
