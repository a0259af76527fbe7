# SPDX-License-Identifier: GPL-2.0
"""The report's sections, in the order they print, as doc blocks; and the
ratios they show, which is what a run is compared on (compare.py)."""

from . import doc
from .doc import Heading, Table, Text

NOT_MEASURED = "not measured"
BASE = "forward"  # every ratio table is relative to plain IP forwarding

TITLES = {
    ("persistent", "throughput"): "Throughput over persistent connections",
    ("persistent", "latency"): "Latency over persistent connections",
    ("cps", "cps"): "New connections per second",
}
# The short name a ratio is known by in the run-to-run comparison.
SHORT = {("persistent", "throughput"): "throughput",
         ("persistent", "latency"): "latency", ("cps", "cps"): "cps",
         ("wrk", "rps"): "wrk"}
BYTES_PER_CONNECTION_MAX = 160
DEFAULT_MICRO_TARGET = 1.2
MICRO_RATIOS = (("nat_ratio", "nat / baseline"),
                ("splice_ts_sack_ratio", "splice ts+sack / baseline"),
                ("install_ratio", "install / baseline"),
                ("lookup_ratio_1m_1k", "lookup 1M / 1K entries"))


# --- the numbers the tables show --------------------------------------------

def sizes_of(by_variant):
    return sorted({s for by_size in by_variant.values() for s in by_size})


def divide(a, b):
    """a / b, or None when b is 0: a run that measured nothing (a dead
    forward path) has no ratio, and should not stop the report."""
    return None if b == 0 else a / b


def paired_ratio(a, b):
    """Series a over series b. The guest measures the variants of one
    repetition seconds apart and the repetitions minutes apart, and the
    emulated CPU's speed drifts between repetitions far more than within
    one: so each of a's samples is divided by b's of the same repetition
    (the samples are in repetition order), and the ratio is the mean of
    those without the highest and lowest, as the values are. Series of
    different repetitions fall back to the ratio of their values."""
    if len(a.samples) != len(b.samples) or not a.samples or 0 in b.samples:
        return a.value / b.value
    each = sorted(x / y for x, y in zip(a.samples, b.samples))
    kept = each[1:-1] if len(each) >= 3 else each
    return sum(kept) / len(kept)


def ratio_to_base(r, key):
    """{size: {variant: its paired ratio to forward}} of a metric; {}
    without forward. forward itself is left out: its ratio is 1 by
    definition."""
    by_variant = r.metric(*key)
    base = by_variant.get(BASE, {})
    out = {}
    for size in sizes_of(by_variant):
        if size not in base or base[size].value == 0:
            continue
        out[size] = {v: paired_ratio(by_variant[v][size], base[size])
                     for v in r.variants
                     if v != BASE and size in by_variant.get(v, {})}
    return out


def ratios(r):
    """Every ratio the report prints that a rerun should reproduce, as
    (group, row, column) -> ratio, in print order."""
    out = {}
    for key in SHORT:
        for size, cells in ratio_to_base(r, key).items():
            for v, x in cells.items():
                out[(f"{SHORT[key]} ratio to {BASE}", doc.size(size), v)] = x
    if r.control:
        out[("control", "splice/echo", "ratio")] = r.control["ratio"]
    for name, label in MICRO_RATIOS:
        if r.micro and r.micro[name] is not None:
            out[("micro", label, "ratio")] = r.micro[name]
    return out


def verdict(value, op, target):
    """"met", or how far short of the target the value is, in percent."""
    if value is None:
        return NOT_MEASURED
    if (value >= target) if op == ">=" else (value <= target):
        return "met"
    return f"missed by {abs(value - target) / target * 100:.1f}%"


# --- sections ---------------------------------------------------------------

def header(r):
    m = r.meta
    lines = [f"knits bench report: {r.path}",
             f"kernel {m['kernel']}" + (f", host CPU {m['host_cpu']}" if m["host_cpu"] else "")]
    if m["emulated"]:
        lines.append("absolute numbers are from an emulated CPU (QEMU TCG): read the ratios")
    else:
        lines.append("absolute numbers are from the host's CPU (not emulated)")
    n, kept = m["repetitions"], m["kept"]
    dropped = "all kept" if kept >= n else "the highest and the lowest dropped"
    lines.append(f"{n} repetition{'' if n == 1 else 's'} per point, {kept} kept ({dropped})")
    run = f"run length {m['seconds']:g} s ({m['seconds'] / 60:.1f} min)"
    lines.append(run + (f", started {m['started']}" if m["started"] else ""))
    if r.ignored:
        lines.append(f"{r.ignored} series of workloads this report does not know were ignored")
    return [Text(*lines)]


def _largest_common_size(r, key, a, b):
    by_variant = r.metric(*key)
    common = set(by_variant.get(a, {})) & set(by_variant.get(b, {}))
    return max(common) if common else None


def _throughput_row(r, a, b, target):
    key = ("persistent", "throughput")
    size = _largest_common_size(r, key, a, b)
    if size is None:
        return [f"{a} / {b} throughput", doc.MISSING, f">= {target:.2f}", NOT_MEASURED]
    by_variant = r.metric(*key)
    if by_variant[b][size].value == 0:
        return [f"{a} / {b} throughput at {doc.size(size)}", doc.MISSING,
                f">= {target:.2f}", f"not measured ({b} is 0)"]
    x = paired_ratio(by_variant[a][size], by_variant[b][size])
    # Three decimals: the targets are 1% apart, two would round a miss to "0.99".
    return [f"{a} / {b} throughput at {doc.size(size)}", f"{x:.3f}",
            f">= {target:.2f}", verdict(x, ">=", target)]


def _memory_row(r):
    label = "bytes per tracked connection"
    if not r.memory:
        return [label, doc.MISSING, f"<= {BYTES_PER_CONNECTION_MAX}", NOT_MEASURED]
    m = r.memory[-1]
    x = m["bytes_per_connection"]
    return [f"{label} at {m['connections']:,}", doc.number(x),
            f"<= {BYTES_PER_CONNECTION_MAX}", verdict(x, "<=", BYTES_PER_CONNECTION_MAX)]


def _micro_target(r, name):
    t = r.micro["targets"][name] if r.micro else None
    return DEFAULT_MICRO_TARGET if t is None else t


def _micro_row(r, name, label, target_name):
    target = _micro_target(r, target_name)
    x = r.micro[name] if r.micro else None
    return [label, doc.MISSING if x is None else f"{x:.3f}", f"<= {target:g}",
            verdict(x, "<=", target)]


def headline(r):
    rows = [_throughput_row(r, "knits", BASE, 0.99),
            _throughput_row(r, "knits", "nft-nat", 1.00),
            _throughput_row(r, "knits", "ipvs-nat", 1.00),
            _throughput_row(r, "knits-handoff-1", "knits", 0.99),
            _throughput_row(r, "knits-handoff-2", "knits", 0.99),
            _memory_row(r),
            _micro_row(r, "nat_ratio", "micro: NAT / baseline", "translation_ratio_max"),
            _micro_row(r, "splice_ts_sack_ratio", "micro: splice with ts+sack / baseline",
                       "translation_ratio_max"),
            _micro_row(r, "lookup_ratio_1m_1k", "micro: lookup 1M / 1K entries",
                       "lookup_ratio_max")]
    return [Heading("Headline"),
            Table("Headline: what the README shows", ["", "value", "target", ""], rows)]


def _max_spread(by_variant, size):
    spreads = [by_size[size].spread for by_size in by_variant.values() if size in by_size]
    return max(spreads) if spreads else None


def _ratio_table(r, key, title):
    by_variant = r.metric(*key)
    cells = ratio_to_base(r, key)
    if not cells:
        return Text(f"{title}, ratio to {BASE}: {NOT_MEASURED} (no {BASE} series)")
    cols = [v for v in r.variants if v != BASE and v in by_variant]
    rows = [[doc.size(s)] + [doc.ratio(cells[s].get(v)) for v in cols]
            + [doc.percent(_max_spread(by_variant, s))] for s in cells]
    lower = " (lower is better)" if key[1] == "latency" else ""
    return Table(f"{title}, ratio to {BASE}{lower}", ["size"] + cols + ["max spread"], rows)


def _absolute_table(r, key, title):
    by_variant = r.metric(*key)
    cols = [v for v in r.variants if v in by_variant]
    sizes = sizes_of(by_variant)
    rows = [[doc.size(s)]
            + [doc.number(by_variant[v][s].value) if s in by_variant[v] else doc.MISSING
               for v in cols]
            + [doc.percent(_max_spread(by_variant, s))] for s in sizes]
    worst = max(((by_variant[v][s].spread, v, s) for v in cols for s in by_variant[v]))
    emulated = " (emulated)" if r.meta["emulated"] else ""
    note = (f"spread: (max-min)/value of the kept samples; the largest here is "
            f"{doc.percent(worst[0])} ({worst[1]} at {doc.size(worst[2])})")
    return Table(f"{title}, {r.units[key]}{emulated}", ["size"] + cols + ["max spread"],
                 rows, [note])


def metric_section(r, key):
    title = TITLES[key]
    if not r.metric(*key):
        return [Heading(title), Text(f"{title}: {NOT_MEASURED}")]
    return [Heading(title), _ratio_table(r, key, title), _absolute_table(r, key, title)]


def wrk(r):
    key = ("wrk", "rps")
    by_variant = r.metric(*key)
    if not by_variant:
        return [Heading("wrk"), Text(f"wrk: {NOT_MEASURED}")]
    blocks = [Heading("wrk")]
    cells = ratio_to_base(r, key)
    emulated = " (emulated)" if r.meta["emulated"] else ""
    for s in sizes_of(by_variant):
        rows = [[v, doc.number(by_variant[v][s].value),
                 "1.00" if v == BASE and s in cells else doc.ratio(cells.get(s, {}).get(v)),
                 doc.percent(by_variant[v][s].spread)]
                for v in r.variants if s in by_variant.get(v, {})]
        blocks.append(Table(f"wrk, {doc.size(s)} responses",
                            ["variant", f"{r.units[key]}{emulated}", f"ratio to {BASE}",
                             "spread"], rows))
    return blocks


def handoff_cost(r):
    h = r.handoff_cost
    if h is None:
        return [Heading("Hand-off cost"), Text(f"hand-off cost: {NOT_MEASURED}")]
    added = h["added_ms"]

    def share(ms):
        return doc.percent(divide(ms, added), 0)

    rows = [["plain request", doc.number(h["plain_ms"]), ""],
            ["handed-off request", doc.number(h["handoff_ms"]), ""],
            ["added by the hand-off", doc.number(added), share(added)]]
    rows += [[f"  {name}", doc.number(ms), share(ms)] for name, ms in h["parts_ms"].items()]
    emulated = ", emulated" if r.meta["emulated"] else ""
    return [Heading("Hand-off cost"),
            Table(f"Hand-off cost (mean of {h['requests']} requests{emulated})",
                  ["", "ms", "share of added"], rows)]


def memory(r):
    if not r.memory:
        return [Heading("Memory"), Text(f"memory: {NOT_MEASURED}")]
    conntrack = r.memory_conntrack or []

    def optional(m, key, form):
        return doc.MISSING if m is None or m.get(key) is None else form.format(m[key])

    rows = []
    for i, m in enumerate(r.memory):
        ct = conntrack[i] if i < len(conntrack) else None
        rows.append([f"{m['connections']:,}", f"{m['bytes_per_connection']:.1f}",
                     f"{m['slab_bytes']:,.0f}", optional(m, "object_bytes", "{:,.0f}"),
                     optional(ct, "connections", "{:,}"),
                     optional(ct, "bytes_per_connection", "{:.1f}")])
    return [Heading("Memory"),
            Table("Kernel memory per tracked connection (slab growth / connections)",
                  ["connections", "knits bytes/conn", "knits slab bytes", "object bytes",
                   "conntrack conns", "conntrack bytes/conn"], rows)]


def control(r):
    c = r.control
    if c is None:
        return [Heading("Control plane"), Text(f"control plane: {NOT_MEASURED}")]
    emulated = " (emulated)" if r.meta["emulated"] else ""
    rows = [["echoes per second", doc.number(c["echo_per_second"])],
            ["splices per second", doc.number(c["splice_per_second"])],
            ["splice / echo", doc.ratio(c["ratio"])]]
    return [Heading("Control plane"), Table(f"Control plane{emulated}", ["", "value"], rows)]


def _micro_rows(m, t_translation, t_lookup):
    def row(label, ns, ratio=None, op=None, target=None):
        if ns is None and ratio is None:
            return [label, NOT_MEASURED, "", "", ""]
        tgt = "" if target is None else f"{op} {target:g}"
        v = "" if target is None else verdict(ratio, op, target)
        return [label, "" if ns is None else doc.number(ns),
                "" if ratio is None else doc.ratio(ratio), tgt, v]

    rows = [row("baseline", m["baseline_ns"]),
            row("NAT", m["nat_ns"], m["nat_ratio"], "<=", t_translation),
            row("splice with ts+sack", m["splice_ts_sack_ns"], m["splice_ts_sack_ratio"],
                "<=", t_translation),
            row("install", m["install_ns"], m["install_ratio"])]
    rows += [row(f"lookup, {n:,} entries", ns) for n, ns in sorted(m["lookup_ns"].items())]
    rows.append(row("lookup 1M / 1K entries", None, m["lookup_ratio_1m_1k"], "<=", t_lookup))
    return rows


def micro(r):
    if r.micro is None:
        return [Heading("Micro-benchmarks"), Text(f"micro-benchmarks: {NOT_MEASURED}")]
    rows = _micro_rows(r.micro, _micro_target(r, "translation_ratio_max"),
                       _micro_target(r, "lookup_ratio_max"))
    # scripts/bench runs them on the host, whatever CPU the VM had
    return [Heading("Micro-benchmarks"),
            Table("Micro-benchmarks (ns per packet or operation, on the host's CPU, not emulated; "
                  "ratios to baseline)", ["", "ns", "ratio", "target", ""], rows)]


def report(r):
    """The whole report, in print order."""
    blocks = header(r) + headline(r)
    for key in TITLES:
        blocks += metric_section(r, key)
    return (blocks + wrk(r) + handoff_cost(r) + memory(r) + control(r) + micro(r))
