// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/knits_genl.h"

#include <netlink/errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <string_view>

#include "genl/extack.h"
#include "genl/single_reply.h"
#include "genl/status_parse.h"
#include "knits.h"

namespace knits::genl {
namespace {

constexpr const char* kFamilyMissing =
    "knits module not loaded (generic netlink family '" KNITS_GENL_NAME "' not found)";

struct CallbackDeleter {
  void operator()(nl_cb* cb) const noexcept { nl_cb_put(cb); }
};
using CallbackPtr = std::unique_ptr<nl_cb, CallbackDeleter>;

// State of one request, shared with the libnl callbacks. Exceptions must not
// unwind through libnl's C frames, so a failing reply handler is parked here
// and rethrown once the kernel's ack or the dump's end has been read, which
// also keeps the socket in step for the next request.
struct Transaction {
  const std::function<void(nlmsghdr*)>* on_reply = nullptr;
  std::exception_ptr failure;
  // The message being processed: the error callback only gets its payload,
  // but the extack TLVs are bounded by its header.
  nl_msg* current = nullptr;
  unsigned replies = 0;
  bool done = false;
  int errnum = 0;
  std::string extack;
};

Transaction& transaction(void* arg) { return *static_cast<Transaction*>(arg); }

int on_message_in(nl_msg* msg, void* arg) {
  transaction(arg).current = msg;
  return NL_OK;
}

int on_valid(nl_msg* msg, void* arg) {
  Transaction& t = transaction(arg);
  t.replies++;
  if (!t.failure) {
    try {
      (*t.on_reply)(nlmsg_hdr(msg));
    } catch (...) {
      t.failure = std::current_exception();
    }
  }
  return NL_OK;
}

int on_ack(nl_msg* /*msg*/, void* arg) {
  transaction(arg).done = true;
  return NL_STOP;
}

void fail(Transaction& t, int error, nlmsghdr* hdr) {
  t.errnum = error < 0 ? -error : error;
  if (hdr != nullptr) {
    t.extack = extack_message(hdr);
  }
}

int on_error(sockaddr_nl* /*peer*/, nlmsgerr* err, void* arg) {
  Transaction& t = transaction(arg);
  t.done = true;
  fail(t, err->error, t.current != nullptr ? nlmsg_hdr(t.current) : nullptr);
  return NL_STOP;
}

// The end of a dump. libnl ignores its payload, but a dump that failed
// midway says so there: an errno, then extended ack attributes.
int on_dump_done(nl_msg* msg, void* arg) {
  Transaction& t = transaction(arg);
  t.done = true;
  nlmsghdr* hdr = nlmsg_hdr(msg);
  int error = 0;
  if (static_cast<std::size_t>(nlmsg_datalen(hdr)) >= sizeof(error)) {
    std::memcpy(&error, nlmsg_data(hdr), sizeof(error));
  }
  if (error != 0) {
    fail(t, error, hdr);
  }
  return NL_STOP;
}

// Kernels before 4.12 lack these options; their errors then simply come
// without a message, so failing to set them is not an error.
void enable_extended_ack(int fd) {
  const int one = 1;
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
  // Keeps acks small: the echoed request is of no use to us.
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

// The knits family's id. Throws Error(ENOENT) if the module is not loaded.
int resolve_family(nl_sock* sock) {
  const int family = genl_ctrl_resolve(sock, KNITS_GENL_NAME);
  if (family == -NLE_OBJ_NOTFOUND) {
    throw Error(ENOENT, kFamilyMissing);
  }
  if (family < 0) {
    throw_nl_error(family, "resolving generic netlink family '" KNITS_GENL_NAME "'");
  }
  return family;
}

// Sends @request and reads until the kernel's ack, error or NLMSG_DONE,
// passing each reply to @on_reply. Throws only when netlink itself fails;
// the kernel's error is in the result.
Transaction exchange(nl_sock* sock, nl_msg* request, std::string_view what,
                     const std::function<void(nlmsghdr*)>& on_reply) {
  // A private copy of the socket's callbacks, so that pointers to this
  // stack frame do not outlive the request.
  const CallbackPtr base(nl_socket_get_cb(sock));
  const CallbackPtr cb(nl_cb_clone(base.get()));
  if (!cb) {
    throw Error(ENOMEM, std::string(what) + ": out of memory");
  }
  Transaction t;
  t.on_reply = &on_reply;
  nl_cb_set(cb.get(), NL_CB_MSG_IN, NL_CB_CUSTOM, on_message_in, &t);
  nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
  nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
  nl_cb_set(cb.get(), NL_CB_FINISH, NL_CB_CUSTOM, on_dump_done, &t);
  nl_cb_err(cb.get(), NL_CB_CUSTOM, on_error, &t);

  if (const int rc = nl_send_auto(sock, request); rc < 0) {
    throw_nl_error(rc, what);
  }
  while (!t.done) {
    // Once an error, ack or done callback has run, libnl's return code only
    // restates what the callbacks recorded.
    if (const int rc = nl_recvmsgs(sock, cb.get()); rc < 0 && !t.done) {
      throw_nl_error(rc, what);
    }
  }
  t.current = nullptr;
  return t;
}

}  // namespace

void Client::SocketDeleter::operator()(nl_sock* sock) const noexcept { nl_socket_free(sock); }

Client::Client() : sock_(nl_socket_alloc()) {
  if (!sock_) {
    throw Error(ENOMEM, "allocating a netlink socket: out of memory");
  }
  if (const int rc = genl_connect(sock_.get()); rc < 0) {
    throw_nl_error(rc, "connecting to generic netlink");
  }
  family_ = resolve_family(sock_.get());
  enable_extended_ack(nl_socket_get_fd(sock_.get()));
}

void Client::MessageDeleter::operator()(nl_msg* msg) const noexcept { nlmsg_free(msg); }

Status Client::get_status() {
  constexpr std::string_view kWhat = "getting status";
  SingleReply<Status> reply(kWhat, parse_status);
  transact(new_request(KNITS_CMD_GET_STATUS, Kind::kDo, kWhat).get(), kWhat,
           [&reply](nlmsghdr* hdr) { reply.add(hdr); });
  return reply.take();
}

void Client::reset_counters() {
  constexpr std::string_view kWhat = "resetting counters";
  transact(new_request(KNITS_CMD_RESET_COUNTERS, Kind::kDo, kWhat).get(), kWhat);
}

Client::Request Client::new_request(std::uint8_t cmd, Kind kind, std::string_view what) const {
  Request msg(nlmsg_alloc());
  // Dumps end with NLMSG_DONE, never with an ack.
  const int flags = kind == Kind::kDump ? NLM_F_DUMP : NLM_F_ACK;
  if (!msg || genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, flags, cmd,
                          KNITS_GENL_VERSION) == nullptr) {
    throw Error(ENOMEM, std::string(what) + ": out of memory");
  }
  return msg;
}

void Client::transact(nl_msg* request, std::string_view what) {
  // The ABI promises an ack only; a reply added later carries nothing we need.
  transact(request, what, [](nlmsghdr* /*hdr*/) {});
}

void Client::transact(nl_msg* request, std::string_view what, const ReplyHandler& on_reply) {
  Transaction t = exchange(sock_.get(), request, what, on_reply);
  // A module unloaded and loaded again registers its family under a new
  // id, and generic netlink answers the old one with ENOENT before any
  // reply. A long-lived client (knitsd) then asks again under the new id;
  // the module has not seen the request. An ENOENT from the module itself
  // comes under an id that has not changed, and is its answer.
  if (t.errnum == ENOENT && t.replies == 0) {
    const int fresh = resolve_family(sock_.get());
    if (fresh != family_) {
      family_ = fresh;
      nlmsghdr* hdr = nlmsg_hdr(request);
      hdr->nlmsg_type = static_cast<std::uint16_t>(family_);
      hdr->nlmsg_seq = NL_AUTO_SEQ;
      t = exchange(sock_.get(), request, what, on_reply);
    }
  }
  if (t.errnum != 0) {
    throw_kernel_error(t.errnum, what, t.extack);
  }
  if (t.failure) {
    std::rethrow_exception(t.failure);
  }
}

}  // namespace knits::genl
