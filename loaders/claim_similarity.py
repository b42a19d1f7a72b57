"""How alike two claims are in wording: cosine of TF-IDF vectors over their content lemmas.

The inverse document frequencies are a fixed table (`data/lemma_idf.tsv`, made by
`python -m training.claim_idf`) rather than counts over whatever graph is loaded, so a pair of claims
scores the same whichever other documents are loaded and links can be computed one authority at a time.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from functools import cache
from pathlib import Path

IDF_TABLE = Path(__file__).with_name("data") / "lemma_idf.tsv"

Vector = dict[str, float]


@cache
def idf_table() -> tuple[dict[str, float], float]:
    """lemma -> IDF, and the IDF of a lemma the table has never met (that of a word seen once)."""
    with IDF_TABLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    claims = int(rows[0][1])  # header row: "#claims", count
    idf = {lemma: float(value) for lemma, value in rows[1:]}
    return idf, math.log((1 + claims) / 2) + 1


def smoothed_idf(claims: int, frequency: int) -> float:
    return math.log((1 + claims) / (1 + frequency)) + 1


def vector(lemmas: str) -> Vector:
    """Unit-length TF-IDF vector of a space-separated lemma string (sublinear term frequency)."""
    idf, unseen = idf_table()
    weights = {
        lemma: (1 + math.log(count)) * idf.get(lemma, unseen)
        for lemma, count in Counter(lemmas.split()).items()
    }
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {lemma: w / norm for lemma, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(lemma, 0.0) for lemma, w in a.items())
