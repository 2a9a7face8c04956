/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: what the devlink health reporter "vf_mbx" keeps per VF
 * (pf_health.c): the last messages exchanged with it in a small ring, the
 * verdict counts of its requests, and the events still to be reported.
 *
 * All of it is written by the mailbox work with &snic_pf_sriov.lock held
 * and costs a few stores per message; reporting is done later, outside
 * that lock, by a work that runs at most once per SNIC_HEALTH_PERIOD_MS
 * and makes at most one report per VF per pass: whatever else a VF did
 * meanwhile is folded into its counters (@coalesced). So a VF's rate of
 * violations bounds neither the reports nor the PF's time spent on them.
 *
 * The ring and the event bookkeeping are pure (no lock, no register):
 * KUnit tests them (pf/tests/pf_health_kunit.c).
 */
#ifndef _SRIOVNIC_PF_HEALTH_H
#define _SRIOVNIC_PF_HEALTH_H

#include <linux/types.h>

#include "pf_vf_policy.h"

/* Messages kept per VF, and words kept of each. */
#define SNIC_HEALTH_RING	8
#define SNIC_HEALTH_WORDS	4

/* The report work runs at most this often. */
#define SNIC_HEALTH_PERIOD_MS	1000

/* enum snic_vf_reason values counted per VF */
#define SNIC_HEALTH_REASONS	(SNIC_VF_ADDR_IN_USE + 1)

/**
 * enum snic_health_dir - which way a kept message went
 * @SNIC_HEALTH_IN: a request the PF read from the VF
 * @SNIC_HEALTH_OUT: a message the PF wrote to the VF
 */
enum snic_health_dir {
	SNIC_HEALTH_IN,
	SNIC_HEALTH_OUT,
};

/**
 * struct snic_health_msg - one message kept in the ring
 * @ms: when, in ms since boot
 * @w: its first SNIC_HEALTH_WORDS words
 * @dir: enum snic_health_dir
 * @len: its length in words
 * @verdict: IN: enum snic_vf_reason of the PF's decision; OUT: 0
 * @refusal: IN: enum snic_refusal of a NACK, 0 otherwise; OUT: the
 *	write's negated errno (0: written)
 */
struct snic_health_msg {
	u64 ms;
	u32 w[SNIC_HEALTH_WORDS];
	u8 dir;
	u8 len;
	u8 verdict;
	u8 refusal;
};

/**
 * struct snic_health_ring - the last SNIC_HEALTH_RING messages of a VF
 * @e: entries, @pushed % SNIC_HEALTH_RING is the next to write
 * @pushed: messages pushed since the VF was enabled
 */
struct snic_health_ring {
	struct snic_health_msg e[SNIC_HEALTH_RING];
	u64 pushed;
};

/**
 * enum snic_health_event - what is reported for a VF
 * @SNIC_HEALTH_EV_QUARANTINE: it entered quarantine (@snic_vf_health.kind
 *	is the enum snic_budget_kind that ran out)
 * @SNIC_HEALTH_EV_VIOLATION: it sent a request that failed validation
 *	(@snic_vf_health.type is its message type)
 * @SNIC_HEALTH_EVENTS: number of events
 */
enum snic_health_event {
	SNIC_HEALTH_EV_QUARANTINE,
	SNIC_HEALTH_EV_VIOLATION,
	SNIC_HEALTH_EVENTS,
};

/**
 * struct snic_vf_health - one VF's part of the health reporter
 * @ring: its last messages
 * @verdicts: its requests per enum snic_vf_reason
 * @violations: of those, requests that failed validation
 * @reports: events reported for it
 * @coalesced: events folded into a report already pending
 * @pending: BIT(enum snic_health_event) still to be reported
 * @kind: the budget that ran out, for a pending quarantine
 * @type: the message type of a pending violation
 */
struct snic_vf_health {
	struct snic_health_ring ring;
	u64 verdicts[SNIC_HEALTH_REASONS];
	u64 violations;
	u64 reports;
	u64 coalesced;
	u8 pending;
	u8 kind;
	u16 type;
};

/**
 * struct snic_health_report - one event taken for reporting
 * @vf: VF number
 * @event: enum snic_health_event
 * @kind: as &snic_vf_health.kind
 * @type: as &snic_vf_health.type
 * @coalesced: the VF's &snic_vf_health.coalesced when it was taken
 */
struct snic_health_report {
	unsigned int vf;
	u8 event;
	u8 kind;
	u16 type;
	u64 coalesced;
};

void snic_health_ring_push(struct snic_health_ring *r,
			   const struct snic_health_msg *m);
unsigned int snic_health_ring_count(const struct snic_health_ring *r);
const struct snic_health_msg *
snic_health_ring_get(const struct snic_health_ring *r, unsigned int i);
bool snic_vf_health_event(struct snic_vf_health *h, enum snic_health_event ev,
			  u8 kind, u16 type);
bool snic_vf_health_take(struct snic_vf_health *h, unsigned int vf,
			 struct snic_health_report *rep);

#endif /* _SRIOVNIC_PF_HEALTH_H */
