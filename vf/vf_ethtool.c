// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: ethtool operations.
 *
 * -i driver, bus and the mailbox protocol in use (as the firmware
 * version: "mbx 82576", or "mbx 82576+ext v<V> caps <0x..>" with the
 * sriovnic extension); -S ring, hardware, mailbox and recovery counters;
 * -g/-G ring sizes; -c/-C interrupt throttle (rx-usecs, tx-usecs);
 * link settings report the PF's link as the VF sees it in STATUS; with the
 * extension's link capability, the link's extended state says why the
 * link is down (the mapping is in vf_policy.h and Documentation/vf.rst).
 */
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>

#include "vf.h"

/* ethtool -S, in this order; one u64 each. */
struct snic_vf_ethtool_stats {
	u64 rx_packets, rx_bytes, rx_drops, rx_csum_err, rx_alloc_fail, rx_full;
	u64 tx_packets, tx_bytes, tx_restarts, tx_busy, tx_drops;
	u64 hw_rx_packets, hw_tx_packets, hw_rx_bytes, hw_tx_bytes;
	u64 hw_rx_multicast, hw_rx_lb_packets, hw_tx_lb_packets;
	u64 hw_rx_lb_bytes, hw_tx_lb_bytes;
	u64 resets, reset_failures, pf_resets, lost_cts, mbx_timeouts;
	u64 pf_refused, pf_control_msgs, mbx_crossed;
	u64 mbx_sent, mbx_received, mbx_busy, mbx_wait_timeouts;
	u64 mc_hashes, mc_all, pf_ready, pf_cts;
};

static const char snic_vf_stat_names[][ETH_GSTRING_LEN] = {
	"rx_packets", "rx_bytes", "rx_drops", "rx_csum_err", "rx_alloc_fail",
	"rx_full",
	"tx_packets", "tx_bytes", "tx_restarts", "tx_busy", "tx_drops",
	"hw_rx_packets", "hw_tx_packets", "hw_rx_bytes", "hw_tx_bytes",
	"hw_rx_multicast", "hw_rx_lb_packets", "hw_tx_lb_packets",
	"hw_rx_lb_bytes", "hw_tx_lb_bytes",
	"resets", "reset_failures", "pf_resets", "lost_cts", "mbx_timeouts",
	"pf_refused", "pf_control_msgs", "mbx_crossed",
	"mbx_sent", "mbx_received", "mbx_busy", "mbx_wait_timeouts",
	"mc_hashes", "mc_all", "pf_ready", "pf_cts",
};

#define SNIC_VF_NUM_STATS	ARRAY_SIZE(snic_vf_stat_names)
static_assert(sizeof(struct snic_vf_ethtool_stats) ==
	      SNIC_VF_NUM_STATS * sizeof(u64));

static void snic_vf_get_drvinfo(struct net_device *netdev,
				struct ethtool_drvinfo *info)
{
	struct snic_vf *vf = netdev_priv(netdev);

	strscpy(info->driver, SNIC_VF_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(vf->pdev), sizeof(info->bus_info));
	mutex_lock(&vf->mbx_lock);
	snic_vf_fw_version(info->fw_version, sizeof(info->fw_version),
			   vf->ext.version, vf->ext.caps);
	mutex_unlock(&vf->mbx_lock);
}

static int snic_vf_get_sset_count(struct net_device *netdev, int sset)
{
	return sset == ETH_SS_STATS ? SNIC_VF_NUM_STATS : -EOPNOTSUPP;
}

static void snic_vf_get_strings(struct net_device *netdev, u32 sset, u8 *data)
{
	if (sset == ETH_SS_STATS)
		memcpy(data, snic_vf_stat_names, sizeof(snic_vf_stat_names));
}

static void snic_vf_get_ethtool_stats(struct net_device *netdev,
				      struct ethtool_stats *stats, u64 *data)
{
	struct snic_vf *vf = netdev_priv(netdev);
	struct snic_vf_ethtool_stats s = {};
	struct snic_vf_hw_stats *hw = &vf->hw_stats;
	struct snic_ring_stats rs, ts;

	snic_ring_get_stats(&vf->rx_ring, &rs);
	snic_ring_get_stats(&vf->tx_ring, &ts);
	s.rx_packets = rs.packets;
	s.rx_bytes = rs.bytes;
	s.rx_drops = rs.drops;
	s.rx_csum_err = rs.csum_err;
	s.rx_alloc_fail = rs.alloc_fail;
	s.rx_full = rs.full;
	s.tx_packets = ts.packets;
	s.tx_bytes = ts.bytes;
	s.tx_restarts = ts.restarts;
	s.tx_busy = ts.busy;
	s.tx_drops = ts.drops;

	snic_vf_hw_stats_update(vf, false);
	spin_lock_bh(&vf->stats_lock);
	s.hw_rx_packets = hw->gprc.total;
	s.hw_tx_packets = hw->gptc.total;
	s.hw_rx_bytes = hw->gorc.total;
	s.hw_tx_bytes = hw->gotc.total;
	s.hw_rx_multicast = hw->mprc.total;
	s.hw_rx_lb_packets = hw->gprlbc.total;
	s.hw_tx_lb_packets = hw->gptlbc.total;
	s.hw_rx_lb_bytes = hw->gorlbc.total;
	s.hw_tx_lb_bytes = hw->gotlbc.total;
	spin_unlock_bh(&vf->stats_lock);

	mutex_lock(&vf->mbx_lock);
	s.resets = vf->sw_stats.resets;
	s.reset_failures = vf->sw_stats.reset_fail;
	s.pf_resets = vf->sw_stats.pf_resets;
	s.lost_cts = vf->sw_stats.lost_cts;
	s.mbx_timeouts = vf->sw_stats.mbx_timeouts;
	s.pf_refused = vf->sw_stats.refused;
	s.pf_control_msgs = vf->sw_stats.pf_control;
	s.mbx_crossed = vf->sw_stats.crossed;
	s.mbx_sent = vf->mbx.stats.tx;
	s.mbx_received = vf->mbx.stats.rx;
	s.mbx_busy = vf->mbx.stats.busy;
	s.mbx_wait_timeouts = vf->mbx.stats.timeouts;
	s.mc_hashes = vf->filters.mc.count;
	s.mc_all = vf->filters.mc.all;
	s.pf_ready = vf->ready;
	s.pf_cts = vf->cts;
	mutex_unlock(&vf->mbx_lock);

	memcpy(data, &s, sizeof(s));
}

static void snic_vf_get_ringparam(struct net_device *netdev,
				  struct ethtool_ringparam *ring,
				  struct kernel_ethtool_ringparam *kring,
				  struct netlink_ext_ack *extack)
{
	struct snic_vf *vf = netdev_priv(netdev);

	ring->rx_max_pending = SNIC_RING_MAX;
	ring->tx_max_pending = SNIC_RING_MAX;
	ring->rx_pending = vf->rx_count;
	ring->tx_pending = vf->tx_count;
}

static int snic_vf_set_ringparam(struct net_device *netdev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct snic_vf *vf = netdev_priv(netdev);
	u32 tx, rx;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		NL_SET_ERR_MSG_MOD(extack, "no mini or jumbo rings");
		return -EINVAL;
	}
	tx = clamp_t(u32, ALIGN(ring->tx_pending, SNIC_RING_MULT),
		     SNIC_RING_MIN, SNIC_RING_MAX);
	rx = clamp_t(u32, ALIGN(ring->rx_pending, SNIC_RING_MULT),
		     SNIC_RING_MIN, SNIC_RING_MAX);
	if (tx == vf->tx_count && rx == vf->rx_count)
		return 0;
	return snic_vf_rings_resize(vf, tx, rx);
}

static struct snic_vf_vector *snic_vf_tx_vector(struct snic_vf *vf)
{
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++)
		if (vf->vec[i].tx)
			return &vf->vec[i];
	return &vf->vec[0];
}

static int snic_vf_get_coalesce(struct net_device *netdev,
				struct ethtool_coalesce *ec,
				struct kernel_ethtool_coalesce *kec,
				struct netlink_ext_ack *extack)
{
	struct snic_vf *vf = netdev_priv(netdev);

	ec->rx_coalesce_usecs = vf->vec[0].itr_usecs;
	ec->tx_coalesce_usecs = snic_vf_tx_vector(vf)->itr_usecs;
	return 0;
}

static int snic_vf_set_coalesce(struct net_device *netdev,
				struct ethtool_coalesce *ec,
				struct kernel_ethtool_coalesce *kec,
				struct netlink_ext_ack *extack)
{
	struct snic_vf *vf = netdev_priv(netdev);
	struct snic_vf_vector *txv = snic_vf_tx_vector(vf);

	if (ec->rx_coalesce_usecs > SNIC_VF_EITR_MAX_USECS ||
	    ec->tx_coalesce_usecs > SNIC_VF_EITR_MAX_USECS) {
		NL_SET_ERR_MSG_MOD(extack, "at most 8191 usecs");
		return -EINVAL;
	}
	if (txv == &vf->vec[0] &&
	    ec->tx_coalesce_usecs != ec->rx_coalesce_usecs &&
	    ec->tx_coalesce_usecs != txv->itr_usecs) {
		NL_SET_ERR_MSG_MOD(extack,
				   "RX and TX share one vector: set rx-usecs");
		return -EINVAL;
	}

	vf->vec[0].itr_usecs = ec->rx_coalesce_usecs;
	if (txv != &vf->vec[0])
		txv->itr_usecs = ec->tx_coalesce_usecs;
	snic_vf_irq_set_itr(vf);
	return 0;
}

static int snic_vf_get_link_ksettings(struct net_device *netdev,
				      struct ethtool_link_ksettings *ks)
{
	struct snic_vf *vf = netdev_priv(netdev);
	u32 speed;
	u8 duplex;

	ethtool_link_ksettings_zero_link_mode(ks, supported);
	ethtool_link_ksettings_zero_link_mode(ks, advertising);
	snic_vf_hw_link(vf, &speed, &duplex);
	ks->base.speed = netif_carrier_ok(netdev) ? speed : SPEED_UNKNOWN;
	ks->base.duplex = netif_carrier_ok(netdev) ? duplex : DUPLEX_UNKNOWN;
	ks->base.port = PORT_NONE;
	ks->base.autoneg = AUTONEG_DISABLE;
	return 0;
}

static int snic_vf_get_link_ext_state(struct net_device *netdev,
				      struct ethtool_link_ext_state_info *info)
{
	struct snic_vf *vf = netdev_priv(netdev);
	bool carrier = netif_carrier_ok(netdev);
	u8 reason;

	mutex_lock(&vf->mbx_lock);
	reason = snic_vf_link_reason(vf->ext.caps, carrier, vf->pf_link,
				     vf->ext.link_up, vf->ext.link_reason);
	mutex_unlock(&vf->mbx_lock);
	return snic_vf_link_ext_state(reason, info);
}

static u32 snic_vf_get_msglevel(struct net_device *netdev)
{
	struct snic_vf *vf = netdev_priv(netdev);

	return vf->msg_enable;
}

static void snic_vf_set_msglevel(struct net_device *netdev, u32 level)
{
	struct snic_vf *vf = netdev_priv(netdev);

	vf->msg_enable = level;
}

static const struct ethtool_ops snic_vf_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS,
	.get_drvinfo		= snic_vf_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= snic_vf_get_link_ksettings,
	.get_link_ext_state	= snic_vf_get_link_ext_state,
	.get_msglevel		= snic_vf_get_msglevel,
	.set_msglevel		= snic_vf_set_msglevel,
	.get_sset_count		= snic_vf_get_sset_count,
	.get_strings		= snic_vf_get_strings,
	.get_ethtool_stats	= snic_vf_get_ethtool_stats,
	.get_ringparam		= snic_vf_get_ringparam,
	.set_ringparam		= snic_vf_set_ringparam,
	.get_coalesce		= snic_vf_get_coalesce,
	.set_coalesce		= snic_vf_set_coalesce,
};

/**
 * snic_vf_set_ethtool_ops() - attach the VF's ethtool operations
 * @netdev: the VF's netdev
 */
void snic_vf_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &snic_vf_ethtool_ops;
}
