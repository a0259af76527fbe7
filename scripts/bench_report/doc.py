# SPDX-License-Identifier: GPL-2.0
"""The report as a list of blocks (headings, lines of text, tables), and
its two renderings: aligned plain text for a terminal, Markdown for a file.

Building the report once as blocks keeps the two outputs the same tables.
"""

MISSING = "-"


class Heading:
    def __init__(self, text):
        self.text = text


class Text:
    def __init__(self, *lines):
        self.lines = list(lines)


class Table:
    """A titled table; the first column is a label, the others are values.

    notes are lines printed under the table.
    """

    def __init__(self, title, headers, rows, notes=()):
        self.title = title
        self.headers = list(headers)
        self.rows = [list(r) for r in rows]
        self.notes = list(notes)


# --- formatting of values -------------------------------------------------

def size(n):
    """A response size as the paper writes it: 1K, 64K, 1M, 32M."""
    for unit, factor in (("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10)):
        if n >= factor:
            return f"{n / factor:g}{unit}"
    return str(n)


def number(x):
    """An absolute measurement with about three significant digits and
    no exponent (Mbit/s, ms, ns and counts all read as plain numbers)."""
    if x is None:
        return MISSING
    a = abs(x)
    if a >= 100:
        return f"{x:,.0f}"
    if a >= 10:
        return f"{x:.1f}"
    if a >= 1:
        return f"{x:.2f}"
    return f"{x:#.3g}"  # '#' keeps the zeros: 0.600, not 0.6


def ratio(x):
    return MISSING if x is None else f"{x:.2f}"


def percent(x, digits=1):
    """A fraction (0.05) as a percentage (5.0%)."""
    return MISSING if x is None else f"{x * 100:.{digits}f}%"


# --- renderings -----------------------------------------------------------

def _text_table(t):
    cells = [t.headers] + t.rows
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(t.headers))]

    def line(r):
        first = str(r[0]).ljust(widths[0])
        rest = [str(c).rjust(w) for c, w in zip(r[1:], widths[1:])]
        return "  ".join([first] + rest).rstrip()

    out = [t.title, "-" * len(t.title), line(t.headers)]
    out += [line(r) for r in t.rows]
    return out + t.notes


def _md_cell(c):
    return str(c).replace("|", "\\|")


def _md_table(t):
    out = [f"**{t.title}**", ""]
    out.append("| " + " | ".join(_md_cell(h) for h in t.headers) + " |")
    out.append("|" + "|".join([":---"] + ["---:"] * (len(t.headers) - 1)) + "|")
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in t.rows]
    if t.notes:
        out += [""] + [n + "  " for n in t.notes]
    return out


def render_text(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["", f"== {b.text} =="]
        elif isinstance(b, Text):
            out += b.lines
        else:
            out += [""] + _text_table(b)
    return "\n".join(out).lstrip("\n") + "\n"


def render_markdown(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out += ["", f"## {b.text}", ""]
        elif isinstance(b, Text):
            # Two trailing spaces: each line stays a line in Markdown.
            out += [line + "  " for line in b.lines] + [""]
        else:
            out += _md_table(b) + [""]
    return "\n".join(out).strip("\n") + "\n"
