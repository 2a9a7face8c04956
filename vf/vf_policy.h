/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_vf: the VF's decisions that need no hardware.
 *
 * How a PF answer is classified, when a recovery may be retried, whether
 * the carrier is on, how a multicast list becomes the hash list the PF
 * takes, how a 32-bit wrapping counter becomes a 64-bit one, and what the
 * sriovnic mailbox extension leaves in use: the negotiated version and
 * capabilities, the ethtool extended state for a link reason (the names,
 * texts and errnos of the reasons are common/snic_mbx_codec.c's). All pure functions over plain values,
 * so the KUnit suite in tests/ can exercise them without a device.
 */
#ifndef _SRIOVNIC_VF_POLICY_H
#define _SRIOVNIC_VF_POLICY_H

#include <linux/errno.h>
#include <linux/ethtool.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/types.h>

#include <sriovnic/mbx_proto.h>

/**
 * enum snic_vfd_reply - what a message read after a request means
 * @SNIC_VFD_REPLY_ACK: the PF carried the request out
 * @SNIC_VFD_REPLY_REFUSED: the PF said no but we are still clear to send
 *	(for RESET: the PF has no address for us)
 * @SNIC_VFD_REPLY_LOST_CTS: a NACK without CTS: the PF no longer considers
 *	us reset; only a new reset handshake helps
 * @SNIC_VFD_REPLY_CONTROL: a message the PF sent on its own (PF_CONTROL,
 *	EXT_EVENT) that crossed our request; handle it and keep waiting for
 *	the answer
 * @SNIC_VFD_REPLY_STRAY: an answer to some other request; ignore it
 */
enum snic_vfd_reply {
	SNIC_VFD_REPLY_ACK,
	SNIC_VFD_REPLY_REFUSED,
	SNIC_VFD_REPLY_LOST_CTS,
	SNIC_VFD_REPLY_CONTROL,
	SNIC_VFD_REPLY_STRAY,
};

/**
 * snic_vf_classify_reply() - classify a decoded PF message
 * @m: the message, decoded with SNIC_DIR_REPLY
 * @req_type: the type of the request we are waiting on
 *
 * Return: an enum snic_vfd_reply value.
 */
static inline enum snic_vfd_reply
snic_vf_classify_reply(const struct snic_msg *m, u16 req_type)
{
	const struct snic_msg_desc *md = snic_msg_desc(m->type);

	if (md && (md->flags & SNIC_MSGD_PF2VF))
		return SNIC_VFD_REPLY_CONTROL;
	if (m->type != req_type) {
		/* A bare NACK (type 0): the PF refuses to talk to us. */
		if (!m->type && (m->flags & SNIC_MSG_NACK) &&
		    !(m->flags & SNIC_MSG_CTS))
			return SNIC_VFD_REPLY_LOST_CTS;
		return SNIC_VFD_REPLY_STRAY;
	}
	if (m->flags & SNIC_MSG_ACK)
		return SNIC_VFD_REPLY_ACK;
	/* The RESET answer never carries CTS: its NACK means "no address". */
	if ((md && (md->flags & SNIC_MSGD_NO_CTS)) || (m->flags & SNIC_MSG_CTS))
		return SNIC_VFD_REPLY_REFUSED;
	return SNIC_VFD_REPLY_LOST_CTS;
}

/**
 * snic_vf_ext_accept() - what an EXT_HELLO exchange leaves in use
 * @err: the exchange's result: 0 when the PF ACKed and the answer decoded
 *	(the codec checks the magic), else the error (a NACK, a timeout, a
 *	malformed answer)
 * @reply: the decoded answer; only read when @err is 0
 * @caps: set to the capabilities in use
 *
 * Anything but a well-formed ACK leaves the base protocol. A PF cannot
 * give more than was asked for: the version is clamped to the one we
 * speak and capabilities we did not offer are dropped.
 *
 * Return: the extension version in use, 0 for the base protocol (then
 * @caps is 0 too).
 */
static inline u8 snic_vf_ext_accept(int err, const struct snic_msg *reply,
				    u32 *caps)
{
	*caps = 0;
	if (err || reply->type != SNIC_MSG_EXT_HELLO ||
	    !(reply->flags & SNIC_MSG_ACK) || (reply->flags & SNIC_MSG_NACK) ||
	    !reply->ext.version)
		return 0;
	*caps = reply->ext.caps & SNIC_EXT_CAPS_V1;
	return min_t(u8, reply->ext.version, SNIC_EXT_VERSION_CUR);
}

/**
 * snic_vf_refusal() - the reason to act on for a refused request
 * @caps: the extension capabilities in use
 * @reason: the reason the decoded NACK carried
 *
 * Without SNIC_EXT_CAP_REASON a NACK has no reason word: what the codec
 * found in word 1 is left over from our own request.
 *
 * Return: an enum snic_refusal value; SNIC_REFUSE_UNSPEC when there is no
 * reason to trust or it is one we do not know.
 */
static inline u8 snic_vf_refusal(u32 caps, u8 reason)
{
	if (!(caps & SNIC_EXT_CAP_REASON) || reason > SNIC_REFUSE_MAX)
		return SNIC_REFUSE_UNSPEC;
	return reason;
}

/**
 * snic_vf_ext_link_ok() - does the extension's link state allow carrier
 * @caps: the extension capabilities in use
 * @ext_up: the up bit of the last EXT_EVENT LINK
 *
 * Return: true without SNIC_EXT_CAP_LINK (the base rule alone decides),
 * else @ext_up.
 */
static inline bool snic_vf_ext_link_ok(u32 caps, bool ext_up)
{
	return !(caps & SNIC_EXT_CAP_LINK) || ext_up;
}

/* No reason known: the base protocol, or a carrier lost for other causes. */
#define SNIC_VF_LINK_REASON_NONE	0xff

/**
 * snic_vf_link_reason() - why the VF has no link, as far as it knows
 * @caps: the extension capabilities in use
 * @carrier: the carrier is (about to be) on
 * @pf_link: the port's physical link (STATUS.LU)
 * @ext_up: the up bit of the last EXT_EVENT LINK
 * @ext_reason: the enum snic_link_reason of that event
 *
 * The physical link bit is the VF's own observation and wins; otherwise
 * the PF's last word says why.
 *
 * Return: SNIC_LINK_UP with carrier, an enum snic_link_reason, or
 * SNIC_VF_LINK_REASON_NONE without SNIC_EXT_CAP_LINK or when the carrier
 * is off for a reason the PF did not give (a reset in progress).
 */
static inline u8 snic_vf_link_reason(u32 caps, bool carrier, bool pf_link,
				     bool ext_up, u8 ext_reason)
{
	if (!(caps & SNIC_EXT_CAP_LINK))
		return SNIC_VF_LINK_REASON_NONE;
	if (carrier)
		return SNIC_LINK_UP;
	if (!pf_link)
		return SNIC_LINK_PHY_DOWN;
	if (ext_up)
		return SNIC_VF_LINK_REASON_NONE;
	switch (ext_reason) {
	case SNIC_LINK_PHY_DOWN:
	case SNIC_LINK_ADMIN_DOWN:
	case SNIC_LINK_PF_DOWN:
		return ext_reason;
	default:
		return SNIC_VF_LINK_REASON_NONE;
	}
}

/**
 * snic_vf_link_ext_state() - a link reason as ethtool's extended state
 * @reason: enum snic_link_reason or SNIC_VF_LINK_REASON_NONE
 * @info: filled in when a state applies
 *
 * ethtool has no state for "switched off upstream", so the closest ones:
 * the port's physical link down is NO_CABLE (nothing is connected, as far
 * as the VF can tell); the administrator disabling the VF is
 * LINK_LOGICAL_MISMATCH (the physical link is fine, the logical one is
 * not); the PF down is AUTONEG with "no partner detected" (the PF is the
 * VF's link partner on the internal switch).
 *
 * Return: 0, or -ENODATA when there is no extended state to report.
 */
static inline int snic_vf_link_ext_state(u8 reason,
					 struct ethtool_link_ext_state_info *info)
{
	switch (reason) {
	case SNIC_LINK_PHY_DOWN:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_NO_CABLE;
		info->__link_ext_substate = 0;
		return 0;
	case SNIC_LINK_ADMIN_DOWN:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_LINK_LOGICAL_MISMATCH;
		info->__link_ext_substate = 0;
		return 0;
	case SNIC_LINK_PF_DOWN:
		info->link_ext_state = ETHTOOL_LINK_EXT_STATE_AUTONEG;
		info->autoneg = ETHTOOL_LINK_EXT_SUBSTATE_AN_NO_PARTNER_DETECTED;
		return 0;
	default:
		return -ENODATA;
	}
}

/**
 * snic_vf_fw_version() - the mailbox in use, for ethtool -i
 * @buf: output
 * @size: its size
 * @version: extension version in use, 0 for the base protocol
 * @caps: capabilities in use
 */
static inline void snic_vf_fw_version(char *buf, size_t size, u8 version,
				      u32 caps)
{
	if (version)
		snprintf(buf, size, "mbx 82576+ext v%u caps 0x%x", version,
			 caps);
	else
		snprintf(buf, size, "mbx 82576");
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
