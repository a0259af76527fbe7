// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "xlate.h"

/**
 * knits_xlate_init() - a history whose whole stream goes to one leg
 * @x: the history
 * @leg: the leg that carries the stream from offset 0, unchanged
 */
void knits_xlate_init(struct knits_xlate *x, u32 leg)
{
	x->count = 1;
	x->entry[0].from = 0;
	x->entry[0].delta = 0;
	x->entry[0].leg = leg;
}

/**
 * knits_xlate_push() - switch the stream to another leg from an offset on
 * @x: the history
 * @from: first stream offset of the new leg; not before the last switch
 *	  (equal to it when the previous leg handed off before the stream
 *	  moved: the previous leg then carries nothing of it, and the pieces
 *	  and lookups skip it)
 * @delta: leg offset minus stream offset on the new leg
 * @leg: the new leg
 *
 * Return: true when recorded; false, with @x unchanged, when the history is
 * not initialised or full, @from goes backwards, or @from would land
 * before the start of the new leg's stream (a negative leg offset).
 */
bool knits_xlate_push(struct knits_xlate *x, s64 from, s64 delta, u32 leg)
{
	struct knits_xlate_entry *e;

	if (!x->count || x->count >= KNITS_XLATE_MAX)
		return false;
	/*
	 * @from >= the last switch point >= 0, so -@from cannot overflow, and
	 * "delta < -from" says "from + delta < 0" without computing a sum
	 * that could (both come from node-reported byte counts).
	 */
	if (from < x->entry[x->count - 1].from || delta < -from)
		return false;
	e = &x->entry[x->count++];
	e->from = from;
	e->delta = delta;
	e->leg = leg;
	return true;
}

/**
 * knits_xlate_lookup() - the entry in force for a stream offset
 * @x: the history
 * @off: a stream offset
 *
 * The scan starts at the newest entry: new data, the common case, finds it
 * at the first test.
 *
 * Return: the entry, or NULL when @off lies before everything the history
 * still holds (retired: acknowledged by everyone, so a packet carrying it
 * is a stale duplicate).
 */
const struct knits_xlate_entry *knits_xlate_lookup(const struct knits_xlate *x,
						   s64 off)
{
	int i;

	for (i = x->count - 1; i >= 0; i--)
		if (off >= x->entry[i].from)
			return &x->entry[i];
	return NULL;
}

/**
 * knits_xlate_pieces() - split a stretch of stream offsets by leg
 * @x: the history
 * @lo: first stream offset of the stretch
 * @hi: end (exclusive) of the stretch; nothing is written when @hi <= @lo
 * @out: the pieces, in stream order, each in its leg's offsets
 * @max: room in @out
 *
 * This is how an acknowledgment or a SACK block that covers bytes of
 * several legs is divided among them. The part of the stretch before the
 * oldest entry (retired) is left out.
 *
 * Return: the number of pieces written; never more than @max, and the
 * pieces beyond @max are dropped, so callers pass KNITS_XLATE_MAX.
 */
unsigned int knits_xlate_pieces(const struct knits_xlate *x, s64 lo, s64 hi,
				struct knits_xlate_piece *out,
				unsigned int max)
{
	unsigned int i, n = 0;

	for (i = 0; i < x->count && n < max; i++) {
		const struct knits_xlate_entry *e = &x->entry[i];
		s64 end = i + 1 < x->count ? x->entry[i + 1].from : KNITS_S64_MAX;
		s64 a = lo > e->from ? lo : e->from;
		s64 b = hi < end ? hi : end;

		if (a >= b)
			continue;
		out[n].lo = a + e->delta;
		out[n].hi = b + e->delta;
		out[n].leg = e->leg;
		n++;
	}
	return n;
}

/**
 * knits_xlate_retire_oldest() - forget the oldest entry
 * @x: the history
 *
 * The caller knows the oldest entry's leg is over: no peer will send or
 * acknowledge its bytes again. Its stretch then lies before everything
 * the history holds (knits_xlate_lookup() finds nothing there). Entries go
 * one by one, with their legs, not by offset: a leg that handed off
 * before the stream moved has an empty stretch, yet it is live until it
 * closes, and its entry is how its offsets are found.
 *
 * Return: true when an entry went; false, with @x unchanged, when only
 * the one in force is left.
 */
bool knits_xlate_retire_oldest(struct knits_xlate *x)
{
	unsigned int i;

	if (x->count < 2)
		return false;
	for (i = 1; i < x->count; i++)
		x->entry[i - 1] = x->entry[i];
	x->count--;
	return true;
}
