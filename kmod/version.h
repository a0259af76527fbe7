/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (C) 2026 The knits authors. */

#ifndef _KNITS_VERSION_H
#define _KNITS_VERSION_H

#define KNITS_VERSION "0.1.0"

#endif /* _KNITS_VERSION_H */
