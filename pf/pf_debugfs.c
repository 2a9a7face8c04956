// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: debugfs. While VFs are enabled,
 * /sys/kernel/debug/sriovnic_pf/<pci-bdf>/vfs shows one line per VF:
 *
 *   vf<N> ext=<none|v<version>> caps=0x<hex> link_reason=<up|phy_down|
 *   admin_down|pf_down> events=<EXT_EVENTs sent> nacks=<NACKs sent>
 *   dropped=<requests overwritten unread by a message of the PF>
 *   mac=<address in force> admin_mac=<administrator's address|none>
 *   uc=<extra unicast filters held> vlans=<VLAN filters held>
 *   quarantine=<none|messages|resets|filters|buffer_held> entered=<times
 *   quarantined> released=<times released> ignored=<events ignored in
 *   quarantine> rvfu=<times its hold of the buffer was broken>
 *   last_reason=<the bucket that ran out last time, or none>
 *
 * (one line, fields separated by single spaces), and .../tables shows how
 * the shared filter tables are split (Documentation/pf.rst), a line each:
 *
 *   <rar|vlvf> shared=<entries> free=<free entries> pf_reserve=<entries>
 *   pf_used=<held by the PF> vf_share=<guaranteed per enabled VF>
 *   vf_max=<most one VF may hold> vf_used=<held by VF 0>,<VF 1>,...|-
 *   owed=<free entries set aside for guarantees not yet used>
 *
 * and .../mbx the mailbox work's cost, one line:
 *
 *   passes=<passes of the work> work_us=<total time with the VF table
 *   locked> max_us=<the longest pass> irq_other=<other interrupts>
 *   irq_mbx=<of which with a mailbox cause>
 *
 * The formats are an interface the VM scenarios parse: extend them only at
 * the end of a line.
 * Failing to create any of it never fails probe or SR-IOV enable.
 */
#include <linux/debugfs.h>
#include <linux/error-injection.h>
#include <linux/seq_file.h>

#include "pf.h"

static struct dentry *snic_pf_debugfs_root;

/* The VF's quarantine, at the end of its "vfs" line; sriov.lock held. */
static void snic_pf_vf_budget_show(struct seq_file *m, struct snic_pf_vf *vf)
{
	const struct snic_vf_budget *b = &vf->budget;

	lockdep_assert_held(&vf->pf->sriov.lock);
	seq_printf(m, " quarantine=%s entered=%llu released=%llu ignored=%llu rvfu=%llu last_reason=%s\n",
		   b->quarantined ? snic_budget_kind_str(b->reason) : "none",
		   b->entered, b->released, b->ignored, vf->budget_rvfu,
		   b->entered ? snic_budget_kind_str(b->reason) : "none");
}

static int snic_pf_vfs_show(struct seq_file *m, void *unused)
{
	struct snic_pf *pf = m->private;
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v, uc, vlans, mc;
	int err;

	err = mutex_lock_interruptible(&s->lock);
	if (err)
		return err;
	for (v = 0; v < s->num_vfs; v++) {
		struct snic_pf_vf *vf = &s->vfs[v];

		seq_printf(m, "vf%u ext=", v);
		if (vf->ext.version)
			seq_printf(m, "v%u", vf->ext.version);
		else
			seq_puts(m, "none");
		seq_printf(m, " caps=0x%x link_reason=%s events=%llu nacks=%llu dropped=%llu",
			   vf->ext.caps,
			   snic_link_reason_str(snic_pf_vf_link_reason(pf, vf)),
			   vf->ext_events, vf->nacks,
			   vf->mbx.stats.overwritten);
		seq_printf(m, " mac=%pM admin_mac=", vf->mac);
		if (vf->admin_mac)
			seq_printf(m, "%pM", vf->admin_addr);
		else
			seq_puts(m, "none");
		spin_lock_bh(&s->filter_lock);
		uc = s->pool[v].uc;
		vlans = s->pool[v].vlans;
		mc = s->pool[v].mc_overflow ? SNIC_MC_MAX + 1 : s->pool[v].mc_count;
		spin_unlock_bh(&s->filter_lock);
		seq_printf(m, " uc=%u vlans=%u mc=%u mig=%s", uc, vlans, mc,
			   vf->mig_stopped ? "stopped" : "none");
		snic_pf_vf_budget_show(m, vf);
	}
	mutex_unlock(&s->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snic_pf_vfs);

static int snic_pf_mbx_show(struct seq_file *m, void *unused)
{
	struct snic_pf *pf = m->private;
	struct snic_pf_sriov *s = &pf->sriov;
	int err;

	err = mutex_lock_interruptible(&s->lock);
	if (err)
		return err;
	seq_printf(m, "passes=%llu work_us=%llu max_us=%llu irq_other=%llu irq_mbx=%llu\n",
		   s->work_passes, div_u64(s->work_ns, NSEC_PER_USEC),
		   div_u64(s->work_max_ns, NSEC_PER_USEC),
		   (u64)READ_ONCE(pf->irq_other), (u64)READ_ONCE(pf->irq_mbx));
	mutex_unlock(&s->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snic_pf_mbx);

static void snic_pf_table_show(struct seq_file *m, const char *name,
			       const struct snic_share *sh,
			       const struct snic_share_use *use,
			       unsigned int free)
{
	unsigned int v;

	seq_printf(m, "%s shared=%u free=%u pf_reserve=%u pf_used=%u vf_share=%u vf_max=%u vf_used=",
		   name, sh->size, free, sh->pf_reserve, use->pf,
		   snic_share_vf_guarantee(sh, use->n_vfs), sh->vf_max);
	for (v = 0; v < use->n_vfs; v++)
		seq_printf(m, "%s%u", v ? "," : "", use->vf[v]);
	if (!use->n_vfs)
		seq_puts(m, "-");
	seq_printf(m, " owed=%u\n", snic_share_owed(sh, use, 0));
}

static int snic_pf_tables_show(struct seq_file *m, void *unused)
{
	struct snic_pf *pf = m->private;
	struct snic_pf_sriov *s = &pf->sriov;
	struct snic_share_use rar, vlvf;
	unsigned int rar_free, vlvf_free;

	spin_lock_bh(&s->filter_lock);
	snic_pf_filter_share_use(pf, false, &rar);
	snic_pf_filter_share_use(pf, true, &vlvf);
	rar_free = snic_pf_filter_free_rar(pf);
	vlvf_free = snic_pf_filter_free_vlvf(pf);
	spin_unlock_bh(&s->filter_lock);
	snic_pf_table_show(m, "rar", &snic_rar_share, &rar, rar_free);
	snic_pf_table_show(m, "vlvf", &snic_vlvf_share, &vlvf, vlvf_free);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snic_pf_tables);

/**
 * snic_pf_debugfs_init() - create sriovnic_pf/ at module load
 */
void snic_pf_debugfs_init(void)
{
	snic_pf_debugfs_root = debugfs_create_dir(SNIC_PF_DRV_NAME, NULL);
}

/**
 * snic_pf_debugfs_exit() - remove sriovnic_pf/ at module unload
 */
void snic_pf_debugfs_exit(void)
{
	debugfs_remove_recursive(snic_pf_debugfs_root);
	snic_pf_debugfs_root = NULL;
}

/* The PF's directory, a step of its own for fault injection. */
static noinline __noclone struct dentry *
snic_pf_debugfs_mkdir(struct snic_pf *pf)
{
	return debugfs_create_dir(pci_name(pf->pdev), snic_pf_debugfs_root);
}
ALLOW_ERROR_INJECTION(snic_pf_debugfs_mkdir, ERRNO);

/**
 * snic_pf_debugfs_add() - create <pci-bdf>/vfs and tables once VFs are
 *	enabled
 * @pf: the PF; &snic_pf_sriov.lock not held
 */
void snic_pf_debugfs_add(struct snic_pf *pf)
{
	struct dentry *dir;

	if (IS_ERR_OR_NULL(snic_pf_debugfs_root))
		return;
	dir = snic_pf_debugfs_mkdir(pf);
	if (IS_ERR(dir))
		return;
	debugfs_create_file("vfs", 0444, dir, pf, &snic_pf_vfs_fops);
	debugfs_create_file("tables", 0444, dir, pf, &snic_pf_tables_fops);
	debugfs_create_file("mbx", 0444, dir, pf, &snic_pf_mbx_fops);
	pf->sriov.debugfs = dir;
}

/**
 * snic_pf_debugfs_del() - remove <pci-bdf>/ before VFs are disabled
 * @pf: the PF; &snic_pf_sriov.lock not held (removal waits for readers,
 *	which take it)
 */
void snic_pf_debugfs_del(struct snic_pf *pf)
{
	debugfs_remove_recursive(pf->sriov.debugfs);
	pf->sriov.debugfs = NULL;
}
