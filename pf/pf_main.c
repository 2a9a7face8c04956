// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: 82576 physical function driver - module and PCI glue.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <sriovnic/compat.h>

#define SNIC_PF_DRV_NAME	"sriovnic_pf"

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

static int snic_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pcim_enable_device(pdev);
}

static void snic_pf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver snic_pf_driver = {
	.name		= SNIC_PF_DRV_NAME,
	.id_table	= snic_pf_ids,
	.probe		= snic_pf_probe,
	.remove		= snic_pf_remove,
};
module_pci_driver(snic_pf_driver);

MODULE_DESCRIPTION("sriovnic 82576 SR-IOV physical function driver");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
