/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: a VF's saved state (include/sriovnic/vf_state.h) as the PF
 * holds it, and the pure codec between that and the blob. No register,
 * no lock, no allocation: KUnit-tested and fuzzed.
 */
#ifndef _SRIOVNIC_PF_VF_STATE_H
#define _SRIOVNIC_PF_VF_STATE_H

#include <linux/types.h>

#include <sriovnic/vf_state.h>

/**
 * struct snic_vf_state - one VF's state, decoded
 * @mac: the address in force, or zero
 * @admin_mac: the administrator set @mac
 * @uc_count: entries used in @uc
 * @uc: extra unicast addresses
 * @mc_count: entries used in @mc_hash
 * @mc_hash: multicast hashes (12 bits each)
 * @mc_overflow: the VF asked for more groups than the PF keeps
 * @mc_promisc: the VF asked for multicast promiscuous mode
 * @vlan_count: entries used in @vlans
 * @vlans: VLAN ids the VF filters on, each once
 * @max_frame: largest frame with CRC, 0 when the VF never set one
 * @ext_caps: extension capabilities the VF negotiated
 */
struct snic_vf_state {
	u8 mac[ETH_ALEN];
	bool admin_mac;
	u8 uc_count;
	u8 uc[SNIC_VFS_MAX_UC][ETH_ALEN];
	u8 mc_count;
	u16 mc_hash[SNIC_VFS_MAX_MC];
	bool mc_overflow;
	bool mc_promisc;
	u8 vlan_count;
	u16 vlans[SNIC_VFS_MAX_VLANS];
	u16 max_frame;
	u32 ext_caps;
};

int snic_vf_state_check(const struct snic_vf_state *s);
int snic_vf_state_encode(const struct snic_vf_state *s, u16 vf_device,
			 void *buf, size_t len);
int snic_vf_state_decode(const void *buf, size_t len, u16 vf_device,
			 struct snic_vf_state *s);
const char *snic_vf_state_strerror(int err);

#endif /* _SRIOVNIC_PF_VF_STATE_H */
