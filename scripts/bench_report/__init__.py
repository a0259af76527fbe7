# SPDX-License-Identifier: GPL-2.0
"""Reads a knits benchmark results JSON and reports it as tables and plots.

schema: load and check the input; doc: tables and their plain-text and
Markdown renderings; tables: the report's sections; compare: run-to-run
spread against an earlier run; plots: the SVG figures (matplotlib).
scripts/bench-report is the command line.
"""
