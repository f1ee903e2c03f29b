/* err.c - messages of the error codes in err.h. */
#include "err.h"

static const char *const messages[] = {
#define ERR_MSG(name, msg) msg,
    ERR_MAP(ERR_MSG)
#undef ERR_MSG
};

const char *err_str(int code)
{
    if (code < 0 || code >= ERR__COUNT)
        return "unknown error";
    return messages[code];
}
