// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: MSI-X vectors, their handlers and NAPI.
 *
 * A VF has up to three vectors; the driver uses them as
 *
 *   3 granted: 0 RX and TX (one NAPI), 1 and 2 mailbox
 *   2 granted: 0 RX and TX, 1 mailbox
 *   1 granted: 0 everything
 *
 * The mailbox vector (the last) is programmed in IVAR_MISC, but not every
 * device delivers the mailbox interrupt there: QEMU's model treats the
 * field as a bit position and raises the vector before it instead (1 for
 * 2, 0 for 1). With three vectors that one carries no ring either, so a
 * queue interrupt never has to wonder whether it was the mailbox: it
 * schedules NAPI and reads or runs nothing else. Only a ring vector that
 * may also carry the mailbox (@snic_vf_vector.mbx: fewer than three
 * vectors) wakes mailbox waiters and runs the service work, at most once
 * a jiffy. A PF reset raises no interrupt at all, so that work also runs
 * on its own timer (vf_link.c). Handlers never touch the mailbox registers
 * themselves: its status bits clear on read and belong to whoever holds
 * &snic_vf.mbx_lock.
 */
#include <linux/bitfield.h>
#include <linux/error-injection.h>
#include <linux/interrupt.h>

#include "vf.h"

static u32 snic_vf_queue_eims(const struct snic_vf *vf)
{
	u32 mask = 0;
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++)
		if (vf->vec[i].rx || vf->vec[i].tx)
			mask |= vf->vec[i].eims;
	return mask;
}

static unsigned int snic_vf_mbx_vector(const struct snic_vf *vf)
{
	return vf->num_vec - 1;
}

/* Queue interrupts may come thousands of times a second: schedule the
 * service work at most once a jiffy; mailbox waiters are woken every time.
 */
static void snic_vf_irq_mbx_check(struct snic_vf *vf)
{
	unsigned long now = jiffies;

	snic_mbx_notify(&vf->mbx);
	if (READ_ONCE(vf->service_asked) != now) {
		WRITE_ONCE(vf->service_asked, now);
		snic_vf_service_now(vf);
	}
}

static irqreturn_t snic_vf_msix_ring(int irq, void *data)
{
	struct snic_vf_vector *v = data;

	if (v->mbx)
		snic_vf_irq_mbx_check(v->vf);
	napi_schedule_irqoff(&v->napi);
	return IRQ_HANDLED;
}

static irqreturn_t snic_vf_msix_mbx(int irq, void *data)
{
	struct snic_vf_vector *v = data;

	snic_mbx_notify(&v->vf->mbx);
	snic_vf_service_now(v->vf);
	return IRQ_HANDLED;
}

static int snic_vf_poll(struct napi_struct *napi, int budget)
{
	struct snic_vf_vector *v = container_of(napi, struct snic_vf_vector,
						napi);
	bool tx_done = true;
	int work = 0;

	if (v->tx)
		tx_done = snic_ring_clean_tx(v->tx, budget);
	if (v->rx)
		work = snic_ring_clean_rx(v->rx, napi, budget);
	if (!tx_done || work >= budget)
		return budget;

	/* Never masked: nothing to re-arm (see snic_vf_irq_enable()). */
	napi_complete_done(napi, work);
	return work;
}

/* Decide which vector serves what, for @vf->num_vec vectors. */
static void snic_vf_vectors_assign(struct snic_vf *vf)
{
	unsigned int i;

	unsigned int mbx = snic_vf_mbx_vector(vf);

	for (i = 0; i < vf->num_vec; i++) {
		vf->vec[i].vf = vf;
		vf->vec[i].eims = BIT(i);
		/* Mailbox-only vectors unthrottled: an answer is not delayed. */
		vf->vec[i].itr_usecs = 0;
		vf->vec[i].rx = NULL;
		vf->vec[i].tx = NULL;
		/* Where IVAR_MISC says, or where the model takes it to say. */
		vf->vec[i].mbx = i == mbx || i + 1 == mbx;
	}
	/*
	 * One queue vector for both rings: a TX completion rides on the
	 * RX interrupt that a reply brings anyway.
	 */
	vf->vec[0].rx = &vf->rx_ring;
	vf->vec[0].tx = &vf->tx_ring;
	vf->vec[0].itr_usecs = SNIC_VF_DEF_ITR_USECS;
}

/* A queue vector's NAPI: named by its rings, tied to its interrupt. */
static void snic_vf_vector_napi_add(struct snic_vf_vector *v)
{
	netif_napi_add(v->vf->netdev, &v->napi, snic_vf_poll);
	snic_napi_set_irq(&v->napi, v->irq);
	if (v->rx)
		snic_ring_set_napi(v->rx, &v->napi);
	if (v->tx)
		snic_ring_set_napi(v->tx, &v->napi);
}

static const char *snic_vf_vector_role(const struct snic_vf_vector *v)
{
	if (v->rx && v->tx)
		return "rxtx";
	if (v->rx)
		return "rx";
	if (v->tx)
		return "tx";
	return "mbx";
}

/**
 * snic_vf_irq_init() - allocate vectors, add NAPI, request interrupts
 * @vf: the VF; its netdev is allocated, not registered
 *
 * Asks for three MSI-X vectors and makes do with fewer. Interrupts are
 * requested here, once, and stay until remove: the mailbox must be
 * served while the interface is down too.
 *
 * Return: 0 or a negative errno; nothing is left allocated on error.
 */
noinline __noclone int snic_vf_irq_init(struct snic_vf *vf)
{
	struct pci_dev *pdev = vf->pdev;
	int nvec, err;
	unsigned int i;

	nvec = pci_alloc_irq_vectors(pdev, 1, SNIC_VF_MAX_VECTORS,
				     PCI_IRQ_MSIX);
	if (nvec < 0) {
		dev_err(&pdev->dev, "no MSI-X vectors: %d\n", nvec);
		return nvec;
	}
	if (nvec < SNIC_VF_MAX_VECTORS)
		dev_info(&pdev->dev, "%d of %d MSI-X vectors granted\n", nvec,
			 SNIC_VF_MAX_VECTORS);
	vf->num_vec = nvec;
	snic_vf_vectors_assign(vf);

	for (i = 0; i < vf->num_vec; i++) {
		struct snic_vf_vector *v = &vf->vec[i];
		bool ring = v->rx || v->tx;

		snprintf(v->name, sizeof(v->name), "snicvf-%s-%s",
			 pci_name(pdev), snic_vf_vector_role(v));
		v->irq = pci_irq_vector(pdev, i);
		if (ring)
			snic_vf_vector_napi_add(v);
		err = request_irq(v->irq, ring ? snic_vf_msix_ring :
						 snic_vf_msix_mbx,
				  0, v->name, v);
		if (err) {
			dev_err(&pdev->dev, "cannot request %s: %d\n",
				v->name, err);
			if (ring)
				netif_napi_del(&v->napi);
			goto err_unwind;
		}
	}
	return 0;

err_unwind:
	while (i--) {
		free_irq(vf->vec[i].irq, &vf->vec[i]);
		if (vf->vec[i].rx || vf->vec[i].tx)
			netif_napi_del(&vf->vec[i].napi);
	}
	pci_free_irq_vectors(pdev);
	vf->num_vec = 0;
	return err;
}
ALLOW_ERROR_INJECTION(snic_vf_irq_init, ERRNO);

/**
 * snic_vf_irq_free() - undo snic_vf_irq_init()
 * @vf: the VF; the datapath is stopped
 *
 * Masks every vector in the device first. After this no handler runs
 * and none can run the service work.
 */
void snic_vf_irq_free(struct snic_vf *vf)
{
	unsigned int i;

	vf_wr32(vf, SNIC_VF_EIMC, GENMASK(SNIC_VF_MAX_VECTORS - 1, 0));
	for (i = 0; i < vf->num_vec; i++) {
		free_irq(vf->vec[i].irq, &vf->vec[i]);
		if (vf->vec[i].rx || vf->vec[i].tx)
			netif_napi_del(&vf->vec[i].napi);
	}
	pci_free_irq_vectors(vf->pdev);
	vf->num_vec = 0;
}

/**
 * snic_vf_irq_set_itr() - program every vector's interrupt throttle
 * @vf: the VF
 */
void snic_vf_irq_set_itr(struct snic_vf *vf)
{
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++)
		vf_wr32(vf, SNIC_VF_EITR(i),
			FIELD_PREP(SNIC_VF_EITR_INTERVAL,
				   vf->vec[i].itr_usecs));
}

/**
 * snic_vf_irq_map() - program queue and mailbox vector allocation
 * @vf: the VF
 *
 * Needed after every reset: a PF reset returns IVAR to its defaults.
 */
void snic_vf_irq_map(struct snic_vf *vf)
{
	u32 ivar = 0;
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++) {
		if (vf->vec[i].rx)
			ivar |= FIELD_PREP(SNIC_VF_IVAR_RX0,
					   i | SNIC_VF_IVAR_VALID);
		if (vf->vec[i].tx)
			ivar |= FIELD_PREP(SNIC_VF_IVAR_TX0,
					   i | SNIC_VF_IVAR_VALID);
	}
	vf_wr32(vf, SNIC_VF_IVAR0, ivar);
	vf_wr32(vf, SNIC_VF_IVAR_MISC,
		FIELD_PREP(SNIC_VF_IVAR_MBX,
			   snic_vf_mbx_vector(vf) | SNIC_VF_IVAR_VALID));
	snic_vf_irq_set_itr(vf);
}

/**
 * snic_vf_irq_enable() - unmask every vector
 * @vf: the VF
 *
 * Every vector's cause auto-clears (EIAC), so no handler reads EICR.
 * Nothing auto-masks (EIAM 0) and no poll re-arms: EITR spaces a queue
 * vector's interrupts, and one that comes while its NAPI runs costs a
 * napi_schedule() that finds it scheduled (NAPI polls once more), where
 * masking would cost an EIMS write per poll. QEMU's model does not
 * auto-mask at all, so there the write bought nothing.
 */
void snic_vf_irq_enable(struct snic_vf *vf)
{
	u32 all = GENMASK(vf->num_vec - 1, 0);

	vf_wr32(vf, SNIC_VF_EIAC, all);
	vf_wr32(vf, SNIC_VF_EIAM, 0);
	vf_wr32(vf, SNIC_VF_EIMS, all);
}

/**
 * snic_vf_irq_disable_queues() - mask queue-only vectors and wait out
 * their handlers
 * @vf: the VF
 *
 * A vector that also carries the mailbox stays unmasked.
 */
void snic_vf_irq_disable_queues(struct snic_vf *vf)
{
	u32 mask = snic_vf_queue_eims(vf) &
		   ~vf->vec[snic_vf_mbx_vector(vf)].eims;
	unsigned int i;

	vf_wr32(vf, SNIC_VF_EIMC, mask);
	for (i = 0; i < vf->num_vec; i++)
		if (vf->vec[i].rx || vf->vec[i].tx)
			synchronize_irq(vf->vec[i].irq);
}

/**
 * snic_vf_napi_enable() - enable NAPI on every queue vector
 * @vf: the VF
 */
void snic_vf_napi_enable(struct snic_vf *vf)
{
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++)
		if (vf->vec[i].rx || vf->vec[i].tx)
			napi_enable(&vf->vec[i].napi);
}

/**
 * snic_vf_napi_disable() - disable NAPI on every queue vector
 * @vf: the VF
 */
void snic_vf_napi_disable(struct snic_vf *vf)
{
	unsigned int i;

	for (i = 0; i < vf->num_vec; i++)
		if (vf->vec[i].rx || vf->vec[i].tx)
			napi_disable(&vf->vec[i].napi);
}
