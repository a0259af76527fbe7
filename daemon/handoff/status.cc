// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "handoff/status.h"

#include <cstdint>
#include <string>

#include "knits.h"
#include "knits_handoff.h"
#include "names/knits_names.h"

namespace knits::handoff {

std::string status_name(std::uint32_t status) {
  switch (status) {
    case KNITS_HANDOFF_OK:
      return "ok";
    case KNITS_HANDOFF_NOT_OWNER:
      return "not_owner";
    case KNITS_HANDOFF_BAD_REQUEST:
      return "bad_request";
    case KNITS_HANDOFF_KERNEL_ERROR:
      return "kernel_error";
    default:
      break;
  }
  if (status <= KNITS_SPLICE_STATUS_MAX) {
    return names::splice_status_name(status);
  }
  return "status_" + std::to_string(status);
}

}  // namespace knits::handoff
