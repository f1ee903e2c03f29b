/* ev_roles.c - the people and roles of a story told without a date line
 * (old wire copy, MUC-4): names in text without capitals, the people
 * harmed (victims) and blamed or acting (perpetrators), the doers of acts,
 * and one span per thing in each role. ev.c calls these after reading the
 * story's sentences; see story_roles() and person_roles(). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../lexicon/lex.h"
#include "../text/tok.h"
#include "ev_int.h"

/* ---- people named ------------------------------------------------------ */

/* Takes the given names and titles out of the matches into c->pname: they
 * only serve to find people's names (name_at()), and no other rule sees
 * them. A title marks its last token. */
void name_words(struct ctx *c)
{
    size_t k = 0;
    for (size_t i = 0; i < c->lm.n; i++) {
        const struct lex_match *m = &c->lm.v[i];
        int cls = m->phrase->kind == LEX_TRIGGER ? lex_triggers[m->phrase->index].cls : -1;
        if (cls == TRIG_GIVEN)
            c->pname[m->first] |= PN_GIVEN;
        else if (cls == TRIG_TITLE)
            c->pname[m->last - 1] |= PN_TITLE;
        else
            c->lm.v[k++] = *m;
    }
    c->lm.n = k;
}

/* Could token i be a word of a person's name? */
static bool name_word(const struct ctx *c, size_t i)
{
    const struct tok *t = &c->tk.t[i];
    size_t n = t->end - t->start;
    if (t->kind != TOK_WORD || n < 2 || word_in(c, i, W_NOT_NAME) || (c->pname[i] & PN_TITLE))
        return false;
    /* "x reportedly", "x killed"; but a name may end in -ly before a
     * punctuation mark ("james arthur donnelly.") */
    if (verb_or_adverb(c, i) &&
        !(memcmp(c->text + t->end - 2, "ly", 2) == 0 && i + 1 < c->tk.n &&
          c->tk.t[i + 1].kind == TOK_PUNCT))
        return false;
    /* a place may be a surname ("flores", "guerrero"); a group, a country
     * or an event word may not */
    return !covered_by_other(c, i, LEX_PLACE, 0);
}

/* Is token i followed by a possessive "'s" (which the tokeniser drops)? */
static bool possessive(const struct ctx *c, size_t i)
{
    const char *e = c->text + c->tk.t[i].end;
    size_t left = c->d->len - c->tk.t[i].end;
    return (left >= 2 && e[0] == '\'' && (e[1] == 's' || e[1] == 'S')) ||
           (left >= 4 && memcmp(e, "\xe2\x80\x99", 3) == 0 && (e[3] == 's' || e[3] == 'S'));
}

/* The person's name starting at token i, in text with or without
 * capitals: returns the number of its tokens, 0 when none. Without
 * capitals a name starts with a given name and has two words or more
 * ("bernardo jaramillo ossa"), or follows a title ("president cerezo",
 * then one word is enough when punctuation or a verb ends it); particles
 * join ("stela torrado de otalora", "arturo rivera y damas"). */
static size_t name_at(const struct ctx *c, size_t i, size_t last)
{
    if (!c->tk.caseless)
        return person_name(c, i, last);
    bool titled = i > 0 && (c->pname[i - 1] & PN_TITLE);
    if (!(c->pname[i] & PN_GIVEN) && !titled)
        return 0;
    /* "jesuit priests ignacio ellacuria": the name starts at the given name */
    if (!(c->pname[i] & PN_GIVEN) && i + 1 < c->tk.n && (c->pname[i + 1] & PN_GIVEN) &&
        name_word(c, i + 1))
        return 0;
    size_t j = i;
    while (j < last && j - i < 5) {
        const struct tok *t = &c->tk.t[j];
        if (j >= i + 2 && c->text[t->end - 1] == 's' && j + 1 < last &&
            word_in(c, j + 1, W_OBJECT_WORDS))
            break; /* a verb: "alfredo cristiani holds the fmln responsible" */
        if (name_word(c, j) || ((c->pname[j] & PN_GIVEN) && !(c->pname[j] & PN_TITLE) &&
                                !word_in(c, j, W_NOT_NAME))) {
            if (possessive(c, j++))
                break; /* "bernardo jaramillo ossa's murder" */
        } else if (j > i && j + 1 < last && word_in(c, j, W_PARTICLES) && name_word(c, j + 1)) {
            j += 2;
        } else {
            break;
        }
    }
    size_t n = j - i;
    /* a name without a given name must end where a name ends: "president
     * cerezo was", not "general command wants" */
    bool ends = j == last || c->tk.t[j].kind == TOK_PUNCT || tok_is(&c->tk, j, "was") ||
                tok_is(&c->tk, j, "were") || tok_is(&c->tk, j, "and") ||
                tok_is(&c->tk, j, "has") || tok_is(&c->tk, j, "had") ||
                tok_is(&c->tk, j, "is") || tok_is(&c->tk, j, "who");
    /* "juan pablo ii boulevard", "modesto ramirez urban commandos": a place
     * or a band named after a person */
    for (size_t k = i + 1; k <= j && k < last && k < j + 2; k++)
        if (word_in(c, k, W_NAMED_AFTER))
            return 0;
    if (n >= 2 && (c->pname[i] & PN_GIVEN))
        return n;
    return n >= 1 && titled && ends ? n : 0;
}

/* Is token i part of an age or of letters with dots next to a name
 * ("42-year-old", "55", "u.s. citizen"), which lists and look-backs pass? */
static bool age_or_initials(const struct ctx *c, size_t i)
{
    const struct tok *t = &c->tk.t[i];
    if (t->kind == TOK_NUM || tok_is(&c->tk, i, "year") || tok_is(&c->tk, i, "years") ||
        tok_is(&c->tk, i, "old") || tok_is(&c->tk, i, "aged"))
        return true;
    if (tok_is(&c->tk, i, "-"))
        return true;
    /* the dot of "u.s.": glued to the word before it */
    return tok_is(&c->tk, i, ".") && i > 0 && c->tk.t[i - 1].end == t->start &&
           c->tk.t[i - 1].kind == TOK_WORD && c->tk.t[i - 1].norm_len == 1;
}

/* Is token k a word of harm done to people ("killed", "the murder",
 * "held hostage")? "held" only as harm: "was held", "held hostage", not
 * "the president held a meeting"; "lives" only as lives lost. */
static bool harm_at(const struct ctx *c, size_t k)
{
    if (!word_in(c, k, W_HARM))
        return false;
    if (tok_is(&c->tk, k, "lives")) /* "lost their lives", not "febe elizabeth lives!" */
        return k > 0 && (tok_is(&c->tk, k - 1, "their") || tok_is(&c->tk, k - 1, "his") ||
                         tok_is(&c->tk, k - 1, "her") || tok_is(&c->tk, k - 1, "the"));
    if (tok_is(&c->tk, k, "released") || tok_is(&c->tk, k, "freed") ||
        tok_is(&c->tk, k, "release")) /* "was released", "the release of", not "x
                                        * released a communique" */
        return (k > 0 && word_in(c, k - 1, W_AUX)) ||
               (k + 1 < c->tk.n && tok_is(&c->tk, k + 1, "of"));
    if (!tok_is(&c->tk, k, "held"))
        return true;
    return (k > 0 && word_in(c, k - 1, W_AUX)) ||
           (k + 1 < c->tk.n && (word_in(c, k + 1, W_HOSTAGE) || tok_is(&c->tk, k + 1, "by") ||
                                tok_is(&c->tk, k + 1, "captive")));
}

/* A name is a victim when harm is done to it in the words next to it:
 * "the murder of jecar neghme", "killed president x", "x was kidnapped",
 * "x's murder", "x, who was killed". */
static bool harmed(const struct ctx *c, size_t first, size_t end, size_t lo, size_t last)
{
    /* before: "the murder of antioquia department governor x", "killed
     * x", "the attack against x"; not "killed by x" */
    size_t reach = 8;
    bool listing = false; /* back over a list: "six jesuits and two women, including x" */
    for (size_t p = first; p-- > lo && first - p <= reach;) {
        if (harm_at(c, p) || ((tok_is(&c->tk, p, "released") || tok_is(&c->tk, p, "freed") ||
                               tok_is(&c->tk, p, "release")) &&
                              first - p <= 3))
            return true; /* "freed x", "release mrs x" */
        if (tok_is(&c->tk, p, "including")) {
            reach = first - p + 10;
            listing = true;
            continue;
        }
        if (listing && (tok_is(&c->tk, p, ",") || tok_is(&c->tk, p, "and")))
            continue;
        if (tok_is(&c->tk, p, "(") || tok_is(&c->tk, p, ")") || age_or_initials(c, p))
            continue; /* "the attack against (presidency minister) x", "the killing of
                       * 42-year-old x", "u.s. citizen x" */
        if ((tok_is(&c->tk, p, ",") || tok_is(&c->tk, p, "and")) && p > lo &&
            (c->pname[p - 1] & PN_TITLE))
            continue; /* "the death of the presidential candidate, x", "senator and
                       * presidential candidate x" */
        if (c->tk.t[p].kind == TOK_PUNCT || tok_is(&c->tk, p, "by") ||
            tok_is(&c->tk, p, "and") || name_at(c, p, first))
            break;
    }
    /* after: "was killed", "were kidnapped", "has been released", "'s murder" */
    size_t a = end;
    if (a < last && possessive(c, end - 1))
        return harm_at(c, a);
    if (a < last && tok_is(&c->tk, a, "(")) { /* "x (name as received), kidnapped by" */
        while (a < last && a < end + 8 && !tok_is(&c->tk, a, ")"))
            a++;
        if (a < last && tok_is(&c->tk, a, ")"))
            a++;
        else
            a = end;
    }
    if (a < last && tok_is(&c->tk, a, ",")) { /* "x, one of the six jesuits murdered" */
        size_t k = a + 1;
        for (; k < last && k < a + 14; k++) {
            if ((c->tk.t[k].kind == TOK_PUNCT && !age_or_initials(c, k)) ||
                tok_is(&c->tk, k, "by") || word_in(c, k, W_BLAME_BEFORE) ||
                word_in(c, k, W_BLAME_AFTER))
                break; /* "x, whom the president accused of the assassination" */
            if (harm_at(c, k))
                return true;
        }
        /* past an apposition: "x and y, who were inside the car, were killed" */
        if (k < last && tok_is(&c->tk, k, ",") && k + 2 < last &&
            (tok_is(&c->tk, k + 1, "was") || tok_is(&c->tk, k + 1, "were")) &&
            harm_at(c, k + 2))
            return true;
    }
    for (size_t k = 0; k < 4 && a < last; k++, a++) {
        if (harm_at(c, a))
            return true;
        if (!(tok_is(&c->tk, a, "was") || tok_is(&c->tk, a, "were") ||
              tok_is(&c->tk, a, "has") || tok_is(&c->tk, a, "had") || tok_is(&c->tk, a, "have") ||
              tok_is(&c->tk, a, "been") || tok_is(&c->tk, a, "s") ||
              tok_is(&c->tk, a, ",") || tok_is(&c->tk, a, "who") ||
              tok_is(&c->tk, a, "reportedly") || tok_is(&c->tk, a, "allegedly")))
            break;
    }
    /* the subject of a sentence telling harm done to it: "maria elena diaz
     * perez, third judge of public order, and two of her bodyguards ...
     * were assassinated in medellin"; not the subject of a verb of its
     * own ("x blamed the gangs for the attack, in which ... were killed") */
    if (first <= lo + 2 && end < last &&
        (tok_is(&c->tk, end, ",") || tok_is(&c->tk, end, "and") || tok_is(&c->tk, end, "("))) {
        for (size_t k = end; k + 1 < last && k < end + 30; k++) {
            if (tok_is(&c->tk, k, "by") || tok_is(&c->tk, k, ";"))
                break;
            if ((tok_is(&c->tk, k, "was") || tok_is(&c->tk, k, "were")) &&
                harm_at(c, k + 1))
                return true;
        }
    }
    return false;
}

/* Do the tokens [from, to) only list one name after another: commas,
 * "and", places ("of milan"), nationalities, "together with"? */
static bool listed_with(const struct ctx *c, size_t from, size_t to)
{
    if (to - from > 16)
        return false;
    for (size_t i = from; i < to; i++) { /* "x, 55, from spain; y, 52, from france" */
        if (tok_is(&c->tk, i, ",") && i + 1 < to && (c->pname[i + 1] & PN_TITLE)) {
            /* "x, director of the columbus school, and y" */
            size_t close = i + 1;
            while (close < to && close < i + 9 && !tok_is(&c->tk, close, ","))
                close++;
            if (close < to && tok_is(&c->tk, close, ",")) {
                i = close;
                continue;
            }
        }
        if (!(tok_is(&c->tk, i, ",") || tok_is(&c->tk, i, "and") || tok_is(&c->tk, i, "of") ||
              tok_is(&c->tk, i, "together") || tok_is(&c->tk, i, "with") ||
              tok_is(&c->tk, i, "from") || tok_is(&c->tk, i, ";") || age_or_initials(c, i) ||
              match_covering(c, i, LEX_PLACE, 0) || match_covering(c, i, LEX_COUNTRY, 0) ||
              match_covering(c, i, LEX_DEMONYM, 0) || (c->pname[i] & PN_TITLE)))
            return false;
    }
    return true;
}

/* The names of the tokens [first, last) (at most 16: their first tokens
 * and lengths) and whether each is harmed. A name listed before a
 * victim's is one too ("roberto roascio of milan and mario accurso of
 * rome, together with francisco puja, were taken hostage"). */
static size_t sentence_names(const struct ctx *c, size_t first, size_t last, size_t *at,
                             size_t *len, bool *victim)
{
    size_t nn = 0;
    for (size_t i = first; i < last && nn < 16; i++) {
        size_t n = name_at(c, i, last);
        if (!n)
            continue;
        at[nn] = i;
        len[nn++] = n;
        i += n - 1;
    }
    for (size_t k = nn; k-- > 0;) {
        victim[k] = harmed(c, at[k], at[k] + len[k], first, last);
        if (!victim[k] && k + 1 < nn && victim[k + 1])
            victim[k] = listed_with(c, at[k] + len[k], at[k + 1]);
    }
    for (size_t k = 1; k < nn; k++) /* "seized hugo martinez and raul ramirez" */
        if (!victim[k] && victim[k - 1])
            victim[k] = listed_with(c, at[k - 1] + len[k - 1], at[k]);
    return nn;
}

/* Does the sentence of frame f name a person harmed? */
bool names_victim(const struct ctx *c, const struct frame *f)
{
    size_t at[16], len[16];
    bool victim[16];
    size_t nn = sentence_names(c, f->first, f->last, at, len, victim);
    for (size_t k = 0; k < nn; k++)
        if (victim[k])
            return true;
    return false;
}

/* Is the person named at [first, end) blamed for the attack: "x is
 * responsible for", "x and y ... are behind this attack", "accused x",
 * "links x to the assassination"? Looks after the name up to the next
 * name (to). */
static bool blamed(const struct ctx *c, size_t first, size_t end, size_t lo, size_t to)
{
    size_t k = end;
    if (k + 1 < to && tok_is(&c->tk, k, ",") && word_in(c, k + 1, W_BLAME_AFTER))
        return true; /* "the chief of the gang, x, ordered the assassination" */
    if (k < to && tok_is(&c->tk, k, ",")) { /* skip an apposition: "x, chief of y," */
        size_t close = k + 1;
        while (close < to && close < k + 14 && !tok_is(&c->tk, close, ","))
            close++;
        if (close < to && tok_is(&c->tk, close, ","))
            k = close + 1;
    }
    for (size_t n = 0; k < to && n < 4; k++, n++) {
        if (word_in(c, k, W_BLAME_AFTER))
            return true;
        if (!word_in(c, k, W_BLAME_LINKING))
            break;
    }
    for (size_t p = first; p-- > lo && first - p <= 3;)
        if (word_in(c, p, W_BLAME_BEFORE))
            return true;
    return false;
}

/* Does the sentence s hold an event word (or, with counts, a count word
 * such as "was killed")? */
static bool tells_event(const struct ctx *c, const struct sent *s, bool counts)
{
    FOR_MATCHES(c, m, s->first, s->last)
        if (m->phrase->kind == LEX_TRIGGER &&
            (lex_triggers[m->phrase->index].cls == TRIG_EVENT ||
             (counts && lex_triggers[m->phrase->index].cls == TRIG_COUNT)))
            return true;
    return false;
}

/* In a story without a date line the people harmed are its victims: every
 * sentence that tells an attack or a kidnapping adds the names harmed in
 * it to the first event. */
void person_roles(struct ctx *c, struct event *e, size_t nsent)
{
    for (size_t si = 0; si < nsent; si++) {
        const struct sent *s = &c->tk.s[si];
        bool trigger = tells_event(c, s, true); /* or harm counted ("was killed") */
        for (size_t i = s->first; i < s->last && !trigger; i++)
            trigger = harm_at(c, i); /* "the victims were identified as" */
        if (!trigger)
            continue;
        size_t at[16], len[16];
        bool victim[16];
        size_t nn = sentence_names(c, s->first, s->last, at, len, victim);
        bool doer[16];
        for (size_t k = nn; k-- > 0;) { /* "x and y ... are behind the attack" */
            size_t next = k + 1 < nn ? at[k + 1] : s->last;
            doer[k] = !victim[k] && (blamed(c, at[k], at[k] + len[k], s->first, next) ||
                                     (k + 1 < nn && doer[k + 1] &&
                                      listed_with(c, at[k] + len[k], at[k + 1])));
        }
        for (size_t k = 0; k < nn; k++) {
            const char *name = c->text + c->tk.t[at[k]].start;
            int n = (int)(c->tk.t[at[k] + len[k] - 1].end - c->tk.t[at[k]].start);
            xp(c, "  person \"%.*s\" (sentence %zu): %s\n", n, name, si + 1,
               victim[k] ? "a victim" : doer[k] ? "blamed" : "not harmed");
            if (victim[k])
                strvec_push(&e->roles[ROLE_VICTIM], name, (size_t)n);
            else if (doer[k])
                strvec_push(&e->roles[ROLE_PERPETRATOR], name, (size_t)n);
        }
    }
}

static bool doer_modifier(const struct ctx *c, size_t i)
{
    /* a count, not a time of day ("at 0300 fmln units") */
    bool count = c->tk.t[i].kind == TOK_NUM && c->text[c->tk.t[i].start] != '0';
    return count || word_in(c, i, W_DOER_MODIFIERS) ||
           match_covering(c, i, LEX_ACTOR, 0) || match_covering(c, i, LEX_DEMONYM, 0);
}

/* The doer's phrase that ends with the noun at token h: its modifiers
 * before, and "of" with what follows when the noun is a group's ("a group
 * of terrorists", "members of the 8th front"). Returns its first token
 * and sets *end. */
static size_t doer_phrase(const struct ctx *c, size_t h, size_t lo, size_t last, size_t *end)
{
    size_t first = h;
    while (first > lo && h - first < 5 && doer_modifier(c, first - 1))
        first--;
    *end = h + 1;
    if ((tok_is(&c->tk, h, "members") || tok_is(&c->tk, h, "group") ||
         tok_is(&c->tk, h, "band") || tok_is(&c->tk, h, "cell")) &&
        h + 2 < last && tok_is(&c->tk, h + 1, "of")) {
        for (size_t j = h + 2; j < last && j < h + 9; j++) {
            const struct lex_match *g = match_covering(c, j, LEX_ACTOR, 0);
            if (g) {
                *end = g->last;
                break;
            }
            if (word_in(c, j, W_DOER_NOUNS) && !tok_is(&c->tk, j, "group")) {
                *end = j + 1;
                break;
            }
            if (c->tk.t[j].kind == TOK_PUNCT || !(doer_modifier(c, j) ||
                tok_is(&c->tk, j, "the") || tok_is(&c->tk, j, "a") || name_word(c, j)))
                break;
        }
        if (*end == h + 1 && tok_is(&c->tk, h, "members"))
            return SIZE_MAX; /* "members of" what? */
    }
    return first;
}

/* In a story without a date line, the doers the sentences of attacks name:
 * the subject of an act or its agent after "by", a phrase headed by a
 * doer's noun or a person's name. */
void doer_roles(struct ctx *c, struct event *e, size_t nsent)
{
    for (size_t si = 0; si < nsent; si++) {
        const struct sent *s = &c->tk.s[si];
        if (c->sent_type[si] && is_state_action(c->sent_type[si]))
            continue;
        bool told = tells_event(c, s, true);
        for (size_t v = s->first; v < s->last; v++) {
            if (!word_in(c, v, W_ACTS))
                continue;
            /* a verb that tells no attack on its own needs an event word
             * in its sentence: not "160 persons tried to enter" */
            if (!told && (tok_is(&c->tk, v, "tried") || tok_is(&c->tk, v, "entered")))
                continue;
            size_t h = SIZE_MAX, first = 0, end = 0;
            /* "murdered by [a] two paid assassins" */
            size_t b = v + 1;
            if (b < s->last && (tok_is(&c->tk, b, "out") || tok_is(&c->tk, b, "up") ||
                                tok_is(&c->tk, b, "off")))
                b++;
            else if (b + 1 < s->last && tok_is(&c->tk, b, "to") && tok_is(&c->tk, b + 1, "death"))
                b += 2; /* "shot to death by" */
            else /* "burned today by", "murdered at dawn today by", "machinegunned on
                  * 15 november by" */
                for (size_t q = b; q < s->last && q < b + 5; q++) {
                    if (tok_is(&c->tk, q, "by")) {
                        b = q;
                        break;
                    }
                    if (c->tk.t[q].kind == TOK_PUNCT || word_in(c, q, W_ACTS) ||
                        tok_is(&c->tk, q, "and") || match_covering(c, q, LEX_TRIGGER, TRIG_VICTIM))
                        break; /* "killed nine peasants by mistake" */
                }
            if (b + 1 < s->last && tok_is(&c->tk, b, "by")) {
                size_t a = b + 1;
                if (tok_is(&c->tk, a, "a") || tok_is(&c->tk, a, "an") || tok_is(&c->tk, a, "the"))
                    a++;
                size_t n = name_at(c, a, s->last);
                if (n) {
                    first = a, end = a + n;
                } else {
                    for (size_t j = a; j < s->last && j < a + 6; j++) {
                        if (word_in(c, j, W_DOER_NOUNS)) {
                            h = j;
                            break;
                        }
                        if (!doer_modifier(c, j))
                            break;
                    }
                }
            } else if (v > s->first && !word_in(c, v - 1, W_AUX)) {
                /* "three heavily armed men forced him", "guerrillas also burned" */
                size_t j = v - 1;
                if (j > s->first && (tok_is(&c->tk, j, "also") || tok_is(&c->tk, j, "allegedly") ||
                                     tok_is(&c->tk, j, "reportedly")))
                    j--;
                /* not "the other 15 people killed?": an active verb has an
                 * object after it */
                bool object = v + 1 < s->last && c->tk.t[v + 1].kind == TOK_WORD &&
                              !word_in(c, v + 1, W_SCENE) && !tok_is(&c->tk, v + 1, "by") &&
                              !tok_is(&c->tk, v + 1, "on") && !tok_is(&c->tk, v + 1, "during");
                if (word_in(c, j, W_DOER_NOUNS) && !tok_is(&c->tk, j, "group") && object)
                    h = j;
            }
            if (h != SIZE_MAX) {
                first = doer_phrase(c, h, s->first, s->last, &end);
                if (first == SIZE_MAX)
                    continue;
            }
            const struct lex_match *g = match_covering(c, first, LEX_ACTOR, 0);
            if (end > first && !(g && g->last >= end)) { /* the group is an organisation */
                size_t n = c->tk.t[end - 1].end - c->tk.t[first].start;
                xp(c, "  doer \"%.*s\" (sentence %zu)\n", (int)n, c->text + c->tk.t[first].start,
                   si + 1);
                strvec_push(&e->roles[ROLE_PERPETRATOR], c->text + c->tk.t[first].start, n);
            }
        }
        /* "accused the armed forces of the massacre": the state's forces
         * blamed for the harm */
        for (size_t k = s->first; k + 2 < s->last; k++) {
            if (!word_in(c, k, W_BLAME_BEFORE))
                continue;
            size_t j = k + 1;
            if (tok_is(&c->tk, j, "the"))
                j++;
            const struct lex_match *sec = match_covering(c, j, LEX_TRIGGER, TRIG_SECURITY);
            if (!sec || sec->first != j)
                continue;
            bool harm = false;
            for (size_t q = sec->last; q < s->last && q < sec->last + 6 && !harm; q++)
                harm = harm_at(c, q);
            if (harm)
                strvec_push(&e->roles[ROLE_ORGANIZATION], c->text + c->tk.t[sec->first].start,
                            c->tk.t[sec->last - 1].end - c->tk.t[sec->first].start);
        }
        /* "armed forces elements are responsible for the killing of six
         * priests": the state's forces blamed after their name */
        for (size_t k = s->first; k < s->last; k++) {
            const struct lex_match *sec = match_covering(c, k, LEX_TRIGGER, TRIG_SECURITY);
            if (!sec || sec->first != k)
                continue;
            size_t j = sec->last;
            if (j < s->last && (tok_is(&c->tk, j, "elements") || tok_is(&c->tk, j, "members")))
                j++;
            size_t q = j;
            while (q < s->last && q < j + 3 && word_in(c, q, W_BLAME_LINKING))
                q++;
            if (q == j || q + 2 >= s->last || !word_in(c, q, W_BLAME_AFTER))
                continue;
            bool harm = false;
            for (size_t h = q + 1; h < s->last && h < q + 5 && !harm; h++)
                harm = harm_at(c, h);
            if (!harm)
                continue;
            strvec_push(&e->roles[ROLE_ORGANIZATION], c->text + c->tk.t[sec->first].start,
                        c->tk.t[sec->last - 1].end - c->tk.t[sec->first].start);
            if (j > sec->last) /* "armed forces elements": people */
                strvec_push(&e->roles[ROLE_PERPETRATOR], c->text + c->tk.t[sec->first].start,
                            c->tk.t[j - 1].end - c->tk.t[sec->first].start);
            k = q;
        }
        /* "the arrest of 45 soldiers and 2 officers for killing 6
         * clergymen": the people held for the harm did it */
        for (size_t h = s->first; h + 2 < s->last; h++) {
            if (!word_in(c, h, W_DOER_NOUNS) || tok_is(&c->tk, h, "group"))
                continue;
            size_t k = h + 1;
            while (k < s->last && k < h + 5 &&
                   (tok_is(&c->tk, k, "and") || c->tk.t[k].kind == TOK_NUM ||
                    word_in(c, k, W_DOER_NOUNS)))
                k++;
            if (!(k + 1 < s->last && tok_is(&c->tk, k, "for") && harm_at(c, k + 1)))
                continue;
            size_t end, first = doer_phrase(c, h, s->first, s->last, &end);
            if (first == SIZE_MAX)
                continue;
            size_t n = c->tk.t[end - 1].end - c->tk.t[first].start;
            xp(c, "  doer \"%.*s\" (sentence %zu), held for the harm\n", (int)n,
               c->text + c->tk.t[first].start, si + 1);
            strvec_push(&e->roles[ROLE_PERPETRATOR], c->text + c->tk.t[first].start, n);
        }
    }
}

/* Is a within b, on word boundaries ("garcia alvarado" in "roberto garcia
 * alvarado", "university" in "national university")? */
static bool words_within(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n >= m)
        return false;
    for (const char *p = strstr(b, a); p; p = strstr(p + 1, a))
        if ((p == b || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
            return true;
    return false;
}

/* One thing, one span: a shorter span of the same role within a longer
 * one gives way to it ("university" to "national university", the victim
 * "garcia alvarado" told again to "roberto garcia alvarado"). */
void drop_shorter_mentions(struct strvec *sv)
{
    bool *drop = xcalloc(sv->n + 1, sizeof *drop);
    for (size_t i = 0; i < sv->n; i++)
        for (size_t j = 0; j < sv->n && !drop[i]; j++)
            drop[i] = words_within(sv->v[i], sv->v[j]);
    size_t k = 0;
    for (size_t i = 0; i < sv->n; i++) {
        if (drop[i])
            free(sv->v[i]);
        else
            sv->v[k++] = sv->v[i];
    }
    sv->n = k;
    free(drop);
}

/* In a story without a date line (old wire copy, MUC-4) the roles are the
 * story's: every sentence with an event word adds its groups, attackers,
 * weapons and targets to the first event. */
void story_roles(struct ctx *c, struct event *e, size_t nsent)
{
    for (size_t si = 0; si < nsent; si++) {
        const struct sent *s = &c->tk.s[si];
        if (!tells_event(c, s, false) || (c->sent_type[si] && is_state_action(c->sent_type[si])))
            continue; /* the army's operations have no perpetrator */
        struct frame f = {0};
        f.first = s->first;
        f.last = s->last;
        c->story = true;
        add_roles(c, &f, e);
        c->story = false;
    }
}

