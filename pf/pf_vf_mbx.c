// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: serving the VFs over the mailbox.
 *
 * The "other" interrupt only queues @mbx_work (snic_pf_sriov_irq()). The
 * work, in process context under &snic_pf_sriov.lock, looks at VFLRE (a VF
 * was reset: forget what it asked for, stop and clean its queues, and let
 * it send nothing but RESET until it completes the handshake) and at
 * MBVFICR (a VF posted a request, or read our last message), reads each
 * request, decodes it (codec), decides (pf_vf_policy.c), applies the
 * register actions (pf_filter.c) and answers.
 *
 * Everything a VF sends is hostile input: the VF number comes from our
 * own loop bounded by num_vfs, never from hardware; bits of VFs that do
 * not exist are cleared and ignored; every field is validated by the codec
 * and the policy; every log line a VF can cause is rate-limited per VF,
 * and so is the bare NACK a VF gets for talking before RESET.
 *
 * CTS and the VF's link. A VF driver treats the last PF message as its
 * link state: CTS means "up" (together with the PF's link bit in STATUS),
 * no CTS "down", NACK without CTS "reset yourself". This PF sets CTS in
 * every answer and PF_CONTROL only while snic_pf_vf_link_ok() holds, and
 * sends PF_CONTROL whenever that changes. A VF driver learns of a message
 * through its mailbox interrupt; QEMU's model routes that interrupt by
 * VTIVAR_MISC in a way that misses igbvf's "other" vector, and igbvf's
 * watchdog re-reads the mailbox only once something (an interrupt there,
 * a reset indication) told it to. So after each message that changes a
 * VF's link state the PF also raises all of that VF's interrupt causes
 * through its PVTEICS mirror (snic_pf_vf_raise_irq()): every VF driver
 * then looks at its mailbox, and igbvf's "other" vector re-checks the link.
 *
 * The extension (Documentation/mailbox.rst). A VF that offers EXT_HELLO
 * after RESET is granted a version and capabilities (pf_vf_policy.c);
 * every reset of the VF forgets them. Only such a VF gets EXT_EVENT LINK
 * (instead of PF_CONTROL: the event carries CTS just as PF_CONTROL would,
 * plus why the link is down), EXT_EVENT MAC (instead of a reset when the
 * administrator sets its address) and NACKs with a reason word.
 *
 * Who sends. Only this work writes to a VF. The ndos (pf_vf_admin.c), link
 * changes and resets program the PF's own registers at once, record what
 * the VF must be told (snic_pf_vf_queue_tx(): a request to reset, the new
 * address, the link) and queue the work; none of them waits for a VF. The
 * work serves what a VF posted first, then sends one pending message,
 * once the VF read (ACKed) the one before: the ACK raises the mailbox
 * interrupt, which queues the work again. The work itself never waits for
 * a VF either: a VF that does not read keeps its news pending, and after
 * SNIC_PF_UNREAD_MAX_MS newer state overwrites the unread message (or, if
 * that would lose something, a request to reset does), see pf_vf_tx.c.
 */
#include <linux/etherdevice.h>
#include <linux/if_link.h>

#include "pf.h"
#include "pf_vf_policy.h"
#include "pf_vf_tx.h"

#define SNIC_VF_NACK_INTERVAL	(2 * HZ)

/*
 * The answer to RESET carries no CTS (igbvf compares its word 0 exactly),
 * and a VF driver reads the last PF message as its link state: a VF that
 * read that answer and then wrote nothing for this long, the PF writing
 * nothing either, is told its link (PF_CONTROL with CTS), once. A VF that works writes its first requests
 * at once. The one that does not is igbvf whose RESET wait (about 1 s,
 * busy) ran out before the PF answered, on a loaded host: it gives up on
 * its mailbox ("PF still resetting") and, to the answer that comes late,
 * has no link for ever; CTS is what makes it reset again, and the second
 * time it works (igbvf's e1000_check_for_link_vf()).
 */
#define SNIC_PF_QUIET_CTS	(2 * HZ)
#define SNIC_PF_MBX_LOCK_TRIES		4
#define SNIC_PF_MBX_LOCK_DELAY_US	250

/* ---- Transport glue ------------------------------------------------ */

static struct snic_pf_vf *snic_mbx_to_vf(struct snic_mbx *mbx)
{
	return mbx->priv;
}

static u32 snic_pf_mbx_rd_ctl(struct snic_mbx *mbx)
{
	struct snic_pf_vf *vf = snic_mbx_to_vf(mbx);

	return pf_rd32(vf->pf, SNIC_P2VMAILBOX(vf->idx));
}

static void snic_pf_mbx_wr_ctl(struct snic_mbx *mbx, u32 val)
{
	struct snic_pf_vf *vf = snic_mbx_to_vf(mbx);

	pf_wr32(vf->pf, SNIC_P2VMAILBOX(vf->idx), val);
}

static u32 snic_pf_mbx_rd_mem(struct snic_mbx *mbx, unsigned int i)
{
	struct snic_pf_vf *vf = snic_mbx_to_vf(mbx);

	/* The VF chooses these words: all-ones may be one of them. */
	return pf_rd32_data(vf->pf, SNIC_PF_VMBMEM(vf->idx) + 4 * i);
}

static void snic_pf_mbx_wr_mem(struct snic_mbx *mbx, unsigned int i, u32 val)
{
	struct snic_pf_vf *vf = snic_mbx_to_vf(mbx);

	pf_wr32(vf->pf, SNIC_PF_VMBMEM(vf->idx) + 4 * i, val);
}

/* PF events are bits of MBVFICR and VFLRE, both write-1-to-clear. */
static bool snic_pf_mbx_test_event(struct snic_mbx *mbx,
				   enum snic_mbx_event ev)
{
	struct snic_pf_vf *vf = snic_mbx_to_vf(mbx);
	u32 reg, bit, val;

	switch (ev) {
	case SNIC_MBX_EV_MSG:
		reg = SNIC_MBVFICR;
		bit = SNIC_MBVFICR_REQ(vf->idx);
		break;
	case SNIC_MBX_EV_ACK:
		reg = SNIC_MBVFICR;
		bit = SNIC_MBVFICR_ACK(vf->idx);
		break;
	default:
		reg = SNIC_VFLRE;
		bit = BIT(vf->idx);
		break;
	}
	val = pf_rd32(vf->pf, reg);
	if (snic_pf_dead(vf->pf) || !(val & bit))
		return false;
	pf_wr32(vf->pf, reg, bit);
	return true;
}

static const struct snic_mbx_ops snic_pf_mbx_ops = {
	.rd_ctl		= snic_pf_mbx_rd_ctl,
	.wr_ctl		= snic_pf_mbx_wr_ctl,
	.rd_mem		= snic_pf_mbx_rd_mem,
	.wr_mem		= snic_pf_mbx_wr_mem,
	.test_event	= snic_pf_mbx_test_event,
};

/**
 * snic_pf_vf_mbx_init() - set up the PF end of a VF's mailbox
 * @vf: the VF; @vf->pf and @vf->idx set
 */
void snic_pf_vf_mbx_init(struct snic_pf_vf *vf)
{
	snic_mbx_init(&vf->mbx, &snic_pf_mbx_ops, &snic_mbx_pf_bits, vf,
		      &vf->pf->sriov.lock);
	snic_pf_vf_budget_init(vf);
	/*
	 * Taking the buffer from a VF that holds it: 4 tries 250 us apart
	 * (about 1 ms), not the transport's default 10 ms: it is done with
	 * the VF table locked. A VF holds the buffer only while it writes.
	 */
	vf->mbx.lock_tries = SNIC_PF_MBX_LOCK_TRIES;
	vf->mbx.lock_delay_us = SNIC_PF_MBX_LOCK_DELAY_US;
}

/* ---- Messages the PF originates ------------------------------------ */

/*
 * There is one buffer: writing destroys a request the VF posted and we
 * have not read. snic_mbx_write() consumes its event with it (counted in
 * mbx.stats.overwritten, debugfs "dropped"), so that we never read our own
 * message back as that request; the VF sees our message where its ACK
 * should be and posts the request again, as it does under Linux igb.
 * @kind (enum snic_pf_tx_kind) is what the VF has not read from now on.
 */
static int snic_pf_vf_send(struct snic_pf_vf *vf, const u32 *w,
			   unsigned int len, bool cts, u8 kind)
{
	int err;

	err = snic_mbx_write(&vf->mbx, w, len);
	snic_pf_health_msg_out(vf, w, len, err);
	if (err) {
		snic_vf_log(vf, warn, "cannot write to the mailbox: %d\n", err);
		return err;
	}
	vf->cts_sent = cts;
	vf->unread = kind;
	vf->unread_since = jiffies;
	/* Only a RESET answer left as the last message starts it again. */
	vf->reset_answered = 0;
	if (w[0] & SNIC_MSG_NACK)
		vf->nacks++;
	return 0;
}

/*
 * Make a VF driver look at its mailbox now: set the VF's three interrupt
 * causes through the PF's mirror of its EICS. A VF that has them masked
 * (not running) ignores it.
 */
static void snic_pf_vf_raise_irq(struct snic_pf_vf *vf)
{
	pf_wr32(vf->pf, SNIC_PVTEICS(vf->idx), GENMASK(2, 0));
}

/* PF_CONTROL, with or without CTS. */
static int snic_pf_vf_ping(struct snic_pf_vf *vf, bool cts)
{
	struct snic_msg msg = {
		.type = SNIC_MSG_PF_CONTROL,
		.flags = cts ? SNIC_MSG_CTS : 0,
	};
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;
	int err;

	err = snic_msg_encode(&msg, SNIC_DIR_REPLY, w, &len);
	if (!err)
		err = snic_pf_vf_send(vf, w, len, cts, SNIC_PF_TX_LINK);
	return err;
}

/* At most one bare NACK per SNIC_VF_NACK_INTERVAL. */
static bool snic_pf_vf_nack_held(const struct snic_pf_vf *vf)
{
	return vf->last_nack &&
	       time_before(jiffies, vf->last_nack + SNIC_VF_NACK_INTERVAL);
}

/*
 * A NACK without CTS: VF drivers answer it by resetting and repeating the
 * RESET handshake (igbvf: at most once every 10 s).
 */
static int snic_pf_vf_request_reset(struct snic_pf_vf *vf)
{
	u32 w = SNIC_MSG_NACK;

	vf->last_nack = jiffies;
	/* It comes back through RESET, on the base protocol. */
	snic_vf_ext_clear(&vf->ext);
	return snic_pf_vf_send(vf, &w, 1, false, SNIC_PF_TX_RESET);
}

/**
 * snic_pf_vf_link_reason() - why a VF has no link, or that it has
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * Return: an enum snic_link_reason: with link state "disable" ADMIN_DOWN;
 * with "enable" UP; with "auto" PF_DOWN while the PF is down, resetting or
 * gone, PHY_DOWN while its link is down, else UP. Whether the VF completed
 * RESET does not count here (see snic_pf_vf_link_ok()).
 */
u8 snic_pf_vf_link_reason(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	if (snic_pf_dead(pf))
		return SNIC_LINK_PF_DOWN;
	switch (vf->link_state) {
	case IFLA_VF_LINK_STATE_ENABLE:
		return SNIC_LINK_UP;
	case IFLA_VF_LINK_STATE_DISABLE:
		return SNIC_LINK_ADMIN_DOWN;
	default:
		if (test_bit(SNIC_PF_DOWN, &pf->state) ||
		    test_bit(SNIC_PF_RESETTING, &pf->state))
			return SNIC_LINK_PF_DOWN;
		return READ_ONCE(pf->link_up) ? SNIC_LINK_UP :
						SNIC_LINK_PHY_DOWN;
	}
}

/**
 * snic_pf_vf_link_ok() - may this VF consider its link up?
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 *
 * Return: false until the VF completed RESET and while the administrator
 * disabled its link; with link state "enable", true; with "auto", true
 * while the PF's link is up and the PF is up and not resetting.
 */
bool snic_pf_vf_link_ok(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	return vf->clear && snic_pf_vf_link_reason(pf, vf) == SNIC_LINK_UP;
}

/**
 * snic_pf_vf_queue_tx() - tell a VF something, from the mailbox work
 * @vf: the VF; sriov.lock held
 * @kind: SNIC_PF_TX_RESET (ask it to reset), SNIC_PF_TX_MAC (its new
 *	address, live) or SNIC_PF_TX_LINK (its link state, if it changed)
 *
 * Never waits: records @kind and queues the work, which sends it once the
 * VF read what it was sent before (see pf_vf_tx.c for a VF that does not).
 */
void snic_pf_vf_queue_tx(struct snic_pf_vf *vf, enum snic_pf_tx_kind kind)
{
	lockdep_assert_held(&vf->pf->sriov.lock);
	set_bit(kind, &vf->tx_pending);
	snic_pf_sriov_irq(vf->pf);
}

/**
 * snic_pf_vf_update_links() - tell every VF whose link state changed
 * @pf: the PF; sriov.lock held
 *
 * Queues SNIC_PF_TX_LINK for each VF: the work sends PF_CONTROL with CTS
 * to VFs that may now be up, without CTS to VFs that must go down, and
 * makes each look at its mailbox; a VF granted SNIC_EXT_CAP_LINK gets
 * EXT_EVENT LINK instead, also when only the reason changed.
 */
void snic_pf_vf_update_links(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v;

	lockdep_assert_held(&s->lock);
	for (v = 0; v < s->num_vfs; v++)
		snic_pf_vf_queue_tx(&s->vfs[v], SNIC_PF_TX_LINK);
}

/**
 * snic_pf_vf_mbx_reset() - a global reset emptied the VF's mailbox
 * @vf: the VF; sriov.lock held
 *
 * Nothing we wrote is left unread and the VF must do RESET again: a
 * request to reset is queued (the work sends it once the reset is over).
 */
void snic_pf_vf_mbx_reset(struct snic_pf_vf *vf)
{
	lockdep_assert_held(&vf->pf->sriov.lock);
	vf->unread = SNIC_PF_TX_NONE;
	vf->tx_pending = 0;
	snic_pf_vf_queue_tx(vf, SNIC_PF_TX_RESET);
}

/* ---- Requests ------------------------------------------------------ */

static void snic_pf_vf_policy_state(struct snic_pf *pf, struct snic_pf_vf *vf,
				    const struct snic_msg *msg, int derr,
				    struct snic_vf_policy_state *st)
{
	const struct snic_pf_pool *pool = &pf->sriov.pool[vf->idx];
	struct snic_share_use use;

	memset(st, 0, sizeof(*st));
	st->clear = vf->clear;
	st->ext_caps = vf->ext.caps;
	st->trusted = vf->trusted;
	st->admin_mac = vf->admin_mac;
	st->has_mac = is_valid_ether_addr(vf->mac);
	st->port_vlan = vf->port_vlan;
	/* Neither QEMU's model nor this driver offers per-pool UPE. */
	st->hw_uc_promisc = false;
	/* SET_MAC primary or add: is the address another pool's? */
	if (!derr && msg->type == SNIC_MSG_SET_MAC &&
	    msg->mac_op != SNIC_MAC_CLEAR)
		st->mac_in_use = snic_pf_filter_mac_taken(pf, msg->mac,
							  vf->idx);

	spin_lock_bh(&pf->sriov.filter_lock);
	st->uc_used = pool->uc;
	st->rar_free = snic_pf_filter_free_rar(pf);
	snic_pf_filter_share_use(pf, false, &use);
	st->rar_owed = snic_share_owed(&snic_rar_share, &use, BIT(vf->idx));
	st->vlans_used = pool->vlans;
	st->vlvf_free = snic_pf_filter_free_vlvf(pf);
	snic_pf_filter_share_use(pf, true, &use);
	st->vlvf_owed = snic_share_owed(&snic_vlvf_share, &use, BIT(vf->idx));
	if (!derr && msg->type == SNIC_MSG_SET_VLAN)
		st->vid_present = snic_pf_filter_vid_present(pf, msg->vlan.vid,
							     vf->idx,
							     &st->vid_mine);
	spin_unlock_bh(&pf->sriov.filter_lock);
}

/* Apply one action. Return: 0, or an error that turns the ACK into NACK. */
static int snic_pf_vf_act(struct snic_pf *pf, struct snic_pf_vf *vf,
			  const struct snic_msg *msg,
			  const struct snic_vf_action *a)
{
	struct snic_pf_pool *pool = &pf->sriov.pool[vf->idx];
	unsigned int v = vf->idx;
	int err = 0;

	if (a->type == SNIC_VF_ACT_RESET) {
		snic_pf_vf_do_reset(pf, vf);
		return 0;
	}
	if (a->type == SNIC_VF_ACT_EXT)
		return 0;	/* snic_vf_ext_apply() records it */

	spin_lock_bh(&pf->sriov.filter_lock);
	switch (a->type) {
	case SNIC_VF_ACT_SET_MAC:
		ether_addr_copy(vf->mac, msg->mac);
		err = snic_pf_filter_vf_mac(pf, v, vf->mac);
		break;
	case SNIC_VF_ACT_UC_CLEAR:
		snic_pf_filter_uc_clear(pf, v);
		break;
	case SNIC_VF_ACT_UC_ADD:
		err = snic_pf_filter_uc_add(pf, v, msg->mac);
		break;
	case SNIC_VF_ACT_MC_SET:
		pool->mc_count = min_t(u32, a->arg, SNIC_MC_MAX);
		memcpy(pool->mc_hash, msg->mc.hash,
		       pool->mc_count * sizeof(pool->mc_hash[0]));
		pool->mc_overflow = false;
		snic_pf_filter_write_pool(pf, v);
		snic_pf_filter_write_mta(pf);
		break;
	case SNIC_VF_ACT_MC_OVERFLOW:
		pool->mc_count = 0;
		pool->mc_overflow = true;
		snic_pf_filter_write_pool(pf, v);
		snic_pf_filter_write_mta(pf);
		break;
	case SNIC_VF_ACT_VLAN_ADD:
	case SNIC_VF_ACT_VLAN_DEL:
		err = snic_pf_filter_vlan_locked(pf, a->arg, v,
						 a->type == SNIC_VF_ACT_VLAN_ADD);
		break;
	case SNIC_VF_ACT_MAX_FRAME:
		pool->max_frame = min_t(u32, a->arg, SNIC_LPE_MAX_FRAME);
		snic_pf_filter_write_pool(pf, v);
		break;
	case SNIC_VF_ACT_PROMISC:
		pool->mc_promisc = a->arg & SNIC_PROMISC_MC;
		snic_pf_filter_write_pool(pf, v);
		snic_pf_filter_write_mta(pf);
		break;
	default:
		err = -EINVAL;
		break;
	}
	spin_unlock_bh(&pf->sriov.filter_lock);

	if (a->type == SNIC_VF_ACT_MC_OVERFLOW)
		snic_vf_log(vf, info,
			    "more than %u multicast groups: all-multicast\n",
			    SNIC_MC_MAX);
	return err;
}

/**
 * snic_pf_vf_apply_request() - a request the PF makes for a VF
 * @pf: the PF
 * @vf: the VF; sriov.lock held
 * @msg: a decoded request, as snic_msg_decode() would give it
 *
 * Decided by the request policy and applied as if the VF had sent it (a
 * loaded state's replay, pf_vf_mig.c), but never answered and not charged
 * to the VF's budgets.
 *
 * Return: 0 if applied, -EPERM if the policy refused it, or the error of
 * the action that failed.
 */
int snic_pf_vf_apply_request(struct snic_pf *pf, struct snic_pf_vf *vf,
			     const struct snic_msg *msg)
{
	struct snic_vf_policy_state st;
	struct snic_vf_decision d;
	unsigned int i;
	int err;

	lockdep_assert_held(&pf->sriov.lock);
	snic_pf_vf_policy_state(pf, vf, msg, 0, &st);
	snic_vf_policy_decide(&st, msg, 0, &d);
	if (d.reply != SNIC_VF_REPLY_ACK)
		return -EPERM;
	for (i = 0; i < d.n_act; i++) {
		/* Only filters: nothing here resets the VF again. */
		if (d.act[i].type == SNIC_VF_ACT_RESET)
			return -EINVAL;
		err = snic_pf_vf_act(pf, vf, msg, &d.act[i]);
		if (err)
			return err;
	}
	return 0;
}

static void snic_pf_vf_log_decision(struct snic_pf_vf *vf,
				    const struct snic_msg *msg,
				    const struct snic_vf_decision *d)
{
	const char *type = snic_msg_name(msg->type);
	const char *why = snic_vf_reason_str(d->reason);

	switch (d->reason) {
	case SNIC_VF_OK:
	case SNIC_VF_NO_MAC:
		return;
	case SNIC_VF_ADMIN_MAC:
	case SNIC_VF_NO_RAR:
	case SNIC_VF_NO_VLVF:
	case SNIC_VF_PORT_VLAN:
	case SNIC_VF_UNTRUSTED:
	case SNIC_VF_NO_HW:
	case SNIC_VF_ADDR_IN_USE:
		/* ...and what the VF was told, when it was told why */
		snic_vf_log(vf, info, "%s refused: %s%s%s\n", type, why,
			    d->reason_word ? ", reason " : "",
			    d->reason_word ? snic_refusal(d->refusal)->name : "");
		return;
	case SNIC_VF_FAILED:
		return;		/* logged with its error */
	case SNIC_VF_BAD_MSG:
		snic_vf_log(vf, warn, "%s (0x%04x) refused: %s\n", type,
			    msg->type, why);
		return;
	default:
		snic_vf_log(vf, dbg, "message 0x%04x: %s\n", msg->type, why);
		return;
	}
}

/*
 * An answer we could not write (the VF held its buffer throughout) must
 * not leave the request as the last word 0 (see snic_pf_vf_reply()): the
 * VF is asked to reset instead, once it lets go of the buffer.
 */
static int snic_pf_vf_answer(struct snic_pf_vf *vf, const u32 *w,
			     unsigned int len, bool cts)
{
	int err = snic_pf_vf_send(vf, w, len, cts, SNIC_PF_TX_REPLY);

	if (err)
		set_bit(SNIC_PF_TX_RESET, &vf->tx_pending);
	return err;
}

static void snic_pf_vf_reply(struct snic_pf *pf, struct snic_pf_vf *vf,
			     u32 req_hdr, const struct snic_msg *msg,
			     const struct snic_vf_decision *d)
{
	bool ack = d->reply == SNIC_VF_REPLY_ACK;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;
	bool cts;

	switch (d->reply) {
	case SNIC_VF_REPLY_NONE:
		return;
	case SNIC_VF_REPLY_BARE_NACK:
		/*
		 * Within the interval it is sent later (snic_pf_vf_tx()):
		 * a request left without any answer stays in word 0, where
		 * igbvf's link check finds neither CTS nor NACK and waits
		 * for ever.
		 */
		if (snic_pf_vf_nack_held(vf)) {
			set_bit(SNIC_PF_TX_RESET, &vf->tx_pending);
			return;
		}
		snic_pf_vf_request_reset(vf);
		snic_pf_vf_raise_irq(vf);
		return;
	default:
		break;
	}

	if (d->n_act && d->act[0].type == SNIC_VF_ACT_RESET) {
		/* Three words, no CTS: igbvf compares word 0 exactly. */
		struct snic_msg r = {
			.type = SNIC_MSG_RESET,
			.flags = ack ? SNIC_MSG_ACK : SNIC_MSG_NACK,
		};

		ether_addr_copy(r.mac, vf->mac);
		if (snic_msg_encode(&r, SNIC_DIR_REPLY, w, &len)) {
			r.flags = SNIC_MSG_NACK;
			if (snic_msg_encode(&r, SNIC_DIR_REPLY, w, &len))
				return;
		}
		if (!snic_pf_vf_answer(vf, w, len, false))
			vf->reset_answered = vf->unread_since ?: 1;
		return;
	}

	cts = snic_pf_vf_link_ok(pf, vf);
	if (ack && msg->type == SNIC_MSG_EXT_HELLO) {
		/* Version and capabilities in use, as just recorded. */
		struct snic_msg r = {
			.type = SNIC_MSG_EXT_HELLO,
			.flags = SNIC_MSG_ACK | (cts ? SNIC_MSG_CTS : 0),
			.ext.version = vf->ext.version,
			.ext.caps = vf->ext.caps,
		};

		/* A VF that does not hear of it has not negotiated it. */
		if (!snic_msg_encode(&r, SNIC_DIR_REPLY, w, &len)) {
			if (snic_pf_vf_answer(vf, w, len, cts))
				snic_vf_ext_clear(&vf->ext);
			return;
		}
		snic_vf_ext_clear(&vf->ext);
		ack = false;
	}

	/* The request's own header, echoed: the base protocol's answer. */
	w[0] = snic_msg_reply_hdr(req_hdr, ack, cts);
	len = 1;
	if (!ack && d->reason_word) {
		w[1] = d->refusal;
		len = SNIC_NACK_REASON_WORDS;
	}
	snic_pf_vf_answer(vf, w, len, cts);
}

/* A request that asks for a receive filter: SNIC_BUDGET_FILTER pays. */
static bool snic_pf_vf_filter_req(const struct snic_msg *msg)
{
	if (msg->type == SNIC_MSG_SET_MAC)
		return msg->mac_op != SNIC_MAC_CLEAR;
	return msg->type == SNIC_MSG_SET_VLAN && msg->vlan.add;
}

static void snic_pf_vf_rcv(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	struct snic_vf_policy_state st;
	struct snic_vf_decision d;
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg msg;
	unsigned int i;
	int err;

	err = snic_mbx_read(&vf->mbx, w, SNIC_MBX_WORDS);
	if (err) {
		/* -EBUSY: the VF held the buffer past the transport's bound. */
		if (err == -EBUSY)
			snic_pf_vf_budget_held(pf, vf);
		snic_vf_log(vf, warn, "cannot read the mailbox: %d\n", err);
		return;
	}
	/* A VF that writes has read what we sent before (or never will). */
	vf->unread = SNIC_PF_TX_NONE;
	vf->reset_answered = 0;

	/*
	 * The VF writes only as many words as its message has; the rest of
	 * the buffer is stale. The codec reads only what the type needs.
	 */
	err = snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REQUEST, &msg);
	if (!err && snic_pf_vf_filter_req(&msg) &&
	    !snic_pf_vf_budget_ok(pf, vf, SNIC_BUDGET_FILTER))
		return;
	snic_pf_vf_policy_state(pf, vf, &msg, err, &st);
	snic_vf_policy_decide(&st, &msg, err, &d);
	snic_pf_vf_log_decision(vf, &msg, &d);

	for (i = 0; i < d.n_act; i++) {
		err = snic_pf_vf_act(pf, vf, &msg, &d.act[i]);
		if (err) {
			snic_vf_log(vf, info, "%s failed: %d\n",
				    snic_msg_name(msg.type), err);
			snic_vf_policy_failed(&st, &msg, err, &d);
			break;
		}
	}

	snic_vf_ext_apply(&vf->ext, &d, d.reply == SNIC_VF_REPLY_ACK);
	/* A VF that (re)negotiates assumes link until told otherwise. */
	if (msg.type == SNIC_MSG_EXT_HELLO)
		vf->link_reason_sent = SNIC_LINK_UP;
	snic_pf_health_msg_in(pf, vf, w, &msg, &d);
	snic_pf_vf_reply(pf, vf, w[0], &msg, &d);
	if (msg.type == SNIC_MSG_EXT_HELLO && vf->ext.version &&
	    __ratelimit(&vf->ext_rs))
		dev_info(&pf->pdev->dev, "VF %u: mailbox extension v%u, caps 0x%x\n",
			 vf->idx, vf->ext.version, vf->ext.caps);
}

/* ---- Sending what is pending ---------------------------------------- */

/*
 * Send one EXT_EVENT to a VF granted @cap, with CTS as PF_CONTROL would
 * carry it. Never to a VF that is not clear to send or did not negotiate.
 */
static int snic_pf_vf_send_event(struct snic_pf *pf, struct snic_pf_vf *vf,
				 struct snic_msg *msg, u32 cap, bool cts,
				 u8 kind)
{
	u32 w[SNIC_MBX_WORDS];
	unsigned int len;
	int err;

	if (!vf->clear || !(vf->ext.caps & cap) || snic_pf_dead(pf))
		return -ENOTCONN;
	msg->type = SNIC_MSG_EXT_EVENT;
	msg->flags = cts ? SNIC_MSG_CTS : 0;
	err = snic_msg_encode(msg, SNIC_DIR_REPLY, w, &len);
	if (!err)
		err = snic_pf_vf_send(vf, w, len, cts, kind);
	if (err)
		return err;
	vf->ext_events++;
	return 0;
}

/* Does the VF's link state differ from what it was last told? */
static bool snic_pf_vf_link_changed(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	bool cts = snic_pf_vf_link_ok(pf, vf);

	if (vf->clear && (vf->ext.caps & SNIC_EXT_CAP_LINK) &&
	    snic_pf_vf_link_reason(pf, vf) != vf->link_reason_sent)
		return true;
	return cts != vf->cts_sent;
}

/* Tell one VF its link state: EXT_EVENT LINK if it may, else PF_CONTROL. */
static int snic_pf_vf_send_link(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	bool cts = snic_pf_vf_link_ok(pf, vf);
	struct snic_msg m = { .info = SNIC_EXT_EV_LINK };
	u8 reason = snic_pf_vf_link_reason(pf, vf);

	m.link.up = reason == SNIC_LINK_UP;
	m.link.reason = reason;
	if (!snic_pf_vf_send_event(pf, vf, &m, SNIC_EXT_CAP_LINK, cts,
				   SNIC_PF_TX_LINK)) {
		vf->link_reason_sent = reason;
		return 0;
	}
	/* Not negotiated (or no longer): the base protocol's way. */
	if (!vf->clear || !(vf->ext.caps & SNIC_EXT_CAP_LINK))
		return snic_pf_vf_ping(vf, cts);
	return -EBUSY;
}

/* EXT_EVENT MAC: the administrator's address, already programmed. */
static int snic_pf_vf_send_mac(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	struct snic_msg m = { .info = SNIC_EXT_EV_MAC };

	ether_addr_copy(m.mac, vf->mac);
	return snic_pf_vf_send_event(pf, vf, &m, SNIC_EXT_CAP_LIVE_MAC,
				     snic_pf_vf_link_ok(pf, vf),
				     SNIC_PF_TX_MAC);
}

/*
 * What is still to be sent, given the VF's state now: an address goes
 * live only to a VF that negotiated that (any other running VF is asked to
 * reset, one that is not running gets it with RESET); the link only when
 * it differs from what the VF was told. A VF on SNIC_EXT_CAP_LINK always
 * has its link looked at: one that just negotiated learns why it is down.
 */
static u32 snic_pf_vf_tx_pending(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	unsigned long *p = &vf->tx_pending;

	if (test_bit(SNIC_PF_TX_MAC, p) && vf->clear &&
	    !(vf->ext.caps & SNIC_EXT_CAP_LIVE_MAC))
		set_bit(SNIC_PF_TX_RESET, p);
	if (!vf->clear || !(vf->ext.caps & SNIC_EXT_CAP_LIVE_MAC))
		clear_bit(SNIC_PF_TX_MAC, p);
	if (vf->clear && (vf->ext.caps & SNIC_EXT_CAP_LINK))
		set_bit(SNIC_PF_TX_LINK, p);
	/* Read, then nothing: SNIC_PF_QUIET_CTS. */
	if (vf->reset_answered && vf->unread == SNIC_PF_TX_NONE &&
	    time_after_eq(jiffies, vf->reset_answered + SNIC_PF_QUIET_CTS)) {
		vf->reset_answered = 0;
		set_bit(SNIC_PF_TX_LINK, p);
	}
	if (test_bit(SNIC_PF_TX_LINK, p) && !snic_pf_vf_link_changed(pf, vf))
		clear_bit(SNIC_PF_TX_LINK, p);
	return *p & SNIC_PF_TX_PENDING_ALL;
}

/* Send at most one pending message to a VF, never waiting for it. */
static void snic_pf_vf_tx(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	struct snic_pf_tx_state st = { .unread = vf->unread };
	unsigned long max = msecs_to_jiffies(SNIC_PF_UNREAD_MAX_MS);
	struct snic_pf_tx_decision d;
	int err;

	st.pending = snic_pf_vf_tx_pending(pf, vf);
	st.stale = time_after_eq(jiffies, vf->unread_since + max);
	st.hold_reset = snic_pf_vf_nack_held(vf);
	snic_pf_tx_decide(&st, &d);
	switch (d.send) {
	case SNIC_PF_TX_RESET:
		err = snic_pf_vf_request_reset(vf);
		break;
	case SNIC_PF_TX_MAC:
		err = snic_pf_vf_send_mac(pf, vf);
		break;
	case SNIC_PF_TX_LINK:
		err = snic_pf_vf_send_link(pf, vf);
		break;
	default:
		vf->tx_pending &= ~(unsigned long)d.done;
		return;
	}
	/* Not written (the VF holds the buffer): the next pass tries again. */
	if (err)
		return;
	vf->tx_pending &= ~(unsigned long)d.done;
	if (d.overwrite) {
		vf->superseded++;
		snic_vf_log(vf, info,
			    "did not read the PF's message for %u ms: replaced\n",
			    SNIC_PF_UNREAD_MAX_MS);
	}
	snic_pf_vf_raise_irq(vf);
}

/* ---- The work ------------------------------------------------------ */

/*
 * One VF's events, in order: our message read, its request seen, its
 * reset, the request served, then what we have to send. Each is looked
 * at in MBVFICR and VFLRE as they are now, not as the pass began: a
 * request posted meanwhile is served rather than overwritten by the
 * message sent next, and a reset is never missed ahead of its RESET.
 *
 * A VF resets (CTRL.RST sets VFLRE) before it posts RESET, and igbvf
 * posts it at once. So VFLRE is read after the request's bit: whenever
 * the request is a RESET that follows a reset, the reset is seen and
 * served first. Served the other way round (VFLRE as the pass began, the
 * VF being reset while the work served the VFs before it), the reset
 * undid the RESET just ACKed on the next pass: no address, receive and
 * transmit off, every later request NACKed as from a VF that has not
 * done RESET, and igbvf without link.
 */
static void snic_pf_vf_serve(struct snic_pf *pf, struct snic_pf_vf *vf)
{
	u64 t0 = ktime_get_ns();
	bool paid = false, req;

	/*
	 * Each event is paid for before any work (pf_vf_quarantine.c), and
	 * the time spent on the VF's events after it: not the looks at a VF
	 * that posted nothing, which another VF's flood may make slow.
	 */
	/* Before the request: this ACK is for a message older than its answer. */
	if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_ACK))
		vf->unread = SNIC_PF_TX_NONE;
	req = snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_MSG);
	if (snic_mbx_test_event(&vf->mbx, SNIC_MBX_EV_RST) &&
	    snic_pf_vf_budget_ok(pf, vf, SNIC_BUDGET_RESET)) {
		snic_pf_vf_flr(pf, vf);
		paid = true;
	}
	if (req && snic_pf_vf_budget_ok(pf, vf, SNIC_BUDGET_MSG)) {
		snic_pf_vf_rcv(pf, vf);
		paid = true;
	}
	/* A quarantined VF is told nothing either, until it leaves. */
	if (!vf->budget.quarantined)
		snic_pf_vf_tx(pf, vf);
	if (paid)
		snic_pf_vf_budget_spent(pf, vf, ktime_get_ns() - t0);
}

/**
 * snic_pf_vf_mbx_work() - serve VF resets and requests, send what is
 *	pending
 * @work: &snic_pf_sriov.mbx_work
 *
 * The only place the PF writes to a VF's mailbox. Holds sriov.lock for
 * one pass over the VFs and never waits for one: per VF at most a read
 * and two writes, each taking the buffer within the transport's bound.
 */
void snic_pf_vf_mbx_work(struct work_struct *work)
{
	struct snic_pf_sriov *s = container_of(work, struct snic_pf_sriov,
					       mbx_work);
	struct snic_pf *pf = container_of(s, struct snic_pf, sriov);
	u32 icr, flr, mine, stray;
	unsigned int v;
	u64 t0, dt;

	mutex_lock(&s->lock);
	t0 = ktime_get_ns();
	/* A global reset clears all of it; hw_init queues us again. */
	if (snic_pf_dead(pf) || test_bit(SNIC_PF_RESETTING, &pf->state))
		goto out;

	icr = pf_rd32(pf, SNIC_MBVFICR);
	flr = pf_rd32(pf, SNIC_VFLRE);
	if (snic_pf_dead(pf))
		goto out;

	/* Events of VFs that do not exist (any more): clear, ignore. */
	mine = BIT(s->num_vfs) - 1;
	if (flr & ~mine & GENMASK(SNIC_NUM_POOLS - 1, 0))
		pf_wr32(pf, SNIC_VFLRE, flr & ~mine);
	stray = icr & ~(mine | mine << 16) &
		(SNIC_MBVFICR_REQ_ALL | SNIC_MBVFICR_ACK_ALL);
	if (stray)
		pf_wr32(pf, SNIC_MBVFICR, stray);

	for (v = 0; v < s->num_vfs; v++)
		snic_pf_vf_serve(pf, &s->vfs[v]);
out:
	dt = ktime_get_ns() - t0;
	s->work_passes++;
	s->work_ns += dt;
	s->work_max_ns = max(s->work_max_ns, dt);
	mutex_unlock(&s->lock);
}

/**
 * snic_pf_sriov_irq() - the "other" interrupt saw ICR.VMMB
 * @pf: the PF
 *
 * Hard interrupt context (also called from process context to catch up,
 * and to have pending messages sent): only queues the mailbox work.
 */
void snic_pf_sriov_irq(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned long flags;

	spin_lock_irqsave(&s->irq_lock, flags);
	if (!s->dying && s->wq)
		queue_work(s->wq, &s->mbx_work);
	spin_unlock_irqrestore(&s->irq_lock, flags);
}

/**
 * snic_pf_sriov_notify() - the PF's link or state changed
 * @pf: the PF
 *
 * Called on link change, PF down and up, and around a global reset
 * (SNIC_PF_RESETTING set before, cleared after). Queues a link message
 * for each VF (sent by the work if its link state changed; not while a
 * reset runs, during which the VFs see "PF in reset" in their mailbox),
 * and re-applies rate limits, which depend on the link speed. Waits for
 * no VF. Process context.
 */
void snic_pf_sriov_notify(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int v;

	mutex_lock(&s->lock);
	if (s->num_vfs && !snic_pf_dead(pf)) {
		/* A reset is coming: it zeroes the counters, keep what they hold. */
		if (test_bit(SNIC_PF_RESETTING, &pf->state))
			for (v = 0; v < s->num_vfs; v++)
				snic_pf_vf_stats_update(pf, &s->vfs[v], false);
		snic_pf_vf_update_links(pf);
		if (READ_ONCE(pf->link_up) &&
		    !test_bit(SNIC_PF_RESETTING, &pf->state))
			for (v = 0; v < s->num_vfs; v++)
				snic_pf_vf_apply_admin(pf, &s->vfs[v]);
	}
	mutex_unlock(&s->lock);
	/* Events that arrived while a reset held the work off. */
	snic_pf_sriov_irq(pf);
}
