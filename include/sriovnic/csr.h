/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 82576 registers shared by the PF and the VF driver: the mailbox and the
 * few registers both sides read. Offsets are byte offsets into BAR0. PF-only
 * registers live in csr_pf.h, the VF's view of its window in csr_vf.h, and
 * the descriptor-queue block both sides program in desc.h.
 */
#ifndef _SRIOVNIC_CSR_H
#define _SRIOVNIC_CSR_H

#include <linux/bits.h>

#define SNIC_MAX_VFS		7	/* the PF keeps pool 7 for itself */
#define SNIC_NUM_POOLS		8

/* Present in both windows */
#define SNIC_CTRL		0x00000
#define SNIC_STATUS		0x00008
#define  SNIC_STATUS_LU		BIT(1)		/* link up */
#define  SNIC_STATUS_SPEED	GENMASK(7, 6)
#define   SNIC_STATUS_SPEED_10	0
#define   SNIC_STATUS_SPEED_100	1
#define   SNIC_STATUS_SPEED_1000 2
#define  SNIC_STATUS_FD		BIT(0)		/* full duplex */

/* Mailbox: PF side */
#define SNIC_P2VMAILBOX(v)	(0x00C00 + 4 * (v))
#define  SNIC_P2V_STS		BIT(0)	/* message to the VF */
#define  SNIC_P2V_ACK		BIT(1)	/* VF message consumed */
#define  SNIC_P2V_VFU		BIT(2)	/* VF owns the buffer (read only) */
#define  SNIC_P2V_PFU		BIT(3)	/* PF owns the buffer */
#define  SNIC_P2V_RVFU		BIT(4)	/* force the VF's ownership off */
#define SNIC_PF_VMBMEM(v)	(0x00800 + 64 * (v))
#define SNIC_MBVFICR		0x00C80	/* write 1 to clear */
#define  SNIC_MBVFICR_REQ(v)	BIT(v)
#define  SNIC_MBVFICR_ACK(v)	BIT(16 + (v))
#define  SNIC_MBVFICR_REQ_ALL	GENMASK(7, 0)
#define  SNIC_MBVFICR_ACK_ALL	GENMASK(23, 16)
#define SNIC_MBVFIMR		0x00C84
#define SNIC_VFLRE		0x00C88	/* VF reset events, write 1 to clear */
#define SNIC_VFRE		0x00C8C	/* per-VF receive enable */
#define SNIC_VFTE		0x00C90	/* per-VF transmit enable */

/* Mailbox: VF side */
#define SNIC_V2PMAILBOX		0x00C40
#define  SNIC_V2P_REQ		BIT(0)	/* message to the PF */
#define  SNIC_V2P_ACK		BIT(1)	/* PF message consumed */
#define  SNIC_V2P_VFU		BIT(2)	/* VF owns the buffer */
#define  SNIC_V2P_PFU		BIT(3)	/* PF owns the buffer (read only) */
#define  SNIC_V2P_PFSTS		BIT(4)	/* PF wrote a message; clear on read */
#define  SNIC_V2P_PFACK		BIT(5)	/* PF consumed ours; clear on read */
#define  SNIC_V2P_RSTI		BIT(6)	/* PF is in reset */
#define  SNIC_V2P_RSTD		BIT(7)	/* PF reset done; clear on read */
#define  SNIC_V2P_R2C		(SNIC_V2P_PFSTS | SNIC_V2P_PFACK | SNIC_V2P_RSTD)
#define SNIC_VF_VMBMEM		0x00800

/* A read of all-ones means the device fell off the bus. */
#define SNIC_DEAD		0xffffffffU

#endif /* _SRIOVNIC_CSR_H */
