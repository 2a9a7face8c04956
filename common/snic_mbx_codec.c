// SPDX-License-Identifier: GPL-2.0
/*
 * Mailbox codec: words <-> struct snic_msg, with validation.
 *
 * Pure functions: no register access, no allocation, no locking. Decoding a
 * VF request is the first line of the PF's defence, so every field is
 * checked and nothing is read past @len.
 *
 * The protocol is the table snic_msgs[]: each message type once, with its
 * name, direction, MSGINFO and length bounds and its payload's decoder and
 * encoder. snic_msg_decode() and snic_msg_encode() check what the table
 * says and call the type's functions, which check the payload. The names,
 * texts and errnos of the refusal and link reasons are tables here too, for
 * both ends.
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

static int snic_check_unicast(const u8 *mac)
{
	/* A broadcast address is a multicast one, so this refuses it too. */
	return is_valid_ether_addr(mac) ? 0 : -EADDRNOTAVAIL;
}

static u32 snic_hdr(const struct snic_msg *msg, u8 info)
{
	return FIELD_PREP(SNIC_MSG_TYPE, msg->type) |
	       FIELD_PREP(SNIC_MSG_INFO, info) |
	       (msg->flags & SNIC_MSG_FLAGS);
}

/* ---- Payloads, per type ---------------------------------------------- */

/* The RESET ACK and EXT_EVENT MAC: a unicast address in words 1-2. */
static int snic_dec_mac(const u32 *w, unsigned int len, struct snic_msg *msg)
{
	snic_words_to_mac(w[1], w[2], msg->mac);
	return snic_check_unicast(msg->mac);
}

static int snic_enc_mac(const struct snic_msg *msg, u32 *w)
{
	if (snic_check_unicast(msg->mac))
		return -EADDRNOTAVAIL;
	w[0] = snic_hdr(msg, msg->info);
	snic_mac_to_words(msg->mac, &w[1], &w[2]);
	return SNIC_SET_MAC_WORDS;
}

static int snic_dec_set_mac(const u32 *w, unsigned int len,
			    struct snic_msg *msg)
{
	snic_words_to_mac(w[1], w[2], msg->mac);
	msg->mac_op = msg->info;
	/* igbvf sends the clear with an all-zero address. */
	if (msg->mac_op == SNIC_MAC_CLEAR)
		return 0;
	/* DPDK's VF at close: no address is "release mine", not an error. */
	if (msg->mac_op == SNIC_MAC_PRIMARY && is_zero_ether_addr(msg->mac)) {
		msg->mac_op = SNIC_MAC_RELEASE;
		return 0;
	}
	return snic_check_unicast(msg->mac);
}

static int snic_enc_set_mac(const struct snic_msg *msg, u32 *w)
{
	bool release = msg->mac_op == SNIC_MAC_RELEASE;
	static const u8 none[ETH_ALEN];

	if (msg->mac_op > SNIC_MAC_ADD && !release)
		return -EINVAL;
	if (msg->mac_op != SNIC_MAC_CLEAR && !release &&
	    snic_check_unicast(msg->mac))
		return -EADDRNOTAVAIL;
	w[0] = snic_hdr(msg, release ? SNIC_MAC_PRIMARY : msg->mac_op);
	snic_mac_to_words(release ? none : msg->mac, &w[1], &w[2]);
	return SNIC_SET_MAC_WORDS;
}

/*
 * MSGINFO is the number of hashes that follow; more than fit, or the
 * overflow flag, is all-multicast and no hash is read.
 */
static int snic_dec_set_mc(const u32 *w, unsigned int len, struct snic_msg *msg)
{
	unsigned int i;

	if (msg->info > SNIC_MC_MAX) {
		msg->mc.all = true;
		return 0;
	}
	if (len < 1 + DIV_ROUND_UP(msg->info, 2))
		return -EMSGSIZE;
	msg->mc.count = msg->info;
	for (i = 0; i < msg->mc.count; i++) {
		u16 hash = w[1 + i / 2] >> ((i & 1) * 16);

		if (hash & ~SNIC_MC_HASH)
			return -ERANGE;
		msg->mc.hash[i] = hash;
	}
	return 0;
}

static int snic_enc_set_mc(const struct snic_msg *msg, u32 *w)
{
	unsigned int i, n = DIV_ROUND_UP(msg->mc.count, 2);

	if (msg->mc.all) {
		/* Overflow flag plus a count no PF can take as a list */
		w[0] = snic_hdr(msg, SNIC_MC_OVERFLOW | (SNIC_MC_MAX + 1));
		return 1;
	}
	if (msg->mc.count > SNIC_MC_MAX)
		return -EINVAL;
	w[0] = snic_hdr(msg, msg->mc.count);
	memset(&w[1], 0, n * sizeof(*w));
	for (i = 0; i < msg->mc.count; i++) {
		if (msg->mc.hash[i] & ~SNIC_MC_HASH)
			return -ERANGE;
		w[1 + i / 2] |= (u32)msg->mc.hash[i] << ((i & 1) * 16);
	}
	return 1 + n;
}

static int snic_dec_set_vlan(const u32 *w, unsigned int len,
			     struct snic_msg *msg)
{
	if (w[1] & ~SNIC_VLAN_VID)
		return -ERANGE;
	msg->vlan.add = msg->info;
	msg->vlan.vid = w[1];
	return 0;
}

static int snic_enc_set_vlan(const struct snic_msg *msg, u32 *w)
{
	if (msg->vlan.vid > SNIC_VLAN_MAX_VID)
		return -ERANGE;
	w[0] = snic_hdr(msg, msg->vlan.add);
	w[1] = msg->vlan.vid;
	return SNIC_U32_MSG_WORDS;
}

static int snic_dec_set_lpe(const u32 *w, unsigned int len,
			    struct snic_msg *msg)
{
	if (w[1] < SNIC_LPE_MIN_FRAME || w[1] > SNIC_LPE_MAX_FRAME)
		return -ERANGE;
	msg->max_frame = w[1];
	return 0;
}

static int snic_enc_set_lpe(const struct snic_msg *msg, u32 *w)
{
	if (msg->max_frame < SNIC_LPE_MIN_FRAME ||
	    msg->max_frame > SNIC_LPE_MAX_FRAME)
		return -ERANGE;
	w[0] = snic_hdr(msg, 0);
	w[1] = msg->max_frame;
	return SNIC_U32_MSG_WORDS;
}

static int snic_dec_set_promisc(const u32 *w, unsigned int len,
				struct snic_msg *msg)
{
	msg->promisc = msg->info;
	return 0;
}

static int snic_enc_set_promisc(const struct snic_msg *msg, u32 *w)
{
	if (msg->promisc & ~SNIC_PROMISC_ALL)
		return -EINVAL;
	w[0] = snic_hdr(msg, msg->promisc);
	return 1;
}

/*
 * EXT_HELLO words 1-2, the same layout both ways: our magic, a version of
 * at least 1 (bits 15:8 are reserved for growth and ignored), and the
 * capabilities, kept whole: the receiver masks what it does not know.
 */
static int snic_dec_ext_hello(const u32 *w, unsigned int len,
			      struct snic_msg *msg)
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

static int snic_enc_ext_hello(const struct snic_msg *msg, u32 *w)
{
	if (!msg->ext.version)
		return -ERANGE;
	w[0] = snic_hdr(msg, 0);
	w[1] = SNIC_EXT_MAGIC | FIELD_PREP(SNIC_EXT_VERSION, msg->ext.version);
	w[2] = msg->ext.caps;
	return SNIC_EXT_HELLO_WORDS;
}

static const struct {
	const char *name;
	const char *text;
} snic_link_reasons[] = {
	[SNIC_LINK_UP]		= { "up", NULL },
	[SNIC_LINK_PHY_DOWN]	= { "phy_down", "physical link down" },
	[SNIC_LINK_ADMIN_DOWN]	= { "admin_down", "disabled by the administrator" },
	[SNIC_LINK_PF_DOWN]	= { "pf_down", "PF down" },
};

/* Reasons grow only with the version, so v1 knows them all. */
static int snic_check_link(const struct snic_msg *msg)
{
	if (msg->link.reason >= ARRAY_SIZE(snic_link_reasons))
		return -ERANGE;
	if (msg->link.up != (msg->link.reason == SNIC_LINK_UP))
		return -EINVAL;
	return 0;
}

/* EXT_EVENT: MSGINFO is the event, LINK in word 1, MAC as SET_MAC. */
static int snic_dec_ext_event(const u32 *w, unsigned int len,
			      struct snic_msg *msg)
{
	switch (msg->info) {
	case SNIC_EXT_EV_LINK:
		msg->link.up = w[1] & SNIC_EXT_LINK_UP;
		msg->link.reason = FIELD_GET(SNIC_EXT_LINK_REASON, w[1]);
		return snic_check_link(msg);
	case SNIC_EXT_EV_MAC:
		if (len < SNIC_EXT_MAC_WORDS)
			return -EMSGSIZE;
		return snic_dec_mac(w, len, msg);
	default:
		return -EOPNOTSUPP;
	}
}

static int snic_enc_ext_event(const struct snic_msg *msg, u32 *w)
{
	int err;

	switch (msg->info) {
	case SNIC_EXT_EV_LINK:
		err = snic_check_link(msg);
		if (err)
			return err;
		w[0] = snic_hdr(msg, SNIC_EXT_EV_LINK);
		w[1] = FIELD_PREP(SNIC_EXT_LINK_REASON, msg->link.reason) |
		       (msg->link.up ? SNIC_EXT_LINK_UP : 0);
		return SNIC_EXT_LINK_WORDS;
	case SNIC_EXT_EV_MAC:
		return snic_enc_mac(msg, w);
	default:
		return -EOPNOTSUPP;
	}
}

/* ---- The protocol ---------------------------------------------------- */

#define VF2PF	SNIC_MSGD_VF2PF
#define PF2VF	SNIC_MSGD_PF2VF

/*
 * A linear table: nine types, sparse ids (0x0001-0x0006, 0x0040, 0x0041,
 * 0x0100), looked up by snic_msg_desc(). The RESET answer has a fixed
 * layout without CTS (igbvf compares word 0 exactly) and, like the answer
 * to an offer of the extension, never a reason word.
 */
static const struct snic_msg_desc snic_msgs[] = {
	/* type, name, flags, MSGINFO max, min/max/ACK words, functions */
	{ SNIC_MSG_RESET, "RESET", VF2PF | SNIC_MSGD_BASE_NACK | SNIC_MSGD_NO_CTS,
	  0, 1, 1, SNIC_RESET_REPLY_WORDS, NULL, NULL, snic_dec_mac, snic_enc_mac },
	{ SNIC_MSG_SET_MAC, "SET_MAC_ADDR", VF2PF, SNIC_MAC_ADD, SNIC_SET_MAC_WORDS,
	  SNIC_SET_MAC_WORDS, 1, snic_dec_set_mac, snic_enc_set_mac, NULL, NULL },
	{ SNIC_MSG_SET_MC, "SET_MULTICAST", VF2PF, U8_MAX, 1, SNIC_SET_MC_MAX_WORDS,
	  1, snic_dec_set_mc, snic_enc_set_mc, NULL, NULL },
	{ SNIC_MSG_SET_VLAN, "SET_VLAN", VF2PF, 1, SNIC_U32_MSG_WORDS,
	  SNIC_U32_MSG_WORDS, 1, snic_dec_set_vlan, snic_enc_set_vlan, NULL, NULL },
	{ SNIC_MSG_SET_LPE, "SET_LPE", VF2PF, 0, SNIC_U32_MSG_WORDS,
	  SNIC_U32_MSG_WORDS, 1, snic_dec_set_lpe, snic_enc_set_lpe, NULL, NULL },
	{ SNIC_MSG_SET_PROMISC, "SET_PROMISC", VF2PF, SNIC_PROMISC_ALL, 1, 1, 1,
	  snic_dec_set_promisc, snic_enc_set_promisc, NULL, NULL },
	{ SNIC_MSG_EXT_HELLO, "EXT_HELLO", VF2PF | SNIC_MSGD_BASE_NACK, 0,
	  SNIC_EXT_HELLO_WORDS, SNIC_EXT_HELLO_WORDS, SNIC_EXT_HELLO_WORDS,
	  snic_dec_ext_hello, snic_enc_ext_hello, snic_dec_ext_hello, snic_enc_ext_hello },
	{ SNIC_MSG_EXT_EVENT, "EXT_EVENT", PF2VF, U8_MAX, SNIC_EXT_LINK_WORDS,
	  SNIC_EXT_MAC_WORDS, 0, snic_dec_ext_event, snic_enc_ext_event, NULL, NULL },
	{ SNIC_MSG_PF_CONTROL, "PF_CONTROL", PF2VF, U8_MAX, 1, 1, 0, NULL, NULL, NULL, NULL },
};

#undef VF2PF
#undef PF2VF

/**
 * snic_msg_desc() - what the protocol says of a message type
 * @type: message type (word 0 bits 15:0)
 *
 * Return: the type's entry in the protocol table, NULL for a type the
 * protocol does not define (type 0, the bare NACK, included).
 */
const struct snic_msg_desc *snic_msg_desc(u16 type)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(snic_msgs); i++)
		if (snic_msgs[i].type == type)
			return &snic_msgs[i];
	return NULL;
}
SNIC_EXPORT(snic_msg_desc);

/* ---- Decode and encode ----------------------------------------------- */

/*
 * The answer to a request: exactly one of ACK and NACK. A NACK of any type
 * may carry the PF's reason in word 1; one this VF does not know (a newer
 * PF's) is no reason at all. Only an ACK may carry more than the header.
 */
static int snic_decode_answer(const struct snic_msg_desc *md, const u32 *w,
			      unsigned int len, struct snic_msg *msg)
{
	bool ack = msg->flags & SNIC_MSG_ACK;

	if (ack == !!(msg->flags & SNIC_MSG_NACK))
		return -EBADMSG;
	if (!ack && len >= SNIC_NACK_REASON_WORDS) {
		msg->reason_word = true;
		if (w[1] <= SNIC_REFUSE_MAX)
			msg->reason = w[1];
	}
	if (!ack || !md || !md->decode_ack)
		return 0;
	if (len < md->ack_words)
		return -EMSGSIZE;
	return md->decode_ack(w, len, msg);
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
 * granted it SNIC_EXT_CAP_REASON. A SET_MAC_ADDR primary with an all-zero
 * address decodes as SNIC_MAC_RELEASE.
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
	const struct snic_msg_desc *md;
	u32 sent_by;

	memset(msg, 0, sizeof(*msg));
	if (!len || len > SNIC_MBX_WORDS)
		return -EMSGSIZE;

	msg->type = FIELD_GET(SNIC_MSG_TYPE, words[0]);
	msg->info = FIELD_GET(SNIC_MSG_INFO, words[0]);
	msg->flags = words[0] & SNIC_MSG_FLAGS;
	if (words[0] & ~(SNIC_MSG_TYPE | SNIC_MSG_INFO | SNIC_MSG_FLAGS))
		return -EINVAL;		/* reserved bits 28:24 */

	md = snic_msg_desc(msg->type);
	sent_by = dir == SNIC_DIR_REQUEST ? SNIC_MSGD_VF2PF : SNIC_MSGD_PF2VF;
	if (md && (md->flags & sent_by)) {
		/* A request or a PF message is never an answer. */
		if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
			return -EBADMSG;
		if (len < md->min_words)
			return -EMSGSIZE;
		if (msg->info > md->info_max)
			return -EINVAL;
		return md->decode ? md->decode(words, len, msg) : 0;
	}
	if (dir == SNIC_DIR_REQUEST)
		return (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)) ?
			-EBADMSG : -EOPNOTSUPP;
	/* Answers echo the request; a bare NACK (type 0) has none. */
	return snic_decode_answer(md, words, len, msg);
}
SNIC_EXPORT(snic_msg_decode);

/* The answer that carries nothing but ACK/NACK (and a reason) */
static int snic_encode_answer(const struct snic_msg *msg, u32 *w)
{
	if (msg->reason_word && (msg->flags & SNIC_MSG_ACK))
		return -EINVAL;
	if (msg->reason > SNIC_REFUSE_MAX)
		return -ERANGE;
	w[0] = snic_hdr(msg, msg->info);
	if (!msg->reason_word)
		return 1;
	w[1] = msg->reason;
	return SNIC_NACK_REASON_WORDS;
}

/**
 * snic_msg_encode() - build mailbox words from a message
 * @msg: the message; @msg->flags are copied into word 0
 * @dir: SNIC_DIR_REQUEST (VF side) or SNIC_DIR_REPLY (PF side)
 * @words: at least SNIC_MBX_WORDS words
 * @len: set to the number of words to write
 *
 * Replies: PF_CONTROL and EXT_EVENT (@msg->info is the event: LINK 2
 * words, MAC 3 words), the RESET ACK (3 words with the address), the
 * EXT_HELLO ACK (3 words), and for every other answer the request's type
 * and MSGINFO (@msg->info) with exactly one of ACK and NACK. A NACK of any
 * type is one word, or two with @msg->reason in word 1 when
 * @msg->reason_word is set.
 *
 * Return: 0, or the same errors snic_msg_decode() would give the result.
 */
int snic_msg_encode(const struct snic_msg *msg, enum snic_msg_dir dir,
		    u32 *words, unsigned int *len)
{
	const struct snic_msg_desc *md = snic_msg_desc(msg->type);
	u32 sent_by = dir == SNIC_DIR_REQUEST ? SNIC_MSGD_VF2PF :
						SNIC_MSGD_PF2VF;
	bool ack = msg->flags & SNIC_MSG_ACK;
	int n;

	if (md && (md->flags & sent_by)) {
		if (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK))
			return -EBADMSG;
		n = md->encode ? md->encode(msg, words) : 1;
		if (!md->encode)
			words[0] = snic_hdr(msg, 0);	/* all there is */
	} else if (dir == SNIC_DIR_REQUEST) {
		return (msg->flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)) ?
			-EBADMSG : -EOPNOTSUPP;
	} else if (ack == !!(msg->flags & SNIC_MSG_NACK)) {
		return -EBADMSG;
	} else if (md && md->encode_ack) {
		/* The answers of RESET and EXT_HELLO carry no MSGINFO */
		struct snic_msg a = *msg;

		a.info = 0;
		n = ack ? md->encode_ack(&a, words) : snic_encode_answer(&a, words);
	} else {
		n = snic_encode_answer(msg, words);
	}
	if (n < 0)
		return n;
	*len = n;
	return 0;
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
	const struct snic_msg_desc *md = snic_msg_desc(type);

	return md ? md->name : "unknown";
}
SNIC_EXPORT(snic_msg_name);

/* ---- Reasons --------------------------------------------------------- */

/*
 * What a refusal is called (logs), what it tells the user (the VF's log
 * line ends with it: "" for none, so that a line without a reason reads as
 * under the base protocol) and the errno it becomes on either side.
 */
static const struct snic_refusal_desc snic_refusals[] = {
	[SNIC_REFUSE_UNSPEC]	  = { "unspecified", "", -EPERM },
	[SNIC_REFUSE_INVALID]	  = { "invalid", ": the PF found the request invalid", -EINVAL },
	[SNIC_REFUSE_UNTRUSTED]	  = { "untrusted", ": the VF is not trusted", -EPERM },
	[SNIC_REFUSE_PORT_VLAN]	  = { "port_vlan", ": the administrator set a port VLAN", -EPERM },
	[SNIC_REFUSE_ADMIN_MAC]	  = { "admin_mac", ": the administrator set the VF's MAC address",
				      -EPERM },
	[SNIC_REFUSE_TABLE_FULL]  = { "table_full", ": the PF's filter table is full", -ENOSPC },
	[SNIC_REFUSE_UNSUPPORTED] = { "unsupported", ": the PF does not support it", -EOPNOTSUPP },
	[SNIC_REFUSE_BUSY]	  = { "busy", ": the PF is busy", -EBUSY },
	[SNIC_REFUSE_ADDR_IN_USE] = { "addr_in_use", ": the address belongs to another function",
				      -EPERM },
};
static_assert(ARRAY_SIZE(snic_refusals) == SNIC_REFUSE_MAX + 1);

/**
 * snic_refusal() - what an enum snic_refusal is called, says and becomes
 * @refusal: enum snic_refusal
 *
 * Return: the reason's entry; for a value outside the enum (a newer PF's)
 * one named "?" that reads as no reason (no text, -EPERM).
 */
const struct snic_refusal_desc *snic_refusal(unsigned int refusal)
{
	static const struct snic_refusal_desc unknown = { "?", "", -EPERM };

	return refusal <= SNIC_REFUSE_MAX ? &snic_refusals[refusal] : &unknown;
}
SNIC_EXPORT(snic_refusal);

/**
 * snic_refusal_of_errno() - the refusal for an errno (the PF's table
 *	updates fail with one)
 * @err: a negative errno
 *
 * The reverse of snic_refusal()'s errno, with -EAGAIN read as -EBUSY and
 * -ERANGE and -EADDRNOTAVAIL as -EINVAL; -EPERM is SNIC_REFUSE_UNTRUSTED.
 *
 * Return: an enum snic_refusal, SNIC_REFUSE_UNSPEC for an errno no reason
 * has.
 */
u8 snic_refusal_of_errno(int err)
{
	unsigned int r;

	if (err == -EAGAIN)
		err = -EBUSY;
	else if (err == -ERANGE || err == -EADDRNOTAVAIL)
		err = -EINVAL;
	for (r = SNIC_REFUSE_UNSPEC + 1; r <= SNIC_REFUSE_MAX; r++)
		if (snic_refusals[r].err == err)
			return r;
	return SNIC_REFUSE_UNSPEC;
}
SNIC_EXPORT(snic_refusal_of_errno);

/**
 * snic_link_reason_str() - an enum snic_link_reason's name (debugfs)
 * @reason: enum snic_link_reason
 *
 * Return: a static string, "?" for a value outside the enum.
 */
const char *snic_link_reason_str(unsigned int reason)
{
	return reason < ARRAY_SIZE(snic_link_reasons) ?
	       snic_link_reasons[reason].name : "?";
}
SNIC_EXPORT(snic_link_reason_str);

/**
 * snic_link_reason_text() - why the link is down, for a log line
 * @reason: enum snic_link_reason
 *
 * Return: a static string; NULL for SNIC_LINK_UP and values outside the
 * enum (nothing to name).
 */
const char *snic_link_reason_text(unsigned int reason)
{
	return reason < ARRAY_SIZE(snic_link_reasons) ?
	       snic_link_reasons[reason].text : NULL;
}
SNIC_EXPORT(snic_link_reason_text);
