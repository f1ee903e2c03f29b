/* test_extract.c - numbers, dates and the event rules on small texts.
 * Uses the dictionaries compiled from data/. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "extract/date.h"
#include "extract/ev.h"
#include "extract/num.h"
#include "text/tok.h"

/* ---- numbers ---- */

static double number_of(const char *text, int *vague)
{
    struct tokens tk = {0};
    struct num n;
    tok_run(&tk, text, strlen(text));
    double v = -1;
    *vague = 0;
    if (num_parse(&tk, text, 0, tk.n, &n)) {
        v = n.value;
        *vague = n.vague;
    }
    tok_free(&tk);
    return v;
}

static void numbers_in_digits_and_words(void **state)
{
    (void)state;
    int vague;
    assert_true(number_of("15 people", &vague) == 15);
    assert_true(number_of("1,200 people", &vague) == 1200);
    assert_true(number_of("twenty-three others", &vague) == 23);
    assert_true(number_of("a dozen soldiers", &vague) == 12);
    assert_true(number_of("two hundred and fifty", &vague) == 250);
    assert_true(number_of("three thousand", &vague) == 3000);
    assert_true(number_of("1.5 million", &vague) == 1500000);
    assert_true(number_of("eleven", &vague) == 11);
    assert_true(number_of("both attackers", &vague) == 2);
    assert_true(number_of("a hundred and ten", &vague) == 110);
    assert_true(number_of("a hundred and 10", &vague) == 100);
    assert_true(number_of("both of them", &vague) == -1);
    assert_true(number_of("dozens of people", &vague) == 0);
    assert_true(vague);
    assert_true(number_of("hundreds", &vague) == 0 && vague);
    assert_true(number_of("people", &vague) == -1);
    /* 30 digits is not a count */
    assert_true(number_of("123456789012345678901234567890 dead", &vague) == -1);
}

static void qualifiers_span_their_words(void **state)
{
    (void)state;
    const char *text = "at least more than nearly some up to";
    struct tokens tk = {0};
    tok_run(&tk, text, strlen(text));
    assert_int_equal(num_qualifier(&tk, 0, tk.n), 2);
    assert_int_equal(num_qualifier(&tk, 2, tk.n), 2);
    assert_int_equal(num_qualifier(&tk, 4, tk.n), 1);
    assert_int_equal(num_qualifier(&tk, 5, tk.n), 1);
    assert_int_equal(num_qualifier(&tk, 6, tk.n), 2);
    tok_free(&tk);
}

/* ---- dates ---- */

static void date_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(date_days(1970, 1, 1), 0);
    assert_int_equal(date_days(2000, 3, 1), 11017);
    struct date d;
    date_from_days(date_days(2016, 2, 29), &d);
    assert_int_equal(d.y, 2016);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);
    assert_true(date_valid(2016, 2, 29));
    assert_false(date_valid(2015, 2, 29));
    assert_false(date_valid(2016, 2, 30));
    assert_false(date_valid(2016, 13, 1));
    assert_true(date_parse_iso("2016-07-03", &d) && d.prec == DATE_DAY);
    assert_true(date_parse_iso("2016-07", &d) && d.prec == DATE_MONTH);
    assert_true(date_parse_iso("2016", &d) && d.prec == DATE_YEAR);
    assert_false(date_parse_iso("2016-02-30", &d));
    assert_false(date_parse_iso("July", &d));
}

static char *find_date(const char *text, const char *ref)
{
    struct tokens tk = {0};
    struct date r = {0}, out;
    size_t at, end;
    char s[11] = "";
    if (ref)
        date_parse_iso(ref, &r);
    tok_run(&tk, text, strlen(text));
    if (date_find(&tk, text, 0, tk.n, &r, &out, &at, &end))
        date_format(&out, s);
    tok_free(&tk);
    return xstrdup(s);
}

#define ASSERT_DATE(text, ref, want)              \
    do {                                          \
        char *got_ = find_date(text, ref);        \
        assert_string_equal(got_, want);          \
        free(got_);                               \
    } while (0)

static void dates_in_text(void **state)
{
    (void)state;
    ASSERT_DATE("on July 3, 2016 a bomb", NULL, "2016-07-03");
    ASSERT_DATE("on 3 July 2016 a bomb", NULL, "2016-07-03");
    ASSERT_DATE("the 21st of April 2019", NULL, "2019-04-21");
    ASSERT_DATE("in March 2019 gunmen", NULL, "2019-03");
    ASSERT_DATE("in 2014 the group", NULL, "2014");
    ASSERT_DATE("2013-07-22 report", NULL, "2013-07-22");
    /* relative to a reference: 2016-07-04 was a Monday */
    ASSERT_DATE("late on Sunday", "2016-07-04", "2016-07-03");
    ASSERT_DATE("on Monday", "2016-07-04", "2016-07-04");
    ASSERT_DATE("on Tuesday", "2016-07-04", "2016-06-28");
    ASSERT_DATE("yesterday", "2016-07-04", "2016-07-03");
    ASSERT_DATE("last month", "2016-01-10", "2015-12");
    ASSERT_DATE("on July 3", "2016-07-04", "2016-07-03");
    ASSERT_DATE("on December 30", "2016-01-02", "2015-12-30");
    /* leap years and year boundaries */
    ASSERT_DATE("on February 29, 2024", NULL, "2024-02-29");
    ASSERT_DATE("on February 29, 2023", NULL, "");
    ASSERT_DATE("on Feb. 29", "2024-03-02", "2024-02-29");
    ASSERT_DATE("last December", "2022-01-05", "2021-12");
    ASSERT_DATE("in July", "2024-02-10", "2023-07");
    ASSERT_DATE("in January", "2024-02-10", "2024-01");
    ASSERT_DATE("on Saturday", "2021-01-01", "2020-12-26");   /* 2021-01-01 was a Friday */
    ASSERT_DATE("last Friday", "2021-01-01", "2020-12-25");
    ASSERT_DATE("on Friday", "2021-01-01", "2021-01-01");
    ASSERT_DATE("yesterday", "2024-03-01", "2024-02-29");
    ASSERT_DATE("in the year 2023", NULL, "2023");
    ASSERT_DATE("the 2002 Bali bombings", NULL, "2002");
    /* not dates: impossible days, verbs, weekdays without a reference */
    ASSERT_DATE("on February 30, 2016", NULL, "");
    ASSERT_DATE("they may attack", NULL, "");
    ASSERT_DATE("on Sunday", NULL, "");
}

/* ---- events ---- */

static struct doc *make_doc(const char *id, const char *published, const char *text)
{
    struct doc *d = xcalloc(1, sizeof *d);
    d->id = xstrdup(id);
    d->source = xstrdup(id);
    d->published = published ? xstrdup(published) : NULL;
    d->text = xstrdup(text);
    d->len = strlen(text);
    return d;
}

static void extract(const char *published, const char *text, struct event_list *out)
{
    struct doc *d = make_doc("t", published, text);
    assert_int_equal(ev_extract(d, out), 0);
    doc_free(d);
}

static void suicide_bombing_with_toll_place_and_date(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2016-07-04",
            "A suicide bomber killed at least 15 people at a wedding in Kerbala on "
            "Sunday, police said. Twenty-three others were wounded.", &l);
    assert_int_equal(l.n, 1);
    struct event *e = &l.v[0];
    assert_string_equal(e->type, "attack");
    assert_string_equal(e->method, "suicide_bombing");
    assert_int_equal(e->killed, 15);
    assert_int_equal(e->injured, 23);
    assert_string_equal(e->country, "IQ");
    assert_string_equal(e->place, "Kerbala");
    assert_true(e->has_coords);
    assert_string_equal(e->date, "2016-07-03");
    assert_false(e->background);
    assert_string_equal(e->doc, "t");
    /* evidence: the sentence and its offsets */
    assert_int_equal(e->ev_start, 0);
    assert_string_equal(e->evidence,
                        "A suicide bomber killed at least 15 people at a wedding in "
                        "Kerbala on Sunday, police said.");
    assert_int_equal(e->ev_end, strlen(e->evidence));
    assert_true(e->confidence > 0 && e->confidence <= 1);
    event_list_free(&l);
}

static void kidnapping_counts_the_abducted(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2014-04-16", "Gunmen abducted 276 schoolgirls from a school in Chibok, "
                          "Nigeria, late on Monday.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "kidnapping");
    assert_null(l.v[0].method);
    assert_int_equal(l.v[0].kidnapped, 276);
    assert_int_equal(l.v[0].killed, EV_UNKNOWN);
    assert_string_equal(l.v[0].country, "NG");
    assert_string_equal(l.v[0].date, "2014-04-14");
    event_list_free(&l);
}

static void claim_names_the_group(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2016-07-04",
            "A car bomb killed 12 people in Baghdad on Sunday.\n\n"
            "Islamic State claimed responsibility for the attack.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].method, "bombing");
    assert_string_equal(l.v[0].actor_group, "islamic_state");
    assert_int_equal(l.v[0].roles[ROLE_ORGANIZATION].n, 1);
    assert_string_equal(l.v[0].roles[ROLE_ORGANIZATION].v[0], "Islamic State");
    event_list_free(&l);
}

static bool has_role(const struct event *e, int role, const char *text)
{
    for (size_t i = 0; i < e->roles[role].n; i++)
        if (strcmp(e->roles[role].v[i], text) == 0)
            return true;
    return false;
}

static void untold_attack_gathers_its_roles(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* no toll, no place, no date: one event with the roles of both sentences */
    extract(NULL,
            "Four rockets were set to explode beside the fuel tanks of the plant.\n\n"
            "The guards exchanged fire with the terrorists, who fled leaving dynamite "
            "and a grenade.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "attack");
    assert_string_equal(l.v[0].method, "rocket");
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "rockets"));
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "terrorists"));
    event_list_free(&l);
    /* dated news telling no toll, place or day: no incident of its own */
    extract("2024-05-01",
            "Four rockets were set to explode beside the fuel tanks of the plant.\n\n"
            "The guards exchanged fire with the terrorists, who fled leaving dynamite "
            "and a grenade.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* the same without attackers, or anything struck, named: nothing */
    extract(NULL,
            "Four rockets were set to explode beside the fence.\n\n"
            "The guards found dynamite and a grenade by the fence.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* how and what it struck are enough too */
    extract(NULL,
            "Last night's terrorist acts were probably meant to damage the air force "
            "installations.\n\nOne of the bombs hit a wall of the air force installations.",
            &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].method, "bombing");
    assert_true(has_role(&l.v[0], ROLE_TARGET, "air force installations"));
    event_list_free(&l);
    /* how and where are enough: "a bomb exploded in Yunguyo" */
    extract(NULL,
            "A bomb exploded early this morning in the Peruvian town of Yunguyo.\n\n"
            "The offices of the deputy mayor were the objective of the attack.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].method, "bombing");
    assert_string_equal(l.v[0].country, "PE");
    event_list_free(&l);
}

static void undated_story_roles_are_the_storys(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* no date line: the roles of every sentence with an event word join */
    extract(NULL,
            "Guerrillas killed 12 soldiers in an ambush near the river.\n\n"
            "The army said the FMLN had also attacked a power substation with dynamite.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "Guerrillas"));
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "power substation"));
    event_list_free(&l);
    /* "terrorist attack" names no perpetrator; a van is no weapon unless driven into people */
    extract(NULL, "A terrorist attack with a car bomb killed 12 people near the van.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_PERPETRATOR, "terrorist"));
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "car bomb"));
    assert_false(has_role(&l.v[0], ROLE_WEAPON, "van"));
    event_list_free(&l);
    /* dated news keeps each event's roles to its own sentence */
    extract("2024-05-01",
            "Guerrillas killed 12 soldiers in an ambush near the river.\n\n"
            "The army said the FMLN had also attacked a power substation with dynamite.", &l);
    assert_true(l.n >= 1);
    assert_false(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    event_list_free(&l);
}

static void roles_fit_the_event(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* a building that only says where someone works is nothing struck */
    extract(NULL,
            "Six priests, including the national university rector, were murdered at "
            "dawn today by men wearing uniforms.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "national university"));
    event_list_free(&l);
    extract(NULL,
            "The rector of the national university and two women were murdered at dawn "
            "today.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "national university"));
    event_list_free(&l);
    extract(NULL, "Guerrillas bombed the national university at dawn today.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET, "national university"));
    event_list_free(&l);
    /* the people a toll counts end at a clause's end */
    extract(NULL, "The air force strafed the factory, where it has killed 3 and wounded "
                  "12 civilians.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "3 and wounded 12 civilians"));
    event_list_free(&l);
    extract(NULL, "Tomas Evangelista, a party leader, was shot dead by terrorists here "
                  "today.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "terrorists"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "dead by terrorists"));
    event_list_free(&l);
    /* a list of three kinds of arms is an inventory, not what was used;
     * "grenade rocket launchers" is one kind */
    extract(NULL, "Guerrillas attacked the town hall, where they left AK-47 rifles, "
                  "grenades, mortars and explosives.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].roles[ROLE_WEAPON].n, 0);
    event_list_free(&l);
    extract(NULL, "Guerrillas attacked the town hall with dynamite and grenade rocket "
                  "launchers.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    event_list_free(&l);
    /* where people were shot is no target; where a bomb went off is */
    extract(NULL, "Gunmen machinegunned the banker as he was leaving his residence.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].roles[ROLE_TARGET].n, 0);
    event_list_free(&l);
    extract(NULL, "Guerrillas detonated a bomb at the residence of the mayor.", &l);
    assert_int_equal(l.n, 1);
    assert_true(l.v[0].roles[ROLE_TARGET].n >= 1);
    event_list_free(&l);
    /* a count of people names no one: the toll holds it */
    extract(NULL, "Gunmen killed three people in the village yesterday.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].killed, 3);
    assert_int_equal(l.v[0].roles[ROLE_VICTIM].n, 0);
    event_list_free(&l);
    extract(NULL, "The home of the deputy minister was machinegunned from a passing "
                  "vehicle.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "vehicle"));
    event_list_free(&l);
    extract(NULL, "Five policemen were killed when a vehicle loaded with explosives "
                  "exploded near a police station.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "vehicle"));
    event_list_free(&l);
    /* a quantifier is no modifier; "of" takes whose people, or nothing cut short */
    extract(NULL, "Guerrillas bombed various government bank branches and the residences "
                  "of democratic leaders in the city.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET, "government bank branches"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "residences of democratic leaders"));
    event_list_free(&l);
    extract(NULL, "A bomb exploded at the headquarters of the salvadoran workers national "
                  "union federation in san salvador.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET,
                         "headquarters of the salvadoran workers national union federation"));
    event_list_free(&l);
    extract(NULL, "Police said a bomb destroyed the plane because airplanes do not break up "
                  "without an explosion.", &l);
    for (size_t i = 0; i < l.n; i++)
        assert_false(has_role(&l.v[i], ROLE_TARGET, "because airplanes"));
    event_list_free(&l);
    /* a truck struck is a target, not a weapon; "dynamited" is a bombing */
    extract(NULL, "Guerrillas dynamited a truck full of policemen in Medellin yesterday, "
                  "killing 20 people, and the blast hit several public buses.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].method, "bombing");
    assert_true(has_role(&l.v[0], ROLE_TARGET, "truck"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "public buses"));
    assert_false(has_role(&l.v[0], ROLE_WEAPON, "truck"));
    event_list_free(&l);
    extract(NULL, "A car bomb exploded at the building that houses the security "
                  "department in Bogota.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "houses"));
    event_list_free(&l);
    /* the source of the news is no target */
    extract(NULL, "Guerrillas bombed the town hall last night, the Gleaner newspaper "
                  "reported.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_TARGET, "Gleaner newspaper"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "town hall"));
    event_list_free(&l);
    /* things seized are no hostages, nor a place seized */
    extract(NULL, "Police seized a pistol and documents from two traffickers in Arica.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    extract(NULL, "According to documents that were seized from the terrorists, the "
                  "attackers planned to issue a proclamation.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* arms seized far back in a long clause */
    extract(NULL, "Rebels attacked the town hall with dynamite. The soldiers also seized the "
                  "following materiel: 700 rounds of ammunition for AK-47 rifles, 536 rounds "
                  "of ammunition for M-16 rifles, 3 knapsacks with civilian clothing, and a "
                  "G-3 rifle with a serial number that cannot be read.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    assert_false(has_role(&l.v[0], ROLE_WEAPON, "rifle"));
    event_list_free(&l);
    /* an arms list makes no attack */
    extract(NULL, "A police officer stressed that the weapons -- 348 AK-47 rifles, 29 "
                  "grenade launchers, fragmentation grenades and explosive blocks -- were "
                  "among the supplies in a guerrilla warehouse.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* the people of wire copy: peasants, priests, nuns, judges; counted,
     * they are what was attacked */
    extract(NULL, "Gunmen killed four peasants and two nuns in the village yesterday.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].killed, 6);
    assert_string_equal(l.v[0].target, "four peasants");
    assert_int_equal(l.v[0].roles[ROLE_VICTIM].n, 0);
    event_list_free(&l);
    /* attackers keep the demonym that says whose they are */
    extract(NULL, "The attack on the border post was blamed on colombian guerrillas, who "
                  "killed five soldiers with rifles.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "colombian guerrillas"));
    event_list_free(&l);
    /* a group is named as the document names it most */
    extract(NULL, "The Farabundo Marti National Liberation Front (FMLN) bombed the town "
                  "hall with dynamite. The FMLN said the FMLN would go on.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].roles[ROLE_ORGANIZATION].n, 1);
    assert_string_equal(l.v[0].roles[ROLE_ORGANIZATION].v[0], "FMLN");
    event_list_free(&l);
    /* a kidnapping strikes no building; the dead of a clash are no victims */
    extract(NULL, "Gunmen kidnapped two engineers at the hotel in Medellin yesterday.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "kidnapping");
    assert_int_equal(l.v[0].roles[ROLE_TARGET].n, 0);
    event_list_free(&l);
    extract("2024-05-01", "Three soldiers and two rebels died in a clash with guerrillas "
                          "near the river yesterday.", &l);
    assert_true(l.n >= 1);
    assert_string_equal(l.v[0].type, "clash");
    assert_int_equal(l.v[0].roles[ROLE_VICTIM].n, 0);
    event_list_free(&l);
}

static void targets_keep_their_modifiers(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* the words before the noun belong to the target; a determiner, a
     * verb in -ed or a group ends them, a demonym or a country joins them.
     * In a clash the group is a side, not the object of the fighting. */
    extract(NULL,
            "Heavy fighting raged last night when members of the FMLN attacked an "
            "electric power substation and the American embassy. A guard was wounded. "
            "A heavily guarded school was also bombed.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET, "electric power substation"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "American embassy")); /* whose it is */
    assert_true(has_role(&l.v[0], ROLE_TARGET, "school"));
    assert_false(has_role(&l.v[0], ROLE_TARGET, "FMLN"));
    assert_true(has_role(&l.v[0], ROLE_ORGANIZATION, "FMLN"));
    event_list_free(&l);
    /* undated copy: an attack without a method, a toll or a place still
     * tells the story when it names the attackers */
    extract(NULL,
            "The FMLN reports that urban commando units staged simultaneous attacks "
            "on the national police headquarters.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_ORGANIZATION, "FMLN"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "national police headquarters"));
    event_list_free(&l);
    /* in undated copy, a target is what an attack struck, not a place
     * the story passes by */
    extract(NULL,
            "Guerrillas attacked the town hall with dynamite. A guard was wounded.\n\n"
            "The mayor fled to the embassy after the attack, and a bus was burned "
            "by the rebels.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET, "town hall"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "bus"));
    assert_false(has_role(&l.v[0], ROLE_TARGET, "embassy"));
    event_list_free(&l);
    /* a target keeps whose it is: "the offices of the local development
     * corporation", but not a clause after it */
    extract(NULL,
            "Guerrillas bombed the offices of the local development corporation and "
            "the residence of the mayor. A guard was wounded.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_TARGET, "offices of the local development corporation"));
    assert_true(has_role(&l.v[0], ROLE_TARGET, "residence of the mayor"));
    event_list_free(&l);
    /* a group the state strikes is no physical target */
    extract("2024-05-01",
            "A US drone strike killed 12 al-Shabaab fighters near Jilib on Sunday.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "strike");
    assert_int_equal(l.v[0].roles[ROLE_TARGET].n, 0);
    assert_int_equal(l.v[0].roles[ROLE_ORGANIZATION].n, 0);
    event_list_free(&l);
    /* one group, one span, however many spellings the story uses */
    extract("2024-05-01",
            "Gunmen of the Farabundo Marti National Liberation Front (FMLN) killed "
            "three guards in San Salvador on Sunday. The FMLN said its units fired.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].roles[ROLE_ORGANIZATION].n, 1);
    event_list_free(&l);
}

static void caseless_names_of_victims(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* old wire copy without capitals: a name starts with a given name or
     * follows a title; the harm done next to it makes it a victim; a name
     * listed with a victim's is one; the speaker is not */
    extract(NULL,
            "officials said that roberto perez of cali and maria lopez, together "
            "with engineer juan carlos gomez, were kidnapped by guerrillas near the "
            "dam on friday morning while they were driving to work at the plant. "
            "the police say the assassination of governor antonio roldan betancur's "
            "aide and the murder of president cerezo were planned by the same men. "
            "interior minister jorge ramos said the government would not negotiate.",
            &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "roberto perez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "maria lopez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "juan carlos gomez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "cerezo"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "jorge ramos"));
    event_list_free(&l);
    /* the subject of a sentence of harm, past its apposition; a name
     * listed after a victim's; a title in brackets; a name told again
     * shorter is the same person */
    extract(NULL,
            "maria elena diaz perez, third judge of public order, and two of her "
            "bodyguards were assassinated in the city today by a group of 10 paid "
            "assassins. police in civilian clothes seized students hugo martinez and "
            "raul ramirez, who are still missing. the rebels denied the attack against "
            "(presidency minister) antonio rodriguez porth and the bombing that wounded "
            "judge diaz perez last year.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "maria elena diaz perez"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "diaz perez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "hugo martinez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "raul ramirez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "antonio rodriguez porth"));
    event_list_free(&l);
    /* harm told by a count ("who was killed"); a title before a comma or
     * "and" still joins the harm to the name */
    extract(NULL,
            "a car bomb exploded in the capital of the country today, and the police "
            "blamed the cartel. he received the banners of luis carlos galan, who was "
            "killed last friday. the country mourns the death of the party's "
            "presidential candidate, bernardo jaramillo ossa, and the assassination "
            "of senator and presidential candidate federico estrada velez.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "luis carlos galan"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "bernardo jaramillo ossa"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "federico estrada velez"));
    event_list_free(&l);
    /* "including x" after the harmed; "x, one of the ... murdered" */
    extract(NULL,
            "a car bomb exploded in the capital of the country today, and the police "
            "blamed the cartel. he condemned the assassination of six priests and two "
            "women, including the rector ignacio ellacuria. segundo montes, one of the "
            "six jesuits murdered on 16 november, had written a book.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "ignacio ellacuria"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "segundo montes"));
    event_list_free(&l);
    /* a name after a title and a noun starts at the given name; a list
     * told as the victims, in a sentence without an event word */
    extract(NULL,
            "a car bomb exploded in the capital of the country today, and the police "
            "blamed the cartel. we condemn the massacre of the jesuit priests ignacio "
            "ellacuria and joaquin lopez. the victims were identified as jose manuel "
            "jimenez rivera, pedro rafael ordonez and carlos forero.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "ignacio ellacuria"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "joaquin lopez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "jose manuel jimenez rivera"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "carlos forero"));
    event_list_free(&l);
    /* ages in a list, "(name as received)", "u.s. citizen x", "murdering x" */
    extract(NULL,
            "a car bomb exploded in the capital of the country today, and the police "
            "blamed the cartel. those who were kidnapped are jose maria martinez, 55, "
            "from spain; roberto lizardi, 52, from france. john marck jones (name as "
            "received), kidnapped by the eln, is still missing. three persons were "
            "injured, including u.s. citizen brenda hoovarit. the minister accused the "
            "rebels of murdering ana isabel casanova.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "jose maria martinez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "roberto lizardi"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "john marck jones"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "brenda hoovarit"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "ana isabel casanova"));
    event_list_free(&l);
    /* an apposition between the names and the harm; a name ending in -ly */
    extract(NULL,
            "two u.s. citizens were kidnapped by guerrillas in medellin. the victims "
            "were identified as david lecky, director of the columbus school, and james "
            "arthur donnelly.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "david lecky"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "james arthur donnelly"));
    event_list_free(&l);
    extract(NULL,
            "gunmen fired on the judge's car in medellin. two of her bodyguards, dagoberto "
            "rodriguez and alfonso de lima, who were inside the car, were killed instantly. "
            "maria sullivan and carlos anderson, a 26-year-old teacher at the school have "
            "been killed too.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "dagoberto rodriguez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "alfonso de lima"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "carlos anderson"));
    event_list_free(&l);
    /* "held" a meeting harms no one; a subject with its own verb is no victim */
    extract(NULL,
            "guerrillas attacked the town hall with dynamite. carlos andres perez, the "
            "president held a meeting with the chiefs of the parties. venezuelan president "
            "jaime lusinchi blamed drug gangs for the attack, in which nine soldiers were "
            "killed.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "carlos andres perez"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "jaime lusinchi"));
    event_list_free(&l);
    /* "x released a communique" harms no one; "release mrs x" frees her; a
     * list of the accused is no list of victims; a boulevard named after a
     * person is no person */
    extract(NULL,
            "guerrillas kidnapped a banker in cali with rifles. m-19 commander carlos pizarro "
            "leongomez released a communique. the group decided to release mrs patricia "
            "echavarria. the plotters include captain alvaro saravia, whom the president "
            "accused of the assassination. the bus was attacked near juan pablo ii boulevard.",
            &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "carlos pizarro leongomez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "patricia echavarria"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "alvaro saravia"));
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "juan pablo ii boulevard"));
    event_list_free(&l);
    /* "lives" is harm only as lives lost */
    extract(NULL,
            "guerrillas attacked the town hall with dynamite in a campaign called \"febe "
            "elizabeth lives!\"", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_VICTIM, "febe elizabeth"));
    event_list_free(&l);
}

static void caseless_names_of_the_blamed(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* people blamed for an attack are its perpetrators; a name listed with
     * one blamed is blamed too; the victim stays a victim */
    extract(NULL,
            "a car bomb exploded outside the security building in the capital this "
            "morning. the police said that pablo escobar gaviria and gonzalo rodriguez "
            "gacha, the biggest drug traffickers, are behind this criminal attack. the "
            "minister accused colonel hector heriberto hernandez of the murder of "
            "judge carlos valencia. president alfredo cristiani holds the rebels "
            "responsible for the attack, and the general command wants talks.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "pablo escobar gaviria"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "gonzalo rodriguez gacha"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "hector heriberto hernandez"));
    assert_true(has_role(&l.v[0], ROLE_VICTIM, "carlos valencia"));
    assert_false(has_role(&l.v[0], ROLE_PERPETRATOR, "carlos valencia"));
    for (size_t i = 0; i < l.v[0].roles[ROLE_PERPETRATOR].n; i++) {
        assert_null(strstr(l.v[0].roles[ROLE_PERPETRATOR].v[i], "cristiani"));
        assert_null(strstr(l.v[0].roles[ROLE_PERPETRATOR].v[i], "command"));
    }
    event_list_free(&l);
    /* the apposition's name blamed by the verb after it */
    extract(NULL, "a car bomb killed five policemen in medellin. the chief of the gang, "
                  "pablo escobar gaviria, ordered the assassination of medellin policemen.",
            &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "pablo escobar gaviria"));
    event_list_free(&l);
}

static void seized_arms_are_no_weapons(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* arms the troops seized are not the attack's weapons; the army's
     * clash adds no roles to the story's attack */
    extract(NULL,
            "Guerrillas attacked a power substation with dynamite. A guard was wounded.\n\n"
            "Troops clashed with the rebels near the river and seized two rifles "
            "and a grenade launcher. After the attack, police found a pistol and "
            "machine guns in a house.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_WEAPON, "dynamite"));
    for (size_t i = 0; i < l.n; i++) {
        assert_false(has_role(&l.v[i], ROLE_WEAPON, "rifles"));
        assert_false(has_role(&l.v[i], ROLE_WEAPON, "grenade launcher"));
        assert_false(has_role(&l.v[i], ROLE_WEAPON, "machine guns"));
    }
    event_list_free(&l);
}

static void doers_of_undated_attacks(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* the subject of an act, or its agent after "by", with the words that
     * describe it; a time of day is no count */
    extract(NULL,
            "At 0730 approximately 20 or 30 terrorists machinegunned a bus near the "
            "bridge. Two missionaries were shot to death by a group of terrorists from "
            "the hills, and a judge was murdered by two paid assassins. At 0300 fmln "
            "units attacked the town hall.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "approximately 20 or 30 terrorists"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "group of terrorists"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "two paid assassins"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "fmln units"));
    assert_false(has_role(&l.v[0], ROLE_PERPETRATOR, "0300 fmln units"));
    event_list_free(&l);
    /* more acts, and "today" between the act and its agent */
    extract(NULL,
            "A bomb exploded in the town of Yunguyo early this morning. The bomb was "
            "left by unidentified individuals in the parking lot, and a bus was burned "
            "today by masked men.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "unidentified individuals"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "masked men"));
    event_list_free(&l);
    /* a doer told in a sentence without an event word */
    extract(NULL,
            "A bomb exploded in the town of Yunguyo early this morning. Witnesses said "
            "it was carried out by uniformed men, and the police base was later "
            "surrounded by armed narcoterrorists.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "uniformed men"));
    event_list_free(&l);
    /* the people held for the harm did it */
    extract(NULL,
            "A bomb exploded in the town of Yunguyo early this morning. The president "
            "announced the arrest of 45 soldiers and 2 officers for killing six "
            "priests.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "45 soldiers"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "2 officers"));
    event_list_free(&l);
    /* forces accused of the harm are the organisation behind it */
    extract(NULL,
            "A bomb exploded in the town of Yunguyo early this morning. The bishop "
            "accused the army of the massacre of twelve peasants.", &l);
    assert_true(l.n >= 1);
    assert_true(has_role(&l.v[0], ROLE_ORGANIZATION, "army"));
    event_list_free(&l);
    /* the agent after a time: "murdered at dawn today by men"; not "by mistake" */
    extract(NULL, "six priests and two women were murdered at dawn today by men wearing "
                  "military uniforms.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "men"));
    event_list_free(&l);
    extract(NULL, "army troops killed nine peasants by mistake on 17 august.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "army troops"));
    event_list_free(&l);
    /* the state's forces blamed after their name */
    extract(NULL, "six priests were murdered at dawn in san salvador. the report says "
                  "that armed forces elements are responsible for the killing of the six "
                  "priests.", &l);
    assert_int_equal(l.n, 1);
    assert_true(has_role(&l.v[0], ROLE_ORGANIZATION, "armed forces"));
    assert_true(has_role(&l.v[0], ROLE_PERPETRATOR, "armed forces elements"));
    event_list_free(&l);
    /* no doer: a passive participle ("the other 15 people killed?"), or a
     * verb that tells no attack in a sentence without an event word */
    extract(NULL, "gunmen killed two judges in medellin with rifles. who are the other 15 "
                  "people killed? more than 160 persons tried to enter the country.", &l);
    assert_int_equal(l.n, 1);
    assert_false(has_role(&l.v[0], ROLE_PERPETRATOR, "other 15 people"));
    assert_false(has_role(&l.v[0], ROLE_PERPETRATOR, "160 persons"));
    event_list_free(&l);
}

static void background_incident_and_money(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2024-03-01",
            "In March 2015, a car bomb killed 40 people in Baghdad.\n\n"
            "Islamic State retains $10 to $20 million in reserves, the report said.", &l);
    assert_int_equal(l.n, 2);
    assert_true(l.v[0].background);
    assert_string_equal(l.v[0].date, "2015-03");
    assert_string_equal(l.v[1].type, "financing");
    assert_true(l.v[1].amount_usd == 10000000);
    assert_true(l.v[1].amount_usd_max == 20000000);
    event_list_free(&l);
}

static void no_events_in_ordinary_text(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2020-01-01",
            "The striker scored twice as the home side attacked relentlessly. "
            "Since 2014, the league has grown.\n\nNothing else happened.", &l);
    assert_int_equal(l.n, 0);
    extract(NULL, "", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
}

static void a_director_is_no_film(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* "director" is a title in the news, not a sign of a film story */
    extract(NULL,
            "Two bombs exploded early this morning in Medellin at the house of a judge "
            "and at the offices of a lawyer, a former director of the provincial bank. The "
            "explosions caused some damage, the police director said.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].method, "bombing");
    event_list_free(&l);
}

static void possible_attacks_are_not_incidents(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* "a possible attack", "without a shot being fired": no act */
    extract("2020-03-02",
            "Troops took the port of Colon on Sunday without a shot being fired, "
            "officials said.\n\nPolice in Bogota said on Sunday they were investigating "
            "reports of a possible bomb attack on the airport in Bogota.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* what will or must be done is not done */
    extract(NULL, "The leaflet adds that in a few days the band will place bombs near the "
                  "air force base in Panama City.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    extract(NULL, "We must also attack terrorists with dynamite laws in Lima.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
}

static void aggregates_are_not_incidents(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2020-01-01",
            "Attacks have killed more than 400 soldiers since May, officials said.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
    /* "in various attacks": counted incidents */
    extract(NULL,
            "The guerrillas killed 52 soldiers in various attacks on army positions in "
            "Chalatenango, the rebel radio said.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
}

static void security_forces_killing_attackers_is_a_clash(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2015-04-03",
            "Gunmen killed 147 people at a university in Garissa on Thursday.\n\n"
            "Kenyan security forces killed the four attackers on Thursday evening, "
            "officials said.", &l);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].type, "attack");
    assert_string_equal(l.v[0].method, "shooting");
    assert_int_equal(l.v[0].killed, 147);
    assert_string_equal(l.v[1].type, "clash");
    assert_int_equal(l.v[1].killed, 4);
    assert_string_equal(l.v[1].actor, "Kenyan security forces");
    /* no place of its own: the incident's place and date */
    assert_string_equal(l.v[1].place, "Garissa");
    assert_string_equal(l.v[1].date, "2015-04-02");
    event_list_free(&l);
}

static void seizing_a_place_is_hostage_taking(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2016-07-02", "Gunmen who seized a cafe in Dhaka on Friday night killed 20 "
                          "hostages and two police officers, the army said.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "attack");
    assert_string_equal(l.v[0].method, "hostage_taking");
    assert_int_equal(l.v[0].killed, 22); /* the parts of one toll are summed */
    assert_int_equal(l.v[0].kidnapped, EV_UNKNOWN);
    assert_string_equal(l.v[0].date, "2016-07-01");
    event_list_free(&l);
}

static void a_named_leader_killed_counts_one(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2022-08-01", "A US drone strike killed al-Qaeda leader Ayman al-Zawahiri "
                          "at a house in Kabul on Sunday, officials said.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].type, "strike");
    assert_int_equal(l.v[0].killed, 1);
    /* the group is the target of the strike, not its actor */
    assert_null(l.v[0].actor_group);
    assert_string_equal(l.v[0].country, "AF");
    event_list_free(&l);
}

static void follow_up_tolls_join_their_incident(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2023-10-06",
            "Three blasts hit a school in Kabul on Tuesday. Six people were killed and "
            "11 hurt, police said.\n\n"
            "A monitoring group said 9 people were killed.\n\n"
            "A local official said 4 people had died.", &l);
    /* one incident; the toll as it rose (a smaller figure does not lower it) */
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].killed, 9);
    assert_int_equal(l.v[0].injured, 11);
    assert_string_equal(l.v[0].method, "bombing");
    event_list_free(&l);
}

static void references_and_headlines_are_not_events(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2017-05-23",
            "Bomb kills 22 at Manchester concert\n\n"
            "It was the deadliest attack in Britain since the London bombings of July 2005.\n\n"
            "Attacks have killed 400 soldiers in the region over the past two years.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
}

static void the_first_settlement_is_the_place(void **state)
{
    (void)state;
    struct event_list l = {0};
    extract("2022-07-06", "Militants attacked Kuje prison outside Abuja late on Tuesday, "
                          "freeing 879 inmates and killing one guard.", &l);
    /* the assault and the escape it allowed are two events of one sentence */
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].type, "escape");
    assert_string_equal(l.v[0].place, "Kuje");
    assert_int_equal(l.v[0].killed, EV_UNKNOWN);
    assert_string_equal(l.v[1].type, "attack");
    assert_string_equal(l.v[1].place, "Kuje");
    assert_int_equal(l.v[1].killed, 1);
    assert_int_equal(l.v[1].ev_start, l.v[0].ev_start);
    event_list_free(&l);
}

static void money_in_dollars_and_other_currencies(void **state)
{
    (void)state;
    static const struct { const char *text; double lo, hi; const char *other; } cases[] = {
        {"Al-Shabaab raises $10 to $20 million a year from extortion.", 10e6, 20e6, NULL},
        {"The Hamas cell raised US$1.5m through donations.", 1.5e6, -1, NULL},
        {"Hezbollah collects 1 billion dollars a year in levies.", 1e9, -1, NULL},
        {"The Taliban earn between $300 million and $1.6 billion a year.", 300e6, 1.6e9, NULL},
        {"Boko Haram raises about 2 billion naira a year from ransoms.", -1, -1, "2 billion naira"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        struct event_list l = {0};
        extract("2023-05-10", cases[k].text, &l);
        assert_int_equal(l.n, 1);
        assert_string_equal(l.v[0].type, "financing");
        assert_true(l.v[0].amount_usd == cases[k].lo);
        assert_true(l.v[0].amount_usd_max == cases[k].hi);
        if (cases[k].other)
            assert_string_equal(l.v[0].amount_text, cases[k].other);
        else
            assert_null(l.v[0].amount_text);
        assert_string_equal(l.v[0].date, "2023"); /* a standing fact: the report's year */
        event_list_free(&l);
    }
    /* money with no armed group in the story is not terrorist financing */
    struct event_list l = {0};
    extract("2023-05-10", "The campaign raised $2 million from donors.", &l);
    assert_int_equal(l.n, 0);
    event_list_free(&l);
}

static void relative_days_and_ranges(void **state)
{
    (void)state;
    struct event_list l = {0};
    /* 2023-05-11 was a Thursday */
    extract("2023-05-12", "The army confirmed on Thursday that seven soldiers were killed "
                          "when gunmen ambushed their patrol near Diffa.\n\n"
                          "The ambush happened two days earlier.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].date, "2023-05-09");
    assert_int_equal(l.v[0].killed, 7);
    event_list_free(&l);
    extract("2021-03-12", "Gunmen opened fire on homes in Oicha on Wednesday, killing "
                          "between 20 and 30 villagers.", &l);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].killed, 20);
    event_list_free(&l);
    /* weeks before the report */
    extract("2024-03-14", "Gunmen seized 287 pupils from a school in Kuriga a week ago.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].date, "2024-03-07");
    event_list_free(&l);
    extract("2024-03-14", "Gunmen seized 287 pupils from a school in Kuriga two weeks ago.", &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].date, "2024-02-29");
    event_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_in_digits_and_words),
        cmocka_unit_test(qualifiers_span_their_words),
        cmocka_unit_test(date_arithmetic),
        cmocka_unit_test(dates_in_text),
        cmocka_unit_test(suicide_bombing_with_toll_place_and_date),
        cmocka_unit_test(kidnapping_counts_the_abducted),
        cmocka_unit_test(claim_names_the_group),
        cmocka_unit_test(background_incident_and_money),
        cmocka_unit_test(no_events_in_ordinary_text),
        cmocka_unit_test(aggregates_are_not_incidents),
        cmocka_unit_test(security_forces_killing_attackers_is_a_clash),
        cmocka_unit_test(seizing_a_place_is_hostage_taking),
        cmocka_unit_test(a_named_leader_killed_counts_one),
        cmocka_unit_test(follow_up_tolls_join_their_incident),
        cmocka_unit_test(references_and_headlines_are_not_events),
        cmocka_unit_test(the_first_settlement_is_the_place),
        cmocka_unit_test(money_in_dollars_and_other_currencies),
        cmocka_unit_test(relative_days_and_ranges),
        cmocka_unit_test(untold_attack_gathers_its_roles),
        cmocka_unit_test(undated_story_roles_are_the_storys),
        cmocka_unit_test(targets_keep_their_modifiers),
        cmocka_unit_test(caseless_names_of_victims),
        cmocka_unit_test(caseless_names_of_the_blamed),
        cmocka_unit_test(seized_arms_are_no_weapons),
        cmocka_unit_test(possible_attacks_are_not_incidents),
        cmocka_unit_test(a_director_is_no_film),
        cmocka_unit_test(doers_of_undated_attacks),
        cmocka_unit_test(roles_fit_the_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
