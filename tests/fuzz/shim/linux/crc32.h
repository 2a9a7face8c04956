/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: crc32_le() (the reflected CRC-32 polynomial, bitwise). */
#ifndef _SHIM_LINUX_CRC32_H
#define _SHIM_LINUX_CRC32_H

#include <stddef.h>
#include <linux/types.h>

static inline u32 crc32_le(u32 crc, const void *p, size_t len)
{
	const u8 *b = p;
	int i;

	while (len--) {
		crc ^= *b++;
		for (i = 0; i < 8; i++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return crc;
}

#endif
