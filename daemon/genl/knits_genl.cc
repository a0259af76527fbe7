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
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "genl/extack.h"
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

struct MessageDeleter {
  void operator()(nl_msg* msg) const noexcept { nlmsg_free(msg); }
};

// State of one request, shared with the libnl callbacks. Exceptions must not
// unwind through libnl's C frames, so a failing reply handler is parked here
// and rethrown once the kernel's ack has been read, which also keeps the
// socket in step for the next request.
struct Transaction {
  const std::function<void(nl_msg*)>* on_reply = nullptr;
  std::exception_ptr failure;
  // The message being processed: the error callback only gets its payload,
  // but the extack TLVs are bounded by its header.
  nl_msg* current = nullptr;
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
  if (!t.failure) {
    try {
      (*t.on_reply)(msg);
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

int on_error(sockaddr_nl* /*peer*/, nlmsgerr* err, void* arg) {
  Transaction& t = transaction(arg);
  t.done = true;
  t.errnum = err->error < 0 ? -err->error : err->error;
  if (t.current != nullptr) {
    t.extack = extack_message(nlmsg_hdr(t.current));
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

}  // namespace

void Client::SocketDeleter::operator()(nl_sock* sock) const noexcept { nl_socket_free(sock); }

Client::Client() : sock_(nl_socket_alloc()) {
  if (!sock_) {
    throw Error(ENOMEM, "allocating a netlink socket: out of memory");
  }
  if (const int rc = genl_connect(sock_.get()); rc < 0) {
    throw_nl_error(rc, "connecting to generic netlink");
  }
  family_ = genl_ctrl_resolve(sock_.get(), KNITS_GENL_NAME);
  if (family_ == -NLE_OBJ_NOTFOUND) {
    throw Error(ENOENT, kFamilyMissing);
  }
  if (family_ < 0) {
    throw_nl_error(family_, "resolving generic netlink family '" KNITS_GENL_NAME "'");
  }
  enable_extended_ack(nl_socket_get_fd(sock_.get()));
}

Status Client::get_status() {
  std::optional<Status> status;
  transact(KNITS_CMD_GET_STATUS, "getting status", [&status](nl_msg* msg) {
    if (status) {
      throw Error(EBADMSG, "getting status: the knits module sent more than one reply");
    }
    status = parse_status(nlmsg_hdr(msg));
  });
  if (!status) {
    throw Error(EBADMSG, "getting status: the knits module sent no reply");
  }
  return *std::move(status);
}

void Client::reset_counters() {
  // The ABI promises an ack only; a reply added later carries nothing we need.
  transact(KNITS_CMD_RESET_COUNTERS, "resetting counters", [](nl_msg* /*msg*/) {});
}

void Client::transact(std::uint8_t cmd, std::string_view what, const ReplyHandler& on_reply) {
  const std::unique_ptr<nl_msg, MessageDeleter> msg(nlmsg_alloc());
  if (!msg || genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, NLM_F_ACK, cmd,
                          KNITS_GENL_VERSION) == nullptr) {
    throw Error(ENOMEM, std::string(what) + ": out of memory");
  }

  // A private copy of the socket's callbacks, so that pointers to this
  // stack frame do not outlive the request.
  const CallbackPtr base(nl_socket_get_cb(sock_.get()));
  const CallbackPtr cb(nl_cb_clone(base.get()));
  if (!cb) {
    throw Error(ENOMEM, std::string(what) + ": out of memory");
  }
  Transaction t;
  t.on_reply = &on_reply;
  nl_cb_set(cb.get(), NL_CB_MSG_IN, NL_CB_CUSTOM, on_message_in, &t);
  nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
  nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
  nl_cb_err(cb.get(), NL_CB_CUSTOM, on_error, &t);

  if (const int rc = nl_send_auto(sock_.get(), msg.get()); rc < 0) {
    throw_nl_error(rc, what);
  }
  while (!t.done) {
    // Once an error or ack callback has run, libnl's return code only
    // restates what the callbacks recorded.
    if (const int rc = nl_recvmsgs(sock_.get(), cb.get()); rc < 0 && !t.done) {
      throw_nl_error(rc, what);
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
