/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 82576 advanced descriptors and the per-queue register block.
 *
 * The PF and the VF program their queues through the same block of
 * registers; only where the block sits in BAR0 differs (snic_pf_rxq() and
 * friends below). Every offset here is relative to the start of a block;
 * every bit is a BIT()/GENMASK() usable with FIELD_PREP()/FIELD_GET().
 *
 * Descriptors are 16 bytes, little endian, in DMA-coherent memory.
 */
#ifndef _SRIOVNIC_DESC_H
#define _SRIOVNIC_DESC_H

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/types.h>

/* ---- Where a queue's register block lives ---------------------------- */

/**
 * snic_pf_rxq() - offset of a PF receive queue's register block in BAR0
 * @n: queue 0-15; queues 0-3 also have a block at 0xC000 but the driver
 *	uses their legacy alias
 *
 * Return: byte offset.
 */
static inline u32 snic_pf_rxq(unsigned int n)
{
	return n < 4 ? 0x02800 + 0x100 * n : 0x0C000 + 0x40 * n;
}

/**
 * snic_pf_txq() - offset of a PF transmit queue's register block in BAR0
 * @n: queue 0-15
 *
 * Return: byte offset.
 */
static inline u32 snic_pf_txq(unsigned int n)
{
	return n < 4 ? 0x03800 + 0x100 * n : 0x0E000 + 0x40 * n;
}

/* VF: queues 0 and 1 of the VF's window (PF queues v and v + 8). */
#define SNIC_VF_RXQ(n)	(0x02800 + 0x100 * (n))
#define SNIC_VF_TXQ(n)	(0x03800 + 0x100 * (n))

/* ---- Receive queue block --------------------------------------------- */

#define SNIC_RDBAL		0x00	/* ring base, low 32 bits (128 B aligned) */
#define SNIC_RDBAH		0x04	/* ring base, high 32 bits */
#define SNIC_RDLEN		0x08	/* ring length in bytes, multiple of 128 */
#define SNIC_SRRCTL		0x0C
#define  SNIC_SRRCTL_BSIZEPKT	GENMASK(6, 0)	/* packet buffer, 1 KiB units */
#define  SNIC_SRRCTL_BSIZEHDR	GENMASK(11, 8)	/* header buffer, 64 B units */
#define  SNIC_SRRCTL_RDMTS	GENMASK(24, 20)	/* min. threshold, 16 desc units */
#define  SNIC_SRRCTL_DESCTYPE	GENMASK(27, 25)
#define   SNIC_DESCTYPE_LEGACY		0
#define   SNIC_DESCTYPE_ADV_ONEBUF	1
#define   SNIC_DESCTYPE_HDR_SPLIT	2
#define   SNIC_DESCTYPE_SPLIT_ALWAYS	5
#define  SNIC_SRRCTL_TIMESTAMP	BIT(30)
#define  SNIC_SRRCTL_DROP_EN	BIT(31)	/* drop instead of stalling the pool */
#define SNIC_RDH		0x10	/* head: hardware owned once enabled */
#define SNIC_RDT		0x18	/* tail: the driver's doorbell */
#define SNIC_RXDCTL		0x28
#define  SNIC_RXDCTL_PTHRESH	GENMASK(4, 0)
#define  SNIC_RXDCTL_HTHRESH	GENMASK(12, 8)
#define  SNIC_RXDCTL_WTHRESH	GENMASK(20, 16)
#define  SNIC_RXDCTL_ENABLE	BIT(25)
#define  SNIC_RXDCTL_SWFLSH	BIT(26)

/* ---- Transmit queue block -------------------------------------------- */

#define SNIC_TDBAL		0x00
#define SNIC_TDBAH		0x04
#define SNIC_TDLEN		0x08
#define SNIC_TDH		0x10
#define SNIC_TDT		0x18
#define SNIC_TXDCTL		0x28
#define  SNIC_TXDCTL_PTHRESH	GENMASK(4, 0)
#define  SNIC_TXDCTL_HTHRESH	GENMASK(12, 8)
#define  SNIC_TXDCTL_WTHRESH	GENMASK(20, 16)
#define  SNIC_TXDCTL_ENABLE	BIT(25)
#define  SNIC_TXDCTL_SWFLSH	BIT(26)
#define  SNIC_TXDCTL_PRIORITY	BIT(27)
#define SNIC_TDWBAL		0x38	/* head write-back; bit 0 enables it */
#define  SNIC_TDWBAL_ENABLE	BIT(0)
#define SNIC_TDWBAH		0x3C

/* Ring geometry the hardware accepts */
#define SNIC_DESC_SIZE		16
#define SNIC_RING_ALIGN		128	/* base and length granularity */
#define SNIC_RING_MIN		64
#define SNIC_RING_MAX		4096
#define SNIC_RING_MULT		8	/* count must be a multiple of this */

/* ---- Advanced transmit data descriptor -------------------------------- */

/**
 * struct snic_tx_desc - advanced TX descriptor (data, read format)
 * @addr: DMA address of the buffer
 * @cmd_type_len: SNIC_TXD_* command, type and buffer length
 * @olinfo_status: SNIC_TXD_OL_* payload length, offload options; the
 *	hardware writes SNIC_TXD_STA_DD here when it is done (RS set)
 */
struct snic_tx_desc {
	__le64 addr;
	__le32 cmd_type_len;
	__le32 olinfo_status;
};

#define SNIC_TXD_DTALEN		GENMASK(15, 0)	/* this buffer's length */
#define SNIC_TXD_MAC_TSTAMP	BIT(19)
#define SNIC_TXD_DTYP		GENMASK(23, 20)
#define  SNIC_DTYP_CTXT		2
#define  SNIC_DTYP_DATA		3
#define SNIC_TXD_EOP		BIT(24)	/* last descriptor of the packet */
#define SNIC_TXD_IFCS		BIT(25)	/* append the Ethernet FCS */
#define SNIC_TXD_RS		BIT(27)	/* report status (write DD back) */
#define SNIC_TXD_DEXT		BIT(29)	/* advanced (extended) descriptor */
#define SNIC_TXD_VLE		BIT(30)	/* insert the context's VLAN tag */
#define SNIC_TXD_TSE		BIT(31)	/* segment (TSO) using the context */

#define SNIC_TXD_OL_STA		GENMASK(3, 0)
#define  SNIC_TXD_STA_DD	BIT(0)	/* descriptor done (write-back) */
#define SNIC_TXD_OL_IDX		GENMASK(6, 4)	/* context slot to use */
#define SNIC_TXD_OL_CC		BIT(7)
#define SNIC_TXD_OL_IXSM	BIT(8)	/* insert the IPv4 header checksum */
#define SNIC_TXD_OL_TXSM	BIT(9)	/* insert the L4 checksum */
#define SNIC_TXD_OL_PAYLEN	GENMASK(31, 14)	/* payload (TSO: minus headers) */

/* Largest buffer one data descriptor carries; bigger ones are split. */
#define SNIC_TXD_MAX_DATA	BIT(15)

/* ---- Advanced transmit context descriptor ------------------------------ */

/**
 * struct snic_tx_ctx_desc - advanced TX context descriptor
 * @vlan_macip_lens: SNIC_TXC_IPLEN, SNIC_TXC_MACLEN, SNIC_TXC_VLAN
 * @seqnum_seed: unused (IPsec)
 * @type_tucmd_mlhl: SNIC_TXC_* command and SNIC_TXD_DTYP/DEXT
 * @mss_l4len_idx: SNIC_TXC_IDX, SNIC_TXC_L4LEN, SNIC_TXC_MSS
 *
 * Occupies one ring slot and configures the data descriptors that follow
 * it and name the same context slot (index 0 here).
 */
struct snic_tx_ctx_desc {
	__le32 vlan_macip_lens;
	__le32 seqnum_seed;
	__le32 type_tucmd_mlhl;
	__le32 mss_l4len_idx;
};

#define SNIC_TXC_IPLEN		GENMASK(8, 0)	/* L3 header length */
#define SNIC_TXC_MACLEN		GENMASK(15, 9)	/* L2 header length */
#define SNIC_TXC_VLAN		GENMASK(31, 16)	/* tag to insert with VLE */
#define SNIC_TXC_TUCMD_IPV4	BIT(10)	/* L3 is IPv4 (else IPv6) */
#define SNIC_TXC_TUCMD_L4T	GENMASK(12, 11)
#define  SNIC_L4T_UDP		0
#define  SNIC_L4T_TCP		1
#define  SNIC_L4T_SCTP		2
#define SNIC_TXC_IDX		GENMASK(6, 4)
#define SNIC_TXC_L4LEN		GENMASK(15, 8)	/* L4 header length (TSO) */
#define SNIC_TXC_MSS		GENMASK(31, 16)	/* segment payload size (TSO) */

#define SNIC_TXC_MACLEN_MAX	127
#define SNIC_TXC_IPLEN_MAX	511

/* ---- Advanced receive descriptor -------------------------------------- */

/**
 * union snic_rx_desc - advanced RX descriptor, one buffer
 * @read: what the driver writes
 * @read.pkt_addr: DMA address of the packet buffer
 * @read.hdr_addr: header buffer (split modes only); 0 in one-buffer mode
 * @wb: what the hardware writes back over it
 * @wb.pkt_info: SNIC_RXD_PKT_*: RSS type and packet type
 * @wb.hdr_info: header length (split modes only)
 * @wb.rss: RSS hash (or IP id and checksum, depending on RXCSUM.PCSD)
 * @wb.status_error: SNIC_RXD_STAT_* and SNIC_RXD_ERR_*
 * @wb.length: bytes written to this buffer
 * @wb.vlan: the stripped tag when SNIC_RXD_STAT_VP is set
 */
union snic_rx_desc {
	struct {
		__le64 pkt_addr;
		__le64 hdr_addr;
	} read;
	struct {
		__le16 pkt_info;
		__le16 hdr_info;
		__le32 rss;
		__le32 status_error;
		__le16 length;
		__le16 vlan;
	} wb;
};

#define SNIC_RXD_PKT_RSSTYPE	GENMASK(3, 0)
#define SNIC_RXD_PKT_IPV4	BIT(4)
#define SNIC_RXD_PKT_IPV6	BIT(6)
#define SNIC_RXD_PKT_TCP	BIT(8)
#define SNIC_RXD_PKT_UDP	BIT(9)
#define SNIC_RXD_PKT_SCTP	BIT(10)

#define SNIC_RXD_STAT_DD	BIT(0)	/* descriptor done */
#define SNIC_RXD_STAT_EOP	BIT(1)	/* last buffer of the frame */
#define SNIC_RXD_STAT_IXSM	BIT(2)	/* checksum indications not valid */
#define SNIC_RXD_STAT_VP	BIT(3)	/* VLAN tag stripped into wb.vlan */
#define SNIC_RXD_STAT_UDPCS	BIT(4)	/* UDP checksum checked */
#define SNIC_RXD_STAT_L4CS	BIT(5)	/* L4 (TCP/UDP/SCTP) checksum checked */
#define SNIC_RXD_STAT_IPCS	BIT(6)	/* IPv4 header checksum checked */
#define SNIC_RXD_STAT_PIF	BIT(7)	/* passed only the inexact filter */
#define SNIC_RXD_STAT_LB	BIT(18)	/* looped back from a local pool */
#define SNIC_RXD_ERR_CE		BIT(24)
#define SNIC_RXD_ERR_SE		BIT(25)
#define SNIC_RXD_ERR_SEQ	BIT(26)
#define SNIC_RXD_ERR_CXE	BIT(28)
#define SNIC_RXD_ERR_L4E	BIT(29)	/* L4 checksum wrong */
#define SNIC_RXD_ERR_IPE	BIT(30)	/* IPv4 header checksum wrong */
#define SNIC_RXD_ERR_RXE	BIT(31)	/* frame received with an error */
#define SNIC_RXD_ERR_FRAME	(SNIC_RXD_ERR_CE | SNIC_RXD_ERR_SE | \
				 SNIC_RXD_ERR_SEQ | SNIC_RXD_ERR_CXE | \
				 SNIC_RXD_ERR_RXE)

/* RX buffers the datapath posts: 2 KiB, i.e. SRRCTL.BSIZEPKT = 2. */
#define SNIC_RX_BUF_LEN		2048

static_assert(sizeof(struct snic_tx_desc) == SNIC_DESC_SIZE);
static_assert(sizeof(struct snic_tx_ctx_desc) == SNIC_DESC_SIZE);
static_assert(sizeof(union snic_rx_desc) == SNIC_DESC_SIZE);

/* ---- Pure field packing (also used by the KUnit suite) ----------------- */

/**
 * snic_txc_vlan_macip_lens() - pack the first dword of a context descriptor
 * @vlan: VLAN TCI to insert (with SNIC_TXD_VLE), or 0
 * @maclen: bytes from the frame start to the L3 header
 * @iplen: bytes of L3 header (options and extension headers included)
 *
 * Return: the CPU-order value; the caller guarantees the lengths fit
 * (SNIC_TXC_MACLEN_MAX, SNIC_TXC_IPLEN_MAX).
 */
static inline u32 snic_txc_vlan_macip_lens(u16 vlan, u32 maclen, u32 iplen)
{
	return FIELD_PREP(SNIC_TXC_VLAN, vlan) |
	       FIELD_PREP(SNIC_TXC_MACLEN, maclen) |
	       FIELD_PREP(SNIC_TXC_IPLEN, iplen);
}

/**
 * snic_txc_type_tucmd() - pack the third dword of a context descriptor
 * @ipv4: the L3 header is IPv4
 * @l4t: SNIC_L4T_TCP, SNIC_L4T_UDP or SNIC_L4T_SCTP
 *
 * Return: the CPU-order value, descriptor type and extension included.
 */
static inline u32 snic_txc_type_tucmd(bool ipv4, u32 l4t)
{
	return FIELD_PREP(SNIC_TXD_DTYP, SNIC_DTYP_CTXT) | SNIC_TXD_DEXT |
	       (ipv4 ? SNIC_TXC_TUCMD_IPV4 : 0) |
	       FIELD_PREP(SNIC_TXC_TUCMD_L4T, l4t);
}

/**
 * snic_txc_mss_l4len() - pack the fourth dword of a context descriptor
 * @mss: TSO segment payload size, 0 without TSO
 * @l4len: TSO L4 header length, 0 without TSO
 *
 * Return: the CPU-order value; context slot (IDX) 0.
 */
static inline u32 snic_txc_mss_l4len(u32 mss, u32 l4len)
{
	return FIELD_PREP(SNIC_TXC_MSS, mss) | FIELD_PREP(SNIC_TXC_L4LEN, l4len);
}

/**
 * snic_txd_cmd() - cmd_type_len of an advanced data descriptor
 * @flags: SNIC_TXD_EOP/RS/VLE/TSE/IFCS as needed
 * @len: bytes in this buffer, at most SNIC_TXD_MAX_DATA
 *
 * Return: the CPU-order value.
 */
static inline u32 snic_txd_cmd(u32 flags, u32 len)
{
	return FIELD_PREP(SNIC_TXD_DTYP, SNIC_DTYP_DATA) | SNIC_TXD_DEXT |
	       flags | FIELD_PREP(SNIC_TXD_DTALEN, len);
}

#endif /* _SRIOVNIC_DESC_H */
