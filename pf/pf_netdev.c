// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the PF's own net_device. open/stop bring the queue pair up
 * and down through the common ring layer; NAPI polls both rings from one
 * vector; receive filters are delegated to the SR-IOV half's filter tables
 * (pf_filter.c), which the PF shares with its VFs.
 *
 * Queues: the PF lives in VMDq pool 7 whether or not VFs exist, so it
 * owns hardware queue 7 (and 15). QEMU's model does no RSS together with
 * VMDq, so a second RX queue would never receive: the PF runs one queue
 * pair, queue 7.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>

#include "pf.h"

#define SNIC_PF_MIN_MTU		ETH_MIN_MTU
#define SNIC_PF_MAX_MTU		9216

static int snic_pf_poll(struct napi_struct *napi, int budget)
{
	struct snic_pf *pf = container_of(napi, struct snic_pf, napi);
	bool tx_done;
	int done;

	tx_done = snic_ring_clean_tx(&pf->tx_ring, budget);
	done = snic_ring_clean_rx(&pf->rx_ring, napi, budget);
	if (!tx_done || done >= budget)
		return budget;

	/* Never masked: nothing to re-arm (see snic_pf_irq_queue_enable()). */
	napi_complete_done(napi, done);
	return done;
}

/**
 * snic_pf_up() - bring the PF's queue pair up
 * @pf: the PF, cfg_lock held, netdev closed
 *
 * Return: 0 or a negative errno; nothing is left allocated on error.
 */
int snic_pf_up(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	int err;

	lockdep_assert_held(&pf->cfg_lock);

	if (snic_pf_dead(pf))
		return -ENODEV;

	err = snic_ring_alloc(&pf->tx_ring, pf->tx_count);
	if (err)
		return err;
	err = snic_ring_alloc(&pf->rx_ring, pf->rx_count);
	if (err)
		goto free_tx;
	err = snic_ring_configure_tx(&pf->tx_ring);
	if (err)
		goto free_rx;
	err = snic_ring_configure_rx(&pf->rx_ring);
	if (err)
		goto disable_tx;

	napi_enable(&pf->napi);
	err = snic_pf_irq_queue_request(pf);
	if (err)
		goto disable_napi;

	snic_ring_link_napi(&pf->rx_ring, true);
	snic_ring_link_napi(&pf->tx_ring, true);
	clear_bit(SNIC_PF_DOWN, &pf->state);
	netif_tx_start_all_queues(dev);
	snic_pf_irq_queue_enable(pf, true);
	snic_pf_irq_queue_kick(pf);
	return 0;

disable_napi:
	napi_disable(&pf->napi);
	snic_ring_disable_rx(&pf->rx_ring);
	snic_ring_clean_all(&pf->rx_ring);
disable_tx:
	snic_ring_disable_tx(&pf->tx_ring);
	snic_ring_clean_all(&pf->tx_ring);
free_rx:
	snic_ring_free(&pf->rx_ring);
free_tx:
	snic_ring_free(&pf->tx_ring);
	return err;
}

/**
 * snic_pf_down() - mirror of snic_pf_up()
 * @pf: the PF, cfg_lock held
 *
 * Does nothing when the queues are already down (a reset whose re-open
 * failed leaves the netdev running without them). Never waits on a
 * device that is gone: the ring layer's waits are bounded.
 */
void snic_pf_down(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;

	lockdep_assert_held(&pf->cfg_lock);

	if (test_and_set_bit(SNIC_PF_DOWN, &pf->state))
		return;
	netif_tx_disable(dev);
	snic_pf_irq_queue_free(pf);
	napi_disable(&pf->napi);
	snic_ring_link_napi(&pf->tx_ring, false);
	snic_ring_link_napi(&pf->rx_ring, false);

	snic_ring_disable_rx(&pf->rx_ring);
	snic_ring_disable_tx(&pf->tx_ring);
	snic_ring_clean_all(&pf->rx_ring);
	snic_ring_clean_all(&pf->tx_ring);
	snic_ring_free(&pf->rx_ring);
	snic_ring_free(&pf->tx_ring);
}

/**
 * snic_pf_close_lost() - close a running netdev whose queues did not come
 *	back (a reset or a ring resize failed)
 * @pf: the PF; rtnl held, cfg_lock not held
 * @err: why, for the log
 *
 * Up without queues it would look to the stack like a stalled queue (a
 * transmit timeout, then a reset). Closed, it says what happened, and
 * the next open tries again.
 */
void snic_pf_close_lost(struct snic_pf *pf, int err)
{
	ASSERT_RTNL();
	if (!netif_running(pf->netdev) || !test_bit(SNIC_PF_DOWN, &pf->state))
		return;
	netdev_err(pf->netdev, "queues down (%d): interface closed\n", err);
	dev_close(pf->netdev);
}

static int snic_pf_open(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);
	int err;

	mutex_lock(&pf->cfg_lock);
	err = snic_pf_up(pf);
	if (!err)
		snic_pf_sriov_notify(pf);
	mutex_unlock(&pf->cfg_lock);
	if (err)
		netdev_err(dev, "open failed: %d\n", err);
	return err;
}

static int snic_pf_stop(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);

	mutex_lock(&pf->cfg_lock);
	snic_pf_down(pf);
	snic_pf_sriov_notify(pf);
	mutex_unlock(&pf->cfg_lock);
	return 0;
}

static netdev_tx_t snic_pf_start_xmit(struct sk_buff *skb,
				      struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);

	return snic_ring_xmit(skb, &pf->tx_ring);
}

static void snic_pf_get_stats64(struct net_device *dev,
				struct rtnl_link_stats64 *stats)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_hw_stats *hw = &pf->hw_stats;
	unsigned long flags;

	snic_ring_stats64(&pf->rx_ring, &pf->tx_ring, stats);

	/* Port-wide MAC counters: they include the VFs' wire traffic. */
	snic_pf_hw_stats_update(pf);
	spin_lock_irqsave(&pf->stats_lock, flags);
	stats->multicast = hw->mprc;
	stats->collisions = hw->colc;
	stats->rx_crc_errors = hw->crcerrs;
	stats->rx_frame_errors = hw->algnerrc;
	stats->rx_length_errors = hw->rlec + hw->ruc + hw->roc;
	stats->rx_missed_errors = hw->mpc;
	stats->rx_fifo_errors = hw->rnbc;
	stats->rx_errors += hw->rxerrc + hw->crcerrs + hw->algnerrc +
			    stats->rx_length_errors;
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

#ifdef SNIC_HAVE_QSTATS
static void snic_pf_qstats_rx(struct net_device *dev, int idx,
			      struct netdev_queue_stats_rx *rx)
{
	struct snic_pf *pf = netdev_priv(dev);

	snic_ring_qstats_rx(&pf->rx_ring, rx);
}

static void snic_pf_qstats_tx(struct net_device *dev, int idx,
			      struct netdev_queue_stats_tx *tx)
{
	struct snic_pf *pf = netdev_priv(dev);

	snic_ring_qstats_tx(&pf->tx_ring, tx);
}

/*
 * Nothing counted outside the one queue pair but the MAC's missed
 * packets (no room in the receive FIFO): port-wide, the VFs' share
 * included, as rx_missed_errors of "ip -s link".
 */
static void snic_pf_qstats_base(struct net_device *dev,
				struct netdev_queue_stats_rx *rx,
				struct netdev_queue_stats_tx *tx)
{
	struct snic_pf *pf = netdev_priv(dev);
	unsigned long flags;

	snic_ring_qstats_base(rx, tx);
	snic_pf_hw_stats_update(pf);
	spin_lock_irqsave(&pf->stats_lock, flags);
	rx->hw_drops = pf->hw_stats.mpc;
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}

static const struct netdev_stat_ops snic_pf_stat_ops = {
	.get_queue_stats_rx	= snic_pf_qstats_rx,
	.get_queue_stats_tx	= snic_pf_qstats_tx,
	.get_base_stats		= snic_pf_qstats_base,
};
#endif

static void snic_pf_set_rx_mode(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);

	snic_pf_filter_sync_rx_mode(pf);
}

static int snic_pf_set_mac_address(struct net_device *dev, void *p)
{
	struct snic_pf *pf = netdev_priv(dev);
	int err;

	err = eth_prepare_mac_addr_change(dev, p);
	if (err)
		return err;
	eth_commit_mac_addr_change(dev, p);
	snic_pf_filter_set_pf_mac(pf, dev->dev_addr);
	return 0;
}

/* Pool 7's frame size and VLAN stripping follow the netdev (pf_filter.c). */
static void snic_pf_resync_filters(struct snic_pf *pf)
{
	netif_addr_lock_bh(pf->netdev);
	snic_pf_filter_sync_rx_mode(pf);
	netif_addr_unlock_bh(pf->netdev);
}

static int snic_pf_change_mtu(struct net_device *dev, int new_mtu)
{
	struct snic_pf *pf = netdev_priv(dev);

	/*
	 * RX buffers are fixed size and frames span several of them, and
	 * RLPML/RCTL.LPE admit SNIC_MAX_FRAME globally: the rings stay. Only
	 * pool 7's limit in VMOLR follows the MTU.
	 */
	WRITE_ONCE(dev->mtu, new_mtu);
	snic_pf_resync_filters(pf);
	return 0;
}

static int snic_pf_set_features(struct net_device *dev,
				netdev_features_t features)
{
	struct snic_pf *pf = netdev_priv(dev);
	netdev_features_t changed = dev->features ^ features;

	if (!(changed & NETIF_F_HW_VLAN_CTAG_RX))
		return 0;
	/* The stack updates dev->features after we return: set it first. */
	dev->features = features;
	snic_pf_resync_filters(pf);
	return 0;
}

static int snic_pf_vlan_rx_add_vid(struct net_device *dev, __be16 proto,
				   u16 vid)
{
	struct snic_pf *pf = netdev_priv(dev);

	return snic_pf_filter_vlan(pf, vid, SNIC_PF_POOL, true);
}

static int snic_pf_vlan_rx_kill_vid(struct net_device *dev, __be16 proto,
				    u16 vid)
{
	struct snic_pf *pf = netdev_priv(dev);

	return snic_pf_filter_vlan(pf, vid, SNIC_PF_POOL, false);
}

static void snic_pf_tx_timeout(struct net_device *dev, unsigned int txq)
{
	struct snic_pf *pf = netdev_priv(dev);

	pf->tx_timeouts++;
	netdev_warn(dev, "TX queue %u timed out, resetting\n", txq);
	if (!READ_ONCE(pf->removing))
		schedule_work(&pf->reset_work);
}

static const struct net_device_ops snic_pf_netdev_ops = {
	.ndo_open		= snic_pf_open,
	.ndo_stop		= snic_pf_stop,
	.ndo_start_xmit		= snic_pf_start_xmit,
	.ndo_get_stats64	= snic_pf_get_stats64,
	.ndo_features_check	= snic_ring_features_check,
	.ndo_set_rx_mode	= snic_pf_set_rx_mode,
	.ndo_set_mac_address	= snic_pf_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= snic_pf_change_mtu,
	.ndo_set_features	= snic_pf_set_features,
	.ndo_vlan_rx_add_vid	= snic_pf_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= snic_pf_vlan_rx_kill_vid,
	.ndo_tx_timeout		= snic_pf_tx_timeout,
	.ndo_set_vf_mac		= snic_pf_ndo_set_vf_mac,
	.ndo_set_vf_vlan	= snic_pf_ndo_set_vf_vlan,
	.ndo_set_vf_rate	= snic_pf_ndo_set_vf_rate,
	.ndo_set_vf_spoofchk	= snic_pf_ndo_set_vf_spoofchk,
	.ndo_set_vf_trust	= snic_pf_ndo_set_vf_trust,
	.ndo_set_vf_link_state	= snic_pf_ndo_set_vf_link_state,
	.ndo_get_vf_config	= snic_pf_ndo_get_vf_config,
	.ndo_get_vf_stats	= snic_pf_ndo_get_vf_stats,
#ifndef SNIC_HAVE_NETDEV_DEVLINK_PORT
	.ndo_get_devlink_port	= snic_pf_get_devlink_port,
#endif
};

/**
 * snic_pf_netdev_init() - fill in the net_device before registration
 * @pf: the PF
 *
 * Rings are described here (their memory comes at open), NAPI added with
 * the queue vector's interrupt and the features, MTU range and
 * operations set (per-queue statistics too, where the kernel has them).
 */
void snic_pf_netdev_init(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	struct device *dma_dev = &pf->pdev->dev;
	netdev_features_t csum;

	snic_ring_init(&pf->tx_ring, SNIC_RING_TX, dma_dev, dev, 0,
		       pf->hw + snic_pf_txq(SNIC_PF_HWQ));
	snic_ring_init(&pf->rx_ring, SNIC_RING_RX, dma_dev, dev, 0,
		       pf->hw + snic_pf_rxq(SNIC_PF_HWQ));
	netif_napi_add(dev, &pf->napi, snic_pf_poll);
	snic_napi_set_irq(&pf->napi, pci_irq_vector(pf->pdev,
						     SNIC_PF_VEC_QUEUE));
	snic_ring_set_napi(&pf->tx_ring, &pf->napi);
	snic_ring_set_napi(&pf->rx_ring, &pf->napi);

	dev->netdev_ops = &snic_pf_netdev_ops;
#ifdef SNIC_HAVE_QSTATS
	dev->stat_ops = &snic_pf_stat_ops;
#endif
	dev->watchdog_timeo = 5 * HZ;
	dev->min_mtu = SNIC_PF_MIN_MTU;
	dev->max_mtu = SNIC_PF_MAX_MTU;
	dev->priv_flags |= IFF_UNICAST_FLT;

	csum = NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_IPV6_CSUM |
	       NETIF_F_SCTP_CRC | NETIF_F_TSO | NETIF_F_TSO6;
	dev->hw_features = csum | NETIF_F_RXCSUM | NETIF_F_HW_VLAN_CTAG_TX |
			   NETIF_F_HW_VLAN_CTAG_RX;
	dev->features = dev->hw_features | NETIF_F_HW_VLAN_CTAG_FILTER;
	dev->vlan_features = csum;
	SET_NETDEV_DEV(dev, &pf->pdev->dev);
}

/**
 * snic_pf_netdev_fini() - mirror of snic_pf_netdev_init()
 * @pf: the PF, netdev unregistered
 */
void snic_pf_netdev_fini(struct snic_pf *pf)
{
	netif_napi_del(&pf->napi);
}
