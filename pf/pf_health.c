// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the devlink health reporter "vf_mbx" and the mailbox
 * trace events.
 *
 * What is reported: each time a VF enters quarantine (pf_vf_quarantine.c)
 * and each request of a VF that fails validation (a protocol violation),
 * with the VF's number and the reason. diagnose shows every VF's counters,
 * quarantine state and the verdicts given to its requests; dump the last
 * SNIC_HEALTH_RING messages exchanged with each VF; recover releases every
 * quarantined VF.
 *
 * Cost. The mailbox work records each message in the VF's ring and each
 * event as pending (pf_health.h), with &snic_pf_sriov.lock held: a few
 * stores and at most one queue_delayed_work() per VF and report period.
 * devlink_health_report() is never called from there: it takes the
 * devlink instance lock, under which recover and diagnose take
 * sriov.lock. The report work runs at most once per
 * SNIC_HEALTH_PERIOD_MS and makes at most one report per enabled VF per
 * pass (a quarantine before a violation; the rest is counted as
 * coalesced), so a VF that violates the protocol thousands of times a
 * second costs at most one report a second.
 *
 * devlink's own grace period only spaces automatic recoveries; it does not
 * limit reports, which is why the pacing above exists. The reporter's
 * grace period is 0: automatic recovery (devlink calls recover with the
 * report) never releases a VF. For a violation it succeeds at once (the
 * PF refused the request, nothing needs undoing); for a quarantine it
 * declines while the VF is quarantined, so the reporter stays in error
 * until the VF leaves quarantine (cool-down, link state, or "devlink
 * health recover"); the report work then sets it healthy again.
 */
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include "pf.h"
#include "pf_trace.h"

#define SNIC_HEALTH_REPORTER	"vf_mbx"

static u64 snic_health_now_ms(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

/* Make sure the report work runs, at most once per period. */
static void snic_pf_health_kick(struct snic_pf *pf)
{
	unsigned long next = READ_ONCE(pf->health_next);
	unsigned long delay = 0;

	if (!READ_ONCE(pf->health_live))
		return;
	if (time_before(jiffies, next))
		delay = next - jiffies;
	queue_delayed_work(system_wq, &pf->health_work, delay);
}

/* Words a request of this type has, as the PF read it. */
static unsigned int snic_pf_health_req_len(const struct snic_msg *msg)
{
	const struct snic_msg_desc *d = snic_msg_desc(msg->type);

	if (!d)
		return 1;
	if (msg->type == SNIC_MSG_SET_MC)
		return min_t(unsigned int, SNIC_MBX_WORDS,
			     1 + DIV_ROUND_UP(msg->info, 2));
	return d->min_words;
}

/**
 * snic_pf_health_msg_in() - the PF read and decided a request of a VF
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @w: the words read (SNIC_MBX_WORDS)
 * @msg: the request as decoded (type and MSGINFO even when malformed)
 * @d: the decision, as it will be answered
 */
void snic_pf_health_msg_in(struct snic_pf *pf, struct snic_pf_vf *vf,
			   const u32 *w, const struct snic_msg *msg,
			   const struct snic_vf_decision *d)
{
	struct snic_vf_health *h = &vf->health;
	struct snic_health_msg m = {
		.ms = snic_health_now_ms(),
		.dir = SNIC_HEALTH_IN,
		.len = snic_pf_health_req_len(msg),
		.verdict = d->reason,
		.refusal = d->reply == SNIC_VF_REPLY_ACK ? 0 : d->refusal,
	};

	lockdep_assert_held(&pf->sriov.lock);
	memcpy(m.w, w, sizeof(m.w));
	snic_health_ring_push(&h->ring, &m);
	if (d->reason < SNIC_HEALTH_REASONS)
		h->verdicts[d->reason]++;
	trace_sriovnic_pf_mbx_in(pf->pdev, vf->idx, w, m.len, d->reason,
				 d->reply, m.refusal);
	if (d->reason != SNIC_VF_BAD_MSG)
		return;
	h->violations++;
	if (snic_vf_health_event(h, SNIC_HEALTH_EV_VIOLATION, 0, msg->type))
		snic_pf_health_kick(pf);
}

/**
 * snic_pf_health_msg_out() - the PF wrote (or failed to write) to a VF
 * @vf: the VF; sriov.lock held
 * @w: the message
 * @len: its length in words
 * @err: what the write returned
 */
void snic_pf_health_msg_out(struct snic_pf_vf *vf, const u32 *w,
			    unsigned int len, int err)
{
	struct snic_health_msg m = {
		.ms = snic_health_now_ms(),
		.dir = SNIC_HEALTH_OUT,
		.len = len,
		.refusal = min(-err, 255),
	};

	memcpy(m.w, w, min_t(size_t, len, SNIC_HEALTH_WORDS) * sizeof(u32));
	snic_health_ring_push(&vf->health.ring, &m);
	trace_sriovnic_pf_mbx_out(vf->pf->pdev, vf->idx, w, len, err);
}

/**
 * snic_pf_health_quarantine() - a VF entered or left quarantine
 * @pf: the PF
 * @vf: the VF; sriov.lock held, @vf->budget already updated
 * @enter: entered (reported) or left (the reporter may be healthy again)
 */
void snic_pf_health_quarantine(struct snic_pf *pf, struct snic_pf_vf *vf,
			       bool enter)
{
	const struct snic_vf_budget *b = &vf->budget;

	lockdep_assert_held(&pf->sriov.lock);
	trace_sriovnic_pf_vf_quarantine(pf->pdev, vf->idx, enter, b->reason,
					b->ignored);
	if (!enter || snic_vf_health_event(&vf->health,
					   SNIC_HEALTH_EV_QUARANTINE,
					   b->reason, 0))
		snic_pf_health_kick(pf);
}

/**
 * snic_pf_health_vf_reset() - the PF serves a VF's reset (VFLRE)
 * @pf: the PF
 * @vf: the VF
 */
void snic_pf_health_vf_reset(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	trace_sriovnic_pf_vf_reset(pf->pdev, vf->idx);
}

/* ---- The report work ------------------------------------------------ */

static void snic_pf_health_work(struct work_struct *work)
{
	struct snic_pf *pf = container_of(to_delayed_work(work), struct snic_pf,
					  health_work);
	struct snic_health_report rep[SNIC_NUM_POOLS];
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v, n = 0;
	bool quarantined = false;
	char msg[96];

	WRITE_ONCE(pf->health_next,
		   jiffies + msecs_to_jiffies(SNIC_HEALTH_PERIOD_MS));
	mutex_lock(&s->lock);
	for (v = 0; v < s->num_vfs && n < ARRAY_SIZE(rep); v++) {
		if (snic_vf_health_take(&s->vfs[v].health, v, &rep[n]))
			n++;
		quarantined |= s->vfs[v].budget.quarantined;
	}
	mutex_unlock(&s->lock);

	for (v = 0; v < n; v++) {
		struct snic_health_report *r = &rep[v];

		if (r->event == SNIC_HEALTH_EV_QUARANTINE) {
			snprintf(msg, sizeof(msg),
				 "VF %u quarantined: over its %s budget",
				 r->vf, snic_budget_kind_str(r->kind));
			pf->health_error = true;
		} else {
			snprintf(msg, sizeof(msg),
				 "VF %u sent a malformed %s (0x%04x)",
				 r->vf, snic_msg_name(r->type), r->type);
		}
		devlink_health_report(pf->health, msg, r);
	}
	/* Every quarantine ended: nothing is left in error. */
	if (!quarantined && pf->health_error) {
		pf->health_error = false;
		devlink_health_reporter_state_update(pf->health,
						     DEVLINK_HEALTH_REPORTER_STATE_HEALTHY);
	}
}

/* ---- devlink callbacks ---------------------------------------------- */

static struct snic_pf *snic_pf_from_reporter(struct devlink_health_reporter *r)
{
	return devlink_health_reporter_priv(r);
}

static void snic_pf_health_put_vf(struct devlink_fmsg *f,
				  const struct snic_pf_vf *vf)
{
	const struct snic_vf_budget *b = &vf->budget;
	const struct snic_vf_health *h = &vf->health;
	unsigned int i;

	devlink_fmsg_u32_pair_put(f, "vf", vf->idx);
	devlink_fmsg_bool_pair_put(f, "quarantined", b->quarantined);
	devlink_fmsg_string_pair_put(f, "budget",
				     b->entered ? snic_budget_kind_str(b->reason) :
						  "none");
	devlink_fmsg_u64_pair_put(f, "entered", b->entered);
	devlink_fmsg_u64_pair_put(f, "released", b->released);
	devlink_fmsg_u64_pair_put(f, "ignored", b->ignored);
	devlink_fmsg_u64_pair_put(f, "buffer_breaks", vf->budget_rvfu);
	devlink_fmsg_u64_pair_put(f, "rx", vf->mbx.stats.rx);
	devlink_fmsg_u64_pair_put(f, "tx", vf->mbx.stats.tx);
	devlink_fmsg_u64_pair_put(f, "nacks", vf->nacks);
	devlink_fmsg_u64_pair_put(f, "violations", h->violations);
	devlink_fmsg_u64_pair_put(f, "reports", h->reports);
	devlink_fmsg_u64_pair_put(f, "coalesced", h->coalesced);
	/* Refusals: the verdicts other than ok, those that happened. */
	devlink_fmsg_pair_nest_start(f, "refused");
	devlink_fmsg_obj_nest_start(f);
	for (i = 1; i < SNIC_HEALTH_REASONS; i++)
		if (h->verdicts[i])
			devlink_fmsg_u64_pair_put(f, snic_vf_reason_str(i),
						  h->verdicts[i]);
	devlink_fmsg_obj_nest_end(f);
	devlink_fmsg_pair_nest_end(f);
}

static int snic_pf_health_diagnose(struct devlink_health_reporter *r,
				   struct devlink_fmsg *f,
				   struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = snic_pf_from_reporter(r);
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v, q = 0;

	mutex_lock(&s->lock);
	for (v = 0; v < s->num_vfs; v++)
		q += s->vfs[v].budget.quarantined;
	devlink_fmsg_u32_pair_put(f, "num_vfs", s->num_vfs);
	devlink_fmsg_u32_pair_put(f, "quarantined", q);
	devlink_fmsg_arr_pair_nest_start(f, "vfs");
	for (v = 0; v < s->num_vfs; v++) {
		devlink_fmsg_obj_nest_start(f);
		snic_pf_health_put_vf(f, &s->vfs[v]);
		devlink_fmsg_obj_nest_end(f);
	}
	devlink_fmsg_arr_pair_nest_end(f);
	mutex_unlock(&s->lock);
	return 0;
}

static void snic_pf_health_put_msg(struct devlink_fmsg *f,
				   const struct snic_health_msg *m, u64 now)
{
	char words[SNIC_HEALTH_WORDS * 9 + 1];
	unsigned int i, n = min_t(unsigned int, m->len, SNIC_HEALTH_WORDS);
	int at = 0;

	words[0] = 0;
	for (i = 0; i < n; i++)
		at += scnprintf(words + at, sizeof(words) - at, "%s%08x",
				i ? " " : "", m->w[i]);
	devlink_fmsg_obj_nest_start(f);
	devlink_fmsg_u64_pair_put(f, "age_ms", now - m->ms);
	devlink_fmsg_string_pair_put(f, "dir",
				     m->dir == SNIC_HEALTH_IN ? "in" : "out");
	devlink_fmsg_string_pair_put(f, "type", snic_msg_name(m->w[0] & 0xffff));
	devlink_fmsg_u32_pair_put(f, "words", m->len);
	devlink_fmsg_string_pair_put(f, "data", words);
	if (m->dir == SNIC_HEALTH_IN) {
		devlink_fmsg_string_pair_put(f, "verdict",
					     snic_vf_reason_str(m->verdict));
		if (m->refusal)
			devlink_fmsg_string_pair_put(f, "refusal",
						     snic_refusal(m->refusal)->name);
	} else if (m->refusal) {
		devlink_fmsg_u32_pair_put(f, "error", m->refusal);
	}
	devlink_fmsg_obj_nest_end(f);
}

static int snic_pf_health_dump(struct devlink_health_reporter *r,
			       struct devlink_fmsg *f, void *priv_ctx,
			       struct netlink_ext_ack *extack)
{
	const struct snic_health_report *rep = priv_ctx;
	struct snic_pf *pf = snic_pf_from_reporter(r);
	struct snic_pf_sriov *s = &pf->sriov;
	u64 now = snic_health_now_ms();
	unsigned int v, i;

	if (rep) {
		devlink_fmsg_u32_pair_put(f, "reported_vf", rep->vf);
		devlink_fmsg_string_pair_put(f, "event",
					     rep->event == SNIC_HEALTH_EV_QUARANTINE ?
					     "quarantine" : "violation");
	}
	mutex_lock(&s->lock);
	devlink_fmsg_arr_pair_nest_start(f, "vfs");
	for (v = 0; v < s->num_vfs; v++) {
		const struct snic_health_ring *ring = &s->vfs[v].health.ring;

		devlink_fmsg_obj_nest_start(f);
		devlink_fmsg_u32_pair_put(f, "vf", v);
		devlink_fmsg_u64_pair_put(f, "messages", ring->pushed);
		devlink_fmsg_arr_pair_nest_start(f, "last");
		for (i = 0; i < snic_health_ring_count(ring); i++)
			snic_pf_health_put_msg(f, snic_health_ring_get(ring, i),
					       now);
		devlink_fmsg_arr_pair_nest_end(f);
		devlink_fmsg_obj_nest_end(f);
	}
	devlink_fmsg_arr_pair_nest_end(f);
	mutex_unlock(&s->lock);
	return 0;
}

static int snic_pf_health_recover(struct devlink_health_reporter *r,
				  void *priv_ctx,
				  struct netlink_ext_ack *extack)
{
	const struct snic_health_report *rep = priv_ctx;
	struct snic_pf *pf = snic_pf_from_reporter(r);
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v, released = 0;
	int err = 0;

	mutex_lock(&s->lock);
	if (rep) {
		/* Automatic, with a report: never releases a VF. */
		if (rep->vf < s->num_vfs && s->vfs[rep->vf].budget.quarantined) {
			NL_SET_ERR_MSG_MOD(extack, "VF stays quarantined until it is quiet or released");
			err = -EBUSY;
		}
		mutex_unlock(&s->lock);
		return err;
	}
	for (v = 0; v < s->num_vfs; v++)
		released += snic_pf_vf_budget_recover(pf, &s->vfs[v]);
	mutex_unlock(&s->lock);
	if (released)
		snic_pf_sriov_irq(pf);
	return 0;
}

static const struct devlink_health_reporter_ops snic_pf_health_ops = {
	.name		= SNIC_HEALTH_REPORTER,
	.recover	= snic_pf_health_recover,
	.dump		= snic_pf_health_dump,
	.diagnose	= snic_pf_health_diagnose,
};

/**
 * snic_pf_health_init() - create the reporter
 * @pf: the PF, its devlink instance allocated and not yet registered
 *
 * A failure leaves the PF without the reporter (logged), never fails
 * probe: the hooks above only record, and report once it exists.
 */
void snic_pf_health_init(struct snic_pf *pf)
{
	struct devlink_health_reporter *r;

	INIT_DELAYED_WORK(&pf->health_work, snic_pf_health_work);
	r = devlink_health_reporter_create(pf->devlink, &snic_pf_health_ops,
					   0, pf);
	if (IS_ERR(r)) {
		dev_warn(&pf->pdev->dev, "no devlink health reporter: %ld\n",
			 PTR_ERR(r));
		r = NULL;
	}
	pf->health = r;
}

/**
 * snic_pf_health_start() - reports may be made: devlink is registered
 * @pf: the PF
 */
void snic_pf_health_start(struct snic_pf *pf)
{
	mutex_lock(&pf->sriov.lock);
	WRITE_ONCE(pf->health_live, !!pf->health);
	mutex_unlock(&pf->sriov.lock);
}

/**
 * snic_pf_health_stop() - no more reports: devlink is about to unregister
 * @pf: the PF
 */
void snic_pf_health_stop(struct snic_pf *pf)
{
	mutex_lock(&pf->sriov.lock);
	WRITE_ONCE(pf->health_live, false);
	mutex_unlock(&pf->sriov.lock);
	cancel_delayed_work_sync(&pf->health_work);
}

/**
 * snic_pf_health_fini() - destroy the reporter
 * @pf: the PF; snic_pf_health_stop() done (or never started)
 */
void snic_pf_health_fini(struct snic_pf *pf)
{
	cancel_delayed_work_sync(&pf->health_work);
	if (pf->health)
		devlink_health_reporter_destroy(pf->health);
	pf->health = NULL;
}
