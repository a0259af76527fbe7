#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of scripts/bench-report on the fixtures beside this script:
#  full.json               8 variants, sizes 1K..32M, every section measured
#  smoke.json              a smoke run's subset: 3 of 4 variants with data,
#                          3 sizes, throughput and wrk and control only
#  full-rerun-5pct.json    full.json with every ratio moved by at most 5%
#  full-rerun-20pct.json   the same, with 4 ratios moved by 20%
#  malformed.json          cut off halfway (not JSON)
#  missing-field.json      series[2] without its "value"
#  paired.json             forward's throughput drifting 7x over its
#                          repetitions, knits' 0.9 of it but in one
#                          repetition 0.45, haproxy with 3 samples only
# Checks the tables print, the SVGs are written, are XML and are the same
# bytes when rerun, --markdown writes the tables, --previous prints the
# spread and the right verdict, ratios pair the samples of a repetition,
# bad input exits 2 in one line with no traceback, and an output
# directory that cannot be written exits 1. Needs no root, no VM. Prints `bench-report: N passed, M failed`.
#
# Usage: test/host/bench-report/selftest.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
report=$here/../../../scripts/bench-report
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

ok() {
	passed=$((passed + 1))
	echo "ok: $1"
}

not_ok() {
	failed=$((failed + 1))
	echo "FAIL: $1" >&2
}

# run NAME ARGS...: run the report; its stdout, stderr and exit status are
# left in $work/NAME.out, $work/NAME.err and $rc.
run() {
	local name=$1
	shift
	rc=0
	"$report" "$@" >"$work/$name.out" 2>"$work/$name.err" || rc=$?
}

expect_rc() {
	local what=$1 want=$2
	if [ "$rc" = "$want" ]; then
		ok "$what: exit status $rc"
	else
		not_ok "$what: exit status $rc, expected $want"
		sed 's/^/    /' "$work/$what.err" >&2
	fi
}

# expect_line NAME TEXT: TEXT (fixed) is in NAME's stdout.
expect_line() {
	local name=$1 text=$2
	if grep -qF -- "$text" "$work/$name.out"; then
		ok "$name prints '$text'"
	else
		not_ok "$name does not print '$text'"
	fi
}

expect_no_line() {
	local name=$1 text=$2
	if grep -qF -- "$text" "$work/$name.out"; then
		not_ok "$name prints '$text'"
	else
		ok "$name does not print '$text'"
	fi
}

# expect_svgs DIR: the four figures are there and parse as XML.
expect_svgs() {
	local dir=$1 f
	for f in fig6-throughput.svg fig7-latency.svg fig8-cps.svg wrk.svg; do
		if [ -s "$dir/$f" ] &&
			"$PYTHON" -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' \
				"$dir/$f" 2>/dev/null; then
			ok "${dir#"$work"/}/$f is XML"
		else
			not_ok "${dir#"$work"/}/$f missing or not XML"
		fi
	done
}

# expect_bad NAME FILE... : exits 2 with one line on stderr, no traceback.
expect_bad() {
	local name=$1
	shift
	run "$name" "$@"
	expect_rc "$name" 2
	if [ "$(wc -l <"$work/$name.err")" = 1 ] && ! grep -q Traceback "$work/$name.err"; then
		ok "$name: one line: $(cat "$work/$name.err")"
	else
		not_ok "$name: stderr is not one line without a traceback"
		sed 's/^/    /' "$work/$name.err" >&2
	fi
}

# The full run: every table, the Markdown, the figures.
run full "$here/full.json" --out "$work/svg1" --markdown "$work/full.md"
expect_rc full 0
for text in "absolute numbers are from an emulated CPU (QEMU TCG): read the ratios" \
	"7 repetitions per point, 5 kept" \
	"knits / forward throughput at 32M" "missed by 0.3%" "missed by 12.5%" \
	"bytes per tracked connection at 1,000,000" \
	"Throughput over persistent connections, ratio to forward" \
	"Throughput over persistent connections, Mbit/s (emulated)" \
	"Latency over persistent connections, ratio to forward (lower is better)" \
	"New connections per second, connections/s (emulated)" \
	"32M" "wrk, 16K responses" "knitsd_exchange" "1,000,000" "splice / echo" \
	"lookup, 100,000 entries"; do
	expect_line full "$text"
done
expect_no_line full "not measured"
if grep -qF "| size | direct | nft-nat |" "$work/full.md" && grep -qF "## Headline" "$work/full.md"; then
	ok "--markdown writes the tables"
else
	not_ok "--markdown does not write the tables"
fi
expect_svgs "$work/svg1"

# The same input, again: the same bytes.
run full-again "$here/full.json" --out "$work/svg2"
expect_rc full-again 0
if diff -r "$work/svg1" "$work/svg2" >/dev/null; then
	ok "rerun writes byte-identical SVGs"
else
	not_ok "rerun writes different SVGs"
fi
if cmp -s "$work/full.out" "$work/full-again.out"; then
	ok "rerun prints the same tables"
else
	not_ok "rerun prints different tables"
fi

# A smoke run's subset: what is there, and "not measured" for the rest.
run smoke "$here/smoke.json" --out "$work/svg-smoke"
expect_rc smoke 0
for text in "knits / forward throughput at 1M" "knits / nft-nat throughput" \
	"Latency over persistent connections: not measured" \
	"New connections per second: not measured" "hand-off cost: not measured" \
	"memory: not measured" "micro-benchmarks: not measured" "wrk, 16K responses"; do
	expect_line smoke "$text"
done
# knits-handoff-2 is listed but has no series: it has no column.
expect_line smoke "size  forward  knits  knits-handoff-1  max spread"
expect_svgs "$work/svg-smoke"

# Run-to-run spread: within 5% agrees, 20% on 4 ratios differs; both exit 0.
run prev5 "$here/full-rerun-5pct.json" --previous "$here/full.json"
expect_rc prev5 0
expect_line prev5 "Run-to-run spread |new/old - 1|, throughput ratio to forward"
expect_line prev5 "Run-to-run spread |new/old - 1|, micro"
expect_line prev5 "max spread: 5.0%"
expect_line prev5 "bench: runs agree within 10%"
expect_no_line prev5 "differ"
run prev20 "$here/full-rerun-20pct.json" --previous "$here/full.json"
expect_rc prev20 0
expect_line prev20 "max spread: 20.0%"
expect_line prev20 "bench: runs differ by more than 10% on 4 ratios"
expect_no_line prev20 "agree"
# Every ratio of the ratio tables, wrk, control and micro is compared:
# 3 metrics x 9 sizes x 7 variants + 7 wrk + 1 control + 4 micro = 201 cells.
cells=$(sed -n '/^== Run-to-run/,$p' "$work/prev5.out" | grep -v '^max spread' | grep -oE '[0-9]+\.[0-9]%' | wc -l)
if [ "$cells" = 201 ]; then
	ok "--previous compares 201 ratios"
else
	not_ok "--previous compares $cells ratios, expected 201"
fi

# Each sample over forward's of the same repetition, the highest and
# lowest of those dropped: knits 0.90 (the ratio of the kept means would
# be 0.81, the one slow repetition's). haproxy, with other repetitions,
# falls back to the ratio of the values: 0.75.
run paired "$here/paired.json"
expect_rc paired 0
if grep -E '^ *1M +0\.90 +0\.75 ' "$work/paired.out" >/dev/null ||
	grep -E '^ *1M +0\.75 +0\.90 ' "$work/paired.out" >/dev/null; then
	ok "paired: ratios pair each repetition's samples"
else
	not_ok "paired: ratios are not paired by repetition"
	grep -E '^ *1M ' "$work/paired.out" | sed 's/^/    /' >&2
fi
expect_line paired "knits / forward throughput at 1M       0.900"

# An output directory that cannot be made: exit 1, one line.
: >"$work/a-file"
run unwritable "$here/smoke.json" --out "$work/a-file/figures"
expect_rc unwritable 1
if [ "$(wc -l <"$work/unwritable.err")" = 1 ] && ! grep -q Traceback "$work/unwritable.err"; then
	ok "unwritable: one line on stderr"
else
	not_ok "unwritable: stderr is not one line without a traceback"
	sed 's/^/    /' "$work/unwritable.err" >&2
fi

# Bad input: exit 2, one line, no traceback.
expect_bad malformed "$here/malformed.json"
expect_bad missing-field "$here/missing-field.json"
if grep -qF 'series[2].value: missing' "$work/missing-field.err"; then
	ok "missing-field names the field"
else
	not_ok "missing-field does not name series[2].value"
fi
expect_bad no-file "$work/no-such.json"
expect_bad bad-previous "$here/full.json" --previous "$here/malformed.json"

echo "bench-report: $passed passed, $failed failed"
[ "$failed" = 0 ]
