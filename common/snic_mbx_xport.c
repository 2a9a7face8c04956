// SPDX-License-Identifier: GPL-2.0
/*
 * Mailbox transport: take the buffer, move words, signal, wait.
 *
 * See include/sriovnic/mbx.h for the model. Nothing here knows message
 * contents; the codec does. Every loop is bounded: taking the buffer by
 * @lock_tries, waiting by the caller's timeout.
 */
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/sched.h>

#include <sriovnic/compat.h>
#include <sriovnic/csr.h>
#include <sriovnic/mbx.h>

/* PF end: events come from MBVFICR/VFLRE, so the PF supplies test_event. */
const struct snic_mbx_bits snic_mbx_pf_bits = {
	.own		= SNIC_P2V_PFU,
	.signal		= SNIC_P2V_STS,
	.ack		= SNIC_P2V_ACK,
};
SNIC_EXPORT(snic_mbx_pf_bits);

/* VF end: events are bits of V2PMAILBOX, three of them clear on read. */
const struct snic_mbx_bits snic_mbx_vf_bits = {
	.own		= SNIC_V2P_VFU,
	.signal		= SNIC_V2P_REQ,
	.ack		= SNIC_V2P_ACK,
	.ev_msg		= SNIC_V2P_PFSTS,
	.ev_ack		= SNIC_V2P_PFACK,
	.ev_rst		= SNIC_V2P_RSTI | SNIC_V2P_RSTD,
	.clear_on_read	= SNIC_V2P_R2C,
};
SNIC_EXPORT(snic_mbx_vf_bits);

static void snic_mbx_assert_held(struct snic_mbx *mbx)
{
	if (mbx->lock)
		lockdep_assert_held(mbx->lock);
}

/**
 * snic_mbx_init() - set up one end of a mailbox
 * @mbx: the mailbox
 * @ops: register access
 * @bits: snic_mbx_pf_bits or snic_mbx_vf_bits
 * @priv: owner context, for @ops
 * @lock: the owner's mutex serialising this mailbox, or NULL
 */
void snic_mbx_init(struct snic_mbx *mbx, const struct snic_mbx_ops *ops,
		   const struct snic_mbx_bits *bits, void *priv,
		   struct mutex *lock)
{
	memset(mbx, 0, sizeof(*mbx));
	mbx->ops = ops;
	mbx->bits = bits;
	mbx->priv = priv;
	mbx->lock = lock;
	init_waitqueue_head(&mbx->wq);
	mbx->lock_tries = SNIC_MBX_LOCK_TRIES;
	mbx->lock_delay_us = SNIC_MBX_LOCK_DELAY_US;
	mbx->poll_us = SNIC_MBX_POLL_US;
}
SNIC_EXPORT(snic_mbx_init);

/**
 * snic_mbx_ctl() - read the control register, keeping clear-on-read bits
 * @mbx: the mailbox
 *
 * Status bits that a read clears are remembered in @mbx->ctl_seen until
 * consumed by snic_mbx_test_event(), so no read loses an event.
 *
 * Return: the register value with remembered bits or-ed in; SNIC_DEAD if
 * the device is gone.
 */
u32 snic_mbx_ctl(struct snic_mbx *mbx)
{
	u32 v = mbx->ops->rd_ctl(mbx);

	if (v == SNIC_DEAD)
		return v;
	mbx->ctl_seen |= v & mbx->bits->clear_on_read;
	return v | mbx->ctl_seen;
}
SNIC_EXPORT(snic_mbx_ctl);

/* The control-register bits that show @ev, for an end without test_event. */
static u32 snic_mbx_ev_mask(const struct snic_mbx_bits *b,
			    enum snic_mbx_event ev)
{
	switch (ev) {
	case SNIC_MBX_EV_MSG:
		return b->ev_msg;
	case SNIC_MBX_EV_ACK:
		return b->ev_ack;
	default:
		return b->ev_rst;
	}
}

/**
 * snic_mbx_test_event() - is @ev pending? Consumes it if so.
 * @mbx: the mailbox
 * @ev: event to test
 *
 * Return: true if the peer posted @ev since it was last consumed, or it
 * was made pending again with snic_mbx_requeue().
 */
bool snic_mbx_test_event(struct snic_mbx *mbx, enum snic_mbx_event ev)
{
	u32 mask, v;

	if (mbx->pending & BIT(ev)) {
		mbx->pending &= ~BIT(ev);
		return true;
	}
	if (mbx->ops->test_event)
		return mbx->ops->test_event(mbx, ev);

	mask = snic_mbx_ev_mask(mbx->bits, ev);
	v = snic_mbx_ctl(mbx);
	if (v == SNIC_DEAD || !(v & mask))
		return false;
	mbx->ctl_seen &= ~mask;
	return true;
}
SNIC_EXPORT(snic_mbx_test_event);

/**
 * snic_mbx_requeue() - make a consumed event pending again
 * @mbx: the mailbox
 * @ev: the event
 *
 * For an owner that consumed @ev and then could not act on it (reading
 * the message failed): the next snic_mbx_test_event() reports it again.
 */
void snic_mbx_requeue(struct snic_mbx *mbx, enum snic_mbx_event ev)
{
	snic_mbx_assert_held(mbx);
	mbx->pending |= BIT(ev);
}
SNIC_EXPORT(snic_mbx_requeue);

/**
 * snic_mbx_forget() - drop every event the transport remembers
 * @mbx: the mailbox
 *
 * After a reset of our end, events posted before it answer nothing: the
 * clear-on-read bits already read and the requeued events are dropped.
 * What the hardware still shows is reported as usual.
 */
void snic_mbx_forget(struct snic_mbx *mbx)
{
	snic_mbx_assert_held(mbx);
	mbx->ctl_seen = 0;
	mbx->pending = 0;
}
SNIC_EXPORT(snic_mbx_forget);

/* Take the buffer: request ownership, read it back, retry a bounded time. */
static int snic_mbx_take(struct snic_mbx *mbx)
{
	unsigned int try;
	u32 v;

	for (try = 0; try < mbx->lock_tries; try++) {
		mbx->ops->wr_ctl(mbx, mbx->bits->own);
		v = snic_mbx_ctl(mbx);
		if (v == SNIC_DEAD)
			return -ENODEV;
		if (v & mbx->bits->own)
			return 0;
		if (try + 1 < mbx->lock_tries)
			usleep_range(mbx->lock_delay_us,
				     mbx->lock_delay_us + mbx->lock_delay_us / 4 + 1);
	}
	mbx->stats.busy++;
	return -EBUSY;
}

/**
 * snic_mbx_write() - post a message to the peer
 * @mbx: the mailbox
 * @msg: words to send
 * @len: number of words, 1..SNIC_MBX_WORDS
 *
 * Takes the buffer, copies the words, and writes the signal bit, which
 * also gives the buffer back. Does not wait for the peer.
 *
 * A message the peer posted and nobody read is destroyed: once we own the
 * buffer (the peer cannot post any more) its event is consumed and counted
 * in @mbx->stats.overwritten, so that our own words are never read back as
 * the peer's message. An owner that wants such a message reads it first.
 *
 * Return: 0, -EMSGSIZE, -EBUSY if the buffer could not be taken, -ENODEV
 * if the device is gone.
 */
int snic_mbx_write(struct snic_mbx *mbx, const u32 *msg, unsigned int len)
{
	unsigned int i;
	int err;

	snic_mbx_assert_held(mbx);
	if (!len || len > SNIC_MBX_WORDS)
		return -EMSGSIZE;

	err = snic_mbx_take(mbx);
	if (err)
		return err;

	/* Ours now: a peer message not read by now is about to be lost. */
	if (snic_mbx_test_event(mbx, SNIC_MBX_EV_MSG))
		mbx->stats.overwritten++;
	/* A stale ack from an earlier exchange must not answer this one. */
	snic_mbx_test_event(mbx, SNIC_MBX_EV_ACK);

	for (i = 0; i < len; i++)
		mbx->ops->wr_mem(mbx, i, msg[i]);
	mbx->ops->wr_ctl(mbx, mbx->bits->signal);
	mbx->stats.tx++;
	return 0;
}
SNIC_EXPORT(snic_mbx_write);

/**
 * snic_mbx_read() - take a message the peer posted
 * @mbx: the mailbox
 * @msg: filled with @len words
 * @len: number of words to read, 1..SNIC_MBX_WORDS
 *
 * Takes the buffer, copies the words out and writes the ack bit, which
 * also gives the buffer back. The caller has seen SNIC_MBX_EV_MSG.
 *
 * Return: 0, -EMSGSIZE, -EBUSY or -ENODEV.
 */
int snic_mbx_read(struct snic_mbx *mbx, u32 *msg, unsigned int len)
{
	unsigned int i;
	int err;

	snic_mbx_assert_held(mbx);
	if (!len || len > SNIC_MBX_WORDS)
		return -EMSGSIZE;

	err = snic_mbx_take(mbx);
	if (err)
		return err;

	for (i = 0; i < len; i++)
		msg[i] = mbx->ops->rd_mem(mbx, i);
	mbx->ops->wr_ctl(mbx, mbx->bits->ack);
	mbx->stats.rx++;
	return 0;
}
SNIC_EXPORT(snic_mbx_read);

/**
 * snic_mbx_peer_reset() - does the control register show a peer reset?
 * @mbx: the mailbox
 *
 * Only for an end whose resets are bits of its own control register (the
 * VF's RSTI/RSTD). Looks without consuming: the owner's reset handling
 * still sees the event.
 *
 * Return: true if a reset of the peer is pending.
 */
bool snic_mbx_peer_reset(struct snic_mbx *mbx)
{
	u32 v;

	if (mbx->pending & BIT(SNIC_MBX_EV_RST))
		return true;
	if (!mbx->bits->ev_rst)
		return false;
	v = snic_mbx_ctl(mbx);
	return v != SNIC_DEAD && (v & mbx->bits->ev_rst);
}
SNIC_EXPORT(snic_mbx_peer_reset);

/*
 * One look for @ev: 0 if it came (consumed). With @crossing, a message
 * of the peer that came instead is SNIC_MBX_CROSSED and stays pending;
 * when the ACK shows up with it, the ACK came first (a peer ACKs before
 * it answers) and the message is the answer. -EAGAIN: nothing yet.
 */
static int snic_mbx_look(struct snic_mbx *mbx, enum snic_mbx_event ev,
			 bool crossing)
{
	if (snic_mbx_test_event(mbx, ev))
		return 0;
	if (!crossing || !snic_mbx_test_event(mbx, SNIC_MBX_EV_MSG))
		return -EAGAIN;
	mbx->pending |= BIT(SNIC_MBX_EV_MSG);
	return snic_mbx_test_event(mbx, ev) ? 0 : SNIC_MBX_CROSSED;
}

/*
 * The one wait of the transport: until @ev (or, with @crossing, a peer
 * message first), a peer reset, a dead device or the deadline, whichever
 * comes first; a last look at the deadline. See snic_mbx_post().
 */
static int snic_mbx_await(struct snic_mbx *mbx, enum snic_mbx_event ev,
			  bool crossing, unsigned int timeout_us)
{
	unsigned long deadline = jiffies + usecs_to_jiffies(timeout_us) + 1;
	unsigned long slice = max(usecs_to_jiffies(mbx->poll_us), 1UL);
	int ret;
	u32 v;

	for (;;) {
		ret = snic_mbx_look(mbx, ev, crossing);
		if (ret != -EAGAIN)
			return ret;
		/* Through snic_mbx_ctl(): a raw read would drop an event. */
		v = snic_mbx_ctl(mbx);
		if (v == SNIC_DEAD)
			return -ENODEV;
		if (ev != SNIC_MBX_EV_RST &&
		    ((v & mbx->bits->ev_rst) ||
		     (mbx->pending & BIT(SNIC_MBX_EV_RST))))
			return -ECONNRESET;
		if (time_after_eq(jiffies, deadline))
			break;
		/* Looking consumes: keep what the condition saw. */
		wait_event_timeout(mbx->wq,
				   (ret = snic_mbx_look(mbx, ev, crossing)) !=
				   -EAGAIN,
				   min(slice, deadline - jiffies));
		if (ret != -EAGAIN)
			return ret;
	}
	/* One last look: the event may have landed with the deadline. */
	ret = snic_mbx_look(mbx, ev, crossing);
	if (ret != -EAGAIN)
		return ret;
	mbx->stats.timeouts++;
	return -ETIMEDOUT;
}

/**
 * snic_mbx_wait() - sleep until the peer posts @ev
 * @mbx: the mailbox
 * @ev: the event to wait for
 * @timeout_us: give up after this long
 *
 * Woken early by snic_mbx_notify(); re-checks the registers every
 * @mbx->poll_us because not every event raises an interrupt. A reset of
 * the peer ends the wait at once: a peer that reset forgot what it was
 * asked, so nothing will come.
 *
 * Return: 0 once @ev was seen (and consumed), -ETIMEDOUT, -ECONNRESET if
 * the peer was reset (the event is left pending), or -ENODEV if the
 * device is gone.
 */
int snic_mbx_wait(struct snic_mbx *mbx, enum snic_mbx_event ev,
		  unsigned int timeout_us)
{
	snic_mbx_assert_held(mbx);
	return snic_mbx_await(mbx, ev, false, timeout_us);
}
SNIC_EXPORT(snic_mbx_wait);

/**
 * snic_mbx_post() - post a message and wait until the peer took it
 * @mbx: the mailbox
 * @msg: words to send
 * @len: number of words, 1..SNIC_MBX_WORDS
 * @timeout_us: how long the peer has to ACK it
 *
 * snic_mbx_write(), then a wait for the ACK as in snic_mbx_wait(), with
 * one deadline. A message the peer posts before it ACKs ours was written
 * over ours, which the peer never read: the exchange "crossed". That
 * message is left pending (SNIC_MBX_EV_MSG) for the caller to read, who
 * may post again. A message that comes with the ACK is the answer to
 * ours: 0, and the message is left pending.
 *
 * Return: 0 once ACKed, SNIC_MBX_CROSSED, or an error of snic_mbx_write()
 * or snic_mbx_wait() (-ETIMEDOUT, -ECONNRESET, -ENODEV).
 */
int snic_mbx_post(struct snic_mbx *mbx, const u32 *msg, unsigned int len,
		  unsigned int timeout_us)
{
	int err = snic_mbx_write(mbx, msg, len);

	if (err)
		return err;
	return snic_mbx_await(mbx, SNIC_MBX_EV_ACK, true, timeout_us);
}
SNIC_EXPORT(snic_mbx_post);

/**
 * snic_mbx_read_posted() - wait for a message from the peer and read it
 * @mbx: the mailbox
 * @msg: filled with @len words
 * @len: number of words
 * @timeout_us: how long to wait for the message
 *
 * Return: 0, or an error from snic_mbx_wait() or snic_mbx_read().
 */
int snic_mbx_read_posted(struct snic_mbx *mbx, u32 *msg, unsigned int len,
			 unsigned int timeout_us)
{
	int err = snic_mbx_wait(mbx, SNIC_MBX_EV_MSG, timeout_us);

	if (err)
		return err;
	return snic_mbx_read(mbx, msg, len);
}
SNIC_EXPORT(snic_mbx_read_posted);

/**
 * snic_mbx_notify() - wake waiters after a mailbox interrupt
 * @mbx: the mailbox
 *
 * Safe from hard interrupt context; touches no register.
 */
void snic_mbx_notify(struct snic_mbx *mbx)
{
	wake_up_all(&mbx->wq);
}
SNIC_EXPORT(snic_mbx_notify);
