// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the PF's rules for VF requests (pf_vf_policy.c), one test per
 * rule. Requests are built as the words igbvf and DPDK put in the mailbox
 * and go through the real codec first, so a test sees exactly what the PF
 * sees.
 *
 * The policy is compiled into this module from its own source file rather
 * than linked from the driver's object: the same object in two modules of
 * one build is what Kbuild warns about, and the driver exports nothing.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/module.h>

#include <sriovnic/compat.h>
#include <sriovnic/mbx_proto.h>

#include "../pf_vf_policy.c"

#define MAC_LO	0x33221102U	/* 02:11:22:33:44:55 */
#define MAC_HI	0x00005544U

/* A VF that completed RESET, with room everywhere. */
static const struct snic_vf_policy_state clear_vf = {
	.clear = true,
	.has_mac = true,
	.rar_free = 16,
	.vlvf_free = 32,
};

static void decide(struct kunit *test, const struct snic_vf_policy_state *st,
		   const u32 *w, unsigned int len, struct snic_vf_decision *d)
{
	struct snic_msg m;
	int err = snic_msg_decode(w, len, SNIC_DIR_REQUEST, &m);

	memset(d, 0x5a, sizeof(*d));	/* everything must be written */
	snic_vf_policy_decide(st, &m, err, d);
	KUNIT_EXPECT_LE(test, d->n_act, (unsigned int)SNIC_VF_MAX_ACTS);
}

static void expect(struct kunit *test, const struct snic_vf_decision *d,
		   u8 reply, u8 reason, unsigned int n_act)
{
	KUNIT_EXPECT_EQ(test, d->reply, reply);
	KUNIT_EXPECT_EQ(test, d->reason, reason);
	KUNIT_EXPECT_EQ(test, d->n_act, n_act);
}

/* --- RESET ------------------------------------------------------------ */

static void policy_reset_ack_with_mac(struct kunit *test)
{
	struct snic_vf_policy_state st = { .has_mac = true };
	const u32 w[] = { 0x00000001 };
	struct snic_vf_decision d;

	decide(test, &st, w, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_RESET);
}

static void policy_reset_nack_without_mac(struct kunit *test)
{
	struct snic_vf_policy_state st = { };
	const u32 w[] = { 0x00000001 };
	struct snic_vf_decision d;

	decide(test, &st, w, 1, &d);
	/* Still cleaned up and made clear to send: the VF picks a MAC. */
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_MAC, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_RESET);
}

static void policy_reset_again_when_clear(struct kunit *test)
{
	const u32 w[] = { 0x00000001 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_RESET);
}

static void policy_reset_malformed(struct kunit *test)
{
	const u32 w[] = { 0x00050001 };	/* MSGINFO on RESET */
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- before RESET, replies, junk --------------------------------------- */

static void policy_not_clear_bare_nack(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 set_mac[] = { 0x00000002, MAC_LO, MAC_HI };
	const u32 unknown[] = { 0x00000008 };
	const u32 junk[] = { 0x1f000003 };
	struct snic_vf_decision d;

	st.clear = false;
	decide(test, &st, set_mac, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS, 0);
	decide(test, &st, unknown, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS, 0);
	decide(test, &st, junk, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS, 0);
}

static void policy_reply_flags_ignored(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 acked[] = { 0x80000002, MAC_LO, MAC_HI };
	const u32 nacked[] = { 0x40000001 };
	struct snic_vf_decision d;

	decide(test, &st, acked, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NONE, SNIC_VF_REPLY, 0);
	st.clear = false;
	decide(test, &st, nacked, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NONE, SNIC_VF_REPLY, 0);
}

static void policy_unknown_type_nack(struct kunit *test)
{
	const u32 api[] = { 0x00000008 };	/* ixgbe's API_NEGOTIATE */
	const u32 pf_ctl[] = { 0x00000100 };	/* PF->VF only */
	struct snic_vf_decision d;

	decide(test, &clear_vf, api, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_UNKNOWN, 0);
	decide(test, &clear_vf, pf_ctl, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_UNKNOWN, 0);
}

static void policy_reserved_bits_nack(struct kunit *test)
{
	const u32 w[] = { 0x01000005, 1518 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- SET_MAC_ADDR ------------------------------------------------------ */

static void policy_mac_primary(struct kunit *test)
{
	const u32 w[] = { 0x00000002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_SET_MAC);
}

static void policy_mac_primary_admin(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00000002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	st.admin_mac = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC, 0);

	st.trusted = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_SET_MAC);
}

static void policy_mac_invalid(struct kunit *test)
{
	const u32 mcast[] = { 0x00000002, 0x33221101, MAC_HI };
	const u32 zero[] = { 0x00020002, 0, 0 };
	const u32 bad_op[] = { 0x00030002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	decide(test, &clear_vf, mcast, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	/* Only "primary" gives a zero address a meaning; "add" has none. */
	decide(test, &clear_vf, zero, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	decide(test, &clear_vf, bad_op, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* DPDK's VF at close: SET_MAC_ADDR primary, all-zero address. */
static void policy_mac_release(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00000002, 0, 0 };
	struct snic_vf_decision d;

	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_SET_MAC);

	/* The administrator's address stays: refused as any change is. */
	st.admin_mac = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC, 0);
	KUNIT_EXPECT_EQ(test, d.refusal, (u8)SNIC_REFUSE_ADMIN_MAC);

	st.trusted = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);

	/*
	 * Zeros are nobody's address: a release is not refused as another
	 * pool's (a VF without an address holds zeros too).
	 */
	st = clear_vf;
	st.mac_in_use = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_SET_MAC);

	/* Before RESET it is just another request. */
	st.clear = false;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS, 0);
}

static void policy_mac_clear_any_mac(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00010002, 0, 0 };	/* igbvf: zero MAC */
	struct snic_vf_decision d;

	st.admin_mac = true;	/* even an administratively locked VF */
	st.rar_free = 0;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_UC_CLEAR);
}

static void policy_mac_add(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00020002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_UC_ADD);

	st.rar_free = 0;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_RAR, 0);

	st.rar_free = 5;
	st.uc_used = SNIC_VF_MAX_UC;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_RAR, 0);

	st.uc_used = 0;
	st.admin_mac = true;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC, 0);
}

/* --- SET_MULTICAST ----------------------------------------------------- */

static void policy_mc_list(struct kunit *test)
{
	u32 w[SNIC_MBX_WORDS] = { 0x001e0003 };	/* 30 hashes */
	const u32 none[] = { 0x00000003 };
	struct snic_vf_decision d;
	unsigned int i;

	for (i = 1; i < SNIC_MBX_WORDS; i++)
		w[i] = (2 * i) << 16 | (2 * i - 1);
	decide(test, &clear_vf, w, SNIC_MBX_WORDS, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_MC_SET);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, 30U);

	decide(test, &clear_vf, none, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_MC_SET);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, 0U);
}

static void policy_mc_overflow(struct kunit *test)
{
	const u32 many[] = { 0x001f0003 };	/* 31: more than fit */
	const u32 flag[] = { 0x00830003 };	/* FreeBSD's overflow flag */
	struct snic_vf_decision d;

	decide(test, &clear_vf, many, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_MC_OVERFLOW);
	decide(test, &clear_vf, flag, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_MC_OVERFLOW);
}

static void policy_mc_bad_hash(struct kunit *test)
{
	const u32 w[] = { 0x00010003, 0x0000f000 };	/* hash > 12 bits */
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- SET_VLAN ---------------------------------------------------------- */

static void policy_vlan_add_del(struct kunit *test)
{
	const u32 add[] = { 0x00010004, 100 };
	const u32 del[] = { 0x00000004, 100 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_VLAN_ADD);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, 100U);
	decide(test, &clear_vf, del, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_VLAN_DEL);
}

static void policy_vlan_port_vlan(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 add[] = { 0x00010004, 100 };
	const u32 del[] = { 0x00000004, 100 };
	struct snic_vf_decision d;

	st.port_vlan = 10;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_PORT_VLAN, 0);
	decide(test, &st, del, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_PORT_VLAN, 0);
}

static void policy_vlan_full(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 add[] = { 0x00010004, 100 };
	struct snic_vf_decision d;

	st.vlvf_free = 0;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_VLVF, 0);

	/* Another pool has VLAN 100: joining it needs no new entry. */
	st.vid_present = true;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);

	/* The VF's own share is used up ... */
	st.vlvf_free = 10;
	st.vlans_used = SNIC_VF_MAX_VLANS;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_VLVF, 0);

	/* ... but adding what it already has is harmless. */
	st.vid_mine = true;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
}

static void policy_vlan_bad(struct kunit *test)
{
	const u32 vid[] = { 0x00010004, 4096 };
	const u32 op[] = { 0x00020004, 100 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, vid, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	decide(test, &clear_vf, op, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- SET_LPE ----------------------------------------------------------- */

static void policy_lpe(struct kunit *test)
{
	const u32 jumbo[] = { 0x00000005, 9022 };
	const u32 huge[] = { 0x00000005, 9729 };
	const u32 tiny[] = { 0x00000005, 10 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, jumbo, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_MAX_FRAME);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, 9022U);
	decide(test, &clear_vf, huge, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	decide(test, &clear_vf, tiny, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- SET_PROMISC ------------------------------------------------------- */

static void policy_promisc_mc(struct kunit *test)
{
	const u32 mc[] = { 0x00020006 };
	const u32 off[] = { 0x00000006 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, mc, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_PROMISC);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, (u32)SNIC_PROMISC_MC);
	decide(test, &clear_vf, off, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, 0U);
}

static void policy_promisc_uc(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 uc[] = { 0x00010006 };
	const u32 both[] = { 0x00030006 };
	struct snic_vf_decision d;

	decide(test, &st, uc, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_UNTRUSTED, 0);
	decide(test, &st, both, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_UNTRUSTED, 0);

	st.trusted = true;	/* QEMU: no per-pool unicast promiscuous */
	decide(test, &st, uc, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_HW, 0);

	st.hw_uc_promisc = true;
	decide(test, &st, both, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].arg, (u32)SNIC_PROMISC_ALL);
}

static void policy_promisc_bad(struct kunit *test)
{
	const u32 w[] = { 0x00040006 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, w, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
}

/* --- the extension ------------------------------------------------------ */

#define HELLO_V1	(SNIC_EXT_MAGIC | SNIC_EXT_VERSION_1)

static void policy_ext_hello_ack(struct kunit *test)
{
	const u32 all[] = { SNIC_MSG_EXT_HELLO, HELLO_V1, SNIC_EXT_CAPS_V1 };
	const u32 newer[] = { SNIC_MSG_EXT_HELLO, SNIC_EXT_MAGIC | 9,
			      0xffffffff };
	const u32 link[] = { SNIC_MSG_EXT_HELLO, HELLO_V1, SNIC_EXT_CAP_LINK };
	const u32 none[] = { SNIC_MSG_EXT_HELLO, HELLO_V1, 0 };
	struct snic_vf_decision d;

	decide(test, &clear_vf, all, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_EXT);
	KUNIT_EXPECT_EQ(test, d.ext_version, SNIC_EXT_VERSION_1);
	KUNIT_EXPECT_EQ(test, d.ext_caps, (u32)SNIC_EXT_CAPS_V1);
	KUNIT_EXPECT_FALSE(test, d.reason_word);

	/* a newer VF: our version, and only the capabilities we know */
	decide(test, &clear_vf, newer, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.ext_version, SNIC_EXT_VERSION_CUR);
	KUNIT_EXPECT_EQ(test, d.ext_caps, (u32)SNIC_EXT_CAPS_V1);

	/* never more than the VF asked for */
	decide(test, &clear_vf, link, 3, &d);
	KUNIT_EXPECT_EQ(test, d.ext_caps, (u32)SNIC_EXT_CAP_LINK);
	decide(test, &clear_vf, none, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.ext_caps, 0U);
}

static void policy_ext_hello_not_clear(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { SNIC_MSG_EXT_HELLO, HELLO_V1, SNIC_EXT_CAPS_V1 };
	struct snic_vf_decision d;

	st.clear = false;
	decide(test, &st, w, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS, 0);
	KUNIT_EXPECT_FALSE(test, d.reason_word);
}

static void policy_ext_hello_bad(struct kunit *test)
{
	static const u32 bad[][3] = {
		{ SNIC_MSG_EXT_HELLO, 0x12340001, SNIC_EXT_CAPS_V1 },
		{ SNIC_MSG_EXT_HELLO, SNIC_EXT_MAGIC, SNIC_EXT_CAPS_V1 },
		{ SNIC_MSG_EXT_HELLO | 0x10000, HELLO_V1, SNIC_EXT_CAPS_V1 },
	};
	struct snic_vf_policy_state st = clear_vf;
	struct snic_vf_decision d;
	unsigned int i;

	/* even from a VF that asked for reasons: one word, like igb's */
	st.ext_caps = SNIC_EXT_CAPS_V1;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		decide(test, &st, bad[i], 3, &d);
		expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 1);
		KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_EXT);
		KUNIT_EXPECT_EQ(test, d.refusal, SNIC_REFUSE_INVALID);
		KUNIT_EXPECT_FALSE(test, d.reason_word);
	}
	/* too short */
	decide(test, &st, bad[0], 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 1);
	decide(test, &st, bad[0], 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 1);

	/* EXT_EVENT is the PF's: a VF sending one is refused */
	{
		const u32 ev[] = { SNIC_MSG_EXT_EVENT | 0x10000, 1 };

		decide(test, &st, ev, 2, &d);
		expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_UNKNOWN, 0);
		KUNIT_EXPECT_EQ(test, d.refusal, SNIC_REFUSE_UNSUPPORTED);
		KUNIT_EXPECT_TRUE(test, d.reason_word);
	}
}

/* Negotiate, then RESET, FLR, refused offers: what the PF remembers. */
static void policy_ext_state(struct kunit *test)
{
	const u32 hello[] = { SNIC_MSG_EXT_HELLO, HELLO_V1, SNIC_EXT_CAPS_V1 };
	const u32 bad[] = { SNIC_MSG_EXT_HELLO, SNIC_EXT_MAGIC, 7 };
	const u32 reset[] = { SNIC_MSG_RESET };
	const u32 lpe[] = { SNIC_MSG_SET_LPE, 1522 };
	struct snic_vf_policy_state st = clear_vf;
	struct snic_vf_ext ext = { };
	struct snic_vf_decision d;

	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, true);
	KUNIT_EXPECT_EQ(test, ext.version, SNIC_EXT_VERSION_1);
	KUNIT_EXPECT_EQ(test, ext.caps, (u32)SNIC_EXT_CAPS_V1);

	/* other requests leave it alone */
	st.ext_caps = ext.caps;
	decide(test, &st, lpe, 2, &d);
	snic_vf_ext_apply(&ext, &d, true);
	KUNIT_EXPECT_EQ(test, ext.caps, (u32)SNIC_EXT_CAPS_V1);

	/* RESET forgets it, whether ACKed or not */
	decide(test, &st, reset, 1, &d);
	snic_vf_ext_apply(&ext, &d, true);
	KUNIT_EXPECT_EQ(test, ext.version, 0);
	KUNIT_EXPECT_EQ(test, ext.caps, 0U);
	KUNIT_EXPECT_FALSE(test, d.reason_word);

	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, true);
	st.has_mac = false;
	decide(test, &st, reset, 1, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_MAC, 1);
	KUNIT_EXPECT_FALSE(test, d.reason_word);
	snic_vf_ext_apply(&ext, &d, false);
	KUNIT_EXPECT_EQ(test, ext.version, 0);
	st.has_mac = true;

	/* before the VF is clear to send: nothing is negotiated */
	st.clear = false;
	st.ext_caps = 0;
	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, false);
	KUNIT_EXPECT_EQ(test, ext.version, 0);

	/* an ACK that could not be sent or applied grants nothing */
	st.clear = true;
	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, false);
	KUNIT_EXPECT_EQ(test, ext.version, 0);

	/* a malformed offer ends an earlier negotiation */
	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, true);
	KUNIT_EXPECT_EQ(test, ext.version, SNIC_EXT_VERSION_1);
	decide(test, &st, bad, 3, &d);
	snic_vf_ext_apply(&ext, &d, false);
	KUNIT_EXPECT_EQ(test, ext.version, 0);
	KUNIT_EXPECT_EQ(test, ext.caps, 0U);

	/* FLR, PF reset, SR-IOV disable, the PF asking for a reset */
	decide(test, &st, hello, 3, &d);
	snic_vf_ext_apply(&ext, &d, true);
	snic_vf_ext_clear(&ext);
	KUNIT_EXPECT_EQ(test, ext.version, 0);
	KUNIT_EXPECT_EQ(test, ext.caps, 0U);
}

struct refusal_case {
	const char *name;
	struct snic_vf_policy_state st;
	u32 w[3];
	unsigned int len;
	u8 reason;
	u8 refusal;
};

/* Every refusal the policy makes, and the reason the VF is told. */
static void policy_refusals(struct kunit *test)
{
	static const struct refusal_case cases[] = {
		{ "admin MAC", { .clear = true, .has_mac = true,
				 .admin_mac = true, .rar_free = 16 },
		  { 0x00000002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_ADMIN_MAC, SNIC_REFUSE_ADMIN_MAC },
		{ "admin MAC, add", { .clear = true, .has_mac = true,
				      .admin_mac = true, .rar_free = 16 },
		  { 0x00020002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_ADMIN_MAC, SNIC_REFUSE_ADMIN_MAC },
		{ "no RAR", { .clear = true, .has_mac = true },
		  { 0x00020002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_NO_RAR, SNIC_REFUSE_TABLE_FULL },
		{ "VF's RAR share", { .clear = true, .rar_free = 16,
				      .uc_used = SNIC_VF_MAX_UC },
		  { 0x00020002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_NO_RAR, SNIC_REFUSE_TABLE_FULL },
		{ "port VLAN", { .clear = true, .port_vlan = 100,
				 .vlvf_free = 32 },
		  { 0x00010004, 5 }, 2,
		  SNIC_VF_PORT_VLAN, SNIC_REFUSE_PORT_VLAN },
		{ "no VLVF", { .clear = true },
		  { 0x00010004, 5 }, 2,
		  SNIC_VF_NO_VLVF, SNIC_REFUSE_TABLE_FULL },
		{ "untrusted promisc", { .clear = true, .hw_uc_promisc = true },
		  { 0x00010006 }, 1,
		  SNIC_VF_UNTRUSTED, SNIC_REFUSE_UNTRUSTED },
		{ "no hw promisc", { .clear = true, .trusted = true },
		  { 0x00010006 }, 1,
		  SNIC_VF_NO_HW, SNIC_REFUSE_UNSUPPORTED },
		{ "address in use", { .clear = true, .has_mac = true,
				      .trusted = true, .mac_in_use = true,
				      .rar_free = 16 },
		  { 0x00000002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_ADDR_IN_USE, SNIC_REFUSE_ADDR_IN_USE },
		{ "address in use, add", { .clear = true, .has_mac = true,
					   .mac_in_use = true,
					   .rar_free = 16 },
		  { 0x00020002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_ADDR_IN_USE, SNIC_REFUSE_ADDR_IN_USE },
		{ "RAR guarantees of others", { .clear = true, .rar_free = 4,
						.rar_owed = 4 },
		  { 0x00020002, MAC_LO, MAC_HI }, 3,
		  SNIC_VF_NO_RAR, SNIC_REFUSE_TABLE_FULL },
		{ "VLVF guarantees of others", { .clear = true,
						 .vlvf_free = 8,
						 .vlvf_owed = 8 },
		  { 0x00010004, 5 }, 2,
		  SNIC_VF_NO_VLVF, SNIC_REFUSE_TABLE_FULL },
		{ "unknown type", { .clear = true },
		  { 0x00000008 }, 1,
		  SNIC_VF_UNKNOWN, SNIC_REFUSE_UNSUPPORTED },
		{ "malformed", { .clear = true },
		  { 0x00000002, 0x5e0001, 0x0100 }, 3,
		  SNIC_VF_BAD_MSG, SNIC_REFUSE_INVALID },
		{ "short", { .clear = true },
		  { 0x00000005 }, 1,
		  SNIC_VF_BAD_MSG, SNIC_REFUSE_INVALID },
	};
	static const u32 caps[] = { 0, SNIC_EXT_CAP_LINK | SNIC_EXT_CAP_LIVE_MAC,
				    SNIC_EXT_CAP_REASON, SNIC_EXT_CAPS_V1 };
	struct snic_vf_decision d;
	unsigned int i, c;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		for (c = 0; c < ARRAY_SIZE(caps); c++) {
			struct snic_vf_policy_state st = cases[i].st;

			st.ext_caps = caps[c];
			decide(test, &st, cases[i].w, cases[i].len, &d);
			KUNIT_EXPECT_EQ_MSG(test, d.reply, SNIC_VF_REPLY_NACK,
					    "%s", cases[i].name);
			KUNIT_EXPECT_EQ_MSG(test, d.reason, cases[i].reason,
					    "%s", cases[i].name);
			KUNIT_EXPECT_EQ_MSG(test, d.refusal, cases[i].refusal,
					    "%s", cases[i].name);
			/* the second word only for a VF that asked */
			KUNIT_EXPECT_EQ_MSG(test, d.reason_word,
					    !!(caps[c] & SNIC_EXT_CAP_REASON),
					    "%s caps %#x", cases[i].name,
					    caps[c]);
		}
	}
}

static void policy_ack_has_no_refusal(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00000005, 1522 };
	struct snic_vf_decision d;

	st.ext_caps = SNIC_EXT_CAPS_V1;
	decide(test, &st, w, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.refusal, SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_FALSE(test, d.reason_word);
}

static void policy_failed_refusal(struct kunit *test)
{
	static const struct { int err; u8 refusal; } map[] = {
		{ -ENOSPC, SNIC_REFUSE_TABLE_FULL },
		{ -EBUSY, SNIC_REFUSE_BUSY },
		{ -EAGAIN, SNIC_REFUSE_BUSY },
		{ -EINVAL, SNIC_REFUSE_INVALID },
		{ -ENOENT, SNIC_REFUSE_UNSPEC },
	};
	struct snic_vf_policy_state st = clear_vf;
	const u32 w[] = { 0x00010004, 5 };
	struct snic_vf_decision d;
	struct snic_msg m;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, 2, SNIC_DIR_REQUEST, &m), 0);
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		st.ext_caps = 0;
		snic_vf_policy_decide(&st, &m, 0, &d);
		KUNIT_ASSERT_EQ(test, d.reply, SNIC_VF_REPLY_ACK);
		snic_vf_policy_failed(&st, &m, map[i].err, &d);
		KUNIT_EXPECT_EQ(test, d.reply, SNIC_VF_REPLY_NACK);
		KUNIT_EXPECT_EQ(test, d.reason, SNIC_VF_FAILED);
		KUNIT_EXPECT_EQ(test, d.refusal, map[i].refusal);
		KUNIT_EXPECT_FALSE(test, d.reason_word);

		st.ext_caps = SNIC_EXT_CAP_REASON;
		snic_vf_policy_decide(&st, &m, 0, &d);
		snic_vf_policy_failed(&st, &m, map[i].err, &d);
		KUNIT_EXPECT_TRUE(test, d.reason_word);
	}
}

static void policy_ext_strings(struct kunit *test)
{
	unsigned int r;

	for (r = SNIC_REFUSE_UNSPEC; r <= SNIC_REFUSE_MAX; r++)
		KUNIT_EXPECT_STRNEQ(test, snic_refusal(r)->name, "?");
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->name, "?");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_UP), "up");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_PHY_DOWN),
			   "phy_down");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_ADMIN_DOWN),
			   "admin_down");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(SNIC_LINK_PF_DOWN),
			   "pf_down");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_str(4), "?");
}

/* --- the whole input space --------------------------------------------- */

/*
 * Every message type with every MSGINFO and flag combination, for a clear
 * and an unclear VF, with and without the extension: the answer is always
 * one of the four, the reason is named, the actions fit, nothing but RESET
 * acts for an unclear VF, and exactly the NACKs to a VF that asked for
 * reasons (but those of RESET and EXT_HELLO) carry one.
 */
static void policy_exhaustive_headers(struct kunit *test)
{
	static const u32 flags[] = { 0, SNIC_MSG_CTS, SNIC_MSG_ACK,
				     SNIC_MSG_NACK };
	struct snic_vf_policy_state st = clear_vf;
	u32 w[SNIC_MBX_WORDS] = { };
	struct snic_vf_decision d;
	unsigned int type, info, f, c;

	w[1] = MAC_LO;
	w[2] = MAC_HI;
	for (c = 0; c < 4; c++) {
		st.clear = c & 1;
		st.ext_caps = c & 2 ? SNIC_EXT_CAPS_V1 : 0;
		for (type = 0; type <= 0x101; type++) {
			for (info = 0; info < 256; info++) {
				for (f = 0; f < ARRAY_SIZE(flags); f++) {
					w[0] = type | info << 16 | flags[f];
					decide(test, &st, w, SNIC_MBX_WORDS,
					       &d);
					KUNIT_ASSERT_LE(test, d.reply,
							SNIC_VF_REPLY_NONE);
					KUNIT_ASSERT_STRNEQ(test,
							    snic_vf_reason_str(d.reason),
							    "?");
					if (!st.clear && d.n_act)
						KUNIT_ASSERT_EQ(test,
								d.act[0].type,
								SNIC_VF_ACT_RESET);
					KUNIT_ASSERT_LE(test, d.refusal,
							SNIC_REFUSE_MAX);
					if (d.reply != SNIC_VF_REPLY_NACK)
						KUNIT_ASSERT_EQ(test, d.refusal,
								SNIC_REFUSE_UNSPEC);
					if (d.reason_word)
						KUNIT_ASSERT_TRUE(test,
								  d.reply == SNIC_VF_REPLY_NACK &&
								  st.ext_caps);
					else if (d.reply == SNIC_VF_REPLY_NACK &&
						 st.ext_caps &&
						 type != SNIC_MSG_RESET &&
						 type != SNIC_MSG_EXT_HELLO)
						KUNIT_FAIL(test, "no reason word");
				}
			}
		}
	}
}

static void policy_reason_strings(struct kunit *test)
{
	unsigned int r;

	for (r = SNIC_VF_OK; r <= SNIC_VF_ADDR_IN_USE; r++)
		KUNIT_EXPECT_STRNEQ(test, snic_vf_reason_str(r), "?");
	KUNIT_EXPECT_STREQ(test, snic_vf_reason_str(SNIC_VF_ADDR_IN_USE + 1),
			   "?");
	KUNIT_EXPECT_STREQ(test, snic_vf_reason_str(~0U), "?");
}

/* --- Addresses of other pools ------------------------------------------ */

/*
 * Another pool's address (the PF's, a neighbour VF's) is refused as the
 * VF's own and as an extra filter, trusted or not: the 82576 would copy
 * that pool's unicast to the VF and let it send as that pool.
 */
static void policy_mac_in_use(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 primary[] = { 0x00000002, MAC_LO, MAC_HI };
	const u32 add[] = { 0x00020002, MAC_LO, MAC_HI };
	const u32 clear[] = { 0x00010002, 0, 0 };
	struct snic_vf_decision d;

	st.mac_in_use = true;
	decide(test, &st, primary, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE, 0);
	KUNIT_EXPECT_EQ(test, d.refusal, SNIC_REFUSE_ADDR_IN_USE);
	decide(test, &st, add, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE, 0);

	st.trusted = true;
	decide(test, &st, primary, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE, 0);
	decide(test, &st, add, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE, 0);

	/* Trusted over an administrative MAC: still not another's. */
	st.admin_mac = true;
	decide(test, &st, primary, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE, 0);

	/* Dropping its own filters is always fine. */
	decide(test, &st, clear, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_EQ(test, d.act[0].type, SNIC_VF_ACT_UC_CLEAR);

	/* The same VF with an address nobody else has. */
	st.mac_in_use = false;
	decide(test, &st, primary, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_ADDR_IN_USE)->name,
			   "addr_in_use");
}

/* An extra filter is taken only while the free entries exceed what is owed. */
static void policy_mac_add_share(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 add[] = { 0x00020002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	st.rar_free = 4;
	st.rar_owed = 4;
	decide(test, &st, add, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_RAR, 0);
	st.rar_owed = 3;
	decide(test, &st, add, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
}

static void policy_vlan_share(struct kunit *test)
{
	struct snic_vf_policy_state st = clear_vf;
	const u32 add[] = { 0x00010004, 100 };
	struct snic_vf_decision d;

	st.vlvf_free = 8;
	st.vlvf_owed = 8;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_VLVF, 0);
	/* joining an entry that exists costs nothing */
	st.vid_present = true;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
	st.vid_present = false;
	st.vlvf_owed = 7;
	decide(test, &st, add, 2, &d);
	expect(test, &d, SNIC_VF_REPLY_ACK, SNIC_VF_OK, 1);
}

/* --- Table shares ------------------------------------------------------- */

static void share_guarantee(struct kunit *test)
{
	static const unsigned int rar[] = { 0, 4, 4, 4, 3, 2, 2, 1 };
	static const unsigned int vlvf[] = { 0, 8, 8, 8, 6, 4, 4, 3 };
	unsigned int n;

	for (n = 0; n <= SNIC_SHARE_PF; n++) {
		KUNIT_EXPECT_EQ_MSG(test, snic_share_vf_guarantee(&snic_rar_share, n),
				    rar[n], "rar, %u VFs", n);
		KUNIT_EXPECT_EQ_MSG(test, snic_share_vf_guarantee(&snic_vlvf_share, n),
				    vlvf[n], "vlvf, %u VFs", n);
		/* the guarantees and the PF's reserve fit in the table */
		KUNIT_EXPECT_LE(test, n * rar[n] + SNIC_RAR_PF_RESERVE,
				(unsigned int)SNIC_RAR_SHARED);
		KUNIT_EXPECT_LE(test, n * vlvf[n] + SNIC_VLVF_PF_RESERVE,
				(unsigned int)SNIC_VLVF_SHARED);
	}
}

/* Let @who take entries while it may; return how many it took. */
static unsigned int share_grab(const struct snic_share *sh,
			       struct snic_share_use *use, unsigned int who,
			       unsigned int *free, unsigned int limit)
{
	unsigned int n = 0;

	while (n < limit && snic_share_may_take(sh, use, who, BIT(who), *free)) {
		if (who == SNIC_SHARE_PF)
			use->pf++;
		else
			use->vf[who]++;
		(*free)--;
		n++;
	}
	return n;
}

/*
 * Every VF grabbing all it can, in turn, then the PF: the PF still gets
 * its reserve and the administrator (charged as the PF) one more entry;
 * the PF grabbing first cannot take a VF's guarantee either.
 */
static void share_fill(struct kunit *test)
{
	const struct snic_share *tables[] = { &snic_rar_share,
					      &snic_vlvf_share };
	unsigned int t, n, v, free, g;

	for (t = 0; t < ARRAY_SIZE(tables); t++) {
		const struct snic_share *sh = tables[t];

		for (n = 1; n <= SNIC_SHARE_PF; n++) {
			struct snic_share_use use = { .n_vfs = n };

			g = snic_share_vf_guarantee(sh, n);
			free = sh->size;
			for (v = 0; v < n; v++)
				share_grab(sh, &use, v, &free, 100);
			for (v = 0; v < n; v++) {
				KUNIT_EXPECT_GE(test, use.vf[v], g);
				KUNIT_EXPECT_LE(test, use.vf[v], sh->vf_max);
			}
			KUNIT_EXPECT_GE_MSG(test, free, sh->pf_reserve,
					    "table %u, %u VFs", t, n);
			KUNIT_EXPECT_TRUE(test,
					  snic_share_may_take(sh, &use,
							      SNIC_SHARE_PF,
							      BIT(SNIC_SHARE_PF),
							      free));
			KUNIT_EXPECT_GE(test,
					share_grab(sh, &use, SNIC_SHARE_PF,
						   &free, 100),
					sh->pf_reserve);

			/* The other way round. */
			memset(&use, 0, sizeof(use));
			use.n_vfs = n;
			free = sh->size;
			share_grab(sh, &use, SNIC_SHARE_PF, &free, 100);
			KUNIT_EXPECT_EQ(test, use.pf, sh->size - n * g);
			for (v = 0; v < n; v++)
				KUNIT_EXPECT_EQ(test,
						share_grab(sh, &use, v, &free,
							   100), g);
			KUNIT_EXPECT_EQ(test, free, 0U);
		}
	}
}

static void share_edges(struct kunit *test)
{
	struct snic_share_use use = { .n_vfs = 2, .vf = { 0, 4 } };

	/* A VF that is not enabled, or at its maximum, takes nothing. */
	KUNIT_EXPECT_FALSE(test, snic_share_may_take(&snic_rar_share, &use, 2,
						     BIT(2), 16));
	KUNIT_EXPECT_FALSE(test, snic_share_may_take(&snic_rar_share, &use, 1,
						     BIT(1), 16));
	/* VF 0 may use its own guarantee but not VF 1's or the PF's. */
	KUNIT_EXPECT_EQ(test, snic_share_owed(&snic_rar_share, &use, BIT(0)),
			(unsigned int)SNIC_RAR_PF_RESERVE);
	KUNIT_EXPECT_EQ(test, snic_share_owed(&snic_rar_share, &use, 0),
			4U + SNIC_RAR_PF_RESERVE);
	KUNIT_EXPECT_TRUE(test, snic_share_may_take(&snic_rar_share, &use, 0,
						    BIT(0), 5));
	KUNIT_EXPECT_FALSE(test, snic_share_may_take(&snic_rar_share, &use, 0,
						     BIT(0), 4));
	/* No VFs: the PF has the table. */
	use.n_vfs = 0;
	KUNIT_EXPECT_EQ(test, snic_share_owed(&snic_vlvf_share, &use,
					      BIT(SNIC_SHARE_PF)), 0U);
	KUNIT_EXPECT_TRUE(test, snic_share_may_take(&snic_vlvf_share, &use,
						    SNIC_SHARE_PF,
						    BIT(SNIC_SHARE_PF), 1));
}

static struct kunit_case snic_vf_policy_cases[] = {
	KUNIT_CASE(policy_reset_ack_with_mac),
	KUNIT_CASE(policy_reset_nack_without_mac),
	KUNIT_CASE(policy_reset_again_when_clear),
	KUNIT_CASE(policy_reset_malformed),
	KUNIT_CASE(policy_not_clear_bare_nack),
	KUNIT_CASE(policy_reply_flags_ignored),
	KUNIT_CASE(policy_unknown_type_nack),
	KUNIT_CASE(policy_reserved_bits_nack),
	KUNIT_CASE(policy_mac_primary),
	KUNIT_CASE(policy_mac_primary_admin),
	KUNIT_CASE(policy_mac_invalid),
	KUNIT_CASE(policy_mac_release),
	KUNIT_CASE(policy_mac_clear_any_mac),
	KUNIT_CASE(policy_mac_add),
	KUNIT_CASE(policy_mc_list),
	KUNIT_CASE(policy_mc_overflow),
	KUNIT_CASE(policy_mc_bad_hash),
	KUNIT_CASE(policy_vlan_add_del),
	KUNIT_CASE(policy_vlan_port_vlan),
	KUNIT_CASE(policy_vlan_full),
	KUNIT_CASE(policy_vlan_bad),
	KUNIT_CASE(policy_lpe),
	KUNIT_CASE(policy_promisc_mc),
	KUNIT_CASE(policy_promisc_uc),
	KUNIT_CASE(policy_promisc_bad),
	KUNIT_CASE(policy_ext_hello_ack),
	KUNIT_CASE(policy_ext_hello_not_clear),
	KUNIT_CASE(policy_ext_hello_bad),
	KUNIT_CASE(policy_ext_state),
	KUNIT_CASE(policy_refusals),
	KUNIT_CASE(policy_ack_has_no_refusal),
	KUNIT_CASE(policy_failed_refusal),
	KUNIT_CASE(policy_ext_strings),
	KUNIT_CASE(policy_exhaustive_headers),
	KUNIT_CASE(policy_reason_strings),
	KUNIT_CASE(policy_mac_in_use),
	KUNIT_CASE(policy_mac_add_share),
	KUNIT_CASE(policy_vlan_share),
	KUNIT_CASE(share_guarantee),
	KUNIT_CASE(share_fill),
	KUNIT_CASE(share_edges),
	{ }
};

static struct kunit_suite snic_vf_policy_suite = {
	.name = "sriovnic_pf_vf_policy",
	.test_cases = snic_vf_policy_cases,
};
kunit_test_suite(snic_vf_policy_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic PF's VF request policy");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
