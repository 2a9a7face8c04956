/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: device-level hardware access of the netdev half: global
 * reset, MAC address, PHY through MDIC, link state, MAC statistics.
 */
#ifndef _SRIOVNIC_PF_HW_H
#define _SRIOVNIC_PF_HW_H

#include <linux/types.h>

struct snic_pf;

/**
 * struct snic_pf_link - what STATUS says about the link
 * @up: STATUS.LU
 * @speed: SPEED_10/100/1000, SPEED_UNKNOWN when down
 * @duplex: DUPLEX_FULL/HALF, DUPLEX_UNKNOWN when down
 */
struct snic_pf_link {
	bool up;
	int speed;
	u8 duplex;
};

/**
 * struct snic_pf_hw_stats - port-wide MAC counters, accumulated from the
 *	clear-on-read registers (they include the VFs' wire traffic)
 * @crcerrs: CRC errors (CRCERRS)
 * @algnerrc: alignment errors (ALGNERRC)
 * @rxerrc: receive errors (RXERRC)
 * @mpc: frames missed for lack of FIFO space (MPC)
 * @colc: collisions (COLC)
 * @rlec: length errors (RLEC)
 * @xonrxc: XON received (XONRXC)
 * @xontxc: XON sent (XONTXC)
 * @xoffrxc: XOFF received (XOFFRXC)
 * @xofftxc: XOFF sent (XOFFTXC)
 * @gprc: good packets received (GPRC)
 * @bprc: broadcast packets received (BPRC)
 * @mprc: multicast packets received (MPRC)
 * @gptc: good packets sent (GPTC)
 * @gorc: good octets received (GORCL/H)
 * @gotc: good octets sent (GOTCL/H)
 * @rnbc: frames with no receive descriptor (RNBC)
 * @ruc: undersized frames (RUC)
 * @rfc: fragments (RFC)
 * @roc: oversized frames (ROC)
 * @rjc: jabbers (RJC)
 * @tor: total octets received (TORL/H)
 * @tot: total octets sent (TOTL/H)
 * @tpr: total packets received (TPR)
 * @tpt: total packets sent (TPT)
 * @mptc: multicast packets sent (MPTC)
 * @bptc: broadcast packets sent (BPTC)
 * @tsctc: TSO contexts (TSCTC)
 */
struct snic_pf_hw_stats {
	u64 crcerrs;
	u64 algnerrc;
	u64 rxerrc;
	u64 mpc;
	u64 colc;
	u64 rlec;
	u64 xonrxc;
	u64 xontxc;
	u64 xoffrxc;
	u64 xofftxc;
	u64 gprc;
	u64 bprc;
	u64 mprc;
	u64 gptc;
	u64 gorc;
	u64 gotc;
	u64 rnbc;
	u64 ruc;
	u64 rfc;
	u64 roc;
	u64 rjc;
	u64 tor;
	u64 tot;
	u64 tpr;
	u64 tpt;
	u64 mptc;
	u64 bptc;
	u64 tsctc;
};

int snic_pf_hw_reset(struct snic_pf *pf);
bool snic_pf_hw_read_mac(struct snic_pf *pf, u8 *mac);
int snic_pf_phy_read(struct snic_pf *pf, u32 reg, u16 *val);
int snic_pf_phy_write(struct snic_pf *pf, u32 reg, u16 val);
int snic_pf_link_restart(struct snic_pf *pf);
void snic_pf_link_get(struct snic_pf *pf, struct snic_pf_link *link);
void snic_pf_hw_configure(struct snic_pf *pf);
void snic_pf_hw_rx_enable(struct snic_pf *pf, bool on);
void snic_pf_hw_tx_enable(struct snic_pf *pf, bool on);
void snic_pf_hw_release(struct snic_pf *pf);
void snic_pf_hw_stats_update(struct snic_pf *pf);

#endif /* _SRIOVNIC_PF_HW_H */
