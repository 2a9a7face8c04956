// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: what the PF sends a VF next (pf_vf_tx.c), one test per rule.
 * Compiled from the decision's own source, as the policy test is.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../pf_vf_tx.c"

#define P(k)	BIT(SNIC_PF_TX_##k)

static void decide_held(struct kunit *test, u32 pending, u8 unread,
			bool stale, bool hold_reset,
			struct snic_pf_tx_decision *d)
{
	const struct snic_pf_tx_state st = {
		.pending = pending,
		.unread = unread,
		.stale = stale,
		.hold_reset = hold_reset,
	};

	memset(d, 0x5a, sizeof(*d));	/* everything must be written */
	snic_pf_tx_decide(&st, d);
	/*
	 * Whatever is sent is cleared; short of a reset (which covers every
	 * kind), nothing that was not pending is.
	 */
	if (d->send != SNIC_PF_TX_NONE)
		KUNIT_EXPECT_TRUE(test, d->done & BIT(d->send));
	if (d->send != SNIC_PF_TX_RESET)
		KUNIT_EXPECT_EQ(test, d->done & ~pending, 0U);
	KUNIT_EXPECT_EQ(test, d->done & ~SNIC_PF_TX_PENDING_ALL, 0U);
	KUNIT_EXPECT_LE(test, d->send, (u8)SNIC_PF_TX_LINK);
}

static void decide(struct kunit *test, u32 pending, u8 unread, bool stale,
		   struct snic_pf_tx_decision *d)
{
	decide_held(test, pending, unread, stale, false, d);
}

/* Nothing pending: nothing sent, whatever the VF did not read. */
static void tx_nothing_pending(struct kunit *test)
{
	struct snic_pf_tx_decision d;
	u8 u;

	for (u = SNIC_PF_TX_NONE; u <= SNIC_PF_TX_REPLY; u++) {
		decide(test, 0, u, true, &d);
		KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
		KUNIT_EXPECT_EQ(test, d.done, 0U);
		KUNIT_EXPECT_FALSE(test, d.overwrite);
	}
}

/* Read the last one: the most urgent goes, reset before address before link. */
static void tx_priority(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, P(LINK), SNIC_PF_TX_NONE, false, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_LINK);
	KUNIT_EXPECT_EQ(test, d.done, P(LINK));
	KUNIT_EXPECT_FALSE(test, d.overwrite);

	decide(test, P(LINK) | P(MAC), SNIC_PF_TX_NONE, false, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_MAC);
	KUNIT_EXPECT_EQ(test, d.done, P(MAC));	/* the link goes next */

	decide(test, SNIC_PF_TX_PENDING_ALL, SNIC_PF_TX_NONE, false, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_RESET);
	/* A VF that resets learns address and link through RESET. */
	KUNIT_EXPECT_EQ(test, d.done, SNIC_PF_TX_PENDING_ALL);
}

/* Not read yet, and not for long: wait for the ACK, keep everything. */
static void tx_waits_for_ack(struct kunit *test)
{
	static const u8 unread[] = { SNIC_PF_TX_MAC, SNIC_PF_TX_LINK,
				     SNIC_PF_TX_REPLY };
	struct snic_pf_tx_decision d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(unread); i++) {
		decide(test, SNIC_PF_TX_PENDING_ALL, unread[i], false, &d);
		KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
		KUNIT_EXPECT_EQ(test, d.done, 0U);
	}
}

/* An unread request to reset makes everything else moot, stale or not. */
static void tx_unread_reset_covers_all(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, P(MAC) | P(LINK), SNIC_PF_TX_RESET, false, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, P(MAC) | P(LINK));
	decide(test, P(RESET), SNIC_PF_TX_RESET, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, P(RESET));
}

/* Stale, same kind: the newest state replaces the unread message. */
static void tx_stale_same_kind_overwrites(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, P(LINK), SNIC_PF_TX_LINK, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_LINK);
	KUNIT_EXPECT_TRUE(test, d.overwrite);
	decide(test, P(MAC), SNIC_PF_TX_MAC, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_MAC);
	KUNIT_EXPECT_TRUE(test, d.overwrite);
}

/* Stale answer: the VF stopped waiting for it; anything may replace it. */
static void tx_stale_reply_overwritten(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, P(MAC) | P(LINK), SNIC_PF_TX_REPLY, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_MAC);
	KUNIT_EXPECT_EQ(test, d.done, P(MAC));
	KUNIT_EXPECT_TRUE(test, d.overwrite);
}

/* Stale, another kind: one buffer cannot hold both; ask for a reset. */
static void tx_stale_other_kind_resets(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, P(MAC), SNIC_PF_TX_LINK, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_RESET);
	KUNIT_EXPECT_EQ(test, d.done, SNIC_PF_TX_PENDING_ALL);
	KUNIT_EXPECT_TRUE(test, d.overwrite);

	decide(test, P(LINK) | P(MAC), SNIC_PF_TX_LINK, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_RESET);

	decide(test, P(LINK), SNIC_PF_TX_MAC, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_RESET);
}

/*
 * A VF that is not clear to send posts a request within the NACK interval
 * (igbvf: SET_MAC_ADDR, then SET_MULTICAST, right after a reset the PF saw
 * late). Its bare NACK is due but held: it stays pending, with whatever
 * else is, and goes once the interval is over. Dropped, the VF's own
 * request would stay in word 0 with neither CTS nor NACK, and igbvf would
 * keep its link down for ever.
 */
static void tx_held_reset_waits(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide_held(test, P(RESET), SNIC_PF_TX_NONE, false, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, 0U);
	decide_held(test, SNIC_PF_TX_PENDING_ALL, SNIC_PF_TX_REPLY, true, true,
		    &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, 0U);
	/* Stale, another kind: the reset it takes waits as well. */
	decide_held(test, P(MAC), SNIC_PF_TX_LINK, true, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, 0U);
	/* The hold is only for the reset: the link still goes. */
	decide_held(test, P(LINK), SNIC_PF_TX_NONE, false, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_LINK);
	/* Interval over: sent, everything else with it. */
	decide_held(test, P(RESET) | P(LINK), SNIC_PF_TX_NONE, false, false,
		    &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_RESET);
	KUNIT_EXPECT_EQ(test, d.done, SNIC_PF_TX_PENDING_ALL);
}

/* Bits that are no kind of message are ignored. */
static void tx_unknown_bits_ignored(struct kunit *test)
{
	struct snic_pf_tx_decision d;

	decide(test, BIT(SNIC_PF_TX_REPLY) | BIT(0) | BIT(31),
	       SNIC_PF_TX_NONE, true, &d);
	KUNIT_EXPECT_EQ(test, d.send, SNIC_PF_TX_NONE);
	KUNIT_EXPECT_EQ(test, d.done, 0U);
}

static struct kunit_case snic_pf_tx_cases[] = {
	KUNIT_CASE(tx_nothing_pending),
	KUNIT_CASE(tx_priority),
	KUNIT_CASE(tx_waits_for_ack),
	KUNIT_CASE(tx_unread_reset_covers_all),
	KUNIT_CASE(tx_stale_same_kind_overwrites),
	KUNIT_CASE(tx_stale_reply_overwritten),
	KUNIT_CASE(tx_stale_other_kind_resets),
	KUNIT_CASE(tx_held_reset_waits),
	KUNIT_CASE(tx_unknown_bits_ignored),
	{}
};

static struct kunit_suite snic_pf_tx_suite = {
	.name = "sriovnic_pf_vf_tx",
	.test_cases = snic_pf_tx_cases,
};
kunit_test_suite(snic_pf_tx_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic PF's choice of message to a VF");
MODULE_LICENSE("GPL");
