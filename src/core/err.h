/* err.h - the one list of error codes and their messages.
 *
 * Library code returns these codes (0 is success); only main() turns them
 * into exit statuses. The list is an X-macro so code and message stay
 * together (after libuv's UV_ERRNO_MAP). */
#ifndef SITREP_ERR_H
#define SITREP_ERR_H

#define ERR_MAP(X)                                                   \
    X(OK, "success")                                                 \
    X(NOMEM, "out of memory")                                        \
    X(IO, "input/output error")                                      \
    X(NOTFOUND, "no such file or directory")                         \
    X(TOOBIG, "input exceeds the size limit")                        \
    X(BINARY, "binary data, not text")                               \
    X(EMPTY, "empty input")                                          \
    X(PARSE, "malformed input")                                      \
    X(UNSUPPORTED, "unsupported input type")                         \
    X(DB, "database error")                                          \
    X(SCHEMA, "database schema is newer than this program")          \
    X(USAGE, "usage error")

enum err {
#define ERR_ENUM(name, msg) ERR_##name,
    ERR_MAP(ERR_ENUM)
#undef ERR_ENUM
    ERR__COUNT
};

/* The message of an error code; never NULL. */
const char *err_str(int code);

#endif
