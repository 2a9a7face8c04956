/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the libFuzzer targets: invariant checks that abort
 * (libFuzzer then keeps the input as a crash artifact) and a little-endian
 * reader of the fuzzer's bytes.
 */
#ifndef _SNIC_FUZZ_H
#define _SNIC_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/types.h>

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant broken: %s\n",\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* The entry point libFuzzer calls with each input. */
int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

/* Copy up to @n words from @data (little-endian) into @w, zero the rest. */
static inline unsigned int fuzz_words(const u8 *data, size_t size, u32 *w,
				      unsigned int n)
{
	unsigned int i, got = size / 4 < n ? size / 4 : n;

	memset(w, 0, n * sizeof(*w));
	for (i = 0; i < got; i++)
		w[i] = data[4 * i] | data[4 * i + 1] << 8 |
		       data[4 * i + 2] << 16 | (u32)data[4 * i + 3] << 24;
	return got;
}

/* Is @err one snic_msg_decode() documents? */
static inline int fuzz_decode_err_ok(int err)
{
	switch (-err) {
	case 0:
	case EMSGSIZE:
	case EOPNOTSUPP:
	case EBADMSG:
	case EINVAL:
	case EPROTO:
	case ERANGE:
	case EADDRNOTAVAIL:
		return 1;
	default:
		return 0;
	}
}

#endif /* _SNIC_FUZZ_H */
