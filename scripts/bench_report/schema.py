# SPDX-License-Identifier: GPL-2.0
"""Loads a bench results JSON and checks it against the bench's schema.

Everything the report reads is checked here, so the rest of the report can
index without guarding: a bad input becomes one InputError naming the file
and the field, never a traceback. The optional sections (handoff_cost,
memory, control, micro) may be absent; one that is present must be whole,
except micro, whose benchmarks are separate runs and so may each be
missing, and memory's object_bytes.
"""

import json
import math

# (workload, metric) pairs the report knows, in the order it shows them.
METRICS = (
    ("persistent", "throughput"),
    ("persistent", "latency"),
    ("cps", "cps"),
    ("wrk", "rps"),
)

MICRO_NUMBERS = ("baseline_ns", "nat_ns", "nat_ratio", "splice_ts_sack_ns",
                 "splice_ts_sack_ratio", "install_ns", "install_ratio",
                 "lookup_ratio_1m_1k")
MICRO_TARGETS = ("translation_ratio_max", "lookup_ratio_max")


class InputError(Exception):
    """A results file that cannot be reported: one line for the user."""


class Series:
    """One variant's measurement at one size: its kept mean and spread."""

    def __init__(self, value, spread, unit, samples):
        self.value = value
        self.spread = spread
        self.unit = unit
        self.samples = samples


class Results:
    """A checked results file.

    series[(workload, metric)][variant][size] is a Series; units[(workload,
    metric)] its unit. Absent optional sections are None (memory: an empty
    list is None too, so "not measured" has one spelling).
    """

    def __init__(self, path, meta, variants, series, units, handoff_cost,
                 memory, memory_conntrack, control, micro, ignored):
        self.path = path
        self.meta = meta
        self.variants = variants
        self.series = series
        self.units = units
        self.handoff_cost = handoff_cost
        self.memory = memory
        # conntrack's memory for the same connections through nft-nat
        self.memory_conntrack = memory_conntrack
        self.control = control
        self.micro = micro
        self.ignored = ignored

    def metric(self, workload, metric):
        """The {variant: {size: Series}} of a metric, {} if not measured."""
        return self.series.get((workload, metric), {})


def _describe(kind):
    return {"number": "a number", "int": "an integer", "str": "a string",
            "bool": "true or false", "list": "a list",
            "object": "an object"}[kind]


def _is(value, kind):
    # bool is an int in Python, but true is no count of anything.
    if kind == "number":
        return (isinstance(value, (int, float)) and not isinstance(value, bool)
                and math.isfinite(value))
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, {"str": str, "bool": bool, "list": list,
                              "object": dict}[kind])


class _Checker:
    """Typed field access that names the file and the field on failure."""

    def __init__(self, path):
        self.path = path

    def fail(self, where, what):
        raise InputError(f"{self.path}: {where}: {what}")

    def get(self, obj, key, kind, where, optional=False):
        here = f"{where}.{key}" if where else key
        if key not in obj:
            if optional:
                return None
            self.fail(here, "missing")
        value = obj[key]
        if not _is(value, kind):
            self.fail(here, f"expected {_describe(kind)}, got {json.dumps(value)[:40]}")
        return value


def _read_json(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: malformed JSON: not UTF-8") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: malformed JSON: {e}") from None


def _meta(c, doc):
    meta = c.get(doc, "meta", "object", "")
    out = {
        "kernel": c.get(meta, "kernel", "str", "meta"),
        "emulated": c.get(meta, "emulated", "bool", "meta"),
        "repetitions": c.get(meta, "repetitions", "int", "meta"),
        "kept": c.get(meta, "kept", "int", "meta"),
        "seconds": c.get(meta, "seconds", "number", "meta"),
        # Only printed: a file without them still reports.
        "host_cpu": c.get(meta, "host_cpu", "str", "meta", optional=True),
        "started": c.get(meta, "started", "str", "meta", optional=True),
    }
    return out


def _variants(c, doc):
    variants = c.get(doc, "variants", "list", "")
    for i, v in enumerate(variants):
        if not _is(v, "str"):
            c.fail(f"variants[{i}]", "expected a string")
    if len(set(variants)) != len(variants):
        c.fail("variants", "a variant is listed twice")
    return variants


def _one_series(c, s, where, variants):
    if not _is(s, "object"):
        c.fail(where, "expected an object")
    workload = c.get(s, "workload", "str", where)
    metric = c.get(s, "metric", "str", where)
    unit = c.get(s, "unit", "str", where)
    variant = c.get(s, "variant", "str", where)
    size = c.get(s, "size", "int", where)
    samples = c.get(s, "samples", "list", where)
    value = c.get(s, "value", "number", where)
    spread = c.get(s, "spread", "number", where)
    if variant not in variants:
        c.fail(f"{where}.variant", f"'{variant}' is not in variants")
    if size <= 0:
        c.fail(f"{where}.size", "not positive")
    for j, x in enumerate(samples):
        if not _is(x, "number"):
            c.fail(f"{where}.samples[{j}]", "expected a number")
    return (workload, metric), variant, size, Series(value, spread, unit, samples)


def _series(c, doc, variants):
    series, units, ignored = {}, {}, 0
    for i, s in enumerate(c.get(doc, "series", "list", "")):
        where = f"series[{i}]"
        key, variant, size, one = _one_series(c, s, where, variants)
        if key not in METRICS:
            # A newer bench may measure more; the report shows what it knows.
            ignored += 1
            continue
        if units.setdefault(key, one.unit) != one.unit:
            c.fail(f"{where}.unit",
                   f"'{one.unit}', but earlier {'/'.join(key)} series are in '{units[key]}'")
        by_size = series.setdefault(key, {}).setdefault(variant, {})
        if size in by_size:
            c.fail(where, f"a second {'/'.join(key)} series of {variant} at size {size}")
        by_size[size] = one
    return series, units, ignored


def _handoff_cost(c, doc):
    h = c.get(doc, "handoff_cost", "object", "", optional=True)
    if h is None:
        return None
    w = "handoff_cost"
    out = {k: c.get(h, k, "number", w) for k in ("plain_ms", "handoff_ms", "added_ms")}
    out["requests"] = c.get(h, "requests", "int", w)
    parts = c.get(h, "parts_ms", "object", w)
    out["parts_ms"] = {k: c.get(parts, k, "number", f"{w}.parts_ms") for k in parts}
    return out


def _memory(c, doc, key="memory"):
    rows = c.get(doc, key, "list", "", optional=True)
    if not rows:
        return None
    out = []
    for i, m in enumerate(rows):
        w = f"{key}[{i}]"
        if not _is(m, "object"):
            c.fail(w, "expected an object")
        out.append({
            "connections": c.get(m, "connections", "int", w),
            "bytes_per_connection": c.get(m, "bytes_per_connection", "number", w),
            "slab_bytes": c.get(m, "slab_bytes", "number", w),
            # the slab object's size, as /proc/slabinfo gives it
            "object_bytes": c.get(m, "object_bytes", "number", w, optional=True),
        })
    return sorted(out, key=lambda m: m["connections"])


def _control(c, doc):
    ctl = c.get(doc, "control", "object", "", optional=True)
    if ctl is None:
        return None
    return {k: c.get(ctl, k, "number", "control")
            for k in ("echo_per_second", "splice_per_second", "ratio")}


def _micro(c, doc):
    m = c.get(doc, "micro", "object", "", optional=True)
    if m is None:
        return None
    out = {k: c.get(m, k, "number", "micro", optional=True) for k in MICRO_NUMBERS}
    lookup = c.get(m, "lookup_ns", "object", "micro", optional=True) or {}
    out["lookup_ns"] = {}
    for k in lookup:
        if not k.isdigit():
            c.fail(f"micro.lookup_ns.{k}", "key is not a count of entries")
        out["lookup_ns"][int(k)] = c.get(lookup, k, "number", "micro.lookup_ns")
    targets = c.get(m, "targets", "object", "micro", optional=True) or {}
    out["targets"] = {k: c.get(targets, k, "number", "micro.targets", optional=True)
                      for k in MICRO_TARGETS}
    return out


def load(path):
    """The checked Results of the file at path; InputError if it has none."""
    c = _Checker(path)
    doc = _read_json(path)
    if not _is(doc, "object"):
        c.fail("top level", "expected an object")
    meta = _meta(c, doc)
    variants = _variants(c, doc)
    series, units, ignored = _series(c, doc, variants)
    return Results(path, meta, variants, series, units,
                   _handoff_cost(c, doc), _memory(c, doc),
                   _memory(c, doc, "memory_conntrack"), _control(c, doc),
                   _micro(c, doc), ignored)
