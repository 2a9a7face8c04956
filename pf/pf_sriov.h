/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: SR-IOV half. What the netdev half calls, and the VF table.
 * Implemented in pf_sriov.c (enable/disable, pools), pf_vf_mbx.c (mailbox
 * service), pf_vf_policy.c (pure decisions, KUnit-tested), pf_vf_admin.c
 * (ndo_set_vf_*), pf_filter.c (RAR/MTA/VLVF/VMOLR tables shared by the PF
 * and its VFs).
 */
#ifndef _SRIOVNIC_PF_SRIOV_H
#define _SRIOVNIC_PF_SRIOV_H

#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct snic_pf;
struct snic_pf_vf;
struct pci_dev;

/**
 * struct snic_pf_sriov - SR-IOV state of one PF
 * @lock: protects @vfs and @num_vfs against the admin ndo calls and the
 *	mailbox work; process context only
 * @filter_lock: protects the receive filter tables (RAR, MTA, VLVF, VMOLR),
 *	which ndo_set_rx_mode updates from atomic context
 * @vfs: per-VF state, @num_vfs entries
 * @num_vfs: VFs currently enabled
 * @mbx_work: services VF requests and VF resets; scheduled by
 *	snic_pf_sriov_irq()
 */
struct snic_pf_sriov {
	struct mutex lock;
	spinlock_t filter_lock;
	struct snic_pf_vf *vfs;
	unsigned int num_vfs;
	struct work_struct mbx_work;
};

/* Probe/remove. */
int snic_pf_sriov_init(struct snic_pf *pf);
void snic_pf_sriov_fini(struct snic_pf *pf);

/* pci_driver.sriov_configure */
int snic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs);

/*
 * After every global reset, with pf->cfg_lock held: program VMDq mode, the
 * pools, loopback and the filter tables again, for the PF and every VF.
 */
int snic_pf_sriov_hw_init(struct snic_pf *pf);

/* From the "other" interrupt when ICR.VMMB is set (hard irq context). */
void snic_pf_sriov_irq(struct snic_pf *pf);

/* Link changed, PF going down/up, or a reset about to start (process ctx). */
void snic_pf_sriov_notify(struct snic_pf *pf);

/* Receive filters: pf_filter.c. Callable from atomic context. */
void snic_pf_filter_set_pf_mac(struct snic_pf *pf, const u8 *mac);
void snic_pf_filter_sync_rx_mode(struct snic_pf *pf);
int snic_pf_filter_vlan(struct snic_pf *pf, u16 vid, unsigned int pool,
			bool on);

/* net_device_ops for VFs: pf_vf_admin.c */
int snic_pf_ndo_set_vf_mac(struct net_device *dev, int vf, u8 *mac);
int snic_pf_ndo_set_vf_vlan(struct net_device *dev, int vf, u16 vlan, u8 qos,
			    __be16 proto);
int snic_pf_ndo_set_vf_rate(struct net_device *dev, int vf, int min_rate,
			    int max_rate);
int snic_pf_ndo_set_vf_spoofchk(struct net_device *dev, int vf, bool on);
int snic_pf_ndo_set_vf_trust(struct net_device *dev, int vf, bool on);
int snic_pf_ndo_set_vf_link_state(struct net_device *dev, int vf, int state);
int snic_pf_ndo_get_vf_config(struct net_device *dev, int vf,
			      struct ifla_vf_info *ivi);
int snic_pf_ndo_get_vf_stats(struct net_device *dev, int vf,
			     struct ifla_vf_stats *stats);

#endif /* _SRIOVNIC_PF_SRIOV_H */
