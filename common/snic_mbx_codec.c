// SPDX-License-Identifier: GPL-2.0
/*
 * Mailbox codec: words <-> struct snic_msg, with validation.
 *
 * Pure functions: no register access, no allocation, no locking. Decoding a
 * VF request is the first line of the PF's defence, so every field is
 * checked and nothing is read past @len.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/export.h>
#include <linux/string.h>

#include <sriovnic/compat.h>
#include <sriovnic/mbx_proto.h>

static void snic_mac_to_words(const u8 *mac, u32 *lo, u32 *hi)
{
	*lo = mac[0] | mac[1] << 8 | mac[2] << 16 | (u32)mac[3] << 24;
	*hi = mac[4] | mac[5] << 8;
}

static void snic_words_to_mac(u32 lo, u32 hi, u8 *mac)
{
	mac[0] = lo;
	mac[1] = lo >> 8;
	mac[2] = lo >> 16;
	mac[3] = lo >> 24;
	mac[4] = hi;
	mac[5] = hi >> 8;
}

/* Number of words a request of @type needs at least, 0 if unknown. */
static unsigned int snic_req_min_words(u16 type, u8 info)
{
	switch (type) {
	case SNIC_MSG_RESET:
	case SNIC_MSG_SET_PROMISC:
		return 1;
	case SNIC_MSG_SET_MAC:
		return SNIC_SET_MAC_WORDS;
	case SNIC_MSG_SET_MC:
		if (info > SNIC_MC_MAX)	/* all-multicast: no hash is read */
			return 1;
		return 1 + DIV_ROUND_UP(info, 2);
	case SNIC_MSG_SET_VLAN:
	case SNIC_MSG_SET_LPE:
		return 2;
	case SNIC_MSG_EXT_HELLO:
		return SNIC_EXT_HELLO_WORDS;
	default:
		return 0;
	}
}

static int snic_check_unicast(const u8 *mac)
{
	/* A broadcast address is a multicast one, so this refuses it too. */
	return is_valid_ether_addr(mac) ? 0 : -EADDRNOTAVAIL;
}

/*
 * EXT_HELLO words 1-2, the same layout both ways: our magic, a version of
 * at least 1 (bits 15:8 are reserved for growth and ignored), and the
 * capabilities, kept whole: the receiver masks what it does not know.
 */
static int snic_decode_ext_hello(const u32 *w, struct snic_msg *msg)
{
	if (msg->info)
		return -EINVAL;
	if ((w[1] & SNIC_EXT_MAGIC_MASK) != SNIC_EXT_MAGIC)
		return -EPROTO;
	msg->ext.version = FIELD_GET(SNIC_EXT_VERSION, w[1]);
	if (!msg->ext.version)
		return -ERANGE;
	msg->ext.caps = w[2];
	return 0;
}

static int snic_decode_request(const u32 *w, unsigned int len,
			       struct snic_msg *msg)
{
	unsigned int i;

	if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
		return -EBADMSG;	/* a reply is never a request */
	if (len < snic_req_min_words(msg->type, msg->info))
		return -EMSGSIZE;

	switch (msg->type) {
	case SNIC_MSG_RESET:
		return msg->info ? -EINVAL : 0;
	case SNIC_MSG_SET_MAC:
		snic_words_to_mac(w[1], w[2], msg->mac);
		msg->mac_op = msg->info;
		switch (msg->mac_op) {
		case SNIC_MAC_PRIMARY:
		case SNIC_MAC_ADD:
			return snic_check_unicast(msg->mac);
		case SNIC_MAC_CLEAR:
			/* igbvf sends the clear with an all-zero address. */
			return 0;
		default:
			return -EINVAL;
		}
	case SNIC_MSG_SET_MC:
		if (msg->info > SNIC_MC_MAX) {
			/* More than fit, or the overflow flag: all-multicast. */
			msg->mc.all = true;
			msg->mc.count = 0;
			return 0;
		}
		msg->mc.count = msg->info;
		for (i = 0; i < msg->mc.count; i++) {
			u32 word = w[1 + i / 2];
			u16 hash = (i & 1) ? word >> 16 : word & 0xffff;

			if (hash & ~SNIC_MC_HASH)
				return -ERANGE;
			msg->mc.hash[i] = hash;
		}
		return 0;
	case SNIC_MSG_SET_VLAN:
		if (msg->info > 1)
			return -EINVAL;
		if (w[1] & ~SNIC_VLAN_VID)
			return -ERANGE;
		msg->vlan.add = msg->info;
		msg->vlan.vid = w[1];
		return 0;
	case SNIC_MSG_SET_LPE:
		if (msg->info)
			return -EINVAL;
		if (w[1] < SNIC_LPE_MIN_FRAME || w[1] > SNIC_LPE_MAX_FRAME)
			return -ERANGE;
		msg->max_frame = w[1];
		return 0;
	case SNIC_MSG_SET_PROMISC:
		if (msg->info & ~SNIC_PROMISC_ALL)
			return -EINVAL;
		msg->promisc = msg->info;
		return 0;
	case SNIC_MSG_EXT_HELLO:
		return snic_decode_ext_hello(w, msg);
	default:
		/* Unknown, or PF->VF only (PF_CONTROL, EXT_EVENT) */
		return -EOPNOTSUPP;
	}
}

static int snic_decode_ext_event(const u32 *w, unsigned int len,
				 struct snic_msg *msg)
{
	if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
		return -EBADMSG;	/* never an answer */

	switch (msg->info) {
	case SNIC_EXT_EV_LINK:
		if (len < SNIC_EXT_LINK_WORDS)
			return -EMSGSIZE;
		msg->link.up = w[1] & SNIC_EXT_LINK_UP;
		msg->link.reason = FIELD_GET(SNIC_EXT_LINK_REASON, w[1]);
		/* Reasons grow only with the version, so v1 knows them all. */
		if (msg->link.reason > SNIC_LINK_PF_DOWN)
			return -ERANGE;
		if (msg->link.up != (msg->link.reason == SNIC_LINK_UP))
			return -EINVAL;
		return 0;
	case SNIC_EXT_EV_MAC:
		if (len < SNIC_EXT_MAC_WORDS)
			return -EMSGSIZE;
		snic_words_to_mac(w[1], w[2], msg->mac);
		return snic_check_unicast(msg->mac);
	default:
		return -EOPNOTSUPP;
	}
}

static int snic_decode_reply(const u32 *w, unsigned int len,
			     struct snic_msg *msg)
{
	/*
	 * A NACK of any type may carry the PF's reason in word 1. One this
	 * VF does not know (a newer PF's) is no reason at all.
	 */
	if ((msg->flags & SNIC_MSG_NACK) && len >= SNIC_NACK_REASON_WORDS) {
		msg->reason_word = true;
		if (w[1] <= SNIC_REFUSE_MAX)
			msg->reason = w[1];
	}

	switch (msg->type) {
	case SNIC_MSG_PF_CONTROL:
		return (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)) ?
			-EBADMSG : 0;
	case SNIC_MSG_RESET:
		if (!(msg->flags & SNIC_MSG_ACK))
			return 0;	/* NACK: no address assigned */
		if (len < SNIC_RESET_REPLY_WORDS)
			return -EMSGSIZE;
		snic_words_to_mac(w[1], w[2], msg->mac);
		return snic_check_unicast(msg->mac);
	case SNIC_MSG_EXT_HELLO:
		if (!(msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)))
			return -EBADMSG;
		if (msg->flags & SNIC_MSG_NACK)
			return 0;	/* any PF that does not know it */
		if (len < SNIC_EXT_HELLO_WORDS)
			return -EMSGSIZE;
		return snic_decode_ext_hello(w, msg);
	case SNIC_MSG_EXT_EVENT:
		return snic_decode_ext_event(w, len, msg);
	default:
		/*
		 * Replies to other requests echo the request header; a
		 * bare NACK (type 0) is what a PF sends to a VF that is
		 * not clear to send.
		 */
		if (!(msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)))
			return -EBADMSG;
		return 0;
	}
}

/**
 * snic_msg_decode() - parse and validate mailbox words
 * @words: the words as read from the mailbox
 * @len: number of valid words in @words
 * @dir: SNIC_DIR_REQUEST for a VF request seen by the PF, SNIC_DIR_REPLY for
 *	what the PF sends a VF
 * @msg: filled in; on error only @msg->type, @msg->info and @msg->flags
 *	are meaningful (enough to NACK the request)
 *
 * Nothing past @len is read. A NACK reply of @len >= 2 yields the PF's
 * reason (@msg->reason, SNIC_REFUSE_UNSPEC when it is one this side does
 * not know), so a VF decodes a NACK with a length of 1 unless the PF
 * granted it SNIC_EXT_CAP_REASON.
 *
 * Return: 0, or -EMSGSIZE (too short for its type, or longer than the
 * mailbox), -EOPNOTSUPP (unknown request type, a PF->VF type sent as a
 * request, or an unknown EXT_EVENT), -EBADMSG (flags that make no sense in
 * this direction), -EINVAL (bad MSGINFO, or contradicting fields), -EPROTO
 * (an EXT_HELLO without the extension's magic), -ERANGE (a field out of
 * range, EXT_HELLO version 0) or -EADDRNOTAVAIL (an address that is not a
 * unicast one).
 */
int snic_msg_decode(const u32 *words, unsigned int len, enum snic_msg_dir dir,
		    struct snic_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	if (!len || len > SNIC_MBX_WORDS)
		return -EMSGSIZE;

	msg->type = FIELD_GET(SNIC_MSG_TYPE, words[0]);
	msg->info = FIELD_GET(SNIC_MSG_INFO, words[0]);
	msg->flags = words[0] & SNIC_MSG_FLAGS;
	if (words[0] & ~(SNIC_MSG_TYPE | SNIC_MSG_INFO | SNIC_MSG_FLAGS))
		return -EINVAL;		/* reserved bits 28:24 */

	if (dir == SNIC_DIR_REQUEST)
		return snic_decode_request(words, len, msg);
	return snic_decode_reply(words, len, msg);
}
SNIC_EXPORT(snic_msg_decode);

static u32 snic_hdr(const struct snic_msg *msg, u8 info)
{
	return FIELD_PREP(SNIC_MSG_TYPE, msg->type) |
	       FIELD_PREP(SNIC_MSG_INFO, info) |
	       (msg->flags & SNIC_MSG_FLAGS);
}

static int snic_encode_ext_hello(const struct snic_msg *msg, u32 *w,
				 unsigned int *len)
{
	if (!msg->ext.version)
		return -ERANGE;
	w[0] = snic_hdr(msg, 0);
	w[1] = SNIC_EXT_MAGIC | FIELD_PREP(SNIC_EXT_VERSION, msg->ext.version);
	w[2] = msg->ext.caps;
	*len = SNIC_EXT_HELLO_WORDS;
	return 0;
}

static int snic_encode_request(const struct snic_msg *msg, u32 *w,
			       unsigned int *len)
{
	unsigned int i;

	switch (msg->type) {
	case SNIC_MSG_RESET:
		w[0] = snic_hdr(msg, 0);
		*len = 1;
		return 0;
	case SNIC_MSG_SET_MAC:
		if (msg->mac_op > SNIC_MAC_ADD)
			return -EINVAL;
		if (msg->mac_op != SNIC_MAC_CLEAR &&
		    snic_check_unicast(msg->mac))
			return -EADDRNOTAVAIL;
		w[0] = snic_hdr(msg, msg->mac_op);
		snic_mac_to_words(msg->mac, &w[1], &w[2]);
		*len = SNIC_SET_MAC_WORDS;
		return 0;
	case SNIC_MSG_SET_MC:
		if (msg->mc.all) {
			/* Overflow flag plus a count no PF can take as a list */
			w[0] = snic_hdr(msg, SNIC_MC_OVERFLOW | (SNIC_MC_MAX + 1));
			*len = 1;
			return 0;
		}
		if (msg->mc.count > SNIC_MC_MAX)
			return -EINVAL;
		w[0] = snic_hdr(msg, msg->mc.count);
		for (i = 0; i < DIV_ROUND_UP(msg->mc.count, 2); i++)
			w[1 + i] = 0;
		for (i = 0; i < msg->mc.count; i++) {
			if (msg->mc.hash[i] & ~SNIC_MC_HASH)
				return -ERANGE;
			w[1 + i / 2] |= (u32)msg->mc.hash[i] << ((i & 1) * 16);
		}
		*len = 1 + DIV_ROUND_UP(msg->mc.count, 2);
		return 0;
	case SNIC_MSG_SET_VLAN:
		if (msg->vlan.vid > SNIC_VLAN_MAX_VID)
			return -ERANGE;
		w[0] = snic_hdr(msg, msg->vlan.add ? 1 : 0);
		w[1] = msg->vlan.vid;
		*len = 2;
		return 0;
	case SNIC_MSG_SET_LPE:
		if (msg->max_frame < SNIC_LPE_MIN_FRAME ||
		    msg->max_frame > SNIC_LPE_MAX_FRAME)
			return -ERANGE;
		w[0] = snic_hdr(msg, 0);
		w[1] = msg->max_frame;
		*len = 2;
		return 0;
	case SNIC_MSG_SET_PROMISC:
		if (msg->promisc & ~SNIC_PROMISC_ALL)
			return -EINVAL;
		w[0] = snic_hdr(msg, msg->promisc);
		*len = 1;
		return 0;
	case SNIC_MSG_EXT_HELLO:
		return snic_encode_ext_hello(msg, w, len);
	default:
		return -EOPNOTSUPP;
	}
}

static int snic_encode_ext_event(const struct snic_msg *msg, u32 *w,
				 unsigned int *len)
{
	if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
		return -EBADMSG;

	switch (msg->info) {
	case SNIC_EXT_EV_LINK:
		if (msg->link.reason > SNIC_LINK_PF_DOWN)
			return -ERANGE;
		if (msg->link.up != (msg->link.reason == SNIC_LINK_UP))
			return -EINVAL;
		w[0] = snic_hdr(msg, SNIC_EXT_EV_LINK);
		w[1] = FIELD_PREP(SNIC_EXT_LINK_REASON, msg->link.reason) |
		       (msg->link.up ? SNIC_EXT_LINK_UP : 0);
		*len = SNIC_EXT_LINK_WORDS;
		return 0;
	case SNIC_EXT_EV_MAC:
		if (snic_check_unicast(msg->mac))
			return -EADDRNOTAVAIL;
		w[0] = snic_hdr(msg, SNIC_EXT_EV_MAC);
		snic_mac_to_words(msg->mac, &w[1], &w[2]);
		*len = SNIC_EXT_MAC_WORDS;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}

/* The answer to a request that carries nothing but ACK/NACK (and reason) */
static int snic_encode_answer(const struct snic_msg *msg, u32 *w,
			      unsigned int *len)
{
	bool ack = msg->flags & SNIC_MSG_ACK, nack = msg->flags & SNIC_MSG_NACK;

	if (ack == nack)
		return -EBADMSG;
	if (ack && msg->reason_word)
		return -EINVAL;
	if (msg->reason > SNIC_REFUSE_MAX)
		return -ERANGE;
	w[0] = snic_hdr(msg, msg->info);
	*len = 1;
	if (msg->reason_word) {
		w[1] = msg->reason;
		*len = SNIC_NACK_REASON_WORDS;
	}
	return 0;
}

/**
 * snic_msg_encode() - build mailbox words from a message
 * @msg: the message; @msg->flags are copied into word 0
 * @dir: SNIC_DIR_REQUEST (VF side) or SNIC_DIR_REPLY (PF side)
 * @words: at least SNIC_MBX_WORDS words
 * @len: set to the number of words to write
 *
 * Replies: the RESET reply (3 words with the address when ACKed), the
 * EXT_HELLO ACK (3 words), PF_CONTROL and EXT_EVENT (@msg->info is the
 * event: LINK 2 words, MAC 3 words), and for every other type the answer
 * to a request: the request's type and MSGINFO (@msg->info) with exactly
 * one of ACK and NACK. A NACK of any type is one word, or two with
 * @msg->reason in word 1 when @msg->reason_word is set.
 *
 * Return: 0, or the same errors snic_msg_decode() would give the result.
 */
int snic_msg_encode(const struct snic_msg *msg, enum snic_msg_dir dir,
		    u32 *words, unsigned int *len)
{
	if (dir == SNIC_DIR_REQUEST) {
		if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
			return -EBADMSG;
		return snic_encode_request(msg, words, len);
	}

	switch (msg->type) {
	case SNIC_MSG_RESET:
		if (!(msg->flags & SNIC_MSG_ACK)) {
			struct snic_msg nack = *msg;

			nack.info = 0;
			return snic_encode_answer(&nack, words, len);
		}
		words[0] = snic_hdr(msg, 0);
		if (snic_check_unicast(msg->mac))
			return -EADDRNOTAVAIL;
		snic_mac_to_words(msg->mac, &words[1], &words[2]);
		*len = SNIC_RESET_REPLY_WORDS;
		return 0;
	case SNIC_MSG_PF_CONTROL:
		if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
			return -EBADMSG;
		words[0] = snic_hdr(msg, 0);
		*len = 1;
		return 0;
	case SNIC_MSG_EXT_HELLO:
		if (!(msg->flags & SNIC_MSG_ACK)) {
			struct snic_msg nack = *msg;

			nack.info = 0;
			return snic_encode_answer(&nack, words, len);
		}
		if (msg->flags & SNIC_MSG_NACK)
			return -EBADMSG;
		return snic_encode_ext_hello(msg, words, len);
	case SNIC_MSG_EXT_EVENT:
		return snic_encode_ext_event(msg, words, len);
	default:
		return snic_encode_answer(msg, words, len);
	}
}
SNIC_EXPORT(snic_msg_encode);

/**
 * snic_msg_reply_hdr() - the one-word answer to a request
 * @req_hdr: word 0 of the request
 * @ack: true to ACK, false to NACK
 * @cts: true once the VF has completed RESET
 *
 * Return: the request header with its flags replaced.
 */
u32 snic_msg_reply_hdr(u32 req_hdr, bool ack, bool cts)
{
	u32 hdr = req_hdr & ~SNIC_MSG_FLAGS;

	hdr |= ack ? SNIC_MSG_ACK : SNIC_MSG_NACK;
	if (cts)
		hdr |= SNIC_MSG_CTS;
	return hdr;
}
SNIC_EXPORT(snic_msg_reply_hdr);

/**
 * snic_mc_hash() - the 12-bit multicast table hash of an address
 * @addr: multicast address
 *
 * This is the hash with the 82576's default filter type (MO = 0): bits 47:36
 * of the address. The PF sets bit (hash & 31) of MTA[hash >> 5].
 *
 * Return: the hash.
 */
u16 snic_mc_hash(const u8 *addr)
{
	return ((addr[4] >> 4) | ((u16)addr[5] << 4)) & SNIC_MC_HASH;
}
SNIC_EXPORT(snic_mc_hash);

/**
 * snic_msg_name() - a message type's name, for logs
 * @type: message type
 *
 * Return: a static string; "unknown" for types outside the protocol.
 */
const char *snic_msg_name(u16 type)
{
	switch (type) {
	case SNIC_MSG_RESET:		return "RESET";
	case SNIC_MSG_SET_MAC:		return "SET_MAC_ADDR";
	case SNIC_MSG_SET_MC:		return "SET_MULTICAST";
	case SNIC_MSG_SET_VLAN:		return "SET_VLAN";
	case SNIC_MSG_SET_LPE:		return "SET_LPE";
	case SNIC_MSG_SET_PROMISC:	return "SET_PROMISC";
	case SNIC_MSG_PF_CONTROL:	return "PF_CONTROL";
	case SNIC_MSG_EXT_HELLO:	return "EXT_HELLO";
	case SNIC_MSG_EXT_EVENT:	return "EXT_EVENT";
	default:			return "unknown";
	}
}
SNIC_EXPORT(snic_msg_name);
