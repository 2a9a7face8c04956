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

/* net/netdev_queues.h (TX queue stop/wake helpers) arrived in 6.3. */
#if __has_include(<net/netdev_queues.h>)
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
 * Symbol namespaces became string literals in 6.13; both forms below work
 * with the bare token on 6.1 and 6.12.
 */
#define SNIC_NS			SRIOVNIC
#define SNIC_EXPORT(sym)	EXPORT_SYMBOL_NS_GPL(sym, SNIC_NS)
#define SNIC_IMPORT_NS()	MODULE_IMPORT_NS(SNIC_NS)

#endif /* _SRIOVNIC_COMPAT_H */
