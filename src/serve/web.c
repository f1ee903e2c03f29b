/* web.c - finding an embedded file (web.h). */
#include "web.h"

#include <string.h>

const struct web_file *web_find(const char *path)
{
    size_t n = strcspn(path, "?#");
    for (const struct web_file *f = web_files; f->path; f++)
        if (strlen(f->path) == n && strncmp(f->path, path, n) == 0)
            return f;
    return NULL;
}
