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
	const u32 zero[] = { 0x00000002, 0, 0 };
	const u32 bad_op[] = { 0x00030002, MAC_LO, MAC_HI };
	struct snic_vf_decision d;

	decide(test, &clear_vf, mcast, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	decide(test, &clear_vf, zero, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
	decide(test, &clear_vf, bad_op, 3, &d);
	expect(test, &d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG, 0);
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

/* --- the whole input space --------------------------------------------- */

/*
 * Every message type with every MSGINFO and flag combination, for a clear
 * and an unclear VF: the answer is always one of the four, the reason is
 * named, the actions fit, and nothing but RESET acts for an unclear VF.
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
	for (c = 0; c < 2; c++) {
		st.clear = c;
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
				}
			}
		}
	}
}

static void policy_reason_strings(struct kunit *test)
{
	unsigned int r;

	for (r = SNIC_VF_OK; r <= SNIC_VF_NO_HW; r++)
		KUNIT_EXPECT_STRNEQ(test, snic_vf_reason_str(r), "?");
	KUNIT_EXPECT_STREQ(test, snic_vf_reason_str(SNIC_VF_NO_HW + 1), "?");
	KUNIT_EXPECT_STREQ(test, snic_vf_reason_str(~0U), "?");
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
	KUNIT_CASE(policy_exhaustive_headers),
	KUNIT_CASE(policy_reason_strings),
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
