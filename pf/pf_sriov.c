// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: SR-IOV enable and disable, and the VMDq set-up around it.
 *
 * The PF always runs in VMDq mode and always owns pool 7 (queue 7); VF v
 * owns pool v and queues v and v + 8, so at most 7 VFs. Enabling:
 * allocate the VF table, program VMDq (MRQC, default pool, replication,
 * loopback between pools, per-pool offloads), leave only the PF's pool
 * enabled in VFRE/VFTE (a VF's bit is set when it completes RESET), make
 * sure the mailbox interrupt is unmasked, release the VFs (PFRSTD), and
 * only then set VF Enable: enabling resets every VF, and those resets are
 * events the PF must see. Disabling is the mirror; VF drivers being
 * unbound still talk to the PF, so the mailbox work keeps running until
 * the VFs are gone.
 *
 * Locks, outermost first: &snic_pf.cfg_lock (configuration of the device),
 * &snic_pf_sriov.lock (the VF table; the mailbox work and the admin ndos),
 * &snic_pf_sriov.filter_lock (the filter tables). pci_enable_sriov() and
 * pci_disable_sriov() are called with none of them held: they probe and
 * remove VF drivers, which take RTNL and need the mailbox work.
 */
#include <linux/error-injection.h>
#include <linux/if_link.h>
#include <linux/slab.h>

#include "pf.h"

#define SNIC_PF_STATS_PERIOD	(10 * HZ)

/* What one VF can make the PF log: 5 lines per 30 s. */
#define SNIC_VF_LOG_INTERVAL	(30 * HZ)
#define SNIC_VF_LOG_BURST	5
#define SNIC_VF_EXT_LOG_BURST	2	/* negotiations logged per interval */

/* Frames of the VFs' pools: every VF-owned bit of a per-VF register. */
static u32 snic_vf_bits(unsigned int num_vfs)
{
	return BIT(num_vfs) - 1;
}

static void snic_pf_sriov_stats_work(struct work_struct *work)
{
	struct snic_pf_sriov *s = container_of(to_delayed_work(work),
					       struct snic_pf_sriov,
					       stats_work);
	struct snic_pf *pf = container_of(s, struct snic_pf, sriov);
	unsigned int v;

	mutex_lock(&s->lock);
	if (!test_bit(SNIC_PF_RESETTING, &pf->state))
		for (v = 0; v < s->num_vfs; v++)
			snic_pf_vf_stats_update(pf, &s->vfs[v], false);
	if (s->num_vfs && !snic_pf_dead(pf))
		queue_delayed_work(s->wq, &s->stats_work, SNIC_PF_STATS_PERIOD);
	mutex_unlock(&s->lock);
}

/*
 * VMDq mode, the PF's pool, loopback, replication, the VF enables, queue
 * drop and the mailbox interrupt. Everything here is idempotent; it runs
 * on enable, on disable and after every global reset.
 */
static void snic_pf_sriov_hw_program(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	u32 vfre = BIT(SNIC_PF_POOL), dtxswc = SNIC_DTXSWC_LOOPBACK;
	unsigned int v;
	u32 val;

	lockdep_assert_held(&s->lock);

	val = pf_rd32(pf, SNIC_MRQC) & ~SNIC_MRQC_MODE;
	pf_wr32(pf, SNIC_MRQC, val | FIELD_PREP(SNIC_MRQC_MODE,
						 SNIC_MRQC_MODE_VMDQ));
	/* Unmatched unicast to the PF; broadcast/multicast to every pool. */
	pf_wr32(pf, SNIC_VT_CTL,
		FIELD_PREP(SNIC_VT_CTL_DEF_POOL, SNIC_PF_POOL) |
		SNIC_VT_CTL_REPL_EN);
	/* Inserted port-VLAN tags count in the frame length; replicated
	 * frames are stripped like the pool's own.
	 */
	pf_wr32(pf, SNIC_DTXCTL,
		pf_rd32(pf, SNIC_DTXCTL) | SNIC_DTXCTL_VLAN_ADDED);
	pf_wr32(pf, SNIC_RPLOLR,
		pf_rd32(pf, SNIC_RPLOLR) | SNIC_RPLOLR_STRVLAN);

	for (v = 0; v < s->num_vfs; v++) {
		const struct snic_pf_vf *vf = &s->vfs[v];

		if (vf->clear && vf->link_state != IFLA_VF_LINK_STATE_DISABLE)
			vfre |= BIT(v);
		if (vf->spoofchk)
			dtxswc |= SNIC_DTXSWC_MAC_SPOOF(v) |
				  SNIC_DTXSWC_VLAN_SPOOF(v);
	}
	pf_wr32(pf, SNIC_VFRE, vfre);
	pf_wr32(pf, SNIC_VFTE, vfre);
	pf_wr32(pf, SNIC_DTXSWC, dtxswc);
	/*
	 * With VFs every queue drops when it has no buffer: a VF that posts
	 * none (and clears its SRRCTL.DROP_EN) must not stall the packet
	 * buffer the PF and the other VFs share. Without VFs the PF's own
	 * ring waits for buffers rather than drop.
	 */
	pf_wr32(pf, SNIC_QDE, s->num_vfs ? SNIC_QDE_ALL : 0);

	/*
	 * Mailbox and VF reset events: unmasked before any VF exists. A VF's
	 * ACK too: it is what lets the PF's next message go.
	 */
	pf_wr32(pf, SNIC_MBVFIMR, SNIC_MBVFICR_REQ_ALL | SNIC_MBVFICR_ACK_ALL);
	if (pf->pdev->msix_enabled)
		pf_wr32(pf, SNIC_GPIE, pf_rd32(pf, SNIC_GPIE) |
			SNIC_GPIE_MSIX_MODE | SNIC_GPIE_NSICR);
	pf_wr32(pf, SNIC_IMS, SNIC_ICR_VMMB);
}

/* Forget everything about VF pools @first.. (not the PF's); registers too. */
static void snic_pf_sriov_clear_pools(struct snic_pf *pf, unsigned int first)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int p;

	spin_lock_bh(&s->filter_lock);
	for (p = first; p < SNIC_MAX_VFS; p++) {
		s->pool[p].port_vlan = 0;
		s->pool[p].qos = 0;
		s->pool[p].active = false;
		snic_pf_filter_vf_mac(pf, p, NULL);
		snic_pf_filter_reset_pool(pf, p);
	}
	spin_unlock_bh(&s->filter_lock);
}

/**
 * snic_pf_sriov_hw_init() - program VMDq and every table after a reset
 * @pf: the PF, cfg_lock held
 *
 * A global reset returned every MAC register to its default, the VFs'
 * queues and mailboxes included; the VFs see "PF in reset" until PFRSTD.
 * Reprograms VMDq and the filters from the shadows, forgets what the VFs
 * had asked for (they must repeat RESET, which this asks of each of them),
 * and keeps what the administrator set.
 *
 * Return: 0, or -ENODEV when the device is gone.
 */
int snic_pf_sriov_hw_init(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v;

	lockdep_assert_held(&pf->cfg_lock);

	mutex_lock(&s->lock);
	for (v = 0; v < s->num_vfs; v++) {
		s->vfs[v].clear = false;
		s->vfs[v].cts_sent = false;
		snic_vf_ext_clear(&s->vfs[v].ext);
	}
	spin_lock_bh(&s->filter_lock);
	for (v = 0; v < SNIC_MAX_VFS; v++) {
		s->pool[v].active = false;
		snic_pf_filter_reset_pool(pf, v);
	}
	snic_pf_filter_restore(pf);
	spin_unlock_bh(&s->filter_lock);

	snic_pf_sriov_hw_program(pf);
	for (v = 0; v < s->num_vfs; v++) {
		struct snic_pf_vf *vf = &s->vfs[v];

		snic_pf_vf_apply_admin(pf, vf);
		snic_pf_vf_stats_update(pf, vf, true);
		/* Redo RESET, asked once the reset is over. */
		snic_pf_vf_mbx_reset(vf);
	}
	mutex_unlock(&s->lock);

	return snic_pf_dead(pf) ? -ENODEV : 0;
}

/* Undo an enable: VF state, pools, enables, pending events, the table. */
static void snic_pf_sriov_teardown(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	struct snic_pf_vf *vfs;
	unsigned int v, n;

	mutex_lock(&pf->cfg_lock);
	mutex_lock(&s->lock);
	vfs = s->vfs;
	n = s->num_vfs;
	for (v = 0; v < n; v++) {
		vfs[v].admin_mac = false;
		vfs[v].spoofchk = false;
		vfs[v].max_tx_rate = 0;
		snic_pf_vf_apply_admin(pf, &vfs[v]);
		snic_pf_vf_hw_clean(pf, &vfs[v]);
	}
	snic_pf_sriov_clear_pools(pf, 0);
	s->num_vfs = 0;
	s->vfs = NULL;
	snic_pf_sriov_hw_program(pf);
	pf_wr32(pf, SNIC_VFLRE, snic_vf_bits(SNIC_NUM_POOLS));
	pf_wr32(pf, SNIC_MBVFICR, SNIC_MBVFICR_REQ_ALL | SNIC_MBVFICR_ACK_ALL);
	mutex_unlock(&s->lock);
	mutex_unlock(&pf->cfg_lock);

	/* The work may be queued or waiting for the lock: it finds no VF. */
	cancel_work_sync(&s->mbx_work);
	cancel_delayed_work_sync(&s->stats_work);
	for (v = 0; v < n; v++) {
		ratelimit_state_exit(&vfs[v].rs);
		ratelimit_state_exit(&vfs[v].ext_rs);
	}
	kfree(vfs);
}

static int snic_pf_sriov_enable(struct snic_pf *pf, unsigned int n)
{
	struct pci_dev *pdev = pf->pdev;
	struct snic_pf_sriov *s = &pf->sriov;
	struct snic_pf_vf *vfs;
	unsigned int v;
	int err;

	vfs = kcalloc(n, sizeof(*vfs), GFP_KERNEL);
	if (!vfs)
		return -ENOMEM;
	for (v = 0; v < n; v++) {
		struct snic_pf_vf *vf = &vfs[v];

		vf->pf = pf;
		vf->idx = v;
		vf->link_state = IFLA_VF_LINK_STATE_AUTO;
		vf->spoofchk = true;
		ratelimit_state_init(&vf->rs, SNIC_VF_LOG_INTERVAL,
				     SNIC_VF_LOG_BURST);
		ratelimit_state_init(&vf->ext_rs, SNIC_VF_LOG_INTERVAL,
				     SNIC_VF_EXT_LOG_BURST);
		snic_pf_vf_mbx_init(vf);
	}

	mutex_lock(&pf->cfg_lock);
	mutex_lock(&s->lock);
	snic_pf_sriov_clear_pools(pf, 0);
	s->vfs = vfs;
	s->num_vfs = n;
	for (v = 0; v < n; v++)
		snic_pf_vf_stats_update(pf, &vfs[v], true);
	snic_pf_sriov_hw_program(pf);
	/* Stale events from an earlier life of these VFs. */
	pf_wr32(pf, SNIC_VFLRE, snic_vf_bits(SNIC_NUM_POOLS));
	pf_wr32(pf, SNIC_MBVFICR, SNIC_MBVFICR_REQ_ALL | SNIC_MBVFICR_ACK_ALL);
	mutex_unlock(&s->lock);
	/* Release the VFs: their mailboxes stop showing "PF in reset". */
	snic_pf_vfs_release(pf);
	err = snic_pf_dead(pf) ? -EIO : 0;
	mutex_unlock(&pf->cfg_lock);
	if (err)
		goto undo;

	err = pci_enable_sriov(pdev, n);
	if (err) {
		dev_err(&pdev->dev, "cannot enable %u VFs: %d\n", n, err);
		goto undo;
	}
	queue_work(s->wq, &s->mbx_work);
	queue_delayed_work(s->wq, &s->stats_work, SNIC_PF_STATS_PERIOD);
	snic_pf_debugfs_add(pf);
	dev_info(&pdev->dev, "%u VFs enabled\n", n);
	return 0;

undo:
	snic_pf_sriov_teardown(pf);
	return err;
}

static int snic_pf_sriov_disable(struct snic_pf *pf, bool force)
{
	struct pci_dev *pdev = pf->pdev;

	if (!pf->sriov.num_vfs && !pci_num_vf(pdev))
		return 0;
	if (pci_vfs_assigned(pdev)) {
		if (!force) {
			dev_err(&pdev->dev,
				"cannot disable SR-IOV: VFs are assigned to guests\n");
			return -EBUSY;
		}
		dev_warn(&pdev->dev,
			 "disabling SR-IOV with VFs assigned to guests\n");
	}
	/* Without the table lock: a reader of the file may be waiting for it. */
	snic_pf_debugfs_del(pf);
	/* VF drivers unbind here, and reset through the mailbox as they go. */
	pci_disable_sriov(pdev);
	snic_pf_sriov_teardown(pf);
	dev_info(&pdev->dev, "VFs disabled\n");
	return 0;
}

/**
 * snic_pf_sriov_configure() - pci_driver.sriov_configure
 * @pdev: the PF's PCI function
 * @num_vfs: VFs wanted; 0 disables
 *
 * The PCI core calls this with the device lock held, so calls do not
 * overlap. The PF's netdev may be down.
 *
 * Return: @num_vfs on success; -ERANGE for more than SNIC_MAX_VFS, -EIO
 * for a device in an error state, -EBUSY to disable VFs that are assigned
 * to guests, or an error from enabling.
 */
int snic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	struct snic_pf *pf = pci_get_drvdata(pdev);
	int err;

	if (!pf)
		return -ENODEV;
	if (num_vfs < 0)
		return -EINVAL;
	if (num_vfs > SNIC_MAX_VFS) {
		dev_err(&pdev->dev,
			"%d VFs requested: at most %d, pool %d is the PF's own\n",
			num_vfs, SNIC_MAX_VFS, SNIC_PF_POOL);
		return -ERANGE;
	}
	if (snic_pf_dead(pf) || pci_channel_offline(pdev)) {
		dev_err(&pdev->dev,
			"device is in an error state: SR-IOV unchanged\n");
		return -EIO;
	}

	if (!num_vfs)
		return snic_pf_sriov_disable(pf, false);
	if (pf->sriov.num_vfs)
		return -EBUSY;	/* the core refuses this case itself */
	err = snic_pf_sriov_enable(pf, num_vfs);
	return err ? err : num_vfs;
}

/**
 * snic_pf_sriov_init() - set up SR-IOV state at probe
 * @pf: the PF
 *
 * Before the interrupt is requested: snic_pf_sriov_irq() needs the work.
 *
 * Return: 0 or -ENOMEM.
 */
noinline __noclone int snic_pf_sriov_init(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;

	mutex_init(&s->lock);
	spin_lock_init(&s->filter_lock);
	spin_lock_init(&s->irq_lock);
	INIT_WORK(&s->mbx_work, snic_pf_vf_mbx_work);
	INIT_DELAYED_WORK(&s->stats_work, snic_pf_sriov_stats_work);
	s->pool[SNIC_PF_POOL].active = true;
	s->wq = alloc_workqueue("%s-vfmbx", WQ_UNBOUND | WQ_HIGHPRI, 1,
				pci_name(pf->pdev));
	if (!s->wq) {
		mutex_destroy(&s->lock);
		return -ENOMEM;
	}
	s->dying = false;
	/* sriov_totalvfs then reads 7: pool 7 is the PF's. */
	if (pci_sriov_get_totalvfs(pf->pdev) > SNIC_MAX_VFS)
		pci_sriov_set_totalvfs(pf->pdev, SNIC_MAX_VFS);
	return 0;
}
ALLOW_ERROR_INJECTION(snic_pf_sriov_init, ERRNO);

/**
 * snic_pf_sriov_fini() - tear down SR-IOV state at remove
 * @pf: the PF
 *
 * Disables the VFs (even if assigned: the driver is going away), then
 * stops the mailbox work for good. The interrupt may still fire
 * afterwards; it then queues nothing. &snic_pf_sriov.lock outlives it:
 * the netdev's close and its VF ops (remove unregisters the netdev
 * afterwards) still take it, and find no VFs; snic_pf_sriov_destroy()
 * ends it.
 */
void snic_pf_sriov_fini(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;

	if (!s->wq)
		return;
	snic_pf_sriov_disable(pf, true);

	spin_lock_irq(&s->irq_lock);
	s->dying = true;
	spin_unlock_irq(&s->irq_lock);
	cancel_work_sync(&s->mbx_work);
	cancel_delayed_work_sync(&s->stats_work);
	destroy_workqueue(s->wq);
	s->wq = NULL;
}

/**
 * snic_pf_sriov_destroy() - the last of the SR-IOV state, after the netdev
 * @pf: the PF, its netdev unregistered (or never registered)
 */
void snic_pf_sriov_destroy(struct snic_pf *pf)
{
	mutex_destroy(&pf->sriov.lock);
}
