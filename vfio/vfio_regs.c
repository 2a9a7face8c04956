// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vfio: the VF's own registers, carried beside the PF's blob.
 *
 * What the guest's driver programmed into the VF and would otherwise have
 * to set up again after a reset: both queues (rings, heads, tails, buffer
 * sizes, enables) and the interrupts (vector mapping, moderation, masks).
 * They are read through the VF's BAR at STOP -> STOP_COPY, from a VF the
 * PF holds stopped (receive and transmit off: nothing moves), and written
 * back at STOP -> RUNNING into the VF the PF loaded, still stopped. Then
 * the PF lets it run, and each transmit tail is written once more (the
 * device looks at a transmit ring when its tail is written) and each
 * vector the guest mapped is unmasked and raised once, so that its driver
 * looks at what came while it was away. The guest's driver sees no reset.
 *
 * The interrupt mask itself is not carried: a driver that auto-masks
 * (EIAM) has the vector it is serving masked at any moment, and QEMU's
 * model reads back EIMS as the last value written to it rather than the
 * mask. Every mapped vector is unmasked instead: at worst the driver
 * gets one interrupt more, for a ring it would have looked at anyway.
 *
 * The section follows the PF's blob in the migration data (little-endian):
 *
 *   offset size field
 *        0    4 magic    SNIC_VFIO_REGS_MAGIC
 *        4    2 version  SNIC_VFIO_REGS_VERSION
 *        6    2 count    SNIC_VFIO_NREGS, the entries that follow
 *        8   4n value    of each register carried, in snic_vfio_off() order
 *
 * The values are the VF's own registers: nothing a user of the VFIO
 * device could not write there itself, so they are written as they come.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include <sriovnic/csr_pf_vt.h>
#include <sriovnic/csr_vf.h>
#include <sriovnic/desc.h>

#include "vfio.h"

#define SNIC_VFIO_REGS_MAGIC	0x52564e53	/* "SNVR" */
#define SNIC_VFIO_REGS_VERSION	1
#define SNIC_VFIO_REGS_HDR	8

/*
 * The VF's registers carried, in the order written back: queue 0's, then
 * queue 1's (each ring before its enable; SNIC_VF_RXQ(1) and
 * SNIC_VF_TXQ(1) are queue 0's plus SNIC_VFIO_QSTRIDE), then the vector
 * mapping, moderation, auto-clear and auto-mask; the mask follows
 * (snic_vfio_mapped()).
 */
#define SNIC_VFIO_QSTRIDE	(SNIC_VF_RXQ(1) - SNIC_VF_RXQ(0))
static_assert(SNIC_VF_TXQ(1) - SNIC_VF_TXQ(0) == SNIC_VFIO_QSTRIDE);

static const u32 snic_vfio_queue_regs[] = {
	SNIC_VF_RXQ(0) + SNIC_RDBAL, SNIC_VF_RXQ(0) + SNIC_RDBAH,
	SNIC_VF_RXQ(0) + SNIC_RDLEN, SNIC_VF_RXQ(0) + SNIC_SRRCTL,
	SNIC_VF_RXQ(0) + SNIC_RXCTL, SNIC_VF_RXQ(0) + SNIC_RDH,
	SNIC_VF_RXQ(0) + SNIC_RDT,
	SNIC_VF_TXQ(0) + SNIC_TDBAL, SNIC_VF_TXQ(0) + SNIC_TDBAH,
	SNIC_VF_TXQ(0) + SNIC_TDLEN, SNIC_VF_TXQ(0) + SNIC_TXCTL,
	SNIC_VF_TXQ(0) + SNIC_TDWBAL, SNIC_VF_TXQ(0) + SNIC_TDWBAH,
	SNIC_VF_TXQ(0) + SNIC_TDH, SNIC_VF_TXQ(0) + SNIC_TDT,
	SNIC_VF_RXQ(0) + SNIC_RXDCTL, SNIC_VF_TXQ(0) + SNIC_TXDCTL,
};

static const u32 snic_vfio_irq_regs[] = {
	SNIC_VF_IVAR0, SNIC_VF_IVAR_MISC,
	SNIC_VF_EITR(0), SNIC_VF_EITR(1), SNIC_VF_EITR(2),
	SNIC_VF_EIAC, SNIC_VF_EIAM,
};

#define SNIC_VFIO_NQREGS	ARRAY_SIZE(snic_vfio_queue_regs)
static_assert(2 * SNIC_VFIO_NQREGS + ARRAY_SIZE(snic_vfio_irq_regs) ==
	      SNIC_VFIO_NREGS);
static_assert(SNIC_VFIO_REGS_HDR + 4 * SNIC_VFIO_NREGS == SNIC_VFIO_REGS_LEN);

/* The offset of carried register @i, 0 <= @i < SNIC_VFIO_NREGS. */
static u32 snic_vfio_off(unsigned int i)
{
	if (i < 2 * SNIC_VFIO_NQREGS)
		return snic_vfio_queue_regs[i % SNIC_VFIO_NQREGS] +
		       i / SNIC_VFIO_NQREGS * SNIC_VFIO_QSTRIDE;
	return snic_vfio_irq_regs[i - 2 * SNIC_VFIO_NQREGS];
}

#define SNIC_VFIO_VECTORS	GENMASK(SNIC_VF_MAX_VECTORS - 1, 0)

static void __iomem *snic_vfio_reg(struct snic_vfio *v, u32 off)
{
	return v->core.barmap[0] + off;
}

/* A carried register's value; 0 if it is not one of the list. */
static u32 snic_vfio_saved(const struct snic_vfio *v, u32 off)
{
	unsigned int i;

	for (i = 0; i < SNIC_VFIO_NREGS; i++)
		if (snic_vfio_off(i) == off)
			return v->regs[i];
	return 0;
}

/* The vectors the guest's driver mapped a queue or the mailbox to. */
static u32 snic_vfio_mapped(const struct snic_vfio *v)
{
	u32 ivar = snic_vfio_saved(v, SNIC_VF_IVAR0);
	u32 ent[] = {
		FIELD_GET(SNIC_VF_IVAR_RX0, ivar),
		FIELD_GET(SNIC_VF_IVAR_TX0, ivar),
		FIELD_GET(SNIC_VF_IVAR_RX1, ivar),
		FIELD_GET(SNIC_VF_IVAR_TX1, ivar),
		FIELD_GET(SNIC_VF_IVAR_MBX, snic_vfio_saved(v, SNIC_VF_IVAR_MISC)),
	};
	unsigned int i;
	u32 mask = 0;

	for (i = 0; i < ARRAY_SIZE(ent); i++)
		if ((ent[i] & SNIC_VF_IVAR_VALID) &&
		    (ent[i] & ~SNIC_VF_IVAR_VALID) < SNIC_VF_MAX_VECTORS)
			mask |= BIT(ent[i] & ~SNIC_VF_IVAR_VALID);
	return mask;
}

/**
 * snic_vfio_regs_save() - the stopped VF's registers, as the section
 * @v: the device, state_mutex held
 * @buf: SNIC_VFIO_REGS_LEN bytes
 *
 * Return: 0, or -EIO if the VF's memory is not enabled.
 */
int snic_vfio_regs_save(struct snic_vfio *v, u8 *buf)
{
	unsigned int i;
	u32 val;
	int err;

	lockdep_assert_held(&v->state_mutex);
	put_unaligned_le32(SNIC_VFIO_REGS_MAGIC, buf);
	put_unaligned_le16(SNIC_VFIO_REGS_VERSION, buf + 4);
	put_unaligned_le16(SNIC_VFIO_NREGS, buf + 6);
	for (i = 0; i < SNIC_VFIO_NREGS; i++) {
		err = vfio_pci_core_ioread32(&v->core, true, &val,
					     snic_vfio_reg(v, snic_vfio_off(i)));
		if (err)
			return err;
		put_unaligned_le32(val, buf + SNIC_VFIO_REGS_HDR + 4 * i);
	}
	return 0;
}

/**
 * snic_vfio_regs_decode() - check an incoming section and keep its values
 * @v: the device, state_mutex held
 * @buf: the section
 * @len: its length
 *
 * Return: 0 (@v->regs holds the values, @v->regs_loaded is set),
 * -EMSGSIZE for the wrong length, -EINVAL if it is not a section of ours,
 * -EPROTONOSUPPORT for another version or register list.
 */
int snic_vfio_regs_decode(struct snic_vfio *v, const u8 *buf, size_t len)
{
	unsigned int i;

	lockdep_assert_held(&v->state_mutex);
	if (len != SNIC_VFIO_REGS_LEN)
		return -EMSGSIZE;
	if (get_unaligned_le32(buf) != SNIC_VFIO_REGS_MAGIC)
		return -EINVAL;
	if (get_unaligned_le16(buf + 4) != SNIC_VFIO_REGS_VERSION ||
	    get_unaligned_le16(buf + 6) != SNIC_VFIO_NREGS)
		return -EPROTONOSUPPORT;
	for (i = 0; i < SNIC_VFIO_NREGS; i++)
		v->regs[i] = get_unaligned_le32(buf + SNIC_VFIO_REGS_HDR + 4 * i);
	v->regs_loaded = true;
	return 0;
}

/**
 * snic_vfio_regs_restore() - write a loaded section into the stopped VF
 * @v: the device, state_mutex held, @v->regs_loaded set
 *
 * Return: 0, or -EIO if the VF's memory is not enabled.
 */
int snic_vfio_regs_restore(struct snic_vfio *v)
{
	unsigned int i;
	u32 off;
	int err;

	lockdep_assert_held(&v->state_mutex);
	err = vfio_pci_core_iowrite32(&v->core, true, SNIC_VFIO_VECTORS,
				      snic_vfio_reg(v, SNIC_VF_EIMC));
	for (i = 0; i < SNIC_VFIO_NREGS && !err; i++) {
		off = snic_vfio_off(i);
		err = vfio_pci_core_iowrite32(&v->core, true, v->regs[i],
					      snic_vfio_reg(v, off));
	}
	if (!err)
		err = vfio_pci_core_iowrite32(&v->core, true, snic_vfio_mapped(v),
					      snic_vfio_reg(v, SNIC_VF_EIMS));
	return err;
}

/**
 * snic_vfio_regs_kick() - the restored VF runs: look at its rings again
 * @v: the device, state_mutex held, @v->regs_loaded set
 *
 * Writes each transmit tail again (what the guest queued before the stop
 * is sent now) and raises each vector the guest mapped once. Clears
 * @v->regs_loaded.
 */
void snic_vfio_regs_kick(struct snic_vfio *v)
{
	static const u32 tails[] = {
		SNIC_VF_TXQ(0) + SNIC_TDT, SNIC_VF_TXQ(1) + SNIC_TDT,
	};
	u32 mapped = snic_vfio_mapped(v);
	unsigned int i;

	lockdep_assert_held(&v->state_mutex);
	v->regs_loaded = false;
	for (i = 0; i < ARRAY_SIZE(tails); i++)
		vfio_pci_core_iowrite32(&v->core, true,
					snic_vfio_saved(v, tails[i]),
					snic_vfio_reg(v, tails[i]));
	if (mapped)
		vfio_pci_core_iowrite32(&v->core, true, mapped,
					snic_vfio_reg(v, SNIC_VF_EICS));
}
