/* test_fuse.c - fusion of reports into incidents: the rules of fuse_same()
 * and fuse_summarize() on hand-made events, then the constructed corpus of
 * tests/fusion/ ingested into a store in two orders, scored against
 * tests/fusion/expected.tsv (precision and recall over pairs of events),
 * and ingested again (nothing changes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/err.h"
#include "extract/ev.h"
#include "extract/event.h"
#include "fuse/fuse.h"
#include "ingest/ingest.h"
#include "store/store.h"

/* An event with the fields fusion reads. */
static struct event ev(const char *type, const char *method, const char *group,
                       const char *country, const char *place, double lat, double lon,
                       const char *date, long long killed)
{
    struct event e;
    event_init(&e);
    e.type = (char *)type;
    e.method = (char *)method;
    e.actor_group = (char *)group;
    snprintf(e.country, sizeof e.country, "%s", country);
    e.place = (char *)place;
    e.has_coords = lat != 0 || lon != 0;
    e.lat = lat;
    e.lon = lon;
    snprintf(e.date, sizeof e.date, "%s", date);
    e.killed = killed;
    return e;
}

static int same(const struct event *a, const struct event *b)
{
    struct fuse_key ka = fuse_key_of(a), kb = fuse_key_of(b);
    return fuse_same(&ka, &kb);
}

static void same_incident_rules(void **state)
{
    (void)state;
    struct event karrada = ev("attack", "bombing", "islamic_state", "IQ", "Karrada", 33.30,
                              44.42, "2016-07-03", 125);
    /* another outlet, a day later by its clock, another toll */
    struct event later = ev("attack", "bombing", NULL, "IQ", "Karrada", 33.30, 44.42,
                            "2016-07-04", 292);
    assert_true(same(&karrada, &later) > 0);
    /* two days apart: another incident */
    struct event two_days = later;
    snprintf(two_days.date, sizeof two_days.date, "2016-07-05");
    assert_int_equal(same(&karrada, &two_days), 0);
    /* a background recall at month precision joins */
    struct event recall = ev("attack", "bombing", NULL, "IQ", "Karrada", 33.30, 44.42,
                             "2016-07", 323);
    assert_true(same(&karrada, &recall) > 0);
    /* the city the district lies in, with a toll of the same order */
    struct event city = ev("attack", "unknown", NULL, "IQ", "Baghdad", 33.315, 44.366,
                           "2016-07-03", 200);
    assert_true(same(&karrada, &city) > 0);
    /* the same city and day, a toll ten times smaller: another bomb */
    struct event small = ev("attack", "bombing", NULL, "IQ", "Baghdad", 33.315, 44.366,
                            "2016-07-03", 5);
    assert_int_equal(same(&karrada, &small), 0);
    /* a town 30 km away, another country, another group, another method */
    struct event town = ev("attack", "bombing", NULL, "IQ", "Taji", 33.52, 44.27,
                           "2016-07-03", 100);
    assert_int_equal(same(&karrada, &town), 0);
    struct event abroad = karrada;
    snprintf(abroad.country, sizeof abroad.country, "SY");
    assert_int_equal(same(&karrada, &abroad), 0);
    struct event other_group = karrada;
    other_group.actor_group = "al_qaeda";
    assert_int_equal(same(&karrada, &other_group), 0);
    struct event shooting = karrada;
    shooting.method = "shooting";
    assert_int_equal(same(&karrada, &shooting), 0);
    /* a bombing and a suicide bombing are one method; a claim joins its attack */
    struct event suicide = karrada;
    suicide.method = "suicide_bombing";
    assert_true(same(&karrada, &suicide) > 0);
    struct event claim = ev("claim_only", NULL, "islamic_state", "IQ", "Karrada", 33.30,
                            44.42, "2016-07-03", EV_UNKNOWN);
    assert_true(same(&karrada, &claim) > 0);
    struct event arrest = ev("arrest", NULL, NULL, "IQ", "Karrada", 33.30, 44.42,
                             "2016-07-03", EV_UNKNOWN);
    assert_int_equal(same(&karrada, &arrest), 0);
    /* no place: the day and the group must agree */
    struct event nowhere = ev("attack", "bombing", "islamic_state", "IQ", NULL, 0, 0,
                              "2016-07-03", 150);
    assert_true(same(&karrada, &nowhere) > 0);
    nowhere.actor_group = NULL;
    nowhere.method = "unknown";
    assert_int_equal(same(&karrada, &nowhere), 0);
    /* no date: the place and the group must */
    struct event undated = ev("attack", "bombing", "islamic_state", "IQ", "Karrada", 33.30,
                              44.42, "", 300);
    assert_true(same(&karrada, &undated) > 0);
    undated.actor_group = NULL;
    assert_int_equal(same(&karrada, &undated), 0);
    /* the exact place scores above the city around it */
    assert_true(same(&karrada, &later) > same(&karrada, &city));
}

static void summary_rules(void **state)
{
    (void)state;
    struct event a = ev("attack", "unknown", NULL, "IQ", "Karrada", 33.3, 44.42,
                        "2016-07-03", 125);
    struct event b = ev("attack", "bombing", "islamic_state", "IQ", "Karrada", 33.3, 44.42,
                        "2016-07-03", 213);
    struct event c = ev("attack", "bombing", NULL, "IQ", "Karrada", 33.3, 44.42,
                        "2016-07-03", 213);
    struct event d = ev("attack", "bombing", NULL, "IQ", "Karrada", 33.3, 44.42,
                        "2016-07-03", 190);
    d.injured = 200;
    struct fuse_report r[] = {
        {&a, "2016-07-03", 1}, {&b, "2016-07-04", 2}, {&c, "2016-07-04", 3},
        {&d, "2016-07-04", 4}};
    struct fuse_summary s;
    fuse_summarize(r, 4, &s);
    /* the latest day's figures: 213 twice, 190 once */
    assert_int_equal(s.fig[FUSE_KILLED].value, 213);
    assert_int_equal(s.fig[FUSE_KILLED].min, 125);
    assert_int_equal(s.fig[FUSE_KILLED].max, 213);
    assert_int_equal(s.fig[FUSE_KILLED].reports, 4);
    assert_int_equal(s.fig[FUSE_INJURED].value, 200);
    assert_int_equal(s.fig[FUSE_KIDNAPPED].value, EV_UNKNOWN);
    assert_int_equal(s.sources, 4);
    assert_string_equal(s.rec.method, "bombing");
    assert_string_equal(s.rec.actor_group, "islamic_state");
    assert_string_equal(s.rec.first_reported, "2016-07-03");
    assert_string_equal(s.rec.last_reported, "2016-07-04");
    /* a correction: a later, higher toll replaces them */
    struct event e = ev("attack", "bombing", NULL, "IQ", "Karrada", 33.3, 44.42,
                        "2016-07-03", 292);
    struct fuse_report r2[] = {r[0], r[1], r[2], r[3], {&e, "2016-07-07", 5}};
    fuse_summarize(r2, 5, &s);
    assert_int_equal(s.fig[FUSE_KILLED].value, 292);
    assert_int_equal(s.fig[FUSE_KILLED].max, 292);
    /* two reports of one document count as one source */
    struct fuse_report r3[] = {{&a, "2016-07-03", 1}, {&b, "2016-07-03", 1}};
    fuse_summarize(r3, 2, &s);
    assert_int_equal(s.sources, 1);
    /* the lead is the report that tells most, not a background recall */
    struct event bg = ev("attack", "bombing", "islamic_state", "IQ", "Karrada", 33.3, 44.42,
                         "2016-07", 323);
    bg.background = true;
    struct fuse_report r4[] = {{&bg, "2017-01-08", 1}, {&a, "2016-07-03", 2}};
    fuse_summarize(r4, 2, &s);
    assert_int_equal(s.rec.lead, fuse_telling(&a));
    assert_true(s.rec.background == false);
    assert_string_equal(s.rec.date, "2016-07-03");
    assert_string_equal(s.rec.actor_group, "islamic_state"); /* from the recall */
    assert_int_equal(s.fig[FUSE_KILLED].value, 323);               /* the latest report */
}

/* ---- the constructed corpus ---------------------------------------------- */

struct corpus {
    char dir[512];
    char *files[64];
    size_t n;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void corpus_load(struct corpus *c)
{
    const char *src = getenv("SITREP_SOURCE_DIR");
    snprintf(c->dir, sizeof c->dir, "%s/tests/fusion", src ? src : ".");
    DIR *d = opendir(c->dir);
    assert_non_null(d);
    struct dirent *de;
    c->n = 0;
    while ((de = readdir(d)) && c->n < 64) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".txt") == 0)
            c->files[c->n++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(c->files, c->n, sizeof *c->files, by_name);
    assert_true(c->n >= 10);
}

static int store_doc(void *ctx, struct doc *d)
{
    struct store *s = ctx;
    struct event_list events = {0};
    char hash[33];
    store_doc_hash(d->text, d->len, hash);
    assert_int_equal(ev_extract(d, &events), ERR_OK);
    for (size_t i = 0; i < events.n; i++)
        event_make_uid(&events.v[i], hash, i);
    assert_int_equal(store_put_document(s, d, hash, &events, NULL), ERR_OK);
    event_list_free(&events);
    doc_free(d);
    return 0;
}

/* Ingests the corpus into s, in order or backwards, one batch per file. */
static void ingest_corpus(struct store *s, const struct corpus *c, bool backwards)
{
    for (size_t k = 0; k < c->n; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", c->dir, c->files[backwards ? c->n - 1 - k : k]);
        struct ingest_sink sink = {store_doc, NULL, s};
        assert_int_equal(store_begin(s), ERR_OK);
        assert_int_equal(ingest_path(path, NULL, &sink), ERR_OK);
        assert_int_equal(store_fuse(s, NULL), ERR_OK);
        assert_int_equal(store_commit(s), ERR_OK);
    }
}

/* An event of the corpus: "DOC DATE", with the label of its incident. */
struct member {
    char key[96];
    char label[64];
};

struct members {
    struct member v[128];
    size_t n;
};

static void expected_members(const struct corpus *c, struct members *m)
{
    char path[1024], line[256];
    snprintf(path, sizeof path, "%s/expected.tsv", c->dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    m->n = 0;
    while (fgets(line, sizeof line, f) && m->n < 128) {
        char label[64], doc[64], date[16];
        if (line[0] == '#' || sscanf(line, "%63s %63s %15s", label, doc, date) != 3)
            continue;
        snprintf(m->v[m->n].key, sizeof m->v[m->n].key, "%s %s", doc, date);
        snprintf(m->v[m->n].label, sizeof m->v[m->n].label, "%s", label);
        m->n++;
    }
    fclose(f);
}

/* The ids of the incidents of a store. */
struct id_list {
    char v[128][32];
    size_t n;
};

static int take_id(void *ctx, const struct incident *in)
{
    struct id_list *l = ctx;
    if (l->n < 128)
        snprintf(l->v[l->n++], sizeof l->v[0], "%s", in->uid);
    return 0;
}

struct walk {
    struct members *got;
    const char *uid;
};

static int member_of(void *ctx, const struct store_report *r)
{
    struct walk *w = ctx;
    if (w->got->n >= 128)
        return 1;
    struct member *m = &w->got->v[w->got->n++];
    snprintf(m->key, sizeof m->key, "%s %s", r->e->doc, r->e->date);
    snprintf(m->label, sizeof m->label, "%s", w->uid);
    return 0;
}

/* The events of the store's incidents, labelled by incident id; returns
 * the number of incidents. */
static size_t got_members(struct store *s, struct members *got)
{
    static struct id_list ids;
    ids.n = 0;
    got->n = 0;
    assert_int_equal(store_query_incidents(s, NULL, take_id, &ids), ERR_OK);
    for (size_t i = 0; i < ids.n; i++) {
        struct walk w = {got, ids.v[i]};
        assert_int_equal(store_incident_reports(s, ids.v[i], member_of, &w), ERR_OK);
    }
    return ids.n;
}

static const char *label_of(const struct members *m, const char *key)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i].key, key) == 0)
            return m->v[i].label;
    return NULL;
}

/* Precision and recall of fusion over pairs of the expected events: a
 * pair is fused when both are in one incident. */
static void pair_scores(const struct members *want, const struct members *got, double *p,
                        double *r)
{
    size_t both = 0, fused = 0, same = 0;
    for (size_t i = 0; i < want->n; i++)
        for (size_t j = i + 1; j < want->n; j++) {
            const char *gi = label_of(got, want->v[i].key), *gj = label_of(got, want->v[j].key);
            bool is_same = strcmp(want->v[i].label, want->v[j].label) == 0;
            bool is_fused = gi && gj && strcmp(gi, gj) == 0;
            same += is_same;
            fused += is_fused;
            both += is_same && is_fused;
        }
    *p = fused ? (double)both / (double)fused : 1.0;
    *r = same ? (double)both / (double)same : 1.0;
}

static void corpus_fuses(void **state)
{
    (void)state;
    static struct corpus c;
    static struct members want, got;
    corpus_load(&c);
    expected_members(&c, &want);
    char dir[] = "/tmp/sitrep-fuse-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int backwards = 0; backwards < 2; backwards++) {
        char path[64];
        snprintf(path, sizeof path, "%s/store%d.db", dir, backwards);
        struct store *s;
        assert_int_equal(store_open(path, &s, NULL, 0), ERR_OK);
        ingest_corpus(s, &c, backwards);
        size_t incidents = got_members(s, &got);
        /* every expected event is stored in one incident */
        for (size_t i = 0; i < want.n; i++)
            if (!label_of(&got, want.v[i].key))
                fail_msg("event %s was not stored", want.v[i].key);
        double p, r;
        pair_scores(&want, &got, &p, &r);
        printf("# fusion of tests/fusion (%s): %zu events, %zu incidents, "
               "pair precision %.3f, recall %.3f\n",
               backwards ? "backwards" : "in order", got.n, incidents, p, r);
        assert_true(p >= 0.95);
        assert_true(r >= 0.95);
        /* ingesting again adds nothing: the documents are there */
        ingest_corpus(s, &c, false);
        static struct members again;
        assert_int_equal(got_members(s, &again), incidents);
        assert_int_equal(again.n, got.n);
        store_close(s);
        unlink(path);
        char side[80];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
    rmdir(dir);
    for (size_t i = 0; i < c.n; i++)
        free(c.files[i]);
}

/* What a test keeps of the incidents it is handed: the last one's
 * figures, and how many. */
struct incident_copy {
    size_t n;
    int sources;
    long long killed, killed_min, killed_max;
    char country[3];
};

static int copy_incident(void *ctx, const struct incident *in)
{
    struct incident_copy *c = ctx;
    c->n++;
    c->sources = in->sources;
    c->killed = in->killed;
    c->killed_min = in->killed_min;
    c->killed_max = in->killed_max;
    memcpy(c->country, in->country, sizeof c->country);
    return 0;
}

/* A second outlet's version of a story adds a source, not an incident,
 * and a later, higher toll updates the incident. */
static void second_outlet_adds_sources(void **state)
{
    (void)state;
    char dir[] = "/tmp/sitrep-fuse-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/store.db", dir);
    struct store *s;
    assert_int_equal(store_open(path, &s, NULL, 0), ERR_OK);
    static const char *const stories[] = {
        "Bomb kills 12 in Kano market\n\nKANO, Nigeria, March 4, 2020 (First Wire) — A bomb "
        "exploded in a crowded market in Kano on Wednesday, killing 12 people, police said.\n",
        "Kano market bombing toll rises to 31\n\nKANO, Nigeria, March 6, 2020 (Second Post) — "
        "The number of people killed in Wednesday's bomb blast at a Kano market rose to 31, "
        "hospital officials said on Friday.\n"};
    for (int k = 0; k < 2; k++) {
        struct ingest_sink sink = {store_doc, NULL, s};
        assert_int_equal(store_begin(s), ERR_OK);
        assert_int_equal(ingest_memory("story.txt", stories[k], strlen(stories[k]), NULL, &sink),
                         ERR_OK);
        size_t fused = 0;
        assert_int_equal(store_fuse(s, &fused), ERR_OK);
        assert_int_equal(fused, 1);
        assert_int_equal(store_commit(s), ERR_OK);
    }
    struct incident_copy one = {0};
    assert_int_equal(store_query_incidents(s, NULL, copy_incident, &one), ERR_OK);
    assert_int_equal(one.n, 1);
    assert_int_equal(one.sources, 2);
    assert_int_equal(one.killed, 31);
    assert_int_equal(one.killed_min, 12);
    assert_int_equal(one.killed_max, 31);
    assert_string_equal(one.country, "NG");
    store_close(s);
    unlink(path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_incident_rules),
        cmocka_unit_test(summary_rules),
        cmocka_unit_test(corpus_fuses),
        cmocka_unit_test(second_outlet_adds_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
