/* ev.c - rule-based event extraction (see ev.h).
 *
 * Each sentence becomes at most one frame. Its triggers decide the type by
 * a fixed order of rules (a strike beats a plot beats an escape ...; see
 * decide_type()), count triggers with a number next to them give the
 * tolls, dictionary matches give the actor, place and country, and date.c
 * the date. Frames then become events: a sentence that only adds tolls
 * completes the event before it, a claim of responsibility names the actor
 * of the event it follows, and at the end events of a document that tell
 * the same incident twice are merged. */
#include "ev.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../lexicon/lex.h"
#include "../text/tok.h"
#include "date.h"
#include "ev_int.h"
#include "num.h"

static const char *const slot_names[S__COUNT] = {
    "killed", "injured", "kidnapped", "detained", "escaped"};

/* The slot a count trigger's value names ("killed" -> S_KILLED), or -1. */
static int slot_of(const char *value)
{
    for (int k = 0; k < S__COUNT; k++)
        if (strcmp(value, slot_names[k]) == 0)
            return k;
    return -1;
}

#define LONE_MAX 16 /* attack sentences without an event kept per document */

/* Appends a line of the --explain narrative, when one is asked for. */
__attribute__((format(printf, 2, 3)))
void xp(struct ctx *c, const char *fmt, ...)
{
    if (!c->xp)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    buf_puts(c->xp, line);
}

/* ---- dictionary helpers ------------------------------------------------ */

static const char *key_of(const struct lex_match *m) { return m->phrase->key; }

const struct lex_match *first_match(const struct ctx *c, size_t first)
{
    for (size_t i = first; i < c->tk.n; i++)
        if (c->match_at[i] >= 0)
            return &c->lm.v[c->match_at[i]];
    return NULL;
}

/* The match of kind (and trigger class) covering token i, or NULL. */
const struct lex_match *match_covering(const struct ctx *c, size_t i, int kind, int cls)
{
    /* matches are sorted by first token; look back a few */
    size_t lo = 0, hi = c->lm.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->lm.v[mid].first <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k-- > 0;) {
        const struct lex_match *m = &c->lm.v[k];
        if (m->first + 12 < i)
            break;
        if (i < m->last && m->phrase->kind == kind &&
            (kind != LEX_TRIGGER || lex_triggers[m->phrase->index].cls == cls))
            return m;
    }
    return NULL;
}

/* Is an event type (NULL for none) the wanted one? Out of line: gcc's
 * string-compare check otherwise misreads the types' literal strings. */
__attribute__((noinline)) static bool type_is(const char *type, const char *want)
{
    return type && strcmp(type, want) == 0;
}

static bool key_in(const char *key, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (key[0] == list[k][0] && strcmp(key, list[k]) == 0)
            return true;
    return false;
}

/* ---- tolls ------------------------------------------------------------- */

/* "The number of people killed ... has risen to 21", "the death toll
 * climbed to 40": the figure the toll reached is the toll, whatever other
 * numbers the sentence gives on the way ("after six more bodies were
 * found"). The slot is that of the nearest toll word before "to". */
static void risen_toll(const struct ctx *c, struct frame *f, size_t first, size_t last)
{
    if (!sent_has(c, W_TOLL_RISES))
        return;
    for (size_t i = first + 1; i + 2 < last; i++) {
        if (!word_in(c, i, W_TOLL_RISES) || !tok_is(&c->tk, i + 1, "to"))
            continue;
        size_t at = i + 2;
        at += num_qualifier(&c->tk, at, last);
        struct num n;
        if (!num_parse(&c->tk, c->text, at, last, &n) || n.vague)
            return;
        int slot = -1;
        for (size_t q = i; q-- > first && q + 20 > i && slot < 0;) {
            if (tok_is(&c->tk, q, "killed") || tok_is(&c->tk, q, "dead") ||
                tok_is(&c->tk, q, "toll") || tok_is(&c->tk, q, "deaths"))
                slot = S_KILLED;
            else if (tok_is(&c->tk, q, "wounded") || tok_is(&c->tk, q, "injured"))
                slot = S_INJURED;
            else if (tok_is(&c->tk, q, "kidnapped") || tok_is(&c->tk, q, "abducted"))
                slot = S_KIDNAPPED;
            else if (tok_is(&c->tk, q, "arrested") || tok_is(&c->tk, q, "detained"))
                slot = S_DETAINED;
        }
        if (slot < 0)
            return;
        f->count[slot] = (long long)n.value;
        f->vague[slot] = false;
        f->toll_update = true;
        for (size_t q = n.first; q < n.last; q++)
            c->used_num[q] = true;
        return;
    }
}

static const char *const aux_words[] = {
    "were", "was", "have", "has", "had", "been", "are", "is", "being", "be",
    "reportedly", "also", "later", "all", "both", "either", "confirmed",
    "reported", "believed", "feared", "said", "thought", "to", "get", "got",
    "left", "shot", "found", NULL};

/* Words of natural disasters and accidents: a sentence telling one makes
 * no attack of its killing words. */
static const char *const disasters[] = {
    "earthquake", "quake", "flood", "floods", "flooding", "hurricane", "cyclone", "typhoon",
    "storm", "landslide", "tsunami", "wildfire", "drought", "accident", "accidental",
    "crash", "crashed", NULL};

/* Words of wars and regimes whose dead are totals, not an incident's. */
static const char *const war_words[] = {
    "war", "wars", "conflict", "regime", "regimes", "insurgency", "violence", NULL};

/* Words that make a sentence not an act: "could strike", "plans to". */
static const char *const modal[] = {
    "could", "would", "might", "may", "threatened", "threatens", "vowed", "plans",
    "planned", "planning", "intends", "intended", "warned", "possible", "potential",
    "without", "will", "must", "should", "shall", NULL};
static const char *const unreal[] = {
    "sentenced", "convicted", "acquitted", "trial", "court", "drill", "exercise",
    "simulation", "mock", "rehearsal", "denied", "denies", "deny", "unexploded",
    "defused", "disposal", NULL};

/* Words of stories that are not about political violence, however many
 * "attacks" and "kills" they hold: disasters, crime, sport, games,
 * fiction and history. */
static const char *const other_genres[] = {
    "earthquake", "quake", "flood", "floods", "flooding", "hurricane", "cyclone", "typhoon",
    "storm", "landslide", "tsunami", "wildfire", "drought", "dams", "dam",
    "robber", "robbers", "robbery", "burglar", "burglary", "heist", "carjacking",
    "shoplifting", "fraud", "tournament", "league", "match", "season", "striker",
    "goalkeeper", "championship", "playoff", "players", "teams", "esports",
    "gamers", "video", "novel", "novelist", "film", "movie", "fiction",
    "chapter", "book", "historian", "museum", "exhibition", "ammonium", "accident",
    "accidental", "blaze", "thriller", "drama", "sequel", "premiere", "cinemas",
    "cinema", "screenplay", "actors", "actor", "crash", "crashed", NULL};

/* Words that make a story about political violence. */
static const char *const political[] = {
    "militant", "militants", "terrorist", "terrorists", "terrorism", "jihadist",
    "jihadists", "insurgent", "insurgents", "rebel", "rebels", "extremist",
    "extremists", "islamist", "islamists", "suicide", "separatist",
    "separatists", "paramilitary", "militia", "militias", "counter-terrorism",
    "counterterrorism", NULL};

/* The first words of the phrases read_frame() looks for in every token
 * (periods, prisons, revised tolls ...): tokens without one are skipped. */
static const char *const frame_cues[] = {
    "since", "this", "so", "over", "series", "in", "annual", "annually", "statistics",
    "various",
    "alone", "across", "throughout", "nationwide", "prison", "prisons", "jail",
    "inmates", "prisoners", "jailbreak", "inspired", "blew", "toll", "tally", "rose",
    "risen", "climbed", "number", "earlier", "had", "first", NULL};

/* The first words of phrases read_frame() looks for in a sentence: each
 * list lets a scan be skipped when the sentence has none of its words
 * (see sent_has()), and answers a token's test at once. */
static const char *const toll_rises[] = {"risen", "rose", "climbed", "reached", "jumped",
                                         NULL};
static const char *const among_words[] = {"among", NULL};
static const char *const superlatives[] = {"deadliest", "worst", "bloodiest", NULL};
static const char *const hostage_words[] = {"hostage", "hostages", NULL};
static const char *const no_words[] = {"no", "nobody", NULL};
/* the words days_before() looks for before it parses anything */
static const char *const day_words[] = {"day", "days", "week", "weeks", "previous", NULL};
static const char *const reason_words[] = {"suspected", "accused", "convicted", "charged",
                                           "connection", NULL};
static const char *const before_words[] = {"before", "until", NULL};
static const char *const speaking[] = {"said", "says", "told", "source", "sources", NULL};

/* Words before a name that make it the location of what is told. */
static const char *const locative[] = {
    "in", "at", "near", "outside", "inside", "into", "across", "throughout",
    "around", "within", "from", "towards", "toward", "northern",
    "southern", "eastern", "western", "central", "north", "south", "east",
    "west", "northeastern", "northwestern", "southeastern", "southwestern",
    "north-eastern", "north-western", "south-eastern", "south-western",
    "neighbouring", "neighboring", "on", NULL};

/* Words after a number that make it not a count of people. */
static const char *const not_people[] = {
    "percent", "per", "%", "km", "kilometres", "kilometers", "miles", "metres",
    "meters", "years", "year", "am", "pm", "hours", "hour", "days", "day",
    "minutes", "weeks", "months", "kg", "kilograms", "kilogrammes", "tonnes",
    "tons", "pounds", "litres", "times", "storey", "floors", "km/h", NULL};

/* The victims that are attackers: security forces killing them is a clash. */
static const char *const attacker_nouns[] = {
    "attackers", "attacker", "gunmen", "gunman", "assailants", "assailant",
    "militants", "militant", "insurgents", "insurgent", "bombers", "bomber",
    "jihadists", "fighters", "rebels", "hostage takers", "driver", "suspects",
    "suspect", "terrorists", "terrorist", "commander", "leader", NULL};

/* A single person: "a man", "the driver", "a commander". */
static const char *const one_person[] = {
    "man", "woman", "boy", "girl", "child", "driver", "suspect", "attacker",
    "assailant", "bomber", "gunman", "soldier", "policeman", "policewoman",
    "police officer", "officer", "security officer", "guard", "leader",
    "commander", "civilian", "worshipper", "pilgrim", "tourist", "teacher",
    "journalist", "person", "priest", "imam", "pastor", "mastermind", "suspected mastermind",
    "alleged mastermind", NULL};

static const char *const leader_words[] = {
    "leader", "commander", "chief", "emir", "founder", "head", "spokesman",
    "deputy", NULL};

/* Is group a a branch (at any depth) of group b? */
static bool descends(const struct lex_actor *a, const struct lex_actor *b)
{
    for (int depth = 0; a && a->parent && depth < 8; depth++) {
        if (strcmp(a->parent, b->key) == 0)
            return true;
        a = lex_actor_by_key(a->parent);
    }
    return false;
}

/* Reads a number (with its qualifiers) starting at token i. */
static bool number_at(const struct ctx *c, size_t i, size_t last, struct num *n)
{
    size_t q;
    int guard = 0;
    while (i < last && (q = num_qualifier(&c->tk, i, last)) > 0 && guard++ < 3) {
        if (tok_is(&c->tk, i, "a") && i + 1 < last &&
            (tok_is(&c->tk, i + 1, "dozen") || tok_is(&c->tk, i + 1, "hundred") ||
             tok_is(&c->tk, i + 1, "thousand")))
            break; /* "a dozen", "a hundred" are numbers */
        i += q;
    }
    if (i >= last || c->date_tok[i] || c->used_num[i])
        return false;
    if (!num_parse(&c->tk, c->text, i, last, n))
        return false;
    if (n->last < last && tok_is(&c->tk, n->last, "of") && !n->vague && n->value == 1)
        return false; /* "one of the" */
    size_t k = n->last;
    if (k < last && tok_is(&c->tk, k, "-"))
        k++; /* "a 23-year-old", "a 19-tonne truck" */
    if (k < last && (word_in(c, k, W_NOT_PEOPLE) || tok_is(&c->tk, k, "old")))
        return false;
    return true;
}

/* The victim noun right after a number ("15 people", "13 US service
 * members"): within three tokens, before any verb. */
static const struct lex_match *victim_after(const struct ctx *c, size_t j, size_t last)
{
    for (size_t q = j; q < last && q < j + 3; q++) {
        const struct lex_match *v = match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM);
        if (v)
            return v;
        if (match_covering(c, q, LEX_TRIGGER, TRIG_COUNT) ||
            match_covering(c, q, LEX_TRIGGER, TRIG_EVENT) || c->tk.t[q].kind == TOK_PUNCT)
            return NULL;
    }
    return NULL;
}

/* Words after a number that do not make it a count of things. */
static const char *const things_ok[] = {
    "more", "others", "other", "of", "in", "on", "at", "from", "and", "or",
    "during", "after", "before", "near", "across", "over", "who", "when",
    "while", "as", "since", "last", "this", NULL};

/* Is the number before token j a count of things ("seized 150 accounts",
 * "captured 12 rifles") rather than of people? */
static bool things_after(const struct ctx *c, size_t j, size_t last)
{
    if (j >= last || c->tk.t[j].kind != TOK_WORD || word_in(c, j, W_THINGS_OK))
        return false;
    for (size_t q = j; q < last && q < j + 3; q++)
        if (match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM) ||
            match_covering(c, q, LEX_DEMONYM, 0))
            return false;
    return true;
}

/* Where a number read at token i really starts, stepping back over the
 * words of "twenty-three" or "Twenty-one" (at most four tokens, not before
 * first); *n becomes the whole number. */
static size_t number_start(const struct ctx *c, size_t first, size_t i, size_t last,
                           struct num *n)
{
    size_t start = i;
    for (size_t k = 1; k <= 4 && k <= i - first; k++) {
        struct num wider;
        if (num_parse(&c->tk, c->text, i - k, last, &wider) && wider.last >= n->last) {
            start = i - k;
            *n = wider;
        }
    }
    return start;
}

/* The start of "N people" ending just before token end ("Twelve members
 * of the security forces" before "and seven civilians"), or end: a number
 * (not a date, not yet used) then up to six words naming people. */
static size_t part_before(const struct ctx *c, size_t first, size_t end)
{
    for (size_t k = end; k-- > first && k + 8 > end;) {
        if (c->tk.t[k].kind == TOK_PUNCT && !tok_is(&c->tk, k, "-"))
            return end;
        struct num n;
        if (c->date_tok[k] || c->used_num[k] || !num_parse(&c->tk, c->text, k, end, &n) ||
            n.vague || n.last >= end)
            continue;
        struct num whole = n;
        size_t start = number_start(c, first, k, end, &whole);
        for (size_t q = n.last; q < end; q++)
            if (match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM) ||
                match_covering(c, q, LEX_TRIGGER, TRIG_SECURITY))
                return start;
        return end;
    }
    return end;
}

/* Adds further parts of one toll: "5 soldiers and 3 civilians". */
static double sum_parts(struct ctx *c, size_t j, size_t last, double value)
{
    double sum = value;
    for (int parts = 0; parts < 3 && j + 1 < last; parts++) {
        if (!tok_is(&c->tk, j, "and") && !tok_is(&c->tk, j, ","))
            break;
        struct num n;
        if (!number_at(c, j + 1, last, &n) || n.vague)
            break;
        /* "26 people, 14 of them soldiers": a part of the whole */
        bool of_them = n.last + 1 < last && tok_is(&c->tk, n.last, "of") &&
                       (tok_is(&c->tk, n.last + 1, "them") || tok_is(&c->tk, n.last + 1, "whom"));
        const struct lex_match *v = victim_after(c, n.last, last);
        if (!v)
            break;
        for (size_t q = n.first; q < n.last; q++)
            c->used_num[q] = true;
        if (of_them)
            return value;
        sum += n.value;
        j = v->last;
    }
    /* "sixty people, ten women and seven children among them" */
    if (j + 1 < last && tok_is(&c->tk, j, "among") && tok_is(&c->tk, j + 1, "them"))
        return value;
    return sum;
}

/* Is token i the start of a person's name (capitalised words that are not
 * a place, country, group or trigger)? Returns the tokens it spans. */
size_t person_name(const struct ctx *c, size_t i, size_t last)
{
    size_t j = i;
    if (c->tk.caseless)
        return 0; /* names cannot be told from words without capitals */
    while (j < last && (c->tk.t[j].flags & TOK_CAP) && c->tk.t[j].kind == TOK_WORD &&
           c->match_at[j] < 0 && !match_covering(c, j, LEX_PLACE, 0) &&
           !match_covering(c, j, LEX_ACTOR, 0) && !match_covering(c, j, LEX_COUNTRY, 0)) {
        j++;
        /* "al-Zawahiri", "bin Laden" */
        if (j + 1 < last && tok_is(&c->tk, j, "-") && (c->tk.t[j + 1].flags & TOK_CAP))
            j++;
        else if (j < last && (tok_is(&c->tk, j, "bin") || tok_is(&c->tk, j, "al") ||
                              tok_is(&c->tk, j, "abu") || tok_is(&c->tk, j, "ibn")))
            j++;
    }
    return j - i >= 2 ? j - i : 0;
}

/* Words before a victim's name: determiners and the like. */
static const char *const victim_det[] = {
    "the", "a", "an", "one", "its", "his", "her", "their", "top", "senior",
    "former", "local", "prominent", "key", "veteran", NULL};

/* Relatives and companions named with a victim. */
static const char *const victim_kin[] = {
    "wife", "husband", "son", "daughter", "brother", "sister", "father",
    "mother", "child", "driver", "bodyguard", NULL};

/* A single victim named after the verb: "killed al-Qaeda leader Ayman
 * al-Zawahiri", "abducted Luis Manuel Diaz and his wife", "killed a
 * policeman". Returns the count (0 when none) and whether a leader. */
static int named_victims(struct ctx *c, size_t j, size_t last, bool *leader,
                         size_t *victim)
{
    size_t i = j;
    *leader = false;
    *victim = j;
    while (i < last && (word_in(c, i, W_DET) || match_covering(c, i, LEX_DEMONYM, 0)))
        i++;
    const struct lex_match *g = i < last ? match_covering(c, i, LEX_ACTOR, 0) : NULL;
    if (g && g->first == i)
        i = g->last;
    while (i < last && word_in(c, i, W_DET))
        i++;
    /* "an 18-month-old boy", "a 15-year-old" */
    bool aged = false;
    if (i + 4 < last && c->tk.t[i].kind == TOK_NUM && tok_is(&c->tk, i + 1, "-") &&
        tok_is(&c->tk, i + 3, "-") && tok_is(&c->tk, i + 4, "old")) {
        i += 5;
        aged = true;
    }
    int n = 0;
    if (i < last && word_in(c, i, W_LEADER)) {
        *leader = true;
        i++;
        n = 1;
        size_t name = person_name(c, i, last);
        i += name;
    } else if (i < last && person_name(c, i, last)) {
        i += person_name(c, i, last);
        n = 1;
        /* "Burhan Wani, a commander" */
        if (i + 2 < last && tok_is(&c->tk, i, ",") &&
            (tok_is(&c->tk, i + 1, "a") || tok_is(&c->tk, i + 1, "the")) &&
            word_in(c, i + 2, W_LEADER))
            *leader = true;
    } else if (i > j && i < last) {
        const struct lex_match *v = match_covering(c, i, LEX_TRIGGER, TRIG_VICTIM);
        for (int k = 0; v && one_person[k]; k++)
            if (strcmp(key_of(v), one_person[k]) == 0 && v->first == i) {
                n = 1;
                *leader = key_in(key_of(v), leader_words);
                i = v->last;
                break;
            }
    }
    if (!n && aged)
        n = 1; /* "detained a 15-year-old on Saturday" */
    if (!n)
        return 0;
    /* "Burhan Wani, a commander of ..., and two other militants",
     * "Para Wijayanto, the suspected leader of ..., and his wife" */
    for (size_t q = i; q + 2 < last && q < i + 16; q++) {
        if (c->tk.t[q].kind == TOK_PUNCT && !tok_is(&c->tk, q, ",") && !tok_is(&c->tk, q, "-"))
            break;
        if (!tok_is(&c->tk, q, "and"))
            continue;
        if ((tok_is(&c->tk, q + 1, "his") || tok_is(&c->tk, q + 1, "her") ||
             tok_is(&c->tk, q + 1, "their")) && word_in(c, q + 2, W_KIN)) {
            n++;
            q += 2;
            continue;
        }
        struct num more;
        if (number_at(c, q + 1, last, &more) && !more.vague) {
            size_t h = more.last;
            if (h < last && (tok_is(&c->tk, h, "other") || tok_is(&c->tk, h, "more")))
                h++;
            if (victim_after(c, h, last)) {
                n += (int)more.value;
                for (size_t u = more.first; u < more.last; u++)
                    c->used_num[u] = true;
            }
        }
        break;
    }
    return n;
}

/* Words between "toll" and its figure ("rose to", "stood at"). */
static const char *const toll_words[] = {
    "rose", "risen", "climbed", "reached", "stood", "stands", "is", "was",
    "has", "had", "to", "at", "of", "now", "increased", NULL};

/* Words before "was" that are not the victim ("he was killed"). */
static const char *const not_subjects[] = {
    "nobody", "none", "he", "she", "it", "who", "that", "which", NULL};

/* Finds the toll a count trigger m refers to. Returns true and sets the
 * value (or vague) when found. */
static bool toll_of(struct ctx *c, const struct lex_match *m, size_t first, size_t last,
                    long long *value, bool *vague, size_t *victim, bool *leader)
{
    struct num n;
    *leader = false;
    /* "handed himself in": one person, by the words themselves */
    if (strstr(key_of(m), "himself") || strstr(key_of(m), "herself")) {
        *vague = false;
        *value = 1;
        *victim = m->first;
        return true;
    }
    /* after: "killed 15 people", "killing at least 15", "toll rose to 50" */
    size_t j = m->last;
    if (strcmp(key_of(m), "toll") == 0 || strcmp(key_of(m), "death toll") == 0 ||
        strcmp(key_of(m), "death") == 0) {
        size_t k0 = j;
        for (int k = 0; k < 4 && j < last && word_in(c, j, W_TOLL_WORDS); k++)
            j++;
        /* "the death toll from Sunday's bombing has risen to 292" */
        if (j == k0)
            for (size_t q = j; q + 1 < last && q < k0 + 12; q++) {
                if (c->tk.t[q].kind == TOK_PUNCT)
                    break;
                if (tok_is(&c->tk, q, "to") || tok_is(&c->tk, q, "at")) {
                    j = q + 1;
                    break;
                }
            }
    }
    if (j < last && number_at(c, j, last, &n) &&
        !(things_after(c, n.last, last) &&
          (strcmp(lex_triggers[m->phrase->index].value, "kidnapped") == 0 ||
           strcmp(lex_triggers[m->phrase->index].value, "detained") == 0))) {
        *vague = n.vague;
        /* "between 20 and 30": the first figure; the second is used up */
        struct num hi;
        if (n.first > 0 && tok_is(&c->tk, n.first - 1, "between") && n.last + 1 < last &&
            tok_is(&c->tk, n.last, "and") && num_parse(&c->tk, c->text, n.last + 1, last, &hi))
            for (size_t q = hi.first; q < hi.last; q++)
                c->used_num[q] = true;
        if (!n.vague) {
            const struct lex_match *v = victim_after(c, n.last, last);
            double total = n.value;
            for (size_t q = n.first; q < n.last; q++)
                c->used_num[q] = true;
            *victim = n.first;
            size_t after = v ? v->last : n.last;
            if (!v && after < last && c->match_at[after] >= 0 &&
                c->lm.v[c->match_at[after]].phrase->kind == LEX_DEMONYM)
                after = c->lm.v[c->match_at[after]].last; /* "170 Afghans and 13 ..." */
            total = sum_parts(c, after, last, n.value);
            *value = (long long)total;
        }
        return true;
    }
    int named = j < last ? named_victims(c, j, last, leader, victim) : 0;
    if (named) {
        *vague = false;
        *value = named;
        return true;
    }
    /* "the suspect was arrested", "he was killed": one person */
    if (m->first >= first + 2 && tok_is(&c->tk, m->first - 1, "was") &&
        !word_in(c, m->first - 2, W_NOT_SUBJECTS) &&
        !(tok_is(&c->tk, m->first - 2, "one") && m->first >= first + 3 &&
          tok_is(&c->tk, m->first - 3, "no"))) {
        *vague = false;
        *value = 1;
        *victim = m->first;
        return true;
    }
    /* before: "15 people were killed", "12 soldiers dead", "a man died";
     * a single person only in the passive or with an intransitive word
     * ("a man stabbed ..." names the attacker) */
    static const char *const intransitive[] = {
        "dead", "died", "dies", "death", "deaths", "wounded", "injured", "hurt", NULL};
    bool passive = key_in(key_of(m), intransitive) || strncmp(key_of(m), "were ", 5) == 0 ||
                   strncmp(key_of(m), "was ", 4) == 0;
    size_t i = m->first;
    int nouns = 0;
    /* "Two people suspected of helping the attackers were arrested": the
     * count is before the phrase that says who they are */
    for (size_t q = m->first; q > first + 1 && q + 10 > m->first; q--) {
        if (c->tk.t[q - 1].kind == TOK_PUNCT)
            break;
        if (tok_is(&c->tk, q, "of") && (tok_is(&c->tk, q - 1, "suspected") ||
                                         tok_is(&c->tk, q - 1, "accused"))) {
            passive = passive || word_in(c, m->first - 1, W_AUX);
            i = q - 1;
            break;
        }
    }
    while (i > first) {
        i--;
        const struct tok *t = &c->tk.t[i];
        /* "they were both killed" (an auxiliary), but "both attackers" */
        bool both_n = tok_is(&c->tk, i, "both") && i + 1 < m->first &&
                      match_covering(c, i + 1, LEX_TRIGGER, TRIG_VICTIM);
        if (word_in(c, i, W_AUX) && !both_n) {
            passive = true;
            continue;
        }
        if (tok_is(&c->tk, i, ",") && passive && !nouns) {
            /* "Four people, three Moroccans and a Spaniard, are in
             * custody": over the apposition to its head */
            size_t q = i;
            while (q > first + 1 && q + 10 > i && c->tk.t[q - 1].kind != TOK_PUNCT)
                q--;
            if (q > first + 1 && q + 10 > i && tok_is(&c->tk, q - 1, ",")) {
                i = q - 1;
                continue;
            }
        }
        if (t->kind == TOK_PUNCT && !tok_is(&c->tk, i, "-"))
            return false;
        /* "the driver", "a man": one person */
        const struct lex_match *v = match_covering(c, i, LEX_TRIGGER, TRIG_VICTIM);
        if (passive && v && v->last == i + 1 && v->first > first &&
            key_in(key_of(v), one_person) &&
            (tok_is(&c->tk, v->first - 1, "a") || tok_is(&c->tk, v->first - 1, "an") ||
             tok_is(&c->tk, v->first - 1, "the") || tok_is(&c->tk, v->first - 1, "one"))) {
            *vague = false;
            *value = 1;
            *victim = v->first - 1;
            *leader = key_in(key_of(v), leader_words);
            return true;
        }
        struct num probe;
        if (num_parse(&c->tk, c->text, i, last, &probe) && !c->date_tok[i] &&
            !c->used_num[i]) {
            size_t start = number_start(c, first, i, last, &probe);
            /* "six of the seven gunmen were killed": the part, not the whole */
            if (start >= first + 3 && tok_is(&c->tk, start - 1, "the") &&
                tok_is(&c->tk, start - 2, "of")) {
                struct num part;
                for (size_t k = 1; k <= 3 && start - 2 >= first + k; k++)
                    if (num_parse(&c->tk, c->text, start - 2 - k, last, &part) &&
                        part.last == start - 2 && !part.vague) {
                        *vague = false;
                        *value = (long long)part.value;
                        *victim = start - 2 - k;
                        for (size_t q = part.first; q < probe.last; q++)
                            c->used_num[q] = true;
                        return true;
                    }
            }
            /* "29 children were among the dead": a part of a toll */
            if (m->first >= first + 1 && tok_is(&c->tk, m->first - 1, "the") &&
                m->first >= first + 2 && tok_is(&c->tk, m->first - 2, "among"))
                return false;
            /* "two of the suspects", "the two officers": told before;
             * but "six of the seven gunmen were killed" counts them */
            if (probe.last < last && tok_is(&c->tk, probe.last, "of")) {
                const struct lex_match *pv = NULL;
                for (size_t q = probe.last; q < m->first && !pv; q++)
                    pv = match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM);
                /* and "five of the people he struck ... died", "three of
                 * the wounded died": victims who died, counted once */
                static const char *const fighters[] = {
                    "gunmen", "attackers", "militants", "assailants", "bombers",
                    "fighters", "insurgents", "jihadists", "wounded", "injured", NULL};
                static const char *const struck_ones[] = {"people", "victims", NULL};
                bool struck = pv && key_in(key_of(pv), struck_ones) &&
                              pv->last + 1 < m->first &&
                              (tok_is(&c->tk, pv->last, "he") || tok_is(&c->tk, pv->last, "she") ||
                               tok_is(&c->tk, pv->last, "they")) &&
                              key_in(key_of(m), intransitive);
                if (!pv || !(key_in(key_of(pv), fighters) || struck))
                    return false;
            }
            if (start > first && tok_is(&c->tk, start - 1, "the"))
                return false;
            struct num check;
            if (!number_at(c, start, last, &check) && !probe.vague)
                return false;
            *vague = probe.vague;
            if (!probe.vague) {
                *value = (long long)probe.value;
                for (size_t q = start; q < probe.last; q++)
                    c->used_num[q] = true;
                /* "Twelve members of the security forces and seven
                 * civilians were killed": the part before "and" too */
                size_t before;
                struct num lo;
                if (start >= first + 3 && tok_is(&c->tk, start - 1, "and") &&
                    tok_is(&c->tk, start - 3, "between") &&
                    num_parse(&c->tk, c->text, start - 2, last, &lo) && !lo.vague &&
                    lo.last == start - 1) {
                    /* "between 20 and 30 people were wounded": the first */
                    *value = (long long)lo.value;
                    c->used_num[start - 2] = true;
                    start -= 3;
                } else if (start >= first + 2 && tok_is(&c->tk, start - 1, "and") &&
                    (before = part_before(c, first, start - 1)) < start) {
                    struct num part;
                    num_parse(&c->tk, c->text, before, last, &part);
                    *value += (long long)part.value;
                    for (size_t q = part.first; q < part.last; q++)
                        c->used_num[q] = true;
                    start = before;
                }
            }
            *victim = start;
            return true;
        }
        if (match_covering(c, i, LEX_TRIGGER, TRIG_COUNT))
            return false;
        if (tok_is(&c->tk, i, "and") || tok_is(&c->tk, i, "or") ||
            tok_is(&c->tk, i, "after") || tok_is(&c->tk, i, "when") ||
            tok_is(&c->tk, i, "who") || tok_is(&c->tk, i, "which"))
            return false;
        /* "the people he struck": a relative clause's subject and verb */
        bool relative = tok_is(&c->tk, i, "he") || tok_is(&c->tk, i, "she") ||
                        tok_is(&c->tk, i, "they") ||
                        match_covering(c, i, LEX_TRIGGER, TRIG_EVENT);
        if (!relative && ++nouns > 3)
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

/* ---- places and countries ---------------------------------------------- */

static bool locative_before(const struct ctx *c, size_t i, size_t first)
{
    for (size_t k = 1; k <= 5 && i >= first + k; k++) {
        size_t q = i - k;
        if (word_in(c, q, W_LOCATIVE))
            return true;
        if (c->tk.t[q].kind == TOK_PUNCT && !tok_is(&c->tk, q, "-"))
            return false;
        if (match_covering(c, q, LEX_DEMONYM, 0))
            continue; /* "in the Syrian city of Homs" */
        /* "in north-western Syria", "in the town of Atmeh" */
        if (!tok_is(&c->tk, q, "the") && !tok_is(&c->tk, q, "-") &&
            !tok_is(&c->tk, q, "town") && !tok_is(&c->tk, q, "city") &&
            !tok_is(&c->tk, q, "village") && !tok_is(&c->tk, q, "province") &&
            !tok_is(&c->tk, q, "district") && !tok_is(&c->tk, q, "state") &&
            !tok_is(&c->tk, q, "region") && !tok_is(&c->tk, q, "of") &&
            !word_in(c, q, W_LOCATIVE))
            return false;
    }
    return false;
}

/* Does the frame count anyone (killed, injured, taken, detained, escaped)? */
static bool has_toll(const struct frame *f)
{
    for (int k = 0; k < S__COUNT; k++)
        if (f->count[k] >= 0)
            return true;
    return false;
}

/* Picks the entry of a place phrase: the document's country first, then
 * settlements over regions, then the most populous. */
static const struct lex_place *best_place(const struct ctx *c, const struct lex_match *m,
                                          int *score_out)
{
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
        if (score > best_score || (score == best_score && best &&
                                   p->population > best->population)) {
            best = p;
            best_score = score;
        }
    }
    *score_out = best_score;
    return best;
}

static bool place_specific(const struct lex_place *p)
{
    return strcmp(p->kind, "province") != 0 && strcmp(p->kind, "region") != 0;
}

/* Currencies other than the dollar. */
static const char *const currencies[] = {
    "naira", "euros", "euro", "pounds", "shillings", "rupees", "dinars", "riyals",
    "yuan", "roubles", "rubles", "afghanis", "francs", "pesos", "lira", "birr",
    "cedis", "rand", "taka", "dirhams", "yen", "won", "hryvnias", NULL};

/* A sum in another currency ("2 billion naira", "5 million euros"),
 * kept as written: its [first, last) tokens, or false. */
static bool other_money(const struct ctx *c, size_t first, size_t last, size_t *a, size_t *b)
{
    for (size_t i = first; i < last; i++) {
        struct num n;
        if (c->tk.t[i].kind == TOK_PUNCT || !num_parse(&c->tk, c->text, i, last, &n) || n.vague)
            continue;
        if (n.last < last && word_in(c, n.last, W_CURRENCIES)) {
            *a = i;
            *b = n.last + 1;
            return true;
        }
        i = n.last - 1 > i ? n.last - 1 : i;
    }
    return false;
}

/* ---- the frame of one sentence ---------------------------------------- */

/* "two days earlier" (before the last date the story gave), "three days
 * ago", "a week ago", "two weeks ago" (before the report), "the day before". */
static bool days_before(const struct ctx *c, size_t first, size_t last, struct date *out,
                        size_t *at)
{
    /* most sentences name no day: look before parsing (read_frame() has
     * gathered the sentence's word lists) */
    bool any = sent_has(c, W_DAYS);
    for (size_t i = first; any && i + 1 < last; i++) {
        struct num n = {0};
        size_t j = i;
        long unit = 1; /* days */
        if (tok_is(&c->tk, i, "a") && tok_is(&c->tk, i + 1, "week") && i + 2 < last &&
            (tok_is(&c->tk, i + 2, "ago") || tok_is(&c->tk, i + 2, "earlier") ||
             tok_is(&c->tk, i + 2, "before"))) {
            /* "a week ago" */
            n.value = 7;
            j = i + 3;
        } else if (tok_is(&c->tk, i, "the") && (tok_is(&c->tk, i + 1, "previous") ||
                                         tok_is(&c->tk, i + 1, "day"))) {
            n.value = 1;
            j = i + 2;
            if (tok_is(&c->tk, i + 1, "day") && j < last && tok_is(&c->tk, j, "before"))
                j++;
            else if (!(j < last && tok_is(&c->tk, j, "day")))
                continue;
            else
                j++;
        } else if (num_parse(&c->tk, c->text, i, last, &n) && !n.vague && n.value < 60 &&
                   n.last + 1 < last &&
                   (tok_is(&c->tk, n.last, "days") || tok_is(&c->tk, n.last, "day") ||
                    tok_is(&c->tk, n.last, "weeks")) &&
                   (tok_is(&c->tk, n.last + 1, "earlier") || tok_is(&c->tk, n.last + 1, "before") ||
                    tok_is(&c->tk, n.last + 1, "ago"))) {
            if (tok_is(&c->tk, n.last, "weeks"))
                unit = 7;
            j = n.last + 2;
        } else {
            continue;
        }
        bool ago = tok_is(&c->tk, j - 1, "ago");
        const struct date *base = !ago && c->last_date.prec == DATE_DAY ? &c->last_date : &c->ref;
        if (base->prec != DATE_DAY)
            return false;
        date_from_days(date_days(base->y, base->m, base->d) - (long)n.value * unit, out);
        *at = i;
        return true;
    }
    return false;
}

/* Does a new clause start between tokens from and to (a semicolon, or a
 * comma before "and", "while" or "but")? */
static bool new_clause(const struct ctx *c, size_t from, size_t to)
{
    for (size_t q = from; q + 1 < to; q++)
        if (tok_is(&c->tk, q, ";") ||
            (tok_is(&c->tk, q, ",") && (tok_is(&c->tk, q + 1, "and") ||
                                        tok_is(&c->tk, q + 1, "while") ||
                                        tok_is(&c->tk, q + 1, "but"))))
            return true;
    return false;
}

/* "since 2016, when gunmen opened fire ...": the clause tells an incident
 * of that date, not a period. */
static bool since_when(const struct ctx *c, size_t i, size_t last)
{
    for (size_t q = i + 1; q + 1 < last && q < i + 6; q++)
        if (tok_is(&c->tk, q, ",") && tok_is(&c->tk, q + 1, "when"))
            return true;
    return false;
}

/* "held about 170 guests and staff hostage", "holding 20 captives". */
static bool held_hostage(const struct ctx *c, const struct lex_match *m, size_t last)
{
    for (size_t q = m->last; q < last && q < m->last + 8; q++)
        if (tok_is(&c->tk, q, "hostage") || tok_is(&c->tk, q, "hostages") ||
            tok_is(&c->tk, q, "captive") || tok_is(&c->tk, q, "captives"))
            return true;
    return false;
}

/* Nouns after a person's name that make it the name of a place or a band
 * ("juan pablo ii boulevard", "modesto ramirez urban commandos"). */
static const char *const named_after[] = {
    "boulevard", "avenue", "street", "square", "park", "neighborhood", "neighbourhood",
    "district", "school", "hospital", "farm", "canton", "hamlet", "highway", "bridge",
    "airport", "stadium", "battalion", "brigade", "front", "commando", "commandos", "command",
    "foundation", "university", "institute", "federation", "movement", "plaza", "road",
    "center", "centre", "urban", "cell", "column", "unit", "station", NULL};

/* Things seized, not people. */
static const char *const things_seized[] = {
    "documents", "papers", "arms", "weapons", "ammunition", "drugs", "cocaine",
    "marijuana", "money", "equipment", "materiel", "propaganda", "files", "cash", NULL};

/* "seized a pistol from one of them", "documents that were seized from
 * the terrorists": things were seized, not people or a place. */
static bool seizes_things(const struct ctx *c, const struct lex_match *m, size_t first,
                          size_t last)
{
    if (strcmp(key_of(m), "seized") != 0)
        return false;
    for (size_t q = m->first >= first + 4 ? m->first - 4 : first; q < last && q < m->last + 5;
         q++)
        if ((q < m->first || q >= m->last) && (match_covering(c, q, LEX_TRIGGER, TRIG_WEAPON) ||
                                                word_in(c, q, W_THINGS_SEIZED)))
            return true;
    return false;
}

/* Is the kidnapping trigger at m the seizure of a place or vehicle ("seized
 * a cafe", "seized the Jaffar Express") rather than of people? */
static bool seizes_a_place(const struct ctx *c, const struct lex_match *m, size_t last)
{
    if (strcmp(key_of(m), "seized") != 0 && strcmp(key_of(m), "took over") != 0)
        return false;

    size_t j = m->last;
    if (j >= last || !(tok_is(&c->tk, j, "the") || tok_is(&c->tk, j, "a") ||
                       tok_is(&c->tk, j, "an") || tok_is(&c->tk, j, "control")))
        return false;
    if (j + 1 < last && c->tk.t[j + 1].kind == TOK_NUM)
        return false;
    /* "seized a Libyan al-Qaeda leader": a person, not a place */
    for (size_t q = j + 1; q < last && q < j + 6; q++)
        if (match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM) || word_in(c, q, W_LEADER))
            return false;
    return true;
}

/* The verbs of a ramming. */
static const char *const ram_verbs[] = {
    "drove", "rammed", "ploughed", "plowed", "ramming", "driving", "drive",
    "smashed", "crashed", NULL};

/* The vehicles of a ramming. */
static const char *const ram_vehicles[] = {
    "truck", "lorry", "van", "car", "vehicle", "suv", "bus", "tractor", NULL};

/* "drove a 19-tonne truck into", "rammed a car into": a ramming. */
static bool vehicle_ramming(const struct ctx *c, size_t first, size_t last)
{
    if (!sent_has(c, W_RAM_VERBS))
        return false;
    for (size_t i = first; i < last; i++) {
        if (!word_in(c, i, W_RAM_VERBS))
            continue;
        bool rams = tok_is(&c->tk, i, "rammed") || tok_is(&c->tk, i, "ramming") ||
                    tok_is(&c->tk, i, "ploughed") || tok_is(&c->tk, i, "plowed");
        for (size_t k = i + 1; k < last && k <= i + 5; k++) {
            if (!word_in(c, k, W_RAM_VEHICLES) || (k + 1 < last && tok_is(&c->tk, k + 1, "bomb")))
                continue;
            if (rams)
                return true;
            /* "drove a truck into the crowd" */
            for (size_t q = k + 1; q < last && q <= k + 3; q++)
                if (tok_is(&c->tk, q, "into") || tok_is(&c->tk, q, "through"))
                    return true;
        }
    }
    return false;
}

/* What kinds of event triggers a sentence holds. */
struct triggers {
    size_t first_at;                      /* token of the first event trigger */
    const struct lex_match *first_method; /* first attack trigger with a method */
    const char *method;                   /* its method */
    bool hostage, ramming, attack, kidnap, seize_place, clash, strike, strike_word, raid,
         raid_weak, arrest, escape, plot, financing, claim_only;
    bool raid_context;                    /* "arrested in raids": how, not what */
};

/* Is trigger m in a clause after an attack already told with its toll
 * ("attacked ..., killing five people, and within hours warplanes ...")? */
static bool after_the_attack(const struct ctx *c, const struct triggers *t,
                             const struct frame *f, const struct lex_match *m)
{
    return (t->attack || t->first_method) && f->count[S_KILLED] >= 0 &&
           new_clause(c, t->first_at, m->first);
}

/* Forces whose captures are raids, not arrests. */
static const char *const raid_forces[] = {
    "special forces", "commandos", "troops", "soldiers", "army", "military",
    "navy", "marines", "counterterrorism forces", "counter-terrorism forces", NULL};

static void set_type(struct frame *f, const char *type, const char *method, bool weak,
                     const char *rule)
{
    f->type = type;
    f->method = method;
    f->weak = weak;
    f->rule = rule;
}

/* The order in which triggers decide a sentence's type: the first rule
 * that holds wins (its text is what --explain shows). */
static void decide_type(const struct triggers *t, struct frame *f)
{
    bool state_subject = f->state && (f->state_first < f->kill_at || f->state_by) &&
                         (!f->group || f->group->first > f->state_first || f->state_by);
    bool attackers_killed = (f->victim_m && key_in(key_of(f->victim_m), attacker_nouns)) ||
                            f->victim_armed;
    /* "all five were killed by security forces": the attackers */
    if (f->state_by && f->kill_passive && f->count[S_KILLED] > 0)
        attackers_killed = true;
    /* "two attackers were killed in the assault": attackers die in a clash */
    if (!state_subject && attackers_killed && f->kill_passive && f->count[S_KILLED] > 0 &&
        !f->perp_subject)
        state_subject = true;
    bool people_lost = f->count[S_KILLED] > 0 || f->count[S_INJURED] > 0;
    /* "the fmln said its fighters killed 25 soldiers ... and captured 24":
     * a group that kills and captures makes no arrest */
    bool group_acts = people_lost && f->group && f->trig_at && f->group->first < f->trig_at &&
                      (!f->state || f->state_first > f->trig_at);
    f->group_acts = group_acts;
    if (group_acts && f->count[S_DETAINED] >= 0 && f->count[S_KIDNAPPED] < 0) {
        f->count[S_KIDNAPPED] = f->count[S_DETAINED]; /* those it captured were taken */
        f->count[S_DETAINED] = EV_UNKNOWN;
    }
    bool killed = f->count[S_KILLED] >= 0;
    set_type(f, NULL, NULL, false, "no event trigger");
    if (t->strike)
        set_type(f, "strike", NULL, false, "an air or drone strike");
    else if (state_subject && attackers_killed && killed && !t->raid && !f->leader_killed)
        set_type(f, "clash", NULL, false, "security forces killed attackers");
    else if (t->plot && !people_lost && f->count[S_KIDNAPPED] < 0)
        set_type(f, "plot", NULL, false, "a plot word and no one hurt");
    else if (t->escape && f->prison)
        set_type(f, "escape", NULL, false, "an escape word and a prison");
    else if ((t->kidnap || t->seize_place) && f->state && f->state_first < f->trig_at &&
             !f->group_first_before_state && f->count[S_KIDNAPPED] >= 0 && !f->state_speaks) {
        /* "special forces seized a Libyan al-Qaeda leader": a capture */
        if (key_in(key_of(f->state), raid_forces))
            set_type(f, "raid", NULL, false, "forces seized a person");
        else
            set_type(f, "arrest", NULL, false, "the authorities seized a person");
        if (f->count[S_DETAINED] < 0)
            f->count[S_DETAINED] = f->count[S_KIDNAPPED];
        f->count[S_KIDNAPPED] = EV_UNKNOWN;
    } else if (t->hostage || t->seize_place)
        set_type(f, "attack", "hostage_taking", false, "hostages, or a place seized");
    else if (t->kidnap && !(state_subject && attackers_killed))
        set_type(f, "kidnapping", NULL, false, "an abduction word");
    else if (t->raid && (f->state || !(f->group || f->perp)))
        set_type(f, "raid", NULL, false, "a raid by security forces");
    else if (t->clash && !t->ramming && !t->first_method)
        set_type(f, "clash", NULL, false, "a word of fighting");
    else if (state_subject && killed && f->leader_killed)
        set_type(f, "raid", NULL, false, "security forces killed a leader");
    else if (state_subject && attackers_killed && killed)
        set_type(f, "clash", NULL, false, "attackers killed by security forces");
    else if (t->arrest && f->count[S_DETAINED] >= 0 && !people_lost)
        set_type(f, "arrest", NULL, false, "an arrest word and a number detained");
    else if (t->ramming && !(t->first_method && strstr(t->method, "bomb")))
        set_type(f, "attack", "vehicle_ramming", false, "a vehicle driven into people");
    else if (t->first_method)
        set_type(f, "attack", t->method, false, "the first attack word with a method");
    else if (t->clash)
        set_type(f, "clash", NULL, false, "a word of fighting");
    else if (t->raid_weak && f->state)
        set_type(f, "raid", NULL, false, "an operation by security forces");
    else if (t->arrest && !group_acts)
        set_type(f, "arrest", NULL, false, "an arrest word");
    else if (t->financing)
        set_type(f, "financing", NULL, false, "a word of funding");
    else if ((t->attack || t->raid) && f->count[S_KIDNAPPED] >= 0 && !people_lost)
        set_type(f, "kidnapping", NULL, false, "an attack that took people");
    else if ((t->attack || t->raid) && !f->disaster) /* not "the quake, killing 250" */
        set_type(f, "attack", NULL, true, "a generic attack word");
    else if (killed && !f->vague[S_KILLED] && f->kill_at && !f->disaster)
        set_type(f, "attack", NULL, true, "people killed, no other trigger");
}

/* Words of a statement: a date just after one dates the report. */
static const char *const reporting[] = {
    "said", "says", "told", "announced", "reported", "confirmed", "added",
    "stated", "statement", "began", "held", "published", "released",
    "issued", "report", "reported", "address", "interview", "briefing",
    "conference", NULL};

/* Words of plotting ("conspiring to kidnap"). */
static const char *const plotting[] = {
    "conspiring", "conspired", "conspiracy", "plotting", "plotted", "plot",
    "plots", NULL};

/* Words of a life told ("born in"). */
static const char *const life[] = {
    "born", "raised", "lived", "grew", "up", "studied", "settled", "arrived", NULL};

/* Whom the police shot ("shot him dead"): the attackers. */
static const char *const them[] = {"him", "her", "them", "both", NULL};

/* What makes "strike" an air strike. */
static const char *const aircraft[] = {
    "aircraft", "warplanes", "jets", "drone", "drones", "planes", "helicopters",
    "helicopter", "air", "airstrikes", "bombers", "gunships", NULL};

/* Reads what sentence si says into f: its triggers and type, tolls,
 * actors, place and date. */
/* Is the "strike" of match m a stoppage of work, not an attack: "a general
 * strike", "on strike", "the strike by judicial branch employees"? */
static bool labour_strike(const struct ctx *c, const struct lex_match *m, size_t first,
                          size_t last)
{
    static const char *const before[] = {
        "general", "labor", "labour", "hunger", "national", "nationwide", "transport",
        "indefinite", "on", "protest", "teachers", "workers", "doctors", "union", NULL};
    static const char *const workers[] = {
        "employees", "workers", "drivers", "teachers", "unions", "union", "miners",
        "doctors", "staff", "judges", "students", "truckers", "strikers", NULL};
    if (!tok_is(&c->tk, m->first, "strike") && !tok_is(&c->tk, m->first, "strikes"))
        return false;
    if (m->last - m->first != 1)
        return false; /* "air strike", "drone strike" */
    if (m->first > first)
        for (int k = 0; before[k]; k++)
            if (tok_is(&c->tk, m->first - 1, before[k]))
                return true;
    if (m->last < last && (tok_is(&c->tk, m->last, "by") || tok_is(&c->tk, m->last, "called")))
        for (size_t i = m->last + 1; i < last && i < m->last + 6; i++)
            for (int k = 0; workers[k]; k++)
                if (tok_is(&c->tk, i, workers[k]))
                    return true;
    return false;
}

/* Does token q end the words that may name the people a toll counts: a
 * punctuation mark, "by", "that", "who", or "and" before another verb
 * ("was shot dead by terrorists", "killed 3 and wounded 12 civilians")? */
static bool ends_victim(const struct ctx *c, size_t q)
{
    return c->tk.t[q].kind == TOK_PUNCT || tok_is(&c->tk, q, "by") ||
           tok_is(&c->tk, q, "that") || tok_is(&c->tk, q, "who") ||
           (tok_is(&c->tk, q, "and") && q + 1 < c->tk.n && verb_or_adverb(c, q + 1));
}

static bool seized_arms(const struct ctx *c, size_t first, size_t i);

static void read_frame(struct ctx *c, size_t si, struct frame *f)
{
    const struct sent *s = &c->tk.s[si];
    size_t first = s->first, last = s->last;
    while (first < last && c->tk.t[first].start < c->skip_until)
        first++;
    memset(f, 0, sizeof *f);
    f->doc_has_group = c->doc_group != NULL;
    f->sent = si;
    f->first = first;
    f->last = last;
    for (int k = 0; k < S__COUNT; k++)
        f->count[k] = EV_UNKNOWN;
    f->amount = f->amount_max = -1;
    if (first >= last)
        return;
    c->sent_words = 0;
    for (size_t i = first; i < last; i++)
        c->sent_words |= c->wmask[i];

    bool dates_rel = false;
    /* statements about a period, not an incident */
    for (size_t i = first; i < last; i++) {
        if (c->tk.t[i].kind != TOK_NUM && !word_in(c, i, W_FRAME_CUES))
            continue; /* most tokens begin none of the phrases below */
        bool since = tok_is(&c->tk, i, "since") && i + 1 < last && !since_when(c, i, last) &&
                     (c->tk.t[i + 1].kind == TOK_NUM || date_month(tok_norm(&c->tk, i + 1)) ||
                      (i + 2 < last && tok_is(&c->tk, i + 1, "the") &&
                       (tok_is(&c->tk, i + 2, "start") || tok_is(&c->tk, i + 2, "beginning") ||
                        tok_is(&c->tk, i + 2, "outbreak") || tok_is(&c->tk, i + 2, "launch"))));
        /* "this year" is a period, but "in July this year" a month */
        bool this_year = tok_is(&c->tk, i, "this") && i + 1 < last &&
                         tok_is(&c->tk, i + 1, "year") &&
                         !(i > first && (date_month(tok_norm(&c->tk, i - 1)) ||
                                         (c->tk.t[i - 1].kind == TOK_NUM && i > first + 1 &&
                                          date_month(tok_norm(&c->tk, i - 2)))));
        if (since || this_year ||
            (tok_is(&c->tk, i, "so") && i + 1 < last && tok_is(&c->tk, i + 1, "far")) ||
            (tok_is(&c->tk, i, "over") && i + 2 < last && tok_is(&c->tk, i + 1, "the") &&
             (tok_is(&c->tk, i + 2, "past") || tok_is(&c->tk, i + 2, "last") ||
              tok_is(&c->tk, i + 2, "previous"))) ||
            (tok_is(&c->tk, i, "series") && i + 1 < last && tok_is(&c->tk, i + 1, "of")) ||
            (tok_is(&c->tk, i, "in") && i + 2 < last && tok_is(&c->tk, i + 1, "recent") &&
             tok_is(&c->tk, i + 2, "years")) ||
            tok_is(&c->tk, i, "annual") || tok_is(&c->tk, i, "annually") ||
            tok_is(&c->tk, i, "statistics") || tok_is(&c->tk, i, "alone"))
            f->aggregate = true;
        /* "carried out 82 operations", "in 15 attacks", "in various attacks":
         * counted incidents */
        if ((c->tk.t[i].kind == TOK_NUM || tok_is(&c->tk, i, "various")) && i + 1 < last &&
            (tok_is(&c->tk, i + 1, "operations") || tok_is(&c->tk, i + 1, "attacks") ||
             tok_is(&c->tk, i + 1, "raids") || tok_is(&c->tk, i + 1, "strikes") ||
             tok_is(&c->tk, i + 1, "incidents") || tok_is(&c->tk, i + 1, "bombings")))
            f->aggregate = true;
        if ((tok_is(&c->tk, i, "across") || tok_is(&c->tk, i, "throughout")) && i + 2 < last &&
            tok_is(&c->tk, i + 1, "the") && tok_is(&c->tk, i + 2, "country"))
            f->multi_site = true;
        if (tok_is(&c->tk, i, "nationwide"))
            f->multi_site = true;
        if (tok_is(&c->tk, i, "across") && i + 1 < last && c->match_at[i + 1] >= 0 &&
            c->lm.v[c->match_at[i + 1]].phrase->kind == LEX_COUNTRY)
            f->multi_site = true; /* "across Sri Lanka" */
        if (tok_is(&c->tk, i, "since") && !f->since_at && !since_when(c, i, last))
            f->since_at = i;
        if (tok_is(&c->tk, i, "prison") || tok_is(&c->tk, i, "prisons") ||
            tok_is(&c->tk, i, "jail") || tok_is(&c->tk, i, "inmates") ||
            tok_is(&c->tk, i, "prisoners") || tok_is(&c->tk, i, "jailbreak"))
            f->prison = true;
        if (tok_is(&c->tk, i, "inspired") && i + 1 < last && tok_is(&c->tk, i + 1, "by"))
            f->group_inspired = true;
        if (tok_is(&c->tk, i, "blew") && i + 2 < last &&
            (tok_is(&c->tk, i + 1, "himself") || tok_is(&c->tk, i + 1, "herself") ||
             tok_is(&c->tk, i + 1, "themselves")) && tok_is(&c->tk, i + 2, "up"))
            f->self_blast = true;
        /* a figure revised or reported again */
        if (tok_is(&c->tk, i, "toll") || tok_is(&c->tk, i, "tally") ||
            ((tok_is(&c->tk, i, "rose") || tok_is(&c->tk, i, "risen") ||
              tok_is(&c->tk, i, "climbed")) && i + 1 < last && tok_is(&c->tk, i + 1, "to")) ||
            (tok_is(&c->tk, i, "number") && i + 1 < last && tok_is(&c->tk, i + 1, "of")) ||
            (tok_is(&c->tk, i, "earlier") && i + 1 < last &&
             (tok_is(&c->tk, i + 1, "count") || tok_is(&c->tk, i + 1, "reports") ||
              tok_is(&c->tk, i + 1, "toll"))) ||
            (tok_is(&c->tk, i, "had") && i + 1 < last &&
             (tok_is(&c->tk, i + 1, "said") || tok_is(&c->tk, i + 1, "given") ||
              tok_is(&c->tk, i + 1, "reported"))) ||
            (tok_is(&c->tk, i, "first") && i + 1 < last && tok_is(&c->tk, i + 1, "confirmed")))
            f->toll_update = true;
    }

    /* "two days earlier", "three days ago", "the day before" */
    struct date rel;
    size_t rel_at;
    if (days_before(c, first, last, &rel, &rel_at)) {
        dates_rel = true;
    }
    /* the dates; the one told of the incident is chosen below */
    struct { struct date d; size_t at; bool reported, absolute; } dates[6];
    size_t n_dates = 0, at = 0, end = 0, from = first;
    if (dates_rel) {
        dates[0].d = rel;
        dates[0].at = rel_at;
        dates[0].reported = false;
        dates[0].absolute = true;
        n_dates = 1;
    }
    struct date dt;
    while (from < last && date_find(&c->tk, c->text, from, last, &c->ref, &dt, &at, &end)) {
        for (size_t i = at; i < end; i++)
            c->date_tok[i] = true;
        /* "until March 7, when a gunman opened fire": the day it ended */
        size_t w = end;
        if (w + 1 < last && (tok_is(&c->tk, w, "this") || tok_is(&c->tk, w, "last")) &&
            tok_is(&c->tk, w + 1, "year"))
            w += 2;
        if (w < last && tok_is(&c->tk, w, ","))
            w++;
        bool until_when = w < last && tok_is(&c->tk, w, "when");
        bool after_since = at > first && ((tok_is(&c->tk, at - 1, "since") &&
                                           !since_when(c, at - 1, last)) ||
                                          (tok_is(&c->tk, at - 1, "until") && !until_when));
        bool reported = false;
        for (size_t k = 1; k <= 3 && at >= first + k; k++)
            if (word_in(c, at - k, W_REPORTING))
                reported = true;
        if (!after_since && n_dates < 6 && !(f->since_at && at > f->since_at)) {
            dates[n_dates].d = dt;
            dates[n_dates].at = at;
            dates[n_dates].reported = reported;
            /* "on 21 Jan 2021" names its day; "on Saturday" reckons it */
            dates[n_dates].absolute = false;
            for (size_t q = at; q < end; q++)
                if (date_month(tok_norm(&c->tk, q)) || c->tk.t[q].end - c->tk.t[q].start == 4)
                    dates[n_dates].absolute = dt.prec == DATE_DAY;
            n_dates++;
        }
        from = end;
    }

    /* names, triggers and tolls */
    struct triggers t = {0};
    int place_score = -100;
    const struct lex_match *clause_group = NULL; /* the first group of the clause */
    const struct lex_place *home_place = NULL;   /* the first place in the story's country */
    const struct lex_match *home_place_m = NULL;
    size_t clause_at = first;
    /* "suspected of stabbing three people", "in connection with the
     * attack": the words after name the reason for an arrest, not an act */
    size_t ref_from = last, ref_to = last;
    for (size_t i = first; i + 1 < last && ref_from == last && sent_has(c, W_REASON); i++)
        if (word_in(c, i, W_REASON) &&
            ((tok_is(&c->tk, i + 1, "of") && (tok_is(&c->tk, i, "suspected") ||
                                              tok_is(&c->tk, i, "accused") ||
                                              tok_is(&c->tk, i, "convicted"))) ||
             (tok_is(&c->tk, i + 1, "with") && (tok_is(&c->tk, i, "charged") ||
                                                tok_is(&c->tk, i, "connection"))))) {
            ref_from = i + 2;
            for (ref_to = ref_from; ref_to < last && ref_to < ref_from + 10; ref_to++) {
                const struct lex_match *ev = match_covering(c, ref_to, LEX_TRIGGER, TRIG_EVENT);
                if (tok_is(&c->tk, ref_to, ",") ||
                    match_covering(c, ref_to, LEX_TRIGGER, TRIG_SECURITY) ||
                    (ev && strcmp(lex_triggers[ev->phrase->index].value, "arrest") == 0))
                    break; /* the reason ends where the arrest is told */
            }
        }
    FOR_MATCHES(c, m, first, last) {
        const struct lex_phrase *p = m->phrase;
        if (m->first >= ref_from && m->first < ref_to && p->kind == LEX_TRIGGER &&
            (lex_triggers[p->index].cls == TRIG_EVENT || lex_triggers[p->index].cls == TRIG_COUNT) &&
            !(lex_triggers[p->index].cls == TRIG_EVENT &&
              (strcmp(lex_triggers[p->index].value, "arrest") == 0 ||
               strcmp(lex_triggers[p->index].value, "plot") == 0)))
            continue; /* "suspected of plotting" still tells a plot */
        /* a new clause after "but", ";", "while": its own subject */
        for (; clause_at < m->first; clause_at++)
            if (tok_is(&c->tk, clause_at, "but") || tok_is(&c->tk, clause_at, ";") ||
                tok_is(&c->tk, clause_at, "while") || tok_is(&c->tk, clause_at, "whereas"))
                clause_group = NULL;
        if (f->since_at && m->first > f->since_at &&
            !(p->kind == LEX_TRIGGER && lex_triggers[p->index].cls == TRIG_COUNT))
            continue; /* "... since the London bombings of July 2005" */
        if (p->kind == LEX_TRIGGER) {
            const struct lex_trigger *tr = &lex_triggers[p->index];
            switch (tr->cls) {
            case TRIG_EVENT: {
                const char *v = tr->value;
                if (labour_strike(c, m, first, last)) {
                    f->disaster = true; /* its dead are no attack's */
                    continue;           /* "the strike by judicial branch employees" */
                }
                /* "the weapons -- 348 rifles, 29 grenade launchers and
                 * fragmentation grenades": arms seized or held, no attack */
                if (match_covering(c, m->first, LEX_TRIGGER, TRIG_WEAPON) &&
                    seized_arms(c, first, m->first))
                    continue;
                /* "arrested and charged with conspiring to kidnap the
                 * governor": the aim of a plot, not an act */
                if (m->first >= first + 2 && tok_is(&c->tk, m->first - 1, "to") &&
                    word_in(c, m->first - 2, W_PLOTTING) && strcmp(v, "arrest") != 0 &&
                    strcmp(v, "plot") != 0)
                    continue;
                if (!t.first_at)
                    t.first_at = m->first;
                /* "the attack", "the fighting": the incident already told */
                if (m->first > first && (tok_is(&c->tk, m->first - 1, "the") ||
                                         tok_is(&c->tk, m->first - 1, "this") ||
                                         tok_is(&c->tk, m->first - 1, "that")))
                    f->anaphoric = true;
                if (strncmp(v, "attack/", 7) == 0) {
                    if (after_the_attack(c, &t, f, m))
                        continue; /* how another clause's story was done */
                    if (strcmp(v + 7, "hostage_taking") == 0)
                        t.hostage = true;
                    else if (strcmp(v + 7, "vehicle_ramming") == 0)
                        t.ramming = true;
                    else if (!t.first_method) {
                        t.first_method = m;
                        t.method = v + 7;
                    }
                } else if (strcmp(v, "attack") == 0) {
                    t.attack = true;
                } else if (strcmp(v, "kidnapping") == 0) {
                    if (seizes_things(c, m, first, last))
                        continue;
                    if (seizes_a_place(c, m, last))
                        t.seize_place = true;
                    else
                        t.kidnap = true;
                } else if (strcmp(v, "clash") == 0) {
                    t.clash = true;
                } else if (strcmp(v, "strike") == 0) {
                    /* "attacked ..., killing five people, and within hours
                     * warplanes were hitting ...": the reprisal is another
                     * clause's story */
                    if (after_the_attack(c, &t, f, m))
                        continue;
                    /* "strike" alone is often a verb of attacks; an air
                     * strike when aircraft are named (decided below) */
                    if (strcmp(key_of(m), "strike") != 0 && strcmp(key_of(m), "strikes") != 0)
                        t.strike = true;
                    else
                        t.strike_word = true;
                } else if (strcmp(v, "raid") == 0) {
                    if (strncmp(key_of(m), "operation", 9) == 0 ||
                        strstr(key_of(m), " operation"))
                        t.raid_weak = true;
                    else if (t.arrest && m->first > first && tok_is(&c->tk, m->first - 1, "in"))
                        t.raid_context = true; /* "were arrested in raids" */
                    else
                        t.raid = true;
                } else if (strcmp(v, "arrest") == 0) {
                    t.arrest = true;
                } else if (strcmp(v, "escape") == 0) {
                    t.escape = true;
                } else if (strcmp(v, "plot") == 0) {
                    t.plot = true;
                } else if (strcmp(v, "financing") == 0) {
                    t.financing = true;
                } else if (strcmp(v, "claim_only") == 0) {
                    t.claim_only = true;
                }
                break;
            }
            case TRIG_COUNT: {
                int slot = slot_of(tr->value);
                long long v = EV_UNKNOWN;
                bool vague = false, leader = false;
                size_t victim = 0;
                if (slot == S_KIDNAPPED &&
                    (seizes_a_place(c, m, last) || seizes_things(c, m, first, last)))
                    slot = -1; /* "seized the Jaffar Express": a train, not a person */
                if (slot >= 0 && f->count[slot] < 0 && !f->vague[slot] &&
                    toll_of(c, m, first, last, &v, &vague, &victim, &leader)) {
                    /* "held 170 guests and staff hostage": hostages, not detainees */
                    if (slot == S_DETAINED && held_hostage(c, m, last) && f->count[S_KIDNAPPED] < 0)
                        slot = S_KIDNAPPED;
                    f->count[slot] = v;
                    f->vague[slot] = vague;
                    if (slot == S_KILLED) {
                        f->kill_at = m->first;
                        f->kill_passive = strncmp(key_of(m), "were ", 5) == 0 ||
                                          strncmp(key_of(m), "was ", 4) == 0 ||
                                          (m->first > first &&
                                           (tok_is(&c->tk, m->first - 1, "were") ||
                                            tok_is(&c->tk, m->first - 1, "was") ||
                                            tok_is(&c->tk, m->first - 1, "been")));
                        f->perp_subject = f->perp && f->perp->first < m->first &&
                                          !key_in(key_of(f->perp), attacker_nouns);
                        for (size_t q = m->last; q + 1 < last && q < m->last + 8; q++) {
                            if (tok_is(&c->tk, q, "armed") && tok_is(&c->tk, q + 1, "with"))
                                f->victim_armed = true;
                            /* "a young woman who had fired at them" */
                            if (tok_is(&c->tk, q, "who"))
                                for (size_t r = q + 1; r < last && r < q + 4; r++) {
                                    const struct lex_match *ev =
                                        match_covering(c, r, LEX_TRIGGER, TRIG_EVENT);
                                    if (ev && strncmp(lex_triggers[ev->phrase->index].value,
                                                      "attack", 6) == 0)
                                        f->victim_armed = true;
                                }
                        }
                        f->leader_killed = leader;
                        f->victim_first = victim;
                        const struct lex_match *vm = NULL;
                        for (size_t q = victim; q < last && q < victim + 6 && !vm; q++) {
                            if (q > victim && ends_victim(c, q))
                                break; /* "killing three and wounding four troops" */
                            vm = match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM);
                        }
                        f->victim_m = vm;
                    }
                }
                break;
            }
            case TRIG_CLAIM:
                f->claim = true;
                if (strcmp(tr->value, "responsibility") == 0) {
                    f->claim_resp = true;
                    if (clause_group && !f->claim_group)
                        f->claim_group = clause_group; /* "..., but ISKP claimed it" */
                }
                break;
            case TRIG_SECURITY:
                /* "killed by security forces": the agent, wherever it stands */
                if (m->first > first &&
                    (tok_is(&c->tk, m->first - 1, "by") ||
                     (m->first > first + 1 && tok_is(&c->tk, m->first - 2, "by"))))
                    f->state_by = true;
                if (!f->state) {
                    /* a demonym or country just before makes it a state */
                    f->state = m;
                    f->state_first = m->first;
                    for (size_t q = m->first; q-- > first && q + 3 > m->first;)
                        if (tok_is(&c->tk, q, "by"))
                            f->state_by = true;
                    for (size_t q = m->first; q-- > first && q + 4 > m->first;) {
                        const struct lex_match *dm = c->match_at[q] >= 0
                                                         ? &c->lm.v[c->match_at[q]] : NULL;
                        if (dm && (dm->phrase->kind == LEX_DEMONYM ||
                                   dm->phrase->kind == LEX_COUNTRY)) {
                            f->state_first = q;
                            break;
                        }
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
            static const char *const perps[] = {
                "gunmen", "gunman", "suicide bomber", "suicide bombers", "attacker",
                "attackers", "assailants", "assailant", "militants", "insurgents",
                "jihadists", "knifeman", "bomber", "bombers", "suicide attacker",
                "kidnappers", "armed men", NULL};
            if (!f->perp && key_in(p->key, perps))
                f->perp = m;
        } else if (p->kind == LEX_ACTOR) {
            if (!clause_group)
                clause_group = m;
            if (!f->group) {
                f->group = m;
                f->group_first_before_state = !f->state;
            } else if (descends(&lex_actors[p->index], &lex_actors[f->group->phrase->index])) {
                f->group = m; /* "the al-Qaeda-linked group JNIM": JNIM */
            }
        } else if (p->kind == LEX_PLACE) {
            int score;
            const struct lex_place *pl = best_place(c, m, &score);
            if (!pl)
                continue;
            bool home = !c->doc_country || (pl->country && strcmp(pl->country, c->doc_country) == 0);
            bool cue = locative_before(c, m->first, first);
            bool names_attack = m->last < last && match_covering(c, m->last, LEX_TRIGGER, TRIG_EVENT);
            if (!home && !cue && !names_attack)
                continue; /* "Liverpool striker", "an Ariana Grande concert" */
            /* "in New Lynn" (Auckland), not Lynn (Massachusetts): a foreign
             * town inside a longer capitalised name we do not know */
            if (!home && !c->tk.caseless && m->first > first + 1 &&
                isupper((unsigned char)c->text[c->tk.t[m->first - 1].start]) &&
                c->tk.t[m->first - 1].kind == TOK_WORD)
                continue;
            /* the first settlement named wins; a province or region only
             * until a settlement comes; "from Gaza" is an origin */
            score = (place_specific(pl) ? 10 : 5) + (home ? 3 : 0);
            if (m->first > first && tok_is(&c->tk, m->first - 1, "from"))
                score -= 6;
            if (!pl->country)
                continue; /* seas and cross-border areas place no incident */
            /* "the 2002 Bali bombings": a province naming an attack is
             * not its place (it spans several sites) */
            if (!place_specific(pl) && m->last < last &&
                match_covering(c, m->last, LEX_TRIGGER, TRIG_EVENT)) {
                f->place_rejected = true;
                continue;
            }
            /* "in Baghdad's Sadr City district": the district within */
            bool within = f->place && f->place_m && strcmp(pl->kind, "district") == 0 &&
                          strcmp(f->place->kind, "city") == 0 && f->place->country &&
                          pl->country && strcmp(f->place->country, pl->country) == 0 &&
                          m->first <= f->place_m->last + 2;
            if (f->place && pl != f->place && place_specific(pl) && place_specific(f->place))
                f->n_places++;
            if (home && c->doc_country && !home_place) {
                home_place = pl;
                home_place_m = m;
            }
            if (score > place_score || within) {
                f->place = pl;
                f->place_m = m;
                place_score = score;
            }
        } else if (p->kind == LEX_COUNTRY || p->kind == LEX_DEMONYM) {
            const char *code = lex_countries[p->index].code;
            /* "the US-led coalition": a sponsor, not where it happens */
            if (m->last + 1 < last && tok_is(&c->tk, m->last, "-") &&
                (tok_is(&c->tk, m->last + 1, "led") || tok_is(&c->tk, m->last + 1, "backed") ||
                 tok_is(&c->tk, m->last + 1, "supported") || tok_is(&c->tk, m->last + 1, "funded")))
                continue;
            /* "a Swede who was born in Iraq": a life, not the scene */
            bool biography = m->first >= first + 2 && tok_is(&c->tk, m->first - 1, "in") &&
                             word_in(c, m->first - 2, W_LIFE);
            if (p->kind == LEX_COUNTRY && locative_before(c, m->first, first) && !biography &&
                !(m->first > first && tok_is(&c->tk, m->first - 1, "from"))) {
                if (!f->country)
                    f->country = code;
            } else if (!f->weak_country) {
                f->weak_country = code;
            }
            /* "Iraqi forces", "French troops": whose forces */
            if (!f->state_country && m->last < last &&
                match_covering(c, m->last, LEX_TRIGGER, TRIG_SECURITY))
                f->state_country = code;
        }
        /* "the New Orleans attack" */
        if (p->kind == LEX_PLACE && m->first > first && tok_is(&c->tk, m->first - 1, "the") &&
            m->last < last && (tok_is(&c->tk, m->last, "attack") ||
                               tok_is(&c->tk, m->last, "bombing") ||
                               tok_is(&c->tk, m->last, "shooting") ||
                               tok_is(&c->tk, m->last, "massacre")))
            f->named_attack = true;
    }
    risen_toll(c, f, first, last);
    /* "stabbed six people, among them a police officer who died two days
     * later": one of the wounded is among the dead */
    for (size_t i = first; i + 3 < last && f->count[S_KILLED] < 0 && sent_has(c, W_AMONG);
         i++) {
        if (!word_in(c, i, W_AMONG) || !tok_is(&c->tk, i + 1, "them"))
            continue;
        for (size_t q = i + 2; q + 1 < last && q < i + 14; q++)
            if (tok_is(&c->tk, q, "who") &&
                (tok_is(&c->tk, q + 1, "died") || (q + 2 < last && tok_is(&c->tk, q + 1, "later") &&
                                                   tok_is(&c->tk, q + 2, "died")))) {
                f->count[S_KILLED] = 1;
                if (f->count[S_INJURED] > 1)
                    f->count[S_INJURED]--;
                break;
            }
    }
    /* "stabbed two people before police shot him dead": the attacker is
     * killed by the state in the same sentence as the attack */
    if (f->state) {
        for (size_t q = f->state->last; q + 1 < last && q < f->state->last + 3; q++) {
            if (!(tok_is(&c->tk, q, "shot") || tok_is(&c->tk, q, "killed")))
                continue;
            size_t o = q + 1;
            if (word_in(c, o, W_THEM))
                f->state_kills = tok_is(&c->tk, o, "both") || tok_is(&c->tk, o, "them") ? 2 : 1;
            else if (tok_is(&c->tk, o, "the") && o + 1 < last &&
                     (tok_is(&c->tk, o + 1, "attacker") || tok_is(&c->tk, o + 1, "gunman") ||
                      tok_is(&c->tk, o + 1, "assailant") || tok_is(&c->tk, o + 1, "driver")))
                f->state_kills = 1;
            break;
        }
        if (f->state_kills && f->state_first < t.first_at)
            f->state_kills = 0; /* the state is the subject of all: decide_type's clash */
        /* the attack's toll is not the attacker's death */
        if (f->state_kills && f->kill_at > f->state->last)
            f->count[S_KILLED] = EV_UNKNOWN, f->kill_at = 0;
    }
    /* "fired six shots at officers before she was shot dead": the
     * attacker's death, in the passive, after the attack */
    if (!f->state_kills) {
        for (size_t q = first + 3; q + 3 < last && sent_has(c, W_BEFORE); q++) {
            if (!word_in(c, q, W_BEFORE))
                continue;
            size_t o = q + 1;
            if (tok_is(&c->tk, o, "he") || tok_is(&c->tk, o, "she"))
                o++;
            if (tok_is(&c->tk, o, "was") || tok_is(&c->tk, o, "being"))
                o++;
            else
                continue;
            if (o + 1 < last && tok_is(&c->tk, o, "shot") && tok_is(&c->tk, o + 1, "dead")) {
                f->state_kills = 1;
                if (f->kill_at >= o && f->count[S_KILLED] == 1)
                    f->count[S_KILLED] = EV_UNKNOWN, f->kill_at = 0;
            }
            break;
        }
    }
    /* "in the Spera district of Khost province": a foreign homonym (Spera,
     * Italy) gives way to a place, or a country, of the story's own */
    if (f->place && c->doc_country && f->place->country &&
        strcmp(f->place->country, c->doc_country) != 0) {
        if (home_place) {
            f->place = home_place;
            f->place_m = home_place_m;
        } else if (f->country && strcmp(f->country, c->doc_country) == 0) {
            f->place = NULL;
            f->place_m = NULL;
        }
    }
    if (vehicle_ramming(c, first, last))
        t.ramming = true;
    /* "struck churches in Kaduna, Zaria and Jos": several sites */
    if (f->n_places >= 2)
        f->multi_site = true;
    if (t.strike_word) {
        bool air = false;
        for (size_t i = first; i < last && !air; i++)
            air = word_in(c, i, W_AIRCRAFT);
        if (air)
            t.strike = true;
        else
            t.attack = true;
    }
    /* "killed 20 guests after taking them hostage" */
    for (size_t i = first; i < last && sent_has(c, W_HOSTAGE); i++)
        if (word_in(c, i, W_HOSTAGE) &&
            (t.attack || t.first_method || f->count[S_KILLED] > 0) && !t.kidnap)
            t.hostage = true;
    /* what did not happen, or happened in a court or a drill */
    bool court = false, other_unreal = false;
    for (size_t i = first; i < last; i++) {
        if (word_in(c, i, W_UNREAL)) {
            f->unreal = true;
            if (tok_is(&c->tk, i, "court") || tok_is(&c->tk, i, "trial"))
                court = true;
            else
                other_unreal = true;
        }
        /* "could strike", "plans to attack": the trigger is not an act */
        if (word_in(c, i, W_MODAL) && t.first_at && i < t.first_at &&
            (t.first_at <= i + 3 ||
             (tok_is(&c->tk, i + 1, "to") && t.first_at <= i + 7))) /* "threatened to
                                                                     * carry out their bombings" */
            f->unreal = other_unreal = true;
    }
    /* "arrested and charged in federal court": still an arrest */
    f->unreal_court_only = court && !other_unreal;
    /* "the deadliest attack since ...": a comparison, not an incident */
    for (size_t i = first; i < last && sent_has(c, W_SUPERLATIVES); i++)
        if (word_in(c, i, W_SUPERLATIVES) && !has_toll(f))
            f->aggregate = true;
    f->trig_at = t.first_at;
    f->arrest_trigger = t.arrest;
    if (f->state)
        for (size_t q = f->state->last; q < t.first_at && q < last && sent_has(c, W_SPEAKING);
             q++)
            if (word_in(c, q, W_SPEAKING))
                f->state_speaks = true;
    /* a period phrase beside an incident told with its day ("a day after
     * two bombs exploded during Sunday Mass ... in recent years") */
    for (size_t k = 0; k < n_dates && f->aggregate && !f->since_at; k++)
        if (dates[k].d.prec == DATE_DAY && !dates[k].reported)
            f->aggregate = false;
    /* "a 10-year war that has left more than 60,000 dead": a war's total,
     * not an incident, unless the sentence gives the day */
    if (sent_has(c, W_WAR) && (f->count[S_KILLED] >= 100 || f->count[S_INJURED] >= 100)) {
        bool day = false;
        for (size_t k = 0; k < n_dates; k++)
            day = day || (dates[k].d.prec == DATE_DAY && !dates[k].reported);
        if (!day)
            f->aggregate = true;
    }
    f->method_hint = t.ramming ? "vehicle_ramming" : t.method;
    f->disaster = f->disaster || sent_has(c, W_DISASTERS); /* "the earthquake of 1983 ...,
                                                             * killing 250 people" */
    decide_type(&t, f);
    /* "Two assailants armed with rifles attacked ...": shot */
    static const char *const firearms[] = {
        "rifle", "rifles", "assault rifle", "assault rifles", "machineguns", "machine-guns",
        "submachine guns", "machine gun", "machine guns", "pistol", "pistols", "handgun",
        "handguns", "Kalashnikov", "Kalashnikovs", "AK-47", "AK-47s", NULL};
    if (type_is(f->type, "attack") && !f->method && f->weapon_m &&
        key_in(key_of(f->weapon_m), firearms))
        f->method = "shooting";
    /* "Both attackers died, and 20 people were wounded": the attackers'
     * own deaths, told as the subject, are not the attack's toll */
    if (type_is(f->type, "attack") && f->count[S_KILLED] > 0 && f->victim_m &&
        key_in(key_of(f->victim_m), attacker_nouns) && f->victim_m->first <= f->kill_at &&
        f->victim_m->first <= first + 3 && !f->state)
        f->count[S_KILLED] = 0;
    /* the date nearest the incident's verb, a reporting date last */
    size_t anchor = f->kill_at ? f->kill_at : (t.first_at ? t.first_at : first);
    /* "Chad began mourning on Wednesday after Boko Haram killed 92": a
     * date before "after" dates the main clause, not the incident */
    for (size_t k = 0; k < n_dates; k++)
        for (size_t q = dates[k].at + 1; q < anchor && q < last; q++)
            if (tok_is(&c->tk, q, "after") || tok_is(&c->tk, q, "following")) {
                dates[k].reported = true;
                break;
            }
    long best_cost = -1;
    for (size_t k = 0; k < n_dates; k++) {
        long dist = (long)dates[k].at - (long)anchor;
        /* "..., killed 29 people, and in February ...": another clause */
        if (new_clause(c, anchor + 1, dates[k].at))
            dist += 500;
        /* the incident's date usually follows its verb ("killed 20 ...
         * on Sunday"); one before it often dates a statement */
        long cost = (dist < 0 ? -2 * dist : dist) + (dates[k].reported ? 1000 : 0) -
                    (dates[k].absolute ? 12 : 0);
        /* "were piecing together on Friday how a gunman shot dead a soldier
         * on Wednesday": before the verb, with another day after it, the
         * report's own day is likelier the day of the telling */
        bool later_day = false; /* another day told after the verb */
        for (size_t k2 = 0; k2 < n_dates; k2++)
            if (k2 != k && dates[k2].at > anchor && !dates[k2].reported)
                later_day = true;
        if (later_day && dates[k].at < anchor && dates[k].d.prec == DATE_DAY &&
            c->ref.prec == DATE_DAY && dates[k].d.y == c->ref.y && dates[k].d.m == c->ref.m &&
            dates[k].d.d == c->ref.d)
            cost += 30;
        /* "on March 15, 2019, ... during Friday prayers": the weekday
         * names a custom; the day is the one written out */
        size_t after = dates[k].at + 1;
        if (!dates[k].absolute && after < last &&
            (tok_is(&c->tk, after, "prayers") || tok_is(&c->tk, after, "prayer") ||
             tok_is(&c->tk, after, "mass") || tok_is(&c->tk, after, "services") ||
             tok_is(&c->tk, after, "service") || tok_is(&c->tk, after, "sermon")))
            cost += 200;
        if (best_cost < 0 || cost < best_cost) {
            best_cost = cost;
            f->date = dates[k].d;
            f->has_date = true;
            /* "officials said on Monday": when the report was made, not
             * the incident; used only when nothing better is known */
            f->date_reported = dates[k].reported;
        }
    }
    if (type_is(f->type, "financing"))
        f->aggregate = false; /* "raises $10 million a year": a standing fact */
    if (type_is(f->type, "financing")) {
        if (!money_in(c, first, last, &f->amount, &f->amount_max) &&
            !other_money(c, first, last, &f->money_first, &f->money_last))
            f->type = NULL;
    } else if ((!f->type || f->weak) && t.financing &&
               money_in(c, first, last, &f->amount, &f->amount_max)) {
        f->type = "financing";
        f->method = NULL;
        f->weak = false;
    }
    if (!f->type && t.claim_only)
        set_type(f, "claim_only", NULL, false, "a claim of responsibility");
    /* "no one was killed", "no casualties were reported" */
    for (size_t i = first; i + 1 < last && sent_has(c, W_NO); i++) {
        if (!word_in(c, i, W_NO))
            continue;
        bool no_one = (tok_is(&c->tk, i, "no") && tok_is(&c->tk, i + 1, "one")) ||
                      tok_is(&c->tk, i, "nobody");
        if (no_one)
            for (size_t k = i + 1; k < last && k <= i + 4; k++) {
                const struct lex_match *m = match_covering(c, k, LEX_TRIGGER, TRIG_COUNT);
                if (!m)
                    continue;
                f->negated = true;
                /* "No one else died": none, not the "one" of "no one" */
                int slot = slot_of(lex_triggers[m->phrase->index].value);
                if (slot >= 0)
                    f->count[slot] = 0;
                break;
            }
        if (tok_is(&c->tk, i, "no") && (tok_is(&c->tk, i + 1, "casualties") ||
                                        tok_is(&c->tk, i + 1, "injuries") ||
                                        tok_is(&c->tk, i + 1, "deaths")))
            f->negated = true;
    }
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
    return has_toll(f) || f->amount >= 0;
}

/* Why this frame states no event of its own, or NULL when it does (an
 * incident anchored by a place or date, with a consequence: the
 * annotation rules). */
static const char *event_gap(const struct frame *f)
{
    if (!f->type)
        return "no event trigger";
    if (f->aggregate)
        return "a statement about a period, not an incident";
    /* a court story may retell the act with its toll and its day ("admitted
     * that he carried out the attack, which killed five people last Friday") */
    if (f->unreal && !(f->unreal_court_only &&
                       (strcmp(f->type, "arrest") == 0 ||
                        (has_toll(f) && f->has_date && !f->date_reported))))
        return "not an act: a threat, a plan, a denial, a trial or a drill";
    const char *t = f->type;
    bool anchored = f->place && f->has_date;
    if (strcmp(t, "claim_only") == 0)
        return "a claim: it names the actor of an event, or stands alone";
    if (strcmp(t, "financing") == 0) {
        if (f->amount < 0 && !f->money_last)
            return "no sum of money";
        return f->group || f->doc_has_group ? NULL : "money, but no armed group in the story";
    }
    if (strcmp(t, "kidnapping") == 0)
        return f->count[S_KIDNAPPED] >= 0 || f->vague[S_KIDNAPPED] || anchored
                   ? NULL : "no one counted as taken, and no place and date";
    if (strcmp(t, "arrest") == 0)
        return f->count[S_DETAINED] >= 0 || (anchored && f->state)
                   ? NULL : "no one counted as detained";
    if (strcmp(t, "escape") == 0)
        return f->count[S_ESCAPED] >= 0 || f->vague[S_ESCAPED] || f->place
                   ? NULL : "no escapees and no place";
    if (strcmp(t, "plot") == 0)
        return f->state || f->count[S_DETAINED] >= 0 ? NULL : "no authority foiled it";
    if (strcmp(t, "strike") == 0 || strcmp(t, "raid") == 0)
        return has_toll(f) || anchored ? NULL : "no toll, and no place and date";
    /* attacks and clashes: a toll, or a method with a place and a date */
    if (f->count[S_KILLED] >= 0 || f->count[S_INJURED] >= 0 ||
        f->count[S_KIDNAPPED] >= 0 || f->negated)
        return NULL;
    if (f->named_attack && f->place)
        return NULL;
    if (!f->weak && f->method && anchored)
        return NULL;
    return "no toll, and no method with a place and a date";
}

static bool is_event(const struct frame *f)
{
    return event_gap(f) == NULL;
}

static void match_text(const struct ctx *c, const struct lex_match *m, struct strvec *sv)
{
    if (m)
        strvec_push(sv, c->text + c->tk.t[m->first].start,
                    c->tk.t[m->last - 1].end - c->tk.t[m->first].start);
}

/* Adds the words of group match g to the role sv, unless sv already holds
 * another spelling of the same group ("the farabundo marti national
 * liberation front (fmln)": one group, one span). The spelling is the one
 * the document uses most ("fmln" over the name spelled out once). */
static void group_text(const struct ctx *c, const struct lex_match *g, struct strvec *sv)
{
    const struct lex_match *best = g;
    size_t best_n = 0;
    for (size_t k = 0; k < c->lm.n; k++) {
        const struct lex_match *o = &c->lm.v[k];
        if (o->phrase->kind != LEX_ACTOR || o->phrase->index != g->phrase->index)
            continue;
        const char *t = c->text + c->tk.t[o->first].start;
        size_t n = c->tk.t[o->last - 1].end - c->tk.t[o->first].start;
        for (size_t i = 0; i < sv->n; i++)
            if (strlen(sv->v[i]) == n && memcmp(sv->v[i], t, n) == 0)
                return;
        size_t uses = 0; /* the matches spelled as o */
        for (size_t q = 0; q < c->lm.n; q++) {
            const struct lex_match *p = &c->lm.v[q];
            if (p->phrase == o->phrase &&
                c->tk.t[p->last - 1].end - c->tk.t[p->first].start == n &&
                memcmp(c->text + c->tk.t[p->first].start, t, n) == 0)
                uses++;
        }
        if (uses > best_n)
            best = o, best_n = uses;
    }
    match_text(c, best, sv);
}

/* The group key of a match, with its local sense: the Taliban of a story
 * set in Pakistan are the Pakistani Taliban. */
static const char *group_key(const struct lex_match *g, const char *country)
{
    /* the movements every consumer knows (DESIGN.md); an affiliate is
     * coded with the key of the first of them it acts for */
    static const char *const canonical[] = {
        "islamic_state", "iskp", "iswap", "is_sahel", "iscap", "is_somalia",
        "is_mozambique", "al_qaeda", "aqap", "aqim", "jnim", "al_shabaab",
        "boko_haram", "taliban", "ttp", "hts", "hamas", "hezbollah", "houthis",
        "pkk", NULL};
    const char *key = lex_actors[g->phrase->index].key;
    if (strcmp(key, "taliban") == 0 && country && strcmp(country, "PK") == 0)
        return "ttp";
    const struct lex_actor *a = &lex_actors[g->phrase->index];
    for (int depth = 0; a && depth < 8; depth++) {
        if (key_in(a->key, canonical))
            return a->key;
        a = a->parent ? lex_actor_by_key(a->parent) : NULL;
    }
    return key;
}

static void set_group(const struct ctx *c, struct event *e, const struct lex_match *g)
{
    free(e->actor);
    free(e->actor_group);
    e->actor = span(c, g->first, g->last);
    e->actor_group = xstrdup(group_key(g, e->country[0] ? e->country : c->doc_country));
    group_text(c, g, &e->roles[ROLE_ORGANIZATION]);
}

/* The words that end a target's modifiers to the left: determiners,
 * numbers' words, prepositions, pronouns and conjunctions. */
static const char *const not_modifier[] = {
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her",
    "our", "your", "my", "some", "several", "many", "all", "both", "each", "every",
    "other", "another", "same", "such", "of", "in", "on", "at", "against", "to", "from",
    "by", "with", "near", "into", "onto", "inside", "outside", "toward",
    "towards", "and", "or", "but", "as", "was", "were", "is", "are", "be", "been",
    "had", "has", "have", "it", "they", "which", "who", "where", "when", "while",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "no", "not", "also", "then", "there", "up", "down", "off", "out", "whose", "around",
    "for", "left", "went", "came", "set", "put", "hit", "near", "whom", "various",
    "numerous", "nearby", "most", "few", "because", "since", "if", "than", "so", "after",
    "before", "during", "until", "under", "over", "through", "between", "about", NULL};

/* Does the word at token i end like a verb or an adverb ("armed",
 * "carrying", "heavily"; more than four letters)? */
bool verb_or_adverb(const struct ctx *c, size_t i)
{
    const struct tok *t = &c->tk.t[i];
    size_t n = t->end - t->start;
    const char *w = c->text + t->start;
    return n > 4 && (memcmp(w + n - 2, "ed", 2) == 0 || memcmp(w + n - 3, "ing", 3) == 0 ||
                     memcmp(w + n - 2, "ly", 2) == 0);
}

/* Is token i inside a dictionary match other than one of kind (and, for
 * triggers, of class cls)? Matches are looked for as match_covering()
 * does, up to 12 tokens back. */
bool covered_by_other(const struct ctx *c, size_t i, int kind, int cls)
{
    for (size_t k = i + 1; k-- > 0 && i - k < 12;)
        if (c->match_at[k] >= 0)
            for (const struct lex_match *m = &c->lm.v[c->match_at[k]];
                 m < c->lm.v + c->lm.n && m->first == k; m++)
                if (m->last > i &&
                    !(m->phrase->kind == kind &&
                      (kind != LEX_TRIGGER || lex_triggers[m->phrase->index].cls == cls)))
                    return true;
    return false;
}

/* Is token i inside a dictionary match that cannot describe a target (a
 * group, a country, an event word; not "police" in "police headquarters")? */
static bool in_match(const struct ctx *c, size_t i)
{
    return covered_by_other(c, i, LEX_TRIGGER, TRIG_SECURITY);
}

/* Is token i inside a name that may say whose a target is: a demonym, a
 * country, a place, a state body or people ("the headquarters of the
 * salvadoran workers national union federation", "of colombia's secret
 * security police", "the residences of democratic leaders")? */
static bool names_whose(const struct ctx *c, size_t i)
{
    return match_covering(c, i, LEX_DEMONYM, 0) || match_covering(c, i, LEX_COUNTRY, 0) ||
           match_covering(c, i, LEX_PLACE, 0) ||
           match_covering(c, i, LEX_TRIGGER, TRIG_SECURITY) ||
           match_covering(c, i, LEX_TRIGGER, TRIG_VICTIM);
}

/* A target with the words that describe it: "an electric power
 * substation", "the santo tomas presidential farm", "the u.s. embassy".
 * At most three words before the noun, none of them a verb in -ed, -ing
 * or an adverb in -ly, a number, a trigger of another kind or an armed
 * group; a demonym or a country says whose it is. */
static void target_text(const struct ctx *c, const struct lex_match *m, size_t lo,
                        struct strvec *sv)
{
    size_t first = m->first;
    while (first > lo && m->first - first < 3) {
        size_t i = first - 1;
        /* whose: "the u.s. embassy", "the salvadoran embassy" */
        const struct lex_match *d = match_covering(c, i, LEX_DEMONYM, 0);
        if (!d)
            d = match_covering(c, i, LEX_COUNTRY, 0);
        if (d && d->last == first && d->first >= lo) {
            first = d->first; /* and on: "the central american university" */
            continue;
        }
        if (c->tk.t[i].kind != TOK_WORD || word_in(c, i, W_NOT_MODIFIER) ||
            verb_or_adverb(c, i) || in_match(c, i))
            break;
        first = i;
    }
    /* and whose it is: "the offices of the local development corporation" */
    size_t end = m->last;
    if (end + 1 < c->tk.n && tok_is(&c->tk, end, "of")) {
        size_t j = end + 1, words = 0;
        if (tok_is(&c->tk, j, "the") || tok_is(&c->tk, j, "a"))
            j++;
        while (j < c->tk.n && words < 7 && c->tk.t[j].kind == TOK_WORD &&
               !word_in(c, j, W_NOT_MODIFIER) && (!in_match(c, j) || names_whose(c, j)))
            j++, words++;
        if (j < c->tk.n && c->tk.t[j].kind == TOK_WORD && in_match(c, j) && !names_whose(c, j))
            words = 0; /* cut inside another name: no "of" at all */
        if (words >= 1 && words < 7)
            end = j;
    }
    strvec_push(sv, c->text + c->tk.t[first].start,
                c->tk.t[end - 1].end - c->tk.t[first].start);
}

/* People named by where they work or study ("bank employees"). */
static const char *const staff_nouns[] = {
    "students", "student", "employees", "employee", "workers", "worker", "staff",
    "officials", "official", "professors", "teachers", "teacher", "personnel", "guards",
    "guard", "members", "member", "authorities", "council", "board", NULL};

/* Does the target at m only say where someone works or studies: a title
 * or staff word just after it ("the university rector", "embassy
 * employees") or before an "of" or "at" leading to it ("rector of el
 * salvador's central american university")? Then nothing was struck. */
static bool affiliation(const struct ctx *c, const struct lex_match *m, size_t lo)
{
    if (m->last < c->tk.n && ((c->pname[m->last] & PN_TITLE) || word_in(c, m->last, W_STAFF)))
        return true;
    for (size_t k = m->first; k-- > lo && m->first - k <= 6;) {
        if (tok_is(&c->tk, k, "of") || tok_is(&c->tk, k, "at"))
            return k > lo && ((c->pname[k - 1] & PN_TITLE) || word_in(c, k - 1, W_STAFF));
        if (c->tk.t[k].kind != TOK_WORD || verb_or_adverb(c, k) ||
            match_covering(c, k, LEX_TRIGGER, TRIG_EVENT))
            break; /* "members of the FMLN attacked an electric power substation" */
    }
    return false;
}

/* Does the clause around token i list three kinds of arms or more ("AK-47
 * rifles, grenades, mortars and explosives")? Such a list is an
 * inventory (what was seized, what a group has), not what was used. */
static bool arms_list(const struct ctx *c, size_t first, size_t i)
{
    size_t from = i, to = i, kinds = 0;
    while (from > first && i - from < 20 && !tok_is(&c->tk, from - 1, ".") &&
           !tok_is(&c->tk, from - 1, ";"))
        from--;
    while (to < c->tk.n && to - i < 20 && !tok_is(&c->tk, to, ".") && !tok_is(&c->tk, to, ";"))
        to++;
    const char *seen[3] = {0};
    size_t prev_end = 0;
    FOR_MATCHES(c, m, from, to) {
        if (kinds >= 3)
            break;
        if (m->phrase->kind != LEX_TRIGGER || lex_triggers[m->phrase->index].cls != TRIG_WEAPON)
            continue;
        bool compound = prev_end == m->first; /* "grenade rocket launchers": one kind */
        prev_end = m->last;
        if (compound)
            continue;
        const char *v = m->phrase->key;
        bool again = false;
        for (size_t q = 0; q < kinds; q++)
            again |= strcmp(seen[q], v) == 0;
        if (!again)
            seen[kinds++] = v;
    }
    return kinds >= 3;
}

/* Words before the place where something happened. */
static const char *const scene_words[] = {"at", "in", "inside", "near", "outside", "from",
                                          "leaving", "along", "front", "beside", NULL};

/* Is the thing named at m the source of the news, not a target: "the
 * gleaner newspaper reported", "released by the foreign ministry",
 * "according to the embassy"? */
static bool a_source(const struct ctx *c, const struct lex_match *m, size_t lo)
{
    size_t a = m->last;
    if (a < c->tk.n && (tok_is(&c->tk, a, "has") || tok_is(&c->tk, a, "have") ||
                        tok_is(&c->tk, a, "also")))
        a++;
    if (a < c->tk.n && word_in(c, a, W_REPORTING) && !tok_is(&c->tk, a, "held") &&
        !tok_is(&c->tk, a, "began"))
        return true;
    for (size_t k = m->first; k-- > lo && m->first - k <= 5;) {
        if (tok_is(&c->tk, k, "according"))
            return true;
        if (tok_is(&c->tk, k, "by") && k > lo && word_in(c, k - 1, W_REPORTING))
            return true; /* "released by the foreign ministry" */
        if (c->tk.t[k].kind != TOK_WORD && !tok_is(&c->tk, k, "to"))
            break;
    }
    return false;
}

/* Is the target at m only where an attack happened, or the means of it?
 * Its phrase follows a word of place ("shot as he was leaving his
 * residence", "attacked at his office") and the event was not one that
 * strikes buildings (a bombing, an arson, rockets); or it is where the
 * attackers were ("machinegunned from a moving vehicle"), or it carries
 * the weapon ("a vehicle loaded with explosives"), or it is a verb ("the
 * building that houses ..."). */
static bool only_the_scene(const struct ctx *c, const struct lex_match *m, size_t lo,
                           const struct event *e)
{
    static const char *const struck_methods[] = {"suicide_bombing", "bombing", "arson",
                                                 "rocket", "drone", "vehicle_ramming", NULL};
    bool strikes = e->method && key_in(e->method, struck_methods);
    /* "the building that houses the security department": a verb (a plural
     * after "that" or "which"; "that house" stays a noun) */
    if (m->first > lo && m->last == m->first + 1 &&
        c->text[c->tk.t[m->first].end - 1] == 's' &&
        (tok_is(&c->tk, m->first - 1, "that") || tok_is(&c->tk, m->first - 1, "which")))
        return true;
    /* "a vehicle loaded with explosives": the bomb, not what it struck */
    if (m->last + 2 < c->tk.n && verb_or_adverb(c, m->last) &&
        (tok_is(&c->tk, m->last + 1, "with") || match_covering(c, m->last + 1, LEX_TRIGGER,
                                                                TRIG_WEAPON)))
        for (size_t k = m->last + 1; k < c->tk.n && k < m->last + 5; k++)
            if (match_covering(c, k, LEX_TRIGGER, TRIG_WEAPON))
                return true;
    for (size_t k = m->first; k-- > lo && m->first - k <= 4;) {
        /* "machinegunned from a moving vehicle": where the attackers were */
        if (tok_is(&c->tk, k, "from"))
            return true;
        if (word_in(c, k, W_SCENE))
            return !strikes;
        if (c->tk.t[k].kind != TOK_WORD || match_covering(c, k, LEX_TRIGGER, TRIG_EVENT))
            return false;
    }
    return false;
}

/* Is the weapon match m a vehicle in an event that drove none into
 * people? A vehicle is a weapon only in a ramming. */
static bool vehicle_not_weapon(const struct lex_match *m, const struct event *e)
{
    static const char *const vehicles[] = {"vehicle", "vehicles", "truck", "lorry",
                                           "van", "car", "bus", NULL};
    return key_in(m->phrase->key, vehicles) && !type_is(e->method, "vehicle_ramming");
}

/* Words of arms seized or found. */
static const char *const seizing[] = {
    "seized", "captured", "confiscated", "recovered", "found", "discovered",
    "materiel", "cache", "caches", "arsenal", "arsenals", "stockpile", "seizure",
    "seizing", "capturing", "recovering", "finding", "inventory", NULL};

/* Are the weapons named at token i arms seized or found, not used ("the
 * troops seized two rifles and a grenade launcher", "an arms cache")?
 * Looks back to the start of the clause (a list of arms may be long). */
static bool seized_arms(const struct ctx *c, size_t first, size_t i)
{
    if (arms_list(c, first, i))
        return true;
    for (size_t k = i; k-- > first && i - k <= 40;) {
        if (tok_is(&c->tk, k, ";") || tok_is(&c->tk, k, "."))
            break;
        if (word_in(c, k, W_SEIZING))
            return true;
    }
    return false;
}

/* Verbs of damage after "was" ("the bus was burned"). */
static const char *const struck_passive[] = {
    "destroyed", "damaged", "burned", "burnt", "hit", "attacked", "bombed",
    "dynamited", "blown", "set", "struck", "machinegunned", "sabotaged", "razed",
    "looted", "seized", "occupied", "stormed", "raided", NULL};

/* Is the thing named by m what the sentence's attack struck: named after
 * an attack word ("dynamited the vehicle", "an attack on the embassy"), or
 * before a passive one ("the bus was burned")? */
static bool struck(const struct ctx *c, const struct lex_match *m, size_t first, size_t last)
{
    for (size_t i = first; i < m->first; i++)
        if (match_covering(c, i, LEX_TRIGGER, TRIG_EVENT))
            return true;
    for (size_t i = m->last; i + 1 < last && i < m->last + 4; i++) {
        if (!(tok_is(&c->tk, i, "was") || tok_is(&c->tk, i, "were")))
            continue;
        size_t v = i + 1; /* "was also bombed", "was partially destroyed" */
        const struct tok *t = &c->tk.t[v];
        if (tok_is(&c->tk, v, "also") ||
            (t->end - t->start > 3 && memcmp(c->text + t->end - 2, "ly", 2) == 0))
            v++;
        if (word_in(c, v, W_PASSIVE))
            return true;
    }
    return false;
}

/* Words for the people who carry out attacks (the perpetrator role; the
 * frame's own attacker words are read_frame()'s perps). */
static const char *const perp_role_words[] = {
    "gunmen", "gunman", "attackers", "attacker", "assailants", "assailant",
    "militants", "insurgents", "guerrillas", "terrorists", "terrorist", "rebels",
    "bombers", "bomber", "suicide bomber", "suicide bombers", "kidnappers",
    "armed men", "urban guerrillas", "jihadists", "assassins", "hitmen", "killers",
    "death squads", "death squad", "paramilitaries", "drug traffickers", NULL};

/* The attackers' words with the demonym before them that says whose they
 * are ("colombian guerrillas"). */
static void perp_text(const struct ctx *c, const struct lex_match *m, size_t lo,
                      struct strvec *sv)
{
    size_t first = m->first;
    const struct lex_match *d = first > lo ? match_covering(c, first - 1, LEX_DEMONYM, 0) : NULL;
    if (d && d->last == first && d->first >= lo)
        first = d->first;
    strvec_push(sv, c->text + c->tk.t[first].start,
                c->tk.t[m->last - 1].end - c->tk.t[first].start);
}

/* Does the sentence name a group or the people who attack? */
static bool names_perpetrator(const struct ctx *c, const struct frame *f)
{
    FOR_MATCHES(c, m, f->first, f->last)
        if (m->phrase->kind == LEX_ACTOR ||
            (m->phrase->kind == LEX_TRIGGER && key_in(m->phrase->key, perp_role_words)))
            return true;
    return false;
}

/* Every weapon, target, attacker and group the sentence names joins the
 * event's roles (the primary ones are set first, so they lead). */
void add_roles(const struct ctx *c, const struct frame *f, struct event *e)
{
    bool state_act = is_state_action(e->type);
    FOR_MATCHES(c, m, f->first, f->last) {
        const struct lex_phrase *p = m->phrase;
        if (p->kind == LEX_ACTOR && !f->group_inspired) {
            /* the group the state strikes is no physical target and no
             * perpetrator; in a clash it is a side */
            if (!state_act || type_is(e->type, "clash"))
                group_text(c, m, &e->roles[ROLE_ORGANIZATION]);
        } else if (p->kind == LEX_TRIGGER) {
            int cls = lex_triggers[p->index].cls;
            if (cls == TRIG_WEAPON && vehicle_not_weapon(m, e))
                continue;
            if (cls == TRIG_WEAPON && !seized_arms(c, f->first, m->first))
                match_text(c, m, &e->roles[ROLE_WEAPON]);
            else if (cls == TRIG_TARGET && !affiliation(c, m, f->first) &&
                     !only_the_scene(c, m, f->first, e) && !a_source(c, m, f->first) &&
                     (!c->story || struck(c, m, f->first, f->last)))
                target_text(c, m, f->first, &e->roles[ROLE_TARGET]);
            else if (!state_act && key_in(p->key, perp_role_words) &&
                     !(m->last < f->last && c->tk.t[m->last].kind == TOK_WORD &&
                       (tok_is(&c->tk, m->first, "terrorist") ||
                        tok_is(&c->tk, m->first, "guerrilla"))))
                perp_text(c, m, f->first, &e->roles[ROLE_PERPETRATOR]); /* not "terrorist
                                                                         * attack" */
        }
    }
}

/* Takes out the roles an event of its type cannot have. An arrest or a
 * kidnapping strikes no building (the places named are where it
 * happened) and a raid is the state's: no targets, and a raid's arms are
 * the ones seized. The dead of a clash are combatants on either side,
 * not victims: that is done on the frames' roles (ROLES_FRAME), before
 * the people a story names as harmed join; the rest at the end
 * (ROLES_STORY). */
enum { ROLES_FRAME, ROLES_STORY };
static void roles_of_type(struct event *e, int stage)
{
    if (stage == ROLES_FRAME && type_is(e->type, "clash"))
        strvec_free(&e->roles[ROLE_VICTIM]);
    if (stage == ROLES_STORY && (type_is(e->type, "arrest") || type_is(e->type, "kidnapping") ||
                                 type_is(e->type, "raid")))
        strvec_free(&e->roles[ROLE_TARGET]);
    if (stage == ROLES_STORY && type_is(e->type, "raid"))
        strvec_free(&e->roles[ROLE_WEAPON]);
}

bool is_state_action(const char *type)
{
    return strcmp(type, "strike") == 0 || strcmp(type, "raid") == 0 ||
           strcmp(type, "arrest") == 0 || strcmp(type, "clash") == 0;
}

/* The place told by the latest event of the document in the same country. */
static const struct event *discourse_event(const struct ctx *c, const struct event_list *out,
                                           size_t doc_first)
{
    for (size_t i = out->n; i-- > doc_first;)
        if (!out->v[i].background && out->v[i].place && c->meta[i - doc_first].place_own)
            return &out->v[i];
    return NULL;
}

static const char *const site_nouns[] = {
    "camp", "base", "post", "prison", "jail", "church", "mosque", "school", "market",
    "hotel", "village", "town", "city", "spot", "site", "checkpoint", "barracks",
    "station", "area", "building", "compound", NULL};

/* "an attack on the same camp": the site of an incident told before. */
static bool same_site(const struct ctx *c, const struct frame *f)
{
    for (size_t i = f->first; i + 2 < f->last; i++)
        if (tok_is(&c->tk, i, "the") && tok_is(&c->tk, i + 1, "same") &&
            word_in(c, i + 2, W_SITE_NOUNS))
            return true;
    return false;
}

/* Sets the event's place: the words the text used (else the dictionary
 * name) and the coordinates. */
static void place_event(const struct ctx *c, struct event *e, const struct lex_place *pl,
                        const struct lex_match *pm)
{
    free(e->place);
    e->place = pm ? span(c, pm->first, pm->last) : xstrdup(pl->name);
    e->lat = pl->lat;
    e->lon = pl->lon;
    e->has_coords = true;
}

static void build_event(struct ctx *c, const struct frame *f, const struct event_list *out,
                        size_t doc_first, struct event *e, struct meta *mt)
{
    e->doc = xstrdup(c->d->id);
    e->type = xstrdup(f->type);
    if (strcmp(f->type, "attack") == 0)
        e->method = xstrdup(f->method ? f->method : "unknown");
    mt->para = c->tk.s[f->sent].para;

    /* where */
    const struct lex_place *pl = f->multi_site ? NULL : f->place;
    const struct lex_match *pm = f->multi_site ? NULL : f->place_m;
    mt->place_own = pl != NULL;
    mt->place = pl;
    const char *country = pl && pl->country ? pl->country : f->country;
    if (!country && strcmp(f->type, "financing") == 0 && f->group &&
        lex_actors[f->group->phrase->index].country && !f->country)
        country = lex_actors[f->group->phrase->index].country;
    /* no place of its own: the incident being told, else the dateline's;
     * not for an earlier incident (its own date is older than the report)
     * nor for facts that have no site */
    bool older = f->has_date && c->ref.prec &&
                 (f->date.prec < DATE_DAY || f->date.y < c->ref.y ||
                  date_days(f->date.y, f->date.m, f->date.d) <
                      date_days(c->ref.y, c->ref.m, c->ref.d) - 14);
    if (strcmp(f->type, "financing") == 0)
        pl = NULL, pm = NULL; /* money has no site */
    /* "in central Mali" with no town: somewhere in Mali, not the dateline */
    bool country_only = !pl && f->country && !f->state;
    /* "Commandos moved against a compound outside Kunduz on Sunday. Air
     * strikes on the compound killed 30": the paragraph's scene */
    bool in_scene = c->scene.para == c->tk.s[f->sent].para;
    if (!pl && in_scene && c->scene.place && !f->multi_site && !f->place_rejected &&
        strcmp(f->type, "financing") != 0 &&
        (!f->country || (c->scene.place->country &&
                         strcmp(f->country, c->scene.place->country) == 0))) {
        pl = c->scene.place;
        pm = c->scene.place_m;
        mt->place_own = true;
        mt->place = pl;
    }
    if (!pl && !f->multi_site && !f->place_rejected && !country_only &&
        strcmp(f->type, "financing") != 0 &&
        strcmp(f->type, "arrest") != 0 && strcmp(f->type, "plot") != 0 &&
        strcmp(f->type, "claim_only") != 0) {
        const struct event *de = older && !same_site(c, f) ? NULL
                                                           : discourse_event(c, out, doc_first);
        if (de && (!country || strcmp(country, de->country) == 0)) {
            e->place = xstrdup(de->place);
            e->lat = de->lat;
            e->lon = de->lon;
            e->has_coords = de->has_coords;
            if (!country)
                country = de->country;
        } else if (c->dateline_place &&
                   (!country || (c->dateline_place->country &&
                                 strcmp(country, c->dateline_place->country) == 0))) {
            pl = c->dateline_place;
        }
    }
    if (!country && pl)
        country = pl->country;
    /* "Iraqi forces" act in Iraq; otherwise the document's country */
    if (!country && f->state && f->state_country && is_state_action(f->type))
        country = f->state_country;
    if (!country)
        country = c->doc_country ? c->doc_country : f->weak_country;
    if (pl)
        place_event(c, e, pl, pm);
    if (country)
        memcpy(e->country, country, 3);

    /* who */
    bool state_first = f->state && (!f->group || f->state_first < f->group->first);
    const struct lex_match *group = f->group_inspired ? NULL : f->group;
    /* a group named after the act and not as its agent ("before the
     * Taliban takeover", "al-Qaeda suspects escaped") is not the actor */
    /* but "killed in the al-Shabaab assault" names the act's author */
    if (group && !is_state_action(f->type) && f->trig_at && group->first > f->trig_at &&
        !(group->first >= 1 && (tok_is(&c->tk, group->first - 1, "by") ||
                                (group->first >= 2 && tok_is(&c->tk, group->first - 2, "by")))) &&
        !f->claim && !(strcmp(f->type, "attack") == 0 && group->last < f->last &&
                       match_covering(c, group->last, LEX_TRIGGER, TRIG_EVENT)))
        group = NULL;
    /* "an Islamic State sympathiser": inspired, not sent */
    if (group && group->last < c->tk.n &&
        (tok_is(&c->tk, group->last, "sympathiser") || tok_is(&c->tk, group->last, "sympathizer") ||
         tok_is(&c->tk, group->last, "supporter") || tok_is(&c->tk, group->last, "supporters") ||
         tok_is(&c->tk, group->last, "admirer")))
        group = NULL;
    bool clash = type_is(f->type, "clash"); /* whose sides are both actors */
    if (group && is_state_action(f->type) && f->trig_at && group->first > f->trig_at) {
        /* "a strike killed al-Qaeda leader": the group struck is no role */
        if (clash)
            group_text(c, group, &e->roles[ROLE_ORGANIZATION]);
        group = NULL;
    }
    if (is_state_action(f->type) && f->state && (state_first || !group)) {
        e->actor = span(c, f->state_first, f->state->last);
        if (f->group && clash)
            group_text(c, f->group, &e->roles[ROLE_ORGANIZATION]);
    } else if (group) {
        set_group(c, e, group);
    } else if (strcmp(f->type, "financing") == 0 && c->doc_group) {
        e->actor = xstrdup(c->doc_group->name);
        e->actor_group = xstrdup(c->doc_group->key);
    } else if (f->perp && !is_state_action(f->type)) {
        e->actor = span(c, f->perp->first, f->perp->last); /* not the arrested */
    } else if (f->state && is_state_action(f->type)) {
        e->actor = span(c, f->state_first, f->state->last); /* not the police a bomb killed */
    }
    if (f->perp)
        match_text(c, f->perp, &e->roles[ROLE_PERPETRATOR]);
    if (f->weapon_m && !seized_arms(c, f->first, f->weapon_m->first) &&
        !vehicle_not_weapon(f->weapon_m, e))
        match_text(c, f->weapon_m, &e->roles[ROLE_WEAPON]);
    if (f->target_m && !affiliation(c, f->target_m, f->first) &&
        !only_the_scene(c, f->target_m, f->first, e) && !a_source(c, f->target_m, f->first)) {
        target_text(c, f->target_m, f->first, &e->roles[ROLE_TARGET]);
        e->target = span(c, f->target_m->first, f->target_m->last);
    }
    add_roles(c, f, e);
    size_t vfirst = f->victim_first;
    while (f->victim_m && vfirst < f->victim_m->first &&
           (tok_is(&c->tk, vfirst, "and") || c->tk.t[vfirst].kind == TOK_PUNCT))
        vfirst++; /* "and two more persons": the persons */
    if (f->victim_m && f->victim_m->last > vfirst) {
        /* the people a toll counts ("three people", "two peasants") are
         * the event's target, what was attacked; its victims are the
         * people harmed it names (MUC-4's human targets) */
        struct num n;
        bool counted = num_parse(&c->tk, c->text, vfirst, f->last, &n) ||
                       tok_is(&c->tk, vfirst, "both");
        char *v = span(c, vfirst, f->victim_m->last);
        if (v) {
            if (!counted)
                strvec_push(&e->roles[ROLE_VICTIM], v, strlen(v));
            if (!e->target)
                e->target = v;
            else
                free(v);
        }
    }

    /* when: its own date, else the report's (a year for financing) */
    mt->date_explicit = f->has_date && !f->date_reported;
    const struct event *de = NULL;
    for (size_t i = out->n; i-- > doc_first && !de;)
        if (&out->v[i] != e && !out->v[i].background && c->meta[i - doc_first].date_explicit)
            de = &out->v[i];
    if ((!f->has_date || f->date_reported) && in_scene && c->scene.date.prec &&
        strcmp(f->type, "financing") != 0) {
        date_format(&c->scene.date, e->date);
        mt->date_explicit = true;
    } else if (f->has_date && f->date_reported && strcmp(f->type, "financing") == 0) {
        struct date y = f->date; /* a fact reported, not a transaction */
        y.prec = DATE_YEAR;
        date_format(&y, e->date);
    } else if (f->has_date && (!f->date_reported || !de || strcmp(de->type, f->type) != 0)) {
        date_format(&f->date, e->date);
    } else if (de && strcmp(f->type, "financing") != 0) {
        memcpy(e->date, de->date, sizeof e->date);
    } else if (c->ref.prec) {
        struct date dt = c->ref;
        if (strcmp(f->type, "financing") == 0)
            dt.prec = DATE_YEAR;
        date_format(&dt, e->date);
    }

    if (f->count[S_KILLED] >= 0) e->killed = f->count[S_KILLED];
    if (f->count[S_INJURED] >= 0) e->injured = f->count[S_INJURED];
    if (f->count[S_KIDNAPPED] >= 0 &&
        (strcmp(f->type, "attack") != 0 || (f->method && strcmp(f->method, "hostage_taking") == 0)))
        e->kidnapped = f->count[S_KIDNAPPED];
    if (f->count[S_DETAINED] >= 0) e->detained = f->count[S_DETAINED];
    if (f->negated && strcmp(f->type, "attack") == 0 && e->killed < 0)
        e->killed = 0;
    /* "a couple blew themselves up at the gate, wounding 20": the
     * bombers' own deaths are not counted */
    if (f->self_blast && e->killed < 0 && e->injured > 0 && strcmp(f->type, "attack") == 0)
        e->killed = 0;
    if (f->amount >= 0) {
        e->amount_usd = f->amount;
        e->amount_usd_max = f->amount_max;
    } else if (f->money_last) {
        e->amount_text = span(c, f->money_first, f->money_last); /* not converted */
    }
    const struct sent *s = &c->tk.s[f->sent];
    e->evidence = span(c, f->first, s->last);
    e->ev_start = c->tk.t[f->first].start;
    e->ev_end = c->tk.t[s->last - 1].end;

    /* confidence: how much of the record the text itself filled */
    double conf = f->weak ? 0.45 : 0.55;
    if (has_consequence(f)) conf += 0.15;
    if (e->actor_group) conf += 0.1;
    if (f->place) conf += 0.1;
    if (f->has_date) conf += 0.05;
    e->confidence = conf > 0.95 ? 0.95 : conf;
}

/* Fills the tolls event e lacks from a follow-up frame. Returns false,
 * changing nothing, when a figure conflicts. */
static bool merge_counts(struct event *e, const struct frame *f)
{
    long long *slots[S_ESCAPED] = {&e->killed, &e->injured, &e->kidnapped, &e->detained};
    for (int k = 0; k < S_ESCAPED; k++)
        if (f->count[k] >= 0 && *slots[k] >= 0 && *slots[k] != f->count[k])
            return false;
    for (int k = 0; k < S_ESCAPED; k++)
        if (f->count[k] >= 0 && *slots[k] < 0)
            *slots[k] = f->count[k];
    return true;
}

/* Does a follow-up give a larger toll than the event has? */
static bool rises(const struct event *e, const struct frame *f)
{
    return (f->count[S_KILLED] > e->killed && e->killed >= 0) ||
           (f->count[S_INJURED] > e->injured && e->injured >= 0);
}

/* A revised toll ("the toll had risen to 41") replaces the figure. */
static bool update_counts(struct event *e, const struct frame *f)
{
    if (f->count[S_KILLED] >= 0 && f->count[S_KILLED] >= e->killed)
        e->killed = f->count[S_KILLED];
    if (f->count[S_INJURED] >= 0 && f->count[S_INJURED] >= e->injured)
        e->injured = f->count[S_INJURED];
    return true;
}

/* A claim names the actor of the latest event without one. */
static bool fold_claim(struct ctx *c, const struct frame *f, struct event_list *out,
                       size_t doc_first)
{
    const struct lex_match *group = f->claim_group ? f->claim_group : f->group;
    for (size_t i = out->n; i-- > doc_first;) {
        struct event *e = &out->v[i];
        /* a claim of responsibility outranks an attribution by others */
        if (e->actor_group && !(f->claim_resp && !c->meta[i - doc_first].group_claimed))
            return true;
        if (!is_state_action(e->type) && strcmp(e->type, "financing") != 0) {
            /* and the other events told by the same sentence */
            for (size_t k = doc_first; k <= i; k++)
                if (out->v[k].ev_start == e->ev_start &&
                    (!out->v[k].actor_group || k == i) && !is_state_action(out->v[k].type)) {
                    set_group(c, &out->v[k], group);
                    c->meta[k - doc_first].group_claimed = f->claim_resp;
                }
            return true;
        }
    }
    return false;
}

static bool dates_agree(const char *a, const char *b)
{
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    return n == 0 || strncmp(a, b, n) == 0;
}

/* Can one place lie inside the other (a district in its city, a town in
 * its province)? Without boundaries, any district, province or region
 * may hold any other place of its country. */
static bool places_nest(const struct lex_place *a, const struct lex_place *b)
{
    if (!a || !b || !a->country || !b->country || strcmp(a->country, b->country) != 0)
        return false;
    return !place_specific(a) || !place_specific(b) || strcmp(a->kind, "district") == 0 ||
           strcmp(b->kind, "district") == 0;
}

static void swap_str(char **a, char **b)
{
    char *t = *a;
    *a = *b;
    *b = t;
}

/* Merges events of one document that tell the same incident twice (a lede
 * and its retelling): same type and country, agreeing dates (or one taken
 * from the report), compatible places, and no conflicting toll. */
static void merge_retold(struct ctx *c, struct event_list *out, size_t doc_first)
{
    for (size_t i = doc_first; i < out->n; i++) {
        for (size_t j = i + 1; j < out->n; j++) {
            struct event *a = &out->v[i], *b = &out->v[j];
            struct meta *ma = &c->meta[i - doc_first], *mb = &c->meta[j - doc_first];
            if (a->background || b->background || strcmp(a->type, b->type) != 0 ||
                strcmp(a->country, b->country) != 0)
                continue;
            bool methods_differ = a->method && b->method && strcmp(a->method, b->method) != 0 &&
                                  strcmp(a->method, "unknown") != 0 &&
                                  strcmp(b->method, "unknown") != 0;
            if (ma->date_explicit && mb->date_explicit && !dates_agree(a->date, b->date))
                continue;
            if (a->place && b->place && ma->place_own && mb->place_own &&
                strcmp(a->place, b->place) != 0 && !places_nest(ma->place, mb->place))
                continue;
            long long ka[4] = {a->killed, a->injured, a->kidnapped, a->detained};
            long long kb[4] = {b->killed, b->injured, b->kidnapped, b->detained};
            int same = 0, conflict = 0, any_a = 0, any_b = 0;
            for (int k = 0; k < 4; k++) {
                any_a |= ka[k] >= 0;
                any_b |= kb[k] >= 0;
                if (ka[k] >= 0 && kb[k] >= 0) {
                    if (ka[k] == kb[k])
                        same++;
                    else
                        conflict++;
                }
            }
            if (conflict || !(same || !any_a || !any_b) || (methods_differ && !same))
                continue;
            /* "handed himself in on Saturday ... Police also detained a
             * 15-year-old on Saturday": two arrests, each with its own day */
            if (type_is(a->type, "arrest") && a->detained >= 0 && b->detained >= 0 &&
                ma->date_explicit && mb->date_explicit)
                continue;
            if (a->amount_usd >= 0 || b->amount_usd >= 0)
                continue;
            /* keep the better-anchored one in place i */
            bool b_better = (mb->date_explicit && !ma->date_explicit) ||
                            (mb->place_own && !ma->place_own);
            if (b_better) {
                struct event tmp = *a;
                *a = *b;
                *b = tmp;
                struct meta mtmp = *ma;
                *ma = *mb;
                *mb = mtmp;
            }
            if (a->killed < 0) a->killed = b->killed;
            if (a->injured < 0) a->injured = b->injured;
            if (a->kidnapped < 0) a->kidnapped = b->kidnapped;
            if (a->detained < 0) a->detained = b->detained;
            if (!a->actor_group && b->actor_group) {
                swap_str(&a->actor_group, &b->actor_group);
                swap_str(&a->actor, &b->actor);
            }
            bool b_finer = mb->place && ma->place && place_specific(mb->place) &&
                           (!place_specific(ma->place) ||
                            (strcmp(ma->place->kind, "city") == 0 &&
                             strcmp(mb->place->kind, "district") == 0));
            if ((!a->place && b->place) || b_finer) {
                ma->place = mb->place;
                swap_str(&a->place, &b->place);
                a->lat = b->lat;
                a->lon = b->lon;
                a->has_coords = b->has_coords;
            }
            /* the specific method wins; a hostage-taking over the shooting in it */
            if (a->method && b->method && (strcmp(a->method, "unknown") == 0 ||
                                           strcmp(b->method, "hostage_taking") == 0 ||
                                           (strcmp(a->method, "bombing") == 0 &&
                                            strcmp(b->method, "suicide_bombing") == 0)))
                swap_str(&a->method, &b->method);
            for (int r = 0; r < ROLE__COUNT; r++)
                for (size_t k = 0; k < b->roles[r].n; k++)
                    strvec_push(&a->roles[r], b->roles[r].v[k], strlen(b->roles[r].v[k]));
            xp(c, "event %zu merged into event %zu: the same incident told again\n",
               j - doc_first + 1, i - doc_first + 1);
            event_clear(b);
            memmove(b, b + 1, (out->n - j - 1) * sizeof *b);
            memmove(mb, mb + 1, (out->n - j - 1) * sizeof *mb);
            out->n--;
            j--;
        }
    }
}

/* The latest event of the document that is news, not background. */
static struct event *latest_news_event(struct event_list *out, size_t doc_first)
{
    for (size_t i = out->n; i-- > doc_first;)
        if (!out->v[i].background)
            return &out->v[i];
    return NULL;
}

/* The incident a follow-up continues: the latest news event of its type
 * (an attack's toll goes to the attack, not to the clash told after it),
 * else the latest news event. */
static struct event *followed_event(struct event_list *out, size_t doc_first,
                                    const struct frame *f)
{
    for (size_t i = out->n; i-- > doc_first;)
        if (!out->v[i].background && strcmp(out->v[i].type, f->type) == 0)
            return &out->v[i];
    return latest_news_event(out, doc_first);
}

/* Words that make an incident another than the one told. */
static const char *const other_words[] = {
    "another", "separate", "second", "earlier", "previous", "similar", "other", NULL};

/* "another bomb", "a separate attack", "an earlier raid": not the one told */
static bool tells_another(const struct ctx *c, const struct frame *f)
{
    for (size_t i = f->first; i < f->last; i++)
        if (word_in(c, i, W_OTHER))
            return true;
    return false;
}

/* A sentence with a trigger but no toll that tells the latest news event
 * again ("The attacker struck at 9:40 p.m. on Friday"): same type, a method
 * that agrees, no other place (a place of its own only when the event had
 * none), in the next paragraph at the latest, and a day of its own in the
 * week before the date the event got from a report. */
static bool retells(const struct ctx *c, const struct event_list *out, const struct event *pe,
                    const struct frame *f, size_t doc_first)
{
    const struct meta *pm = &c->meta[pe - out->v - doc_first];
    if (strcmp(pe->type, f->type) != 0 || f->group || f->aggregate || f->unreal ||
        f->multi_site || pm->para + 1 < c->tk.s[f->sent].para || tells_another(c, f))
        return false;
    if (f->method && pe->method && strcmp(f->method, pe->method) != 0 &&
        strcmp(pe->method, "unknown") != 0)
        return false;
    if (f->place && pm->place_own && f->place != pm->place)
        return false;
    if (f->place && f->place->country && pe->country[0] &&
        strcmp(f->place->country, pe->country) != 0)
        return false;
    if (f->has_date) {
        struct date d;
        /* the lede's day may be the report's ("faced questions on Saturday") */
        char ref[11];
        date_format(&c->ref, ref);
        bool lede_day = pe == out->v + doc_first && strcmp(pe->date, ref) == 0;
        if (f->date_reported || f->date.prec != DATE_DAY || (pm->date_explicit && !lede_day) ||
            !date_parse_iso(pe->date, &d) || d.prec != DATE_DAY)
            return false;
        long own = date_days(f->date.y, f->date.m, f->date.d);
        long told = date_days(d.y, d.m, d.d);
        return own <= told && own >= told - 7;
    }
    return false;
}

/* "The attacker struck on Friday": the lead's incident told again gives it
 * its day and, when it had none of its own, its place ("attacked the camp
 * at Inates"). */
static void take_retelling(struct ctx *c, const struct event_list *out, struct event *pe,
                           const struct frame *f, size_t doc_first)
{
    size_t n = (size_t)(pe - out->v) - doc_first;
    struct meta *pm = &c->meta[n];
    if (f->place && !pm->place_own && !f->multi_site) {
        place_event(c, pe, f->place, f->place_m);
        pm->place = f->place;
        pm->place_own = true;
        xp(c, "  => places event %zu at %s\n", n + 1, pe->place);
    }
    if (f->has_date) {
        date_format(&f->date, pe->date);
        pm->date_explicit = true;
        xp(c, "  => tells event %zu again and dates it %s\n", n + 1, pe->date);
    } else {
        xp(c, "  => tells event %zu again\n", n + 1);
    }
}

/* "Some media reports put the toll at 28", "unconfirmed reports": a
 * figure that does not replace the authorities' own. */
static bool hedged(const struct ctx *c, const struct frame *f)
{
    for (size_t i = f->first; i + 1 < f->last; i++)
        if (tok_is(&c->tk, i, "unconfirmed") ||
            ((tok_is(&c->tk, i, "media") || tok_is(&c->tk, i, "some")) &&
             (tok_is(&c->tk, i + 1, "reports") || tok_is(&c->tk, i + 1, "outlets"))))
            return true;
    return false;
}

/* A sentence typed only by a toll word, naming no actor, method or place
 * of its own, continues the incident before it rather than telling a new
 * one ("116 people were killed, the monitor said"). */
static bool is_follow_up(const struct ctx *c, const struct frame *f,
                         struct event_list *out, size_t doc_first)
{
    /* attackers named anew tell a new incident; "the kidnappers" do not */
    bool new_perp = f->perp && !(f->perp->first > f->first &&
                                 tok_is(&c->tk, f->perp->first - 1, "the"));
    if (!f->type || f->aggregate || (f->group && !f->toll_update) || new_perp ||
        f->named_attack || (f->state && is_state_action(f->type)))
        return false;
    /* an attack word alone, or "the fighting" told without its own date */
    bool weak = (strcmp(f->type, "attack") == 0 && f->weak) || f->toll_update;
    bool own_date = f->has_date && !f->date_reported;
    bool retold = f->anaphoric && !own_date && strcmp(f->type, "financing") != 0 &&
                  strcmp(f->type, "arrest") != 0 && strcmp(f->type, "plot") != 0;
    if (!weak && !retold)
        return false;
    const struct event *pe = followed_event(out, doc_first, f);
    if (!pe)
        return false;
    /* "two attackers were killed in the assault": a clash of its own */
    if (!f->weak && !f->toll_update && strcmp(f->type, pe->type) != 0)
        return false;
    if (own_date && !f->toll_update) {
        char d[11];
        date_format(&f->date, d);
        if (pe->date[0] && !dates_agree(d, pe->date) &&
            (c->meta[pe - out->v - doc_first].date_explicit || f->date.prec < DATE_DAY))
            return false; /* another day, or another month: another incident */
    }
    /* another town: another incident */
    return !(f->place && pe->place && strcmp(f->place->name, pe->place) != 0 &&
             place_specific(f->place));
}

static struct meta *meta_at(struct ctx *c, size_t k);

/* ---- --explain ---------------------------------------------------------- */

/* Appends "text" of tokens [first, last). */
static void xp_span(struct ctx *c, size_t first, size_t last)
{
    if (!c->xp || first >= last)
        return;
    size_t a = c->tk.t[first].start, b = c->tk.t[last - 1].end;
    buf_putc(c->xp, '"');
    buf_append(c->xp, c->text + a, b - a > 300 ? 300 : b - a);
    buf_putc(c->xp, '"');
}

/* What a sentence was found to hold, and the type the rules gave it. */
static void explain_frame(struct ctx *c, const struct frame *f)
{
    if (!c->xp)
        return;
    const struct sent *s = &c->tk.s[f->sent];
    xp(c, "\nsentence %zu (bytes %zu-%zu): ", f->sent + 1,
       (size_t)c->tk.t[f->first < s->last ? f->first : s->first].start, (size_t)s->end);
    xp_span(c, f->first < s->last ? f->first : s->first, s->last);
    xp(c, "\n  found:");
    FOR_MATCHES(c, m, f->first, f->last) {
        const struct lex_phrase *p = m->phrase;
        switch (p->kind) {
        case LEX_TRIGGER: {
            const struct lex_trigger *t = &lex_triggers[p->index];
            xp(c, " %s ", trig_class_names[t->cls]);
            xp_span(c, m->first, m->last);
            if (t->value[0])
                xp(c, " (%s)", t->value);
            break;
        }
        case LEX_ACTOR:
            xp(c, " group ");
            xp_span(c, m->first, m->last);
            xp(c, " (%s)", lex_actors[p->index].key);
            break;
        case LEX_PLACE:
            xp(c, " place ");
            xp_span(c, m->first, m->last);
            xp(c, " (%s)", lex_places[p->index].country ? lex_places[p->index].country : "-");
            break;
        default:
            xp(c, " country ");
            xp_span(c, m->first, m->last);
            xp(c, " (%s)", lex_countries[p->index].code);
        }
        xp(c, ";");
    }
    for (int k = 0; k < S__COUNT; k++) {
        if (f->vague[k])
            xp(c, " %s=vague;", slot_names[k]);
        else if (f->count[k] >= 0)
            xp(c, " %s=%lld;", slot_names[k], f->count[k]);
    }
    if (f->amount >= 0)
        xp(c, " amount=%.0f%s;", f->amount, f->amount_max >= 0 ? "+" : "");
    if (f->has_date) {
        char d[11];
        date_format(&f->date, d);
        xp(c, " date=%s%s;", d, f->date_reported ? " (of a statement)" : "");
    }
    if (f->place)
        xp(c, " at %s;", f->place->name);
    xp(c, "\n  type: %s%s%s (%s)%s%s\n", f->type ? f->type : "none", f->method ? "/" : "",
       f->method ? f->method : "", f->rule ? f->rule : "no event trigger",
       f->aggregate ? "; a period, not an incident" : "",
       f->anaphoric ? "; names an incident already told" : "");
}

/* A later clause of an attack sentence where the security forces kill the
 * attackers ("..., and fighting went on into Tuesday, when Tunisian forces
 * killed six more militants"): how many, the security word and the clause's
 * own date, if any. */
static bool state_kill_clause(struct ctx *c, const struct frame *f, long long *killed,
                              const struct lex_match **state, struct date *when)
{
    if (!f->trig_at)
        return false;
    FOR_MATCHES(c, m, f->trig_at + 1, f->last) {
        if (m->phrase->kind != LEX_TRIGGER || lex_triggers[m->phrase->index].cls != TRIG_SECURITY)
            continue;
        size_t k = m->last;
        if (k < f->last && (tok_is(&c->tk, k, "killed") || tok_is(&c->tk, k, "shot")))
            k += tok_is(&c->tk, k, "shot") && k + 1 < f->last && tok_is(&c->tk, k + 1, "dead")
                     ? 2 : 1;
        else
            continue;
        if (!tok_is(&c->tk, k - 1, "killed") && !tok_is(&c->tk, k - 1, "dead"))
            continue;
        struct num n;
        if (k >= f->last || c->date_tok[k] || !num_parse(&c->tk, c->text, k, f->last, &n) ||
            n.vague)
            continue;
        size_t q = n.last;
        for (int skip = 0; skip < 2 && q < f->last && !word_in(c, q, W_ATTACKER_NOUNS); skip++)
            q++; /* "six more militants", "five suspected militants" */
        if (q >= f->last || !word_in(c, q, W_ATTACKER_NOUNS))
            continue;
        /* the clause must be another one: a comma, "when" or "and" before */
        bool clause = false;
        for (size_t b = f->trig_at + 1; b < m->first; b++)
            if (tok_is(&c->tk, b, ",") || tok_is(&c->tk, b, "when") || tok_is(&c->tk, b, ";"))
                clause = true;
        if (!clause)
            continue;
        *killed = (long long)n.value;
        *state = m;
        when->prec = DATE_NONE;
        size_t from = m->first > f->first + 8 ? m->first - 8 : f->first, at, end;
        struct date d;
        while (from < m->first &&
               date_find(&c->tk, c->text, from, m->first, &c->ref, &d, &at, &end)) {
            *when = d;
            from = end;
        }
        return true;
    }
    return false;
}

/* One sentence may tell two events of one incident: an assault on a
 * prison and the escape it allowed; attackers killed and others captured;
 * a massacre and the abduction that went with it. The second event gets
 * the tolls that belong to it, and the same sentence as evidence. */
static void split_event(struct ctx *c, const struct frame *f, struct event_list *out,
                        size_t doc_first)
{
    struct event *e = &out->v[out->n - 1];
    const char *type = NULL;
    bool move_deaths = false, move_detained = false;
    if (strcmp(e->type, "escape") == 0 && (e->killed >= 0 || e->injured >= 0)) {
        type = "attack";
        move_deaths = true;
    } else if (strcmp(e->type, "kidnapping") == 0 && e->killed >= 3) {
        type = "attack";
        move_deaths = true;
    } else if ((strcmp(e->type, "attack") == 0 || strcmp(e->type, "clash") == 0) &&
               e->detained >= 0 && f->arrest_trigger && !f->group_acts) {
        type = "arrest";
        move_detained = true;
    }
    else if (strcmp(e->type, "attack") == 0 && f->state_kills > 0) {
        /* "... before police shot him dead": the attacker's death */
        type = "clash";
    }
    long long clause_killed = EV_UNKNOWN;
    const struct lex_match *clause_state = NULL;
    struct date clause_date = {0};
    if (!type && strcmp(e->type, "attack") == 0 &&
        state_kill_clause(c, f, &clause_killed, &clause_state, &clause_date)) {
        type = "clash";
        if (e->killed == clause_killed)
            e->killed = EV_UNKNOWN; /* the attackers' deaths were not its toll */
    }
    if (!type || out->n - doc_first >= EV_MAX_EVENTS)
        return;
    struct meta m = c->meta[out->n - 1 - doc_first];
    struct event *x = event_list_push(out);
    e = &out->v[out->n - 2]; /* the push may have moved the list */
    *meta_at(c, out->n - 1 - doc_first) = m;
    x->doc = xstrdup(e->doc);
    x->type = xstrdup(type);
    memcpy(x->country, e->country, sizeof x->country);
    x->place = xstrdup(e->place);
    x->has_coords = e->has_coords;
    x->lat = e->lat;
    x->lon = e->lon;
    memcpy(x->date, e->date, sizeof x->date);
    x->background = e->background;
    x->evidence = xstrdup(e->evidence);
    x->ev_start = e->ev_start;
    x->ev_end = e->ev_end;
    x->confidence = e->confidence * 0.9;
    if (move_deaths) {
        x->method = xstrdup(f->method_hint ? f->method_hint : "unknown");
        x->killed = e->killed;
        x->injured = e->injured;
        e->killed = e->injured = EV_UNKNOWN;
        x->actor = xstrdup(e->actor);
        x->actor_group = xstrdup(e->actor_group);
    }
    if (clause_state) {
        x->killed = clause_killed;
        x->actor = span(c, clause_state->first, clause_state->last);
        if (clause_date.prec)
            date_format(&clause_date, x->date);
    } else if (strcmp(type, "clash") == 0) {
        x->killed = f->state_kills;
        if (f->state)
            x->actor = span(c, f->state_first, f->state->last);
    }
    if (move_detained) {
        x->detained = e->detained;
        e->detained = EV_UNKNOWN;
        if (f->state)
            x->actor = span(c, f->state_first, f->state->last);
    }
}

/* ---- the document ------------------------------------------------------ */

/* How often the text names a country (by name or demonym). */
static size_t country_mentions(const struct ctx *c, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; code && i < c->lm.n; i++) {
        const struct lex_phrase *p = c->lm.v[i].phrase;
        if ((p->kind == LEX_COUNTRY || p->kind == LEX_DEMONYM) &&
            strcmp(lex_countries[p->index].code, code) == 0)
            n++;
    }
    return n;
}

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
        /* a homonym ("TRIPOLI, Lebanon"): the entry in the country the
         * text names most, then the most populous */
        const struct lex_place *best = NULL;
        size_t best_votes = 0;
        for (size_t i = 0; i < lm.n; i++)
            if (lm.v[i].phrase->kind == LEX_PLACE && lm.v[i].first == 0) {
                const struct lex_place *p = &lex_places[lm.v[i].phrase->index];
                size_t v = country_mentions(c, p->country);
                if (!best || v > best_votes ||
                    (v == best_votes && p->population > best->population)) {
                    best = p;
                    best_votes = v;
                }
            }
        c->dateline_place = best;
        if (best)
            c->doc_country = best->country;
        lex_matches_free(&lm);
        tok_free(&tk);
    }
    /* the group and the country named most often */
    size_t *cvotes = xcalloc(lex_n_countries, sizeof *cvotes);
    size_t *gvotes = xcalloc(lex_n_actors ? lex_n_actors : 1, sizeof *gvotes);
    size_t best = 0, gbest = 0;
    bool any = false, gany = false;
    for (size_t i = 0; i < c->lm.n; i++) {
        const struct lex_phrase *p = c->lm.v[i].phrase;
        if (p->kind == LEX_ACTOR) {
            gvotes[p->index]++;
            if (!gany || gvotes[p->index] > gvotes[gbest])
                gbest = p->index;
            gany = true;
            continue;
        }
        size_t idx = (size_t)-1;
        if (p->kind == LEX_COUNTRY || p->kind == LEX_DEMONYM) {
            idx = p->index;
        } else if (p->kind == LEX_PLACE && lex_places[p->index].country) {
            const struct lex_country *ct = lex_country_by_code(lex_places[p->index].country);
            if (ct)
                idx = (size_t)(ct - lex_countries);
        }
        if (idx == (size_t)-1)
            continue;
        cvotes[idx]++;
        if (!any || cvotes[idx] > cvotes[best])
            best = idx;
        any = true;
    }
    if (any && !c->doc_country)
        c->doc_country = lex_countries[best].code;
    if (gany)
        c->doc_group = &lex_actors[gbest];
    free(cvotes);
    free(gvotes);
}

/* Is the document about something else (a flood, a robbery, a game)?
 * Only when it names no armed group and no word of political violence. */
static bool other_genre(const struct ctx *c)
{
    size_t genre = 0, pol = 0;
    for (size_t i = 0; i < c->lm.n; i++)
        if (c->lm.v[i].phrase->kind == LEX_ACTOR)
            return false;
    for (size_t i = 0; i < c->tk.n; i++) {
        if (c->tk.t[i].kind != TOK_WORD)
            continue;
        if (word_in(c, i, W_POLITICAL))
            pol++;
        else if (word_in(c, i, W_OTHER_GENRES))
            genre++;
    }
    return pol == 0 && genre >= 2;
}

/* Marks as background every event dated before the news peg: the date of
 * the first event the article reports with its own date. */
static void mark_background(struct ctx *c, struct event_list *out, size_t doc_first)
{
    struct date peg = c->ref;
    for (size_t i = doc_first; i < out->n; i++) {
        struct date d;
        if (c->meta[i - doc_first].date_explicit && date_parse_iso(out->v[i].date, &d) &&
            d.prec == DATE_DAY && (!c->ref.prec || date_days(d.y, d.m, d.d) >=
                                                       date_days(c->ref.y, c->ref.m, c->ref.d) - 14)) {
            peg = d;
            break;
        }
    }
    /* no recent day: the story's news is its first dated event ("last
     * month", "in July") */
    if (peg.prec == c->ref.prec && out->n > doc_first && c->meta[0].date_explicit &&
        c->meta[0].para == c->lede_para) {
        struct date d;
        if (date_parse_iso(out->v[doc_first].date, &d) && d.prec < DATE_DAY &&
            (d.y * 12 + (d.m ? d.m : 12)) >= c->ref.y * 12 + c->ref.m - 12) {
            peg = d;
            if (!peg.m)
                peg.m = 1;
        }
    }
    if (!peg.prec)
        return;
    long pd = date_days(peg.y, peg.m, peg.d ? peg.d : 1);
    for (size_t i = doc_first; i < out->n; i++) {
        struct date d;
        struct event *e = &out->v[i];
        if (!c->meta[i - doc_first].date_explicit || !date_parse_iso(e->date, &d))
            continue;
        if (d.prec == DATE_DAY)
            e->background = date_days(d.y, d.m, d.d) < pd - 1;
        else if (d.prec == DATE_MONTH)
            e->background = d.y * 12 + d.m < peg.y * 12 + peg.m;
        else
            e->background = d.y < peg.y;
        if (e->background)
            xp(c, "event %zu is background: dated %s, before the news of %04d-%02d-%02d\n",
               i - doc_first + 1, e->date, peg.y, peg.m, peg.d);
    }
}

/* A paragraph of one short sentence without a full stop is a headline or
 * a subheading: it repeats the story, it does not tell it. */
static bool is_headline(const struct ctx *c, size_t si)
{
    const struct sent *s = &c->tk.s[si];
    bool alone = (si + 1 >= c->tk.ns || c->tk.s[si + 1].para != s->para) &&
                 (si == 0 || c->tk.s[si - 1].para != s->para);
    if (!alone || s->last - s->first > 30)
        return false;
    const char *end = tok_norm(&c->tk, s->last - 1);
    return !(end[1] == '\0' && (end[0] == '.' || end[0] == '!' || end[0] == '?' ||
                                end[0] == '"' || end[0] == '\''));
}

/* Remembers where and when the paragraph is set, from a sentence that
 * says it (not from a statement's date, nor from an earlier incident). */
static void set_scene(struct ctx *c, const struct frame *f)
{
    if (f->aggregate || f->since_at || f->multi_site)
        return;
    bool older = f->has_date && c->ref.prec && f->date.prec == DATE_DAY &&
                 date_days(f->date.y, f->date.m, f->date.d) <
                     date_days(c->ref.y, c->ref.m, c->ref.d) - 14;
    if (older)
        return;
    if (f->place && place_specific(f->place)) {
        c->scene.place = f->place;
        c->scene.place_m = f->place_m;
    }
    if (f->has_date && !f->date_reported && f->date.prec == DATE_DAY)
        c->scene.date = f->date;
}

static struct meta *meta_at(struct ctx *c, size_t k)
{
    if (k >= c->meta_cap) {
        c->meta_cap = c->meta_cap ? c->meta_cap * 2 : 16;
        c->meta = xrealloc(c->meta, c->meta_cap * sizeof *c->meta);
    }
    memset(&c->meta[k], 0, sizeof c->meta[k]);
    return &c->meta[k];
}

/* ---- words of people and their roles (read in ev_roles.c) ---------- */

/* Words that end a name or cannot be one. */
static const char *const not_name[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "from", "by", "with", "for", "and",
    "or", "but", "as", "was", "were", "is", "are", "be", "been", "being", "has", "have",
    "had", "will", "would", "could", "should", "may", "might", "must", "can", "who",
    "whom", "whose", "which", "that", "this", "these", "those", "when", "where", "while",
    "after", "before", "during", "since", "until", "said", "says", "say", "told", "set",
    "also", "not", "no", "his", "her", "their", "its", "our", "he", "she", "they", "it",
    "we", "i", "you", "him", "them", "us", "there", "here", "then", "than", "alias",
    "himself", "herself", "all", "both", "two", "three", "four", "five", "one", "other",
    "others", "about", "against", "into", "over", "under", "near", "between", "among",
    "did", "does", "do", "left", "went", "came", "took", "gave", "made", "met", "got",
    "so", "if", "because", "whether", "what", "how", "why", "yesterday", "today",
    "tomorrow", "tonight", "last", "next", "new", "old", "former", "late", "same", NULL};

/* Particles inside a name ("stela torrado de otalora"). */
static const char *const name_particles[] = {"de", "del", "la", "y", "da", "dos", "van",
                                        "von", "bin", "al", "abu", "ibn", NULL};

/* Words after a verb in -s that ends a name ("x holds the fmln ..."). */
static const char *const object_words[] = {"the", "a", "an", "that", "to", "his", "her",
                                           "its", "their", NULL};

/* Words of harm done to a person: a name just after one ("killed",
 * "the murder of") or just before one ("was killed") is a victim. */
static const char *const harm_words[] = {
    "killed", "murdered", "assassinated", "kidnapped", "abducted", "shot", "wounded",
    "injured", "executed", "slain", "massacred", "seized", "attacked", "murder",
    "assassination", "death", "kidnapping", "abduction", "attack",
    "release", "released", "freed", "held", "hostage", "hostages", "victim",
    "victims", "body", "bodies", "wounding", "shooting", "taken", "killing", "killings",
    "lives", "massacre", "slaying", "slayings", "murders", "assassinations",
    "kidnappings", "murdering", "assassinating", "abducting", NULL};

/* Words after a name that blame its person ("x is responsible"). */
static const char *const blame_after[] = {"responsible", "behind", "masterminds",
                                           "mastermind", "ordered", "masterminded",
                                           "planned", "perpetrated", "involved", NULL};

/* Words before a name that blame its person ("accused x"). */
static const char *const blame_before[] = {"accused", "accuses", "blamed", "blames",
                                     "links", "linked", "implicated", "charged",
                                     "arrest", "arrested", "captured", NULL};

/* Words between a name and its blame ("x is allegedly behind"). */
static const char *const blame_linking[] = {"is", "are", "was", "were", "also", "allegedly",
                                      "reportedly", "had", "have", "has", "been",
                                      "\"", NULL};

/* Acts whose doer the words around them name: the subject before ("three
 * armed men kidnapped"), the agent after "by" ("murdered by two paid
 * assassins"). */
static const char *const act_words[] = {
    "killed", "murdered", "assassinated", "shot", "kidnapped", "abducted", "attacked",
    "perpetrated", "committed", "staged", "machinegunned", "burned", "bombed",
    "detonated", "planted", "ordered", "planned", "executed", "massacred", "ambushed",
    "wounded", "injured", "destroyed", "dynamited", "set", "carried", "fired",
    "hurled", "threw", "seized", "stormed", "raided", "blew", "forced", "intercepted",
    "sabotaged", "opened", "launched", "tortured", "left", "placed", "tried", "caused",
    "broke", "threatened", "entered", NULL};

/* The nouns that head a doer's phrase. */
static const char *const doer_nouns[] = {
    "men", "man", "woman", "women", "individuals", "individual", "persons", "person",
    "soldiers", "soldier", "troops", "officers", "guerrillas", "guerrilla", "terrorists",
    "terrorist", "rebels", "assassins", "assassin", "criminals", "gunmen", "gunman",
    "commandos", "commando", "units", "squads", "squad", "traffickers", "kidnappers",
    "attackers", "assailants", "subversives", "militants", "insurgents", "killers",
    "hitmen", "policemen", "agents", "youths", "mercenaries", "paramilitaries",
    "members", "group", "band", "gang", "cell", "people", "narcoterrorists",
    "narcoterrorist", "dealers", "sniper", "snipers", "murderers", "murderer", "thugs",
    "extremists", NULL};

/* Words that may describe a doer before its noun ("approximately 20 or 30",
 * "three heavily armed", "urban", "paid"). */
static const char *const doer_modifiers[] = {
    "approximately", "about", "some", "or", "unidentified", "unknown",
    "urban", "paid", "hired", "masked", "criminal", "suspected", "alleged", "leftist",
    "rightist", "heavily", "armed", "uniformed", "other", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty",
    "thirty", "forty", "fifty", "dozen", "guerrilla", "drug", "death", "security",
    "army", "police", NULL};

/* A plot dated only by the report is dated by the arrests that foiled it
 * ("prosecutors have charged 13 men over a plot ... Six men were arrested
 * on Wednesday night"). */
static void date_plots(struct ctx *c, struct event_list *out, size_t doc_first)
{
    for (size_t i = doc_first; i < out->n; i++) {
        struct event *p = &out->v[i];
        if (!type_is(p->type, "plot") || p->background || c->meta[i - doc_first].date_explicit)
            continue;
        for (size_t j = doc_first; j < out->n; j++)
            if (type_is(out->v[j].type, "arrest") && !out->v[j].background &&
                c->meta[j - doc_first].date_explicit && out->v[j].date[0]) {
                memcpy(p->date, out->v[j].date, sizeof p->date);
                xp(c, "\nevent %zu (a plot) takes the day of the arrests, %s\n",
                   i - doc_first + 1, p->date);
                break;
            }
    }
}

/* A story of attacks that never gives a toll, a place with a date, or a
 * group ("four powerful rockets were going to explode near the tanks ...
 * the watchmen exchanged fire with the terrorists, who fled leaving the
 * dynamite"): one event from its first attack sentence, with the roles of
 * every such sentence. Only when those sentences name the attackers, a
 * person harmed, or how and where ("a bomb exploded in the town of
 * yunguyo") or what it struck ("one of the explosive devices hit a wall
 * of the air force installations"). */
static void untold_attack(struct ctx *c, const struct frame *told, size_t n_told,
                          struct event_list *out, size_t doc_first)
{
    bool told_enough = false;
    for (size_t k = 0; k < n_told && !told_enough; k++)
        told_enough = names_perpetrator(c, &told[k]) || names_victim(c, &told[k]) ||
                      (told[k].method && (told[k].place || told[k].target_m));
    if (!told_enough)
        return;
    struct event *e = event_list_push(out);
    build_event(c, &told[0], out, doc_first, e, meta_at(c, out->n - 1 - doc_first));
    for (size_t k = 1; k < n_told; k++)
        add_roles(c, &told[k], e);
    xp(c, "\n=> event %zu: the attacks the story tells, from %zu sentences without a toll\n",
       out->n - doc_first, n_told);
}

/* ---- word lists -------------------------------------------------------- */

/* The words of each list word_in() answers. */
static const char *const *const word_lists[W__COUNT] = {
    [W_AUX] = aux_words, [W_MODAL] = modal, [W_UNREAL] = unreal,
    [W_OTHER_GENRES] = other_genres, [W_POLITICAL] = political,
    [W_FRAME_CUES] = frame_cues, [W_LOCATIVE] = locative, [W_NOT_PEOPLE] = not_people,
    [W_THINGS_OK] = things_ok, [W_DET] = victim_det, [W_KIN] = victim_kin,
    [W_LEADER] = leader_words, [W_TOLL_WORDS] = toll_words,
    [W_NOT_SUBJECTS] = not_subjects, [W_CURRENCIES] = currencies,
    [W_RAM_VERBS] = ram_verbs, [W_RAM_VEHICLES] = ram_vehicles,
    [W_REPORTING] = reporting, [W_PLOTTING] = plotting, [W_LIFE] = life, [W_THEM] = them,
    [W_AIRCRAFT] = aircraft, [W_SITE_NOUNS] = site_nouns, [W_OTHER] = other_words,
    [W_ATTACKER_NOUNS] = attacker_nouns, [W_NOT_MODIFIER] = not_modifier,
    [W_NOT_NAME] = not_name, [W_PARTICLES] = name_particles, [W_OBJECT_WORDS] = object_words,
    [W_HARM] = harm_words, [W_BLAME_AFTER] = blame_after, [W_BLAME_BEFORE] = blame_before,
    [W_BLAME_LINKING] = blame_linking, [W_SEIZING] = seizing, [W_STAFF] = staff_nouns, [W_NAMED_AFTER] = named_after, [W_THINGS_SEIZED] = things_seized, [W_SCENE] = scene_words, [W_PASSIVE] = struck_passive,
    [W_ACTS] = act_words, [W_DOER_NOUNS] = doer_nouns, [W_DOER_MODIFIERS] = doer_modifiers,
    [W_TOLL_RISES] = toll_rises, [W_AMONG] = among_words, [W_SUPERLATIVES] = superlatives,
    [W_HOSTAGE] = hostage_words, [W_NO] = no_words, [W_REASON] = reason_words,
    [W_BEFORE] = before_words, [W_SPEAKING] = speaking, [W_DAYS] = day_words, [W_WAR] = war_words,
    [W_DISASTERS] = disasters};

#define WORD_SLOTS 2048 /* a power of two, well above the words of all lists */

/* Every listed word in one hash table: word -> mask of the lists holding
 * it. The slots are small (8 bytes), so that the table stays in cache;
 * the words and their masks are kept apart, by number (0: a free slot). */
static struct {
    uint32_t hash;     /* tok_hash_more() of the word */
    uint16_t len;
    uint16_t word;     /* into word_text[] and word_mask[], or 0 */
} word_table[WORD_SLOTS];
static const char *word_text[WORD_SLOTS];
static uint64_t word_mask[WORD_SLOTS];
static pthread_once_t word_once = PTHREAD_ONCE_INIT;

/* Fills word_table from word_lists (once). */
static void word_table_build(void)
{
    size_t n_words = 0;
    for (int k = 0; k < W__COUNT; k++)
        for (int j = 0; word_lists[k][j]; j++) {
            const char *w = word_lists[k][j];
            size_t len = strlen(w);
            uint32_t hash = tok_hash_more(TOK_HASH_INIT, w, len);
            uint32_t h = hash & (WORD_SLOTS - 1);
            while (word_table[h].word && strcmp(word_text[word_table[h].word], w) != 0)
                h = (h + 1) & (WORD_SLOTS - 1);
            if (!word_table[h].word) {
                word_table[h].word = (uint16_t)++n_words;
                word_table[h].hash = hash;
                word_table[h].len = (uint16_t)len;
                word_text[n_words] = w;
            }
            word_mask[word_table[h].word] |= (uint64_t)1 << k;
        }
}

/* The number (into word_text[] and word_mask[]) of the listed word
 * form[0..len) of hash hash, or 0 when no list holds it. */
static uint16_t word_number(const char *form, size_t len, uint32_t hash)
{
    for (uint32_t h = hash & (WORD_SLOTS - 1); word_table[h].word; h = (h + 1) & (WORD_SLOTS - 1))
        if (word_table[h].hash == hash && word_table[h].len == len &&
            memcmp(word_text[word_table[h].word], form, len) == 0)
            return word_table[h].word;
    return 0;
}

/* The words of the last documents, by their normalised form: what
 * word_facts() finds for each, the word lists holding it and what the
 * lexicon says of it as a phrase's first word. A news story's words are
 * mostly the last story's, and one small table (128 KB) answers for them
 * with one probe a token, instead of one into the word table and one into
 * the lexicon's filter and slots, which are large and so seldom in cache.
 * Per thread, as ev_extract() may run in several at once; an entry holds
 * what the lookups say of its form, so the cache never changes an answer. */
#define FACT_CACHE_BITS 12
#define FACT_CACHE_SLOTS (1u << FACT_CACHE_BITS)
#define FACT_CACHE_FORM 21    /* longer words are looked up every time */

struct word_fact {
    uint32_t hash;      /* the form's tok_hash() */
    int32_t lex_first;  /* lex_first() of the form */
    uint16_t word;      /* word_number() of the form */
    uint8_t len;        /* the form's length; 0: a free entry */
    char form[FACT_CACHE_FORM];
};
_Static_assert(sizeof(struct word_fact) == 32, "two entries to a cache line");

static _Thread_local struct word_fact fact_cache[FACT_CACHE_SLOTS];

/* Fills c->wmask and firsts: for each token, the word lists its
 * normalised form is in (as tok_is() would find it, whatever the token's
 * kind) and what lex_first() says of the form, for lex_scan_firsts().
 * Asks the cache first, the word table and the lexicon on a miss. The
 * token's hash is the tokeniser's. */
static void word_facts(struct ctx *c, const struct lexicon *lx, int32_t *firsts)
{
    pthread_once(&word_once, word_table_build);
    for (size_t i = 0; i < c->tk.n; i++) {
        const struct tok *t = &c->tk.t[i];
        const char *form = tok_norm(&c->tk, i);
        struct word_fact *e = &fact_cache[(t->hash * 0x9E3779B1u) >> (32 - FACT_CACHE_BITS)];
        if (e->len != t->norm_len || e->hash != t->hash || memcmp(e->form, form, e->len) != 0) {
            uint16_t word = word_number(form, t->norm_len, t->hash);
            int32_t first = lex_first(lx, form, t->norm_len, t->hash);
            if (t->norm_len == 0 || t->norm_len > FACT_CACHE_FORM) {
                c->wmask[i] = word_mask[word];
                firsts[i] = first;
                continue;
            }
            e->hash = t->hash;
            e->lex_first = first;
            e->word = word;
            e->len = (uint8_t)t->norm_len;
            memcpy(e->form, form, t->norm_len);
        }
        c->wmask[i] = word_mask[e->word];
        firsts[i] = e->lex_first;
    }
}

/* The buffers of the last document, kept for the next: its tokens, its
 * matches and the block of its per-token arrays are reused rather than
 * allocated and freed for every document. Per thread, as ev_extract()
 * may run in several at once; held until the program ends. */
static _Thread_local struct {
    struct tokens tk;
    struct lex_matches lm;
    uint64_t *per_tok;     /* the block that ctx.wmask heads */
    size_t per_tok_size;   /* its size in bytes */
} kept;

int ev_extract(const struct doc *d, struct event_list *out)
{
    return ev_extract_explain(d, out, NULL);
}

int ev_extract_explain(const struct doc *d, struct event_list *out, struct buf *explain)
{
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.xp = explain;
    c.d = d;
    c.text = d->text;
    c.tk = kept.tk; /* tok_run() and lex_scan() start them afresh */
    c.lm = kept.lm;
    c.lm.n = 0;
    int rc = tok_run(&c.tk, d->text, d->len);
    /* the arrays of one entry per token, in one allocation (the widest
     * first, so that each is aligned), kept for the next document */
    size_t nt = c.tk.n + 1;
    size_t flags_size = nt * (sizeof *c.pname + sizeof *c.date_tok + sizeof *c.used_num);
    size_t per_tok_size =
        nt * (sizeof *c.wmask + sizeof *c.match_at + sizeof(int32_t)) + flags_size;
    if (kept.per_tok_size < per_tok_size) {
        free(kept.per_tok);
        kept.per_tok = xmalloc(per_tok_size);
        kept.per_tok_size = per_tok_size;
    }
    c.wmask = kept.per_tok;
    c.match_at = (int32_t *)(c.wmask + nt);
    int32_t *firsts = c.match_at + nt; /* lex_first() of each token, for lex_scan_firsts() */
    c.pname = (uint8_t *)(firsts + nt);
    c.date_tok = (bool *)(c.pname + nt);
    c.used_num = c.date_tok + nt;
    memset(c.pname, 0, flags_size);
    const struct lexicon *lx = lex_get();
    word_facts(&c, lx, firsts);
    lex_scan_firsts(lx, &c.tk, d->text, firsts, &c.lm);
    if (c.tk.caseless) {
        /* case-sensitive names ("IS", "US") mean nothing without case */
        size_t k = 0;
        for (size_t i = 0; i < c.lm.n; i++)
            if (!c.lm.v[i].phrase->exact)
                c.lm.v[k++] = c.lm.v[i];
        c.lm.n = k;
    }
    c.sent_type = xcalloc(c.tk.ns + 1, sizeof *c.sent_type);
    name_words(&c);
    for (size_t i = 0; i < c.tk.n; i++)
        c.match_at[i] = -1;
    for (size_t k = c.lm.n; k-- > 0;)
        c.match_at[c.lm.v[k].first] = (int32_t)k;
    doc_context(&c);

    size_t doc_first = out->n;
    for (size_t si = 0; si < c.tk.ns; si++)
        if (c.tk.s[si].end > c.skip_until) {
            c.lede_para = c.tk.s[si].para;
            break;
        }
    size_t nsent = other_genre(&c) ? 0 : c.tk.ns; /* a flood or a game: nothing */
    if (nsent == 0 && c.tk.ns)
        xp(&c, "\nno sentence read: the story is about a disaster, crime, sport, a game, "
               "fiction or history, and names no armed group\n");
    {
        char ref[11];
        date_format(&c.ref, ref);
        xp(&c, "reference date %s; dateline place %s; main country %s; main group %s\n",
           ref[0] ? ref : "none", c.dateline_place ? c.dateline_place->name : "none",
           c.doc_country ? c.doc_country : "none", c.doc_group ? c.doc_group->key : "none");
    }
    struct frame prev = {0}, cur;
    /* attacks told without toll, place or date: a story of its own when
     * nothing else in it makes an event (see untold_attack()) */
    struct frame told[LONE_MAX];
    size_t n_told = 0;
    bool have_prev = false;
    size_t prev_event = (size_t)-1; /* the event the previous frame built or joined */
    for (size_t si = 0; si < nsent; si++) {
        if (c.tk.s[si].end <= c.skip_until) {
            xp(&c, "\nsentence %zu: the title or dateline, skipped\n", si + 1);
            continue;
        }
        if (is_headline(&c, si)) {
            xp(&c, "\nsentence %zu: a headline, skipped\n", si + 1);
            continue;
        }
        read_frame(&c, si, &cur);
        c.sent_type[si] = cur.type;
        explain_frame(&c, &cur);
        if (cur.has_date && cur.date.prec == DATE_DAY)
            c.last_date = cur.date;
        if (c.scene.para != c.tk.s[si].para)
            memset(&c.scene, 0, sizeof c.scene), c.scene.para = c.tk.s[si].para;
        bool same_para = have_prev && c.tk.s[prev.sent].para == c.tk.s[si].para;
        if (cur.claim && cur.group && !cur.group_inspired && !cur.unreal &&
            !(is_event(&cur) && !cur.anaphoric && !cur.claim_resp)) {
            bool folded = fold_claim(&c, &cur, out, doc_first);
            if (folded)
                xp(&c, "  => a claim or attribution: its group is the actor of the event before\n");
            if (!folded && cur.claim_resp && cur.type &&
                (strcmp(cur.type, "claim_only") == 0 || !is_event(&cur))) {
                cur.type = "claim_only";
                cur.method = NULL;
                if (out->n - doc_first < EV_MAX_EVENTS) {
                    struct event *e = event_list_push(out);
                    build_event(&c, &cur, out, doc_first, e, meta_at(&c, out->n - 1 - doc_first));
                    set_group(&c, e, cur.group);
                    prev_event = out->n - 1;
                    xp(&c, "  => event %zu: a claim of an incident not otherwise told\n",
                       out->n - doc_first);
                }
                goto next;
            }
            if (!is_event(&cur) || (cur.weak && !has_toll(&cur)))
                goto next;
            if (folded && cur.claim_resp && !(cur.has_date && !cur.date_reported) &&
                !cur.place) {
                /* "ISKP said its men had slipped a bag of explosives into
                 * the prayer hall": the group's own telling of the act */
                xp(&c, "  => the group's own account of that event, not another\n");
                goto next;
            }
        }
        bool pending = have_prev && same_para && prev_event == (size_t)-1 && prev.type &&
                       !has_consequence(&prev) && !prev.aggregate && !prev.anaphoric &&
                       !cur.toll_update;
        if (pending && has_toll(&cur) && !cur.aggregate && !cur.disaster &&
            (!cur.type || cur.weak || cur.anaphoric) && !cur.group) {
            /* the trigger came one sentence earlier: "Suicide bombers
             * stormed the jail. More than 40 people died in the fighting." */
            struct frame m = prev;
            for (int k = 0; k < S__COUNT; k++)
                if (cur.count[k] >= 0)
                    m.count[k] = cur.count[k];
            if (!m.place)
                m.place = cur.place, m.place_m = cur.place_m;
            if (!m.has_date && cur.has_date)
                m.date = cur.date, m.has_date = true;
            if (is_event(&m) && out->n - doc_first < EV_MAX_EVENTS) {
                struct event *e = event_list_push(out);
                build_event(&c, &m, out, doc_first, e, meta_at(&c, out->n - 1 - doc_first));
                prev_event = out->n - 1;
                xp(&c, "  => event %zu: these tolls with the trigger of the sentence before\n",
                   out->n - doc_first);
            } else {
                xp(&c, "  => no event: with the sentence before, %s\n", event_gap(&m));
            }
            goto next;
        }
        if (is_follow_up(&c, &cur, out, doc_first)) {
            /* "Six people were killed, police said": the tolls of the
             * incident just told, or another source's figure for it */
            struct event *pe = followed_event(out, doc_first, &cur);
            /* a larger figure told later is the toll as it rose */
            bool joined = pe && ((cur.toll_update || rises(pe, &cur)) && !cur.claim &&
                                         !hedged(&c, &cur)
                                     ? update_counts(pe, &cur)
                                                                     : merge_counts(pe, &cur));
            if (pe && cur.has_date && !cur.date_reported &&
                !c.meta[pe - out->v - doc_first].date_explicit) {
                /* "The ambush happened two days earlier" */
                date_format(&cur.date, pe->date);
                c.meta[pe - out->v - doc_first].date_explicit = true;
                xp(&c, "  => and dates it %s\n", pe->date);
            }
            xp(&c, "  => %s event %zu (the incident already told)\n",
               joined ? "its tolls join" : "another source's figure for, not kept in",
               pe ? (size_t)(pe - out->v) - doc_first + 1 : 0);
            if (pe)
                prev_event = (size_t)(pe - out->v);
            goto next;
        }
        if (!is_event(&cur)) {
            if (cur.aggregate) {
                xp(&c, "  => no event: %s\n", event_gap(&cur));
                goto next;
            }
            if (!cur.type && has_toll(&cur) && !cur.disaster && prev_event != (size_t)-1 &&
                have_prev &&
                (same_para || prev.sent + 1 == si)) {
                /* tolls without a trigger complete the event just before;
                 * the dead and wounded are not an arrest's */
                size_t to = prev_event;
                bool no_harm = cur.count[S_DETAINED] < 0 && cur.count[S_KIDNAPPED] < 0;
                while (no_harm && to > doc_first &&
                       (type_is(out->v[to].type, "arrest") || type_is(out->v[to].type, "plot") ||
                        type_is(out->v[to].type, "financing")))
                    to--;
                if (type_is(out->v[to].type, "arrest") && no_harm)
                    to = prev_event;
                bool joined = merge_counts(&out->v[to], &cur);
                xp(&c, "  => %s event %zu\n", joined ? "its tolls join" : "conflicting tolls, not kept in",
                   to - doc_first + 1);
            } else if (cur.type && !has_consequence(&cur) && strcmp(cur.type, "claim_only") != 0) {
                /* a trigger without tolls: context for the next sentence */
                xp(&c, "  => no event yet (%s): kept for the next sentence\n", event_gap(&cur));
                struct event *pe = latest_news_event(out, doc_first);
                if (pe && pe->method && strcmp(pe->method, "unknown") == 0 && cur.method &&
                    strcmp(cur.type, "attack") == 0 && !cur.place && !cur.has_date) {
                    /* "The guerrillas opened fire from both sides": how */
                    free(pe->method);
                    pe->method = xstrdup(cur.method);
                    xp(&c, "  => and gives event %zu its method, %s\n",
                       (size_t)(pe - out->v) - doc_first + 1, cur.method);
                }
                if (n_told < LONE_MAX && !cur.unreal && !cur.aggregate &&
                    (strcmp(cur.type, "attack") == 0 || strcmp(cur.type, "kidnapping") == 0))
                    told[n_told++] = cur;
                size_t told_ev = prev_event, prev_sent = prev.sent;
                bool follows = have_prev;
                if (!cur.has_date && have_prev && told_ev == (size_t)-1 && prev.type &&
                    prev.has_date && !prev.date_reported && prev.sent + 1 == si &&
                    !tells_another(&c, &cur)) {
                    /* "... fled during assaults late on Sunday. Attackers
                     * pounded both jails": the same night goes on */
                    cur.date = prev.date;
                    cur.has_date = true;
                }
                prev = cur;
                have_prev = true;
                prev_event = (size_t)-1;
                bool goes_on = pe && told_ev == (size_t)(pe - out->v) &&
                               (same_para || (follows && prev_sent + 1 == si)) &&
                               !cur.has_date && !cur.group && !tells_another(&c, &cur) &&
                               (!cur.place ||
                                cur.place == c.meta[pe - out->v - doc_first].place) &&
                               strcmp(cur.type, pe->type) == 0; /* "He stabbed people" */
                if (pe && (goes_on || retells(&c, out, pe, &cur, doc_first))) {
                    take_retelling(&c, out, pe, &cur, doc_first);
                    prev_event = (size_t)(pe - out->v);
                }
                set_scene(&c, &cur);
                continue;
            } else {
                xp(&c, "  => no event: %s\n", event_gap(&cur));
            }
            goto next;
        }
        if (out->n - doc_first >= EV_MAX_EVENTS) {
            rc = ERR_TOOBIG;
            break;
        }
        {
            struct event *e = event_list_push(out);
            build_event(&c, &cur, out, doc_first, e, meta_at(&c, out->n - 1 - doc_first));
            prev_event = out->n - 1;
            xp(&c, "  => event %zu\n", out->n - doc_first);
            split_event(&c, &cur, out, doc_first);
            if (out->n - 1 != prev_event)
                xp(&c, "  => and event %zu: a second event told by the same sentence\n",
                   out->n - doc_first);
        }
    next:
        prev = cur;
        have_prev = true;
        set_scene(&c, &cur);
    }
    /* undated or one-case text (old wire copy, MUC-4): dated news that
     * gives no toll, place or day tells no incident of its own */
    bool wire_copy = c.ref.prec == DATE_NONE || c.tk.caseless;
    if (wire_copy && out->n == doc_first && n_told >= 1)
        untold_attack(&c, told, n_told, out, doc_first);
    for (size_t i = doc_first; i < out->n; i++)
        roles_of_type(&out->v[i], ROLES_FRAME);
    if (wire_copy && out->n > doc_first) {
        story_roles(&c, &out->v[doc_first], nsent);
        person_roles(&c, &out->v[doc_first], nsent);
        doer_roles(&c, &out->v[doc_first], nsent);
        drop_shorter_mentions(&out->v[doc_first].roles[ROLE_TARGET]);
        drop_shorter_mentions(&out->v[doc_first].roles[ROLE_VICTIM]);
        /* the attackers keep every span: a story names them again with
         * fewer words ("salvadoran urban guerrillas", then "urban
         * guerrillas"), and either may be the one a reader looks for */
    }
    date_plots(&c, out, doc_first);
    xp(&c, "\n");
    mark_background(&c, out, doc_first);
    merge_retold(&c, out, doc_first);
    for (size_t i = doc_first; i < out->n; i++)
        roles_of_type(&out->v[i], ROLES_STORY);
    free(c.meta);
    free(c.sent_type);
    kept.tk = c.tk; /* and c.wmask's block stays in kept.per_tok */
    kept.lm = c.lm;
    return rc;
}
