// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "maglev.h"
#include "sched.h"

/**
 * knits_maglev_size_ok() - whether @size can be a Maglev table size
 * @size: candidate
 *
 * The size must be prime so that every skip in [1, size - 1] walks all
 * slots, which is what makes population terminate and cover the table.
 */
bool knits_maglev_size_ok(u32 size)
{
	u32 d;

	if (size < KNITS_MAGLEV_SIZE_MIN || size > KNITS_MAGLEV_SIZE_MAX)
		return false;
	if (!(size & 1))
		return false;
	for (d = 3; d * d <= size; d += 2)
		if (!(size % d))
			return false;
	return true;
}

/*
 * Slots a member claims per round: its weight over the weights' gcd, scaled
 * down (as IPVS's mh does) until the heaviest member's turns stay within
 * half a table's fair share, so that the first members of a round cannot
 * claim the whole table before the last ones get a turn.
 */
static void knits_maglev_turns(const struct knits_maglev_member *members,
			       u32 n, u32 size,
			       struct knits_maglev_scratch *scratch)
{
	u32 g = 0, max_turns = 0, active = 0, bound, shift = 0, i;

	for (i = 0; i < n; i++) {
		if (!members[i].weight)
			continue;
		g = knits_gcd(members[i].weight, g);
		active++;
	}
	for (i = 0; i < n; i++) {
		scratch[i].turns = g ? members[i].weight / g : 0;
		if (scratch[i].turns > max_turns)
			max_turns = scratch[i].turns;
	}
	bound = active ? size / (2 * active) : 1;
	if (!bound)
		bound = 1;
	while ((max_turns >> shift) > bound)
		shift++;
	for (i = 0; i < n; i++) {
		u32 t = scratch[i].turns >> shift;

		/* a member with a weight always gets a turn */
		scratch[i].turns = t ? t : !!members[i].weight;
	}
}

/**
 * knits_maglev_populate() - fill a Maglev lookup table
 * @table: @size slots, overwritten with member indexes
 * @size: a prime accepted by knits_maglev_size_ok()
 * @members: the members; their index in this array is what slots hold
 * @n: number of members, at most KNITS_MAGLEV_MEMBERS_MAX
 * @scratch: @n entries of working space
 *
 * Members take turns, each claiming the next free slot of its own
 * permutation of the table (offset, then steps of skip), as many slots per
 * round as its turns, until every slot is owned. With no weighted member,
 * every slot is KNITS_MAGLEV_NONE.
 *
 * Return: false, with @table untouched, when @size or @n is out of range.
 */
bool knits_maglev_populate(u16 *table, u32 size,
			   const struct knits_maglev_member *members, u32 n,
			   struct knits_maglev_scratch *scratch)
{
	u32 filled = 0, i, t;

	if (!knits_maglev_size_ok(size) || n > KNITS_MAGLEV_MEMBERS_MAX)
		return false;
	for (i = 0; i < size; i++)
		table[i] = KNITS_MAGLEV_NONE;
	knits_maglev_turns(members, n, size, scratch);
	for (i = 0; i < n; i++) {
		scratch[i].pos = members[i].offset_hash % size;
		scratch[i].skip = members[i].skip_hash % (size - 1) + 1;
	}
	for (i = 0; i < n && !scratch[i].turns; i++)
		;
	if (i == n)
		return true;

	while (filled < size) {
		for (i = 0; i < n && filled < size; i++) {
			struct knits_maglev_scratch *s = &scratch[i];

			for (t = 0; t < s->turns && filled < size; t++) {
				while (table[s->pos] != KNITS_MAGLEV_NONE) {
					s->pos += s->skip;
					if (s->pos >= size)
						s->pos -= size;
				}
				table[s->pos] = i;
				filled++;
			}
		}
	}
	return true;
}
