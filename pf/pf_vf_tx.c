// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the choice of the PF's next message to a VF (see
 * pf_vf_tx.h). Pure: no register, no lock, no wait.
 *
 * Rules, in order:
 * 1. Nothing pending: nothing to send.
 * 2. The VF has not read a request to reset: everything pending is moot,
 *    it learns all of it again through RESET. Nothing is sent.
 * 3. The VF read the last message: send the most urgent pending one
 *    (reset, then address, then link).
 * 4. It has not, for less than SNIC_PF_UNREAD_MAX_MS: wait for its ACK
 *    (the ACK raises the mailbox interrupt, which runs the work again).
 * 5. It has not for longer: the newest state replaces the unread message
 *    when nothing is lost by that - the unread message was an answer the
 *    VF stopped waiting for, or carried the same kind of state as the new
 *    one. Otherwise two kinds of state would need one buffer, and the VF
 *    is asked to reset instead, which gives it both.
 * 6. A request to reset that rules 3 or 5 choose waits, with everything
 *    pending, while the NACK interval holds it: it goes later, never
 *    not at all. A VF that posted a request it gets no answer for keeps
 *    its own message as the last word 0 in the buffer, which igbvf reads
 *    as "no CTS, no NACK": link down, for ever, without a reset.
 */
#include <linux/bits.h>

#include "pf_vf_tx.h"

static u8 snic_pf_tx_first(u32 pending)
{
	if (pending & BIT(SNIC_PF_TX_RESET))
		return SNIC_PF_TX_RESET;
	if (pending & BIT(SNIC_PF_TX_MAC))
		return SNIC_PF_TX_MAC;
	return SNIC_PF_TX_LINK;
}

static void snic_pf_tx_set(const struct snic_pf_tx_state *st,
			   struct snic_pf_tx_decision *d, u8 kind,
			   bool overwrite)
{
	if (kind == SNIC_PF_TX_RESET && st->hold_reset)
		return;
	d->send = kind;
	d->overwrite = overwrite;
	d->done = BIT(kind);
	if (kind == SNIC_PF_TX_RESET)
		d->done = SNIC_PF_TX_PENDING_ALL;
}

/**
 * snic_pf_tx_decide() - what the PF sends a VF now
 * @st: pending bits and what the VF has not read
 * @d: the decision; always fully written
 */
void snic_pf_tx_decide(const struct snic_pf_tx_state *st,
		       struct snic_pf_tx_decision *d)
{
	u32 pending = st->pending & SNIC_PF_TX_PENDING_ALL;

	d->send = SNIC_PF_TX_NONE;
	d->overwrite = false;
	d->done = 0;
	if (!pending)
		return;
	if (st->unread == SNIC_PF_TX_RESET) {
		d->done = pending;
		return;
	}
	if (st->unread == SNIC_PF_TX_NONE) {
		snic_pf_tx_set(st, d, snic_pf_tx_first(pending), false);
		return;
	}
	if (!st->stale)
		return;
	if (st->unread == SNIC_PF_TX_REPLY || pending == BIT(st->unread))
		snic_pf_tx_set(st, d, snic_pf_tx_first(pending), true);
	else
		snic_pf_tx_set(st, d, SNIC_PF_TX_RESET, true);
}
