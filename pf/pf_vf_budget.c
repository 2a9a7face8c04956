// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: per-VF token buckets and quarantine (pure; see
 * pf_vf_budget.h). The caller holds whatever protects @b
 * (&snic_pf_sriov.lock for the driver) and passes the time in
 * milliseconds, which must not go backwards.
 *
 * The sizes: a VF driver waits for each answer before its next request, so
 * even a VF that replays its whole state after a reset (address, extra
 * filters, a multicast list, VLANs, frame size) spends a few dozen
 * requests at a time, far inside the bursts; what it does all the time
 * (link and statistics polling) is far below the refills. A VF that
 * exceeds them is not a driver waiting for answers.
 */
#include <linux/math64.h>
#include <linux/minmax.h>

#include "pf_vf_budget.h"

/* burst, refill: 200 requests/s, 4 resets/s, 20 filter requests/s, ... */
const struct snic_budget_limit snic_budget_limits[SNIC_BUDGET_KINDS] = {
	[SNIC_BUDGET_MSG]	= { .burst = 256, .per = 1, .refill_ms = 5 },
	[SNIC_BUDGET_RESET]	= { .burst = 32, .per = 1, .refill_ms = 250 },
	[SNIC_BUDGET_FILTER]	= { .burst = 64, .per = 1, .refill_ms = 50 },
	/* ... one buffer held past the transport's bound per 5 s ... */
	[SNIC_BUDGET_BUSY]	= { .burst = 4, .per = 1, .refill_ms = 5000 },
	/*
	 * ... and 10% of the time with the VF table locked, 500 ms at once.
	 * A request of igbvf costs 0.1-0.5 ms here, up to 7 ms while another
	 * VF floods the device, so a reset's replay of its state fits.
	 */
	[SNIC_BUDGET_TIME]	= { .burst = 500000, .per = 100, .refill_ms = 1 },
};

static void snic_vf_budget_fill(struct snic_vf_budget *b, u64 now)
{
	unsigned int k;

	for (k = 0; k < SNIC_BUDGET_KINDS; k++) {
		b->tokens[k] = snic_budget_limits[k].burst;
		b->stamp[k] = now;
	}
}

/**
 * snic_vf_budget_init() - full buckets, no quarantine, no history
 * @b: the VF's budget
 * @now: the time in ms
 */
void snic_vf_budget_init(struct snic_vf_budget *b, u64 now)
{
	*b = (struct snic_vf_budget){};
	snic_vf_budget_fill(b, now);
}

/* Whole tokens earned since the stamp; the remainder stays earned. */
static void snic_vf_budget_refill(struct snic_vf_budget *b, unsigned int k,
				  u64 now)
{
	const struct snic_budget_limit *l = &snic_budget_limits[k];
	u64 n;

	if (now <= b->stamp[k])
		return;
	n = div64_u64(now - b->stamp[k], l->refill_ms);
	if (n >= div_u64(l->burst - b->tokens[k], l->per) + 1) {
		b->tokens[k] = l->burst;
		b->stamp[k] = now;
		return;
	}
	b->tokens[k] = min_t(u64, l->burst, b->tokens[k] + n * l->per);
	b->stamp[k] += n * l->refill_ms;
}

/**
 * snic_vf_budget_charge() - one event of a VF: serve it or not
 * @b: the VF's budget
 * @kind: what the event costs (enum snic_budget_kind)
 * @now: the time in ms
 *
 * In quarantine, an event before @b->quiet_until is ignored and moves
 * @b->quiet_until to @now + SNIC_BUDGET_COOLDOWN_MS; the first one after
 * it releases the VF with full buckets. Otherwise the event takes a token
 * of @kind; with none left the VF enters quarantine.
 *
 * Return: enum snic_budget_verdict.
 */
enum snic_budget_verdict snic_vf_budget_charge(struct snic_vf_budget *b,
					       enum snic_budget_kind kind,
					       u64 now)
{
	enum snic_budget_verdict served = SNIC_BUDGET_SERVE;

	if (kind >= SNIC_BUDGET_KINDS)
		kind = SNIC_BUDGET_MSG;
	if (b->quarantined) {
		if (now < b->quiet_until) {
			b->quiet_until = now + SNIC_BUDGET_COOLDOWN_MS;
			b->ignored++;
			return SNIC_BUDGET_IGNORE;
		}
		snic_vf_budget_release(b, now);
		served = SNIC_BUDGET_RELEASE;
	}
	snic_vf_budget_refill(b, kind, now);
	snic_vf_budget_refill(b, SNIC_BUDGET_TIME, now);
	if (!b->tokens[SNIC_BUDGET_TIME])
		kind = SNIC_BUDGET_TIME;
	else if (b->tokens[kind] && kind != SNIC_BUDGET_TIME) {
		b->tokens[kind]--;
		return served;
	}
	b->quarantined = true;
	b->reason = kind;
	b->since = now;
	b->quiet_until = now + SNIC_BUDGET_COOLDOWN_MS;
	b->entered++;
	b->ignored++;
	return SNIC_BUDGET_ENTER;
}

/**
 * snic_vf_budget_spend() - the work spent @us on the VF's events
 * @b: the VF's budget
 * @now: the time in ms
 * @us: microseconds of one pass, taken from SNIC_BUDGET_TIME up to
 *	SNIC_BUDGET_SPEND_MAX_US (down to zero: the VF's next event then
 *	puts it in quarantine)
 */
void snic_vf_budget_spend(struct snic_vf_budget *b, u64 now, u64 us)
{
	us = min_t(u64, us, SNIC_BUDGET_SPEND_MAX_US);
	snic_vf_budget_refill(b, SNIC_BUDGET_TIME, now);
	b->tokens[SNIC_BUDGET_TIME] -= min_t(u64, us, b->tokens[SNIC_BUDGET_TIME]);
}

/**
 * snic_vf_budget_release() - end a quarantine now (the administrator, or
 *	the cool-down)
 * @b: the VF's budget
 * @now: the time in ms
 *
 * Buckets full again; @b->reset_owed is left for the caller, who cleans
 * up after the ignored reset and clears it.
 *
 * Return: true if the VF was in quarantine.
 */
bool snic_vf_budget_release(struct snic_vf_budget *b, u64 now)
{
	if (!b->quarantined)
		return false;
	b->quarantined = false;
	b->released++;
	snic_vf_budget_fill(b, now);
	return true;
}

/**
 * snic_budget_kind_str() - a bucket's name, for the log and debugfs
 * @kind: enum snic_budget_kind
 *
 * Return: a static string.
 */
const char *snic_budget_kind_str(unsigned int kind)
{
	static const char * const names[SNIC_BUDGET_KINDS] = {
		[SNIC_BUDGET_MSG]	= "messages",
		[SNIC_BUDGET_RESET]	= "resets",
		[SNIC_BUDGET_FILTER]	= "filters",
		[SNIC_BUDGET_BUSY]	= "buffer_held",
		[SNIC_BUDGET_TIME]	= "time",
	};

	return kind < SNIC_BUDGET_KINDS ? names[kind] : "unknown";
}
