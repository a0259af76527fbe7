// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.

#include "knitsd/control.h"

#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace knits::knitsd {
namespace {

std::string refusal(const std::string& why) {
  return nlohmann::json{{"ok", false}, {"error", why}}.dump();
}

std::string outcome(const std::optional<std::string>& error) {
  return error ? refusal(*error) : nlohmann::json{{"ok", true}}.dump();
}

}  // namespace

std::string handle_control_line(std::string_view line, const ControlActions& actions) {
  if (line.size() > kControlLineMax) {
    return refusal("a request is at most " + std::to_string(kControlLineMax) + " bytes");
  }
  try {
    const nlohmann::json request = nlohmann::json::parse(line);
    if (!request.is_object() || !request.contains("command") || !request["command"].is_string()) {
      return refusal(R"(a request is a JSON object with a "command" string)");
    }
    const std::string command = request["command"].get<std::string>();
    const std::size_t fields = request.size();
    if (command == "status" && fields == 1) {
      nlohmann::json answer = actions.status();
      answer["ok"] = true;
      return answer.dump();
    }
    if (command == "reload" && fields == 1) {
      return outcome(actions.reload());
    }
    if (command == "validate" && fields == 2 && request.contains("path") &&
        request["path"].is_string()) {
      return outcome(actions.validate(request["path"].get<std::string>()));
    }
    if (command != "status" && command != "reload" && command != "validate") {
      return refusal("unknown command \"" + command + "\" (status, reload, validate)");
    }
    return refusal("\"" + command + "\" takes " +
                   (command == "validate" ? R"({"path": FILE})" : "no arguments"));
  } catch (const nlohmann::json::exception& e) {
    return refusal(std::string("not JSON: ") + e.what());
  } catch (const std::exception& e) {
    return refusal(e.what());
  }
}

}  // namespace knits::knitsd
