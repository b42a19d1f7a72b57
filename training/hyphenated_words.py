"""Make the table of compounds whose hyphen text exports lose at a line's end
(`loaders/data/hyphenated.tsv`, read by `loaders.hyphenated`).

    python -m training.hyphenated_words [CORPUS]      (default: ../shared/corpus)

Reads the PDF of every report of the corpus as the loader does (pdfium keeps a hyphen that ends a
line), counts every hyphenated word and every plain word, and keeps each compound written at least
MIN_USES times under each of its forms with one hyphen taken out that is not an English word and
is written less than a tenth as often as the compound.
Unsupervised: no labels are read.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import spacy

from loaders.clean import clean_text
from loaders.errors import ExtractionError
from loaders.hyphenated import TABLE, WORD, joined_forms
from loaders.read import read_document
from training.label_context import CORPUS

MIN_USES = 2  # a compound written once may be a slip
RARER = 10  # a joined form written at least a tenth as often as the compound is a word of its own


def _words(path: Path) -> Counter[str]:
    try:
        raw = read_document(path.read_bytes(), path.name)
    except ExtractionError:
        return Counter()
    return Counter(word.lower() for word in WORD.findall(clean_text(raw.text, raw.hard_wrapped)))


def _english() -> Callable[[str], bool]:
    """Whether spaCy's English lookup lemmatizer knows a word, as an inflected form or a lemma."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # the lookup table ships in spacy-lookups-data
    lookup = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    lemmas = {str(lookup[key]).lower() for key in lookup}  # the table's keys are hashes
    return lambda word: word in lookup or word in lemmas


def table(words: Counter[str], english: Callable[[str], bool]) -> dict[str, int]:
    """Joined form -> the place of its hyphen, for the compounds of `words` (lower-case word counts):
    only forms that are not English words ("coordinate") and are rare in the corpus beside the
    compound ("wellbeing" is as common as "well-being", and stays)."""
    found: dict[str, int] = {}
    for compound, uses in sorted(words.items()):
        if "-" not in compound or uses < MIN_USES:
            continue
        for joined, at in joined_forms(compound):
            plain = joined.replace("-", "")
            parts = compound.split("-")
            # "a-c" and number ranges ("2014-15") are not compounds a line break would join.
            if min(len(part) for part in parts) < 2 or plain.isdigit():
                continue
            # A form written now and then ("multiagency" beside a hundred "multi-agency") is a slip.
            if words[joined] * RARER <= uses and not english(joined):
                found.setdefault(joined, at)
    return found


def main(argv: list[str]) -> None:
    corpus = Path(argv[0]) if argv else CORPUS
    pdfs = sorted(corpus.rglob("*.pdf"))
    words: Counter[str] = Counter()
    with ProcessPoolExecutor(2) as pool:
        for counted in pool.map(_words, pdfs, chunksize=8):
            words += counted
    found = table(words, _english())
    with TABLE.open("w", encoding="utf-8") as out:
        out.writelines(f"{joined}\t{at}\n" for joined, at in sorted(found.items()))
    print(f"{TABLE.name}: {len(found)} joined forms from {len(pdfs)} PDFs")


if __name__ == "__main__":
    main(sys.argv[1:])
