// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: the service primitives.
 *
 * Scheduling the service work (vf_link.c runs it) and noting that a new
 * handshake is needed. Everything else in the driver may call these; they
 * call no other file of the driver, so no file depends on vf_link.c just
 * to ask for the work to run.
 */
#include <linux/jiffies.h>
#include <linux/lockdep.h>

#include "vf.h"

static const char * const snic_vf_rr_names[SNIC_VF_RR_NUM] = {
	[SNIC_VF_RR_INIT]	= "initial",
	[SNIC_VF_RR_PF_RESET]	= "PF reset",
	[SNIC_VF_RR_LOST_CTS]	= "lost clear-to-send",
	[SNIC_VF_RR_TIMEOUT]	= "mailbox timeout",
	[SNIC_VF_RR_USER]	= "requested",
};

/**
 * snic_vf_service_now() - run the service work as soon as possible
 * @vf: the VF
 *
 * Safe from any context, hard interrupts included.
 */
void snic_vf_service_now(struct snic_vf *vf)
{
	if (!test_bit(SNIC_VF_S_REMOVING, &vf->state))
		mod_delayed_work(system_wq, &vf->service, 0);
}

/**
 * snic_vf_schedule_reset() - note that a new handshake is needed
 * @vf: the VF, with @vf->mbx_lock held
 * @why: the reason, for the log and ethtool -S
 *
 * Stops further requests (they would be NACKed) and drops the carrier at
 * the next look; the service work recovers once the backoff allows.
 */
void snic_vf_schedule_reset(struct snic_vf *vf, enum snic_vf_reset_reason why)
{
	lockdep_assert_held(&vf->mbx_lock);
	if (!test_and_set_bit(why, &vf->reset_pending))
		netif_info(vf, drv, vf->netdev, "reset needed: %s\n",
			   snic_vf_rr_names[why]);
	vf->ready = false;
	snic_vf_service_now(vf);
}

/**
 * snic_vf_check_pf_reset() - act on RSTI/RSTD: the PF reset and forgot us
 * @vf: the VF, with @vf->mbx_lock held
 *
 * Consumes the reset event; a VF that was ready counts it and schedules a
 * recovery, which starts as soon as the PF has left its reset.
 */
void snic_vf_check_pf_reset(struct snic_vf *vf)
{
	bool rst_event, rsti;
	u32 ctl;

	lockdep_assert_held(&vf->mbx_lock);
	rst_event = snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_RST);
	ctl = snic_mbx_ctl(&vf->mbx);
	if (ctl == SNIC_DEAD)
		return;
	rsti = ctl & SNIC_V2P_RSTI;

	if (rst_event && vf->ready) {
		vf->sw_stats.pf_resets++;
		vf->cts = false;
		snic_vf_schedule_reset(vf, SNIC_VF_RR_PF_RESET);
	}
	/* The PF just finished a reset: no reason to sit out the backoff. */
	if (vf->reset_pending && ((vf->pf_in_reset && !rsti) ||
				  (rst_event && !rsti)))
		vf->next_reset = jiffies;
	vf->pf_in_reset = rsti;
}
