/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: just enough of the kernel's headers for the pure
 * mailbox codec (common/snic_mbx_codec.c), the PF policy
 * (pf/pf_vf_policy.c) and the register headers to compile unmodified with
 * clang for libFuzzer and for tests/rogue/rogue-vf.c. Nothing here is used
 * by the kernel modules.
 */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* What uapi headers included after this one expect of linux/types.h. */
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int8_t __s8;
typedef int16_t __s16;
typedef int32_t __s32;
typedef int64_t __s64;
typedef uint16_t __le16;
typedef uint16_t __be16;
typedef uint32_t __le32;
typedef uint32_t __be32;
typedef uint64_t __le64;
typedef uint64_t __be64;
typedef uint16_t __sum16;
typedef uint32_t __wsum;

#endif
