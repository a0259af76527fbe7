// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include <array>

#include "knitsctl/command.h"

namespace knits::ctl {

std::span<const CommandEntry> commands() {
  static constexpr std::array kCommands{
      CommandEntry{"status", "Show the module's version, hooks and counters", make_status_command},
      CommandEntry{"zero", "Reset all counters to zero (needs CAP_NET_ADMIN)", make_zero_command},
      CommandEntry{"list", "List services and their members, as ipvsadm -L -n does",
                   make_list_command},
      CommandEntry{"service", "Add, change or delete a service (needs CAP_NET_ADMIN)",
                   make_service_command},
      CommandEntry{"member", "Add, change or delete a member of a service (needs CAP_NET_ADMIN)",
                   make_member_command},
      CommandEntry{"lookup", "Show which member new connections from clients would get",
                   make_lookup_command},
      CommandEntry{"conns", "List connections, as ipvsadm -L -c -n does", make_conns_command},
      CommandEntry{"config", "Show or change the connection limit and timeouts",
                   make_config_command},
      CommandEntry{"splice",
                   "Hand a client's connection from this node to another (needs CAP_NET_ADMIN)",
                   make_splice_command},
      CommandEntry{"prepare",
                   "Ask whether a splice of a client's connection would be refused for c1's "
                   "reasons (needs CAP_NET_ADMIN)",
                   make_prepare_command},
      CommandEntry{"daemon", "Ask knitsd: status, reload, validate FILE (its control socket)",
                   make_daemon_command},
  };
  return kCommands;
}

}  // namespace knits::ctl
