// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: receive filter tables (stubs for now).
 */
#include "pf.h"

/**
 * snic_pf_filter_set_pf_mac() - program the PF's own MAC
 * @pf: the PF
 * @mac: address
 */
void snic_pf_filter_set_pf_mac(struct snic_pf *pf, const u8 *mac)
{
}

/**
 * snic_pf_filter_sync_rx_mode() - apply the PF netdev's rx mode
 * @pf: the PF
 */
void snic_pf_filter_sync_rx_mode(struct snic_pf *pf)
{
}

/**
 * snic_pf_filter_vlan() - add or remove a VLAN for a pool
 * @pf: the PF
 * @vid: VLAN id
 * @pool: VMDq pool
 * @on: add or remove
 *
 * Return: -EOPNOTSUPP (stub).
 */
int snic_pf_filter_vlan(struct snic_pf *pf, u16 vid, unsigned int pool,
			bool on)
{
	return -EOPNOTSUPP;
}
