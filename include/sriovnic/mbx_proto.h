/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 82576 PF<->VF mailbox wire protocol.
 *
 * A message is at most 16 dwords (the VMBMEM window of one VF). Word 0 is a
 * header: message type in bits 15:0, a per-type MSGINFO byte in 23:16, and
 * three flags. Requests travel VF->PF; the PF answers each with a copy of
 * the request header carrying ACK or NACK (plus CTS once the VF has been
 * reset), and originates PF_CONTROL on its own. Layouts below are register
 * values (host-order u32 as read from the mailbox memory): byte strings such
 * as a MAC are packed least significant byte first, which is the byte order
 * the existing 82576 drivers produce on x86.
 *
 * This header holds ids, flags, limits and message lengths; the codec in
 * common/snic_mbx_codec.c describes each type once (struct snic_msg_desc,
 * snic_msg_desc()), turns words into a struct snic_msg and back and
 * validates every field on the way.
 */
#ifndef _SRIOVNIC_MBX_PROTO_H
#define _SRIOVNIC_MBX_PROTO_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/if_ether.h>
#include <linux/types.h>

#define SNIC_MBX_WORDS		16	/* dwords per VF mailbox buffer */
#define SNIC_MBX_BYTES		(SNIC_MBX_WORDS * sizeof(u32))

/* Word 0 */
#define SNIC_MSG_TYPE		GENMASK(15, 0)
#define SNIC_MSG_INFO		GENMASK(23, 16)
#define SNIC_MSG_CTS		BIT(29)	/* PF->VF: the VF may send */
#define SNIC_MSG_NACK		BIT(30)
#define SNIC_MSG_ACK		BIT(31)
#define SNIC_MSG_FLAGS		(SNIC_MSG_CTS | SNIC_MSG_NACK | SNIC_MSG_ACK)

/* Message types. Every existing PF NACKs a type it does not know. */
enum snic_msg_type {
	SNIC_MSG_RESET		= 0x0001,	/* VF->PF, 1 word; reply 3 */
	SNIC_MSG_SET_MAC	= 0x0002,	/* VF->PF, 3 words */
	SNIC_MSG_SET_MC		= 0x0003,	/* VF->PF, 1 + hashes/2 */
	SNIC_MSG_SET_VLAN	= 0x0004,	/* VF->PF, 2 words */
	SNIC_MSG_SET_LPE	= 0x0005,	/* VF->PF, 2 words */
	SNIC_MSG_SET_PROMISC	= 0x0006,	/* VF->PF, 1 word */
	SNIC_MSG_PF_CONTROL	= 0x0100,	/* PF->VF, 1 word */
	/* sriovnic extension: see "The extension" below */
	SNIC_MSG_EXT_HELLO	= 0x0040,	/* VF->PF, 3 words; reply 3 */
	SNIC_MSG_EXT_EVENT	= 0x0041,	/* PF->VF, 2 or 3 words */
};

/* SET_MAC MSGINFO: what to do with the address in words 1-2 */
enum snic_mac_op {
	SNIC_MAC_PRIMARY	= 0,	/* replace the VF's primary address */
	SNIC_MAC_CLEAR		= 1,	/* drop all extra unicast filters */
	SNIC_MAC_ADD		= 2,	/* add one extra unicast filter */
	/*
	 * Decoded only, never on the wire as such: PRIMARY with an all-zero
	 * address, which DPDK's VF sends at close to give its address up.
	 */
	SNIC_MAC_RELEASE	= 0x80,
};

/*
 * SET_MC MSGINFO: the number of 16-bit hashes that follow, packed two per
 * word from word 1, the first hash in the low half. A count above
 * SNIC_MC_MAX, or the overflow flag some VF drivers set in MSGINFO bit 7,
 * asks for all-multicast: the PF then reads no hash at all.
 */
#define SNIC_MC_MAX		30
#define SNIC_MC_OVERFLOW	BIT(7)
#define SNIC_MC_HASH		GENMASK(11, 0)

/* SET_VLAN: MSGINFO 1 adds, 0 removes the VLAN id in word 1 bits 11:0 */
#define SNIC_VLAN_VID		GENMASK(11, 0)
#define SNIC_VLAN_MAX_VID	4095

/* SET_LPE: word 1 is the largest frame the VF wants to receive */
#define SNIC_LPE_MIN_FRAME	(ETH_ZLEN + ETH_FCS_LEN)
#define SNIC_LPE_MAX_FRAME	9728	/* RLPML limit of the 82576 */

/* SET_PROMISC MSGINFO bits */
#define SNIC_PROMISC_UC		BIT(0)
#define SNIC_PROMISC_MC		BIT(1)
#define SNIC_PROMISC_ALL	(SNIC_PROMISC_UC | SNIC_PROMISC_MC)

/*
 * The extension. A type no 82576 PF defines, so Linux igb (and any other
 * PF that does not know it) answers NACK and the VF stays on the base
 * protocol. Only our VF sends EXT_HELLO, once after each ACKed RESET; only
 * a VF whose EXT_HELLO was ACKed ever receives anything below from the PF
 * (an igbvf never sees an unknown message).
 *
 * EXT_HELLO request: word 1 = SNIC_EXT_MAGIC | highest version the VF
 * speaks, word 2 = capabilities the VF understands. ACK reply: word 1 =
 * SNIC_EXT_MAGIC | version in use (the lower of the two), word 2 = the
 * capabilities granted (a subset of those asked for). Bits a side does not
 * know are ignored, never refused, so either side can grow.
 */
#define SNIC_EXT_MAGIC		(0x534eU << 16)	/* "SN" */
#define SNIC_EXT_MAGIC_MASK	GENMASK(31, 16)
#define SNIC_EXT_VERSION	GENMASK(7, 0)
#define SNIC_EXT_VERSION_1	1
#define SNIC_EXT_VERSION_CUR	SNIC_EXT_VERSION_1

/* Capabilities (EXT_HELLO word 2) */
#define SNIC_EXT_CAP_LINK	BIT(0)	/* EXT_EVENT LINK with its reason */
#define SNIC_EXT_CAP_LIVE_MAC	BIT(1)	/* EXT_EVENT MAC instead of a reset */
#define SNIC_EXT_CAP_REASON	BIT(2)	/* NACK replies carry a reason */
#define SNIC_EXT_CAPS_V1	(SNIC_EXT_CAP_LINK | SNIC_EXT_CAP_LIVE_MAC | \
				 SNIC_EXT_CAP_REASON)

/*
 * EXT_EVENT (PF->VF, unsolicited, never answered: reading it acknowledges
 * it at the transport level; CTS as in PF_CONTROL). MSGINFO is the event:
 *   LINK: word 1 bit 0 = the VF may have link, bits 15:8 = enum
 *         snic_link_reason (2 words)
 *   MAC:  the administratively set address in words 1-2, laid out as
 *         SET_MAC (3 words); the VF takes it without a reset
 */
enum snic_ext_event {
	SNIC_EXT_EV_LINK	= 1,
	SNIC_EXT_EV_MAC		= 2,
};

#define SNIC_EXT_LINK_UP	BIT(0)
#define SNIC_EXT_LINK_REASON	GENMASK(15, 8)

/**
 * enum snic_link_reason - why a VF has no link (EXT_EVENT LINK)
 * @SNIC_LINK_UP: the VF has link
 * @SNIC_LINK_PHY_DOWN: the port's physical link is down
 * @SNIC_LINK_ADMIN_DOWN: the administrator disabled the VF's link
 *	(ip link set <pf> vf N state disable)
 * @SNIC_LINK_PF_DOWN: the PF's netdev is down or resetting
 */
enum snic_link_reason {
	SNIC_LINK_UP		= 0,
	SNIC_LINK_PHY_DOWN	= 1,
	SNIC_LINK_ADMIN_DOWN	= 2,
	SNIC_LINK_PF_DOWN	= 3,
};

/**
 * enum snic_refusal - why the PF NACKed a request (word 1 of a 2-word NACK
 *	reply, sent only to a VF granted SNIC_EXT_CAP_REASON)
 * @SNIC_REFUSE_UNSPEC: no reason given (treat as the base protocol does)
 * @SNIC_REFUSE_INVALID: malformed or out-of-range request
 * @SNIC_REFUSE_UNTRUSTED: the VF is not trusted (ip link set ... trust on)
 * @SNIC_REFUSE_PORT_VLAN: the administrator set a port VLAN
 * @SNIC_REFUSE_ADMIN_MAC: the administrator set the VF's MAC
 * @SNIC_REFUSE_TABLE_FULL: no filter (MAC, VLAN) left in the shared table
 * @SNIC_REFUSE_UNSUPPORTED: the PF cannot do this (device limitation)
 * @SNIC_REFUSE_BUSY: rate-limited or the PF is resetting; try again
 * @SNIC_REFUSE_ADDR_IN_USE: the unicast address belongs to another pool
 *	(the PF's, or another VF's); a VF that does not know this reason
 *	reads it as SNIC_REFUSE_UNSPEC
 * @SNIC_REFUSE_MAX: the highest reason this side knows; a receiver reads a
 *	higher one (a newer PF's) as SNIC_REFUSE_UNSPEC
 */
enum snic_refusal {
	SNIC_REFUSE_UNSPEC	= 0,
	SNIC_REFUSE_INVALID	= 1,
	SNIC_REFUSE_UNTRUSTED	= 2,
	SNIC_REFUSE_PORT_VLAN	= 3,
	SNIC_REFUSE_ADMIN_MAC	= 4,
	SNIC_REFUSE_TABLE_FULL	= 5,
	SNIC_REFUSE_UNSUPPORTED	= 6,
	SNIC_REFUSE_BUSY	= 7,
	SNIC_REFUSE_ADDR_IN_USE	= 8,
	SNIC_REFUSE_MAX		= SNIC_REFUSE_ADDR_IN_USE,
};

/**
 * struct snic_refusal_desc - one enum snic_refusal, for both ends
 * @name: short name, for logs
 * @text: what the VF's log line about the refused request ends with:
 *	": <why>", or "" for no reason (the base protocol's line)
 * @err: the errno the refused request becomes
 */
struct snic_refusal_desc {
	const char *name;
	const char *text;
	int err;
};

/*
 * Message lengths in words (the header included). The mailbox carries no
 * length: these are what a sender writes and what a receiver reads.
 */
#define SNIC_RESET_REPLY_WORDS	3	/* ACK: the address in words 1-2 */
#define SNIC_SET_MAC_WORDS	3	/* address: bytes 0-3, then 4-5 */
#define SNIC_SET_MC_MAX_WORDS	(1 + SNIC_MC_MAX / 2)	/* two hashes a word */
#define SNIC_U32_MSG_WORDS	2	/* SET_VLAN, SET_LPE: one value */
#define SNIC_EXT_HELLO_WORDS	3	/* magic | version, capabilities */
#define SNIC_EXT_LINK_WORDS	2
#define SNIC_EXT_MAC_WORDS	3	/* as SET_MAC */
#define SNIC_NACK_REASON_WORDS	2	/* enum snic_refusal in word 1 */

static_assert(SNIC_SET_MC_MAX_WORDS == SNIC_MBX_WORDS);
static_assert(SNIC_MC_MAX % 2 == 0);
static_assert(SNIC_RESET_REPLY_WORDS == SNIC_SET_MAC_WORDS);
static_assert(SNIC_EXT_MAC_WORDS == SNIC_SET_MAC_WORDS);
static_assert(SNIC_NACK_REASON_WORDS == SNIC_U32_MSG_WORDS);
static_assert(SNIC_EXT_HELLO_WORDS <= SNIC_MBX_WORDS);

/**
 * struct snic_msg - one decoded mailbox message
 * @type: enum snic_msg_type value
 * @flags: SNIC_MSG_ACK, SNIC_MSG_NACK and SNIC_MSG_CTS as carried in word 0
 * @info: raw MSGINFO byte (decoded into the union for known types)
 * @mac: address for RESET replies and SET_MAC
 * @mac_op: enum snic_mac_op for SET_MAC (SNIC_MAC_RELEASE for a primary
 *	with an all-zero address)
 * @mc: SET_MC: @mc.count hashes in @mc.hash, or @mc.all for all-multicast
 * @vlan: SET_VLAN: @vlan.add and @vlan.vid
 * @max_frame: SET_LPE
 * @promisc: SET_PROMISC: SNIC_PROMISC_* bits
 * @ext: EXT_HELLO request or reply: @ext.version, @ext.caps
 * @link: EXT_EVENT LINK: @link.up, @link.reason (enum snic_link_reason);
 *	an EXT_EVENT MAC uses @mac
 * @reason: a NACK reply's enum snic_refusal (SNIC_REFUSE_UNSPEC when the
 *	reply had no reason word); kept outside the union, any type has it
 * @reason_word: a NACK reply has (decode) or gets (encode) the reason word,
 *	i.e. is SNIC_NACK_REASON_WORDS long. The mailbox carries no length:
 *	the receiver decides how many words to decode, so a VF that was not
 *	granted SNIC_EXT_CAP_REASON decodes a NACK with a length of 1 (the
 *	buffer's word 1 still holds its own request)
 */
struct snic_msg {
	u16 type;
	u32 flags;
	u8 info;
	union {
		struct {
			u8 mac[ETH_ALEN];
			u8 mac_op;
		};
		struct {
			u8 count;
			bool all;
			u16 hash[SNIC_MC_MAX];
		} mc;
		struct {
			bool add;
			u16 vid;
		} vlan;
		u32 max_frame;
		u8 promisc;
		struct {
			u8 version;
			u32 caps;
		} ext;
		struct {
			bool up;
			u8 reason;
		} link;
	};
	u8 reason;
	bool reason_word;
};

/**
 * enum snic_msg_dir - who sent the words being decoded
 * @SNIC_DIR_REQUEST: a VF request as the PF receives it
 * @SNIC_DIR_REPLY: a PF answer or PF-originated message as the VF receives it
 */
enum snic_msg_dir {
	SNIC_DIR_REQUEST,
	SNIC_DIR_REPLY,
};

/* struct snic_msg_desc.flags */
#define SNIC_MSGD_VF2PF		BIT(0)	/* a VF request, answered by the PF */
#define SNIC_MSGD_PF2VF		BIT(1)	/* the PF sends it on its own */
#define SNIC_MSGD_BASE_NACK	BIT(2)	/* its NACK never has a reason word */
#define SNIC_MSGD_NO_CTS	BIT(3)	/* its answer never carries CTS */

/**
 * struct snic_msg_desc - one message type, as the protocol defines it
 * @type: enum snic_msg_type
 * @name: for logs
 * @flags: SNIC_MSGD_*: the direction, and how its answer is built
 * @info_max: the highest MSGINFO the sender may set
 * @min_words: the fewest words the message may have
 * @max_words: the most words it may have
 * @ack_words: a request's ACK answer: its length (1 when @decode_ack is
 *	NULL: the request's header, echoed)
 * @decode: the message as its sender wrote it; @len >= @min_words and
 *	MSGINFO <= @info_max are checked first
 * @encode: the reverse; returns the number of words written or an error
 * @decode_ack: a request's ACK answer that carries more than the header
 * @encode_ack: the reverse
 */
struct snic_msg_desc {
	u16 type;
	const char *name;
	u8 flags;
	u8 info_max;
	u8 min_words;
	u8 max_words;
	u8 ack_words;
	int (*decode)(const u32 *w, unsigned int len, struct snic_msg *msg);
	int (*encode)(const struct snic_msg *msg, u32 *w);
	int (*decode_ack)(const u32 *w, unsigned int len, struct snic_msg *msg);
	int (*encode_ack)(const struct snic_msg *msg, u32 *w);
};

int snic_msg_decode(const u32 *words, unsigned int len, enum snic_msg_dir dir,
		    struct snic_msg *msg);
int snic_msg_encode(const struct snic_msg *msg, enum snic_msg_dir dir,
		    u32 *words, unsigned int *len);
u32 snic_msg_reply_hdr(u32 req_hdr, bool ack, bool cts);
u16 snic_mc_hash(const u8 *addr);
const struct snic_msg_desc *snic_msg_desc(u16 type);
const char *snic_msg_name(u16 type);
const struct snic_refusal_desc *snic_refusal(unsigned int refusal);
u8 snic_refusal_of_errno(int err);
const char *snic_link_reason_str(unsigned int reason);
const char *snic_link_reason_text(unsigned int reason);

#endif /* _SRIOVNIC_MBX_PROTO_H */
