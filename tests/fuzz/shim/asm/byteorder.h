/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the byte-order conversions of asm/byteorder.h, for a
 * little-endian host (the fuzz targets run on x86-64).
 */
#ifndef _SHIM_ASM_BYTEORDER_H
#define _SHIM_ASM_BYTEORDER_H

#include <linux/types.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "the shim's byte order helpers are for little-endian hosts");

#define cpu_to_le16(x)	((__le16)(u16)(x))
#define cpu_to_le32(x)	((__le32)(u32)(x))
#define le16_to_cpu(x)	((u16)(x))
#define le32_to_cpu(x)	((u32)(x))

#endif
