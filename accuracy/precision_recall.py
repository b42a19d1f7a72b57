"""Precision and recall counts, and the Markdown tables the accuracy scripts print them in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


@dataclass
class PrecisionRecall:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: Counter[Item], want: Counter[Item]) -> None:
        """Count one item's predictions against its gold, as multisets."""
        hit = sum((got & want).values())
        self.tp += hit
        self.fp += sum(got.values()) - hit
        self.fn += sum(want.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return self.f(1.0)

    def f(self, beta: float) -> float:
        """F-beta: recall weighs beta times as much as precision."""
        p, r = self.precision, self.recall
        return (1 + beta**2) * p * r / (beta**2 * p + r) if p + r else 0.0


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]], numeric_from: int = 1) -> str:
    """A GitHub Markdown table; columns from ``numeric_from`` on are right-aligned."""
    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def agreeing(counts: Mapping[tuple[str, str], int]) -> int:
    """The counts of a confusion matrix on its diagonal: the pairs whose two labels are the same."""
    return sum(n for (first, second), n in counts.items() if first == second)


def confusion_table(corner: str, labels: Sequence[str], counts: Mapping[tuple[str, str], int]) -> str:
    """A confusion matrix as a Markdown table: a row per first label, a column per second, in `labels`'
    order, with `corner` naming the rows."""
    rows = [[first, *(counts.get((first, second), 0) for second in labels)] for first in labels]
    return markdown_table([corner, *labels], rows)


def marked_threshold(threshold: float, marked: float, mark: str) -> str:
    """A threshold as a table's row names it: `mark` in brackets after the one chosen."""
    return f"{threshold}{f' ({mark})' if threshold == marked else ''}"


def threshold_table(header: str, counts: Mapping[float, PrecisionRecall], marked: float, mark: str) -> str:
    """Precision, recall and F1 at each threshold as a Markdown table, the row of `marked` marked."""
    rows = [
        (marked_threshold(t, marked, mark), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
        for t, c in counts.items()
    ]
    return markdown_table((header, "precision", "recall", "F1"), rows)
