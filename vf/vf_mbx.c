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
 */
#include <linux/etherdevice.h>
#include <linux/lockdep.h>

#include "vf.h"

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
	if (snic_vf_classify_reply(m, 0) == SNIC_VF_REPLY_LOST_CTS) {
		vf->sw_stats.lost_cts++;
		snic_vf_schedule_reset(vf, SNIC_VF_RR_LOST_CTS);
	}
}

static void snic_vf_mbx_requeue_msg(struct snic_vf *vf)
{
	/* Reading failed after the event was consumed: look again later. */
	vf->mbx.ctl_seen |= SNIC_V2P_PFSTS;
}

/* Handle one message the PF posted on its own; false if it could not be read. */
static bool snic_vf_mbx_take_msg(struct snic_vf *vf)
{
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;

	if (snic_mbx_read(&vf->mbx, w, SNIC_MBX_WORDS)) {
		snic_vf_mbx_requeue_msg(vf);
		return false;
	}
	if (snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REPLY, &m))
		netif_warn(vf, drv, vf->netdev,
			   "ignoring malformed PF message %08x\n", w[0]);
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

/*
 * Post a request and wait until the PF has taken it (PFACK).
 *
 * The buffer is shared: a PF that writes a message of its own before it
 * reads ours (Linux igb pings every VF on a link change and flushes any
 * pending request when it does) has overwritten our request, which will
 * never be answered. So a message that arrives before the ACK is read,
 * handled, and the request posted again. A message that arrives together
 * with the ACK is the answer and is left for the caller.
 */
static int snic_vf_post(struct snic_vf *vf, const u32 *w, unsigned int len)
{
	unsigned long deadline = jiffies +
				 usecs_to_jiffies(SNIC_MBX_REPLY_TIMEOUT_US);
	unsigned int posts;
	int err;

	for (posts = 0; posts < SNIC_VF_MAX_CROSSING; posts++) {
		err = snic_mbx_write(&vf->mbx, w, len);
		if (err)
			return err;
		for (;;) {
			if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_ACK))
				return 0;
			if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_MSG)) {
				/* PFACK precedes the answer's PFSTS. */
				if (snic_mbx_test_event(&vf->mbx,
							SNIC_MBX_EV_ACK)) {
					snic_vf_mbx_requeue_msg(vf);
					return 0;
				}
				break;
			}
			if (snic_vf_gone(vf))
				return -ENODEV;
			if (time_after(jiffies, deadline)) {
				vf->mbx.stats.timeouts++;
				return -ETIMEDOUT;
			}
			usleep_range(SNIC_MBX_POLL_US / 2, SNIC_MBX_POLL_US);
		}
		/* Crossed: the PF's message replaced ours. */
		vf->sw_stats.crossed++;
		snic_vf_mbx_take_msg(vf);
	}
	vf->mbx.stats.timeouts++;
	return -ETIMEDOUT;
}

/**
 * snic_vf_request() - send one request and wait for its answer
 * @vf: the VF, with @vf->mbx_lock held
 * @req: the request (flags must be 0)
 * @reply: if not NULL, the decoded answer (ACK or REFUSED cases)
 *
 * Requests other than RESET are only sent once the handshake completed.
 * A PF_CONTROL that arrives in between is handled and the wait goes on.
 *
 * Return: 0 if the PF ACKed; -EPERM if it refused (NACK with CTS; for
 * RESET: no address assigned); -EAGAIN if the handshake is not done;
 * -ENOTCONN if we lost CTS; -ETIMEDOUT/-EBUSY if the PF did not answer
 * (both schedule a recovery); -ENODEV if the device is gone; -EPROTO if
 * only unrelated messages came back.
 */
int snic_vf_request(struct snic_vf *vf, struct snic_msg *req,
		    struct snic_msg *reply)
{
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;
	unsigned int len, i;
	int err;

	lockdep_assert_held(&vf->mbx_lock);
	if (snic_vf_gone(vf))
		return -ENODEV;
	if (req->type != SNIC_MSG_RESET && !vf->ready)
		return -EAGAIN;

	err = snic_msg_encode(req, SNIC_DIR_REQUEST, w, &len);
	if (err)
		return err;

	/* Whatever the PF posted before this request is not its answer. */
	snic_vf_mbx_poll(vf);

	err = snic_vf_post(vf, w, len);
	for (i = 0; !err && i < SNIC_VF_MAX_CROSSING; i++) {
		err = snic_mbx_read_posted(&vf->mbx, w, SNIC_MBX_WORDS,
					   SNIC_MBX_REPLY_TIMEOUT_US);
		if (err)
			break;
		if (snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REPLY, &m)) {
			netif_warn(vf, drv, vf->netdev,
				   "malformed answer %08x to %s\n", w[0],
				   snic_msg_name(req->type));
			continue;
		}
		switch (snic_vf_classify_reply(&m, req->type)) {
		case SNIC_VF_REPLY_ACK:
			/*
			 * Every answer but RESET's says whether we may
			 * send; a PF that keeps a VF's link down (state
			 * disable) ACKs without CTS.
			 */
			if (req->type != SNIC_MSG_RESET)
				vf->cts = m.flags & SNIC_MSG_CTS;
			if (reply)
				*reply = m;
			return 0;
		case SNIC_VF_REPLY_REFUSED:
			if (reply)
				*reply = m;
			if (req->type != SNIC_MSG_RESET)
				vf->sw_stats.refused++;
			return -EPERM;
		case SNIC_VF_REPLY_LOST_CTS:
			vf->sw_stats.lost_cts++;
			vf->cts = false;
			snic_vf_schedule_reset(vf, SNIC_VF_RR_LOST_CTS);
			return -ENOTCONN;
		case SNIC_VF_REPLY_CONTROL:
			snic_vf_pf_msg(vf, &m);
			continue;
		case SNIC_VF_REPLY_STRAY:
			continue;
		}
	}
	if (!err)
		return -EPROTO;

	if (err == -ETIMEDOUT || err == -EBUSY) {
		vf->sw_stats.mbx_timeouts++;
		snic_vf_warn_rl(vf, "PF did not answer %s (%d)\n",
				snic_msg_name(req->type), err);
		if (req->type != SNIC_MSG_RESET)
			snic_vf_schedule_reset(vf, SNIC_VF_RR_TIMEOUT);
	}
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
 * @count: how many, at most SNIC_VF_MAX_UC
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
