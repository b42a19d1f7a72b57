"""The records a document becomes: the contract between the loaders and the graph stores.

Field names are snake_case in Python and camelCase on the wire (the `ikg extract` JSON
Lines contract in the design), through pydantic aliases.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class Record(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


class DocumentRecord(Record):
    file_name: str
    sha256: str
    format: str  # txt, pdf or html
    title: str
    pages: int | None = None
    # The cleaned text that every finding's offsets point into; kept out of the JSON contract.
    text: str = Field(default="", exclude=True, repr=False)


class AuthorityRecord(Record):
    stated: str  # the name as the document writes it
    code: str  # ONS GSS code
    name: str
    dfe_code: int
    region: str


class InspectionRecord(Record):
    id: str
    framework: str
    start_date: date | None
    end_date: date | None
    published_date: date | None
    # Where the publication date was read: "stated", "letter" (a letter's date) or "file-name".
    published_date_source: str | None = None
    overall_grade: str | None = None
    length: str | None = None  # of an ILACS inspection: "short" (one week on site) or "standard"

    @property
    def year(self) -> int | None:
        when = self.start_date or self.published_date
        return when.year if when else None


class InspectorRecord(Record):
    id: str
    name: str
    role: str


class JudgementRecord(Record):
    id: str
    area: str
    grade: str
    grade_rank: int | None


class ThemeAssignment(Record):
    theme: str
    score: float
    method: str


class FindingRecord(Record):
    """A claim: one sentence of a paragraph, or one bullet or list item, with its paragraph's place."""

    id: str
    ordinal: int
    polarity: str  # strength, weakness, mixed, recommendation or context
    polarity_score: float
    polarity_method: str  # "section", or the name and version of the model that classified it
    priority: bool = False  # an item of a priority-action list
    section: str
    paragraph: int | None
    paragraph_ordinal: int
    paragraph_start: int
    paragraph_end: int
    text: str
    char_start: int
    char_end: int
    themes: list[str] = []
    theme_assignments: list[ThemeAssignment] = []
    supports: list[str] = []
    repeat_of_previous: bool = False
    refers_to_kind: str | None = None  # the earlier event the text names: a framework.REFERENCE_KINDS key
    refers_to_date: str | None = None  # its date as stated: "2019" or "2019-12"
    lemmas: str = ""  # content lemmas, space-separated: what repeated findings are compared by


class DocumentExtraction(Record):
    """Everything extracted from one document."""

    document: DocumentRecord
    authority: AuthorityRecord
    inspection: InspectionRecord
    inspectors: list[InspectorRecord]
    judgements: list[JudgementRecord]
    findings: list[FindingRecord]
