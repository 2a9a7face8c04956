/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: SR-IOV half. What the netdev half calls, and the VF table.
 * Implemented in pf_sriov.c (enable/disable, pools), pf_vf.c (a VF's
 * hardware and lifecycle), pf_vf_mbx.c (mailbox service), pf_vf_policy.c
 * (pure decisions, KUnit-tested), pf_vf_admin.c (ndo_set_vf_*),
 * pf_filter.c (RAR/MTA/VLVF/VMOLR tables shared by the PF and its VFs).
 */
#ifndef _SRIOVNIC_PF_SRIOV_H
#define _SRIOVNIC_PF_SRIOV_H

#include <linux/bitmap.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <sriovnic/csr.h>
#include <sriovnic/csr_pf_vt.h>
#include <sriovnic/mbx.h>

#include "pf_health.h"
#include "pf_vf_budget.h"
#include "pf_vf_policy.h"
#include "pf_vf_state.h"
#include "pf_vf_tx.h"

struct dentry;
struct snic_pf;
struct pci_dev;

/**
 * struct snic_pf_vf_stats - one VF's traffic counters
 * @gprc: packets received
 * @gptc: packets sent
 * @gorc: octets received
 * @gotc: octets sent
 * @mprc: multicast packets received
 *
 * The per-pool registers are 32 bits and (in QEMU) not cleared on read:
 * the PF keeps the last raw value and adds the difference to a 64-bit
 * total, so one of these holds raw values and another the totals.
 */
struct snic_pf_vf_stats {
	u64 gprc;
	u64 gptc;
	u64 gorc;
	u64 gotc;
	u64 mprc;
};

/**
 * struct snic_pf_vf - one VF, as the PF sees it (protected by
 *	&snic_pf_sriov.lock)
 * @pf: back pointer
 * @idx: VF number, also its pool and its first queue
 * @mbx: PF end of the VF's mailbox
 * @mac: the address in force: given to the VF in the RESET reply and
 *	programmed in its receive address entry; zero when none. The VF's
 *	own choice (SET_MAC_ADDR) when it may make one, else @admin_addr
 * @admin_mac: the administrator assigned @admin_addr (ndo_set_vf_mac)
 * @admin_addr: the administrator's address, kept apart from @mac: an
 *	untrusted VF gets it back at every reset of the VF (and at once on
 *	trust off), whatever it chose while it was trusted
 * @trusted: ndo_set_vf_trust
 * @spoofchk: ndo_set_vf_spoofchk
 * @link_state: IFLA_VF_LINK_STATE_*
 * @port_vlan: administrator's VLAN id (0: none) ...
 * @qos: ... and priority, inserted on transmit
 * @max_tx_rate: Mb/s, 0 for no limit
 * @clear: the VF completed RESET and may send requests
 * @cts_sent: the last message written to the VF carried CTS
 * @reset_answered: jiffies of the answer to the VF's RESET while that is
 *	the last message either side wrote (0 otherwise): SNIC_PF_QUIET_CTS
 * @last_nack: jiffies of the last bare NACK (throttled to one per 2 s)
 * @ext: the mailbox extension the VF negotiated; cleared by every reset
 *	of the VF, so a VF that did not negotiate since its last RESET (any
 *	igbvf) only ever gets base-protocol messages
 * @link_reason_sent: the last enum snic_link_reason the VF was told (it
 *	assumes SNIC_LINK_UP when it negotiates SNIC_EXT_CAP_LINK)
 * @tx_pending: BIT(enum snic_pf_tx_kind) of what the VF must still be
 *	told; set by the ndos, link changes and resets, sent and cleared by
 *	the mailbox work only (snic_pf_tx_decide())
 * @unread: enum snic_pf_tx_kind of the last message written to the VF,
 *	SNIC_PF_TX_NONE once it read it (ACK) or wrote a request
 * @unread_since: jiffies when that message was written
 * @ext_events: EXT_EVENT messages sent to the VF
 * @superseded: messages of ours the VF left unread for
 *	SNIC_PF_UNREAD_MAX_MS and that newer state then overwrote
 * @nacks: NACK messages (answers, RESET refusals, bare NACKs) sent to it
 * @rs: rate limit for everything this VF can make the PF log
 * @ext_rs: rate limit of its own for the negotiation line, so that a VF's
 *	refusals just before cannot hide what it negotiated
 * @stats_raw: last raw counter values
 * @stats: 64-bit totals
 * @budget: token buckets and quarantine state (pf_vf_quarantine.c)
 * @budget_rvfu: times the PF broke the VF's hold of the buffer (RVFU)
 * @health: its last messages and events for devlink health (pf_health.c)
 * @mig_stopped: stopped for a migration (snic_pf_mig_stop()): its receive
 *	and transmit stay off, and its addresses do not keep another VF from
 *	taking them (pf_vf_mig.c)
 */
struct snic_pf_vf {
	struct snic_pf *pf;
	unsigned int idx;
	struct snic_mbx mbx;
	u8 mac[ETH_ALEN];
	bool admin_mac;
	u8 admin_addr[ETH_ALEN];
	bool trusted;
	bool spoofchk;
	int link_state;
	u16 port_vlan;
	u8 qos;
	int max_tx_rate;
	bool clear;
	bool cts_sent;
	unsigned long reset_answered;
	unsigned long last_nack;
	struct snic_vf_ext ext;
	u8 link_reason_sent;
	unsigned long tx_pending;
	u8 unread;
	unsigned long unread_since;
	u64 ext_events;
	u64 superseded;
	u64 nacks;
	struct ratelimit_state rs;
	struct ratelimit_state ext_rs;
	struct snic_pf_vf_stats stats_raw;
	struct snic_pf_vf_stats stats;
	struct snic_vf_budget budget;
	u64 budget_rvfu;
	struct snic_vf_health health;
	bool mig_stopped;
};

/**
 * struct snic_pf_pool - receive filter state of one pool (protected by
 *	&snic_pf_sriov.filter_lock)
 * @mc_hash: multicast hashes the VF sent (VF pools only)
 * @mc_count: entries used in @mc_hash
 * @mc_overflow: the VF asked for more than SNIC_MC_MAX groups
 * @mc_promisc: SET_PROMISC multicast (VF) or IFF_ALLMULTI/IFF_PROMISC (PF)
 * @max_frame: largest frame accepted, with CRC
 * @port_vlan: VLAN id inserted on transmit and stripped on receive (0: none)
 * @qos: priority of @port_vlan
 * @active: the pool's owner exists (the PF, or an enabled VF that is not
 *	link-disabled by the administrator)
 * @vlans: VLAN filters held by this pool
 * @uc: extra unicast filters held by this pool
 */
struct snic_pf_pool {
	u16 mc_hash[SNIC_MC_MAX];
	u8 mc_count;
	bool mc_overflow;
	bool mc_promisc;
	u16 max_frame;
	u16 port_vlan;
	u8 qos;
	bool active;
	unsigned int vlans;
	unsigned int uc;
};

/**
 * enum snic_rar_kind - who owns a receive address entry
 * @SNIC_RAR_FREE: unused
 * @SNIC_RAR_PRIMARY: the PF's or a VF's own address (fixed entries)
 * @SNIC_RAR_EXTRA: an additional unicast address of the PF or a VF
 */
enum snic_rar_kind {
	SNIC_RAR_FREE,
	SNIC_RAR_PRIMARY,
	SNIC_RAR_EXTRA,
};

/**
 * struct snic_pf_rar - shadow of one receive address entry
 * @addr: the address
 * @pool: the pool it delivers to
 * @kind: enum snic_rar_kind
 */
struct snic_pf_rar {
	u8 addr[ETH_ALEN];
	u8 pool;
	u8 kind;
};

/**
 * struct snic_pf_vlvf - shadow of one VLAN pool filter
 * @vid: VLAN id
 * @pools: bitmap of pools that take @vid; 0 when the entry is free
 */
struct snic_pf_vlvf {
	u16 vid;
	u8 pools;
};

/**
 * struct snic_pf_sriov - SR-IOV state of one PF
 * @lock: protects @vfs, @num_vfs and every struct snic_pf_vf against the
 *	admin ndo calls, sriov_configure and the mailbox work; process
 *	context only. Taken after &snic_pf.cfg_lock, before @filter_lock.
 * @filter_lock: protects the receive filter tables (RAR, MTA, VLVF, VMOLR,
 *	VMVIR) and their shadows below, and the RCTL bits UPE/MPE/VFE;
 *	ndo_set_rx_mode updates them from atomic context. Innermost lock.
 * @vfs: per-VF state, @num_vfs entries
 * @num_vfs: VFs currently enabled; 0 while none are (the mailbox work
 *	then serves nobody)
 * @mbx_work: services VF requests and VF resets; scheduled by
 *	snic_pf_sriov_irq()
 * @wq: unbound workqueue that runs @mbx_work: a VF driver in the same
 *	guest may busy-wait for the PF's answer on the CPU that took the
 *	interrupt
 * @stats_work: folds the VFs' 32-bit counters into 64-bit totals often
 *	enough that they cannot wrap unseen
 * @irq_lock: orders snic_pf_sriov_irq() against @dying
 * @dying: set at remove; the interrupt queues no more work
 * @pool: per-pool filter state (@filter_lock)
 * @rar: receive address shadow (@filter_lock)
 * @vlvf: VLAN pool filter shadow (@filter_lock)
 * @pf_mta: the PF's own multicast hashes (@filter_lock)
 * @hw_mta: what the MTA registers hold (@filter_lock)
 * @hw_mta_valid: @hw_mta matches the registers (@filter_lock)
 * @pf_uc_overflow: the PF has more unicast addresses than free entries
 * @pf_promisc: IFF_PROMISC on the PF
 * @debugfs: sriovnic_pf/<pci-bdf>/ in debugfs while VFs are enabled
 *	(pf_debugfs.c); an error pointer or NULL otherwise
 * @work_passes: passes of @mbx_work (@lock), for debugfs "mbx"
 * @work_ns: time spent in them with @lock held (@lock)
 * @work_max_ns: the longest (@lock)
 */
struct snic_pf_sriov {
	struct mutex lock;
	spinlock_t filter_lock;
	struct snic_pf_vf *vfs;
	unsigned int num_vfs;
	struct work_struct mbx_work;
	struct workqueue_struct *wq;
	struct delayed_work stats_work;
	spinlock_t irq_lock;
	bool dying;

	struct snic_pf_pool pool[SNIC_NUM_POOLS];
	struct snic_pf_rar rar[SNIC_RAR_ENTRIES];
	struct snic_pf_vlvf vlvf[SNIC_VLVF_ENTRIES];
	DECLARE_BITMAP(pf_mta, SNIC_MTA_REGS * 32);
	u32 hw_mta[SNIC_MTA_REGS];
	bool hw_mta_valid;
	bool pf_uc_overflow;
	bool pf_promisc;
	struct dentry *debugfs;
	u64 work_passes;
	u64 work_ns;
	u64 work_max_ns;
};

/* Probe/remove. */
int snic_pf_sriov_init(struct snic_pf *pf);
void snic_pf_sriov_fini(struct snic_pf *pf);
void snic_pf_sriov_destroy(struct snic_pf *pf);

/* pci_driver.sriov_configure */
int snic_pf_sriov_configure(struct pci_dev *pdev, int num_vfs);

/*
 * After every global reset, with pf->cfg_lock held: program VMDq mode, the
 * pools, loopback and the filter tables again, for the PF and every VF.
 */
int snic_pf_sriov_hw_init(struct snic_pf *pf);

/* From the "other" interrupt when ICR.VMMB is set (hard irq context). */
void snic_pf_sriov_irq(struct snic_pf *pf);

/* Link changed, PF going down/up, or a reset about to start (process ctx). */
void snic_pf_sriov_notify(struct snic_pf *pf);

/* Receive filters: pf_filter.c. Callable from atomic context. */
void snic_pf_filter_set_pf_mac(struct snic_pf *pf, const u8 *mac);
void snic_pf_filter_sync_rx_mode(struct snic_pf *pf);
int snic_pf_filter_vlan(struct snic_pf *pf, u16 vid, unsigned int pool,
			bool on);

/* With sriov.lock held and filter_lock not held (pf_filter.c). */
bool snic_pf_filter_mac_taken(struct snic_pf *pf, const u8 *mac,
			      unsigned int pool);

/* Used inside the SR-IOV half (pf_filter.c), with filter_lock held. */
void snic_pf_filter_reset_pool(struct snic_pf *pf, unsigned int pool);
int snic_pf_filter_vf_mac(struct snic_pf *pf, unsigned int pool,
			  const u8 *mac);
int snic_pf_filter_uc_add(struct snic_pf *pf, unsigned int pool,
			  const u8 *mac);
void snic_pf_filter_uc_clear(struct snic_pf *pf, unsigned int pool);
void snic_pf_filter_vlan_clear(struct snic_pf *pf, unsigned int pool);
int snic_pf_filter_vlan_locked(struct snic_pf *pf, u16 vid,
			       unsigned int pool, bool on);
int snic_pf_filter_port_vlan(struct snic_pf *pf, unsigned int p, u16 vid,
			     u8 qos);
void snic_pf_filter_share_use(struct snic_pf *pf, bool vlvf,
			      struct snic_share_use *use);
bool snic_pf_filter_vid_present(struct snic_pf *pf, u16 vid,
				unsigned int pool, bool *mine);
unsigned int snic_pf_filter_free_rar(struct snic_pf *pf);
unsigned int snic_pf_filter_free_vlvf(struct snic_pf *pf);
void snic_pf_filter_write_pool(struct snic_pf *pf, unsigned int pool);
void snic_pf_filter_write_mta(struct snic_pf *pf);
void snic_pf_filter_restore(struct snic_pf *pf);

/* pf_vf_mbx.c, with sriov.lock held */
void snic_pf_vf_mbx_init(struct snic_pf_vf *vf);
void snic_pf_vf_mbx_reset(struct snic_pf_vf *vf);
void snic_pf_vf_queue_tx(struct snic_pf_vf *vf, enum snic_pf_tx_kind kind);
bool snic_pf_vf_link_ok(struct snic_pf *pf, struct snic_pf_vf *vf);
u8 snic_pf_vf_link_reason(struct snic_pf *pf, struct snic_pf_vf *vf);
void snic_pf_vf_update_links(struct snic_pf *pf);
void snic_pf_vf_mbx_work(struct work_struct *work);
int snic_pf_vf_apply_request(struct snic_pf *pf, struct snic_pf_vf *vf,
			     const struct snic_msg *msg);

/* pf_vf.c: the VF's hardware and lifecycle, with sriov.lock held */
void snic_pf_vfs_release(struct snic_pf *pf);
void snic_pf_vf_enable(struct snic_pf *pf, unsigned int v, bool on);
void snic_pf_vf_hw_clean(struct snic_pf *pf, struct snic_pf_vf *vf);
void snic_pf_vf_do_reset(struct snic_pf *pf, struct snic_pf_vf *vf);
void snic_pf_vf_flr(struct snic_pf *pf, struct snic_pf_vf *vf);
void snic_pf_vf_stats_update(struct snic_pf *pf, struct snic_pf_vf *vf,
			     bool baseline);
unsigned int snic_pf_speed(struct snic_pf *pf);
void snic_pf_vf_apply_admin(struct snic_pf *pf, struct snic_pf_vf *vf);

/*
 * Every log line a VF can cause goes through this. warn and info spend the
 * VF's budget (&snic_pf_vf.rs); dbg lines go through dynamic debug's own
 * per-site limit, consulted only when that line is enabled, so lines that
 * never print cannot use up the budget and hide the VF's next warning.
 */
#define snic_vf_log(vf, level, fmt, ...)				\
	snic_vf_log_##level(vf, fmt, ##__VA_ARGS__)
#define snic_vf_log_rl(vf, level, fmt, ...)				\
	do {								\
		if (__ratelimit(&(vf)->rs))				\
			dev_##level(&(vf)->pf->pdev->dev, "VF %u: " fmt, \
				    (vf)->idx, ##__VA_ARGS__);		\
	} while (0)
#define snic_vf_log_warn(vf, fmt, ...)	snic_vf_log_rl(vf, warn, fmt, ##__VA_ARGS__)
#define snic_vf_log_info(vf, fmt, ...)	snic_vf_log_rl(vf, info, fmt, ##__VA_ARGS__)
#define snic_vf_log_dbg(vf, fmt, ...)					\
	dev_dbg_ratelimited(&(vf)->pf->pdev->dev, "VF %u: " fmt,	\
			    (vf)->idx, ##__VA_ARGS__)

/* pf_vf_quarantine.c, with sriov.lock held */
bool snic_pf_vf_budget_ok(struct snic_pf *pf, struct snic_pf_vf *vf,
			  enum snic_budget_kind kind);
void snic_pf_vf_budget_held(struct snic_pf *pf, struct snic_pf_vf *vf);
void snic_pf_vf_budget_spent(struct snic_pf *pf, struct snic_pf_vf *vf, u64 ns);
void snic_pf_vf_budget_admin(struct snic_pf *pf, struct snic_pf_vf *vf,
			     int state);
void snic_pf_vf_budget_init(struct snic_pf_vf *vf);
bool snic_pf_vf_budget_recover(struct snic_pf *pf, struct snic_pf_vf *vf);

/* pf_debugfs.c: sriovnic_pf/<pci-bdf>/vfs; failures are ignored */
void snic_pf_debugfs_init(void);
void snic_pf_debugfs_exit(void);
void snic_pf_debugfs_add(struct snic_pf *pf);
void snic_pf_debugfs_del(struct snic_pf *pf);

/* net_device_ops for VFs: pf_vf_admin.c */
int snic_pf_ndo_set_vf_mac(struct net_device *dev, int vf, u8 *mac);
int snic_pf_ndo_set_vf_vlan(struct net_device *dev, int vf, u16 vlan, u8 qos,
			    __be16 proto);
int snic_pf_ndo_set_vf_rate(struct net_device *dev, int vf, int min_rate,
			    int max_rate);
int snic_pf_ndo_set_vf_spoofchk(struct net_device *dev, int vf, bool on);
int snic_pf_ndo_set_vf_trust(struct net_device *dev, int vf, bool on);
int snic_pf_ndo_set_vf_link_state(struct net_device *dev, int vf, int state);
int snic_pf_ndo_get_vf_config(struct net_device *dev, int vf,
			      struct ifla_vf_info *ivi);
int snic_pf_ndo_get_vf_stats(struct net_device *dev, int vf,
			     struct ifla_vf_stats *stats);

#endif /* _SRIOVNIC_PF_SRIOV_H */
