// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the mailbox codec (common/snic_mbx_codec.c), both
 * directions.
 *
 * Input: byte 0 selects what is fuzzed, the rest are words (little-endian).
 *   bit 0: 0 = decode as a VF request (what the PF sees), 1 = as a reply
 *          (what a VF sees)
 *   bit 1: 0 = decode the words; 1 = build a struct snic_msg from the
 *          bytes and encode it
 * Decoding gets exactly len words in a heap buffer of that size, so AddressSanitizer
 * reports any read past the length the caller gave.
 *
 * Invariants (abort on violation):
 * - the error is one the codec documents; on error type, info and flags are
 *   those of word 0 (or all zero when the length itself was refused);
 * - a decoded request encodes again, in no more words than it was given,
 *   and decoding that gives the same message (encode(decode(x)) = x as
 *   far as the protocol carries it);
 * - a decoded reply that encodes again decodes to the same type and flags;
 * - whatever encode accepts, decode accepts (the encoder promises "the
 *   same errors snic_msg_decode() would give the result"), in at most
 *   SNIC_MBX_WORDS words.
 */
#include "fuzz.h"

#include <sriovnic/mbx_proto.h>

/*
 * A request or PF message is as long as the protocol table allows; an
 * answer is the header (and a reason), or the table's ACK length.
 */
static void check_table_len(const struct snic_msg *m, enum snic_msg_dir dir,
			    unsigned int len)
{
	const struct snic_msg_desc *md = snic_msg_desc(m->type);
	u8 from = dir == SNIC_DIR_REQUEST ? SNIC_MSGD_VF2PF : SNIC_MSGD_PF2VF;

	if (md && (md->flags & from))
		FUZZ_CHECK(len >= md->min_words && len <= md->max_words);
	else if (md && md->decode_ack && (m->flags & SNIC_MSG_ACK))
		FUZZ_CHECK(len == md->ack_words);
	else
		FUZZ_CHECK(len <= SNIC_NACK_REASON_WORDS);
}

static void check_roundtrip(const struct snic_msg *m, enum snic_msg_dir dir,
			    unsigned int given)
{
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg again;
	unsigned int len = 0;
	u32 *exact;
	int err;

	err = snic_msg_encode(m, dir, w, &len);
	if (dir == SNIC_DIR_REQUEST)
		FUZZ_CHECK(!err);	/* every valid request re-encodes */
	if (err)
		return;
	FUZZ_CHECK(len >= 1 && len <= SNIC_MBX_WORDS);
	check_table_len(m, dir, len);
	if (dir == SNIC_DIR_REQUEST)
		FUZZ_CHECK(len <= given);
	exact = malloc(len * sizeof(u32));
	FUZZ_CHECK(exact);
	memcpy(exact, w, len * sizeof(u32));
	err = snic_msg_decode(exact, len, dir, &again);
	free(exact);
	FUZZ_CHECK(!err);
	FUZZ_CHECK(again.type == m->type);
	FUZZ_CHECK(again.flags == m->flags);
	if (dir == SNIC_DIR_REQUEST) {
		/* All-multicast is one meaning of many MSGINFO values. */
		if (m->type == SNIC_MSG_SET_MC && m->mc.all) {
			FUZZ_CHECK(again.info > SNIC_MC_MAX);
			again.info = m->info;
		}
		FUZZ_CHECK(!memcmp(&again, m, sizeof(again)));
	}
}

static void fuzz_decode(const u8 *data, size_t size, enum snic_msg_dir dir)
{
	unsigned int len = size / 4, i;
	struct snic_msg m;
	u32 *w;
	int err;

	if (len > SNIC_MBX_WORDS + 1)
		len = SNIC_MBX_WORDS + 1;
	/* Exactly len words: ASan catches a read of word len. */
	w = malloc(len ? len * sizeof(u32) : 1);
	FUZZ_CHECK(w);
	for (i = 0; i < len; i++)
		memcpy(&w[i], data + 4 * i, 4);

	err = snic_msg_decode(w, len, dir, &m);
	FUZZ_CHECK(fuzz_decode_err_ok(err));
	if (!len || len > SNIC_MBX_WORDS) {
		FUZZ_CHECK(err == -EMSGSIZE);
		FUZZ_CHECK(!m.type && !m.info && !m.flags);
	} else {
		FUZZ_CHECK(m.type == (w[0] & SNIC_MSG_TYPE));
		FUZZ_CHECK(m.info == ((w[0] & SNIC_MSG_INFO) >> 16));
		FUZZ_CHECK(m.flags == (w[0] & SNIC_MSG_FLAGS));
	}
	if (!err) {
		if (dir == SNIC_DIR_REQUEST) {
			FUZZ_CHECK(!(m.flags & (SNIC_MSG_ACK | SNIC_MSG_NACK)));
			FUZZ_CHECK(snic_msg_desc(m.type) &&
				   (snic_msg_desc(m.type)->flags & SNIC_MSGD_VF2PF));
			if (m.type == SNIC_MSG_SET_MC)
				FUZZ_CHECK(m.mc.count <= SNIC_MC_MAX);
			if (m.type == SNIC_MSG_SET_VLAN)
				FUZZ_CHECK(m.vlan.vid <= SNIC_VLAN_MAX_VID);
		}
		if (m.reason_word)
			FUZZ_CHECK(dir == SNIC_DIR_REPLY &&
				   (m.flags & SNIC_MSG_NACK) && len >= 2);
		FUZZ_CHECK(m.reason <= SNIC_REFUSE_MAX);
		check_roundtrip(&m, dir, len);
	}
	free(w);
}

/*
 * A struct snic_msg from raw bytes, field by field (no invalid bools), the
 * union member filled as the type (and for EXT_EVENT the event) selects:
 * the encoder reads only that one.
 */
static void fuzz_encode(const u8 *data, size_t size, enum snic_msg_dir dir)
{
	u8 b[48] = { 0 };
	struct snic_msg m, back;
	u32 w[SNIC_MBX_WORDS + 4];
	unsigned int len = 0, i;
	u32 *exact;
	int err;

	memcpy(b, data, size < sizeof(b) ? size : sizeof(b));
	memset(&m, 0, sizeof(m));
	m.type = b[0] | b[1] << 8;
	m.flags = (u32)(b[2] & 7) << 29;
	m.info = b[3];
	switch (m.type) {
	case SNIC_MSG_RESET:
	case SNIC_MSG_SET_MAC:
		memcpy(m.mac, b + 5, ETH_ALEN);
		m.mac_op = b[11];
		break;
	case SNIC_MSG_SET_MC:
		m.mc.count = b[5];
		m.mc.all = b[6] & 1;
		for (i = 0; i < SNIC_MC_MAX; i++)
			m.mc.hash[i] = b[7 + i] | (b[4] & 0xf0) << 8;
		break;
	case SNIC_MSG_SET_VLAN:
		m.vlan.add = b[5] & 1;
		m.vlan.vid = b[6] | b[7] << 8;
		break;
	case SNIC_MSG_SET_LPE:
		m.max_frame = b[5] | b[6] << 8 | b[7] << 16 | (u32)b[8] << 24;
		break;
	case SNIC_MSG_SET_PROMISC:
		m.promisc = b[5];
		break;
	case SNIC_MSG_EXT_HELLO:
		m.ext.version = b[5];
		m.ext.caps = b[6] | b[7] << 8 | b[8] << 16 | (u32)b[9] << 24;
		break;
	case SNIC_MSG_EXT_EVENT:
		if (m.info == SNIC_EXT_EV_MAC) {
			memcpy(m.mac, b + 5, ETH_ALEN);
		} else {
			m.link.up = b[5] & 1;
			m.link.reason = b[6];
		}
		break;
	default:
		break;
	}
	m.reason = b[40];
	m.reason_word = b[41] & 1;

	/* Canaries past the mailbox: the encoder writes at most 16 words. */
	for (i = SNIC_MBX_WORDS; i < SNIC_MBX_WORDS + 4; i++)
		w[i] = 0xdeadbeef;
	err = snic_msg_encode(&m, dir, w, &len);
	for (i = SNIC_MBX_WORDS; i < SNIC_MBX_WORDS + 4; i++)
		FUZZ_CHECK(w[i] == 0xdeadbeef);
	if (err) {
		FUZZ_CHECK(fuzz_decode_err_ok(err));
		return;
	}
	FUZZ_CHECK(len >= 1 && len <= SNIC_MBX_WORDS);
	check_table_len(&m, dir, len);
	exact = malloc(len * sizeof(u32));
	FUZZ_CHECK(exact);
	memcpy(exact, w, len * sizeof(u32));
	err = snic_msg_decode(exact, len, dir, &back);
	free(exact);
	FUZZ_CHECK(!err);
	FUZZ_CHECK(back.type == m.type);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	enum snic_msg_dir dir;

	if (!size)
		return 0;
	dir = (data[0] & 1) ? SNIC_DIR_REPLY : SNIC_DIR_REQUEST;
	if (data[0] & 2)
		fuzz_encode(data + 1, size - 1, dir);
	else
		fuzz_decode(data + 1, size - 1, dir);
	return 0;
}
