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
    "associate inspector": "team inspector",
    "supernumerary inspector": "supernumerary inspector",
    "senior analytical officer": "senior analytical officer",
    "shadow senior data analyst": "shadow senior data analyst",
}
_ROLE_LABEL = (
    r"(?:Lead inspectors?|Reporting inspector|Deputy lead inspectors?|Team inspectors?|Shadow inspectors?|"
    r"(?:Shadow )?Senior data analysts?|Senior analytical officers?|"
    r"Data analysts?|Quality assurance managers?|(?:Social care )?regulatory inspectors?|Ofsted inspectors?|"
    r"Additional inspectors?|Associate inspectors?|Supernumerary inspectors?)"
)
# "Role: names" at the start of a line, or after another role's list when PDF text ran two lines
# together ("Shadow inspectors: N/A Senior data analyst: ..."); a list ends where the next role begins.
_NOTE = r"(?:\([^)\n]*\)\s*)?"
_ROLE_LINE = re.compile(
    # "Role: names": the list may wrap onto lines of its own ("Team inspectors:\nNigel Parkes, HMI\nIan
    # Young, HMI ..."), and a note may stand before the colon ("Team inspectors (all HMI unless
    # otherwise stated): ..."); it ends at a blank line, the next role or the end.
    rf"(?:^|(?<=\s))(?P<role>{_ROLE_LABEL})\s*{_NOTE}:\s*"
    # A list that ends its line with a comma goes on past a blank line (pdftotext -layout doubles
    # the line spacing of some team blocks).
    rf"(?P<listing>.+?)(?=\s+{_ROLE_LABEL}\s*{_NOTE}:|(?<!,)\n[ \t]*(?:\n|{_ROLE_LABEL}\b)|\Z)"
    # The colon is sometimes left out ("Deputy lead inspector Anji Parker", "Reporting inspector
    # Sarah Urding HMI"): then the role opens its line, a capitalised name follows, the line ends it.
    rf"|^(?P<bare>{_ROLE_LABEL})\s+(?=(?-i:[A-Z][a-z]))(?P<line>[^\n]+?)(?=\s+{_ROLE_LABEL}\s*:|$)"
    # ... or, with no colon and not opening its line, a name and "HMI" after it: a cover page whose
    # fields a text ran into one line ("Inspection dates: 15-19 July 2013 Reporting inspector Sarah
    # Urding HMI Age group: All", pdftotext -raw).
    rf"|(?<=\s)(?P<titled>{_ROLE_LABEL})\s+(?P<named>(?-i:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){{1,3}}))"
    r"(?=\s+(?-i:S?HMI)\b)",
    re.I | re.M | re.S,
)
# Titles and grades written after a name: "HMI", "(OI)", "Senior HMI", "Her Majesty's Inspector".
_QUALIFIER = re.compile(
    # "Her Majesty's Inspectors (HMI) Social Care", "HMI Schools": the inspectorate's remits
    r"(?:\bS?HMIs?\b|(?:Her|His) Majesty's Inspectors?)(?:\s*\(HMI\))?\s+"
    r"(?:Social Care|Schools|Early Years)\b|"
    r"\([^)]*\)|\b(?:Senior )?(?:Her|His) Majesty's (?:Chief |Senior )?Inspectors?\b|"
    r"\bSenior HMI\b|\bS?HMIs?\b|\bSCRI\b|\bOI\b|\bAI\b|\badditional inspector\b|\bOfsted Inspectors?\b",
    re.I,
)
# A capitalised word (accented letters too: "Ellender-Gelé"), or a particle, two to five times.
_WORD = r"(?:[dO]['’])?[A-ZÀ-ÖØ-Þ](?:[^\W\d_]|['’\-])*\.?"
_NAME = re.compile(rf"^(?:{_WORD}|de|van|von|da|le)(?:\s+(?:{_WORD}|de|van|von|da|le)){{1,4}}$")
_SIGN_OFF = re.compile(r"\bYour?s? (?:sincerely|faithfully),?", re.I)
_VISIT_TEAM = re.compile(
    r"(?:The inspectors (?:for (?:this|the) visit )?were|"
    r"(?:Her|His) Majesty's Inspectors (?:\(HMI\) )?(?:for (?:this|the) visit )?were|"
    r"Inspectors for (?:this|the) visit were|"
    r"(?:The|This) (?:focused )?visit was (?:carried out|conducted|undertaken) by|"
    # "... a focused visit to Sutton children's services on 26 and 27 June 2018 carried out by ..."
    r"(?<=\d{4}),? (?:carried out|conducted) by)\s+(.+?)\.(?:\s|$)",
    re.I | re.S,
)
# Team members a visit letter names in a sentence of their own.
_VISIT_MEMBER = (
    (
        re.compile(r"The quality assurance manager was\s+(.+?)\.(?:\s|$)", re.I | re.S),
        "quality assurance manager",
    ),
    (re.compile(r"(?:^|(?<=\.\s))([^.]{3,90}?),?\s+shadowed the visit\b", re.I | re.M), "shadow inspector"),
)
# In a visit letter's list, a member who observed or shadowed: in training.
_OBSERVED = re.compile(r"^who (?:observed|shadowed) the visit$", re.I)
_INLINE_ROLE = re.compile(rf"^({_ROLE_LABEL})(?:\s+(.+))?$", re.I)
# A letter signed with no "Yours sincerely": its last lines are the name and the title.
_CLOSING_NAME = re.compile(
    r"\n([^\n]{3,60})\n+(?:Senior )?(?:Her|His) Majesty's (?:Senior )?Inspector\s*(?:\n[^\n]{0,40})?\s*\Z"
)
# The same close in text with no blank line (pdftotext's -raw) after a last sentence with no full
# stop, which unwrapping ran into the name: the capitalised words just before the title.
_CLOSING_NAME_RUN_ON = re.compile(
    r"\b([A-Z][\w'\-]+(?: [A-Z][\w'\-]+){1,3}) (?:Senior )?(?:Her|His) Majesty's (?:Senior )?Inspector\s*\Z"
)


@dataclass(frozen=True)
class Person:
    name: str
    role: str


# Where the text after a team list runs on into the list (the page's next sentence, as pdftotext's
# lines glued together give it): a capitalised word followed by a lower-case one opens a sentence,
# which no name does (its particles aside).
# A word no name has opens a sentence too ("Simon Rushall The Office for Standards ...").
_SENTENCE_AFTER = re.compile(
    r"\s+(?=[A-Z][\w'’\-]*\s+(?!(?:de|van|von|da|le|and)\b|d['’])[a-z]|(?:The|This|These|Those|It|In)\b)"
)
# pdftotext joins a name hyphenated at a line's end ("Thomson-" / "Jones" -> "ThomsonJones"); a capital
# inside a word is otherwise only found after a surname prefix ("McEvoy", "MacDonald", "FitzGerald").
_JOINED_AT_HYPHEN = re.compile(r"\b(?!(?:Mac|Fitz|Van|Von|Della|Dela)[A-Z])([A-Z][a-z]{3,})(?=[A-Z][a-z])")


_NAME_SEPARATOR = re.compile(r"\s*[,;/]\s*|\band\s+|\s*&\s*")
# A visit letter's list also joins a member with "with" ("..., with Teresa Godfrey, HMI designate").
_VISIT_SEPARATOR = re.compile(r"\s*[,;]\s*|\band\s+|\bwith\s+|\s*&\s*")


def _parts(listing: str, separator: re.Pattern[str]) -> list[str]:
    """The pieces of a list of people, titles taken out and any sentence that runs on cut off."""
    listing = _SENTENCE_AFTER.split(_QUALIFIER.sub(",", listing), maxsplit=1)[0]
    listing = _JOINED_AT_HYPHEN.sub(r"\1-", listing)
    return [" ".join(part.strip(" .").split()) for part in separator.split(listing)]


def _names(listing: str) -> list[str]:
    return [part for part in _parts(listing, _NAME_SEPARATOR) if _NAME.match(part)]


def _role(label: str) -> str:
    label = label.lower().rstrip("s")
    return ROLES.get(label, label)


def team_members(text: str) -> list[Person]:
    """'Role: Name, Name and Name' lines of a report."""
    people: list[Person] = []
    for match in _ROLE_LINE.finditer(text):
        role = _role(match["role"] or match["bare"] or match["titled"])
        listing = match["listing"] or match["line"] or match["named"]
        if role == "lead inspector":
            # On a report's front page the lead inspector's line may run on into the table.
            listing = re.split(r"\b(?:Judgement|Inspection dates?)\b", listing)[0]
        for name in _names(listing):
            people.append(Person(name, role))
    return people


def signatory(text: str) -> str | None:
    """The name that signs a letter: the line after 'Yours sincerely', or the name line above the
    title that closes a letter with no sign-off."""
    sign_offs = list(_SIGN_OFF.finditer(text))
    if sign_offs:
        after = text[sign_offs[-1].end() :].strip()
        line = re.split(r"\b(?:Her|His)\W+Majesty's|\bHMI\b|,|\n", after)[0]
    else:
        closing = _CLOSING_NAME.search(text) or _CLOSING_NAME_RUN_ON.search(text)
        line = closing[1] if closing else ""
    names = _names(line)
    return names[0] if names else None


def _listed(listing: str) -> list[tuple[str, str | None]]:
    """Names of a visit letter's list with the roles it gives them, before a name ("lead inspector
    Ceri Evans and team inspectors Sally Sinclair and Mark Scanlon") or after ("Brenda McLaughlin,
    lead inspector, Tracey Ledder, team inspector and N N, who observed the visit")."""
    people: list[tuple[str, str | None]] = []
    ahead: str | None = None  # a role named before its names holds until the next role
    for part in _parts(listing, _VISIT_SEPARATOR):
        inline = _INLINE_ROLE.match(part)
        if _OBSERVED.match(part) and people:
            people[-1] = (people[-1][0], "shadow inspector")
        elif inline and inline[2] and _NAME.match(inline[2]):
            ahead = _role(inline[1])
            people.append((inline[2], ahead))
        elif inline and not inline[2] and people and people[-1][1] is None:
            people[-1] = (people[-1][0], _role(inline[1]))
        elif _NAME.match(part):
            people.append((part, ahead))
    return people


def visit_team(text: str) -> list[tuple[str, str | None]]:
    """The inspectors a visit letter names in its opening ('The inspectors were A, HMI, and B, HMI.',
    'The visit was carried out by ...'), with the role the letter gives each, if any; and the members
    it names in sentences of their own (the quality assurance manager, one who shadowed the visit)."""
    match = _VISIT_TEAM.search(text)
    people = _listed(" ".join(match.group(1).split())) if match else []
    for pattern, role in _VISIT_MEMBER:
        for member in pattern.finditer(text):
            people += [(name, role) for name in _names(" ".join(member[1].split()))]
    return people


def find_inspectors(text: str, letter_role: str | None) -> list[Person]:
    """Inspectors of a document; `letter_role` is the role of a letter's signatory (None for reports)."""
    people = team_members(text)
    if letter_role is not None and not people:
        signed = signatory(text)
        if signed:
            people.append(Person(signed, letter_role))
        for name, role in visit_team(text):
            if signed is None or (name.split()[0], name.split()[-1]) != (
                signed.split()[0],
                signed.split()[-1],
            ):
                # A visit letter names its other inspectors without a team role, unless it says one.
                people.append(Person(name, role or "inspector"))
    seen: set[tuple[str, str]] = set()
    unique = []
    for person in people:
        key = (person.name, person.role)
        if key not in seen:
            seen.add(key)
            unique.append(person)
    return unique
