"""Make the IDF table that claim similarity weighs words by (`loaders/data/lemma_idf.tsv`).

    python -m training.claim_idf --store PATH

Reads every claim of a loaded store (the shared corpus: `ikg load ../shared/corpus --store PATH`),
counts in how many claims each content lemma occurs, and writes the smoothed IDF of every lemma met
in at least two claims; rarer lemmas get the table's default. Unsupervised: no labels are read.
"""

from __future__ import annotations

import argparse
from collections import Counter

from graph.open_store import open_store
from loaders.claim_similarity import IDF_TABLE, smoothed_idf
from loaders.lemmas import content_lemmas
from ontology import L


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a store holding the shared corpus")
    args = parser.parse_args()
    with open_store(args.store) as store:
        _, rows = store.read(f"MATCH (f:{L.Finding}) RETURN f.text AS text")
    frequency: Counter[str] = Counter()
    for lemmas in content_lemmas(row[0] or "" for row in rows):
        frequency.update(set(lemmas.split()))
    claims = len(rows)
    kept = sorted((lemma, n) for lemma, n in frequency.items() if n >= 2)
    with IDF_TABLE.open("w", encoding="utf-8") as out:
        out.write(f"#claims\t{claims}\n")
        out.writelines(f"{lemma}\t{smoothed_idf(claims, n):.4f}\n" for lemma, n in kept)
    print(f"{IDF_TABLE.name}: {len(kept)} lemmas from {claims} claims")


if __name__ == "__main__":
    main()
