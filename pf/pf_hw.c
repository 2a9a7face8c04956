// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: global reset, MAC address, PHY access through MDIC, link
 * state and the MAC statistics. Everything here that waits is bounded and
 * gives up as soon as the device reads all-ones.
 */
#include <linux/delay.h>
#include <linux/error-injection.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/iopoll.h>
#include <linux/mii.h>

#include "pf.h"
#include "pf_hw.h"

/* The 82576 finishes a global reset in about 1 ms; allow plenty more. */
#define SNIC_PF_RESET_POLL_US	1000
#define SNIC_PF_RESET_WAIT_US	100000
/* An MDIC transaction takes about 64 us on the wire. */
#define SNIC_PF_MDIC_POLL_US	10
#define SNIC_PF_MDIC_WAIT_US	10000

/**
 * snic_pf_hw_reset() - global device reset
 * @pf: the PF
 *
 * Sets CTRL.RST and waits, bounded, for it to self-clear. Every MAC
 * register returns to its default, the VFs' included (their mailboxes
 * show RSTI until CTRL_EXT.PFRSTD). The caller reprograms the device.
 *
 * Return: 0, -ENODEV when the device is gone, -ETIMEDOUT.
 */
noinline __noclone int snic_pf_hw_reset(struct snic_pf *pf)
{
	u32 ctrl;
	int err;

	if (snic_pf_dead(pf))
		return -ENODEV;

	/* Nothing may interrupt or DMA across the reset. */
	pf_wr32(pf, SNIC_IMC, SNIC_ICR_ALL);
	pf_wr32(pf, SNIC_RCTL, 0);
	pf_wr32(pf, SNIC_TCTL, SNIC_TCTL_PSP);
	pf_flush(pf);
	usleep_range(2000, 4000);

	ctrl = pf_rd32(pf, SNIC_CTRL);
	pf_wr32(pf, SNIC_CTRL, ctrl | SNIC_CTRL_RST);
	usleep_range(1000, 2000);

	err = read_poll_timeout(pf_rd32, ctrl,
				snic_pf_dead(pf) || !(ctrl & SNIC_CTRL_RST),
				SNIC_PF_RESET_POLL_US, SNIC_PF_RESET_WAIT_US,
				false, pf, SNIC_CTRL);
	if (snic_pf_dead(pf))
		return -ENODEV;
	if (err) {
		dev_err(&pf->pdev->dev, "global reset did not complete\n");
		return err;
	}

	/* A reset leaves interrupts enabled on some parts: mask them again. */
	pf_wr32(pf, SNIC_IMC, SNIC_ICR_ALL);
	pf_rd32(pf, SNIC_ICR);
	return snic_pf_dead(pf) ? -ENODEV : 0;
}
ALLOW_ERROR_INJECTION(snic_pf_hw_reset, ERRNO);

/**
 * snic_pf_hw_read_mac() - the permanent MAC address
 * @pf: the PF
 * @mac: ETH_ALEN bytes, filled in
 *
 * After a reset the device loads receive address 0 from its EEPROM. A
 * blank EEPROM reads all-ones there: data (an invalid address), not a
 * dead device.
 *
 * Return: true when that address is a valid unicast address.
 */
bool snic_pf_hw_read_mac(struct snic_pf *pf, u8 *mac)
{
	u32 ral = pf_rd32_data(pf, SNIC_MAC_RAL0);
	u32 rah = pf_rd32_data(pf, SNIC_MAC_RAH0);
	u16 hi = FIELD_GET(SNIC_MAC_RAH_ADDR, rah);

	pf_flush(pf);
	if (snic_pf_dead(pf)) {
		eth_zero_addr(mac);
		return false;
	}

	mac[0] = ral;
	mac[1] = ral >> 8;
	mac[2] = ral >> 16;
	mac[3] = ral >> 24;
	mac[4] = hi;
	mac[5] = hi >> 8;
	return is_valid_ether_addr(mac);
}

/* One MDIC transaction; the caller holds cfg_lock. */
static int snic_pf_mdic(struct snic_pf *pf, u32 cmd, u32 *out)
{
	u32 mdic;
	int err;

	lockdep_assert_held(&pf->cfg_lock);

	pf_wr32(pf, SNIC_MDIC, cmd);
	err = read_poll_timeout(pf_rd32, mdic,
				snic_pf_dead(pf) ||
				(mdic & (SNIC_MDIC_READY | SNIC_MDIC_ERROR)),
				SNIC_PF_MDIC_POLL_US, SNIC_PF_MDIC_WAIT_US,
				false, pf, SNIC_MDIC);
	if (snic_pf_dead(pf))
		return -ENODEV;
	if (err)
		return -ETIMEDOUT;
	if (mdic & SNIC_MDIC_ERROR)
		return -EIO;
	*out = mdic;
	return 0;
}

/**
 * snic_pf_phy_read() - read a PHY register
 * @pf: the PF, cfg_lock held
 * @reg: MII register number
 * @val: filled in
 *
 * Return: 0 or a negative errno.
 */
int snic_pf_phy_read(struct snic_pf *pf, u32 reg, u16 *val)
{
	u32 mdic;
	int err;

	err = snic_pf_mdic(pf, FIELD_PREP(SNIC_MDIC_REG, reg) |
			   FIELD_PREP(SNIC_MDIC_PHY, SNIC_PHY_ADDR) |
			   SNIC_MDIC_OP_READ, &mdic);
	if (!err)
		*val = FIELD_GET(SNIC_MDIC_DATA, mdic);
	return err;
}

/**
 * snic_pf_phy_write() - write a PHY register
 * @pf: the PF, cfg_lock held
 * @reg: MII register number
 * @val: value
 *
 * Return: 0 or a negative errno.
 */
int snic_pf_phy_write(struct snic_pf *pf, u32 reg, u16 val)
{
	u32 mdic;

	return snic_pf_mdic(pf, FIELD_PREP(SNIC_MDIC_DATA, val) |
			    FIELD_PREP(SNIC_MDIC_REG, reg) |
			    FIELD_PREP(SNIC_MDIC_PHY, SNIC_PHY_ADDR) |
			    SNIC_MDIC_OP_WRITE, &mdic);
}

/**
 * snic_pf_link_restart() - (re)start autonegotiation on the copper PHY
 * @pf: the PF, cfg_lock held
 *
 * The MAC follows the PHY (CTRL.SLU, no forced speed or duplex). The link
 * comes up asynchronously; the LSC interrupt and the watchdog see it.
 *
 * Return: 0 or a negative errno from the PHY access.
 */
int snic_pf_link_restart(struct snic_pf *pf)
{
	u16 bmcr;
	u32 ctrl;
	int err;

	ctrl = pf_rd32(pf, SNIC_CTRL);
	ctrl &= ~(SNIC_CTRL_PHY_RST | SNIC_CTRL_RST);
	pf_wr32(pf, SNIC_CTRL, ctrl | SNIC_CTRL_SLU);

	err = snic_pf_phy_read(pf, MII_BMCR, &bmcr);
	if (err)
		return err;
	bmcr &= ~(BMCR_PDOWN | BMCR_ISOLATE | BMCR_LOOPBACK);
	return snic_pf_phy_write(pf, MII_BMCR,
				 bmcr | BMCR_ANENABLE | BMCR_ANRESTART);
}

/**
 * snic_pf_link_get() - current link state from STATUS
 * @pf: the PF
 * @link: filled in; down when the device is gone
 */
void snic_pf_link_get(struct snic_pf *pf, struct snic_pf_link *link)
{
	u32 status = pf_rd32(pf, SNIC_STATUS);

	link->up = !snic_pf_dead(pf) && (status & SNIC_STATUS_LU);
	link->speed = SPEED_UNKNOWN;
	link->duplex = DUPLEX_UNKNOWN;
	if (!link->up)
		return;

	switch (FIELD_GET(SNIC_STATUS_SPEED, status)) {
	case SNIC_STATUS_SPEED_10:
		link->speed = SPEED_10;
		break;
	case SNIC_STATUS_SPEED_100:
		link->speed = SPEED_100;
		break;
	default:
		link->speed = SPEED_1000;
		break;
	}
	link->duplex = (status & SNIC_STATUS_FD) ? DUPLEX_FULL : DUPLEX_HALF;
}

/*
 * RCTL is shared with the SR-IOV half, which owns UPE, MPE and VFE from
 * ndo_set_rx_mode (atomic context): every read-modify-write of it holds
 * the filter lock.
 */
static void snic_pf_rctl_update(struct snic_pf *pf, u32 clear, u32 set)
{
	u32 rctl;

	spin_lock_bh(&pf->sriov.filter_lock);
	rctl = pf_rd32(pf, SNIC_RCTL);
	pf_wr32(pf, SNIC_RCTL, (rctl & ~clear) | set);
	spin_unlock_bh(&pf->sriov.filter_lock);
}

/**
 * snic_pf_hw_configure() - MAC-wide set-up after a reset
 * @pf: the PF, cfg_lock held
 *
 * Frames up to SNIC_MAX_FRAME are accepted globally (the per-pool limits
 * in VMOLR narrow it per PF/VF); the CRC is stripped; broadcast accepted;
 * RX IP/L4 checksum offload on. The transmitter pads short frames. Neither
 * direction is enabled here.
 */
void snic_pf_hw_configure(struct snic_pf *pf)
{
	lockdep_assert_held(&pf->cfg_lock);

	pf_wr32(pf, SNIC_CTRL_EXT,
		pf_rd32(pf, SNIC_CTRL_EXT) | SNIC_CTRL_EXT_DRV_LOAD);
	pf_wr32(pf, SNIC_RLPML, SNIC_MAX_FRAME);
	snic_pf_rctl_update(pf, SNIC_RCTL_EN,
			    SNIC_RCTL_LPE | SNIC_RCTL_BAM | SNIC_RCTL_SECRC);
	pf_wr32(pf, SNIC_RXCSUM, SNIC_RXCSUM_IPOFL | SNIC_RXCSUM_TUOFL |
		SNIC_RXCSUM_CRCOFL);
	pf_wr32(pf, SNIC_TCTL, SNIC_TCTL_PSP | SNIC_TCTL_RTLC |
		FIELD_PREP(SNIC_TCTL_CT, 0x0f) |
		FIELD_PREP(SNIC_TCTL_COLD, 0x3f));
}

/**
 * snic_pf_hw_rx_enable() - global receive enable
 * @pf: the PF
 * @on: enable or disable
 *
 * Receive stays enabled while VFs exist even when the PF is down: it
 * gates VF traffic too. The caller decides.
 */
void snic_pf_hw_rx_enable(struct snic_pf *pf, bool on)
{
	snic_pf_rctl_update(pf, on ? 0 : SNIC_RCTL_EN, on ? SNIC_RCTL_EN : 0);
}

/**
 * snic_pf_hw_tx_enable() - global transmit enable
 * @pf: the PF
 * @on: enable or disable
 */
void snic_pf_hw_tx_enable(struct snic_pf *pf, bool on)
{
	u32 tctl = pf_rd32(pf, SNIC_TCTL);

	if (on)
		tctl |= SNIC_TCTL_EN;
	else
		tctl &= ~SNIC_TCTL_EN;
	pf_wr32(pf, SNIC_TCTL, tctl);
}

/**
 * snic_pf_hw_release() - hand the device back (remove)
 * @pf: the PF
 *
 * Stops receive and transmit and clears CTRL_EXT.DRV_LOAD.
 */
void snic_pf_hw_release(struct snic_pf *pf)
{
	if (snic_pf_dead(pf))
		return;
	pf_wr32(pf, SNIC_IMC, SNIC_ICR_ALL);
	snic_pf_hw_rx_enable(pf, false);
	snic_pf_hw_tx_enable(pf, false);
	pf_wr32(pf, SNIC_CTRL_EXT,
		pf_rd32(pf, SNIC_CTRL_EXT) & ~SNIC_CTRL_EXT_DRV_LOAD);
	pf_flush(pf);
}

/* A 64-bit counter split over a low and a high register (low first). */
/*
 * The clear-on-read statistics registers and the field each one is folded
 * into; @hi is the upper half of a 64-bit counter (0: a 32-bit one).
 */
struct snic_pf_hw_stat_reg {
	u16 field;
	u16 lo;
	u16 hi;
};

#define SNIC_STAT32(f, reg) \
	{ offsetof(struct snic_pf_hw_stats, f), SNIC_##reg, 0 }
#define SNIC_STAT64(f, reg) \
	{ offsetof(struct snic_pf_hw_stats, f), SNIC_##reg##L, SNIC_##reg##H }

static const struct snic_pf_hw_stat_reg snic_pf_hw_stat_regs[] = {
	SNIC_STAT32(crcerrs, CRCERRS),	SNIC_STAT32(algnerrc, ALGNERRC),
	SNIC_STAT32(rxerrc, RXERRC),	SNIC_STAT32(mpc, MPC),
	SNIC_STAT32(colc, COLC),	SNIC_STAT32(rlec, RLEC),
	SNIC_STAT32(xonrxc, XONRXC),	SNIC_STAT32(xontxc, XONTXC),
	SNIC_STAT32(xoffrxc, XOFFRXC),	SNIC_STAT32(xofftxc, XOFFTXC),
	SNIC_STAT32(gprc, GPRC),	SNIC_STAT32(bprc, BPRC),
	SNIC_STAT32(mprc, MPRC),	SNIC_STAT32(gptc, GPTC),
	SNIC_STAT64(gorc, GORC),	SNIC_STAT64(gotc, GOTC),
	SNIC_STAT32(rnbc, RNBC),	SNIC_STAT32(ruc, RUC),
	SNIC_STAT32(rfc, RFC),		SNIC_STAT32(roc, ROC),
	SNIC_STAT32(rjc, RJC),		SNIC_STAT64(tor, TOR),
	SNIC_STAT64(tot, TOT),		SNIC_STAT32(tpr, TPR),
	SNIC_STAT32(tpt, TPT),		SNIC_STAT32(mptc, MPTC),
	SNIC_STAT32(bptc, BPTC),	SNIC_STAT32(tsctc, TSCTC),
};

/* Every field of struct snic_pf_hw_stats has its register above. */
static_assert(ARRAY_SIZE(snic_pf_hw_stat_regs) ==
	      sizeof(struct snic_pf_hw_stats) / sizeof(u64));

/**
 * snic_pf_hw_stats_update() - fold the clear-on-read counters in
 * @pf: the PF
 *
 * Called from the watchdog (often enough that no 32-bit counter wraps at
 * 1 Gb/s), from ndo_get_stats64 and from ethtool -S. Takes stats_lock.
 */
void snic_pf_hw_stats_update(struct snic_pf *pf)
{
	u64 d[ARRAY_SIZE(snic_pf_hw_stat_regs)];
	unsigned long flags;
	unsigned int i;

	if (snic_pf_dead(pf) || test_bit(SNIC_PF_RESETTING, &pf->state))
		return;

	spin_lock_irqsave(&pf->stats_lock, flags);
	for (i = 0; i < ARRAY_SIZE(snic_pf_hw_stat_regs); i++) {
		const struct snic_pf_hw_stat_reg *r = &snic_pf_hw_stat_regs[i];

		/* Counters pass through all-ones: data, see pf_rd32(). */
		d[i] = pf_rd32_data(pf, r->lo);
		if (r->hi)
			d[i] |= (u64)pf_rd32_data(pf, r->hi) << 32;
	}

	/* A device that vanished mid-way read all-ones: keep the totals. */
	pf_flush(pf);
	if (!snic_pf_dead(pf))
		for (i = 0; i < ARRAY_SIZE(snic_pf_hw_stat_regs); i++)
			*(u64 *)((u8 *)&pf->hw_stats +
				 snic_pf_hw_stat_regs[i].field) += d[i];
	spin_unlock_irqrestore(&pf->stats_lock, flags);
}
