"""One grade vocabulary across frameworks, and a role scheme that tells inspectors from the team
members who do not inspect: every wording the extractor records has its concept, and the counts
follow them."""

from __future__ import annotations

from datetime import date

from rdflib import Literal
from rdflib.collection import Collection
from rdflib.namespace import SH
from test_graph_stores import make_extraction

from graph.ladybug_store import LadybugStore
from graph.names import P
from graph.rows import grade_id
from ingest.pipeline import relink
from loaders.extract import _SIGNATORY_ROLE
from loaders.identifiers import inspector_id
from loaders.judgements import GRADES, grade_rank
from loaders.people import ROLES
from loaders.records import InspectorRecord
from ontology import L, vocabulary
from ontology.vocabulary import IKG, ontology_file
from queries import get


def test_every_wording_the_extractor_reads_names_one_grade_with_a_rank() -> None:
    for wording in GRADES:
        grade = vocabulary().grade(wording)
        assert grade is not None, wording
        assert grade_rank(wording.upper()) == grade.rank
    assert (
        grade_id("Requires improvement")
        == grade_id("Requires improvement to be good")
        == "requires-improvement"
    )
    assert grade_id("Adequate") == "adequate" and grade_rank("Adequate") == 3
    assert grade_id("Satisfactory") is None and grade_id(None) is None


def test_the_shapes_allow_exactly_the_scheme_s_grades() -> None:
    shapes = ontology_file("shapes.ttl")
    ids = {grade.id for grade in vocabulary().grades}
    for path in (IKG.gradeId, IKG.overallGradeId):
        (prop,) = shapes.subjects(SH.path, path)
        allowed = Collection(shapes, shapes.value(prop, SH["in"]))
        assert {str(v) for v in allowed} == ids
        assert all(isinstance(v, Literal) for v in allowed)


def test_counts_by_grade_join_the_wordings_of_different_years(tmp_path) -> None:
    store = LadybugStore(tmp_path / "graph")
    store.ensure_schema()
    store.load_reference_data()
    for n, wording in enumerate(["Requires improvement", "Requires improvement to be good"]):
        extraction = make_extraction(n, date(2014 + 4 * n, 3, 3))
        judgements = [j.model_copy(update={"grade": wording}) for j in extraction.judgements]
        store.replace_document(extraction.model_copy(update={"judgements": judgements}))
    _, rows = store.read(f"MATCH (j:{L.Judgement}) RETURN DISTINCT j.{P.gradeId} AS g, j.{P.grade} AS w")
    assert sorted(map(tuple, rows)) == [
        ("requires-improvement", "Requires improvement"),
        ("requires-improvement", "Requires improvement to be good"),
    ]
    query = get("judgement-distribution")
    _, rows = store.read(query.cypher, query.bind({}))
    assert {row[2] for row in rows} == {"requires-improvement"}
    store.close()


def test_every_role_the_extractor_records_is_in_the_role_scheme() -> None:
    recorded = {*ROLES.values(), *(role for role in _SIGNATORY_ROLE.values()), "inspector"}
    for role in recorded:
        assert vocabulary().role(role) is not None, role
    support = {r.label for r in vocabulary().roles if not r.inspects}
    assert {"senior data analyst", "quality assurance manager", "shadow inspector"} <= support
    assert not {"lead inspector", "HMI", "team inspector", "deputy lead inspector"} & support


def test_inspector_counts_leave_out_team_members_who_do_not_inspect(tmp_path) -> None:
    store = LadybugStore(tmp_path / "graph")
    store.ensure_schema()
    store.load_reference_data()
    extraction = make_extraction(0, date(2019, 3, 4))
    analyst = InspectorRecord(id=inspector_id("Ann Analyst"), name="Ann Analyst", role="senior data analyst")
    store.replace_document(extraction.model_copy(update={"inspectors": [*extraction.inspectors, analyst]}))
    relink(store)  # as a load does: the inspector queries read tallies it keeps
    team = get("inspection-team")
    _, rows = store.read(team.cypher, team.bind({"inspection": extraction.inspection.id}))
    assert ("Ann Analyst", "senior data analyst", False) in {(r[1], r[2], r[3]) for r in rows}
    assert all(r[3] for r in rows if r[1] != "Ann Analyst")
    for name in ("inspector-workload", "inspector-network"):
        query = get(name)
        _, rows = store.read(query.cypher, query.bind({}))
        assert rows and not any("Ann Analyst" in map(str, row) for row in rows), name
    store.close()
