"""How far do two readers of the claim labels agree? A second reading of 300 train claims drawn at
random from the random rounds of `tests/data/claims_labels.jsonl`, made by readers given the
guidelines, the claim in its paragraph and calibration labels without those 300, and neither the first
reading nor any model's answer (`tests/data/claims_second_reading.jsonl`), set against the first.

    python -m accuracy.agreement

Neither reading is a gold: the figures say how far labels of this kind can be agreed on, beside what
the models reach (`accuracy.claims`, `accuracy.polarity_folds`, `accuracy.theme_folds`).
"""

from __future__ import annotations

from collections import Counter

from accuracy.precision_recall import PrecisionRecall, confusion_table
from loaders.polarity import POLARITIES
from training.claim_labels import LABELS, ClaimLabel, claim_labels

SECOND_READING = LABELS.with_name("claims_second_reading.jsonl")


def paired(first: list[ClaimLabel], second: list[ClaimLabel]) -> list[tuple[ClaimLabel, ClaimLabel]]:
    """Each second reading with the first reading of the same claim; claims either reading calls junk
    are left out."""
    by_claim = {(label.sha256, label.start, label.end): label for label in first}
    pairs = [(by_claim[(label.sha256, label.start, label.end)], label) for label in second]
    return [(a, b) for a, b in pairs if not (a.junk or b.junk)]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Agreement beyond what two readers with these label frequencies would reach by chance."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> None:
    pairs = paired(claim_labels(), claim_labels(SECOND_READING))
    polarities = [(a.polarity, b.polarity) for a, b in pairs]
    same = sum(a == b for a, b in polarities)
    print(f"claims read twice: {len(pairs)}")
    print(
        f"polarity agreement: {same / len(pairs):.3f} ({same}/{len(pairs)}), "
        f"Cohen's kappa {cohen_kappa(polarities):.3f}\n"
    )
    print(confusion_table("first \\ second", POLARITIES, Counter(polarities)))
    themes = PrecisionRecall()
    for a, b in pairs:
        themes.add(Counter(b.themes), Counter(a.themes))
    print(
        f"\nthemes, the second reading against the first: precision {themes.precision:.3f}, recall "
        f"{themes.recall:.3f}, F1 {themes.f1:.3f} (TP {themes.tp}, FP {themes.fp}, FN {themes.fn})"
    )
    differ = Counter[str]()
    for a, b in pairs:
        differ.update(set(a.themes) ^ set(b.themes))
    print(
        "themes one reading gives and the other does not: "
        + ", ".join(f"{t} {n}" for t, n in differ.most_common(5))
    )


if __name__ == "__main__":
    main()
