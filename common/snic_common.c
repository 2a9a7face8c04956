// SPDX-License-Identifier: GPL-2.0
/*
 * sriovnic_common: the layer the PF and VF drivers share. Its symbols are
 * exported in the SRIOVNIC namespace; see include/sriovnic/.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("sriovnic shared mailbox layer for 82576 PF and VF drivers");
MODULE_LICENSE("GPL");
