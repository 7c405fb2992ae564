"""Benchmarks: ratios against a baseline run in the same process (these machines are noisy)."""
