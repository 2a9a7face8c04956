// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vfio: vfio-pci for the 82576 VF, with live migration.
 *
 * Everything a guest does with the VF goes through vfio_pci_core, as with
 * vfio-pci; this driver adds the migration state machine (vfio_mig.c),
 * whose device state the VF's PF keeps: so it binds only to VFs of a PF
 * that sriovnic_pf drives. Bind it like vfio-pci, by driver_override.
 */
#include <linux/module.h>
#include <linux/pci.h>

#include <sriovnic/compat.h>

#include "vfio.h"

#define SNIC_VFIO_DRV_NAME	"sriovnic_vfio"
#define SNIC_VF_DEVICE_ID	0x10ca

static int snic_vfio_init_dev(struct vfio_device *vdev)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);

	mutex_init(&v->state_mutex);
	spin_lock_init(&v->reset_lock);
	v->mig_state = VFIO_DEVICE_STATE_RUNNING;
	vdev->migration_flags = VFIO_MIGRATION_STOP_COPY;
	vdev->mig_ops = &snic_vfio_mig_ops;
	return vfio_pci_core_init_dev(vdev);
}

static void snic_vfio_release_dev(struct vfio_device *vdev)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);

	mutex_destroy(&v->state_mutex);
	vfio_pci_core_release_dev(vdev);
}

static int snic_vfio_open_device(struct vfio_device *vdev)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);
	int err;

	err = vfio_pci_core_enable(&v->core);
	if (err)
		return err;
	/* The VF's registers are read and written at migration (vfio_regs.c). */
	err = vfio_pci_core_setup_barmap(&v->core, 0);
	if (err) {
		vfio_pci_core_disable(&v->core);
		return err;
	}
	mutex_lock(&v->state_mutex);
	v->mig_state = VFIO_DEVICE_STATE_RUNNING;
	snic_vfio_state_unlock(v);
	vfio_pci_core_finish_enable(&v->core);
	return 0;
}

static void snic_vfio_close_device(struct vfio_device *vdev)
{
	struct snic_vfio *v = container_of(vdev, struct snic_vfio, core.vdev);

	snic_vfio_close(v);
	vfio_pci_core_close_device(vdev);
}

static const struct vfio_device_ops snic_vfio_ops = {
	.name		= SNIC_VFIO_DRV_NAME,
	.init		= snic_vfio_init_dev,
	.release	= snic_vfio_release_dev,
	.open_device	= snic_vfio_open_device,
	.close_device	= snic_vfio_close_device,
	.ioctl		= vfio_pci_core_ioctl,
	.device_feature	= vfio_pci_core_ioctl_feature,
	.read		= vfio_pci_core_read,
	.write		= vfio_pci_core_write,
	.mmap		= vfio_pci_core_mmap,
	.request	= vfio_pci_core_request,
	.match		= vfio_pci_core_match,
	.bind_iommufd	= vfio_iommufd_physical_bind,
	.unbind_iommufd	= vfio_iommufd_physical_unbind,
	.attach_ioas	= vfio_iommufd_physical_attach_ioas,
	.detach_ioas	= vfio_iommufd_physical_detach_ioas,
};

static int snic_vfio_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct snic_vfio *v;
	int err;

	err = snic_pf_mig_check(pdev);
	if (err) {
		dev_err(&pdev->dev,
			"its PF is not driven by sriovnic_pf, which keeps a VF's migration state; use vfio-pci\n");
		return err;
	}
	v = vfio_alloc_device(snic_vfio, core.vdev, &pdev->dev, &snic_vfio_ops);
	if (IS_ERR(v))
		return PTR_ERR(v);
	dev_set_drvdata(&pdev->dev, &v->core);
	err = vfio_pci_core_register_device(&v->core);
	if (err)
		goto err_put;
	return 0;

err_put:
	vfio_put_device(&v->core.vdev);
	return err;
}

static void snic_vfio_remove(struct pci_dev *pdev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(&pdev->dev);

	vfio_pci_core_unregister_device(core);
	vfio_put_device(&core->vdev);
}

static const struct pci_error_handlers snic_vfio_err_handlers = {
	.reset_done	= snic_vfio_reset_done,
	.error_detected	= vfio_pci_core_aer_err_detected,
};

static const struct pci_device_id snic_vfio_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_VENDOR_ID_INTEL, SNIC_VF_DEVICE_ID) },
	{}
};
MODULE_DEVICE_TABLE(pci, snic_vfio_ids);

static struct pci_driver snic_vfio_driver = {
	.name			= SNIC_VFIO_DRV_NAME,
	.id_table		= snic_vfio_ids,
	.probe			= snic_vfio_probe,
	.remove			= snic_vfio_remove,
	.err_handler		= &snic_vfio_err_handlers,
	.driver_managed_dma	= true,
};
module_pci_driver(snic_vfio_driver);

MODULE_DESCRIPTION("sriovnic: vfio-pci for the 82576 VF, with live migration");
MODULE_LICENSE("GPL");
SNIC_IMPORT_NS();
