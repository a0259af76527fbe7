// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/requests.h"

#include <cerrno>
#include <string>

#include "genl/endpoint_attrs.h"
#include "genl/error.h"
#include "genl/request_attrs.h"
#include "knits.h"

namespace knits::genl {

void put_service(nl_msg* msg, const Endpoint& vip, const ServiceSettings& settings) {
  const NestScope nest(msg, KNITS_A_SERVICE);
  put_endpoint(msg, kKeyAttrs, vip);
  if (settings.sched) {
    put_nul_string(msg, KNITS_SVC_A_SCHED, *settings.sched);
  }
  if (settings.mh_table_size) {
    put_u32(msg, KNITS_SVC_A_MH_TABLE_SIZE, *settings.mh_table_size);
  }
  if (settings.owner) {
    put_u32(msg, KNITS_SVC_A_OWNER, *settings.owner);
  }
}

void put_member(nl_msg* msg, const Endpoint& member, const MemberSettings& settings) {
  const NestScope nest(msg, KNITS_A_MEMBER);
  put_endpoint(msg, kKeyAttrs, member);
  if (settings.weight) {
    put_u32(msg, KNITS_MEMBER_A_WEIGHT, *settings.weight);
  }
  if (settings.state) {
    put_u8(msg, KNITS_MEMBER_A_STATE, *settings.state);
  }
}

void put_client(nl_msg* msg, const AddressAndPort& client) {
  const NestScope nest(msg, KNITS_A_CLIENT);
  put_endpoint(msg, kKeyAttrs, client.endpoint, client.has_port);
}

void put_config(nl_msg* msg, const ConfigChange& change) {
  const NestScope nest(msg, KNITS_A_CONFIG);
  if (change.max_conns) {
    put_u32(msg, KNITS_CFG_A_MAX_CONNS, *change.max_conns);
  }
  for (const auto& [state, seconds] : change.timeouts) {
    const std::optional<int> type = timeout_attr_type(state);
    if (!type) {
      throw Error(EINVAL, "TCP state " + std::to_string(state) + " has no timeout");
    }
    put_u32(msg, *type, seconds);
  }
  if (change.hash_key) {
    put_binary(msg, KNITS_CFG_A_HASH_KEY, *change.hash_key);
  }
}

namespace {

// A connection's two endpoint nests, starting at @local_attr (its _PEER
// attribute follows).
void put_splice_connection(nl_msg* msg, int local_attr, const SpliceConnection& connection) {
  const auto put_nested_endpoint = [msg](int type, const Endpoint& endpoint) {
    const NestScope inner(msg, type);
    put_endpoint(msg, kKeyAttrs, endpoint);
  };
  put_nested_endpoint(local_attr, connection.local);
  put_nested_endpoint(local_attr + 1, connection.peer);
}

}  // namespace

void put_splice(nl_msg* msg, const SpliceRequest& request) {
  const NestScope nest(msg, KNITS_A_SPLICE);
  put_splice_connection(msg, KNITS_SPLICE_A_C1_LOCAL, request.c1);
  put_splice_connection(msg, KNITS_SPLICE_A_C2_LOCAL, request.c2);
  put_u64(msg, KNITS_SPLICE_A_T, request.t);
  put_u64(msg, KNITS_SPLICE_A_S, request.s);
}

void put_prepare(nl_msg* msg, const SpliceConnection& c1) {
  const NestScope nest(msg, KNITS_A_SPLICE);
  put_splice_connection(msg, KNITS_SPLICE_A_C1_LOCAL, c1);
}

}  // namespace knits::genl
