// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: ndo_set_vf_* (stubs for now).
 */
#include "pf.h"

/** snic_pf_ndo_set_vf_mac() - stub. @dev: PF. @vf: VF. @mac: MAC. Return: error. */
int snic_pf_ndo_set_vf_mac(struct net_device *dev, int vf, u8 *mac)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_set_vf_vlan() - stub. @dev: PF. @vf: VF. @vlan: id. @qos: prio. @proto: proto. Return: error. */
int snic_pf_ndo_set_vf_vlan(struct net_device *dev, int vf, u16 vlan, u8 qos,
			    __be16 proto)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_set_vf_rate() - stub. @dev: PF. @vf: VF. @min_rate: min. @max_rate: max. Return: error. */
int snic_pf_ndo_set_vf_rate(struct net_device *dev, int vf, int min_rate,
			    int max_rate)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_set_vf_spoofchk() - stub. @dev: PF. @vf: VF. @on: on. Return: error. */
int snic_pf_ndo_set_vf_spoofchk(struct net_device *dev, int vf, bool on)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_set_vf_trust() - stub. @dev: PF. @vf: VF. @on: on. Return: error. */
int snic_pf_ndo_set_vf_trust(struct net_device *dev, int vf, bool on)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_set_vf_link_state() - stub. @dev: PF. @vf: VF. @state: state. Return: error. */
int snic_pf_ndo_set_vf_link_state(struct net_device *dev, int vf, int state)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_get_vf_config() - stub. @dev: PF. @vf: VF. @ivi: out. Return: error. */
int snic_pf_ndo_get_vf_config(struct net_device *dev, int vf,
			      struct ifla_vf_info *ivi)
{
	return -EOPNOTSUPP;
}

/** snic_pf_ndo_get_vf_stats() - stub. @dev: PF. @vf: VF. @stats: out. Return: error. */
int snic_pf_ndo_get_vf_stats(struct net_device *dev, int vf,
			     struct ifla_vf_stats *stats)
{
	return -EOPNOTSUPP;
}
