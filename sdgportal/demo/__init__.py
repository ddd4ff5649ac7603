"""Synthetic demo data at any scale, reproducible from a seed, for load tests and benchmarks.

Like ``sdgportal.importing`` it sits on top of the apps; only its command imports it.
"""
