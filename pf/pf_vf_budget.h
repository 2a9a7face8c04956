/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: per-VF budgets and quarantine, as a pure function.
 *
 * Every VF may be hostile, and everything it makes the PF do costs the
 * PF's time under &snic_pf_sriov.lock: a request read and answered, a
 * reset cleaned up, a filter written, an attempt to take a buffer the VF
 * holds. Each VF has one token bucket per kind of work (enum
 * snic_budget_kind). An event that finds its bucket empty puts the VF in
 * quarantine: from then on the PF only clears the VF's event bits, reads
 * nothing, answers nothing, cleans nothing (a reset is remembered and
 * cleaned up at release). The VF is released by its first event after it
 * has been quiet for SNIC_BUDGET_COOLDOWN_MS (every event it causes in
 * quarantine restarts the cool-down), or at once by the administrator
 * (link state "disable", then "auto" or "enable").
 *
 * The arithmetic takes the time as an argument, touches no register and
 * takes no lock: KUnit tests it (pf/tests/pf_vf_budget_kunit.c).
 */
#ifndef _SRIOVNIC_PF_VF_BUDGET_H
#define _SRIOVNIC_PF_VF_BUDGET_H

#include <linux/types.h>

/**
 * enum snic_budget_kind - what a bucket pays for
 * @SNIC_BUDGET_MSG: a request read from the mailbox
 * @SNIC_BUDGET_RESET: a VF reset (CTRL.RST or FLR, seen in VFLRE)
 * @SNIC_BUDGET_FILTER: a MAC address or VLAN filter request (SET_MAC
 *	primary or add, SET_VLAN add)
 * @SNIC_BUDGET_BUSY: the PF could not take the buffer because the VF held
 *	it (VFU); each time costs the PF the transport's whole retry bound
 * @SNIC_BUDGET_TIME: microseconds the mailbox work spent on the VF's
 *	events with the VF table locked (snic_vf_budget_spend()); every
 *	event needs some left. This is the cost the others pay, whatever the
 *	host's speed: under TCG one request can take 0.1 ms or 7 ms
 * @SNIC_BUDGET_KINDS: number of kinds
 */
enum snic_budget_kind {
	SNIC_BUDGET_MSG,
	SNIC_BUDGET_RESET,
	SNIC_BUDGET_FILTER,
	SNIC_BUDGET_BUSY,
	SNIC_BUDGET_TIME,
	SNIC_BUDGET_KINDS,
};

/**
 * struct snic_budget_limit - one bucket's size and refill
 * @burst: tokens when full
 * @per: tokens that come back ...
 * @refill_ms: ... every this many milliseconds
 */
struct snic_budget_limit {
	u32 burst;
	u32 per;
	u32 refill_ms;
};

/* A quarantined VF must be quiet this long before its next event is served. */
#define SNIC_BUDGET_COOLDOWN_MS	2000

/*
 * At most this much of one pass is charged to SNIC_BUDGET_TIME: a pass
 * the host preempted (TCG on a loaded host: hundreds of ms) is not the
 * VF's doing, and a VF that floods pays 7 ms a pass, well below it.
 */
#define SNIC_BUDGET_SPEND_MAX_US	10000

/**
 * enum snic_budget_verdict - what to do with one event of a VF
 * @SNIC_BUDGET_SERVE: paid for: serve it
 * @SNIC_BUDGET_RELEASE: the VF was quiet long enough: it leaves
 *	quarantine with this event, which is paid for and served
 * @SNIC_BUDGET_ENTER: its bucket is empty: the VF enters quarantine and
 *	this event is ignored (log one line)
 * @SNIC_BUDGET_IGNORE: the VF is in quarantine: ignore the event
 */
enum snic_budget_verdict {
	SNIC_BUDGET_SERVE,
	SNIC_BUDGET_RELEASE,
	SNIC_BUDGET_ENTER,
	SNIC_BUDGET_IGNORE,
};

/**
 * struct snic_vf_budget - one VF's buckets and quarantine state
 * @tokens: tokens left per enum snic_budget_kind
 * @stamp: per kind, the time (ms) up to which refills were counted
 * @quarantined: the VF is in quarantine
 * @reason: enum snic_budget_kind whose bucket ran out (valid while
 *	@quarantined, and kept afterwards for debugfs)
 * @since: when (ms) the VF entered quarantine
 * @quiet_until: a quarantined VF's first event from this time (ms) on
 *	releases it
 * @entered: times the VF entered quarantine
 * @released: times it left (cool-down or administrator)
 * @ignored: events ignored in quarantine, the one that entered it included
 * @reset_owed: a reset of the VF was ignored: clean up after it at release
 */
struct snic_vf_budget {
	u32 tokens[SNIC_BUDGET_KINDS];
	u64 stamp[SNIC_BUDGET_KINDS];
	bool quarantined;
	u8 reason;
	u64 since;
	u64 quiet_until;
	u64 entered;
	u64 released;
	u64 ignored;
	bool reset_owed;
};

extern const struct snic_budget_limit snic_budget_limits[SNIC_BUDGET_KINDS];

void snic_vf_budget_init(struct snic_vf_budget *b, u64 now);
enum snic_budget_verdict snic_vf_budget_charge(struct snic_vf_budget *b,
					       enum snic_budget_kind kind,
					       u64 now);
void snic_vf_budget_spend(struct snic_vf_budget *b, u64 now, u64 us);
bool snic_vf_budget_release(struct snic_vf_budget *b, u64 now);
const char *snic_budget_kind_str(unsigned int kind);

#endif /* _SRIOVNIC_PF_VF_BUDGET_H */
