// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the VF state blob's codec. Pure: see pf_vf_state.h.
 *
 * A blob to load is hostile input (it crossed a migration stream and a
 * user-space QEMU): every field is checked against the same limits the
 * PF's request policy applies to a VF, and anything the layout does not
 * define (flags, reserved bytes, unused slots) must be zero, so that a
 * later version can give those bits a meaning without an old PF loading
 * them wrongly.
 */
#include <asm/byteorder.h>
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include <sriovnic/mbx_proto.h>

#include "pf_vf_policy.h"
#include "pf_vf_state.h"

static_assert(SNIC_VFS_MAX_UC == SNIC_VF_MAX_UC);
static_assert(SNIC_VFS_MAX_MC == SNIC_MC_MAX);
static_assert(SNIC_VFS_MAX_VLANS == SNIC_VF_MAX_VLANS);

/* CRC-32 of the blob without its crc field. */
static u32 snic_vf_state_crc(const u8 *b)
{
	const size_t crc_end = offsetof(struct snic_vf_state_wire, crc) + 4;
	u32 crc;

	crc = crc32_le(~0U, b, offsetof(struct snic_vf_state_wire, crc));
	crc = crc32_le(crc, b + crc_end, SNIC_VF_STATE_LEN - crc_end);
	return ~crc;
}

static bool snic_vfs_zero(const void *p, size_t len)
{
	const u8 *b = p;

	while (len--)
		if (*b++)
			return false;
	return true;
}

/**
 * snic_vf_state_check() - is a decoded state one a VF could have reached?
 * @s: the state
 *
 * The limits of the request policy: a unicast (or no) address, at most
 * SNIC_VF_MAX_UC valid extra addresses, SNIC_MC_MAX 12-bit hashes (none
 * when overflowed), SNIC_VF_MAX_VLANS distinct ids below 4095, a largest
 * frame the 82576 accepts, known extension capabilities only.
 *
 * Return: 0, or -EINVAL.
 */
int snic_vf_state_check(const struct snic_vf_state *s)
{
	unsigned int i, j;

	if (!is_zero_ether_addr(s->mac) && !is_valid_ether_addr(s->mac))
		return -EINVAL;
	if (s->admin_mac && !is_valid_ether_addr(s->mac))
		return -EINVAL;
	if (s->uc_count > SNIC_VFS_MAX_UC || s->mc_count > SNIC_VFS_MAX_MC ||
	    s->vlan_count > SNIC_VFS_MAX_VLANS)
		return -EINVAL;
	for (i = 0; i < s->uc_count; i++)
		if (!is_valid_ether_addr(s->uc[i]))
			return -EINVAL;
	if (s->mc_overflow && s->mc_count)
		return -EINVAL;
	for (i = 0; i < s->mc_count; i++)
		if (s->mc_hash[i] > SNIC_VFS_HASH_MAX)
			return -EINVAL;
	for (i = 0; i < s->vlan_count; i++) {
		if (s->vlans[i] >= SNIC_VLAN_VID)
			return -EINVAL;
		for (j = 0; j < i; j++)
			if (s->vlans[j] == s->vlans[i])
				return -EINVAL;
	}
	if (s->max_frame &&
	    (s->max_frame < SNIC_LPE_MIN_FRAME ||
	     s->max_frame > SNIC_LPE_MAX_FRAME))
		return -EINVAL;
	if (s->ext_caps & ~SNIC_EXT_CAPS_V1)
		return -EINVAL;
	return 0;
}

/**
 * snic_vf_state_encode() - write a VF's state as a blob
 * @s: the state (checked with snic_vf_state_check())
 * @vf_device: PCI device id of the VF it belongs to
 * @buf: where to write
 * @len: room at @buf, at least SNIC_VF_STATE_LEN
 *
 * Return: SNIC_VF_STATE_LEN, -EMSGSIZE when @len is too small, or -EINVAL
 * for a state that does not pass the check.
 */
int snic_vf_state_encode(const struct snic_vf_state *s, u16 vf_device,
			 void *buf, size_t len)
{
	struct snic_vf_state_wire w;
	unsigned int i;
	u16 flags = 0;

	if (len < SNIC_VF_STATE_LEN)
		return -EMSGSIZE;
	if (snic_vf_state_check(s))
		return -EINVAL;

	memset(&w, 0, sizeof(w));
	w.magic = cpu_to_le32(SNIC_VF_STATE_MAGIC);
	w.version = cpu_to_le16(SNIC_VF_STATE_VERSION);
	w.length = cpu_to_le16(SNIC_VF_STATE_LEN);
	w.vf_device = cpu_to_le16(vf_device);
	if (s->admin_mac)
		flags |= SNIC_VFS_F_ADMIN_MAC;
	if (s->mc_overflow)
		flags |= SNIC_VFS_F_MC_OVERFLOW;
	if (s->mc_promisc)
		flags |= SNIC_VFS_F_MC_PROMISC;
	w.flags = cpu_to_le16(flags);
	memcpy(w.mac, s->mac, ETH_ALEN);
	w.uc_count = s->uc_count;
	memcpy(w.uc, s->uc, s->uc_count * ETH_ALEN);
	w.mc_count = s->mc_count;
	for (i = 0; i < s->mc_count; i++)
		w.mc_hash[i] = cpu_to_le16(s->mc_hash[i]);
	w.vlan_count = s->vlan_count;
	for (i = 0; i < s->vlan_count; i++)
		w.vlans[i] = cpu_to_le16(s->vlans[i]);
	w.max_frame = cpu_to_le16(s->max_frame);
	w.ext_caps = cpu_to_le32(s->ext_caps);
	w.crc = cpu_to_le32(snic_vf_state_crc((const u8 *)&w));
	memcpy(buf, &w, sizeof(w));
	return SNIC_VF_STATE_LEN;
}

/* What a blob's header says, before anything else is read. */
static int snic_vf_state_header(const struct snic_vf_state_wire *w,
				size_t len, u16 vf_device)
{
	if (le32_to_cpu(w->magic) != SNIC_VF_STATE_MAGIC)
		return -EINVAL;
	if (le16_to_cpu(w->version) != SNIC_VF_STATE_VERSION)
		return -EPROTONOSUPPORT;
	if (le16_to_cpu(w->length) != SNIC_VF_STATE_LEN ||
	    len != SNIC_VF_STATE_LEN)
		return -EMSGSIZE;
	if (le32_to_cpu(w->crc) != snic_vf_state_crc((const u8 *)w))
		return -EBADMSG;
	if (le16_to_cpu(w->vf_device) != vf_device)
		return -EXDEV;
	if (le16_to_cpu(w->flags) & ~SNIC_VFS_F_ALL || w->reserved0 ||
	    w->reserved1)
		return -EINVAL;
	return 0;
}

/**
 * snic_vf_state_decode() - read and validate a blob
 * @buf: the blob
 * @len: its length
 * @vf_device: PCI device id of the VF that is to take it
 * @s: filled in on success (left alone otherwise)
 *
 * Return: 0; -EINVAL (not a VF state blob, or a field out of range, or a
 * defined-zero byte set), -EPROTONOSUPPORT (another version), -EMSGSIZE
 * (truncated or too long), -EBADMSG (CRC mismatch), -EXDEV (saved from
 * another kind of device).
 */
int snic_vf_state_decode(const void *buf, size_t len, u16 vf_device,
			 struct snic_vf_state *s)
{
	struct snic_vf_state_wire w;
	struct snic_vf_state d;
	unsigned int i;
	u16 flags;
	int err;

	/* Short input: only as much as came, the rest reads as zero. */
	memset(&w, 0, sizeof(w));
	memcpy(&w, buf, min_t(size_t, len, sizeof(w)));
	err = snic_vf_state_header(&w, len, vf_device);
	if (err)
		return err;

	memset(&d, 0, sizeof(d));
	flags = le16_to_cpu(w.flags);
	memcpy(d.mac, w.mac, ETH_ALEN);
	d.admin_mac = flags & SNIC_VFS_F_ADMIN_MAC;
	d.mc_overflow = flags & SNIC_VFS_F_MC_OVERFLOW;
	d.mc_promisc = flags & SNIC_VFS_F_MC_PROMISC;
	d.uc_count = w.uc_count;
	d.mc_count = w.mc_count;
	d.vlan_count = w.vlan_count;
	if (d.uc_count > SNIC_VFS_MAX_UC || d.mc_count > SNIC_VFS_MAX_MC ||
	    d.vlan_count > SNIC_VFS_MAX_VLANS)
		return -EINVAL;
	memcpy(d.uc, w.uc, d.uc_count * ETH_ALEN);
	for (i = 0; i < d.mc_count; i++)
		d.mc_hash[i] = le16_to_cpu(w.mc_hash[i]);
	for (i = 0; i < d.vlan_count; i++)
		d.vlans[i] = le16_to_cpu(w.vlans[i]);
	/* Unused slots are zero. */
	if (!snic_vfs_zero(w.uc[d.uc_count],
			   (SNIC_VFS_MAX_UC - d.uc_count) * ETH_ALEN) ||
	    !snic_vfs_zero(&w.mc_hash[d.mc_count],
			   (SNIC_VFS_MAX_MC - d.mc_count) * sizeof(__le16)) ||
	    !snic_vfs_zero(&w.vlans[d.vlan_count],
			   (SNIC_VFS_MAX_VLANS - d.vlan_count) * sizeof(__le16)))
		return -EINVAL;
	d.max_frame = le16_to_cpu(w.max_frame);
	d.ext_caps = le32_to_cpu(w.ext_caps);
	err = snic_vf_state_check(&d);
	if (err)
		return err;
	*s = d;
	return 0;
}

/**
 * snic_vf_state_strerror() - what a decode error means, for a log line
 * @err: an error of snic_vf_state_decode()
 *
 * Return: a constant string.
 */
const char *snic_vf_state_strerror(int err)
{
	switch (err) {
	case -EPROTONOSUPPORT:
		return "a version this driver does not know";
	case -EMSGSIZE:
		return "the wrong length";
	case -EBADMSG:
		return "a checksum mismatch";
	case -EXDEV:
		return "saved from another kind of device";
	case -EINVAL:
		return "not a valid VF state";
	default:
		return "unknown error";
	}
}
