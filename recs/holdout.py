"""Which arm a visitor is in, and the figures that compare the arms."""
from __future__ import annotations

import hashlib
import math


def in_holdout(visitor_id: str, share: float) -> bool:
    """A stable hash of the visitor id, not random per request: the same browser always sees
    the same arm, whatever process answers."""
    if share <= 0 or not visitor_id:
        return False
    bucket = int.from_bytes(hashlib.sha256(visitor_id.encode()).digest()[:8], "big") / 2**64
    return bucket < share


def proportion_ci(successes: int, trials: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval: sensible for small counts and rates near 0, unlike the normal one."""
    if trials <= 0:
        return None
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def mean_ci(values: list[float], z: float = 1.96) -> tuple[float, float] | None:
    """Normal interval of a mean (revenue per visitor), from the sample standard deviation."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    var = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = z * math.sqrt(var / n)
    return mean - half, mean + half
