/* SPDX-License-Identifier: GPL-2.0 */
/* 82576 PF registers: device, PHY, interrupts, queues. */
#ifndef _SRIOVNIC_CSR_PF_H
#define _SRIOVNIC_CSR_PF_H

#include <linux/bits.h>

#endif /* _SRIOVNIC_CSR_PF_H */
