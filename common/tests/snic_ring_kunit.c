// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the pure parts of the ring datapath. Descriptor field packing is
 * checked against values worked out by hand from the 82576 layouts (not
 * against the same macros), ring index arithmetic at its edges, the
 * descriptor count of scatter-gather packets, and the offload decision
 * for real header layouts built in an skb.
 */
#include <kunit/test.h>
#include <linux/if_ether.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include <sriovnic/compat.h>
#include <sriovnic/ring.h>

/* ---- layouts and packing ------------------------------------------------ */

static void snic_ring_test_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, offsetof(union snic_rx_desc, wb.rss), 4);
	KUNIT_EXPECT_EQ(test, offsetof(union snic_rx_desc, wb.status_error), 8);
	KUNIT_EXPECT_EQ(test, offsetof(union snic_rx_desc, wb.length), 12);
	KUNIT_EXPECT_EQ(test, offsetof(union snic_rx_desc, wb.vlan), 14);
	KUNIT_EXPECT_EQ(test, offsetof(struct snic_tx_desc, olinfo_status), 12);
	KUNIT_EXPECT_EQ(test, offsetof(struct snic_tx_ctx_desc, mss_l4len_idx),
			12);
	/* Queue blocks: PF queue 3 and 12, VF queue 1. */
	KUNIT_EXPECT_EQ(test, snic_pf_rxq(3), 0x2B00);
	KUNIT_EXPECT_EQ(test, snic_pf_txq(3), 0x3B00);
	KUNIT_EXPECT_EQ(test, snic_pf_rxq(12), 0xC300);
	KUNIT_EXPECT_EQ(test, snic_pf_txq(12), 0xE300);
	KUNIT_EXPECT_EQ(test, SNIC_VF_RXQ(1), 0x2900);
	KUNIT_EXPECT_EQ(test, SNIC_VF_TXQ(1), 0x3900);
}

static void snic_ring_test_ctx_pack(struct kunit *test)
{
	/* VLAN 0x0123 in 31:16, MACLEN 14 in 15:9, IPLEN 20 in 8:0. */
	KUNIT_EXPECT_EQ(test, snic_txc_vlan_macip_lens(0x0123, 14, 20),
			0x01231C14U);
	KUNIT_EXPECT_EQ(test, snic_txc_vlan_macip_lens(0, 18, 40), 0x2428U);
	KUNIT_EXPECT_EQ(test, snic_txc_vlan_macip_lens(0xffff, 127, 511),
			0xffffffffU);
	/* DEXT 29, DTYP 2 in 23:20, IPV4 10, L4T in 12:11. */
	KUNIT_EXPECT_EQ(test, snic_txc_type_tucmd(true, SNIC_L4T_TCP),
			0x20200C00U);
	KUNIT_EXPECT_EQ(test, snic_txc_type_tucmd(false, SNIC_L4T_UDP),
			0x20200000U);
	KUNIT_EXPECT_EQ(test, snic_txc_type_tucmd(false, SNIC_L4T_SCTP),
			0x20201000U);
	/* MSS in 31:16, L4LEN in 15:8, IDX 0. */
	KUNIT_EXPECT_EQ(test, snic_txc_mss_l4len(1448, 32), 0x05A82000U);
	/* DEXT, DTYP 3, EOP 24, RS 27, length 1514. */
	KUNIT_EXPECT_EQ(test, snic_txd_cmd(SNIC_TXD_EOP | SNIC_TXD_RS, 1514),
			0x293005EAU);
	KUNIT_EXPECT_EQ(test, snic_txd_cmd(SNIC_TXD_TSE | SNIC_TXD_VLE, 0x8000),
			0xE0308000U);
	KUNIT_EXPECT_EQ(test, FIELD_PREP(SNIC_TXD_OL_PAYLEN, 3000) |
			SNIC_TXD_OL_IXSM | SNIC_TXD_OL_TXSM, 0x02EE0300U);
	/* SRRCTL as configure_rx writes it: 2 KiB, adv one-buffer, drop. */
	KUNIT_EXPECT_EQ(test, FIELD_PREP(SNIC_SRRCTL_BSIZEPKT, 2) |
			FIELD_PREP(SNIC_SRRCTL_DESCTYPE,
				   SNIC_DESCTYPE_ADV_ONEBUF) |
			SNIC_SRRCTL_DROP_EN, 0x82000002U);
}

/* ---- ring index arithmetic --------------------------------------------- */

static void snic_ring_test_unused(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, snic_ring_unused(256, 0, 0), 255);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(256, 10, 5), 250);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(256, 5, 10), 4);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(256, 255, 0), 0);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(256, 4, 5), 0);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(64, 63, 63), 63);
	KUNIT_EXPECT_EQ(test, snic_ring_unused(4096, 0, 4095), 4094);
}

/* RX refill goes back in batches: a frame or two waits for more. */
static void snic_ring_test_refill_due(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, snic_rx_refill_due(0, SNIC_RING_MIN));
	KUNIT_EXPECT_FALSE(test, snic_rx_refill_due(1, SNIC_RING_MIN));
	KUNIT_EXPECT_FALSE(test, snic_rx_refill_due(SNIC_RX_REFILL_BATCH - 1,
						    SNIC_RING_MIN));
	KUNIT_EXPECT_TRUE(test, snic_rx_refill_due(SNIC_RX_REFILL_BATCH,
						   SNIC_RING_MIN));
	/* A large ring waits for a 32nd of itself. */
	KUNIT_EXPECT_FALSE(test, snic_rx_refill_due(127, 4096));
	KUNIT_EXPECT_TRUE(test, snic_rx_refill_due(128, 4096));
	KUNIT_EXPECT_FALSE(test, snic_rx_refill_due(31, 1024));
	KUNIT_EXPECT_TRUE(test, snic_rx_refill_due(32, 1024));
	/* A ring left empty by allocation failures. */
	KUNIT_EXPECT_TRUE(test, snic_rx_refill_due(SNIC_RING_MIN - 1,
						   SNIC_RING_MIN));
	KUNIT_EXPECT_TRUE(test, snic_rx_refill_due(SNIC_RING_MAX - 1,
						   SNIC_RING_MAX));
}

/* A refill posts what the poll took and grows the ring until it is full. */
static void snic_ring_test_refill_count(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(4094, 0), SNIC_RX_GROW);
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(4094, 64), SNIC_RX_GROW + 64);
	/* Full but for what the poll took: just that. */
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(64, 64), 64);
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(100, 64), 100);
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(0, 0), 0);
	/* An empty ring (allocation failures) starts over at a grow step. */
	KUNIT_EXPECT_EQ(test, snic_rx_refill_count(SNIC_RING_MAX - 1, 0),
			SNIC_RX_GROW);
}

/* ---- descriptor count --------------------------------------------------- */

static struct sk_buff *snic_test_skb(struct kunit *test, unsigned int head,
				     const unsigned int *frags, int nfrags)
{
	struct sk_buff *skb = alloc_skb(head ? head : 1, GFP_KERNEL);
	int f;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put(skb, head);
	for (f = 0; f < nfrags; f++) {
		struct page *p = alloc_page(GFP_KERNEL);

		if (!p) {
			kfree_skb(skb);
			KUNIT_FAIL(test, "no page");
			return NULL;
		}
		/* Sizes are only counted, never touched. */
		skb_fill_page_desc(skb, f, p, 0, frags[f]);
		skb->len += frags[f];
		skb->data_len += frags[f];
	}
	return skb;
}

static void snic_ring_test_desc_count(struct kunit *test)
{
	static const unsigned int fr[] = { 4096, 40000, 0, 32768, 32769 };
	struct sk_buff *skb;

	skb = snic_test_skb(test, 100, NULL, 0);
	if (!skb)
		return;
	KUNIT_EXPECT_EQ(test, snic_tx_desc_count(skb), 1U);
	kfree_skb(skb);

	/* 1 + 1 + 2 + 0 + 1 + 2 */
	skb = snic_test_skb(test, 66, fr, ARRAY_SIZE(fr));
	if (!skb)
		return;
	KUNIT_EXPECT_EQ(test, snic_tx_desc_count(skb), 7U);
	kfree_skb(skb);

	/* No linear data at all: the head takes no descriptor. */
	skb = snic_test_skb(test, 0, fr, 1);
	if (!skb)
		return;
	KUNIT_EXPECT_EQ(test, snic_tx_desc_count(skb), 1U);
	kfree_skb(skb);
}

/* ---- offload decision ----------------------------------------------------- */

#define SNIC_T_SADDR	cpu_to_be32(0x0a000001)
#define SNIC_T_DADDR	cpu_to_be32(0x0a000002)

/* Ethernet + IPv4 + TCP (tcp_hlen bytes) + payload, CHECKSUM_PARTIAL. */
static struct sk_buff *snic_test_tcp4(struct kunit *test,
				      unsigned int tcp_hlen,
				      unsigned int payload)
{
	unsigned int l4 = tcp_hlen + payload;
	struct sk_buff *skb = alloc_skb(ETH_HLEN + 20 + l4, GFP_KERNEL);
	struct ethhdr *eth;
	struct tcphdr *th;
	struct iphdr *iph;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put_zero(skb, ETH_HLEN);
	eth->h_proto = htons(ETH_P_IP);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->tot_len = htons(20 + l4);
	iph->saddr = SNIC_T_SADDR;
	iph->daddr = SNIC_T_DADDR;
	ip_send_check(iph);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	th = skb_put_zero(skb, l4);
	th->doff = tcp_hlen / 4;
	th->check = ~csum_tcpudp_magic(SNIC_T_SADDR, SNIC_T_DADDR, l4,
				       IPPROTO_TCP, 0);
	skb->protocol = htons(ETH_P_IP);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct tcphdr, check);
	return skb;
}

static void snic_ring_test_csum_tcp4(struct kunit *test)
{
	struct sk_buff *skb = snic_test_tcp4(test, 20, 100);
	struct snic_tx_offload off;

	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 1);
	KUNIT_EXPECT_TRUE(test, off.need_ctx);
	KUNIT_EXPECT_EQ(test, off.vlan_macip_lens, (14U << 9) | 20);
	KUNIT_EXPECT_EQ(test, off.type_tucmd, 0x20200C00U);
	KUNIT_EXPECT_EQ(test, off.mss_l4len, 0U);
	KUNIT_EXPECT_EQ(test, off.olinfo, (u32)SNIC_TXD_OL_TXSM);
	KUNIT_EXPECT_EQ(test, off.cmd, 0U);
	KUNIT_EXPECT_EQ(test, off.hdr_len, 0);
	kfree_skb(skb);
}

static void snic_ring_test_csum_udp6_vlan(struct kunit *test)
{
	unsigned int l4 = sizeof(struct udphdr) + 30;
	struct sk_buff *skb = alloc_skb(ETH_HLEN + 40 + l4, GFP_KERNEL);
	struct snic_tx_offload off;
	struct ipv6hdr *ip6;
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	eth = skb_put_zero(skb, ETH_HLEN);
	eth->h_proto = htons(ETH_P_IPV6);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	ip6 = skb_put_zero(skb, sizeof(*ip6));
	ip6->version = 6;
	ip6->nexthdr = IPPROTO_UDP;
	ip6->payload_len = htons(l4);
	skb_set_transport_header(skb, ETH_HLEN + 40);
	skb_put_zero(skb, l4);
	skb->protocol = htons(ETH_P_IPV6);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct udphdr, check);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 0x2064);

	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 1);
	KUNIT_EXPECT_EQ(test, off.vlan_macip_lens,
			(0x2064U << 16) | (14U << 9) | 40);
	KUNIT_EXPECT_EQ(test, off.type_tucmd, 0x20200000U);
	KUNIT_EXPECT_EQ(test, off.olinfo, (u32)SNIC_TXD_OL_TXSM);
	KUNIT_EXPECT_EQ(test, off.cmd, (u32)SNIC_TXD_VLE);
	kfree_skb(skb);
}

static void snic_ring_test_tso4(struct kunit *test)
{
	struct sk_buff *skb = snic_test_tcp4(test, 32, 3000);
	struct snic_tx_offload off;
	__sum16 expect;

	skb_shinfo(skb)->gso_size = 1448;
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	skb_shinfo(skb)->gso_segs = 3;

	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 1);
	KUNIT_EXPECT_EQ(test, off.hdr_len, ETH_HLEN + 20 + 32);
	KUNIT_EXPECT_EQ(test, off.vlan_macip_lens, (14U << 9) | 20);
	KUNIT_EXPECT_EQ(test, off.type_tucmd, 0x20200C00U);
	KUNIT_EXPECT_EQ(test, off.mss_l4len, (1448U << 16) | (32U << 8));
	KUNIT_EXPECT_EQ(test, off.cmd, (u32)SNIC_TXD_TSE);
	KUNIT_EXPECT_EQ(test, off.olinfo,
			(u32)(SNIC_TXD_OL_IXSM | SNIC_TXD_OL_TXSM));
	/* Lengths and IP checksum left for the hardware to fill per segment, */
	KUNIT_EXPECT_EQ(test, (__force u16)ip_hdr(skb)->tot_len, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)ip_hdr(skb)->check, 0);
	/* and the TCP pseudo-header sum no longer counts the length. */
	expect = ~csum_tcpudp_magic(SNIC_T_SADDR, SNIC_T_DADDR, 0,
				    IPPROTO_TCP, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)tcp_hdr(skb)->check,
			(__force u16)expect);
	kfree_skb(skb);
}

static void snic_ring_test_vlan_only(struct kunit *test)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct snic_tx_offload off;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, 60);
	skb_reset_mac_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 0x0123);

	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 1);
	KUNIT_EXPECT_EQ(test, off.vlan_macip_lens, 0x01230000U);
	KUNIT_EXPECT_EQ(test, off.cmd, (u32)SNIC_TXD_VLE);
	KUNIT_EXPECT_EQ(test, off.olinfo, 0U);
	kfree_skb(skb);

	/* Nothing asked: no context descriptor. */
	skb = alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, 60);
	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 0);
	KUNIT_EXPECT_FALSE(test, off.need_ctx);
	kfree_skb(skb);
}

static void snic_ring_test_csum_fallback(struct kunit *test)
{
	struct sk_buff *skb = snic_test_tcp4(test, 20, 100);
	struct snic_tx_offload off;

	/* An L4 checksum position the hardware does not know. */
	skb->csum_offset = 2;
	KUNIT_EXPECT_EQ(test, snic_tx_offload_prep(skb, &off), 0);
	KUNIT_EXPECT_FALSE(test, off.need_ctx);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_NONE);
	kfree_skb(skb);
}

static struct kunit_case snic_ring_cases[] = {
	KUNIT_CASE(snic_ring_test_layout),
	KUNIT_CASE(snic_ring_test_ctx_pack),
	KUNIT_CASE(snic_ring_test_unused),
	KUNIT_CASE(snic_ring_test_refill_due),
	KUNIT_CASE(snic_ring_test_refill_count),
	KUNIT_CASE(snic_ring_test_desc_count),
	KUNIT_CASE(snic_ring_test_csum_tcp4),
	KUNIT_CASE(snic_ring_test_csum_udp6_vlan),
	KUNIT_CASE(snic_ring_test_tso4),
	KUNIT_CASE(snic_ring_test_vlan_only),
	KUNIT_CASE(snic_ring_test_csum_fallback),
	{}
};

static struct kunit_suite snic_ring_suite = {
	.name = "sriovnic_ring",
	.test_cases = snic_ring_cases,
};

kunit_test_suite(snic_ring_suite);

SNIC_IMPORT_NS();
MODULE_DESCRIPTION("KUnit tests for the sriovnic ring datapath");
MODULE_LICENSE("GPL");
