"""Benchmarks: scripts that measure and report figures."""
