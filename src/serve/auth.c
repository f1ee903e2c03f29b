/* auth.c - passwords and tokens (auth.h). */
#include "auth.h"

#include <sodium.h>
#include <string.h>

bool auth_init(void)
{
    return sodium_init() >= 0;
}

bool auth_hash_password(const char *password, char out[AUTH_HASH_MAX])
{
    char h[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(h, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return false;
    memcpy(out, h, sizeof h < AUTH_HASH_MAX ? sizeof h : AUTH_HASH_MAX);
    out[AUTH_HASH_MAX - 1] = '\0';
    return true;
}

bool auth_check_password(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_new_token(char out[AUTH_TOKEN_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, AUTH_TOKEN_HEX, raw, sizeof raw);
}

void auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, AUTH_TOKEN_HEX, h, sizeof h);
}
