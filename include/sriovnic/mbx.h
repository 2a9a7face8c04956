/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mailbox transport shared by the PF and the VF driver.
 *
 * Each side of an 82576 mailbox has a control register and sees the same
 * 16-dword buffer. Sending is: take the buffer (set our ownership bit and
 * read it back; the hardware grants it only while the peer does not own
 * it), write the words, then write the "message" bit, which also drops
 * ownership. Receiving is: take the buffer, read the words, write the
 * "ack" bit. The two sides differ only in which bits those are and in how
 * they learn that the peer posted something (the VF reads its control
 * register, whose status bits clear on read; the PF reads MBVFICR/VFLRE),
 * so the transport is written once over struct snic_mbx_ops and a table of
 * bit roles (struct snic_mbx_bits).
 *
 * Waiting: a waiter sleeps on @wq and is woken by snic_mbx_notify() from
 * the owner's interrupt handler. Because some implementations (QEMU's igb
 * model among them) do not raise every mailbox event as an interrupt, the
 * wait also re-checks the registers every @poll_us; that poll is bounded by
 * the caller's timeout. Taking the buffer is retried @lock_tries times,
 * @lock_delay_us apart. All calls may sleep.
 *
 * The buffer is shared: a message the peer posted and we did not read yet
 * is destroyed by our next write. snic_mbx_write() consumes its event once
 * it owns the buffer (when the peer can no longer post), so it is never
 * read back as the peer's. An exchange is snic_mbx_post(): write, then wait
 * for the ACK; a peer message that comes first "crosses" ours (the peer
 * wrote over our message before reading it) and is left for the caller.
 */
#ifndef _SRIOVNIC_MBX_H
#define _SRIOVNIC_MBX_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "mbx_proto.h"

struct snic_mbx;

/**
 * enum snic_mbx_event - something the peer can post
 * @SNIC_MBX_EV_MSG: the peer wrote a message for us
 * @SNIC_MBX_EV_ACK: the peer consumed our last message
 * @SNIC_MBX_EV_RST: the peer was reset (PF: VF function reset; VF: PF reset)
 */
enum snic_mbx_event {
	SNIC_MBX_EV_MSG,
	SNIC_MBX_EV_ACK,
	SNIC_MBX_EV_RST,
};

/* snic_mbx_post(): the peer posted a message instead of ACKing ours. */
#define SNIC_MBX_CROSSED	1

/**
 * struct snic_mbx_ops - register access for one mailbox
 * @rd_ctl: read this side's control register
 * @wr_ctl: write this side's control register
 * @rd_mem: read dword @i of the buffer
 * @wr_mem: write dword @i of the buffer
 * @test_event: optional; report and consume a pending @ev. When NULL the
 *	transport uses the ev_* bits of the control register.
 *
 * A read of all-ones from @rd_ctl means the device is gone.
 */
struct snic_mbx_ops {
	u32 (*rd_ctl)(struct snic_mbx *mbx);
	void (*wr_ctl)(struct snic_mbx *mbx, u32 val);
	u32 (*rd_mem)(struct snic_mbx *mbx, unsigned int i);
	void (*wr_mem)(struct snic_mbx *mbx, unsigned int i, u32 val);
	bool (*test_event)(struct snic_mbx *mbx, enum snic_mbx_event ev);
};

/**
 * struct snic_mbx_bits - what each control-register bit means to one side
 * @own: our ownership bit (write to request, read back to check)
 * @signal: written to tell the peer a message is in the buffer
 * @ack: written to tell the peer its message was consumed
 * @ev_msg: set when the peer posted a message (only without test_event)
 * @ev_ack: set when the peer consumed ours (only without test_event)
 * @ev_rst: set when the peer was reset (only without test_event)
 * @clear_on_read: bits that a read of the control register clears
 */
struct snic_mbx_bits {
	u32 own;
	u32 signal;
	u32 ack;
	u32 ev_msg;
	u32 ev_ack;
	u32 ev_rst;
	u32 clear_on_read;
};

extern const struct snic_mbx_bits snic_mbx_pf_bits;
extern const struct snic_mbx_bits snic_mbx_vf_bits;

/**
 * struct snic_mbx_stats - counters, for ethtool -S and debugging
 * @tx: messages written
 * @rx: messages read
 * @busy: times the buffer could not be taken
 * @timeouts: waits that ran out
 * @overwritten: peer messages destroyed unread by a write of ours
 */
struct snic_mbx_stats {
	u64 tx;
	u64 rx;
	u64 busy;
	u64 timeouts;
	u64 overwritten;
};

/**
 * struct snic_mbx - one end of one mailbox
 * @ops: register access
 * @bits: bit roles for this side
 * @priv: owner's context for @ops
 * @lock: the owner's mutex that serialises use of this mailbox, or NULL;
 *	asserted held by every transport call when set
 * @wq: waiters for an event; woken by snic_mbx_notify()
 * @ctl_seen: clear-on-read bits already read but not yet consumed
 *	(private to the transport, as is @pending)
 * @pending: BIT(event) of events consumed and made pending again by
 *	snic_mbx_requeue()
 * @lock_tries: attempts to take the buffer
 * @lock_delay_us: pause between attempts
 * @poll_us: re-check interval while waiting for an event
 * @stats: counters
 */
struct snic_mbx {
	const struct snic_mbx_ops *ops;
	const struct snic_mbx_bits *bits;
	void *priv;
	struct mutex *lock;
	wait_queue_head_t wq;
	u32 ctl_seen;
	u32 pending;
	unsigned int lock_tries;
	unsigned int lock_delay_us;
	unsigned int poll_us;
	struct snic_mbx_stats stats;
};

#define SNIC_MBX_LOCK_TRIES	10
#define SNIC_MBX_LOCK_DELAY_US	1000
#define SNIC_MBX_POLL_US	500
/* How long a VF waits for the PF to answer one request. */
#define SNIC_MBX_REPLY_TIMEOUT_US	(1000 * 1000)

void snic_mbx_init(struct snic_mbx *mbx, const struct snic_mbx_ops *ops,
		   const struct snic_mbx_bits *bits, void *priv,
		   struct mutex *lock);
u32 snic_mbx_ctl(struct snic_mbx *mbx);
bool snic_mbx_test_event(struct snic_mbx *mbx, enum snic_mbx_event ev);
bool snic_mbx_peer_reset(struct snic_mbx *mbx);
int snic_mbx_write(struct snic_mbx *mbx, const u32 *msg, unsigned int len);
int snic_mbx_read(struct snic_mbx *mbx, u32 *msg, unsigned int len);
int snic_mbx_wait(struct snic_mbx *mbx, enum snic_mbx_event ev,
		  unsigned int timeout_us);
int snic_mbx_post(struct snic_mbx *mbx, const u32 *msg, unsigned int len,
		  unsigned int timeout_us);
void snic_mbx_requeue(struct snic_mbx *mbx, enum snic_mbx_event ev);
void snic_mbx_forget(struct snic_mbx *mbx);
int snic_mbx_read_posted(struct snic_mbx *mbx, u32 *msg, unsigned int len,
			 unsigned int timeout_us);
void snic_mbx_notify(struct snic_mbx *mbx);

#endif /* _SRIOVNIC_MBX_H */
