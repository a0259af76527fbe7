# SPDX-License-Identifier: GPL-2.0
"""Run-to-run spread: how far each ratio of a run is from an earlier run's.

Absolute numbers under an emulated CPU move with the host's load; the
ratios should not, so the ratios are what two runs are compared on. The
verdict is information for the reader, not a test: it never fails a run.
"""

from . import doc, tables
from .doc import Table, Text

AGREE = 0.10  # a ratio that moved more than this between runs "differs"


def spreads(new, old):
    """(group, row, column) -> |new/old - 1| for each ratio of both runs,
    in the new run's print order; and how many ratios only one run has."""
    a, b = tables.ratios(new), tables.ratios(old)
    both = {k: abs(x / b[k] - 1) if b[k] else float("inf")
            for k, x in a.items() if k in b}
    return both, len(a.keys() ^ b.keys())


def _group_tables(both):
    """One table per group (a ratio table of the report): its rows and
    columns in the order they appeared, each cell the spread."""
    groups = {}
    for (group, row, col), s in both.items():
        g = groups.setdefault(group, ({}, {}, {}))
        g[0].setdefault(row, None)
        g[1].setdefault(col, None)
        g[2][(row, col)] = s
    out = []
    for group, (rows, cols, cells) in groups.items():
        body = [[row] + [doc.percent(cells.get((row, col))) for col in cols] for row in rows]
        out.append(Table(f"Run-to-run spread |new/old - 1|, {group}", [""] + list(cols), body))
    return out


def verdict_lines(both, only_one):
    if not both:
        return ["bench: no ratio was measured in both runs"]
    worst = max(both, key=both.get)
    group, row, col = worst
    lines = [f"max spread: {doc.percent(both[worst])} ({group}: {row}, {col})"]
    if only_one:
        lines.append(f"{only_one} ratios are in one run only and were not compared")
    over = sum(1 for s in both.values() if s > AGREE)
    if over:
        lines.append(f"bench: runs differ by more than {AGREE:.0%} on {over} ratios")
    else:
        lines.append(f"bench: runs agree within {AGREE:.0%}")
    return lines


def section(new, old):
    both, only_one = spreads(new, old)
    return ([doc.Heading(f"Run-to-run spread against {old.path}")]
            + _group_tables(both) + [Text(*verdict_lines(both, only_one))])
