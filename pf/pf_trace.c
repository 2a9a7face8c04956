// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_pf: the trace events of pf_trace.h are defined here. The
 * symbolic names there are literal values of the enums below; these
 * assertions keep them in step.
 */
#include "pf.h"

static_assert(SNIC_VF_ADDR_IN_USE == 13);
static_assert(SNIC_VF_BAD_MSG == 4);
static_assert(SNIC_VF_REPLY_NONE == 3);
static_assert(SNIC_BUDGET_TIME == 4 && SNIC_BUDGET_BUSY == 3);

#define CREATE_TRACE_POINTS
#include "pf_trace.h"
