// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: 82576 virtual function driver - module and PCI glue.
 *
 * probe() reads as the order things come up in; remove() is its mirror.
 */
#include <linux/error-injection.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/rtnetlink.h>

#include "vf.h"

static const struct pci_device_id snic_vf_ids[] = {
	{ PCI_VDEVICE(INTEL, 0x10ca) },	/* 82576 VF */
	{ PCI_VDEVICE(INTEL, 0x152d) },	/* 82576 VF, Hyper-V variant */
	{ }
};
MODULE_DEVICE_TABLE(pci, snic_vf_ids);

static noinline __noclone int snic_vf_pci_init(struct pci_dev *pdev)
{
	int err;

	err = pci_enable_device_mem(pdev);
	if (err) {
		dev_err(&pdev->dev, "cannot enable device: %d\n", err);
		return err;
	}
	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err) {
		dev_err(&pdev->dev, "no usable DMA mask: %d\n", err);
		goto err_disable;
	}
	err = pci_request_mem_regions(pdev, SNIC_VF_DRV_NAME);
	if (err) {
		dev_err(&pdev->dev, "cannot claim BARs: %d\n", err);
		goto err_disable;
	}
	pci_set_master(pdev);
	return 0;

err_disable:
	pci_disable_device(pdev);
	return err;
}
ALLOW_ERROR_INJECTION(snic_vf_pci_init, ERRNO);

static void snic_vf_pci_fini(struct pci_dev *pdev)
{
	pci_release_mem_regions(pdev);
	pci_disable_device(pdev);
}

static int snic_vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct snic_vf *vf;
	int err;

	err = snic_vf_pci_init(pdev);
	if (err)
		return err;

	vf = snic_vf_netdev_alloc(pdev);
	if (!vf) {
		err = -ENOMEM;
		goto err_pci_fini;
	}
	pci_set_drvdata(pdev, vf);

	vf->hw = pci_ioremap_bar(pdev, 0);
	if (!vf->hw) {
		dev_err(&pdev->dev, "cannot map BAR0\n");
		err = -EIO;
		goto err_free_netdev;
	}

	snic_vf_rings_init(vf);
	snic_vf_mbx_init(vf);
	snic_vf_link_init(vf);

	err = snic_vf_irq_init(vf);
	if (err)
		goto err_unmap;

	err = snic_vf_link_start(vf);
	if (err) {
		dev_err(&pdev->dev, "device gone during the first reset handshake\n");
		goto err_irq_free;
	}

	err = snic_vf_netdev_register(vf);
	if (err) {
		dev_err(&pdev->dev, "cannot register netdev: %d\n", err);
		goto err_link_stop;
	}

	/* What an error recovery's slot_reset restores. */
	pci_save_state(pdev);
	netif_info(vf, probe, vf->netdev, "%pM, %u MSI-X vectors\n",
		   vf->netdev->dev_addr, vf->num_vec);
	snic_vf_service_now(vf);
	return 0;

err_link_stop:
	set_bit(SNIC_VF_S_REMOVING, &vf->state);
	snic_vf_irq_free(vf);
	snic_vf_link_stop(vf);
	goto err_unmap;
err_irq_free:
	set_bit(SNIC_VF_S_REMOVING, &vf->state);
	snic_vf_irq_free(vf);
err_unmap:
	iounmap(vf->hw);
err_free_netdev:
	free_netdev(vf->netdev);
err_pci_fini:
	snic_vf_pci_fini(pdev);
	return err;
}

static void snic_vf_remove(struct pci_dev *pdev)
{
	struct snic_vf *vf = pci_get_drvdata(pdev);

	set_bit(SNIC_VF_S_REMOVING, &vf->state);
	snic_vf_netdev_unregister(vf);
	snic_vf_irq_free(vf);
	snic_vf_link_stop(vf);
	iounmap(vf->hw);
	free_netdev(vf->netdev);
	snic_vf_pci_fini(pdev);
}

/*
 * Shutdown (reboot, kexec, power-off): the netdev is closed (rings and
 * NAPI stopped), the service work stopped, a last CTRL.RST makes the PF
 * drop our filters, and bus mastering goes off: nothing DMAs afterwards.
 */
static void snic_vf_shutdown(struct pci_dev *pdev)
{
	struct snic_vf *vf = pci_get_drvdata(pdev);

	rtnl_lock();
	netif_device_detach(vf->netdev);
	if (netif_running(vf->netdev))
		dev_close(vf->netdev);
	rtnl_unlock();
	set_bit(SNIC_VF_S_REMOVING, &vf->state);
	snic_vf_link_stop(vf);
	pci_clear_master(pdev);
	dev_notice(&pdev->dev, "shutdown: datapath stopped, bus mastering off\n");
}

/*
 * PCIe error recovery (AER), called for each VF after its PF (same bus):
 * error_detected stops the stack's transmit (detach) and asks for the
 * reset; slot_reset restores config space; resume asks for a new reset
 * handshake, which the service work does as after any PF reset (the PF's
 * resume reset the device), and attaches the netdev again.
 */
static pci_ers_result_t snic_vf_error_detected(struct pci_dev *pdev,
					       pci_channel_state_t state)
{
	struct snic_vf *vf = pci_get_drvdata(pdev);

	if (state == pci_channel_io_perm_failure) {
		set_bit(SNIC_VF_S_GONE, &vf->state);
		return PCI_ERS_RESULT_DISCONNECT;
	}
	rtnl_lock();
	netif_device_detach(vf->netdev);
	rtnl_unlock();
	return PCI_ERS_RESULT_NEED_RESET;
}

static pci_ers_result_t snic_vf_slot_reset(struct pci_dev *pdev)
{
	pci_restore_state(pdev);
	pci_save_state(pdev);
	pci_set_master(pdev);
	return PCI_ERS_RESULT_RECOVERED;
}

static void snic_vf_error_resume(struct pci_dev *pdev)
{
	struct snic_vf *vf = pci_get_drvdata(pdev);

	mutex_lock(&vf->mbx_lock);
	snic_vf_schedule_reset(vf, SNIC_VF_RR_PF_RESET);
	mutex_unlock(&vf->mbx_lock);
	rtnl_lock();
	netif_device_attach(vf->netdev);
	rtnl_unlock();
	dev_info(&pdev->dev, "recovering from the PCIe error: reset handshake\n");
}

static const struct pci_error_handlers snic_vf_err_handlers = {
	.error_detected	= snic_vf_error_detected,
	.slot_reset	= snic_vf_slot_reset,
	.resume		= snic_vf_error_resume,
};

static struct pci_driver snic_vf_driver = {
	.name		= SNIC_VF_DRV_NAME,
	.id_table	= snic_vf_ids,
	.probe		= snic_vf_probe,
	.remove		= snic_vf_remove,
	.shutdown	= snic_vf_shutdown,
	.err_handler	= &snic_vf_err_handlers,
};
module_pci_driver(snic_vf_driver);

MODULE_DESCRIPTION("sriovnic 82576 SR-IOV virtual function driver");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
