# SPDX-License-Identifier: GPL-2.0 OR MIT
# Copyright (C) 2026 The knits authors.
#
# ctest's knits_core_bench.smoke: every benchmark for a few milliseconds,
# in two rounds, so that the ratios are paired round by round as in
# make bench (each benchmark still checks its work first and exits
# non-zero when that fails), then the JSON must hold every number and
# ratio, each above zero.
#
# cmake -DBENCH=<knits_core_bench> -DJSON=<file> -P smoke.cmake

file(REMOVE "${JSON}")
execute_process(
  COMMAND "${BENCH}" --benchmark_min_time=0.01 --knits_rounds=2 --benchmark_color=false
    "--knits_json=${JSON}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "knits_core_bench failed: ${rc}")
endif()
if(NOT EXISTS "${JSON}")
  message(FATAL_ERROR "knits_core_bench wrote no ${JSON}")
endif()
file(READ "${JSON}" json)

foreach(path
    "baseline_ns" "nat_ns" "nat_ratio" "splice_ts_sack_ns" "splice_ts_sack_ratio"
    "install_ns" "install_ratio" "lookup_ns 1000" "lookup_ns 100000" "lookup_ns 1000000"
    "lookup_ratio_1m_1k" "targets translation_ratio_max" "targets lookup_ratio_max")
  string(REPLACE " " ";" keys "${path}")
  string(JSON value ERROR_VARIABLE err GET "${json}" micro ${keys})
  if(err)
    message(FATAL_ERROR "${JSON}: no micro.${path}: ${err}")
  endif()
  string(JSON type TYPE "${json}" micro ${keys})
  if(NOT type STREQUAL "NUMBER" OR NOT value GREATER 0)
    message(FATAL_ERROR "${JSON}: micro.${path} is '${value}', not a number above 0")
  endif()
endforeach()
message(STATUS "${JSON}: every number and ratio is there")
