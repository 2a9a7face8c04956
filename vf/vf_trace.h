/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_vf trace events (system "sriovnic", tracefs
 * events/sriovnic/vf_*): each request the VF sends to its PF, with the
 * answer and how long it took, and each reset handshake. The VF is named
 * by its PCI requester id (bus:slot.fn). Nothing is formatted unless the
 * event is enabled.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM sriovnic

#if !defined(_SRIOVNIC_VF_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _SRIOVNIC_VF_TRACE_H

#include <linux/pci.h>
#include <linux/tracepoint.h>

TRACE_EVENT(sriovnic_vf_mbx,
	TP_PROTO(struct pci_dev *pdev, u16 type, u8 info, int err,
		 u32 reply_flags, u8 refusal, u64 latency_ns),
	TP_ARGS(pdev, type, info, err, reply_flags, refusal, latency_ns),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(u16, type)
		__field(u8, info)
		__field(u8, refusal)
		__field(int, err)
		__field(u32, reply_flags)
		__field(u64, latency_ns)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->type = type;
		__entry->info = info;
		__entry->refusal = refusal;
		__entry->err = err;
		__entry->reply_flags = reply_flags;
		__entry->latency_ns = latency_ns;
	),
	TP_printk("%02x:%02x.%u type=%s info=%u reply=%s%s refusal=%u err=%d latency_us=%llu",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff),
		  __print_symbolic(__entry->type,
		    { 0x0001, "RESET" }, { 0x0002, "SET_MAC" },
		    { 0x0003, "SET_MC" }, { 0x0004, "SET_VLAN" },
		    { 0x0005, "SET_LPE" }, { 0x0006, "SET_PROMISC" },
		    { 0x0040, "EXT_HELLO" }, { 0x0041, "EXT_EVENT" },
		    { 0x0100, "PF_CONTROL" }),
		  __entry->info,
		  __entry->reply_flags & BIT(31) ? "ack" :
		  __entry->reply_flags & BIT(30) ? "nack" : "none",
		  __entry->reply_flags & BIT(29) ? ",cts" : "",
		  __entry->refusal, __entry->err,
		  __entry->latency_ns / 1000)
);

TRACE_EVENT(sriovnic_vf_reset,
	TP_PROTO(struct pci_dev *pdev, unsigned long reasons, int err),
	TP_ARGS(pdev, reasons, err),
	TP_STRUCT__entry(
		__field(u16, rid)
		__field(unsigned long, reasons)
		__field(int, err)
	),
	TP_fast_assign(
		__entry->rid = pci_dev_id(pdev);
		__entry->reasons = reasons;
		__entry->err = err;
	),
	TP_printk("%02x:%02x.%u reasons=%s err=%d",
		  PCI_BUS_NUM(__entry->rid), PCI_SLOT(__entry->rid & 0xff),
		  PCI_FUNC(__entry->rid & 0xff),
		  __print_flags(__entry->reasons, "|",
				{ 1, "init" }, { 2, "pf_reset" },
				{ 4, "lost_cts" }, { 8, "timeout" },
				{ 16, "user" }),
		  __entry->err)
);

#endif /* _SRIOVNIC_VF_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE vf_trace
#include <trace/define_trace.h>
