// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: ethtool operations of the PF netdev. Everything that
 * touches the device takes cfg_lock (rtnl is held by the caller).
 */
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/netdevice.h>
#include <linux/pci.h>

#include "pf.h"
#include "pf_hw.h"

/* ---- Statistics (-S) -------------------------------------------------- */

struct snic_pf_stat {
	char name[ETH_GSTRING_LEN];
	size_t offset;
};

#define SNIC_PF_RING_STAT(f) { #f, offsetof(struct snic_ring_stats, f) }
static const struct snic_pf_stat snic_pf_ring_stats[] = {
	SNIC_PF_RING_STAT(packets),
	SNIC_PF_RING_STAT(bytes),
	SNIC_PF_RING_STAT(restarts),
	SNIC_PF_RING_STAT(busy),
	SNIC_PF_RING_STAT(drops),
	SNIC_PF_RING_STAT(csum_err),
	SNIC_PF_RING_STAT(alloc_fail),
	SNIC_PF_RING_STAT(full),
};

#define SNIC_PF_HW_STAT(f) { #f, offsetof(struct snic_pf_hw_stats, f) }
static const struct snic_pf_stat snic_pf_hw_stats[] = {
	SNIC_PF_HW_STAT(gprc), SNIC_PF_HW_STAT(gptc),
	SNIC_PF_HW_STAT(gorc), SNIC_PF_HW_STAT(gotc),
	SNIC_PF_HW_STAT(bprc), SNIC_PF_HW_STAT(bptc),
	SNIC_PF_HW_STAT(mprc), SNIC_PF_HW_STAT(mptc),
	SNIC_PF_HW_STAT(tpr), SNIC_PF_HW_STAT(tpt),
	SNIC_PF_HW_STAT(tor), SNIC_PF_HW_STAT(tot),
	SNIC_PF_HW_STAT(tsctc), SNIC_PF_HW_STAT(crcerrs),
	SNIC_PF_HW_STAT(algnerrc), SNIC_PF_HW_STAT(rxerrc),
	SNIC_PF_HW_STAT(mpc), SNIC_PF_HW_STAT(rnbc),
	SNIC_PF_HW_STAT(ruc), SNIC_PF_HW_STAT(rfc),
	SNIC_PF_HW_STAT(roc), SNIC_PF_HW_STAT(rjc),
	SNIC_PF_HW_STAT(rlec), SNIC_PF_HW_STAT(colc),
	SNIC_PF_HW_STAT(xonrxc), SNIC_PF_HW_STAT(xontxc),
	SNIC_PF_HW_STAT(xoffrxc), SNIC_PF_HW_STAT(xofftxc),
};

#define SNIC_PF_DRV_STAT(f) { #f, offsetof(struct snic_pf, f) }
static const struct snic_pf_stat snic_pf_drv_stats[] = {
	SNIC_PF_DRV_STAT(irq_other),
	SNIC_PF_DRV_STAT(irq_lsc),
	SNIC_PF_DRV_STAT(irq_mbx),
	SNIC_PF_DRV_STAT(resets),
	SNIC_PF_DRV_STAT(tx_timeouts),
};

#define SNIC_PF_N_RING	ARRAY_SIZE(snic_pf_ring_stats)
#define SNIC_PF_N_STATS	(2 * SNIC_PF_N_RING + \
			 ARRAY_SIZE(snic_pf_hw_stats) + \
			 ARRAY_SIZE(snic_pf_drv_stats))

static int snic_pf_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? SNIC_PF_N_STATS : -EOPNOTSUPP;
}

static void snic_pf_get_strings(struct net_device *dev, u32 sset, u8 *data)
{
	unsigned int i;

	if (sset != ETH_SS_STATS)
		return;
	for (i = 0; i < SNIC_PF_N_RING; i++)
		ethtool_sprintf(&data, "tx_q0_%s", snic_pf_ring_stats[i].name);
	for (i = 0; i < SNIC_PF_N_RING; i++)
		ethtool_sprintf(&data, "rx_q0_%s", snic_pf_ring_stats[i].name);
	for (i = 0; i < ARRAY_SIZE(snic_pf_hw_stats); i++)
		ethtool_sprintf(&data, "hw_%s", snic_pf_hw_stats[i].name);
	for (i = 0; i < ARRAY_SIZE(snic_pf_drv_stats); i++)
		ethtool_sprintf(&data, "pf_%s", snic_pf_drv_stats[i].name);
}

static u64 *snic_pf_fill(u64 *data, const void *base,
			 const struct snic_pf_stat *st, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		*data++ = *(const u64 *)((const u8 *)base + st[i].offset);
	return data;
}

static void snic_pf_get_ethtool_stats(struct net_device *dev,
				      struct ethtool_stats *es, u64 *data)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_hw_stats hw;
	struct snic_ring_stats rs;
	unsigned long flags;

	snic_ring_get_stats(&pf->tx_ring, &rs);
	data = snic_pf_fill(data, &rs, snic_pf_ring_stats, SNIC_PF_N_RING);
	snic_ring_get_stats(&pf->rx_ring, &rs);
	data = snic_pf_fill(data, &rs, snic_pf_ring_stats, SNIC_PF_N_RING);

	snic_pf_hw_stats_update(pf);
	spin_lock_irqsave(&pf->stats_lock, flags);
	hw = pf->hw_stats;
	spin_unlock_irqrestore(&pf->stats_lock, flags);
	data = snic_pf_fill(data, &hw, snic_pf_hw_stats,
			    ARRAY_SIZE(snic_pf_hw_stats));
	snic_pf_fill(data, pf, snic_pf_drv_stats,
		     ARRAY_SIZE(snic_pf_drv_stats));
}

/* ---- Driver info, message level --------------------------------------- */

static void snic_pf_get_drvinfo(struct net_device *dev,
				struct ethtool_drvinfo *info)
{
	struct snic_pf *pf = netdev_priv(dev);

	strscpy(info->driver, SNIC_PF_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(pf->pdev), sizeof(info->bus_info));
}

static u32 snic_pf_get_msglevel(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);

	return pf->msg_enable;
}

static void snic_pf_set_msglevel(struct net_device *dev, u32 level)
{
	struct snic_pf *pf = netdev_priv(dev);

	pf->msg_enable = level;
}

/* ---- Rings (-g/-G) and channels (-l) ----------------------------------- */

static void snic_pf_get_ringparam(struct net_device *dev,
				  struct ethtool_ringparam *ring,
				  struct kernel_ethtool_ringparam *kring,
				  struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = netdev_priv(dev);

	ring->rx_max_pending = SNIC_RING_MAX;
	ring->tx_max_pending = SNIC_RING_MAX;
	ring->rx_pending = pf->rx_count;
	ring->tx_pending = pf->tx_count;
}

static int snic_pf_set_ringparam(struct net_device *dev,
				 struct ethtool_ringparam *ring,
				 struct kernel_ethtool_ringparam *kring,
				 struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = netdev_priv(dev);
	u16 old_tx = pf->tx_count, old_rx = pf->rx_count;
	u32 tx, rx;
	int err = 0;

	if (ring->rx_mini_pending || ring->rx_jumbo_pending) {
		NL_SET_ERR_MSG_MOD(extack, "mini and jumbo rings are not supported");
		return -EINVAL;
	}
	if (ring->tx_pending < SNIC_RING_MIN || ring->rx_pending < SNIC_RING_MIN) {
		NL_SET_ERR_MSG_MOD(extack, "ring size below the minimum");
		return -EINVAL;
	}
	tx = ALIGN(ring->tx_pending, SNIC_RING_MULT);
	rx = ALIGN(ring->rx_pending, SNIC_RING_MULT);
	if (tx == old_tx && rx == old_rx)
		return 0;

	mutex_lock(&pf->cfg_lock);
	if (!netif_running(dev)) {
		pf->tx_count = tx;
		pf->rx_count = rx;
		goto unlock;
	}

	snic_pf_down(pf);
	pf->tx_count = tx;
	pf->rx_count = rx;
	err = snic_pf_up(pf);
	if (err) {
		NL_SET_ERR_MSG_MOD(extack, "cannot allocate the new rings, keeping the old size");
		pf->tx_count = old_tx;
		pf->rx_count = old_rx;
		if (snic_pf_up(pf))
			netdev_err(dev, "cannot restore the rings, queues are down\n");
	}
unlock:
	mutex_unlock(&pf->cfg_lock);
	if (err)
		snic_pf_close_lost(pf, err);
	return err;
}

/*
 * One queue pair on one vector, plus the "other" vector. More would not
 * help: RSS does not combine with VMDq in QEMU's model, and the second
 * pool queue (15) would only ever transmit.
 */
static void snic_pf_get_channels(struct net_device *dev,
				 struct ethtool_channels *ch)
{
	ch->max_combined = 1;
	ch->combined_count = 1;
	ch->max_other = 1;
	ch->other_count = 1;
}

/* ---- Interrupt moderation (-c/-C) ------------------------------------- */

static int snic_pf_get_coalesce(struct net_device *dev,
				struct ethtool_coalesce *ec,
				struct kernel_ethtool_coalesce *kec,
				struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = netdev_priv(dev);

	ec->rx_coalesce_usecs = pf->itr_usecs;
	ec->tx_coalesce_usecs = pf->itr_usecs;
	return 0;
}

static int snic_pf_set_coalesce(struct net_device *dev,
				struct ethtool_coalesce *ec,
				struct kernel_ethtool_coalesce *kec,
				struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = netdev_priv(dev);
	u32 usecs = ec->rx_coalesce_usecs;

	/* RX and TX share one vector: a changed tx-usecs wins. */
	if (ec->tx_coalesce_usecs != pf->itr_usecs)
		usecs = ec->tx_coalesce_usecs;
	if (usecs > SNIC_EITR_MAX_USECS) {
		NL_SET_ERR_MSG_MOD(extack, "interval above the EITR maximum (8191 usecs)");
		return -EINVAL;
	}

	mutex_lock(&pf->cfg_lock);
	pf->itr_usecs = usecs;
	snic_pf_irq_set_itr(pf);
	mutex_unlock(&pf->cfg_lock);
	return 0;
}

/* ---- Link ---------------------------------------------------------------- */

static int snic_pf_get_link_ksettings(struct net_device *dev,
				      struct ethtool_link_ksettings *ks)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_link link;

	ethtool_link_ksettings_zero_link_mode(ks, supported);
	ethtool_link_ksettings_add_link_mode(ks, supported, 10baseT_Half);
	ethtool_link_ksettings_add_link_mode(ks, supported, 10baseT_Full);
	ethtool_link_ksettings_add_link_mode(ks, supported, 100baseT_Half);
	ethtool_link_ksettings_add_link_mode(ks, supported, 100baseT_Full);
	ethtool_link_ksettings_add_link_mode(ks, supported, 1000baseT_Full);
	ethtool_link_ksettings_add_link_mode(ks, supported, Autoneg);
	ethtool_link_ksettings_add_link_mode(ks, supported, TP);
	linkmode_copy(ks->link_modes.advertising, ks->link_modes.supported);

	snic_pf_link_get(pf, &link);
	ks->base.speed = link.speed;
	ks->base.duplex = link.duplex;
	ks->base.port = PORT_TP;
	ks->base.phy_address = SNIC_PHY_ADDR;
	ks->base.autoneg = AUTONEG_ENABLE;
	ks->base.mdio_support = ETH_MDIO_SUPPORTS_C22;
	return 0;
}

static int snic_pf_set_link_ksettings(struct net_device *dev,
				      const struct ethtool_link_ksettings *ks)
{
	struct snic_pf *pf = netdev_priv(dev);
	int err;

	/* The PHY always autonegotiates everything it supports. */
	if (ks->base.autoneg != AUTONEG_ENABLE) {
		netdev_err(dev, "forced speed/duplex is not supported\n");
		return -EOPNOTSUPP;
	}

	mutex_lock(&pf->cfg_lock);
	err = snic_pf_link_restart(pf);
	mutex_unlock(&pf->cfg_lock);
	return err;
}

static int snic_pf_nway_reset(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);
	int err;

	mutex_lock(&pf->cfg_lock);
	err = snic_pf_link_restart(pf);
	mutex_unlock(&pf->cfg_lock);
	return err;
}

/* ---- Register dump (-d) -------------------------------------------------- */

/*
 * A fixed list, version 1: device and link control, the interrupt set-up
 * (never EICR or ICR: reading them clears causes), receive/transmit
 * control, the permanent address, then the PF's RX and TX queue blocks.
 */
static const u32 snic_pf_dump_regs[] = {
	SNIC_CTRL, SNIC_STATUS, SNIC_CTRL_EXT, SNIC_MDIC,
	SNIC_GPIE, SNIC_IMS, SNIC_EIMS, SNIC_EIAC,
	SNIC_IVAR0(SNIC_PF_HWQ), SNIC_IVAR_MISC,
	SNIC_EITR(SNIC_PF_VEC_OTHER), SNIC_EITR(SNIC_PF_VEC_QUEUE),
	SNIC_RCTL, SNIC_RXCSUM, SNIC_RLPML, SNIC_TCTL, SNIC_TIPG,
	SNIC_RXPBS, SNIC_TXPBS, SNIC_MAC_RAL0, SNIC_MAC_RAH0,
};

static const u32 snic_pf_dump_rxq[] = {
	SNIC_RDBAL, SNIC_RDBAH, SNIC_RDLEN, SNIC_SRRCTL, SNIC_RDH, SNIC_RDT,
	SNIC_RXDCTL,
};

static const u32 snic_pf_dump_txq[] = {
	SNIC_TDBAL, SNIC_TDBAH, SNIC_TDLEN, SNIC_TDH, SNIC_TDT, SNIC_TXDCTL,
};

#define SNIC_PF_DUMP_N	(ARRAY_SIZE(snic_pf_dump_regs) + \
			 ARRAY_SIZE(snic_pf_dump_rxq) + \
			 ARRAY_SIZE(snic_pf_dump_txq))

static int snic_pf_get_regs_len(struct net_device *dev)
{
	return SNIC_PF_DUMP_N * sizeof(u32);
}

static void snic_pf_get_regs(struct net_device *dev,
			     struct ethtool_regs *regs, void *p)
{
	struct snic_pf *pf = netdev_priv(dev);
	u32 rxq = snic_pf_rxq(SNIC_PF_HWQ), txq = snic_pf_txq(SNIC_PF_HWQ);
	u32 *out = p;
	unsigned int i;

	regs->version = 1;
	for (i = 0; i < ARRAY_SIZE(snic_pf_dump_regs); i++)
		*out++ = pf_rd32(pf, snic_pf_dump_regs[i]);
	for (i = 0; i < ARRAY_SIZE(snic_pf_dump_rxq); i++)
		*out++ = pf_rd32(pf, rxq + snic_pf_dump_rxq[i]);
	for (i = 0; i < ARRAY_SIZE(snic_pf_dump_txq); i++)
		*out++ = pf_rd32(pf, txq + snic_pf_dump_txq[i]);
}

/* ---- Reset (--reset) ------------------------------------------------------ */

/*
 * Only a global reset exists; it covers the MAC, PHY, DMA, filters,
 * offloads and interrupts, dedicated or shared with the VFs (which are
 * told and recover).
 */
#define SNIC_PF_RESET_PARTS	(ETH_RESET_MAC | ETH_RESET_PHY | ETH_RESET_DMA | \
				 ETH_RESET_FILTER | ETH_RESET_OFFLOAD | \
				 ETH_RESET_IRQ)
#define SNIC_PF_RESET_MASK	(SNIC_PF_RESET_PARTS | \
				 SNIC_PF_RESET_PARTS << ETH_RESET_SHARED_SHIFT)

static int snic_pf_ethtool_reset(struct net_device *dev, u32 *flags)
{
	struct snic_pf *pf = netdev_priv(dev);
	int err;

	if (!(*flags & SNIC_PF_RESET_MASK))
		return -EOPNOTSUPP;

	err = snic_pf_reset(pf);
	if (!err)
		*flags &= ~SNIC_PF_RESET_MASK;
	return err;
}

static const struct ethtool_ops snic_pf_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_USECS,
	.get_drvinfo		= snic_pf_get_drvinfo,
	.get_msglevel		= snic_pf_get_msglevel,
	.set_msglevel		= snic_pf_set_msglevel,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= snic_pf_get_link_ksettings,
	.set_link_ksettings	= snic_pf_set_link_ksettings,
	.nway_reset		= snic_pf_nway_reset,
	.get_ringparam		= snic_pf_get_ringparam,
	.set_ringparam		= snic_pf_set_ringparam,
	.get_channels		= snic_pf_get_channels,
	.get_coalesce		= snic_pf_get_coalesce,
	.set_coalesce		= snic_pf_set_coalesce,
	.get_sset_count		= snic_pf_get_sset_count,
	.get_strings		= snic_pf_get_strings,
	.get_ethtool_stats	= snic_pf_get_ethtool_stats,
	.get_regs_len		= snic_pf_get_regs_len,
	.get_regs		= snic_pf_get_regs,
	.reset			= snic_pf_ethtool_reset,
};

/**
 * snic_pf_ethtool_init() - attach the ethtool operations
 * @pf: the PF, before register_netdev()
 */
void snic_pf_ethtool_init(struct snic_pf *pf)
{
	pf->netdev->ethtool_ops = &snic_pf_ethtool_ops;
}
