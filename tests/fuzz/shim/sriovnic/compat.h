/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim for include/sriovnic/compat.h: the pure code uses only
 * the export macro from it.
 */
#ifndef _SRIOVNIC_COMPAT_H
#define _SRIOVNIC_COMPAT_H

/* No module here: a harmless declaration where the export was. */
#define SNIC_EXPORT(sym)	struct snic_exported_##sym

#endif
