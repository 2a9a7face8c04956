// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the health reporter's per-VF bookkeeping, as pure
 * functions (see pf_health.h). The caller holds whatever lock protects
 * the VF; nothing here sleeps, allocates or touches a register.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "pf_health.h"

/**
 * snic_health_ring_push() - keep one message, dropping the oldest
 * @r: the ring
 * @m: the message
 */
void snic_health_ring_push(struct snic_health_ring *r,
			   const struct snic_health_msg *m)
{
	r->e[r->pushed % SNIC_HEALTH_RING] = *m;
	r->pushed++;
}

/**
 * snic_health_ring_count() - messages held
 * @r: the ring
 *
 * Return: at most SNIC_HEALTH_RING.
 */
unsigned int snic_health_ring_count(const struct snic_health_ring *r)
{
	return min_t(u64, r->pushed, SNIC_HEALTH_RING);
}

/**
 * snic_health_ring_get() - one message held
 * @r: the ring
 * @i: 0 for the oldest held, snic_health_ring_count() - 1 for the newest
 *
 * Return: the message, or NULL when @i is out of range.
 */
const struct snic_health_msg *
snic_health_ring_get(const struct snic_health_ring *r, unsigned int i)
{
	unsigned int n = snic_health_ring_count(r);

	if (i >= n)
		return NULL;
	return &r->e[(r->pushed - n + i) % SNIC_HEALTH_RING];
}

/**
 * snic_vf_health_event() - note an event to report for a VF
 * @h: the VF's health state
 * @ev: enum snic_health_event
 * @kind: the budget that ran out (quarantine)
 * @type: the message type (violation)
 *
 * An event of a kind already pending is folded into it (@h->coalesced),
 * keeping the first one's detail: one report per kind and pass at most.
 *
 * Return: true when the event is newly pending (the caller makes sure the
 * report work will run), false when it was folded.
 */
bool snic_vf_health_event(struct snic_vf_health *h, enum snic_health_event ev,
			  u8 kind, u16 type)
{
	if (ev >= SNIC_HEALTH_EVENTS)
		return false;
	if (h->pending & BIT(ev)) {
		h->coalesced++;
		return false;
	}
	h->pending |= BIT(ev);
	if (ev == SNIC_HEALTH_EV_QUARANTINE)
		h->kind = kind;
	else
		h->type = type;
	return true;
}

/**
 * snic_vf_health_take() - take a VF's most important pending event
 * @h: the VF's health state
 * @vf: its number
 * @rep: filled with the event
 *
 * A quarantine goes before a violation; whatever else is pending is
 * dropped and counted in @h->coalesced: the report work makes one report
 * per VF per pass.
 *
 * Return: true if an event was taken.
 */
bool snic_vf_health_take(struct snic_vf_health *h, unsigned int vf,
			 struct snic_health_report *rep)
{
	enum snic_health_event ev;

	if (!h->pending)
		return false;
	ev = (h->pending & BIT(SNIC_HEALTH_EV_QUARANTINE)) ?
	     SNIC_HEALTH_EV_QUARANTINE : SNIC_HEALTH_EV_VIOLATION;
	if (h->pending & ~BIT(ev))
		h->coalesced++;
	h->pending = 0;
	h->reports++;
	memset(rep, 0, sizeof(*rep));
	rep->vf = vf;
	rep->event = ev;
	rep->kind = h->kind;
	rep->type = h->type;
	rep->coalesced = h->coalesced;
	return true;
}
