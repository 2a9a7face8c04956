/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sriovnic_pf: what the PF sends a VF next, as a pure function.
 *
 * Only the mailbox work writes to a VF. The administrator's ndos, link
 * changes and resets record what a VF must be told (pending bits) and
 * queue the work; the work sends one message at a time, each once the VF
 * read the one before. snic_pf_tx_decide() picks that message from the
 * pending bits and what the VF has not read yet. It touches no register,
 * takes no lock and never waits, so it is tested in isolation (KUnit).
 */
#ifndef _SRIOVNIC_PF_VF_TX_H
#define _SRIOVNIC_PF_VF_TX_H

#include <linux/bits.h>
#include <linux/types.h>

/*
 * How long a message of the PF may stay unread before newer state
 * replaces it. The work looks again on every mailbox event and on the
 * watchdog (SNIC_PF_WATCHDOG_PERIOD), so a VF that stopped reading learns
 * the newest state within this plus one watchdog period.
 */
#define SNIC_PF_UNREAD_MAX_MS	1000

/**
 * enum snic_pf_tx_kind - what a message of the PF to a VF carries
 * @SNIC_PF_TX_NONE: no message (or the VF read it)
 * @SNIC_PF_TX_RESET: a request to reset (the bare NACK, no CTS); a VF
 *	that resets learns everything again through RESET
 * @SNIC_PF_TX_MAC: EXT_EVENT MAC, the administrator's address
 * @SNIC_PF_TX_LINK: the VF's link state (PF_CONTROL, or EXT_EVENT LINK)
 * @SNIC_PF_TX_REPLY: the answer to a request of the VF
 *
 * RESET, MAC and LINK are also bit numbers of the pending mask, in order
 * of priority (the lowest first).
 */
enum snic_pf_tx_kind {
	SNIC_PF_TX_NONE,
	SNIC_PF_TX_RESET,
	SNIC_PF_TX_MAC,
	SNIC_PF_TX_LINK,
	SNIC_PF_TX_REPLY,
};

#define SNIC_PF_TX_PENDING_ALL	(BIT(SNIC_PF_TX_RESET) | BIT(SNIC_PF_TX_MAC) | \
				 BIT(SNIC_PF_TX_LINK))

/**
 * struct snic_pf_tx_state - what the decision may know about a VF
 * @pending: BIT(enum snic_pf_tx_kind) of what the VF must still be told
 * @unread: kind of the PF's last message, SNIC_PF_TX_NONE once the VF
 *	read it (ACK) or wrote a request (which replaces it)
 * @stale: @unread has been unread for SNIC_PF_UNREAD_MAX_MS or longer
 * @hold_reset: a request to reset may not go yet (the PF sends at most one
 *	bare NACK per interval); one that is due waits, it is not dropped
 */
struct snic_pf_tx_state {
	u32 pending;
	u8 unread;
	bool stale;
	bool hold_reset;
};

/**
 * struct snic_pf_tx_decision - what to send now
 * @send: enum snic_pf_tx_kind; SNIC_PF_TX_NONE: nothing now
 * @overwrite: the message replaces one the VF has not read
 * @done: pending bits to clear: @send's own, and those a request to
 *	reset makes moot (the VF learns them again through RESET)
 */
struct snic_pf_tx_decision {
	u8 send;
	bool overwrite;
	u32 done;
};

void snic_pf_tx_decide(const struct snic_pf_tx_state *st,
		       struct snic_pf_tx_decision *d);

#endif /* _SRIOVNIC_PF_VF_TX_H */
