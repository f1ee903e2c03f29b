/* test_ingest.c - unit tests of src/ingest: plain text (title, datelines),
 * UTF-8 repair, refusals (binary, empty, too large, missing), HTML
 * main-text extraction, JSON lines and directory recursion. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "ingest/ingest.h"

#define MAX_GOT 64

/* What a sink received. */
struct got {
    struct doc *docs[MAX_GOT];
    size_t ndocs;
    struct {
        enum ingest_level level;
        char source[512];
        char msg[512];
    } rep[MAX_GOT];
    size_t nrep;
    int stop_after; /* stop after this many documents (0 = never) */
};

/* Keeps a document. */
static int on_doc(void *ctx, struct doc *d)
{
    struct got *g = ctx;
    if (g->ndocs < MAX_GOT)
        g->docs[g->ndocs++] = d;
    else
        doc_free(d);
    return g->stop_after && (int)g->ndocs >= g->stop_after;
}

/* Keeps a report. */
static void on_report(void *ctx, enum ingest_level level, const char *source,
                      const char *message)
{
    struct got *g = ctx;
    if (g->nrep == MAX_GOT)
        return;
    g->rep[g->nrep].level = level;
    snprintf(g->rep[g->nrep].source, sizeof g->rep[0].source, "%s", source);
    snprintf(g->rep[g->nrep].msg, sizeof g->rep[0].msg, "%s", message);
    g->nrep++;
}

/* Frees what a sink received and empties it. */
static void got_free(struct got *g)
{
    for (size_t i = 0; i < g->ndocs; i++)
        doc_free(g->docs[i]);
    memset(g, 0, sizeof *g);
}

/* Ingests a string as a file called name; returns the code. */
static int run_mem(struct got *g, const char *name, const char *data, size_t len,
                   size_t max)
{
    struct ingest_opts o = {max};
    struct ingest_sink s = {on_doc, on_report, g};
    return ingest_memory(name, data, len, &o, &s);
}

/* Ingests a string that must give exactly one document without error. */
static struct doc *one(struct got *g, const char *name, const char *text)
{
    assert_int_equal(run_mem(g, name, text, strlen(text), 0), ERR_OK);
    assert_int_equal(g->ndocs, 1);
    return g->docs[0];
}

/* The body of d (from its body offset). */
static const char *body_of(const struct doc *d)
{
    assert_true(d->body <= d->len);
    return d->text + d->body;
}

/* True when the text of d holds s. */
static bool has(const struct doc *d, const char *s)
{
    return strstr(d->text, s) != NULL;
}

/* ---- plain text --------------------------------------------------------- */

static void test_title_and_body(void **state)
{
    (void)state;
    struct got g = {0};
    const char *t = "Suicide bomber kills 12 in Kabul\n\nA suicide bomber killed 12 people.\n";
    struct doc *d = one(&g, "dir/story-1.txt", t);
    assert_string_equal(d->id, "story-1");
    assert_string_equal(d->source, "dir/story-1.txt");
    assert_string_equal(d->title, "Suicide bomber kills 12 in Kabul");
    assert_string_equal(d->text, t); /* byte-identical */
    assert_int_equal(d->len, strlen(t));
    assert_string_equal(body_of(d), "A suicide bomber killed 12 people.\n");
    assert_null(d->published);
    assert_null(d->dateline_place);
    assert_int_equal(d->repaired, 0);
    assert_int_equal(g.nrep, 0);
    got_free(&g);

    /* no blank line after the first line: no title */
    d = one(&g, "a.txt", "Gunmen attacked a village.\nTen people died.\n");
    assert_null(d->title);
    assert_int_equal(d->body, 0);
    got_free(&g);

    /* CRLF line ends */
    d = one(&g, "crlf.txt", "The title\r\n\r\nThe body.\r\n");
    assert_string_equal(d->title, "The title");
    assert_string_equal(body_of(d), "The body.\r\n");
    got_free(&g);

    /* a "Skip to content" line from a saved page is not the title */
    d = one(&g, "saved.txt", "Skip to content\n\nThe real title\n\nThe body.\n");
    assert_string_equal(d->title, "The real title");
    assert_string_equal(body_of(d), "The body.\n");
    got_free(&g);

    /* "-" is stdin; no extension is plain text */
    d = one(&g, "-", "Hello world.");
    assert_string_equal(d->id, "stdin");
    got_free(&g);
    d = one(&g, "README", "Hello world.");
    assert_string_equal(d->id, "README");
    got_free(&g);
}

/* A dateline and what it must give. */
struct dl_case {
    const char *line;
    const char *place;     /* expected dateline_place or NULL */
    const char *published; /* expected published or NULL */
    const char *body;      /* expected start of the body */
};

/* Ingests a titled document whose body opens with c->line. */
static void check_dateline(const struct dl_case *c)
{
    struct got g = {0};
    char text[1024];
    snprintf(text, sizeof text, "A headline\n\n%s\n\nSecond paragraph.\n", c->line);
    struct doc *d = one(&g, "dl.txt", text);
    print_message("dateline: %s\n", c->line);
    assert_string_equal(d->title, "A headline");
    if (c->place) {
        assert_non_null(d->dateline_place);
        assert_string_equal(d->dateline_place, c->place);
    } else {
        assert_null(d->dateline_place);
    }
    if (c->published) {
        assert_non_null(d->published);
        assert_string_equal(d->published, c->published);
    } else {
        assert_null(d->published);
    }
    assert_int_equal(strncmp(body_of(d), c->body, strlen(c->body)), 0);
    assert_string_equal(d->text, text);
    got_free(&g);
}

static void test_datelines(void **state)
{
    (void)state;
    static const struct dl_case cases[] = {
        {"BAGHDAD, July 22, 2013 (Sitrep Wire) \xE2\x80\x94 Gunmen stormed a prison.",
         "Baghdad", "2013-07-22", "Gunmen stormed"},
        {"KABUL, Aug 27, 2021 (Agency) \xE2\x80\x94 A blast hit the airport.",
         "Kabul", "2021-08-27", "A blast hit"},
        {"KABUL, Aug. 27, 2021 \xE2\x80\x94 A blast hit the airport.",
         "Kabul", "2021-08-27", "A blast hit"},
        {"MOGADISHU, 3 March 2019 (Agency) - Militants attacked a hotel.",
         "Mogadishu", "2019-03-03", "Militants attacked"},
        {"NAIROBI, Kenya, Jan. 15, 2019 (Agency) \xE2\x80\x94Gunmen attacked a hotel.",
         "Nairobi", "2019-01-15", "Gunmen attacked"},
        {"LONDON (Agency) \xE2\x80\x94 Police arrested a man.", "London", NULL,
         "Police arrested"},
        {"PARIS \xE2\x80\x94 Police arrested a man.", "Paris", NULL, "Police arrested"},
        {"KANO, 2014-11-28 -- A bomb exploded at a mosque.", "Kano", "2014-11-28",
         "A bomb exploded"},
        {"MOSUL, Sept. 5, 2016 \xE2\x80\x93 Fighting resumed.", "Mosul", "2016-09-05",
         "Fighting resumed"},
        {"MOSUL, September 5, 2016 -- Fighting resumed.", "Mosul", "2016-09-05",
         "Fighting resumed"},
        {"SAINT-\xC3\x89TIENNE-DU-ROUVRAY, July 26, 2016 (Agency) \xE2\x80\x94 Two men "
         "attacked a church.",
         "Saint-\xC3\x89tienne-Du-Rouvray", "2016-07-26", "Two men attacked"},
        {"N'DJAMENA, June 15, 2015 \xE2\x80\x94 Suicide bombers struck.", "N'Djamena",
         "2015-06-15", "Suicide bombers"},
        {"DEIR EZ-ZOR, Syria, October 4, 2017 (Agency) \xE2\x80\x94 Strikes hit the city.",
         "Deir Ez-Zor", "2017-10-04", "Strikes hit"},
        {"Kabul, Aug 27, 2021 (Agency) \xE2\x80\x94 A blast hit the airport.", "Kabul",
         "2021-08-27", "A blast hit"},
        {"BAGHDAD, Monday, July 22, 2013 \xE2\x80\x94 Gunmen stormed a prison.", "Baghdad",
         "2013-07-22", "Gunmen stormed"},
        {"MAIDUGURI, Nigeria, May 3 (Agency) \xE2\x80\x94 Gunmen killed 5.", "Maiduguri",
         NULL, "Gunmen killed"},
        {"ST. LOUIS, March 1, 2020 - A shooting.", "St. Louis", "2020-03-01",
         "A shooting"},
        {"NEW DELHI: Police arrested three men.", "New Delhi", NULL, "Police arrested"},
        {"KYIV, Ukraine (AP) \xE2\x80\x94 Drones struck.", "Kyiv", NULL, "Drones struck"},
        {"JERUSALEM, Sept 3 (Reuters) - A stabbing.", "Jerusalem", NULL, "A stabbing"},
        {"BAMAKO, 22nd November 2015 \xE2\x80\x94 Gunmen.", "Bamako", "2015-11-22", "Gunmen"},
        /* impossible dates: a dateline, but no date */
        {"BAGHDAD, February 30, 2013 (Agency) \xE2\x80\x94 Gunmen stormed a prison.",
         "Baghdad", NULL, "Gunmen stormed"},
        {"BAGHDAD, Feb. 29, 2013 \xE2\x80\x94 Gunmen stormed a prison.", "Baghdad", NULL,
         "Gunmen stormed"},
        {"BAGHDAD, 2013-13-01 \xE2\x80\x94 Gunmen stormed a prison.", "Baghdad", NULL,
         "Gunmen stormed"},
        {"BAGHDAD, Feb. 29, 2016 \xE2\x80\x94 Gunmen stormed a prison.", "Baghdad",
         "2016-02-29", "Gunmen stormed"},
        /* not datelines */
        {"The attack \xE2\x80\x94 the third this year \xE2\x80\x94 killed 5.", NULL, NULL,
         "The attack"},
        {"Paris \xE2\x80\x94 the capital \xE2\x80\x94 was calm.", NULL, NULL, "Paris"},
        {"A car bomb exploded, July 22, 2013 \xE2\x80\x94 police said.", NULL, NULL,
         "A car bomb"},
        {"BAGHDAD-based officials said.", NULL, NULL, "BAGHDAD-based"},
        {"BAGHDAD, where the attack took place \xE2\x80\x94 was calm.", NULL, NULL,
         "BAGHDAD, where"},
        {"KABUL (Agency Gunmen attacked \xE2\x80\x94 a school.", NULL, NULL, "KABUL (Agency"},
        {"BREAKING \xE2\x80\x94 A blast in the capital.", NULL, NULL, "BREAKING"},
        {"UPDATE: A blast in the capital.", NULL, NULL, "UPDATE:"},
        {"Note: this is prose.", NULL, NULL, "Note:"},
        {"NEW DELHI, India: prose with a colon.", NULL, NULL, "NEW DELHI"},
        /* countries of several words; lower-case copy with a full dateline */
        {"BENI, Democratic Republic of the Congo, January 16, 2020 (W) \xE2\x80\x94 Raid.",
         "Beni", "2020-01-16", "Raid."},
        {"lima, peru, july 17, 1992 (test wire) \xE2\x80\x94 a car bomb.", "Lima",
         "1992-07-17", "a car bomb."},
        {"lima \xE2\x80\x94 a car bomb exploded.", NULL, NULL, "lima"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_dateline(&cases[i]);
}

static void test_dateline_without_title(void **state)
{
    (void)state;
    struct got g = {0};
    const char *t = "KABUL, Aug. 27, 2021 \xE2\x80\x94 A blast hit the airport.\n"
                    "More text follows.\n";
    struct doc *d = one(&g, "x.txt", t);
    assert_null(d->title);
    assert_string_equal(d->dateline_place, "Kabul");
    assert_string_equal(d->published, "2021-08-27");
    assert_int_equal(strncmp(body_of(d), "A blast", 7), 0);
    got_free(&g);

    /* a dateline followed by a blank line is not a title */
    t = "KABUL, Aug. 27, 2021 \xE2\x80\x94 A blast hit the airport.\n\nMore.\n";
    d = one(&g, "x.txt", t);
    assert_null(d->title);
    assert_string_equal(d->dateline_place, "Kabul");
    got_free(&g);
}

static void test_byline(void **state)
{
    (void)state;
    struct got g = {0};
    const char *t = "Title\n\nBy Jane Doe and John Roe\n\n"
                    "KABUL, Aug. 27, 2021 \xE2\x80\x94 A blast hit the airport.\n";
    struct doc *d = one(&g, "x.txt", t);
    assert_string_equal(d->dateline_place, "Kabul");
    assert_string_equal(body_of(d), "A blast hit the airport.\n");
    got_free(&g);

    /* a byline without a dateline after it: the body starts at the byline */
    d = one(&g, "x.txt", "Title\n\nBy Jane Doe\n\nA blast hit the airport.\n");
    assert_null(d->dateline_place);
    assert_string_equal(body_of(d), "By Jane Doe\n\nA blast hit the airport.\n");
    got_free(&g);

    /* a subheading (no full stop) may stand before the dateline too */
    d = one(&g, "x.txt", "Title\n\nToll rises to 290 as police hunt suspects\n\n"
                         "COLOMBO (Harbour Times) \xE2\x80\x94 Bombers struck churches.\n");
    assert_string_equal(d->dateline_place, "Colombo");
    assert_string_equal(body_of(d), "Bombers struck churches.\n");
    got_free(&g);

    /* but a sentence is the body itself, not a subheading */
    d = one(&g, "x.txt", "Title\n\nA blast hit the airport.\n\nKABUL \xE2\x80\x94 More.\n");
    assert_null(d->dateline_place);
    got_free(&g);
}

static void test_parse_text_keeps_fields(void **state)
{
    (void)state;
    struct doc *d = calloc(1, sizeof *d);
    d->text = strdup("BAGHDAD, July 22, 2013 (Agency) \xE2\x80\x94 Text.");
    d->len = strlen(d->text);
    d->published = strdup("2013-07-20");
    ingest_parse_text(d);
    assert_string_equal(d->published, "2013-07-20");
    assert_string_equal(d->dateline_place, "Baghdad");
    assert_string_equal(d->text + d->body, "Text.");
    doc_free(d);
    ingest_parse_text(NULL);
}

/* ---- UTF-8, refusals ---------------------------------------------------- */

/* Ingests in (len bytes): its text must be want with n repairs. */
static void check_repair(const char *in, size_t len, const char *want, int n)
{
    struct got g = {0};
    assert_int_equal(run_mem(&g, "u.txt", in, len, 0), ERR_OK);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.docs[0]->text, want);
    assert_int_equal(g.docs[0]->len, strlen(want));
    assert_int_equal(g.docs[0]->repaired, n);
    if (n) {
        char msg[64];
        snprintf(msg, sizeof msg, "invalid UTF-8 repaired (%d sequences)", n);
        assert_int_equal(g.nrep, 1);
        assert_int_equal(g.rep[0].level, INGEST_WARNING);
        assert_string_equal(g.rep[0].msg, msg);
        assert_string_equal(g.rep[0].source, "u.txt");
    } else {
        assert_int_equal(g.nrep, 0);
    }
    got_free(&g);
}

#define FFFD "\xEF\xBF\xBD"

static void test_utf8_repair(void **state)
{
    (void)state;
    /* valid: 2, 3 and 4 byte sequences */
    check_repair("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", 14, "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", 0);
    /* overlong forms */
    check_repair("a\xC0\xAF" "b", 4, "a" FFFD FFFD "b", 2);
    check_repair("a\xE0\x80\xAF" "b", 5, "a" FFFD FFFD FFFD "b", 3);
    check_repair("a\xF0\x80\x80\xAF" "b", 6, "a" FFFD FFFD FFFD FFFD "b", 4);
    /* surrogate */
    check_repair("a\xED\xA0\x80" "b", 5, "a" FFFD FFFD FFFD "b", 3);
    /* above U+10FFFF */
    check_repair("a\xF4\x90\x80\x80" "b", 6, "a" FFFD FFFD FFFD FFFD "b", 4);
    check_repair("a\xF5\x80" "b", 4, "a" FFFD FFFD "b", 2);
    /* lone continuation, truncated sequences */
    check_repair("a\x80" "b", 3, "a" FFFD "b", 1);
    check_repair("a\xE2\x82" "b", 4, "a" FFFD "b", 1);
    check_repair("abc\xE2\x82", 5, "abc" FFFD, 1);
    check_repair("abc\xF0\x9F\x98", 6, "abc" FFFD, 1);
    check_repair("\xFF\xFE" "abc", 5, FFFD FFFD "abc", 2);
}

static void test_refusals(void **state)
{
    (void)state;
    struct got g = {0};

    assert_int_equal(run_mem(&g, "nul.txt", "abc\0def", 7, 0), ERR_BINARY);
    assert_int_equal(g.ndocs, 0);
    assert_int_equal(g.nrep, 1);
    assert_int_equal(g.rep[0].level, INGEST_ERROR);
    assert_string_equal(g.rep[0].source, "nul.txt");
    assert_string_equal(g.rep[0].msg, "binary file (NUL bytes)");
    got_free(&g);

    char ctl[100];
    memset(ctl, 'a', sizeof ctl);
    for (int i = 0; i < 15; i++)
        ctl[i * 6] = '\x01';
    assert_int_equal(run_mem(&g, "ctl.txt", ctl, sizeof ctl, 0), ERR_BINARY);
    assert_string_equal(g.rep[0].msg, "binary file (control bytes)");
    got_free(&g);

    /* a few control bytes, tabs and form feeds are fine */
    ctl[0] = '\x1b';
    for (int i = 1; i < 15; i++)
        ctl[i * 6] = i % 2 ? '\t' : '\f';
    assert_int_equal(run_mem(&g, "ok.txt", ctl, sizeof ctl, 0), ERR_OK);
    assert_int_equal(g.ndocs, 1);
    got_free(&g);

    assert_int_equal(run_mem(&g, "empty.txt", "", 0, 0), ERR_EMPTY);
    assert_string_equal(g.rep[0].msg, "empty file");
    got_free(&g);
    assert_int_equal(run_mem(&g, "blank.txt", " \n\t\r\n", 5, 0), ERR_EMPTY);
    assert_string_equal(g.rep[0].msg, "empty file");
    got_free(&g);
    assert_int_equal(run_mem(&g, "blank.html", "  ", 2, 0), ERR_EMPTY);
    got_free(&g);

    assert_int_equal(run_mem(&g, "big.txt", "0123456789abcdefg", 17, 16), ERR_TOOBIG);
    assert_int_equal(g.ndocs, 0);
    assert_string_equal(g.rep[0].msg, "file too large: 17 bytes (limit 16)");
    got_free(&g);
    assert_int_equal(run_mem(&g, "fits.txt", "0123456789abcdef", 16, 16), ERR_OK);
    assert_int_equal(g.ndocs, 1);
    got_free(&g);
}

/* ---- HTML --------------------------------------------------------------- */

static const char page[] =
    "<!DOCTYPE html><html><head>"
    "<title>Bomb kills 12 in Kabul | The Daily Planet</title>"
    "<meta property=\"og:site_name\" content=\"The Daily Planet\">"
    "<meta property=\"article:published_time\" content=\"2021-08-27T10:15:00+04:30\">"
    "<style>p { color: red }</style>"
    "<script>var x = '<p>not text</p>';</script>"
    "</head><body>"
    "<a class=\"skip-link\" href=\"#main\">Skip to content</a>"
    "<header><div class=\"logo\">The Daily Planet</div></header>"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
    "<div class=\"cookie-banner\">We use cookies.</div>"
    "<main><article>"
    "<h1>Bomb kills 12 in Kabul</h1>"
    "<div class=\"share-buttons\"><a>Share on Facebook</a><a>Tweet</a></div>"
    "<p>KABUL, Aug. 27, 2021 (Agency) &mdash; A   suicide bomber\n killed <b>12</b> people "
    "&amp; wounded 30 near the airport.</p>"
    "<figure><img src=\"x.jpg\"><figcaption>The scene.</figcaption></figure>"
    "<p>The Islamic State claimed&nbsp;the attack.</p>"
    "<p>Read also: <a href=\"/other\">Another attack in Herat</a></p>"
    "<div class=\"ad-slot\">Advertisement</div>"
    "<h2>Read also</h2><ul><li><a>Older story one</a></li><li><a>Older story two</a></li></ul>"
    "<h2>The aftermath</h2>"
    "<p>Hospitals were overwhelmed.</p>"
    "</article></main>"
    "<aside><h3>Latest</h3><p>Unrelated story in the sidebar.</p></aside>"
    "<div class=\"related-stories\"><p>Related story text.</p></div>"
    "<section><h3>More stories</h3><p>A teaser paragraph of another story.</p></section>"
    "<footer><p>Copyright 2021</p></footer>"
    "</body></html>";

static void test_html_main_text(void **state)
{
    (void)state;
    struct got g = {0};
    struct doc *d = one(&g, "news/kabul.html", page);
    assert_string_equal(d->id, "kabul");
    assert_string_equal(d->title, "Bomb kills 12 in Kabul");
    assert_string_equal(d->published, "2021-08-27");
    assert_string_equal(d->dateline_place, "Kabul");
    const char *want =
        "Bomb kills 12 in Kabul\n\n"
        "KABUL, Aug. 27, 2021 (Agency) \xE2\x80\x94 A suicide bomber killed 12 people & "
        "wounded 30 near the airport.\n\n"
        "The Islamic State claimed the attack.\n\n"
        "The aftermath\n\n"
        "Hospitals were overwhelmed.";
    assert_string_equal(d->text, want);
    assert_int_equal(d->len, strlen(want));
    assert_int_equal(strncmp(body_of(d), "A suicide bomber", 16), 0);
    assert_false(has(d, "not text"));
    assert_false(has(d, "color"));
    assert_false(has(d, "Skip"));
    assert_false(has(d, "Home"));
    assert_false(has(d, "cookies"));
    assert_false(has(d, "Share"));
    assert_false(has(d, "Older story"));
    assert_false(has(d, "Herat"));
    assert_false(has(d, "Advertisement"));
    assert_false(has(d, "sidebar"));
    assert_false(has(d, "Related"));
    assert_false(has(d, "teaser"));
    assert_false(has(d, "Copyright"));
    assert_false(has(d, "scene"));
    got_free(&g);
}

static void test_html_metadata(void **state)
{
    (void)state;
    struct got g = {0};
    struct doc *d;

    /* og:title wins over <title>; date from <meta name="date"> */
    d = one(&g, "a.htm",
            "<html><head><title>Other | Site</title>"
            "<meta property=\"og:title\" content=\"Gunmen storm hotel\">"
            "<meta name=\"date\" content=\"2019-01-15\"></head>"
            "<body><p>Gunmen stormed a hotel in Nairobi.</p></body></html>");
    assert_string_equal(d->title, "Gunmen storm hotel");
    assert_string_equal(d->published, "2019-01-15");
    assert_string_equal(d->text, "Gunmen storm hotel\n\nGunmen stormed a hotel in Nairobi.");
    assert_int_equal(d->body, strlen("Gunmen storm hotel\n\n"));
    got_free(&g);

    /* date from <time datetime>; title suffix " - Site" stripped */
    d = one(&g, "b.html",
            "<html><head><title>Attack on army base kills 20 - World News</title></head>"
            "<body><article><time datetime=\"2020-03-01T08:00:00Z\">1 March</time>"
            "<p>Militants attacked an army base.</p></article></body></html>");
    assert_string_equal(d->title, "Attack on army base kills 20");
    assert_string_equal(d->published, "2020-03-01");
    got_free(&g);

    /* date and headline from JSON-LD */
    d = one(&g, "c.html",
            "<html><head><script type=\"application/ld+json\">"
            "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},"
            "{\"@type\":\"NewsArticle\",\"headline\":\"Rebels seize town\","
            "\"datePublished\":\"2018-06-02T12:00:00Z\"}]}"
            "</script></head><body><p>Rebels seized the town.</p></body></html>");
    assert_string_equal(d->title, "Rebels seize town");
    assert_string_equal(d->published, "2018-06-02");
    got_free(&g);

    /* title from the first h1; the h1 is not repeated in the body; a
     * dateline date is used when the page has none */
    d = one(&g, "d.html",
            "<body><div><h1>Blast in Quetta</h1>"
            "<p>QUETTA, Pakistan, Feb. 5, 2022 (Agency) -- A blast killed 3.</p>"
            "</div></body>");
    assert_string_equal(d->title, "Blast in Quetta");
    assert_string_equal(d->published, "2022-02-05");
    assert_string_equal(d->dateline_place, "Quetta");
    assert_string_equal(d->text, "Blast in Quetta\n\nQUETTA, Pakistan, Feb. 5, 2022 "
                                 "(Agency) -- A blast killed 3.");
    assert_string_equal(body_of(d), "A blast killed 3.");
    got_free(&g);

    /* a declared legacy charset is decoded */
    d = one(&g, "e.html",
            "<html><head><meta charset=\"iso-8859-1\"></head>"
            "<body><p>Caf\xE9 attacked.</p></body></html>");
    assert_string_equal(d->text, "Caf\xC3\xA9 attacked.");
    assert_int_equal(d->repaired, 0);
    got_free(&g);

    /* an unknown declared charset: read as UTF-8 */
    d = one(&g, "u.html", "<meta charset=\"x-no-such\"><p>Caf\xC3\xA9.</p>");
    assert_string_equal(d->text, "Caf\xC3\xA9.");
    got_free(&g);

    /* a <time> in a sidebar or a related box dates another story */
    d = one(&g, "t.html",
            "<body><aside><time datetime=\"2001-01-01\">x</time></aside>"
            "<div class=\"related\"><time datetime=\"2002-02-02\">y</time></div>"
            "<p>Story text.</p><time datetime=\"2020-05-05\">May 5</time></body>");
    assert_string_equal(d->published, "2020-05-05");
    assert_null(d->title);
    assert_string_equal(d->text, "Story text.\n\nMay 5");
    assert_int_equal(d->body, 0);
    got_free(&g);

    /* without a charset, invalid UTF-8 is repaired and counted */
    d = one(&g, "f.html", "<p>Caf\xE9 attacked.</p>");
    assert_string_equal(d->text, "Caf" FFFD " attacked.");
    assert_int_equal(d->repaired, 1);
    assert_int_equal(g.nrep, 1);
    assert_int_equal(g.rep[0].level, INGEST_WARNING);
    got_free(&g);
}

static void test_html_container(void **state)
{
    (void)state;
    struct got g = {0};
    /* no <article>: the element with the most paragraph text */
    struct doc *d = one(&g, "g.html",
            "<body><div id=\"top\"><p>Short teaser.</p></div>"
            "<div class=\"story\"><p>First paragraph of the story, long enough.</p>"
            "<p>Second paragraph of the story, also long enough.</p></div>"
            "<div class=\"x\"><p>Tiny.</p></div></body>");
    assert_string_equal(d->text, "First paragraph of the story, long enough.\n\n"
                                 "Second paragraph of the story, also long enough.");
    got_free(&g);

    /* a junk heading takes its list, not the story that follows it */
    d = one(&g, "j.html",
            "<body><h3>Latest</h3><ul><li>Teaser one</li><li>Teaser two</li></ul>"
            "<article><p>Paragraph one.</p><p>Paragraph two.</p></article></body>");
    assert_string_equal(d->text, "Paragraph one.\n\nParagraph two.");
    got_free(&g);
    d = one(&g, "k.html",
            "<body><h3>Related</h3><ul><li>Teaser one</li></ul>"
            "<div><p>Paragraph one.</p><p>Paragraph two.</p><p>Paragraph three.</p></div></body>");
    assert_string_equal(d->text, "Paragraph one.\n\nParagraph two.\n\nParagraph three.");
    got_free(&g);

    /* no text at all */
    const char *empty = "<html><body><script>x()</script></body></html>";
    assert_int_equal(run_mem(&g, "h.html", empty, strlen(empty), 0), ERR_EMPTY);
    assert_int_equal(g.ndocs, 0);
    assert_int_equal(g.nrep, 1);
    got_free(&g);
}

static void test_html_deep(void **state)
{
    (void)state;
    struct got g = {0};
    size_t depth = 20000;
    size_t len = depth * 5 + 64;
    char *s = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(s + n, len + 1 - n, "<div>");
    n += (size_t)snprintf(s + n, len + 1 - n, "deep text");
    /* the tree is built, but nothing below the depth cap is read */
    int rc = run_mem(&g, "deep.html", s, n, 0);
    assert_true(rc == ERR_OK || rc == ERR_EMPTY);
    got_free(&g);
    free(s);
}

/* ---- JSON lines --------------------------------------------------------- */

static void test_jsonl(void **state)
{
    (void)state;
    struct got g = {0};
    const char *in =
        "{\"id\": \"a1\", \"text\": \"KABUL, Aug. 27, 2021 (Agency) \\u2014 A blast.\", "
        "\"title\": \"Blast\", \"url\": \"https://example.org/a1\"}\n"
        "\n"
        "{\"id\": \"a2\", \"text\": \"Text two.\", \"published\": \"2020-01-02T10:00:00Z\"}\n"
        "{not json}\n"
        "[1, 2]\n"
        "{\"text\": \"no id\"}\n"
        "{\"id\": \"a7\"}\n"
        "{\"id\": 8, \"text\": \"numeric id\"}\n"
        "{\"id\": \"a9\", \"text\": \"\"}\n"
        "{\"id\": \"a10\", \"text\": \"x\", \"title\": 5}\n"
        "{\"id\": \"a11\", \"text\": \"Text eleven.\", \"published\": \"2020-02-30\"}\n"
        "{\"id\": \"a12\", \"text\": \"x\"} trailing\n"
        "{\"id\": \"a13\", \"text\": \"Headline\\n\\nPARIS \\u2014 Body.\", "
        "\"published\": \"2019-05-06\"}";
    assert_int_equal(run_mem(&g, "feed.jsonl", in, strlen(in), 0), ERR_PARSE);
    assert_int_equal(g.ndocs, 4);

    struct doc *d = g.docs[0];
    assert_string_equal(d->id, "a1");
    assert_string_equal(d->source, "feed.jsonl:1");
    assert_string_equal(d->title, "Blast");
    assert_string_equal(d->url, "https://example.org/a1");
    assert_string_equal(d->published, "2021-08-27");
    assert_string_equal(d->dateline_place, "Kabul");
    assert_string_equal(d->text, "KABUL, Aug. 27, 2021 (Agency) \xE2\x80\x94 A blast.");
    assert_string_equal(body_of(d), "A blast.");

    d = g.docs[1];
    assert_string_equal(d->id, "a2");
    assert_string_equal(d->source, "feed.jsonl:3");
    assert_string_equal(d->published, "2020-01-02");
    assert_null(d->title);

    d = g.docs[2];
    assert_string_equal(d->id, "a11");
    assert_null(d->published);

    d = g.docs[3];
    assert_string_equal(d->id, "a13");
    assert_string_equal(d->title, "Headline");
    assert_string_equal(d->published, "2019-05-06");
    assert_string_equal(d->dateline_place, "Paris");
    assert_string_equal(body_of(d), "Body.");

    static const struct {
        const char *source;
        const char *msg_start;
    } want[] = {
        {"feed.jsonl:4", "invalid JSON at line 4: "},
        {"feed.jsonl:5", "invalid document at line 5: not a JSON object"},
        {"feed.jsonl:6", "invalid document at line 6: \"id\" is missing"},
        {"feed.jsonl:7", "invalid document at line 7: \"text\" is missing"},
        {"feed.jsonl:8", "invalid document at line 8: \"id\" is not a string"},
        {"feed.jsonl:9", "invalid document at line 9: \"text\" is missing or empty"},
        {"feed.jsonl:10", "invalid document at line 10: \"title\" is not a string"},
        {"feed.jsonl:11", "line 11: \"published\" is not a date"},
        {"feed.jsonl:12", "invalid JSON at line 12: unexpected 't' at byte 28 after"},
    };
    assert_int_equal(g.nrep, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < g.nrep; i++) {
        print_message("%s: %s\n", g.rep[i].source, g.rep[i].msg);
        assert_string_equal(g.rep[i].source, want[i].source);
        assert_int_equal(strncmp(g.rep[i].msg, want[i].msg_start, strlen(want[i].msg_start)), 0);
        assert_int_equal(g.rep[i].level, i == 7 ? INGEST_WARNING : INGEST_ERROR);
    }
    got_free(&g);

    /* a text over the limit, invalid UTF-8 in a line, an empty file */
    const char *big = "{\"id\": \"b\", \"text\": \"0123456789abcdefXYZ\"}\n"
                      "{\"id\": \"c\", \"text\": \"ok \xC0 text\"}\n";
    assert_int_equal(run_mem(&g, "big.jsonl", big, strlen(big), 16), ERR_TOOBIG);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.docs[0]->text, "ok " FFFD " text");
    assert_int_equal(g.docs[0]->repaired, 1);
    assert_int_equal(g.nrep, 2);
    assert_string_equal(g.rep[0].msg, "document too large at line 1: 19 bytes (limit 16)");
    assert_string_equal(g.rep[1].source, "big.jsonl:2");
    assert_string_equal(g.rep[1].msg, "invalid UTF-8 repaired (1 sequences)");
    got_free(&g);

    assert_int_equal(run_mem(&g, "e.jsonl", "\n\n", 2, 0), ERR_EMPTY);
    assert_string_equal(g.rep[0].msg, "empty file");
    got_free(&g);
}

/* ---- files and directories ---------------------------------------------- */

/* Writes a file under dir. */
static void write_file(const char *dir, const char *name, const char *data, size_t len)
{
    char path[8192]; /* room for any directory and name the tests make */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* Runs ingest_path. */
static int run_path(struct got *g, const char *path, size_t max)
{
    struct ingest_opts o = {max};
    struct ingest_sink s = {on_doc, on_report, g};
    return ingest_path(path, &o, &s);
}

/* Removes a directory tree (test helper; names are ours). */
static void rm_tree(const char *dir)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/sitrep-ingest-XXXXXX";
    char path[1024];
    struct got g = {0};
    assert_non_null(mkdtemp(dir));

    write_file(dir, "b.txt", "Bee\n\nSecond file.", 17);
    write_file(dir, "a.txt", "Aye\n\nFirst file.", 16);
    write_file(dir, ".hidden.txt", "Hidden.", 7);
    write_file(dir, "notes.dat", "Unknown extension.", 18);
    write_file(dir, "z.jsonl", "{\"id\":\"z1\",\"text\":\"One.\"}\n{\"id\":\"z2\",\"text\":\"Two.\"}\n", 52);
    write_file(dir, "empty.txt", "", 0);
    snprintf(path, sizeof path, "%s/sub", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    write_file(path, "c.html", "<p>Third file.</p>", 18);
    write_file(path, "C.TXT", "Upper-case extension.", 21);
    snprintf(path, sizeof path, "%s/.git", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    write_file(path, "x.txt", "Hidden directory.", 17);
    /* a symbolic link loop must not hang */
    snprintf(path, sizeof path, "%s/sub/loop", dir);
    assert_int_equal(symlink(dir, path), 0);

    assert_int_equal(run_path(&g, dir, 0), ERR_EMPTY);
    static const char *const ids[] = {"a", "b", "C", "c", "z1", "z2"};
    assert_int_equal(g.ndocs, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(g.docs[i]->id, ids[i]);
    snprintf(path, sizeof path, "%s/sub/c.html", dir);
    assert_string_equal(g.docs[3]->source, path);
    assert_string_equal(g.docs[3]->text, "Third file.");
    assert_int_equal(g.nrep, 1);
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    assert_string_equal(g.rep[0].source, path);
    assert_string_equal(g.rep[0].msg, "empty file");
    got_free(&g);

    /* stopping after the first document */
    g.stop_after = 1;
    assert_int_equal(run_path(&g, dir, 0), ERR_OK);
    assert_int_equal(g.ndocs, 1);
    got_free(&g);

    /* an unknown extension named explicitly is read as text */
    snprintf(path, sizeof path, "%s/notes.dat", dir);
    assert_int_equal(run_path(&g, path, 0), ERR_OK);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.docs[0]->id, "notes");
    assert_string_equal(g.docs[0]->text, "Unknown extension.");
    got_free(&g);

    /* too large on disk */
    snprintf(path, sizeof path, "%s/a.txt", dir);
    assert_int_equal(run_path(&g, path, 10), ERR_TOOBIG);
    assert_string_equal(g.rep[0].msg, "file too large: 16 bytes (limit 10)");
    got_free(&g);

    /* a JSON-lines file is streamed */
    snprintf(path, sizeof path, "%s/z.jsonl", dir);
    assert_int_equal(run_path(&g, path, 0), ERR_OK);
    assert_int_equal(g.ndocs, 2);
    assert_string_equal(g.docs[1]->source, strcat(path, ":2"));
    got_free(&g);

    rm_tree(dir);
}

static void test_deep_directories(void **state)
{
    (void)state;
    char dir[] = "/tmp/sitrep-ingest-XXXXXX";
    char path[4096];
    struct got g = {0};
    assert_non_null(mkdtemp(dir));
    size_t n = (size_t)snprintf(path, sizeof path, "%s", dir);
    for (int i = 0; i < 40; i++) {
        n += (size_t)snprintf(path + n, sizeof path - n, "/d");
        assert_int_equal(mkdir(path, 0700), 0);
        write_file(path, "f.txt", "Text.", 5);
    }
    assert_int_equal(run_path(&g, dir, 0), ERR_TOOBIG);
    assert_int_equal(g.ndocs, 32);
    assert_int_equal(g.nrep, 1);
    got_free(&g);
    rm_tree(dir);
}

static void test_long_jsonl_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/sitrep-ingest-XXXXXX";
    char path[1024];
    struct got g = {0};
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/long.jsonl", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"id\":\"x\",\"text\":\"", f);
    for (size_t i = 0; i < (INGEST_MAX_LINE / 4096) + 1; i++) {
        static char block[4096];
        memset(block, 'a', sizeof block);
        fwrite(block, 1, sizeof block, f);
    }
    fputs("\"}\n{\"id\":\"y\",\"text\":\"After.\"}\n", f);
    fclose(f);
    assert_int_equal(run_path(&g, path, 0), ERR_TOOBIG);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.docs[0]->id, "y");
    assert_int_equal(g.nrep, 1);
    assert_int_equal(strncmp(g.rep[0].msg, "line 1 too long", 15), 0);
    got_free(&g);
    rm_tree(dir);
}

static void test_missing(void **state)
{
    (void)state;
    struct got g = {0};
    assert_int_equal(run_path(&g, "/nonexistent/sitrep/file.txt", 0), ERR_NOTFOUND);
    assert_int_equal(g.ndocs, 0);
    assert_int_equal(g.nrep, 1);
    assert_int_equal(g.rep[0].level, INGEST_ERROR);
    assert_string_equal(g.rep[0].source, "/nonexistent/sitrep/file.txt");
    assert_string_equal(g.rep[0].msg, "No such file or directory");
    got_free(&g);
}

static void test_stdin(void **state)
{
    (void)state;
    struct got g = {0};
    int saved = dup(0);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    const char *t = "Title\n\nPARIS \xE2\x80\x94 Body from stdin.";
    assert_int_equal(write(fds[1], t, strlen(t)), (ssize_t)strlen(t));
    close(fds[1]);
    dup2(fds[0], 0);
    close(fds[0]);
    assert_int_equal(run_path(&g, "-", 0), ERR_OK);
    dup2(saved, 0);
    close(saved);
    assert_int_equal(g.ndocs, 1);
    assert_string_equal(g.docs[0]->id, "stdin");
    assert_string_equal(g.docs[0]->source, "-");
    assert_string_equal(g.docs[0]->dateline_place, "Paris");
    got_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_and_body),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_dateline_without_title),
        cmocka_unit_test(test_byline),
        cmocka_unit_test(test_parse_text_keeps_fields),
        cmocka_unit_test(test_utf8_repair),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_html_main_text),
        cmocka_unit_test(test_html_metadata),
        cmocka_unit_test(test_html_container),
        cmocka_unit_test(test_html_deep),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_deep_directories),
        cmocka_unit_test(test_long_jsonl_line),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_stdin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
