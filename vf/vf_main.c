// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: 82576 virtual function driver - module and PCI glue.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <sriovnic/compat.h>

#define SNIC_VF_DRV_NAME	"sriovnic_vf"

static const struct pci_device_id snic_vf_ids[] = {
	{ PCI_VDEVICE(INTEL, 0x10ca) },	/* 82576 VF */
	{ }
};
MODULE_DEVICE_TABLE(pci, snic_vf_ids);

static int snic_vf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return pcim_enable_device(pdev);
}

static void snic_vf_remove(struct pci_dev *pdev)
{
}

static struct pci_driver snic_vf_driver = {
	.name		= SNIC_VF_DRV_NAME,
	.id_table	= snic_vf_ids,
	.probe		= snic_vf_probe,
	.remove		= snic_vf_remove,
};
module_pci_driver(snic_vf_driver);

MODULE_DESCRIPTION("sriovnic 82576 SR-IOV virtual function driver");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
