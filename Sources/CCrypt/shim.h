#ifndef BADGE_CCRYPT_SHIM_H
#define BADGE_CCRYPT_SHIM_H
#include <crypt.h>
#include <stdlib.h>
#include <string.h>

/* libcrypt (libxcrypt) through two small wrappers: `struct crypt_data` is ~32 KiB and its layout
   is the library's business, so it is allocated and wiped here, never in Swift. */

/// Writes a new random setting (salt) for `prefix` ("$y$" yescrypt, "$6$" SHA-512-crypt) into
/// out (at least CRYPT_GENSALT_OUTPUT_SIZE bytes). Returns 0 on success.
static inline int ccrypt_gensalt(const char *prefix, char *out, int outlen) {
    if (outlen < CRYPT_GENSALT_OUTPUT_SIZE) return -1;
    return crypt_gensalt_rn(prefix, 0, NULL, 0, out, outlen) ? 0 : -1;
}

/// Hashes `phrase` with `setting` (a salt or a full hash to verify against) into out.
/// Returns 0 on success, -1 on failure (unsupported method, bad setting, out of memory).
static inline int ccrypt_hash(const char *phrase, const char *setting, char *out, int outlen) {
    struct crypt_data *data = calloc(1, sizeof(struct crypt_data));
    if (!data) return -1;
    int rc = -1;
    char *result = crypt_rn(phrase, setting, data, (int)sizeof(struct crypt_data));
    if (result && result[0] != '*' && (int)strlen(result) < outlen) {
        strcpy(out, result);
        rc = 0;
    }
    explicit_bzero(data, sizeof(struct crypt_data));
    free(data);
    return rc;
}

static inline int ccrypt_output_size(void) { return CRYPT_OUTPUT_SIZE; }
static inline int ccrypt_gensalt_output_size(void) { return CRYPT_GENSALT_OUTPUT_SIZE; }
#endif
