/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_vf: the device structure and the functions its files share.
 *
 *   vf_main.c     PCI driver: probe (a table of contents) and remove
 *   vf_hw.c       register access, VF reset, PF link, hardware counters
 *   vf_mbx.c      requests to the PF and messages from it (process context)
 *   vf_link.c     reset handshake, restore, recovery, carrier, service work
 *   vf_service.c  run the service work, note a needed reset (calls no
 *                 other file of the driver)
 *   vf_irq.c      MSI-X vectors, handlers, NAPI poll, vector mapping
 *   vf_netdev.c   net_device_ops, datapath start/stop, rx mode, stats
 *   vf_ethtool.c  ethtool_ops
 *   vf_policy.h   the pure decisions (KUnit-tested)
 *
 * Locking, outermost first:
 *   rtnl_lock     netdev configuration (open/stop, MTU, MAC, VLANs, ethtool)
 *                 and the datapath's rings; recovery takes it with trylock
 *   @mbx_lock     the mailbox and every field marked (M) below
 *   @stats_lock   the widened hardware counters
 */
#ifndef _SRIOVNIC_VF_H
#define _SRIOVNIC_VF_H

#include <linux/bitops.h>
#include <linux/if_vlan.h>
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <sriovnic/compat.h>
#include <sriovnic/csr_vf.h>
#include <sriovnic/mbx.h>
#include <sriovnic/ring.h>

#include "vf_policy.h"

#define SNIC_VF_DRV_NAME	"sriovnic_vf"

#define SNIC_VF_MIN_MTU		68
#define SNIC_VF_MAX_MTU		9216

#define SNIC_VF_DEF_RING	256
/*
 * A VF's queue drops what arrives while it has no buffer (QEMU's model:
 * no back-pressure between VFs), and TCP then retransmits. The receive
 * window bounds what a flow has in flight to about 2,600 full frames;
 * 4096 slots (8 MiB of buffers) hold that, 1024 did not (rx_full).
 */
#define SNIC_VF_DEF_RX_RING	4096
#define SNIC_VF_DEF_ITR_USECS	50

/* Extra unicast filters the VF asks the PF for before going promiscuous. */
#define SNIC_VFD_MAX_UC		3

/* How often the service work runs when nothing wakes it. */
#define SNIC_VF_WATCHDOG_MS	1000
/*
 * How often the service work folds the 32-bit hardware counters (nine
 * reads): well within the fastest wrap (GORC, 4 GiB: about 34 s at line
 * rate). ethtool -S folds them itself; ip -s link's multicast count lags
 * by up to this.
 */
#define SNIC_VF_STATS_FOLD_MS	10000

/**
 * enum snic_vf_state_bits - bits of &snic_vf.state (atomic bitops)
 * @SNIC_VF_S_GONE: a read returned all-ones: the device is gone, nothing
 *	may wait on it again
 * @SNIC_VF_S_REMOVING: remove() started: no work is re-armed
 * @SNIC_VF_S_RXMODE: the rx mode changed; the service work syncs it
 * @SNIC_VF_S_RUNNING: the datapath is started (rings live, NAPI enabled)
 * @SNIC_VF_S_TX_HANG: the stack saw a TX timeout; the service work resets
 */
enum snic_vf_state_bits {
	SNIC_VF_S_GONE,
	SNIC_VF_S_REMOVING,
	SNIC_VF_S_RXMODE,
	SNIC_VF_S_RUNNING,
	SNIC_VF_S_TX_HANG,
};

/**
 * enum snic_vf_reset_reason - why a recovery is pending (bit numbers)
 * @SNIC_VF_RR_INIT: the VF has never completed the handshake
 * @SNIC_VF_RR_PF_RESET: the mailbox showed RSTI or RSTD
 * @SNIC_VF_RR_LOST_CTS: the PF answered NACK without CTS
 * @SNIC_VF_RR_TIMEOUT: the PF did not answer a request in time
 * @SNIC_VF_RR_USER: ethtool or the driver asked for a reset
 * @SNIC_VF_RR_NUM: number of reasons
 */
enum snic_vf_reset_reason {
	SNIC_VF_RR_INIT,
	SNIC_VF_RR_PF_RESET,
	SNIC_VF_RR_LOST_CTS,
	SNIC_VF_RR_TIMEOUT,
	SNIC_VF_RR_USER,
	SNIC_VF_RR_NUM,
};

/**
 * struct snic_vf_vector - one MSI-X vector and what it serves
 * @vf: back pointer
 * @napi: NAPI context (used when @rx or @tx is set)
 * @rx: the RX ring this vector cleans, or NULL
 * @tx: the TX ring this vector cleans, or NULL
 * @irq: Linux interrupt number
 * @eims: this vector's bit in EIMS/EIMC/EICS
 * @itr_usecs: the interrupt throttle programmed into its EITR
 * @mbx: the mailbox interrupt may arrive here (see vf_irq.c)
 * @name: interrupt name shown in /proc/interrupts
 */
struct snic_vf_vector {
	struct snic_vf *vf;
	struct napi_struct napi;
	struct snic_ring *rx;
	struct snic_ring *tx;
	unsigned int irq;
	u32 eims;
	u32 itr_usecs;
	bool mbx;
	char name[32];
};

/**
 * struct snic_vf_hw_stats - the VF's counters, widened to 64 bits
 * @gprc: good packets received
 * @gptc: good packets transmitted
 * @gorc: good octets received
 * @gotc: good octets transmitted
 * @mprc: multicast packets received
 * @gprlbc: packets received from a local pool (loopback)
 * @gptlbc: packets sent to a local pool
 * @gorlbc: octets received from a local pool
 * @gotlbc: octets sent to a local pool
 */
struct snic_vf_hw_stats {
	struct snic_vf_counter gprc;
	struct snic_vf_counter gptc;
	struct snic_vf_counter gorc;
	struct snic_vf_counter gotc;
	struct snic_vf_counter mprc;
	struct snic_vf_counter gprlbc;
	struct snic_vf_counter gptlbc;
	struct snic_vf_counter gorlbc;
	struct snic_vf_counter gotlbc;
};

/**
 * struct snic_vf_sw_stats - driver event counters (written under @mbx_lock)
 * @resets: reset handshakes completed
 * @reset_fail: handshakes or restores that failed
 * @pf_resets: PF resets seen (RSTI/RSTD)
 * @lost_cts: NACKs without CTS
 * @mbx_timeouts: requests the PF did not answer
 * @refused: requests the PF refused (NACK with CTS)
 * @pf_control: PF_CONTROL messages received
 * @crossed: requests posted again because a PF message overwrote them
 */
struct snic_vf_sw_stats {
	u64 resets;
	u64 reset_fail;
	u64 pf_resets;
	u64 lost_cts;
	u64 mbx_timeouts;
	u64 refused;
	u64 pf_control;
	u64 crossed;
};

/**
 * struct snic_vf_filters - what the PF should hold for us (M)
 * @mc: the multicast filter last sent (or to restore)
 * @uc: extra unicast addresses last sent
 * @uc_count: entries in @uc
 * @uc_overflow: more extra addresses than SNIC_VFD_MAX_UC were wanted
 * @promisc: SNIC_PROMISC_* bits last granted by the PF
 * @promisc_want: SNIC_PROMISC_* bits the stack asks for
 * @promisc_refused: bits the PF refused since the last reset (not asked
 *	again, logged once)
 * @vlans: VLAN ids the stack added
 * @max_frame: the SET_LPE value for the current MTU
 */
struct snic_vf_filters {
	struct snic_vf_mc mc;
	u8 uc[SNIC_VFD_MAX_UC][ETH_ALEN];
	unsigned int uc_count;
	bool uc_overflow;
	u8 promisc;
	u8 promisc_want;
	u8 promisc_refused;
	unsigned long vlans[BITS_TO_LONGS(VLAN_N_VID)];
	u32 max_frame;
};

/**
 * struct snic_vfd_ext - the sriovnic mailbox extension, as negotiated (M)
 * @version: version in use; 0 for the base 82576 protocol
 * @caps: SNIC_EXT_CAP_* granted by the PF (0 with the base protocol)
 * @link_up: SNIC_EXT_CAP_LINK: the up bit of the PF's last EXT_EVENT LINK
 * @link_reason: its enum snic_link_reason
 * @logged_reason: the link reason last named in the log
 * @mac_pending: SNIC_EXT_CAP_LIVE_MAC: an address from EXT_EVENT MAC waits
 *	for the service work, which takes it under the RTNL
 * @mac: that address
 * @refusal: enum snic_refusal of the last request the PF refused
 *	(SNIC_REFUSE_UNSPEC without SNIC_EXT_CAP_REASON); valid right after
 *	snic_vf_request() returned -EPERM, under the same lock hold
 *
 * Reset to the base protocol at every RESET; snic_vf_ext_probe() then
 * offers the extension once.
 */
struct snic_vfd_ext {
	u8 version;
	u32 caps;
	bool link_up;
	u8 link_reason;
	u8 logged_reason;
	bool mac_pending;
	u8 mac[ETH_ALEN];
	u8 refusal;
};

/**
 * struct snic_vf - one 82576 virtual function
 * @pdev: the PCI function
 * @netdev: its network device
 * @hw: BAR0 mapping; only through vf_rd32()/vf_wr32()
 * @state: enum snic_vf_state_bits
 * @vec: MSI-X vectors; the last one (or the only one) takes the mailbox
 * @num_vec: vectors granted (1-3)
 * @tx_ring: queue 0, transmit
 * @rx_ring: queue 0, receive
 * @tx_count: TX descriptors (ethtool -G), changed under rtnl
 * @rx_count: RX descriptors
 * @mbx_lock: serialises the mailbox and the fields marked (M); taken in
 *	process context only, after rtnl_lock when both are held
 * @mbx: the VF end of the mailbox
 * @service: the one work item: mailbox events, rx mode, recovery, carrier,
 *	counters; run by every interrupt and re-armed by itself
 * @service_asked: jiffies when a queue interrupt last scheduled @service
 * @stats_next: jiffies of the next counter fold (service work only)
 * @ready: (M) the handshake completed and nothing revoked it since
 * @cts: (M) the PF's last word carried CTS
 * @pf_link: (M) STATUS.LU at the last look
 * @pf_in_reset: (M) RSTI at the last look
 * @reset_pending: (M) enum snic_vf_reset_reason bits still to handle
 * @reset_streak: (M) recovery attempts since the VF was last stable
 * @next_reset: (M) jiffies before which no attempt is made
 * @ready_since: (M) jiffies of the last successful handshake
 * @filters: (M) what the PF should hold for us
 * @sw_stats: (M) driver event counters
 * @ext: (M) the mailbox extension in use
 * @stats_lock: protects @hw_stats (updated from the service work and
 *	ethtool, read by ndo_get_stats64 in any context)
 * @hw_stats: the widened VF counters
 * @msg_enable: netif_msg bits
 */
struct snic_vf {
	struct pci_dev *pdev;
	struct net_device *netdev;
	u8 __iomem *hw;
	unsigned long state;

	struct snic_vf_vector vec[SNIC_VF_MAX_VECTORS];
	unsigned int num_vec;

	struct snic_ring tx_ring;
	struct snic_ring rx_ring;
	u16 tx_count;
	u16 rx_count;

	struct mutex mbx_lock;
	struct snic_mbx mbx;
	struct delayed_work service;
	unsigned long service_asked;
	unsigned long stats_next;

	bool ready;
	bool cts;
	bool pf_link;
	bool pf_in_reset;
	unsigned long reset_pending;
	unsigned int reset_streak;
	unsigned long next_reset;
	unsigned long ready_since;
	struct snic_vf_filters filters;
	struct snic_vf_sw_stats sw_stats;
	struct snic_vfd_ext ext;

	spinlock_t stats_lock;
	struct snic_vf_hw_stats hw_stats;

	u32 msg_enable;
};

/*
 * Rate-limited logging per call site: a PF that refuses or a device that
 * misbehaves must not flood the log.
 */
#define snic_vf_log_rl(level, vf, fmt, ...)				\
	do {								\
		static DEFINE_RATELIMIT_STATE(_rs,			\
					      DEFAULT_RATELIMIT_INTERVAL, \
					      DEFAULT_RATELIMIT_BURST);	\
		if (__ratelimit(&_rs))					\
			netdev_##level((vf)->netdev, fmt, ##__VA_ARGS__); \
	} while (0)
#define snic_vf_err_rl(vf, fmt, ...)	snic_vf_log_rl(err, vf, fmt, ##__VA_ARGS__)
#define snic_vf_warn_rl(vf, fmt, ...)	snic_vf_log_rl(warn, vf, fmt, ##__VA_ARGS__)
#define snic_vf_info_rl(vf, fmt, ...)	snic_vf_log_rl(info, vf, fmt, ##__VA_ARGS__)

/* vf_hw.c */
u32 vf_rd32(struct snic_vf *vf, u32 reg);
void vf_wr32(struct snic_vf *vf, u32 reg, u32 val);
bool snic_vf_gone(struct snic_vf *vf);
int snic_vf_hw_reset(struct snic_vf *vf);
bool snic_vf_hw_link(struct snic_vf *vf, u32 *speed, u8 *duplex);
void snic_vf_hw_stats_update(struct snic_vf *vf, bool rebase);

/* vf_mbx.c */
void snic_vf_mbx_init(struct snic_vf *vf);
int snic_vf_request(struct snic_vf *vf, struct snic_msg *req,
		    struct snic_msg *reply);
void snic_vf_mbx_poll(struct snic_vf *vf);
int snic_vf_set_mac(struct snic_vf *vf, const u8 *addr);
int snic_vf_set_uc(struct snic_vf *vf, const u8 uc[][ETH_ALEN],
		   unsigned int count);
int snic_vf_set_mc(struct snic_vf *vf, const struct snic_vf_mc *mc);
int snic_vf_set_vlan(struct snic_vf *vf, u16 vid, bool add);
int snic_vf_set_lpe(struct snic_vf *vf, u32 max_frame);
int snic_vf_set_promisc(struct snic_vf *vf, u8 bits);
void snic_vf_ext_reset(struct snic_vf *vf);
int snic_vf_ext_probe(struct snic_vf *vf);
const char *snic_vf_why(struct snic_vf *vf);
int snic_vf_refused_errno(struct snic_vf *vf);

/* vf_link.c */
void snic_vf_link_init(struct snic_vf *vf);
int snic_vf_link_start(struct snic_vf *vf);
void snic_vf_link_stop(struct snic_vf *vf);
void snic_vf_update_carrier(struct snic_vf *vf);

/* vf_service.c: calls no other file of the driver */
void snic_vf_service_now(struct snic_vf *vf);
void snic_vf_schedule_reset(struct snic_vf *vf,
			    enum snic_vf_reset_reason why);
void snic_vf_check_pf_reset(struct snic_vf *vf);

/* vf_irq.c */
int snic_vf_irq_init(struct snic_vf *vf);
void snic_vf_irq_free(struct snic_vf *vf);
void snic_vf_irq_map(struct snic_vf *vf);
void snic_vf_irq_enable(struct snic_vf *vf);
void snic_vf_irq_disable_queues(struct snic_vf *vf);
void snic_vf_irq_set_itr(struct snic_vf *vf);
void snic_vf_napi_enable(struct snic_vf *vf);
void snic_vf_napi_disable(struct snic_vf *vf);

/* vf_netdev.c */
struct snic_vf *snic_vf_netdev_alloc(struct pci_dev *pdev);
void snic_vf_rings_init(struct snic_vf *vf);
int snic_vf_netdev_register(struct snic_vf *vf);
void snic_vf_netdev_unregister(struct snic_vf *vf);
int snic_vf_datapath_start(struct snic_vf *vf);
void snic_vf_datapath_stop(struct snic_vf *vf);
int snic_vf_rings_resize(struct snic_vf *vf, u16 tx_count, u16 rx_count);
void snic_vf_rx_mode_sync(struct snic_vf *vf);

/* vf_ethtool.c */
void snic_vf_set_ethtool_ops(struct net_device *netdev);

#endif /* _SRIOVNIC_VF_H */
