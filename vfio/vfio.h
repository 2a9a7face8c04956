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
	u8 data[SNIC_PF_MIG_STATE_LEN];
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
 */
struct snic_vfio {
	struct vfio_pci_core_device core;
	struct mutex state_mutex;
	spinlock_t reset_lock;
	bool deferred_reset;
	enum vfio_device_mig_state mig_state;
	struct snic_vfio_file *saving;
	struct snic_vfio_file *resuming;
};

/* vfio_mig.c */
extern const struct vfio_migration_ops snic_vfio_mig_ops;
void snic_vfio_state_unlock(struct snic_vfio *v);
void snic_vfio_reset_done(struct pci_dev *pdev);
void snic_vfio_close(struct snic_vfio *v);

#endif /* _SRIOVNIC_VFIO_H */
