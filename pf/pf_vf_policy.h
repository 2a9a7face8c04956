/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: what the PF does with each VF request, as a pure function.
 *
 * snic_vf_policy_decide() sees a snapshot of one VF's state and one decoded
 * message, and returns whether to ACK or NACK it, why, and a short list of
 * register actions for pf_vf_mbx.c to apply. It touches no register, takes
 * no lock and allocates nothing, so it is tested in isolation (KUnit) and
 * is the only place that knows the rules: trust, administrator MAC, port
 * VLAN, table capacities, the RESET handshake, and the negotiation of the
 * mailbox extension (what is granted, and when it is forgotten).
 */
#ifndef _SRIOVNIC_PF_VF_POLICY_H
#define _SRIOVNIC_PF_VF_POLICY_H

#include <linux/types.h>

#include <sriovnic/mbx_proto.h>

/* Per-VF limits, so that one VF cannot take a shared table for itself. */
#define SNIC_VF_MAX_UC		4	/* extra unicast filters per VF */
#define SNIC_VF_MAX_VLANS	8	/* VLAN filters per VF */

/*
 * The shared tables and the share of each party (Documentation/pf.rst,
 * "Filter table shares"): the receive address entries left after the
 * PF's and the VFs' own addresses, and the VLAN pool filters.
 */
#define SNIC_RAR_SHARED		16
#define SNIC_RAR_PF_RESERVE	4
#define SNIC_VLVF_SHARED	32
#define SNIC_VLVF_PF_RESERVE	8

/* The PF's (and the administrator's) bit in a snic_share_owed() mask. */
#define SNIC_SHARE_PF		7

/**
 * struct snic_share - how one shared filter table is split
 * @size: entries the PF and the VFs share
 * @pf_reserve: entries kept for the PF and the administrator
 * @vf_max: the most one VF may hold
 *
 * Each enabled VF is guaranteed snic_share_vf_guarantee() entries; the
 * rest is a common pool, first come first served, bounded per VF by
 * @vf_max. A party may take a new entry as long as the free entries left
 * cover what every other party is still guaranteed.
 */
struct snic_share {
	unsigned int size;
	unsigned int pf_reserve;
	unsigned int vf_max;
};

extern const struct snic_share snic_rar_share;
extern const struct snic_share snic_vlvf_share;

/**
 * struct snic_share_use - who holds how many entries of a shared table
 * @n_vfs: VFs enabled (each is guaranteed a share)
 * @vf: entries each VF holds (index: VF number, below @n_vfs)
 * @pf: entries the PF holds
 */
struct snic_share_use {
	unsigned int n_vfs;
	unsigned int vf[SNIC_SHARE_PF];
	unsigned int pf;
};

/**
 * struct snic_vf_policy_state - what the policy may know about a VF
 * @clear: the VF completed the RESET handshake (may send requests)
 * @trusted: the administrator trusts the VF
 * @admin_mac: the administrator assigned the VF's MAC address
 * @has_mac: the PF has an address to give the VF in the RESET reply
 * @port_vlan: the administrator's port VLAN, 0 for none
 * @hw_uc_promisc: the device can give one pool unicast promiscuous mode
 * @uc_used: extra unicast filters this VF holds
 * @rar_free: free entries in the shared part of the receive address table
 * @rar_owed: of those, entries other parties are still guaranteed
 *	(snic_share_owed()); the VF may take one only while @rar_free is
 *	above it
 * @mac_in_use: the address of a SET_MAC_ADDR or "add filter" request is
 *	held (or reserved) by another pool: the PF's own or extra address, or
 *	another VF's own, administrative or extra address
 * @vlans_used: VLAN filters this VF holds
 * @vid_present: the VLAN id of the message already has a VLVF entry
 *	(so adding this VF to it needs no new entry); SET_VLAN only
 * @vid_mine: this VF already has the VLAN id of the message; SET_VLAN only
 * @vlvf_free: free VLVF entries
 * @vlvf_owed: of those, entries other parties are still guaranteed
 * @ext_caps: extension capabilities the VF was granted (0: base protocol)
 */
struct snic_vf_policy_state {
	bool clear;
	bool trusted;
	bool admin_mac;
	bool has_mac;
	u16 port_vlan;
	bool hw_uc_promisc;
	unsigned int uc_used;
	unsigned int rar_free;
	unsigned int rar_owed;
	bool mac_in_use;
	unsigned int vlans_used;
	bool vid_present;
	bool vid_mine;
	unsigned int vlvf_free;
	unsigned int vlvf_owed;
	u32 ext_caps;
};

/**
 * enum snic_vf_act_type - a register action the PF applies for a request
 * @SNIC_VF_ACT_RESET: clean the VF's filters and queues, program its
 *	address, enable its queues and mark it clear to send
 * @SNIC_VF_ACT_SET_MAC: make the message's address the VF's primary one
 *	(none, for SNIC_MAC_RELEASE)
 * @SNIC_VF_ACT_UC_CLEAR: drop the VF's extra unicast filters
 * @SNIC_VF_ACT_UC_ADD: add the message's address as an extra filter
 * @SNIC_VF_ACT_MC_SET: replace the VF's multicast hashes with the message's
 *	and leave multicast overflow mode
 * @SNIC_VF_ACT_MC_OVERFLOW: drop the hashes; the VF takes all multicast
 * @SNIC_VF_ACT_VLAN_ADD: add the VF to the message's VLAN id
 * @SNIC_VF_ACT_VLAN_DEL: remove the VF from the message's VLAN id
 * @SNIC_VF_ACT_MAX_FRAME: set the VF's largest receive frame (@arg)
 * @SNIC_VF_ACT_PROMISC: set the VF's promiscuous bits (@arg, SNIC_PROMISC_*)
 * @SNIC_VF_ACT_EXT: record the extension version and capabilities of the
 *	decision (snic_vf_ext_apply()) and answer with them
 */
enum snic_vf_act_type {
	SNIC_VF_ACT_RESET = 1,
	SNIC_VF_ACT_SET_MAC,
	SNIC_VF_ACT_UC_CLEAR,
	SNIC_VF_ACT_UC_ADD,
	SNIC_VF_ACT_MC_SET,
	SNIC_VF_ACT_MC_OVERFLOW,
	SNIC_VF_ACT_VLAN_ADD,
	SNIC_VF_ACT_VLAN_DEL,
	SNIC_VF_ACT_MAX_FRAME,
	SNIC_VF_ACT_PROMISC,
	SNIC_VF_ACT_EXT,
};

/**
 * enum snic_vf_reason - why a request was answered as it was
 * @SNIC_VF_OK: accepted
 * @SNIC_VF_NO_MAC: RESET with no address to give (the VF picks one)
 * @SNIC_VF_NOT_CTS: the VF has not completed RESET
 * @SNIC_VF_REPLY: the message carries ACK or NACK; ignored
 * @SNIC_VF_BAD_MSG: the message failed validation
 * @SNIC_VF_UNKNOWN: a type the PF does not implement
 * @SNIC_VF_ADMIN_MAC: the administrator set the address, VF not trusted
 * @SNIC_VF_NO_RAR: no free receive address entry (or the VF's share is used)
 * @SNIC_VF_PORT_VLAN: the administrator set a port VLAN
 * @SNIC_VF_NO_VLVF: no free VLAN filter (or the VF's share is used)
 * @SNIC_VF_UNTRUSTED: unicast promiscuous asked by an untrusted VF
 * @SNIC_VF_NO_HW: unicast promiscuous per pool is not available
 * @SNIC_VF_FAILED: accepted, but applying it to the tables failed
 * @SNIC_VF_ADDR_IN_USE: the address is another pool's (PF or VF)
 */
enum snic_vf_reason {
	SNIC_VF_OK,
	SNIC_VF_NO_MAC,
	SNIC_VF_NOT_CTS,
	SNIC_VF_REPLY,
	SNIC_VF_BAD_MSG,
	SNIC_VF_UNKNOWN,
	SNIC_VF_ADMIN_MAC,
	SNIC_VF_NO_RAR,
	SNIC_VF_PORT_VLAN,
	SNIC_VF_NO_VLVF,
	SNIC_VF_UNTRUSTED,
	SNIC_VF_NO_HW,
	SNIC_VF_FAILED,
	SNIC_VF_ADDR_IN_USE,
};

/**
 * enum snic_vf_reply - how to answer
 * @SNIC_VF_REPLY_ACK: the request header with ACK (and CTS as applicable)
 * @SNIC_VF_REPLY_NACK: the request header with NACK (and CTS as applicable)
 * @SNIC_VF_REPLY_BARE_NACK: a one-word NACK without CTS, throttled by the
 *	caller; for a VF that is not clear to send
 * @SNIC_VF_REPLY_NONE: no answer at all
 */
enum snic_vf_reply {
	SNIC_VF_REPLY_ACK,
	SNIC_VF_REPLY_NACK,
	SNIC_VF_REPLY_BARE_NACK,
	SNIC_VF_REPLY_NONE,
};

#define SNIC_VF_MAX_ACTS	2

/**
 * struct snic_vf_action - one register action
 * @type: enum snic_vf_act_type
 * @arg: argument for @type, where it has one
 */
struct snic_vf_action {
	u8 type;
	u32 arg;
};

/**
 * struct snic_vf_decision - the policy's answer
 * @reply: enum snic_vf_reply
 * @reason: enum snic_vf_reason
 * @refusal: for a NACK, the enum snic_refusal the VF may be told
 * @reason_word: the NACK carries @refusal in a second word (the VF was
 *	granted SNIC_EXT_CAP_REASON); otherwise it is the base one-word NACK
 * @ext_version: EXT_HELLO: the version in use
 * @ext_caps: EXT_HELLO: the capabilities granted
 * @n_act: entries used in @act
 * @act: actions to apply, in order, before replying
 */
struct snic_vf_decision {
	u8 reply;
	u8 reason;
	u8 refusal;
	bool reason_word;
	u8 ext_version;
	u32 ext_caps;
	unsigned int n_act;
	struct snic_vf_action act[SNIC_VF_MAX_ACTS];
};

/**
 * struct snic_vf_ext - what a VF negotiated (version 0: nothing, the VF
 *	speaks the base protocol and the PF sends it nothing but that)
 * @version: extension version in use
 * @caps: capabilities granted, a subset of SNIC_EXT_CAPS_V1
 */
struct snic_vf_ext {
	u8 version;
	u32 caps;
};

void snic_vf_policy_decide(const struct snic_vf_policy_state *st,
			   const struct snic_msg *msg, int decode_err,
			   struct snic_vf_decision *d);
void snic_vf_policy_failed(const struct snic_vf_policy_state *st,
			   const struct snic_msg *msg, int err,
			   struct snic_vf_decision *d);
void snic_vf_ext_apply(struct snic_vf_ext *ext,
		       const struct snic_vf_decision *d, bool applied);
void snic_vf_ext_clear(struct snic_vf_ext *ext);
unsigned int snic_share_vf_guarantee(const struct snic_share *sh,
				     unsigned int n_vfs);
unsigned int snic_share_owed(const struct snic_share *sh,
			     const struct snic_share_use *use, u32 mine);
bool snic_share_may_take(const struct snic_share *sh,
			 const struct snic_share_use *use, unsigned int who,
			 u32 mine, unsigned int free);
const char *snic_vf_reason_str(unsigned int reason);

#endif /* _SRIOVNIC_PF_VF_POLICY_H */
