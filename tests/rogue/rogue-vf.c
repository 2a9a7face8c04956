// SPDX-License-Identifier: GPL-2.0
/*
 * rogue-vf: a hostile 82576 VF, driven from userspace through the VF's
 * BAR0 (sysfs resource0, the VF unbound), for the tenant-isolation
 * scenarios (tests/vm/hostile-vf.sh). Every mode runs for --seconds or
 * --count operations, whichever ends first, optionally paced to --rate
 * operations a second, and prints one summary line:
 *
 *   rogue-vf: mode=M msgs=N ops=N secs=S rate=R/s ack=A nack=K none=Z
 *             busy=B [mode-specific key=value ...]
 *
 * msgs counts mailbox messages posted (REQ written), ops the operations of
 * the mode (a message, a reset, a frame batch); ack/nack count replies seen
 * by type, none requests that got no reply within --reply-ms, busy the
 * times the VF could not take the mailbox buffer (the PF held it).
 *
 * Modes:
 *   null    the same loop at the same rate as storm, on a harmless
 *           register (EITR of the unused vector 2): the baseline
 *   random  16 random words, random control bits (REQ/ACK/VFU), any flags
 *   fuzz    every message type (and unknown ones) with random MSGINFO,
 *           length and fields; RESET again whenever the PF stops talking
 *   storm   valid requests posted at full rate, never waiting
 *   vfu     the buffer's VFU bit held for the whole run, REQ posted with it
 *   noack   garbage requests; replies are never read nor ACKed
 *   rst     CTRL.RST (the VF's own reset) in a loop
 *   flr     function-level resets through sysfs "reset" in a loop
 *   fill    every extra MAC filter and VLAN the PF grants, refilled
 *   theft   SET_MAC primary and extra filter for each --target address
 *   steer   the VF's own transmitted-octets counter (GOTC) driven to
 *           0xFFFFFFFF with frames sized from the counter it reads, sent
 *           from a TX ring in memory the tool locks and finds the physical
 *           address of (/proc/self/pagemap): needs root and no IOMMU
 *           translation for the VF (the test VM has none)
 *
 * Register offsets come from include/sriovnic/csr*.h and desc.h, compiled
 * in userspace with the shim in tests/fuzz/shim: one register table for
 * the drivers and their attacker.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/bitfield.h>
#include <linux/kernel.h>
#include <linux/types.h>

#include <sriovnic/csr_vf.h>
#include <sriovnic/desc.h>
#include <sriovnic/mbx_proto.h>

#define MAX_TARGETS	16
#define VF_BAR_BYTES	16384

struct rogue {
	u32 *bar;		/* the VF's BAR0, mapped */
	const char *path;	/* .../resource0 */
	char devdir[512];	/* its directory */
	u32 seen;		/* clear-on-read bits seen, not yet consumed */
	u64 rng;
	/* options */
	const char *mode;
	double seconds;
	u64 count;
	double rate;
	unsigned int reply_us;
	unsigned int n_targets;
	u8 targets[MAX_TARGETS][ETH_ALEN];
	unsigned int frame_max;
	double hold;
	/* results */
	u64 msgs, ops, ack, nack, none, busy, dead_reads;
	u8 mac[ETH_ALEN];	/* from the last ACKed RESET */
	char extra[512];
	struct timespec t0;
};

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("rogue-vf: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

static void extra(struct rogue *r, const char *fmt, ...)
{
	size_t n = strlen(r->extra);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->extra + n, sizeof(r->extra) - n, fmt, ap);
	va_end(ap);
}

static u64 rnd(struct rogue *r)
{
	/* xorshift64*: reproducible from --seed */
	r->rng ^= r->rng >> 12;
	r->rng ^= r->rng << 25;
	r->rng ^= r->rng >> 27;
	return r->rng * 0x2545F4914F6CDD1DULL;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static double elapsed(struct rogue *r)
{
	return now() - (r->t0.tv_sec + r->t0.tv_nsec / 1e9);
}

/* ---- registers --------------------------------------------------------- */

/* One 32-bit access each, never merged or elided (x86, as readl/writel). */
static inline u32 mmio_read32(const u32 *p)
{
	u32 v;

	asm volatile("movl %1, %0" : "=r"(v) : "m"(*p) : "memory");
	return v;
}

static inline void mmio_write32(u32 *p, u32 v)
{
	asm volatile("movl %0, %1" : : "r"(v), "m"(*p) : "memory");
}

static u32 rd(struct rogue *r, u32 off)
{
	u32 v = mmio_read32(&r->bar[off / 4]);

	if (v == SNIC_DEAD && off != SNIC_VF_GOTC)
		r->dead_reads++;
	return v;
}

static void wr(struct rogue *r, u32 off, u32 v)
{
	mmio_write32(&r->bar[off / 4], v);
}

/* The control register; keeps the clear-on-read bits it sees. */
static u32 ctl(struct rogue *r)
{
	u32 v = rd(r, SNIC_V2PMAILBOX);

	if (v != SNIC_DEAD)
		r->seen |= v & SNIC_V2P_R2C;
	return v;
}

static int seen(struct rogue *r, u32 bit)
{
	ctl(r);
	if (r->seen & bit) {
		r->seen &= ~bit;
		return 1;
	}
	return 0;
}

static int wait_bit(struct rogue *r, u32 bit, unsigned int us)
{
	double end = now() + us / 1e6;

	do {
		if (seen(r, bit))
			return 1;
	} while (now() < end);
	return 0;
}

/* Take the buffer (VFU); a few quick tries, then count it busy. */
static int take(struct rogue *r)
{
	int i;

	for (i = 0; i < 8; i++) {
		wr(r, SNIC_V2PMAILBOX, SNIC_V2P_VFU);
		if (ctl(r) & SNIC_V2P_VFU)
			return 1;
		usleep(20);
	}
	r->busy++;
	return 0;
}

/* Write @n words and REQ (plus @keep, e.g. VFU to hold the buffer). */
static int post(struct rogue *r, const u32 *w, unsigned int n, u32 keep)
{
	unsigned int i;

	if (!take(r))
		return 0;
	for (i = 0; i < n; i++)
		wr(r, SNIC_VF_VMBMEM + 4 * i, w[i]);
	wr(r, SNIC_V2PMAILBOX, SNIC_V2P_REQ | keep);
	r->msgs++;
	return 1;
}

static void count_reply(struct rogue *r, u32 w0)
{
	if (w0 & SNIC_MSG_ACK)
		r->ack++;
	else if (w0 & SNIC_MSG_NACK)
		r->nack++;
}

/* Take the buffer, read the PF's message (three words) and ACK it. */
static int read_now(struct rogue *r, u32 *w)
{
	unsigned int i;

	if (!take(r))
		return 0;
	for (i = 0; i < 3; i++)
		w[i] = rd(r, SNIC_VF_VMBMEM + 4 * i);
	wr(r, SNIC_V2PMAILBOX, SNIC_V2P_ACK);
	return 1;
}

/* Wait up to @us for a PF message and read it; 0 if none arrived. */
static int read_reply(struct rogue *r, u32 *w, unsigned int us)
{
	return wait_bit(r, SNIC_V2P_PFSTS, us) && read_now(r, w);
}

/*
 * One request and its answer. Returns the answer's word 0, or 0 when
 * there was none (counted in none). PF_CONTROL and extension events that
 * arrive instead are consumed and skipped.
 */
static u32 exchange(struct rogue *r, const u32 *w, unsigned int n, u32 *out)
{
	u32 rep[3] = { 0 };
	int i;

	r->seen &= ~(SNIC_V2P_PFSTS | SNIC_V2P_PFACK);
	if (!post(r, w, n, 0))
		return 0;
	for (i = 0; i < 4; i++) {
		if (!read_reply(r, rep, r->reply_us))
			break;
		if ((rep[0] & SNIC_MSG_TYPE) == SNIC_MSG_PF_CONTROL ||
		    (rep[0] & SNIC_MSG_TYPE) == SNIC_MSG_EXT_EVENT)
			continue;
		count_reply(r, rep[0]);
		if (out)
			memcpy(out, rep, sizeof(rep));
		return rep[0] ? rep[0] : 1;
	}
	r->none++;
	return 0;
}

/* The VF's own reset, then the RESET handshake; 1 when clear to send. */
static int vf_reset(struct rogue *r)
{
	u32 w = SNIC_MSG_RESET, rep[3];
	double end;

	wr(r, SNIC_VF_CTRL, SNIC_VF_CTRL_RST);
	usleep(1000);
	end = now() + 2;
	while (ctl(r) & SNIC_V2P_RSTI) {
		if (now() > end)
			return 0;
		usleep(1000);
	}
	if (!exchange(r, &w, 1, rep))
		return 0;
	if (rep[0] == (SNIC_MSG_RESET | SNIC_MSG_ACK)) {
		r->mac[0] = rep[1];
		r->mac[1] = rep[1] >> 8;
		r->mac[2] = rep[1] >> 16;
		r->mac[3] = rep[1] >> 24;
		r->mac[4] = rep[2];
		r->mac[5] = rep[2] >> 8;
		return 1;
	}
	return (rep[0] & SNIC_MSG_TYPE) == SNIC_MSG_RESET;
}

/* ---- pacing and the run loop --------------------------------------------- */

static int more(struct rogue *r)
{
	double t = elapsed(r);

	if (r->count && r->ops >= r->count)
		return 0;
	if (r->seconds > 0 && t >= r->seconds)
		return 0;
	if (r->rate > 0 && r->ops > r->rate * t) {
		double ahead = r->ops / r->rate - t;

		if (ahead > 0)
			usleep(ahead * 1e6);
	}
	return 1;
}

static void mac_words(const u8 *m, u32 *lo, u32 *hi)
{
	*lo = m[0] | m[1] << 8 | m[2] << 16 | (u32)m[3] << 24;
	*hi = m[4] | m[5] << 8;
}

static void random_unicast(struct rogue *r, u8 *m)
{
	u64 x = rnd(r);
	int i;

	for (i = 0; i < ETH_ALEN; i++)
		m[i] = x >> (8 * i);
	m[0] = (m[0] & 0xfc) | 0x02;	/* local, unicast */
	if (!(m[1] | m[2] | m[3] | m[4] | m[5]))
		m[5] = 1;
}

/* ---- modes --------------------------------------------------------------- */

static void mode_null(struct rogue *r)
{
	u32 w[SNIC_MBX_WORDS] = { 0 };
	unsigned int i;

	while (more(r)) {
		/* storm's accesses: 4 writes, 2 reads, to nothing that matters */
		w[0] = rnd(r) & SNIC_VF_EITR_INTERVAL;
		for (i = 0; i < 3; i++)
			wr(r, SNIC_VF_EITR(2), w[0]);
		rd(r, SNIC_VF_STATUS);
		wr(r, SNIC_VF_EITR(2), 0);
		rd(r, SNIC_VF_STATUS);
		r->ops++;
	}
}

/* A PF message that arrived meanwhile: read, ACK and count it. */
static void consume(struct rogue *r)
{
	u32 rep[3];

	if (seen(r, SNIC_V2P_PFSTS) && read_now(r, rep))
		count_reply(r, rep[0]);
}

static void mode_random(struct rogue *r)
{
	u32 c, bits = SNIC_V2P_REQ | SNIC_V2P_ACK | SNIC_V2P_VFU;
	unsigned int i;

	while (more(r)) {
		for (i = 0; i < SNIC_MBX_WORDS; i++)
			wr(r, SNIC_VF_VMBMEM + 4 * i, rnd(r));
		c = rnd(r) & bits;
		wr(r, SNIC_V2PMAILBOX, c);
		if (c & SNIC_V2P_REQ)
			r->msgs++;
		consume(r);
		r->ops++;
	}
	wr(r, SNIC_V2PMAILBOX, 0);	/* let go of the buffer */
}

static const u16 fuzz_types[] = {
	SNIC_MSG_RESET, SNIC_MSG_SET_MAC, SNIC_MSG_SET_MC, SNIC_MSG_SET_VLAN,
	SNIC_MSG_SET_LPE, SNIC_MSG_SET_PROMISC, SNIC_MSG_EXT_HELLO,
	SNIC_MSG_EXT_EVENT, SNIC_MSG_PF_CONTROL, 0x0000, 0x0007, 0x0008,
	0x00ff, 0xffff,
};

#define N_FUZZ_TYPES	ARRAY_SIZE(fuzz_types)

/* Fields near what each type means, half of the time. */
static void fuzz_fields(struct rogue *r, u16 type, u32 *w)
{
	u64 x = rnd(r);

	if (x & 1)
		return;		/* fully random words */
	switch (type) {
	case SNIC_MSG_SET_MAC:
		w[2] &= 0xffff;
		break;
	case SNIC_MSG_SET_VLAN:
		w[1] &= (x & 2) ? 0xfff : 0xffff;
		break;
	case SNIC_MSG_SET_LPE:
		w[1] = 1 + (u32)(x >> 8) % 12000;
		break;
	case SNIC_MSG_EXT_HELLO:
		w[1] = SNIC_EXT_MAGIC | ((x >> 8) & 0xffff);
		break;
	default:
		break;
	}
}

static void mode_fuzz(struct rogue *r)
{
	u64 per_type[N_FUZZ_TYPES] = { 0 };
	u32 w[SNIC_MBX_WORDS], rep[3];
	unsigned int i, len, t;
	u64 x, resets = 0;

	if (vf_reset(r))
		resets++;
	while (more(r)) {
		x = rnd(r);
		t = x % N_FUZZ_TYPES;
		len = 1 + (x >> 8) % SNIC_MBX_WORDS;
		for (i = 0; i < SNIC_MBX_WORDS; i++)
			w[i] = rnd(r);
		/* random MSGINFO; flags and reserved bits rarely */
		w[0] = fuzz_types[t] | (w[0] & SNIC_MSG_INFO) |
		       ((x >> 16) % 16 ? 0 : (w[0] & ~(SNIC_MSG_TYPE | SNIC_MSG_INFO)));
		fuzz_fields(r, fuzz_types[t], w);
		per_type[t]++;
		rep[0] = 0;
		if (!exchange(r, w, len, rep) || rep[0] == SNIC_MSG_NACK) {
			/* no answer or a bare NACK: not clear to send */
			if (vf_reset(r))
				resets++;
		}
		r->ops++;
	}
	extra(r, " resets=%" PRIu64 " types=%u", resets, (unsigned int)N_FUZZ_TYPES);
	for (i = 0; i < N_FUZZ_TYPES; i++)
		if (!per_type[i])
			extra(r, " untested=0x%x", fuzz_types[i]);
}

static void mode_storm(struct rogue *r)
{
	static const u32 reqs[][2] = {
		{ SNIC_MSG_SET_LPE, 1522 },
		{ SNIC_MSG_SET_VLAN | FIELD_PREP(SNIC_MSG_INFO, 1), 77 },
		{ SNIC_MSG_SET_VLAN, 77 },
		{ SNIC_MSG_SET_PROMISC | FIELD_PREP(SNIC_MSG_INFO, SNIC_PROMISC_MC), 0 },
		{ SNIC_MSG_SET_MC, 0 },
	};
	unsigned int i;

	vf_reset(r);
	while (more(r)) {
		i = r->ops % ARRAY_SIZE(reqs);
		post(r, reqs[i], 2, 0);
		consume(r);
		r->ops++;
	}
}

static void mode_vfu(struct rogue *r)
{
	u32 w[2] = { SNIC_MSG_SET_LPE, 1522 };

	vf_reset(r);
	take(r);
	while (more(r)) {
		wr(r, SNIC_VF_VMBMEM, w[0]);
		wr(r, SNIC_VF_VMBMEM + 4, w[1]);
		wr(r, SNIC_V2PMAILBOX, SNIC_V2P_REQ | SNIC_V2P_VFU);
		r->msgs++;
		if (!(ctl(r) & SNIC_V2P_VFU)) {
			r->busy++;	/* lost it: take it back */
			take(r);
		}
		r->ops++;
	}
	extra(r, " pfsts=%d", !!(r->seen & SNIC_V2P_PFSTS));
	wr(r, SNIC_V2PMAILBOX, 0);
}

static void mode_noack(struct rogue *r)
{
	u32 w[SNIC_MBX_WORDS];
	unsigned int i;
	u64 pf_msgs = 0;

	vf_reset(r);
	while (more(r)) {
		for (i = 0; i < SNIC_MBX_WORDS; i++)
			w[i] = rnd(r);
		/* a known type with garbage MSGINFO and fields, no flags */
		w[0] = fuzz_types[w[0] % 7] | (w[0] & SNIC_MSG_INFO);
		post(r, w, SNIC_MBX_WORDS, 0);
		if (seen(r, SNIC_V2P_PFSTS))
			pf_msgs++;	/* never read, never ACKed */
		r->ops++;
	}
	r->none = r->msgs;
	extra(r, " pf_msgs_unread=%" PRIu64, pf_msgs);
}

static void mode_rst(struct rogue *r)
{
	u64 rsti = 0;

	while (more(r)) {
		wr(r, SNIC_VF_CTRL, SNIC_VF_CTRL_RST);
		if (ctl(r) & SNIC_V2P_RSTI)
			rsti++;
		r->ops++;
	}
	extra(r, " resets=%" PRIu64 " rsti_seen=%" PRIu64, r->ops, rsti);
}

static void mode_flr(struct rogue *r)
{
	char p[600];
	int fd;

	snprintf(p, sizeof(p), "%s/reset", r->devdir);
	fd = open(p, O_WRONLY);
	if (fd < 0)
		die("%s: %s", p, strerror(errno));
	while (more(r)) {
		if (pwrite(fd, "1", 1, 0) != 1)
			die("%s: %s", p, strerror(errno));
		r->ops++;
	}
	close(fd);
	extra(r, " flrs=%" PRIu64, r->ops);
}

static void mode_fill(struct rogue *r)
{
	u64 mac_ok = 0, vlan_ok = 0, rounds = 0;
	unsigned int most_mac = 0, most_vlan = 0, n;
	u32 w[SNIC_MBX_WORDS], vid = 1;
	u8 m[ETH_ALEN];

	vf_reset(r);
	while (more(r)) {
		/* extra unicast filters until refused */
		for (n = 0; more(r); n++, r->ops++) {
			random_unicast(r, m);
			w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_ADD);
			mac_words(m, &w[1], &w[2]);
			if (!(exchange(r, w, 3, NULL) & SNIC_MSG_ACK))
				break;
			mac_ok++;
		}
		most_mac = n > most_mac ? n : most_mac;
		/* VLANs until refused */
		for (n = 0; more(r); n++, r->ops++) {
			w[0] = SNIC_MSG_SET_VLAN | FIELD_PREP(SNIC_MSG_INFO, 1);
			w[1] = vid;
			vid = vid % SNIC_VLAN_MAX_VID + 1;
			if (!(exchange(r, w, 2, NULL) & SNIC_MSG_ACK))
				break;
			vlan_ok++;
		}
		most_vlan = n > most_vlan ? n : most_vlan;
		/* a full multicast list too */
		w[0] = SNIC_MSG_SET_MC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MC_MAX);
		for (n = 1; n <= SNIC_MC_MAX / 2; n++)
			w[n] = rnd(r) & 0x0fff0fff;
		exchange(r, w, 1 + SNIC_MC_MAX / 2, NULL);
		r->ops++;
		/* give it all back, and again */
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_CLEAR);
		w[1] = w[2] = 0;
		exchange(r, w, 3, NULL);
		vf_reset(r);	/* drops the VLANs */
		rounds++;
		r->ops += 2;
	}
	extra(r, " macs_granted=%" PRIu64 " vlans_granted=%" PRIu64
	      " most_macs=%u most_vlans=%u rounds=%" PRIu64,
	      mac_ok, vlan_ok, most_mac, most_vlan, rounds);
}

static void mode_theft(struct rogue *r)
{
	u64 prim_ok = 0, add_ok = 0;
	u32 w[3];
	unsigned int t;

	if (!r->n_targets)
		die("theft needs --target MAC");
	vf_reset(r);
	while (more(r)) {
		t = r->ops % r->n_targets;
		mac_words(r->targets[t], &w[1], &w[2]);
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_PRIMARY);
		if (exchange(r, w, 3, NULL) & SNIC_MSG_ACK)
			prim_ok++;
		w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_ADD);
		if (exchange(r, w, 3, NULL) & SNIC_MSG_ACK)
			add_ok++;
		r->ops++;
		if (!(r->ops % 64)) {
			/* the filters again from scratch */
			w[0] = SNIC_MSG_SET_MAC | FIELD_PREP(SNIC_MSG_INFO, SNIC_MAC_CLEAR);
			exchange(r, w, 3, NULL);
		}
	}
	extra(r, " targets=%u primary_acked=%" PRIu64 " filter_acked=%" PRIu64
	      " stolen=%" PRIu64, r->n_targets, prim_ok, add_ok, prim_ok + add_ok);
}

/* ---- steer: DMA from locked memory --------------------------------------- */

#define STEER_PAGES	16		/* 1 ring page + 15 data pages */
#define STEER_RING	240		/* descriptors: 30 x 128 bytes */
#define PAGE		4096

static u64 phys_of(int pm, void *va)
{
	u64 e;

	if (pread(pm, &e, sizeof(e), ((uintptr_t)va / PAGE) * sizeof(e)) != sizeof(e))
		die("pagemap: %s", strerror(errno));
	if (!(e & (1ULL << 63)) || !(e & ((1ULL << 55) - 1)))
		die("pagemap gives no frame number (root needed)");
	return (e & ((1ULL << 55) - 1)) * PAGE;
}

static void bus_master(struct rogue *r)
{
	char p[600];
	u16 cmd = 0;
	int fd;

	snprintf(p, sizeof(p), "%s/config", r->devdir);
	fd = open(p, O_RDWR);
	if (fd < 0 || pread(fd, &cmd, 2, 4) != 2)
		die("%s: %s", p, strerror(errno));
	cmd |= 0x6;	/* memory space, bus master */
	if (pwrite(fd, &cmd, 2, 4) != 2)
		die("%s: %s", p, strerror(errno));
	close(fd);
}

struct steer {
	struct snic_tx_desc *ring;
	u64 ring_pa, data_pa[STEER_PAGES - 1];
	unsigned int tail;
};

/* Queue one frame of @len bytes at the tail; returns descriptors used. */
static unsigned int steer_frame(struct steer *s, unsigned int len)
{
	unsigned int used = 0, chunk;

	while (len) {
		struct snic_tx_desc *d = &s->ring[s->tail];

		chunk = len > PAGE ? PAGE : len;
		len -= chunk;
		d->addr = s->data_pa[used];
		d->cmd_type_len = FIELD_PREP(SNIC_TXD_DTALEN, chunk) |
				  FIELD_PREP(SNIC_TXD_DTYP, SNIC_DTYP_DATA) |
				  SNIC_TXD_DEXT | (len ? 0 : SNIC_TXD_EOP);
		d->olinfo_status = 0;
		s->tail = (s->tail + 1) % STEER_RING;
		used++;
	}
	return used;
}

/* Send frames; returns 0 when the VF's queue stopped taking them. */
static int steer_kick(struct rogue *r, struct steer *s)
{
	u32 q = SNIC_VF_TXQ(0);

	__sync_synchronize();
	wr(r, q + SNIC_TDT, s->tail);
	return rd(r, q + SNIC_TDH) == s->tail;
}

static void mode_steer(struct rogue *r)
{
	u32 q = SNIC_VF_TXQ(0), start, c, k, gotc;
	unsigned int i, batch, fmax = r->frame_max, fmin = 60;
	u64 frames = 0, left;
	struct steer s = { 0 };
	u8 *mem, *hdr;
	double t_land = 0;
	int pm;

	if (fmax > (STEER_PAGES - 1) * PAGE)
		fmax = (STEER_PAGES - 1) * PAGE;
	if (!vf_reset(r))
		die("steer: no RESET handshake (is the PF serving the VF?)");
	bus_master(r);
	mem = mmap(NULL, STEER_PAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	memset(mem, 0, STEER_PAGES * PAGE);
	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0)
		die("pagemap: %s", strerror(errno));
	s.ring = (struct snic_tx_desc *)mem;
	s.ring_pa = phys_of(pm, mem);
	for (i = 0; i < STEER_PAGES - 1; i++)
		s.data_pa[i] = phys_of(pm, mem + (i + 1) * PAGE);
	close(pm);
	/* To nobody on the wire, from the VF's address. */
	hdr = mem + PAGE;
	memcpy(hdr, "\x02\x00\x00\xde\xad\x01", ETH_ALEN);
	memcpy(hdr + ETH_ALEN, r->mac, ETH_ALEN);
	hdr[12] = 0x88;
	hdr[13] = 0xb5;		/* local experimental ethertype */

	wr(r, q + SNIC_TXDCTL, 0);
	wr(r, q + SNIC_TDBAL, (u32)s.ring_pa);
	wr(r, q + SNIC_TDBAH, (u32)(s.ring_pa >> 32));
	wr(r, q + SNIC_TDLEN, STEER_RING * SNIC_DESC_SIZE);
	wr(r, q + SNIC_TDH, 0);
	wr(r, q + SNIC_TDT, 0);
	wr(r, q + SNIC_TXDCTL, SNIC_TXDCTL_ENABLE);

	/* Calibrate: what one frame adds (the model adds the CRC). */
	start = rd(r, SNIC_VF_GOTC);
	steer_frame(&s, fmin);
	if (!steer_kick(r, &s))
		die("steer: the VF's TX queue does not run (TDH %u, tail %u)",
		    rd(r, q + SNIC_TDH), s.tail);
	c = rd(r, SNIC_VF_GOTC);
	k = c - start - fmin;
	if (c == start)
		die("steer: a sent frame did not count");
	frames++;
	r->ops++;
	/* Big frames while far, then exactly what lands on all-ones. */
	for (;;) {
		c = rd(r, SNIC_VF_GOTC);
		left = (u64)SNIC_DEAD - c;
		if (!left) {
			t_land = elapsed(r);
			break;
		}
		if (r->seconds > 0 && elapsed(r) >= r->seconds)
			break;
		for (batch = 0; batch < 14 && left; batch++) {
			unsigned int len;

			if (left >= (u64)2 * (fmax + k) + fmin + k)
				len = fmax;
			else if (left <= fmax + k)
				len = left - k;
			else
				len = left - k - (fmin + k);
			if (len < fmin)
				len = fmin;	/* cannot land: overshoot */
			steer_frame(&s, len);
			left -= len + k < left ? len + k : left;
			frames++;
		}
		if (!steer_kick(r, &s))
			break;
		r->ops++;
	}
	gotc = rd(r, SNIC_VF_GOTC);
	/* Hold it there for the PF's statistics to read. */
	if (gotc == SNIC_DEAD && r->hold > 0)
		usleep(r->hold * 1e6);
	extra(r, " start=0x%08x gotc=0x%08x crc=%u frames=%" PRIu64
	      " landed=%d land_secs=%.2f held=%.1f", start, gotc, k, frames,
	      gotc == SNIC_DEAD, t_land, gotc == SNIC_DEAD ? r->hold : 0.0);
	/* Stop the queue and give the memory back only after a reset. */
	wr(r, q + SNIC_TXDCTL, 0);
	wr(r, SNIC_VF_CTRL, SNIC_VF_CTRL_RST);
	usleep(10000);
	munmap(mem, STEER_PAGES * PAGE);
}

/* ---- main ---------------------------------------------------------------- */

static const struct {
	const char *name;
	void (*run)(struct rogue *r);
} modes[] = {
	{ "null", mode_null }, { "random", mode_random }, { "fuzz", mode_fuzz },
	{ "storm", mode_storm }, { "vfu", mode_vfu }, { "noack", mode_noack },
	{ "rst", mode_rst }, { "flr", mode_flr }, { "fill", mode_fill },
	{ "theft", mode_theft }, { "steer", mode_steer },
};

static void print_usage(void)
{
	static const char * const lines[] = {
		"rogue-vf --bar /sys/bus/pci/devices/BDF/resource0 --mode M",
		"  [--seconds S] [--count N] [--rate OPS_PER_S] [--seed N]",
		"  [--target MAC]... [--reply-ms MS] [--frame-max BYTES] [--hold S]",
		"modes: null random fuzz storm vfu noack rst flr fill theft steer",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lines); i++)
		fprintf(stderr, "%s\n", lines[i]);
	exit(2);
}

static void parse_mac(const char *s, u8 *m)
{
	unsigned int b[ETH_ALEN], i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != ETH_ALEN)
		die("bad MAC %s", s);
	for (i = 0; i < ETH_ALEN; i++)
		m[i] = b[i];
}

static void parse(struct rogue *r, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "bar", 1, NULL, 'b' }, { "mode", 1, NULL, 'm' },
		{ "seconds", 1, NULL, 's' }, { "count", 1, NULL, 'n' },
		{ "rate", 1, NULL, 'r' }, { "seed", 1, NULL, 'S' },
		{ "target", 1, NULL, 't' }, { "reply-ms", 1, NULL, 'R' },
		{ "frame-max", 1, NULL, 'F' }, { "hold", 1, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	r->seconds = 5;
	r->reply_us = 50000;
	r->rng = 0x5eed;
	r->frame_max = 9018;
	r->hold = 4;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			r->path = optarg;
			break;
		case 'm':
			r->mode = optarg;
			break;
		case 's':
			r->seconds = atof(optarg);
			break;
		case 'n':
			r->count = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			r->rate = atof(optarg);
			break;
		case 'S':
			r->rng = strtoull(optarg, NULL, 0) | 1;
			break;
		case 'R':
			r->reply_us = atof(optarg) * 1000;
			break;
		case 'F':
			r->frame_max = strtoul(optarg, NULL, 0);
			break;
		case 'H':
			r->hold = atof(optarg);
			break;
		case 't':
			if (r->n_targets == MAX_TARGETS)
				die("at most %d targets", MAX_TARGETS);
			parse_mac(optarg, r->targets[r->n_targets++]);
			break;
		default:
			print_usage();
		}
	}
	if (!r->path || !r->mode)
		print_usage();
}

int main(int argc, char **argv)
{
	struct rogue r = { 0 };
	unsigned int i;
	char *slash;
	double secs;
	int fd;

	parse(&r, argc, argv);
	snprintf(r.devdir, sizeof(r.devdir), "%s", r.path);
	slash = strrchr(r.devdir, '/');
	if (slash)
		*slash = 0;
	fd = open(r.path, O_RDWR | O_SYNC);
	if (fd < 0)
		die("%s: %s", r.path, strerror(errno));
	r.bar = mmap(NULL, VF_BAR_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (r.bar == MAP_FAILED)
		die("mmap %s: %s (a bound driver makes the BAR exclusive)", r.path,
		    strerror(errno));
	for (i = 0; i < ARRAY_SIZE(modes); i++)
		if (!strcmp(modes[i].name, r.mode))
			break;
	if (i == ARRAY_SIZE(modes))
		print_usage();
	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	modes[i].run(&r);
	secs = elapsed(&r);
	printf("rogue-vf: mode=%s msgs=%" PRIu64 " ops=%" PRIu64, r.mode, r.msgs, r.ops);
	printf(" secs=%.2f rate=%.0f/s", secs,
	       secs > 0 ? (r.msgs ? r.msgs : r.ops) / secs : 0.0);
	printf(" ack=%" PRIu64 " nack=%" PRIu64 " none=%" PRIu64, r.ack, r.nack, r.none);
	printf(" busy=%" PRIu64 " dead_reads=%" PRIu64 "%s\n", r.busy, r.dead_reads,
	       r.extra);
	munmap((void *)r.bar, VF_BAR_BYTES);
	close(fd);
	return 0;
}
