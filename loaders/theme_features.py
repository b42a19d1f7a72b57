"""What a claim's themes are decided on: for each theme the classifier or the cue matcher puts
forward, the classifier's probability, the matcher's evidence and how each stands among the claim's
other themes.

The classifier and the matcher are each right more often than the other on some claims: a theme the
classifier is 0.3 sure of is a good answer when it is the claim's clear first and the matcher names
it, a poor one when five themes are that close. A fixed threshold on each cannot weigh that; a
reader fitted to the labels can (docs/design-notes.md, "Themes: a reader weighs both sources").

A sentence is read in its paragraph, as a reader reads it: "It is too soon to evaluate the impact of
these changes" is about what the sentences before it discuss. So the paragraph's other claims put
forward the themes they are sure of too, and each theme's features say how strongly the claim before
it and the paragraph as a whole speak of it (docs/design-notes.md, "Themes: a sentence in its
paragraph").
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# A theme is put forward when the classifier gives it at least this, or a cue of it is named: below,
# the labels hold almost no theme (a few in a thousand), and the reader would weigh noise.
CANDIDATE_PROBABILITY = 0.03
# A theme is "close" when the classifier gives it this much: how many such themes a claim has says
# how spread the classifier's answer is.
CLOSE_PROBABILITY = 0.35
_LOG_FLOOR = 1e-4
_RANK_CAP = 3  # the fourth theme and below are alike

FEATURES = (
    "probability",
    "log_probability",
    # the second classifier's, which reads the claim's paragraph as well (`loaders.lemma_themes`)
    "lemma_probability",
    "lemma_log_probability",
    "evidence",
    "evidence_enough",  # the matcher's evidence reaches its MIN_EVIDENCE
    "matcher_assigns",  # the matcher alone would assign it (enough, and near the claim's leading theme)
    "rank",  # by the classifier's probability among the claim's candidates, 0 first
    "share_of_best",  # its probability over the claim's highest
    "best_probability",
    "close_themes",
    "top_concept",
    "evidence_score",  # 1 - exp(-evidence), as the matcher scores it
    "previous_probability",  # the classifier's, for the claim before it in its paragraph
    "paragraph_probability",  # the highest of the paragraph's other claims
    "paragraph_evidence",  # the evidence score of the paragraph's other claim with the most
    "alone",  # its paragraph has no other claim (a bullet, a list item): none of the three above can speak
    # How often the labels give the theme to a claim whose cues name it, as log-odds (`CueReliability`),
    # where they name it enough for the matcher; then where they name it at all. 0 without such cues.
    "cue_reliability",
    "any_cue_reliability",
)


@dataclass(frozen=True)
class CueReliability:
    """Per theme, how often a labelled claim whose cues name it carries it: where the cues are enough for
    the matcher, and where there is any cue of it. Themes differ: "neglect" named is nearly always a
    claim about neglect, "leaders" often not about strategic leadership, and one weight for every
    theme's cues, as the other features have, fits the common vague themes and under-trusts the rare
    plain ones."""

    enough: Mapping[str, float] = field(default_factory=dict)
    any: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def counted(
        cls, claims: Iterable[tuple[Mapping[str, float], Iterable[str]]], min_evidence: float
    ) -> CueReliability:
        """From labelled claims, each as (its cue evidence per theme, its labelled themes); each share
        smoothed by one claim with and one without (Laplace), so that a theme seen twice is not certain."""
        named: dict[str, list[int]] = {}
        enough: dict[str, list[int]] = {}
        for evidence, labelled in claims:
            themes = set(labelled)
            for theme, e in evidence.items():
                if e > 0:
                    _tally(named, theme, theme in themes)
                if e >= min_evidence:
                    _tally(enough, theme, theme in themes)
        return cls(_smoothed(enough), _smoothed(named))


def _tally(counts: dict[str, list[int]], theme: str, given: bool) -> None:
    seen = counts.setdefault(theme, [0, 0])
    seen[0] += 1
    seen[1] += given


def _smoothed(counts: Mapping[str, list[int]]) -> dict[str, float]:
    return {theme: (given + 1) / (seen + 2) for theme, (seen, given) in sorted(counts.items())}


def _log_odds(share: float | None) -> float:
    return 0.0 if share is None else math.log(share / (1 - share))


@dataclass(frozen=True)
class Paragraph:
    """What the other claims of a claim's paragraph say of each theme (empty for a claim alone)."""

    previous: Mapping[str, float] = field(default_factory=dict)  # the claim before: its probabilities
    probability: Mapping[str, float] = field(default_factory=dict)  # the others' highest, per theme
    evidence: Mapping[str, float] = field(default_factory=dict)  # the others' most evidence, per theme
    alone: bool = True  # no other claim shares the paragraph

    def puts_forward(self, min_evidence: float) -> set[str]:
        """The themes the paragraph's other claims are close to, or whose cues they name enough."""
        close = {t for t, p in self.probability.items() if p >= CLOSE_PROBABILITY}
        return close | {t for t, e in self.evidence.items() if e >= min_evidence}


def runs(keys: Sequence[Hashable]) -> list[range]:
    """The positions of each paragraph, for claims in document order whose paragraph is named by
    `keys`: adjacent claims with one key are one paragraph."""
    found: list[range] = []
    start = 0
    for end in range(1, len(keys) + 1):
        if end == len(keys) or keys[end] != keys[start]:
            found.append(range(start, end))
            start = end
    return found


def in_paragraphs(
    keys: Sequence[Hashable],
    probabilities: Sequence[Mapping[str, float]],
    evidence: Sequence[Mapping[str, float]],
) -> list[Paragraph]:
    """Each claim's Paragraph, for claims in document order whose paragraphs `keys` name (`runs`)."""
    found: list[Paragraph] = []
    for paragraph in runs(keys):
        highest = _highest_of_others([probabilities[n] for n in paragraph])
        most = _highest_of_others([evidence[n] for n in paragraph])
        for k, n in enumerate(paragraph):
            found.append(
                Paragraph(
                    previous=probabilities[n - 1] if n > paragraph.start else {},
                    probability=highest[k],
                    evidence=most[k],
                    alone=len(paragraph) == 1,
                )
            )
    return found


def _highest_of_others(scores: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """For each of `scores`, each theme's highest value (at least 0) among the others that name it.
    The best and second-best value of each theme are found once, so a long paragraph costs its length,
    not its length squared."""
    best: dict[str, tuple[float, int]] = {}  # theme -> its highest value, and whose it is
    runner_up: dict[str, float] = {}  # theme -> its second-highest value, once two name it
    for n, one in enumerate(scores):
        for theme, value in one.items():
            top = best.get(theme)
            if top is None or value > top[0]:
                if top is not None:
                    runner_up[theme] = max(top[0], runner_up.get(theme, 0.0))
                best[theme] = (value, n)
            else:
                runner_up[theme] = max(value, runner_up.get(theme, 0.0))
    return [
        {
            theme: max(value, 0.0) if whose != n else runner_up[theme]
            for theme, (value, whose) in best.items()
            if whose != n or theme in runner_up
        }
        for n in range(len(scores))
    ]


def candidates(
    probabilities: Mapping[str, float],
    evidence: Mapping[str, float],
    top_concepts: frozenset[str],
    min_evidence: float,
    relative_evidence: float,
    paragraph: Paragraph = Paragraph(),
    reliability: CueReliability = CueReliability(),
    lemma_probabilities: Mapping[str, float] | None = None,
) -> list[tuple[str, list[float]]]:
    """(theme, FEATURES) of each theme put forward for one claim, in theme order. `probabilities`
    and `evidence` hold only themes of the scheme; `lemma_probabilities` are the second classifier's
    (none: 0 for every theme)."""
    second = lemma_probabilities or {}
    put_forward = {t: float(p) for t, p in probabilities.items() if p >= CANDIDATE_PROBABILITY}
    put_forward.update((t, float(probabilities.get(t, 0.0))) for t, e in evidence.items() if e > 0)
    put_forward.update((t, float(probabilities.get(t, 0.0))) for t in paragraph.puts_forward(min_evidence))
    if not put_forward:
        return []
    best = max(put_forward.values())
    rank = {t: n for n, t in enumerate(sorted(put_forward, key=lambda t: (-put_forward[t], t)))}
    close = float(sum(1 for p in put_forward.values() if p >= CLOSE_PROBABILITY))
    leading = max((e for e in evidence.values() if e >= min_evidence), default=0.0)
    found = []
    for theme in sorted(put_forward):
        p, e = put_forward[theme], float(evidence.get(theme, 0.0))
        enough = e >= min_evidence
        lemma_p = float(second.get(theme, 0.0))
        found.append(
            (
                theme,
                [
                    p,
                    math.log(p + _LOG_FLOOR),
                    lemma_p,
                    math.log(lemma_p + _LOG_FLOOR),
                    e,
                    float(enough),
                    float(enough and e >= relative_evidence * leading),
                    float(min(rank[theme], _RANK_CAP)),
                    p / best if best > 0 else 0.0,
                    best,
                    close,
                    float(theme in top_concepts),
                    1 - math.exp(-e),
                    float(paragraph.previous.get(theme, 0.0)),
                    float(paragraph.probability.get(theme, 0.0)),
                    1 - math.exp(-paragraph.evidence.get(theme, 0.0)),
                    float(paragraph.alone),
                    _log_odds(reliability.enough.get(theme)) if enough else 0.0,
                    _log_odds(reliability.any.get(theme)) if e > 0 else 0.0,
                ],
            )
        )
    return found
