// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: budgets and quarantine applied to a VF (the arithmetic is
 * pf_vf_budget.c; Documentation/security.rst, "Budgets and quarantine").
 *
 * Called by the mailbox work for each event of a VF before any work is
 * done for it, and by the administrator's link-state change, all with
 * &snic_pf_sriov.lock held: that mutex protects each VF's budget.
 * What quarantine costs the PF per event: the write that clears the
 * event's bit (already done when the event was taken), nothing else.
 */
#include <linux/if_link.h>
#include <linux/jiffies.h>

#include "pf.h"

static u64 snic_pf_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

/* Leaving quarantine: clean up after the resets it ignored. */
static void snic_pf_vf_quarantine_end(struct snic_pf *pf,
				      struct snic_pf_vf *vf, const char *how)
{
	struct snic_vf_budget *b = &vf->budget;

	if (b->reset_owed) {
		b->reset_owed = false;
		snic_pf_vf_flr(pf, vf);
	}
	snic_vf_log(vf, info, "released from quarantine (%s) after %llu ignored events\n",
		    how, b->ignored);
	snic_pf_health_quarantine(pf, vf, false);
}

/**
 * snic_pf_vf_budget_ok() - may the PF do the work for one event of a VF?
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @kind: enum snic_budget_kind of the event
 *
 * Charges the VF's budget. A VF whose bucket ran out enters quarantine
 * (one line in the log, rate-limited with the VF's others); in quarantine
 * nothing is served and an ignored reset is remembered, cleaned up when
 * the VF leaves it.
 *
 * Return: true to serve the event, false to ignore it.
 */
bool snic_pf_vf_budget_ok(struct snic_pf *pf, struct snic_pf_vf *vf,
			  enum snic_budget_kind kind)
{
	struct snic_vf_budget *b = &vf->budget;

	lockdep_assert_held(&pf->sriov.lock);
	switch (snic_vf_budget_charge(b, kind, snic_pf_now_ms())) {
	case SNIC_BUDGET_SERVE:
		return true;
	case SNIC_BUDGET_RELEASE:
		snic_pf_vf_quarantine_end(pf, vf, "quiet");
		return true;
	case SNIC_BUDGET_ENTER:
		snic_vf_log(vf, warn,
			    "quarantined: over its %s budget; ignored until quiet for %u ms or link state disable, then auto\n",
			    snic_budget_kind_str(kind), SNIC_BUDGET_COOLDOWN_MS);
		snic_pf_health_quarantine(pf, vf, true);
		fallthrough;
	default:
		if (kind == SNIC_BUDGET_RESET)
			b->reset_owed = true;
		return false;
	}
}

/**
 * snic_pf_vf_budget_held() - the PF found the VF's buffer held (VFU)
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * Breaks the VF's hold with RVFU, which also drops the VF's pending
 * request and acknowledgement, and charges SNIC_BUDGET_BUSY: a VF that
 * keeps holding the buffer is quarantined and costs no more attempts.
 */
void snic_pf_vf_budget_held(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	lockdep_assert_held(&pf->sriov.lock);
	pf_wr32(pf, SNIC_P2VMAILBOX(vf->idx), SNIC_P2V_RVFU);
	vf->budget_rvfu++;
	snic_pf_vf_budget_ok(pf, vf, SNIC_BUDGET_BUSY);
}

/**
 * snic_pf_vf_budget_spent() - the work spent @ns on one VF's events
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @ns: nanoseconds, with the VF table locked
 */
void snic_pf_vf_budget_spent(struct snic_pf *pf, struct snic_pf_vf *vf, u64 ns)
{
	lockdep_assert_held(&pf->sriov.lock);
	snic_vf_budget_spend(&vf->budget, snic_pf_now_ms(),
			     div_u64(ns, NSEC_PER_USEC));
}

/**
 * snic_pf_vf_budget_admin() - the administrator set a VF's link state
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @state: the new IFLA_VF_LINK_STATE_*, before it is recorded
 *
 * "disable" followed by "auto" or "enable" releases a quarantined VF at
 * once, with full buckets.
 */
void snic_pf_vf_budget_admin(struct snic_pf *pf, struct snic_pf_vf *vf,
			     int state)
{
	lockdep_assert_held(&pf->sriov.lock);
	if (vf->link_state != IFLA_VF_LINK_STATE_DISABLE ||
	    state == IFLA_VF_LINK_STATE_DISABLE)
		return;
	if (snic_vf_budget_release(&vf->budget, snic_pf_now_ms()))
		snic_pf_vf_quarantine_end(pf, vf, "administrator");
}

/**
 * snic_pf_vf_budget_recover() - "devlink health recover" releases the VF
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * Return: true if the VF was quarantined (and is released, full buckets).
 */
bool snic_pf_vf_budget_recover(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	lockdep_assert_held(&pf->sriov.lock);
	if (!snic_vf_budget_release(&vf->budget, snic_pf_now_ms()))
		return false;
	snic_pf_vf_quarantine_end(pf, vf, "devlink health recover");
	return true;
}

/**
 * snic_pf_vf_budget_init() - full buckets for a VF just enabled
 * @vf: the VF
 */
void snic_pf_vf_budget_init(struct snic_pf_vf *vf)
{
	snic_vf_budget_init(&vf->budget, snic_pf_now_ms());
	vf->budget_rvfu = 0;
}
