/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: FIELD_GET/FIELD_PREP/FIELD_MAX for constant masks. */
#ifndef _SHIM_LINUX_BITFIELD_H
#define _SHIM_LINUX_BITFIELD_H

#include <linux/bits.h>

#define __shim_bf_shift(m)	__builtin_ctzll(m)
#define FIELD_PREP(m, v)	\
	((__typeof__(m))(((unsigned long long)(v) << __shim_bf_shift(m)) & (m)))
#define FIELD_GET(m, v)		\
	((__typeof__(m))(((unsigned long long)(v) & (m)) >> __shim_bf_shift(m)))
#define FIELD_MAX(m)		((__typeof__(m))((m) >> __shim_bf_shift(m)))
#define FIELD_FIT(m, v)		\
	(!((((unsigned long long)(v)) << __shim_bf_shift(m)) & ~(unsigned long long)(m)))

#endif
