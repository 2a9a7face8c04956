/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the kernel's own errno values (the uapi header, which the
 * C library's errno.h also uses: this file must not include that one).
 */
#ifndef _SHIM_LINUX_ERRNO_H
#define _SHIM_LINUX_ERRNO_H

#include <asm/errno.h>

#endif
