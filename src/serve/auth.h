/* auth.h - the server's secrets: Argon2id password hashes and bearer
 * tokens (libsodium). Passwords are checked in constant time by
 * crypto_pwhash_str_verify(); tokens are 32 random bytes, shown once and
 * stored as their BLAKE2b hash. */
#ifndef SITREP_AUTH_H
#define SITREP_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define AUTH_HASH_MAX 160 /* room for crypto_pwhash_STRBYTES (128) */
#define AUTH_TOKEN_HEX 65 /* 32 bytes in hex, and the NUL */

/* Initialises libsodium; false when it cannot. */
bool auth_init(void);

/* The Argon2id hash of a password; false when out of memory. */
bool auth_hash_password(const char *password, char out[AUTH_HASH_MAX]);

/* Does the password match the hash? (constant time) */
bool auth_check_password(const char *hash, const char *password);

/* A new random token, and the hash that is stored of a token. */
void auth_new_token(char out[AUTH_TOKEN_HEX]);
void auth_token_hash(const char *token, char out[AUTH_TOKEN_HEX]);

#endif
