// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: VF mailbox service (stubs for now).
 */
#include "pf.h"

/**
 * snic_pf_sriov_irq() - mailbox/VF reset interrupt
 * @pf: the PF
 */
void snic_pf_sriov_irq(struct snic_pf *pf)
{
}

/**
 * snic_pf_sriov_notify() - link or PF state changed
 * @pf: the PF
 */
void snic_pf_sriov_notify(struct snic_pf *pf)
{
}
