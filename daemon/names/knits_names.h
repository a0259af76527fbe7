// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_NAMES_KNITS_NAMES_H
#define KNITS_DAEMON_NAMES_KNITS_NAMES_H

#include <cstdint>
#include <string>
#include <vector>

namespace knits::names {

// Name of counter @id (enum knits_counter), e.g. "hook_packets_ipv4"; an id
// this build does not know (from a newer module) is "counter_<id>".
[[nodiscard]] std::string counter_name(unsigned id);

// Name of per-service and per-member statistic @id (enum knits_stat), e.g.
// "packets_in"; an unknown id is "stat_<id>".
[[nodiscard]] std::string stat_name(unsigned id);

// Names of the hooks set in @mask (enum knits_hook_flag), lowest bit first,
// e.g. "ipv4_pre_routing"; an unknown bit n is "hook_bit_<n>".
[[nodiscard]] std::vector<std::string> hook_names(std::uint32_t mask);

// The schedulers KNITS_SVC_A_SCHED accepts, as uapi/knits.h lists them.
[[nodiscard]] std::vector<std::string> scheduler_names();

// "TCP" for IPPROTO_TCP, as ipvsadm prints it; "proto_<n>" otherwise.
[[nodiscard]] std::string protocol_name(unsigned protocol);

// Who made a service (enum knits_owner): "none" (an administrator),
// "knitsd"; another control plane's value as its number.
[[nodiscard]] std::string owner_name(std::uint32_t owner);

// Name of splice status @status (enum knits_splice_status), e.g. "ok",
// "no_c1"; an unknown value is "status_<n>". The refusal counters are named
// after it: KNITS_CTR_SPLICES_REFUSED + status is "splices_refused_<name>".
[[nodiscard]] std::string splice_status_name(unsigned status);

// What @status means, in one line for people, e.g. "c2's MSS exceeds the
// client's"; an unknown value says that it is unknown.
[[nodiscard]] std::string splice_status_explanation(unsigned status);

}  // namespace knits::names

#endif  // KNITS_DAEMON_NAMES_KNITS_NAMES_H
