"""The second theme classifier, which reads a claim's paragraph beside the claim's own words."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from loaders.lemma_themes import LemmaThemes, read
from loaders.themes import MODEL_DIR, ThemeTagger, tagger
from ontology.vocabulary import vocabulary
from training.lemma_themes import fitted


def test_a_cue_of_several_words_reads_as_its_themes_not_as_a_word_that_cues_another() -> None:
    matcher = ThemeTagger(vocabulary().themes)
    orders, staff = matcher.second_texts(
        [
            "Children subject to supervision orders are visited regularly.",
            "Social workers receive regular supervision.",
        ]
    )
    # "supervision" alone cues staff supervision; inside "supervision orders" it is care proceedings.
    assert orders.split() == ["child", "subject", "cuecareproceedings", "order", "visit", "regularly"]
    assert "supervision" in staff.split() and "cuesupervision" in staff.split()
    # The claim's context markers are read too, as the first classifier reads them.
    [headed] = matcher.second_texts(["Staff keep in touch."], ["ctxcare ctxleavers"])
    assert headed.endswith("ctxcare ctxleavers")


def test_the_paragraph_speaks_for_a_sentence_that_does_not_name_its_theme() -> None:
    second = tagger().second
    assert second is not None
    vague = "This has not improved since the last inspection."
    paragraph = [
        "Too many children wait too long for their adoption to be approved.",
        "Adoption panels meet infrequently and matches are delayed.",
        vague,
    ]
    words = tagger().second_texts(paragraph)
    alone = second.probabilities(words[-1:])[0]["adoption"]
    within = second.probabilities(words, [1, 1, 1])[-1]["adoption"]
    assert within > 5 * alone and within > 0.5


def test_the_model_is_saved_as_arrays_and_read_back_alike(tmp_path: Path) -> None:
    shipped = tagger().second
    assert shipped is not None and (MODEL_DIR / LemmaThemes.FILE_NAME).exists()
    shipped.save(tmp_path)
    with np.load(tmp_path / LemmaThemes.FILE_NAME, allow_pickle=False) as stored:  # no pickled objects inside
        assert set(stored.files) == {"terms", "idf", "labels", "weights", "intercepts"}
    again = LemmaThemes.load(tmp_path)
    words = ["caseload high social worker", "leader know service cuestrategicleadership"]
    assert again.probabilities(words) == shipped.probabilities(words)
    assert again.digest() == shipped.digest()


def test_fitting_leaves_out_rare_words_and_themes_too_rarely_labelled() -> None:
    words = ["caseload high", "caseload manageable", "plan clear", "plan vague", "neglect once"]
    labelled = [(0, frozenset({"caseloads"})), (1, frozenset({"caseloads"})), (2, frozenset({"plans"}))]
    labelled += [(3, frozenset({"plans"})), (4, frozenset({"neglect"}))]
    model = fitted(words, [0, 1, 2, 3, 4], labelled, ["caseloads", "plans", "neglect"])
    assert model.terms == ("caseload", "plan")  # each of the others is in one claim only
    first, _, _, _, last = model.probabilities(words)
    assert first["caseloads"] > first["plans"]
    assert last["neglect"] < 1e-6  # one label is too few to fit a theme on
    # A claim's paragraph is read beside its own words: two columns per word.
    assert read(words, None, model.vectors).shape == (5, 4)
