/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The saved state of one VF, as the PF carries it from one VF to another
 * (live migration, sriovnic_vfio): a blob the source PF writes and the
 * destination PF validates and loads. It travels in QEMU's migration
 * stream, so it is a wire format: fixed layout, every multi-byte field
 * little-endian, versioned, with a CRC.
 *
 * It holds what the PF knows of the VF and the VF's driver cannot be asked
 * for again: the address in force (and whether the administrator set it),
 * and, replayed through the PF's request policy when the blob is loaded,
 * its extra unicast addresses, multicast hashes, VLAN filters, largest
 * frame and multicast promiscuity, and the mailbox extension it
 * negotiated. The VF's own registers (queues, interrupts) are not the
 * PF's: sriovnic_vfio carries them beside this blob
 * (Documentation/migration.rst).
 *
 *   offset size field
 *        0    4 magic         SNIC_VF_STATE_MAGIC
 *        4    2 version       SNIC_VF_STATE_VERSION
 *        6    2 length        SNIC_VF_STATE_LEN (the whole blob)
 *        8    2 vf_device     PCI device id of the VF it was saved from
 *       10    2 flags         SNIC_VFS_F_*
 *       12    4 crc           crc32_le(~0) of bytes 0-11, then 16-end
 *       16    6 mac           address in force, or zero
 *       22    1 uc_count      0..SNIC_VFS_MAX_UC
 *       23    1 mc_count      0..SNIC_VFS_MAX_MC
 *       24   24 uc            SNIC_VFS_MAX_UC addresses, unused ones zero
 *       48   60 mc_hash       SNIC_VFS_MAX_MC hashes, unused ones zero
 *      108    1 vlan_count    0..SNIC_VFS_MAX_VLANS
 *      109    1 reserved      zero
 *      110    2 max_frame     0 (never set) or a SET_LPE value
 *      112   16 vlans         SNIC_VFS_MAX_VLANS ids, unused ones zero
 *      128    4 ext_caps      SNIC_EXT_CAP_* negotiated
 *      132    4 reserved      zero
 */
#ifndef _SRIOVNIC_VF_STATE_H
#define _SRIOVNIC_VF_STATE_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/if_ether.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define SNIC_VF_STATE_MAGIC	0x53564e53	/* "SNVS" */
#define SNIC_VF_STATE_VERSION	1

#define SNIC_VFS_MAX_UC		4	/* = SNIC_VF_MAX_UC */
#define SNIC_VFS_MAX_MC		30	/* = SNIC_MC_MAX */
#define SNIC_VFS_MAX_VLANS	8	/* = SNIC_VF_MAX_VLANS */
#define SNIC_VFS_HASH_MAX	0xfff	/* 4096-bit multicast table */

#define SNIC_VFS_F_ADMIN_MAC	BIT(0)	/* the administrator set @mac */
#define SNIC_VFS_F_MC_OVERFLOW	BIT(1)	/* asked for more than MAX_MC */
#define SNIC_VFS_F_MC_PROMISC	BIT(2)	/* SET_PROMISC multicast */
#define SNIC_VFS_F_ALL		GENMASK(2, 0)

/**
 * struct snic_vf_state_wire - the blob, byte for byte (see above)
 * @magic: SNIC_VF_STATE_MAGIC
 * @version: SNIC_VF_STATE_VERSION
 * @length: sizeof(struct snic_vf_state_wire)
 * @vf_device: PCI device id of the VF
 * @flags: SNIC_VFS_F_*
 * @crc: CRC-32 of the rest
 * @mac: address in force
 * @uc_count: extra unicast addresses used
 * @mc_count: multicast hashes used
 * @uc: extra unicast addresses
 * @mc_hash: multicast hashes
 * @vlan_count: VLAN filters used
 * @reserved0: zero
 * @max_frame: largest frame, with CRC; 0 when never set
 * @vlans: VLAN ids
 * @ext_caps: negotiated extension capabilities
 * @reserved1: zero
 */
struct snic_vf_state_wire {
	__le32 magic;
	__le16 version;
	__le16 length;
	__le16 vf_device;
	__le16 flags;
	__le32 crc;
	u8 mac[ETH_ALEN];
	u8 uc_count;
	u8 mc_count;
	u8 uc[SNIC_VFS_MAX_UC][ETH_ALEN];
	__le16 mc_hash[SNIC_VFS_MAX_MC];
	u8 vlan_count;
	u8 reserved0;
	__le16 max_frame;
	__le16 vlans[SNIC_VFS_MAX_VLANS];
	__le32 ext_caps;
	__le32 reserved1;
};

#define SNIC_VF_STATE_LEN	136
static_assert(sizeof(struct snic_vf_state_wire) == SNIC_VF_STATE_LEN);
static_assert(offsetof(struct snic_vf_state_wire, crc) == 12);
static_assert(offsetof(struct snic_vf_state_wire, mac) == 16);
static_assert(offsetof(struct snic_vf_state_wire, uc) == 24);
static_assert(offsetof(struct snic_vf_state_wire, mc_hash) == 48);
static_assert(offsetof(struct snic_vf_state_wire, vlan_count) == 108);
static_assert(offsetof(struct snic_vf_state_wire, max_frame) == 110);
static_assert(offsetof(struct snic_vf_state_wire, vlans) == 112);
static_assert(offsetof(struct snic_vf_state_wire, ext_caps) == 128);

#endif /* _SRIOVNIC_VF_STATE_H */
