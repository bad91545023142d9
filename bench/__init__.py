"""replylint's benchmarks: `python -m bench` (docs/performance.md); `bench/latency.py` for the service."""
