// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// genl_probe: sends one hand-made request to the knits generic netlink
// family and prints the kernel's verdict as `errno=N extack=MESSAGE`.
// The VM tests use it to prove that the family rejects what knitsctl never
// sends: unknown attributes, unknown commands, reserved header bits.
//
// usage: genl_probe [--reserved N] CMD [ATTR_TYPE...]
// Each ATTR_TYPE adds a u32 attribute of that type (value 0).
// Exit status: 0 when the kernel answered (whatever it said), 1 otherwise.

#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "genl/extack.h"
#include "knits.h"

namespace {

struct Verdict {
  bool done = false;
  int errnum = 0;
  std::string extack;
  nl_msg* current = nullptr;
};

int on_msg_in(nl_msg* msg, void* arg) {
  static_cast<Verdict*>(arg)->current = msg;
  return NL_OK;
}

int on_ack(nl_msg* /*msg*/, void* arg) {
  static_cast<Verdict*>(arg)->done = true;
  return NL_STOP;
}

int on_error(sockaddr_nl* /*peer*/, nlmsgerr* err, void* arg) {
  auto* v = static_cast<Verdict*>(arg);
  v->done = true;
  v->errnum = -err->error;
  if (v->current != nullptr) {
    v->extack = knits::genl::extack_message(nlmsg_hdr(v->current));
  }
  return NL_STOP;
}

int parse_int(std::string_view text, std::int64_t max) {
  const std::string s(text);
  char* end = nullptr;
  const std::int64_t value = std::strtoll(s.c_str(), &end, 0);
  if (end == s.c_str() || *end != '\0' || value < 0 || value > max) {
    std::fprintf(stderr, "genl_probe: not a number in 0..%lld: %s\n", static_cast<long long>(max),
                 s.c_str());
    std::exit(1);
  }
  return static_cast<int>(value);
}

int probe(int reserved, int cmd, std::span<char*> attrs) {
  const std::unique_ptr<nl_sock, decltype(&nl_socket_free)> sock(nl_socket_alloc(), nl_socket_free);
  if (!sock || genl_connect(sock.get()) < 0) {
    std::fprintf(stderr, "genl_probe: cannot open a generic netlink socket\n");
    return 1;
  }
  const int family = genl_ctrl_resolve(sock.get(), KNITS_GENL_NAME);
  if (family < 0) {
    std::fprintf(stderr, "genl_probe: family %s not found\n", KNITS_GENL_NAME);
    return 1;
  }
  const int one = 1;
  (void)setsockopt(nl_socket_get_fd(sock.get()), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));

  const std::unique_ptr<nl_msg, decltype(&nlmsg_free)> msg(nlmsg_alloc(), nlmsg_free);
  if (!msg || genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_ACK,
                          static_cast<std::uint8_t>(cmd), KNITS_GENL_VERSION) == nullptr) {
    std::fprintf(stderr, "genl_probe: out of memory\n");
    return 1;
  }
  // genlmsg_put() returns the family's user header; the genl header with the
  // reserved field is the netlink payload itself.
  auto* hdr = static_cast<genlmsghdr*>(nlmsg_data(nlmsg_hdr(msg.get())));
  hdr->reserved = static_cast<std::uint16_t>(reserved);
  for (char* attr : attrs) {
    if (nla_put_u32(msg.get(), parse_int(attr, 0xffff), 0) < 0) {
      std::fprintf(stderr, "genl_probe: cannot add attribute %s\n", attr);
      return 1;
    }
  }

  Verdict verdict;
  const std::unique_ptr<nl_cb, decltype(&nl_cb_put)> cb(nl_cb_alloc(NL_CB_DEFAULT), nl_cb_put);
  nl_cb_set(cb.get(), NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, &verdict);
  nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, on_ack, &verdict);
  nl_cb_err(cb.get(), NL_CB_CUSTOM, on_error, &verdict);
  if (nl_send_auto(sock.get(), msg.get()) < 0) {
    std::fprintf(stderr, "genl_probe: send failed\n");
    return 1;
  }
  while (!verdict.done) {
    if (nl_recvmsgs(sock.get(), cb.get()) < 0 && !verdict.done) {
      std::fprintf(stderr, "genl_probe: receive failed\n");
      return 1;
    }
  }
  std::printf("errno=%d extack=%s\n", verdict.errnum, verdict.extack.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 1) {
    return 1;
  }
  std::span<char*> args(argv + 1, static_cast<std::size_t>(argc - 1));
  int reserved = 0;
  if (args.size() >= 2 && std::string_view(args[0]) == "--reserved") {
    reserved = parse_int(args[1], 0xffff);
    args = args.subspan(2);
  }
  if (args.empty()) {
    std::fprintf(stderr, "usage: genl_probe [--reserved N] CMD [ATTR_TYPE...]\n");
    return 1;
  }
  return probe(reserved, parse_int(args[0], 0xff), args.subspan(1));
}
