/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_vf: the VF's decisions that need no hardware.
 *
 * How a PF answer is classified, when a recovery may be retried, whether
 * the carrier is on, how a multicast list becomes the hash list the PF
 * takes, how a 32-bit wrapping counter becomes a 64-bit one. All pure
 * functions over plain values, so the KUnit suite in tests/ can exercise
 * them without a device.
 */
#ifndef _SRIOVNIC_VF_POLICY_H
#define _SRIOVNIC_VF_POLICY_H

#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/types.h>

#include <sriovnic/mbx_proto.h>

/**
 * enum snic_vf_reply - what a message read after a request means
 * @SNIC_VF_REPLY_ACK: the PF carried the request out
 * @SNIC_VF_REPLY_REFUSED: the PF said no but we are still clear to send
 *	(for RESET: the PF has no address for us)
 * @SNIC_VF_REPLY_LOST_CTS: a NACK without CTS: the PF no longer considers
 *	us reset; only a new reset handshake helps
 * @SNIC_VF_REPLY_CONTROL: a PF_CONTROL that crossed our request; handle
 *	it and keep waiting for the answer
 * @SNIC_VF_REPLY_STRAY: an answer to some other request; ignore it
 */
enum snic_vf_reply {
	SNIC_VF_REPLY_ACK,
	SNIC_VF_REPLY_REFUSED,
	SNIC_VF_REPLY_LOST_CTS,
	SNIC_VF_REPLY_CONTROL,
	SNIC_VF_REPLY_STRAY,
};

/**
 * snic_vf_classify_reply() - classify a decoded PF message
 * @m: the message, decoded with SNIC_DIR_REPLY
 * @req_type: the type of the request we are waiting on
 *
 * Return: an enum snic_vf_reply value.
 */
static inline enum snic_vf_reply
snic_vf_classify_reply(const struct snic_msg *m, u16 req_type)
{
	if (m->type == SNIC_MSG_PF_CONTROL)
		return SNIC_VF_REPLY_CONTROL;
	if (m->type != req_type) {
		/* A bare NACK (type 0): the PF refuses to talk to us. */
		if (!m->type && (m->flags & SNIC_MSG_NACK) &&
		    !(m->flags & SNIC_MSG_CTS))
			return SNIC_VF_REPLY_LOST_CTS;
		return SNIC_VF_REPLY_STRAY;
	}
	if (m->flags & SNIC_MSG_ACK)
		return SNIC_VF_REPLY_ACK;
	/* The RESET answer never carries CTS: its NACK means "no address". */
	if (req_type == SNIC_MSG_RESET || (m->flags & SNIC_MSG_CTS))
		return SNIC_VF_REPLY_REFUSED;
	return SNIC_VF_REPLY_LOST_CTS;
}

/* Recovery retries: 1 s, 2 s, 4 s, then every 8 s until the PF answers. */
#define SNIC_VF_BACKOFF_MIN_MS	1000U
#define SNIC_VF_BACKOFF_MAX_MS	8000U

/**
 * snic_vf_reset_backoff_ms() - pause after a recovery attempt
 * @streak: attempts made since the VF was last stable, this one included
 *
 * Return: milliseconds before the next attempt may start; 0 for @streak 0.
 */
static inline unsigned int snic_vf_reset_backoff_ms(unsigned int streak)
{
	if (!streak)
		return 0;
	streak = min(streak, 4U);
	return min(SNIC_VF_BACKOFF_MIN_MS << (streak - 1),
		   SNIC_VF_BACKOFF_MAX_MS);
}

/**
 * snic_vf_carrier_ok() - should the VF report carrier
 * @ready: the reset handshake completed and nothing was lost since
 * @cts: the PF's last word was "clear to send"
 * @pf_link: the PF's link is up (STATUS.LU)
 *
 * Return: true when all three hold.
 */
static inline bool snic_vf_carrier_ok(bool ready, bool cts, bool pf_link)
{
	return ready && cts && pf_link;
}

/**
 * snic_vf_max_frame() - the SET_LPE value for an MTU
 * @mtu: the netdev MTU
 *
 * Room is left for one VLAN tag: a VF's VLAN sub-interfaces share its MTU.
 *
 * Return: the largest frame, FCS included, the VF wants to receive.
 */
static inline u32 snic_vf_max_frame(unsigned int mtu)
{
	return mtu + ETH_HLEN + VLAN_HLEN + ETH_FCS_LEN;
}

/**
 * struct snic_vf_mc - multicast filter as the PF stores it
 * @all: more distinct hashes than the PF keeps: ask for all-multicast
 * @count: distinct hashes in @hash (0 when @all)
 * @hash: 12-bit table hashes, each once
 */
struct snic_vf_mc {
	bool all;
	u8 count;
	u16 hash[SNIC_MC_MAX];
};

/**
 * snic_vf_mc_add() - add one address's hash, once
 * @mc: the filter being built (zeroed to start)
 * @hash: snic_mc_hash() of the address
 *
 * Several addresses share a hash; the PF only stores hashes, so each is
 * sent once and up to SNIC_MC_MAX distinct ones fit. One more turns the
 * filter into an all-multicast request.
 */
static inline void snic_vf_mc_add(struct snic_vf_mc *mc, u16 hash)
{
	unsigned int i;

	if (mc->all)
		return;
	for (i = 0; i < mc->count; i++)
		if (mc->hash[i] == hash)
			return;
	if (mc->count == SNIC_MC_MAX) {
		mc->all = true;
		mc->count = 0;
		return;
	}
	mc->hash[mc->count++] = hash;
}

/**
 * snic_vf_mc_equal() - are two filters the same request
 * @a: one filter
 * @b: the other
 *
 * Return: true if sending @b after @a would change nothing.
 */
static inline bool snic_vf_mc_equal(const struct snic_vf_mc *a,
				    const struct snic_vf_mc *b)
{
	return a->all == b->all && a->count == b->count &&
	       !memcmp(a->hash, b->hash, a->count * sizeof(a->hash[0]));
}

/**
 * struct snic_vf_counter - a 32-bit wrapping hardware counter, widened
 * @last: the raw value last read
 * @total: everything counted since the driver started
 */
struct snic_vf_counter {
	u32 last;
	u64 total;
};

/**
 * snic_vf_counter_update() - fold a new raw reading into the total
 * @c: the counter
 * @now: the raw value just read
 *
 * Correct across one wrap of the 32-bit register between two reads.
 */
static inline void snic_vf_counter_update(struct snic_vf_counter *c, u32 now)
{
	c->total += (u32)(now - c->last);
	c->last = now;
}

/**
 * snic_vf_counter_rebase() - take a new raw reading without counting it
 * @c: the counter
 * @now: the raw value just read
 *
 * Used after the register was reset under us (a PF reset clears it).
 */
static inline void snic_vf_counter_rebase(struct snic_vf_counter *c, u32 now)
{
	c->last = now;
}

#endif /* _SRIOVNIC_VF_POLICY_H */
