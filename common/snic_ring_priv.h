/* SPDX-License-Identifier: GPL-2.0 */
/* Internals shared by snic_ring.c, snic_ring_tx.c and snic_ring_rx.c. */
#ifndef _SNIC_RING_PRIV_H
#define _SNIC_RING_PRIV_H

#include <sriovnic/compat.h>
#include <sriovnic/ring.h>

/* Advance a ring index by one, wrapping at the ring size. */
static inline u16 snic_ring_next(const struct snic_ring *ring, u16 i)
{
	return ++i == ring->count ? 0 : i;
}

static inline struct snic_tx_desc *snic_tx_desc(const struct snic_ring *ring,
						u16 i)
{
	return (struct snic_tx_desc *)ring->desc + i;
}

static inline union snic_rx_desc *snic_rx_desc(const struct snic_ring *ring,
					       u16 i)
{
	return (union snic_rx_desc *)ring->desc + i;
}

static inline struct netdev_queue *snic_ring_txq(const struct snic_ring *ring)
{
	return netdev_get_tx_queue(ring->netdev, ring->queue_index);
}

int snic_ring_set_enable(struct snic_ring *ring, u32 ctl_reg, u32 ctl_val,
			 bool on);
void snic_ring_program_base(struct snic_ring *ring, u32 bal, u32 bah,
			    u32 len);

void snic_ring_tx_release(struct snic_ring *ring);
int snic_ring_rx_pool_create(struct snic_ring *ring);
void snic_ring_rx_pool_destroy(struct snic_ring *ring);
void snic_ring_rx_release(struct snic_ring *ring);

#endif /* _SNIC_RING_PRIV_H */
