// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the VF state blob's codec (pf_vf_state.c): a state survives the
 * round trip, and each way a blob can be wrong is refused with its own
 * error. Compiled from the codec's own source, as the policy test is.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "../pf_vf_state.c"

#define VF_DEV	0x10ca

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x5a, 0, 0, 0, 0x10 };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x5a, 0, 0, 0, 0x11 };

static void full_state(struct snic_vf_state *s)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	ether_addr_copy(s->mac, mac_a);
	s->admin_mac = true;
	s->uc_count = SNIC_VFS_MAX_UC;
	for (i = 0; i < s->uc_count; i++) {
		ether_addr_copy(s->uc[i], mac_b);
		s->uc[i][5] += i;
	}
	s->mc_count = SNIC_VFS_MAX_MC;
	for (i = 0; i < s->mc_count; i++)
		s->mc_hash[i] = (i * 137) & SNIC_VFS_HASH_MAX;
	s->mc_promisc = true;
	s->vlan_count = SNIC_VFS_MAX_VLANS;
	for (i = 0; i < s->vlan_count; i++)
		s->vlans[i] = 100 + i;
	s->max_frame = 9018;
	s->ext_caps = SNIC_EXT_CAPS_V1;
}

static void encode_ok(struct kunit *test, const struct snic_vf_state *s, u8 *b)
{
	KUNIT_ASSERT_EQ(test, snic_vf_state_encode(s, VF_DEV, b, SNIC_VF_STATE_LEN),
			SNIC_VF_STATE_LEN);
}

/* Recompute the CRC after a test changed a byte it means to get through. */
static void fix_crc(u8 *b)
{
	struct snic_vf_state_wire *w = (void *)b;

	w->crc = cpu_to_le32(snic_vf_state_crc(b));
}

/* Field by field: the structs' padding is not part of the state. */
static void expect_same(struct kunit *test, const struct snic_vf_state *a,
			const struct snic_vf_state *b)
{
	KUNIT_EXPECT_MEMEQ(test, a->mac, b->mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, a->admin_mac, b->admin_mac);
	KUNIT_EXPECT_EQ(test, a->uc_count, b->uc_count);
	KUNIT_EXPECT_MEMEQ(test, a->uc, b->uc, sizeof(a->uc));
	KUNIT_EXPECT_EQ(test, a->mc_count, b->mc_count);
	KUNIT_EXPECT_MEMEQ(test, a->mc_hash, b->mc_hash, sizeof(a->mc_hash));
	KUNIT_EXPECT_EQ(test, a->mc_overflow, b->mc_overflow);
	KUNIT_EXPECT_EQ(test, a->mc_promisc, b->mc_promisc);
	KUNIT_EXPECT_EQ(test, a->vlan_count, b->vlan_count);
	KUNIT_EXPECT_MEMEQ(test, a->vlans, b->vlans, sizeof(a->vlans));
	KUNIT_EXPECT_EQ(test, a->max_frame, b->max_frame);
	KUNIT_EXPECT_EQ(test, a->ext_caps, b->ext_caps);
}

static void state_round_trip(struct kunit *test)
{
	struct snic_vf_state s, d;
	u8 b[SNIC_VF_STATE_LEN];

	full_state(&s);
	encode_ok(test, &s, b);
	KUNIT_ASSERT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d), 0);
	expect_same(test, &d, &s);

	/* The least: no address, nothing asked for. */
	memset(&s, 0, sizeof(s));
	encode_ok(test, &s, b);
	KUNIT_ASSERT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d), 0);
	expect_same(test, &d, &s);
}

/* The layout is the documented one, byte for byte. */
static void state_layout(struct kunit *test)
{
	struct snic_vf_state s;
	u8 b[SNIC_VF_STATE_LEN];

	memset(&s, 0, sizeof(s));
	ether_addr_copy(s.mac, mac_a);
	s.mc_count = 1;
	s.mc_hash[0] = 0xabc;
	s.max_frame = 1522;
	encode_ok(test, &s, b);
	KUNIT_EXPECT_EQ(test, b[0], 0x53);	/* "SNVS", little-endian */
	KUNIT_EXPECT_EQ(test, b[3], 0x53);
	KUNIT_EXPECT_EQ(test, b[4], SNIC_VF_STATE_VERSION);
	KUNIT_EXPECT_EQ(test, b[6], SNIC_VF_STATE_LEN);
	KUNIT_EXPECT_EQ(test, b[8], 0xca);
	KUNIT_EXPECT_EQ(test, b[9], 0x10);
	KUNIT_EXPECT_MEMEQ(test, &b[16], mac_a, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, b[23], 1);
	KUNIT_EXPECT_EQ(test, b[48], 0xbc);
	KUNIT_EXPECT_EQ(test, b[49], 0x0a);
	KUNIT_EXPECT_EQ(test, b[110], 1522 & 0xff);
	KUNIT_EXPECT_EQ(test, b[111], 1522 >> 8);
}

static void state_refuses_header(struct kunit *test)
{
	struct snic_vf_state s, d;
	u8 b[SNIC_VF_STATE_LEN], big[SNIC_VF_STATE_LEN + 1];

	full_state(&s);
	encode_ok(test, &s, b);

	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), 0x1520, &d),
			-EXDEV);
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b) - 1, VF_DEV, &d),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, 0, VF_DEV, &d), -EINVAL);
	memcpy(big, b, sizeof(b));
	big[SNIC_VF_STATE_LEN] = 0;
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(big, sizeof(big), VF_DEV, &d),
			-EMSGSIZE);

	b[0] ^= 1;				/* magic */
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d),
			-EINVAL);
	b[0] ^= 1;
	b[4] = 2;				/* version */
	fix_crc(b);
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d),
			-EPROTONOSUPPORT);
	b[4] = SNIC_VF_STATE_VERSION;
	b[6] = SNIC_VF_STATE_LEN - 4;		/* length field */
	fix_crc(b);
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d),
			-EMSGSIZE);
	b[6] = SNIC_VF_STATE_LEN;
	fix_crc(b);
	b[100] ^= 0x40;				/* any byte: the CRC */
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d),
			-EBADMSG);
	b[100] ^= 0x40;
	KUNIT_EXPECT_EQ(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d), 0);
}

/* Change byte @off to @val (CRC recomputed): the blob must be refused. */
static void refused_with(struct kunit *test, unsigned int off, u8 val)
{
	struct snic_vf_state s, d;
	u8 b[SNIC_VF_STATE_LEN];

	memset(&s, 0, sizeof(s));
	ether_addr_copy(s.mac, mac_a);
	s.uc_count = 1;
	ether_addr_copy(s.uc[0], mac_b);
	s.mc_count = 1;
	s.vlan_count = 1;
	s.vlans[0] = 100;
	encode_ok(test, &s, b);
	b[off] = val;
	fix_crc(b);
	memset(&d, 0x5a, sizeof(d));
	KUNIT_EXPECT_EQ_MSG(test, snic_vf_state_decode(b, sizeof(b), VF_DEV, &d),
			    -EINVAL, "byte %u = 0x%02x", off, val);
	/* A refused blob leaves the output alone. */
	KUNIT_EXPECT_EQ(test, d.uc_count, 0x5a);
}

static void state_refuses_fields(struct kunit *test)
{
	refused_with(test, 10, 0x08);		/* unknown flag */
	refused_with(test, 11, 0x80);		/* unknown flag, high byte */
	refused_with(test, 16, 0x03);		/* multicast address */
	refused_with(test, 22, SNIC_VFS_MAX_UC + 1);	/* uc_count */
	refused_with(test, 23, SNIC_VFS_MAX_MC + 1);	/* mc_count */
	refused_with(test, 24, 0x01);		/* extra address multicast */
	refused_with(test, 30, 0x02);		/* unused uc slot not zero */
	refused_with(test, 49, 0x10);		/* hash above 12 bits */
	refused_with(test, 50, 0x01);		/* unused hash slot */
	refused_with(test, 108, SNIC_VFS_MAX_VLANS + 1);	/* vlan_count */
	refused_with(test, 109, 1);		/* reserved */
	refused_with(test, 110, 10);		/* max_frame below the least */
	refused_with(test, 111, 0x30);		/* max_frame 12288 */
	refused_with(test, 113, 0x10);		/* VLAN 0x1064 */
	refused_with(test, 114, 1);		/* unused VLAN slot */
	refused_with(test, 128, 0x80);		/* unknown capability */
	refused_with(test, 135, 1);		/* reserved */
}

static void state_refuses_semantics(struct kunit *test)
{
	struct snic_vf_state s;
	u8 b[SNIC_VF_STATE_LEN];

	/* Duplicate VLANs, an administrator's "address" of zero, overflow
	 * with hashes: no VF gets there, so no blob may say so.
	 */
	memset(&s, 0, sizeof(s));
	s.vlan_count = 2;
	s.vlans[0] = 5;
	s.vlans[1] = 5;
	KUNIT_EXPECT_EQ(test, snic_vf_state_check(&s), -EINVAL);
	KUNIT_EXPECT_EQ(test, snic_vf_state_encode(&s, VF_DEV, b, sizeof(b)),
			-EINVAL);
	memset(&s, 0, sizeof(s));
	s.admin_mac = true;
	KUNIT_EXPECT_EQ(test, snic_vf_state_check(&s), -EINVAL);
	memset(&s, 0, sizeof(s));
	s.mc_overflow = true;
	s.mc_count = 1;
	KUNIT_EXPECT_EQ(test, snic_vf_state_check(&s), -EINVAL);
	memset(&s, 0, sizeof(s));
	KUNIT_EXPECT_EQ(test, snic_vf_state_encode(&s, VF_DEV, b, sizeof(b) - 1),
			-EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, snic_vf_state_strerror(-EXDEV),
			   "saved from another kind of device");
	KUNIT_EXPECT_STREQ(test, snic_vf_state_strerror(-ENOMEM), "unknown error");
}

static struct kunit_case snic_vf_state_cases[] = {
	KUNIT_CASE(state_round_trip),
	KUNIT_CASE(state_layout),
	KUNIT_CASE(state_refuses_header),
	KUNIT_CASE(state_refuses_fields),
	KUNIT_CASE(state_refuses_semantics),
	{}
};

static struct kunit_suite snic_vf_state_suite = {
	.name = "sriovnic_pf_vf_state",
	.test_cases = snic_vf_state_cases,
};
kunit_test_suite(snic_vf_state_suite);

MODULE_DESCRIPTION("sriovnic_pf: VF state blob codec, KUnit");
MODULE_LICENSE("GPL");
