// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_REQUESTS_H
#define KNITS_DAEMON_GENL_REQUESTS_H

#include "genl/config.h"
#include "genl/endpoint.h"
#include "genl/service.h"
#include "genl/splice.h"

struct nl_msg;

namespace knits::genl {

// The attributes of requests, appended after the generic netlink header.
// Split from Client so that tests can check them without a kernel.

// KNITS_A_SERVICE with the key of @vip and whichever @settings are set.
void put_service(nl_msg* msg, const Endpoint& vip, const ServiceSettings& settings = {});

// KNITS_A_MEMBER with the key of @member and whichever @settings are set.
void put_member(nl_msg* msg, const Endpoint& member, const MemberSettings& settings = {});

// KNITS_A_CLIENT, with a port only if @client has one.
void put_client(nl_msg* msg, const AddressAndPort& client);

// KNITS_A_CONFIG with whichever values @change sets.
void put_config(nl_msg* msg, const ConfigChange& change);

// KNITS_A_SPLICE with the four endpoint nests, T and S.
void put_splice(nl_msg* msg, const SpliceRequest& request);

// KNITS_A_SPLICE for KNITS_CMD_PREPARE: c1 only.
void put_prepare(nl_msg* msg, const SpliceConnection& c1);

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_REQUESTS_H
