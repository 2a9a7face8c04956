// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: a VF's state carried to another VF (live migration through
 * sriovnic_vfio, include/sriovnic/pf_mig.h).
 *
 * The source VF is stopped (its receive and transmit enables off, so no
 * DMA reaches the paused guest's memory) and its state saved as a blob:
 * the address in force and what the VF's driver asked the PF for. The
 * destination VF, reset by its new QEMU, takes the blob as if the guest's
 * driver had done RESET there and asked for the same filters: the
 * address, then each filter through the request policy (pf_vf_mbx.c),
 * within the same limits, and the negotiated extension. sriovnic_vfio
 * carries the VF's own registers (queues, interrupts), so the guest's
 * driver, igbvf or sriovnic_vf, goes on without a reset
 * (Documentation/migration.rst).
 *
 * A stopped VF holds its addresses without receiving on them: another
 * VF may take them (snic_pf_filter_mac_taken() skips it), so that a
 * migration between two VFs of one PF works while the source still exists.
 */
#include <linux/etherdevice.h>
#include <linux/pci.h>

#include <sriovnic/pf_mig.h>

#include "pf.h"

/* The VF's PF and entry, with sriov.lock held; unlocked on error. */
static struct snic_pf_vf *snic_mig_vf_lock(struct pci_dev *vf_pdev,
					   struct snic_pf **pfp)
{
	struct snic_pf *pf = snic_pf_from_vf(vf_pdev);
	int v;

	if (IS_ERR(pf))
		return ERR_CAST(pf);
	v = pci_iov_vf_id(vf_pdev);
	mutex_lock(&pf->sriov.lock);
	if (v < 0 || v >= pf->sriov.num_vfs || snic_pf_dead(pf)) {
		mutex_unlock(&pf->sriov.lock);
		return ERR_PTR(-ENODEV);
	}
	*pfp = pf;
	return &pf->sriov.vfs[v];
}

/**
 * snic_pf_mig_check() - is the VF's PF driven by sriovnic_pf?
 * @vf_pdev: a VF
 *
 * Return: 0, or -ENODEV.
 */
int snic_pf_mig_check(struct pci_dev *vf_pdev)
{
	return PTR_ERR_OR_ZERO(snic_pf_from_vf(vf_pdev));
}
SNIC_EXPORT(snic_pf_mig_check);

/**
 * snic_pf_mig_stop() - stop a VF's receive and transmit
 * @vf_pdev: the VF
 *
 * The enables stay off, whatever else happens to the VF (a RESET, a PF
 * reset, the administrator's link state), until snic_pf_mig_run() or
 * snic_pf_mig_forget().
 *
 * Return: 0, or -ENODEV.
 */
int snic_pf_mig_stop(struct pci_dev *vf_pdev)
{
	struct snic_pf_vf *vf;
	struct snic_pf *pf;

	vf = snic_mig_vf_lock(vf_pdev, &pf);
	if (IS_ERR(vf))
		return PTR_ERR(vf);
	vf->mig_stopped = true;
	snic_pf_vf_enable(pf, vf->idx, false);
	pf_flush(pf);
	mutex_unlock(&pf->sriov.lock);
	return 0;
}
SNIC_EXPORT(snic_pf_mig_stop);

/* Receive and transmit as the VF's state says, once no longer stopped. */
static void snic_mig_vf_restart(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	vf->mig_stopped = false;
	if (vf->clear)
		snic_pf_vf_enable(pf, vf->idx,
				  vf->link_state != IFLA_VF_LINK_STATE_DISABLE);
}

/**
 * snic_pf_mig_run() - let a stopped VF receive and transmit again
 * @vf_pdev: the VF
 *
 * Return: 0, or -ENODEV.
 */
int snic_pf_mig_run(struct pci_dev *vf_pdev)
{
	struct snic_pf_vf *vf;
	struct snic_pf *pf;

	vf = snic_mig_vf_lock(vf_pdev, &pf);
	if (IS_ERR(vf))
		return PTR_ERR(vf);
	snic_mig_vf_restart(pf, vf);
	mutex_unlock(&pf->sriov.lock);
	return 0;
}
SNIC_EXPORT(snic_pf_mig_run);

/**
 * snic_pf_mig_forget() - the VF's VFIO device closed or was reset
 * @vf_pdev: the VF
 *
 * Ends a stop (the enables stay as they are until the VF's next RESET)
 * and drops a loaded state that no RESET took yet.
 */
void snic_pf_mig_forget(struct pci_dev *vf_pdev)
{
	struct snic_pf_vf *vf;
	struct snic_pf *pf;

	vf = snic_mig_vf_lock(vf_pdev, &pf);
	if (IS_ERR(vf))
		return;
	/* The VF was or is about to be reset: its next RESET enables it. */
	vf->mig_stopped = false;
	mutex_unlock(&pf->sriov.lock);
}
SNIC_EXPORT(snic_pf_mig_forget);

/* The VF's side of the filter tables, as its requests left them. */
static void snic_mig_capture(struct snic_pf *pf, struct snic_pf_vf *vf,
			     struct snic_vf_state *s)
{
	const struct snic_pf_pool *pool = &pf->sriov.pool[vf->idx];
	unsigned int i;

	memset(s, 0, sizeof(*s));
	if (is_valid_ether_addr(vf->mac))
		ether_addr_copy(s->mac, vf->mac);
	s->admin_mac = vf->admin_mac && ether_addr_equal(vf->mac, vf->admin_addr);
	s->ext_caps = vf->ext.caps;

	spin_lock_bh(&pf->sriov.filter_lock);
	for (i = 0; i < SNIC_RAR_ENTRIES && s->uc_count < SNIC_VFS_MAX_UC; i++) {
		const struct snic_pf_rar *r = &pf->sriov.rar[i];

		if (r->kind == SNIC_RAR_EXTRA && r->pool == vf->idx)
			ether_addr_copy(s->uc[s->uc_count++], r->addr);
	}
	s->mc_overflow = pool->mc_overflow;
	if (!s->mc_overflow) {
		s->mc_count = min_t(u8, pool->mc_count, SNIC_VFS_MAX_MC);
		memcpy(s->mc_hash, pool->mc_hash,
		       s->mc_count * sizeof(s->mc_hash[0]));
	}
	s->mc_promisc = pool->mc_promisc;
	/* The port VLAN is the administrator's, not the VF's. */
	for (i = 0; i < SNIC_VLVF_ENTRIES && s->vlan_count < SNIC_VFS_MAX_VLANS;
	     i++) {
		const struct snic_pf_vlvf *e = &pf->sriov.vlvf[i];

		if ((e->pools & BIT(vf->idx)) &&
		    !(pool->port_vlan && e->vid == pool->port_vlan))
			s->vlans[s->vlan_count++] = e->vid;
	}
	s->max_frame = pool->max_frame;
	spin_unlock_bh(&pf->sriov.filter_lock);
}

/**
 * snic_pf_mig_save() - save a VF's state
 * @vf_pdev: the VF (stopped, or its state may change meanwhile)
 * @buf: where the blob goes
 * @len: room at @buf, at least SNIC_PF_MIG_STATE_LEN
 *
 * Return: the blob's length, -EMSGSIZE, -ENODEV, or -EINVAL if the PF's
 * own record of the VF does not pass the blob's checks (a bug: logged).
 */
int snic_pf_mig_save(struct pci_dev *vf_pdev, void *buf, size_t len)
{
	struct snic_vf_state s;
	struct snic_pf_vf *vf;
	struct snic_pf *pf;
	int ret;

	vf = snic_mig_vf_lock(vf_pdev, &pf);
	if (IS_ERR(vf))
		return PTR_ERR(vf);
	snic_mig_capture(pf, vf, &s);
	ret = snic_vf_state_encode(&s, vf_pdev->device, buf, len);
	if (ret == -EINVAL)
		dev_err(&pf->pdev->dev, "VF %u: its state cannot be saved\n",
			vf->idx);
	else if (ret > 0)
		dev_info(&pf->pdev->dev,
			 "VF %u: state saved (address %pM, %u+%u+%u filters)\n",
			 vf->idx, s.mac, s.uc_count, s.mc_count, s.vlan_count);
	mutex_unlock(&pf->sriov.lock);
	return ret;
}
SNIC_EXPORT(snic_pf_mig_save);

/*
 * May @vf take @s's address? Not when the administrator gave it another
 * one it may not leave.
 */
static int snic_mig_mac_ok(struct snic_pf_vf *vf, const struct snic_vf_state *s)
{
	if (!vf->admin_mac || ether_addr_equal(vf->admin_addr, s->mac))
		return 0;
	if (!s->admin_mac && vf->trusted)
		return 0;
	return -EADDRINUSE;
}

/* One replayed request; a refusal or failure is logged and skipped. */
static void snic_mig_replay_one(struct snic_pf *pf, struct snic_pf_vf *vf,
				const struct snic_msg *msg, unsigned int *bad)
{
	int err = snic_pf_vf_apply_request(pf, vf, msg);

	if (err) {
		snic_vf_log(vf, info, "loaded state: %s not restored (%d)\n",
			    snic_msg_name(msg->type), err);
		(*bad)++;
	}
}

/*
 * The filters of @s, on a VF just reset and clear to send: each goes
 * through the request policy as the VF's request would, so one that does
 * not fit here (another PF's tables, another administrator's port VLAN)
 * is logged and skipped.
 */
static void snic_mig_replay(struct snic_pf *pf, struct snic_pf_vf *vf,
			    const struct snic_vf_state *s)
{
	unsigned int i, bad = 0;
	struct snic_msg m;

	lockdep_assert_held(&pf->sriov.lock);

	for (i = 0; i < s->uc_count; i++) {
		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_MAC;
		m.mac_op = SNIC_MAC_ADD;
		ether_addr_copy(m.mac, s->uc[i]);
		snic_mig_replay_one(pf, vf, &m, &bad);
	}
	if (s->mc_count || s->mc_overflow) {
		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_MC;
		m.mc.all = s->mc_overflow;
		m.mc.count = s->mc_count;
		memcpy(m.mc.hash, s->mc_hash, s->mc_count * sizeof(m.mc.hash[0]));
		snic_mig_replay_one(pf, vf, &m, &bad);
	}
	for (i = 0; i < s->vlan_count; i++) {
		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_VLAN;
		m.vlan.add = true;
		m.vlan.vid = s->vlans[i];
		snic_mig_replay_one(pf, vf, &m, &bad);
	}
	if (s->max_frame) {
		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_LPE;
		m.max_frame = s->max_frame;
		snic_mig_replay_one(pf, vf, &m, &bad);
	}
	if (s->mc_promisc) {
		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_PROMISC;
		m.promisc = SNIC_PROMISC_MC;
		snic_mig_replay_one(pf, vf, &m, &bad);
	}
	snic_vf_log(vf, info, "loaded state's filters in place (%u not)\n", bad);
}

/*
 * The VF takes @s as if its driver had done RESET and sent its requests
 * here: the guest's driver goes on with the queues and interrupts its
 * variant driver restores (sriovnic_vfio), and sees no reset. The reset
 * its new QEMU gave the VF is served first, so that its clean-up cannot
 * come after and undo this. Receive and transmit stay off until
 * snic_pf_mig_run(). The VF is then told its link (a message with CTS:
 * igbvf reads its link from there whenever it looks).
 */
static void snic_mig_adopt(struct snic_pf *pf, struct snic_pf_vf *vf,
			   const struct snic_vf_state *s)
{
	lockdep_assert_held(&pf->sriov.lock);
	if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_RST))
		snic_pf_vf_flr(pf, vf);

	vf->mig_stopped = true;
	snic_pf_vf_do_reset(pf, vf);
	/* The address after the clean-up, which would have dropped it. */
	ether_addr_copy(vf->mac, s->mac);
	if (s->admin_mac) {
		ether_addr_copy(vf->admin_addr, s->mac);
		vf->admin_mac = true;
	}
	spin_lock_bh(&pf->sriov.filter_lock);
	snic_pf_filter_vf_mac(pf, vf->idx,
			      is_valid_ether_addr(vf->mac) ? vf->mac : NULL);
	spin_unlock_bh(&pf->sriov.filter_lock);
	snic_mig_replay(pf, vf, s);

	/* The extension the guest's driver negotiated, still in force. */
	vf->ext.caps = s->ext_caps & SNIC_EXT_CAPS_V1;
	vf->ext.version = vf->ext.caps ? SNIC_EXT_VERSION_CUR : 0;
	vf->link_reason_sent = SNIC_LINK_UP;
	snic_pf_vf_queue_tx(vf, SNIC_PF_TX_LINK);
}

/**
 * snic_pf_mig_load() - give a VF the state another VF saved
 * @vf_pdev: the VF, not in use by a driver of this host (reset by VFIO)
 * @buf: the blob
 * @len: its length
 *
 * The VF takes the state at once, as after a RESET of its driver's: the
 * address (the administrator's, if it was at the source), the filters
 * (through the request policy, within the same limits) and the mailbox
 * extension; it stays stopped until snic_pf_mig_run(). A refused blob
 * changes nothing and is logged with the reason.
 *
 * Return: 0; an error of snic_vf_state_decode(); -EADDRINUSE if the
 * administrator gave this VF another address; -ENODEV.
 */
int snic_pf_mig_load(struct pci_dev *vf_pdev, const void *buf, size_t len)
{
	struct snic_vf_state s;
	struct snic_pf_vf *vf;
	struct snic_pf *pf;
	int err;

	vf = snic_mig_vf_lock(vf_pdev, &pf);
	if (IS_ERR(vf))
		return PTR_ERR(vf);
	err = snic_vf_state_decode(buf, len, vf_pdev->device, &s);
	if (err) {
		dev_err(&pf->pdev->dev, "VF %u: incoming state refused: %s\n",
			vf->idx, snic_vf_state_strerror(err));
		goto out;
	}
	err = snic_mig_mac_ok(vf, &s);
	if (err) {
		dev_err(&pf->pdev->dev,
			"VF %u: incoming state refused: its address %pM is not the administrator's %pM\n",
			vf->idx, s.mac, vf->admin_addr);
		goto out;
	}
	if (snic_pf_filter_mac_taken(pf, s.mac, vf->idx))
		dev_warn(&pf->pdev->dev,
			 "VF %u: incoming address %pM is also another function's; both receive its unicast\n",
			 vf->idx, s.mac);

	snic_mig_adopt(pf, vf, &s);
	dev_info(&pf->pdev->dev,
		 "VF %u: state loaded (address %pM, %u+%u+%u filters in place)\n",
		 vf->idx, s.mac, s.uc_count, s.mc_count, s.vlan_count);
out:
	mutex_unlock(&pf->sriov.lock);
	return err;
}
SNIC_EXPORT(snic_pf_mig_load);

