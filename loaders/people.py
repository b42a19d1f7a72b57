"""Inspectors named in a document, with their roles.

Only the places where inspectors are named are read: the signature of a letter, the
"Lead inspector:" line and the inspection team block of a report, and the sentence of a
visit letter that names its inspectors. People who are addressed or copied in are never
candidates, so they cannot be taken for inspectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = {
    "lead inspector": "lead inspector",
    "reporting inspector": "lead inspector",
    "deputy lead inspector": "deputy lead inspector",
    "team inspector": "team inspector",
    "shadow inspector": "shadow inspector",
    "senior data analyst": "senior data analyst",
    "data analyst": "data analyst",
    "quality assurance manager": "quality assurance manager",
    "regulatory inspector": "regulatory inspector",
    "social care regulatory inspector": "regulatory inspector",
    "ofsted inspector": "team inspector",
    "additional inspector": "team inspector",
}
_ROLE_LABEL = (
    r"(?:Lead inspectors?|Reporting inspector|Deputy lead inspector|Team inspectors?|Shadow inspectors?|"
    r"Senior data analysts?|"
    r"Data analysts?|Quality assurance managers?|(?:Social care )?regulatory inspectors?|Ofsted inspectors?|"
    r"Additional inspectors?)"
)
# "Role: names" at the start of a line, or after another role's list when PDF text ran two lines
# together ("Shadow inspectors: N/A Senior data analyst: ..."); a list ends where the next role begins.
_ROLE_LINE = re.compile(
    # The colon is sometimes left out ("Deputy lead inspector Anji Parker", "Reporting inspector
    # Sarah Urding HMI"): then the line must go on with a capitalised name.
    rf"(?:^|(?<=\s))({_ROLE_LABEL})(?:\s*:\s*|\s+(?=(?-i:[A-Z][a-z])))(.+?)(?=\s+{_ROLE_LABEL}\s*:|$)",
    re.I | re.M,
)
# Titles and grades written after a name: "HMI", "(OI)", "Senior HMI", "Her Majesty's Inspector".
_QUALIFIER = re.compile(
    r"\([^)]*\)|\b(?:Senior )?(?:Her|His) Majesty's (?:Chief )?Inspectors?\b|\bSenior HMI\b|\bS?HMIs?\b|"
    r"\bSCRI\b|\bOI\b|\badditional inspector\b",
    re.I,
)
# A capitalised word (accented letters too: "Ellender-Gelé"), or a particle, two to five times.
_WORD = r"[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’\-])*\.?"
_NAME = re.compile(rf"^(?:{_WORD}|de|van|von|da|le)(?:\s+(?:{_WORD}|de|van|von|da|le)){{1,4}}$")
_SIGN_OFF = re.compile(r"\bYour?s? (?:sincerely|faithfully),?", re.I)
_VISIT_TEAM = re.compile(
    r"(?:The inspectors were|(?:Her|His) Majesty's Inspectors (?:for this visit )?were|"
    r"The inspectors for this visit were)\s+(.+?)\.(?:\s|$)",
    re.I | re.S,
)


@dataclass(frozen=True)
class Person:
    name: str
    role: str


# Where the text after a team list runs on into the list (the page's next sentence, as pdftotext's
# lines glued together give it): a capitalised word followed by a lower-case one opens a sentence,
# which no name does (its particles aside).
_SENTENCE_AFTER = re.compile(r"\s+(?=[A-Z][\w'’\-]*\s+(?!(?:de|van|von|da|le|and)\b)[a-z])")


def _names(listing: str) -> list[str]:
    listing = _SENTENCE_AFTER.split(_QUALIFIER.sub(",", listing), maxsplit=1)[0]
    parts = re.split(r"\s*[,;]\s*|\band\s+|\s*&\s*", listing)
    names = []
    for part in parts:
        part = " ".join(part.strip(" .").split())
        if _NAME.match(part):
            names.append(part)
    return names


def _role(label: str) -> str:
    label = label.lower().rstrip("s")
    return ROLES.get(label, label)


def team_members(text: str) -> list[Person]:
    """'Role: Name, Name and Name' lines of a report."""
    people: list[Person] = []
    for match in _ROLE_LINE.finditer(text):
        role = _role(match.group(1))
        listing = match.group(2)
        if role == "lead inspector":
            # On a report's front page the lead inspector's line may run on into the table.
            listing = re.split(r"\b(?:Judgement|Inspection dates?)\b", listing)[0]
        for name in _names(listing):
            people.append(Person(name, role))
    return people


def signatory(text: str) -> str | None:
    """The name that signs a letter: the line after 'Yours sincerely'."""
    sign_offs = list(_SIGN_OFF.finditer(text))
    if not sign_offs:
        return None
    match = sign_offs[-1]
    after = text[match.end() :].strip()
    names = _names(re.split(r"\b(?:Her|His) Majesty's|\bHMI\b|,|\n", after)[0])
    return names[0] if names else None


def visit_team(text: str) -> list[str]:
    """The inspectors a visit letter names in its opening ('The inspectors were A, HMI, and B, HMI.')."""
    match = _VISIT_TEAM.search(text)
    return _names(" ".join(match.group(1).split())) if match else []


def find_inspectors(text: str, letter_role: str | None) -> list[Person]:
    """Inspectors of a document; `letter_role` is the role of a letter's signatory (None for reports)."""
    people = team_members(text)
    if letter_role is not None and not people:
        signed = signatory(text)
        if signed:
            people.append(Person(signed, letter_role))
        named = visit_team(text)
        signed_key = signed.split()[-1] if signed else None
        for name in named:
            if signed_key is None or name.split()[-1] != signed_key or name.split()[0] != signed.split()[0]:  # type: ignore[union-attr]
                # A visit letter names its other inspectors without a team role.
                people.append(Person(name, "inspector"))
    seen: set[tuple[str, str]] = set()
    unique = []
    for person in people:
        key = (person.name, person.role)
        if key not in seen:
            seen.add(key)
            unique.append(person)
    return unique
