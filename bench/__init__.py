"""Benchmarks and data generators (see bench/generate.py, bench/cases.py)."""
