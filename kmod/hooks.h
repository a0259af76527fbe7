/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (C) 2026 The knits authors. */

#ifndef _KNITS_HOOKS_H
#define _KNITS_HOOKS_H

#include <net/net_namespace.h>

int knits_hooks_register(struct net *net);
void knits_hooks_unregister(struct net *net);

#endif /* _KNITS_HOOKS_H */
