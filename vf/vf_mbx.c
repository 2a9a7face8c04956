// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: talking to the PF.
 *
 * Every exchange is a request and one answer, in process context, under
 * &snic_vf.mbx_lock. Messages the PF sends on its own (PF_CONTROL, a bare
 * NACK) may arrive at any time, also while we wait for an answer; they are
 * handled wherever they are read. An answer that says we lost "clear to
 * send", or no answer at all, schedules a recovery (vf_link.c); the
 * request itself fails and the caller keeps its previous state.
 *
 * The sriovnic extension (include/sriovnic/mbx_proto.h) is offered once
 * after every RESET with EXT_HELLO. A PF that does not know it (Linux igb)
 * NACKs it, and from then until the next RESET the VF speaks the base
 * protocol exactly as if it had never asked. A PF that ACKs grants a set
 * of capabilities: EXT_EVENT LINK and MAC messages, and a reason word in
 * its NACKs. Nothing else the VF sends changes.
 */
#include <linux/etherdevice.h>
#include <linux/lockdep.h>

#include "vf.h"
#include "vf_trace.h"

/* Messages read while waiting for one answer before giving up. */
#define SNIC_VF_MAX_CROSSING	4

static u32 snic_vf_mbx_rd_ctl(struct snic_mbx *mbx)
{
	return vf_rd32(mbx->priv, SNIC_V2PMAILBOX);
}

static void snic_vf_mbx_wr_ctl(struct snic_mbx *mbx, u32 val)
{
	vf_wr32(mbx->priv, SNIC_V2PMAILBOX, val);
}

static u32 snic_vf_mbx_rd_mem(struct snic_mbx *mbx, unsigned int i)
{
	return vf_rd32(mbx->priv, SNIC_VF_VMBMEM + 4 * i);
}

static void snic_vf_mbx_wr_mem(struct snic_mbx *mbx, unsigned int i, u32 val)
{
	vf_wr32(mbx->priv, SNIC_VF_VMBMEM + 4 * i, val);
}

static const struct snic_mbx_ops snic_vf_mbx_ops = {
	.rd_ctl	= snic_vf_mbx_rd_ctl,
	.wr_ctl	= snic_vf_mbx_wr_ctl,
	.rd_mem	= snic_vf_mbx_rd_mem,
	.wr_mem	= snic_vf_mbx_wr_mem,
};

/**
 * snic_vf_mbx_init() - set up the VF end of the mailbox
 * @vf: the VF; @vf->mbx_lock must be initialised
 */
void snic_vf_mbx_init(struct snic_vf *vf)
{
	snic_mbx_init(&vf->mbx, &snic_vf_mbx_ops, &snic_mbx_vf_bits, vf,
		      &vf->mbx_lock);
}

/**
 * snic_vf_ext_reset() - back to the base protocol until EXT_HELLO is ACKed
 * @vf: the VF, with @vf->mbx_lock held
 *
 * A pending address from EXT_EVENT MAC is dropped too: the RESET answer
 * that follows carries the PF's current address.
 */
void snic_vf_ext_reset(struct snic_vf *vf)
{
	struct snic_vfd_ext *ext = &vf->ext;

	lockdep_assert_held(&vf->mbx_lock);
	ext->version = 0;
	ext->caps = 0;
	ext->link_up = true;
	ext->link_reason = SNIC_LINK_UP;
	ext->mac_pending = false;
	ext->refusal = SNIC_REFUSE_UNSPEC;
}

/* EXT_EVENT: only from a PF that ACKed our EXT_HELLO and granted the cap. */
static void snic_vf_ext_event(struct snic_vf *vf, const struct snic_msg *m)
{
	struct snic_vfd_ext *ext = &vf->ext;
	u32 need;

	lockdep_assert_held(&vf->mbx_lock);
	switch (m->info) {
	case SNIC_EXT_EV_LINK:
		need = SNIC_EXT_CAP_LINK;
		break;
	case SNIC_EXT_EV_MAC:
		need = SNIC_EXT_CAP_LIVE_MAC;
		break;
	default:
		need = 0;
		break;
	}
	if (!ext->version || !need || !(ext->caps & need)) {
		snic_vf_warn_rl(vf, "ignoring extension event %u: %s\n", m->info,
				!ext->version ? "the extension was not negotiated" :
				!need ? "unknown event" : "capability not granted");
		return;
	}

	/* Every EXT_EVENT carries CTS as PF_CONTROL does. */
	vf->cts = m->flags & SNIC_MSG_CTS;
	if (m->info == SNIC_EXT_EV_LINK) {
		ext->link_up = m->link.up;
		ext->link_reason = m->link.up ? SNIC_LINK_UP : m->link.reason;
		return;
	}

	if (!is_valid_ether_addr(m->mac)) {
		snic_vf_warn_rl(vf, "ignoring PF address %pM: not a unicast address\n",
				m->mac);
		return;
	}
	ether_addr_copy(ext->mac, m->mac);
	ext->mac_pending = true;
	snic_vf_service_now(vf);
}

/* A message the PF sent on its own. */
static void snic_vf_pf_msg(struct snic_vf *vf, const struct snic_msg *m)
{
	bool cts = m->flags & SNIC_MSG_CTS;

	lockdep_assert_held(&vf->mbx_lock);
	if (m->type == SNIC_MSG_PF_CONTROL) {
		vf->sw_stats.pf_control++;
		if (cts != vf->cts)
			netif_info(vf, link, vf->netdev, "PF %s\n",
				   cts ? "grants clear to send" :
					 "revoked clear to send");
		vf->cts = cts;
		return;
	}
	if (m->type == SNIC_MSG_EXT_EVENT) {
		snic_vf_ext_event(vf, m);
		return;
	}
	if (snic_vf_classify_reply(m, 0) == SNIC_VFD_REPLY_LOST_CTS) {
		vf->sw_stats.lost_cts++;
		snic_vf_schedule_reset(vf, SNIC_VF_RR_LOST_CTS);
	}
}

/* Handle one message the PF posted on its own; false if it could not be read. */
static bool snic_vf_mbx_take_msg(struct snic_vf *vf)
{
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;
	int err;

	if (snic_mbx_read(&vf->mbx, w, SNIC_MBX_WORDS)) {
		/* Reading failed after the event was consumed: look later. */
		snic_mbx_requeue(&vf->mbx, SNIC_MBX_EV_MSG);
		return false;
	}
	err = snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REPLY, &m);
	if (err == -EADDRNOTAVAIL && m.type == SNIC_MSG_EXT_EVENT)
		snic_vf_warn_rl(vf, "ignoring an address from the PF (words %08x %08x): not a unicast address\n",
				w[1], w[2]);
	else if (err)
		snic_vf_warn_rl(vf, "ignoring malformed PF message %08x\n",
				w[0]);
	else
		snic_vf_pf_msg(vf, &m);
	return true;
}

/**
 * snic_vf_mbx_poll() - handle messages the PF posted on its own
 * @vf: the VF, with @vf->mbx_lock held
 *
 * Reads at most a few messages so a chattering PF cannot hold the work.
 */
void snic_vf_mbx_poll(struct snic_vf *vf)
{
	unsigned int i;

	lockdep_assert_held(&vf->mbx_lock);
	for (i = 0; i < SNIC_VF_MAX_CROSSING; i++) {
		if (!snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_MSG))
			return;
		if (!snic_vf_mbx_take_msg(vf))
			return;
	}
}

/* Microseconds left until @deadline (jiffies), 0 once it passed. */
static unsigned int snic_vf_left_us(unsigned long deadline)
{
	long left = (long)(deadline - jiffies);

	return left > 0 ? jiffies_to_usecs(left) : 0;
}

/*
 * Read the answer to @req, posted and ACKed. Messages the PF sent on its
 * own in between are handled and the wait goes on, a few times at most.
 * Return: as snic_vf_request(), or an error of snic_mbx_read_posted().
 */
static int snic_vf_answer(struct snic_vf *vf, const struct snic_msg *req,
			  struct snic_msg *reply)
{
	bool probe = req->type == SNIC_MSG_EXT_HELLO;
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;
	unsigned int i;
	int err;

	for (i = 0; i < SNIC_VF_MAX_CROSSING; i++) {
		err = snic_mbx_read_posted(&vf->mbx, w, SNIC_MBX_WORDS,
					   SNIC_MBX_REPLY_TIMEOUT_US);
		if (err)
			return err;
		if (snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REPLY, &m)) {
			snic_vf_warn_rl(vf, "malformed answer %08x to %s\n",
					w[0], snic_msg_name(req->type));
			if (probe && m.type == req->type)
				return -EPROTO;
			continue;
		}
		switch (snic_vf_classify_reply(&m, req->type)) {
		case SNIC_VFD_REPLY_ACK:
			/*
			 * Every answer but RESET's says whether we may
			 * send; a PF that keeps a VF's link down (state
			 * disable) ACKs without CTS.
			 */
			if (!(snic_msg_desc(req->type)->flags &
			      SNIC_MSGD_NO_CTS))
				vf->cts = m.flags & SNIC_MSG_CTS;
			if (reply)
				*reply = m;
			return 0;
		case SNIC_VFD_REPLY_REFUSED:
			if (reply)
				*reply = m;
			/* RESET and the probe: a NACK is an answer, no refusal */
			if (!(snic_msg_desc(req->type)->flags &
			      SNIC_MSGD_BASE_NACK)) {
				vf->sw_stats.refused++;
				vf->ext.refusal = snic_vf_refusal(vf->ext.caps,
								  m.reason);
			}
			return -EPERM;
		case SNIC_VFD_REPLY_LOST_CTS:
			vf->sw_stats.lost_cts++;
			vf->cts = false;
			snic_vf_schedule_reset(vf, SNIC_VF_RR_LOST_CTS);
			return -ENOTCONN;
		case SNIC_VFD_REPLY_CONTROL:
			snic_vf_pf_msg(vf, &m);
			continue;
		case SNIC_VFD_REPLY_STRAY:
			continue;
		}
	}
	return -EPROTO;
}

/*
 * The body of snic_vf_request() (below, with its trace event): send one
 * request and wait for its answer.
 * @vf: the VF, with @vf->mbx_lock held
 * @req: the request (flags must be 0)
 * @reply: if not NULL, the decoded answer (ACK or REFUSED cases)
 *
 * Requests other than RESET are only sent once the handshake completed.
 * A PF_CONTROL or EXT_EVENT that arrives in between is handled and the
 * wait goes on. A refusal's reason is left in @vf->ext.refusal.
 *
 * EXT_HELLO is a probe: its refusal is not counted, a malformed answer
 * ends the wait at once, and a PF that does not answer it is not reset
 * for that (the next request finds out whether the PF is still there).
 *
 * Return: 0 if the PF ACKed; -EPERM if it refused (NACK with CTS; for
 * RESET: no address assigned); -EAGAIN if the handshake is not done;
 * -ENOTCONN if we lost CTS or the PF reset meanwhile (both schedule a
 * recovery); -ETIMEDOUT/-EBUSY if the PF did not answer
 * (both schedule a recovery); -ENODEV if the device is gone; -EPROTO if
 * only unrelated messages came back (or EXT_HELLO got a malformed answer).
 */
static int __snic_vf_request(struct snic_vf *vf, struct snic_msg *req,
			     struct snic_msg *reply)
{
	bool reset = req->type == SNIC_MSG_RESET;
	unsigned long deadline;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len, posts;
	int err;

	lockdep_assert_held(&vf->mbx_lock);
	vf->ext.refusal = SNIC_REFUSE_UNSPEC;
	if (snic_vf_gone(vf))
		return -ENODEV;
	if (!reset && !vf->ready)
		return -EAGAIN;

	err = snic_msg_encode(req, SNIC_DIR_REQUEST, w, &len);
	if (err)
		return err;

	/* Whatever the PF posted before this request is not its answer. */
	snic_vf_mbx_poll(vf);
	/* One of those asked us to reset: the PF would drop the request. */
	if (!reset && !vf->ready)
		return -ENOTCONN;

	/*
	 * Post until the PF took it, within one deadline. The buffer is
	 * shared: a PF that writes a message of its own before it reads ours
	 * (Linux igb pings every VF on a link change and flushes any pending
	 * request when it does) overwrote our request, which will never be
	 * answered (SNIC_MBX_CROSSED). That message is read, handled, and the
	 * request posted again, unless it asked us to reset (only RESET is
	 * worth posting then). A PF reset ends the wait (-ECONNRESET).
	 */
	deadline = jiffies + usecs_to_jiffies(SNIC_MBX_REPLY_TIMEOUT_US);
	for (posts = 0; ; posts++) {
		if (posts == SNIC_VF_MAX_CROSSING) {
			vf->mbx.stats.timeouts++;
			err = -ETIMEDOUT;
			break;
		}
		err = snic_mbx_post(&vf->mbx, w, len, snic_vf_left_us(deadline));
		if (err != SNIC_MBX_CROSSED)
			break;
		vf->sw_stats.crossed++;
		if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_MSG))
			snic_vf_mbx_take_msg(vf);
		if (!reset && !vf->ready)
			return -ENOTCONN;
	}
	if (!err)
		err = snic_vf_answer(vf, req, reply);

	if (err == -ECONNRESET) {
		snic_vf_check_pf_reset(vf);
		return -ENOTCONN;
	}
	if (err == -ETIMEDOUT || err == -EBUSY) {
		vf->sw_stats.mbx_timeouts++;
		snic_vf_warn_rl(vf, "PF did not answer %s (%d)\n",
				snic_msg_name(req->type), err);
		if (!reset && req->type != SNIC_MSG_EXT_HELLO)
			snic_vf_schedule_reset(vf, SNIC_VF_RR_TIMEOUT);
	}
	return err;
}

/**
 * snic_vf_request() - send one request and wait for its answer
 * @vf: the VF, with @vf->mbx_lock held
 * @req: the request (flags must be 0)
 * @reply: if not NULL, the decoded answer (ACK or REFUSED cases)
 *
 * As described above, plus the trace event sriovnic_vf_mbx: the request's
 * type, the answer's flags and refusal, the time taken.
 *
 * Return: as described above.
 */
int snic_vf_request(struct snic_vf *vf, struct snic_msg *req,
		    struct snic_msg *reply)
{
	bool traced = trace_sriovnic_vf_mbx_enabled();
	u64 t0 = traced ? ktime_get_ns() : 0;
	struct snic_msg r = { };
	int err;

	err = __snic_vf_request(vf, req, &r);
	if (traced)
		trace_sriovnic_vf_mbx(vf->pdev, req->type, req->info, err,
				      r.flags, r.reason, ktime_get_ns() - t0);
	if (reply && (!err || err == -EPERM))
		*reply = r;
	return err;
}

/**
 * snic_vf_set_mac() - ask for a new primary address
 * @vf: the VF, with @vf->mbx_lock held
 * @addr: a valid unicast address
 *
 * Return: as snic_vf_request().
 */
int snic_vf_set_mac(struct snic_vf *vf, const u8 *addr)
{
	struct snic_msg req = {
		.type = SNIC_MSG_SET_MAC,
		.mac_op = SNIC_MAC_PRIMARY,
	};

	ether_addr_copy(req.mac, addr);
	return snic_vf_request(vf, &req, NULL);
}

/**
 * snic_vf_set_uc() - replace the extra unicast filters
 * @vf: the VF, with @vf->mbx_lock held
 * @uc: the addresses
 * @count: how many, at most SNIC_VFD_MAX_UC
 *
 * The clear carries the primary address: some PFs validate the address
 * field of every SET_MAC, the clear included.
 *
 * Return: 0 when all were accepted, else the first error; entries before
 * it stay installed.
 */
int snic_vf_set_uc(struct snic_vf *vf, const u8 uc[][ETH_ALEN],
		   unsigned int count)
{
	struct snic_msg req = {
		.type = SNIC_MSG_SET_MAC,
		.mac_op = SNIC_MAC_CLEAR,
	};
	unsigned int i;
	int err;

	ether_addr_copy(req.mac, vf->netdev->dev_addr);
	err = snic_vf_request(vf, &req, NULL);
	if (err)
		return err;
	req.mac_op = SNIC_MAC_ADD;
	for (i = 0; i < count; i++) {
		ether_addr_copy(req.mac, uc[i]);
		err = snic_vf_request(vf, &req, NULL);
		if (err)
			return err;
	}
	return 0;
}

/**
 * snic_vf_set_mc() - send the multicast filter
 * @vf: the VF, with @vf->mbx_lock held
 * @mc: the filter; @mc->all sends the all-multicast form
 *
 * Return: as snic_vf_request().
 */
int snic_vf_set_mc(struct snic_vf *vf, const struct snic_vf_mc *mc)
{
	struct snic_msg req = { .type = SNIC_MSG_SET_MC };

	req.mc.all = mc->all;
	req.mc.count = mc->all ? 0 : mc->count;
	memcpy(req.mc.hash, mc->hash, sizeof(req.mc.hash));
	return snic_vf_request(vf, &req, NULL);
}

/**
 * snic_vf_set_vlan() - add or remove a VLAN filter
 * @vf: the VF, with @vf->mbx_lock held
 * @vid: VLAN id
 * @add: true to add
 *
 * Return: as snic_vf_request().
 */
int snic_vf_set_vlan(struct snic_vf *vf, u16 vid, bool add)
{
	struct snic_msg req = { .type = SNIC_MSG_SET_VLAN };

	req.vlan.add = add;
	req.vlan.vid = vid;
	return snic_vf_request(vf, &req, NULL);
}

/**
 * snic_vf_set_lpe() - set the largest frame the VF receives
 * @vf: the VF, with @vf->mbx_lock held
 * @max_frame: bytes, FCS included
 *
 * Return: as snic_vf_request().
 */
int snic_vf_set_lpe(struct snic_vf *vf, u32 max_frame)
{
	struct snic_msg req = { .type = SNIC_MSG_SET_LPE };

	req.max_frame = max_frame;
	return snic_vf_request(vf, &req, NULL);
}

/**
 * snic_vf_set_promisc() - ask for promiscuous reception
 * @vf: the VF, with @vf->mbx_lock held
 * @bits: SNIC_PROMISC_UC and/or SNIC_PROMISC_MC; 0 turns both off
 *
 * Return: as snic_vf_request().
 */
int snic_vf_set_promisc(struct snic_vf *vf, u8 bits)
{
	struct snic_msg req = { .type = SNIC_MSG_SET_PROMISC };

	req.promisc = bits;
	return snic_vf_request(vf, &req, NULL);
}

/**
 * snic_vf_ext_probe() - offer the sriovnic extension, once after RESET
 * @vf: the VF, with @vf->mbx_lock held, right after a completed RESET
 *
 * Sends EXT_HELLO with the version and capabilities this driver speaks and
 * keeps what an ACK grants (clamped to what was offered). A NACK (every PF
 * without the extension: Linux igb logs it as an unhandled message), no
 * answer or a malformed one leave the base protocol, and nothing is asked
 * again before the next RESET.
 *
 * Return: 0 whatever the PF answered, or -ENOTCONN/-ENODEV when the PF
 * revoked clear-to-send or the device is gone: the handshake failed.
 */
int snic_vf_ext_probe(struct snic_vf *vf)
{
	struct snic_msg req = {
		.type = SNIC_MSG_EXT_HELLO,
		.ext.version = SNIC_EXT_VERSION_CUR,
		.ext.caps = SNIC_EXT_CAPS_V1,
	}, reply = {};
	struct snic_vfd_ext *ext = &vf->ext;
	int err;

	lockdep_assert_held(&vf->mbx_lock);
	snic_vf_ext_reset(vf);
	err = snic_vf_request(vf, &req, &reply);
	ext->version = snic_vf_ext_accept(err, &reply, &ext->caps);
	if (ext->version)
		netif_info(vf, drv, vf->netdev,
			   "PF speaks the mailbox extension v%u, capabilities %#x\n",
			   ext->version, ext->caps);
	if (err == -ENOTCONN || err == -ENODEV)
		return err;
	return 0;
}

/**
 * snic_vf_why() - the reason of the last refusal, for a log line
 * @vf: the VF, with @vf->mbx_lock held since the refused request
 *
 * Return: ": <reason>", or "" when the PF gave none.
 */
const char *snic_vf_why(struct snic_vf *vf)
{
	lockdep_assert_held(&vf->mbx_lock);
	return snic_refusal(vf->ext.refusal)->text;
}

/**
 * snic_vf_refused_errno() - the errno for the last refusal
 * @vf: the VF, with @vf->mbx_lock held since the refused request
 *
 * Return: -EPERM when the PF gave no reason (the base protocol), else the
 * reason's errno (see snic_refusal()).
 */
int snic_vf_refused_errno(struct snic_vf *vf)
{
	lockdep_assert_held(&vf->mbx_lock);
	return snic_refusal(vf->ext.refusal)->err;
}
