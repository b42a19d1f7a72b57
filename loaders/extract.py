"""Entry point: a published Ofsted children's services document -> a DocumentExtraction.

read (bytes -> raw text) -> clean (the text offsets point into) -> segment (paragraphs)
-> framework, dates, authority, inspectors, judgements, finding paragraphs -> claims (their
sentences, each a finding with its polarity and themes) -> records.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from loaders import framework as fw
from loaders.authority import find_authority
from loaders.claim_context import claim_contexts
from loaders.claims import Claim, claims
from loaders.clean import clean_text
from loaders.dates import (
    DATE,
    date_in_file_name,
    make_date,
    parse_date,
    parse_range,
    range_without_year,
    spelled_out,
)
from loaders.errors import ExtractionError
from loaders.findings import letter_findings, report_findings
from loaders.identifiers import finding_id, inspection_id, inspector_id, judgement_id
from loaders.judgements import Judgement, read_judgements
from loaders.lemmas import content_lemmas
from loaders.people import find_inspectors
from loaders.polarity import claim_polarities
from loaders.read import DEFAULT_MAX_FILE_BYTES, RawDocument, read_document, read_file
from loaders.records import (
    AuthorityRecord,
    DocumentExtraction,
    DocumentRecord,
    FindingRecord,
    InspectionRecord,
    InspectorRecord,
    JudgementRecord,
)
from loaders.references import recommendation_links
from loaders.repeats import earlier_event, repeats_earlier_finding
from loaders.segment import paragraphs
from loaders.themes import tag_findings

# The opening of a document holds its title, dates, judgement table and addressee.
_FRONT = 6000
_LETTERS = {fw.UNANNOUNCED, fw.ILACS_FOCUSED_VISIT}
# The role of a letter's signatory: the 2009-2012 letters name one HMI; a visit's lead signs its letter.
_SIGNATORY_ROLE = {fw.UNANNOUNCED: "HMI", fw.ILACS_FOCUSED_VISIT: "lead inspector"}
# The dates may wrap onto the next line ("... on 7\nand 8 August 2018"), never past a blank one.
_WRAPPING = r"((?:[^\n]|\n(?!\s*\n)){0,90})"
_DATES_AT = (
    re.compile(r"Inspection dates?:\s*([^\n]{0,90})", re.I),
    re.compile(rf"(?:conducted|carried out|took place) (?:on|between|from) {_WRAPPING}", re.I),
    re.compile(rf"(?:children's services|visit) (?:on|between|from) {_WRAPPING}", re.I),
    # "... a focused visit to Wakefield Council on 27 and 28 February 2018", "... to the Royal Borough
    # of Greenwich young people's services on 13 and 14 July 2021"
    re.compile(
        rf"findings of (?:a|the) focused visit to [^.]{{0,150}}?\b(?:on|between|from) {_WRAPPING}", re.I
    ),
)
# Not "originally published on ...": a combined report says when its sections first appeared.
_PUBLISHED = re.compile(
    r"(?:Report published|Publication date|(?<!originally )Published):?\s*([^\n]{0,40})", re.I
)
_TITLE = re.compile(
    r"^(Annual unannounced inspection[^\n]*|Focused visit to[^\n]*|Inspection of[^\n]*|"
    r"Review of[^\n]*|Joint targeted area inspection[^\n]*)",
    re.I | re.M,
)


def inspection_dates(front: str) -> tuple[date | None, date | None]:
    for pattern in _DATES_AT:
        for match in pattern.finditer(front):
            stated = " ".join(match.group(1).split())
            found = parse_range(stated)
            if found:
                return found
            single = parse_date(stated)
            # A single day: on the "Inspection dates:" line, or straight after "visit on" (a one-day
            # visit, "... children's services on 11 December 2018."), not a date further on.
            if single and (pattern is _DATES_AT[0] or DATE.match(spelled_out(stated))):
                return single, single
    return _dates_without_year(front)


def _dates_without_year(front: str) -> tuple[date | None, date | None]:
    """A visit letter's dates written without their year ("on 13 and 14 July."): dated by the letter."""
    dated, _ = published_date(front, letter=True)
    if dated is None:
        return None, None
    for match in _DATES_AT[-1].finditer(front):
        found = range_without_year(" ".join(match.group(1).split()), dated)
        if found:
            return found
    return None, None


def published_date(front: str, letter: bool) -> tuple[date | None, str | None]:
    """The publication date and where it was read: "stated" ("Report published: ..."), "letter"
    (a letter's own date) or None."""
    stated = _PUBLISHED.search(front)
    if stated:
        found = parse_date(stated.group(1))
        return found, "stated" if found else None
    if letter:
        # A letter is dated on a line of its own above the addressee.
        for line in front.split("\n")[:40]:
            match = DATE.fullmatch(line.strip())
            if match:
                found = make_date(*match.groups())
                return found, "letter" if found else None
    return None, None


def _title(text: str, raw: RawDocument, file_name: str) -> str:
    match = _TITLE.search(text[:_FRONT])
    if match:
        return match.group(1).strip()
    return raw.title or Path(file_name).stem


# A priority action is a recommendation that the report marks as urgent (the finding's `priority`).
_GIVEN_POLARITY = {"priority-action": "recommendation"}


def given_polarity(given: str | None) -> str | None:
    """The polarity a claim takes from the heading its paragraph sits under, or None."""
    return _GIVEN_POLARITY.get(given, given) if given else None


def document_claims(text: str, letter: bool) -> list[Claim]:
    """The claims of a cleaned document text, in document order."""
    paras = paragraphs(text)
    return claims(letter_findings(paras) if letter else report_findings(paras), text)


def read_claims(data: bytes, file_name: str) -> tuple[str, list[Claim], list[Judgement]]:
    """The cleaned text of a document, its claims before any polarity or theme is decided, and its
    judgements; a document of no known framework has neither."""
    raw = read_document(data, file_name)
    text = clean_text(raw.text, raw.hard_wrapped)
    front = text[:_FRONT]
    framework = fw.detect_framework(front, *inspection_dates(front))
    if framework is None:
        return text, [], []
    letter = framework in _LETTERS
    return text, document_claims(text, letter), [] if letter else read_judgements(front, text)


def extract_bytes(data: bytes, file_name: str) -> DocumentExtraction:
    raw = read_document(data, file_name)
    text = clean_text(raw.text, raw.hard_wrapped)
    front = text[:_FRONT]
    start, end = inspection_dates(front)
    framework = fw.detect_framework(front, start, end)
    if framework is None:
        raise ExtractionError(
            file_name,
            "not an Ofsted children's services inspection document (no inspection framework recognised)",
        )
    letter = framework in _LETTERS
    # Stated in the document first; else the date the publisher named the file by.
    published, published_source = published_date(front, letter)
    if published is None:
        published = date_in_file_name(file_name)
        published_source = "file-name" if published else None
    when = start or published
    if when is None:
        raise ExtractionError(file_name, "no inspection or publication date found")
    found = find_authority(text, when)
    if found is None:
        raise ExtractionError(file_name, "no English local authority named")
    stated, authority = found
    inspection = inspection_id(authority.code, framework, when)
    sha256 = hashlib.sha256(data).hexdigest()

    judgements = [] if letter else read_judgements(front, text)
    overall = next((j.grade for j in judgements if j.area == "Overall effectiveness"), None)
    people = find_inspectors(text, _SIGNATORY_ROLE.get(framework))

    claims = document_claims(text, letter)
    texts = [text[c.start : c.end] for c in claims]
    ids = [finding_id(inspection, sha256, n) for n in range(1, len(claims) + 1)]
    given = [given_polarity(c.paragraph.given) for c in claims]
    polarities = claim_polarities(given, texts, [c.paragraph_ordinal for c in claims])
    listed = [c.paragraph.given in ("recommendation", "priority-action") for c in claims]
    links = recommendation_links(texts, [c.paragraph.paragraph for c in claims], listed)
    themes = tag_findings(texts, claim_contexts(text, claims), [c.paragraph_ordinal for c in claims])
    lemmas = content_lemmas(texts)
    events = [(e.kind, e.date_text) if (e := earlier_event(t)) else (None, None) for t in texts]
    findings = [
        FindingRecord(
            id=ids[n],
            ordinal=n + 1,
            polarity=polarities[n][0],
            polarity_score=polarities[n][1],
            polarity_method=polarities[n][2],
            priority=c.paragraph.given == "priority-action",
            section=c.paragraph.section,
            paragraph=c.paragraph.paragraph,
            paragraph_ordinal=c.paragraph_ordinal,
            paragraph_start=c.paragraph.start,
            paragraph_end=c.paragraph.end,
            text=texts[n],
            char_start=c.start,
            char_end=c.end,
            themes=[t.theme for t in themes[n]],
            theme_assignments=list(themes[n]),
            supports=[ids[i] for i in links[n]],
            repeat_of_previous=repeats_earlier_finding(texts[n]),
            refers_to_kind=events[n][0],
            refers_to_date=events[n][1],
            lemmas=lemmas[n],
        )
        for n, c in enumerate(claims)
    ]
    return DocumentExtraction(
        document=DocumentRecord(
            file_name=file_name,
            sha256=sha256,
            format=raw.format,
            title=_title(text, raw, file_name),
            pages=raw.pages,
            text=text,
        ),
        authority=AuthorityRecord(
            stated=stated,
            code=authority.code,
            name=authority.name,
            dfe_code=authority.dfe_code,
            region=authority.region,
        ),
        inspection=InspectionRecord(
            id=inspection,
            framework=framework,
            start_date=start,
            end_date=end,
            published_date=published,
            published_date_source=published_source,
            overall_grade=overall,
            length=fw.ilacs_length(framework, start, end),
        ),
        inspectors=[InspectorRecord(id=inspector_id(p.name), name=p.name, role=p.role) for p in people],
        judgements=[
            JudgementRecord(
                id=judgement_id(inspection, j.area), area=j.area, grade=j.grade, grade_rank=j.rank
            )
            for j in judgements
        ],
        findings=findings,
    )


def extract_file(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> DocumentExtraction:
    """`extract_bytes` of a file; a file over `max_bytes` is refused before it is read."""
    path = Path(path)
    return extract_bytes(read_file(path, max_bytes), path.name)
