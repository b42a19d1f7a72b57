"""A sentence as the polarity classifiers read it: each word in the scope of a negation marked.

The classifiers are bags of words and word pairs, so "Referrals are not triaged well" gives them
"triaged" and "well", as praise does. Marking the words a negation governs, up to the next
punctuation or conjunction ("not NEG_triaged NEG_well"), gives them features of their own that the
labels teach, the standard treatment of negation in a bag of words. Five-fold cross-validation over
the train documents: 0.877 -> 0.882, weaknesses called strengths 104 -> 90 (docs/accuracy.md).
"""

from __future__ import annotations

import re

MARK = "NEG_"
# What the text is made into, recorded in the model's meta: a model trained on other input must not
# be read with this one.
INPUT_FORM = "negation-marked-1"
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_CUE = re.compile(
    r"(?:not|no|never|nor|cannot|without|none|neither|nobody|nothing|insufficient(?:ly)?|"
    r"lack(?:s|ing|ed)?|\w+n['’]t)",
    re.I,
)
_SCOPE_END = re.compile(r"[.,;:!?()]|but|however|although|though|whilst|while|and", re.I)


def marked(text: str) -> str:
    """The text's words and marks, one space apart, each word a negation governs prefixed MARK."""
    out = []
    in_scope = False
    for token in _TOKEN.findall(text):
        if _SCOPE_END.fullmatch(token):
            in_scope = False
        elif _CUE.fullmatch(token):
            in_scope = True
        elif in_scope and token[0].isalnum():
            token = MARK + token
        out.append(token)
    return " ".join(out)
