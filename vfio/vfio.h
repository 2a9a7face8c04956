/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_vfio: a vfio-pci variant driver for the 82576 VF (8086:10ca)
 * whose PF sriovnic_pf drives, with the VFIO migration uAPI (STOP_COPY).
 */
#ifndef _SRIOVNIC_VFIO_H
#define _SRIOVNIC_VFIO_H

#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/vfio_pci_core.h>

#include <sriovnic/pf_mig.h>

/* The VF's registers carried (vfio_regs.c) and their section's size. */
#define SNIC_VFIO_NREGS		41
#define SNIC_VFIO_REGS_LEN	(8 + 4 * SNIC_VFIO_NREGS)

/* The migration data: the PF's blob, then the VF's registers. */
#define SNIC_VFIO_DATA_LEN	(SNIC_PF_MIG_STATE_LEN + SNIC_VFIO_REGS_LEN)

/**
 * struct snic_vfio_file - one migration data file
 * @filp: the file (our reference is dropped when it is disabled)
 * @lock: protects @disabled, @len and @data against read() and write()
 * @disabled: no more reads or writes (-ENODEV)
 * @len: bytes of @data filled
 * @data: the saved state, or what was written of the incoming one
 */
struct snic_vfio_file {
	struct file *filp;
	struct mutex lock;
	bool disabled;
	size_t len;
	u8 data[SNIC_VFIO_DATA_LEN];
};

/**
 * struct snic_vfio - one VF bound to sriovnic_vfio
 * @core: vfio-pci's device (first: vfio_alloc_device() wants it there)
 * @state_mutex: protects @mig_state, @saving and @resuming; released with
 *	snic_vfio_state_unlock() only
 * @reset_lock: protects @deferred_reset
 * @deferred_reset: a device reset came while @state_mutex was held
 * @mig_state: the VFIO migration state
 * @saving: the STOP_COPY file, while in STOP_COPY
 * @resuming: the RESUMING file, while in RESUMING
 * @regs_loaded: @regs came with a loaded state and wait for RUNNING
 * @regs: the VF's registers to write back (vfio_regs.c)
 */
struct snic_vfio {
	struct vfio_pci_core_device core;
	struct mutex state_mutex;
	spinlock_t reset_lock;
	bool deferred_reset;
	enum vfio_device_mig_state mig_state;
	struct snic_vfio_file *saving;
	struct snic_vfio_file *resuming;
	bool regs_loaded;
	u32 regs[SNIC_VFIO_NREGS];
};

/* vfio_mig.c */
extern const struct vfio_migration_ops snic_vfio_mig_ops;
void snic_vfio_state_unlock(struct snic_vfio *v);
void snic_vfio_reset_done(struct pci_dev *pdev);
void snic_vfio_close(struct snic_vfio *v);

/* vfio_regs.c, with state_mutex held */
int snic_vfio_regs_save(struct snic_vfio *v, u8 *buf);
int snic_vfio_regs_decode(struct snic_vfio *v, const u8 *buf, size_t len);
int snic_vfio_regs_restore(struct snic_vfio *v);
void snic_vfio_regs_kick(struct snic_vfio *v);

#endif /* _SRIOVNIC_VFIO_H */
