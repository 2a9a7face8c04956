// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the VF's pure decisions (vf/vf_policy.h): how PF answers
 * are classified, the recovery backoff, the carrier rule, the multicast
 * hash list and the widening of 32-bit counters.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../vf_policy.h"

static struct snic_msg snic_test_msg(u16 type, u32 flags)
{
	struct snic_msg m = { .type = type, .flags = flags };

	return m;
}

static void snic_vf_reply_ack_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_MAC,
					  SNIC_MSG_ACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MAC),
			SNIC_VF_REPLY_ACK);
}

static void snic_vf_reply_nack_cts_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_VLAN,
					  SNIC_MSG_NACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VF_REPLY_REFUSED);
}

static void snic_vf_reply_nack_no_cts_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_VLAN, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VF_REPLY_LOST_CTS);
}

static void snic_vf_reply_reset_nack_test(struct kunit *test)
{
	/* The RESET answer has no CTS; its NACK only means "no address". */
	struct snic_msg m = snic_test_msg(SNIC_MSG_RESET, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_RESET),
			SNIC_VF_REPLY_REFUSED);
	m.flags = SNIC_MSG_ACK;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_RESET),
			SNIC_VF_REPLY_ACK);
}

static void snic_vf_reply_bare_nack_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(0, SNIC_MSG_NACK);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_LPE),
			SNIC_VF_REPLY_LOST_CTS);
	m.flags |= SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_LPE),
			SNIC_VF_REPLY_STRAY);
}

static void snic_vf_reply_control_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_PF_CONTROL, 0);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MC),
			SNIC_VF_REPLY_CONTROL);
	m.flags = SNIC_MSG_CTS;
	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_MC),
			SNIC_VF_REPLY_CONTROL);
}

static void snic_vf_reply_stray_test(struct kunit *test)
{
	struct snic_msg m = snic_test_msg(SNIC_MSG_SET_MC,
					  SNIC_MSG_ACK | SNIC_MSG_CTS);

	KUNIT_EXPECT_EQ(test, snic_vf_classify_reply(&m, SNIC_MSG_SET_VLAN),
			SNIC_VF_REPLY_STRAY);
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
	KUNIT_CASE(snic_vf_reply_ack_test),
	KUNIT_CASE(snic_vf_reply_nack_cts_test),
	KUNIT_CASE(snic_vf_reply_nack_no_cts_test),
	KUNIT_CASE(snic_vf_reply_reset_nack_test),
	KUNIT_CASE(snic_vf_reply_bare_nack_test),
	KUNIT_CASE(snic_vf_reply_control_test),
	KUNIT_CASE(snic_vf_reply_stray_test),
	KUNIT_CASE(snic_vf_backoff_test),
	KUNIT_CASE(snic_vf_carrier_test),
	KUNIT_CASE(snic_vf_max_frame_test),
	KUNIT_CASE(snic_vf_mc_dedup_test),
	KUNIT_CASE(snic_vf_mc_overflow_test),
	KUNIT_CASE(snic_vf_mc_equal_test),
	KUNIT_CASE(snic_vf_counter_wrap_test),
	{}
};

static struct kunit_suite snic_vf_policy_suite = {
	.name = "sriovnic_vf_policy",
	.test_cases = snic_vf_policy_cases,
};
kunit_test_suite(snic_vf_policy_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic VF's pure decisions");
MODULE_LICENSE("GPL");
