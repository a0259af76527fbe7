# SPDX-License-Identifier: GPL-2.0
"""The SVG figures: the paper's Figures 6-8 (throughput, latency and
connections per second against response size) and wrk's requests/s.

The files are meant to be committed, so they are deterministic: matplotlib's
defaults (no user style), a fixed hash salt for the ids in the SVG and no
date in its metadata. A metric that was not measured still gets its file,
saying so, so that links to the figures never break.
"""

import os

import matplotlib

matplotlib.use("Agg")  # no display: the figures go to files only
import matplotlib.pyplot as plt  # noqa: E402 (after the backend is chosen)

from . import doc, tables  # noqa: E402

FIGURES = (
    ("fig6-throughput.svg", ("persistent", "throughput"),
     "Figure 6: throughput vs response size", "linear"),
    # Latency and connection rates span orders of magnitude from 1K to 32M.
    ("fig7-latency.svg", ("persistent", "latency"),
     "Figure 7: latency vs response size", "log"),
    ("fig8-cps.svg", ("cps", "cps"),
     "Figure 8: connections per second vs response size", "log"),
)
MARKERS = "osv^DPX*<>ph"
SMALLEST, LARGEST = 1 << 10, 32 << 20  # the paper's axis: 1 KiB to 32 MiB


def _setup():
    matplotlib.rcdefaults()
    matplotlib.rcParams["svg.hashsalt"] = "knits-bench-report"
    matplotlib.rcParams["svg.fonttype"] = "path"


def _style(r, variant):
    """A variant's colour and marker by its place in the run's variant list,
    so each variant looks the same in every figure."""
    i = r.variants.index(variant)
    return {"color": f"C{i % 10}", "marker": MARKERS[i % len(MARKERS)]}


def _title(r, text):
    return text + (" (emulated CPU)" if r.meta["emulated"] else "")


def _save(fig, path):
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def _not_measured(path, title):
    fig, ax = plt.subplots(figsize=(7, 4.2))
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, tables.NOT_MEASURED, ha="center", va="center", fontsize=14)
    _save(fig, path)


def _size_axis(ax, sizes):
    lo, hi = min([SMALLEST] + sizes), max([LARGEST] + sizes)
    ax.set_xscale("log", base=2)
    ax.set_xlim(lo / 1.3, hi * 1.3)
    ticks = []
    t = 1
    while t <= hi:
        if t >= lo:
            ticks.append(t)
        t *= 2
    ax.set_xticks(ticks)
    ax.set_xticklabels([doc.size(t) for t in ticks], fontsize=7)
    ax.minorticks_off()
    ax.set_xlabel("response size (bytes)")


def size_figure(r, path, key, title, yscale):
    by_variant = r.metric(*key)
    if not by_variant:
        _not_measured(path, _title(r, title))
        return
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for v in r.variants:
        if v not in by_variant:
            continue
        sizes = sorted(by_variant[v])
        ax.plot(sizes, [by_variant[v][s].value for s in sizes], label=v,
                linewidth=1.2, markersize=5, **_style(r, v))
    _size_axis(ax, tables.sizes_of(by_variant))
    ax.set_yscale(yscale)
    ax.set_ylabel(f"{key[1]} ({r.units[key]})")
    ax.set_title(_title(r, title))
    ax.grid(True, which="major", linewidth=0.4, alpha=0.6)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    _save(fig, path)


def wrk_figure(r, path):
    key = ("wrk", "rps")
    by_variant = r.metric(*key)
    title = _title(r, "wrk: requests per second (labels: ratio to forward)")
    if not by_variant:
        _not_measured(path, title)
        return
    sizes = tables.sizes_of(by_variant)
    variants = [v for v in r.variants if v in by_variant]
    cells = tables.ratio_to_base(r, key)
    width = 0.8 / len(sizes)
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for j, s in enumerate(sizes):
        xs = [i + (j - (len(sizes) - 1) / 2) * width for i in range(len(variants))]
        ys = [by_variant[v][s].value if s in by_variant[v] else 0 for v in variants]
        # One size: each bar in its variant's colour, as in the other figures;
        # several: one colour per size, told apart by the legend.
        colors = ([_style(r, v)["color"] for v in variants] if len(sizes) == 1
                  else f"C{j % 10}")
        bars = ax.bar(xs, ys, width * 0.9, label=f"{doc.size(s)} responses", color=colors)
        # Each bar says its ratio to forward: the number to read under TCG.
        labels = [doc.ratio(cells.get(s, {}).get(v, 1.0 if v == tables.BASE else None))
                  if s in cells else "" for v in variants]
        ax.bar_label(bars, labels=labels, fontsize=6, padding=2)
    ax.set_xticks(range(len(variants)))
    ax.set_xticklabels(variants, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(r.units[key])
    ax.set_title(title)
    ax.grid(True, axis="y", linewidth=0.4, alpha=0.6)
    if len(sizes) > 1:
        ax.legend(fontsize=7)
    fig.tight_layout()
    _save(fig, path)


def write_all(r, out_dir):
    """Write the four figures into out_dir; return their paths."""
    _setup()
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for name, key, title, yscale in FIGURES:
        path = os.path.join(out_dir, name)
        size_figure(r, path, key, title, yscale)
        paths.append(path)
    path = os.path.join(out_dir, "wrk.svg")
    wrk_figure(r, path)
    return paths + [path]
