"""Typed answers of the HTTP API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from queries import CannedQuery


class Health(BaseModel):
    status: str
    store: str = Field(description="embedded or neo4j")
    nodes: dict[str, int] = Field(description="nodes per label")
    relationships: dict[str, int] = Field(description="relationships per type")


class Home(BaseModel):
    name: str
    description: str
    links: dict[str, str] = Field(description="where to go next: a description per path")


class ParameterInfo(BaseModel):
    name: str
    type: str
    default: Any
    description: str
    maximum: int | None = Field(None, description="The largest value accepted, for an integer.")


class QueryInfo(BaseModel):
    name: str
    description: str
    parameters: list[ParameterInfo]
    columns: list[str]

    @classmethod
    def of(cls, query: CannedQuery) -> QueryInfo:
        return cls(
            name=query.name,
            description=query.description,
            parameters=[
                ParameterInfo(**vars(p) | {"maximum": p.maximum if p.type == "integer" else None})
                for p in query.parameters
            ],
            columns=list(query.columns),
        )


class QueryResult(BaseModel):
    query: str
    columns: list[str]
    rows: list[dict[str, Any]]
    cypher: str = Field(description="the Cypher that ran")


class CypherRequest(BaseModel):
    query: str = Field(
        description="read-only Cypher", examples=["MATCH (a:Authority) RETURN a.name AS name LIMIT 5"]
    )
    params: dict[str, Any] = Field(default_factory=dict, description="query parameters")
    limit: int | None = Field(
        default=None, ge=1, description="rows at most (never more than the server's cap)"
    )


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = Field(description="true when more rows existed than were returned")
    cypher: str


class Page(BaseModel):
    items: list[dict[str, Any]]
    offset: int
    limit: int
    next_offset: int | None = Field(
        alias="nextOffset", description="offset of the next page; null on the last"
    )

    model_config = {"populate_by_name": True}

    @classmethod
    def of(cls, items: list[dict[str, Any]], offset: int, limit: int) -> Page:
        return cls(
            items=items,
            offset=offset,
            limit=limit,
            next_offset=offset + limit if len(items) == limit else None,
        )


class AuthorityDetail(BaseModel):
    code: str
    name: str
    dfeCode: int | None
    region: str | None
    inspections: int
    firstYear: int | None
    lastYear: int | None
    findings: int
    strengths: int
    weaknesses: int
    recommendations: int
    timeline: list[dict[str, Any]]


class Finding(BaseModel):
    finding: str
    polarity: str = Field(description="strength, weakness, mixed, recommendation or context")
    polarityScore: float | None = Field(
        description="the classifier's probability; 1 when the section states it"
    )
    polarityMethod: str | None = Field(description='"section", or the name and version of the classifier')
    priority: bool | None = Field(description="a recommendation listed among the priority actions")
    section: str
    paragraph: int | None = Field(description="the paragraph's number, if the report numbers it")
    paragraphOrdinal: int | None = Field(description="the paragraph's position among the finding paragraphs")
    quote: str = Field(description="the words of the report: one sentence, bullet or list item")
    context: str | None = Field(description="the whole paragraph the quote belongs to")
    document: str = Field(description="SHA-256 of the document")
    fileName: str
    charStart: int = Field(description="offset of the quote in the document's cleaned text")
    charEnd: int
    paragraphStart: int | None = Field(description="offset of the paragraph in the document's cleaned text")
    paragraphEnd: int | None
    repeatOfPrevious: bool | None
    themes: list[dict[str, Any]] = Field(description="theme, score and method of each assignment")


def _context(text: str | None, start: int | None, end: int | None) -> str | None:
    return None if text is None or start is None or end is None else text[start:end]


class InspectionDetail(BaseModel):
    inspection: str
    framework: str
    startDate: str | None
    endDate: str | None
    publishedDate: str | None
    overallGrade: str | None
    code: str
    authority: str
    documents: list[dict[str, Any]]  # the canonical copy, which every finding's offsets point into
    copies: list[str]  # file names of the other copies of the report loaded
    team: list[dict[str, Any]]
    judgements: list[dict[str, Any]]
    findings: list[Finding]

    @classmethod
    def of(
        cls,
        summary: list[dict[str, Any]],
        team: list[dict[str, Any]],
        judgements: list[dict[str, Any]],
        findings: list[dict[str, Any]],
        themes: list[dict[str, Any]],
        texts: dict[str, str],
    ) -> InspectionDetail:
        """`texts` maps each document's SHA-256 to its cleaned text, which gives each quote its paragraph."""
        first = summary[0]
        by_finding: dict[str, list[dict[str, Any]]] = {}
        for row in themes:
            by_finding.setdefault(row["finding"], []).append(
                {"theme": row["theme"], "score": row["score"], "method": row["method"]}
            )
        document_fields = ("document", "fileName", "format", "title")
        return cls(
            **{k: v for k, v in first.items() if k not in document_fields},
            documents=[{k: row[k] for k in document_fields} for row in summary],
            team=team,
            judgements=judgements,
            findings=[
                Finding(
                    **{k: v for k, v in f.items() if k != "ordinal"},
                    context=_context(texts.get(f["document"]), f["paragraphStart"], f["paragraphEnd"]),
                    themes=by_finding.get(f["finding"], []),
                )
                for f in findings
            ],
        )


class ThemeDetail(BaseModel):
    theme: str
    label: str
    broader: str | None
    definition: str
    findings: int
    weaknessFindings: int
