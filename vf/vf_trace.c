// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_vf: the trace events of vf_trace.h are defined here. The
 * reset reasons printed there are BIT(enum snic_vf_reset_reason).
 */
#include "vf.h"

static_assert(SNIC_VF_RR_INIT == 0 && SNIC_VF_RR_USER == 4);

#define CREATE_TRACE_POINTS
#include "vf_trace.h"
