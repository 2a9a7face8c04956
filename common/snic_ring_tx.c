// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit side of the ring datapath.
 *
 * A packet occupies, in ring order: an optional context descriptor (VLAN
 * insertion, checksum offload, TSO), then one data descriptor per piece of
 * at most SNIC_TXD_MAX_DATA bytes of the skb head and of each fragment.
 * Only the last data descriptor asks for a status report (RS); its DD bit
 * completes the whole packet. The packet's first slot (the context slot
 * if there is one) carries the skb, the byte and segment counts and a
 * pointer to that last descriptor (next_to_watch); every slot that mapped
 * a buffer carries that mapping.
 */
#include <linux/dma-mapping.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/sctp.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>

#include "snic_ring_priv.h"

/* Queue thresholds; the model ignores them, the 82576 honours them. */
#define SNIC_TX_PTHRESH		8
#define SNIC_TX_HTHRESH		1
#define SNIC_TX_WTHRESH		1	/* write back each RS descriptor */

/* Completions handled per call before yielding back to NAPI. */
#define SNIC_TX_WORK_LIMIT	256

static int snic_tx_csum(struct sk_buff *skb, struct snic_tx_offload *off,
			u16 vlan)
{
	u32 maclen = skb_network_offset(skb);
	u32 iplen = skb_checksum_start_offset(skb) - maclen;
	bool ipv4;
	u32 l4t;

	switch (vlan_get_protocol(skb)) {
	case htons(ETH_P_IP):
		ipv4 = true;
		break;
	case htons(ETH_P_IPV6):
		ipv4 = false;
		break;
	default:
		goto software;
	}

	switch (skb->csum_offset) {
	case offsetof(struct tcphdr, check):
		l4t = SNIC_L4T_TCP;
		break;
	case offsetof(struct udphdr, check):
		l4t = SNIC_L4T_UDP;
		break;
	case offsetof(struct sctphdr, checksum):
		if (!skb_csum_is_sctp(skb))
			goto software;
		l4t = SNIC_L4T_SCTP;
		break;
	default:
		goto software;
	}
	if (maclen > SNIC_TXC_MACLEN_MAX || !iplen || iplen > SNIC_TXC_IPLEN_MAX)
		goto software;

	off->vlan_macip_lens = snic_txc_vlan_macip_lens(vlan, maclen, iplen);
	off->type_tucmd = snic_txc_type_tucmd(ipv4, l4t);
	off->mss_l4len = 0;
	off->olinfo |= SNIC_TXD_OL_TXSM;
	off->need_ctx = true;
	return 1;

software:
	/* Something the hardware cannot do: checksum it here. */
	return skb_checksum_help(skb) ? -EINVAL : 0;
}

static int snic_tx_tso(struct sk_buff *skb, struct snic_tx_offload *off,
		       u16 vlan)
{
	u32 maclen, iplen, l4off, l4len, paylen;
	struct tcphdr *th;
	bool ipv4;
	int err;

	if (skb->ip_summed != CHECKSUM_PARTIAL || !skb_shinfo(skb)->gso_size ||
	    !(skb_shinfo(skb)->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
		return -EPROTONOSUPPORT;

	err = skb_cow_head(skb, 0);
	if (err < 0)
		return err;

	maclen = skb_network_offset(skb);
	l4off = skb_checksum_start_offset(skb);
	iplen = l4off - maclen;
	th = (struct tcphdr *)skb_checksum_start(skb);
	l4len = th->doff * 4;
	if (maclen > SNIC_TXC_MACLEN_MAX || !iplen ||
	    iplen > SNIC_TXC_IPLEN_MAX || l4off + l4len > skb_headlen(skb))
		return -EINVAL;

	ipv4 = ip_hdr(skb)->version == 4;
	if (ipv4) {
		struct iphdr *iph = ip_hdr(skb);

		/* The hardware fills length and checksum per segment. */
		iph->tot_len = 0;
		iph->check = 0;
		off->olinfo |= SNIC_TXD_OL_IXSM;
	} else {
		ipv6_hdr(skb)->payload_len = 0;
	}

	/* The pseudo-header sum the hardware adds to must exclude length. */
	paylen = skb->len - l4off;
	csum_replace_by_diff(&th->check, (__force __wsum)htonl(paylen));

	off->hdr_len = l4off + l4len;
	off->vlan_macip_lens = snic_txc_vlan_macip_lens(vlan, maclen, iplen);
	off->type_tucmd = snic_txc_type_tucmd(ipv4, SNIC_L4T_TCP);
	off->mss_l4len = snic_txc_mss_l4len(skb_shinfo(skb)->gso_size, l4len);
	off->cmd |= SNIC_TXD_TSE;
	off->olinfo |= SNIC_TXD_OL_TXSM;
	off->need_ctx = true;
	return 1;
}

/**
 * snic_tx_offload_prep() - decide the context descriptor for a packet
 * @skb: the packet (TSO: its headers are edited as the hardware requires)
 * @off: filled in; see &struct snic_tx_offload
 *
 * Handles a hardware-accelerated VLAN tag, CHECKSUM_PARTIAL for TCP, UDP
 * and SCTP over IPv4/IPv6 (falling back to skb_checksum_help() for what
 * the hardware cannot do), and TCP segmentation over IPv4/IPv6.
 *
 * Return: 1 if a context descriptor is needed, 0 if not, negative errno
 * if the packet must be dropped.
 */
int snic_tx_offload_prep(struct sk_buff *skb, struct snic_tx_offload *off)
{
	u16 vlan = 0;

	memset(off, 0, sizeof(*off));
	if (skb_vlan_tag_present(skb)) {
		vlan = skb_vlan_tag_get(skb);
		off->cmd |= SNIC_TXD_VLE;
	}

	if (skb_is_gso(skb))
		return snic_tx_tso(skb, off, vlan);
	if (skb->ip_summed == CHECKSUM_PARTIAL) {
		int ret = snic_tx_csum(skb, off, vlan);

		if (ret)
			return ret;
	}
	if (vlan) {
		/* Tag insertion alone still needs a context. */
		off->vlan_macip_lens = snic_txc_vlan_macip_lens(vlan, 0, 0);
		off->type_tucmd = snic_txc_type_tucmd(false, SNIC_L4T_UDP);
		off->need_ctx = true;
		return 1;
	}
	return 0;
}
SNIC_EXPORT(snic_tx_offload_prep);

/**
 * snic_tx_desc_count() - data descriptors a packet needs
 * @skb: the packet
 *
 * Every buffer (head and fragments) is cut into pieces of at most
 * SNIC_TXD_MAX_DATA bytes; empty buffers take none. A context
 * descriptor, if any, is not included.
 *
 * Return: the count.
 */
unsigned int snic_tx_desc_count(const struct sk_buff *skb)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	unsigned int n = DIV_ROUND_UP(skb_headlen(skb), SNIC_TXD_MAX_DATA);
	unsigned int f;

	for (f = 0; f < sh->nr_frags; f++)
		n += DIV_ROUND_UP(skb_frag_size(&sh->frags[f]),
				  SNIC_TXD_MAX_DATA);
	return n;
}
SNIC_EXPORT(snic_tx_desc_count);

static void snic_tx_unmap(struct snic_ring *ring, struct snic_tx_buffer *b)
{
	if (b->map == SNIC_TXB_SINGLE)
		dma_unmap_single(ring->dev, dma_unmap_addr(b, dma),
				 dma_unmap_len(b, len), DMA_TO_DEVICE);
	else if (b->map == SNIC_TXB_PAGE)
		dma_unmap_page(ring->dev, dma_unmap_addr(b, dma),
			       dma_unmap_len(b, len), DMA_TO_DEVICE);
	b->map = 0;
	dma_unmap_len_set(b, len, 0);
}

/*
 * Map the head and the fragments and write the data descriptors from slot
 * @i on. Return the slot after the last one written, with *@last pointing
 * at the last descriptor, or -ENOMEM after undoing every mapping made.
 */
static int snic_tx_map(struct snic_ring *ring, struct sk_buff *skb,
		       const struct snic_tx_offload *off, u16 i,
		       struct snic_tx_desc **last)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);
	u32 olinfo = FIELD_PREP(SNIC_TXD_OL_PAYLEN, skb->len - off->hdr_len) |
		     off->olinfo;
	unsigned int size = skb_headlen(skb);
	struct snic_tx_desc *d = NULL;
	const skb_frag_t *frag = NULL;
	u16 start = i;
	dma_addr_t dma = 0;
	int f = -1;

	for (;;) {
		struct snic_tx_buffer *b = &ring->tx_buf[i];
		u8 kind;

		if (size) {
			if (f < 0) {
				kind = SNIC_TXB_SINGLE;
				dma = dma_map_single(ring->dev, skb->data,
						     size, DMA_TO_DEVICE);
			} else {
				kind = SNIC_TXB_PAGE;
				dma = skb_frag_dma_map(ring->dev, frag, 0,
						       size, DMA_TO_DEVICE);
			}
			if (dma_mapping_error(ring->dev, dma))
				goto unwind;
			b->map = kind;
			dma_unmap_addr_set(b, dma, dma);
			dma_unmap_len_set(b, len, size);
		}

		while (size) {
			unsigned int chunk = min_t(unsigned int, size,
						   SNIC_TXD_MAX_DATA);

			d = snic_tx_desc(ring, i);
			d->addr = cpu_to_le64(dma);
			d->cmd_type_len = cpu_to_le32(snic_txd_cmd(off->cmd,
								   chunk));
			d->olinfo_status = cpu_to_le32(olinfo);
			olinfo = 0;
			dma += chunk;
			size -= chunk;
			i = snic_ring_next(ring, i);
		}

		if (++f >= sh->nr_frags)
			break;
		frag = &sh->frags[f];
		size = skb_frag_size(frag);
	}
	*last = d;
	return i;

unwind:
	while (start != i) {
		snic_tx_unmap(ring, &ring->tx_buf[start]);
		start = snic_ring_next(ring, start);
	}
	return -ENOMEM;
}

static void snic_tx_drop(struct snic_ring *ring, struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
	u64_stats_update_begin(&ring->xsyncp);
	ring->xstats.drops++;
	u64_stats_update_end(&ring->xsyncp);
}

/**
 * snic_ring_xmit() - queue one packet on a TX ring
 * @skb: the packet
 * @ring: the TX ring the stack picked (its queue_index)
 *
 * For ndo_start_xmit. Writes the tail once per batch: when the stack has
 * no more packets for us (!netdev_xmit_more()) or the queue was stopped.
 * Stops the queue when fewer than SNIC_TX_DESC_NEEDED descriptors remain.
 *
 * Return: NETDEV_TX_OK (sent or dropped and counted), NETDEV_TX_BUSY if
 * the ring is full (the queue is stopped; should not happen).
 */
netdev_tx_t snic_ring_xmit(struct sk_buff *skb, struct snic_ring *ring)
{
	struct netdev_queue *txq = snic_ring_txq(ring);
	struct snic_tx_buffer *first;
	struct snic_tx_offload off;
	struct snic_tx_desc *last;
	unsigned int need;
	int ret;
	u16 i;

	/*
	 * Pad runts ourselves, checksumming them first: what the hardware
	 * sums for TXSM runs to the end of the frame, and QEMU's model also
	 * derives the pseudo-header length from it, so padding must not be
	 * part of an offloaded checksum.
	 */
	if (unlikely(skb->len < ETH_ZLEN)) {
		if (skb->ip_summed == CHECKSUM_PARTIAL &&
		    skb_checksum_help(skb)) {
			snic_tx_drop(ring, skb);
			return NETDEV_TX_OK;
		}
		if (skb_put_padto(skb, ETH_ZLEN)) {
			snic_tx_drop(ring, NULL);
			return NETDEV_TX_OK;
		}
	}

	/* Data descriptors, a context descriptor, and the one kept empty. */
	need = snic_tx_desc_count(skb) + 1;
	if (unlikely(need >= ring->count)) {
		snic_tx_drop(ring, skb);
		return NETDEV_TX_OK;
	}
	if (unlikely(!netif_txq_maybe_stop(txq, snic_ring_desc_unused(ring),
					   need, need))) {
		u64_stats_update_begin(&ring->xsyncp);
		ring->xstats.busy++;
		u64_stats_update_end(&ring->xsyncp);
		return NETDEV_TX_BUSY;
	}

	ret = snic_tx_offload_prep(skb, &off);
	if (ret < 0) {
		snic_tx_drop(ring, skb);
		return NETDEV_TX_OK;
	}

	i = ring->next_to_use;
	first = &ring->tx_buf[i];
	if (off.need_ctx) {
		struct snic_tx_ctx_desc *c = (struct snic_tx_ctx_desc *)
					      snic_tx_desc(ring, i);

		c->vlan_macip_lens = cpu_to_le32(off.vlan_macip_lens);
		c->seqnum_seed = 0;
		c->type_tucmd_mlhl = cpu_to_le32(off.type_tucmd);
		c->mss_l4len_idx = cpu_to_le32(off.mss_l4len);
		i = snic_ring_next(ring, i);
	}

	ret = snic_tx_map(ring, skb, &off, i, &last);
	if (ret < 0) {
		snic_tx_drop(ring, skb);
		return NETDEV_TX_OK;
	}
	i = ret;
	last->cmd_type_len |= cpu_to_le32(SNIC_TXD_EOP | SNIC_TXD_RS);

	first->skb = skb;
	first->bytecount = skb->len;
	first->gso_segs = 1;
	if (off.hdr_len) {
		first->gso_segs = skb_shinfo(skb)->gso_segs;
		first->bytecount += (first->gso_segs - 1) * off.hdr_len;
	}
	skb_tx_timestamp(skb);

	/*
	 * Descriptors and the slot's fields must be visible before the
	 * completion side can see next_to_watch, and to the device before
	 * the tail moves.
	 */
	dma_wmb();
	/* Pairs with smp_load_acquire() in snic_ring_clean_tx(). */
	smp_store_release(&first->next_to_watch, last);
	WRITE_ONCE(ring->next_to_use, i);

	netif_txq_maybe_stop(txq, snic_ring_desc_unused(ring),
			     SNIC_TX_DESC_NEEDED, SNIC_TX_WAKE_THRESH);

	if (__netdev_tx_sent_queue(txq, first->bytecount, netdev_xmit_more()))
		writel(i, ring->tail);
	return NETDEV_TX_OK;
}
SNIC_EXPORT(snic_ring_xmit);

/**
 * snic_ring_clean_tx() - reclaim completed packets
 * @ring: the TX ring
 * @napi_budget: the NAPI budget passed to the poll (0 from netpoll)
 *
 * Call from the ring's NAPI poll. Reports completions to BQL and wakes
 * the queue when SNIC_TX_WAKE_THRESH descriptors are free again.
 *
 * Return: true if all completed work was done, false if the work limit
 * was hit and the poll should stay scheduled.
 */
bool snic_ring_clean_tx(struct snic_ring *ring, int napi_budget)
{
	unsigned int budget = SNIC_TX_WORK_LIMIT;
	unsigned int pkts = 0, bytes = 0;
	u16 i = ring->next_to_clean;
	bool woken;

	if (unlikely(!ring->tx_buf))
		return true;

	while (budget) {
		struct snic_tx_buffer *b = &ring->tx_buf[i];
		struct snic_tx_desc *eop;

		/* Pairs with smp_store_release() in snic_ring_xmit(). */
		eop = smp_load_acquire(&b->next_to_watch);
		if (!eop)
			break;
		if (!(READ_ONCE(eop->olinfo_status) &
		      cpu_to_le32(SNIC_TXD_STA_DD)))
			break;

		b->next_to_watch = NULL;
		pkts += b->gso_segs;
		bytes += b->bytecount;
		napi_consume_skb(b->skb, napi_budget);
		b->skb = NULL;

		for (;;) {
			struct snic_tx_desc *d = snic_tx_desc(ring, i);

			snic_tx_unmap(ring, &ring->tx_buf[i]);
			i = snic_ring_next(ring, i);
			if (d == eop)
				break;
		}
		budget--;
	}
	WRITE_ONCE(ring->next_to_clean, i);

	woken = !netif_txq_completed_wake(snic_ring_txq(ring), pkts, bytes,
					  snic_ring_desc_unused(ring),
					  SNIC_TX_WAKE_THRESH);

	if (pkts || woken) {
		u64_stats_update_begin(&ring->syncp);
		ring->stats.packets += pkts;
		ring->stats.bytes += bytes;
		ring->stats.restarts += woken;
		u64_stats_update_end(&ring->syncp);
	}
	return budget != 0;
}
SNIC_EXPORT(snic_ring_clean_tx);

/**
 * snic_ring_configure_tx() - program and enable a TX queue
 * @ring: an allocated TX ring with no packets in flight
 *
 * Disables the queue, programs base, length, head and tail (head
 * write-back off), resets BQL, enables the queue and waits for the
 * hardware to confirm. May sleep.
 *
 * Return: 0, -ENODEV if the device is gone, -ETIMEDOUT if the queue did
 * not enable.
 */
int snic_ring_configure_tx(struct snic_ring *ring)
{
	u32 ctl = FIELD_PREP(SNIC_TXDCTL_PTHRESH, SNIC_TX_PTHRESH) |
		  FIELD_PREP(SNIC_TXDCTL_HTHRESH, SNIC_TX_HTHRESH) |
		  FIELD_PREP(SNIC_TXDCTL_WTHRESH, SNIC_TX_WTHRESH);
	int err;

	err = snic_ring_set_enable(ring, SNIC_TXDCTL, 0, false);
	if (err)
		return err;

	memset(ring->desc, 0, ring->size);
	snic_ring_program_base(ring, SNIC_TDBAL, SNIC_TDBAH, SNIC_TDLEN);
	snic_ring_wr32(ring, SNIC_TDWBAL, 0);
	snic_ring_wr32(ring, SNIC_TDWBAH, 0);
	netdev_tx_reset_queue(snic_ring_txq(ring));

	return snic_ring_set_enable(ring, SNIC_TXDCTL, ctl, true);
}
SNIC_EXPORT(snic_ring_configure_tx);

/**
 * snic_ring_disable_tx() - disable a TX queue
 * @ring: the TX ring, xmit already stopped (netif_tx_disable())
 *
 * Bounded (at most about 20 ms); returns at once if the device is gone. Follow
 * with snic_ring_clean_all() once NAPI is disabled. May sleep.
 *
 * Return: 0, -ENODEV or -ETIMEDOUT; the ring may be cleaned either way.
 */
int snic_ring_disable_tx(struct snic_ring *ring)
{
	u32 v = snic_ring_rd32(ring, SNIC_TXDCTL);

	if (v == SNIC_DEAD)
		return -ENODEV;
	return snic_ring_set_enable(ring, SNIC_TXDCTL, v, false);
}
SNIC_EXPORT(snic_ring_disable_tx);

/**
 * snic_ring_tx_release() - free every packet still on a TX ring
 * @ring: a disabled TX ring
 *
 * Unmaps every slot, frees the skbs and resets the queue's BQL state.
 */
void snic_ring_tx_release(struct snic_ring *ring)
{
	u16 i;

	for (i = 0; i < ring->count; i++) {
		struct snic_tx_buffer *b = &ring->tx_buf[i];

		snic_tx_unmap(ring, b);
		if (b->skb)
			dev_kfree_skb_any(b->skb);
		b->skb = NULL;
		b->next_to_watch = NULL;
	}
	netdev_tx_reset_queue(snic_ring_txq(ring));
}
