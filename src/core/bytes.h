/* bytes.h - tests on eight bytes at once, for loops that skip plain text
 * a machine word at a time (the JSON writer, UTF-8 and control-byte
 * checks at ingest, the document hash). Each result holds the high bit
 * of every byte that passes, exactly, byte by byte: no carry crosses from
 * one byte to the next. */
#ifndef SITREP_BYTES_H
#define SITREP_BYTES_H

#include <stdint.h>

#define BYTES_01 0x0101010101010101ull
#define BYTES_7F 0x7f7f7f7f7f7f7f7full
#define BYTES_80 0x8080808080808080ull

/* The high bit of each byte of x that is below n (n <= 0x80). */
static inline uint64_t bytes_below(uint64_t x, unsigned n)
{
    return ~(((x & BYTES_7F) + BYTES_01 * (0x80 - n)) | x) & BYTES_80;
}

/* The high bit of each byte of x that equals c. */
static inline uint64_t bytes_equal(uint64_t x, unsigned char c)
{
    return bytes_below(x ^ (BYTES_01 * c), 1);
}

/* The high bit of each byte of x that is not ASCII (0x80 or above). */
static inline uint64_t bytes_high(uint64_t x)
{
    return x & BYTES_80;
}

#endif
