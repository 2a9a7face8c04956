// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: the VF's relationship with its PF.
 *
 * The reset handshake (CTRL.RST, wait for the PF to be out of reset, RESET,
 * take the PF's address or keep/pick our own), the restore of everything the
 * PF forgets on a reset (primary and extra addresses, multicast, VLANs, frame
 * size, promiscuous requests), the offer of the sriovnic extension in
 * between (vf_mbx.c), the detection of what makes a new handshake
 * necessary (RSTI/RSTD, a NACK without CTS, a request the PF does not
 * answer) and the recovery itself, retried with a growing pause so that a
 * PF that stays away sees one attempt every few seconds rather than a storm.
 *
 * All of it runs in one work item, &snic_vf.service: run by every
 * interrupt (the mailbox interrupt may arrive on any vector, and a PF reset
 * raises none at all) and re-armed by itself every SNIC_VF_WATCHDOG_MS.
 */
#include <linux/error-injection.h>
#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/rtnetlink.h>

#include "vf.h"
#include "vf_trace.h"

/* How long the handshake waits for the PF to leave reset (RSTI). */
#define SNIC_VF_RSTI_POLLS	20
#define SNIC_VF_RSTI_POLL_US	1000

/* A VF ready this long is stable: the recovery backoff starts over. */
#define SNIC_VF_STABLE_MS	10000

/* Retry delay when recovery could not take the RTNL. */
#define SNIC_VF_RTNL_RETRY_MS	20

/* Reset the VF, wait for the PF, say RESET. >0: our address must be sent. */
static noinline __noclone int snic_vf_handshake(struct snic_vf *vf)
{
	struct snic_msg req = { .type = SNIC_MSG_RESET }, reply;
	struct net_device *netdev = vf->netdev;
	unsigned int i;
	u32 ctl = 0;
	int err, probe;

	lockdep_assert_held(&vf->mbx_lock);
	vf->ready = false;
	vf->cts = false;
	snic_vf_ext_reset(vf);

	snic_vf_hw_stats_update(vf, false);
	err = snic_vf_hw_reset(vf);
	if (err)
		return err;

	for (i = 0; i < SNIC_VF_RSTI_POLLS; i++) {
		ctl = snic_mbx_ctl(&vf->mbx);
		if (ctl == SNIC_DEAD)
			return -ENODEV;
		if (!(ctl & SNIC_V2P_RSTI))
			break;
		usleep_range(SNIC_VF_RSTI_POLL_US, 2 * SNIC_VF_RSTI_POLL_US);
	}
	vf->pf_in_reset = ctl & SNIC_V2P_RSTI;
	if (vf->pf_in_reset)
		return -EAGAIN;

	/* Events posted before our reset answer nothing any more. */
	snic_mbx_forget(&vf->mbx);
	/* A reset may have cleared the vector mapping: the answer interrupts. */
	snic_vf_irq_map(vf);
	snic_vf_irq_enable(vf);

	err = snic_vf_request(vf, &req, &reply);
	if (err && err != -EPERM)
		return err;
	/*
	 * A PF that handled our reset (VFLRE) only after we unmasked may have
	 * masked every vector again; it answered RESET after that handling,
	 * so unmasking now holds: the answers that follow interrupt.
	 */
	snic_vf_irq_enable(vf);

	if (!err) {
		/* The PF holds an address for us: it is ours now. */
		if (!ether_addr_equal(netdev->dev_addr, reply.mac)) {
			netif_info(vf, drv, netdev, "PF assigned address %pM\n",
				   reply.mac);
			eth_hw_addr_set(netdev, reply.mac);
			if (netdev->reg_state == NETREG_REGISTERED)
				call_netdevice_notifiers(NETDEV_CHANGEADDR,
							 netdev);
		}
	} else if (!is_valid_ether_addr(netdev->dev_addr)) {
		/* No address from the PF and none of our own yet. */
		eth_hw_addr_random(netdev);
		netif_info(vf, drv, netdev,
			   "PF assigned no address, using random %pM\n",
			   netdev->dev_addr);
	}

	/* Provisional: the next answer's CTS bit (see vf_mbx.c) decides. */
	vf->ready = true;
	vf->cts = true;
	vf->ready_since = jiffies;
	snic_vf_hw_stats_update(vf, true);

	/* The PF answered RESET (with or without an address): offer more. */
	probe = snic_vf_ext_probe(vf);
	if (probe)
		return probe;
	return err == -EPERM ? 1 : 0;
}
ALLOW_ERROR_INJECTION(snic_vf_handshake, ERRNO);

/* A refusal is logged and skipped; anything else stops the restore. */
static int snic_vf_restore_step(struct snic_vf *vf, int err, const char *what)
{
	if (err == -EPERM) {
		snic_vf_err_rl(vf, "PF refused %s%s\n", what, snic_vf_why(vf));
		return 0;
	}
	return err;
}

/* Give the PF back everything it dropped with the reset. */
static int snic_vf_restore(struct snic_vf *vf, bool set_mac)
{
	struct snic_vf_filters *f = &vf->filters;
	unsigned int vid;
	int err;

	lockdep_assert_held(&vf->mbx_lock);
	if (set_mac) {
		err = snic_vf_set_mac(vf, vf->netdev->dev_addr);
		err = snic_vf_restore_step(vf, err, "our MAC address");
		if (err)
			return err;
	}
	if (f->uc_count) {
		err = snic_vf_set_uc(vf, f->uc, f->uc_count);
		err = snic_vf_restore_step(vf, err, "extra unicast filters");
		if (err)
			return err;
	}
	if (f->mc.all || f->mc.count) {
		err = snic_vf_set_mc(vf, &f->mc);
		err = snic_vf_restore_step(vf, err, "the multicast filter");
		if (err)
			return err;
	}
	for_each_set_bit(vid, f->vlans, VLAN_N_VID) {
		err = snic_vf_set_vlan(vf, vid, true);
		err = snic_vf_restore_step(vf, err, "a VLAN filter");
		if (err)
			return err;
	}
	err = snic_vf_set_lpe(vf, f->max_frame);
	err = snic_vf_restore_step(vf, err, "the maximum frame size");
	if (err)
		return err;

	f->promisc = 0;
	f->promisc_refused = 0;
	if (f->promisc_want)
		set_bit(SNIC_VF_S_RXMODE, &vf->state);
	return 0;
}

/* Handshake and restore under the mailbox lock; bookkeeping for backoff. */
static int snic_vf_reinit(struct snic_vf *vf)
{
	unsigned int pause;
	int err;

	lockdep_assert_held(&vf->mbx_lock);
	vf->reset_streak++;
	pause = snic_vf_reset_backoff_ms(vf->reset_streak);
	vf->next_reset = jiffies + msecs_to_jiffies(pause);

	err = snic_vf_handshake(vf);
	if (err >= 0)
		err = snic_vf_restore(vf, err > 0);
	trace_sriovnic_vf_reset(vf->pdev, vf->reset_pending, err);
	if (!err) {
		if (vf->reset_pending & ~BIT(SNIC_VF_RR_INIT))
			netif_info(vf, drv, vf->netdev, "reset complete\n");
		vf->reset_pending = 0;
		vf->sw_stats.resets++;
		return 0;
	}

	vf->ready = false;
	vf->sw_stats.reset_fail++;
	if (!vf->reset_pending)
		set_bit(SNIC_VF_RR_INIT, &vf->reset_pending);
	if (err == -EAGAIN)
		snic_vf_warn_rl(vf, "PF is in reset; retrying in %u ms\n",
				pause);
	else
		snic_vf_warn_rl(vf, "PF did not complete the reset (%d); retrying in %u ms\n",
				err, pause);
	return err;
}

/* Stop the datapath, handshake, restore, restart. False: retry soon. */
static bool snic_vf_recover(struct snic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	int err;

	if (!rtnl_trylock())
		return false;
	if (test_bit(SNIC_VF_S_REMOVING, &vf->state)) {
		rtnl_unlock();
		return true;
	}

	netif_carrier_off(netdev);
	snic_vf_datapath_stop(vf);

	mutex_lock(&vf->mbx_lock);
	snic_vf_reinit(vf);
	mutex_unlock(&vf->mbx_lock);

	if (netif_running(netdev)) {
		err = snic_vf_datapath_start(vf);
		if (err) {
			snic_vf_err_rl(vf, "cannot restart the datapath: %d\n",
				       err);
			mutex_lock(&vf->mbx_lock);
			snic_vf_schedule_reset(vf, SNIC_VF_RR_USER);
			mutex_unlock(&vf->mbx_lock);
		}
	}
	rtnl_unlock();
	return true;
}

/**
 * snic_vf_update_carrier() - make the carrier follow PF link, CTS and reset
 * @vf: the VF
 *
 * With SNIC_EXT_CAP_LINK the PF's EXT_EVENT LINK counts too, and a carrier
 * that goes (or stays) down names its reason in the log, once per change.
 */
void snic_vf_update_carrier(struct snic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	const char *why = NULL;
	u8 reason;
	u32 speed;
	bool on;

	/* Probe registers the netdev after the first handshake. */
	if (netdev->reg_state != NETREG_REGISTERED)
		return;

	mutex_lock(&vf->mbx_lock);
	on = !snic_vf_gone(vf) &&
	     snic_vf_carrier_ok(vf->ready, vf->cts, vf->pf_link) &&
	     snic_vf_ext_link_ok(vf->ext.caps, vf->ext.link_up);
	reason = snic_vf_link_reason(vf->ext.caps, on, vf->pf_link,
				     vf->ext.link_up, vf->ext.link_reason);
	if (reason != vf->ext.logged_reason) {
		vf->ext.logged_reason = reason;
		why = snic_link_reason_text(reason);
	}
	mutex_unlock(&vf->mbx_lock);

	if (on && !netif_carrier_ok(netdev)) {
		snic_vf_hw_link(vf, &speed, NULL);
		netif_info(vf, link, netdev, "link up, %u Mbps\n", speed);
		netif_carrier_on(netdev);
	} else if (!on && netif_carrier_ok(netdev)) {
		if (!why)
			netif_info(vf, link, netdev, "link down\n");
		netif_carrier_off(netdev);
	}
	if (why && netif_msg_link(vf))
		snic_vf_info_rl(vf, "link down: %s\n", why);
}

/*
 * SNIC_EXT_CAP_LIVE_MAC: take the address the administrator set, as
 * dev_set_mac_address() would, without a reset. False: retry soon.
 */
static bool snic_vf_take_pf_mac(struct snic_vf *vf)
{
	struct net_device *netdev = vf->netdev;
	bool changed = false;

	mutex_lock(&vf->mbx_lock);
	changed = vf->ext.mac_pending;
	mutex_unlock(&vf->mbx_lock);
	if (!changed)
		return true;
	if (!rtnl_trylock())
		return false;

	/* Before registration (probe) as the handshake does: no notifier. */
	mutex_lock(&vf->mbx_lock);
	changed = vf->ext.mac_pending &&
		  (netdev->reg_state == NETREG_UNINITIALIZED ||
		   netdev->reg_state == NETREG_REGISTERED) &&
		  !ether_addr_equal(netdev->dev_addr, vf->ext.mac);
	if (changed)
		eth_hw_addr_set(netdev, vf->ext.mac);
	vf->ext.mac_pending = false;
	mutex_unlock(&vf->mbx_lock);

	if (changed) {
		netif_info(vf, drv, netdev,
			   "PF changed the address to %pM (no reset)\n",
			   netdev->dev_addr);
		if (netdev->reg_state == NETREG_REGISTERED)
			call_netdevice_notifiers(NETDEV_CHANGEADDR, netdev);
	}
	rtnl_unlock();
	return true;
}

static void snic_vf_service(struct work_struct *work)
{
	struct snic_vf *vf = container_of(to_delayed_work(work),
					  struct snic_vf, service);
	unsigned long delay = msecs_to_jiffies(SNIC_VF_WATCHDOG_MS);
	bool due;

	if (snic_vf_gone(vf)) {
		netif_carrier_off(vf->netdev);
		netif_device_detach(vf->netdev);
		return;
	}

	mutex_lock(&vf->mbx_lock);
	if (test_and_clear_bit(SNIC_VF_S_TX_HANG, &vf->state))
		snic_vf_schedule_reset(vf, SNIC_VF_RR_USER);
	snic_vf_check_pf_reset(vf);
	snic_vf_mbx_poll(vf);
	vf->pf_link = snic_vf_hw_link(vf, NULL, NULL);
	if (vf->ready && vf->reset_streak &&
	    time_after(jiffies, vf->ready_since +
		       msecs_to_jiffies(SNIC_VF_STABLE_MS)))
		vf->reset_streak = 0;
	due = vf->reset_pending && time_after_eq(jiffies, vf->next_reset);
	mutex_unlock(&vf->mbx_lock);

	if (due && !snic_vf_recover(vf))
		delay = msecs_to_jiffies(SNIC_VF_RTNL_RETRY_MS);
	if (!snic_vf_take_pf_mac(vf))
		delay = msecs_to_jiffies(SNIC_VF_RTNL_RETRY_MS);

	if (test_and_clear_bit(SNIC_VF_S_RXMODE, &vf->state))
		snic_vf_rx_mode_sync(vf);

	snic_vf_update_carrier(vf);

	if (time_after_eq(jiffies, vf->stats_next)) {
		snic_vf_hw_stats_update(vf, false);
		vf->stats_next = jiffies + msecs_to_jiffies(SNIC_VF_STATS_FOLD_MS);
	}

	mutex_lock(&vf->mbx_lock);
	if (vf->reset_pending && time_before(vf->next_reset, jiffies + delay))
		delay = max_t(long, (long)(vf->next_reset - jiffies), 1);
	mutex_unlock(&vf->mbx_lock);

	if (!test_bit(SNIC_VF_S_REMOVING, &vf->state))
		queue_delayed_work(system_wq, &vf->service, delay);
}

/**
 * snic_vf_link_init() - prepare the service work and the link state
 * @vf: the VF
 */
void snic_vf_link_init(struct snic_vf *vf)
{
	INIT_DELAYED_WORK(&vf->service, snic_vf_service);
	vf->reset_pending = BIT(SNIC_VF_RR_INIT);
	vf->next_reset = jiffies;
	vf->stats_next = jiffies;
}

/**
 * snic_vf_link_start() - first handshake, then start the service work
 * @vf: the VF; its netdev is not registered yet
 *
 * A PF that does not answer is not fatal: the VF gets a random address
 * and the service work keeps trying, so the netdev can be registered.
 *
 * Return: 0, or -ENODEV if the device is gone.
 */
noinline __noclone int snic_vf_link_start(struct snic_vf *vf)
{
	int err;

	mutex_lock(&vf->mbx_lock);
	err = snic_vf_reinit(vf);
	if (err && !is_valid_ether_addr(vf->netdev->dev_addr))
		eth_hw_addr_random(vf->netdev);
	vf->pf_link = snic_vf_hw_link(vf, NULL, NULL);
	mutex_unlock(&vf->mbx_lock);
	if (err == -ENODEV)
		return err;

	memcpy(vf->netdev->perm_addr, vf->netdev->dev_addr, ETH_ALEN);
	queue_delayed_work(system_wq, &vf->service, 0);
	return 0;
}
ALLOW_ERROR_INJECTION(snic_vf_link_start, ERRNO);

/**
 * snic_vf_link_stop() - stop the service work and tell the PF we are gone
 * @vf: the VF; SNIC_VF_S_REMOVING is set and no interrupt can fire
 *
 * The final CTRL.RST makes the PF drop our address, VLAN and multicast
 * filters now rather than when the VF is next used.
 */
void snic_vf_link_stop(struct snic_vf *vf)
{
	cancel_delayed_work_sync(&vf->service);

	mutex_lock(&vf->mbx_lock);
	vf->ready = false;
	if (!snic_vf_gone(vf))
		snic_vf_hw_reset(vf);
	mutex_unlock(&vf->mbx_lock);
}
