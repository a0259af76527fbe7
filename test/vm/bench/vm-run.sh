#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of scripts/vm-run, run on the host: the command's exit status
# comes out, a real kernel WARN in the guest fails the run and shows its
# trace, a timeout fails the run and says so, --icount boots one CPU with
# timers that keep time, and a program outside the
# repository (here: in a temporary directory) can be the command, with the
# caller's directory and environment.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
vmrun=$repo/scripts/vm-run
log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

set +e
"$vmrun" --no-module -- sh -c 'exit 3'
rc=$?
set -e
[ "$rc" = 3 ] || fail "exit 3 in the guest gave $rc"
echo "ok: guest exit status 3 comes out as 3"

set +e
"$vmrun" --no-module -- insmod "$repo/test/vm/warn-module/knits_test_warn.ko" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 125 ] || fail "a guest WARN gave exit $rc, expected 125"
grep -q "WARNING: CPU" "$log" || fail "the WARN trace was not printed"
grep -q "deliberate warning" "$log" || fail "the WARN message was not printed"
echo "ok: a guest WARN fails the run (125) and prints the trace"

set +e
"$vmrun" --no-module --timeout 20 -- sleep 300 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 124 ] || fail "a command past its timeout gave exit $rc, expected 124"
grep -q "timed out" "$log" || fail "the timeout was not reported"
echo "ok: a timeout fails the run (124) and says so"

# --icount: one CPU only (a second one hangs the boot, so it is refused
# before booting); the guest boots on the instructions' clock, and its
# timers still keep time (sleep=on: an idle guest's clock follows the host's)
rc=0
"$vmrun" --no-module --icount --smp 2 -- true 2>"$log" || rc=$?
[ "$rc" = 2 ] && grep -q -- "--icount runs one CPU" "$log" ||
	fail "--icount --smp 2 gave $rc, not 2 and a message: $(cat "$log")"
out=$("$vmrun" --no-module --icount -- sh -c \
	'nproc; a=$(cut -d" " -f1 /proc/uptime); sleep 2; b=$(cut -d" " -f1 /proc/uptime)
	 awk -v a="$a" -v b="$b" "BEGIN { printf \"%.0f\\n\", (b - a) * 1000 }"') ||
	fail "vm-run --icount failed ($?)"
cpus=$(sed -n 1p <<<"$out") slept_ms=$(sed -n 2p <<<"$out")
[ "$cpus" = 1 ] || fail "--icount: the guest has $cpus CPUs, not 1"
[ "$slept_ms" -ge 2000 ] && [ "$slept_ms" -lt 2500 ] ||
	fail "--icount: the guest's sleep 2 took $slept_ms ms of its own clock"
echo "ok: --icount boots one CPU, refuses two, and sleep 2 takes $slept_ms ms of the guest's clock"

outside=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$outside"' EXIT
cat >"$outside/probe" <<'PROBE'
#!/bin/sh
[ "$(id -u)" = 0 ] || exit 10
[ "$KNITS_PROBE" = "passed through" ] || exit 11
[ "$(pwd)" = "$1" ] || exit 12
[ -d /sys/module/knits ] || exit 13
exit 0
PROBE
chmod +x "$outside/probe"
(cd "$outside" && KNITS_PROBE="passed through" "$vmrun" -- "$outside/probe" "$outside") ||
	fail "a program outside the tree did not see root, the caller's env and cwd, and the module (exit $?)"
echo "ok: a program outside the tree runs as root with the caller's env and cwd, module loaded"
echo "PASS: vm-run"
