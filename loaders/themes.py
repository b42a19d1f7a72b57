"""Theme tagging of findings with a spaCy phrase matcher built from the SKOS theme scheme.

Every prefLabel, altLabel and hiddenLabel of ontology/themes.ttl becomes a phrase pattern, matched on
lower-cased lookup lemmas, so "strategy meetings were not held" finds the cue "strategy meeting". The
exceptions are single-word labels written with a capital ("MASH", "PEP", "Prevent"): they are acronyms
or proper names whose lower-case twin is an ordinary word ("send", "prevent"), so they match the text
as written, plural included ("IROs").

Scoring: each distinct cue found adds evidence to its themes (a label or synonym 1.0, a hidden cue
phrase 0.7, a single hidden word 0.4), and the score is 1 - exp(-evidence), which is 0..1 and grows with
the number and specificity of the cues. Overlapping matches keep the longest, so "child protection
conference" counts once, for its own theme, not also as "child protection", and "supervision order"
is care proceedings, not staff supervision. A theme is assigned when its score reaches THRESHOLD and
its evidence is at least RELATIVE_EVIDENCE of the leading theme's; a top concept only when nothing
narrower is.

A trained multi-label classifier (`loaders/models/themes`, `python -m training.themes`) learns from
hand-labelled claims the ways of naming a theme no cue lists ("leaders" for strategic leadership,
"delay" for timeliness), and reads the claim's context beside its words (the heading it sits under,
or what a visit looked at: `loaders.claim_context`), so "Staff know them well" under a care leavers
heading is about care leavers. It also reads the matcher's cues as a marker per theme, so that a cue
word too weak for the matcher alone ("timely") counts as far as the labels show it should. A reader
fitted to the labels (a logistic regression stored in the model's meta, `ikg_reader`) then decides
each theme the classifier or the matcher puts forward, from the classifier's probability, the
matcher's evidence and how each stands among the claim's other themes (`loaders.theme_features`),
and from a second classifier that reads the claim's paragraph as well as the claim
(`loaders.lemma_themes`, its words given by `cue_words`): the theme is assigned when the reader is at
least the meta's threshold sure, and the score is that probability. A claim that nothing describes
has no theme: a guess would put it in answers about a theme it does not discuss. Without a
classifier (as training builds one), the matcher's rule above decides alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from scipy.special import expit
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from loaders.claim_context import with_context
from loaders.lemma_themes import LemmaThemes
from loaders.records import ThemeAssignment
from loaders.theme_features import FEATURES, CueReliability, candidates, in_paragraphs
from ontology.vocabulary import ThemeConcept, vocabulary

METHOD = "skos-lemma-matcher"
MODEL_DIR = Path(__file__).parent / "models" / "themes"

LABEL_WEIGHT = 1.0  # the prefLabel or an altLabel: the theme named outright
PHRASE_CUE_WEIGHT = 0.7  # a hidden cue phrase: specific, but not the theme's name
WORD_CUE_WEIGHT = 0.4  # one hidden word ("audit", "missing") is weak alone and needs company
# A label, or a hidden phrase, is enough on its own; a single hidden word is not.
MIN_EVIDENCE = 0.6
# A theme with less than half the evidence of the finding's leading theme is a side mention
# ("... so that senior leaders have accurate data"), not what the finding is about.
RELATIVE_EVIDENCE = 0.5
BATCH_SIZE = 256
CUE_MARKER = "cue"  # + a theme's id without hyphens: the classifier's marker of the theme's cues
READER_META = "ikg_reader"  # the reader: its features, weights and threshold
# Per theme, the reader's own intercept and weight of the classifier's log probability: themes differ in
# how often a candidate is right at the same features, and the classifier is better calibrated for some
# (docs/design-notes.md, "Themes: each theme weighed as its labels show").
THEME_WEIGHTS = "theme_weights"
THEME_OWN_FEATURES = ("log_probability",)


def _score(evidence: float) -> float:
    """Evidence (0..inf) to a score (0..1) that saturates: a fourth cue adds less than the first."""
    return 1 - math.exp(-evidence)


THRESHOLD = round(_score(MIN_EVIDENCE), 3)

_LEMMA_COMPONENT = "ikg_lowercase_lemma"
_CASED_PREFIX = "cased:"


@Language.factory(_LEMMA_COMPONENT)
def _make_lowercase_lemma(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The lookup table is keyed by the word as written, so "Caseloads" at the start of a sentence
    has no lemma: look its lower-case form up instead. The table also chains ("meetings" -> "meeting"
    -> "meet"), so a cue and a text could lemmatize a word differently: follow it to its end."""
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
    strings = nlp.vocab.strings
    final: dict[int, int] = {}  # word as written -> its lemma, both as string hashes: the hot loop

    def resolve(token: Token) -> int:
        # What the lookup lemmatizer would give (the table, keyed by the word as written): this
        # component does its work, so the pipeline runs no lemmatizer of its own.
        written = table.get(token.text, token.text)
        lemma = written.lower() if written != token.text else token.lower_
        for _ in range(3):  # chains are short; the bound guards against a cycle in the data
            following = table.get(lemma, lemma)
            if following == lemma:
                break
            lemma = following
        return strings.add(lemma)

    def lowercase_lemma(doc: Doc) -> Doc:
        for token in doc:
            lemma = final.get(token.orth)
            if lemma is None:
                lemma = final[token.orth] = resolve(token)
            token.lemma = lemma
        return doc

    return lowercase_lemma


def _clean(text: str) -> str:
    """Curly quotes to straight ones and word-joining hyphens to spaces, in texts and cues alike, so
    "out-of-hours", "out of hours" and a line-broken "good- quality" tokenize the same way."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"(?<=\w)[-\u2010\u2011] ?(?=\w)", " ", text)


def _is_cased(cue: str) -> bool:
    return " " not in cue and any(ch.isupper() for ch in cue)


class ThemeTagger:
    """Built once from the scheme (see `tagger()`); `tag` is safe to call with any batch of texts."""

    def __init__(
        self,
        themes: Sequence[ThemeConcept],
        classifier: Language | None = None,
        second: LemmaThemes | None = None,
    ) -> None:
        self.themes = {theme.id: theme for theme in themes}
        self.classifier = classifier
        self.second = second  # the classifier that reads the paragraph too; needed with `classifier`
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        self.nlp.initialize()  # loads the lookup table from spacy-lookups-data, offline
        self.nlp.add_pipe(_LEMMA_COMPONENT)
        self.nlp.disable_pipe("lemmatizer")  # kept for its lookup table, which the component reads
        self._lemma_matcher = PhraseMatcher(self.nlp.vocab, attr="LEMMA")
        self._cased_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._cues: dict[str, dict[str, float]] = {}  # match key -> theme id -> weight
        self._build_matchers()

    def _cue_weights(self, theme: ThemeConcept) -> Iterable[tuple[str, float, bool]]:
        """(cue, weight, matched as written) for every label of a theme."""
        yield theme.label, LABEL_WEIGHT, False  # prefLabels are sentence case, not proper names
        for alt in theme.alt_labels:
            yield alt, LABEL_WEIGHT, _is_cased(alt)
        for hidden in theme.hidden_labels:
            weight = PHRASE_CUE_WEIGHT if len(hidden.split()) > 1 else WORD_CUE_WEIGHT
            yield hidden, weight, _is_cased(hidden)

    def _build_matchers(self) -> None:
        plain: list[tuple[str, str, float]] = []
        for theme in self.themes.values():
            for cue, weight, cased in self._cue_weights(theme):
                if cased:
                    key = _CASED_PREFIX + cue
                    self._add_cue(key, theme.id, weight)
                    if key not in self._cased_matcher:
                        self._cased_matcher.add(key, [self.nlp.make_doc(cue), self.nlp.make_doc(cue + "s")])
                else:
                    plain.append((_clean(cue), theme.id, weight))
        docs = self.nlp.pipe(cue for cue, _, _ in plain)
        for doc, (_, theme_id, weight) in zip(docs, plain, strict=True):
            # Cues that lemmatize alike ("record", "recording", "records") are one cue.
            key = " ".join(token.lemma_ for token in doc)
            self._add_cue(key, theme_id, weight)
            if key not in self._lemma_matcher:
                self._lemma_matcher.add(key, [doc])

    def _add_cue(self, key: str, theme_id: str, weight: float) -> None:
        weights = self._cues.setdefault(key, {})
        weights[theme_id] = max(weight, weights.get(theme_id, 0.0))

    def tag(
        self,
        texts: Sequence[str],
        contexts: Sequence[str] | None = None,
        paragraphs: Sequence[Hashable] | None = None,
    ) -> list[list[ThemeAssignment]]:
        """The themes of each text; `contexts` (`loaders.claim_context.context_words`) are read by the
        classifier beside each text, never by the cue matcher. `paragraphs` names each text's paragraph,
        for texts in document order (adjacent texts with one name are one paragraph); without it each
        text is a paragraph of its own."""
        if self.classifier is None:
            return [self._matched(evidence) for evidence in self.cue_evidence(texts)]
        reader = self.classifier.meta[READER_META]
        put_forward = self.candidates(texts, contexts, paragraphs)
        sure = reader_probabilities([c for claim in put_forward for c in claim], reader)
        method = classifier_version(self.classifier)
        found, start = [], 0
        for claim in put_forward:
            kept = self.decided(claim, sure[start : start + len(claim)], float(reader["threshold"]))
            found.append(_ranked({t: (p, method) for t, p in kept.items()}))
            start += len(claim)
        return found

    def decided(
        self, claim: Sequence[tuple[str, Sequence[float]]], sure: Iterable[float], threshold: float
    ) -> dict[str, float]:
        """The themes of a claim the reader is at least `threshold` sure of (`sure`, one per theme put
        forward), the most specific kept, each with the reader's probability: the rule training
        measures is the one tagging applies."""
        scored = {theme: float(p) for (theme, _), p in zip(claim, sure, strict=True)}
        return {t: scored[t] for t in self.most_specific({t for t, p in scored.items() if p >= threshold})}

    def classifier_texts(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[str]:
        """What the classifier reads of each text: the text the trainer gives it is the one it is given."""
        return self._read(texts, contexts)[1]

    def second_texts(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[str]:
        """What the second classifier reads of each text, as the trainer gives it."""
        return self._read(texts, contexts)[2]

    def candidates(
        self,
        texts: Sequence[str],
        contexts: Sequence[str] | None = None,
        paragraphs: Sequence[Hashable] | None = None,
        reliability: CueReliability | None = None,
    ) -> list[list[tuple[str, list[float]]]]:
        """The themes put forward for each text, with what the reader decides them on
        (`loaders.theme_features`); needs both classifiers. `paragraphs` as for `tag`; `reliability`
        of the cues is the reader's (training passes the one its fold's labels give)."""
        if self.classifier is None or self.second is None:
            raise ValueError("themes are put forward by the classifiers and the matcher together")
        if reliability is None:
            reliability = cue_reliability(self.classifier.meta[READER_META])
        evidences, inputs, words = self._read(texts, contexts)
        tops = frozenset(t for t, theme in self.themes.items() if theme.broader is None)
        cats = [
            {t: p for t, p in doc.cats.items() if t in self.themes}
            for doc in self.classifier.pipe(inputs, batch_size=BATCH_SIZE)
        ]
        keys = list(range(len(texts))) if paragraphs is None else paragraphs
        around = in_paragraphs(keys, cats, evidences)
        second = self.second.probabilities(words, keys)
        return [
            candidates(
                probabilities, evidence, tops, MIN_EVIDENCE, RELATIVE_EVIDENCE, paragraph, reliability, lemma
            )
            for probabilities, evidence, paragraph, lemma in zip(cats, evidences, around, second, strict=True)
        ]

    def _read(
        self, texts: Sequence[str], contexts: Sequence[str] | None
    ) -> tuple[list[dict[str, float]], list[str], list[str]]:
        """The cue evidence of each text, the classifier's input (the text's words, its context
        markers and its cue markers) and the second classifier's (`cue_words` and the context markers)."""
        cleaned = [_clean(t) for t in texts]
        read = self._cues_of(cleaned)
        around = contexts or [""] * len(texts)
        inputs = [
            with_context(text, " ".join(filter(None, (context, _cue_markers(evidence)))))
            for text, context, (evidence, _) in zip(cleaned, around, read, strict=True)
        ]
        second = [
            " ".join(filter(None, (words, context))) for (_, words), context in zip(read, around, strict=True)
        ]
        return [evidence for evidence, _ in read], inputs, second

    def cue_evidence(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """The cue evidence of each text (`_evidence`)."""
        return [evidence for evidence, _ in self._cues_of([_clean(t) for t in texts])]

    def _cues_of(self, cleaned: Sequence[str]) -> list[tuple[dict[str, float], str]]:
        found = []
        for doc in self.nlp.pipe(cleaned, batch_size=BATCH_SIZE):
            spans = self._cue_spans(doc)
            found.append((self._evidence(spans), cue_words(doc, spans, self._cues)))
        return found

    def _cue_spans(self, doc: Doc) -> list[Span]:
        """The cues a text names, the longest where they overlap, each labelled with its match key."""
        matches = [Span(doc, start, end, label=key) for key, start, end in self._lemma_matcher(doc)]
        matches += [Span(doc, start, end, label=key) for key, start, end in self._cased_matcher(doc)]
        return filter_spans(matches)

    def _evidence(self, spans: Sequence[Span]) -> dict[str, float]:
        """Summed cue weights per theme, each distinct cue (`_cue_spans`) counted once."""
        found: dict[str, float] = {}
        # In sorted order: the float sums, and so the order of tied themes, must not depend on the
        # process's string hash seed (workers extract in processes of their own).
        for key in sorted({span.label_ for span in spans}):
            for theme_id, weight in self._cues[key].items():
                found[theme_id] = found.get(theme_id, 0.0) + weight
        return found

    def _matched(self, cues: dict[str, float]) -> list[ThemeAssignment]:
        """The cue matcher's themes alone: enough evidence, and near the leading theme's."""
        evidence = {t: e for t, e in cues.items() if e >= MIN_EVIDENCE}
        floor = RELATIVE_EVIDENCE * max(evidence.values(), default=0.0)
        found = {t: (_score(e), METHOD) for t, e in evidence.items() if e >= floor}
        return _ranked({t: found[t] for t in self.most_specific(set(found))})

    def most_specific(self, passed: set[str]) -> set[str]:
        """Drop a theme when a narrower one of it is assigned, and top concepts when anything narrower is:
        the top concepts are coarse headings, kept for findings no narrower theme describes."""
        broader_of_passed = set()
        for theme_id in passed:
            parent = self.themes[theme_id].broader
            while parent is not None:
                broader_of_passed.add(parent)
                parent = self.themes[parent].broader
        kept = passed - broader_of_passed
        narrower = {t for t in kept if self.themes[t].broader is not None}
        return narrower or kept


def _cue_markers(evidence: dict[str, float]) -> str:
    """Marker words of the themes a text's cues point at, for the classifier: one for any cue of a
    theme, one more where the cues alone assign it. A single cue word too weak for the matcher ("timely",
    "leaders") is then one feature the classifier weighs per theme from the labels, whichever of the
    theme's cues the text used."""
    words = []
    for theme_id in sorted(evidence):
        marker = CUE_MARKER + theme_id.replace("-", "")
        words.append(marker)
        if evidence[theme_id] >= MIN_EVIDENCE:
            words.append(marker + "sure")
    return " ".join(words)


def cue_words(doc: Doc, spans: Sequence[Span], cues: Mapping[str, Mapping[str, float]]) -> str:
    """What the second classifier reads of a text: its content lemmas (lower case, no stop words or
    words under three letters), and for each cue of several words it names (`spans`, labelled with
    their keys in `cues`) the markers of the cue's themes, without the cue's words that are cues of
    other themes on their own. So "supervision orders" reads as care proceedings and "order", not as
    the staff supervision its first word would say alone: as the matcher reads it."""
    inside = {n: span for span in spans if len(span) > 1 for n in range(span.start, span.end)}
    words: list[str] = []
    for token in doc:
        span = inside.get(token.i)
        if span is not None and token.i == span.start:
            words += [CUE_MARKER + theme.replace("-", "") for theme in sorted(cues[span.label_])]
        if not (token.is_alpha and not token.is_stop and len(token.lemma_) > 2):
            continue
        alone = cues.get(token.lemma_, {})
        if span is not None and any(theme not in cues[span.label_] for theme in alone):
            continue
        words.append(token.lemma_)
    return " ".join(words)


def _ranked(found: dict[str, tuple[float, str]]) -> list[ThemeAssignment]:
    order = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    return [
        ThemeAssignment(theme=theme_id, score=round(score, 3), method=method)
        for theme_id, (score, method) in order
    ]


def reader_probabilities(
    candidates: Sequence[tuple[str, Sequence[float]]], reader: dict[str, Any]
) -> np.ndarray:
    """How sure the reader (`READER_META` of the model's meta) is of each candidate theme, from its
    FEATURES and its theme's own weights (`THEME_WEIGHTS`)."""
    if list(reader["features"]) != list(FEATURES) or THEME_WEIGHTS not in reader:
        raise ValueError(f"{MODEL_DIR}: the theme reader was trained on other features; retrain the model")
    if not candidates:
        return np.zeros(0)
    features = np.asarray([f for _, f in candidates], dtype=float)
    # A theme the reader was not fitted on (none of its labels was put forward) has no weights of its own.
    none = [0.0] * (1 + len(THEME_OWN_FEATURES))
    own = np.asarray([reader[THEME_WEIGHTS].get(theme, none) for theme, _ in candidates], dtype=float)
    sources = features[:, [FEATURES.index(name) for name in THEME_OWN_FEATURES]]
    scores = (
        features @ np.asarray(reader["coef"], dtype=float)
        + float(reader["intercept"])
        + own[:, 0]
        + (own[:, 1:] * sources).sum(axis=1)
    )
    return expit(scores)


def cue_reliability(reader: dict[str, Any]) -> CueReliability:
    """The reliability of each theme's cues the reader was fitted with (`READER_META`)."""
    stored = reader.get("cue_reliability")
    if stored is None:
        raise ValueError(
            f"{MODEL_DIR}: the theme reader was trained without cue reliability; retrain the model"
        )
    return CueReliability(stored["enough"], stored["any"])


def classifier_version(classifier: Language) -> str:
    return f"{classifier.meta['name']}-{classifier.meta['version']}"


@cache
def tagger() -> ThemeTagger:
    return ThemeTagger(vocabulary().themes, spacy.load(MODEL_DIR), LemmaThemes.load(MODEL_DIR))


def tag_findings(
    texts: Sequence[str], contexts: Sequence[str] | None = None, paragraphs: Sequence[Hashable] | None = None
) -> list[list[ThemeAssignment]]:
    """The themes of each text, best first (arguments as `ThemeTagger.tag`); an empty list for a text
    nothing describes."""
    return tagger().tag(texts, contexts, paragraphs)
