// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: register access, the VF's own reset, the PF's link as the
 * VF sees it, and the VF's counters.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/ethtool.h>

#include "vf.h"

/**
 * vf_rd32() - read a VF register
 * @vf: the VF
 * @reg: byte offset in the VF window
 *
 * A read of all-ones is checked against STATUS, which can never read as
 * all-ones on a present device; if that is all-ones too the device is
 * gone, SNIC_VF_S_GONE is set and every later read returns SNIC_DEAD
 * without touching the bus.
 *
 * Return: the register value, or SNIC_DEAD.
 */
u32 vf_rd32(struct snic_vf *vf, u32 reg)
{
	u32 v;

	if (unlikely(test_bit(SNIC_VF_S_GONE, &vf->state)))
		return SNIC_DEAD;
	v = readl(vf->hw + reg);
	if (unlikely(v == SNIC_DEAD) &&
	    (reg == SNIC_VF_STATUS ||
	     readl(vf->hw + SNIC_VF_STATUS) == SNIC_DEAD)) {
		if (!test_and_set_bit(SNIC_VF_S_GONE, &vf->state))
			dev_err(&vf->pdev->dev,
				"registers read all-ones: device removed\n");
	}
	return v;
}

/**
 * vf_wr32() - write a VF register
 * @vf: the VF
 * @reg: byte offset in the VF window
 * @val: value
 *
 * Writes to a device known to be gone are dropped.
 */
void vf_wr32(struct snic_vf *vf, u32 reg, u32 val)
{
	if (unlikely(test_bit(SNIC_VF_S_GONE, &vf->state)))
		return;
	writel(val, vf->hw + reg);
}

/**
 * snic_vf_gone() - has the device been found missing
 * @vf: the VF
 *
 * Return: true once any read saw the device gone.
 */
bool snic_vf_gone(struct snic_vf *vf)
{
	return test_bit(SNIC_VF_S_GONE, &vf->state);
}

/**
 * snic_vf_hw_reset() - reset the VF's queues and interrupts
 * @vf: the VF
 *
 * Sets CTRL.RST. The hardware stops the VF's queues and tells the PF
 * (VFLRE), which drops the VF's filters and stops its traffic until the
 * VF sends RESET. The bit clears itself; the caller then waits for the
 * mailbox to leave reset (see vf_link.c).
 *
 * Return: 0, or -ENODEV if the device is gone.
 */
int snic_vf_hw_reset(struct snic_vf *vf)
{
	vf_wr32(vf, SNIC_VF_CTRL, SNIC_VF_CTRL_RST);
	/* The reset takes effect at once; give the PF's handler a moment. */
	usleep_range(1000, 2000);
	return vf_rd32(vf, SNIC_VF_STATUS) == SNIC_DEAD ? -ENODEV : 0;
}

/**
 * snic_vf_hw_link() - the PF's link state, read from STATUS
 * @vf: the VF
 * @speed: if not NULL, set to SPEED_10/100/1000 or SPEED_UNKNOWN
 * @duplex: if not NULL, set to DUPLEX_FULL/HALF or DUPLEX_UNKNOWN
 *
 * Return: true if the PF's link is up.
 */
bool snic_vf_hw_link(struct snic_vf *vf, u32 *speed, u8 *duplex)
{
	u32 status = vf_rd32(vf, SNIC_VF_STATUS);
	bool up = status != SNIC_DEAD && (status & SNIC_STATUS_LU);
	u32 s = SPEED_UNKNOWN;

	if (up) {
		switch (FIELD_GET(SNIC_STATUS_SPEED, status)) {
		case SNIC_STATUS_SPEED_10:
			s = SPEED_10;
			break;
		case SNIC_STATUS_SPEED_100:
			s = SPEED_100;
			break;
		default:
			s = SPEED_1000;
			break;
		}
	}
	if (speed)
		*speed = s;
	if (duplex)
		*duplex = !up ? DUPLEX_UNKNOWN :
			  (status & SNIC_STATUS_FD) ? DUPLEX_FULL : DUPLEX_HALF;
	return up;
}

static void snic_vf_counter_read(struct snic_vf *vf, struct snic_vf_counter *c,
				 u32 reg, bool rebase)
{
	u32 v = vf_rd32(vf, reg);

	if (rebase)
		snic_vf_counter_rebase(c, v);
	else
		snic_vf_counter_update(c, v);
}

/**
 * snic_vf_hw_stats_update() - fold the VF's counters into 64-bit totals
 * @vf: the VF
 * @rebase: take the current values as the new base without counting them
 *	(after a reset that may have cleared the registers)
 *
 * Must run at least once per wrap of the fastest counter (GORC wraps
 * after 4 GiB, about 34 s at line rate); the service work runs it every
 * SNIC_VF_STATS_FOLD_MS. Nothing is read once the device is gone.
 */
void snic_vf_hw_stats_update(struct snic_vf *vf, bool rebase)
{
	struct snic_vf_hw_stats *s = &vf->hw_stats;

	if (snic_vf_gone(vf))
		return;

	spin_lock_bh(&vf->stats_lock);
	snic_vf_counter_read(vf, &s->gprc, SNIC_VF_GPRC, rebase);
	snic_vf_counter_read(vf, &s->gptc, SNIC_VF_GPTC, rebase);
	snic_vf_counter_read(vf, &s->gorc, SNIC_VF_GORC, rebase);
	snic_vf_counter_read(vf, &s->gotc, SNIC_VF_GOTC, rebase);
	snic_vf_counter_read(vf, &s->mprc, SNIC_VF_MPRC, rebase);
	snic_vf_counter_read(vf, &s->gprlbc, SNIC_VF_GPRLBC, rebase);
	snic_vf_counter_read(vf, &s->gptlbc, SNIC_VF_GPTLBC, rebase);
	snic_vf_counter_read(vf, &s->gorlbc, SNIC_VF_GORLBC, rebase);
	snic_vf_counter_read(vf, &s->gotlbc, SNIC_VF_GOTLBC, rebase);
	spin_unlock_bh(&vf->stats_lock);
}
