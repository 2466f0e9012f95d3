"""The benchmark harness behind ``make bench``.

``python -m bench`` prepares a separate database, starts the app under gunicorn
with production settings on loopback, drives it from a second process and
prints requests/s and latency percentiles per URL. Scenarios live in
:mod:`bench.scenarios`; see BENCHMARKS.md for how to run it and the figures.
"""
