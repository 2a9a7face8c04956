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

/**
 * snic_mbx_test_event() - is @ev pending? Consumes it if so.
 * @mbx: the mailbox
 * @ev: event to test
 *
 * Return: true if the peer posted @ev since it was last consumed.
 */
bool snic_mbx_test_event(struct snic_mbx *mbx, enum snic_mbx_event ev)
{
	const struct snic_mbx_bits *b = mbx->bits;
	u32 mask, v;

	if (mbx->ops->test_event)
		return mbx->ops->test_event(mbx, ev);

	switch (ev) {
	case SNIC_MBX_EV_MSG:
		mask = b->ev_msg;
		break;
	case SNIC_MBX_EV_ACK:
		mask = b->ev_ack;
		break;
	default:
		mask = b->ev_rst;
		break;
	}
	v = snic_mbx_ctl(mbx);
	if (v == SNIC_DEAD || !(v & mask))
		return false;
	mbx->ctl_seen &= ~mask;
	return true;
}
SNIC_EXPORT(snic_mbx_test_event);

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

	if (!mbx->bits->ev_rst)
		return false;
	v = snic_mbx_ctl(mbx);
	return v != SNIC_DEAD && (v & mbx->bits->ev_rst);
}
SNIC_EXPORT(snic_mbx_peer_reset);

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
	unsigned long deadline = jiffies + usecs_to_jiffies(timeout_us) + 1;
	unsigned long slice = max(usecs_to_jiffies(mbx->poll_us), 1UL);
	bool seen = false;
	u32 v;

	snic_mbx_assert_held(mbx);
	for (;;) {
		if (snic_mbx_test_event(mbx, ev))
			return 0;
		/* Through snic_mbx_ctl(): a raw read would drop an event. */
		v = snic_mbx_ctl(mbx);
		if (v == SNIC_DEAD)
			return -ENODEV;
		if (ev != SNIC_MBX_EV_RST && (v & mbx->bits->ev_rst))
			return -ECONNRESET;
		if (time_after_eq(jiffies, deadline))
			break;
		/* Testing consumes the event: remember that it was seen. */
		wait_event_timeout(mbx->wq,
				   (seen = snic_mbx_test_event(mbx, ev)),
				   min(slice, deadline - jiffies));
		if (seen)
			return 0;
	}
	/* One last look: the event may have landed with the deadline. */
	if (snic_mbx_test_event(mbx, ev))
		return 0;
	mbx->stats.timeouts++;
	return -ETIMEDOUT;
}
SNIC_EXPORT(snic_mbx_wait);

/**
 * snic_mbx_write_posted() - post a message and wait for the peer's ack
 * @mbx: the mailbox
 * @msg: words to send
 * @len: number of words
 * @timeout_us: how long the peer has to consume it
 *
 * Return: 0, or an error from snic_mbx_write() or snic_mbx_wait().
 */
int snic_mbx_write_posted(struct snic_mbx *mbx, const u32 *msg,
			  unsigned int len, unsigned int timeout_us)
{
	int err = snic_mbx_write(mbx, msg, len);

	if (err)
		return err;
	return snic_mbx_wait(mbx, SNIC_MBX_EV_ACK, timeout_us);
}
SNIC_EXPORT(snic_mbx_write_posted);

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
