// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the mailbox transport against a fake register file that behaves
 * like one 82576 VF mailbox seen from both ends: ownership is granted to a
 * side only while the other does not hold it, STS/REQ and ACK raise the
 * peer's status, and the VF's PFSTS/PFACK/RSTD clear when read.
 *
 * Hooks let the peer act at an exact point of an exchange (on the n-th
 * control read of one end, or while one end requests ownership), so that
 * every interleaving the hardware allows can be replayed deterministically.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/workqueue.h>

#include <sriovnic/csr.h>
#include <sriovnic/mbx.h>

struct fake_mbx;

/* Run @fn once, on the @at-th time the hooked point is reached. */
struct fake_hook {
	unsigned int at;
	void (*fn)(struct fake_mbx *f);
};

struct fake_mbx {
	u32 mem[SNIC_MBX_WORDS];
	bool pfu, vfu;
	u32 vf_status;		/* PFSTS, PFACK, RSTI, RSTD as the VF sees them */
	u32 mbvficr;		/* REQ(0) and ACK(16) for VF 0 */
	bool vflr;
	unsigned int deny;	/* refuse this many ownership requests */
	unsigned int own_requests;
	bool dead;
	unsigned int arm_reads;	/* raise arm_status on this VF control read */
	u32 arm_status;
	struct snic_mbx pf, vf;
	struct mutex lock;
	struct delayed_work later;
	u32 later_status;
	struct fake_hook pf_read, vf_read;	/* control register reads */
	struct fake_hook pf_take, vf_take;	/* before an ownership grant */
	u32 pf_words[2], vf_words[2];	/* what each peer action posts */
};

static void fake_fire(struct fake_mbx *f, struct fake_hook *h)
{
	if (h->at && !--h->at)
		h->fn(f);
}

static struct fake_mbx *fake_of(struct snic_mbx *mbx)
{
	return mbx->priv;
}

/* PF end */
static u32 fake_pf_rd_ctl(struct snic_mbx *mbx)
{
	struct fake_mbx *f = fake_of(mbx);

	fake_fire(f, &f->pf_read);
	if (f->dead)
		return SNIC_DEAD;
	return (f->pfu ? SNIC_P2V_PFU : 0) | (f->vfu ? SNIC_P2V_VFU : 0);
}

static void fake_pf_wr_ctl(struct snic_mbx *mbx, u32 val)
{
	struct fake_mbx *f = fake_of(mbx);

	if (val & SNIC_P2V_PFU) {
		fake_fire(f, &f->pf_take);
		f->own_requests++;
		if (f->deny) {
			f->deny--;
			return;
		}
		f->pfu = !f->vfu;
	} else {
		f->pfu = false;
	}
	if (val & SNIC_P2V_STS)
		f->vf_status |= SNIC_V2P_PFSTS;
	if (val & SNIC_P2V_ACK)
		f->vf_status |= SNIC_V2P_PFACK;
}

static bool fake_pf_test_event(struct snic_mbx *mbx, enum snic_mbx_event ev)
{
	struct fake_mbx *f = fake_of(mbx);
	u32 bit;

	if (ev == SNIC_MBX_EV_RST) {
		bool r = f->vflr;

		f->vflr = false;
		return r;
	}
	bit = ev == SNIC_MBX_EV_MSG ? SNIC_MBVFICR_REQ(0) : SNIC_MBVFICR_ACK(0);
	if (!(f->mbvficr & bit))
		return false;
	f->mbvficr &= ~bit;
	return true;
}

/* VF end */
static u32 fake_vf_rd_ctl(struct snic_mbx *mbx)
{
	struct fake_mbx *f = fake_of(mbx);
	u32 v;

	fake_fire(f, &f->vf_read);
	if (f->dead)
		return SNIC_DEAD;
	if (f->arm_reads && !--f->arm_reads)
		f->vf_status |= f->arm_status;
	v = f->vf_status | (f->vfu ? SNIC_V2P_VFU : 0) |
	    (f->pfu ? SNIC_V2P_PFU : 0);
	f->vf_status &= ~SNIC_V2P_R2C;
	return v;
}

static void fake_vf_wr_ctl(struct snic_mbx *mbx, u32 val)
{
	struct fake_mbx *f = fake_of(mbx);

	if (val & SNIC_V2P_VFU) {
		fake_fire(f, &f->vf_take);
		f->own_requests++;
		if (f->deny) {
			f->deny--;
			return;
		}
		f->vfu = !f->pfu;
	} else {
		f->vfu = false;
	}
	if (val & SNIC_V2P_REQ)
		f->mbvficr |= SNIC_MBVFICR_REQ(0);
	if (val & SNIC_V2P_ACK)
		f->mbvficr |= SNIC_MBVFICR_ACK(0);
}

static u32 fake_rd_mem(struct snic_mbx *mbx, unsigned int i)
{
	return fake_of(mbx)->mem[i];
}

static void fake_wr_mem(struct snic_mbx *mbx, unsigned int i, u32 val)
{
	fake_of(mbx)->mem[i] = val;
}

static const struct snic_mbx_ops fake_pf_ops = {
	.rd_ctl = fake_pf_rd_ctl,
	.wr_ctl = fake_pf_wr_ctl,
	.rd_mem = fake_rd_mem,
	.wr_mem = fake_wr_mem,
	.test_event = fake_pf_test_event,
};

static const struct snic_mbx_ops fake_vf_ops = {
	.rd_ctl = fake_vf_rd_ctl,
	.wr_ctl = fake_vf_wr_ctl,
	.rd_mem = fake_rd_mem,
	.wr_mem = fake_wr_mem,
};

static void fake_later_fn(struct work_struct *work)
{
	struct fake_mbx *f = container_of(work, struct fake_mbx, later.work);

	f->vf_status |= f->later_status;
	snic_mbx_notify(&f->vf);
}

/* A fresh mailbox: nobody owns it, nothing pending, no hook armed. */
static void fake_setup(struct fake_mbx *f)
{
	memset(f->mem, 0, sizeof(f->mem));
	f->pfu = false;
	f->vfu = false;
	f->vf_status = 0;
	f->mbvficr = 0;
	memset(&f->pf_read, 0, sizeof(f->pf_read));
	memset(&f->vf_read, 0, sizeof(f->vf_read));
	memset(&f->pf_take, 0, sizeof(f->pf_take));
	memset(&f->vf_take, 0, sizeof(f->vf_take));
	snic_mbx_init(&f->pf, &fake_pf_ops, &snic_mbx_pf_bits, f, NULL);
	snic_mbx_init(&f->vf, &fake_vf_ops, &snic_mbx_vf_bits, f, NULL);
	/* keep the test quick: short retry pauses and poll interval */
	f->pf.lock_delay_us = 10;
	f->vf.lock_delay_us = 10;
	f->vf.poll_us = 1000;
}

static int xport_init(struct kunit *test)
{
	struct fake_mbx *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	mutex_init(&f->lock);
	fake_setup(f);
	INIT_DELAYED_WORK(&f->later, fake_later_fn);
	test->priv = f;
	return 0;
}

static void xport_exit(struct kunit *test)
{
	struct fake_mbx *f = test->priv;

	cancel_delayed_work_sync(&f->later);
}

/* With an owner's mutex given, the transport runs under it. */
static void xport_owner_lock(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = 0x42, got;

	snic_mbx_init(&f->vf, &fake_vf_ops, &snic_mbx_vf_bits, f, &f->lock);
	f->vf.lock_delay_us = 10;
	mutex_lock(&f->lock);
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, &msg, 1), 0);
	mutex_unlock(&f->lock);
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->pf, &got, 1), 0);
	KUNIT_EXPECT_EQ(test, got, msg);
}

static void xport_vf_to_pf(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg[3] = { 0x00000002, 0x33221102, 0x5544 }, got[3];

	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->vf, msg, 3), 0);
	KUNIT_EXPECT_FALSE(test, f->vfu);	/* REQ gave the buffer back */
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->pf, got, 3), 0);
	KUNIT_EXPECT_MEMEQ(test, got, msg, sizeof(msg));
	KUNIT_EXPECT_FALSE(test, f->pfu);	/* ACK gave the buffer back */
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_ACK));
	KUNIT_EXPECT_EQ(test, f->vf.stats.tx, 1ULL);
	KUNIT_EXPECT_EQ(test, f->pf.stats.rx, 1ULL);
}

static void xport_pf_to_vf(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = SNIC_MSG_PF_CONTROL | SNIC_MSG_CTS, got;

	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->pf, &msg, 1), 0);
	KUNIT_ASSERT_EQ(test, snic_mbx_read_posted(&f->vf, &got, 1, 10000), 0);
	KUNIT_EXPECT_EQ(test, got, msg);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_ACK));
}

static void xport_post_ack(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = SNIC_MSG_RESET, got;

	/* The "PF" answers 20 ms later from a work item, like an interrupt. */
	f->later_status = SNIC_V2P_PFACK;
	schedule_delayed_work(&f->later, msecs_to_jiffies(20));
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, &msg, 1, 2000000), 0);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->pf, &got, 1), 0);
	KUNIT_EXPECT_EQ(test, got, msg);
}

static void xport_lock_contention_busy(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg[2] = { 0x11111111, 0x22222222 };

	f->vfu = true;			/* the VF holds the buffer */
	f->mem[0] = 0xdead;
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->pf, msg, 2), -EBUSY);
	KUNIT_EXPECT_EQ(test, f->own_requests, f->pf.lock_tries);
	KUNIT_EXPECT_EQ(test, f->pf.stats.busy, 1ULL);
	KUNIT_EXPECT_EQ(test, f->mem[0], 0xdeadU);	/* nothing written */
	KUNIT_EXPECT_FALSE(test, f->vf_status & SNIC_V2P_PFSTS);	/* no signal */
	KUNIT_EXPECT_EQ(test, snic_mbx_read(&f->pf, msg, 2), -EBUSY);
}

static void xport_lock_contention_resolves(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = 0x1234;

	f->deny = 3;			/* the peer lets go after three tries */
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, &msg, 1), 0);
	KUNIT_EXPECT_EQ(test, f->own_requests, 4U);
	KUNIT_EXPECT_EQ(test, f->mem[0], msg);
	KUNIT_EXPECT_EQ(test, f->vf.stats.busy, 0ULL);
}

static void xport_timeout(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	unsigned long start = jiffies;
	u32 msg = SNIC_MSG_RESET;

	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, &msg, 1, 30000),
			-ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, f->vf.stats.timeouts, 1ULL);
	/* bounded: well under a second for a 30 ms timeout */
	KUNIT_EXPECT_LT(test, jiffies_to_msecs(jiffies - start), 1000U);
	KUNIT_EXPECT_EQ(test, snic_mbx_wait(&f->vf, SNIC_MBX_EV_MSG, 0), -ETIMEDOUT);
}

static void xport_stale_ack_ignored(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = SNIC_MSG_RESET;

	/* An ack left over from an earlier exchange answers nothing new. */
	f->vf_status |= SNIC_V2P_PFACK;
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, &msg, 1, 20000),
			-ETIMEDOUT);
}

static void xport_clear_on_read_kept(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = 0x5, got;

	/*
	 * The PF posts a message; looking for something else (an ACK, a
	 * reset) reads the control register, which clears PFSTS in hardware.
	 * The event must still be seen afterwards, once.
	 */
	f->mem[0] = 0x77;
	f->vf_status |= SNIC_V2P_PFSTS;
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_ACK));
	KUNIT_EXPECT_FALSE(test, snic_mbx_peer_reset(&f->vf));
	KUNIT_EXPECT_FALSE(test, f->vf_status & SNIC_V2P_PFSTS);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->vf, &got, 1), 0);
	KUNIT_EXPECT_EQ(test, got, 0x77U);

	/*
	 * A write destroys such a message: the read-back while taking the
	 * buffer clears PFSTS, and the write consumes the event it kept.
	 */
	f->vf_status |= SNIC_V2P_PFSTS;
	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->vf, &msg, 1), 0);
	KUNIT_EXPECT_EQ(test, f->vf.stats.overwritten, 1ULL);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->pf, &got, 1), 0);
	KUNIT_EXPECT_EQ(test, got, msg);
}

static void xport_reset_events(struct kunit *test)
{
	struct fake_mbx *f = test->priv;

	/* RSTD clears on read and is seen once */
	f->vf_status = SNIC_V2P_RSTD;
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));
	/* RSTI stays while the PF is in reset */
	f->vf_status = SNIC_V2P_RSTI;
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));
	/* the PF's side of a VF reset comes from its own test_event */
	f->vflr = true;
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_RST));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_RST));
}

static void xport_event_on_any_read_kept(struct kunit *test)
{
	struct fake_mbx *f = test->priv;

	/*
	 * The wait reads the control register twice per look (event, then
	 * device gone / peer reset). An ACK that lands on the second read is
	 * cleared by that read and must still end the wait.
	 */
	f->arm_reads = 2;
	f->arm_status = SNIC_V2P_PFACK;
	KUNIT_EXPECT_EQ(test, snic_mbx_wait(&f->vf, SNIC_MBX_EV_ACK, 50000), 0);
	KUNIT_EXPECT_EQ(test, f->vf.stats.timeouts, 0ULL);
}

static void xport_peer_reset_ends_wait(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	unsigned long start = jiffies;
	u32 msg = SNIC_MSG_SET_MAC;

	/* The PF resets 10 ms after taking nothing: no answer will come. */
	f->later_status = SNIC_V2P_RSTI;
	schedule_delayed_work(&f->later, msecs_to_jiffies(10));
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, &msg, 1, 2000000),
			-ECONNRESET);
	KUNIT_EXPECT_LT(test, jiffies_to_msecs(jiffies - start), 1000U);
	KUNIT_EXPECT_EQ(test, f->vf.stats.timeouts, 0ULL);
	/* left pending for the owner's reset handling */
	KUNIT_EXPECT_TRUE(test, snic_mbx_peer_reset(&f->vf));
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));

	/* RSTD, which a read clears, is kept the same way */
	f->vf_status = SNIC_V2P_RSTD;
	KUNIT_EXPECT_EQ(test, snic_mbx_wait(&f->vf, SNIC_MBX_EV_MSG, 2000000),
			-ECONNRESET);
	KUNIT_EXPECT_TRUE(test, snic_mbx_peer_reset(&f->vf));
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_RST));
	KUNIT_EXPECT_FALSE(test, snic_mbx_peer_reset(&f->vf));

	/* the PF end learns of VF resets elsewhere (VFLRE): it waits on */
	f->mbvficr = 0;
	f->vflr = true;
	KUNIT_EXPECT_FALSE(test, snic_mbx_peer_reset(&f->pf));
	KUNIT_EXPECT_EQ(test, snic_mbx_wait(&f->pf, SNIC_MBX_EV_MSG, 20000),
			-ETIMEDOUT);
}

static void xport_dead_device(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	unsigned long start = jiffies;
	u32 msg = 1;

	f->dead = true;
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, &msg, 1), -ENODEV);
	KUNIT_EXPECT_EQ(test, snic_mbx_read(&f->pf, &msg, 1), -ENODEV);
	KUNIT_EXPECT_EQ(test, snic_mbx_wait(&f->vf, SNIC_MBX_EV_ACK, 5000000),
			-ENODEV);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	/* and it gives up at once instead of waiting out the timeout */
	KUNIT_EXPECT_LT(test, jiffies_to_msecs(jiffies - start), 500U);
}

static void xport_bad_length(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg[SNIC_MBX_WORDS + 1] = { };

	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, msg, 0), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, msg, SNIC_MBX_WORDS + 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, snic_mbx_read(&f->pf, msg, SNIC_MBX_WORDS + 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, f->own_requests, 0U);
	KUNIT_EXPECT_EQ(test, snic_mbx_write(&f->vf, msg, SNIC_MBX_WORDS), 0);
}

/* Peer actions, run from a hook with the real transport of the other end. */
static void fake_vf_posts(struct fake_mbx *f)
{
	snic_mbx_write(&f->vf, f->vf_words, 2);
}

static void fake_pf_posts(struct fake_mbx *f)
{
	snic_mbx_write(&f->pf, f->pf_words, 2);
}

/* The PF takes the VF's request (which ACKs it)... */
static void fake_pf_reads(struct fake_mbx *f)
{
	u32 w[2];

	if (snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG))
		snic_mbx_read(&f->pf, w, 2);
}

/* ...and answers at once: ACK and answer are both there at the next look. */
static void fake_pf_answers(struct fake_mbx *f)
{
	fake_pf_reads(f);
	fake_pf_posts(f);
}

/*
 * The race of the check-then-take: the VF posts a request after the PF
 * looked for one and before the PF got the buffer. The PF's message
 * overwrites it; its event must go with it, or the PF later reads its
 * own words back as the VF's request.
 */
static void xport_race_pf_take(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg[2] = { SNIC_MSG_PF_CONTROL | SNIC_MSG_CTS, 0 };

	f->vf_words[0] = SNIC_MSG_SET_MAC;
	f->vf_words[1] = 0x11223344;
	f->pf_take.at = 1;
	f->pf_take.fn = fake_vf_posts;
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->pf, msg, 2), 0);
	KUNIT_EXPECT_EQ(test, f->vf.stats.tx, 1ULL);	/* the VF did post */
	KUNIT_EXPECT_MEMEQ(test, f->mem, msg, sizeof(msg));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_EQ(test, f->pf.stats.overwritten, 1ULL);
	/* the VF gets our message where it waits for its ACK */
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
}

/* The same window at the VF end: PFSTS lands while the VF takes. */
static void xport_race_vf_take(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg[2] = { SNIC_MSG_SET_VLAN, 5 };

	f->pf_words[0] = SNIC_MSG_PF_CONTROL;
	f->vf_take.at = 1;
	f->vf_take.fn = fake_pf_posts;
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->vf, msg, 2), 0);
	KUNIT_EXPECT_EQ(test, f->pf.stats.tx, 1ULL);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_EQ(test, f->vf.stats.overwritten, 1ULL);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
}

/* The PF writes without reading the VF's request: counted, event gone. */
static void xport_overwrite_counted(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 req = SNIC_MSG_SET_LPE, msg = SNIC_MSG_PF_CONTROL, got;

	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->vf, &req, 1), 0);
	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->pf, &msg, 1), 0);
	KUNIT_EXPECT_EQ(test, f->pf.stats.overwritten, 1ULL);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	/* a write with nothing pending counts nothing */
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->vf, &got, 1), 0);
	KUNIT_EXPECT_EQ(test, got, msg);
	KUNIT_ASSERT_EQ(test, snic_mbx_write(&f->pf, &msg, 1), 0);
	KUNIT_EXPECT_EQ(test, f->pf.stats.overwritten, 1ULL);
	KUNIT_EXPECT_EQ(test, f->vf.stats.overwritten, 0ULL);
}

/*
 * VF end crossing: the PF writes its own message over the VF's request
 * before reading it. The VF hears SNIC_MBX_CROSSED, finds the PF's
 * message pending, and its second post is ACKed.
 */
static void xport_post_crossed_vf(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 req[2] = { SNIC_MSG_SET_MAC, 0xaabbccdd }, got[2];

	f->pf_words[0] = SNIC_MSG_PF_CONTROL | SNIC_MSG_CTS;
	f->vf_read.at = 5;		/* in the wait, after the write */
	f->vf_read.fn = fake_pf_posts;
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, req, 2, 200000),
			SNIC_MBX_CROSSED);
	KUNIT_EXPECT_EQ(test, f->pf.stats.overwritten, 1ULL);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->vf, got, 2), 0);
	KUNIT_EXPECT_MEMEQ(test, got, f->pf_words, sizeof(got));
	KUNIT_EXPECT_EQ(test, f->vf.stats.overwritten, 0ULL);
	KUNIT_EXPECT_EQ(test, f->vf.stats.timeouts, 0ULL);

	f->vf_read.at = 5;
	f->vf_read.fn = fake_pf_reads;
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->vf, req, 2, 200000), 0);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
}

/* PF end crossing: the VF posts a request over the PF's message. */
static void xport_post_crossed_pf(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 msg = SNIC_MSG_PF_CONTROL, got[2];

	f->vf_words[0] = SNIC_MSG_SET_VLAN;
	f->vf_words[1] = 7;
	f->pf_read.at = 2;		/* the first look of the wait */
	f->pf_read.fn = fake_vf_posts;
	KUNIT_EXPECT_EQ(test, snic_mbx_post(&f->pf, &msg, 1, 200000),
			SNIC_MBX_CROSSED);
	KUNIT_EXPECT_EQ(test, f->vf.stats.overwritten, 1ULL);
	KUNIT_ASSERT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->pf, got, 2), 0);
	KUNIT_EXPECT_MEMEQ(test, got, f->vf_words, sizeof(got));
}

/*
 * The PF ACKs and answers at once, at any point of the VF's wait: the
 * answer is never taken for a crossing, and stays pending.
 */
static void xport_post_ack_and_msg(struct kunit *test)
{
	struct fake_mbx *f = test->priv;
	u32 req = SNIC_MSG_RESET, got[2];
	unsigned int at;

	for (at = 4; at <= 9; at++) {
		fake_setup(f);
		f->pf_words[0] = SNIC_MSG_RESET | SNIC_MSG_ACK;
		f->pf_words[1] = at;
		f->vf_read.at = at;
		f->vf_read.fn = fake_pf_answers;
		KUNIT_EXPECT_EQ_MSG(test, snic_mbx_post(&f->vf, &req, 1, 200000),
				    0, "answer at read %u", at);
		KUNIT_ASSERT_TRUE_MSG(test,
				      snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG),
				      "answer at read %u", at);
		KUNIT_ASSERT_EQ(test, snic_mbx_read(&f->vf, got, 2), 0);
		KUNIT_EXPECT_MEMEQ(test, got, f->pf_words, sizeof(got));
		KUNIT_EXPECT_EQ(test, f->pf.stats.overwritten, 0ULL);
	}
}

/* A requeued event is seen once more, on either end; forget drops it. */
static void xport_requeue_forget(struct kunit *test)
{
	struct fake_mbx *f = test->priv;

	f->vf_status = SNIC_V2P_PFSTS;
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	snic_mbx_requeue(&f->vf, SNIC_MBX_EV_MSG);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));

	f->mbvficr = SNIC_MBVFICR_REQ(0);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	snic_mbx_requeue(&f->pf, SNIC_MBX_EV_MSG);
	KUNIT_EXPECT_TRUE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->pf, SNIC_MBX_EV_MSG));

	/* forget: both the read-cleared bits and the requeued events */
	f->vf_status = SNIC_V2P_PFACK;
	KUNIT_EXPECT_NE(test, snic_mbx_ctl(&f->vf), SNIC_DEAD);
	snic_mbx_requeue(&f->vf, SNIC_MBX_EV_MSG);
	snic_mbx_forget(&f->vf);
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_ACK));
	KUNIT_EXPECT_FALSE(test, snic_mbx_test_event(&f->vf, SNIC_MBX_EV_MSG));
}

static struct kunit_case snic_mbx_xport_cases[] = {
	KUNIT_CASE(xport_overwrite_counted),
	KUNIT_CASE(xport_post_crossed_vf),
	KUNIT_CASE(xport_post_crossed_pf),
	KUNIT_CASE(xport_post_ack_and_msg),
	KUNIT_CASE(xport_requeue_forget),
	KUNIT_CASE(xport_race_pf_take),
	KUNIT_CASE(xport_race_vf_take),
	KUNIT_CASE(xport_vf_to_pf),
	KUNIT_CASE(xport_pf_to_vf),
	KUNIT_CASE(xport_post_ack),
	KUNIT_CASE(xport_lock_contention_busy),
	KUNIT_CASE(xport_lock_contention_resolves),
	KUNIT_CASE(xport_timeout),
	KUNIT_CASE(xport_stale_ack_ignored),
	KUNIT_CASE(xport_clear_on_read_kept),
	KUNIT_CASE(xport_reset_events),
	KUNIT_CASE(xport_event_on_any_read_kept),
	KUNIT_CASE(xport_peer_reset_ends_wait),
	KUNIT_CASE(xport_dead_device),
	KUNIT_CASE(xport_bad_length),
	KUNIT_CASE(xport_owner_lock),
	{ }
};

static struct kunit_suite snic_mbx_xport_suite = {
	.name = "sriovnic_mbx_xport",
	.init = xport_init,
	.exit = xport_exit,
	.test_cases = snic_mbx_xport_cases,
};
kunit_test_suite(snic_mbx_xport_suite);
