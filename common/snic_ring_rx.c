// SPDX-License-Identifier: GPL-2.0
/*
 * Receive side of the ring datapath.
 *
 * Every descriptor gets a SNIC_RX_BUF_LEN (2 KiB) buffer, half a page
 * from the ring's page pool; the queue runs in advanced one-buffer mode,
 * so a frame longer than a buffer continues in the following descriptors
 * until one has EOP. The first buffer's headers (up to SNIC_RX_HDR_LEN
 * bytes) are copied into a small skb; what follows stays in the pages and
 * is attached as fragments, which go back to the pool when the skb dies.
 * Frames no longer than SNIC_RX_HDR_LEN are copied whole and their buffer
 * is recycled at once.
 */
#include <linux/error-injection.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/skbuff.h>

#include "snic_ring_priv.h"

/* Queue thresholds; the model ignores them, the 82576 honours them. */
#define SNIC_RX_PTHRESH		8
#define SNIC_RX_HTHRESH		8
#define SNIC_RX_WTHRESH		1

/* RSS types (low bits of pkt_info) that hashed the L4 ports too. */
#define SNIC_RSS_L4_TYPES	(BIT(1) | BIT(3) | BIT(6) | BIT(7) | BIT(8) | \
				 BIT(9))

/**
 * snic_ring_rx_pool_create() - create the page pool of an RX ring
 * @ring: an RX ring whose count and device are set
 *
 * Return: 0 or a negative errno.
 */
noinline __noclone int snic_ring_rx_pool_create(struct snic_ring *ring)
{
	struct page_pool_params pp = {
		.flags = PP_FLAG_DMA_MAP | PP_FLAG_DMA_SYNC_DEV |
			 SNIC_PP_FLAG_FRAG,
		.order = 0,
		.pool_size = ring->count,
		.nid = dev_to_node(ring->dev),
		.dev = ring->dev,
		.dma_dir = DMA_FROM_DEVICE,
		.offset = 0,
		.max_len = PAGE_SIZE,
#ifdef SNIC_HAVE_PP_NETDEV
		.netdev = ring->netdev,
		.napi = ring->napi,
#endif
	};
	struct page_pool *pool = page_pool_create(&pp);

	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ring->pp = pool;
	return 0;
}
ALLOW_ERROR_INJECTION(snic_ring_rx_pool_create, ERRNO);

/**
 * snic_ring_rx_pool_destroy() - destroy the page pool of an RX ring
 * @ring: an RX ring whose buffers were all returned
 */
void snic_ring_rx_pool_destroy(struct snic_ring *ring)
{
	if (ring->pp)
		page_pool_destroy(ring->pp);
	ring->pp = NULL;
}

/*
 * Post buffers in up to @n free slots and move the tail once. Runs in NAPI
 * context, or in process context while NAPI is off (configure).
 */
static u16 snic_rx_refill(struct snic_ring *ring, u16 n, u64 *alloc_fail)
{
	u16 i = ring->next_to_use;
	u16 posted = 0;

	while (n--) {
		struct snic_rx_buffer *rb = &ring->rx_buf[i];
		union snic_rx_desc *d = snic_rx_desc(ring, i);

		if (!rb->page) {
			rb->page = page_pool_dev_alloc_frag(ring->pp,
							    &rb->offset,
							    SNIC_RX_BUF_LEN);
			if (unlikely(!rb->page)) {
				(*alloc_fail)++;
				break;
			}
		}
		d->read.pkt_addr = cpu_to_le64(page_pool_get_dma_addr(rb->page) +
					       rb->offset);
		/* Also clears the write-back status, DD included. */
		d->read.hdr_addr = 0;
		i = snic_ring_next(ring, i);
		posted++;
	}

	if (posted) {
		WRITE_ONCE(ring->next_to_use, i);
		/* Descriptors before the tail that hands them over. */
		dma_wmb();
		writel(i, ring->tail);
	}
	return posted;
}

static void snic_rx_recycle(struct snic_ring *ring, struct page *page,
			    bool napi)
{
	page_pool_put_full_page(ring->pp, page, napi);
}

/* Start a frame from its first buffer; NULL when the skb is unavailable. */
static struct sk_buff *snic_rx_first(struct snic_ring *ring,
				     struct napi_struct *napi,
				     struct page *page, unsigned int off,
				     unsigned int len)
{
	void *va = page_address(page) + off;
	struct sk_buff *skb;
	unsigned int hl;

	net_prefetch(va);
	skb = napi_alloc_skb(napi, SNIC_RX_HDR_LEN);
	if (unlikely(!skb))
		return NULL;

	if (len <= SNIC_RX_HDR_LEN) {
		skb_put_data(skb, va, len);
		snic_rx_recycle(ring, page, true);
		return skb;
	}

	hl = eth_get_headlen(ring->netdev, va, SNIC_RX_HDR_LEN);
	skb_put_data(skb, va, hl);
	skb_add_rx_frag(skb, 0, page, off + hl, len - hl, SNIC_RX_BUF_LEN);
	skb_mark_for_recycle(skb);
	return skb;
}

/* Checksum, VLAN, hash, queue and protocol from the EOP write-back. */
static void snic_rx_fields(struct snic_ring *ring, const union snic_rx_desc *d,
			   u32 staterr, struct sk_buff *skb, u64 *csum_err)
{
	netdev_features_t feat = ring->netdev->features;

	if ((feat & NETIF_F_RXCSUM) && !(staterr & SNIC_RXD_STAT_IXSM)) {
		if (staterr & (SNIC_RXD_ERR_L4E | SNIC_RXD_ERR_IPE))
			(*csum_err)++;
		else if (staterr & (SNIC_RXD_STAT_L4CS | SNIC_RXD_STAT_UDPCS))
			skb->ip_summed = CHECKSUM_UNNECESSARY;
	}

	if (staterr & SNIC_RXD_STAT_VP) {
		u16 tci = le16_to_cpu(d->wb.vlan);
		u16 vid = tci & VLAN_VID_MASK;

		if (!ring->rx_vlans || !vid || test_bit(vid, ring->rx_vlans))
			__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), tci);
	}

	if (feat & NETIF_F_RXHASH) {
		u32 t = FIELD_GET(SNIC_RXD_PKT_RSSTYPE,
				  le16_to_cpu(d->wb.pkt_info));

		if (t)
			skb_set_hash(skb, le32_to_cpu(d->wb.rss),
				     (BIT(t) & SNIC_RSS_L4_TYPES) ?
				     PKT_HASH_TYPE_L4 : PKT_HASH_TYPE_L3);
	}

	skb_record_rx_queue(skb, ring->queue_index);
	skb->protocol = eth_type_trans(skb, ring->netdev);
}

/**
 * snic_ring_clean_rx() - deliver received frames and refill the ring
 * @ring: the RX ring
 * @napi: the NAPI instance polling it (skbs are allocated from it and
 *	handed to GRO through it)
 * @budget: most frames to deliver
 *
 * Call from the ring's NAPI poll. Frames with hardware errors and frames
 * that do not fit one skb are dropped and counted; skb or buffer
 * allocation failures are counted and never stall the ring. Refills with
 * one tail write once a batch is free (snic_rx_refill_due()): the slots it
 * took back, and SNIC_RX_GROW more while the ring is not yet full
 * (snic_rx_refill_count()).
 *
 * Return: frames delivered (at most @budget).
 */
int snic_ring_clean_rx(struct snic_ring *ring, struct napi_struct *napi,
		       int budget)
{
	u64 bytes = 0, drops = 0, csum_err = 0, alloc_fail = 0, full = 0;
	struct sk_buff *skb = ring->skb;
	u16 i = ring->next_to_clean, first = i, unused, taken;
	int done = 0;

	if (unlikely(!ring->rx_buf))
		return 0;

	/*
	 * The last buffer posted came back filled: the device had none left
	 * (a VF's queue then drops frames and counts them nowhere).
	 */
	if (i != ring->next_to_use) {
		u16 last = (ring->next_to_use ? ring->next_to_use : ring->count) - 1;

		if (READ_ONCE(snic_rx_desc(ring, last)->wb.status_error) &
		    cpu_to_le32(SNIC_RXD_STAT_DD))
			full = 1;
	}

	/*
	 * Only slots before next_to_use were handed to the hardware; the
	 * others may still hold an old write-back with DD set.
	 */
	while (done < budget && i != ring->next_to_use) {
		union snic_rx_desc *d = snic_rx_desc(ring, i);
		struct snic_rx_buffer *rb = &ring->rx_buf[i];
		unsigned int len, off;
		struct page *page;
		u32 staterr;

		staterr = le32_to_cpu(READ_ONCE(d->wb.status_error));
		if (!(staterr & SNIC_RXD_STAT_DD))
			break;
		/* The rest of the write-back only after DD. */
		dma_rmb();

		len = le16_to_cpu(d->wb.length);
		page = rb->page;
		off = rb->offset;
		rb->page = NULL;
		i = snic_ring_next(ring, i);
		WRITE_ONCE(ring->next_to_clean, i);
		if (WARN_ON_ONCE(!page))
			break;		/* posted slots always hold a page */

		len = min_t(unsigned int, len, SNIC_RX_BUF_LEN);
		dma_sync_single_range_for_cpu(ring->dev,
					      page_pool_get_dma_addr(page),
					      off, len, DMA_FROM_DEVICE);

		if (unlikely(ring->rx_discard)) {
			snic_rx_recycle(ring, page, true);
			if (staterr & SNIC_RXD_STAT_EOP)
				ring->rx_discard = false;
			continue;
		}

		if (!skb) {
			skb = snic_rx_first(ring, napi, page, off, len);
			if (unlikely(!skb)) {
				snic_rx_recycle(ring, page, true);
				alloc_fail++;
				drops++;
				ring->rx_discard = !(staterr & SNIC_RXD_STAT_EOP);
				continue;
			}
		} else if (!len) {
			snic_rx_recycle(ring, page, true);
		} else if (skb_shinfo(skb)->nr_frags < MAX_SKB_FRAGS) {
			skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page,
					off, len, SNIC_RX_BUF_LEN);
		} else {
			snic_rx_recycle(ring, page, true);
			dev_kfree_skb_any(skb);
			skb = NULL;
			drops++;
			ring->rx_discard = !(staterr & SNIC_RXD_STAT_EOP);
			continue;
		}

		if (!(staterr & SNIC_RXD_STAT_EOP))
			continue;

		if (unlikely((staterr & SNIC_RXD_ERR_FRAME) ||
			     skb->len < ETH_HLEN)) {
			dev_kfree_skb_any(skb);
			skb = NULL;
			drops++;
			continue;
		}

		bytes += skb->len;
		snic_rx_fields(ring, d, staterr, skb, &csum_err);
		napi_gro_receive(napi, skb);
		skb = NULL;
		done++;
	}
	ring->skb = skb;

	unused = snic_ring_desc_unused(ring);
	if (snic_rx_refill_due(unused, ring->count)) {
		taken = i >= first ? i - first : i + ring->count - first;
		snic_rx_refill(ring, snic_rx_refill_count(unused, taken),
			       &alloc_fail);
	}

	if (done || drops || csum_err || alloc_fail || full) {
		u64_stats_update_begin(&ring->syncp);
		ring->stats.packets += done;
		ring->stats.bytes += bytes;
		ring->stats.drops += drops;
		ring->stats.csum_err += csum_err;
		ring->stats.alloc_fail += alloc_fail;
		ring->stats.full += full;
		u64_stats_update_end(&ring->syncp);
	}
	return done;
}
SNIC_EXPORT(snic_ring_clean_rx);

/**
 * snic_ring_configure_rx() - program, enable and fill an RX queue
 * @ring: an allocated RX ring holding no buffers (fresh, or after
 *	snic_ring_clean_all())
 *
 * Disables the queue, programs base, length, SRRCTL (advanced one-buffer
 * descriptors, 2 KiB buffers, drop when full), head and tail, enables
 * it, waits for the hardware to confirm, then posts SNIC_RX_OPEN_FILL
 * buffers (at most every slot but one); the polls post the rest as the
 * ring is used. NAPI must not run yet. May sleep.
 *
 * Return: 0; -ENODEV if the device is gone; -ETIMEDOUT if the queue did
 * not enable; -ENOMEM if not a single buffer could be posted (the queue
 * is enabled; a later snic_ring_clean_rx() retries).
 */
int snic_ring_configure_rx(struct snic_ring *ring)
{
	u32 ctl = FIELD_PREP(SNIC_RXDCTL_PTHRESH, SNIC_RX_PTHRESH) |
		  FIELD_PREP(SNIC_RXDCTL_HTHRESH, SNIC_RX_HTHRESH) |
		  FIELD_PREP(SNIC_RXDCTL_WTHRESH, SNIC_RX_WTHRESH);
	u64 fail = 0;
	int err;

	err = snic_ring_set_enable(ring, SNIC_RXDCTL, 0, false);
	if (err)
		return err;

	memset(ring->desc, 0, ring->size);
	snic_ring_program_base(ring, SNIC_RDBAL, SNIC_RDBAH, SNIC_RDLEN);
	snic_ring_wr32(ring, SNIC_SRRCTL,
		       FIELD_PREP(SNIC_SRRCTL_BSIZEPKT, SNIC_RX_BUF_LEN >> 10) |
		       FIELD_PREP(SNIC_SRRCTL_DESCTYPE,
				  SNIC_DESCTYPE_ADV_ONEBUF) |
		       SNIC_SRRCTL_DROP_EN);
	ring->rx_discard = false;

	err = snic_ring_set_enable(ring, SNIC_RXDCTL, ctl, true);
	if (err)
		return err;

	if (!snic_rx_refill(ring, min_t(u16, snic_ring_desc_unused(ring),
					SNIC_RX_OPEN_FILL), &fail)) {
		u64_stats_update_begin(&ring->syncp);
		ring->stats.alloc_fail += fail;
		u64_stats_update_end(&ring->syncp);
		return -ENOMEM;
	}
	return 0;
}
SNIC_EXPORT(snic_ring_configure_rx);

/**
 * snic_ring_disable_rx() - disable an RX queue
 * @ring: the RX ring
 *
 * Bounded (at most about 20 ms); returns at once if the device is gone. Follow
 * with snic_ring_clean_all() once NAPI is disabled. May sleep.
 *
 * Return: 0, -ENODEV or -ETIMEDOUT; the ring may be cleaned either way.
 */
int snic_ring_disable_rx(struct snic_ring *ring)
{
	u32 v = snic_ring_rd32(ring, SNIC_RXDCTL);

	if (v == SNIC_DEAD)
		return -ENODEV;
	return snic_ring_set_enable(ring, SNIC_RXDCTL, v, false);
}
SNIC_EXPORT(snic_ring_disable_rx);

/**
 * snic_ring_rx_release() - return every buffer of an RX ring to its pool
 * @ring: a disabled RX ring, NAPI off
 */
void snic_ring_rx_release(struct snic_ring *ring)
{
	u16 i;

	if (ring->skb) {
		dev_kfree_skb_any(ring->skb);
		ring->skb = NULL;
	}
	ring->rx_discard = false;
	for (i = 0; i < ring->count; i++) {
		struct snic_rx_buffer *rb = &ring->rx_buf[i];

		if (rb->page)
			snic_rx_recycle(ring, rb->page, false);
		rb->page = NULL;
	}
}
