/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Copyright (C) 2026 The knits authors.
 *
 * The freestanding core is compiled into knits.ko and into a userspace
 * library (for GoogleTest now; fuzzing and benchmarks later). This header is its only
 * contact with either environment: it gives the core the kernel's fixed-width
 * type names and the limits it needs, so no core file includes a kernel
 * header.
 */

#ifndef _KNITS_CORE_COMPAT_H
#define _KNITS_CORE_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#endif

#define KNITS_S64_MAX ((s64)(~0ULL >> 1))
#define KNITS_U32_MAX ((u32)~0U)

#endif /* _KNITS_CORE_COMPAT_H */
