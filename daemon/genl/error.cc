// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "genl/error.h"

#include <netlink/errno.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace knits::genl {

Error::Error(int errnum, const std::string& message)
    : std::runtime_error(message), errnum_(errnum) {}

int nl_error_to_errno(int nl_error) noexcept {
  switch (nl_error < 0 ? -nl_error : nl_error) {
    case NLE_SUCCESS:
      return 0;
    case NLE_INTR:
      return EINTR;
    case NLE_BAD_SOCK:
      return EBADF;
    case NLE_AGAIN:
      return EAGAIN;
    case NLE_NOMEM:
      return ENOMEM;
    case NLE_EXIST:
      return EEXIST;
    case NLE_INVAL:
      return EINVAL;
    case NLE_RANGE:
      return ERANGE;
    case NLE_MSGSIZE:
      return EMSGSIZE;
    case NLE_OPNOTSUPP:
      return EOPNOTSUPP;
    case NLE_AF_NOSUPPORT:
      return EAFNOSUPPORT;
    case NLE_OBJ_NOTFOUND:
      return ENOENT;
    case NLE_NOATTR:
    case NLE_MSG_TOOSHORT:
    case NLE_MSG_TRUNC:
    case NLE_PARSE_ERR:
    case NLE_MSGTYPE_NOSUPPORT:
      return EBADMSG;
    case NLE_SEQ_MISMATCH:
    case NLE_MSG_OVERFLOW:
      return EPROTO;
    case NLE_PERM:
      return EPERM;
    case NLE_NOACCESS:
      return EACCES;
    case NLE_PROTO_MISMATCH:
      return EPROTONOSUPPORT;
    case NLE_NODEV:
      return ENODEV;
    case NLE_BUSY:
      return EBUSY;
    default:
      return EIO;
  }
}

void throw_nl_error(int nl_error, std::string_view what) {
  throw Error(nl_error_to_errno(nl_error), std::string(what) + ": " + nl_geterror(nl_error));
}

void throw_kernel_error(int errnum, std::string_view what, std::string_view extack) {
  std::string message = std::string(what) + ": " + std::generic_category().message(errnum);
  if (!extack.empty()) {
    message += ": ";
    message += extack;
  }
  throw Error(errnum, message);
}

}  // namespace knits::genl
