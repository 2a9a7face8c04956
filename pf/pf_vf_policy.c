// SPDX-License-Identifier: GPL-2.0
/* sriovnic_pf: pure per-request policy for VF mailbox messages (stub). */
#include "pf_vf_policy.h"
