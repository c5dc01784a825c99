"""The benchmark harness (see README, "Benchmarks"); not part of the test run."""
