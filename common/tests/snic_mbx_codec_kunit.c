// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the mailbox codec. Exact wire values (what igb and igbvf put in
 * the buffer), round trips, and the validator against malformed input.
 */
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/etherdevice.h>
#include <linux/module.h>

#include <sriovnic/compat.h>
#include <sriovnic/mbx_proto.h>

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };

static void decode_req(struct kunit *test, const u32 *w, unsigned int len,
		       int want, struct snic_msg *m)
{
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, len, SNIC_DIR_REQUEST, m), want);
}

/* --- exact wire values ------------------------------------------------- */

static void codec_wire_reset_request(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_RESET };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00000001U);
}

static void codec_wire_reset_reply(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_RESET, .flags = SNIC_MSG_ACK };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	ether_addr_copy(m.mac, mac_a);
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	/* igbvf compares word 0 with RESET|ACK exactly: no CTS here. */
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0x80000001U);
	KUNIT_EXPECT_EQ(test, w[1], 0x33221102U);
	KUNIT_EXPECT_EQ(test, w[2], 0x00005544U);

	m.flags = SNIC_MSG_NACK;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, w[0], 0x40000001U);
	KUNIT_EXPECT_EQ(test, len, 1U);
}

static void codec_wire_set_mac(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_SET_MAC, .mac_op = SNIC_MAC_ADD };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	ether_addr_copy(m.mac, mac_a);
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00020002U);	/* MSGINFO 2: add */
	KUNIT_EXPECT_EQ(test, w[1], 0x33221102U);
	KUNIT_EXPECT_EQ(test, w[2], 0x00005544U);
}

static void codec_wire_set_mc(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_SET_MC };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	m.mc.count = 3;
	m.mc.hash[0] = 0x123;
	m.mc.hash[1] = 0x456;
	m.mc.hash[2] = 0x789;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00030003U);
	KUNIT_EXPECT_EQ(test, w[1], 0x04560123U);	/* first hash low */
	KUNIT_EXPECT_EQ(test, w[2], 0x00000789U);
}

static void codec_wire_vlan_lpe_promisc(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_SET_VLAN };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	m.vlan.add = true;
	m.vlan.vid = 100;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 2U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00010004U);
	KUNIT_EXPECT_EQ(test, w[1], 100U);

	memset(&m, 0, sizeof(m));
	m.type = SNIC_MSG_SET_LPE;
	m.max_frame = 9022;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, w[0], 0x00000005U);
	KUNIT_EXPECT_EQ(test, w[1], 9022U);

	memset(&m, 0, sizeof(m));
	m.type = SNIC_MSG_SET_PROMISC;
	m.promisc = SNIC_PROMISC_MC;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00020006U);
}

static void codec_wire_pf_control(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_PF_CONTROL, .flags = SNIC_MSG_CTS };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], 0x20000100U);
}

static void codec_reply_hdr(struct kunit *test)
{
	/* Echo the request header, replace the flags. */
	KUNIT_EXPECT_EQ(test, snic_msg_reply_hdr(0x00020002, true, true),
			0xa0020002U);
	KUNIT_EXPECT_EQ(test, snic_msg_reply_hdr(0x00010004, false, true),
			0x60010004U);
	KUNIT_EXPECT_EQ(test, snic_msg_reply_hdr(0xe0000003, false, false),
			0x40000003U);
}

static void codec_mc_hash(struct kunit *test)
{
	static const u8 all_hosts[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const u8 mdns6[ETH_ALEN] = { 0x33, 0x33, 0x00, 0x00, 0x00, 0xfb };
	static const u8 high[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x7f, 0xff, 0xff };

	KUNIT_EXPECT_EQ(test, snic_mc_hash(all_hosts), 0x010);
	KUNIT_EXPECT_EQ(test, snic_mc_hash(mdns6), 0xfb0);
	KUNIT_EXPECT_EQ(test, snic_mc_hash(high), 0xfff);
}

/* --- round trips ------------------------------------------------------- */

static void roundtrip(struct kunit *test, const struct snic_msg *in,
		      struct snic_msg *out)
{
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	KUNIT_ASSERT_EQ(test, snic_msg_encode(in, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, len, SNIC_DIR_REQUEST, out), 0);
	KUNIT_EXPECT_EQ(test, out->type, in->type);
}

static void codec_roundtrip_requests(struct kunit *test)
{
	struct snic_msg in, out;
	unsigned int i, n;
	u8 op;

	for (op = SNIC_MAC_PRIMARY; op <= SNIC_MAC_ADD; op++) {
		memset(&in, 0, sizeof(in));
		in.type = SNIC_MSG_SET_MAC;
		in.mac_op = op;
		if (op != SNIC_MAC_CLEAR)
			ether_addr_copy(in.mac, mac_a);
		roundtrip(test, &in, &out);
		KUNIT_EXPECT_EQ(test, out.mac_op, op);
		KUNIT_EXPECT_MEMEQ(test, out.mac, in.mac, ETH_ALEN);
	}

	for (n = 0; n <= SNIC_MC_MAX; n++) {
		memset(&in, 0, sizeof(in));
		in.type = SNIC_MSG_SET_MC;
		in.mc.count = n;
		for (i = 0; i < n; i++)
			in.mc.hash[i] = (i * 0x9d + 7) & SNIC_MC_HASH;
		roundtrip(test, &in, &out);
		KUNIT_EXPECT_FALSE(test, out.mc.all);
		KUNIT_EXPECT_EQ(test, out.mc.count, n);
		KUNIT_EXPECT_MEMEQ(test, out.mc.hash, in.mc.hash, n * sizeof(u16));
	}

	memset(&in, 0, sizeof(in));
	in.type = SNIC_MSG_SET_MC;
	in.mc.all = true;
	roundtrip(test, &in, &out);
	KUNIT_EXPECT_TRUE(test, out.mc.all);

	memset(&in, 0, sizeof(in));
	in.type = SNIC_MSG_SET_VLAN;
	in.vlan.vid = SNIC_VLAN_MAX_VID;
	roundtrip(test, &in, &out);
	KUNIT_EXPECT_FALSE(test, out.vlan.add);
	KUNIT_EXPECT_EQ(test, out.vlan.vid, SNIC_VLAN_MAX_VID);

	memset(&in, 0, sizeof(in));
	in.type = SNIC_MSG_SET_LPE;
	in.max_frame = SNIC_LPE_MAX_FRAME;
	roundtrip(test, &in, &out);
	KUNIT_EXPECT_EQ(test, out.max_frame, (u32)SNIC_LPE_MAX_FRAME);

	memset(&in, 0, sizeof(in));
	in.type = SNIC_MSG_SET_PROMISC;
	in.promisc = SNIC_PROMISC_ALL;
	roundtrip(test, &in, &out);
	KUNIT_EXPECT_EQ(test, out.promisc, SNIC_PROMISC_ALL);

	memset(&in, 0, sizeof(in));
	in.type = SNIC_MSG_RESET;
	roundtrip(test, &in, &out);
}

static void codec_roundtrip_replies(struct kunit *test)
{
	struct snic_msg in = { .type = SNIC_MSG_RESET, .flags = SNIC_MSG_ACK };
	struct snic_msg out;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	ether_addr_copy(in.mac, mac_a);
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&in, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, len, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.flags, (u32)SNIC_MSG_ACK);
	KUNIT_EXPECT_MEMEQ(test, out.mac, mac_a, ETH_ALEN);

	/* A NACKed RESET carries no address. */
	w[0] = SNIC_MSG_RESET | SNIC_MSG_NACK;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.flags, (u32)SNIC_MSG_NACK);

	/* The bare NACK a PF sends to a VF that is not clear to send. */
	w[0] = SNIC_MSG_NACK;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.type, 0);

	/* An echoed SET_VLAN NACK with CTS. */
	w[0] = snic_msg_reply_hdr(0x00010004, false, true);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.type, SNIC_MSG_SET_VLAN);
	KUNIT_EXPECT_EQ(test, out.flags, (u32)(SNIC_MSG_NACK | SNIC_MSG_CTS));

	/* PF_CONTROL without CTS (PF down) */
	w[0] = SNIC_MSG_PF_CONTROL;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.flags, 0U);
}

/* --- the validator against malformed input ----------------------------- */

static void codec_bad_length(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS + 1] = { SNIC_MSG_RESET };
	struct snic_msg m;

	decode_req(test, w, 0, -EMSGSIZE, &m);
	decode_req(test, w, SNIC_MBX_WORDS + 1, -EMSGSIZE, &m);
	decode_req(test, w, SNIC_MBX_WORDS, 0, &m);	/* PF reads all 16 */

	w[0] = SNIC_MSG_SET_MAC;
	decode_req(test, w, 2, -EMSGSIZE, &m);
	w[0] = SNIC_MSG_SET_VLAN | FIELD_PREP(SNIC_MSG_INFO, 1);
	decode_req(test, w, 1, -EMSGSIZE, &m);
	w[0] = SNIC_MSG_SET_LPE;
	decode_req(test, w, 1, -EMSGSIZE, &m);
	/* 5 hashes need 3 more words */
	w[0] = SNIC_MSG_SET_MC | FIELD_PREP(SNIC_MSG_INFO, 5);
	decode_req(test, w, 3, -EMSGSIZE, &m);
	decode_req(test, w, 4, 0, &m);
	w[0] = SNIC_MSG_RESET | SNIC_MSG_ACK;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &m), -EMSGSIZE);
}

static void codec_bad_type(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_msg m;
	u32 type;

	for (type = 0; type <= 0x1ff; type++) {
		if ((type >= SNIC_MSG_RESET && type <= SNIC_MSG_SET_PROMISC) ||
		    type == SNIC_MSG_EXT_HELLO)
			continue;
		w[0] = type;
		decode_req(test, w, SNIC_MBX_WORDS, -EOPNOTSUPP, &m);
		/* Enough survives for the PF to NACK it. */
		KUNIT_EXPECT_EQ(test, m.type, type);
	}
	w[0] = 0xffff;
	decode_req(test, w, SNIC_MBX_WORDS, -EOPNOTSUPP, &m);
}

static void codec_bad_msginfo(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_msg m;

	w[0] = SNIC_MSG_RESET | FIELD_PREP(SNIC_MSG_INFO, 1);
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, 3);
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	w[0] = SNIC_MSG_SET_VLAN | FIELD_PREP(SNIC_MSG_INFO, 2);
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	w[0] = SNIC_MSG_SET_LPE | FIELD_PREP(SNIC_MSG_INFO, 1);
	w[1] = 1518;
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	w[0] = SNIC_MSG_SET_PROMISC | FIELD_PREP(SNIC_MSG_INFO, 4);
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	/* reserved header bits 28:24 */
	w[0] = SNIC_MSG_RESET | BIT(24);
	decode_req(test, w, SNIC_MBX_WORDS, -EINVAL, &m);
	/* a request never carries ACK or NACK */
	w[0] = SNIC_MSG_SET_PROMISC | SNIC_MSG_ACK;
	decode_req(test, w, SNIC_MBX_WORDS, -EBADMSG, &m);
	w[0] = SNIC_MSG_RESET | SNIC_MSG_NACK;
	decode_req(test, w, SNIC_MBX_WORDS, -EBADMSG, &m);
	/* a PF_CONTROL never carries ACK */
	w[0] = SNIC_MSG_PF_CONTROL | SNIC_MSG_ACK;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &m), -EBADMSG);
}

static void codec_mc_overflow(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;
	unsigned int n;

	memset(w, 0xff, sizeof(w));	/* hashes that would be out of range */
	for (n = SNIC_MC_MAX + 1; n <= 0xff; n++) {
		w[0] = SNIC_MSG_SET_MC | FIELD_PREP(SNIC_MSG_INFO, n);
		decode_req(test, w, SNIC_MBX_WORDS, 0, &m);
		KUNIT_EXPECT_TRUE(test, m.mc.all);
		KUNIT_EXPECT_EQ(test, m.mc.count, 0);
	}
	/* FreeBSD/DPDK form: overflow flag plus the 30 hashes that fit */
	w[0] = SNIC_MSG_SET_MC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MC_OVERFLOW | 30);
	decode_req(test, w, SNIC_MBX_WORDS, 0, &m);
	KUNIT_EXPECT_TRUE(test, m.mc.all);

	/* a hash wider than 12 bits */
	w[0] = SNIC_MSG_SET_MC | FIELD_PREP(SNIC_MSG_INFO, 1);
	w[1] = 0x1000;
	decode_req(test, w, SNIC_MBX_WORDS, -ERANGE, &m);

	memset(&m, 0, sizeof(m));
	m.type = SNIC_MSG_SET_MC;
	m.mc.count = SNIC_MC_MAX + 1;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &n), -EINVAL);
}

static void codec_bad_vlan_lpe(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_msg m;
	unsigned int len;

	w[0] = SNIC_MSG_SET_VLAN | FIELD_PREP(SNIC_MSG_INFO, 1);
	w[1] = 4096;
	decode_req(test, w, SNIC_MBX_WORDS, -ERANGE, &m);
	w[1] = 0xffffffff;
	decode_req(test, w, SNIC_MBX_WORDS, -ERANGE, &m);
	w[1] = 4095;
	decode_req(test, w, SNIC_MBX_WORDS, 0, &m);
	KUNIT_EXPECT_TRUE(test, m.vlan.add);

	w[0] = SNIC_MSG_SET_LPE;
	w[1] = SNIC_LPE_MAX_FRAME + 1;
	decode_req(test, w, SNIC_MBX_WORDS, -ERANGE, &m);
	w[1] = SNIC_LPE_MIN_FRAME - 1;
	decode_req(test, w, SNIC_MBX_WORDS, -ERANGE, &m);
	w[1] = 1522;
	decode_req(test, w, SNIC_MBX_WORDS, 0, &m);

	memset(&m, 0, sizeof(m));
	m.type = SNIC_MSG_SET_VLAN;
	m.vlan.vid = 4096;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), -ERANGE);
	m.type = SNIC_MSG_SET_LPE;
	m.max_frame = 20000;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), -ERANGE);
}

static void codec_bad_mac(struct kunit *test)
{
	static const u8 bad[][ETH_ALEN] = {
		{ 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 },	/* multicast */
		{ 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },	/* zero */
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },	/* broadcast */
	};
	struct snic_msg m = { .type = SNIC_MSG_SET_MAC };
	u32 w[SNIC_MBX_WORDS] = { };
	unsigned int i, len;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_PRIMARY);
		w[1] = bad[i][0] | bad[i][1] << 8 | bad[i][2] << 16 | (u32)bad[i][3] << 24;
		w[2] = bad[i][4] | bad[i][5] << 8;
		/* a primary of zeros is a release (codec_mac_release) */
		decode_req(test, w, SNIC_MBX_WORDS,
			   is_zero_ether_addr(bad[i]) ? 0 : -EADDRNOTAVAIL, &m);
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_ADD);
		decode_req(test, w, SNIC_MBX_WORDS, -EADDRNOTAVAIL, &m);
		/* igbvf sends "clear all extra filters" with a zero address */
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_CLEAR);
		decode_req(test, w, SNIC_MBX_WORDS, 0, &m);
		KUNIT_EXPECT_EQ(test, m.mac_op, SNIC_MAC_CLEAR);

		memset(&m, 0, sizeof(m));
		m.type = SNIC_MSG_SET_MAC;
		ether_addr_copy(m.mac, bad[i]);
		KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len),
				-EADDRNOTAVAIL);
		/* and a PF never hands such an address to a VF */
		m.type = SNIC_MSG_RESET;
		m.flags = SNIC_MSG_ACK;
		KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
				-EADDRNOTAVAIL);
	}
}

/*
 * Decoding never looks past @len: the same prefix followed by different
 * garbage decodes identically, for every type, every length, both
 * directions, with each flag combination and MSGINFO that reaches a
 * different branch, and with and without the extension's magic in word 1.
 */
static void past_len_one(struct kunit *test, u32 hdr, bool magic,
			 unsigned int *seed)
{
	u32 a[SNIC_MBX_WORDS], b[SNIC_MBX_WORDS];
	struct snic_msg ma, mb;
	enum snic_msg_dir dir;
	unsigned int len, i;
	int ra, rb;

	for (dir = SNIC_DIR_REQUEST; dir <= SNIC_DIR_REPLY; dir++) {
		for (len = 1; len <= SNIC_MBX_WORDS; len++) {
			for (i = 0; i < SNIC_MBX_WORDS; i++) {
				*seed = *seed * 1103515245 + 12345;
				a[i] = *seed & 0x0fff0fff;
				b[i] = ~a[i];
			}
			a[0] = hdr;
			/* no MSGINFO given: the length, a count for SET_MC */
			if (!(hdr & SNIC_MSG_INFO))
				a[0] |= FIELD_PREP(SNIC_MSG_INFO, len);
			if (magic) {
				a[1] = SNIC_EXT_MAGIC | 1;	/* LINK up too */
				a[2] = 0x00000002;		/* a MAC too */
			}
			for (i = 0; i < len; i++)
				b[i] = a[i];
			ra = snic_msg_decode(a, len, dir, &ma);
			rb = snic_msg_decode(b, len, dir, &mb);
			KUNIT_EXPECT_EQ(test, ra, rb);
			KUNIT_EXPECT_MEMEQ(test, &ma, &mb, sizeof(ma));
		}
	}
}

/*
 * Decoding never looks past @len: the same prefix followed by different
 * garbage decodes identically, for every type, every length, both
 * directions, with each flag combination and a MSGINFO for each branch,
 * and with and without the extension's magic in word 1.
 */
static void codec_never_reads_past_len(struct kunit *test)
{
	static const u32 types[] = { 0, 1, 2, 3, 4, 5, 6, 7, SNIC_MSG_EXT_HELLO,
				     SNIC_MSG_EXT_EVENT, SNIC_MSG_PF_CONTROL };
	static const u32 flags[] = { 0, SNIC_MSG_ACK, SNIC_MSG_NACK,
				     SNIC_MSG_ACK | SNIC_MSG_CTS,
				     SNIC_MSG_NACK | SNIC_MSG_CTS, SNIC_MSG_CTS };
	static const u32 infos[] = { 0, 1, 2, 0x80 };
	unsigned int t, f, i, seed = 1;
	u32 hdr;

	for (t = 0; t < ARRAY_SIZE(types); t++) {
		for (f = 0; f < ARRAY_SIZE(flags); f++) {
			hdr = types[t] | flags[f];
			past_len_one(test, hdr, false, &seed);
			for (i = 0; i < ARRAY_SIZE(infos); i++) {
				hdr = types[t] | flags[f] |
				      FIELD_PREP(SNIC_MSG_INFO, infos[i]);
				past_len_one(test, hdr, false, &seed);
				past_len_one(test, hdr, true, &seed);
			}
		}
	}
}

/* --- the extension ------------------------------------------------------ */

static const u32 hello_req[] = {
	SNIC_MSG_EXT_HELLO, SNIC_EXT_MAGIC | SNIC_EXT_VERSION_1,
	SNIC_EXT_CAPS_V1,
};

static void codec_ext_hello_wire(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_EXT_HELLO };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	m.ext.version = SNIC_EXT_VERSION_1;
	m.ext.caps = SNIC_EXT_CAPS_V1;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0x00000040U);
	KUNIT_EXPECT_EQ(test, w[1], 0x534e0001U);
	KUNIT_EXPECT_EQ(test, w[2], 0x00000007U);

	/* ACK reply: header echoed with ACK|CTS, version and caps in use */
	m.flags = SNIC_MSG_ACK | SNIC_MSG_CTS;
	m.ext.caps = SNIC_EXT_CAP_LINK;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0xa0000040U);
	KUNIT_EXPECT_EQ(test, w[1], 0x534e0001U);
	KUNIT_EXPECT_EQ(test, w[2], 0x00000001U);

	/* NACK reply: one word, as igb answers any type it does not know */
	m.flags = SNIC_MSG_NACK | SNIC_MSG_CTS;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], 0x60000040U);

	/* neither or both is no answer */
	m.flags = SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EBADMSG);
	m.flags = SNIC_MSG_ACK | SNIC_MSG_NACK;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EBADMSG);
	m.flags = 0;
	m.ext.version = 0;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len),
			-ERANGE);
}

static void codec_ext_hello_request(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_msg m;

	memcpy(w, hello_req, sizeof(hello_req));
	decode_req(test, w, 3, 0, &m);
	KUNIT_EXPECT_EQ(test, m.type, SNIC_MSG_EXT_HELLO);
	KUNIT_EXPECT_EQ(test, m.ext.version, SNIC_EXT_VERSION_1);
	KUNIT_EXPECT_EQ(test, m.ext.caps, (u32)SNIC_EXT_CAPS_V1);
	decode_req(test, w, SNIC_MBX_WORDS, 0, &m);

	/* a newer VF: higher version, unknown caps kept for the policy */
	w[1] = SNIC_EXT_MAGIC | 0xff;
	w[2] = 0xffffffff;
	decode_req(test, w, 3, 0, &m);
	KUNIT_EXPECT_EQ(test, m.ext.version, 0xff);
	KUNIT_EXPECT_EQ(test, m.ext.caps, 0xffffffffU);
	/* bits 15:8 of word 1 are reserved and ignored */
	w[1] = SNIC_EXT_MAGIC | 0xab00 | 2;
	decode_req(test, w, 3, 0, &m);
	KUNIT_EXPECT_EQ(test, m.ext.version, 2);

	/* short: every length below three */
	memcpy(w, hello_req, sizeof(hello_req));
	decode_req(test, w, 1, -EMSGSIZE, &m);
	KUNIT_EXPECT_EQ(test, m.type, SNIC_MSG_EXT_HELLO);
	decode_req(test, w, 2, -EMSGSIZE, &m);

	/* bad magic, in each half */
	w[1] = 0x534f0001;
	decode_req(test, w, 3, -EPROTO, &m);
	w[1] = 0x524e0001;
	decode_req(test, w, 3, -EPROTO, &m);
	w[1] = SNIC_EXT_VERSION_1;
	decode_req(test, w, 3, -EPROTO, &m);
	KUNIT_EXPECT_EQ(test, m.type, SNIC_MSG_EXT_HELLO);

	/* version 0 */
	w[1] = SNIC_EXT_MAGIC;
	decode_req(test, w, 3, -ERANGE, &m);

	/* MSGINFO must be 0 */
	w[0] = SNIC_MSG_EXT_HELLO | FIELD_PREP(SNIC_MSG_INFO, 1);
	w[1] = SNIC_EXT_MAGIC | 1;
	decode_req(test, w, 3, -EINVAL, &m);

	/* a request never carries ACK or NACK */
	w[0] = SNIC_MSG_EXT_HELLO | SNIC_MSG_ACK;
	decode_req(test, w, 3, -EBADMSG, &m);
}

static void codec_ext_hello_reply(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_msg m;

	w[0] = 0xa0000040;
	w[1] = SNIC_EXT_MAGIC | 1;
	w[2] = SNIC_EXT_CAP_LINK | SNIC_EXT_CAP_REASON | BIT(20);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &m), 0);
	KUNIT_EXPECT_EQ(test, m.flags, (u32)(SNIC_MSG_ACK | SNIC_MSG_CTS));
	KUNIT_EXPECT_EQ(test, m.ext.version, 1);
	/* a bit the VF does not know is kept: the VF masks it */
	KUNIT_EXPECT_EQ(test, m.ext.caps, (u32)(SNIC_EXT_CAP_LINK |
						SNIC_EXT_CAP_REASON | BIT(20)));
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &m),
			-EMSGSIZE);
	w[1] = 0x12340001;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &m), -EPROTO);
	w[1] = SNIC_EXT_MAGIC;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &m), -ERANGE);

	/* igb's answer: one word, NACK with CTS, no reason */
	w[0] = 0x60000040;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, SNIC_MSG_EXT_HELLO);
	KUNIT_EXPECT_EQ(test, m.flags, (u32)(SNIC_MSG_NACK | SNIC_MSG_CTS));
	KUNIT_EXPECT_EQ(test, m.reason, SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_FALSE(test, m.reason_word);

	/* an EXT_HELLO that is no answer */
	w[0] = SNIC_MSG_EXT_HELLO | SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &m),
			-EBADMSG);
}

static void codec_ext_event_link(struct kunit *test)
{
	static const u8 reasons[] = { SNIC_LINK_PHY_DOWN, SNIC_LINK_ADMIN_DOWN,
				      SNIC_LINK_PF_DOWN };
	struct snic_msg m = { .type = SNIC_MSG_EXT_EVENT,
			      .info = SNIC_EXT_EV_LINK, .flags = SNIC_MSG_CTS };
	struct snic_msg out;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len, i;

	m.link.up = true;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 2U);
	KUNIT_EXPECT_EQ(test, w[0], 0x20010041U);
	KUNIT_EXPECT_EQ(test, w[1], 0x00000001U);

	for (i = 0; i < ARRAY_SIZE(reasons); i++) {
		m.link.up = false;
		m.link.reason = reasons[i];
		KUNIT_ASSERT_EQ(test,
				snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
		KUNIT_EXPECT_EQ(test, w[1], (u32)reasons[i] << 8);
		KUNIT_ASSERT_EQ(test,
				snic_msg_decode(w, len, SNIC_DIR_REPLY, &out), 0);
		KUNIT_EXPECT_EQ(test, out.info, SNIC_EXT_EV_LINK);
		KUNIT_EXPECT_FALSE(test, out.link.up);
		KUNIT_EXPECT_EQ(test, out.link.reason, reasons[i]);
	}

	/* contradictions and unknown reasons */
	m.link.up = true;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EINVAL);
	m.link.up = false;
	m.link.reason = SNIC_LINK_UP;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EINVAL);
	m.link.reason = SNIC_LINK_PF_DOWN + 1;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-ERANGE);

	w[0] = 0x20010041;
	w[1] = SNIC_EXT_LINK_UP | FIELD_PREP(SNIC_EXT_LINK_REASON, 1);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out),
			-EINVAL);
	w[1] = 0;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out),
			-EINVAL);
	w[1] = FIELD_PREP(SNIC_EXT_LINK_REASON, 4);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out),
			-ERANGE);
	/* short */
	w[1] = SNIC_EXT_LINK_UP;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out),
			-EMSGSIZE);
	/* reserved bits are ignored */
	w[1] = SNIC_EXT_LINK_UP | 0xffff00fe;
	w[1] &= ~SNIC_EXT_LINK_REASON;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_TRUE(test, out.link.up);
}

static void codec_ext_event_mac(struct kunit *test)
{
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	struct snic_msg m = { .type = SNIC_MSG_EXT_EVENT,
			      .info = SNIC_EXT_EV_MAC, .flags = SNIC_MSG_CTS };
	struct snic_msg out;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	ether_addr_copy(m.mac, mac_a);
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 3U);
	KUNIT_EXPECT_EQ(test, w[0], 0x20020041U);
	KUNIT_EXPECT_EQ(test, w[1], 0x33221102U);
	KUNIT_EXPECT_EQ(test, w[2], 0x00005544U);
	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, len, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.info, SNIC_EXT_EV_MAC);
	KUNIT_EXPECT_MEMEQ(test, out.mac, mac_a, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out),
			-EMSGSIZE);

	/* unicast only, both ways */
	ether_addr_copy(m.mac, mcast);
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EADDRNOTAVAIL);
	w[1] = 0x5e0001;
	w[2] = 0x0100;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &out),
			-EADDRNOTAVAIL);
	w[1] = 0;
	w[2] = 0;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 3, SNIC_DIR_REPLY, &out),
			-EADDRNOTAVAIL);
}

static void codec_ext_event_bad(struct kunit *test)
{
	struct snic_msg e = { .type = SNIC_MSG_EXT_EVENT };
	u32 w[SNIC_MBX_WORDS] = { };
	unsigned int len, ev;
	struct snic_msg m;

	/* unknown event kinds: the VF ignores them */
	for (ev = 0; ev <= 0xff; ev++) {
		if (ev == SNIC_EXT_EV_LINK || ev == SNIC_EXT_EV_MAC)
			continue;
		w[0] = SNIC_MSG_EXT_EVENT | FIELD_PREP(SNIC_MSG_INFO, ev);
		w[1] = 0x33221102;
		w[2] = 0x00005544;
		KUNIT_EXPECT_EQ(test, snic_msg_decode(w, SNIC_MBX_WORDS,
						      SNIC_DIR_REPLY, &m),
				-EOPNOTSUPP);
		e.info = ev;
		ether_addr_copy(e.mac, mac_a);
		KUNIT_EXPECT_EQ(test, snic_msg_encode(&e, SNIC_DIR_REPLY, w, &len),
				-EOPNOTSUPP);
	}

	/* an event is never an answer */
	w[0] = SNIC_MSG_EXT_EVENT | SNIC_MSG_ACK |
	       FIELD_PREP(SNIC_MSG_INFO, SNIC_EXT_EV_LINK);
	w[1] = SNIC_EXT_LINK_UP;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &m), -EBADMSG);
	w[0] = SNIC_MSG_EXT_EVENT | SNIC_MSG_NACK |
	       FIELD_PREP(SNIC_MSG_INFO, SNIC_EXT_EV_LINK);
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &m), -EBADMSG);

	/* nor a request: a VF may not send one, and cannot encode one */
	for (ev = 0; ev <= 3; ev++) {
		w[0] = SNIC_MSG_EXT_EVENT | FIELD_PREP(SNIC_MSG_INFO, ev);
		w[1] = SNIC_EXT_LINK_UP;
		decode_req(test, w, SNIC_MBX_WORDS, -EOPNOTSUPP, &m);
		KUNIT_EXPECT_EQ(test, m.type, SNIC_MSG_EXT_EVENT);
	}
	memset(&m, 0, sizeof(m));
	m.type = SNIC_MSG_EXT_EVENT;
	m.info = SNIC_EXT_EV_LINK;
	m.link.up = true;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len),
			-EOPNOTSUPP);
}

static void codec_nack_reason(struct kunit *test)
{
	struct snic_msg m = { .type = SNIC_MSG_SET_VLAN, .info = 1,
			      .flags = SNIC_MSG_NACK | SNIC_MSG_CTS };
	struct snic_msg out;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len, r;

	/* the base answer: one word, exactly snic_msg_reply_hdr()'s */
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], snic_msg_reply_hdr(0x00010004, false, true));
	m.flags = SNIC_MSG_ACK | SNIC_MSG_CTS;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], snic_msg_reply_hdr(0x00010004, true, true));
	/* an ACK has no reason */
	m.reason_word = true;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EINVAL);

	/* every reason, two words, and back */
	m.flags = SNIC_MSG_NACK | SNIC_MSG_CTS;
	for (r = SNIC_REFUSE_UNSPEC; r <= SNIC_REFUSE_MAX; r++) {
		m.reason = r;
		KUNIT_ASSERT_EQ(test,
				snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
		KUNIT_EXPECT_EQ(test, len, 2U);
		KUNIT_EXPECT_EQ(test, w[0], 0x60010004U);
		KUNIT_EXPECT_EQ(test, w[1], r);
		KUNIT_ASSERT_EQ(test,
				snic_msg_decode(w, len, SNIC_DIR_REPLY, &out), 0);
		KUNIT_EXPECT_EQ(test, out.type, SNIC_MSG_SET_VLAN);
		KUNIT_EXPECT_EQ(test, out.reason, r);
		KUNIT_EXPECT_TRUE(test, out.reason_word);
		/* the same words read as the base one-word NACK */
		KUNIT_ASSERT_EQ(test, snic_msg_decode(w, 1, SNIC_DIR_REPLY, &out),
				0);
		KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_UNSPEC);
		KUNIT_EXPECT_FALSE(test, out.reason_word);
	}
	m.reason = SNIC_REFUSE_MAX + 1;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-ERANGE);

	/* a newer PF's reason is no reason, never an error */
	w[0] = 0x60010004;
	for (r = SNIC_REFUSE_MAX + 1; r < 0x200; r++) {
		w[1] = r;
		KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out),
				0);
		KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_UNSPEC);
	}
	w[1] = 0xffffffff;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_UNSPEC);

	/* any type: RESET, the bare NACK, EXT_HELLO */
	w[0] = SNIC_MSG_RESET | SNIC_MSG_NACK;
	w[1] = SNIC_REFUSE_BUSY;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_BUSY);
	w[0] = SNIC_MSG_NACK;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_BUSY);
	w[0] = SNIC_MSG_EXT_HELLO | SNIC_MSG_NACK | SNIC_MSG_CTS;
	w[1] = SNIC_REFUSE_UNSUPPORTED;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_UNSUPPORTED);
	/* an ACK's word 1 is never a reason */
	w[0] = 0xa0010004;
	KUNIT_EXPECT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REPLY, &out), 0);
	KUNIT_EXPECT_EQ(test, out.reason, SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_FALSE(test, out.reason_word);

	/* the bare NACK, encoded */
	memset(&m, 0, sizeof(m));
	m.flags = SNIC_MSG_NACK;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 1U);
	KUNIT_EXPECT_EQ(test, w[0], 0x40000000U);
	/* a RESET NACK with its reason */
	m.type = SNIC_MSG_RESET;
	m.reason_word = true;
	m.reason = SNIC_REFUSE_BUSY;
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 2U);
	KUNIT_EXPECT_EQ(test, w[0], 0x40000001U);
	KUNIT_EXPECT_EQ(test, w[1], (u32)SNIC_REFUSE_BUSY);
	/* an answer needs exactly one of ACK and NACK */
	m.type = SNIC_MSG_SET_MC;
	m.flags = SNIC_MSG_CTS;
	m.reason_word = false;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REPLY, w, &len),
			-EBADMSG);
}

/*
 * DPDK's VF at close: SET_MAC_ADDR, MSGINFO 0, all-zero address. It decodes
 * as its own operation, encodes back to the same words, and only the
 * primary gives zeros that meaning.
 */
static void codec_mac_release(struct kunit *test)
{
	const u32 dpdk_close[SNIC_MBX_WORDS] = { 0x00000002, 0, 0 };
	struct snic_msg m = { .type = SNIC_MSG_SET_MAC };
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;

	decode_req(test, dpdk_close, SNIC_SET_MAC_WORDS, 0, &m);
	KUNIT_EXPECT_EQ(test, m.mac_op, SNIC_MAC_RELEASE);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(m.mac));
	decode_req(test, dpdk_close, 2, -EMSGSIZE, &m);

	m = (struct snic_msg){ .type = SNIC_MSG_SET_MAC,
			       .mac_op = SNIC_MAC_RELEASE };
	KUNIT_ASSERT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len), 0);
	KUNIT_ASSERT_EQ(test, len, SNIC_SET_MAC_WORDS);
	KUNIT_EXPECT_MEMEQ(test, w, dpdk_close, len * sizeof(*w));
	/* the primary operation itself still wants a unicast address */
	m.mac_op = SNIC_MAC_PRIMARY;
	KUNIT_EXPECT_EQ(test, snic_msg_encode(&m, SNIC_DIR_REQUEST, w, &len),
			-EADDRNOTAVAIL);
	/* not a MSGINFO on the wire */
	w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_RELEASE);
	decode_req(test, w, SNIC_SET_MAC_WORDS, -EINVAL, &m);
}

/*
 * The protocol table: every type once, bounds that fit the mailbox, a
 * decoder wherever there is a payload, and each type's smallest valid
 * message inside its own bounds.
 */
static void codec_table(struct kunit *test)
{
	static const u16 types[] = {
		SNIC_MSG_RESET, SNIC_MSG_SET_MAC, SNIC_MSG_SET_MC,
		SNIC_MSG_SET_VLAN, SNIC_MSG_SET_LPE, SNIC_MSG_SET_PROMISC,
		SNIC_MSG_EXT_HELLO, SNIC_MSG_EXT_EVENT, SNIC_MSG_PF_CONTROL,
	};
	unsigned int i, t, n = 0;

	for (t = 0; t <= U16_MAX; t++)
		n += !!snic_msg_desc(t);
	KUNIT_EXPECT_EQ(test, n, (unsigned int)ARRAY_SIZE(types));
	KUNIT_EXPECT_NULL(test, snic_msg_desc(0));	/* the bare NACK */

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		const struct snic_msg_desc *md = snic_msg_desc(types[i]);

		KUNIT_ASSERT_NOT_NULL(test, md);
		KUNIT_EXPECT_EQ(test, md->type, types[i]);
		KUNIT_EXPECT_STREQ(test, snic_msg_name(types[i]), md->name);
		/* exactly one direction */
		KUNIT_EXPECT_EQ(test, hweight8(md->flags & (SNIC_MSGD_VF2PF |
							    SNIC_MSGD_PF2VF)), 1);
		KUNIT_EXPECT_GE(test, md->min_words, 1);
		KUNIT_EXPECT_LE(test, md->min_words, md->max_words);
		KUNIT_EXPECT_LE(test, md->max_words, SNIC_MBX_WORDS);
		/* no decoder: no payload, not even in MSGINFO */
		if (!md->decode)
			KUNIT_EXPECT_EQ(test, md->max_words, 1);
		KUNIT_EXPECT_EQ(test, !md->encode, !md->decode);
		KUNIT_EXPECT_EQ(test, !md->encode_ack, !md->decode_ack);
		if (md->decode_ack)
			KUNIT_EXPECT_GT(test, md->ack_words, 1);
		else if (md->flags & SNIC_MSGD_VF2PF)
			KUNIT_EXPECT_EQ(test, md->ack_words, 1);
	}
	/* RESET and EXT_HELLO answer with a payload and a one-word NACK */
	KUNIT_EXPECT_TRUE(test, snic_msg_desc(SNIC_MSG_RESET)->flags &
				SNIC_MSGD_NO_CTS);
	KUNIT_EXPECT_EQ(test, snic_msg_desc(SNIC_MSG_RESET)->ack_words,
			SNIC_RESET_REPLY_WORDS);
	KUNIT_EXPECT_EQ(test, snic_msg_desc(SNIC_MSG_SET_MC)->max_words,
			SNIC_MBX_WORDS);
	for (i = 0; i < ARRAY_SIZE(types); i++)
		KUNIT_EXPECT_EQ(test, !!(snic_msg_desc(types[i])->flags &
					 SNIC_MSGD_BASE_NACK),
				types[i] == SNIC_MSG_RESET ||
				types[i] == SNIC_MSG_EXT_HELLO);
}

/* The reasons' names, texts and errnos, for both ends. */
static void codec_reasons(struct kunit *test)
{
	unsigned int r;

	for (r = SNIC_REFUSE_UNSPEC; r <= SNIC_REFUSE_MAX; r++) {
		KUNIT_EXPECT_STRNEQ(test, snic_refusal(r)->name, "?");
		KUNIT_EXPECT_EQ(test, !*snic_refusal(r)->text,
				r == SNIC_REFUSE_UNSPEC);
		KUNIT_EXPECT_LT(test, snic_refusal(r)->err, 0);
		/* the PF's errno of a reason names the reason again */
		if (snic_refusal(r)->err != -EPERM)
			KUNIT_EXPECT_EQ(test,
					snic_refusal_of_errno(snic_refusal(r)->err),
					r);
	}
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->name, "?");
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->text, "");
	KUNIT_EXPECT_EQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->err, -EPERM);
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_ADDR_IN_USE)->text,
			   ": the address belongs to another function");
	KUNIT_EXPECT_EQ(test, snic_refusal_of_errno(-EPERM),
			SNIC_REFUSE_UNTRUSTED);
	KUNIT_EXPECT_EQ(test, snic_refusal_of_errno(-EAGAIN), SNIC_REFUSE_BUSY);
	KUNIT_EXPECT_EQ(test, snic_refusal_of_errno(-ERANGE),
			SNIC_REFUSE_INVALID);
	KUNIT_EXPECT_EQ(test, snic_refusal_of_errno(-EIO), SNIC_REFUSE_UNSPEC);

	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_PF_DOWN),
			   "pf_down");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_PF_DOWN + 1),
			   "?");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_text(SNIC_LINK_PHY_DOWN),
			   "physical link down");
	KUNIT_EXPECT_NULL(test, snic_link_reason_text(SNIC_LINK_UP));
	KUNIT_EXPECT_NULL(test, snic_link_reason_text(0xff));
}

static void codec_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, snic_msg_name(SNIC_MSG_SET_LPE), "SET_LPE");
	KUNIT_EXPECT_STREQ(test, snic_msg_name(0x1234), "unknown");
	KUNIT_EXPECT_STREQ(test, snic_msg_name(SNIC_MSG_EXT_HELLO), "EXT_HELLO");
	KUNIT_EXPECT_STREQ(test, snic_msg_name(SNIC_MSG_EXT_EVENT), "EXT_EVENT");
}

static struct kunit_case snic_mbx_codec_cases[] = {
	KUNIT_CASE(codec_wire_reset_request),
	KUNIT_CASE(codec_wire_reset_reply),
	KUNIT_CASE(codec_wire_set_mac),
	KUNIT_CASE(codec_wire_set_mc),
	KUNIT_CASE(codec_wire_vlan_lpe_promisc),
	KUNIT_CASE(codec_wire_pf_control),
	KUNIT_CASE(codec_reply_hdr),
	KUNIT_CASE(codec_mc_hash),
	KUNIT_CASE(codec_roundtrip_requests),
	KUNIT_CASE(codec_roundtrip_replies),
	KUNIT_CASE(codec_bad_length),
	KUNIT_CASE(codec_bad_type),
	KUNIT_CASE(codec_bad_msginfo),
	KUNIT_CASE(codec_mc_overflow),
	KUNIT_CASE(codec_bad_vlan_lpe),
	KUNIT_CASE(codec_bad_mac),
	KUNIT_CASE(codec_never_reads_past_len),
	KUNIT_CASE(codec_ext_hello_wire),
	KUNIT_CASE(codec_ext_hello_request),
	KUNIT_CASE(codec_ext_hello_reply),
	KUNIT_CASE(codec_ext_event_link),
	KUNIT_CASE(codec_ext_event_mac),
	KUNIT_CASE(codec_ext_event_bad),
	KUNIT_CASE(codec_nack_reason),
	KUNIT_CASE(codec_names),
	KUNIT_CASE(codec_mac_release),
	KUNIT_CASE(codec_table),
	KUNIT_CASE(codec_reasons),
	{ }
};

static struct kunit_suite snic_mbx_codec_suite = {
	.name = "sriovnic_mbx_codec",
	.test_cases = snic_mbx_codec_cases,
};
kunit_test_suite(snic_mbx_codec_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic shared layer");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
