/* web.h - the dashboard's files (web/ and the npm libraries it uses),
 * embedded in the binary at build time by tools/webgen.c, so sitrep serve
 * needs nothing beside it and no request leaves the machine. */
#ifndef SITREP_WEB_H
#define SITREP_WEB_H

#include <stddef.h>

struct web_file {
    const char *path;          /* the URL path: "/", "/static/app.js" */
    const char *media_type;
    const unsigned char *data;
    size_t len;
};

/* Ends with an entry whose path is NULL. */
extern const struct web_file web_files[];

/* The file served at path (its query left out), or NULL. */
const struct web_file *web_find(const char *path);

#endif
