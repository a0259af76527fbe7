# SPDX-License-Identifier: GPL-2.0 OR MIT
# Copyright (C) 2026 The knits authors.
#
# ctest's knits_core_bench.rounds: --knits_rounds at its limits. 1000
# rounds run (of the cheapest benchmark, for a millisecond each); 0,
# 1001, an empty value and trailing junk are refused with exit status 2
# and a message that names the flag, before any benchmark runs.
#
# cmake -DBENCH=<knits_core_bench> -P rounds.cmake

foreach(bad "0" "1001" "" "2x" "-1")
  execute_process(
    COMMAND "${BENCH}" "--knits_rounds=${bad}" --benchmark_filter=baseline
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 2)
    message(FATAL_ERROR "--knits_rounds=${bad}: exit ${rc}, expected 2 (${err})")
  endif()
  if(NOT err MATCHES "--knits_rounds takes 1 to 1000")
    message(FATAL_ERROR "--knits_rounds=${bad}: no message naming the flag: '${err}'")
  endif()
  if(out MATCHES "baseline ")
    message(FATAL_ERROR "--knits_rounds=${bad}: a benchmark ran anyway")
  endif()
endforeach()

execute_process(
  COMMAND "${BENCH}" --knits_rounds=1000 --benchmark_filter=^lookup/1000$
    --benchmark_min_time=0.001 --benchmark_color=false
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--knits_rounds=1000: exit ${rc} (${err})")
endif()
if(NOT out MATCHES "round 1000 of 1000\n")
  message(FATAL_ERROR "--knits_rounds=1000: the 1000th round did not run")
endif()
# Google Benchmark's lines (the summary's has no unit)
string(REGEX MATCHALL "\nlookup/1000 +[0-9.]+ ns" runs "${out}")
list(LENGTH runs n)
if(NOT n EQUAL 1000)
  message(FATAL_ERROR "--knits_rounds=1000: lookup/1000 ran ${n} times, not 1000")
endif()
message(STATUS "--knits_rounds: 1000 rounds ran, 0, 1001, '', 2x and -1 were refused")
