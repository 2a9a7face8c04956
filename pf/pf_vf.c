// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: a VF's life as the hardware sees it - its receive and
 * transmit enables, cleaning up after a VF reset, the RESET handshake's
 * register side, the administrator's transmit-side settings, and its
 * traffic counters. The mailbox service (pf_vf_mbx.c) and the admin ndos
 * (pf_vf_admin.c) call these; nothing here talks to a VF.
 */
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>

#include "pf.h"

/**
 * snic_pf_vfs_release() - tell every VF the PF is initialised
 * @pf: the PF
 *
 * Writing CTRL_EXT with PFRSTD set clears "PF in reset" (RSTI) and sets
 * "reset done" (RSTD) in every VF's mailbox.
 */
void snic_pf_vfs_release(struct snic_pf *pf)
{
	u32 ctrl_ext = pf_rd32(pf, SNIC_CTRL_EXT);

	if (!snic_pf_dead(pf))
		pf_wr32(pf, SNIC_CTRL_EXT, ctrl_ext | SNIC_CTRL_EXT_PFRSTD);
}

static void snic_pf_vf_queue_clean(struct snic_pf *pf, unsigned int q)
{
	u32 rxq = snic_pf_rxq(q), txq = snic_pf_txq(q);
	unsigned int tries = 100;	/* 10-20 us apart: 2 ms at most */
	u32 busy;

	/*
	 * A VF reset leaves every register of the VF's queues as the VF
	 * wrote it (82576 specification update; FreeBSD's igb clears the
	 * same list). Stop both queues first and give them a bounded moment
	 * to let go of DMA. The VF may have written anything here, so the
	 * enables are read as data (all-ones is not a dead device).
	 */
	pf_wr32(pf, rxq + SNIC_RXDCTL, 0);
	pf_wr32(pf, txq + SNIC_TXDCTL, 0);
	do {
		busy = (pf_rd32_data(pf, rxq + SNIC_RXDCTL) & SNIC_RXDCTL_ENABLE) |
		       (pf_rd32_data(pf, txq + SNIC_TXDCTL) & SNIC_TXDCTL_ENABLE);
		if (!busy || snic_pf_dead(pf))
			break;
		/* Process context (sriov.lock): sleep, a VF may reset in a loop. */
		usleep_range(10, 20);
	} while (--tries);

	/* Rings, receive buffer and split types, DCA steering. */
	pf_wr32(pf, rxq + SNIC_RDBAL, 0);
	pf_wr32(pf, rxq + SNIC_RDBAH, 0);
	pf_wr32(pf, rxq + SNIC_RDLEN, 0);
	pf_wr32(pf, rxq + SNIC_RDH, 0);
	pf_wr32(pf, rxq + SNIC_RDT, 0);
	pf_wr32(pf, rxq + SNIC_SRRCTL, 0);
	pf_wr32(pf, rxq + SNIC_RXCTL, 0);
	pf_wr32(pf, txq + SNIC_TDBAL, 0);
	pf_wr32(pf, txq + SNIC_TDBAH, 0);
	pf_wr32(pf, txq + SNIC_TDLEN, 0);
	pf_wr32(pf, txq + SNIC_TDH, 0);
	pf_wr32(pf, txq + SNIC_TDT, 0);
	pf_wr32(pf, txq + SNIC_TXCTL, 0);
	/* Head write-back: else the next owner's completions land there. */
	pf_wr32(pf, txq + SNIC_TDWBAL, 0);
	pf_wr32(pf, txq + SNIC_TDWBAH, 0);
	/* Per pool, not per queue: cleared for queue n and again for n + 8. */
	pf_wr32(pf, SNIC_PSRTYPE(q % SNIC_NUM_POOLS), 0);
	pf_flush(pf);
}

/**
 * snic_pf_vf_enable() - turn a VF's receive and transmit on or off
 * @pf: the PF; sriov.lock held
 * @v: VF number
 * @on: enable
 */
void snic_pf_vf_enable(struct snic_pf *pf, unsigned int v, bool on)
{
	u32 vfre, vfte;

	/* VFRE and VFTE are read, changed and written: one writer at a time. */
	lockdep_assert_held(&pf->sriov.lock);
	vfre = pf_rd32(pf, SNIC_VFRE);
	vfte = pf_rd32(pf, SNIC_VFTE);
	if (snic_pf_dead(pf))
		return;
	/* Stopped for a migration: off, whoever asks (pf_vf_mig.c). */
	if (on && v < pf->sriov.num_vfs && pf->sriov.vfs[v].mig_stopped)
		on = false;
	if (on) {
		vfre |= BIT(v);
		vfte |= BIT(v);
	} else {
		vfre &= ~BIT(v);
		vfte &= ~BIT(v);
	}
	pf_wr32(pf, SNIC_VFRE, vfre);
	pf_wr32(pf, SNIC_VFTE, vfte);
}

/*
 * The body of snic_pf_vf_hw_clean(); @mask_irqs: also mask the VF's
 * interrupts, as a function reset does in hardware (QEMU's model does not).
 */
static void snic_pf_vf_clean(struct snic_pf *pf, struct snic_pf_vf *vf,
			     bool mask_irqs)
{
	unsigned int v = vf->idx;

	lockdep_assert_held(&pf->sriov.lock);
	vf->clear = false;
	vf->cts_sent = false;
	vf->reset_answered = 0;
	/* What it was to be told, it learns again through RESET. */
	vf->tx_pending = 0;
	vf->unread = SNIC_PF_TX_NONE;
	snic_vf_ext_clear(&vf->ext);
	snic_pf_vf_enable(pf, v, false);
	snic_pf_vf_queue_clean(pf, v);
	snic_pf_vf_queue_clean(pf, v + SNIC_NUM_POOLS);
	if (mask_irqs)
		pf_wr32(pf, SNIC_PVTEIMC(v), GENMASK(2, 0));

	spin_lock_bh(&pf->sriov.filter_lock);
	pf->sriov.pool[v].active = false;
	/*
	 * MAC: none, or the administrator's unless the VF is trusted.
	 */
	if (!vf->admin_mac) {
		eth_zero_addr(vf->mac);
		snic_pf_filter_vf_mac(pf, v, NULL);
	} else if (!vf->trusted &&
		   !ether_addr_equal(vf->mac, vf->admin_addr)) {
		ether_addr_copy(vf->mac, vf->admin_addr);
		snic_pf_filter_vf_mac(pf, v, vf->mac);
	}
	snic_pf_filter_reset_pool(pf, v);
	spin_unlock_bh(&pf->sriov.filter_lock);
}

/**
 * snic_pf_vf_hw_clean() - take a VF back to "just reset"
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * Stops the VF's receive and transmit, clears its two queues (a VF reset
 * does not), masks its interrupts, and forgets every filter it asked for;
 * what the administrator set (address, port VLAN) stays. The VF may send
 * nothing but RESET afterwards.
 */
void snic_pf_vf_hw_clean(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	snic_pf_vf_clean(pf, vf, true);
}

/**
 * snic_pf_vf_do_reset() - RESET: clean again, then give the VF its
 *	address, queues and CTS
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * The VF's interrupts stay as the VF set them: it unmasked them after its
 * own reset, before this RESET, to hear this answer and the next ones
 * (masking them here left every later answer to the VF's polling).
 */
void snic_pf_vf_do_reset(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	bool up = vf->link_state != IFLA_VF_LINK_STATE_DISABLE;

	snic_pf_vf_clean(pf, vf, false);

	spin_lock_bh(&pf->sriov.filter_lock);
	if (is_valid_ether_addr(vf->mac))
		snic_pf_filter_vf_mac(pf, vf->idx, vf->mac);
	pf->sriov.pool[vf->idx].active = up;
	snic_pf_filter_write_pool(pf, vf->idx);
	snic_pf_filter_write_mta(pf);
	spin_unlock_bh(&pf->sriov.filter_lock);

	snic_pf_vf_apply_admin(pf, vf);
	snic_pf_vf_enable(pf, vf->idx, up);
	vf->clear = true;
}

/**
 * snic_pf_vf_flr() - VFLRE: the VF did CTRL.RST or a function-level reset
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 */
void snic_pf_vf_flr(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	snic_vf_log(vf, dbg, "function reset\n");
	snic_pf_health_vf_reset(pf, vf);
	snic_pf_vf_hw_clean(pf, vf);
}

/**
 * snic_pf_vf_stats_update() - fold a VF's counters into 64-bit totals
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @baseline: only record the current values (after enable or a PF reset)
 */
void snic_pf_vf_stats_update(struct snic_pf *pf, struct snic_pf_vf *vf,
			     bool baseline)
{
	struct snic_pf_vf_stats now;
	unsigned int v = vf->idx;

	lockdep_assert_held(&pf->sriov.lock);
	/* The VF's traffic drives these through 0xFFFFFFFF: data. */
	now.gprc = pf_rd32_data(pf, SNIC_PVFGPRC(v));
	now.gptc = pf_rd32_data(pf, SNIC_PVFGPTC(v));
	now.gorc = pf_rd32_data(pf, SNIC_PVFGORC(v));
	now.gotc = pf_rd32_data(pf, SNIC_PVFGOTC(v));
	now.mprc = pf_rd32_data(pf, SNIC_PVFMPRC(v));
	pf_flush(pf);
	if (snic_pf_dead(pf))
		return;

#define SNIC_VF_STAT(f)							\
	do {								\
		if (!baseline)						\
			vf->stats.f += (u32)(now.f - vf->stats_raw.f);	\
		vf->stats_raw.f = now.f;				\
	} while (0)
	SNIC_VF_STAT(gprc);
	SNIC_VF_STAT(gptc);
	SNIC_VF_STAT(gorc);
	SNIC_VF_STAT(gotc);
	SNIC_VF_STAT(mprc);
#undef SNIC_VF_STAT
}

/**
 * snic_pf_speed() - link speed from STATUS
 * @pf: the PF
 *
 * Return: Mb/s, 0 while the link is down.
 */
unsigned int snic_pf_speed(struct snic_pf *pf)
{
	u32 status = pf_rd32(pf, SNIC_STATUS);

	if (snic_pf_dead(pf) || !(status & SNIC_STATUS_LU))
		return 0;
	switch (FIELD_GET(SNIC_STATUS_SPEED, status)) {
	case SNIC_STATUS_SPEED_10:
		return SPEED_10;
	case SNIC_STATUS_SPEED_100:
		return SPEED_100;
	default:
		return SPEED_1000;
	}
}

/*
 * The 82576 rate limiter divides the link speed by a factor with a 14-bit
 * fraction: factor = speed / rate. Both of a VF's queues get it.
 */
static void snic_pf_vf_set_rate(struct snic_pf *pf, struct snic_pf_vf *vf,
				unsigned int speed)
{
	unsigned int rate = vf->max_tx_rate, q;
	u32 bcnrc = 0;

	if (rate && speed && rate < speed) {
		u32 rf_int = speed / rate;
		u32 rf_dec = ((speed % rate) << 14) / rate;

		bcnrc = SNIC_RTTBCNRC_RS_ENA |
			FIELD_PREP(SNIC_RTTBCNRC_RF_INT, rf_int) |
			FIELD_PREP(SNIC_RTTBCNRC_RF_DEC, rf_dec);
	}
	for (q = vf->idx; q < 2 * SNIC_NUM_POOLS; q += SNIC_NUM_POOLS) {
		pf_wr32(pf, SNIC_RTTDQSEL, q);
		pf_wr32(pf, SNIC_RTTBCNRC, bcnrc);
	}
}

/**
 * snic_pf_vf_apply_admin() - program a VF's anti-spoofing and rate limit
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * The address and the port VLAN take effect through the filter tables
 * (pf_filter.c); these two are transmit-side registers.
 */
void snic_pf_vf_apply_admin(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	u32 spoof = SNIC_DTXSWC_MAC_SPOOF(vf->idx) |
		    SNIC_DTXSWC_VLAN_SPOOF(vf->idx);
	u32 dtxswc;

	lockdep_assert_held(&pf->sriov.lock);
	dtxswc = pf_rd32(pf, SNIC_DTXSWC);
	if (!snic_pf_dead(pf)) {
		if (vf->spoofchk)
			dtxswc |= spoof;
		else
			dtxswc &= ~spoof;
		pf_wr32(pf, SNIC_DTXSWC, dtxswc);
	}
	snic_pf_vf_set_rate(pf, vf, snic_pf_speed(pf));
}
