/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 82576 PF registers for virtualization: VMDq pools, the receive filter
 * tables the PF shares with its VFs (receive addresses, multicast table,
 * VLAN filters), per-pool offloads, VF enables, the transmit rate limiter
 * and the per-pool statistics. Byte offsets into BAR0. Device, interrupt
 * and RCTL/RLPML bits are in csr_pf.h, the mailbox in csr.h.
 */
#ifndef _SRIOVNIC_CSR_PF_VT_H
#define _SRIOVNIC_CSR_PF_VT_H

#include <linux/bits.h>

/* Receive address table: 24 entries, 0-15 at 0x5400, 16-23 at 0x54E0. */
#define SNIC_RAR_ENTRIES	24
#define SNIC_RAL(i)		((i) < 16 ? 0x05400 + 8 * (i) : \
				 0x054E0 + 8 * ((i) - 16))
#define SNIC_RAH(i)		(SNIC_RAL(i) + 4)
#define  SNIC_RAH_ADDR_HI	GENMASK(15, 0)	/* address bytes 4 and 5 */
#define  SNIC_RAH_POOLSEL	GENMASK(25, 18)	/* one bit per pool */
#define  SNIC_RAH_AV		BIT(31)		/* entry valid */

/* Multicast table: 4096 bits, indexed by the 12-bit hash of mbx_proto.h */
#define SNIC_MTA(i)		(0x05200 + 4 * (i))
#define SNIC_MTA_REGS		128

/* Global VLAN filter table: 4096 bits, consulted when RCTL.VFE is set */
#define SNIC_VFTA(i)		(0x05600 + 4 * (i))
#define SNIC_VFTA_REGS		128

/* VLAN pool filters: which pools take frames tagged with a VLAN id */
#define SNIC_VLVF(i)		(0x05D00 + 4 * (i))
#define SNIC_VLVF_ENTRIES	32
#define  SNIC_VLVF_VID		GENMASK(11, 0)
#define  SNIC_VLVF_POOLSEL	GENMASK(19, 12)
#define  SNIC_VLVF_EN		BIT(31)

/* Multiple receive queues: VMDq pool selection */
#define SNIC_MRQC		0x05818
#define  SNIC_MRQC_MODE		GENMASK(2, 0)
#define   SNIC_MRQC_MODE_VMDQ	3	/* VMDq, no RSS: pool = queue % 8 */

/* VMDq control */
#define SNIC_VT_CTL		0x0581C
#define  SNIC_VT_CTL_DEF_POOL	GENMASK(9, 7)	/* pool for unmatched unicast */
#define  SNIC_VT_CTL_IGNORE_MAC	BIT(28)
#define  SNIC_VT_CTL_DIS_DEF_POOL BIT(29)
#define  SNIC_VT_CTL_REPL_EN	BIT(30)	/* replicate bcast/mcast to pools */

/* Per-pool receive offloads */
#define SNIC_VMOLR(p)		(0x05AD0 + 4 * (p))
#define  SNIC_VMOLR_RLPML	GENMASK(13, 0)	/* largest frame, with CRC */
#define  SNIC_VMOLR_LPE		BIT(16)
#define  SNIC_VMOLR_RSSE	BIT(17)
#define  SNIC_VMOLR_AUPE	BIT(24)	/* accept untagged frames */
#define  SNIC_VMOLR_ROMPE	BIT(25)	/* accept multicast table hits */
#define  SNIC_VMOLR_ROPE	BIT(26)	/* accept unicast table hits */
#define  SNIC_VMOLR_BAM		BIT(27)	/* accept broadcast */
#define  SNIC_VMOLR_MPME	BIT(28)	/* multicast promiscuous */
#define  SNIC_VMOLR_STRVLAN	BIT(30)	/* strip the VLAN tag */
#define  SNIC_VMOLR_STRCRC	BIT(31)

/* Replication offloads (frames delivered to several pools) */
#define SNIC_RPLOLR		0x05AF0
#define  SNIC_RPLOLR_STRVLAN	BIT(30)

/* Per-pool default VLAN inserted on transmit (port VLAN) */
#define SNIC_VMVIR(p)		(0x03700 + 4 * (p))
#define  SNIC_VMVIR_TCI		GENMASK(15, 0)	/* VID 11:0, priority 15:13 */
#define  SNIC_VMVIR_VLANA	GENMASK(31, 30)
#define   SNIC_VMVIR_VLANA_DESC		0	/* use the descriptor's tag */
#define   SNIC_VMVIR_VLANA_DEFAULT	1	/* always insert the default */
#define   SNIC_VMVIR_VLANA_NEVER	2	/* never insert */

/* Transmit switch: local loopback between pools and anti-spoofing */
#define SNIC_DTXSWC		0x03500
#define  SNIC_DTXSWC_MAC_SPOOF(p)	BIT(p)
#define  SNIC_DTXSWC_VLAN_SPOOF(p)	BIT(8 + (p))
#define  SNIC_DTXSWC_SPOOF_ALL	GENMASK(15, 0)
#define  SNIC_DTXSWC_LOOPBACK	BIT(31)
#define SNIC_DTXCTL		0x03590
#define  SNIC_DTXCTL_VLAN_ADDED	BIT(3)	/* inserted tags count in length */

/*
 * Queue drop enable: bit n set, receive queue n drops a frame when it has
 * no free descriptor instead of holding it in the packet buffer the whole
 * port shares (which would stall every other queue). On the 82576 the 16
 * enables are written directly, no index/write-strobe (that is 82599's).
 * It overrides a VF's SRRCTL.DROP_EN.
 */
#define SNIC_QDE		0x02408
#define  SNIC_QDE_ALL		GENMASK(15, 0)

/* Packet-split receive types per pool (which headers a split may cut at) */
#define SNIC_PSRTYPE(p)		(0x05480 + 4 * (p))

/*
 * DCA control in each queue block, next to the ring registers (desc.h):
 * which CPU's cache descriptors and data are steered to. A VF may set it
 * for its queues; a VF reset does not clear it.
 */
#define SNIC_RXCTL		0x14
#define SNIC_TXCTL		0x14

/* Transmit rate limiter, one queue at a time through RTTDQSEL */
#define SNIC_RTTDQSEL		0x03604
#define SNIC_RTTBCNRC		0x036B0
#define  SNIC_RTTBCNRC_RF_DEC	GENMASK(13, 0)	/* fraction, 1/16384 units */
#define  SNIC_RTTBCNRC_RF_INT	GENMASK(23, 14)
#define  SNIC_RTTBCNRC_RS_ENA	BIT(31)

/* Per-VF mirrors of the VF's control and statistics registers */
#define SNIC_PVTCTRL(v)		(0x10000 + 0x100 * (v))
#define SNIC_PVFGPRC(v)		(0x10010 + 0x100 * (v))	/* packets received */
#define SNIC_PVFGPTC(v)		(0x10014 + 0x100 * (v))	/* packets sent */
#define SNIC_PVFGORC(v)		(0x10018 + 0x100 * (v))	/* octets received */
#define SNIC_PVTEICS(v)		(0x10020 + 0x100 * (v))	/* VF interrupt cause set */
#define SNIC_PVTEIMC(v)		(0x10028 + 0x100 * (v))	/* VF interrupt mask clear */
#define SNIC_PVFGOTC(v)		(0x10034 + 0x100 * (v))	/* octets sent */
#define SNIC_PVFMPRC(v)		(0x1003C + 0x100 * (v))	/* multicast received */

#endif /* _SRIOVNIC_CSR_PF_VT_H */
