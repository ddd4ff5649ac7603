"""Skewed draws: a few records take most of the activity, as in real partnership data."""

from collections.abc import Sequence
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Skewed(Generic[T]):
    """Items drawn with Zipf weights: the item ranked r is drawn in proportion to 1 / r^s."""

    def __init__(self, items: Sequence[T], exponent: float) -> None:
        self.items = list(items)
        self.cum_weights = list(accumulate(1 / rank**exponent for rank in range(1, len(items) + 1)))

    def draw(self, rng: Random) -> T:
        return rng.choices(self.items, cum_weights=self.cum_weights)[0]

    def distinct(self, rng: Random, count: int) -> list[T]:
        """Up to ``count`` different items (fewer if there are not that many)."""
        count = min(count, len(self.items))
        drawn: list[T] = []
        for _attempt in range(count * 4):
            item = self.draw(rng)
            if item not in drawn:
                drawn.append(item)
                if len(drawn) == count:
                    break
        return drawn
