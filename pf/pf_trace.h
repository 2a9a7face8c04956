/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf trace events (system "sriovnic", tracefs
 * events/sriovnic/pf_*): each mailbox message the PF reads from or writes
 * to a VF, each VF reset it serves, each quarantine entered or left.
 * The PF is named by its PCI requester id (bus:slot.fn). Every argument
 * is a value the caller already has: nothing is formatted or looked up
 * unless the event is enabled.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sriovnic

#if !defined(_SRIOVNIC_PF_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SRIOVNIC_PF_TRACE_H

#include <linux/pci.h>
#include <linux/tracepoint.h>

TRACE_EVENT(sriovnic_pf_mbx_in,
	TP_PROTO(struct pci_dev *pdev, unsigned int vf, const u32 *w,
		 unsigned int len, u8 verdict, u8 reply, u8 refusal),
	TP_ARGS(pdev, vf, w, len, verdict, reply, refusal),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(u8, vf)
		__field(u8, len)
		__field(u32, w0)
		__field(u32, w1)
		__field(u32, w2)
		__field(u8, verdict)
		__field(u8, reply)
		__field(u8, refusal)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->vf = vf;
		__entry->len = len;
		__entry->w0 = w[0];
		__entry->w1 = len > 1 ? w[1] : 0;
		__entry->w2 = len > 2 ? w[2] : 0;
		__entry->verdict = verdict;
		__entry->reply = reply;
		__entry->refusal = refusal;
	),
	TP_printk("%02x:%02x.%u vf=%u type=%s words=%u w=%08x,%08x,%08x verdict=%s reply=%s refusal=%u",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff), __entry->vf,
		  __print_symbolic(__entry->w0 & 0xffff,
		    { 0x0001, "RESET" }, { 0x0002, "SET_MAC" },
		    { 0x0003, "SET_MC" }, { 0x0004, "SET_VLAN" },
		    { 0x0005, "SET_LPE" }, { 0x0006, "SET_PROMISC" },
		    { 0x0040, "EXT_HELLO" }, { 0x0041, "EXT_EVENT" },
		    { 0x0100, "PF_CONTROL" }, { 0x0000, "NONE" }),
		  __entry->len, __entry->w0, __entry->w1, __entry->w2,
		  __print_symbolic(__entry->verdict,
		    { 0, "ok" }, { 1, "no_mac" },
		    { 2, "not_cts" }, { 3, "reply_flags" },
		    { 4, "malformed" }, { 5, "unknown_type" },
		    { 6, "admin_mac" }, { 7, "no_rar" },
		    { 8, "port_vlan" }, { 9, "no_vlvf" },
		    { 10, "untrusted" }, { 11, "no_hw" },
		    { 12, "failed" }, { 13, "addr_in_use" }),
		  __print_symbolic(__entry->reply,
		    { 0, "ack" }, { 1, "nack" },
		    { 2, "bare_nack" }, { 3, "none" }),
		  __entry->refusal)
);

TRACE_EVENT(sriovnic_pf_mbx_out,
	TP_PROTO(struct pci_dev *pdev, unsigned int vf, const u32 *w,
		 unsigned int len, int err),
	TP_ARGS(pdev, vf, w, len, err),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(u8, vf)
		__field(u8, len)
		__field(u32, w0)
		__field(u32, w1)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->vf = vf;
		__entry->len = len;
		__entry->w0 = w[0];
		__entry->w1 = len > 1 ? w[1] : 0;
		__entry->err = err;
	),
	TP_printk("%02x:%02x.%u vf=%u type=%s words=%u w=%08x,%08x%s%s%s err=%d",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff), __entry->vf,
		  __print_symbolic(__entry->w0 & 0xffff,
		    { 0x0001, "RESET" }, { 0x0002, "SET_MAC" },
		    { 0x0003, "SET_MC" }, { 0x0004, "SET_VLAN" },
		    { 0x0005, "SET_LPE" }, { 0x0006, "SET_PROMISC" },
		    { 0x0040, "EXT_HELLO" }, { 0x0041, "EXT_EVENT" },
		    { 0x0100, "PF_CONTROL" }, { 0x0000, "NONE" }),
		  __entry->len, __entry->w0, __entry->w1,
		  __entry->w0 & BIT(31) ? " ack" : "",
		  __entry->w0 & BIT(30) ? " nack" : "",
		  __entry->w0 & BIT(29) ? " cts" : "",
		  __entry->err)
);

TRACE_EVENT(sriovnic_pf_vf_reset,
	TP_PROTO(struct pci_dev *pdev, unsigned int vf),
	TP_ARGS(pdev, vf),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(u8, vf)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->vf = vf;
	),
	TP_printk("%02x:%02x.%u vf=%u",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff), __entry->vf)
);

TRACE_EVENT(sriovnic_pf_vf_quarantine,
	TP_PROTO(struct pci_dev *pdev, unsigned int vf, bool enter,
		 u8 kind, u64 ignored),
	TP_ARGS(pdev, vf, enter, kind, ignored),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(u8, vf)
		__field(bool, enter)
		__field(u8, kind)
		__field(u64, ignored)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->vf = vf;
		__entry->enter = enter;
		__entry->kind = kind;
		__entry->ignored = ignored;
	),
	TP_printk("%02x:%02x.%u vf=%u %s budget=%s ignored=%llu",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff), __entry->vf,
		  __entry->enter ? "entered" : "released",
		  __print_symbolic(__entry->kind,
		    { 0, "messages" }, { 1, "resets" },
		    { 2, "filters" }, { 3, "buffer_held" },
		    { 4, "time" }),
		  __entry->ignored)
);

#endif /* _SRIOVNIC_PF_TRACE_H */

/* Out of tree: the header is found next to its source (Kbuild: -I$(src)). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE pf_trace
#include <trace/define_trace.h>
