// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the rules for VF requests. Pure: see pf_vf_policy.h.
 *
 * Every VF message is hostile input. The codec has already checked lengths,
 * flags and field ranges (decode_err says how that went); this file checks
 * what depends on the VF's state and on the shared tables, and picks the
 * answer. Nothing here logs: the caller logs, rate-limited, from @reason.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "pf_vf_policy.h"

static void snic_vf_add_act(struct snic_vf_decision *d, u8 type, u32 arg)
{
	if (d->n_act < SNIC_VF_MAX_ACTS) {
		d->act[d->n_act].type = type;
		d->act[d->n_act].arg = arg;
		d->n_act++;
	}
}

static void snic_vf_set(struct snic_vf_decision *d, u8 reply, u8 reason)
{
	d->reply = reply;
	d->reason = reason;
}

static void snic_vf_decide_mac(const struct snic_vf_policy_state *st,
			       const struct snic_msg *msg,
			       struct snic_vf_decision *d)
{
	bool admin_locked = st->admin_mac && !st->trusted;

	switch (msg->mac_op) {
	case SNIC_MAC_PRIMARY:
		if (admin_locked) {
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC);
			return;
		}
		snic_vf_add_act(d, SNIC_VF_ACT_SET_MAC, 0);
		return;
	case SNIC_MAC_CLEAR:
		/* Accepted whatever the address: igbvf sends zeros here. */
		snic_vf_add_act(d, SNIC_VF_ACT_UC_CLEAR, 0);
		return;
	case SNIC_MAC_ADD:
		if (admin_locked) {
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_ADMIN_MAC);
			return;
		}
		if (st->uc_used >= SNIC_VF_MAX_UC || !st->rar_free) {
			snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_NO_RAR);
			return;
		}
		snic_vf_add_act(d, SNIC_VF_ACT_UC_ADD, 0);
		return;
	default:
		/* The codec refuses other operations; be safe anyway. */
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_BAD_MSG);
		return;
	}
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
	     (!st->vid_present && !st->vlvf_free))) {
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
 * refused for an untrusted VF whose address the administrator set, "clear
 * filters" is always accepted; an extra filter needs a free entry within
 * the VF's share; SET_MULTICAST above SNIC_MC_MAX (or with the overflow
 * flag) turns on all-multicast; SET_VLAN is refused under a port VLAN or
 * when no filter is left for the VF; SET_LPE is accepted within the codec's
 * range; SET_PROMISC multicast is accepted, unicast only for a trusted VF
 * on hardware that can do it.
 */
void snic_vf_policy_decide(const struct snic_vf_policy_state *st,
			   const struct snic_msg *msg, int decode_err,
			   struct snic_vf_decision *d)
{
	d->n_act = 0;
	snic_vf_set(d, SNIC_VF_REPLY_ACK, SNIC_VF_OK);

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
	default:
		snic_vf_set(d, SNIC_VF_REPLY_NACK, SNIC_VF_UNKNOWN);
		return;
	}
}

/**
 * snic_vf_reason_str() - a reason's text, for logs
 * @reason: enum snic_vf_reason
 *
 * Return: a static string.
 */
const char *snic_vf_reason_str(unsigned int reason)
{
	static const char * const str[] = {
		[SNIC_VF_OK]		= "ok",
		[SNIC_VF_NO_MAC]	= "no MAC address assigned",
		[SNIC_VF_NOT_CTS]	= "not clear to send (no RESET yet)",
		[SNIC_VF_REPLY]		= "reply flags in a request",
		[SNIC_VF_BAD_MSG]	= "malformed message",
		[SNIC_VF_UNKNOWN]	= "unknown message type",
		[SNIC_VF_ADMIN_MAC]	= "MAC set by the administrator",
		[SNIC_VF_NO_RAR]	= "no free MAC filter",
		[SNIC_VF_PORT_VLAN]	= "port VLAN set by the administrator",
		[SNIC_VF_NO_VLVF]	= "no free VLAN filter",
		[SNIC_VF_UNTRUSTED]	= "VF not trusted",
		[SNIC_VF_NO_HW]		= "not supported by the hardware",
	};

	if (reason < ARRAY_SIZE(str) && str[reason])
		return str[reason];
	return "?";
}
