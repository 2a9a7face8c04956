// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: the network device.
 *
 * Open/stop allocate the rings and start/stop the datapath; everything
 * the PF must know about (address, MTU, VLANs, receive filters) goes
 * through the mailbox under &snic_vf.mbx_lock and is also recorded in
 * &snic_vf.filters, so a recovery can give it back to a PF that forgot.
 * A request made while the VF is between resets is only recorded and
 * sent by the restore.
 *
 * A refusal fails the operation with -EPERM, or, when the PF gave a reason
 * (SNIC_EXT_CAP_REASON), with that reason's errno, and the log line names
 * the reason. None of these operations is handed a netlink extack by the
 * core (ndo_set_mac_address, ndo_change_mtu, ndo_vlan_rx_add_vid and
 * ndo_set_rx_mode have none), so the log is where the reason goes.
 */
#include <linux/error-injection.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>

#include "vf.h"

/**
 * snic_vf_datapath_start() - program the rings and let traffic flow
 * @vf: the VF, rtnl held, rings allocated
 *
 * Return: 0, or the error of the queue that failed (nothing left enabled).
 */
noinline __noclone int snic_vf_datapath_start(struct snic_vf *vf)
{
	int err;

	ASSERT_RTNL();
	err = snic_ring_configure_tx(&vf->tx_ring);
	if (err)
		return err;
	err = snic_ring_configure_rx(&vf->rx_ring);
	if (err && err != -ENOMEM) {
		snic_ring_disable_tx(&vf->tx_ring);
		snic_ring_clean_all(&vf->tx_ring);
		return err;
	}

	snic_vf_irq_map(vf);
	snic_vf_napi_enable(vf);
	snic_ring_link_napi(&vf->rx_ring, true);
	snic_ring_link_napi(&vf->tx_ring, true);
	set_bit(SNIC_VF_S_RUNNING, &vf->state);
	snic_vf_irq_enable(vf);
	netif_tx_start_all_queues(vf->netdev);
	/* One poll now: it retries an RX refill that found no memory. */
	vf_wr32(vf, SNIC_VF_EICS, vf->vec[0].eims);
	return 0;
}
ALLOW_ERROR_INJECTION(snic_vf_datapath_start, ERRNO);

/**
 * snic_vf_datapath_stop() - stop traffic and take every buffer back
 * @vf: the VF, rtnl held
 *
 * Does nothing if the datapath is not running. Bounded on a dead device.
 */
void snic_vf_datapath_stop(struct snic_vf *vf)
{
	ASSERT_RTNL();
	if (!test_and_clear_bit(SNIC_VF_S_RUNNING, &vf->state))
		return;

	netif_tx_disable(vf->netdev);
	snic_vf_irq_disable_queues(vf);
	snic_vf_napi_disable(vf);
	snic_ring_link_napi(&vf->tx_ring, false);
	snic_ring_link_napi(&vf->rx_ring, false);
	snic_ring_disable_tx(&vf->tx_ring);
	snic_ring_disable_rx(&vf->rx_ring);
	snic_ring_clean_all(&vf->tx_ring);
	snic_ring_clean_all(&vf->rx_ring);
}

static int snic_vf_rings_alloc(struct snic_vf *vf, u16 tx_count, u16 rx_count)
{
	int err;

	err = snic_ring_alloc(&vf->tx_ring, tx_count);
	if (err)
		return err;
	err = snic_ring_alloc(&vf->rx_ring, rx_count);
	if (err)
		snic_ring_free(&vf->tx_ring);
	return err;
}

static void snic_vf_rings_free(struct snic_vf *vf)
{
	snic_ring_free(&vf->rx_ring);
	snic_ring_free(&vf->tx_ring);
}

static int snic_vf_open(struct net_device *netdev)
{
	struct snic_vf *vf = netdev_priv(netdev);
	int err;

	if (snic_vf_gone(vf))
		return -ENODEV;

	err = snic_vf_rings_alloc(vf, vf->tx_count, vf->rx_count);
	if (err) {
		netdev_err(netdev, "open failed: %d\n", err);
		return err;
	}
	err = snic_vf_datapath_start(vf);
	if (err)
		goto err_free_rings;

	snic_vf_service_now(vf);
	return 0;

err_free_rings:
	snic_vf_rings_free(vf);
	netdev_err(netdev, "open failed: %d\n", err);
	return err;
}

static int snic_vf_stop(struct net_device *netdev)
{
	struct snic_vf *vf = netdev_priv(netdev);

	snic_vf_datapath_stop(vf);
	snic_vf_rings_free(vf);
	return 0;
}

/**
 * snic_vf_rings_resize() - change ring sizes, restarting if running
 * @vf: the VF, rtnl held
 * @tx_count: new TX descriptor count
 * @rx_count: new RX descriptor count
 *
 * On failure the old sizes are restored; if even that fails, or the
 * datapath does not restart, the interface is closed: up without rings
 * it would look to the stack like a stalled queue, and a recovery would
 * restart a datapath that has no rings.
 *
 * Return: 0 or a negative errno.
 */
int snic_vf_rings_resize(struct snic_vf *vf, u16 tx_count, u16 rx_count)
{
	u16 old_tx = vf->tx_count, old_rx = vf->rx_count;
	int err, start;

	ASSERT_RTNL();
	if (!netif_running(vf->netdev)) {
		vf->tx_count = tx_count;
		vf->rx_count = rx_count;
		return 0;
	}

	snic_vf_datapath_stop(vf);
	snic_vf_rings_free(vf);
	err = snic_vf_rings_alloc(vf, tx_count, rx_count);
	if (err) {
		tx_count = old_tx;
		rx_count = old_rx;
		if (snic_vf_rings_alloc(vf, tx_count, rx_count))
			goto close;
	}
	vf->tx_count = tx_count;
	vf->rx_count = rx_count;
	start = snic_vf_datapath_start(vf);
	if (!start)
		return err;
	err = start;
close:
	netdev_err(vf->netdev, "cannot restart the rings (%d): interface closed\n",
		   err);
	dev_close(vf->netdev);
	return err;
}

static netdev_tx_t snic_vf_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	struct snic_vf *vf = netdev_priv(netdev);

	/* Runts are checksummed and padded by the ring itself. */
	return snic_ring_xmit(skb, &vf->tx_ring);
}

static void snic_vf_get_stats64(struct net_device *netdev,
				struct rtnl_link_stats64 *s)
{
	struct snic_vf *vf = netdev_priv(netdev);

	snic_ring_stats64(&vf->rx_ring, &vf->tx_ring, s);
	spin_lock_bh(&vf->stats_lock);
	s->multicast = vf->hw_stats.mprc.total;
	spin_unlock_bh(&vf->stats_lock);
}

#ifdef SNIC_HAVE_QSTATS
static void snic_vf_qstats_rx(struct net_device *netdev, int idx,
			      struct netdev_queue_stats_rx *rx)
{
	struct snic_vf *vf = netdev_priv(netdev);

	snic_ring_qstats_rx(&vf->rx_ring, rx);
}

static void snic_vf_qstats_tx(struct net_device *netdev, int idx,
			      struct netdev_queue_stats_tx *tx)
{
	struct snic_vf *vf = netdev_priv(netdev);

	snic_ring_qstats_tx(&vf->tx_ring, tx);
}

/* A VF counts no drop of its own: the queue pair is all there is. */
static void snic_vf_qstats_base(struct net_device *netdev,
				struct netdev_queue_stats_rx *rx,
				struct netdev_queue_stats_tx *tx)
{
	snic_ring_qstats_base(rx, tx);
}

static const struct netdev_stat_ops snic_vf_stat_ops = {
	.get_queue_stats_rx	= snic_vf_qstats_rx,
	.get_queue_stats_tx	= snic_vf_qstats_tx,
	.get_base_stats		= snic_vf_qstats_base,
};
#endif

static void snic_vf_set_rx_mode(struct net_device *netdev)
{
	struct snic_vf *vf = netdev_priv(netdev);

	/* Atomic context: the mailbox work does the talking. */
	set_bit(SNIC_VF_S_RXMODE, &vf->state);
	snic_vf_service_now(vf);
}

/* Ask for the promiscuous bits the stack wants; settle for what we get. */
static void snic_vf_sync_promisc(struct snic_vf *vf)
{
	struct snic_vf_filters *f = &vf->filters;
	u8 want = f->promisc_want & ~f->promisc_refused;
	int err;

	err = snic_vf_set_promisc(vf, want);
	if (err == -EPERM && (want & SNIC_PROMISC_UC)) {
		f->promisc_refused |= SNIC_PROMISC_UC;
		snic_vf_warn_rl(vf, "PF refused unicast promiscuous mode%s%s\n",
				snic_vf_why(vf),
				(want & SNIC_PROMISC_MC) ?
				"; asking for all-multicast only" : "");
		want &= ~SNIC_PROMISC_UC;
		err = snic_vf_set_promisc(vf, want);
	}
	if (err == -EPERM && want) {
		f->promisc_refused |= want;
		snic_vf_warn_rl(vf, "PF refused all-multicast mode%s\n",
				snic_vf_why(vf));
	}
	if (!err)
		f->promisc = want;
}

/**
 * snic_vf_rx_mode_sync() - send changed receive filters to the PF
 * @vf: the VF; called from the service work, no lock held
 *
 * Up to SNIC_MC_MAX distinct multicast hashes are sent as a list; more
 * ask for all-multicast. Up to SNIC_VFD_MAX_UC extra unicast addresses
 * are sent as filters; more ask for unicast promiscuous mode, which a PF
 * may refuse (logged, rate-limited).
 */
void snic_vf_rx_mode_sync(struct snic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	struct snic_vf_filters *f = &vf->filters;
	u8 uc[SNIC_VFD_MAX_UC][ETH_ALEN];
	struct snic_vf_mc mc = {};
	struct netdev_hw_addr *ha;
	unsigned int uc_count = 0;
	bool uc_over = false, mc_changed, uc_changed;
	unsigned int flags;
	u8 want = 0;
	int err;

	netif_addr_lock_bh(netdev);
	netdev_for_each_mc_addr(ha, netdev)
		snic_vf_mc_add(&mc, snic_mc_hash(ha->addr));
	netdev_for_each_uc_addr(ha, netdev) {
		if (uc_count == SNIC_VFD_MAX_UC) {
			uc_over = true;
			break;
		}
		ether_addr_copy(uc[uc_count++], ha->addr);
	}
	flags = netdev->flags;
	netif_addr_unlock_bh(netdev);

	if (flags & IFF_PROMISC)
		want = SNIC_PROMISC_ALL;
	else if (flags & IFF_ALLMULTI)
		want = SNIC_PROMISC_MC;
	if (uc_over)
		want |= SNIC_PROMISC_UC;

	mutex_lock(&vf->mbx_lock);
	mc_changed = !snic_vf_mc_equal(&f->mc, &mc);
	uc_changed = uc_count != f->uc_count ||
		     memcmp(uc, f->uc, uc_count * ETH_ALEN);
	f->mc = mc;
	memcpy(f->uc, uc, uc_count * ETH_ALEN);
	f->uc_count = uc_count;
	f->uc_overflow = uc_over;
	f->promisc_want = want;
	f->promisc_refused &= want;	/* what is no longer wanted may be again */
	if (!vf->ready)
		goto out;	/* the restore sends all of it */

	if (mc_changed) {
		err = snic_vf_set_mc(vf, &f->mc);
		if (err == -EPERM)
			snic_vf_warn_rl(vf, "PF refused the multicast filter%s\n",
					snic_vf_why(vf));
		else if (!err && f->mc.all)
			netif_info(vf, drv, netdev,
				   "more than %u multicast hashes: asked for all-multicast\n",
				   SNIC_MC_MAX);
	}
	if (uc_changed) {
		err = snic_vf_set_uc(vf, f->uc, f->uc_count);
		if (err == -EPERM)
			snic_vf_warn_rl(vf, "PF refused an extra unicast filter%s\n",
					snic_vf_why(vf));
	}
	if (vf->ready && (want & ~f->promisc_refused) != f->promisc)
		snic_vf_sync_promisc(vf);
out:
	mutex_unlock(&vf->mbx_lock);
}

/*
 * Transport trouble reads better as "try again" to the user; a refusal
 * becomes its reason's errno. Called with @vf->mbx_lock still held since
 * the request.
 */
static int snic_vf_user_err(struct snic_vf *vf, int err)
{
	switch (err) {
	case -EPERM:
		return snic_vf_refused_errno(vf);
	case -ETIMEDOUT:
	case -EBUSY:
	case -ENOTCONN:
	case -EPROTO:
		return -EAGAIN;
	default:
		return err;
	}
}

static int snic_vf_set_mac_address(struct net_device *netdev, void *p)
{
	struct snic_vf *vf = netdev_priv(netdev);
	struct sockaddr *sa = p;
	int err = 0;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;

	mutex_lock(&vf->mbx_lock);
	if (vf->ready) {
		err = snic_vf_set_mac(vf, sa->sa_data);
		if (err == -EPERM)
			snic_vf_err_rl(vf, "PF refused MAC address %pM%s; keeping %pM\n",
				       sa->sa_data, snic_vf_why(vf),
				       netdev->dev_addr);
		else if (err)
			snic_vf_err_rl(vf, "PF did not confirm MAC address %pM (%d); keeping %pM\n",
				       sa->sa_data, err, netdev->dev_addr);
	}
	if (!err) {
		eth_hw_addr_set(netdev, sa->sa_data);
		/* The latest address wins over one the PF sent before. */
		vf->ext.mac_pending = false;
	}
	err = snic_vf_user_err(vf, err);
	mutex_unlock(&vf->mbx_lock);
	return err;
}

static int snic_vf_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct snic_vf *vf = netdev_priv(netdev);
	u32 max_frame = snic_vf_max_frame(new_mtu);
	int err = 0;

	mutex_lock(&vf->mbx_lock);
	if (vf->ready) {
		err = snic_vf_set_lpe(vf, max_frame);
		if (err == -EPERM)
			snic_vf_err_rl(vf, "PF refused a %u byte frame size%s\n",
				       max_frame, snic_vf_why(vf));
	}
	if (!err) {
		vf->filters.max_frame = max_frame;
		WRITE_ONCE(netdev->mtu, new_mtu);
	}
	err = snic_vf_user_err(vf, err);
	mutex_unlock(&vf->mbx_lock);
	return err;
}

static int snic_vf_vlan_rx_add_vid(struct net_device *netdev,
				   __be16 proto, u16 vid)
{
	struct snic_vf *vf = netdev_priv(netdev);
	int err = 0;

	mutex_lock(&vf->mbx_lock);
	if (vf->ready) {
		err = snic_vf_set_vlan(vf, vid, true);
		if (err == -EPERM && vf->ext.refusal != SNIC_REFUSE_UNSPEC)
			snic_vf_err_rl(vf, "PF refused VLAN %u%s\n", vid,
				       snic_vf_why(vf));
		else if (err == -EPERM)
			snic_vf_err_rl(vf, "PF refused VLAN %u (port VLAN set, or no filter left)\n",
				       vid);
	}
	/* VLAN 0 only matters for priority tags: do not fail the stack. */
	if (err == -EPERM && !vid)
		err = 0;
	if (!err)
		set_bit(vid, vf->filters.vlans);
	err = snic_vf_user_err(vf, err);
	mutex_unlock(&vf->mbx_lock);
	return err;
}

static int snic_vf_vlan_rx_kill_vid(struct net_device *netdev,
				    __be16 proto, u16 vid)
{
	struct snic_vf *vf = netdev_priv(netdev);
	int err = 0;

	mutex_lock(&vf->mbx_lock);
	clear_bit(vid, vf->filters.vlans);
	if (vf->ready)
		err = snic_vf_set_vlan(vf, vid, false);
	if (err == -EPERM)
		snic_vf_warn_rl(vf, "PF refused to remove VLAN %u%s\n", vid,
				snic_vf_why(vf));
	err = snic_vf_user_err(vf, err);
	mutex_unlock(&vf->mbx_lock);
	return err;
}

static void snic_vf_tx_timeout(struct net_device *netdev, unsigned int txq)
{
	struct snic_vf *vf = netdev_priv(netdev);

	snic_vf_warn_rl(vf, "transmit queue %u timed out; resetting\n", txq);
	set_bit(SNIC_VF_S_TX_HANG, &vf->state);
	snic_vf_service_now(vf);
}

static const struct net_device_ops snic_vf_netdev_ops = {
	.ndo_open		= snic_vf_open,
	.ndo_stop		= snic_vf_stop,
	.ndo_start_xmit		= snic_vf_xmit,
	.ndo_features_check	= snic_ring_features_check,
	.ndo_get_stats64	= snic_vf_get_stats64,
	.ndo_set_rx_mode	= snic_vf_set_rx_mode,
	.ndo_set_mac_address	= snic_vf_set_mac_address,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_change_mtu		= snic_vf_change_mtu,
	.ndo_vlan_rx_add_vid	= snic_vf_vlan_rx_add_vid,
	.ndo_vlan_rx_kill_vid	= snic_vf_vlan_rx_kill_vid,
	.ndo_tx_timeout		= snic_vf_tx_timeout,
};

/**
 * snic_vf_netdev_alloc() - allocate the netdev with the VF inside
 * @pdev: the PCI function
 *
 * Sets up features, limits and the rings' identity; touches no register.
 *
 * Return: the VF, or NULL without memory.
 */
noinline __noclone struct snic_vf *snic_vf_netdev_alloc(struct pci_dev *pdev)
{
	netdev_features_t csum = NETIF_F_SG | NETIF_F_IP_CSUM |
				 NETIF_F_IPV6_CSUM | NETIF_F_TSO |
				 NETIF_F_TSO6;
	struct net_device *netdev;
	struct snic_vf *vf;

	netdev = alloc_etherdev(sizeof(*vf));
	if (!netdev)
		return NULL;
	SET_NETDEV_DEV(netdev, &pdev->dev);

	vf = netdev_priv(netdev);
	vf->pdev = pdev;
	vf->netdev = netdev;
	vf->msg_enable = NETIF_MSG_DRV | NETIF_MSG_PROBE | NETIF_MSG_LINK;
	vf->tx_count = SNIC_VF_DEF_RING;
	vf->rx_count = SNIC_VF_DEF_RX_RING;
	mutex_init(&vf->mbx_lock);
	spin_lock_init(&vf->stats_lock);
	vf->filters.max_frame = snic_vf_max_frame(ETH_DATA_LEN);

	netdev->netdev_ops = &snic_vf_netdev_ops;
#ifdef SNIC_HAVE_QSTATS
	netdev->stat_ops = &snic_vf_stat_ops;
#endif
	snic_vf_set_ethtool_ops(netdev);
	netdev->watchdog_timeo = 5 * HZ;
	netdev->min_mtu = SNIC_VF_MIN_MTU;
	netdev->max_mtu = SNIC_VF_MAX_MTU;

	/* The PF decides VLAN stripping; received tags always arrive out of
	 * band when it strips, so RX tag offload is fixed on.
	 */
	netdev->hw_features = csum | NETIF_F_RXCSUM | NETIF_F_HW_VLAN_CTAG_TX;
	netdev->features = netdev->hw_features | NETIF_F_HW_VLAN_CTAG_RX |
			   NETIF_F_HW_VLAN_CTAG_FILTER;
	netdev->vlan_features = csum;
	netdev->priv_flags |= IFF_UNICAST_FLT;
	return vf;
}
ALLOW_ERROR_INJECTION(snic_vf_netdev_alloc, NULL);

/**
 * snic_vf_rings_init() - give queue 0's rings their identity
 * @vf: the VF, with its registers mapped
 */
void snic_vf_rings_init(struct snic_vf *vf)
{
	snic_ring_init(&vf->tx_ring, SNIC_RING_TX, &vf->pdev->dev, vf->netdev,
		       0, vf->hw + SNIC_VF_TXQ(0));
	snic_ring_init(&vf->rx_ring, SNIC_RING_RX, &vf->pdev->dev, vf->netdev,
		       0, vf->hw + SNIC_VF_RXQ(0));
	/* A port VLAN's tag is stripped but is not one the stack asked for. */
	vf->rx_ring.rx_vlans = vf->filters.vlans;
}

/**
 * snic_vf_netdev_register() - register the netdev, carrier off
 * @vf: the VF, with its address known
 *
 * Return: 0 or the error of register_netdev().
 */
noinline __noclone int snic_vf_netdev_register(struct snic_vf *vf)
{
	netif_carrier_off(vf->netdev);
	return register_netdev(vf->netdev);
}
ALLOW_ERROR_INJECTION(snic_vf_netdev_register, ERRNO);

/**
 * snic_vf_netdev_unregister() - unregister the netdev (stops it if up)
 * @vf: the VF
 */
void snic_vf_netdev_unregister(struct snic_vf *vf)
{
	unregister_netdev(vf->netdev);
}
