// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "seq.h"

/**
 * knits_seq_to_offset() - unwrap a sequence number into a stream offset
 * @isn: initial sequence number of the direction
 * @seq: sequence number to unwrap
 * @near: an offset known to be within 2^31 bytes of the answer, usually
 *	  the highest offset seen so far in this direction
 *
 * Return: the stream offset whose sequence number is @seq and that is
 * closest to @near. The result can be below zero only for the SYN (-1) or
 * for garbage far before the stream's start; callers treat any offset
 * below -1 as out of window.
 */
s64 knits_seq_to_offset(u32 isn, u32 seq, s64 near)
{
	return near + knits_seq_diff(seq, knits_seq_from_offset(isn, near));
}
