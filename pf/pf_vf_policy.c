// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the rules for VF requests. Pure: see pf_vf_policy.h.
 *
 * Every VF message is hostile input. The codec has already checked lengths,
 * flags and field ranges (decode_err says how that went); this file checks
 * what depends on the VF's state and on the shared tables, and picks the
 * answer. Nothing here logs: the caller logs, rate-limited, from @reason.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "pf_vf_policy.h"

static void snic_vf_add_act(struct snic_vf_decision *d, u8 type, u32 arg)
{
	if (d->n_act < SNIC_VF_MAX_ACTS) {
		d->act[d->n_act].type = type;
		d->act[d->n_act].arg = arg;
		d->n_act++;
	}
}

/*
 * Each reason's text (logs) and what the VF is told when a NACK has it.
 * OK, NO_MAC (RESET), NOT_CTS and REPLY never come with a reason word;
 * FAILED's refusal comes from the error (snic_vf_policy_failed()).
 */
static const struct {
	const char *str;
	u8 refusal;
} snic_vf_reasons[] = {
	[SNIC_VF_OK]		= { "ok", SNIC_REFUSE_UNSPEC },
	[SNIC_VF_NO_MAC]	= { "no MAC address assigned", SNIC_REFUSE_UNSPEC },
	[SNIC_VF_NOT_CTS]	= { "not clear to send (no RESET yet)", SNIC_REFUSE_UNSPEC },
	[SNIC_VF_REPLY]		= { "reply flags in a request", SNIC_REFUSE_UNSPEC },
	[SNIC_VF_BAD_MSG]	= { "malformed message", SNIC_REFUSE_INVALID },
	[SNIC_VF_UNKNOWN]	= { "unknown message type", SNIC_REFUSE_UNSUPPORTED },
	[SNIC_VF_ADMIN_MAC]	= { "MAC set by the administrator", SNIC_REFUSE_ADMIN_MAC },
	[SNIC_VF_NO_RAR]	= { "no free MAC filter", SNIC_REFUSE_TABLE_FULL },
	[SNIC_VF_PORT_VLAN]	= { "port VLAN set by the administrator", SNIC_REFUSE_PORT_VLAN },
	[SNIC_VF_NO_VLVF]	= { "no free VLAN filter", SNIC_REFUSE_TABLE_FULL },
	[SNIC_VF_UNTRUSTED]	= { "VF not trusted", SNIC_REFUSE_UNTRUSTED },
	[SNIC_VF_NO_HW]		= { "not supported by the hardware", SNIC_REFUSE_UNSUPPORTED },
	[SNIC_VF_FAILED]	= { "could not be applied", SNIC_REFUSE_UNSPEC },
	[SNIC_VF_ADDR_IN_USE]	= { "address in use by another function", SNIC_REFUSE_ADDR_IN_USE },
};

static void snic_vf_set(struct snic_vf_decision *d, u8 reply, u8 reason)
{
	d->reply = reply;
	d->reason = reason;
	d->refusal = reply == SNIC_VF_REPLY_NACK ?
		     snic_vf_reasons[reason].refusal : SNIC_REFUSE_UNSPEC;
}

/*
 * EXT_HELLO from a VF that is clear to send: the lower version and the
 * capabilities both sides know. A VF may offer again (it does after every
 * RESET, which forgot the previous offer); the last answer counts.
 */
static void snic_vf_decide_ext_hello(const struct snic_msg *msg,
				     struct snic_vf_decision *d)
{
	d->ext_version = min_t(u8, msg->ext.version, SNIC_EXT_VERSION_CUR);
	d->ext_caps = msg->ext.caps & SNIC_EXT_CAPS_V1;
	snic_vf_add_act(d, SNIC_VF_ACT_EXT, 0);
}

static void snic_vf_decide_mac(const struct snic_vf_policy_state *st,
			       const struct snic_msg *msg,
			       struct snic_vf_decision *d)
{
	u8 op = msg->mac_op;

	/* Accepted whatever the address: igbvf sends zeros here. */
	if (op == SNIC_MAC_CLEAR) {
		snic_vf_add_act(d, SNIC_VF_ACT_UC_CLEAR, 0);
		return;
	}
	if (st->admin_mac && !st->trusted) {
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC);
		return;
	}
	/*
	 * DPDK's VF at close gives its address up, so that nothing is
	 * steered to the closed pool: the primary becomes none (RESET then
	 * has no address to give).
	 */
	if (op == SNIC_MAC_RELEASE) {
		snic_vf_add_act(d, SNIC_VF_ACT_SET_MAC, 0);
		return;
	}
	/* Trusted or not: another pool's address is never a VF's. */
	if (st->mac_in_use) {
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_ADDR_IN_USE);
		return;
	}
	if (op == SNIC_MAC_PRIMARY) {
		snic_vf_add_act(d, SNIC_VF_ACT_SET_MAC, 0);
		return;
	}
	/* The codec refuses other operations; be safe anyway. */
	if (op != SNIC_MAC_ADD)
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG);
	else if (st->uc_used >= SNIC_VF_MAX_UC || st->rar_free <= st->rar_owed)
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_RAR);
	else
		snic_vf_add_act(d, SNIC_VF_ACT_UC_ADD, 0);
}

static void snic_vf_decide_vlan(const struct snic_vf_policy_state *st,
				const struct snic_msg *msg,
				struct snic_vf_decision *d)
{
	if (st->port_vlan) {
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_PORT_VLAN);
		return;
	}
	if (!msg->vlan.add) {
		snic_vf_add_act(d, SNIC_VF_ACT_VLAN_DEL, msg->vlan.vid);
		return;
	}
	if (!st->vid_mine &&
	    (st->vlans_used >= SNIC_VF_MAX_VLANS ||
	     (!st->vid_present && st->vlvf_free <= st->vlvf_owed))) {
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_VLVF);
		return;
	}
	snic_vf_add_act(d, SNIC_VF_ACT_VLAN_ADD, msg->vlan.vid);
}

static void snic_vf_decide_promisc(const struct snic_vf_policy_state *st,
				   const struct snic_msg *msg,
				   struct snic_vf_decision *d)
{
	if (msg->promisc & SNIC_PROMISC_UC) {
		if (!st->trusted) {
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_UNTRUSTED);
			return;
		}
		if (!st->hw_uc_promisc) {
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_HW);
			return;
		}
	}
	snic_vf_add_act(d, SNIC_VF_ACT_PROMISC, msg->promisc);
}

/*
 * Only a VF that asked for reasons gets the second word; any other sees
 * exactly the base protocol's one-word NACK, and so do the types the
 * protocol table marks SNIC_MSGD_BASE_NACK: RESET (whose answer has a
 * fixed layout, and which forgets the extension) and an offer of the
 * extension (which starts it afresh).
 */
static void snic_vf_set_reason_word(const struct snic_vf_policy_state *st,
				    const struct snic_msg *msg,
				    struct snic_vf_decision *d)
{
	const struct snic_msg_desc *md = snic_msg_desc(msg->type);

	d->reason_word = d->reply == SNIC_VF_REPLY_NACK &&
			 (st->ext_caps & SNIC_EXT_CAP_REASON) &&
			 !(md && (md->flags & SNIC_MSGD_BASE_NACK));
}

static void snic_vf_decide_base(const struct snic_vf_policy_state *st,
				const struct snic_msg *msg, int decode_err,
				struct snic_vf_decision *d)
{
	if (decode_err == -EBADMSG) {
		/* Carries ACK/NACK: a reply is never a request. */
		snic_vf_set(d, SNIC_VF_REPLY_NONE, SNIC_VF_REPLY);
		return;
	}

	if (!decode_err && msg->type == SNIC_MSG_RESET) {
		snic_vf_add_act(d, SNIC_VF_ACT_RESET, 0);
		if (!st->has_mac)
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_MAC);
		return;
	}

	if (!st->clear) {
		snic_vf_set(d, SNIC_VF_REPLY_BARE_NACK, SNIC_VF_NOT_CTS);
		return;
	}

	if (decode_err) {
		snic_vf_set(d, SNIC_VF_REPLY_NACK,
			    decode_err == -EOPNOTSUPP ? SNIC_VF_UNKNOWN :
							SNIC_VF_BAD_MSG);
		/* A refused offer ends what an earlier one negotiated. */
		if (msg->type == SNIC_MSG_EXT_HELLO)
			snic_vf_add_act(d, SNIC_VF_ACT_EXT, 0);
		return;
	}

	switch (msg->type) {
	case SNIC_MSG_SET_MAC:
		snic_vf_decide_mac(st, msg, d);
		return;
	case SNIC_MSG_SET_MC:
		if (msg->mc.all)
			snic_vf_add_act(d, SNIC_VF_ACT_MC_OVERFLOW, 0);
		else
			snic_vf_add_act(d, SNIC_VF_ACT_MC_SET, msg->mc.count);
		return;
	case SNIC_MSG_SET_VLAN:
		snic_vf_decide_vlan(st, msg, d);
		return;
	case SNIC_MSG_SET_LPE:
		snic_vf_add_act(d, SNIC_VF_ACT_MAX_FRAME, msg->max_frame);
		return;
	case SNIC_MSG_SET_PROMISC:
		snic_vf_decide_promisc(st, msg, d);
		return;
	case SNIC_MSG_EXT_HELLO:
		snic_vf_decide_ext_hello(msg, d);
		return;
	default:
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_UNKNOWN);
		return;
	}
}

/**
 * snic_vf_policy_decide() - decide how to answer one VF request
 * @st: the VF's state, as the caller sees it under its lock
 * @msg: the message as snic_msg_decode(SNIC_DIR_REQUEST) left it
 * @decode_err: what snic_msg_decode() returned
 * @d: filled with the answer and the actions to apply
 *
 * The rules: a message that carries ACK or NACK is ignored; RESET is always
 * served (ACK with the address, or NACK when there is none); anything else
 * from a VF that has not completed RESET gets a bare NACK; malformed and
 * unknown requests are NACKed; SET_MAC primary and "add filter" are
 * refused for an untrusted VF whose address the administrator set, and for
 * any VF when the address is another pool's (@st->mac_in_use), "clear
 * filters" is always accepted, primary with an all-zero address releases
 * the VF's address (DPDK at close) under the same rule as any primary; an
 * extra filter needs a free entry within the VF's share
 * (snic_share_may_take()); SET_MULTICAST above SNIC_MC_MAX (or with the overflow
 * flag) turns on all-multicast; SET_VLAN is refused under a port VLAN or
 * when no filter is left for the VF; SET_LPE is accepted within the codec's
 * range; SET_PROMISC multicast is accepted, unicast only for a trusted VF
 * on hardware that can do it; EXT_HELLO is answered with the lower of the
 * two versions and the capabilities both sides know (SNIC_VF_ACT_EXT).
 * Each NACK names an enum snic_refusal (@d->refusal), sent as a second
 * word only to a VF granted SNIC_EXT_CAP_REASON (@d->reason_word).
 */
void snic_vf_policy_decide(const struct snic_vf_policy_state *st,
			   const struct snic_msg *msg, int decode_err,
			   struct snic_vf_decision *d)
{
	d->n_act = 0;
	d->ext_version = 0;
	d->ext_caps = 0;
	snic_vf_set(d, SNIC_VF_REPLY_ACK, SNIC_VF_OK);

	snic_vf_decide_base(st, msg, decode_err, d);
	snic_vf_set_reason_word(st, msg, d);
}

/**
 * snic_vf_policy_failed() - an ACKed request could not be applied
 * @st: the VF's state the decision was taken with
 * @msg: the request
 * @err: the error of the register action
 * @d: the decision, turned into a NACK with the matching refusal
 */
void snic_vf_policy_failed(const struct snic_vf_policy_state *st,
			   const struct snic_msg *msg, int err,
			   struct snic_vf_decision *d)
{
	d->reply = SNIC_VF_REPLY_NACK;
	d->reason = SNIC_VF_FAILED;
	d->refusal = snic_refusal_of_errno(err);
	snic_vf_set_reason_word(st, msg, d);
}

/**
 * snic_vf_ext_apply() - update what a VF negotiated after a decision
 * @ext: the VF's negotiated state
 * @d: the decision taken for its request
 * @applied: the decision's actions were applied and an ACK is sent
 *
 * A RESET forgets the extension (the VF offers it again once RESET is
 * done); an ACKed EXT_HELLO records what was granted; a refused one (or
 * one whose ACK could not be applied) leaves the VF on the base protocol.
 * Nothing else changes it.
 */
void snic_vf_ext_apply(struct snic_vf_ext *ext,
		       const struct snic_vf_decision *d, bool applied)
{
	unsigned int i;

	for (i = 0; i < d->n_act; i++) {
		switch (d->act[i].type) {
		case SNIC_VF_ACT_RESET:
			snic_vf_ext_clear(ext);
			break;
		case SNIC_VF_ACT_EXT:
			snic_vf_ext_clear(ext);
			if (applied && d->reply == SNIC_VF_REPLY_ACK) {
				ext->version = d->ext_version;
				ext->caps = d->ext_caps;
			}
			break;
		default:
			break;
		}
	}
}

/**
 * snic_vf_ext_clear() - back to the base protocol
 * @ext: the VF's negotiated state
 *
 * For every reset of the VF: RESET, a function-level reset, the PF asking
 * the VF to reset, a PF reset, and SR-IOV disable.
 */
void snic_vf_ext_clear(struct snic_vf_ext *ext)
{
	ext->version = 0;
	ext->caps = 0;
}

/* ---- Table shares -------------------------------------------------- */

/* The receive address entries after entry 0 (PF) and 1-7 (VFs' own). */
const struct snic_share snic_rar_share = {
	.size = SNIC_RAR_SHARED,
	.pf_reserve = SNIC_RAR_PF_RESERVE,
	.vf_max = SNIC_VF_MAX_UC,
};

/* The 32 VLAN pool filters. */
const struct snic_share snic_vlvf_share = {
	.size = SNIC_VLVF_SHARED,
	.pf_reserve = SNIC_VLVF_PF_RESERVE,
	.vf_max = SNIC_VF_MAX_VLANS,
};

/**
 * snic_share_vf_guarantee() - the entries each enabled VF is guaranteed
 * @sh: the table's split
 * @n_vfs: VFs enabled
 *
 * What is left after the PF's reserve, divided among the VFs, at most
 * @sh->vf_max each.
 *
 * Return: entries per VF (0 without VFs).
 */
unsigned int snic_share_vf_guarantee(const struct snic_share *sh,
				     unsigned int n_vfs)
{
	if (!n_vfs || sh->size <= sh->pf_reserve)
		return 0;
	return min(sh->vf_max, (sh->size - sh->pf_reserve) / n_vfs);
}

/**
 * snic_share_owed() - entries other parties are still guaranteed
 * @sh: the table's split
 * @use: who holds what
 * @mine: the parties whose guarantee the taker may use: BIT(VF number)
 *	for a VF's request, BIT(SNIC_SHARE_PF) for the PF and the
 *	administrator
 *
 * Return: the sum, over the PF and the enabled VFs not in @mine, of what
 * each is guaranteed and does not hold yet.
 */
unsigned int snic_share_owed(const struct snic_share *sh,
			     const struct snic_share_use *use, u32 mine)
{
	unsigned int n = min_t(unsigned int, use->n_vfs, SNIC_SHARE_PF);
	unsigned int g = snic_share_vf_guarantee(sh, n);
	unsigned int v, owed = 0;

	for (v = 0; v < n; v++)
		if (!(mine & BIT(v)) && use->vf[v] < g)
			owed += g - use->vf[v];
	if (!(mine & BIT(SNIC_SHARE_PF)) && use->pf < sh->pf_reserve)
		owed += sh->pf_reserve - use->pf;
	return owed;
}

/**
 * snic_share_may_take() - may a party take one more entry of a table?
 * @sh: the table's split
 * @use: who holds what
 * @who: the party charged: a VF number, or SNIC_SHARE_PF
 * @mine: as for snic_share_owed()
 * @free: free entries in the table
 *
 * Return: true if a VF is below @sh->vf_max (the PF has no such bound)
 * and a free entry is left once every other party's guarantee is set
 * aside.
 */
bool snic_share_may_take(const struct snic_share *sh,
			 const struct snic_share_use *use, unsigned int who,
			 u32 mine, unsigned int free)
{
	if (who != SNIC_SHARE_PF &&
	    (who >= use->n_vfs || who >= SNIC_SHARE_PF ||
	     use->vf[who] >= sh->vf_max))
		return false;
	return free > snic_share_owed(sh, use, mine);
}

/**
 * snic_vf_reason_str() - a reason's text, for logs
 * @reason: enum snic_vf_reason
 *
 * Return: a static string.
 */
const char *snic_vf_reason_str(unsigned int reason)
{
	return reason < ARRAY_SIZE(snic_vf_reasons) ? snic_vf_reasons[reason].str :
						      "?";
}
