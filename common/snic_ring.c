// SPDX-License-Identifier: GPL-2.0
/*
 * Ring life cycle shared by both directions: identity, memory, the
 * enable/disable handshake with the queue's control register, and
 * statistics. The hot paths live in snic_ring_tx.c and snic_ring_rx.c.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/error-injection.h>
#include <linux/mm.h>
#include <linux/if_vlan.h>
#include <linux/slab.h>

#include "snic_ring_priv.h"

/* How long a queue may take to acknowledge an enable or disable. */
#define SNIC_RING_ENABLE_TRIES	20
#define SNIC_RING_ENABLE_US	500

/**
 * snic_ring_init() - give a ring its identity
 * @ring: the ring, owned by the driver
 * @type: SNIC_RING_TX or SNIC_RING_RX
 * @dev: the device doing the DMA
 * @netdev: the network device the ring serves
 * @queue_index: the stack's queue number for this ring
 * @regs: the queue's register block (BAR0 mapping plus snic_pf_txq(),
 *	snic_pf_rxq(), SNIC_VF_TXQ() or SNIC_VF_RXQ())
 *
 * Clears the ring; call once before snic_ring_alloc(), never on a ring
 * that still holds memory.
 */
void snic_ring_init(struct snic_ring *ring, enum snic_ring_type type,
		    struct device *dev, struct net_device *netdev,
		    u16 queue_index, void __iomem *regs)
{
	memset(ring, 0, sizeof(*ring));
	ring->type = type;
	ring->dev = dev;
	ring->netdev = netdev;
	ring->queue_index = queue_index;
	ring->regs = regs;
	ring->tail = regs + (type == SNIC_RING_TX ? SNIC_TDT : SNIC_RDT);
	u64_stats_init(&ring->syncp);
	u64_stats_init(&ring->xsyncp);
}
SNIC_EXPORT(snic_ring_init);

/**
 * snic_ring_alloc() - allocate descriptors and buffer bookkeeping
 * @ring: an initialised ring without memory
 * @count: descriptors, SNIC_RING_MIN..SNIC_RING_MAX, multiple of
 *	SNIC_RING_MULT
 *
 * RX rings also get their page pool here. Nothing touches the device.
 * May sleep.
 *
 * Return: 0, -EINVAL for a bad @count, or -ENOMEM (nothing left allocated).
 */
noinline __noclone int snic_ring_alloc(struct snic_ring *ring, u16 count)
{
	size_t bsz;
	int err;

	if (count < SNIC_RING_MIN || count > SNIC_RING_MAX ||
	    count % SNIC_RING_MULT)
		return -EINVAL;

	bsz = ring->type == SNIC_RING_TX ? sizeof(*ring->tx_buf) :
					   sizeof(*ring->rx_buf);
	ring->tx_buf = kvcalloc(count, bsz, GFP_KERNEL);
	if (!ring->tx_buf)
		return -ENOMEM;

	ring->count = count;
	ring->size = ALIGN(count * SNIC_DESC_SIZE, PAGE_SIZE);
	ring->desc = dma_alloc_coherent(ring->dev, ring->size, &ring->dma,
					GFP_KERNEL);
	if (!ring->desc) {
		err = -ENOMEM;
		goto err_buf;
	}

	if (ring->type == SNIC_RING_RX) {
		err = snic_ring_rx_pool_create(ring);
		if (err)
			goto err_desc;
	}
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
	return 0;

err_desc:
	dma_free_coherent(ring->dev, ring->size, ring->desc, ring->dma);
	ring->desc = NULL;
err_buf:
	kvfree(ring->tx_buf);
	ring->tx_buf = NULL;
	ring->count = 0;
	return err;
}
SNIC_EXPORT(snic_ring_alloc);
ALLOW_ERROR_INJECTION(snic_ring_alloc, ERRNO);

/**
 * snic_ring_free() - release what snic_ring_alloc() allocated
 * @ring: a disabled ring; buffers still posted are released first
 *
 * Safe on a ring that was never allocated, and twice. May sleep.
 */
void snic_ring_free(struct snic_ring *ring)
{
	if (!ring->tx_buf)
		return;
	snic_ring_clean_all(ring);
	if (ring->type == SNIC_RING_RX)
		snic_ring_rx_pool_destroy(ring);
	if (ring->desc)
		dma_free_coherent(ring->dev, ring->size, ring->desc, ring->dma);
	ring->desc = NULL;
	kvfree(ring->tx_buf);
	ring->tx_buf = NULL;
	ring->count = 0;
}
SNIC_EXPORT(snic_ring_free);

/**
 * snic_ring_clean_all() - return every buffer the ring holds
 * @ring: a ring whose queue is disabled and whose NAPI and xmit are quiet
 *
 * TX: unmaps and frees packets never completed and resets the queue's
 * BQL state. RX: returns posted buffers to the page pool and drops a
 * half-assembled frame. The indices restart at 0 and the descriptors
 * are cleared, ready for snic_ring_configure_tx/rx().
 */
void snic_ring_clean_all(struct snic_ring *ring)
{
	if (!ring->tx_buf)
		return;
	if (ring->type == SNIC_RING_TX)
		snic_ring_tx_release(ring);
	else
		snic_ring_rx_release(ring);
	if (ring->desc)
		memset(ring->desc, 0, ring->size);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}
SNIC_EXPORT(snic_ring_clean_all);

/**
 * snic_ring_set_enable() - write a queue control register and wait for it
 * @ring: the ring
 * @ctl_reg: SNIC_TXDCTL or SNIC_RXDCTL
 * @ctl_val: the value to write, enable bit excluded
 * @on: set (true) or clear (false) the enable bit
 *
 * Polls for at most about 20 ms; sleeps. An all-ones read ends the wait.
 *
 * Return: 0, -ENODEV if the device is gone, -ETIMEDOUT if the queue did
 * not follow.
 */
int snic_ring_set_enable(struct snic_ring *ring, u32 ctl_reg, u32 ctl_val,
			 bool on)
{
	/* Same bit position in both directions. */
	u32 en = SNIC_TXDCTL_ENABLE;
	int i;

	static_assert(SNIC_TXDCTL_ENABLE == SNIC_RXDCTL_ENABLE);

	snic_ring_wr32(ring, ctl_reg, on ? ctl_val | en : ctl_val & ~en);
	for (i = 0; i < SNIC_RING_ENABLE_TRIES; i++) {
		u32 v = snic_ring_rd32(ring, ctl_reg);

		if (v == SNIC_DEAD)
			return -ENODEV;
		if (!!(v & en) == on)
			return 0;
		usleep_range(SNIC_RING_ENABLE_US, 2 * SNIC_RING_ENABLE_US);
	}
	return -ETIMEDOUT;
}

/**
 * snic_ring_program_base() - program ring base and length, zero head/tail
 * @ring: the ring (its queue disabled)
 * @bal: SNIC_TDBAL or SNIC_RDBAL; BAH follows at +4, LEN at +8
 * @bah: SNIC_TDBAH or SNIC_RDBAH
 * @len: SNIC_TDLEN or SNIC_RDLEN
 *
 * Head and tail sit at the same offsets in both directions.
 */
void snic_ring_program_base(struct snic_ring *ring, u32 bal, u32 bah, u32 len)
{
	static_assert(SNIC_TDH == SNIC_RDH && SNIC_TDT == SNIC_RDT);

	snic_ring_wr32(ring, bal, lower_32_bits(ring->dma));
	snic_ring_wr32(ring, bah, upper_32_bits(ring->dma));
	snic_ring_wr32(ring, len, ring->count * SNIC_DESC_SIZE);
	snic_ring_wr32(ring, SNIC_TDH, 0);
	snic_ring_wr32(ring, SNIC_TDT, 0);
	ring->next_to_use = 0;
	ring->next_to_clean = 0;
}

/**
 * snic_ring_set_napi() - name the NAPI context that polls a ring
 * @ring: an initialised ring without memory
 * @napi: its poller, added with netif_napi_add() and alive until the
 *	ring's memory is freed
 *
 * The RX page pool created by snic_ring_alloc() is tied to @napi (it
 * recycles directly from that poll and is destroyed only while it is
 * disabled, which the stop paths guarantee) and to the ring's netdev.
 */
void snic_ring_set_napi(struct snic_ring *ring, struct napi_struct *napi)
{
	ring->napi = napi;
}
SNIC_EXPORT(snic_ring_set_napi);

/**
 * snic_ring_link_napi() - show the queue's NAPI to netdev netlink, or not
 * @ring: the ring, its NAPI named
 * @on: link while the datapath runs, unlink when it stops
 *
 * Caller holds rtnl once the netdev is registered.
 */
void snic_ring_link_napi(struct snic_ring *ring, bool on)
{
	snic_queue_set_napi(ring->netdev, ring->queue_index,
			    ring->type == SNIC_RING_RX, on ? ring->napi : NULL);
}
SNIC_EXPORT(snic_ring_link_napi);

static void snic_stats_fetch(const struct u64_stats_sync *syncp,
			     const struct snic_ring_stats *src,
			     struct snic_ring_stats *dst)
{
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(syncp);
		*dst = *src;
	} while (u64_stats_fetch_retry(syncp, start));
}

/**
 * snic_ring_get_stats() - a consistent copy of a ring's counters
 * @ring: the ring
 * @out: filled with the sum of the NAPI-side and xmit-side counters
 *
 * Lock-free; callable from any context, including ndo_get_stats64.
 */
void snic_ring_get_stats(const struct snic_ring *ring,
			 struct snic_ring_stats *out)
{
	struct snic_ring_stats a, b;

	snic_stats_fetch(&ring->syncp, &ring->stats, &a);
	snic_stats_fetch(&ring->xsyncp, &ring->xstats, &b);
	out->packets = a.packets + b.packets;
	out->bytes = a.bytes + b.bytes;
	out->restarts = a.restarts + b.restarts;
	out->busy = a.busy + b.busy;
	out->drops = a.drops + b.drops;
	out->csum_err = a.csum_err + b.csum_err;
	out->alloc_fail = a.alloc_fail + b.alloc_fail;
	out->full = a.full + b.full;
}
SNIC_EXPORT(snic_ring_get_stats);

#ifdef SNIC_HAVE_QSTATS
/**
 * snic_ring_qstats_rx() - netdev_stat_ops view of an RX ring
 * @ring: the RX ring
 * @rx: packets, bytes, allocation failures and bad checksums are set;
 *	what the ring does not count stays unreported
 *
 * The same counters snic_ring_stats64() reads, so the queues add up to
 * "ip -s link". Lock-free, reads no register.
 */
void snic_ring_qstats_rx(const struct snic_ring *ring,
			 struct netdev_queue_stats_rx *rx)
{
	struct snic_ring_stats s;

	snic_ring_get_stats(ring, &s);
	rx->packets = s.packets;
	rx->bytes = s.bytes;
	rx->alloc_fail = s.alloc_fail;
	rx->csum_bad = s.csum_err;
}
SNIC_EXPORT(snic_ring_qstats_rx);

/**
 * snic_ring_qstats_tx() - netdev_stat_ops view of a TX ring
 * @ring: the TX ring
 * @tx: packets and bytes are set
 */
void snic_ring_qstats_tx(const struct snic_ring *ring,
			 struct netdev_queue_stats_tx *tx)
{
	struct snic_ring_stats s;

	snic_ring_get_stats(ring, &s);
	tx->packets = s.packets;
	tx->bytes = s.bytes;
}
SNIC_EXPORT(snic_ring_qstats_tx);

/**
 * snic_ring_qstats_base() - base statistics of a ring-backed netdev
 * @rx: what the RX queues report, set to zero
 * @tx: what the TX queues report, set to zero
 *
 * A ring keeps its counters for the netdev's life (down/up and resets
 * included) and the queue count never changes, so nothing is counted
 * outside the queues; callers add device-wide counters afterwards.
 */
void snic_ring_qstats_base(struct netdev_queue_stats_rx *rx,
			   struct netdev_queue_stats_tx *tx)
{
	rx->packets = 0;
	rx->bytes = 0;
	rx->alloc_fail = 0;
	rx->csum_bad = 0;
	tx->packets = 0;
	tx->bytes = 0;
}
SNIC_EXPORT(snic_ring_qstats_base);
#endif

/**
 * snic_ring_stats64() - fill the ring part of ndo_get_stats64
 * @rx: the receive ring
 * @tx: the transmit ring
 * @stats: packets, bytes, drops and errors are set from the rings
 *
 * Callers add what only they know (hardware counters) afterwards.
 */
void snic_ring_stats64(const struct snic_ring *rx, const struct snic_ring *tx,
		       struct rtnl_link_stats64 *stats)
{
	struct snic_ring_stats r, t;

	snic_ring_get_stats(rx, &r);
	snic_ring_get_stats(tx, &t);
	stats->rx_packets = r.packets;
	stats->rx_bytes = r.bytes;
	stats->rx_dropped = r.drops + r.alloc_fail;
	stats->rx_errors = r.csum_err;
	stats->tx_packets = t.packets;
	stats->tx_bytes = t.bytes;
	stats->tx_dropped = t.drops;
}
SNIC_EXPORT(snic_ring_stats64);

/**
 * snic_ring_features_check() - ndo_features_check for the ring datapath
 * @skb: the packet about to be sent
 * @dev: its device
 * @features: what the stack would use
 *
 * Headers longer than a context descriptor can describe get checksum and
 * segmentation in software, before the packet reaches the ring.
 *
 * Return: @features, reduced where the hardware cannot help.
 */
netdev_features_t snic_ring_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features)
{
	unsigned int maclen, iplen;

	features = vlan_features_check(skb, features);
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return features;

	maclen = skb_network_offset(skb);
	iplen = skb_checksum_start_offset(skb) - maclen;
	if (maclen > SNIC_TXC_MACLEN_MAX || iplen > SNIC_TXC_IPLEN_MAX)
		features &= ~(NETIF_F_CSUM_MASK | NETIF_F_GSO_MASK);
	return features;
}
SNIC_EXPORT(snic_ring_features_check);
