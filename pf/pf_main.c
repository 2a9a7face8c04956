// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: 82576 physical function driver - module, PCI glue, probe
 * and remove. The global reset is in pf_reset.c, the watchdog in
 * pf_watchdog.c.
 */
#include <linux/error-injection.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>

#include "pf.h"
#include "pf_hw.h"

#define SNIC_PF_RING_DEFAULT	256
#define SNIC_PF_RX_RING_DEFAULT	4096	/* see SNIC_VF_DEF_RX_RING */
#define SNIC_PF_ITR_DEFAULT	25	/* us: about 40000 interrupts/s */

static const struct pci_device_id snic_pf_ids[] = {
	{ PCI_VDEVICE(INTEL, 0x10c9) },	/* 82576 */
	{ PCI_VDEVICE(INTEL, 0x10e6) },	/* 82576 fiber */
	{ PCI_VDEVICE(INTEL, 0x10e7) },	/* 82576 serdes */
	{ PCI_VDEVICE(INTEL, 0x10e8) },	/* 82576 quad copper */
	{ PCI_VDEVICE(INTEL, 0x1526) },	/* 82576 quad copper ET2 */
	{ PCI_VDEVICE(INTEL, 0x150a) },	/* 82576 NS */
	{ PCI_VDEVICE(INTEL, 0x1518) },	/* 82576 NS serdes */
	{ PCI_VDEVICE(INTEL, 0x150d) },	/* 82576 serdes quad */
	{ }
};
MODULE_DEVICE_TABLE(pci, snic_pf_ids);

static struct snic_pf *snic_pf_alloc(struct pci_dev *pdev)
{
	struct net_device *dev;
	struct snic_pf *pf;

	dev = devm_alloc_etherdev_mqs(&pdev->dev, sizeof(*pf), 1, 1);
	if (!dev)
		return NULL;

	pf = netdev_priv(dev);
	pf->pdev = pdev;
	pf->netdev = dev;
	mutex_init(&pf->cfg_lock);
	spin_lock_init(&pf->stats_lock);
	INIT_DELAYED_WORK(&pf->watchdog, snic_pf_watchdog);
	INIT_WORK(&pf->reset_work, snic_pf_reset_work);
	pf->state = BIT(SNIC_PF_DOWN);
	pf->tx_count = SNIC_PF_RING_DEFAULT;
	pf->rx_count = SNIC_PF_RX_RING_DEFAULT;
	pf->itr_usecs = SNIC_PF_ITR_DEFAULT;
	pf->msg_enable = netif_msg_init(-1, NETIF_MSG_DRV | NETIF_MSG_PROBE |
					NETIF_MSG_LINK);
	pci_set_drvdata(pdev, pf);
	return pf;
}

/* Enable the function, map BAR0, 64-bit DMA, bus mastering (devres). */
static noinline __noclone int snic_pf_pci_init(struct snic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	int err;

	err = pcim_enable_device(pdev);
	if (err)
		return dev_err_probe(&pdev->dev, err, "cannot enable device\n");

	err = pcim_iomap_regions(pdev, BIT(0), SNIC_PF_DRV_NAME);
	if (err)
		return dev_err_probe(&pdev->dev, err, "cannot map BAR0\n");
	pf->hw = pcim_iomap_table(pdev)[0];

	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err)
		return dev_err_probe(&pdev->dev, err, "no usable DMA mask\n");

	pci_set_master(pdev);
	if (pf_rd32(pf, SNIC_STATUS) == SNIC_DEAD)
		return dev_err_probe(&pdev->dev, -ENODEV,
				     "device reads all-ones\n");
	return 0;
}
ALLOW_ERROR_INJECTION(snic_pf_pci_init, ERRNO);

/* The permanent address from the EEPROM, else a random one. */
static void snic_pf_mac_init(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	u8 mac[ETH_ALEN];

	if (snic_pf_hw_read_mac(pf, mac)) {
		eth_hw_addr_set(dev, mac);
	} else {
		dev_warn(&pf->pdev->dev,
			 "invalid MAC address %pM, using a random one\n", mac);
		eth_hw_addr_random(dev);
	}
	ether_addr_copy(dev->perm_addr, dev->dev_addr);
}

static noinline __noclone int snic_pf_start(struct snic_pf *pf)
{
	int err;

	mutex_lock(&pf->cfg_lock);
	err = snic_pf_hw_setup(pf);
	mutex_unlock(&pf->cfg_lock);
	return err;
}
ALLOW_ERROR_INJECTION(snic_pf_start, ERRNO);

/* register_netdev(), a step of its own for fault injection. */
static noinline __noclone int snic_pf_netdev_register(struct snic_pf *pf)
{
	return register_netdev(pf->netdev);
}
ALLOW_ERROR_INJECTION(snic_pf_netdev_register, ERRNO);

static void snic_pf_stop(struct snic_pf *pf)
{
	mutex_lock(&pf->cfg_lock);
	snic_pf_hw_release(pf);
	mutex_unlock(&pf->cfg_lock);
}

static int snic_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct snic_pf *pf;
	int err;

	pf = snic_pf_alloc(pdev);
	if (!pf)
		return -ENOMEM;

	err = snic_pf_pci_init(pf);
	if (err)
		return err;

	err = snic_pf_hw_reset(pf);
	if (err)
		return dev_err_probe(&pdev->dev, err, "reset failed\n");
	snic_pf_mac_init(pf);

	/* Before the interrupt: it schedules the SR-IOV half's work. */
	err = snic_pf_sriov_init(pf);
	if (err)
		return dev_err_probe(&pdev->dev, err, "SR-IOV init failed\n");

	err = snic_pf_irq_init(pf);
	if (err)
		goto sriov_fini;

	err = snic_pf_start(pf);
	if (err)
		goto irq_fini;

	/* Before the netdev: its devlink port must exist when it registers. */
	err = snic_pf_devlink_init(pf);
	if (err)
		goto stop;

	snic_pf_netdev_init(pf);
	snic_pf_ethtool_init(pf);
	err = snic_pf_netdev_register(pf);
	if (err) {
		dev_err(&pdev->dev, "cannot register netdev: %d\n", err);
		goto netdev_fini;
	}

	/* What an error recovery's slot_reset restores. */
	pci_save_state(pdev);
	queue_delayed_work(system_wq, &pf->watchdog, 0);
	snic_pf_devlink_register(pf);
	netif_info(pf, probe, pf->netdev, "82576 PF at %s, MAC %pM\n",
		   pci_name(pdev), pf->netdev->dev_addr);
	return 0;

netdev_fini:
	snic_pf_netdev_fini(pf);
	snic_pf_devlink_fini(pf);
stop:
	snic_pf_stop(pf);
irq_fini:
	snic_pf_irq_fini(pf);
	cancel_delayed_work_sync(&pf->watchdog);
sriov_fini:
	snic_pf_sriov_fini(pf);
	snic_pf_sriov_destroy(pf);
	return err;
}

/*
 * The mirror of probe, except for two things. After devlink leaves user
 * space (the last step of probe, so the first here), SR-IOV goes first: VFs being
 * removed still talk to the PF over the mailbox, which needs the other
 * vector and the device set up. And the watchdog stops before the netdev
 * is unregistered, so no carrier change (a linkwatch reference) can come
 * after it: @removing keeps the other vector from re-arming it.
 */
static void snic_pf_remove(struct pci_dev *pdev)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);

	snic_pf_devlink_unregister(pf);
	WRITE_ONCE(pf->removing, true);
	snic_pf_sriov_fini(pf);
	snic_pf_irq_sync_other(pf);
	cancel_delayed_work_sync(&pf->watchdog);

	unregister_netdev(pf->netdev);
	cancel_work_sync(&pf->reset_work);
	snic_pf_netdev_fini(pf);
	snic_pf_devlink_fini(pf);
	snic_pf_stop(pf);
	snic_pf_irq_fini(pf);
	snic_pf_sriov_destroy(pf);
	mutex_destroy(&pf->cfg_lock);
}

/*
 * Shutdown (reboot, kexec, power-off): nothing may DMA afterwards. The
 * VFs' queues are stopped first (VFRE/VFTE: their drivers, if they are in
 * this kernel, were shut down before us; a VF in a guest is cut off), then
 * the PF's netdev is closed and the device reset, which also clears every
 * VF queue, interrupt routing and filter, and bus mastering goes off.
 * SR-IOV stays enabled, as remove would not do here: the next kernel's
 * driver starts from a reset device either way. The notice is what
 * tests/vm/pf-shutdown-kexec.sh finds on the console after a kexec.
 */
static void snic_pf_shutdown(struct pci_dev *pdev)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);
	struct net_device *dev = pf->netdev;

	pf_wr32(pf, SNIC_VFRE, 0);
	pf_wr32(pf, SNIC_VFTE, 0);
	WRITE_ONCE(pf->removing, true);
	rtnl_lock();
	netif_device_detach(dev);
	if (netif_running(dev))
		dev_close(dev);
	rtnl_unlock();
	cancel_delayed_work_sync(&pf->watchdog);
	cancel_work_sync(&pf->reset_work);

	mutex_lock(&pf->cfg_lock);
	snic_pf_hw_release(pf);
	if (!snic_pf_dead(pf))
		snic_pf_hw_reset(pf);
	mutex_unlock(&pf->cfg_lock);
	pci_clear_master(pdev);
	dev_notice(&pdev->dev, "shutdown: VF traffic stopped, device reset, bus mastering off\n");
	if (system_state == SYSTEM_POWER_OFF) {
		pci_wake_from_d3(pdev, false);
		pci_set_power_state(pdev, PCI_D3hot);
	}
}

/*
 * PCIe error recovery (AER). The core calls error_detected, then, as the
 * PF asks for a reset, slot_reset once the link was reset (fatal errors)
 * or at once (non-fatal), then resume. The VFs on the same bus get the same
 * calls from the VF driver's handlers, after the PF's each time (bus order).
 *
 * error_detected: the netdev is detached and the PF marked resetting, so
 * the watchdog and the mailbox work leave the device alone; the VFs are
 * told their link went down (the reset is coming). slot_reset: config
 * space restored, bus mastering on; a device that reads all-ones is not
 * recovered. resume: the global reset path (pf_reset.c) programs
 * everything again, the PF's queues and the VFs' pools included, and the
 * VFs find RSTI and do their handshake again.
 */
static pci_ers_result_t snic_pf_error_detected(struct pci_dev *pdev,
					       pci_channel_state_t state)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);

	dev_warn(&pdev->dev, "PCIe error (%s channel): stopping for recovery\n",
		 state == pci_channel_io_normal ? "normal" :
		 state == pci_channel_io_frozen ? "frozen" : "failed");
	if (state == pci_channel_io_perm_failure) {
		set_bit(SNIC_PF_DEAD, &pf->state);
		snic_pf_gone(pf);
		return PCI_ERS_RESULT_DISCONNECT;
	}
	rtnl_lock();
	netif_device_detach(pf->netdev);
	rtnl_unlock();
	mutex_lock(&pf->cfg_lock);
	set_bit(SNIC_PF_RESETTING, &pf->state);
	mutex_unlock(&pf->cfg_lock);
	snic_pf_sriov_notify(pf);
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t snic_pf_slot_reset(struct pci_dev *pdev)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);

	pci_restore_state(pdev);
	pci_save_state(pdev);
	pci_set_master(pdev);
	pci_wake_from_d3(pdev, false);
	/* A frozen link read all-ones meanwhile; the device may be back. */
	if (readl(pf->hw + SNIC_STATUS) == SNIC_DEAD) {
		dev_err(&pdev->dev, "device still reads all-ones after the reset\n");
		return PCI_ERS_RESULT_DISCONNECT;
	}
	clear_bit(SNIC_PF_DEAD, &pf->state);
	return PCI_ERS_RESULT_RECOVERED;
}

static void snic_pf_error_resume(struct pci_dev *pdev)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);
	int err;

	rtnl_lock();
	/* snic_pf_reset() sets and clears SNIC_PF_RESETTING itself. */
	err = snic_pf_reset(pf);
	if (!err)
		netif_device_attach(pf->netdev);
	rtnl_unlock();
	if (err)
		dev_err(&pdev->dev, "recovery after the PCIe error failed: %d\n",
			err);
	else
		dev_info(&pdev->dev, "recovered from the PCIe error\n");
}

#ifdef SNIC_HAVE_COR_ERROR
/* A correctable error needs nothing; it is counted and logged by the core. */
static void snic_pf_cor_error_detected(struct pci_dev *pdev)
{
	dev_info(&pdev->dev, "correctable PCIe error, nothing to recover\n");
}
#endif

static const struct pci_error_handlers snic_pf_err_handlers = {
	.error_detected		= snic_pf_error_detected,
	.slot_reset		= snic_pf_slot_reset,
	.resume			= snic_pf_error_resume,
#ifdef SNIC_HAVE_COR_ERROR
	.cor_error_detected	= snic_pf_cor_error_detected,
#endif
};

static struct pci_driver snic_pf_driver = {
	.name			= SNIC_PF_DRV_NAME,
	.id_table		= snic_pf_ids,
	.probe			= snic_pf_probe,
	.remove			= snic_pf_remove,
	.shutdown		= snic_pf_shutdown,
	.sriov_configure	= snic_pf_sriov_configure,
	.err_handler		= &snic_pf_err_handlers,
};
/**
 * snic_pf_from_vf() - the PF of a VF, if sriovnic_pf drives it
 * @vf_pdev: a VF
 *
 * For the migration calls of pf_vf_mig.c. The PF cannot go away under the
 * caller: a VF exists only while the PF's SR-IOV is on, and removing the
 * PF turns it off (unbinding the VF's driver) first.
 *
 * Return: the PF, or ERR_PTR(-ENODEV) if @vf_pdev is not a VF of ours.
 */
struct snic_pf *snic_pf_from_vf(struct pci_dev *vf_pdev)
{
	struct snic_pf *pf = pci_iov_get_pf_drvdata(vf_pdev, &snic_pf_driver);

	return IS_ERR_OR_NULL(pf) ? ERR_PTR(-ENODEV) : pf;
}

static int __init snic_pf_init(void)
{
	int err;

	snic_pf_debugfs_init();
	err = pci_register_driver(&snic_pf_driver);
	if (err)
		snic_pf_debugfs_exit();
	return err;
}
module_init(snic_pf_init);

static void __exit snic_pf_exit(void)
{
	pci_unregister_driver(&snic_pf_driver);
	snic_pf_debugfs_exit();
}
module_exit(snic_pf_exit);

MODULE_DESCRIPTION("sriovnic 82576 SR-IOV physical function driver");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
