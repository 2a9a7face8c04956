/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 82576 PF registers: device control, PHY access, interrupts, receive and
 * transmit control, statistics. Byte offsets into BAR0. The virtualization
 * and filter registers (RAR table, MTA, VLVF, VMOLR, ...) are in
 * csr_pf_vt.h; the per-queue descriptor block is in desc.h.
 */
#ifndef _SRIOVNIC_CSR_PF_H
#define _SRIOVNIC_CSR_PF_H

#include <linux/bits.h>

/* Device control (SNIC_CTRL is in csr.h) */
#define  SNIC_CTRL_FD		BIT(0)	/* full duplex when forced */
#define  SNIC_CTRL_SLU		BIT(6)	/* set link up */
#define  SNIC_CTRL_RST		BIT(26)	/* global reset, self-clearing */
#define  SNIC_CTRL_VME		BIT(30)	/* VLAN mode (ignored with VMDq) */
#define  SNIC_CTRL_PHY_RST	BIT(31)

#define SNIC_CTRL_EXT		0x00018
#define  SNIC_CTRL_EXT_PFRSTD	BIT(14)	/* PF reset done: releases the VFs */
#define  SNIC_CTRL_EXT_DRV_LOAD	BIT(28)	/* a driver owns the device */

/* EEPROM read through the MAC (word-addressed) */
#define SNIC_EERD		0x00014
#define  SNIC_EERD_START	BIT(0)
#define  SNIC_EERD_DONE		BIT(1)
#define  SNIC_EERD_ADDR		GENMASK(15, 2)
#define  SNIC_EERD_DATA		GENMASK(31, 16)
#define SNIC_NVM_IMAGE_VER	0x05	/* EEPROM word: image version */
#define  SNIC_NVM_VER_MAJOR	GENMASK(15, 12)
#define  SNIC_NVM_VER_MINOR	GENMASK(11, 4)
#define  SNIC_NVM_VER_ID	GENMASK(3, 0)

/* MDI (PHY) access */
#define SNIC_MDIC		0x00020
#define  SNIC_MDIC_DATA		GENMASK(15, 0)
#define  SNIC_MDIC_REG		GENMASK(20, 16)
#define  SNIC_MDIC_PHY		GENMASK(25, 21)
#define  SNIC_MDIC_OP_WRITE	BIT(26)
#define  SNIC_MDIC_OP_READ	BIT(27)
#define  SNIC_MDIC_READY	BIT(28)
#define  SNIC_MDIC_ERROR	BIT(30)
#define SNIC_PHY_ADDR		1	/* the internal copper PHY */

/* Legacy ("other") interrupt causes; in MSI-X mode routed by IVAR_MISC */
#define SNIC_ICR		0x000C0	/* clear on read with GPIE.NSICR */
#define SNIC_ICS		0x000C8
#define SNIC_IMS		0x000D0
#define SNIC_IMC		0x000D8
#define SNIC_IAM		0x000E0
#define  SNIC_ICR_LSC		BIT(2)	/* link status change */
#define  SNIC_ICR_RXO		BIT(6)	/* receiver overrun */
#define  SNIC_ICR_VMMB		BIT(8)	/* VF mailbox or VF reset */
#define  SNIC_ICR_DOUTSYNC	BIT(28)
#define  SNIC_ICR_ALL		GENMASK(31, 0)

/* Extended (MSI-X) interrupts. EICR is never read by the PF: see pf_irq.c */
#define SNIC_GPIE		0x01514
#define  SNIC_GPIE_NSICR	BIT(0)	/* ICR cleared on read in MSI-X mode */
#define  SNIC_GPIE_MSIX_MODE	BIT(4)
#define  SNIC_GPIE_EIAME	BIT(30)
#define  SNIC_GPIE_PBA		BIT(31)	/* PBA support */
#define SNIC_EICS		0x01520
#define SNIC_EIMS		0x01524
#define SNIC_EIMC		0x01528
#define SNIC_EIAC		0x0152C	/* auto-clear on MSI-X delivery */
#define SNIC_EIAM		0x01530
#define SNIC_EICR		0x01580
#define SNIC_EITR(n)		(0x01680 + 4 * (n))
#define  SNIC_EITR_INTERVAL	GENMASK(14, 2)	/* microseconds */
#define  SNIC_EITR_CNT_IGNR	BIT(31)
#define  SNIC_EITR_MAX_USECS	0x1fff
#define SNIC_EITR_NUM		25

/*
 * IVAR: one byte per cause, VALID | vector. IVAR0(q & 7) holds RX queue q
 * in byte 0 (q < 8) or 2 (q >= 8) and TX queue q in the byte above it.
 * IVAR_MISC byte 1 routes the "other" causes (ICR).
 */
#define SNIC_IVAR0(n)		(0x01700 + 4 * (n))
#define SNIC_IVAR_MISC		0x01740
#define  SNIC_IVAR_VALID	BIT(7)
#define  SNIC_IVAR_VECTOR	GENMASK(4, 0)
#define  SNIC_IVAR_MISC_OTHER	GENMASK(15, 8)

/* Receive control */
#define SNIC_RCTL		0x00100
#define  SNIC_RCTL_EN		BIT(1)
#define  SNIC_RCTL_UPE		BIT(3)	/* unicast promiscuous */
#define  SNIC_RCTL_MPE		BIT(4)	/* multicast promiscuous */
#define  SNIC_RCTL_LPE		BIT(5)	/* long packets, up to RLPML */
#define  SNIC_RCTL_BAM		BIT(15)	/* broadcast accept */
#define  SNIC_RCTL_VFE		BIT(18)	/* VLAN filter enable */
#define  SNIC_RCTL_SECRC	BIT(26)	/* strip the Ethernet CRC */
#define SNIC_RXCSUM		0x05000
#define  SNIC_RXCSUM_IPOFL	BIT(8)
#define  SNIC_RXCSUM_TUOFL	BIT(9)
#define  SNIC_RXCSUM_CRCOFL	BIT(11)
#define  SNIC_RXCSUM_PCSD	BIT(13)	/* RSS hash instead of IP id/csum */
#define SNIC_RLPML		0x05004	/* global maximum frame, with CRC */
#define SNIC_MAX_FRAME		9728	/* largest frame any pool may take */

/* Transmit control */
#define SNIC_TCTL		0x00400
#define  SNIC_TCTL_EN		BIT(1)
#define  SNIC_TCTL_PSP		BIT(3)	/* pad short packets */
#define  SNIC_TCTL_CT		GENMASK(11, 4)
#define  SNIC_TCTL_COLD		GENMASK(21, 12)
#define  SNIC_TCTL_RTLC		BIT(24)
#define SNIC_TIPG		0x00410

/* Packet buffers, read only for the register dump */
#define SNIC_RXPBS		0x02404
#define SNIC_TXPBS		0x03404

/*
 * The permanent MAC address: receive address 0 after reset. The rest of
 * the receive address table is in csr_pf_vt.h.
 */
#define SNIC_MAC_RAL0		0x05400
#define SNIC_MAC_RAH0		0x05404
#define  SNIC_MAC_RAH_ADDR	GENMASK(15, 0)
#define  SNIC_MAC_RAH_AV	BIT(31)

/* Statistics: clear on read, 32 bits unless noted (L/H pairs are 64) */
#define SNIC_CRCERRS		0x04000
#define SNIC_ALGNERRC		0x04004
#define SNIC_RXERRC		0x0400C
#define SNIC_MPC		0x04010	/* missed: no room in the RX FIFO */
#define SNIC_COLC		0x04028
#define SNIC_RLEC		0x04040	/* length errors */
#define SNIC_XONRXC		0x04048
#define SNIC_XONTXC		0x0404C
#define SNIC_XOFFRXC		0x04050
#define SNIC_XOFFTXC		0x04054
#define SNIC_GPRC		0x04074
#define SNIC_BPRC		0x04078
#define SNIC_MPRC		0x0407C
#define SNIC_GPTC		0x04080
#define SNIC_GORCL		0x04088
#define SNIC_GORCH		0x0408C
#define SNIC_GOTCL		0x04090
#define SNIC_GOTCH		0x04094
#define SNIC_RNBC		0x040A0	/* no receive descriptor */
#define SNIC_RUC		0x040A4
#define SNIC_RFC		0x040A8
#define SNIC_ROC		0x040AC
#define SNIC_RJC		0x040B0
#define SNIC_TORL		0x040C0
#define SNIC_TORH		0x040C4
#define SNIC_TOTL		0x040C8
#define SNIC_TOTH		0x040CC
#define SNIC_TPR		0x040D0
#define SNIC_TPT		0x040D4
#define SNIC_MPTC		0x040F0
#define SNIC_BPTC		0x040F4
#define SNIC_TSCTC		0x040F8	/* TSO contexts */

#endif /* _SRIOVNIC_CSR_PF_H */
