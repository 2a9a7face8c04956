// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: MSI-X. Two vectors: "other" (link status and the VF
 * mailbox, requested at probe because VFs need it while the PF netdev is
 * down) and one for the PF's queue pair (requested at open).
 *
 * The 25 EICR bits are shared with the VFs: VF v's vector k is EICR bit
 * 22 - 3v + k, so with 7 VFs the PF owns bits 0-3 only. The PF uses bit 0
 * for "other" and bit 1 for its queues, and auto-clears both through EIAC.
 * EICR is never read: on QEMU's model that would clear the VFs' bits too.
 * The other vector reads ICR instead (clear on read with GPIE.NSICR).
 */
#include <linux/error-injection.h>
#include <linux/interrupt.h>
#include <linux/pci.h>

#include "pf.h"
#include "pf_hw.h"

#define SNIC_PF_EICR_OTHER	BIT(SNIC_PF_VEC_OTHER)
#define SNIC_PF_EICR_QUEUE	BIT(SNIC_PF_VEC_QUEUE)
#define SNIC_PF_EICR_ALL	(SNIC_PF_EICR_OTHER | SNIC_PF_EICR_QUEUE)

/*
 * The other vector (mailbox, VF resets, link): at most one interrupt per
 * 200 us, so no VF can make the PF take more than 5000 a second by
 * hammering its mailbox or resetting itself in a loop.
 */
#define SNIC_PF_OTHER_ITR_USECS	200

/* The causes the other vector serves. */
#define SNIC_PF_IMS_OTHER	(SNIC_ICR_LSC | SNIC_ICR_VMMB)

/* Run the watchdog now, unless remove() is stopping it (see there). */
static void snic_pf_watchdog_now(struct snic_pf *pf)
{
	if (!READ_ONCE(pf->removing))
		mod_delayed_work(system_wq, &pf->watchdog, 0);
}

static irqreturn_t snic_pf_other_irq(int irq, void *data)
{
	struct snic_pf *pf = data;
	u32 icr;

	icr = pf_rd32(pf, SNIC_ICR);
	if (snic_pf_dead(pf)) {
		/* Let the watchdog report it and take the carrier down. */
		snic_pf_watchdog_now(pf);
		return IRQ_HANDLED;
	}

	pf->irq_other++;
	if (icr & SNIC_ICR_LSC) {
		pf->irq_lsc++;
		snic_pf_watchdog_now(pf);
	}
	if (icr & SNIC_ICR_VMMB) {
		pf->irq_mbx++;
		snic_pf_sriov_irq(pf);
	}
	return IRQ_HANDLED;
}

static irqreturn_t snic_pf_queue_irq(int irq, void *data)
{
	struct snic_pf *pf = data;

	/* Never masked: see snic_pf_irq_queue_enable(). */
	napi_schedule_irqoff(&pf->napi);
	return IRQ_HANDLED;
}

/**
 * snic_pf_irq_init() - allocate the MSI-X vectors, request "other"
 * @pf: the PF
 *
 * Return: 0 or a negative errno (MSI-X is required: without it no VF
 * interrupt could ever be delivered).
 */
noinline __noclone int snic_pf_irq_init(struct snic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;
	int n, err;

	n = pci_alloc_irq_vectors(pdev, SNIC_PF_NUM_VECS, SNIC_PF_NUM_VECS,
				  PCI_IRQ_MSIX);
	if (n < 0) {
		dev_err(&pdev->dev, "cannot get %u MSI-X vectors: %d\n",
			SNIC_PF_NUM_VECS, n);
		return n;
	}

	snprintf(pf->other_irq_name, sizeof(pf->other_irq_name), "%s-other",
		 pci_name(pdev));
	err = request_irq(pci_irq_vector(pdev, SNIC_PF_VEC_OTHER),
			  snic_pf_other_irq, 0, pf->other_irq_name, pf);
	if (err) {
		dev_err(&pdev->dev, "cannot request the other irq: %d\n", err);
		goto free_vectors;
	}
	return 0;

free_vectors:
	pci_free_irq_vectors(pdev);
	return err;
}
ALLOW_ERROR_INJECTION(snic_pf_irq_init, ERRNO);

/**
 * snic_pf_irq_sync_other() - wait for a running "other" handler to finish
 * @pf: the PF
 */
void snic_pf_irq_sync_other(struct snic_pf *pf)
{
	synchronize_irq(pci_irq_vector(pf->pdev, SNIC_PF_VEC_OTHER));
}

/**
 * snic_pf_irq_fini() - mirror of snic_pf_irq_init()
 * @pf: the PF
 */
void snic_pf_irq_fini(struct snic_pf *pf)
{
	struct pci_dev *pdev = pf->pdev;

	pf_wr32(pf, SNIC_IMC, SNIC_ICR_ALL);
	pf_wr32(pf, SNIC_EIMC, SNIC_PF_EICR_ALL);
	pf_flush(pf);
	free_irq(pci_irq_vector(pdev, SNIC_PF_VEC_OTHER), pf);
	pci_free_irq_vectors(pdev);
}

/**
 * snic_pf_irq_hw_init() - program the interrupt block after a reset
 * @pf: the PF, cfg_lock held
 *
 * MSI-X mode (without it VF interrupts never fire), ICR clear on read,
 * the routing of the PF's queue pair and of the other causes, EITR (the
 * other vector's too: VFs raise its causes at will), and the other
 * vector unmasked. The queue vector stays masked until open.
 */
void snic_pf_irq_hw_init(struct snic_pf *pf)
{
	u32 ivar;

	lockdep_assert_held(&pf->cfg_lock);

	pf_wr32(pf, SNIC_GPIE, SNIC_GPIE_MSIX_MODE | SNIC_GPIE_NSICR |
		SNIC_GPIE_PBA);

	ivar = SNIC_IVAR_VALID | SNIC_PF_VEC_QUEUE;
	pf_wr32(pf, SNIC_IVAR0(SNIC_PF_HWQ), ivar | ivar << 8);
	pf_wr32(pf, SNIC_IVAR_MISC,
		FIELD_PREP(SNIC_IVAR_MISC_OTHER,
			   SNIC_IVAR_VALID | SNIC_PF_VEC_OTHER));

	pf_wr32(pf, SNIC_EIAC, SNIC_PF_EICR_ALL);
	pf_wr32(pf, SNIC_EITR(SNIC_PF_VEC_OTHER),
		FIELD_PREP(SNIC_EITR_INTERVAL, SNIC_PF_OTHER_ITR_USECS) |
		SNIC_EITR_CNT_IGNR);
	snic_pf_irq_set_itr(pf);

	pf_wr32(pf, SNIC_IMC, SNIC_ICR_ALL);
	pf_rd32(pf, SNIC_ICR);
	pf_wr32(pf, SNIC_IMS, SNIC_PF_IMS_OTHER);
	pf_wr32(pf, SNIC_EIMS, SNIC_PF_EICR_OTHER);
	pf_flush(pf);
}

/**
 * snic_pf_irq_set_itr() - program the queue vector's EITR
 * @pf: the PF
 *
 * Interval in microseconds from &snic_pf.itr_usecs; 0 means no
 * moderation. CNT_IGNR keeps the running counter.
 */
void snic_pf_irq_set_itr(struct snic_pf *pf)
{
	pf_wr32(pf, SNIC_EITR(SNIC_PF_VEC_QUEUE),
		FIELD_PREP(SNIC_EITR_INTERVAL, pf->itr_usecs) |
		SNIC_EITR_CNT_IGNR);
}

/**
 * snic_pf_irq_queue_request() - request the queue vector (open)
 * @pf: the PF
 *
 * NAPI must be enabled before: the vector may fire at once.
 *
 * Return: 0 or a negative errno.
 */
noinline __noclone int snic_pf_irq_queue_request(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	unsigned int irq = pci_irq_vector(pf->pdev, SNIC_PF_VEC_QUEUE);
	int err;

	snprintf(pf->queue_irq_name, sizeof(pf->queue_irq_name),
		 "%s-TxRx-0", dev->name);
	err = request_irq(irq, snic_pf_queue_irq, 0, pf->queue_irq_name, pf);
	if (err) {
		netdev_err(dev, "cannot request the queue irq: %d\n", err);
		return err;
	}
	return 0;
}
ALLOW_ERROR_INJECTION(snic_pf_irq_queue_request, ERRNO);

/**
 * snic_pf_irq_queue_free() - mirror of snic_pf_irq_queue_request()
 * @pf: the PF
 */
void snic_pf_irq_queue_free(struct snic_pf *pf)
{
	unsigned int irq = pci_irq_vector(pf->pdev, SNIC_PF_VEC_QUEUE);

	snic_pf_irq_queue_enable(pf, false);
	synchronize_irq(irq);
	free_irq(irq, pf);
}

/**
 * snic_pf_irq_queue_enable() - unmask or mask the queue vector
 * @pf: the PF
 * @on: unmask
 *
 * Only open and close mask it. Its cause auto-clears (EIAC) and nothing
 * auto-masks (GPIE.EIAME clear), so neither the handler nor the NAPI
 * poll writes EIMC or EIMS: EITR spaces the interrupts, and one that
 * comes while NAPI runs finds it scheduled and costs one more poll, where
 * masking would cost two register writes per interrupt
 * (tests/vm/pf-irq-writes.sh counts them).
 */
void snic_pf_irq_queue_enable(struct snic_pf *pf, bool on)
{
	pf_wr32(pf, on ? SNIC_EIMS : SNIC_EIMC, SNIC_PF_EICR_QUEUE);
}

/**
 * snic_pf_irq_queue_kick() - raise the queue vector by software
 * @pf: the PF
 *
 * Used after open so that buffers the device filled while the vector
 * was masked are not left waiting for the next frame.
 */
void snic_pf_irq_queue_kick(struct snic_pf *pf)
{
	pf_wr32(pf, SNIC_EICS, SNIC_PF_EICR_QUEUE);
}
