// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: SR-IOV enable/disable and VMDq pool set-up (stubs for now).
 */
#include "pf.h"

/**
 * snic_pf_sriov_init() - set up SR-IOV state at probe
 * @pf: the PF
 *
 * Return: 0.
 */
int snic_pf_sriov_init(struct snic_pf *pf)
{
	mutex_init(&pf->sriov.lock);
	spin_lock_init(&pf->sriov.filter_lock);
	return 0;
}

/**
 * snic_pf_sriov_fini() - tear down SR-IOV state at remove
 * @pf: the PF
 */
void snic_pf_sriov_fini(struct snic_pf *pf)
{
}

/**
 * snic_pf_sriov_configure() - pci_driver.sriov_configure
 * @pdev: the PF's PCI function
 * @num_vfs: VFs wanted
 *
 * Return: -EOPNOTSUPP (stub).
 */
int snic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	return -EOPNOTSUPP;
}

/**
 * snic_pf_sriov_hw_init() - reprogram VMDq after a global reset
 * @pf: the PF
 *
 * Return: 0.
 */
int snic_pf_sriov_hw_init(struct snic_pf *pf)
{
	return 0;
}
