// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: when the PF concludes that the device is gone. A register file
 * in memory stands in for BAR0; values a VF or a blank EEPROM can put in
 * a register (all-ones) must read as data while STATUS reads as a live
 * device, and only all-ones from STATUS too may mark the device dead.
 *
 * pf_hw.c is compiled into this module from its own source, as the
 * policy test does with pf_vf_policy.c: the driver exports nothing.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "../pf_hw.c"

#define SNIC_TEST_BAR_SIZE	0x20000		/* the 82576's 128 KiB */
#define SNIC_TEST_STATUS_LIVE	0x00080783	/* link up, 1000 Mb/s, FD */

struct snic_pf_test {
	struct snic_pf pf;
	u32 *regs;
};

static void set_reg(struct snic_pf_test *t, u32 reg, u32 val)
{
	t->regs[reg / 4] = val;
}

#ifdef CONFIG_INDIRECT_IOMEM
/*
 * UML has no memory-mapped I/O: readl()/writel() go through logic_iomem,
 * which reads all-ones (and warns) for an address no region claims. The
 * register file is therefore made a region of its own, and BAR0 an
 * ioremap() of it. The region cannot be unregistered; it is added once.
 */
#include <linux/io.h>
#include <linux/logic_iomem.h>

#define SNIC_TEST_RES_START	0x2f000000

static u32 *snic_test_regs;	/* the register file ioremap() maps next */

static unsigned long snic_test_io_read(void *priv, unsigned int off, int size)
{
	return ((u32 *)priv)[off / 4];
}

static void snic_test_io_write(void *priv, unsigned int off, int size,
			       unsigned long val)
{
	((u32 *)priv)[off / 4] = val;
}

static const struct logic_iomem_ops snic_test_io_ops = {
	.read = snic_test_io_read,
	.write = snic_test_io_write,
};

static long snic_test_io_map(unsigned long offset, size_t size,
			     const struct logic_iomem_ops **ops, void **priv)
{
	*ops = &snic_test_io_ops;
	*priv = snic_test_regs;
	return 0;
}

static const struct logic_iomem_region_ops snic_test_region_ops = {
	.map = snic_test_io_map,
};

static struct resource snic_test_res = {
	.name = "sriovnic-test-bar0",
	.start = SNIC_TEST_RES_START,
	.end = SNIC_TEST_RES_START + SNIC_TEST_BAR_SIZE - 1,
	.flags = IORESOURCE_MEM,
};

static void snic_test_iounmap(void *addr)
{
	iounmap((void __iomem *)addr);
}

static void snic_test_map(struct kunit *test, struct snic_pf_test *t)
{
	static bool added;
	void __iomem *bar;

	if (!added) {
		KUNIT_ASSERT_EQ(test, logic_iomem_add_region(&snic_test_res,
							     &snic_test_region_ops), 0);
		added = true;
	}
	snic_test_regs = t->regs;
	bar = ioremap(SNIC_TEST_RES_START, SNIC_TEST_BAR_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, bar);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, snic_test_iounmap,
							(__force void *)bar), 0);
	t->pf.hw = bar;
}
#else
static void snic_test_map(struct kunit *test, struct snic_pf_test *t)
{
	t->pf.hw = (__force u8 __iomem *)t->regs;
}
#endif

static struct snic_pf_test *snic_pf_test_new(struct kunit *test)
{
	struct snic_pf_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->regs = kunit_kzalloc(test, SNIC_TEST_BAR_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->regs);
	snic_test_map(test, t);
	spin_lock_init(&t->pf.stats_lock);
	set_reg(t, SNIC_STATUS, SNIC_TEST_STATUS_LIVE);
	return t;
}

/* The rule itself. */
static void allones_rule(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, snic_pf_allones_dead(SNIC_DEAD,
						       SNIC_TEST_STATUS_LIVE));
	KUNIT_EXPECT_FALSE(test, snic_pf_allones_dead(SNIC_DEAD, 0));
	KUNIT_EXPECT_FALSE(test, snic_pf_allones_dead(0x12345678, SNIC_DEAD));
	KUNIT_EXPECT_TRUE(test, snic_pf_allones_dead(SNIC_DEAD, SNIC_DEAD));
}

/* A VF's byte counter wrapping through 0xFFFFFFFF. */
static void allones_counter_is_data(struct kunit *test)
{
	struct snic_pf_test *t = snic_pf_test_new(test);

	set_reg(t, SNIC_PVFGOTC(3), SNIC_DEAD);
	KUNIT_EXPECT_EQ(test, pf_rd32(&t->pf, SNIC_PVFGOTC(3)), SNIC_DEAD);
	KUNIT_EXPECT_FALSE(test, snic_pf_dead(&t->pf));
	KUNIT_EXPECT_EQ(test, pf_rd32_data(&t->pf, SNIC_PVFGOTC(3)), SNIC_DEAD);
	KUNIT_EXPECT_FALSE(test, snic_pf_dead(&t->pf));
	/* The PF still reads and writes its registers. */
	set_reg(t, SNIC_CTRL, 0x1234);
	KUNIT_EXPECT_EQ(test, pf_rd32(&t->pf, SNIC_CTRL), 0x1234U);
}

/* The port counters: the totals grow, the device stays alive. */
static void allones_stats_is_data(struct kunit *test)
{
	struct snic_pf_test *t = snic_pf_test_new(test);

	set_reg(t, SNIC_GORCL, SNIC_DEAD);
	set_reg(t, SNIC_GPRC, SNIC_DEAD);
	snic_pf_hw_stats_update(&t->pf);
	KUNIT_EXPECT_FALSE(test, snic_pf_dead(&t->pf));
	KUNIT_EXPECT_EQ(test, t->pf.hw_stats.gorc, 0xffffffffULL);
	KUNIT_EXPECT_EQ(test, t->pf.hw_stats.gprc, 0xffffffffULL);
}

/* A blank EEPROM: receive address 0 all-ones is an invalid address. */
static void allones_blank_eeprom(struct kunit *test)
{
	struct snic_pf_test *t = snic_pf_test_new(test);
	u8 mac[ETH_ALEN] = {};

	set_reg(t, SNIC_MAC_RAL0, SNIC_DEAD);
	set_reg(t, SNIC_MAC_RAH0, SNIC_DEAD);
	KUNIT_EXPECT_FALSE(test, snic_pf_hw_read_mac(&t->pf, mac));
	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(mac));
	KUNIT_EXPECT_FALSE(test, snic_pf_dead(&t->pf));
}

/* A device that really went away: STATUS reads all-ones as well. */
static void allones_gone(struct kunit *test)
{
	struct snic_pf_test *t = snic_pf_test_new(test);

	memset(t->regs, 0xff, SNIC_TEST_BAR_SIZE);
	pf_rd32(&t->pf, SNIC_PVFGOTC(0));
	KUNIT_EXPECT_TRUE(test, snic_pf_dead(&t->pf));
	/* Once gone, reads do not touch the device and writes are dropped. */
	set_reg(t, SNIC_CTRL, 0);
	KUNIT_EXPECT_EQ(test, pf_rd32(&t->pf, SNIC_CTRL), SNIC_DEAD);
	pf_wr32(&t->pf, SNIC_CTRL, 0x5);
	KUNIT_EXPECT_EQ(test, t->regs[SNIC_CTRL / 4], 0U);
}

/* Gone in the middle of a statistics pass: the totals are kept. */
static void allones_gone_stats(struct kunit *test)
{
	struct snic_pf_test *t = snic_pf_test_new(test);

	memset(t->regs, 0xff, SNIC_TEST_BAR_SIZE);
	snic_pf_hw_stats_update(&t->pf);
	KUNIT_EXPECT_TRUE(test, snic_pf_dead(&t->pf));
	KUNIT_EXPECT_EQ(test, t->pf.hw_stats.gorc, 0ULL);
}

static struct kunit_case snic_pf_hw_cases[] = {
	KUNIT_CASE(allones_rule),
	KUNIT_CASE(allones_counter_is_data),
	KUNIT_CASE(allones_stats_is_data),
	KUNIT_CASE(allones_blank_eeprom),
	KUNIT_CASE(allones_gone),
	KUNIT_CASE(allones_gone_stats),
	{ }
};

static struct kunit_suite snic_pf_hw_suite = {
	.name = "sriovnic_pf_hw",
	.test_cases = snic_pf_hw_cases,
};
kunit_test_suite(snic_pf_hw_suite);

MODULE_DESCRIPTION("KUnit tests for the sriovnic PF's dead-device rule");
MODULE_LICENSE("GPL");
