// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: decide(state, message) of the PF (pf/pf_vf_policy.c),
 * fed by the codec exactly as pf_vf_mbx.c feeds it.
 *
 * Input: bytes 0-7 are the VF's state (struct snic_vf_policy_state, field
 * by field), byte 8 an error for snic_vf_policy_failed(); the rest are the
 * 16 mailbox words (little-endian, zero past the end of the input), decoded
 * as a request with the whole buffer, as the PF does.
 *
 * Invariants (abort on violation):
 * - at most SNIC_VF_MAX_ACTS actions; reply, reason and refusal in range;
 * - the reply answers the request: ACK and NACK replies encode, as the PF
 *   builds them, to a message of the request's type (the RESET answer to
 *   RESET, the bare NACK only to a VF that is not clear to send); a message
 *   carrying ACK/NACK is never answered;
 * - actions belong to the request: each action type is one the request's
 *   type may cause and its argument is a field of the request, never of
 *   another VF or of the shared tables (a decision has no pool field: the
 *   caller applies it to the requesting VF's pool only); nothing but RESET
 *   acts for a VF that is not clear to send; a NACK carries no table change;
 * - the shares hold: no extra unicast filter past SNIC_VF_MAX_UC or with no
 *   free entry, no VLAN past SNIC_VF_MAX_VLANS or with no free entry, no
 *   address change for an untrusted VF whose address the administrator set,
 *   no unicast promiscuous for an untrusted VF;
 * - the reason word only for a VF granted it, never for RESET/EXT_HELLO;
 * - negotiated capabilities are a subset of what this PF knows.
 */
#include "fuzz.h"

#include <sriovnic/mbx_proto.h>
#include "pf_vf_policy.h"

static void fuzz_state(const u8 *b, struct snic_vf_policy_state *st)
{
	memset(st, 0, sizeof(*st));
	st->clear = b[0] & 1;
	st->trusted = b[0] & 2;
	st->admin_mac = b[0] & 4;
	st->has_mac = b[0] & 8;
	st->hw_uc_promisc = b[0] & 16;
	st->vid_present = b[0] & 32;
	st->vid_mine = b[0] & 64;
	st->port_vlan = (b[1] | b[2] << 8) & SNIC_VLAN_VID;
	st->uc_used = b[3] % (SNIC_VF_MAX_UC + 2);
	st->rar_free = b[4] % 25;
	st->vlans_used = b[5] % (SNIC_VF_MAX_VLANS + 2);
	st->vlvf_free = b[6] % 33;
	st->ext_caps = b[7] & 0x0f;	/* one unknown bit besides the three */
}

/* May a request of @type cause action @act with argument @arg? */
static int act_belongs(const struct snic_msg *m, const struct snic_vf_action *a)
{
	switch (a->type) {
	case SNIC_VF_ACT_RESET:
		return m->type == SNIC_MSG_RESET && !a->arg;
	case SNIC_VF_ACT_SET_MAC:
		return m->type == SNIC_MSG_SET_MAC && !a->arg &&
		       (m->mac_op == SNIC_MAC_PRIMARY ||
			m->mac_op == SNIC_MAC_RELEASE);
	case SNIC_VF_ACT_UC_CLEAR:
		return m->type == SNIC_MSG_SET_MAC &&
		       m->mac_op == SNIC_MAC_CLEAR && !a->arg;
	case SNIC_VF_ACT_UC_ADD:
		return m->type == SNIC_MSG_SET_MAC &&
		       m->mac_op == SNIC_MAC_ADD && !a->arg;
	case SNIC_VF_ACT_MC_SET:
		return m->type == SNIC_MSG_SET_MC && !m->mc.all &&
		       a->arg == m->mc.count && a->arg <= SNIC_MC_MAX;
	case SNIC_VF_ACT_MC_OVERFLOW:
		return m->type == SNIC_MSG_SET_MC && m->mc.all && !a->arg;
	case SNIC_VF_ACT_VLAN_ADD:
		return m->type == SNIC_MSG_SET_VLAN && m->vlan.add &&
		       a->arg == m->vlan.vid && a->arg <= SNIC_VLAN_MAX_VID;
	case SNIC_VF_ACT_VLAN_DEL:
		return m->type == SNIC_MSG_SET_VLAN && !m->vlan.add &&
		       a->arg == m->vlan.vid && a->arg <= SNIC_VLAN_MAX_VID;
	case SNIC_VF_ACT_MAX_FRAME:
		return m->type == SNIC_MSG_SET_LPE && a->arg == m->max_frame &&
		       a->arg >= SNIC_LPE_MIN_FRAME &&
		       a->arg <= SNIC_LPE_MAX_FRAME;
	case SNIC_VF_ACT_PROMISC:
		return m->type == SNIC_MSG_SET_PROMISC &&
		       a->arg == m->promisc && !(a->arg & ~SNIC_PROMISC_ALL);
	case SNIC_VF_ACT_EXT:
		return m->type == SNIC_MSG_EXT_HELLO && !a->arg;
	default:
		return 0;
	}
}

static int is_vf_request_type(u16 type)
{
	const struct snic_msg_desc *md = snic_msg_desc(type);

	return md && (md->flags & SNIC_MSGD_VF2PF);
}

/* Does the protocol table say a NACK of this type is the base one-word one? */
static int base_nack(u16 type)
{
	const struct snic_msg_desc *md = snic_msg_desc(type);

	return md && (md->flags & SNIC_MSGD_BASE_NACK);
}

/* The words the PF would send for decision @d, decoded as the VF would. */
static void check_reply(const struct snic_vf_policy_state *st, u32 req_hdr,
			const struct snic_msg *m, const struct snic_vf_decision *d)
{
	bool ack = d->reply == SNIC_VF_REPLY_ACK;
	struct snic_msg r = { 0 }, back;
	u32 w[SNIC_MBX_WORDS];
	unsigned int len = 0;
	int err;

	if (d->n_act && d->act[0].type == SNIC_VF_ACT_RESET) {
		r.type = SNIC_MSG_RESET;
		r.flags = ack ? SNIC_MSG_ACK : SNIC_MSG_NACK;
		memcpy(r.mac, "\x02\x00\x00\x00\x00\x01", ETH_ALEN);
		FUZZ_CHECK(!snic_msg_encode(&r, SNIC_DIR_REPLY, w, &len));
		FUZZ_CHECK(len == (ack ? SNIC_RESET_REPLY_WORDS : 1));
	} else if (ack && m->type == SNIC_MSG_EXT_HELLO) {
		r.type = SNIC_MSG_EXT_HELLO;
		r.flags = SNIC_MSG_ACK | SNIC_MSG_CTS;
		r.ext.version = d->ext_version;
		r.ext.caps = d->ext_caps;
		FUZZ_CHECK(!snic_msg_encode(&r, SNIC_DIR_REPLY, w, &len));
	} else {
		/* pf_vf_mbx.c: the request's header with ACK/NACK (+ reason) */
		w[0] = snic_msg_reply_hdr(req_hdr, ack, st->clear);
		len = 1;
		if (!ack && d->reason_word) {
			w[1] = d->refusal;
			len = SNIC_NACK_REASON_WORDS;
		}
	}
	err = snic_msg_decode(w, len, SNIC_DIR_REPLY, &back);
	FUZZ_CHECK(back.type == m->type);
	FUZZ_CHECK(!!(back.flags & SNIC_MSG_ACK) == ack);
	FUZZ_CHECK(!!(back.flags & SNIC_MSG_NACK) == !ack);
	/*
	 * What the VF reads is a valid answer, unless the request itself was
	 * no VF request: reserved bits 28:24 (echoed in the answer) or a
	 * PF->VF type.
	 */
	if (is_vf_request_type(m->type) &&
	    !(req_hdr & ~(SNIC_MSG_TYPE | SNIC_MSG_INFO | SNIC_MSG_FLAGS))) {
		FUZZ_CHECK(!err);
		if (!ack && d->reason_word)
			FUZZ_CHECK(back.reason_word &&
				   back.reason == d->refusal);
	}
}

static void check_decision(const struct snic_vf_policy_state *st,
			   const struct snic_msg *m, int derr,
			   const struct snic_vf_decision *d)
{
	unsigned int i;

	FUZZ_CHECK(d->n_act <= SNIC_VF_MAX_ACTS);
	FUZZ_CHECK(d->reply <= SNIC_VF_REPLY_NONE);
	FUZZ_CHECK(d->reason <= SNIC_VF_FAILED);
	FUZZ_CHECK(d->refusal <= SNIC_REFUSE_MAX);
	FUZZ_CHECK(strcmp(snic_vf_reason_str(d->reason), "?"));

	if (derr == -EBADMSG) {	/* ACK/NACK in a request: never answered */
		FUZZ_CHECK(d->reply == SNIC_VF_REPLY_NONE && !d->n_act);
		return;
	}
	if (d->reply == SNIC_VF_REPLY_NONE)
		FUZZ_CHECK(!d->n_act);
	if (d->reply == SNIC_VF_REPLY_BARE_NACK)
		FUZZ_CHECK(!st->clear && !d->n_act && !d->reason_word);
	if (!st->clear && !(m->type == SNIC_MSG_RESET && !derr))
		FUZZ_CHECK(d->reply == SNIC_VF_REPLY_BARE_NACK);
	if (d->reason_word)
		FUZZ_CHECK(d->reply == SNIC_VF_REPLY_NACK &&
			   (st->ext_caps & SNIC_EXT_CAP_REASON) &&
			   !base_nack(m->type));
	else if (d->reply == SNIC_VF_REPLY_NACK)
		FUZZ_CHECK(!(st->ext_caps & SNIC_EXT_CAP_REASON) ||
			   base_nack(m->type));
	/* RESET and EXT_HELLO are the protocol's two base-NACK types */
	FUZZ_CHECK(base_nack(m->type) == (m->type == SNIC_MSG_RESET ||
					  m->type == SNIC_MSG_EXT_HELLO));
	if (d->reply == SNIC_VF_REPLY_ACK)
		FUZZ_CHECK(d->reason == SNIC_VF_OK && !derr && d->n_act == 1);

	for (i = 0; i < d->n_act; i++) {
		const struct snic_vf_action *a = &d->act[i];

		FUZZ_CHECK(act_belongs(m, a));
		if (a->type == SNIC_VF_ACT_RESET)
			FUZZ_CHECK(!derr && i == 0);
		else if (a->type == SNIC_VF_ACT_EXT)
			/* an ACK, or a refused offer forgetting the last one */
			FUZZ_CHECK(d->reply == SNIC_VF_REPLY_ACK ||
				   (d->reply == SNIC_VF_REPLY_NACK && derr));
		else
			/* a table change only with an ACK */
			FUZZ_CHECK(d->reply == SNIC_VF_REPLY_ACK && !derr);
		if (a->type == SNIC_VF_ACT_UC_ADD)
			FUZZ_CHECK(st->uc_used < SNIC_VF_MAX_UC && st->rar_free);
		if (a->type == SNIC_VF_ACT_SET_MAC || a->type == SNIC_VF_ACT_UC_ADD)
			FUZZ_CHECK(!st->admin_mac || st->trusted);
		/* an address change is to a unicast address, or to none */
		if (a->type == SNIC_VF_ACT_SET_MAC)
			FUZZ_CHECK(m->mac_op == SNIC_MAC_RELEASE ?
				   !memcmp(m->mac, "\0\0\0\0\0\0", ETH_ALEN) :
				   !(m->mac[0] & 1) &&
				   memcmp(m->mac, "\0\0\0\0\0\0", ETH_ALEN));
		if (a->type == SNIC_VF_ACT_VLAN_ADD)
			FUZZ_CHECK(!st->port_vlan &&
				   (st->vid_mine ||
				    (st->vlans_used < SNIC_VF_MAX_VLANS &&
				     (st->vid_present || st->vlvf_free))));
		if (a->type == SNIC_VF_ACT_VLAN_DEL)
			FUZZ_CHECK(!st->port_vlan);
		if (a->type == SNIC_VF_ACT_PROMISC && (a->arg & SNIC_PROMISC_UC))
			FUZZ_CHECK(st->trusted && st->hw_uc_promisc);
	}
	if (d->ext_version || d->ext_caps)
		FUZZ_CHECK(m->type == SNIC_MSG_EXT_HELLO);
	FUZZ_CHECK(d->ext_version <= SNIC_EXT_VERSION_CUR);
	FUZZ_CHECK(!(d->ext_caps & ~SNIC_EXT_CAPS_V1));
	if (d->reply == SNIC_VF_REPLY_ACK && m->type == SNIC_MSG_EXT_HELLO)
		FUZZ_CHECK(d->ext_version >= 1);
}

static const int apply_errs[] = {
	-ENOSPC, -EBUSY, -EAGAIN, -EINVAL, -ERANGE, -EADDRNOTAVAIL, -EPERM,
	-EOPNOTSUPP, -EIO, -ENOMEM,
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct snic_vf_policy_state st;
	struct snic_vf_decision d;
	struct snic_vf_ext ext = { .version = 1, .caps = SNIC_EXT_CAPS_V1 };
	u32 w[SNIC_MBX_WORDS];
	struct snic_msg m;
	int derr;

	if (size < 9)
		return 0;
	fuzz_state(data, &st);
	fuzz_words(data + 9, size - 9, w, SNIC_MBX_WORDS);

	derr = snic_msg_decode(w, SNIC_MBX_WORDS, SNIC_DIR_REQUEST, &m);
	FUZZ_CHECK(fuzz_decode_err_ok(derr));
	memset(&d, 0xa5, sizeof(d));	/* decide must set what it reports */
	snic_vf_policy_decide(&st, &m, derr, &d);
	check_decision(&st, &m, derr, &d);
	if (d.reply == SNIC_VF_REPLY_ACK || d.reply == SNIC_VF_REPLY_NACK)
		check_reply(&st, w[0], &m, &d);

	snic_vf_ext_apply(&ext, &d, d.reply == SNIC_VF_REPLY_ACK);
	FUZZ_CHECK(ext.version <= SNIC_EXT_VERSION_CUR);
	FUZZ_CHECK(!(ext.caps & ~SNIC_EXT_CAPS_V1));
	FUZZ_CHECK(!ext.version == !ext.caps || ext.version);
	if (m.type == SNIC_MSG_RESET && !derr)
		FUZZ_CHECK(!ext.version && !ext.caps);

	/* The same decision, its actions failing to apply. */
	if (d.reply == SNIC_VF_REPLY_ACK && d.n_act) {
		int err = apply_errs[data[8] % (sizeof(apply_errs) /
						sizeof(apply_errs[0]))];

		snic_vf_policy_failed(&st, &m, err, &d);
		FUZZ_CHECK(d.reply == SNIC_VF_REPLY_NACK &&
			   d.reason == SNIC_VF_FAILED);
		FUZZ_CHECK(d.refusal <= SNIC_REFUSE_MAX);
		FUZZ_CHECK(!d.reason_word ||
			   ((st.ext_caps & SNIC_EXT_CAP_REASON) &&
			    !base_nack(m.type)));
		check_reply(&st, w[0], &m, &d);
	}
	return 0;
}
