// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: debugfs. While VFs are enabled,
 * /sys/kernel/debug/sriovnic_pf/<pci-bdf>/vfs shows one line per VF:
 *
 *   vf<N> ext=<none|v<version>> caps=0x<hex> link_reason=<up|phy_down|
 *   admin_down|pf_down> events=<EXT_EVENTs sent> nacks=<NACKs sent>
 *   dropped=<requests overwritten unread by a message of the PF>
 *
 * (one line, fields separated by single spaces). The format is an
 * interface the VM scenarios parse: extend it only at the end of a line.
 * Failing to create any of it never fails probe or SR-IOV enable.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "pf.h"

static struct dentry *snic_pf_debugfs_root;

static int snic_pf_vfs_show(struct seq_file *m, void *unused)
{
	struct snic_pf *pf = m->private;
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v;
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
		seq_printf(m, " caps=0x%x link_reason=%s events=%llu nacks=%llu dropped=%llu\n",
			   vf->ext.caps,
			   snic_link_reason_str(snic_pf_vf_link_reason(pf, vf)),
			   vf->ext_events, vf->nacks,
			   vf->mbx.stats.overwritten);
	}
	mutex_unlock(&s->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(snic_pf_vfs);

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

/**
 * snic_pf_debugfs_add() - create <pci-bdf>/vfs once VFs are enabled
 * @pf: the PF; &snic_pf_sriov.lock not held
 */
void snic_pf_debugfs_add(struct snic_pf *pf)
{
	struct dentry *dir;

	if (IS_ERR_OR_NULL(snic_pf_debugfs_root))
		return;
	dir = debugfs_create_dir(pci_name(pf->pdev), snic_pf_debugfs_root);
	if (IS_ERR(dir))
		return;
	debugfs_create_file("vfs", 0444, dir, pf, &snic_pf_vfs_fops);
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
