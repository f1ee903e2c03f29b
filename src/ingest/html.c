/* html.c - main-text extraction from HTML pages.
 *
 * A news page holds one article among menus, share buttons, teasers,
 * cookie banners and scripts. libxml2's forgiving HTML parser builds the
 * tree; then four bounded passes over it: metadata (title, publication
 * date from meta tags, JSON-LD and <time>), cleaning (boilerplate subtrees
 * unlinked), scoring (paragraph text per element, to find the container of
 * the story) and emission (paragraphs of the container, white space
 * collapsed, separated by blank lines). Every walk stops at HTML_MAX_DEPTH:
 * the parser itself builds trees of any depth. */
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "ingest_int.h"

#define HTML_MAX_DEPTH 512      /* deepest element looked at */
#define HTML_MAX_TITLE 1000     /* bytes of a title */
#define HTML_MAX_SCRIPT (1u << 20) /* bytes of one JSON-LD script */
#define HTML_MAX_JSONLD 8       /* JSON-LD scripts parsed per page */
#define LD_MAX_DEPTH 6          /* JSON-LD nesting searched for dates */
#define SHORT_TEXT 48           /* longest text of a heading-like marker */
#define JUNK_PARA 300           /* longest paragraph dropped by its opening */
#define PROBE_BUDGET 256        /* nodes visited to read a marker's text */

#define PARSE_OPTS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                    HTML_PARSE_NOWARNING | XML_PARSE_HUGE)

/* Elements removed with everything inside them. */
static const char *const drop_tags[] = {
    "aside", "audio", "button", "canvas", "dialog", "embed", "figcaption",
    "figure", "footer", "head", "header", "iframe", "img", "input", "label",
    "link", "map", "math", "menu", "meta", "nav", "noscript", "object",
    "picture", "script", "select", "source", "style", "svg", "template",
    "textarea", "title", "video", NULL};

/* Elements that start a new paragraph. */
static const char *const block_tags[] = {
    "address", "article", "blockquote", "body", "br", "center", "dd",
    "details", "div", "dl", "dt", "fieldset", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL};

/* Elements never dropped for their class or id (a "has-share-bar" class
 * on <body> must not take the page with it). */
static const char *const structural_tags[] = {"html", "body", "main", "article", NULL};

/* Pieces of class and id values that mark boilerplate. */
static const char *const boiler_words[] = {
    "share", "social", "related", "newsletter", "cookie", "comment", "skip",
    "menu", "breadcrumb", "promo", "sidebar", "subscribe", "signup",
    "sign-up", "popup", "modal", "sponsor", "outbrain", "taboola", "advert",
    "paywall", "caption", "most-read", "mostread", "most-popular",
    "trending", "recommend", "sr-only", "visually-hidden", "screen-reader",
    "read-more", "readmore", "also-read", "more-stories", "toolbar",
    "navbar", "masthead", "footer", "byline", "dfp-", "adslot", "ad-slot",
    "more-on",
    NULL};

/* ARIA roles of boilerplate. */
static const char *const boiler_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search",
    "dialog", "alertdialog", "menu", "menubar", "toolbar", NULL};

/* Texts of headings over blocks that are not the story, and of junk
 * paragraphs (lower case, without a final colon). */
static const char *const junk_exact[] = {
    "read also", "read more", "also read", "see also", "latest",
    "latest news", "latest stories", "latest articles", "the latest",
    "related", "related articles", "related stories", "related content",
    "related news", "related topics", "related coverage", "related posts",
    "more stories", "more news", "most read", "most popular", "most viewed",
    "trending", "trending now", "recommended", "recommended for you",
    "you may also like", "you might also like", "top stories",
    "editor's picks", "editors' picks", "more on this story",
    "in other news", "share", "share this", "share this article",
    "share this story", "comments", "advertisement", "advertisment",
    "newsletter", "skip to content", "skip to main content",
    "continue reading", "sponsored", "sponsored content", NULL};

/* Openings of such headings and of short junk paragraphs. */
static const char *const junk_prefix[] = {
    "read also", "read more", "also read", "see also", "related:",
    "related ", "recommended", "more stories", "more from ",
    "more on ", "most read", "you may also", "you might also",
    "skip to ", "click here", "share on ", "sign up for", "subscribe to our",
    NULL};

/* Element data kept during scoring: reached through node->_private. */
struct score {
    xmlNodePtr node;
    size_t score; /* paragraph text of children, half of grandchildren */
    size_t ptext; /* paragraph text anywhere below */
};

struct html {
    char *og_title, *tag_title, *ld_title, *h1_title, *site_name;
    char *meta_date;
    int meta_rank; /* 1: article:published_time; 2: other meta names */
    char *ld_date, *time_article, *time_any;
    int ld_scripts;
    struct score *sc;
    size_t nsc, capsc;
    xmlNodePtr best_article, main_el;
    size_t best_article_text;
    const char *title; /* the chosen one (points into a field above) */
    struct buf out, para;
    bool space; /* white space is pending in para */
};

/* ---- small helpers ------------------------------------------------------ */

/* True when s is in the NULL-terminated list. */
static bool in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* The lower-case tag name of an element node, or NULL. */
static const char *tag(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : NULL;
}

/* True when n is an element with tag name t. */
static bool is(xmlNodePtr n, const char *t)
{
    const char *name = tag(n);
    return name && strcmp(name, t) == 0;
}

/* True for h1 .. h6. */
static bool is_heading(xmlNodePtr n)
{
    const char *t = tag(n);
    return t && t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0';
}

/* The value of attribute name of n (a pointer into the tree), or NULL. */
static const char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, name) == 0) {
            xmlNodePtr v = a->children;
            if (v && (v->type == XML_TEXT_NODE) && v->content)
                return (const char *)v->content;
            return "";
        }
    }
    return NULL;
}

/* Lower-cases ASCII letters of s[0..n) into out (size outlen, NUL-ended). */
static void lower_copy(const char *s, size_t n, char *out, size_t outlen)
{
    size_t k = 0;
    for (; k < n && k + 1 < outlen; k++)
        out[k] = ic_lower(s[k]);
    out[k] = '\0';
}

/* True when a and b are equal but for ASCII case. */
static bool ieq(const char *a, const char *b)
{
    while (*a && ic_lower(*a) == ic_lower(*b))
        a++, b++;
    return ic_lower(*a) == ic_lower(*b);
}

/* True when the ASCII lower-case of s contains w (lower case). */
static bool icontains(const char *s, const char *w)
{
    size_t wl = strlen(w);
    for (; *s; s++) {
        size_t k = 0;
        while (k < wl && s[k] && ic_lower(s[k]) == w[k])
            k++;
        if (k == wl)
            return true;
    }
    return false;
}

/* Appends as much of s[0..n) as b's limit allows; true when all fitted. */
static bool put(struct buf *b, const char *s, size_t n)
{
    if (b->limit && n > b->limit - (b->len < b->limit ? b->len : b->limit)) {
        size_t room = b->len < b->limit ? b->limit - b->len : 0;
        buf_append(b, s, room);
        return false;
    }
    return buf_append(b, s, n) == ERR_OK;
}

/* Appends text t to b with runs of white space (and no-break spaces)
 * collapsed to one space, none at the start; *space carries a pending
 * space between calls. Stops silently at b's limit. */
static void append_collapsed(struct buf *b, bool *space, const char *t, size_t n)
{
    size_t run = 0, i = 0;
    while (i < n) {
        size_t ws = IC(t[i], IC_SPACE) ? 1
                  : (i + 1 < n && t[i] == '\xC2' && t[i + 1] == '\xA0') ? 2 : 0;
        if (!ws) {
            if (*space && b->len > 0 && run == i)
                buf_putc(b, ' ');
            *space = false;
            i++;
            continue;
        }
        put(b, t + run, i - run);
        i += ws;
        run = i;
        *space = true;
    }
    if (run < n)
        put(b, t + run, n - run);
}

/* Appends the text below n to b, collapsed; visits at most *budget nodes
 * when budget is not NULL. */
static void text_below(xmlNodePtr n, struct buf *b, bool *space, int depth,
                       size_t *budget)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (budget && (*budget == 0 || --*budget == 0))
            return;
        if (b->limit && b->len >= b->limit)
            return;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            append_collapsed(b, space, (const char *)c->content,
                             strlen((const char *)c->content));
        else if (c->type == XML_ELEMENT_NODE && depth < HTML_MAX_DEPTH)
            text_below(c, b, space, depth + 1, budget);
    }
}

/* Cuts s to at most max bytes at a UTF-8 character boundary. */
static void utf8_cut(char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    s[max] = '\0';
}

/* Removes trailing white space (the collapse leaves at most one). */
static void rtrim(struct buf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
}

/* The collapsed text of n on one line (freed by the caller), or NULL
 * when empty. */
static char *text_of(xmlNodePtr n, int depth, size_t limit)
{
    struct buf b;
    bool space = false;
    buf_init(&b, limit);
    text_below(n, &b, &space, depth, NULL);
    rtrim(&b);
    if (b.len == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b);
}

/* The collapsed, lower-cased text of a small element into out, without a
 * final colon; false when it is longer than SHORT_TEXT or empty. */
static bool short_text(xmlNodePtr n, int depth, char *out, size_t outlen)
{
    struct buf b;
    bool space = false;
    size_t budget = PROBE_BUDGET;
    buf_init(&b, SHORT_TEXT + 1);
    text_below(n, &b, &space, depth, &budget);
    rtrim(&b);
    bool ok = b.len > 0 && b.len <= SHORT_TEXT && budget > 0;
    if (ok) {
        while (b.len > 0 && (b.data[b.len - 1] == ':' || b.data[b.len - 1] == ' '))
            b.len--;
        lower_copy(b.data, b.len, out, outlen);
    }
    buf_free(&b);
    return ok && out[0];
}

/* True when the lower-case text t names a block that is not the story
 * (exactly, or by its opening when prefix is set). */
static bool junk_text(const char *t, bool prefix)
{
    if (in_list(t, junk_exact))
        return true;
    if (!prefix)
        return false;
    for (size_t i = 0; junk_prefix[i]; i++)
        if (strncmp(t, junk_prefix[i], strlen(junk_prefix[i])) == 0)
            return true;
    return false;
}

/* ---- pass 1: metadata --------------------------------------------------- */

/* Keeps a normalised copy of a date string in *slot when it is empty. */
static void keep_date(char **slot, const char *s)
{
    char date[11];
    if (!*slot && s && ingest_norm_date(s, strlen(s), date))
        *slot = xstrdup(date);
}

/* Searches a JSON-LD value for datePublished and headline. */
static void ld_scan(struct html *h, const cJSON *j, int depth)
{
    if (!j || depth > LD_MAX_DEPTH)
        return;
    if (cJSON_IsObject(j)) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "datePublished");
        if (cJSON_IsString(v))
            keep_date(&h->ld_date, v->valuestring);
        v = cJSON_GetObjectItemCaseSensitive(j, "headline");
        if (cJSON_IsString(v) && v->valuestring[0] && !h->ld_title)
            h->ld_title = xstrdup(v->valuestring);
    }
    if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
        const cJSON *c;
        cJSON_ArrayForEach(c, j)
            if (cJSON_IsObject(c) || cJSON_IsArray(c))
                ld_scan(h, c, depth + 1);
    }
}

/* Parses one <script type="application/ld+json">. */
static void ld_script(struct html *h, xmlNodePtr n)
{
    struct buf b;
    if (h->ld_scripts++ >= HTML_MAX_JSONLD)
        return;
    buf_init(&b, HTML_MAX_SCRIPT);
    for (xmlNodePtr c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
            buf_puts(&b, (const char *)c->content) != ERR_OK)
            goto out;
    if (b.len) {
        cJSON *j = cJSON_ParseWithLength(b.data, b.len);
        ld_scan(h, j, 0);
        cJSON_Delete(j);
    }
out:
    buf_free(&b);
}

/* Reads one <meta>: titles, site name, publication dates. */
static void meta_tag(struct html *h, xmlNodePtr n)
{
    static const char *const date_names[] = {
        "date", "pubdate", "publishdate", "publish-date", "publish_date",
        "publication_date", "datepublished", "dc.date", "dc.date.issued",
        "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
        "og:published_time", "article.published", "originalpublicationdate", NULL};
    const char *content = attr(n, "content");
    const char *keys[3] = {attr(n, "property"), attr(n, "name"), attr(n, "itemprop")};
    char key[40];
    if (!content || !*content)
        return;
    for (int k = 0; k < 3; k++) {
        if (!keys[k])
            continue;
        lower_copy(keys[k], strlen(keys[k]), key, sizeof key);
        if ((!strcmp(key, "og:title") || !strcmp(key, "twitter:title")) && !h->og_title)
            h->og_title = xstrdup(content);
        else if ((!strcmp(key, "og:site_name") || !strcmp(key, "application-name")) &&
                 !h->site_name)
            h->site_name = xstrdup(content);
        else if (!strcmp(key, "article:published_time") ||
                 !strcmp(key, "og:article:published_time")) {
            if (h->meta_rank != 1) {
                char *old = h->meta_date;
                h->meta_date = NULL;
                keep_date(&h->meta_date, content);
                if (h->meta_date) {
                    h->meta_rank = 1;
                    free(old);
                } else {
                    h->meta_date = old;
                }
            }
        } else if (in_list(key, date_names) && !h->meta_date) {
            keep_date(&h->meta_date, content);
            if (h->meta_date)
                h->meta_rank = 2;
        }
    }
}

static bool boiler_value(const char *v);

/* Walks the whole tree for metadata. in_article: below an <article>;
 * in_junk: below navigation, asides, footers or boilerplate classes, whose
 * <time> and <h1> belong to other stories or to the site. */
static void meta_walk(struct html *h, xmlNodePtr n, int depth, bool in_article, bool in_junk)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        const char *t = tag(c);
        if (!t)
            continue;
        bool junk = in_junk || !strcmp(t, "nav") || !strcmp(t, "aside") ||
                    !strcmp(t, "footer") || boiler_value(attr(c, "class")) ||
                    boiler_value(attr(c, "id"));
        if (!strcmp(t, "meta")) {
            meta_tag(h, c);
        } else if (!strcmp(t, "title")) {
            if (!h->tag_title)
                h->tag_title = text_of(c, depth, HTML_MAX_TITLE * 2);
            continue;
        } else if (!strcmp(t, "h1")) {
            if (!h->h1_title && !junk)
                h->h1_title = text_of(c, depth, HTML_MAX_TITLE * 2);
        } else if (!strcmp(t, "script")) {
            const char *type = attr(c, "type");
            if (type && icontains(type, "ld+json"))
                ld_script(h, c);
            continue;
        } else if (!strcmp(t, "time") && !junk) {
            const char *dt = attr(c, "datetime");
            if (in_article)
                keep_date(&h->time_article, dt);
            keep_date(&h->time_any, dt);
        }
        if (depth < HTML_MAX_DEPTH)
            meta_walk(h, c, depth + 1, in_article || !strcmp(t, "article"), junk);
    }
}

/* ---- pass 2: cleaning --------------------------------------------------- */

/* True when one class or id token marks boilerplate. */
static bool boiler_token(const char *t)
{
    size_t n = strlen(t);
    if (!strcmp(t, "ad") || !strcmp(t, "ads") || !strcmp(t, "hidden") ||
        !strcmp(t, "d-none") || !strncmp(t, "ad-", 3) || !strncmp(t, "ad_", 3) ||
        !strncmp(t, "ads-", 4) || !strncmp(t, "ads_", 4) || strstr(t, "-ad-") ||
        strstr(t, "_ad_") || (n > 3 && (!strcmp(t + n - 3, "-ad") || !strcmp(t + n - 3, "_ad"))) ||
        (n > 4 && !strcmp(t + n - 4, "-ads")))
        return true;
    if (strstr(t, "comment") && strstr(t, "commentary"))
        return false;
    for (size_t i = 0; boiler_words[i]; i++)
        if (strstr(t, boiler_words[i]))
            return true;
    return false;
}

/* True when a class or id value holds a boilerplate token. */
static bool boiler_value(const char *v)
{
    char tok[64];
    while (v && *v) {
        while (*v && IC(*v, IC_SPACE))
            v++;
        size_t k = 0;
        while (v[k] && !IC(v[k], IC_SPACE))
            k++;
        if (k) {
            lower_copy(v, k, tok, sizeof tok);
            if (boiler_token(tok))
                return true;
        }
        v += k;
    }
    return false;
}

/* Counts <p> elements below n, visiting at most *budget nodes. */
static size_t count_p(xmlNodePtr n, int depth, size_t *budget)
{
    size_t k = 0;
    for (xmlNodePtr c = n->children; c && *budget; c = c->next) {
        (*budget)--;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "p"))
            k++;
        else if (depth < HTML_MAX_DEPTH)
            k += count_p(c, depth + 1, budget);
    }
    return k;
}

/* True when element n (at depth) is boilerplate to remove whole. */
static bool drop_element(xmlNodePtr n, int depth)
{
    const char *t = tag(n);
    const char *v;
    char txt[SHORT_TEXT + 8];
    if (!strcmp(t, "form")) {
        /* ASP.NET pages wrap the whole page in one form */
        size_t budget = 100000;
        return count_p(n, depth, &budget) < 3;
    }
    if (in_list(t, drop_tags))
        return true;
    if (in_list(t, structural_tags))
        return false;
    if (attr(n, "hidden"))
        return true;
    if ((v = attr(n, "aria-hidden")) && !strcmp(v, "true"))
        return true;
    if ((v = attr(n, "style")) && (icontains(v, "display:none") || icontains(v, "display: none")))
        return true;
    if ((v = attr(n, "role"))) {
        char role[32];
        lower_copy(v, strlen(v), role, sizeof role);
        if (in_list(role, boiler_roles))
            return true;
    }
    if (boiler_value(attr(n, "class")) || boiler_value(attr(n, "id")))
        return true;
    if ((!strcmp(t, "a") || !strcmp(t, "p") || !strcmp(t, "div") || !strcmp(t, "span") ||
         !strcmp(t, "li")) &&
        short_text(n, depth, txt, sizeof txt) && !strncmp(txt, "skip to ", 8))
        return true;
    return false;
}

/* True when n is a heading-like marker over a block of links ("<h2>Related
 * </h2>", "<p><strong>Read also</strong></p>"). */
static bool junk_marker(xmlNodePtr n, int depth)
{
    const char *t = tag(n);
    char txt[SHORT_TEXT + 8];
    if (!is_heading(n) && strcmp(t, "p") && strcmp(t, "div"))
        return false;
    return short_text(n, depth, txt, sizeof txt) && junk_text(txt, true);
}

/* True for a text node of white space only (or a comment). */
static bool blank_node(xmlNodePtr n)
{
    if (n->type == XML_COMMENT_NODE)
        return true;
    if (n->type != XML_TEXT_NODE || !n->content)
        return false;
    for (const xmlChar *p = n->content; *p; p++)
        if (!IC(*p, IC_SPACE))
            return false;
    return true;
}

/* True when sibling n ends the block under a junk heading: another
 * heading, or what may be the story itself (an <article>, <main>, or
 * several paragraphs). */
static bool ends_block(xmlNodePtr n, int depth)
{
    size_t budget = 10000;
    if (n->type != XML_ELEMENT_NODE)
        return false;
    return is_heading(n) || is(n, "article") || is(n, "main") ||
           count_p(n, depth + 1, &budget) >= 3;
}

/* Unlinks and frees a node with its subtree. */
static void drop(xmlNodePtr n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

/* Removes boilerplate below n: dropped elements, comments, and the blocks
 * that junk headings open (up to the next heading; a marker that is not a
 * heading takes the list or box that follows it). Elements deeper than
 * HTML_MAX_DEPTH are removed too. */
static void clean(xmlNodePtr n, int depth)
{
    xmlNodePtr c = n->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            if (depth >= HTML_MAX_DEPTH || drop_element(c, depth)) {
                drop(c);
            } else if (junk_marker(c, depth)) {
                bool heading = is_heading(c);
                drop(c);
                while (next && (heading ? !ends_block(next, depth)
                                        : next->type != XML_ELEMENT_NODE && blank_node(next))) {
                    xmlNodePtr after = next->next;
                    drop(next);
                    next = after;
                }
                if (!heading && next && tag(next)) {
                    const char *t = tag(next);
                    if (!strcmp(t, "ul") || !strcmp(t, "ol") || !strcmp(t, "dl") ||
                        !strcmp(t, "div") || !strcmp(t, "section") || !strcmp(t, "table")) {
                        xmlNodePtr after = next->next;
                        drop(next);
                        next = after;
                    }
                }
            } else {
                clean(c, depth + 1);
            }
        } else if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) {
            drop(c);
        }
        c = next;
    }
}

/* ---- pass 3: scoring ---------------------------------------------------- */

/* The score record of element n, created on first use. */
static struct score *score_of(struct html *h, xmlNodePtr n)
{
    uintptr_t k = (uintptr_t)n->_private;
    if (k)
        return &h->sc[k - 1];
    if (h->nsc == h->capsc) {
        h->capsc = h->capsc ? h->capsc * 2 : 64;
        h->sc = xrealloc(h->sc, h->capsc * sizeof *h->sc);
    }
    h->sc[h->nsc] = (struct score){n, 0, 0};
    n->_private = (void *)(uintptr_t)(++h->nsc);
    return &h->sc[h->nsc - 1];
}

/* Scores paragraphs below n: each <p> gives its text length to its parent
 * and half to its grandparent; returns the paragraph text below n. */
static size_t score_walk(struct html *h, xmlNodePtr n, int depth)
{
    size_t sum = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        const char *t = tag(c);
        if (!t)
            continue;
        if (!strcmp(t, "p")) {
            struct buf b;
            bool space = false;
            buf_init(&b, 0);
            text_below(c, &b, &space, depth + 1, NULL);
            rtrim(&b);
            size_t len = b.len;
            buf_free(&b);
            if (len) {
                score_of(h, n)->score += len;
                if (tag(n->parent))
                    score_of(h, n->parent)->score += len / 2;
                score_of(h, c)->ptext = len;
                sum += len;
            }
            continue;
        }
        if (!strcmp(t, "main") && !h->main_el)
            h->main_el = c;
        size_t below = depth < HTML_MAX_DEPTH ? score_walk(h, c, depth + 1) : 0;
        if (below)
            score_of(h, c)->ptext = below;
        if (!strcmp(t, "article") && (!h->best_article || below > h->best_article_text)) {
            h->best_article = c;
            h->best_article_text = below;
        }
        sum += below;
    }
    return sum;
}

/* The paragraph text recorded for n. */
static size_t ptext_of(const struct html *h, xmlNodePtr n)
{
    uintptr_t k = (uintptr_t)n->_private;
    return k ? h->sc[k - 1].ptext : 0;
}

/* True when a is an ancestor of (or is) b. */
static bool contains(xmlNodePtr a, xmlNodePtr b)
{
    for (int k = 0; b && k <= HTML_MAX_DEPTH + 2; k++, b = b->parent)
        if (a == b)
            return true;
    return false;
}

/* Chooses the element that holds the story: the <article> with most
 * paragraph text when it holds (or outweighs) the best-scored element,
 * else that element, widened while it holds less than half the page's
 * paragraph text; without paragraphs, <article>, <main> or <body>. */
static xmlNodePtr choose_container(struct html *h, xmlNodePtr root)
{
    xmlNodePtr top = root;
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (is(c, "body")) {
            top = c;
            break;
        }
    size_t total = score_walk(h, top, 1);
    xmlNodePtr best = NULL;
    size_t best_score = 0;
    for (size_t i = 0; i < h->nsc; i++) {
        if (h->sc[i].score > best_score) {
            best_score = h->sc[i].score;
            best = h->sc[i].node;
        }
    }
    if (best) {
        while (ptext_of(h, best) * 2 < total && best != top && tag(best->parent))
            best = best->parent;
    }
    xmlNodePtr art = h->best_article;
    if (art && best && (contains(art, best) || h->best_article_text >= ptext_of(h, best)))
        return art;
    if (best)
        return best;
    if (art)
        return art;
    if (h->main_el)
        return h->main_el;
    return top;
}

/* ---- pass 4: emission --------------------------------------------------- */

/* Ends the paragraph being built: keeps it unless it is junk or repeats
 * the title. */
static void flush(struct html *h)
{
    char low[SHORT_TEXT + 8];
    rtrim(&h->para);
    h->space = false;
    if (h->para.len == 0)
        return;
    bool junk = false;
    if (h->para.len <= JUNK_PARA) {
        lower_copy(h->para.data, h->para.len, low, sizeof low);
        size_t n = strlen(low);
        while (n > 0 && low[n - 1] == ':')
            low[--n] = '\0';
        junk = junk_text(low, true);
    }
    if (h->title && !strcmp(h->para.data, h->title))
        junk = true;
    if (!junk) {
        if (h->out.len)
            buf_append(&h->out, "\n\n", 2);
        buf_append(&h->out, h->para.data, h->para.len);
    }
    buf_reset(&h->para);
}

/* Emits the text below n, one paragraph per block element. */
static void emit(struct html *h, xmlNodePtr n, int depth)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (h->out.limit && h->out.len >= h->out.limit)
            return;
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            append_collapsed(&h->para, &h->space, (const char *)c->content,
                             strlen((const char *)c->content));
            continue;
        }
        const char *t = tag(c);
        if (!t || depth >= HTML_MAX_DEPTH)
            continue;
        if (in_list(t, block_tags)) {
            if (!strcmp(t, "td") || !strcmp(t, "th")) {
                h->space = true;
                emit(h, c, depth + 1);
                h->space = true;
                continue;
            }
            flush(h);
            emit(h, c, depth + 1);
            flush(h);
        } else {
            emit(h, c, depth + 1);
        }
    }
}

/* ---- titles and encodings ----------------------------------------------- */

/* Cuts a " | Site" (or " - ", " – ", " — ", " :: ", " · ") suffix from
 * title t: always when it is the site's name, and when guess is set also
 * when it is short and the rest is longer. */
static void strip_site(char *t, const char *site, bool guess)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ", " \xC2\xB7 ", " \xE2\x80\xA2 ", NULL};
    for (int round = 0; round < 2; round++) {
        char *cut = NULL;
        size_t seplen = 0;
        for (size_t i = 0; seps[i]; i++) {
            size_t sl = strlen(seps[i]);
            for (char *p = strstr(t, seps[i]); p; p = strstr(p + 1, seps[i]))
                if (!cut || p > cut) {
                    cut = p;
                    seplen = sl;
                }
        }
        if (!cut)
            return;
        const char *suffix = cut + seplen;
        size_t sl = strlen(suffix), pl = (size_t)(cut - t);
        bool is_site = site && ieq(suffix, site);
        int words = 1;
        for (const char *p = suffix; *p; p++)
            words += *p == ' ';
        if (!is_site && !(guess && sl <= 40 && words <= 4 && pl >= sl && pl >= 10))
            return;
        *cut = '\0';
    }
}

/* Chooses the title: og:title, else <title> without its site suffix,
 * else the JSON-LD headline, else the first <h1>; on one line, bounded. */
static const char *choose_title(struct html *h)
{
    char *site = h->site_name;
    if (site) {
        struct buf b;
        bool space = false;
        buf_init(&b, HTML_MAX_TITLE);
        append_collapsed(&b, &space, site, strlen(site));
        free(h->site_name);
        site = h->site_name = buf_detach(&b);
    }
    char **order[] = {&h->og_title, &h->tag_title, &h->ld_title, &h->h1_title};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        char *t = *order[i];
        if (!t)
            continue;
        struct buf b;
        bool space = false;
        buf_init(&b, HTML_MAX_TITLE * 2);
        append_collapsed(&b, &space, t, strlen(t));
        rtrim(&b);
        free(*order[i]);
        t = *order[i] = buf_detach(&b);
        strip_site(t, site, order[i] == &h->tag_title);
        utf8_cut(t, HTML_MAX_TITLE);
        size_t n = strlen(t);
        while (n > 0 && t[n - 1] == ' ')
            t[--n] = '\0';
        if (n)
            return t;
    }
    return NULL;
}

/* The charset a page declares in its first bytes ("" when none) into out. */
static void sniff_charset(const char *s, size_t n, char *out, size_t outlen)
{
    size_t end = n < 4096 ? n : 4096;
    out[0] = '\0';
    for (size_t i = 0; i + 7 < end; i++) {
        static const char key[] = "charset";
        size_t k = 0;
        while (k < 7 && ic_lower(s[i + k]) == key[k])
            k++;
        if (k < 7)
            continue;
        size_t p = i + 7;
        while (p < end && (s[p] == ' ' || s[p] == '\t'))
            p++;
        if (p >= end || s[p] != '=')
            continue;
        p++;
        while (p < end && (s[p] == ' ' || s[p] == '"' || s[p] == '\''))
            p++;
        size_t o = 0;
        while (p < end && o + 1 < outlen &&
               (IC(s[p], IC_ALPHA | IC_DIGIT) || s[p] == '-' || s[p] == '_' ||
                s[p] == '.' || s[p] == ':'))
            out[o++] = ic_lower(s[p++]);
        out[o] = '\0';
        return;
    }
}

/* True when the page must be decoded by libxml2 from a declared charset
 * other than UTF-8 (and libxml2 knows that charset). */
static bool foreign_charset(const char *cs)
{
    if (!cs[0] || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || !strcmp(cs, "us-ascii") ||
        !strcmp(cs, "ascii"))
        return false;
    xmlCharEncodingHandlerPtr hd = xmlFindCharEncodingHandler(cs);
    if (!hd)
        return false;
    xmlCharEncCloseFunc(hd);
    return true;
}

/* An error handler that drops libxml2's messages. */
static void quiet_error(void *ctx, const char *msg, ...)
{
    (void)ctx, (void)msg;
}

/* ---- the document ------------------------------------------------------- */

int html_to_doc(const char *data, size_t len, size_t limit, struct doc *d,
                char *err, size_t errlen)
{
    struct html h;
    char cs[40];
    char *fixed = NULL;
    size_t fixed_len = 0;
    xmlDocPtr doc = NULL;
    int rc = ERR_OK;
    struct buf text;

    memset(&h, 0, sizeof h);
    buf_init(&h.out, limit);
    buf_init(&h.para, limit);
    buf_init(&text, 0);

    if (len > 0x7fffffff) {
        snprintf(err, errlen, "page too large for the HTML parser");
        rc = ERR_TOOBIG;
        goto out;
    }
    /* libxml2 prints encoding and I/O errors through its global handlers;
     * library code never prints, so they go nowhere (per thread) */
    xmlSetGenericErrorFunc(NULL, quiet_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
    sniff_charset(data, len, cs, sizeof cs);
    if (foreign_charset(cs)) {
        doc = htmlReadMemory(data, (int)len, NULL, cs, PARSE_OPTS);
    } else {
        fixed = ingest_utf8_repair(data, len, &fixed_len, &d->repaired);
        doc = htmlReadMemory(fixed, (int)fixed_len, NULL, "UTF-8", PARSE_OPTS);
    }
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        snprintf(err, errlen, "no HTML document found");
        rc = ERR_PARSE;
        goto out;
    }

    meta_walk(&h, (xmlNodePtr)doc, 0, false, false);
    h.title = choose_title(&h);
    clean(root, 0);
    xmlNodePtr box = choose_container(&h, root);
    emit(&h, box, 1);
    flush(&h);
    if (h.out.len == 0) {
        snprintf(err, errlen, "no text found in the page");
        rc = ERR_EMPTY;
        goto out;
    }

    size_t body = 0;
    if (h.title) {
        buf_puts(&text, h.title);
        buf_append(&text, "\n\n", 2);
        body = text.len;
        d->title = xstrdup(h.title);
    }
    buf_append(&text, h.out.data, h.out.len);
    free(d->text);
    d->text = ingest_utf8_repair(text.data, text.len, &d->len, &d->repaired);

    const char *dates[] = {h.meta_date, h.ld_date, h.time_article, h.time_any};
    for (size_t i = 0; i < 4 && !d->published; i++)
        if (dates[i])
            d->published = xstrdup(dates[i]);
    ingest_parse_body(d, body);

out:
    buf_free(&text);
    buf_free(&h.para);
    buf_free(&h.out);
    free(h.sc);
    free(h.og_title);
    free(h.tag_title);
    free(h.ld_title);
    free(h.h1_title);
    free(h.site_name);
    free(h.meta_date);
    free(h.ld_date);
    free(h.time_article);
    free(h.time_any);
    if (doc)
        xmlFreeDoc(doc);
    free(fixed);
    return rc;
}
