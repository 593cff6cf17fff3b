"""The benchmarks' shared arithmetic: nearest-rank percentiles and a millisecond summary."""
from __future__ import annotations


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile, ``q`` in percent (no numpy needed)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100.0 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(ms, 50), 2), "p99_ms": round(percentile(ms, 99), 2),
            "min_ms": round(min(ms), 2), "max_ms": round(max(ms), 2)}
