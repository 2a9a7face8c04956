// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: per-VF budgets and quarantine (pf_vf_budget.c), one test per
 * rule. Compiled from the decision's own source, as the policy test is.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../pf_vf_budget.c"

#define LIM(k)	(snic_budget_limits[SNIC_BUDGET_##k])

/* Spend @n events of @kind at @now; return how many were served. */
static unsigned int spend(struct snic_vf_budget *b, enum snic_budget_kind kind,
			  unsigned int n, u64 now)
{
	unsigned int i, served = 0;

	for (i = 0; i < n; i++) {
		enum snic_budget_verdict v = snic_vf_budget_charge(b, kind, now);

		if (v == SNIC_BUDGET_SERVE || v == SNIC_BUDGET_RELEASE)
			served++;
	}
	return served;
}

/* A full bucket serves exactly its burst; the next event quarantines. */
static void budget_burst_then_quarantine(struct kunit *test)
{
	struct snic_vf_budget b;
	unsigned int k;

	for (k = 0; k < SNIC_BUDGET_TIME; k++) {
		snic_vf_budget_init(&b, 1000);
		KUNIT_EXPECT_EQ(test, spend(&b, k, snic_budget_limits[k].burst, 1000),
				snic_budget_limits[k].burst);
		KUNIT_EXPECT_FALSE(test, b.quarantined);
		KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, k, 1000),
				SNIC_BUDGET_ENTER);
		KUNIT_EXPECT_TRUE(test, b.quarantined);
		KUNIT_EXPECT_EQ(test, b.reason, k);
		KUNIT_EXPECT_EQ(test, b.entered, 1ULL);
		KUNIT_EXPECT_EQ(test, b.ignored, 1ULL);
		KUNIT_EXPECT_EQ(test, b.since, 1000ULL);
	}
}

/* Tokens come back one per refill period, never beyond the burst. */
static void budget_refill(struct kunit *test)
{
	struct snic_vf_budget b;
	u64 t = 5000, r = LIM(MSG).refill_ms;

	snic_vf_budget_init(&b, t);
	spend(&b, SNIC_BUDGET_MSG, LIM(MSG).burst, t);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], 0U);
	/* Less than one period: nothing earned, and the part is not lost. */
	t += r - 1;
	snic_vf_budget_refill(&b, SNIC_BUDGET_MSG, t);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], 0U);
	t += 1;
	KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, t),
			SNIC_BUDGET_SERVE);
	/* Three periods and a half: three tokens. */
	t += 3 * r + r / 2;
	snic_vf_budget_refill(&b, SNIC_BUDGET_MSG, t);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], 3U);
	/* A day later: full, not more. */
	t += 86400000ULL;
	snic_vf_budget_refill(&b, SNIC_BUDGET_MSG, t);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], LIM(MSG).burst);
	/* Time standing still or (wrongly) going back earns nothing. */
	snic_vf_budget_refill(&b, SNIC_BUDGET_MSG, t - 100);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], LIM(MSG).burst);
}

/* Time spent on a VF: a storm's worth quarantines it, then refills. */
static void budget_time(struct kunit *test)
{
	struct snic_vf_budget b;
	u64 t = 0;

	snic_vf_budget_init(&b, t);
	/* 0.5 ms a request, 200 requests within 100 ms: 100 ms, fine. */
	for (; t < 200; t++) {
		KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, t / 2),
				SNIC_BUDGET_SERVE);
		snic_vf_budget_spend(&b, t / 2, 500);
	}
	KUNIT_EXPECT_FALSE(test, b.quarantined);
	KUNIT_EXPECT_GT(test, b.tokens[SNIC_BUDGET_TIME], LIM(TIME).burst - 100000);
	/* One preempted pass costs at most SNIC_BUDGET_SPEND_MAX_US. */
	snic_vf_budget_refill(&b, SNIC_BUDGET_TIME, 150);
	t = b.tokens[SNIC_BUDGET_TIME];
	snic_vf_budget_spend(&b, 150, 600000);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_TIME], t - SNIC_BUDGET_SPEND_MAX_US);
	/* Passes at the cap empty it: the next event quarantines. */
	for (t = 0; t < LIM(TIME).burst / SNIC_BUDGET_SPEND_MAX_US; t++)
		snic_vf_budget_spend(&b, 150, SNIC_BUDGET_SPEND_MAX_US);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_TIME], 0U);
	KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, 150),
			SNIC_BUDGET_ENTER);
	KUNIT_EXPECT_EQ(test, b.reason, (u8)SNIC_BUDGET_TIME);
	KUNIT_EXPECT_STREQ(test, snic_budget_kind_str(b.reason), "time");
	/* 1 s later, a second's refill is back. */
	snic_vf_budget_release(&b, 150);
	for (t = 0; t < LIM(TIME).burst / SNIC_BUDGET_SPEND_MAX_US; t++)
		snic_vf_budget_spend(&b, 150, SNIC_BUDGET_SPEND_MAX_US);
	snic_vf_budget_refill(&b, SNIC_BUDGET_TIME, 1150);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_TIME],
			LIM(TIME).per * 1000 / LIM(TIME).refill_ms);
	/* Spending more than is left stops at zero. */
	for (t = 0; t <= LIM(TIME).per * 1000 / SNIC_BUDGET_SPEND_MAX_US; t++)
		snic_vf_budget_spend(&b, 1150, SNIC_BUDGET_SPEND_MAX_US);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_TIME], 0U);
	/* Long idle: full, never more. */
	snic_vf_budget_refill(&b, SNIC_BUDGET_TIME, 1150 + 86400000ULL);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_TIME], LIM(TIME).burst);
}

/* A driver that waits for answers never runs out, over a long time. */
static void budget_paced_never_quarantined(struct kunit *test)
{
	struct snic_vf_budget b;
	u64 t = 0;
	unsigned int i;

	snic_vf_budget_init(&b, t);
	for (i = 0; i < 100000; i++) {
		t += LIM(MSG).refill_ms;
		KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, t),
				SNIC_BUDGET_SERVE);
		/* 0.2 ms of work each: within the time refill too. */
		snic_vf_budget_spend(&b, t, 200);
		if (i % 50 == 0)
			KUNIT_EXPECT_EQ(test,
					snic_vf_budget_charge(&b, SNIC_BUDGET_RESET, t),
					SNIC_BUDGET_SERVE);
	}
	KUNIT_EXPECT_FALSE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.entered, 0ULL);
}

/* A reset replaying its state (a 40-group list, 8 VLANs, 4 MACs) fits. */
static void budget_reset_replay_fits(struct kunit *test)
{
	struct snic_vf_budget b;
	unsigned int r;

	snic_vf_budget_init(&b, 0);
	/* Eight resets back to back, each replaying everything. */
	for (r = 0; r < 8; r++) {
		KUNIT_EXPECT_EQ(test, spend(&b, SNIC_BUDGET_RESET, 1, 0), 1U);
		KUNIT_EXPECT_EQ(test, spend(&b, SNIC_BUDGET_MSG, 20, 0), 20U);
		KUNIT_EXPECT_EQ(test, spend(&b, SNIC_BUDGET_FILTER, 8, 0), 8U);
	}
	KUNIT_EXPECT_FALSE(test, b.quarantined);
}

/* In quarantine every event is ignored, whatever its kind. */
static void budget_quarantine_ignores_all(struct kunit *test)
{
	struct snic_vf_budget b;
	unsigned int k;

	snic_vf_budget_init(&b, 0);
	spend(&b, SNIC_BUDGET_RESET, LIM(RESET).burst + 1, 0);
	KUNIT_ASSERT_TRUE(test, b.quarantined);
	for (k = 0; k < SNIC_BUDGET_KINDS; k++)
		KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, k, 10),
				SNIC_BUDGET_IGNORE);
	KUNIT_EXPECT_EQ(test, b.ignored, 1ULL + SNIC_BUDGET_KINDS);
	KUNIT_EXPECT_EQ(test, b.entered, 1ULL);
	KUNIT_EXPECT_EQ(test, b.reason, (u8)SNIC_BUDGET_RESET);
}

/* Released by the first event after a quiet cool-down, with full buckets. */
static void budget_cooldown_release(struct kunit *test)
{
	struct snic_vf_budget b;
	u64 t = 100;

	snic_vf_budget_init(&b, t);
	spend(&b, SNIC_BUDGET_MSG, LIM(MSG).burst + 1, t);
	KUNIT_ASSERT_TRUE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.quiet_until, t + SNIC_BUDGET_COOLDOWN_MS);
	t += SNIC_BUDGET_COOLDOWN_MS;
	KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, t),
			SNIC_BUDGET_RELEASE);
	KUNIT_EXPECT_FALSE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.released, 1ULL);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], LIM(MSG).burst - 1);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_RESET], LIM(RESET).burst);
	/* The reason stays readable after release. */
	KUNIT_EXPECT_EQ(test, b.reason, (u8)SNIC_BUDGET_MSG);
}

/* A VF that keeps storming in quarantine keeps itself there. */
static void budget_storm_stays_quarantined(struct kunit *test)
{
	struct snic_vf_budget b;
	u64 t = 0;
	unsigned int i;

	snic_vf_budget_init(&b, t);
	spend(&b, SNIC_BUDGET_MSG, LIM(MSG).burst + 1, t);
	for (i = 0; i < 10000; i++) {
		t += SNIC_BUDGET_COOLDOWN_MS - 1;
		KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_MSG, t),
				SNIC_BUDGET_IGNORE);
	}
	KUNIT_EXPECT_TRUE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.entered, 1ULL);
	KUNIT_EXPECT_EQ(test, b.released, 0ULL);
}

/* The administrator releases at once; releasing a free VF does nothing. */
static void budget_admin_release(struct kunit *test)
{
	struct snic_vf_budget b;

	snic_vf_budget_init(&b, 0);
	KUNIT_EXPECT_FALSE(test, snic_vf_budget_release(&b, 0));
	KUNIT_EXPECT_EQ(test, b.released, 0ULL);
	spend(&b, SNIC_BUDGET_FILTER, LIM(FILTER).burst + 1, 0);
	KUNIT_ASSERT_TRUE(test, b.quarantined);
	b.reset_owed = true;
	KUNIT_EXPECT_TRUE(test, snic_vf_budget_release(&b, 1));
	KUNIT_EXPECT_FALSE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.released, 1ULL);
	/* The owed clean-up is the caller's to do. */
	KUNIT_EXPECT_TRUE(test, b.reset_owed);
	KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_FILTER, 1),
			SNIC_BUDGET_SERVE);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_FILTER], LIM(FILTER).burst - 1);
}

/* One bucket running out does not spend the others. */
static void budget_kinds_independent(struct kunit *test)
{
	struct snic_vf_budget b;

	snic_vf_budget_init(&b, 0);
	spend(&b, SNIC_BUDGET_FILTER, LIM(FILTER).burst, 0);
	KUNIT_EXPECT_FALSE(test, b.quarantined);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], LIM(MSG).burst);
	KUNIT_EXPECT_EQ(test, spend(&b, SNIC_BUDGET_MSG, 10, 0), 10U);
	/* An out-of-range kind is charged as a message, never out of bounds. */
	KUNIT_EXPECT_EQ(test, snic_vf_budget_charge(&b, SNIC_BUDGET_KINDS, 0),
			SNIC_BUDGET_SERVE);
	KUNIT_EXPECT_EQ(test, b.tokens[SNIC_BUDGET_MSG], LIM(MSG).burst - 11);
	KUNIT_EXPECT_STREQ(test, snic_budget_kind_str(SNIC_BUDGET_BUSY),
			   "buffer_held");
	KUNIT_EXPECT_STREQ(test, snic_budget_kind_str(99), "unknown");
}

static struct kunit_case snic_budget_cases[] = {
	KUNIT_CASE(budget_burst_then_quarantine),
	KUNIT_CASE(budget_refill),
	KUNIT_CASE(budget_time),
	KUNIT_CASE(budget_paced_never_quarantined),
	KUNIT_CASE(budget_reset_replay_fits),
	KUNIT_CASE(budget_quarantine_ignores_all),
	KUNIT_CASE(budget_cooldown_release),
	KUNIT_CASE(budget_storm_stays_quarantined),
	KUNIT_CASE(budget_admin_release),
	KUNIT_CASE(budget_kinds_independent),
	{}
};

static struct kunit_suite snic_budget_suite = {
	.name = "sriovnic_pf_budget",
	.test_cases = snic_budget_cases,
};
kunit_test_suite(snic_budget_suite);

MODULE_DESCRIPTION("sriovnic_pf: per-VF budgets and quarantine, KUnit");
MODULE_LICENSE("GPL");
