// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the health reporter's per-VF ring and event pacing
 * (pf_health_ring.c). Compiled from its own source, as the budget test is.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../pf_health_ring.c"

static struct snic_health_msg msg(u32 w0)
{
	struct snic_health_msg m = { .ms = w0, .len = 1 };

	m.w[0] = w0;
	return m;
}

/* Empty, then oldest first, never more than SNIC_HEALTH_RING held. */
static void health_ring_order_and_bound(struct kunit *test)
{
	struct snic_health_ring r = { };
	struct snic_health_msg m;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, snic_health_ring_count(&r), 0U);
	KUNIT_EXPECT_NULL(test, snic_health_ring_get(&r, 0));
	for (i = 1; i <= 3; i++) {
		m = msg(i);
		snic_health_ring_push(&r, &m);
	}
	KUNIT_EXPECT_EQ(test, snic_health_ring_count(&r), 3U);
	KUNIT_EXPECT_EQ(test, snic_health_ring_get(&r, 0)->w[0], 1U);
	KUNIT_EXPECT_EQ(test, snic_health_ring_get(&r, 2)->w[0], 3U);
	KUNIT_EXPECT_NULL(test, snic_health_ring_get(&r, 3));

	/* 1000 more: only the last SNIC_HEALTH_RING stay, in order. */
	for (i = 4; i <= 1003; i++) {
		m = msg(i);
		snic_health_ring_push(&r, &m);
	}
	KUNIT_EXPECT_EQ(test, snic_health_ring_count(&r), SNIC_HEALTH_RING);
	KUNIT_EXPECT_EQ(test, r.pushed, 1003ULL);
	for (i = 0; i < SNIC_HEALTH_RING; i++)
		KUNIT_EXPECT_EQ(test, snic_health_ring_get(&r, i)->w[0],
				1003U - SNIC_HEALTH_RING + 1 + i);
	KUNIT_EXPECT_NULL(test, snic_health_ring_get(&r, SNIC_HEALTH_RING));
}

/* The first event of a kind is pending, the rest fold into it. */
static void health_event_coalesces(struct kunit *test)
{
	struct snic_vf_health h = { };
	unsigned int i;

	KUNIT_EXPECT_TRUE(test, snic_vf_health_event(&h, SNIC_HEALTH_EV_VIOLATION,
						     0, 0x0002));
	for (i = 0; i < 10000; i++)
		KUNIT_EXPECT_FALSE(test,
				   snic_vf_health_event(&h, SNIC_HEALTH_EV_VIOLATION,
							0, 0x0003));
	KUNIT_EXPECT_EQ(test, h.coalesced, 10000ULL);
	/* The first one's detail is kept. */
	KUNIT_EXPECT_EQ(test, h.type, 0x0002);
	/* Another kind is pending on its own. */
	KUNIT_EXPECT_TRUE(test, snic_vf_health_event(&h, SNIC_HEALTH_EV_QUARANTINE,
						     3, 0));
	KUNIT_EXPECT_FALSE(test, snic_vf_health_event(&h, SNIC_HEALTH_EVENTS, 0, 0));
}

/* One report per pass: the quarantine first, the violation folded. */
static void health_take_one_per_pass(struct kunit *test)
{
	struct snic_health_report rep;
	struct snic_vf_health h = { };

	KUNIT_EXPECT_FALSE(test, snic_vf_health_take(&h, 2, &rep));
	snic_vf_health_event(&h, SNIC_HEALTH_EV_VIOLATION, 0, 0x0004);
	snic_vf_health_event(&h, SNIC_HEALTH_EV_QUARANTINE, 1, 0);
	KUNIT_ASSERT_TRUE(test, snic_vf_health_take(&h, 2, &rep));
	KUNIT_EXPECT_EQ(test, rep.vf, 2U);
	KUNIT_EXPECT_EQ(test, rep.event, SNIC_HEALTH_EV_QUARANTINE);
	KUNIT_EXPECT_EQ(test, rep.kind, 1);
	KUNIT_EXPECT_EQ(test, rep.coalesced, 1ULL);
	KUNIT_EXPECT_EQ(test, h.reports, 1ULL);
	/* Nothing left until the next event. */
	KUNIT_EXPECT_FALSE(test, snic_vf_health_take(&h, 2, &rep));
	KUNIT_EXPECT_TRUE(test, snic_vf_health_event(&h, SNIC_HEALTH_EV_VIOLATION,
						     0, 0x0005));
	KUNIT_ASSERT_TRUE(test, snic_vf_health_take(&h, 2, &rep));
	KUNIT_EXPECT_EQ(test, rep.event, SNIC_HEALTH_EV_VIOLATION);
	KUNIT_EXPECT_EQ(test, rep.type, 0x0005);
}

static struct kunit_case health_cases[] = {
	KUNIT_CASE(health_ring_order_and_bound),
	KUNIT_CASE(health_event_coalesces),
	KUNIT_CASE(health_take_one_per_pass),
	{ }
};

static struct kunit_suite health_suite = {
	.name = "sriovnic_pf_health",
	.test_cases = health_cases,
};
kunit_test_suite(health_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic PF health reporter's ring");
MODULE_LICENSE("GPL");
