// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Copyright (C) 2026 The knits authors.
 */

#include "tcp_opts.h"

/**
 * knits_tcp_opts_parse() - read a segment's TCP options
 * @opts: the options area, right after the 20 bytes of the fixed header
 * @len: its length, doff * 4 - 20 (0..40)
 * @out: what was found; cleared first
 *
 * Options are read in order. EOL ends the list (what follows it is
 * padding, whatever its bytes); NOP is skipped; an option of a kind other
 * than MSS, window scale, SACK-permitted, timestamps and SACK is skipped by
 * its length. A window shift above 14 is taken as 14, as RFC 7323 2.3 and
 * the kernel do.
 *
 * The options are malformed when:
 *  - @len is above 40;
 *  - an option other than EOL and NOP has no length byte, a length below 2,
 *    or a length that runs past @len;
 *  - MSS, window scale, SACK-permitted or timestamps has another length
 *    than 4, 3, 2 or 10, or a SACK option's length is not 2 + 8n, n 1..4;
 *  - one of those five options appears twice.
 *
 * The kernel's tcp_parse_options() skips options of a wrong length and
 * lets the last of two copies win. knits refuses both: a middlebox that
 * rewrote one copy of a timestamp or SACK option would leave the other in
 * the wrong leg's sequence space for any receiver that reads that one, and
 * a length the kernel would skip leaves the option's meaning to each
 * receiver. No TCP stack sends either.
 *
 * Return: 0, or -1 when the options are malformed; @out is then
 * meaningless.
 */
int knits_tcp_opts_parse(const u8 *opts, u32 len, struct knits_tcp_opts *out)
{
	u32 i = 0;

	*out = (struct knits_tcp_opts){ 0 };
	if (len > KNITS_TCP_OPTS_MAX)
		return -1;

	while (i < len) {
		const u8 *opt = opts + i;
		u32 olen, n;

		if (opt[0] == KNITS_TCPOPT_EOL)
			break;
		if (opt[0] == KNITS_TCPOPT_NOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return -1;
		olen = opt[1];
		if (olen < 2 || olen > len - i)
			return -1;

		switch (opt[0]) {
		case KNITS_TCPOPT_MSS:
			if (olen != KNITS_TCPOLEN_MSS || out->has_mss)
				return -1;
			out->has_mss = true;
			out->mss = knits_get_be16(opt + 2);
			break;
		case KNITS_TCPOPT_WSCALE:
			if (olen != KNITS_TCPOLEN_WSCALE || out->has_wscale)
				return -1;
			out->has_wscale = true;
			out->wscale = opt[2] < KNITS_TCP_WSCALE_MAX ?
				      opt[2] : KNITS_TCP_WSCALE_MAX;
			break;
		case KNITS_TCPOPT_SACK_PERM:
			if (olen != KNITS_TCPOLEN_SACK_PERM || out->sack_ok)
				return -1;
			out->sack_ok = true;
			break;
		case KNITS_TCPOPT_TS:
			if (olen != KNITS_TCPOLEN_TS || out->has_ts)
				return -1;
			out->has_ts = true;
			out->tsval = knits_get_be32(opt + 2);
			out->tsecr = knits_get_be32(opt + 6);
			out->ts_off = (u8)(i + 2);
			break;
		case KNITS_TCPOPT_SACK:
			if ((olen - KNITS_TCPOLEN_SACK_BASE) %
			    KNITS_TCPOLEN_SACK_BLOCK)
				return -1;
			n = (olen - KNITS_TCPOLEN_SACK_BASE) /
			    KNITS_TCPOLEN_SACK_BLOCK;
			if (n < 1 || n > KNITS_TCP_SACK_MAX || out->nsack)
				return -1;
			out->nsack = (u8)n;
			out->sack_off = (u8)(i + 2);
			for (n = 0; n < out->nsack; n++) {
				const u8 *blk = opt + 2 +
						n * KNITS_TCPOLEN_SACK_BLOCK;

				out->sack_start[n] = knits_get_be32(blk);
				out->sack_end[n] = knits_get_be32(blk + 4);
			}
			break;
		default:
			break;
		}
		i += olen;
	}
	return 0;
}

/**
 * knits_tcp_opts_put_ts() - rewrite the timestamp option in place
 * @opts: the options area @o was parsed from
 * @o: its parse
 * @tsval: the new TSval
 * @tsecr: the new TSecr (pass @o->tsecr to keep it)
 *
 * Does nothing when the segment has no timestamps. The TCP checksum is the
 * caller's (see tcp_opts.h).
 */
void knits_tcp_opts_put_ts(u8 *opts, const struct knits_tcp_opts *o,
			   u32 tsval, u32 tsecr)
{
	if (!o->has_ts)
		return;
	knits_put_be32(opts + o->ts_off, tsval);
	knits_put_be32(opts + o->ts_off + 4, tsecr);
}

/**
 * knits_tcp_opts_put_sack() - rewrite one SACK block in place
 * @opts: the options area @o was parsed from
 * @o: its parse
 * @i: the block, 0 .. @o->nsack - 1
 * @start: its new left edge
 * @end: its new right edge
 *
 * Does nothing when the segment has no block @i. The TCP checksum is the
 * caller's (see tcp_opts.h).
 */
void knits_tcp_opts_put_sack(u8 *opts, const struct knits_tcp_opts *o, u8 i,
			     u32 start, u32 end)
{
	u8 *blk;

	if (i >= o->nsack)
		return;
	blk = opts + o->sack_off + i * KNITS_TCPOLEN_SACK_BLOCK;
	knits_put_be32(blk, start);
	knits_put_be32(blk + 4, end);
}

/**
 * knits_tcp_opts_nop_sack() - blank out the SACK option
 * @opts: the options area @o was parsed from
 * @o: its parse
 *
 * Overwrites the whole SACK option, kind and length included, with NOPs,
 * for a peer that did not negotiate SACK: the segment keeps its length and
 * the other options their places. Does nothing when the segment has no
 * SACK option. The TCP checksum is the caller's (see tcp_opts.h).
 */
void knits_tcp_opts_nop_sack(u8 *opts, const struct knits_tcp_opts *o)
{
	u32 i, end;

	if (!o->nsack)
		return;
	end = o->sack_off + (u32)o->nsack * KNITS_TCPOLEN_SACK_BLOCK;
	for (i = o->sack_off - KNITS_TCPOLEN_SACK_BASE; i < end; i++)
		opts[i] = KNITS_TCPOPT_NOP;
}
