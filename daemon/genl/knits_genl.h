// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#ifndef KNITS_DAEMON_GENL_KNITS_GENL_H
#define KNITS_DAEMON_GENL_KNITS_GENL_H

#include <linux/netlink.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "genl/config.h"
#include "genl/conn.h"
#include "genl/endpoint.h"
#include "genl/error.h"
#include "genl/service.h"
#include "genl/splice.h"
#include "genl/status.h"

struct nl_sock;
struct nl_msg;

namespace knits::genl {

// A connection to the "knits" generic netlink family. Requests act on the
// network namespace the object was created in. Every method throws Error,
// with the kernel's errno and extended ack message when it refused. Writes
// need CAP_NET_ADMIN and throw Error(EPERM) without it.
class Client {
 public:
  // Connects and resolves the family. Throws Error(ENOENT) with a message
  // saying so when the knits module is not loaded.
  Client();

  [[nodiscard]] Status get_status();
  void reset_counters();

  void new_service(const Endpoint& vip, const ServiceSettings& settings);
  void set_service(const Endpoint& vip, const ServiceSettings& changes);
  void del_service(const Endpoint& vip);
  [[nodiscard]] std::vector<Service> get_services();

  void new_member(const Endpoint& vip, const Endpoint& member, const MemberSettings& settings);
  void set_member(const Endpoint& vip, const Endpoint& member, const MemberSettings& changes);
  void del_member(const Endpoint& vip, const Endpoint& member);
  [[nodiscard]] std::vector<Member> get_members(const Endpoint& vip);

  // The member a new connection from @client to @vip would get now, or
  // nullopt when no member can take it (the module's ENODATA). The client's
  // port may be left out: the hashing schedulers use the address only.
  [[nodiscard]] std::optional<Endpoint> lookup(const Endpoint& vip, const AddressAndPort& client);

  [[nodiscard]] std::vector<Conn> get_conns();

  [[nodiscard]] Config get_config();
  void set_config(const ConfigChange& change);

  // Asks the module to hand c1 over to c2. A refusal is an answer, not an
  // error: it comes back as the reply's status, with nothing changed. A
  // request the module cannot read throws Error(EINVAL) with its message.
  [[nodiscard]] SpliceReply splice(const SpliceRequest& request);
  // KNITS_CMD_PREPARE: the status a splice of @c1 would get now for c1's
  // own reasons (enum knits_splice_status).
  [[nodiscard]] std::uint32_t prepare(const SpliceConnection& c1);

 private:
  struct SocketDeleter {
    void operator()(nl_sock* sock) const noexcept;
  };
  struct MessageDeleter {
    void operator()(nl_msg* msg) const noexcept;
  };
  using Request = std::unique_ptr<nl_msg, MessageDeleter>;
  using ReplyHandler = std::function<void(nlmsghdr*)>;

  // A doit gets its replies and an ack; a dump gets one reply per object
  // and NLMSG_DONE.
  enum class Kind { kDo, kDump };

  // A request for @cmd with its generic netlink header, ready for
  // attributes. @what names the request in error messages.
  [[nodiscard]] Request new_request(std::uint8_t cmd, Kind kind, std::string_view what) const;

  // Sends @request and reads until the kernel's ack, error or NLMSG_DONE,
  // passing each reply message to @on_reply. Follows the family to its new
  // id when the module has been loaded again since.
  void transact(nl_msg* request, std::string_view what, const ReplyHandler& on_reply);

  // transact() for requests whose replies carry nothing we need.
  void transact(nl_msg* request, std::string_view what);

  std::unique_ptr<nl_sock, SocketDeleter> sock_;
  int family_ = 0;
};

}  // namespace knits::genl

#endif  // KNITS_DAEMON_GENL_KNITS_GENL_H
