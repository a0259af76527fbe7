/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (C) 2026 The knits authors. */

#ifndef _KNITS_NETLINK_H
#define _KNITS_NETLINK_H

int knits_genl_init(void);
void knits_genl_uninit(void);

#endif /* _KNITS_NETLINK_H */
