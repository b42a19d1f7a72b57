"""The authority page: one authority at a glance, as one HTML page.

It shows the authority's inspections and grades over time (a chart), the themes of its weaknesses by
year (a heat map), its repeated findings with both quotes, and its strongest areas with sample
quotes. Everything on it comes from canned queries, so the page says what `ikg query` and
`GET /queries/...` say, on either store. Every quote names its document (file name and SHA-256) and
its offsets into the document's cleaned text, and links to where it can be read in its paragraph
when there is a server to link to.

The charts are Plotly figures drawn by plotly.js from the plotly wheel: the page the API serves loads
it from the API itself (PLOTLY_JS_ROUTE), a standalone file carries it inline. Neither fetches
anything from the internet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs, get_plotlyjs_version

import queries
from api import answers
from api.known_values import UnknownValue
from graph.store import GraphStore
from ontology import vocabulary

# The version is in the path, so a browser may keep the file for good and a new plotly is a new URL.
PLOTLY_JS_ROUTE = f"/assets/plotly-{get_plotlyjs_version()}.min.js"
# The area the loaders give an inspection's overall grade (loaders/extract.py, loaders/judgements.py).
OVERALL = "Overall effectiveness"
STRONGEST_THEMES = 8
SAMPLES_PER_THEME = 3
# Repeats are few per authority (18 at most on the shared corpus): the page shows them all.
MAX_REPEATS = queries.MAX_INTEGER
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def plotly_js_path() -> Path:
    """plotly.min.js as the plotly wheel ships it (the file get_plotlyjs reads)."""
    return Path(str(files("plotly") / "package_data" / "plotly.min.js"))


@dataclass(frozen=True)
class Links:
    """Where the page's links point. `base` is the API's address: "" for links relative to the host
    (the page the API serves), a URL for a file read beside a running server, None for a file with no
    server to link to, whose quotes then cite their file name, SHA-256 and offsets as plain text."""

    base: str | None = ""

    def _to(self, path: str, **params: Any) -> str | None:
        if self.base is None:
            return None
        return self.base.rstrip("/") + path + (f"?{urlencode(params)}" if params else "")

    def inspection(self, inspection: str, finding: str | None = None) -> str | None:
        """GET /inspections/{id} gives every finding of the inspection with its paragraph; the
        fragment names the finding to look for there."""
        url = self._to(f"/inspections/{url_quote(inspection, safe='')}")
        return f"{url}#{url_quote(finding, safe='')}" if url and finding else url

    def document_text(self, sha256: str) -> str | None:
        """The cleaned text that a quote's offsets point into."""
        return self._to("/queries/document-text", document=sha256)

    def theme_findings(self, authority: str, theme: str, year: int) -> str | None:
        """Every finding of the authority on the theme in the year, with its quote."""
        return self._to(
            "/queries/authority-theme-findings", authority=authority, theme=theme, fromYear=year, toYear=year
        )


@dataclass(frozen=True)
class AuthorityFacts:
    """The answers of the canned queries the page is drawn from."""

    profile: dict[str, Any]  # authority-profile
    timeline: list[dict[str, Any]]  # authority-timeline: one row per inspection or visit
    judgements: list[dict[str, Any]]  # authority-judgements
    weaknesses: list[dict[str, Any]]  # authority-themes-by-year, weakness findings
    strengths: list[dict[str, Any]]  # authority-top-themes, strength findings
    repeats: list[dict[str, Any]]  # repeated-findings

    @property
    def code(self) -> str:
        return str(self.profile["code"])


def gather(store: GraphStore, authority: str) -> AuthorityFacts:
    """The facts of one authority (ONS code or name); UnknownValue, naming close matches, for an
    authority that the graph does not hold."""

    def rows(name: str, **params: Any) -> list[dict[str, Any]]:
        return list(answers.canned(store, name, params)["rows"])

    profile = rows("authority-profile", authority=authority)
    if not profile:  # canned() names close matches when it can; this is the plain fallback
        raise UnknownValue("authority", f"no authority {authority!r} (an ONS code or a name)")
    code = profile[0]["code"]
    return AuthorityFacts(
        profile=profile[0],
        timeline=rows("authority-timeline", authority=code),
        judgements=rows("authority-judgements", authority=code),
        weaknesses=rows("authority-themes-by-year", authority=code, polarity="weakness"),
        strengths=rows(
            "authority-top-themes",
            authority=code,
            polarity="strength",
            samples=SAMPLES_PER_THEME,
            limit=STRONGEST_THEMES,
        ),
        repeats=rows("repeated-findings", authority=code, limit=MAX_REPEATS),
    )


# --- charts ---------------------------------------------------------------------------------------


def _event_date(row: dict[str, Any]) -> str | None:
    """When an inspection happened: its start, or its publication when no start date is stated."""
    return row.get("startDate") or row.get("publishedDate")


def _grade_levels() -> dict[int, str]:
    """Each grade rank of grades.ttl (1 Outstanding to 4 Inadequate) with the shortest wording of each
    grade at that rank as its label ("Requires improvement / Adequate")."""
    by_rank: dict[int, list[str]] = defaultdict(list)
    for grade in vocabulary().grades:
        by_rank[grade.rank].append(min(grade.wordings, key=len))
    return {rank: " / ".join(labels) for rank, labels in by_rank.items()}


def _height(rank: int) -> int:
    """Rank 1 (best) highest; rank 4 at 1, leaving 0 for the events that grade nothing."""
    worst = max(grade.rank for grade in vocabulary().grades)
    return worst + 1 - rank


def _grade_axis() -> dict[str, Any]:
    labels = _grade_levels()
    ranks = sorted(labels)
    return {
        "tickvals": [0, *(_height(rank) for rank in ranks)],
        "ticktext": ["not graded", *(labels[rank] for rank in ranks)],
        "range": [-0.5, _height(min(ranks)) + 0.5],
        "title": None,
        "fixedrange": True,
    }


@dataclass(frozen=True)
class _Point:
    """One mark of the grade chart."""

    date: str
    height: int
    inspection: str
    text: str  # hover text, escaped: plotly.js reads it as HTML
    size: int


def _grade_points(facts: AuthorityFacts) -> dict[str, list[_Point]]:
    """The grade chart's marks per series: each overall grade; the other judgements, one mark per
    inspection and grade, sized by how many areas got it (they would hide each other); and the
    inspections and visits that grade nothing."""
    overall = [
        _Point(j["date"], _height(j["gradeRank"]), j["inspection"], _grade_text(j, [j]), 14)
        for j in facts.judgements
        if j["area"] == OVERALL and j["date"] and j["gradeRank"] is not None
    ]
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for judgement in facts.judgements:
        if judgement["area"] != OVERALL and judgement["date"] and judgement["gradeRank"] is not None:
            groups[(judgement["inspection"], judgement["gradeRank"])].append(judgement)
    areas = [
        _Point(group[0]["date"], _height(rank), inspection, _grade_text(group[0], group), 6 + 3 * len(group))
        for (inspection, rank), group in groups.items()
    ]
    graded = {j["inspection"] for j in facts.judgements}
    ungraded = [
        _Point(date, 0, row["inspection"], escape(row["framework"]), 12)
        for row in facts.timeline
        if row["inspection"] not in graded and (date := _event_date(row))
    ]
    # in drawing order: the overall line over the other judgements' dots
    return {"other judgements": areas, "overall effectiveness": overall, "not graded": ungraded}


def _grade_text(first: dict[str, Any], group: list[dict[str, Any]]) -> str:
    """The framework, the grade and the areas that got it."""
    areas = "<br>".join(escape(j["area"]) for j in group)
    return f"{escape(first['framework'])}<br><b>{escape(first['grade'])}</b><br>{areas}"


_SERIES_LOOK: dict[str, dict[str, Any]] = {
    "overall effectiveness": {
        "mode": "lines+markers",
        "legendrank": 1,
        "line": {"color": "#1f4e79", "width": 3},
        "marker": {"color": "#1f4e79"},
    },
    "other judgements": {"mode": "markers", "legendrank": 2, "marker": {"color": "#e8a33d", "opacity": 0.75}},
    "not graded": {"mode": "markers", "legendrank": 3, "marker": {"color": "#7f7f7f", "symbol": "diamond"}},
}


def grade_chart(facts: AuthorityFacts, links: Links) -> go.Figure:
    """Inspections over time, best grade highest: the overall grade as a line, the other judgements as
    dots, the visits that grade nothing on a row of their own. A mark's customdata is its inspection's
    address, which a click opens."""
    figure = go.Figure()
    for name, points in _grade_points(facts).items():
        if not points:
            continue  # no empty series in the legend
        look = _SERIES_LOOK[name]
        figure.add_trace(
            go.Scatter(
                name=name,
                x=[p.date for p in points],
                y=[p.height for p in points],
                mode=look["mode"],
                legendrank=look["legendrank"],
                line=look.get("line"),
                marker={**look["marker"], "size": [p.size for p in points]},
                customdata=[links.inspection(p.inspection) for p in points],
                hovertext=[p.text for p in points],
                hovertemplate="%{x|%d %b %Y}<br>%{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        template="plotly_white",
        height=380,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis=_grade_axis(),
        xaxis={"type": "date", "title": None},
        legend={"orientation": "h", "y": -0.12},
    )
    return figure


def _years(facts: AuthorityFacts) -> list[int]:
    """The years the authority was inspected or visited: the heat map's columns."""
    dated = (_event_date(row) for row in facts.timeline)
    return sorted({int(date[:4]) for date in dated if date} | {row["year"] for row in facts.weaknesses})


def weakness_heatmap(facts: AuthorityFacts, links: Links) -> go.Figure | None:
    """Weakness findings per theme and year, the themes most raised at the top; a cell's customdata is
    the address of its findings with their quotes, which a click opens. None with no weaknesses."""
    if not facts.weaknesses:
        return None
    years = _years(facts)
    counts = {(row["theme"], row["year"]): row["findings"] for row in facts.weaknesses}
    labels = {row["theme"]: row["label"] for row in facts.weaknesses}
    totals: dict[str, int] = defaultdict(int)
    for (theme, _), n in counts.items():
        totals[theme] += n
    themes = sorted(totals, key=lambda theme: (-totals[theme], labels[theme]))
    figure = go.Figure(
        go.Heatmap(
            x=[str(year) for year in years],
            y=[escape(labels[theme]) for theme in themes],
            z=[[counts.get((theme, year)) for year in years] for theme in themes],
            customdata=[
                [links.theme_findings(facts.code, theme, year) for year in years] for theme in themes
            ],
            colorscale="Reds",
            zmin=0,
            hoverongaps=False,
            texttemplate="%{z}",
            hovertemplate="%{y}, %{x}: %{z} weakness findings<extra></extra>",
            colorbar={
                "title": {"text": "weaknesses"},
                "thickness": 12,
                "len": min(300, 22 * len(themes)),
                "lenmode": "pixels",
                "y": 1,
                "yanchor": "top",
            },
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        template="plotly_white",
        height=120 + 22 * len(themes),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"type": "category", "side": "top", "fixedrange": True},
        yaxis={"autorange": "reversed", "fixedrange": True},
    )
    return figure


def _figure_html(figure: go.Figure, div_id: str, links: Links) -> str:
    """The figure as a div and the script that draws it (plotly.js is loaded once, by the page); with
    links, a click on a point opens the address in its customdata."""
    click = (
        "document.getElementById('{plot_id}').on('plotly_click', function (event) {"
        " var url = event.points[0].customdata; if (url) { window.location.href = url; } });"
    )
    return str(
        pio.to_html(
            figure,
            include_plotlyjs=False,
            full_html=False,
            div_id=div_id,
            config=PLOTLY_CONFIG,
            post_script=click if links.base is not None else None,
        )
    )


# --- HTML -----------------------------------------------------------------------------------------


def _link(text: str, url: str | None, title: str | None = None) -> str:
    """Escaped text, as a link when there is somewhere to go."""
    title_attr = f' title="{escape(title)}"' if title else ""
    if url is None:
        return f"<span{title_attr}>{escape(text)}</span>"
    return f'<a href="{escape(url)}"{title_attr}>{escape(text)}</a>'


# The columns of repeated-findings that make each side's Quote, in the order of its fields (spelled
# whole: a label's name is never a string literal outside the ontology).
_REPEAT_COLUMNS = {
    "later": (
        "laterQuote", "later", "laterInspection", "laterDocument", "laterSha256", "laterCharStart",
        "laterCharEnd",
    ),
    "earlier": (
        "earlierQuote", "earlier", "earlierInspection", "earlierDocument", "earlierSha256",
        "earlierCharStart", "earlierCharEnd",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Quote:
    """A finding's words and where they stand: its inspection, its document and offsets there."""

    text: str
    finding: str
    inspection: str
    file_name: str
    sha256: str
    start: int
    end: int

    @classmethod
    def of_repeat(cls, row: dict[str, Any], side: str) -> Quote:
        """The later or the earlier quote of a row of repeated-findings (`side`: "later" or
        "earlier"), from the columns that start with the side's name."""
        return cls(*(row[column] for column in _REPEAT_COLUMNS[side]))

    @classmethod
    def of_sample(cls, sample: dict[str, Any]) -> Quote:
        """A sample of authority-top-themes."""
        return cls(
            sample["quote"],
            sample["finding"],
            sample["inspection"],
            sample["fileName"],
            sample["document"],
            sample["charStart"],
            sample["charEnd"],
        )


def _quote(quote: Quote, links: Links) -> str:
    """A quote, linked to its finding in the inspection, and where it stands: the document's file name
    (linked to its text), the offsets into that text and the document's SHA-256. The data attributes
    say the same for a program reading the page."""
    words = _link(
        f"\u201c{quote.text}\u201d", links.inspection(quote.inspection, quote.finding), quote.finding
    )
    source = _link(quote.file_name, links.document_text(quote.sha256), "the document's cleaned text")
    data = {
        "finding": quote.finding,
        "inspection": quote.inspection,
        "document": quote.sha256,
        "start": quote.start,
        "end": quote.end,
    }
    attributes = " ".join(f'data-{name}="{escape(str(value))}"' for name, value in data.items())
    return (
        f'<blockquote class="quote" {attributes}>{words}'
        f'<div class="cite">{source} &middot; characters {quote.start}&ndash;{quote.end} &middot; '
        f'SHA-256 <code class="sha">{escape(quote.sha256)}</code></div></blockquote>'
    )


def _header(facts: AuthorityFacts) -> str:
    p = facts.profile
    years = f"{p['firstYear']}&ndash;{p['lastYear']}" if p["firstYear"] else "no dated inspections"
    facts_line = " &middot; ".join(
        escape(str(part))
        for part in (
            p["code"],
            p["region"] or "region not recorded",
            f"DfE {p['dfeCode']}" if p["dfeCode"] is not None else None,
        )
        if part
    )
    counts = (
        f"{p['inspections']} inspections and visits, {years}: {p['findings']} findings, "
        f"{p['strengths']} strengths, {p['weaknesses']} weaknesses, {p['recommendations']} recommendations"
    )
    return f"<header><h1>{escape(p['name'])}</h1><p class='meta'>{facts_line}</p><p>{counts}</p></header>"


def _inspections_table(facts: AuthorityFacts, links: Links) -> str:
    rows = []
    for row in facts.timeline:
        report = _link(row["document"], links.inspection(row["inspection"]), title=row["inspection"])
        text_url = links.document_text(row["sha256"])
        text = f" ({_link('text', text_url)})" if text_url else ""
        rows.append(
            "<tr>"
            f"<td class='date'>{escape(_event_date(row) or '')}</td><td>{escape(row['framework'])}</td>"
            f"<td>{escape(row['overallGrade'] or 'not graded')}</td>"
            f"<td class='n'>{row['findings']}</td><td class='n'>{row['weaknesses']}</td>"
            f"<td class='n'>{row['recommendations']}</td>"
            f"<td>{report}{text}<br><code class='sha'>{escape(row['sha256'])}</code></td>"
            "</tr>"
        )
    return (
        "<table class='inspections'><thead><tr><th>date</th><th>framework</th><th>overall grade</th>"
        "<th>findings</th><th>weaknesses</th><th>recommendations</th><th>report (SHA-256)</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _repeats(facts: AuthorityFacts, links: Links) -> str:
    if not facts.repeats:
        return "<p class='empty'>No finding restates one of an earlier inspection or visit.</p>"
    latest_first = sorted(facts.repeats, key=lambda r: (r["laterDate"] or "", r["later"]), reverse=True)
    return f"<ol class='repeats'>{''.join(_repeat(r, links) for r in latest_first)}</ol>"


def _repeat(r: dict[str, Any], links: Links) -> str:
    """One row of repeated-findings: the later and the earlier quote side by side, and the link."""
    sides = []
    for side in ("later", "earlier"):
        quote_html = _quote(Quote.of_repeat(r, side), links)
        when = f"{escape(r[f'{side}Date'] or 'undated')}, {escape(r[f'{side}Framework'])}"
        sides.append(f"<div class='{side}'><h4>{side.capitalize()}: {when}</h4>{quote_html}</div>")
    how = f"linked by {escape(r['method'])}, similarity {r['similarity']:.2f}; {_gap(r)}"
    return f"<li class='repeat'><div class='pair'>{''.join(sides)}</div><p class='how'>{how}</p></li>"


def _gap(r: dict[str, Any]) -> str:
    """How far back the earlier claim is: years, and the authority's events back (1: the one before)."""
    parts = [] if r["gapYears"] is None else [f"{r['gapYears']:g} years"]
    if r["gapInspections"] is not None:
        events = r["gapInspections"]
        parts.append(f"{events} inspection or visit" if events == 1 else f"{events} inspections or visits")
    return f"{' and '.join(parts)} earlier" if parts else "gap unknown"


def _strengths(facts: AuthorityFacts, links: Links) -> str:
    if not facts.strengths:
        return "<p class='empty'>No strength findings are about a theme.</p>"
    weaknesses: dict[str, int] = defaultdict(int)
    for row in facts.weaknesses:
        weaknesses[row["theme"]] += row["findings"]
    items = []
    for row in facts.strengths:
        span = f"{row['firstYear']}" + (
            f"&ndash;{row['lastYear']}" if row["lastYear"] != row["firstYear"] else ""
        )
        summary = (
            f"{row['findings']} strengths in {row['inspections']} inspections and visits, {span}; "
            f"{weaknesses.get(row['theme'], 0)} weaknesses"
        )
        samples = "".join(_quote(Quote.of_sample(s), links) for s in row["samples"])
        items.append(
            f"<li class='strength'><h3>{escape(row['label'])}</h3><p class='how'>{summary}</p>{samples}</li>"
        )
    return f"<ol class='strengths'>{''.join(items)}</ol>"


def _plotly_script(inline: bool) -> str:
    """plotly.js inline (a file that must open anywhere, offline) or from the API's own route."""
    if inline:
        return f"<script>{get_plotlyjs()}</script>"
    return f'<script src="{PLOTLY_JS_ROUTE}"></script>'


def _sections(facts: AuthorityFacts, links: Links) -> Iterable[str]:
    clicks = links.base is not None
    yield _header(facts)
    yield "<section id='grades'><h2>Inspections and grades</h2>"
    if not facts.timeline:
        yield "<p class='empty'>No inspection of this authority is loaded.</p>"
    else:
        if clicks:
            yield "<p class='note'>Click a mark for its inspection, with every finding and its paragraph.</p>"
        yield _figure_html(grade_chart(facts, links), "grade-chart", links)
    yield "</section>"
    yield "<section id='weaknesses'><h2>Weaknesses by theme and year</h2>"
    heatmap = weakness_heatmap(facts, links)
    if heatmap is None:
        yield "<p class='empty'>No weakness findings.</p>"
    else:
        yield (
            "<p class='note'>Weakness findings about each theme, per year of inspection"
            + (": click a cell for its quotes." if clicks else ".")
            + "</p>"
        )
        yield _figure_html(heatmap, "weakness-heatmap", links)
    yield "</section>"
    yield "<section id='reports'><h2>Inspections and their reports</h2>"
    yield _inspections_table(facts, links)
    yield "</section>"
    yield (
        "<section id='repeats'><h2>Repeated findings</h2><p class='note'>A weakness or recommendation "
        "restated from an earlier inspection or visit, latest first. The links are made by the text's "
        "similarity or by the report saying so, and are right about 6 times in 10: read both quotes "
        "before citing one.</p>"
    )
    yield _repeats(facts, links)
    yield "</section>"
    yield (
        "<section id='strengths'><h2>Strongest areas</h2><p class='note'>The themes with the most "
        "strength findings, with the latest inspection's quotes.</p>"
    )
    yield _strengths(facts, links)
    yield "</section>"


def _footer(links: Links) -> str:
    if links.base is None:
        where = (
            "Each quote names its document (file name and SHA-256) and its characters in the document's "
            "cleaned text, which <code>ikg query document-text -p document=SHA256</code> prints."
        )
    else:
        where = (
            "A quote links to its inspection, which gives every finding with its paragraph (the link's "
            "fragment is the finding's id); a file name links to the document's cleaned text, which "
            "the characters point into."
        )
    return f"<footer><p>Made by inspection-kg from its canned queries. {where}</p></footer>"


def render(facts: AuthorityFacts, links: Links, inline_plotly: bool) -> str:
    """The whole page: plotly.js inline, or loaded from PLOTLY_JS_ROUTE of the API that serves it."""
    title = f"{facts.profile['name']} ({facts.code}): inspections at a glance"
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        # no favicon to ask for
        "<link rel='icon' href='data:,'>"
        f"<title>{escape(title)}</title><style>{_CSS}</style>{_plotly_script(inline_plotly)}</head>"
        f"<body><main>{''.join(_sections(facts, links))}</main>{_footer(links)}</body></html>\n"
    )


_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
main, footer { max-width: 1200px; margin: 0 auto; padding: 0 20px; }
header h1 { margin: 24px 0 4px; }
.meta { color: #555; margin: 0; }
section { background: #fff; border: 1px solid #e3e3e3; border-radius: 6px; padding: 4px 20px 16px;
          margin: 18px 0; }
h2 { border-bottom: 1px solid #eee; padding-bottom: 4px; }
.note, .how, .empty, footer { color: #555; }
table.inspections { border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 14px; }
table.inspections th, table.inspections td { text-align: left; padding: 4px 8px; vertical-align: top;
                                             border-bottom: 1px solid #eee; }
td.n { text-align: right; }
td.date { white-space: nowrap; }
code.sha { font-size: 11px; color: #666; word-break: break-all; }
blockquote.quote { margin: 8px 0; padding: 6px 12px; border-left: 4px solid #c9d6e8; background: #f6f8fb; }
blockquote.quote a { color: #123c69; text-decoration: none; }
blockquote.quote a:hover { text-decoration: underline; }
.cite { font-size: 12px; color: #555; margin-top: 4px; }
ol.repeats, ol.strengths { padding-left: 20px; }
li.repeat { margin-bottom: 16px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.pair h4 { margin: 4px 0; font-weight: 600; }
.later blockquote.quote { border-left-color: #d9534f; }
li.strength h3 { margin: 12px 0 2px; }
li.strength blockquote.quote { border-left-color: #4f9d69; }
"""


def authority_page(store: GraphStore, authority: str, links: Links, inline_plotly: bool) -> str:
    """The page of one authority (ONS code or name); UnknownValue for one the graph does not hold."""
    return render(gather(store, authority), links, inline_plotly)
