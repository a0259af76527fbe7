// SPDX-License-Identifier: GPL-2.0 OR MIT
// Copyright (C) 2026 The knits authors.
//
// Microbenchmarks of what knits.ko adds to a packet, with its
// freestanding core (kmod/core) as the kernel runs it, against the least
// any NAT gateway does (datapath.h). One iteration is:
//
//   baseline        one packet of a NATed connection: its 5-tuple read and
//                   looked up, the destination address and port rewritten
//                   with incremental IPv4 and TCP checksum updates.
//   nat_packet      the same packet through knits' packet path: lookup,
//                   liveness and member checks, the TCP header and its
//                   timestamp option parsed, the TCP state and the
//                   sender's side followed, the same rewrite, counters.
//   splice_ts_sack  one packet of a spliced connection (half the node's
//                   response segments, half the client's upload), with
//                   timestamps and 2 or 3 SACK blocks: lookup, parse, the
//                   core's translation, the state, both addresses and
//                   ports rewritten, seq, ack, window, TSval, TSecr and
//                   every SACK edge rewritten, checksums updated.
//   splice_install  one splice installed: the core's state made from c1's
//                   sides, the leg from c2's, the FIN to the first node.
//   lookup/N        one lookup of a present key among N connections.
//
// Before timing, every benchmark checks that it does the real work on the
// very packets it times (traffic.h, scale_table.h) and stops the run with
// a message otherwise; after timing, that every iteration did it.
//
// With --knits_rounds=N every benchmark runs N times, in rounds of all of
// them in order: the host's speed drifts (it may be a virtual machine on
// shared cores), and a ratio is the median of the rounds' ratios, each
// between runs seconds apart (RatioReporter::ratio).
//
// After the run: a table of ns/op and ratios and, with --knits_json=PATH,
// the same as JSON (scripts/bench-micro).

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "datapath.h"
#include "gateway.h"
#include "huge_array.h"
#include "knits_core.h"
#include "packet.h"
#include "ratio_reporter.h"
#include "scale_table.h"
#include "splice_install.h"
#include "summary.h"
#include "traffic.h"
#include "verify.h"

namespace knits::bench {

namespace {

constexpr std::string_view kJsonFlag = "--knits_json=";
constexpr std::string_view kRoundsFlag = "--knits_rounds=";
// more rounds than a bench run would ever want: a typo, not a request
constexpr unsigned kMaxRounds = 1000;

std::uint64_t iterations(const benchmark::State& state) {
  return static_cast<std::uint64_t>(state.iterations());
}

// Sends the pool's packets through @step one per iteration, in pass
// order, restoring packets and state between passes (untimed). Returns
// how many @step handled as it should.
template <typename Restore, typename Step>
std::uint64_t replay(benchmark::State& state, std::vector<Packet>& work, Restore restore,
                     Step step) {
  restore();
  std::uint64_t done = 0;
  std::size_t i = 0;
  for ([[maybe_unused]] auto iteration : state) {
    if (i == work.size()) {
      state.PauseTiming();
      restore();
      state.ResumeTiming();
      i = 0;
    }
    done += step(work[i]) ? 1U : 0U;
    benchmark::DoNotOptimize(work[i]);
    ++i;
  }
  return done;
}

void bm_baseline(benchmark::State& state) {
  Traffic& t = traffic();
  t.verify_baseline();
  const std::uint64_t done = replay(
      state, t.nat.work, [&t] { t.restore_nat(); },
      [&t](Packet& p) { return baseline_packet(t.gw, p); });
  verify(done == iterations(state), kBaselineName, "an iteration did not rewrite its packet");
}

void bm_nat(benchmark::State& state) {
  Traffic& t = traffic();
  t.verify_nat();
  const std::uint64_t natted = t.gw.counter(KNITS_CTR_NAT_TO_MEMBER);
  const std::uint64_t done = replay(
      state, t.nat.work, [&t] { t.restore_nat(); },
      [&t](Packet& p) { return knits_packet(t.gw, p) == Verdict::kAccept; });
  verify(done == iterations(state) &&
             t.gw.counter(KNITS_CTR_NAT_TO_MEMBER) - natted == iterations(state),
         kNatName, "an iteration's packet was not NATed to its member");
}

void bm_splice(benchmark::State& state) {
  Traffic& t = traffic();
  t.verify_splice();
  const auto spliced = [&t] {
    return t.gw.counter(KNITS_CTR_SPLICED_TO_CLIENT) + t.gw.counter(KNITS_CTR_SPLICED_TO_NODE);
  };
  const std::uint64_t before = spliced();
  const std::uint64_t done = replay(
      state, t.splice.work, [&t] { t.restore_splice(); },
      [&t](Packet& p) { return knits_packet(t.gw, p) == Verdict::kAccept; });
  verify(done == iterations(state) && spliced() - before == iterations(state), kSpliceName,
         "an iteration's packet was not translated and forwarded");
}

// A splice of flow 0 made afresh is the splice its numbers say.
void verify_install(const SpliceFlow& f) {
  Splice sp;
  std::int64_t p = 0;
  knits_emit fin{};
  const char* what = kInstallName;
  verify(install_splice(sp, *f.c1, *f.c2, kSpliceT, kSpliceS, p, fin) == KNITS_SPLICE_OK, what,
         "the splice was refused");
  verify(p == kSpliceP, what, "the switch point is not the client's bytes so far");
  const knits_splice_state& st = sp.st;
  verify(st.first == 0 && st.nlegs == 2 && st.up.count == 2 && st.down.count == 2, what,
         "the state does not have two legs");
  const knits_xlate_entry& up = st.up.entry[1];
  const knits_xlate_entry& down = st.down.entry[1];
  verify(up.from == kSpliceP && up.delta == -static_cast<std::int64_t>(kSpliceT) && up.leg == 1 &&
             down.from == static_cast<std::int64_t>(kSpliceS) &&
             down.delta == -static_cast<std::int64_t>(kSpliceS) && down.leg == 1,
         what, "the translation histories are not {P, -T} and {S, -S}");
  const knits_splice_leg& leg = st.leg[knits_leg_slot(1)];
  verify(leg.up_isn == f.a2i && leg.down_isn == f.bi && st.client_isn == f.ci &&
             st.client_peer_isn == f.ai,
         what, "the legs' ISNs are not c1's and c2's");
  verify(leg.ts_to_client == f.tsa - f.tsb && leg.ts_to_node == f.tsa2 - f.tsc, what,
         "the timestamp offsets are not the clocks' differences");
  verify(fin.to == KNITS_EMIT_TO_NODE && fin.leg == 0 &&
             fin.flags == (KNITS_TCPF_FIN | KNITS_TCPF_ACK) &&
             fin.seq == f.ci + 1 + static_cast<std::uint32_t>(kSpliceP) &&
             fin.ack == f.ai + 1 + static_cast<std::uint32_t>(kSpliceS),
         what, "the first node's FIN is not at P acknowledging S");
  verify(same_key(sp.client, f.c1->ent[kDirOrig].tuple) &&
             same_key(sp.node[1], f.c2->ent[kDirReply].tuple),
         what, "the splice does not hold its legs' tuples");
}

// Each iteration installs the next flow's splice in its own slot, the
// kernel's fresh allocation.
void bm_install(benchmark::State& state) {
  Traffic& t = traffic();
  verify_install(t.splice_flows.front());
  HugeArray<Splice> slots(kFlows);
  std::uint64_t refused = 0;
  std::size_t i = 0;
  for ([[maybe_unused]] auto iteration : state) {
    const SpliceFlow& f = t.splice_flows[i];
    std::int64_t p = 0;
    knits_emit fin{};
    refused += install_splice(slots[i], *f.c1, *f.c2, kSpliceT, kSpliceS, p, fin) == KNITS_SPLICE_OK
                   ? 0U
                   : 1U;
    benchmark::DoNotOptimize(p);
    benchmark::DoNotOptimize(fin);
    benchmark::ClobberMemory();
    i = i + 1 == kFlows ? 0 : i + 1;
  }
  verify(refused == 0, kInstallName, "an iteration's splice was refused");
}

// The table of the last size asked for: the three sizes run one after
// the other, and a million connections take a quarter of a gigabyte.
const ScaleTable& scale_table(std::size_t conns) {
  static std::unique_ptr<ScaleTable> table;
  if (!table || table->conns() != conns) {
    table.reset();
    table = std::make_unique<ScaleTable>(conns);
  }
  return *table;
}

// The next key is read only once this lookup has returned: e->dir is 0 or
// 1, so the index moves by one, but the CPU cannot know that before the
// entry arrives. Without it a tight loop would overlap the cache misses
// of consecutive lookups, which the kernel, with the rest of a packet's
// work between two lookups, cannot.
void bm_lookup(benchmark::State& state) {
  const ScaleTable& st = scale_table(static_cast<std::size_t>(state.range(0)));
  const FlowTable<ConnEnt>& table = st.table();
  const std::span<const std::uint32_t> order = st.order();
  std::size_t j = 0;
  for ([[maybe_unused]] auto iteration : state) {
    const ConnEnt* e = table.lookup(ScaleTable::key(order[j]));
    benchmark::DoNotOptimize(e);
    j += 1U + (e->dir >> 1U);
    if (j >= order.size()) {
      j = 0;
    }
  }
}

// In registration order; in ns whatever the command line says (the
// summary converts anyway).
BENCHMARK(bm_baseline)->Name(kBaselineName)->Unit(benchmark::kNanosecond);
BENCHMARK(bm_nat)->Name(kNatName)->Unit(benchmark::kNanosecond);
BENCHMARK(bm_splice)->Name(kSpliceName)->Unit(benchmark::kNanosecond);
BENCHMARK(bm_install)->Name(kInstallName)->Unit(benchmark::kNanosecond);
BENCHMARK(bm_lookup)
    ->Name(kLookupName)
    ->Arg(kLookupSizes[0])
    ->Arg(kLookupSizes[1])
    ->Arg(kLookupSizes[2])
    ->Unit(benchmark::kNanosecond);

void print_help() {
  benchmark::PrintDefaultHelp();
  std::cout << "          [--knits_json=PATH]  also write the ns/op and ratios there as JSON\n"
            << "          [--knits_rounds=N]   run every benchmark N times (1 to " << kMaxRounds
            << "), in rounds\n";
}

// Removes @flag's "--name=VALUE" from @args, which benchmark would
// refuse; returns the last VALUE.
std::optional<std::string> take_flag(std::vector<char*>& args, std::string_view flag) {
  std::optional<std::string> value;
  std::erase_if(args, [&value, flag](const char* arg) {
    const std::string_view a(arg);
    if (!a.starts_with(flag)) {
      return false;
    }
    value = std::string(a.substr(flag.size()));
    return true;
  });
  return value;
}

// --knits_rounds' value: 1 to kMaxRounds, decimal digits only.
std::optional<unsigned> parse_rounds(std::string_view text) {
  unsigned n = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || ec != std::errc{} || ptr != end || n == 0 || n > kMaxRounds) {
    return std::nullopt;
  }
  return n;
}

bool write_json(const std::string& path, const Summary& summary) {
  const std::filesystem::path file(path);
  std::error_code ec;
  if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path(), ec);
  }
  std::ofstream out(file);
  out << summary.json().dump() << "\n";
  out.close();
  return !ec && out.good();
}

int run(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  const std::optional<std::string> json = take_flag(args, kJsonFlag);
  if (json && json->empty()) {
    std::cerr << "knits_core_bench: --knits_json needs a path\n";
    return 2;
  }
  const std::optional<std::string> rounds_text = take_flag(args, kRoundsFlag);
  const std::optional<unsigned> rounds = rounds_text ? parse_rounds(*rounds_text) : 1U;
  if (!rounds) {
    std::cerr << "knits_core_bench: --knits_rounds takes 1 to " << kMaxRounds << ", not '"
              << *rounds_text << "'\n";
    return 2;
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data(), print_help);
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) {
    return 2;
  }

  RatioReporter reporter{
      std::unique_ptr<benchmark::BenchmarkReporter>{benchmark::CreateDefaultDisplayReporter()}};
  std::size_t matched = 0;
  for (unsigned round = 1; round <= *rounds; ++round) {
    if (*rounds > 1) {
      std::cout << "knits_core_bench: round " << round << " of " << *rounds << "\n";
    }
    matched = benchmark::RunSpecifiedBenchmarks(&reporter);
  }
  benchmark::Shutdown();
  if (matched != 0 && !reporter.started()) {
    return 0;  // listed, not run
  }

  const Summary summary(reporter);
  summary.print(std::cout);
  if (!json) {
    return 0;
  }
  if (const std::vector<std::string> missing = summary.missing(); !missing.empty()) {
    std::cerr << "knits_core_bench: no JSON written: " << missing.front() << " did not run\n";
    return 1;
  }
  if (!write_json(*json, summary)) {
    std::cerr << "knits_core_bench: cannot write " << *json << "\n";
    return 1;
  }
  std::cout << "wrote " << *json << "\n";
  return 0;
}

}  // namespace

}  // namespace knits::bench

int main(int argc, char** argv) { return knits::bench::run(argc, argv); }
