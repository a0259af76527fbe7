// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// ALRM descriptors (libalrm/descriptor_parse.h, libalrm/compile.h): every
// field of the format reads into the value it says, absent fields take
// their defaults, every limit holds exactly at the limit and refuses one
// past it, and every mistake is reported as "FILE:LINE:COLUMN: message"
// pointing at what is wrong. Then compile(): the plan the module is told.

#include <sys/socket.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "genl/config.h"
#include "genl/endpoint.h"
#include "knits.h"
#include "libalrm/compile.h"
#include "libalrm/descriptor.h"
#include "libalrm/descriptor_parse.h"
#include "libalrm/toml_reader.h"

namespace {

using knits::alrm::compile;
using knits::alrm::Descriptor;
using knits::alrm::FileError;
using knits::alrm::FramePolicy;
using knits::alrm::Framing;
using knits::alrm::MemberState;
using knits::alrm::Origin;
using knits::alrm::parse_descriptor;
using knits::alrm::Plan;
using knits::alrm::PolicyKind;
using knits::alrm::Scheduler;
using knits::alrm::ServiceDescriptor;
using knits::alrm::WindowMode;
using knits::genl::Endpoint;

constexpr std::string_view kFile = "alrm.toml";

// The lines of a descriptor, so that a test can say which line an error
// is on by counting.
std::string lines(std::initializer_list<std::string_view> text) {
  std::string out;
  for (std::string_view line : text) {
    out += line;
    out += '\n';
  }
  return out;
}

Descriptor parse(const std::string& text) { return parse_descriptor(text, std::string(kFile)); }

// The whole message of the FileError parse_descriptor() throws for @text,
// or "" when it reads.
std::string error_of(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const FileError& e) {
    return e.what();
  }
  return "";
}

std::string at(std::uint32_t line, std::uint32_t column, std::string_view message) {
  return std::string(kFile) + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
         std::string(message);
}

Endpoint endpoint(std::string_view text) { return knits::genl::parse_endpoint(text); }

// A service at 10.0.0.100:80 with @members members 10.1.X.Y:80 and then
// @rest (its framing, policy, ...). The first member header is on line 3.
std::string service_with_members(std::size_t members, std::string_view rest = "") {
  std::string text = lines({"[[service]]", R"(vip = "10.0.0.100:80")"});
  for (std::size_t i = 0; i < members; i++) {
    text += "[[service.member]]\naddress = \"10.1." + std::to_string(i / 256) + "." +
            std::to_string(i % 256) + ":80\"\n";
  }
  text += rest;
  return text;
}

// A framed service of two members (lines 1-6), then [service.framing]
// with @framing on the lines from 8 and a hash policy after it.
std::string framed(std::initializer_list<std::string_view> framing) {
  std::string text = service_with_members(2, "[service.framing]\n");
  for (std::string_view line : framing) {
    text += std::string(line) + "\n";
  }
  return text + lines({"[service.policy]", R"(kind = "hash")", "key_length = 4"});
}

// A framed service of two members (lines 1-6), a DNS-like framing (lines
// 7-8), then [service.policy] on line 9 with @policy on the lines from 10.
std::string with_policy(std::initializer_list<std::string_view> policy) {
  std::string text =
      service_with_members(2, "[service.framing]\nlength_width = 2\n[service.policy]\n");
  for (std::string_view line : policy) {
    text += std::string(line) + "\n";
  }
  return text;
}

// ---------------------------------------------------------------------------
// What reads

TEST(DescriptorParse, AnEmptyFileIsAnEmptyDescriptor) {
  const Descriptor d = parse("");
  EXPECT_FALSE(d.hash_key.has_value());
  EXPECT_TRUE(d.services.empty());
  EXPECT_EQ(d, Descriptor{});
}

TEST(DescriptorParse, EveryFieldOfAServiceAndItsMembersReads) {
  const Descriptor d = parse(lines({
      "[scheduling]",                                      // 1
      R"(hash_key = "000102030405060708090a0B0C0D0E0f")",  // 2
      "",                                                  // 3
      "[[service]]",                                       // 4
      R"(vip = "10.0.0.100:80")",                          // 5
      R"(scheduler = "mh")",                               // 6
      "mh_table_size = 65521",                             // 7
      "  [[service.member]]",                              // 8
      R"(  address = "10.1.1.2:8080")",                    // 9
      "  weight = 3",                                      // 10
      R"(  state = "draining")",                           // 11
      "  [[service.member]]",                              // 12
      R"(  address = "10.1.1.3:8081")",                    // 13
      "  weight = 0",                                      // 14
      R"(  state = "down")",                               // 15
      "  [[service.member]]",                              // 16
      R"(  address = "10.1.1.4:80")",                      // 17
      R"(  state = "active")",                             // 18
  }));
  ASSERT_TRUE(d.hash_key.has_value());
  knits::genl::HashKey key{};
  for (std::size_t i = 0; i < key.size(); i++) {
    key.at(i) = static_cast<std::uint8_t>(i);
  }
  EXPECT_EQ(*d.hash_key, key);

  ASSERT_EQ(d.services.size(), 1U);
  const ServiceDescriptor& s = d.services[0];
  EXPECT_EQ(s.vip, endpoint("10.0.0.100:80"));
  EXPECT_EQ(s.scheduler, Scheduler::kMh);
  EXPECT_EQ(s.mh_table_size, std::optional<std::uint32_t>(65521));
  EXPECT_EQ(s.origin, (Origin{std::string(kFile), 4, 1}));
  EXPECT_FALSE(s.framing.has_value());
  EXPECT_FALSE(s.policy.has_value());

  ASSERT_EQ(s.members.size(), 3U);
  EXPECT_EQ(s.members[0].address, endpoint("10.1.1.2:8080"));
  EXPECT_EQ(s.members[0].weight, 3U);
  EXPECT_EQ(s.members[0].state, MemberState::kDraining);
  EXPECT_EQ(s.members[0].origin, (Origin{std::string(kFile), 8, 3}));
  EXPECT_EQ(s.members[1].address, endpoint("10.1.1.3:8081"));
  EXPECT_EQ(s.members[1].weight, 0U);
  EXPECT_EQ(s.members[1].state, MemberState::kDown);
  EXPECT_EQ(s.members[1].origin, (Origin{std::string(kFile), 12, 3}));
  EXPECT_EQ(s.members[2].address, endpoint("10.1.1.4:80"));
  EXPECT_EQ(s.members[2].weight, 1U);
  EXPECT_EQ(s.members[2].state, MemberState::kActive);
}

TEST(DescriptorParse, AbsentFieldsTakeTheirDefaults) {
  const Descriptor d = parse(lines({
      "[scheduling]",
      "[[service]]",
      R"(vip = "10.0.0.100:80")",
      "[[service.member]]",
      R"(address = "10.1.1.2:80")",
  }));
  EXPECT_FALSE(d.hash_key.has_value());
  ASSERT_EQ(d.services.size(), 1U);
  const ServiceDescriptor& s = d.services[0];
  EXPECT_EQ(s.scheduler, Scheduler::kWrr);
  EXPECT_FALSE(s.mh_table_size.has_value());
  EXPECT_FALSE(s.framing.has_value());
  EXPECT_FALSE(s.policy.has_value());
  ASSERT_EQ(s.members.size(), 1U);
  EXPECT_EQ(s.members[0].weight, 1U);
  EXPECT_EQ(s.members[0].state, MemberState::kActive);
}

TEST(DescriptorParse, AServiceWithoutMembersReads) {
  const Descriptor d = parse(lines({"[[service]]", R"(vip = "10.0.0.100:80")"}));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_TRUE(d.services[0].members.empty());
}

TEST(DescriptorParse, EverySchedulerNameReads) {
  const std::vector<std::pair<std::string, Scheduler>> names = {{"rr", Scheduler::kRr},
                                                                {"wrr", Scheduler::kWrr},
                                                                {"lc", Scheduler::kLc},
                                                                {"sh", Scheduler::kSh},
                                                                {"mh", Scheduler::kMh}};
  for (const auto& [name, sched] : names) {
    const Descriptor d =
        parse(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "scheduler = \"" + name + "\""}));
    ASSERT_EQ(d.services.size(), 1U) << name;
    EXPECT_EQ(d.services[0].scheduler, sched) << name;
    EXPECT_STREQ(knits::alrm::scheduler_name(sched), name.c_str());
  }
}

TEST(DescriptorParse, ServicesKeepTheirOrderAndIpv6Reads) {
  const Descriptor d = parse(lines({
      "[[service]]",
      R"(vip = "[fd00::100]:443")",
      "[[service.member]]",
      R"(address = "[fd00:1::2]:8443")",
      "[[service]]",
      R"(vip = "10.0.0.100:80")",
  }));
  ASSERT_EQ(d.services.size(), 2U);
  EXPECT_EQ(d.services[0].vip, endpoint("[fd00::100]:443"));
  EXPECT_EQ(d.services[0].vip.family, AF_INET6);
  ASSERT_EQ(d.services[0].members.size(), 1U);
  EXPECT_EQ(d.services[0].members[0].address, endpoint("[fd00:1::2]:8443"));
  EXPECT_EQ(d.services[1].vip, endpoint("10.0.0.100:80"));
  EXPECT_EQ(d.services[1].origin.line, 5U);
}

TEST(DescriptorParse, InlineTablesReadAsHeadersDo) {
  const Descriptor d = parse(lines({
      "[[service]]",
      R"(vip = "10.0.0.100:80")",
      R"(member = [{ address = "10.1.1.2:80", weight = 7 }, { address = "10.1.1.3:80" }])",
  }));
  ASSERT_EQ(d.services.size(), 1U);
  ASSERT_EQ(d.services[0].members.size(), 2U);
  EXPECT_EQ(d.services[0].members[0].weight, 7U);
  EXPECT_EQ(d.services[0].members[1].address, endpoint("10.1.1.3:80"));
}

TEST(DescriptorParse, EveryFramingAndPolicyFieldReads) {
  const Descriptor d = parse(service_with_members(3, lines({
                                                         "[service.framing]",
                                                         "length_offset = 2",
                                                         "length_width = 4",
                                                         R"(byte_order = "little")",
                                                         "length_mask = 0x7fffffff",
                                                         "length_adjust = -4",
                                                         "max_frame = 1048576",
                                                         "[service.policy]",
                                                         R"(kind = "bucket")",
                                                         "key_offset = 6",
                                                         "key_length = 8",
                                                         "buckets = [2, 0, 1, 1]",
                                                         R"(window = "optimistic")",
                                                     })));
  ASSERT_EQ(d.services.size(), 1U);
  const ServiceDescriptor& s = d.services[0];
  ASSERT_TRUE(s.framing.has_value());
  EXPECT_EQ(s.framing->length_offset, 2U);
  EXPECT_EQ(s.framing->length_width, 4U);
  EXPECT_FALSE(s.framing->big_endian);
  EXPECT_EQ(s.framing->length_mask, 0x7fffffffU);
  EXPECT_EQ(s.framing->length_adjust, -4);
  EXPECT_EQ(s.framing->max_frame, 1048576U);
  ASSERT_TRUE(s.policy.has_value());
  EXPECT_EQ(s.policy->kind, PolicyKind::kBucket);
  EXPECT_EQ(s.policy->key_offset, 6U);
  EXPECT_EQ(s.policy->key_length, 8U);
  EXPECT_EQ(s.policy->buckets, (std::vector<std::uint32_t>{2, 0, 1, 1}));
  EXPECT_EQ(s.policy->window, WindowMode::kOptimistic);
}

TEST(DescriptorParse, FramingAndPolicyDefaults) {
  const Descriptor d = parse(service_with_members(2, lines({
                                                         "[service.framing]",
                                                         "length_width = 1",
                                                         "[service.policy]",
                                                         R"(kind = "round_robin")",
                                                     })));
  ASSERT_EQ(d.services.size(), 1U);
  const ServiceDescriptor& s = d.services[0];
  ASSERT_TRUE(s.framing.has_value());
  Framing want;
  want.length_offset = 0;
  want.length_width = 1;
  want.big_endian = true;
  want.length_mask = 0xff;  // all the field's bits
  want.length_adjust = 0;
  want.max_frame = 65535;
  EXPECT_EQ(*s.framing, want);
  ASSERT_TRUE(s.policy.has_value());
  EXPECT_EQ(*s.policy, FramePolicy{});
  EXPECT_EQ(s.policy->kind, PolicyKind::kRoundRobin);
  EXPECT_EQ(s.policy->window, WindowMode::kConservative);
}

TEST(DescriptorParse, AHashPolicyKeyStartsAtZeroByDefault) {
  const Descriptor d = parse(framed({"length_width = 2", R"(byte_order = "big")"}));
  ASSERT_EQ(d.services.size(), 1U);
  ASSERT_TRUE(d.services[0].policy.has_value());
  EXPECT_EQ(d.services[0].policy->kind, PolicyKind::kHash);
  EXPECT_EQ(d.services[0].policy->key_offset, 0U);
  EXPECT_EQ(d.services[0].policy->key_length, 4U);
  EXPECT_TRUE(d.services[0].policy->buckets.empty());
  ASSERT_TRUE(d.services[0].framing.has_value());
  EXPECT_TRUE(d.services[0].framing->big_endian);
  EXPECT_EQ(d.services[0].framing->length_mask, 0xffffU);
}

TEST(DescriptorParse, ReadDescriptorLeavesTheCallersOwnKeysAlone) {
  const std::string text = lines({"listen = 1", "[[service]]", R"(vip = "10.0.0.100:80")"});
  const toml::table root = knits::alrm::parse_toml(text, "knitsd.toml");
  const Descriptor d = knits::alrm::read_descriptor(root, knits::alrm::TomlReader("knitsd.toml"));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].origin.file, "knitsd.toml");
  // parse_descriptor() takes a file with nothing else in it
  EXPECT_EQ(error_of(text), at(1, 1, R"(unknown key "listen" in a descriptor)"));
}

// ---------------------------------------------------------------------------
// The file itself

TEST(DescriptorParse, ASyntaxErrorNamesItsPosition) {
  EXPECT_EQ(error_of(lines({"[[service]]", "vip = "})),
            at(2, 7, "Error while parsing key-value pair: expected value, saw '\\n'"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(vip = "10.0.0.1:80")"})),
            at(3, 7, "Error while parsing key-value pair: cannot redefine existing string 'vip'"));
}

class DescriptorFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("alrm_descriptor_test_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
};

TEST_F(DescriptorFile, AFileReadsWithItsPathInOrigins) {
  const std::string path = (dir_ / "services.toml").string();
  std::ofstream(path) << lines({"[[service]]", R"(vip = "10.0.0.100:80")"});
  const Descriptor d = knits::alrm::read_descriptor_file(path);
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].origin, (Origin{path, 1, 1}));
}

TEST_F(DescriptorFile, AnErrorNamesThePath) {
  const std::string path = (dir_ / "services.toml").string();
  std::ofstream(path) << lines({"[[service]]", R"(vip = "10.0.0.100")"});
  try {
    (void)knits::alrm::read_descriptor_file(path);
    ADD_FAILURE() << "read";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":2:7: '10.0.0.100': the port is missing (write ADDRESS:PORT)");
  }
}

TEST_F(DescriptorFile, AMissingFileCannotBeRead) {
  const std::string path = (dir_ / "absent.toml").string();
  try {
    (void)knits::alrm::read_descriptor_file(path);
    ADD_FAILURE() << "read";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot read the file");
  }
}

TEST_F(DescriptorFile, ADirectoryCannotBeRead) {
  const std::string path = dir_.string();
  try {
    const Descriptor d = knits::alrm::read_descriptor_file(path);
    (void)d;
    ADD_FAILURE() << "a directory read as a descriptor";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": cannot read the file (a directory)");
  }
}

// ---------------------------------------------------------------------------
// Unknown keys and wrong types

TEST(DescriptorParse, UnknownKeysAreRefusedWhereTheyAre) {
  EXPECT_EQ(error_of(lines({"", "services = 1", "[scheduling]"})),
            at(2, 1, R"(unknown key "services" in a descriptor)"));
  EXPECT_EQ(error_of(lines({"[scheduling]", R"(hash = "00")"})),
            at(2, 1, R"(unknown key "hash" in [scheduling])"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(sched = "rr")"})),
            at(3, 1, R"(unknown key "sched" in a [[service]])"));
  EXPECT_EQ(error_of(service_with_members(1, "wieght = 2\n")),
            at(5, 1, R"(unknown key "wieght" in a [[service.member]])"));
  EXPECT_EQ(error_of(framed({"length_width = 2", "  offset = 0"})),
            at(9, 3, R"(unknown key "offset" in [service.framing])"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_length = 4", "key = 1"})),
            at(12, 1, R"(unknown key "key" in [service.policy])"));
}

TEST(DescriptorParse, TablesOfTheWrongTypeAreRefused) {
  EXPECT_EQ(error_of("scheduling = 1\n"),
            at(1, 14, R"("scheduling" must be a table, [scheduling])"));
  EXPECT_EQ(error_of(R"(service = { vip = "10.0.0.100:80" })"),
            at(1, 11, R"("service" must be [[service]] tables)"));
  EXPECT_EQ(error_of("service = []\n"), at(1, 11, R"("service" must be [[service]] tables)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "member = 1"})),
            at(3, 10, R"("member" must be [[service.member]] tables)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "framing = 1"})),
            at(3, 11, R"("framing" must be a table, [service.framing])"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "policy = true"})),
            at(3, 10, R"("policy" must be a table, [service.policy])"));
}

TEST(DescriptorParse, ValuesOfTheWrongTypeAreRefused) {
  EXPECT_EQ(error_of(lines({"[scheduling]", "hash_key = 5"})),
            at(2, 12, R"("hash_key" must be a string)"));
  EXPECT_EQ(error_of(lines({"[[service]]", "vip = 80"})), at(2, 7, R"("vip" must be a string)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "scheduler = 1"})),
            at(3, 13, R"("scheduler" must be a string)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(scheduler = "mh")",
                            R"(mh_table_size = "4093")"})),
            at(4, 17, R"("mh_table_size" must be an integer)"));
  EXPECT_EQ(error_of(service_with_members(1, "weight = 1.0\n")),
            at(5, 10, R"("weight" must be an integer)"));
  EXPECT_EQ(error_of(service_with_members(1, "state = 0\n")),
            at(5, 9, R"("state" must be a string)"));
  EXPECT_EQ(error_of(framed({R"(length_width = "2")"})),
            at(8, 16, R"("length_width" must be an integer)"));
  EXPECT_EQ(error_of(framed({"length_width = 2", "byte_order = 1"})),
            at(9, 14, R"("byte_order" must be a string)"));
  EXPECT_EQ(error_of(with_policy({"kind = 1"})), at(10, 8, R"("kind" must be a string)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_length = 4", "window = 1"})),
            at(12, 10, R"("window" must be a string)"));
}

TEST(DescriptorParse, MissingRequiredValuesAreNamedAtTheirTable) {
  EXPECT_EQ(error_of(lines({"", "[[service]]", R"(scheduler = "rr")"})),
            at(2, 1, R"(missing "vip")"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "  [[service.member]]",
                            "  weight = 2"})),
            at(3, 3, R"(missing "address")"));
  EXPECT_EQ(
      error_of(service_with_members(2, lines({"[service.framing]", "length_offset = 0",
                                              "[service.policy]", R"(kind = "round_robin")"}))),
      at(7, 1, R"(missing "length_width")"));
  EXPECT_EQ(error_of(with_policy({R"(window = "optimistic")"})), at(9, 1, R"(missing "kind")"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")"})), at(9, 1, R"(missing "key_length")"));
}

TEST(DescriptorParse, ChoicesNameTheirAlternatives) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(scheduler = "wlc")"})),
            at(3, 13, R"("scheduler" must be one of rr, wrr, lc, sh, mh)"));
  EXPECT_EQ(error_of(service_with_members(1, "state = \"up\"\n")),
            at(5, 9, R"("state" must be one of active, draining, down)"));
  EXPECT_EQ(error_of(framed({"length_width = 2", R"(byte_order = "network")"})),
            at(9, 14, R"("byte_order" must be one of big, little)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "random")"})),
            at(10, 8, R"("kind" must be one of round_robin, hash, bucket)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "round_robin")", R"(window = "wide")"})),
            at(11, 10, R"("window" must be one of conservative, optimistic)"));
}

// ---------------------------------------------------------------------------
// [scheduling]

TEST(DescriptorParse, AHashKeyIs32HexDigits) {
  EXPECT_EQ(error_of(lines({"[scheduling]", R"(hash_key = "000102030405060708090a0b0c0d0e0")"})),
            at(2, 12, "a hash key is 32 hexadecimal digits, not 31 characters"));
  EXPECT_EQ(error_of(lines({"[scheduling]", R"(hash_key = "000102030405060708090a0b0c0d0e0f0")"})),
            at(2, 12, "a hash key is 32 hexadecimal digits, not 33 characters"));
  EXPECT_EQ(error_of(lines({"[scheduling]", R"(hash_key = "000102030405060708090a0b0c0d0e0g")"})),
            at(2, 12, "a hash key has only hexadecimal digits (0-9, a-f)"));
  // surrounding white space is not part of the key
  const Descriptor d =
      parse(lines({"[scheduling]", R"(hash_key = " ffffffffffffffffffffffffffffffff ")"}));
  ASSERT_TRUE(d.hash_key.has_value());
  EXPECT_EQ(d.hash_key->at(0), 0xffU);
  EXPECT_EQ(d.hash_key->at(15), 0xffU);
}

// ---------------------------------------------------------------------------
// [[service]]

TEST(DescriptorParse, AVipIsAnAddressWithAPort) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100")"})),
            at(2, 7, "'10.0.0.100': the port is missing (write ADDRESS:PORT)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "[fd00::1]")"})),
            at(2, 7, "'[fd00::1]': the port is missing (write [ADDRESS]:PORT)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.300:80")"})),
            at(2, 7, "'10.0.0.300:80': '10.0.0.300' is not an IPv4 address"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.1:0")"})),
            at(2, 7, "'10.0.0.1:0': port 0 is out of range 1..65535"));
}

TEST(DescriptorParse, AVipTwiceIsRefusedAtItsSecondService) {
  EXPECT_EQ(
      error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "[[service]]",
                      R"(vip = "10.0.0.100:443")", "", "[[service]]", R"(vip = "10.0.0.100:80")"})),
      at(6, 1, "service 10.0.0.100:80 twice"));
  // the same address in the other family's spelling is another vip
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "[::ffff:10.0.0.100]:80")", "[[service]]",
                            R"(vip = "10.0.0.100:80")"})),
            "");
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "[fd00::1]:80")", "[[service]]",
                            R"(vip = "[fd00:0::1]:80")"})),
            at(3, 1, "service [fd00::1]:80 twice"));
}

std::string services(std::size_t n) {
  std::string text;
  for (std::size_t i = 0; i < n; i++) {
    text += "[[service]]\nvip = \"10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256) +
            ":80\"\n";
  }
  return text;
}

TEST(DescriptorParse, AtMost256Services) {
  ASSERT_EQ(KNITS_MAX_SERVICES, 256);
  const Descriptor d = parse(services(256));
  EXPECT_EQ(d.services.size(), 256U);
  EXPECT_EQ(error_of("\n" + services(257)), at(2, 1, "at most 256 services"));
}

TEST(DescriptorParse, MhTableSizeIsAPrimeIn7To131071) {
  const auto with_size = [](std::string_view size) {
    return lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(scheduler = "mh")",
                  "mh_table_size = " + std::string(size)});
  };
  for (const std::uint32_t size : {7U, 4093U, 65521U, 131071U}) {
    const Descriptor d = parse(with_size(std::to_string(size)));
    ASSERT_EQ(d.services.size(), 1U);
    EXPECT_EQ(d.services[0].mh_table_size, std::optional<std::uint32_t>(size));
  }
  EXPECT_EQ(error_of(with_size("6")), at(4, 17, R"("mh_table_size" must be in 7..131071)"));
  EXPECT_EQ(error_of(with_size("131072")), at(4, 17, R"("mh_table_size" must be in 7..131071)"));
  // 131101 is prime, but past the limit
  EXPECT_EQ(error_of(with_size("131101")), at(4, 17, R"("mh_table_size" must be in 7..131071)"));
  EXPECT_EQ(error_of(with_size("4095")),
            at(4, 17, R"("mh_table_size" must be a prime (4095 is not; 4093 and 65521 are))"));
  EXPECT_EQ(error_of(with_size("9")),
            at(4, 17, R"("mh_table_size" must be a prime (9 is not; 4093 and 65521 are))"));
  EXPECT_EQ(error_of(with_size("131069")),
            at(4, 17, R"("mh_table_size" must be a prime (131069 is not; 4093 and 65521 are))"));
}

TEST(DescriptorParse, MhTableSizeIsForMhOnly) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", R"(scheduler = "sh")",
                            "mh_table_size = 4093"})),
            at(4, 17, R"("mh_table_size" is for scheduler = "mh" only)"));
  // the default scheduler is wrr
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "mh_table_size = 4093"})),
            at(3, 17, R"("mh_table_size" is for scheduler = "mh" only)"));
}

// ---------------------------------------------------------------------------
// [[service.member]]

TEST(DescriptorParse, AtMost1024MembersPerService) {
  ASSERT_EQ(KNITS_MAX_MEMBERS, 1024);
  const Descriptor d = parse(service_with_members(1024));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].members.size(), 1024U);
  EXPECT_EQ(d.services[0].members[1023].address, endpoint("10.1.3.255:80"));
  EXPECT_EQ(error_of(service_with_members(1025)), at(3, 1, "a service has at most 1024 members"));
}

TEST(DescriptorParse, WeightIsIn0To65535) {
  const auto with_weight = [](std::string_view weight) {
    return service_with_members(1, "weight = " + std::string(weight) + "\n");
  };
  const Descriptor d = parse(with_weight("65535"));
  ASSERT_EQ(d.services.size(), 1U);
  ASSERT_EQ(d.services[0].members.size(), 1U);
  EXPECT_EQ(d.services[0].members[0].weight, 65535U);
  EXPECT_EQ(parse(with_weight("0")).services[0].members[0].weight, 0U);
  EXPECT_EQ(error_of(with_weight("65536")), at(5, 10, R"("weight" must be in 0..65535)"));
  EXPECT_EQ(error_of(with_weight("-1")), at(5, 10, R"("weight" must be in 0..65535)"));
}

TEST(DescriptorParse, AMemberTwiceIsRefusedAtItsSecondTable) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "[[service.member]]",
                            R"(address = "10.1.1.2:80")", "[[service.member]]",
                            R"(address = "10.1.1.2:81")", "  [[service.member]]",
                            R"(address = "10.1.1.2:80")"})),
            at(7, 3, "member 10.1.1.2:80 twice in this service"));
  // one member in two services is two members
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "[[service.member]]",
                            R"(address = "10.1.1.2:80")", "[[service]]", R"(vip = "10.0.0.100:81")",
                            "[[service.member]]", R"(address = "10.1.1.2:80")"})),
            "");
}

TEST(DescriptorParse, AMemberHasItsVipsFamily) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "[[service.member]]",
                            R"(address = "[fd00::2]:80")"})),
            at(4, 11, "a member has the family of its service's vip (10.0.0.100)"));
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "[fd00::100]:80")", "[[service.member]]",
                            R"(address = "10.1.1.2:80")"})),
            at(4, 11, "a member has the family of its service's vip (fd00::100)"));
}

TEST(DescriptorParse, AMemberAddressHasAPort) {
  EXPECT_EQ(error_of(lines({"[[service]]", R"(vip = "10.0.0.100:80")", "[[service.member]]",
                            R"(address = "10.1.1.2")"})),
            at(4, 11, "'10.1.1.2': the port is missing (write ADDRESS:PORT)"));
  EXPECT_EQ(error_of(lines(
                {"[[service]]", R"(vip = "10.0.0.100:80")", "[[service.member]]", "address = 10"})),
            at(4, 11, R"("address" must be a string)"));
}

// ---------------------------------------------------------------------------
// [service.framing]

TEST(DescriptorParse, LengthWidthIs1Or2Or4) {
  for (const std::uint32_t width : {1U, 2U, 4U}) {
    const Descriptor d = parse(framed({"length_width = " + std::to_string(width)}));
    ASSERT_EQ(d.services.size(), 1U) << width;
    ASSERT_TRUE(d.services[0].framing.has_value());
    EXPECT_EQ(d.services[0].framing->length_width, width);
    EXPECT_EQ(d.services[0].framing->length_mask, (std::uint64_t{1} << (8 * width)) - 1);
  }
  EXPECT_EQ(error_of(framed({"length_width = 3"})),
            at(8, 16, R"("length_width" must be 1, 2 or 4)"));
  EXPECT_EQ(error_of(framed({"length_width = 0"})), at(8, 16, R"("length_width" must be in 1..4)"));
  EXPECT_EQ(error_of(framed({"length_width = 5"})), at(8, 16, R"("length_width" must be in 1..4)"));
}

TEST(DescriptorParse, TheLengthFieldEndsWithin256Bytes) {
  const Descriptor d = parse(framed({"length_width = 4", "length_offset = 252"}));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].framing->length_offset, 252U);
  EXPECT_EQ(
      parse(framed({"length_width = 1", "length_offset = 255"})).services[0].framing->length_offset,
      255U);
  EXPECT_EQ(error_of(framed({"length_width = 4", "length_offset = 253"})),
            at(9, 17, R"("length_offset" must be in 0..252)"));
  EXPECT_EQ(error_of(framed({"length_width = 1", "length_offset = 256"})),
            at(9, 17, R"("length_offset" must be in 0..255)"));
  EXPECT_EQ(error_of(framed({"length_width = 1", "length_offset = -1"})),
            at(9, 17, R"("length_offset" must be in 0..255)"));
}

TEST(DescriptorParse, TheLengthMaskIsWithinTheField) {
  EXPECT_EQ(
      parse(framed({"length_width = 2", "length_mask = 0xffff"})).services[0].framing->length_mask,
      0xffffU);
  EXPECT_EQ(parse(framed({"length_width = 2", "length_mask = 1"})).services[0].framing->length_mask,
            1U);
  EXPECT_EQ(parse(framed({"length_width = 4", "length_mask = 0xffffffff"}))
                .services[0]
                .framing->length_mask,
            0xffffffffU);
  EXPECT_EQ(error_of(framed({"length_width = 2", "length_mask = 0x10000"})),
            at(9, 15, R"("length_mask" must be in 1..65535)"));
  EXPECT_EQ(error_of(framed({"length_width = 4", "length_mask = 0x100000000"})),
            at(9, 15, R"("length_mask" must be in 1..4294967295)"));
  EXPECT_EQ(error_of(framed({"length_width = 1", "length_mask = 0"})),
            at(9, 15, R"("length_mask" must be in 1..255)"));
}

TEST(DescriptorParse, TheLengthAdjustIsWithin256EitherWay) {
  EXPECT_EQ(parse(framed({"length_width = 2", "length_adjust = -256"}))
                .services[0]
                .framing->length_adjust,
            -256);
  EXPECT_EQ(
      parse(framed({"length_width = 2", "length_adjust = 256"})).services[0].framing->length_adjust,
      256);
  EXPECT_EQ(error_of(framed({"length_width = 2", "length_adjust = -257"})),
            at(9, 17, R"("length_adjust" must be in -256..256)"));
  EXPECT_EQ(error_of(framed({"length_width = 2", "length_adjust = 257"})),
            at(9, 17, R"("length_adjust" must be in -256..256)"));
}

TEST(DescriptorParse, MaxFrameHoldsTheLengthFieldAndIsAtMost16MiB) {
  // the header is the length field's offset plus its width
  EXPECT_EQ(parse(framed({"length_width = 2", "length_offset = 10", "max_frame = 12"}))
                .services[0]
                .framing->max_frame,
            12U);
  EXPECT_EQ(
      parse(framed({"length_width = 4", "max_frame = 16777216"})).services[0].framing->max_frame,
      16777216U);
  EXPECT_EQ(error_of(framed({"length_width = 2", "length_offset = 10", "max_frame = 11"})),
            at(10, 13, R"("max_frame" must be in 12..16777216)"));
  EXPECT_EQ(error_of(framed({"length_width = 4", "max_frame = 16777217"})),
            at(9, 13, R"("max_frame" must be in 4..16777216)"));
}

TEST(DescriptorParse, FrameSwitchingNeedsFramingAndPolicyBoth) {
  EXPECT_EQ(error_of(service_with_members(2, lines({"[service.framing]", "length_width = 2"}))),
            at(7, 1, "frame switching needs both [service.framing] and [service.policy]"));
  EXPECT_EQ(error_of(service_with_members(
                2, lines({"", "[service.policy]", R"(kind = "hash")", "key_length = 4"}))),
            at(8, 1, "frame switching needs both [service.framing] and [service.policy]"));
}

// ---------------------------------------------------------------------------
// [service.policy]

TEST(DescriptorParse, ARoundRobinPolicyHasNoKey) {
  EXPECT_EQ(error_of(with_policy({R"(kind = "round_robin")", "key_length = 4"})),
            at(9, 1, "a round_robin policy has no key"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "round_robin")", "key_offset = 0"})),
            at(9, 1, "a round_robin policy has no key"));
}

TEST(DescriptorParse, TheKeyEndsWithin256Bytes) {
  const Descriptor d =
      parse(with_policy({R"(kind = "hash")", "key_offset = 240", "key_length = 16"}));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].policy->key_offset, 240U);
  EXPECT_EQ(d.services[0].policy->key_length, 16U);
  EXPECT_EQ(
      parse(with_policy({R"(kind = "hash")", "key_length = 256"})).services[0].policy->key_length,
      256U);
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_offset = 241", "key_length = 16"})),
            at(11, 14, R"("key_offset" must be in 0..240)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_offset = 1", "key_length = 256"})),
            at(11, 14, R"("key_offset" must be in 0..0)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_length = 257"})),
            at(11, 14, R"("key_length" must be in 1..256)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_length = 0"})),
            at(11, 14, R"("key_length" must be in 1..256)"));
}

TEST(DescriptorParse, BucketsGoWithKindBucketOnly) {
  EXPECT_EQ(error_of(with_policy({R"(kind = "hash")", "key_length = 4", "buckets = [0, 1]"})),
            at(12, 11, R"("buckets" goes with kind = "bucket", and only with it)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "round_robin")", "buckets = [0, 1]"})),
            at(11, 11, R"("buckets" goes with kind = "bucket", and only with it)"));
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4"})),
            at(9, 1, R"("buckets" goes with kind = "bucket", and only with it)"));
}

TEST(DescriptorParse, ABucketHoldsTheIndexOfAMember) {
  // two members: indexes 0 and 1
  const Descriptor d =
      parse(with_policy({R"(kind = "bucket")", "key_length = 4", "buckets = [1, 0, 1]"}));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].policy->buckets, (std::vector<std::uint32_t>{1, 0, 1}));
  const std::string message = "a bucket holds the index of one of the service's 2 members (0..1)";
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4", "buckets = [1, 2]"})),
            at(12, 15, message));
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4", "buckets = [-1]"})),
            at(12, 12, message));
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4", R"(buckets = ["0"])"})),
            at(12, 12, message));
}

TEST(DescriptorParse, BucketsOfAServiceWithoutMembersAreRefused) {
  const std::string text = lines({
      "[[service]]",               // 1
      R"(vip = "10.0.0.100:80")",  // 2
      "[service.framing]",         // 3
      "length_width = 2",          // 4
      "[service.policy]",          // 5
      R"(kind = "bucket")",        // 6
      "key_length = 4",            // 7
      "buckets = [0]",             // 8
  });
  EXPECT_EQ(error_of(text), at(8, 12, "a bucket holds a member's index, and the service has none"));
}

TEST(DescriptorParse, BucketsAreAnArrayOf1To65536Indexes) {
  const std::string message = R"("buckets" is an array of 1..65536 member indexes)";
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4", "buckets = 1"})),
            at(12, 11, message));
  EXPECT_EQ(error_of(with_policy({R"(kind = "bucket")", "key_length = 4", "buckets = []"})),
            at(12, 11, message));
  const auto with_buckets = [](std::size_t n) {
    std::string array = "buckets = [";
    for (std::size_t i = 0; i < n; i++) {
      array += i == 0 ? "1" : ",1";
    }
    array += "]";
    return with_policy({R"(kind = "bucket")", "key_length = 4", array});
  };
  const Descriptor d = parse(with_buckets(65536));
  ASSERT_EQ(d.services.size(), 1U);
  EXPECT_EQ(d.services[0].policy->buckets.size(), 65536U);
  EXPECT_EQ(error_of(with_buckets(65537)), at(12, 11, message));
}

// ---------------------------------------------------------------------------
// The reader itself, where the descriptor does not reach it

TEST(TomlReader, AnAddressWithoutAPortRefusesAPort) {
  const knits::alrm::TomlReader reader("r.toml");
  const toml::table table =
      knits::alrm::parse_toml("a = \"10.0.0.1\"\nb = \"10.0.0.1:80\"\n", "r.toml");
  const Endpoint a = reader.endpoint(table, "a", false);
  EXPECT_EQ(a.family, AF_INET);
  EXPECT_EQ(a.port, 0U);
  EXPECT_EQ(knits::genl::address_to_string(a), "10.0.0.1");
  try {
    (void)reader.endpoint(table, "b", false);
    ADD_FAILURE() << "took a port";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()), R"(r.toml:2:5: "b" is an address without a port)");
  }
}

TEST(TomlReader, AnIntegerWithAFallbackIsNotMissing) {
  const knits::alrm::TomlReader reader("r.toml");
  const toml::table table = knits::alrm::parse_toml("a = 5\n", "r.toml");
  EXPECT_EQ(reader.integer(table, "a", 0, 9, std::nullopt), 5);
  EXPECT_EQ(reader.integer(table, "b", 0, 9, 7), 7);
  EXPECT_THROW((void)reader.integer(table, "b", 0, 9, std::nullopt), FileError);
}

// ---------------------------------------------------------------------------
// compile()

Plan compiled(const std::string& text) { return compile(parse(text)); }

TEST(Compile, EachSchedulerIsNamedAsTheModuleNamesIt) {
  for (const std::string name : {"rr", "wrr", "lc", "sh", "mh"}) {
    const Plan plan = compiled(
        lines({"[[service]]", R"(vip = "10.0.0.100:80")", "scheduler = \"" + name + "\""}));
    ASSERT_EQ(plan.services.size(), 1U);
    EXPECT_EQ(plan.services[0].settings.sched, std::optional<std::string>(name));
    EXPECT_EQ(plan.services[0].vip, endpoint("10.0.0.100:80"));
  }
  // the default, made explicit
  const Plan plan = compiled(lines({"[[service]]", R"(vip = "10.0.0.100:80")"}));
  ASSERT_EQ(plan.services.size(), 1U);
  EXPECT_EQ(plan.services[0].settings.sched, std::optional<std::string>("wrr"));
}

TEST(Compile, MhGetsTheDefaultTableSizeExplicitlyAndOthersNone) {
  const Plan plan = compiled(lines({
      "[[service]]",
      R"(vip = "10.0.0.100:80")",
      R"(scheduler = "mh")",
      "[[service]]",
      R"(vip = "10.0.0.101:80")",
      R"(scheduler = "mh")",
      "mh_table_size = 7",
      "[[service]]",
      R"(vip = "10.0.0.102:80")",
      R"(scheduler = "sh")",
  }));
  ASSERT_EQ(plan.services.size(), 3U);
  ASSERT_EQ(KNITS_MH_TABLE_SIZE_DEFAULT, 4093);
  EXPECT_EQ(plan.services[0].settings.mh_table_size, std::optional<std::uint32_t>(4093));
  EXPECT_EQ(plan.services[1].settings.mh_table_size, std::optional<std::uint32_t>(7));
  EXPECT_FALSE(plan.services[2].settings.mh_table_size.has_value());
}

TEST(Compile, MembersKeepTheirOrderWeightAndState) {
  const Plan plan = compiled(lines({
      "[scheduling]",
      R"(hash_key = "0f0e0d0c0b0a09080706050403020100")",
      "[[service]]",
      R"(vip = "10.0.0.100:80")",
      "[[service.member]]",
      R"(address = "10.1.1.3:80")",
      "weight = 9",
      "[[service.member]]",
      R"(address = "10.1.1.2:80")",
      R"(state = "draining")",
      "[[service.member]]",
      R"(address = "10.1.1.1:80")",
      "weight = 0",
      R"(state = "down")",
  }));
  ASSERT_TRUE(plan.hash_key.has_value());
  EXPECT_EQ(plan.hash_key->at(0), 0x0fU);
  EXPECT_EQ(plan.hash_key->at(15), 0x00U);
  ASSERT_EQ(plan.services.size(), 1U);
  const auto& m = plan.services[0].members;
  ASSERT_EQ(m.size(), 3U);
  EXPECT_EQ(m[0].address, endpoint("10.1.1.3:80"));
  EXPECT_EQ(m[0].settings, (knits::genl::MemberSettings{9, KNITS_MEMBER_ACTIVE}));
  EXPECT_EQ(m[1].address, endpoint("10.1.1.2:80"));
  EXPECT_EQ(m[1].settings, (knits::genl::MemberSettings{1, KNITS_MEMBER_DRAINING}));
  EXPECT_EQ(m[2].address, endpoint("10.1.1.1:80"));
  EXPECT_EQ(m[2].settings, (knits::genl::MemberSettings{0, KNITS_MEMBER_DOWN}));
}

TEST(Compile, NoHashKeyStaysTheModulesOwn) {
  const Plan plan = compiled(lines({"[[service]]", R"(vip = "10.0.0.100:80")"}));
  EXPECT_FALSE(plan.hash_key.has_value());
  EXPECT_EQ(compile(Descriptor{}), Plan{});
}

TEST(Compile, FrameSwitchingIsRefusedAtTheServicesOrigin) {
  const std::string text = lines(
      {"[[service]]", R"(vip = "10.0.0.100:80")", "", "  [[service]]", R"(vip = "10.0.0.101:80")",
       "[[service.member]]", R"(address = "10.1.1.2:80")", "[service.framing]", "length_width = 2",
       "[service.policy]", R"(kind = "round_robin")"});
  const Descriptor d = parse(text);
  try {
    (void)compile(d);
    ADD_FAILURE() << "compiled a framed service";
  } catch (const FileError& e) {
    EXPECT_EQ(std::string(e.what()),
              at(4, 3, "frame switching ([service.framing]) is not in this knits module yet"));
  }
}

}  // namespace
