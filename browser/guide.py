"""The Browser guide: slides through the model (from the ontology) and every canned question (from
queries/), with runnable blocks: a click puts the code in the editor, ready to run."""

from __future__ import annotations

from html import escape

from rdflib import RDFS

import queries
from accuracy.sure_scores import (
    SURE_POLARITY_ACCURACY,
    SURE_POLARITY_SCORE,
    SURE_THEME_PRECISION,
    SURE_THEME_SCORE,
)
from browser.scripts import browser_cypher, param_commands
from ontology import L, R, vocabulary
from ontology.vocabulary import RelType

TITLE = "inspection-kg: inspections of children's services"


def _runnable(code: str) -> str:
    return f'<pre class="code runnable">{escape(code)}</pre>'


def _slide(title: str, *body: str) -> str:
    return "<slide>\n<h3>" + escape(title) + "</h3>\n" + "\n".join(body) + "\n</slide>"


def _welcome() -> str:
    return _slide(
        "Welcome",
        "<p>A knowledge graph of English local authorities, the inspections of their children's services, "
        "the inspectors, the judgements, and every finding the inspectors wrote, tagged with themes and "
        "traceable to the sentence of the report that says it.</p>",
        "<p>Click a grey block to put it in the editor, then run it. What the graph holds:</p>",
        _runnable("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS nodes ORDER BY nodes DESC"),
        "<p>The next slides show the model and then every canned question of the project's API, "
        "each with the parameters it takes.</p>",
    )


def _properties(rel: RelType) -> str:
    return " {" + ", ".join(p.name for p in rel.properties) + "}" if rel.properties else ""


def _model() -> str:
    vocab = vocabulary()
    nodes = "\n".join(
        f"<li><b>{escape(n.label)}</b> <code>{{{escape(n.key)}}}</code>: "
        f"{escape(str(vocab.graph.value(n.iri, RDFS.comment)))}</li>"
        for n in vocab.nodes.values()
    )
    rels = "\n".join(
        f"({r.source})-[:{r.type}{_properties(r)}]->({r.target})" for r in vocab.relationships.values()
    )
    return _slide(
        "The model",
        f"<ul>\n{nodes}\n</ul>",
        f"<pre>{escape(rels)}</pre>",
        "<p>The schema as the database sees it:</p>",
        _runnable("CALL db.schema.visualization()"),
    )


def _first_look() -> str:
    return _slide(
        "One authority, as a graph",
        "<p>Solihull's inspections, their findings about supervision and the themes above them:</p>",
        _runnable(
            f"MATCH p = (:{L.Authority} {{name: 'Solihull'}})<-[:{R.OF_AUTHORITY}]-(:{L.Inspection})"
            f"-[:{R.HAS_FINDING}]->(:{L.Finding})-[:{R.ABOUT}]->(:{L.Theme})-[:{R.BROADER}*0..1]->"
            f"(:{L.Theme} {{id: 'supervision'}})\nRETURN p"
        ),
        "<p>Double-click a node to expand it; the style of this project gives each label its colour "
        "and caption.</p>",
    )


def sure_weaknesses_cypher() -> str:
    """Per authority, the weaknesses about supervision (or a narrower theme) whose polarity and theme
    are both sure: the block of the slide on counting."""
    return (
        f"MATCH (a:{L.Authority})<-[:{R.OF_AUTHORITY}]-(:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding})"
        f"-[about:{R.ABOUT}]->(:{L.Theme})-[:{R.BROADER}*0..1]->(:{L.Theme} {{id: 'supervision'}})\n"
        f"WHERE f.polarity = 'weakness' AND f.polarityScore >= {SURE_POLARITY_SCORE} "
        f"AND about.score >= {SURE_THEME_SCORE}\n"
        "RETURN a.name AS authority, count(DISTINCT f) AS sureWeaknesses\n"
        "ORDER BY sureWeaknesses DESC, authority LIMIT 20"
    )


def _counting() -> str:
    return _slide(
        "Counting claims you can count on",
        "<p>Every finding stores how sure its polarity is (<code>polarityScore</code>) and every "
        "<code>ABOUT</code> how sure its theme is (<code>score</code>). Surer answers are right more "
        f"often: a polarity scored at least {SURE_POLARITY_SCORE} is right {SURE_POLARITY_ACCURACY:.0%} "
        f"of the time, and a theme scored at least {SURE_THEME_SCORE} {SURE_THEME_PRECISION:.0%}, in "
        "cross-validation over hand-labelled claims, at the cost of leaving out about a quarter of the "
        "claims and a tenth of the right themes. Which are left out is not random: the sure ones are "
        "the plainly stated ones.</p>",
        "<p>The authorities told most often, and plainly, that supervision is weak:</p>",
        _runnable(sure_weaknesses_cypher()),
        "<p>Themes differ: those named in plain words (care leavers, adoption) are found nearly always, "
        "those a reader infers (timeliness, voice of the child) much less. Each theme's precision and "
        'recall are in the project\'s docs/accuracy.md, "Each theme".</p>',
    )


def _question(query: queries.CannedQuery) -> str:
    body = [f"<p>{escape(query.description)}</p>"]
    commands = param_commands(query)
    if commands:
        body += ["<p>Set the parameters (change the values to ask about something else):</p>"]
        body += [_runnable(";\n".join(commands))]
    body += ["<p>Then run the query:</p>", _runnable(browser_cypher(query))]
    body += [f"<p>Over HTTP: <code>GET /queries/{escape(query.name)}</code></p>"]
    return _slide(query.name, *body)


# The slides before one slide per canned question.
_INTRODUCTION = (_welcome, _model, _first_look, _counting)
INTRODUCTORY_SLIDES = len(_INTRODUCTION)


def guide_html() -> str:
    slides = [slide() for slide in _INTRODUCTION]
    slides += [_question(query) for query in queries.catalog().values()]
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(TITLE)}</title>\n</head>\n<body>\n" + "\n".join(slides) + "\n</body>\n</html>\n"
    )
