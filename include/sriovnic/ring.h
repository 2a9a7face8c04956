/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The descriptor-ring datapath shared by sriovnic_pf and sriovnic_vf.
 *
 * One struct snic_ring is one hardware queue in one direction. The driver
 * owns the ring memory (usually an array in its private data), NAPI and
 * interrupts; this layer owns the descriptors, the buffers and the
 * register block of the queue. The life of a ring:
 *
 *   probe/open:  snic_ring_init()           (once: type, device, registers)
 *                snic_ring_alloc()          (descriptors + buffer array)
 *                snic_ring_configure_tx/rx() (program, enable, fill RX)
 *   running:     snic_ring_xmit()           (ndo_start_xmit)
 *                snic_ring_clean_tx/rx()    (NAPI poll)
 *                snic_ring_get_stats()      (ndo_get_stats64, ethtool)
 *   stop:        snic_ring_disable_tx/rx()  (after netif_tx_disable, NAPI
 *                                           and the vector quiesced)
 *                snic_ring_clean_all()      (return every buffer)
 *                snic_ring_free()           (descriptors + buffer array)
 *
 * A device reset that disables the queues behind the driver's back (VF
 * reset, PF reset seen by a VF) is recovered with disable, clean_all and
 * configure again; alloc/free are not needed for that.
 *
 * What the rings rely on the driver for: NETIF_F_SG, IP_CSUM, IPV6_CSUM,
 * SCTP_CRC, TSO, TSO6, RXCSUM, RXHASH, HW_VLAN_CTAG_TX/RX are handled
 * (advertise no tunnel or UDP segmentation features). The PF sets the
 * device-wide bits both functions depend on: RCTL.SECRC (else 4 FCS bytes
 * trail every frame), RXCSUM.IPOFLD/TUOFLD for RX checksum status,
 * RCTL.LPE/RLPML and VMOLR.LPE/RLPML for jumbo frames, VMOLR.STRVLAN (or
 * CTRL.VME without VMDq) for VLAN stripping, TCTL.EN and the pools'
 * VFRE/VFTE bits. Interrupts, NAPI and EITR are the driver's; each poll
 * calls snic_ring_clean_tx() and snic_ring_clean_rx(). If an RX ring ran
 * dry (allocation failures), it is refilled on the next poll: a watchdog
 * that schedules NAPI now and then guarantees there is one.
 *
 * Concurrency: snic_ring_xmit() runs under the stack's TX queue lock;
 * snic_ring_clean_tx() and snic_ring_clean_rx() run in the ring's NAPI
 * poll; they share nothing but the ring indices (made safe by barriers)
 * and the statistics, which each side keeps under its own u64_stats_sync.
 * The configure, disable, clean_all, alloc and free calls may sleep and
 * must not race with xmit or poll.
 */
#ifndef _SRIOVNIC_RING_H
#define _SRIOVNIC_RING_H

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>

#include "csr.h"
#include "desc.h"

struct page_pool;

/**
 * enum snic_ring_type - direction of a ring
 * @SNIC_RING_TX: transmit queue
 * @SNIC_RING_RX: receive queue
 */
enum snic_ring_type {
	SNIC_RING_TX,
	SNIC_RING_RX,
};

/**
 * struct snic_tx_buffer - bookkeeping for one TX descriptor slot
 * @next_to_watch: on a packet's first slot, the packet's last descriptor
 *	(whose DD bit says the whole packet is done); NULL otherwise
 * @skb: on a packet's first slot, the packet
 * @bytecount: on a packet's first slot, bytes on the wire (TSO: all
 *	segments, headers counted once per segment)
 * @gso_segs: on a packet's first slot, packets on the wire
 * @map: how @dma was mapped: 0 none, SNIC_TXB_SINGLE, SNIC_TXB_PAGE
 * @dma: DMA address of the buffer this slot maps
 * @len: length of that mapping (0 when the slot maps nothing)
 */
struct snic_tx_buffer {
	struct snic_tx_desc *next_to_watch;
	struct sk_buff *skb;
	unsigned int bytecount;
	u16 gso_segs;
	u8 map;
	DEFINE_DMA_UNMAP_ADDR(dma);
	DEFINE_DMA_UNMAP_LEN(len);
};

#define SNIC_TXB_SINGLE	1	/* dma_map_single() of the skb head */
#define SNIC_TXB_PAGE	2	/* skb_frag_dma_map() of a fragment */

/**
 * struct snic_rx_buffer - one posted RX buffer
 * @page: page_pool page holding the buffer
 * @offset: offset of the SNIC_RX_BUF_LEN buffer inside @page
 */
struct snic_rx_buffer {
	struct page *page;
	unsigned int offset;
};

/**
 * struct snic_ring_stats - counters of one ring
 * @packets: packets completed (TX) or delivered (RX)
 * @bytes: bytes completed or delivered
 * @restarts: TX: queue woken after being stopped for lack of descriptors
 * @busy: TX: NETDEV_TX_BUSY returned or queue stopped in xmit
 * @drops: TX: packets dropped in xmit (DMA mapping failure, bad packet);
 *	RX: frames dropped (hardware error, too many fragments)
 * @csum_err: RX: frames whose L3/L4 checksum the hardware found wrong
 * @alloc_fail: RX: buffer or skb allocations that failed
 * @full: RX: polls that found every posted buffer filled, so that the
 *	device had none left for a while and may have dropped frames (a
 *	VF's queue drops them without counting them anywhere)
 */
struct snic_ring_stats {
	u64 packets;
	u64 bytes;
	u64 restarts;
	u64 busy;
	u64 drops;
	u64 csum_err;
	u64 alloc_fail;
	u64 full;
};

/**
 * struct snic_ring - one hardware queue, TX or RX
 * @type: enum snic_ring_type
 * @dev: device doing the DMA (the PF's or the VF's &pci_dev.dev)
 * @netdev: the network device the ring belongs to
 * @queue_index: the stack's queue number (TX: netdev_get_tx_queue() index,
 *	RX: recorded in each skb)
 * @regs: base of this queue's register block (snic_pf_txq() etc. added
 *	to the BAR0 mapping); registers are at SNIC_TDBAL.. / SNIC_RDBAL..
 * @tail: @regs + SNIC_TDT or SNIC_RDT, set by snic_ring_init()
 * @desc: descriptor memory (@count * SNIC_DESC_SIZE bytes)
 * @dma: its DMA address
 * @size: its size in bytes
 * @count: number of descriptors
 * @next_to_use: next slot the driver fills
 * @next_to_clean: next slot the driver expects the hardware to complete
 * @tx_buf: TX slot bookkeeping, @count entries
 * @rx_buf: RX posted buffers, @count entries
 * @napi: the NAPI context that polls the ring (snic_ring_set_napi()):
 *	the RX page pool recycles directly from it, and netdev netlink
 *	shows it as the queue's NAPI
 * @pp: RX page pool (created by snic_ring_alloc())
 * @skb: RX frame being assembled across descriptors (and polls)
 * @rx_discard: RX: drop descriptors up to and including the next EOP
 * @rx_vlans: RX: if set, a stripped VLAN tag is reported to the stack only
 *	when its VID is 0 (priority tag) or set in this VLAN_N_VID-bit map
 *	(the VLANs the stack added); any other tag is one the PF inserts
 *	and strips for a port VLAN, and the frame goes up untagged
 * @syncp: protects @stats (written by the NAPI side only)
 * @stats: counters written by clean_tx/clean_rx
 * @xsyncp: protects @xstats (written by xmit only)
 * @xstats: counters written by snic_ring_xmit()
 *
 * The driver fills nothing by hand: snic_ring_init() sets the identity,
 * snic_ring_set_napi() the poller (before snic_ring_alloc()),
 * snic_ring_alloc() the memory. It may set @rx_vlans before the ring is
 * started; the bits it points to may change at any time (test_bit()).
 */
struct snic_ring {
	enum snic_ring_type type;
	struct device *dev;
	struct net_device *netdev;
	u16 queue_index;
	void __iomem *regs;
	void __iomem *tail;

	void *desc;
	dma_addr_t dma;
	unsigned int size;
	u16 count;
	u16 next_to_use;
	u16 next_to_clean;

	union {
		struct snic_tx_buffer *tx_buf;
		struct snic_rx_buffer *rx_buf;
	};
	struct napi_struct *napi;
	struct page_pool *pp;
	struct sk_buff *skb;
	bool rx_discard;
	const unsigned long *rx_vlans;

	struct u64_stats_sync syncp;
	struct snic_ring_stats stats;
	struct u64_stats_sync xsyncp;
	struct snic_ring_stats xstats;
};

/* Descriptors one packet may need at most, and the TX wake threshold. */
#define SNIC_TX_DESC_NEEDED	(MAX_SKB_FRAGS + 4)
#define SNIC_TX_WAKE_THRESH	(2 * SNIC_TX_DESC_NEEDED)

/* Bytes of an RX frame copied into the skb head (the rest stays in pages). */
#define SNIC_RX_HDR_LEN		256

/**
 * snic_ring_unused() - free descriptors between the driver and hardware
 * @count: ring size
 * @ntu: next_to_use
 * @ntc: next_to_clean
 *
 * One slot always stays empty so that a full ring is not mistaken for an
 * empty one (tail == head means empty to the hardware).
 *
 * Return: how many descriptors may be filled now.
 */
static inline u16 snic_ring_unused(u16 count, u16 ntu, u16 ntc)
{
	return (ntc > ntu ? 0 : count) + ntc - ntu - 1;
}

/* RX buffers posted together: one tail write per this many, at least. */
#define SNIC_RX_REFILL_BATCH	16

/**
 * snic_rx_refill_due() - is an RX refill worth its tail write now
 * @unused: free descriptors (snic_ring_unused())
 * @count: ring size
 *
 * Buffers go back in batches of a 32nd of the ring (SNIC_RX_REFILL_BATCH
 * at least: 128 for the VF's 4096 slots), so that a poll that received a
 * frame or two does not pay a register write for it; a ping or a UDP
 * flow then costs one RX tail write per 128 frames rather than per 16.
 * Every ring keeps at least 31/32 (the smallest 3/4) of its buffers
 * posted meanwhile.
 *
 * Return: true to refill now.
 */
static inline bool snic_rx_refill_due(u16 unused, u16 count)
{
	static_assert(SNIC_RING_MIN >= 4 * SNIC_RX_REFILL_BATCH);
	return unused >= max_t(u16, SNIC_RX_REFILL_BATCH, count / 32);
}

/*
 * RX buffers posted when a queue starts, and more than it took back that
 * one poll posts, until every slot holds one: a ring fills as it is used
 * rather than at open (4096 buffers took 17-25 ms of each VF's ip link up
 * under TCG), and an idle one pins SNIC_RX_OPEN_FILL buffers.
 */
#define SNIC_RX_OPEN_FILL	256
#define SNIC_RX_GROW		256

/**
 * snic_rx_refill_count() - how many RX buffers one refill posts
 * @unused: free descriptors (snic_ring_unused())
 * @taken: descriptors the poll took back from the device
 *
 * Return: @taken plus up to SNIC_RX_GROW more, at most @unused.
 */
static inline u16 snic_rx_refill_count(u16 unused, u16 taken)
{
	return min_t(u32, unused, (u32)taken + SNIC_RX_GROW);
}

/**
 * snic_ring_desc_unused() - snic_ring_unused() for a ring
 * @ring: the ring
 *
 * Return: how many descriptors may be filled now.
 */
static inline u16 snic_ring_desc_unused(const struct snic_ring *ring)
{
	return snic_ring_unused(ring->count, READ_ONCE(ring->next_to_use),
				READ_ONCE(ring->next_to_clean));
}

/**
 * snic_ring_rd32() - read a register of the ring's queue block
 * @ring: the ring
 * @reg: offset in the block (SNIC_TDLEN, SNIC_RXDCTL, ...)
 *
 * Return: the value; all-ones means the device is gone.
 */
static inline u32 snic_ring_rd32(const struct snic_ring *ring, u32 reg)
{
	return readl(ring->regs + reg);
}

/**
 * snic_ring_wr32() - write a register of the ring's queue block
 * @ring: the ring
 * @reg: offset in the block
 * @val: value
 */
static inline void snic_ring_wr32(const struct snic_ring *ring, u32 reg,
				  u32 val)
{
	writel(val, ring->regs + reg);
}

void snic_ring_init(struct snic_ring *ring, enum snic_ring_type type,
		    struct device *dev, struct net_device *netdev,
		    u16 queue_index, void __iomem *regs);
int snic_ring_alloc(struct snic_ring *ring, u16 count);
void snic_ring_free(struct snic_ring *ring);

int snic_ring_configure_tx(struct snic_ring *ring);
int snic_ring_configure_rx(struct snic_ring *ring);
int snic_ring_disable_tx(struct snic_ring *ring);
int snic_ring_disable_rx(struct snic_ring *ring);
void snic_ring_clean_all(struct snic_ring *ring);

netdev_tx_t snic_ring_xmit(struct sk_buff *skb, struct snic_ring *ring);
bool snic_ring_clean_tx(struct snic_ring *ring, int napi_budget);
int snic_ring_clean_rx(struct snic_ring *ring, struct napi_struct *napi,
		       int budget);

void snic_ring_set_napi(struct snic_ring *ring, struct napi_struct *napi);
void snic_ring_link_napi(struct snic_ring *ring, bool on);

void snic_ring_get_stats(const struct snic_ring *ring,
			 struct snic_ring_stats *out);
#ifdef SNIC_HAVE_QSTATS
struct netdev_queue_stats_rx;
struct netdev_queue_stats_tx;
void snic_ring_qstats_rx(const struct snic_ring *ring,
			 struct netdev_queue_stats_rx *rx);
void snic_ring_qstats_tx(const struct snic_ring *ring,
			 struct netdev_queue_stats_tx *tx);
void snic_ring_qstats_base(struct netdev_queue_stats_rx *rx,
			   struct netdev_queue_stats_tx *tx);
#endif
void snic_ring_stats64(const struct snic_ring *rx, const struct snic_ring *tx,
		       struct rtnl_link_stats64 *stats);
netdev_features_t snic_ring_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features);

/**
 * struct snic_tx_offload - what one packet asks of the hardware
 * @vlan_macip_lens: context dword 0 (CPU order)
 * @type_tucmd: context dword 2 (CPU order)
 * @mss_l4len: context dword 3 (CPU order)
 * @cmd: SNIC_TXD_VLE/TSE for every data descriptor of the packet
 * @olinfo: SNIC_TXD_OL_IXSM/TXSM for the first data descriptor
 * @hdr_len: TSO: header bytes repeated in every segment; else 0
 * @need_ctx: a context descriptor must precede the data descriptors
 */
struct snic_tx_offload {
	u32 vlan_macip_lens;
	u32 type_tucmd;
	u32 mss_l4len;
	u32 cmd;
	u32 olinfo;
	u16 hdr_len;
	bool need_ctx;
};

int snic_tx_offload_prep(struct sk_buff *skb, struct snic_tx_offload *off);
unsigned int snic_tx_desc_count(const struct sk_buff *skb);

#endif /* _SRIOVNIC_RING_H */
