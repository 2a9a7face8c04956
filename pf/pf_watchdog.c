// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the watchdog - link state to the stack and the VFs, the
 * MAC statistics, and a periodic look at the VFs' mailboxes.
 */
#include <linux/ethtool.h>
#include <linux/netdevice.h>

#include "pf.h"

static void snic_pf_link_update(struct snic_pf *pf,
				const struct snic_pf_link *link)
{
	struct net_device *dev = pf->netdev;

	lockdep_assert_held(&pf->cfg_lock);

	pf->link_up = link->up;
	if (link->up) {
		netif_info(pf, link, dev, "link up, %d Mb/s, %s duplex\n",
			   link->speed,
			   link->duplex == DUPLEX_FULL ? "full" : "half");
		netif_carrier_on(dev);
	} else {
		netif_info(pf, link, dev, "link down\n");
		netif_carrier_off(dev);
	}
	snic_pf_sriov_notify(pf);
}

/**
 * snic_pf_watchdog() - link poll, statistics and mailbox catch-up
 * @work: &snic_pf.watchdog
 *
 * Runs every SNIC_PF_WATCHDOG_PERIOD and at once on a link status change.
 */
void snic_pf_watchdog(struct work_struct *work)
{
	struct snic_pf *pf = container_of(to_delayed_work(work),
					  struct snic_pf, watchdog);
	struct snic_pf_link link;

	mutex_lock(&pf->cfg_lock);
	if (!test_bit(SNIC_PF_RESETTING, &pf->state)) {
		snic_pf_link_get(pf, &link);
		if (snic_pf_dead(pf)) {
			snic_pf_gone(pf);
			mutex_unlock(&pf->cfg_lock);
			return;
		}
		if (link.up != pf->link_up)
			snic_pf_link_update(pf, &link);
		/* A poll now and then refills an RX ring that ran dry. */
		if (!test_bit(SNIC_PF_DOWN, &pf->state))
			snic_pf_irq_queue_kick(pf);
	}
	mutex_unlock(&pf->cfg_lock);

	snic_pf_hw_stats_update(pf);
	/*
	 * Catch up with the VFs' mailboxes: a mailbox interrupt can arrive
	 * late or not at all (QEMU's model under load), and a VF that posted
	 * a request would otherwise wait until it gives up and resets. The
	 * work only reads MBVFICR and VFLRE when nothing is pending.
	 */
	if (READ_ONCE(pf->sriov.num_vfs))
		snic_pf_sriov_irq(pf);
	if (!READ_ONCE(pf->removing))
		queue_delayed_work(system_wq, &pf->watchdog,
				   SNIC_PF_WATCHDOG_PERIOD);
}
