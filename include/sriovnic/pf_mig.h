/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What sriovnic_pf offers a VFIO variant driver of its VFs (sriovnic_vfio):
 * stop a VF's traffic and start it again, save its state as a blob
 * (include/sriovnic/vf_state.h), and load a blob into another VF. Every
 * call names the VF by its pci_dev; the PF is found from it, and a VF whose
 * PF is not bound to sriovnic_pf gets -ENODEV. Process context; the calls
 * take the PF's SR-IOV lock and never wait for a VF.
 */
#ifndef _SRIOVNIC_PF_MIG_H
#define _SRIOVNIC_PF_MIG_H

#include <linux/types.h>

#include <sriovnic/vf_state.h>

struct pci_dev;

/* Bytes a saved state takes; snic_pf_mig_save() needs this much room. */
#define SNIC_PF_MIG_STATE_LEN	SNIC_VF_STATE_LEN

int snic_pf_mig_check(struct pci_dev *vf_pdev);
int snic_pf_mig_stop(struct pci_dev *vf_pdev);
int snic_pf_mig_run(struct pci_dev *vf_pdev);
int snic_pf_mig_save(struct pci_dev *vf_pdev, void *buf, size_t len);
int snic_pf_mig_load(struct pci_dev *vf_pdev, const void *buf, size_t len);
void snic_pf_mig_forget(struct pci_dev *vf_pdev);

#endif /* _SRIOVNIC_PF_MIG_H */
