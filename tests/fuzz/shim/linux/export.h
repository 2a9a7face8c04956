/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: nothing is exported (see sriovnic/compat.h here). */
#ifndef _SHIM_LINUX_EXPORT_H
#define _SHIM_LINUX_EXPORT_H

#endif
