// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the global reset path - everything a reset of the device
 * undoes, programmed again in order, with the VFs told before and after.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "pf.h"

/**
 * snic_pf_gone() - the device fell off the bus: say so once, stop using it
 * @pf: the PF
 */
void snic_pf_gone(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;

	if (!netif_device_present(dev))
		return;
	dev_err(&pf->pdev->dev, "device not responding (all-ones reads), detaching\n");
	netif_carrier_off(dev);
	netif_device_detach(dev);
}

/**
 * snic_pf_hw_setup() - program everything a global reset undid
 * @pf: the PF; cfg_lock held
 *
 * In order: MAC-wide set-up, interrupt routing, the SR-IOV half's pools
 * and filters, the VFs released (PFRSTD), receive and transmit on (VFs
 * need them even while the PF is down), the PF's own rx mode,
 * autonegotiation restarted.
 *
 * Return: 0 or a negative errno (-ENODEV when the device is gone).
 */
int snic_pf_hw_setup(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	int err;

	lockdep_assert_held(&pf->cfg_lock);

	snic_pf_hw_configure(pf);
	snic_pf_irq_hw_init(pf);
	err = snic_pf_sriov_hw_init(pf);
	if (err) {
		dev_err(&pf->pdev->dev, "VMDq/SR-IOV set-up failed: %d\n", err);
		return err;
	}
	pf_wr32(pf, SNIC_CTRL_EXT,
		pf_rd32(pf, SNIC_CTRL_EXT) | SNIC_CTRL_EXT_PFRSTD);
	snic_pf_hw_rx_enable(pf, true);
	snic_pf_hw_tx_enable(pf, true);

	/*
	 * Under the netdev's address lock, as ndo_set_rx_mode runs; but at
	 * probe the netdev is not registered yet: register_netdevice()
	 * initialises that lock, and nothing else can reach the lists.
	 */
	if (dev->reg_state != NETREG_UNINITIALIZED) {
		netif_addr_lock_bh(dev);
		snic_pf_filter_sync_rx_mode(pf);
		netif_addr_unlock_bh(dev);
	} else {
		snic_pf_filter_sync_rx_mode(pf);
	}

	pf->link_up = false;
	netif_carrier_off(dev);
	err = snic_pf_link_restart(pf);
	if (err)
		dev_warn(&pf->pdev->dev, "cannot restart autonegotiation: %d\n",
			 err);
	return snic_pf_dead(pf) ? -ENODEV : 0;
}

/**
 * snic_pf_reset() - global reset with everything reprogrammed
 * @pf: the PF; rtnl held
 *
 * The VFs are told before (SNIC_PF_RESETTING set) and after (cleared):
 * the reset clears their queues and interrupt routing too. The PF's
 * queues are brought down and up around it when the netdev is running.
 *
 * Return: 0 or a negative errno; on error the PF's queues stay down and a
 * running netdev is closed (snic_pf_close_lost()).
 */
int snic_pf_reset(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	bool running = netif_running(dev);
	int err;

	ASSERT_RTNL();

	mutex_lock(&pf->cfg_lock);
	set_bit(SNIC_PF_RESETTING, &pf->state);
	snic_pf_sriov_notify(pf);
	if (running)
		snic_pf_down(pf);

	err = snic_pf_hw_reset(pf);
	if (!err)
		err = snic_pf_hw_setup(pf);
	clear_bit(SNIC_PF_RESETTING, &pf->state);
	pf->resets++;

	if (!err && running)
		err = snic_pf_up(pf);
	snic_pf_sriov_notify(pf);
	mutex_unlock(&pf->cfg_lock);

	if (err)
		netdev_err(dev, "reset failed: %d\n", err);
	if (err == -ENODEV)
		snic_pf_gone(pf);
	else if (err)
		snic_pf_close_lost(pf, err);
	return err;
}

/**
 * snic_pf_reset_work() - a global reset asked for in atomic context
 * @work: &snic_pf.reset_work
 */
void snic_pf_reset_work(struct work_struct *work)
{
	struct snic_pf *pf = container_of(work, struct snic_pf, reset_work);

	rtnl_lock();
	if (!READ_ONCE(pf->removing) && netif_device_present(pf->netdev))
		snic_pf_reset(pf);
	rtnl_unlock();
}
