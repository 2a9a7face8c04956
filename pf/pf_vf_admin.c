// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: what the administrator sets per VF (ip link set <pf> vf N)
 * and reads back (ip link show, ip -s link show).
 *
 * These ndos run under RTNL and take &snic_pf_sriov.lock; a VF number is
 * checked against num_vfs under that lock. What the 82576 enforces and
 * what QEMU's model does not is in Documentation/pf.rst: anti-spoofing
 * (DTXSWC) and the transmit rate limiter (RTTBCNRC) are programmed here
 * but not emulated by QEMU 10.
 */
#include <linux/etherdevice.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>

#include "pf.h"

static struct snic_pf_vf *snic_admin_vf(struct snic_pf *pf, int vf)
{
	lockdep_assert_held(&pf->sriov.lock);
	if (vf < 0 || vf >= pf->sriov.num_vfs)
		return NULL;
	return &pf->sriov.vfs[vf];
}

/*
 * The administrator changed what the VF's address must be (a new
 * administrative MAC, or trust revoked): drop the VF's extra unicast
 * filters, which it asked for under the old rules, and put @v->mac in
 * force. A VF that negotiated SNIC_EXT_CAP_LIVE_MAC gets it at once and
 * keeps running; any other VF that is running is asked to reset (a NACK
 * without CTS), so it picks the address up now. Both messages go out from
 * the mailbox work: nothing here waits for the VF.
 */
static void snic_admin_push_mac(struct snic_pf *pf, struct snic_pf_vf *v)
{
	struct net_device *dev = pf->netdev;
	int err;

	lockdep_assert_held(&pf->sriov.lock);
	spin_lock_bh(&pf->sriov.filter_lock);
	snic_pf_filter_uc_clear(pf, v->idx);
	err = -EAGAIN;
	if (v->clear && (v->ext.caps & SNIC_EXT_CAP_LIVE_MAC))
		err = snic_pf_filter_vf_mac(pf, v->idx, v->mac);
	spin_unlock_bh(&pf->sriov.filter_lock);
	if (!err) {
		/* The mailbox work tells the VF (EXT_EVENT MAC). */
		snic_pf_vf_queue_tx(v, SNIC_PF_TX_MAC);
		netdev_info(dev, "VF %u: MAC %pM, applied live\n", v->idx,
			    v->mac);
		return;
	}
	netdev_info(dev, "VF %u: MAC %pM, effective at the VF's next reset\n",
		    v->idx, v->mac);
	if (v->clear)
		snic_pf_vf_queue_tx(v, SNIC_PF_TX_RESET);
}

/*
 * The administrator gave the VF's address back to it (an all-zero MAC,
 * what sriov-cni and libvirt write at teardown and sriov-cni reads back):
 * from now on the VF has no address until it chooses one. The VF table
 * shows zero at once, the address filter and the extra unicast filters
 * the VF holds go, an address change not yet sent is forgotten, and a
 * running VF is asked to reset: RESET then gives it no address, so it
 * keeps or picks its own and registers it (SET_MAC_ADDR, which is now
 * its own choice). The kernel's igb clears the address and its filter
 * too, but leaves a running VF without unicast until its driver re-binds.
 */
static void snic_admin_clear_mac(struct snic_pf *pf, struct snic_pf_vf *v)
{
	lockdep_assert_held(&pf->sriov.lock);
	v->admin_mac = false;
	eth_zero_addr(v->admin_addr);
	eth_zero_addr(v->mac);
	clear_bit(SNIC_PF_TX_MAC, &v->tx_pending);
	spin_lock_bh(&pf->sriov.filter_lock);
	snic_pf_filter_uc_clear(pf, v->idx);
	snic_pf_filter_vf_mac(pf, v->idx, NULL);
	spin_unlock_bh(&pf->sriov.filter_lock);
	netdev_info(pf->netdev, "VF %u: MAC address left to the VF%s\n",
		    v->idx, v->clear ? ", which is asked to reset" : "");
	if (v->clear)
		snic_pf_vf_queue_tx(v, SNIC_PF_TX_RESET);
}

/**
 * snic_pf_ndo_set_vf_mac() - ndo_set_vf_mac
 * @dev: the PF's netdev
 * @vf: VF number
 * @mac: the address; all-zero gives the choice back to the VF at once
 *	(snic_admin_clear_mac())
 *
 * The address is the VF's from its next RESET on, and the VF's extra
 * unicast filters are dropped at once. A VF that negotiated
 * SNIC_EXT_CAP_LIVE_MAC gets it at once (filter programmed, EXT_EVENT
 * MAC, sent by the mailbox work) and keeps running; any other VF that is
 * running is asked to reset (also from the work). Never waits for the VF.
 * A VF that is trusted may still choose another one afterwards, until it
 * is no longer trusted. An address another function already uses (the
 * PF's, another VF's) is accepted with a warning: the administrator may
 * mean it, but both pools then receive that address's unicast.
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_set_vf_mac(struct net_device *dev, int vf, u8 *mac)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	if (!is_zero_ether_addr(mac) && !is_valid_ether_addr(mac)) {
		netdev_err(dev, "VF %d: %pM is not a unicast address\n",
			   vf, mac);
		return -EINVAL;
	}

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (!v) {
		err = -EINVAL;
		goto out;
	}
	if (is_zero_ether_addr(mac)) {
		snic_admin_clear_mac(pf, v);
		goto out;
	}
	if (snic_pf_filter_mac_taken(pf, mac, v->idx))
		netdev_warn(dev,
			    "VF %d: MAC %pM is already in use by the PF or another VF; both receive its unicast\n",
			    vf, mac);
	ether_addr_copy(v->admin_addr, mac);
	ether_addr_copy(v->mac, mac);
	v->admin_mac = true;
	snic_admin_push_mac(pf, v);
out:
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_set_vf_vlan() - ndo_set_vf_vlan: the port VLAN
 * @dev: the PF's netdev
 * @vf: VF number
 * @vlan: VLAN id, 0 to remove the port VLAN
 * @qos: priority, 0-7
 * @proto: only 802.1Q
 *
 * With a port VLAN the VF's frames are tagged on transmit (VMVIR), only
 * frames of that VLAN reach the VF, untagged (VLVF, VMOLR.STRVLAN, no
 * AUPE), and the VF's own VLAN requests are refused. Removing it asks the
 * VF to reset so it registers its own VLANs again. The new VLAN's filter
 * is allocated before anything else changes: when none is left (within
 * the PF's and administrator's share) the call fails and the old port
 * VLAN, if any, stays in force.
 *
 * Return: 0, -EPROTONOSUPPORT for 802.1ad, -EINVAL, or -ENOSPC when no
 * VLAN filter is left.
 */
int snic_pf_ndo_set_vf_vlan(struct net_device *dev, int vf, u16 vlan, u8 qos,
			    __be16 proto)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	if (proto != htons(ETH_P_8021Q)) {
		netdev_err(dev,
			   "VF %d: only 802.1Q port VLANs are supported, not 802.1ad\n",
			   vf);
		return -EPROTONOSUPPORT;
	}
	if (vlan >= VLAN_N_VID || qos > 7)
		return -EINVAL;
	if (!vlan && qos) {
		netdev_err(dev, "VF %d: a priority needs a port VLAN id\n", vf);
		return -EINVAL;
	}

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (!v) {
		err = -EINVAL;
		goto out;
	}

	spin_lock_bh(&pf->sriov.filter_lock);
	err = snic_pf_filter_port_vlan(pf, v->idx, vlan, qos);
	spin_unlock_bh(&pf->sriov.filter_lock);
	if (err) {
		netdev_err(dev,
			   "VF %d: no free VLAN filter for port VLAN %u; VLAN %u stays in force\n",
			   vf, vlan, v->port_vlan);
		goto out;
	}

	if (v->port_vlan && !vlan && v->clear)
		snic_pf_vf_queue_tx(v, SNIC_PF_TX_RESET);
	v->port_vlan = vlan;
	v->qos = vlan ? qos : 0;
out:
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_set_vf_rate() - ndo_set_vf_rate
 * @dev: the PF's netdev
 * @vf: VF number
 * @min_rate: must be 0 (no minimum rate on the 82576)
 * @max_rate: Mb/s, 0 for no limit
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_set_vf_rate(struct net_device *dev, int vf, int min_rate,
			    int max_rate)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	unsigned int speed;
	int err = 0;

	if (min_rate) {
		netdev_err(dev, "VF %d: min_tx_rate is not supported\n", vf);
		return -EINVAL;
	}
	if (max_rate < 0)
		return -EINVAL;

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (!v) {
		err = -EINVAL;
		goto out;
	}
	speed = snic_pf_speed(pf);
	if (max_rate && speed && max_rate > speed) {
		netdev_err(dev, "VF %d: max_tx_rate %d above the link's %u Mb/s\n",
			   vf, max_rate, speed);
		err = -EINVAL;
		goto out;
	}
	v->max_tx_rate = max_rate;
	snic_pf_vf_apply_admin(pf, v);
out:
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_set_vf_spoofchk() - ndo_set_vf_spoofchk
 * @dev: the PF's netdev
 * @vf: VF number
 * @on: drop frames whose source MAC or VLAN is not the VF's
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_set_vf_spoofchk(struct net_device *dev, int vf, bool on)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (v) {
		v->spoofchk = on;
		snic_pf_vf_apply_admin(pf, v);
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_set_vf_trust() - ndo_set_vf_trust
 * @dev: the PF's netdev
 * @vf: VF number
 * @on: a trusted VF may change an administrator-set MAC address and ask
 *	for unicast promiscuous mode (refused anyway where the hardware
 *	cannot do it per pool)
 *
 * Trust revoked drops the VF's extra unicast filters and, when the
 * administrator set its MAC, puts that address back in force (live, or
 * by asking the VF to reset), as ndo_set_vf_mac does.
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_set_vf_trust(struct net_device *dev, int vf, bool on)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (v) {
		bool revoked = v->trusted && !on;

		if (v->trusted != on)
			netdev_info(dev, "VF %d is %strusted\n", vf,
				    on ? "" : "no longer ");
		v->trusted = on;
		if (revoked && v->admin_mac &&
		    !ether_addr_equal(v->mac, v->admin_addr)) {
			ether_addr_copy(v->mac, v->admin_addr);
			snic_admin_push_mac(pf, v);
		} else if (revoked) {
			spin_lock_bh(&pf->sriov.filter_lock);
			snic_pf_filter_uc_clear(pf, v->idx);
			spin_unlock_bh(&pf->sriov.filter_lock);
		}
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_set_vf_link_state() - ndo_set_vf_link_state
 * @dev: the PF's netdev
 * @vf: VF number
 * @state: IFLA_VF_LINK_STATE_AUTO (follow the PF), _ENABLE (up whenever
 *	the VF completed RESET), _DISABLE (down)
 *
 * "disable" also stops the VF's pool: no receive, no transmit, no filter
 * delivery, so the VF is off the wire even if its driver ignored the
 * message. The VF is told through CTS, or with EXT_EVENT LINK and the
 * reason when it negotiated that, by the mailbox work (see pf_vf_mbx.c);
 * this does not wait for the VF.
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_set_vf_link_state(struct net_device *dev, int vf, int state)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;
	bool up;

	switch (state) {
	case IFLA_VF_LINK_STATE_AUTO:
	case IFLA_VF_LINK_STATE_ENABLE:
	case IFLA_VF_LINK_STATE_DISABLE:
		break;
	default:
		return -EINVAL;
	}

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (!v) {
		err = -EINVAL;
		goto out;
	}
	snic_pf_vf_budget_admin(pf, v, state);
	v->link_state = state;
	up = state != IFLA_VF_LINK_STATE_DISABLE;
	if (v->clear) {
		spin_lock_bh(&pf->sriov.filter_lock);
		pf->sriov.pool[v->idx].active = up;
		snic_pf_filter_write_pool(pf, v->idx);
		snic_pf_filter_write_mta(pf);
		spin_unlock_bh(&pf->sriov.filter_lock);
		snic_pf_vf_enable(pf, v->idx, up);
	}
	snic_pf_vf_queue_tx(v, SNIC_PF_TX_LINK);
out:
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_get_vf_config() - ndo_get_vf_config
 * @dev: the PF's netdev
 * @vf: VF number
 * @ivi: filled in
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_get_vf_config(struct net_device *dev, int vf,
			      struct ifla_vf_info *ivi)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (v) {
		ivi->vf = vf;
		ether_addr_copy(ivi->mac, v->mac);
		ivi->vlan = v->port_vlan;
		ivi->qos = v->qos;
		ivi->vlan_proto = htons(ETH_P_8021Q);
		ivi->spoofchk = v->spoofchk;
		ivi->trusted = v->trusted;
		ivi->linkstate = v->link_state;
		ivi->min_tx_rate = 0;
		ivi->max_tx_rate = v->max_tx_rate;
		ivi->rss_query_en = 0;
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&pf->sriov.lock);
	return err;
}

/**
 * snic_pf_ndo_get_vf_stats() - ndo_get_vf_stats, from the pool counters
 * @dev: the PF's netdev
 * @vf: VF number
 * @stats: filled in; broadcast and drops are not counted per pool
 *
 * Byte counts include the 4-byte CRC of each frame.
 *
 * Return: 0 or -EINVAL.
 */
int snic_pf_ndo_get_vf_stats(struct net_device *dev, int vf,
			     struct ifla_vf_stats *stats)
{
	struct snic_pf *pf = netdev_priv(dev);
	struct snic_pf_vf *v;
	int err = 0;

	mutex_lock(&pf->sriov.lock);
	v = snic_admin_vf(pf, vf);
	if (v) {
		if (!test_bit(SNIC_PF_RESETTING, &pf->state))
			snic_pf_vf_stats_update(pf, v, false);
		memset(stats, 0, sizeof(*stats));
		stats->rx_packets = v->stats.gprc;
		stats->tx_packets = v->stats.gptc;
		stats->rx_bytes = v->stats.gorc;
		stats->tx_bytes = v->stats.gotc;
		stats->multicast = v->stats.mprc;
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&pf->sriov.lock);
	return err;
}
