// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the receive filter tables the PF shares with its VFs.
 *
 * With VMDq on (always, on this driver) the 82576 picks the pools a frame
 * goes to from these tables:
 *  - unicast: receive address entries (RAR); each names one pool here.
 *    Entry 0 is the PF's address (pool 7), entries 1-7 the VFs' own
 *    addresses (VF v in entry 1 + v), entries 8-23 are shared by the PF's
 *    and the VFs' additional addresses. Unicast that matches nothing goes
 *    to the default pool (VT_CTL), the PF's. The 82576 ORs the pools of
 *    every entry that matches, so one address in two pools' entries gives
 *    both a copy: snic_pf_filter_mac_taken() is how a VF is kept from
 *    asking for another pool's address.
 *  - multicast: one global 4096-bit table (MTA); a hit goes to every pool
 *    with VMOLR.ROMPE. The table is the union of the PF's list and every
 *    VF's hashes.
 *  - VLAN: with RCTL.VFE, a tagged frame goes only to pools named in the
 *    VLVF entry of its VLAN id (32 entries, shared), and needs its bit in
 *    the global VFTA; an untagged one only to pools with VMOLR.AUPE.
 *
 * The shared RAR entries and the VLVF entries are split between the PF
 * and the enabled VFs (struct snic_share, pf_vf_policy.c): every new entry
 * is taken only if what is left covers the other parties' guarantees, so
 * no VF can leave the PF, the administrator or another VF without one.
 *  - per pool (VMOLR): broadcast, untagged, multicast-table hits, VLAN
 *    stripping, largest frame; VMVIR inserts a port VLAN on transmit.
 *
 * All-multicast for one pool would be VMOLR.MPME. QEMU's model does not
 * implement MPME, so this driver gives a pool all-multicast by setting
 * every MTA bit and ROMPE for that pool, on all hardware alike. The cost:
 * while any pool is in all-multicast, every pool with ROMPE (any pool that
 * joined a group) receives all multicast too; the stacks above drop what
 * they did not join.
 *
 * Every table has a shadow here; registers are written from the shadows,
 * so a global reset is undone by snic_pf_filter_restore(). All of it is
 * under &snic_pf_sriov.filter_lock, a spinlock: ndo_set_rx_mode calls in
 * with BHs off.
 */
#include <linux/bitmap.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>

#include "pf.h"

#define SNIC_RAR_PF		0
#define SNIC_RAR_VF(v)		(1 + (v))
#define SNIC_RAR_EXTRA_FIRST	(1 + SNIC_MAX_VFS)

/* Default largest frame of a pool: 1500 bytes of payload, one VLAN tag. */
#define SNIC_POOL_DEF_FRAME	(ETH_FRAME_LEN + ETH_FCS_LEN + VLAN_HLEN)

static void snic_filter_assert(struct snic_pf *pf)
{
	lockdep_assert_held(&pf->sriov.filter_lock);
}

/* The share tables of pf_vf_policy.h describe this file's tables. */
static_assert(SNIC_RAR_ENTRIES - SNIC_RAR_EXTRA_FIRST == SNIC_RAR_SHARED);
static_assert(SNIC_VLVF_SHARED == SNIC_VLVF_ENTRIES);
static_assert(SNIC_SHARE_PF == SNIC_PF_POOL);
static_assert(SNIC_SHARE_PF == SNIC_MAX_VFS);

/**
 * snic_pf_filter_share_use() - who holds how many entries of a table
 * @pf: the PF; filter_lock held
 * @vlvf: the VLAN filters (else the shared receive address entries)
 * @use: filled in
 *
 * The VFs counted are those enabled (num_vfs, read once: it changes under
 * sriov.lock, which callers in atomic context do not hold; a stale value
 * only moves the split for that one decision).
 */
void snic_pf_filter_share_use(struct snic_pf *pf, bool vlvf,
			      struct snic_share_use *use)
{
	const struct snic_pf_pool *pool = pf->sriov.pool;
	unsigned int v;

	snic_filter_assert(pf);
	memset(use, 0, sizeof(*use));
	use->n_vfs = min_t(unsigned int, READ_ONCE(pf->sriov.num_vfs),
			   SNIC_MAX_VFS);
	for (v = 0; v < use->n_vfs; v++)
		use->vf[v] = vlvf ? pool[v].vlans : pool[v].uc;
	use->pf = vlvf ? pool[SNIC_PF_POOL].vlans : pool[SNIC_PF_POOL].uc;
}

/* ---- Receive address table ---------------------------------------- */

static void snic_rar_write(struct snic_pf *pf, unsigned int i)
{
	const struct snic_pf_rar *r = &pf->sriov.rar[i];
	u32 ral, rah;

	/* Invalidate first, so the entry never matches half-written. */
	pf_wr32(pf, SNIC_RAH(i), 0);
	if (r->kind == SNIC_RAR_FREE) {
		pf_wr32(pf, SNIC_RAL(i), 0);
		return;
	}
	ral = r->addr[0] | r->addr[1] << 8 | r->addr[2] << 16 |
	      (u32)r->addr[3] << 24;
	rah = FIELD_PREP(SNIC_RAH_ADDR_HI, r->addr[4] | r->addr[5] << 8) |
	      FIELD_PREP(SNIC_RAH_POOLSEL, BIT(r->pool)) | SNIC_RAH_AV;
	pf_wr32(pf, SNIC_RAL(i), ral);
	pf_wr32(pf, SNIC_RAH(i), rah);
}

static void snic_rar_set(struct snic_pf *pf, unsigned int i, const u8 *mac,
			 unsigned int pool, u8 kind)
{
	struct snic_pf_rar *r = &pf->sriov.rar[i];

	if (!mac || is_zero_ether_addr(mac)) {
		memset(r, 0, sizeof(*r));
	} else {
		ether_addr_copy(r->addr, mac);
		r->pool = pool;
		r->kind = kind;
	}
	snic_rar_write(pf, i);
}

/**
 * snic_pf_filter_set_pf_mac() - program the PF's own MAC (entry 0, pool 7)
 * @pf: the PF
 * @mac: address
 */
void snic_pf_filter_set_pf_mac(struct snic_pf *pf, const u8 *mac)
{
	spin_lock_bh(&pf->sriov.filter_lock);
	snic_rar_set(pf, SNIC_RAR_PF, mac, SNIC_PF_POOL, SNIC_RAR_PRIMARY);
	spin_unlock_bh(&pf->sriov.filter_lock);
}

/**
 * snic_pf_filter_vf_mac() - program or clear a VF's own address
 * @pf: the PF
 * @pool: the VF (and pool) number, below SNIC_MAX_VFS
 * @mac: address; NULL or all-zero removes the entry
 *
 * Caller holds filter_lock.
 *
 * Return: 0, or -EINVAL for a pool that is not a VF's.
 */
int snic_pf_filter_vf_mac(struct snic_pf *pf, unsigned int pool,
			  const u8 *mac)
{
	snic_filter_assert(pf);
	if (pool >= SNIC_MAX_VFS)
		return -EINVAL;
	snic_rar_set(pf, SNIC_RAR_VF(pool), mac, pool, SNIC_RAR_PRIMARY);
	return 0;
}

static int snic_rar_find_extra(struct snic_pf *pf, const u8 *mac,
			       unsigned int pool)
{
	unsigned int i;

	for (i = SNIC_RAR_EXTRA_FIRST; i < SNIC_RAR_ENTRIES; i++) {
		const struct snic_pf_rar *r = &pf->sriov.rar[i];

		if (r->kind == SNIC_RAR_EXTRA && r->pool == pool &&
		    ether_addr_equal(r->addr, mac))
			return i;
	}
	return -ENOENT;
}

/**
 * snic_pf_filter_free_rar() - free entries in the shared part of the table
 * @pf: the PF; filter_lock held
 *
 * Return: the number of free entries.
 */
unsigned int snic_pf_filter_free_rar(struct snic_pf *pf)
{
	unsigned int i, n = 0;

	snic_filter_assert(pf);
	for (i = SNIC_RAR_EXTRA_FIRST; i < SNIC_RAR_ENTRIES; i++)
		n += pf->sriov.rar[i].kind == SNIC_RAR_FREE;
	return n;
}

/**
 * snic_pf_filter_uc_add() - add an extra unicast address for a pool
 * @pf: the PF; filter_lock held
 * @pool: pool
 * @mac: a unicast address
 *
 * Adding an address the pool already has is a no-op. A new entry is taken
 * only within the pool's share (snic_share_may_take()).
 *
 * Return: 0, -EINVAL for a bad pool or address, -ENOSPC when full or when
 * the pool's share is used.
 */
int snic_pf_filter_uc_add(struct snic_pf *pf, unsigned int pool,
			  const u8 *mac)
{
	struct snic_share_use use;
	unsigned int i;

	snic_filter_assert(pf);
	if (pool >= SNIC_NUM_POOLS || !is_valid_ether_addr(mac))
		return -EINVAL;
	if (snic_rar_find_extra(pf, mac, pool) >= 0)
		return 0;
	snic_pf_filter_share_use(pf, false, &use);
	if (!snic_share_may_take(&snic_rar_share, &use, pool, BIT(pool),
				 snic_pf_filter_free_rar(pf)))
		return -ENOSPC;
	for (i = SNIC_RAR_EXTRA_FIRST; i < SNIC_RAR_ENTRIES; i++) {
		if (pf->sriov.rar[i].kind != SNIC_RAR_FREE)
			continue;
		snic_rar_set(pf, i, mac, pool, SNIC_RAR_EXTRA);
		pf->sriov.pool[pool].uc++;
		return 0;
	}
	return -ENOSPC;
}

/**
 * snic_pf_filter_uc_clear() - drop every extra unicast address of a pool
 * @pf: the PF; filter_lock held
 * @pool: pool
 */
void snic_pf_filter_uc_clear(struct snic_pf *pf, unsigned int pool)
{
	unsigned int i;

	snic_filter_assert(pf);
	for (i = SNIC_RAR_EXTRA_FIRST; i < SNIC_RAR_ENTRIES; i++) {
		const struct snic_pf_rar *r = &pf->sriov.rar[i];

		if (r->kind == SNIC_RAR_EXTRA && r->pool == pool)
			snic_rar_set(pf, i, NULL, 0, SNIC_RAR_FREE);
	}
	if (pool < SNIC_NUM_POOLS)
		pf->sriov.pool[pool].uc = 0;
}

/**
 * snic_pf_filter_mac_taken() - is a unicast address another pool's?
 * @pf: the PF; sriov.lock held (the VF table), filter_lock not held
 * @mac: a unicast address
 * @pool: the pool that would take it
 *
 * Another pool holds it if it is the PF's own address or on the PF's
 * unicast list (also one that overflowed the table), another VF's address
 * or administrative address (programmed or not yet), or in any receive
 * address entry of another pool; a VF stopped for a migration holds none
 * (pf_vf_mig.c).
 *
 * Return: true if it is taken.
 */
bool snic_pf_filter_mac_taken(struct snic_pf *pf, const u8 *mac,
			      unsigned int pool)
{
	struct net_device *dev = pf->netdev;
	struct netdev_hw_addr *ha;
	bool taken = false;
	unsigned int i;

	lockdep_assert_held(&pf->sriov.lock);
	for (i = 0; i < pf->sriov.num_vfs; i++) {
		const struct snic_pf_vf *vf = &pf->sriov.vfs[i];

		if (i == pool || vf->mig_stopped)
			continue;
		if (ether_addr_equal(vf->mac, mac) ||
		    (vf->admin_mac && ether_addr_equal(vf->admin_addr, mac)))
			return true;
	}

	/* The netdev's address lock, then filter_lock, as ndo_set_rx_mode. */
	netif_addr_lock_bh(dev);
	if (pool != SNIC_PF_POOL) {
		taken = ether_addr_equal(dev->dev_addr, mac);
		netdev_for_each_uc_addr(ha, dev)
			taken |= ether_addr_equal(ha->addr, mac);
	}
	spin_lock(&pf->sriov.filter_lock);
	for (i = 0; i < SNIC_RAR_ENTRIES && !taken; i++) {
		const struct snic_pf_rar *r = &pf->sriov.rar[i];

		taken = r->kind != SNIC_RAR_FREE && r->pool != pool &&
			ether_addr_equal(r->addr, mac) &&
			!(r->pool < pf->sriov.num_vfs &&
			  pf->sriov.vfs[r->pool].mig_stopped);
	}
	spin_unlock(&pf->sriov.filter_lock);
	netif_addr_unlock_bh(dev);
	return taken;
}

/* The PF's unicast list: keep what is still wanted, add what is new. */
static void snic_filter_sync_pf_uc(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	DECLARE_BITMAP(keep, SNIC_RAR_ENTRIES);
	struct netdev_hw_addr *ha;
	unsigned int i;
	bool overflow = false;
	int slot;

	bitmap_zero(keep, SNIC_RAR_ENTRIES);
	netdev_for_each_uc_addr(ha, dev) {
		slot = snic_rar_find_extra(pf, ha->addr, SNIC_PF_POOL);
		if (slot >= 0)
			__set_bit(slot, keep);
	}
	for (i = SNIC_RAR_EXTRA_FIRST; i < SNIC_RAR_ENTRIES; i++) {
		const struct snic_pf_rar *r = &pf->sriov.rar[i];

		if (r->kind == SNIC_RAR_EXTRA && r->pool == SNIC_PF_POOL &&
		    !test_bit(i, keep)) {
			snic_rar_set(pf, i, NULL, 0, SNIC_RAR_FREE);
			pf->sriov.pool[SNIC_PF_POOL].uc--;
		}
	}
	netdev_for_each_uc_addr(ha, dev) {
		if (snic_pf_filter_uc_add(pf, SNIC_PF_POOL, ha->addr))
			overflow = true;
	}
	/*
	 * Unmatched unicast from the wire goes to the default pool, the PF's,
	 * so an overflow loses nothing there; UPE covers other hardware.
	 */
	pf->sriov.pf_uc_overflow = overflow;
}

/* ---- VLAN filters ------------------------------------------------- */

static void snic_vlvf_write(struct snic_pf *pf, unsigned int i)
{
	const struct snic_pf_vlvf *e = &pf->sriov.vlvf[i];
	u32 val = 0;

	if (e->pools)
		val = FIELD_PREP(SNIC_VLVF_VID, e->vid) |
		      FIELD_PREP(SNIC_VLVF_POOLSEL, e->pools) | SNIC_VLVF_EN;
	pf_wr32(pf, SNIC_VLVF(i), val);
}

/* VFTA register @reg from the shadow: bit set if any pool takes that id. */
static void snic_vfta_write(struct snic_pf *pf, unsigned int reg)
{
	unsigned int i;
	u32 val = 0;

	for (i = 0; i < SNIC_VLVF_ENTRIES; i++) {
		const struct snic_pf_vlvf *e = &pf->sriov.vlvf[i];

		if (e->pools && e->vid / 32 == reg)
			val |= BIT(e->vid % 32);
	}
	pf_wr32(pf, SNIC_VFTA(reg), val);
}

static int snic_vlvf_find(struct snic_pf *pf, u16 vid)
{
	unsigned int i;

	for (i = 0; i < SNIC_VLVF_ENTRIES; i++)
		if (pf->sriov.vlvf[i].pools && pf->sriov.vlvf[i].vid == vid)
			return i;
	return -ENOENT;
}

/**
 * snic_pf_filter_free_vlvf() - unused VLAN pool filters
 * @pf: the PF; filter_lock held
 *
 * Return: the number of free entries.
 */
unsigned int snic_pf_filter_free_vlvf(struct snic_pf *pf)
{
	unsigned int i, n = 0;

	snic_filter_assert(pf);
	for (i = 0; i < SNIC_VLVF_ENTRIES; i++)
		n += !pf->sriov.vlvf[i].pools;
	return n;
}

/**
 * snic_pf_filter_vid_present() - does a VLAN id have a filter entry?
 * @pf: the PF; filter_lock held
 * @vid: VLAN id
 * @pool: pool to ask about
 * @mine: set to whether @pool already takes @vid
 *
 * Return: true if some pool takes @vid.
 */
bool snic_pf_filter_vid_present(struct snic_pf *pf, u16 vid,
				unsigned int pool, bool *mine)
{
	int i;

	snic_filter_assert(pf);
	i = snic_vlvf_find(pf, vid);
	*mine = i >= 0 && pool < SNIC_NUM_POOLS &&
		(pf->sriov.vlvf[i].pools & BIT(pool));
	return i >= 0;
}

/*
 * Add @pool to @vid, charging a new entry to @who (the pool itself, or
 * SNIC_SHARE_PF for what the administrator sets on a VF).
 */
static int snic_vlvf_add(struct snic_pf *pf, u16 vid, unsigned int pool,
			 unsigned int who)
{
	struct snic_share_use use;
	struct snic_pf_vlvf *e;
	int i;

	i = snic_vlvf_find(pf, vid);
	if (i < 0) {
		snic_pf_filter_share_use(pf, true, &use);
		if (!snic_share_may_take(&snic_vlvf_share, &use, who, BIT(who),
					 snic_pf_filter_free_vlvf(pf)))
			return -ENOSPC;
		for (i = 0; i < SNIC_VLVF_ENTRIES; i++)
			if (!pf->sriov.vlvf[i].pools)
				break;
		if (i == SNIC_VLVF_ENTRIES)
			return -ENOSPC;
		pf->sriov.vlvf[i].vid = vid;
	}
	e = &pf->sriov.vlvf[i];
	if (e->pools & BIT(pool))
		return 0;
	e->pools |= BIT(pool);
	pf->sriov.pool[pool].vlans++;
	snic_vlvf_write(pf, i);
	snic_vfta_write(pf, vid / 32);
	return 0;
}

/**
 * snic_pf_filter_vlan_locked() - add or remove a pool from a VLAN id
 * @pf: the PF; filter_lock held
 * @vid: VLAN id, 0-4095
 * @pool: pool
 * @on: add or remove
 *
 * A new entry is taken only within the pool's share of the table.
 *
 * Return: 0 (also for adding what is there or removing what is not),
 * -EINVAL for a bad id or pool, -ENOSPC when no entry is left for @pool.
 */
int snic_pf_filter_vlan_locked(struct snic_pf *pf, u16 vid,
			       unsigned int pool, bool on)
{
	struct snic_pf_vlvf *e;
	int i;

	snic_filter_assert(pf);
	if (vid >= VLAN_N_VID || pool >= SNIC_NUM_POOLS)
		return -EINVAL;
	if (on)
		return snic_vlvf_add(pf, vid, pool, pool);

	i = snic_vlvf_find(pf, vid);
	if (i < 0 || !(pf->sriov.vlvf[i].pools & BIT(pool)))
		return 0;
	e = &pf->sriov.vlvf[i];
	e->pools &= ~BIT(pool);
	pf->sriov.pool[pool].vlans--;
	snic_vlvf_write(pf, i);
	snic_vfta_write(pf, vid / 32);
	return 0;
}

/**
 * snic_pf_filter_vlan() - add or remove a VLAN id for a pool
 * @pf: the PF
 * @vid: VLAN id
 * @pool: pool (SNIC_PF_POOL for the PF's own VLANs)
 * @on: add or remove
 *
 * Return: 0, -EINVAL, or -ENOSPC when the 32 shared entries are used.
 */
int snic_pf_filter_vlan(struct snic_pf *pf, u16 vid, unsigned int pool,
			bool on)
{
	int err;

	spin_lock_bh(&pf->sriov.filter_lock);
	err = snic_pf_filter_vlan_locked(pf, vid, pool, on);
	spin_unlock_bh(&pf->sriov.filter_lock);
	if (err == -ENOSPC)
		netdev_warn(pf->netdev,
			    "no free VLAN filter for VLAN %u (32 shared with the VFs; see debugfs tables)\n",
			    vid);
	return err;
}

/* Remove @pool from every VLAN id but @keep (0: from every one). */
static void snic_vlvf_clear_pool(struct snic_pf *pf, unsigned int pool,
				 u16 keep)
{
	unsigned int i;

	for (i = 0; i < SNIC_VLVF_ENTRIES; i++) {
		struct snic_pf_vlvf *e = &pf->sriov.vlvf[i];

		if (!(e->pools & BIT(pool)) || (keep && e->vid == keep))
			continue;
		e->pools &= ~BIT(pool);
		pf->sriov.pool[pool].vlans--;
		snic_vlvf_write(pf, i);
		snic_vfta_write(pf, e->vid / 32);
	}
}

/**
 * snic_pf_filter_vlan_clear() - remove a pool from every VLAN id
 * @pf: the PF; filter_lock held
 * @pool: pool
 */
void snic_pf_filter_vlan_clear(struct snic_pf *pf, unsigned int pool)
{
	snic_filter_assert(pf);
	if (pool < SNIC_NUM_POOLS)
		snic_vlvf_clear_pool(pf, pool, 0);
}

/**
 * snic_pf_filter_port_vlan() - set or remove a VF's port VLAN
 * @pf: the PF; filter_lock held
 * @p: the VF's pool
 * @vid: VLAN id, 0 to remove the port VLAN
 * @qos: its priority
 *
 * The new VLAN's filter is allocated first, charged to the PF's and the
 * administrator's share (it may take neither a VF's guarantee nor more
 * than what is free); only then are the VF's other VLANs (its own, the old
 * port VLAN) dropped and the pool's tagging changed. On failure nothing
 * has changed. Writes the registers.
 *
 * Return: 0, -EINVAL, or -ENOSPC when no entry is left for it.
 */
int snic_pf_filter_port_vlan(struct snic_pf *pf, unsigned int p, u16 vid,
			     u8 qos)
{
	struct snic_pf_pool *pool;
	int err;

	snic_filter_assert(pf);
	if (p >= SNIC_MAX_VFS || vid >= VLAN_N_VID)
		return -EINVAL;
	pool = &pf->sriov.pool[p];
	if (vid) {
		err = snic_vlvf_add(pf, vid, p, SNIC_SHARE_PF);
		if (err)
			return err;
	}
	/* Under a port VLAN the VF has no VLANs of its own. */
	snic_vlvf_clear_pool(pf, p, vid);
	pool->port_vlan = vid;
	pool->qos = vid ? qos : 0;
	snic_pf_filter_write_pool(pf, p);
	return 0;
}

/* ---- Multicast table ---------------------------------------------- */

static bool snic_pool_allmulti(struct snic_pf *pf, unsigned int p)
{
	const struct snic_pf_pool *pool = &pf->sriov.pool[p];

	return pool->active && (pool->mc_overflow || pool->mc_promisc);
}

static bool snic_pool_wants_mc(struct snic_pf *pf, unsigned int p)
{
	const struct snic_pf_pool *pool = &pf->sriov.pool[p];

	if (!pool->active)
		return false;
	if (p == SNIC_PF_POOL)
		return pool->mc_promisc ||
		       !bitmap_empty(pf->sriov.pf_mta, SNIC_MTA_REGS * 32);
	return pool->mc_count || pool->mc_overflow || pool->mc_promisc;
}

/**
 * snic_pf_filter_write_mta() - recompute the multicast table and write
 *	what changed
 * @pf: the PF; filter_lock held
 */
void snic_pf_filter_write_mta(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	u32 want[SNIC_MTA_REGS];
	unsigned int p, i;
	bool all = false;

	snic_filter_assert(pf);
	for (p = 0; p < SNIC_NUM_POOLS; p++)
		all |= snic_pool_allmulti(pf, p);

	if (all) {
		memset(want, 0xff, sizeof(want));
	} else {
		bitmap_to_arr32(want, s->pf_mta, SNIC_MTA_REGS * 32);
		for (p = 0; p < SNIC_MAX_VFS; p++) {
			const struct snic_pf_pool *pool = &s->pool[p];

			if (!pool->active)
				continue;
			for (i = 0; i < pool->mc_count; i++) {
				u16 h = pool->mc_hash[i] & SNIC_MC_HASH;

				want[h / 32] |= BIT(h % 32);
			}
		}
	}

	for (i = 0; i < SNIC_MTA_REGS; i++) {
		if (s->hw_mta_valid && s->hw_mta[i] == want[i])
			continue;
		pf_wr32(pf, SNIC_MTA(i), want[i]);
		s->hw_mta[i] = want[i];
	}
	s->hw_mta_valid = true;
}

/* ---- Per-pool offloads -------------------------------------------- */

/**
 * snic_pf_filter_write_pool() - write a pool's VMOLR and VMVIR
 * @pf: the PF; filter_lock held
 * @p: pool
 *
 * An inactive pool takes nothing: no broadcast, no untagged frames, no
 * multicast (its unicast entries are removed by the caller).
 */
void snic_pf_filter_write_pool(struct snic_pf *pf, unsigned int p)
{
	const struct snic_pf_pool *pool = &pf->sriov.pool[p];
	u32 vmolr = 0, vmvir = 0;
	unsigned int frame;

	snic_filter_assert(pf);
	if (pool->active) {
		frame = pool->max_frame ? pool->max_frame : SNIC_POOL_DEF_FRAME;
		if (pool->port_vlan)
			frame += VLAN_HLEN;	/* the tag the VF never sees */
		frame = min_t(unsigned int, frame, SNIC_LPE_MAX_FRAME);
		vmolr = SNIC_VMOLR_BAM | SNIC_VMOLR_LPE |
			FIELD_PREP(SNIC_VMOLR_RLPML, frame);
		if (!pool->port_vlan)
			vmolr |= SNIC_VMOLR_AUPE;
		if (snic_pool_wants_mc(pf, p))
			vmolr |= SNIC_VMOLR_ROMPE;
		if (p != SNIC_PF_POOL ||
		    (pf->netdev->features & NETIF_F_HW_VLAN_CTAG_RX))
			vmolr |= SNIC_VMOLR_STRVLAN;
	}
	if (pool->port_vlan)
		vmvir = FIELD_PREP(SNIC_VMVIR_TCI,
				   pool->port_vlan |
				   (u16)pool->qos << VLAN_PRIO_SHIFT) |
			FIELD_PREP(SNIC_VMVIR_VLANA, SNIC_VMVIR_VLANA_DEFAULT);
	pf_wr32(pf, SNIC_VMOLR(p), vmolr);
	pf_wr32(pf, SNIC_VMVIR(p), vmvir);
}

/**
 * snic_pf_filter_reset_pool() - forget what a VF asked for
 * @pf: the PF; filter_lock held
 * @p: a VF's pool
 *
 * Drops the VF's multicast hashes, extra unicast addresses, VLANs and
 * frame size; keeps what the administrator set (port VLAN, priority, and
 * the port VLAN's filter, never released on the way). The VF's own
 * address entry is the caller's business. Writes the registers.
 */
void snic_pf_filter_reset_pool(struct snic_pf *pf, unsigned int p)
{
	struct snic_pf_pool *pool = &pf->sriov.pool[p];

	snic_filter_assert(pf);
	if (p >= SNIC_MAX_VFS)
		return;
	pool->mc_count = 0;
	pool->mc_overflow = false;
	pool->mc_promisc = false;
	pool->max_frame = 0;
	snic_pf_filter_uc_clear(pf, p);
	snic_vlvf_clear_pool(pf, p, pool->port_vlan);
	snic_pf_filter_write_pool(pf, p);
	snic_pf_filter_write_mta(pf);
}

/* ---- The PF's receive mode ---------------------------------------- */

static void snic_filter_write_rctl(struct snic_pf *pf)
{
	u32 rctl = pf_rd32(pf, SNIC_RCTL);

	if (snic_pf_dead(pf))
		return;
	rctl &= ~(SNIC_RCTL_UPE | SNIC_RCTL_MPE);
	/* Pools need VLAN filtering, or a port VLAN would not isolate. */
	rctl |= SNIC_RCTL_VFE;
	if (pf->sriov.pf_promisc || pf->sriov.pf_uc_overflow)
		rctl |= SNIC_RCTL_UPE;
	if (pf->sriov.pool[SNIC_PF_POOL].mc_promisc)
		rctl |= SNIC_RCTL_MPE;
	pf_wr32(pf, SNIC_RCTL, rctl);
}

/**
 * snic_pf_filter_sync_rx_mode() - apply the PF netdev's receive mode
 * @pf: the PF
 *
 * Programs the PF's extra unicast addresses, its multicast list (into the
 * shared MTA), IFF_PROMISC / IFF_ALLMULTI (RCTL.UPE/MPE, and all-multicast
 * for pool 7 as described at the top of this file) and pool 7's frame
 * size from the MTU. Call with the netdev's address lock held, as
 * ndo_set_rx_mode is; also after an MTU or VLAN-offload change.
 */
void snic_pf_filter_sync_rx_mode(struct snic_pf *pf)
{
	struct net_device *dev = pf->netdev;
	struct snic_pf_sriov *s = &pf->sriov;
	struct snic_pf_pool *pool = &s->pool[SNIC_PF_POOL];
	struct netdev_hw_addr *ha;
	unsigned int frame;

	spin_lock_bh(&s->filter_lock);
	pool->active = true;
	s->pf_promisc = dev->flags & IFF_PROMISC;
	pool->mc_promisc = dev->flags & (IFF_PROMISC | IFF_ALLMULTI);

	bitmap_zero(s->pf_mta, SNIC_MTA_REGS * 32);
	netdev_for_each_mc_addr(ha, dev)
		__set_bit(snic_mc_hash(ha->addr), s->pf_mta);

	snic_filter_sync_pf_uc(pf);

	frame = READ_ONCE(dev->mtu) + ETH_HLEN + ETH_FCS_LEN + VLAN_HLEN;
	pool->max_frame = min_t(unsigned int, frame, SNIC_LPE_MAX_FRAME);

	snic_filter_write_rctl(pf);
	snic_pf_filter_write_pool(pf, SNIC_PF_POOL);
	snic_pf_filter_write_mta(pf);
	spin_unlock_bh(&s->filter_lock);
}

/**
 * snic_pf_filter_restore() - write every filter register from the shadows
 * @pf: the PF; filter_lock held
 *
 * After a global reset, which returned them all to their defaults.
 */
void snic_pf_filter_restore(struct snic_pf *pf)
{
	struct snic_pf_sriov *s = &pf->sriov;
	unsigned int i;

	snic_filter_assert(pf);
	s->pool[SNIC_PF_POOL].active = true;
	/* The netdev's current address is the PF's, whatever came before. */
	if (is_valid_ether_addr(pf->netdev->dev_addr)) {
		ether_addr_copy(s->rar[SNIC_RAR_PF].addr, pf->netdev->dev_addr);
		s->rar[SNIC_RAR_PF].pool = SNIC_PF_POOL;
		s->rar[SNIC_RAR_PF].kind = SNIC_RAR_PRIMARY;
	}
	for (i = 0; i < SNIC_RAR_ENTRIES; i++)
		snic_rar_write(pf, i);
	for (i = 0; i < SNIC_VLVF_ENTRIES; i++)
		snic_vlvf_write(pf, i);
	for (i = 0; i < SNIC_VFTA_REGS; i++)
		snic_vfta_write(pf, i);
	s->hw_mta_valid = false;
	snic_pf_filter_write_mta(pf);
	for (i = 0; i < SNIC_NUM_POOLS; i++)
		snic_pf_filter_write_pool(pf, i);
	snic_filter_write_rctl(pf);
}
