// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the VF's pure decisions (vf/vf_policy.h): how PF answers
 * are classified, the recovery backoff, the carrier rule, the multicast
 * hash list, the widening of 32-bit counters, and the mailbox extension:
 * what an EXT_HELLO answer leaves in use (fed through the codec as the
 * driver reads it), refusal reasons, link reasons.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <sriovnic/compat.h>

#include "../vf_policy.h"

static struct snic_msg snic_test_msg(u16 type, u32 flags)
{
	struct snic_msg m = { .type = type, .flags = flags };

	return m;
}

static void snic_vfd_reply_ack_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_MAC,
					  SNIC_MSG_ACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MAC),
			SNIC_VFD_REPLY_ACK);
}

static void snic_vfd_reply_nack_cts_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_VLAN,
					  SNIC_MSG_NACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VFD_REPLY_REFUSED);
}

static void snic_vfd_reply_nack_no_cts_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_VLAN, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VFD_REPLY_LOST_CTS);
}

static void snic_vfd_reply_reset_nack_test(struct kunit *test)
{
	/* The RESET answer has no CTS; its NACK only means "no address". */
	struct snic_msg m = snic_test_msg(SNIC_MSG_RESET, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_RESET),
			SNIC_VFD_REPLY_REFUSED);
	m.flags = SNIC_MSG_ACK;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_RESET),
			SNIC_VFD_REPLY_ACK);
}

static void snic_vfd_reply_bare_nack_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(0, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_LPE),
			SNIC_VFD_REPLY_LOST_CTS);
	m.flags |= SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_LPE),
			SNIC_VFD_REPLY_STRAY);
}

static void snic_vfd_reply_control_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_PF_CONTROL, 0);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MC),
			SNIC_VFD_REPLY_CONTROL);
	m.flags = SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MC),
			SNIC_VFD_REPLY_CONTROL);
}

static void snic_vfd_reply_stray_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_MC,
					  SNIC_MSG_ACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VFD_REPLY_STRAY);
}

static void snic_vfd_reply_ext_event_test(struct kunit *test)
{
	/* An event crossing a request is handled, never taken as its answer. */
	struct snic_msg m = snic_test_msg(SNIC_MSG_EXT_EVENT, SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VFD_REPLY_CONTROL);
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_EXT_HELLO),
			SNIC_VFD_REPLY_CONTROL);
}

/*
 * What the driver does with the answer to EXT_HELLO: decode the words as
 * read from the mailbox (16, the request's leftovers behind a short
 * answer), then decide. @xfer_err stands for a transport result (timeout).
 */
static u8 snic_test_hello(const u32 *answer, unsigned int n, int xfer_err,
			  u32 *caps)
{
	u32 w[SNIC_MBX_WORDS] = {
		SNIC_MSG_EXT_HELLO,
		SNIC_EXT_MAGIC | SNIC_EXT_VERSION_CUR,
		SNIC_EXT_CAPS_V1,
	};
	struct snic_msg m = {};
	unsigned int i;
	int err;

	for (i = 0; i < n; i++)
		w[i] = answer[i];
	err = xfer_err ?: snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REPLY,
					  &m);
	return snic_vf_ext_accept(err, &m, caps);
}

#define SNIC_HELLO_ACK	(SNIC_MSG_EXT_HELLO | SNIC_MSG_ACK | SNIC_MSG_CTS)

static void snic_vf_ext_hello_ack_test(struct kunit *test)
{
	const u32 a[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC | 1, SNIC_EXT_CAPS_V1 };
	u32 caps = 0xdead;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, 0, &caps), 1);
	KUNIT_EXPECT_EQ(test, caps, (u32)SNIC_EXT_CAPS_V1);
}

static void snic_vf_ext_hello_subset_test(struct kunit *test)
{
	/* A PF may grant less than asked: LINK only. */
	const u32 a[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC | 1,
			  SNIC_EXT_CAP_LINK };
	u32 caps;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, 0, &caps), 1);
	KUNIT_EXPECT_EQ(test, caps, (u32)SNIC_EXT_CAP_LINK);
}

static void snic_vf_ext_hello_higher_version_test(struct kunit *test)
{
	/* A PF answering a version we did not offer: we speak ours. */
	const u32 a[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC | 7, SNIC_EXT_CAPS_V1 };
	u32 caps;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, 0, &caps),
			SNIC_EXT_VERSION_CUR);
	KUNIT_EXPECT_EQ(test, caps, (u32)SNIC_EXT_CAPS_V1);
}

static void snic_vf_ext_hello_unasked_caps_test(struct kunit *test)
{
	const u32 a[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC | 1, 0xffffffff };
	u32 caps;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, 0, &caps), 1);
	KUNIT_EXPECT_EQ(test, caps, (u32)SNIC_EXT_CAPS_V1);
}

static void snic_vf_ext_hello_bad_magic_test(struct kunit *test)
{
	const u32 a[] = { SNIC_HELLO_ACK, 0x12340001, SNIC_EXT_CAPS_V1 };
	const u32 v0[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC, SNIC_EXT_CAPS_V1 };
	u32 caps = 0xdead;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, 0, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps, 0U);
	caps = 0xdead;
	KUNIT_EXPECT_EQ(test, snic_test_hello(v0, 3, 0, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps, 0U);
}

static void snic_vf_ext_hello_nack_test(struct kunit *test)
{
	/*
	 * Linux igb: one word, NACK with CTS; words 1-2 still hold our own
	 * request (magic included), which must not read as an ACK.
	 */
	const u32 a[] = { SNIC_MSG_EXT_HELLO | SNIC_MSG_NACK | SNIC_MSG_CTS };
	u32 caps = 0xdead;

	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 1, 0, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps, 0U);
}

static void snic_vf_ext_hello_timeout_test(struct kunit *test)
{
	const u32 a[] = { SNIC_HELLO_ACK, SNIC_EXT_MAGIC | 1, SNIC_EXT_CAPS_V1 };
	u32 caps = 0xdead;

	/* Whatever the buffer holds, no answer in time is the base protocol. */
	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, -ETIMEDOUT, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps, 0U);
	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, -EPROTO, &caps), 0);
	KUNIT_EXPECT_EQ(test, snic_test_hello(a, 3, -EPERM, &caps), 0);
}

static void snic_vf_ext_hello_odd_test(struct kunit *test)
{
	/* An answer with neither flag, or both, is no ACK. */
	const u32 none[] = { SNIC_MSG_EXT_HELLO | SNIC_MSG_CTS,
			     SNIC_EXT_MAGIC | 1, SNIC_EXT_CAPS_V1 };
	const u32 both[] = { SNIC_HELLO_ACK | SNIC_MSG_NACK,
			     SNIC_EXT_MAGIC | 1, SNIC_EXT_CAPS_V1 };
	u32 caps;

	KUNIT_EXPECT_EQ(test, snic_test_hello(none, 3, 0, &caps), 0);
	KUNIT_EXPECT_EQ(test, snic_test_hello(both, 3, 0, &caps), 0);
	KUNIT_EXPECT_EQ(test, caps, 0U);
}

static void snic_vf_refusal_errno_test(struct kunit *test)
{
	static const struct {
		u8 reason;
		int err;
	} table[] = {
		{ SNIC_REFUSE_UNSPEC, -EPERM },
		{ SNIC_REFUSE_INVALID, -EINVAL },
		{ SNIC_REFUSE_UNTRUSTED, -EPERM },
		{ SNIC_REFUSE_PORT_VLAN, -EPERM },
		{ SNIC_REFUSE_ADMIN_MAC, -EPERM },
		{ SNIC_REFUSE_TABLE_FULL, -ENOSPC },
		{ SNIC_REFUSE_UNSUPPORTED, -EOPNOTSUPP },
		{ SNIC_REFUSE_BUSY, -EBUSY },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(table); i++) {
		KUNIT_EXPECT_EQ(test, snic_refusal(table[i].reason)->err,
				table[i].err);
		/* Only "no reason" reads as the base protocol's message. */
		KUNIT_EXPECT_EQ(test,
				!*snic_refusal(table[i].reason)->text,
				table[i].reason == SNIC_REFUSE_UNSPEC);
	}
	KUNIT_EXPECT_EQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->err,
			-EPERM);
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_MAX + 1)->text, "");
	KUNIT_EXPECT_STREQ(test, snic_refusal(SNIC_REFUSE_PORT_VLAN)->text,
			   ": the administrator set a port VLAN");
}

static void snic_vf_refusal_cap_test(struct kunit *test)
{
	/* Without the capability word 1 is our own request: no reason. */
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(0, SNIC_REFUSE_PORT_VLAN),
			SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(SNIC_EXT_CAP_LINK |
					      SNIC_EXT_CAP_LIVE_MAC,
					      SNIC_REFUSE_TABLE_FULL),
			SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(SNIC_EXT_CAP_REASON,
					      SNIC_REFUSE_TABLE_FULL),
			SNIC_REFUSE_TABLE_FULL);
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(SNIC_EXT_CAP_REASON, 200),
			SNIC_REFUSE_UNSPEC);
}

static void snic_vf_refusal_decoded_test(struct kunit *test)
{
	/* A SET_VLAN NACK with a port VLAN reason, as the PF sends it. */
	u32 w[SNIC_MBX_WORDS] = {
		SNIC_MSG_SET_VLAN | (1 << 16) | SNIC_MSG_NACK | SNIC_MSG_CTS,
		SNIC_REFUSE_PORT_VLAN,
	};
	struct snic_msg m;

	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, SNIC_MBX_WORDS,
					      SNIC_DIR_REPLY, &m), 0);
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VFD_REPLY_REFUSED);
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(SNIC_EXT_CAPS_V1, m.reason),
			SNIC_REFUSE_PORT_VLAN);
	KUNIT_EXPECT_EQ(test,
			snic_refusal(snic_vf_refusal(SNIC_EXT_CAPS_V1, m.reason))->err,
			-EPERM);
	/* Under igb word 1 is the VLAN id we asked for (here 3). */
	w[1] = 3;
	KUNIT_ASSERT_EQ(test, snic_msg_decode(w, SNIC_MBX_WORDS,
					      SNIC_DIR_REPLY, &m), 0);
	KUNIT_EXPECT_EQ(test, snic_vf_refusal(0, m.reason), SNIC_REFUSE_UNSPEC);
	KUNIT_EXPECT_EQ(test, snic_refusal(snic_vf_refusal(0, m.reason))->err,
			-EPERM);
}

static void snic_vf_link_ext_state_test(struct kunit *test)
{
	struct ethtool_link_ext_state_info info;

	memset(&info, 0xaa, sizeof(info));
	KUNIT_EXPECT_EQ(test, snic_vf_link_ext_state(SNIC_LINK_PHY_DOWN, &info),
			0);
	KUNIT_EXPECT_EQ(test, info.link_ext_state,
			ETHTOOL_LINK_EXT_STATE_NO_CABLE);
	KUNIT_EXPECT_EQ(test, info.__link_ext_substate, 0U);

	memset(&info, 0xaa, sizeof(info));
	KUNIT_EXPECT_EQ(test, snic_vf_link_ext_state(SNIC_LINK_ADMIN_DOWN,
						     &info), 0);
	KUNIT_EXPECT_EQ(test, info.link_ext_state,
			ETHTOOL_LINK_EXT_STATE_LINK_LOGICAL_MISMATCH);
	KUNIT_EXPECT_EQ(test, info.__link_ext_substate, 0U);

	memset(&info, 0xaa, sizeof(info));
	KUNIT_EXPECT_EQ(test, snic_vf_link_ext_state(SNIC_LINK_PF_DOWN, &info),
			0);
	KUNIT_EXPECT_EQ(test, info.link_ext_state,
			ETHTOOL_LINK_EXT_STATE_AUTONEG);
	KUNIT_EXPECT_EQ(test, info.autoneg,
			ETHTOOL_LINK_EXT_SUBSTATE_AN_NO_PARTNER_DETECTED);

	KUNIT_EXPECT_EQ(test, snic_vf_link_ext_state(SNIC_LINK_UP, &info),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, snic_vf_link_ext_state(SNIC_VF_LINK_REASON_NONE,
						     &info), -ENODATA);
}

static void snic_vf_link_reason_test(struct kunit *test)
{
	const u32 link = SNIC_EXT_CAP_LINK;

	/* Base protocol: never a reason, whatever happens. */
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(0, false, false, false,
						  SNIC_LINK_ADMIN_DOWN),
			SNIC_VF_LINK_REASON_NONE);
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(SNIC_EXT_CAPS_V1 & ~link,
						  false, true, false,
						  SNIC_LINK_ADMIN_DOWN),
			SNIC_VF_LINK_REASON_NONE);
	/* With the capability. */
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, true, true, true,
						  SNIC_LINK_UP), SNIC_LINK_UP);
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, true, false,
						  SNIC_LINK_ADMIN_DOWN),
			SNIC_LINK_ADMIN_DOWN);
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, true, false,
						  SNIC_LINK_PF_DOWN),
			SNIC_LINK_PF_DOWN);
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, true, false,
						  SNIC_LINK_PHY_DOWN),
			SNIC_LINK_PHY_DOWN);
	/* The VF's own view of the physical link wins. */
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, false, false,
						  SNIC_LINK_ADMIN_DOWN),
			SNIC_LINK_PHY_DOWN);
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, false, true,
						  SNIC_LINK_UP),
			SNIC_LINK_PHY_DOWN);
	/* Down for a reason the PF did not give (a reset): none named. */
	KUNIT_EXPECT_EQ(test, snic_vf_link_reason(link, false, true, true,
						  SNIC_LINK_UP),
			SNIC_VF_LINK_REASON_NONE);
	KUNIT_EXPECT_STREQ(test,
			   snic_link_reason_text(SNIC_LINK_ADMIN_DOWN),
			   "disabled by the administrator");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_text(SNIC_LINK_PHY_DOWN),
			   "physical link down");
	KUNIT_EXPECT_STREQ(test, snic_link_reason_text(SNIC_LINK_PF_DOWN),
			   "PF down");
	KUNIT_EXPECT_NULL(test, snic_link_reason_text(SNIC_LINK_UP));
}

static void snic_vf_ext_carrier_test(struct kunit *test)
{
	/* Without the capability the base rule alone decides. */
	KUNIT_EXPECT_TRUE(test, snic_vf_ext_link_ok(0, false));
	KUNIT_EXPECT_TRUE(test, snic_vf_ext_link_ok(SNIC_EXT_CAP_REASON,
						    false));
	KUNIT_EXPECT_FALSE(test, snic_vf_ext_link_ok(SNIC_EXT_CAP_LINK, false));
	KUNIT_EXPECT_TRUE(test, snic_vf_ext_link_ok(SNIC_EXT_CAP_LINK, true));
}

static void snic_vf_fw_version_test(struct kunit *test)
{
	char buf[ETHTOOL_FWVERS_LEN];

	snic_vf_fw_version(buf, sizeof(buf), 0, 0);
	KUNIT_EXPECT_STREQ(test, buf, "mbx 82576");
	snic_vf_fw_version(buf, sizeof(buf), 1, SNIC_EXT_CAPS_V1);
	KUNIT_EXPECT_STREQ(test, buf, "mbx 82576+ext v1 caps 0x7");
	snic_vf_fw_version(buf, sizeof(buf), 1, 0);
	KUNIT_EXPECT_STREQ(test, buf, "mbx 82576+ext v1 caps 0x0");
}

static void snic_vf_backoff_test(struct kunit *test)
{
	unsigned int i, prev = 0;

	KUNIT_EXPECT_EQ(test, snic_vf_reset_backoff_ms(0), 0U);
	KUNIT_EXPECT_EQ(test, snic_vf_reset_backoff_ms(1),
			SNIC_VF_BACKOFF_MIN_MS);
	for (i = 1; i < 100; i++) {
		unsigned int ms = snic_vf_reset_backoff_ms(i);

		/* Never shrinks, never exceeds the cap: no reset storm. */
		KUNIT_EXPECT_GE(test, ms, prev);
		KUNIT_EXPECT_LE(test, ms, SNIC_VF_BACKOFF_MAX_MS);
		prev = ms;
	}
	KUNIT_EXPECT_EQ(test, snic_vf_reset_backoff_ms(UINT_MAX),
			SNIC_VF_BACKOFF_MAX_MS);
}

static void snic_vf_carrier_test(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, snic_vf_carrier_ok(true, true, true));
	KUNIT_EXPECT_FALSE(test, snic_vf_carrier_ok(false, true, true));
	KUNIT_EXPECT_FALSE(test, snic_vf_carrier_ok(true, false, true));
	KUNIT_EXPECT_FALSE(test, snic_vf_carrier_ok(true, true, false));
}

static void snic_vf_max_frame_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, snic_vf_max_frame(1500), 1522U);
	KUNIT_EXPECT_EQ(test, snic_vf_max_frame(9000), 9022U);
	KUNIT_EXPECT_GE(test, snic_vf_max_frame(68), (u32)SNIC_LPE_MIN_FRAME);
	KUNIT_EXPECT_LE(test, snic_vf_max_frame(9216), (u32)SNIC_LPE_MAX_FRAME);
}

static void snic_vf_mc_dedup_test(struct kunit *test)
{
	struct snic_vf_mc mc = {};
	unsigned int i;

	/* 40 addresses sharing 4 hashes fit as 4 entries. */
	for (i = 0; i < 40; i++)
		snic_vf_mc_add(&mc, i % 4);
	KUNIT_EXPECT_FALSE(test, mc.all);
	KUNIT_EXPECT_EQ(test, mc.count, 4);
}

static void snic_vf_mc_overflow_test(struct kunit *test)
{
	struct snic_vf_mc mc = {};
	unsigned int i;

	for (i = 0; i < SNIC_MC_MAX; i++)
		snic_vf_mc_add(&mc, i);
	KUNIT_EXPECT_FALSE(test, mc.all);
	KUNIT_EXPECT_EQ(test, mc.count, SNIC_MC_MAX);
	snic_vf_mc_add(&mc, 0);		/* a duplicate still fits */
	KUNIT_EXPECT_FALSE(test, mc.all);
	snic_vf_mc_add(&mc, SNIC_MC_MAX);
	KUNIT_EXPECT_TRUE(test, mc.all);
	KUNIT_EXPECT_EQ(test, mc.count, 0);
	snic_vf_mc_add(&mc, 7);		/* stays all-multicast */
	KUNIT_EXPECT_TRUE(test, mc.all);
	KUNIT_EXPECT_EQ(test, mc.count, 0);
}

static void snic_vf_mc_equal_test(struct kunit *test)
{
	struct snic_vf_mc a = {}, b = {};

	KUNIT_EXPECT_TRUE(test, snic_vf_mc_equal(&a, &b));
	snic_vf_mc_add(&a, 0x123);
	KUNIT_EXPECT_FALSE(test, snic_vf_mc_equal(&a, &b));
	snic_vf_mc_add(&b, 0x123);
	KUNIT_EXPECT_TRUE(test, snic_vf_mc_equal(&a, &b));
	b.all = true;
	KUNIT_EXPECT_FALSE(test, snic_vf_mc_equal(&a, &b));
}

static void snic_vf_counter_wrap_test(struct kunit *test)
{
	struct snic_vf_counter c = {};

	snic_vf_counter_rebase(&c, 0xfffffff0);
	KUNIT_EXPECT_EQ(test, c.total, 0ULL);
	snic_vf_counter_update(&c, 0xfffffffa);
	KUNIT_EXPECT_EQ(test, c.total, 10ULL);
	snic_vf_counter_update(&c, 0x00000005);	/* wrapped */
	KUNIT_EXPECT_EQ(test, c.total, 21ULL);
	snic_vf_counter_update(&c, 0x00000005);	/* no change */
	KUNIT_EXPECT_EQ(test, c.total, 21ULL);
	/* A reset under us: rebase, nothing counted. */
	snic_vf_counter_rebase(&c, 0);
	KUNIT_EXPECT_EQ(test, c.total, 21ULL);
	snic_vf_counter_update(&c, 3);
	KUNIT_EXPECT_EQ(test, c.total, 24ULL);
}

static struct kunit_case snic_vf_policy_cases[] = {
	KUNIT_CASE(snic_vfd_reply_ack_test),
	KUNIT_CASE(snic_vfd_reply_nack_cts_test),
	KUNIT_CASE(snic_vfd_reply_nack_no_cts_test),
	KUNIT_CASE(snic_vfd_reply_reset_nack_test),
	KUNIT_CASE(snic_vfd_reply_bare_nack_test),
	KUNIT_CASE(snic_vfd_reply_control_test),
	KUNIT_CASE(snic_vfd_reply_stray_test),
	KUNIT_CASE(snic_vf_backoff_test),
	KUNIT_CASE(snic_vf_carrier_test),
	KUNIT_CASE(snic_vf_max_frame_test),
	KUNIT_CASE(snic_vf_mc_dedup_test),
	KUNIT_CASE(snic_vf_mc_overflow_test),
	KUNIT_CASE(snic_vf_mc_equal_test),
	KUNIT_CASE(snic_vf_counter_wrap_test),
	KUNIT_CASE(snic_vfd_reply_ext_event_test),
	KUNIT_CASE(snic_vf_ext_hello_ack_test),
	KUNIT_CASE(snic_vf_ext_hello_subset_test),
	KUNIT_CASE(snic_vf_ext_hello_higher_version_test),
	KUNIT_CASE(snic_vf_ext_hello_unasked_caps_test),
	KUNIT_CASE(snic_vf_ext_hello_bad_magic_test),
	KUNIT_CASE(snic_vf_ext_hello_nack_test),
	KUNIT_CASE(snic_vf_ext_hello_timeout_test),
	KUNIT_CASE(snic_vf_ext_hello_odd_test),
	KUNIT_CASE(snic_vf_refusal_errno_test),
	KUNIT_CASE(snic_vf_refusal_cap_test),
	KUNIT_CASE(snic_vf_refusal_decoded_test),
	KUNIT_CASE(snic_vf_link_ext_state_test),
	KUNIT_CASE(snic_vf_link_reason_test),
	KUNIT_CASE(snic_vf_ext_carrier_test),
	KUNIT_CASE(snic_vf_fw_version_test),
	{}
};

static struct kunit_suite snic_vf_policy_suite = {
	.name = "sriovnic_vf_policy",
	.test_cases = snic_vf_policy_cases,
};
kunit_test_suite(snic_vf_policy_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic VF's pure decisions");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
