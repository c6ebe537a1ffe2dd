"""The side-by-side benchmark suite behind `make bench` (bench/run)."""
