/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 82576 VF's register window (16 KiB BAR0), as the VF driver sees it.
 *
 * Only a handful of registers exist in a VF window: control, a read-only
 * copy of the PF's status, the extended interrupt block, the interrupt
 * vector allocation, the mailbox (csr.h), the queue blocks of the VF's two
 * queue pairs (desc.h: SNIC_VF_RXQ()/SNIC_VF_TXQ()) and per-VF counters.
 * Anything else reads as zero and ignores writes.
 */
#ifndef _SRIOVNIC_CSR_VF_H
#define _SRIOVNIC_CSR_VF_H

#include <linux/bits.h>

#include "csr.h"

/* Control: the only useful bit is the VF's own reset. */
#define SNIC_VF_CTRL		SNIC_CTRL
#define  SNIC_VF_CTRL_RST	BIT(26)	/* self-clearing VF queue/irq reset */

/* Status: the PF's link as the VF sees it (read only). */
#define SNIC_VF_STATUS		SNIC_STATUS

/* Extended interrupts: one bit per MSI-X vector of the VF (0-2). */
#define SNIC_VF_EICS		0x01520	/* cause set */
#define SNIC_VF_EIMS		0x01524	/* mask set (enable) / read */
#define SNIC_VF_EIMC		0x01528	/* mask clear (disable) */
#define SNIC_VF_EIAC		0x0152C	/* auto clear on MSI-X message */
#define SNIC_VF_EIAM		0x01530	/* auto mask on MSI-X message */
#define SNIC_VF_EICR		0x01580	/* cause read */

/* Interrupt throttling, one register per vector. */
#define SNIC_VF_EITR(n)		(0x01680 + 4 * (n))
#define  SNIC_VF_EITR_INTERVAL	GENMASK(14, 2)	/* minimum gap, ~1 us units */
#define  SNIC_VF_EITR_MAX_USECS	(SNIC_VF_EITR_INTERVAL >> 2)

/*
 * Vector allocation. IVAR0 maps the VF's two queue pairs: each byte is a
 * vector number with SNIC_VF_IVAR_VALID. IVAR_MISC maps the mailbox.
 */
#define SNIC_VF_IVAR0		0x01700
#define  SNIC_VF_IVAR_RX0	GENMASK(7, 0)
#define  SNIC_VF_IVAR_TX0	GENMASK(15, 8)
#define  SNIC_VF_IVAR_RX1	GENMASK(23, 16)
#define  SNIC_VF_IVAR_TX1	GENMASK(31, 24)
#define SNIC_VF_IVAR_MISC	0x01740
#define  SNIC_VF_IVAR_MBX	GENMASK(7, 0)
#define SNIC_VF_IVAR_VALID	BIT(7)

/* MSI-X vectors a VF has. */
#define SNIC_VF_MAX_VECTORS	3

/*
 * Per-VF counters. 32 bits, not cleared on read, wrapping; the octet
 * counters count the frame including its CRC.
 */
#define SNIC_VF_GPRC		0x00F10	/* good packets received */
#define SNIC_VF_GPTC		0x00F14	/* good packets transmitted */
#define SNIC_VF_GORC		0x00F18	/* good octets received */
#define SNIC_VF_GOTC		0x00F34	/* good octets transmitted */
#define SNIC_VF_MPRC		0x00F3C	/* multicast packets received */
#define SNIC_VF_GPRLBC		0x00F40	/* good packets received, loopback */
#define SNIC_VF_GPTLBC		0x00F44	/* good packets sent, loopback */
#define SNIC_VF_GORLBC		0x00F48	/* good octets received, loopback */
#define SNIC_VF_GOTLBC		0x00F50	/* good octets sent, loopback */

#endif /* _SRIOVNIC_CSR_VF_H */
