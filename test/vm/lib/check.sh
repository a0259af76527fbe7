# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Assertions and paths for knits VM tests. A failed assertion says what it
# expected and what it saw, and stops the test (set -e style).

KNITS_REPO=${KNITS_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}
KNITS_BUILD=${KNITS_BUILD:-$KNITS_REPO/build}
KNITSCTL=${KNITSCTL:-$KNITS_BUILD/daemon/knitsctl}
GENL_PROBE=${GENL_PROBE:-$KNITS_BUILD/test/vm/tools/genl_probe}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

expect_eq() {
	local what=$1 want=$2 got=$3
	[ "$want" = "$got" ] || fail "$what: expected '$want', got '$got'"
	echo "ok: $what = '$got'" >&2
}

expect_gt() {
	local what=$1 bound=$2 got=$3
	[ "$got" -gt "$bound" ] || fail "$what: expected > $bound, got $got"
	echo "ok: $what = $got (> $bound)" >&2
}

# json_get FILTER: read JSON on stdin, print what the jq FILTER selects.
# (jq, not python: python3 on PATH may be a pyenv shim that takes 20 s to
# start under TCG.)
json_get() {
	jq -r "$1"
}

# knits_counter NS NAME: a counter of the knits module in namespace NS.
knits_counter() {
	ip netns exec "$1" "$KNITSCTL" status --json | json_get ".counters.$2"
}
