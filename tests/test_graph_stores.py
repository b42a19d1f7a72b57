"""Both stores, for real: the same documents give the same graph in LadybugDB and in Neo4j; loading
again changes nothing; a changed document replaces its findings; a failed write leaves nothing."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from neo4j.exceptions import Neo4jError
from previous_cypher import assert_agrees_with_previous
from wipe import wipe

import queries
from graph import links
from graph import store as store_module
from graph.ladybug_store import LadybugStore
from graph.links import recompute_links
from graph.names import P, node_type
from graph.neo4j_store import Neo4jStore
from graph.open_store import open_store
from graph.people_resolution import resolve_people
from graph.repeat_links import METHOD_EXPLICIT, METHOD_SIMILARITY, SIMILARITY_THRESHOLD
from graph.rows import GraphRows, document_rows
from graph.store import GraphStore
from ingest.pipeline import load_extractions, relink
from loaders.authorities import all_authorities
from loaders.identifiers import finding_id, inspection_id, inspector_id, judgement_id
from loaders.lemmas import content_lemmas
from loaders.records import (
    AuthorityRecord,
    DocumentExtraction,
    DocumentRecord,
    FindingRecord,
    InspectionRecord,
    InspectorRecord,
    JudgementRecord,
    ThemeAssignment,
)
from ontology import L, R, vocabulary

# What each store raises for a statement that fails: LadybugDB's binder or a cast, Neo4j's server.
STORE_ERRORS = (RuntimeError, Neo4jError)
LOADED_AT = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc)
THEMES = [theme.id for theme in vocabulary().themes]
POLARITIES = ["strength", "context", "weakness", "recommendation", "mixed"]
GRADES = [("Outstanding", 1), ("Good", 2), ("Requires improvement to be good", 3), ("Inadequate", 4)]
SENTENCES = [
    "Managers do not consistently oversee the timeliness of assessments for children in need",
    "Social workers visit children regularly and see them alone to hear their views",
    "Plans for care leavers lack clear actions and timescales for accommodation",
    "Partners share information promptly at the front door when risk is identified",
    "Supervision of practitioners is irregular and rarely reflective about children's progress",
    "The quality of return home interviews for children who go missing is too variable",
]


def _authority(index: int) -> AuthorityRecord:
    ref = sorted(all_authorities(), key=lambda a: a.code)[index]
    return AuthorityRecord(
        stated=ref.official_name, code=ref.code, name=ref.name, dfe_code=ref.dfe_code, region=ref.region
    )


def make_extraction(
    authority: int = 0,
    start: date = date(2015, 3, 2),
    findings: int = 8,
    version: int = 0,
    file_name: str | None = None,
    framework: str = "single-inspection-framework",
    stated: str | None = None,
) -> DocumentExtraction:
    """A plausible extraction: inspectors (one named two ways), judgements, themed findings that cite
    recommendations. `version` changes the text, as a corrected re-issue of the same file would;
    with `stated`, its weaknesses and recommendations say they were raised at an earlier event of that
    kind ("the last unannounced inspection")."""
    record = _authority(authority)
    inspection = inspection_id(record.code, framework, start)
    texts = [
        f"{SENTENCES[(i + version) % len(SENTENCES)]} ({record.name}, point {i + 1}, issue {version})."
        for i in range(findings)
    ]
    text = "\n".join(texts)
    lemmas = content_lemmas(texts)
    sha = hashlib.sha256(f"{record.code}{start}{framework}{version}{text}".encode()).hexdigest()
    offsets = [sum(len(t) + 1 for t in texts[:i]) for i in range(findings)]
    recommendations = [i for i in range(findings) if POLARITIES[i % len(POLARITIES)] == "recommendation"]
    finding_records = []
    for i, body in enumerate(texts):
        polarity = POLARITIES[i % len(POLARITIES)]
        themes = [THEMES[(i * 7 + version) % len(THEMES)], THEMES[(i * 3 + 1) % len(THEMES)]]
        finding_records.append(
            FindingRecord(
                id=finding_id(inspection, sha, i + 1),
                ordinal=i + 1,
                polarity=polarity,
                polarity_score=0.99,
                polarity_method="section" if polarity == "recommendation" else "ikg_polarity-test",
                priority=polarity == "recommendation" and i % 2 == 0,
                section="Recommendations" if polarity == "recommendation" else "Findings",
                paragraph=i + 1 if i % 3 else None,
                paragraph_ordinal=i + 1,
                paragraph_start=offsets[i],
                paragraph_end=offsets[i] + len(body),
                text=body,
                char_start=offsets[i],
                char_end=offsets[i] + len(body),
                themes=themes,
                theme_assignments=[ThemeAssignment(theme=themes[0], score=0.5 + i / 100, method="keywords")],
                supports=[finding_id(inspection, sha, r + 1) for r in recommendations if r != i][:2],
                repeat_of_previous=bool(stated) and polarity in ("weakness", "recommendation"),
                refers_to_kind=stated if polarity in ("weakness", "recommendation") else None,
                lemmas=lemmas[i],
            )
        )
    names = ["Lynn E Radley", "Lynn Radley"] if authority % 2 else ["Lynn Radley", "Peter Green HMI"]
    roles = ["lead inspector", "team inspector"]
    grade, rank = GRADES[(authority + version) % len(GRADES)]
    return DocumentExtraction(
        document=DocumentRecord(
            file_name=file_name or f"{record.name.lower().replace(' ', '-')}-{start}-{framework}.txt",
            sha256=sha,
            format="txt",
            title=f"Inspection of {record.name} children's services",
            pages=findings // 3 or None,
            text=text,
        ),
        authority=record,
        inspection=InspectionRecord(
            id=inspection,
            framework=framework,
            start_date=start,
            end_date=start + timedelta(days=10),
            published_date=start + timedelta(days=40) if version % 2 == 0 else None,
            overall_grade=grade,
        ),
        inspectors=[
            InspectorRecord(id=inspector_id(n), name=n, role=r) for n, r in zip(names, roles, strict=True)
        ],
        judgements=[
            JudgementRecord(id=judgement_id(inspection, area), area=area, grade=grade, grade_rank=rank)
            for area in ("Overall effectiveness", "Children who need help and protection")
        ],
        findings=finding_records,
    )


def dump(store: GraphStore) -> dict[str, Any]:
    """Every node with its properties and every relationship with its endpoints' keys and its
    properties, normalised, from queries both stores answer."""
    graph: dict[str, Any] = {}
    for node in vocabulary().nodes.values():
        names = [prop.name for prop in node.properties]
        _, rows = store.read(f"MATCH (n:{node.label}) RETURN " + ", ".join(f"n.{n} AS {n}" for n in names))
        graph[node.label] = sorted(tuple(_normal(v) for v in row) for row in rows)
    for rel in vocabulary().relationships.values():
        source, target = node_type(rel.source), node_type(rel.target)
        extra = "".join(f", r.{prop.name} AS {prop.name}" for prop in rel.properties)
        _, rows = store.read(
            f"MATCH (a:{rel.source})-[r:{rel.type}]->(b:{rel.target}) "
            f"RETURN a.{source.key} AS source, b.{target.key} AS target{extra}"
        )
        graph[rel.type] = sorted(tuple(_normal(v) for v in row) for row in rows)
    return graph


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return tuple(_normal(v) for v in value)
    return value


def _count(graph: dict[str, Any]) -> int:
    return sum(len(rows) for rows in graph.values())


def _load(store: GraphStore, extractions: list[DocumentExtraction]) -> None:
    for extraction in extractions:
        store.replace_document(extraction, loaded_at=LOADED_AT)
    relink(store)


def _copy(extraction: DocumentExtraction, file_name: str) -> DocumentExtraction:
    """Another copy of the same report: another file with the same text."""
    sha = hashlib.sha256(file_name.encode()).hexdigest()
    return extraction.model_copy(
        update={"document": extraction.document.model_copy(update={"file_name": file_name, "sha256": sha})}
    )


def _sample() -> list[DocumentExtraction]:
    first = make_extraction(0, date(2011, 4, 13), framework="unannounced-contact-referral-assessment")
    return [
        first,
        make_extraction(0, date(2014, 6, 2), stated="unannounced-inspection"),
        make_extraction(0, date(2018, 1, 15), framework="ilacs-standard"),
        make_extraction(1, date(2016, 5, 9), findings=5),
        make_extraction(2, date(2019, 9, 30), findings=0, version=1),
        _copy(first, "a-copy-of-the-first.txt"),
    ]


# --- Tests ------------------------------------------------------------------------------------------


def _alike_names() -> list[DocumentExtraction]:
    """Two leads years apart with alike names and no colleague in common: a POSSIBLY_SAME pair."""
    return [
        make_extraction(3, when, findings=1, version=9).model_copy(
            update={"inspectors": [InspectorRecord(id=inspector_id(name), name=name, role="lead inspector")]}
        )
        for name, when in (("Jane Smith", date(2012, 6, 1)), ("Janet Smith", date(2019, 6, 3)))
    ]


def test_both_stores_hold_the_same_graph(ladybug_store: LadybugStore, neo4j_store: Neo4jStore) -> None:
    for store in (ladybug_store, neo4j_store):
        store.load_reference_data()
        _load(store, _sample() + _alike_names())
        resolve_people(store)
    embedded, server = dump(ladybug_store), dump(neo4j_store)
    assert embedded == server
    # The comparison has substance: every label and relationship type is populated ...
    assert all(embedded[name] for name in [*vocabulary().nodes, *vocabulary().relationships])
    # ... and typed values survived: dates, UTC timestamps, lists, doubles, booleans.
    _, rows = neo4j_store.read(
        f"MATCH (i:{L.Inspection}) RETURN i.{P.startDate} AS d, i.{P.year} AS y ORDER BY d LIMIT 1"
    )
    assert rows == [[date(2011, 4, 13), 2011]]
    for store in (ladybug_store, neo4j_store):
        _, rows = store.read(f"MATCH (d:{L.Document}) RETURN DISTINCT d.{P.loadedAt} AS t")
        assert rows == [[LOADED_AT]]
        _, rows = store.read(
            f"MATCH (i:{L.Inspector} {{{node_type(L.Inspector).key}: $id}}) RETURN i.{P.aliases} AS a",
            {"id": inspector_id("Lynn Radley")},
        )
        assert rows == [[["Lynn E Radley", "Lynn Radley"]]]


def _repeats(store: GraphStore) -> set[tuple[str, str, str, int]]:
    """(later inspection, earlier inspection, method, gap in inspections) of every REPEATS link."""
    key = node_type(L.Inspection).key
    _, rows = store.read(
        f"MATCH (i:{L.Inspection})-[:{R.HAS_FINDING}]->(a:{L.Finding})-[r:{R.REPEATS}]->(b:{L.Finding})"
        f"<-[:{R.HAS_FINDING}]-(j:{L.Inspection}) "
        f"RETURN i.{key} AS later, j.{key} AS earlier, r.{P.method} AS method, r.{P.similarity} AS s, "
        f"r.{P.gapInspections} AS gap, r.{P.gapYears} AS years"
    )
    for _, _, method, similarity, gap, years in rows:
        assert SIMILARITY_THRESHOLD <= similarity <= 1.0 or method == METHOD_EXPLICIT
        assert gap >= 1 and years > 0
    return {(later, earlier, method, gap) for later, earlier, method, _, gap, _ in rows}


def _pairs(store: GraphStore, type_: str) -> set[tuple[str, str]]:
    key = node_type(L.Inspection).key
    _, rows = store.read(
        f"MATCH (a:{L.Inspection})-[:{type_}]->(b:{L.Inspection}) RETURN a.{key} AS later, b.{key} AS earlier"
    )
    return {(later, earlier) for later, earlier in rows}


def test_links_previous_and_repeats(store: GraphStore) -> None:
    sample = _sample()
    _load(store, sample)
    first, second, third = (x.inspection.id for x in sample[:3])
    assert _pairs(store, R.PREVIOUS) == {(second, first), (third, second)}
    # The first is an unannounced inspection, not a full one: the full inspections chain past it.
    assert _pairs(store, R.PREVIOUS_FULL) == {(third, second)}
    # The second inspection says its weaknesses and recommendations were raised at the last
    # unannounced inspection and restates the others word for word; the third restates the second's,
    # so it links to the second (one event back), not the first.
    assert _repeats(store) == {
        (second, first, METHOD_EXPLICIT, 1),
        (second, first, METHOD_SIMILARITY, 1),
        (third, second, METHOD_SIMILARITY, 1),
    }
    # Recomputing over an unchanged graph writes nothing, even when asked to redo every authority.
    assert recompute_links(store).written == 0
    assert recompute_links(store, everything=True).written == 0


def test_links_reach_past_an_event_without_a_match(store: GraphStore) -> None:
    """A later point is searched for in every earlier event, not only the preceding one."""
    store.load_reference_data()
    earliest = make_extraction(5, date(2012, 3, 5))
    between = make_extraction(
        5, date(2015, 3, 2), findings=1, version=3
    )  # its one claim is unlike the others
    latest = make_extraction(5, date(2019, 3, 4), framework="ilacs-standard")
    _load(store, [earliest, between, latest])
    later = {(e, method, gap) for later, e, method, gap in _repeats(store) if later == latest.inspection.id}
    assert (earliest.inspection.id, METHOD_SIMILARITY, 2) in later


def test_links_are_written_a_step_of_authorities_at_a_time(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No transaction holds every pending authority's links: a run that dies partway keeps the steps
    it finished (links written, marks cleared) and leaves the rest marked for the next run."""
    store.load_reference_data()
    documents = [make_extraction(a, date(2015 + y, 3, 2), version=y) for a in range(3) for y in range(2)]
    for document in documents:
        store.replace_document(document, loaded_at=LOADED_AT)  # marks its authority, links nothing
    monkeypatch.setattr(links, "AUTHORITIES_PER_STEP", 1)
    read = links._authority_links
    steps: list[list[str]] = []

    def dies_in_the_third_step(*args: Any) -> Any:
        steps.append(args[1])
        if len(steps) == 3:
            raise RuntimeError("killed")
        return read(*args)

    monkeypatch.setattr(links, "_authority_links", dies_in_the_third_step)
    with pytest.raises(RuntimeError, match="killed"):
        recompute_links(store)
    assert len(_pairs(store, R.PREVIOUS)) == 2  # the two authorities done
    monkeypatch.setattr(links, "_authority_links", read)
    assert recompute_links(store).authorities == 1  # the third, still marked
    assert _pairs(store, R.PREVIOUS) == {
        (documents[n + 1].inspection.id, documents[n].inspection.id) for n in (0, 2, 4)
    }


def test_links_are_recomputed_only_where_documents_changed(store: GraphStore) -> None:
    store.load_reference_data()
    _load(store, _sample())
    held = _repeats(store)
    # A document of another authority: only that authority's links are recomputed.
    store.replace_document(make_extraction(4, date(2017, 5, 1)), loaded_at=LOADED_AT)
    assert recompute_links(store).authorities == 1
    assert recompute_links(store).authorities == 0
    assert _repeats(store) == held


def test_an_explicit_reference_links_once_its_event_is_loaded(store: GraphStore) -> None:
    store.load_reference_data()
    unannounced, stated = _sample()[:2]
    _load(store, [stated])
    assert _repeats(store) == set()
    _load(store, [unannounced])
    methods = {method for later, _, method, _ in _repeats(store) if later == stated.inspection.id}
    assert methods == {METHOD_EXPLICIT, METHOD_SIMILARITY}


def test_links_left_undone_by_an_interrupted_load_are_done_by_the_next(store: GraphStore) -> None:
    """Documents marked their authority as pending in their own transaction; no load need rerun."""
    store.load_reference_data()
    sample = _sample()
    for extraction in sample:
        store.replace_document(extraction, loaded_at=LOADED_AT)  # interrupted before the links step
    again = load_extractions(store, sample)
    assert again.loaded == 0 and again.links.authorities == 3
    assert _repeats(store)


def test_second_load_changes_nothing(store: GraphStore) -> None:
    sample = _sample()
    first = load_extractions(store, sample)
    assert first.loaded == len(sample) and first.written > 0
    before = dump(store)
    again = load_extractions(store, sample)
    assert (again.loaded, again.skipped, again.written) == (0, len(sample), 0)
    assert (again.links.authorities, again.links.written) == (0, 0)
    assert dump(store) == before
    # Writing the same document over itself is also idempotent (apart from its load time).
    store.replace_document(sample[1], loaded_at=datetime.now(timezone.utc))
    relink(store)
    after = dump(store)
    assert _count(after) == _count(before)
    for name in before:
        if name != L.Document:
            assert after[name] == before[name], name


def test_changed_document_replaces_its_findings(store: GraphStore) -> None:
    store.load_reference_data()
    original = make_extraction(3, date(2017, 2, 6), findings=9, file_name="report.txt")
    other_doc_same_inspection = make_extraction(
        3, date(2017, 2, 6), findings=2, version=7, file_name="letter.txt"
    )
    _load(store, [original, other_doc_same_inspection])
    reissued = make_extraction(3, date(2017, 2, 6), findings=4, version=1, file_name="report.txt")
    _load(store, [reissued])
    graph = dump(store)

    shas = {row[0] for row in graph[L.Document]}
    assert shas == {reissued.document.sha256, other_doc_same_inspection.document.sha256}
    # Two documents of one inspection are copies of its report: the findings are the canonical one's
    # (loaded at the same time: the lower SHA-256).
    canonical = min(reissued, other_doc_same_inspection, key=lambda e: e.document.sha256)
    flags = {row[0]: row[1] for row in store.read(f"MATCH (d:{L.Document}) RETURN d.sha256, d.canonical")[1]}
    assert flags == {sha: sha == canonical.document.sha256 for sha in shas}
    findings = {row[0] for row in graph[L.Finding]}
    assert findings == {f.id for f in canonical.findings}
    assert {row[0] for row in graph[R.IN_DOCUMENT]} == findings
    assert {row[1] for row in graph[R.IN_DOCUMENT]} == {canonical.document.sha256}
    # Nothing dangles: every ABOUT, SUPPORTS and HAS_FINDING involves a current finding.
    assert all(row[0] in findings for row in graph[R.ABOUT] + graph[R.SUPPORTS])
    assert {row[1] for row in graph[R.HAS_FINDING]} == findings
    # Shared nodes stay: the inspection another document still reports, authorities, inspectors, themes.
    assert [row[0] for row in graph[L.Inspection]] == [reissued.inspection.id]
    assert len(graph[L.Authority]) == len(all_authorities())
    assert len(graph[L.Theme]) == len(vocabulary().themes)
    assert {row[0] for row in graph[L.Inspector]} == {i.id for i in reissued.inspectors}

    # A re-issue that moves the only report of an inspection to another one (a corrected start date)
    # takes the old inspection, its judgements and its inspector links with it.
    solo = make_extraction(6, date(2019, 3, 4), file_name="solo.txt")
    _load(store, [solo])
    corrected = make_extraction(6, date(2019, 3, 11), version=3, file_name="solo.txt")
    _load(store, [corrected])
    graph = dump(store)
    assert {row[0] for row in graph[L.Inspection]} == {reissued.inspection.id, corrected.inspection.id}
    assert {row[0] for row in graph[L.Judgement]} == {
        j.id for j in reissued.judgements + corrected.judgements
    }
    assert solo.inspection.id not in {row[1] for row in graph[R.INSPECTED]}
    assert {row[0] for row in graph[L.Inspector]} == {
        i.id for i in reissued.inspectors + corrected.inspectors
    }


def _failing_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents whose last finding has an ordinal of the wrong type: the write fails after the
    document's other nodes (and any deletes of an earlier version) have run in the transaction."""

    def corrupted(*args: Any, **kwargs: Any) -> GraphRows:
        rows = document_rows(*args, **kwargs)
        list(rows.nodes[L.Finding].values())[-1][P.ordinal] = {"not": "an integer"}
        return rows

    monkeypatch.setattr(store_module, "document_rows", corrupted)


def test_failed_write_leaves_nothing_of_the_document(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.load_reference_data()
    kept = make_extraction(4, date(2012, 1, 9), file_name="kept.txt")
    _load(store, [kept])
    before = dump(store)

    _failing_rows(monkeypatch)
    with pytest.raises(STORE_ERRORS):
        store.replace_document(make_extraction(5, date(2013, 1, 9)), loaded_at=LOADED_AT)
    assert dump(store) == before
    # A failing re-issue of a loaded file leaves the loaded version whole.
    with pytest.raises(STORE_ERRORS):
        store.replace_document(make_extraction(4, date(2012, 1, 9), version=1, file_name="kept.txt"))
    assert dump(store) == before
    assert store.document_loaded(kept.document.sha256)


def test_open_store_chooses_by_setting(tmp_path: Path, neo4j_uri: Any) -> None:
    embedded = open_store(str(tmp_path / "g"))
    assert isinstance(embedded, LadybugStore)
    embedded.close()
    server = open_store(neo4j_uri.uri, neo4j_uri.user, neo4j_uri.password, neo4j_uri.database)
    assert isinstance(server, Neo4jStore)
    assert server.read("RETURN 1 AS one") == (["one"], [[1]])
    server.close()
    with pytest.raises(ValueError):
        open_store("http://localhost:7474")


def test_fifty_documents_load_in_batched_transactions(store: GraphStore) -> None:
    """50 synthetic documents of 40 findings each, more than one write batch, loaded and linked."""
    store.load_reference_data()
    documents = [
        make_extraction(i % 10, date(2010 + i // 10, 1 + i % 10, 3), findings=40, version=i)
        for i in range(50)
    ]
    result = load_extractions(store, documents)
    assert result.loaded == 50
    assert store.counts()[L.Finding] == 50 * 40
    assert load_extractions(store, documents).loaded == 0


def test_a_batch_and_the_bulk_path_write_the_graph_of_one_document_at_a_time(
    corpus: Path, store: GraphStore, tmp_path: Path
) -> None:
    """`replace_documents` on a batch (one statement per label for all its documents) and the bench's
    bulk path give the same graph as writing the documents one by one: same nodes, properties, merged
    inspector aliases and relationships. Real seeds and synthetic documents with shared inspectors."""
    from graph.bulk_load import bulk_load
    from loaders.extract import extract_file

    # The bulk path writes every document whole: it is the yardstick for reports loaded once each,
    # so the sample's second copy of a report stays out.
    documents = [extract_file(path) for path in sorted((corpus / "seeds").iterdir())] + _sample()[:-1]

    def fresh() -> GraphStore:
        if isinstance(store, Neo4jStore):
            wipe(store)
            return store
        other = LadybugStore(tmp_path / f"graph-{len(list(tmp_path.iterdir()))}")
        other.ensure_schema()
        return other

    graphs = []
    for write in ("one by one", "batch", "bulk"):
        target = fresh()
        if write == "bulk":
            bulk_load(target, documents, loaded_at=LOADED_AT)
        else:
            target.load_reference_data()
            if write == "batch":
                target.replace_documents(documents, loaded_at=LOADED_AT)
            else:
                for document in documents:
                    target.replace_document(document, loaded_at=LOADED_AT)
        recompute_links(target)
        graphs.append(dump(target))
        if target is not store:
            target.close()
    assert graphs[1] == graphs[0], "a batch differs from one document at a time"
    assert graphs[2] == graphs[0], "the bulk path differs from one document at a time"
    assert len(graphs[0][L.Document]) == len(documents)


def test_seed_documents_give_the_same_graph_in_both_stores(
    corpus: Path, ladybug_store: LadybugStore, neo4j_store: Neo4jStore
) -> None:
    """The real extractor's output on the seed reports, loaded into both stores."""
    from loaders.extract import extract_file

    extractions = [extract_file(path) for path in sorted((corpus / "seeds").iterdir())]
    for store in (ladybug_store, neo4j_store):
        store.load_reference_data()
        for extraction in extractions:
            store.replace_document(extraction, loaded_at=LOADED_AT)
        relink(store)
    embedded = dump(ladybug_store)
    assert embedded == dump(neo4j_store)
    assert len(embedded[L.Document]) == len(extractions)
    assert len(embedded[L.Finding]) == sum(len(x.findings) for x in extractions)
    assert embedded[R.PREVIOUS]  # Solihull's two seed inspections are chained
    assert load_extractions(ladybug_store, extractions).loaded == 0
    assert dump(ladybug_store) == embedded


def test_recommendations_by_theme_lists_undated_claims_last_in_claim_order(store: GraphStore) -> None:
    """LadybugDB 0.22's ORDER BY ... LIMIT ignores the sort keys after a null one, so a query sorting
    by a date that may be missing would cut its undated rows in no fixed order."""
    store.load_reference_data()
    dated = make_extraction(0, date(2015, 3, 2), findings=40)
    undated = make_extraction(0, date(2016, 5, 9), findings=40, version=1)
    undated = undated.model_copy(
        update={"inspection": undated.inspection.model_copy(update={"start_date": None, "end_date": None})}
    )
    load_extractions(store, [dated, undated])
    query = queries.get("recommendations-by-theme")
    checked = 0
    for theme in THEMES:
        _, rows = store.read(query.cypher, query.bind({"theme": theme, "limit": 3}))
        _, every = store.read(query.cypher, query.bind({"theme": theme, "limit": 5000}))
        keys = [(row[2] is None, row[0]) for row in every]
        assert keys == sorted(keys), theme  # dated first (one date here), then undated, each by claim
        assert rows == every[:3], theme
        for limit in (3, 5000):  # the tallies' lists give what joining every claim gives
            assert_agrees_with_previous(store, "recommendations-by-theme", {"theme": theme, "limit": limit})
        checked += any(row[2] is None for row in rows)
    assert checked, "no theme's first rows reached the undated claims"
