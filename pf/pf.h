/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: the device structure and the contract between the PF's
 * halves. pf_main/pf_reset/pf_watchdog/pf_hw/pf_irq/pf_netdev/pf_ethtool
 * make the PF a netdev;
 * pf_sriov/pf_vf_* (see pf_sriov.h) carve pools for VFs and serve them.
 */
#ifndef _SRIOVNIC_PF_H
#define _SRIOVNIC_PF_H

#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/workqueue.h>
#include <net/devlink.h>

#include <sriovnic/compat.h>
#include <sriovnic/csr.h>
#include <sriovnic/csr_pf.h>
#include <sriovnic/ring.h>

#include "pf_hw.h"
#include "pf_sriov.h"

#define SNIC_PF_DRV_NAME	"sriovnic_pf"

/* The pool the PF's own traffic lives in; VF v owns pool v. */
#define SNIC_PF_POOL		(SNIC_NUM_POOLS - 1)

/**
 * enum snic_pf_state_bits - bits of &snic_pf.state
 * @SNIC_PF_DEAD: a register read returned all-ones and STATUS confirmed it
 *	(snic_pf_allones_dead()); the device is gone and no path may wait on
 *	it again
 * @SNIC_PF_DOWN: the netdev is closed (queues stopped)
 * @SNIC_PF_RESETTING: a global reset is in progress
 */
enum snic_pf_state_bits {
	SNIC_PF_DEAD,
	SNIC_PF_DOWN,
	SNIC_PF_RESETTING,
};

/**
 * struct snic_pf - one 82576 physical function
 * @pdev: the PCI function
 * @netdev: the PF's own network device
 * @hw: BAR0 mapping; accessed only through pf_rd32()/pf_wr32()
 * @state: enum snic_pf_state_bits
 * @cfg_lock: serialises configuration of the device from process context
 *	(open/stop, reset, ethtool, rx mode work, and SR-IOV enable/disable);
 *	the VF table has its own lock, see &snic_pf_sriov.lock
 * @link_up: last link state reported to the stack and to the VFs
 * @sriov: SR-IOV state, owned by pf_sriov.c
 *
 * Fields beyond these belong to the netdev half and are documented where
 * they are declared.
 */
struct snic_pf {
	struct pci_dev *pdev;
	struct net_device *netdev;
	u8 __iomem *hw;
	unsigned long state;
	struct mutex cfg_lock;
	bool link_up;

	struct snic_pf_sriov sriov;

	/* --- netdev half (pf_main/pf_reset/pf_watchdog/pf_hw/pf_irq/...) --- */
	/**
	 * @tx_ring: the PF's TX queue (hardware queue SNIC_PF_HWQ); memory
	 *	from open to stop, see <sriovnic/ring.h>
	 */
	struct snic_ring tx_ring;
	/** @rx_ring: the PF's RX queue, likewise */
	struct snic_ring rx_ring;
	/** @napi: polls both rings; scheduled by the queue vector */
	struct napi_struct napi;
	/** @tx_count: TX ring size for the next open (ethtool -G) */
	u16 tx_count;
	/** @rx_count: RX ring size for the next open (ethtool -G) */
	u16 rx_count;
	/** @itr_usecs: EITR interval of the queue vector (ethtool -C) */
	u16 itr_usecs;
	/** @msg_enable: netif_msg bits (ethtool msglvl) */
	u32 msg_enable;
	/**
	 * @removing: remove() has started; the watchdog stops re-arming and
	 *	the reset work does nothing
	 */
	bool removing;
	/**
	 * @watchdog: link poll and statistics, every SNIC_PF_WATCHDOG_PERIOD
	 *	and at once on LSC
	 */
	struct delayed_work watchdog;
	/** @reset_work: a global reset asked for in atomic context */
	struct work_struct reset_work;
	/** @stats_lock: protects @hw_stats (watchdog, stats64, ethtool) */
	spinlock_t stats_lock;
	/** @hw_stats: MAC counters summed from clear-on-read registers */
	struct snic_pf_hw_stats hw_stats;
	/** @irq_other: other-vector interrupts (written by that handler) */
	u64 irq_other;
	/** @irq_lsc: of those, link status changes */
	u64 irq_lsc;
	/** @irq_mbx: of those, VF mailbox or VF reset events */
	u64 irq_mbx;
	/** @resets: global resets done after probe */
	u64 resets;
	/** @tx_timeouts: TX timeouts the stack reported */
	u64 tx_timeouts;
	/** @other_irq_name: the other vector's name in /proc/interrupts */
	char other_irq_name[32];
	/** @queue_irq_name: the queue vector's name */
	char queue_irq_name[IFNAMSIZ + 16];

	/* --- devlink (pf_devlink.c) --- */
	/** @devlink: the instance, from probe to remove */
	struct devlink *devlink;
	/** @dl_port: the physical port the netdev sits on */
	struct devlink_port dl_port;
	/** @nvm_ver: EEPROM image version word, read at probe */
	u16 nvm_ver;
	/** @nvm_ver_valid: @nvm_ver was read and the EEPROM is not blank */
	bool nvm_ver_valid;
	/** @health: the "vf_mbx" health reporter (pf_health.c), or NULL */
	struct devlink_health_reporter *health;
	/** @health_work: makes the reports, at most once a period */
	struct delayed_work health_work;
	/** @health_next: jiffies before which @health_work does not run */
	unsigned long health_next;
	/**
	 * @health_live: devlink is registered, reports may be made; written
	 *	with &snic_pf_sriov.lock held
	 */
	bool health_live;
	/** @health_error: a quarantine was reported (@health_work only) */
	bool health_error;
};

/*
 * MSI-X vectors; a vector's index is also its EICR bit (the PF may use
 * bits 0-3 only once 7 VFs take the rest, see pf_irq.c).
 */
#define SNIC_PF_VEC_OTHER	0
#define SNIC_PF_VEC_QUEUE	1
#define SNIC_PF_NUM_VECS	2

/* The PF's hardware queue pair: queue n belongs to pool n % 8. */
#define SNIC_PF_HWQ		SNIC_PF_POOL

#define SNIC_PF_WATCHDOG_PERIOD	(2 * HZ)

/* pf_reset.c */
/* pf_main.c: the PF of a VF (ERR_PTR(-ENODEV) if not ours) */
struct snic_pf *snic_pf_from_vf(struct pci_dev *vf_pdev);

int snic_pf_reset(struct snic_pf *pf);
int snic_pf_hw_setup(struct snic_pf *pf);
void snic_pf_reset_work(struct work_struct *work);
void snic_pf_gone(struct snic_pf *pf);

/* pf_watchdog.c */
void snic_pf_watchdog(struct work_struct *work);

/* pf_irq.c */
int snic_pf_irq_init(struct snic_pf *pf);
void snic_pf_irq_fini(struct snic_pf *pf);
void snic_pf_irq_sync_other(struct snic_pf *pf);
void snic_pf_irq_hw_init(struct snic_pf *pf);
void snic_pf_irq_set_itr(struct snic_pf *pf);
int snic_pf_irq_queue_request(struct snic_pf *pf);
void snic_pf_irq_queue_free(struct snic_pf *pf);
void snic_pf_irq_queue_enable(struct snic_pf *pf, bool on);
void snic_pf_irq_queue_kick(struct snic_pf *pf);

/* pf_netdev.c */
int snic_pf_up(struct snic_pf *pf);
void snic_pf_down(struct snic_pf *pf);
void snic_pf_close_lost(struct snic_pf *pf, int err);
void snic_pf_netdev_init(struct snic_pf *pf);
void snic_pf_netdev_fini(struct snic_pf *pf);

/* pf_ethtool.c */
void snic_pf_ethtool_init(struct snic_pf *pf);

/* pf_devlink.c: "devlink dev info" version names */
#define SNIC_DL_VER_NVM		"fw.eeprom"	/* EEPROM image version */
#define SNIC_DL_VER_MBX		"mbx.proto"	/* base mailbox protocol */
#define SNIC_DL_MBX_PROTO	"82576"
#define SNIC_DL_VER_EXT		"mbx.ext"	/* extension version offered */
#define SNIC_DL_VER_EXT_CAPS	"mbx.ext.caps"	/* its capabilities */
int snic_pf_devlink_init(struct snic_pf *pf);
void snic_pf_devlink_fini(struct snic_pf *pf);
void snic_pf_devlink_register(struct snic_pf *pf);
void snic_pf_devlink_unregister(struct snic_pf *pf);
#ifndef SNIC_HAVE_NETDEV_DEVLINK_PORT
struct devlink_port *snic_pf_get_devlink_port(struct net_device *dev);
#endif

/* pf_health.c: devlink health reporter "vf_mbx" and trace events */
void snic_pf_health_init(struct snic_pf *pf);
void snic_pf_health_start(struct snic_pf *pf);
void snic_pf_health_stop(struct snic_pf *pf);
void snic_pf_health_fini(struct snic_pf *pf);
/* with sriov.lock held (the last one need not) */
void snic_pf_health_msg_in(struct snic_pf *pf, struct snic_pf_vf *vf,
			   const u32 *w, const struct snic_msg *msg,
			   const struct snic_vf_decision *d);
void snic_pf_health_msg_out(struct snic_pf_vf *vf, const u32 *w,
			    unsigned int len, int err);
void snic_pf_health_quarantine(struct snic_pf *pf, struct snic_pf_vf *vf,
			       bool enter);
void snic_pf_health_vf_reset(struct snic_pf *pf, struct snic_pf_vf *vf);

/**
 * snic_pf_allones_dead() - does an all-ones read mean the device is gone?
 * @val: what a register read returned
 * @status: what STATUS read right after it
 *
 * All-ones alone proves nothing: counters a VF drives wrap through
 * 0xFFFFFFFF, receive address 0 of a blank EEPROM reads so, and so does
 * any register a VF may write. STATUS has reserved bits that read 0 on a
 * live 82576 and no VF can write it, so only STATUS reading all-ones too
 * says the device stopped answering.
 *
 * Return: true when the device is gone.
 */
static inline bool snic_pf_allones_dead(u32 val, u32 status)
{
	return val == SNIC_DEAD && status == SNIC_DEAD;
}

/**
 * pf_rd32() - read a PF register
 * @pf: the PF
 * @reg: byte offset in BAR0
 *
 * An all-ones value is confirmed with a read of STATUS before
 * SNIC_PF_DEAD is set (snic_pf_allones_dead()); callers test
 * snic_pf_dead() after the read, never the value.
 *
 * Return: the value, which may be all-ones on a live device; SNIC_DEAD
 * once the device is known to be gone.
 */
static inline u32 pf_rd32(struct snic_pf *pf, u32 reg)
{
	u32 v;

	if (unlikely(test_bit(SNIC_PF_DEAD, &pf->state)))
		return SNIC_DEAD;
	v = readl(pf->hw + reg);
	if (unlikely(v == SNIC_DEAD) &&
	    snic_pf_allones_dead(v, readl(pf->hw + SNIC_STATUS)))
		set_bit(SNIC_PF_DEAD, &pf->state);
	return v;
}

/**
 * pf_rd32_data() - read a register whose contents another party chooses
 * @pf: the PF
 * @reg: byte offset in BAR0
 *
 * For the VF mailbox buffers, the counters a VF's traffic drives and
 * addresses loaded from the EEPROM: all-ones there is data and never
 * costs the extra STATUS read. A caller that must know whether the
 * device vanished meanwhile reads STATUS with pf_rd32() (pf_flush()).
 *
 * Return: the value; SNIC_DEAD once the device is known to be gone.
 */
static inline u32 pf_rd32_data(struct snic_pf *pf, u32 reg)
{
	if (unlikely(test_bit(SNIC_PF_DEAD, &pf->state)))
		return SNIC_DEAD;
	return readl(pf->hw + reg);
}

/**
 * pf_wr32() - write a PF register; dropped once the device is gone
 * @pf: the PF
 * @reg: byte offset in BAR0
 * @val: value
 */
static inline void pf_wr32(struct snic_pf *pf, u32 reg, u32 val)
{
	if (likely(!test_bit(SNIC_PF_DEAD, &pf->state)))
		writel(val, pf->hw + reg);
}

/* Flush posted writes. */
static inline void pf_flush(struct snic_pf *pf)
{
	pf_rd32(pf, SNIC_STATUS);
}

static inline bool snic_pf_dead(struct snic_pf *pf)
{
	return test_bit(SNIC_PF_DEAD, &pf->state);
}

#endif /* _SRIOVNIC_PF_H */
