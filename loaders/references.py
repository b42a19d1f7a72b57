"""'(Recommendations 2 and 3)' in a paragraph -> the recommendation findings it supports."""

from __future__ import annotations

import re

_REFERENCE = re.compile(r"\(\s*Recommendations?\b([^)]*)\)", re.I)
_WORD = re.compile(r"[a-z]{4,}")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def recommendation_links(texts: list[str], numbers: list[int | None], listed: list[bool]) -> list[list[int]]:
    """For each claim, the indexes of the recommendations (items of a recommendations list, `listed`)
    its text refers to.

    A numbered reference points at the recommendation with that paragraph number; a reference
    without a number ('(Recommendation)') at the most similar recommendation of the list that
    precedes the paragraph, which is the list of the part of the report it sits in.
    """
    by_number = {
        n: i for i, (n, item) in enumerate(zip(numbers, listed, strict=True)) if n is not None and item
    }
    links: list[list[int]] = []
    for index, text in enumerate(texts):
        targets: list[int] = []
        if not listed[index]:
            for match in _REFERENCE.finditer(text):
                cited = [int(n) for n in re.findall(r"\d+", match.group(1))]
                if cited:
                    targets += [by_number[n] for n in cited if n in by_number and by_number[n] not in targets]
                else:
                    nearest = _preceding_list(listed, index)
                    if nearest:
                        own = _words(text)
                        best = max(nearest, key=lambda i: len(own & _words(texts[i])))
                        if best not in targets:
                            targets.append(best)
        links.append(targets)
    return links


def _preceding_list(listed: list[bool], index: int) -> list[int]:
    run: list[int] = []
    for i in range(index - 1, -1, -1):
        if listed[i]:
            run.append(i)
        elif run:
            break
    return run
