// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vfio: the VFIO migration uAPI (v2, STOP_COPY only) for one VF.
 *
 * The device state is the blob sriovnic_pf saves (include/sriovnic/pf_mig.h):
 * RUNNING -> STOP asks the PF to stop the VF's receive and transmit, STOP ->
 * STOP_COPY saves the blob into a read-only migration file, STOP ->
 * RESUMING gives a write-only file for the incoming blob, which RESUMING ->
 * STOP hands to the PF to load, and STOP -> RUNNING starts the VF again.
 * The data is that blob followed by the VF's own registers (queues and
 * interrupts, vfio_regs.c), written back at STOP -> RUNNING, so that the
 * guest's driver goes on without a reset (Documentation/migration.rst).
 *
 * Locks: &snic_vfio.state_mutex protects the migration state and the two
 * files; each file's own lock protects its buffer against read() and
 * write(), which copy to and from user memory under it. A device reset
 * (reset_done, called with the PCI core's locks and VFIO's memory lock
 * held) must not wait for the state mutex, which is held around a file's
 * lock: it only marks the reset, and whoever holds or next takes the
 * mutex applies it before letting go (snic_vfio_state_unlock()).
 */
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <sriovnic/pf_mig.h>

#include "vfio.h"

static struct pci_dev *snic_vfio_pdev(struct snic_vfio *v)
{
	return v->core.pdev;
}

static void snic_vfio_file_disable(struct snic_vfio_file *f)
{
	mutex_lock(&f->lock);
	f->disabled = true;
	f->len = 0;
	f->filp->f_pos = 0;
	mutex_unlock(&f->lock);
}

/* Both files: no more reads or writes; our references go. */
static void snic_vfio_files_disable(struct snic_vfio *v)
{
	lockdep_assert_held(&v->state_mutex);
	if (v->resuming) {
		snic_vfio_file_disable(v->resuming);
		fput(v->resuming->filp);
		v->resuming = NULL;
	}
	if (v->saving) {
		snic_vfio_file_disable(v->saving);
		fput(v->saving->filp);
		v->saving = NULL;
	}
}

/**
 * snic_vfio_state_unlock() - release the state mutex, a reset applied first
 * @v: the device, state_mutex held
 *
 * A reset that came while the mutex was held (snic_vfio_reset_done())
 * takes the device back to RUNNING with no migration files and no stop or
 * loaded state at the PF, as after a reset the uAPI requires.
 */
void snic_vfio_state_unlock(struct snic_vfio *v)
{
again:
	spin_lock(&v->reset_lock);
	if (v->deferred_reset) {
		v->deferred_reset = false;
		spin_unlock(&v->reset_lock);
		v->mig_state = VFIO_DEVICE_STATE_RUNNING;
		v->regs_loaded = false;
		snic_vfio_files_disable(v);
		snic_pf_mig_forget(snic_vfio_pdev(v));
		goto again;
	}
	mutex_unlock(&v->state_mutex);
	spin_unlock(&v->reset_lock);
}

/**
 * snic_vfio_reset_done() - pci_error_handlers.reset_done
 * @pdev: the VF, just reset
 */
void snic_vfio_reset_done(struct pci_dev *pdev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(&pdev->dev);
	struct snic_vfio *v;

	/* Before probe set the drvdata (init is done by then), or after remove. */
	if (!core)
		return;
	v = container_of(core, struct snic_vfio, core);
	spin_lock(&v->reset_lock);
	v->deferred_reset = true;
	if (!mutex_trylock(&v->state_mutex)) {
		/* Its holder applies the reset as it lets go. */
		spin_unlock(&v->reset_lock);
		return;
	}
	spin_unlock(&v->reset_lock);
	snic_vfio_state_unlock(v);
}

/**
 * snic_vfio_close() - the device's last user closed it
 * @v: the device
 */
void snic_vfio_close(struct snic_vfio *v)
{
	mutex_lock(&v->state_mutex);
	snic_vfio_files_disable(v);
	snic_pf_mig_forget(snic_vfio_pdev(v));
	v->mig_state = VFIO_DEVICE_STATE_RUNNING;
	v->regs_loaded = false;
	snic_vfio_state_unlock(v);
}

static int snic_vfio_file_release(struct inode *inode, struct file *filp)
{
	struct snic_vfio_file *f = filp->private_data;

	mutex_destroy(&f->lock);
	kfree(f);
	return 0;
}

static ssize_t snic_vfio_save_read(struct file *filp, char __user *buf,
				   size_t len, loff_t *pos)
{
	struct snic_vfio_file *f = filp->private_data;
	ssize_t done;

	if (pos)
		return -ESPIPE;
	pos = &filp->f_pos;
	mutex_lock(&f->lock);
	if (f->disabled) {
		done = -ENODEV;
		goto out;
	}
	if (*pos < 0 || *pos >= f->len) {
		done = 0;	/* the end of the stream */
		goto out;
	}
	done = min_t(size_t, len, f->len - *pos);
	if (copy_to_user(buf, f->data + *pos, done)) {
		done = -EFAULT;
		goto out;
	}
	*pos += done;
out:
	mutex_unlock(&f->lock);
	return done;
}

static ssize_t snic_vfio_resume_write(struct file *filp,
				      const char __user *buf, size_t len,
				      loff_t *pos)
{
	struct snic_vfio_file *f = filp->private_data;
	ssize_t done;

	if (pos)
		return -ESPIPE;
	pos = &filp->f_pos;
	mutex_lock(&f->lock);
	if (f->disabled) {
		done = -ENODEV;
		goto out;
	}
	/* No VF state is bigger: more is not one of ours. */
	if (*pos < 0 || *pos > sizeof(f->data) ||
	    len > sizeof(f->data) - *pos) {
		done = -EFBIG;
		goto out;
	}
	if (copy_from_user(f->data + *pos, buf, len)) {
		done = -EFAULT;
		goto out;
	}
	*pos += len;
	f->len = max_t(size_t, f->len, *pos);
	done = len;
out:
	mutex_unlock(&f->lock);
	return done;
}

static const struct file_operations snic_vfio_save_fops = {
	.owner = THIS_MODULE,
	.read = snic_vfio_save_read,
	.release = snic_vfio_file_release,
};

static const struct file_operations snic_vfio_resume_fops = {
	.owner = THIS_MODULE,
	.write = snic_vfio_resume_write,
	.release = snic_vfio_file_release,
};

static struct snic_vfio_file *snic_vfio_file_new(struct snic_vfio *v,
						 bool save)
{
	struct snic_vfio_file *f;
	struct file *filp;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return ERR_PTR(-ENOMEM);
	filp = anon_inode_getfile("sriovnic_vfio_mig",
				  save ? &snic_vfio_save_fops :
					 &snic_vfio_resume_fops,
				  f, save ? O_RDONLY : O_WRONLY);
	if (IS_ERR(filp)) {
		kfree(f);
		return ERR_CAST(filp);
	}
	f->filp = filp;
	mutex_init(&f->lock);
	stream_open(filp->f_inode, filp);
	return f;
}

/* STOP -> STOP_COPY: the state is read now, while the VF is stopped. */
static struct file *snic_vfio_save(struct snic_vfio *v)
{
	struct snic_vfio_file *f = snic_vfio_file_new(v, true);
	int ret;

	if (IS_ERR(f))
		return ERR_CAST(f);
	ret = snic_pf_mig_save(snic_vfio_pdev(v), f->data,
			       SNIC_PF_MIG_STATE_LEN);
	if (ret >= 0 && ret != SNIC_PF_MIG_STATE_LEN)
		ret = -EPROTO;
	if (ret >= 0)
		ret = snic_vfio_regs_save(v, f->data + SNIC_PF_MIG_STATE_LEN);
	if (ret < 0) {
		fput(f->filp);
		return ERR_PTR(ret);
	}
	f->len = SNIC_VFIO_DATA_LEN;
	get_file(f->filp);
	v->saving = f;
	return f->filp;
}

static struct file *snic_vfio_resume(struct snic_vfio *v)
{
	struct snic_vfio_file *f = snic_vfio_file_new(v, false);

	if (IS_ERR(f))
		return ERR_CAST(f);
	get_file(f->filp);
	v->resuming = f;
	return f->filp;
}

/*
 * RESUMING -> STOP: the registers' section is checked and kept for
 * RUNNING, then the blob is handed to the PF; nothing is loaded when
 * either is refused.
 */
static int snic_vfio_load(struct snic_vfio *v)
{
	struct snic_vfio_file *f = v->resuming;
	size_t blob;
	int err;

	mutex_lock(&f->lock);
	blob = min_t(size_t, f->len, SNIC_PF_MIG_STATE_LEN);
	err = snic_vfio_regs_decode(v, f->data + blob, f->len - blob);
	if (err)
		pci_err(snic_vfio_pdev(v),
			"incoming state refused: not the VF registers of this driver (%d)\n",
			err);
	else
		err = snic_pf_mig_load(snic_vfio_pdev(v), f->data, blob);
	if (err)
		v->regs_loaded = false;
	mutex_unlock(&f->lock);
	return err;
}

/*
 * STOP -> RUNNING: a loaded VF gets its registers back while still
 * stopped, then runs and has its rings looked at again.
 */
static int snic_vfio_run(struct snic_vfio *v)
{
	struct pci_dev *pdev = snic_vfio_pdev(v);
	int err = 0;

	if (v->regs_loaded)
		err = snic_vfio_regs_restore(v);
	if (!err)
		err = snic_pf_mig_run(pdev);
	if (!err && v->regs_loaded) {
		snic_vfio_regs_kick(v);
		pci_info(pdev, "running, with its queues and interrupts carried over\n");
	}
	if (err)
		pci_err(pdev, "cannot start the VF: %d\n", err);
	return err;
}

/* One arc of the state machine; a file for the arcs that open one. */
static struct file *snic_vfio_step(struct snic_vfio *v, u32 next)
{
	struct pci_dev *pdev = snic_vfio_pdev(v);
	u32 cur = v->mig_state;
	int err = 0;

	if (cur == VFIO_DEVICE_STATE_RUNNING && next == VFIO_DEVICE_STATE_STOP)
		err = snic_pf_mig_stop(pdev);
	else if (cur == VFIO_DEVICE_STATE_STOP && next == VFIO_DEVICE_STATE_RUNNING)
		err = snic_vfio_run(v);
	else if (cur == VFIO_DEVICE_STATE_STOP && next == VFIO_DEVICE_STATE_STOP_COPY)
		return snic_vfio_save(v);
	else if (cur == VFIO_DEVICE_STATE_STOP && next == VFIO_DEVICE_STATE_RESUMING)
		return snic_vfio_resume(v);
	else if (cur == VFIO_DEVICE_STATE_STOP_COPY && next == VFIO_DEVICE_STATE_STOP)
		snic_vfio_files_disable(v);
	else if (cur == VFIO_DEVICE_STATE_RESUMING && next == VFIO_DEVICE_STATE_STOP) {
		err = snic_vfio_load(v);
		snic_vfio_files_disable(v);
	} else {
		/* vfio_mig_get_next_state() offers no other arc. */
		WARN_ON_ONCE(1);
		err = -EINVAL;
	}
	return err ? ERR_PTR(err) : NULL;
}

static struct file *snic_vfio_set_state(struct vfio_device *vdev,
					enum vfio_device_mig_state new)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);
	enum vfio_device_mig_state next;
	struct file *res = NULL;
	int err;

	mutex_lock(&v->state_mutex);
	while (new != v->mig_state) {
		err = vfio_mig_get_next_state(vdev, v->mig_state, new, &next);
		if (err) {
			res = ERR_PTR(err);
			break;
		}
		res = snic_vfio_step(v, next);
		if (IS_ERR(res))
			break;
		v->mig_state = next;
		/* Only the last arc may open the file the caller gets. */
		if (WARN_ON(res && new != next)) {
			fput(res);
			res = ERR_PTR(-EINVAL);
			break;
		}
	}
	snic_vfio_state_unlock(v);
	return res;
}

static int snic_vfio_get_state(struct vfio_device *vdev,
			       enum vfio_device_mig_state *state)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);

	mutex_lock(&v->state_mutex);
	*state = v->mig_state;
	snic_vfio_state_unlock(v);
	return 0;
}

/* The blob's size, in any state: QEMU sizes its buffer by it. */
static int snic_vfio_get_data_size(struct vfio_device *vdev,
				   unsigned long *stop_copy_length)
{
	*stop_copy_length = SNIC_VFIO_DATA_LEN;
	return 0;
}

const struct vfio_migration_ops snic_vfio_mig_ops = {
	.migration_set_state = snic_vfio_set_state,
	.migration_get_state = snic_vfio_get_state,
	.migration_get_data_size = snic_vfio_get_data_size,
};
