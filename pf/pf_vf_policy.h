/* SPDX-License-Identifier: GPL-2.0 */
/* sriovnic_pf: pure per-request policy for VF mailbox messages (stub). */
#ifndef _SRIOVNIC_PF_VF_POLICY_H
#define _SRIOVNIC_PF_VF_POLICY_H

#include <linux/types.h>

#endif /* _SRIOVNIC_PF_VF_POLICY_H */
