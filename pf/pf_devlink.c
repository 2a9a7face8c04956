// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: devlink. One instance per PF function answers
 * "devlink dev info" (serial number, EEPROM image version, mailbox
 * protocol versions) and carries one port of flavour physical, on which
 * the PF's netdev sits, so phys_port_name reads "p<function>".
 *
 * There is no eswitch mode: the 82576 switches between pools in hardware
 * and has no slow path a representor could use, so switchdev is never
 * offered.
 *
 * Life cycle, mirrored in remove: snic_pf_devlink_init() before the
 * netdev is registered (the port must exist when it is; the health
 * reporter of pf_health.c is created with it), then
 * snic_pf_devlink_register() once the PF is ready; remove calls
 * snic_pf_devlink_unregister() first and snic_pf_devlink_fini() after the
 * netdev is gone.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/error-injection.h>
#include <linux/pci.h>
#include <net/devlink.h>

#include <sriovnic/mbx_proto.h>

#include "pf.h"

/* EERD answers within microseconds; give it 2 ms before giving up. */
#define SNIC_EERD_TRIES		200
#define SNIC_EERD_WAIT_US	10

static struct snic_pf *snic_pf_from_devlink(struct devlink *dl)
{
	return *(struct snic_pf **)devlink_priv(dl);
}

/* One EEPROM word through EERD; process context. */
static int snic_pf_eeprom_read(struct snic_pf *pf, u16 word, u16 *val)
{
	unsigned int i;
	u32 v;

	pf_wr32(pf, SNIC_EERD, FIELD_PREP(SNIC_EERD_ADDR, word) |
			       SNIC_EERD_START);
	for (i = 0; i < SNIC_EERD_TRIES; i++) {
		v = pf_rd32(pf, SNIC_EERD);
		if (snic_pf_dead(pf))
			return -ENODEV;
		if (v & SNIC_EERD_DONE) {
			*val = FIELD_GET(SNIC_EERD_DATA, v);
			return 0;
		}
		usleep_range(SNIC_EERD_WAIT_US, 2 * SNIC_EERD_WAIT_US);
	}
	return -ETIMEDOUT;
}

/* The image version word, kept if the EEPROM has one (not blank). */
static void snic_pf_nvm_version_read(struct snic_pf *pf)
{
	u16 ver;
	int err;

	pf->nvm_ver_valid = false;
	err = snic_pf_eeprom_read(pf, SNIC_NVM_IMAGE_VER, &ver);
	if (err) {
		dev_info(&pf->pdev->dev, "EEPROM version unreadable: %d\n",
			 err);
		return;
	}
	if (ver == 0xffff || !ver)
		return;
	pf->nvm_ver = ver;
	pf->nvm_ver_valid = true;
}

static __printf(3, 4)
int snic_pf_dl_put(struct devlink_info_req *req, const char *name,
		   const char *fmt, ...)
{
	char buf[32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return devlink_info_version_running_put(req, name, buf);
}

static int snic_pf_dl_info_get(struct devlink *dl,
			       struct devlink_info_req *req,
			       struct netlink_ext_ack *extack)
{
	struct snic_pf *pf = snic_pf_from_devlink(dl);
	char serial[24];
	u64 dsn;
	int err;

	err = snic_devlink_info_driver_name_put(req, SNIC_PF_DRV_NAME);
	if (err)
		goto fail;

	dsn = pci_get_dsn(pf->pdev);
	if (dsn)
		snprintf(serial, sizeof(serial), "%016llx", dsn);
	else
		snprintf(serial, sizeof(serial), "%pM", pf->netdev->perm_addr);
	err = devlink_info_serial_number_put(req, serial);
	if (err)
		goto fail;

	if (pf->nvm_ver_valid) {
		err = snic_pf_dl_put(req, SNIC_DL_VER_NVM, "%lu.%lu-%lu",
				     FIELD_GET(SNIC_NVM_VER_MAJOR, pf->nvm_ver),
				     FIELD_GET(SNIC_NVM_VER_MINOR, pf->nvm_ver),
				     FIELD_GET(SNIC_NVM_VER_ID, pf->nvm_ver));
		if (err)
			goto fail;
	}

	err = devlink_info_version_running_put(req, SNIC_DL_VER_MBX,
					       SNIC_DL_MBX_PROTO);
	if (err)
		goto fail;
	err = snic_pf_dl_put(req, SNIC_DL_VER_EXT, "%u",
			     SNIC_EXT_VERSION_CUR);
	if (err)
		goto fail;
	err = snic_pf_dl_put(req, SNIC_DL_VER_EXT_CAPS, "0x%x",
			     (u32)SNIC_EXT_CAPS_V1);
	if (!err)
		return 0;
fail:
	NL_SET_ERR_MSG_MOD(extack, "device info does not fit the message");
	return err;
}

static const struct devlink_ops snic_pf_devlink_ops = {
	.info_get	= snic_pf_dl_info_get,
};

/**
 * snic_pf_devlink_init() - allocate the devlink instance and its port
 * @pf: the PF, its device set up, its netdev not yet registered
 *
 * Reads the EEPROM image version, registers the physical port and ties
 * the netdev to it. The instance stays invisible to user space until
 * snic_pf_devlink_register().
 *
 * Return: 0, or -ENOMEM or the port registration's errno (nothing left
 * allocated).
 */
noinline __noclone int snic_pf_devlink_init(struct snic_pf *pf)
{
	struct devlink_port_attrs attrs = {
		.flavour = DEVLINK_PORT_FLAVOUR_PHYSICAL,
		.phys.port_number = PCI_FUNC(pf->pdev->devfn),
	};
	struct devlink *dl;
	int err;

	dl = devlink_alloc(&snic_pf_devlink_ops, sizeof(pf), &pf->pdev->dev);
	if (!dl)
		return -ENOMEM;
	*(struct snic_pf **)devlink_priv(dl) = pf;
	pf->devlink = dl;

	snic_pf_nvm_version_read(pf);
	snic_pf_health_init(pf);

	devlink_port_attrs_set(&pf->dl_port, &attrs);
	err = devlink_port_register(dl, &pf->dl_port,
				    attrs.phys.port_number);
	if (err) {
		dev_err(&pf->pdev->dev, "cannot register devlink port: %d\n",
			err);
		goto free_devlink;
	}
	snic_netdev_devlink_port_set(pf->netdev, &pf->dl_port);
	return 0;

free_devlink:
	snic_pf_health_fini(pf);
	devlink_free(dl);
	pf->devlink = NULL;
	return err;
}
ALLOW_ERROR_INJECTION(snic_pf_devlink_init, ERRNO);

/**
 * snic_pf_devlink_fini() - mirror of snic_pf_devlink_init()
 * @pf: the PF, its netdev unregistered (or never registered)
 */
void snic_pf_devlink_fini(struct snic_pf *pf)
{
	snic_pf_health_fini(pf);
	devlink_port_unregister(&pf->dl_port);
	devlink_free(pf->devlink);
	pf->devlink = NULL;
}

/**
 * snic_pf_devlink_register() - show the instance to user space
 * @pf: the PF, its netdev registered; last step of probe
 */
void snic_pf_devlink_register(struct snic_pf *pf)
{
	snic_devlink_port_type_eth_set(&pf->dl_port, pf->netdev);
	devlink_register(pf->devlink);
	snic_pf_health_start(pf);
}

/**
 * snic_pf_devlink_unregister() - mirror of snic_pf_devlink_register()
 * @pf: the PF; first step of remove
 */
void snic_pf_devlink_unregister(struct snic_pf *pf)
{
	snic_pf_health_stop(pf);
	devlink_unregister(pf->devlink);
	snic_devlink_port_type_clear(&pf->dl_port);
}

#ifndef SNIC_HAVE_NETDEV_DEVLINK_PORT
/**
 * snic_pf_get_devlink_port() - ndo_get_devlink_port, before 6.2
 * @dev: the PF's netdev
 *
 * Return: the PF's physical port.
 */
struct devlink_port *snic_pf_get_devlink_port(struct net_device *dev)
{
	struct snic_pf *pf = netdev_priv(dev);

	return &pf->dl_port;
}
#endif
