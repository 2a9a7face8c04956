/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only place where differences between the kernels sriovnic builds
 * against (6.1 and 6.12 today) are absorbed. Prefer feature tests over
 * version numbers; code outside this file never tests a kernel version.
 */
#ifndef _SRIOVNIC_COMPAT_H
#define _SRIOVNIC_COMPAT_H

#include <linux/netdevice.h>
#include <linux/version.h>
#include <net/devlink.h>

/*
 * net/netdev_queues.h (TX queue stop/wake helpers) arrived in 6.3. A
 * version test, not __has_include: sparse 0.6.4 (C=1) does not know it.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#include <net/netdev_queues.h>
#endif

#ifndef netif_txq_maybe_stop
/*
 * Minimal equivalents of the 6.3+ helpers: stop the queue when fewer than
 * @stop_thrs descriptors are free, then re-check after a barrier so a
 * concurrent completion that freed space is not missed.
 */
#define netif_txq_maybe_stop(txq, get_desc, stop_thrs, start_thrs)	\
	({								\
		int _res = 1;						\
		if (unlikely((get_desc) < (stop_thrs))) {		\
			netif_tx_stop_queue(txq);			\
			/* stop before re-reading the free count */	\
			smp_mb__after_atomic();				\
			if (likely((get_desc) < (start_thrs)))		\
				_res = 0;				\
			else {						\
				netif_tx_start_queue(txq);		\
				_res = -1;				\
			}						\
		}							\
		_res;							\
	})

#define netif_txq_completed_wake(txq, pkts, bytes, get_desc, start_thrs) \
	({								\
		int _res = 1;						\
		netdev_tx_completed_queue(txq, pkts, bytes);		\
		if (unlikely((pkts) && (get_desc) >= (start_thrs))) {	\
			/* pairs with the barrier after stopping */	\
			smp_mb();					\
			_res = -1;					\
			if (netif_tx_queue_stopped(txq) &&		\
			    (get_desc) >= (start_thrs)) {		\
				netif_tx_wake_queue(txq);		\
				_res = 0;				\
			}						\
		}							\
		_res;							\
	})
#endif

/*
 * Page pool (RX buffers of the ring datapath): the header was split into
 * net/page_pool/{types,helpers}.h in 6.6, and PP_FLAG_PAGE_FRAG, needed
 * before 6.7 to allocate fragments of a page, was dropped afterwards.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#include <net/page_pool/helpers.h>
#else
#include <net/page_pool.h>
#endif
#ifdef PP_FLAG_PAGE_FRAG
#define SNIC_PP_FLAG_FRAG	PP_FLAG_PAGE_FRAG
#else
#define SNIC_PP_FLAG_FRAG	0
#endif

/*
 * netdev netlink: queues name their NAPI and NAPI its interrupt (6.8),
 * page pools their netdev and NAPI (6.8; NAPI for direct recycling since
 * 6.5), and per-queue statistics come from netdev_stat_ops (6.10). Before
 * that, the links are no-ops and the statistics ops are not compiled
 * (SNIC_HAVE_QSTATS unset): "ip -s link" and ethtool -S still count.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define SNIC_HAVE_PP_NETDEV	1
#endif

static inline void snic_queue_set_napi(struct net_device *dev,
				       unsigned int idx, bool rx,
				       struct napi_struct *napi)
{
#ifdef SNIC_HAVE_PP_NETDEV
	netif_queue_set_napi(dev, idx, rx ? NETDEV_QUEUE_TYPE_RX :
				       NETDEV_QUEUE_TYPE_TX, napi);
#endif
}

static inline void snic_napi_set_irq(struct napi_struct *napi, int irq)
{
#ifdef SNIC_HAVE_PP_NETDEV
	netif_napi_set_irq(napi, irq);
#endif
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define SNIC_HAVE_QSTATS	1
#endif

/*
 * devlink: 6.2 moved the driver name of "devlink dev info" into the core
 * and gave net_device its devlink port (SET_NETDEV_DEVLINK_PORT, which
 * also sets the port's type). Before, the driver names itself, sets the
 * port's type once the netdev is registered and clears it before
 * unregistering, and answers ndo_get_devlink_port.
 */
#ifdef SET_NETDEV_DEVLINK_PORT
#define SNIC_HAVE_NETDEV_DEVLINK_PORT	1
#endif

static inline int snic_devlink_info_driver_name_put(struct devlink_info_req *req,
						    const char *name)
{
#ifdef SNIC_HAVE_NETDEV_DEVLINK_PORT
	return 0;
#else
	return devlink_info_driver_name_put(req, name);
#endif
}

static inline void snic_netdev_devlink_port_set(struct net_device *dev,
						struct devlink_port *port)
{
#ifdef SNIC_HAVE_NETDEV_DEVLINK_PORT
	SET_NETDEV_DEVLINK_PORT(dev, port);
#endif
}

static inline void snic_devlink_port_type_eth_set(struct devlink_port *port,
						  struct net_device *dev)
{
#ifndef SNIC_HAVE_NETDEV_DEVLINK_PORT
	devlink_port_type_eth_set(port, dev);
#endif
}

static inline void snic_devlink_port_type_clear(struct devlink_port *port)
{
#ifndef SNIC_HAVE_NETDEV_DEVLINK_PORT
	devlink_port_type_clear(port);
#endif
}

/*
 * pci_error_handlers.cor_error_detected (a correctable error reported to
 * the driver): in 6.12, not in 6.1. Its arrival version is not pinned
 * down here; below 6.12 the callback is simply not offered.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#define SNIC_HAVE_COR_ERROR	1
#endif

/*
 * Symbol namespaces became string literals in 6.13; both forms below work
 * with the bare token on 6.1 and 6.12.
 */
#define SNIC_NS			SRIOVNIC
#define SNIC_EXPORT(sym)	EXPORT_SYMBOL_NS_GPL(sym, SNIC_NS)
#define SNIC_IMPORT_NS()	MODULE_IMPORT_NS(SNIC_NS)

#endif /* _SRIOVNIC_COMPAT_H */
