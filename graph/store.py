"""The graph store interface, and the write logic both stores share.

A store supplies a transaction, a read, the schema and one dialect difference (how a row's
properties are SET); everything else -- which nodes a document replaces, the order of writes, the
Cypher of every delete and lookup -- is written once here, in Cypher both stores accept.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any, Protocol, TypeVar

from graph.claim_words import pattern, words
from graph.copies import copy_rank, fold, locate
from graph.document_batch import combined_rows
from graph.names import P, node_type, rel_type
from graph.rows import DOCUMENT_OWNED, GraphRows, RelRow, authority_table, document_rows, reference_rows
from loaders.records import DocumentExtraction
from loaders.version import extractor_version
from ontology import L, R, vocabulary
from ontology.vocabulary import PropertyDef

T = TypeVar("T")
Statement = tuple[str, Mapping[str, Any]]
# Nodes of one label a condition on `n` selects, with its parameters.
Selection = tuple[str, str, Mapping[str, Any]]
# Rows per UNWIND: large enough to amortise a round trip, small enough to bound one statement's memory.
BATCH_SIZE = 1000


class Tx(Protocol):
    """An open write transaction: runs one statement and returns its rows as dicts."""

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]: ...


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (a Neo4j server that is down, an embedded store locked by another
    process) or cannot take a transaction (one over a Neo4j server's memory limit): nothing of it was
    read or written."""


class TransactionTooLarge(StoreUnavailable):
    """The store refused a transaction for the memory it needed (a Neo4j server's limit per
    transaction, or for all of them together): nothing of it was written, and a smaller one may pass."""


class UntrustedRefused(ValueError):
    """The engine says a user's query does more than read, or cannot say what it does."""


class UntrustedFailed(ValueError):
    """The engine could not run a user's query (a syntax, type or run-time error): its message."""


class UntrustedTimeout(UntrustedFailed):
    """The engine stopped a user's query at its time limit."""


class UntrustedMemory(UntrustedFailed):
    """The engine stopped a user's query at its memory limit."""


class UnknownDocument(ValueError):
    """No document of the store has the file name or SHA-256 given."""


class StoreFull(StoreUnavailable):
    """The store's disk is too full to write more: nothing was written."""


class GraphStore(ABC):
    """A property graph holding the inspection knowledge graph."""

    kind: str  # "embedded" or "neo4j"
    read_only: bool

    @abstractmethod
    def ensure_schema(self) -> None:
        """Creates the constraints, indexes or tables the vocabulary needs; safe to repeat."""

    @abstractmethod
    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        """Runs a read query: its column names and rows, values as plain Python (dates, lists, dicts)."""

    @abstractmethod
    def read_untrusted(
        self,
        cypher: str,
        params: Mapping[str, Any],
        timeout_s: float,
        consume: Callable[[list[str], Iterator[list[Any]]], T],
    ) -> T:
        """Runs Cypher a user sent: first asks the engine whether the query only reads (UntrustedRefused
        if it does not, or cannot say), then runs it read-only with the engine's own time limit and
        hands its column names and rows (plain Python values) to `consume`, whose answer it returns.
        Engine errors are UntrustedFailed (UntrustedTimeout for the time limit)."""

    def version(self) -> str:
        """A token that changes whenever the graph does (for caches of whole-graph answers)."""
        doc = node_type(L.Document)
        _, rows = self.read(
            f"MATCH (d:{L.Document}) RETURN count(d) AS n, max(d.{P.loadedAt}) AS last, "
            f"collect(d.{doc.key}) AS shas"
        )
        count, last, shas = rows[0]
        digest = hashlib.sha256("\0".join(sorted(shas)).encode()).hexdigest()[:16]
        return f"{count}-{last}-{digest}"

    def search_claims(self, text: str, authority: str, polarity: str, limit: int) -> list[str]:
        """The ids of the first `limit` claims that contain the words of `text` as a phrase
        (`graph.claim_words`), of the authority (ONS code or name, '' any) and of the polarity ('' any),
        newest inspection first, then by id. This reads every claim; a store with a full-text index
        overrides it."""
        search = words(text)
        return self._claim_ids(
            f"MATCH (i:{L.Inspection})-[:{R.HAS_FINDING}]->(f:{L.Finding}) "
            "WHERE ($pattern = '' OR lower(f.text) =~ $pattern)",
            {"pattern": pattern(search) if search else ""},
            authority,
            polarity,
            limit,
        )

    def _claim_ids(
        self, match: str, params: Mapping[str, Any], authority: str, polarity: str, limit: int
    ) -> list[str]:
        """`match` (binding i and f) narrowed to the authority and polarity, in the search's order."""
        _, rows = self.read(
            f"{match} AND ($polarity = '' OR f.{P.polarity} = $polarity) "
            f"MATCH (i)-[:{R.OF_AUTHORITY}]->(a:{L.Authority}) "
            f"WHERE $authority = '' OR a.{node_type(L.Authority).key} = $authority "
            f"OR lower(a.{P.name}) = lower($authority) "
            f"RETURN f.{node_type(L.Finding).key} AS id "
            f"ORDER BY i.{P.startDate} IS NULL, i.{P.startDate} DESC, id LIMIT $limit",
            {**params, "authority": authority, "polarity": polarity, "limit": limit},
        )
        return [row[0] for row in rows]

    @abstractmethod
    def close(self) -> None: ...

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type."""
        out: dict[str, int] = {}
        for label in vocabulary().nodes:
            _, rows = self.read(f"MATCH (n:{label}) RETURN count(n) AS n")
            out[label] = int(rows[0][0])
        for rel in vocabulary().relationships.values():
            _, rows = self.read(f"MATCH (:{rel.source})-[r:{rel.type}]->(:{rel.target}) RETURN count(r) AS n")
            out[rel.type] = int(rows[0][0])
        return out

    @abstractmethod
    def _transaction(self, work: Callable[[Tx], T], claims_of: set[str] | None = None) -> T:
        """Runs `work` in one transaction: committed if it returns, rolled back if it raises.
        `claims_of` holds, once `work` has run, the inspections whose claims it may have changed
        (for an index of claims the store keeps beside the graph)."""

    @abstractmethod
    def _set_clause(self, variable: str, field: str, properties: Sequence[PropertyDef]) -> str:
        """`SET ...` assigning `field`'s properties (a map of the given properties) to `variable`."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, statements: Sequence[Statement]) -> None:
        """Runs write statements in one transaction: statements that change no claim's text, polarity
        or inspection (links, people). Claims change only through `replace_documents` and
        `delete_documents`, which keep a store's index of claims in step (`graph.claim_index`)."""

        def work(tx: Tx) -> None:
            for cypher, params in statements:
                tx.run(cypher, params)

        self._transaction(work)

    def replace_nodes(
        self, label: str, where: str, params: Mapping[str, Any], rows: list[dict[str, Any]]
    ) -> None:
        """Removes the nodes of `label` that `where` (a condition on `n`) selects and creates `rows` in
        their place, in one transaction: nodes derived from the graph (theme tallies) recomputed."""
        replacement = GraphRows()
        for row in rows:
            replacement.add_node(label, row)
        self.replace_derived([(label, where, params)], replacement)

    def replace_derived(self, selections: Sequence[Selection], rows: GraphRows) -> None:
        """Brings the nodes each (label, condition on `n`, parameters) selects to the nodes of `rows`
        of that label, with the relationships of `rows` from them, in one transaction: data derived
        from the graph recomputed. Every node of `rows` is one a selection would select.

        Nodes whose key stays are updated, not deleted and created again: Neo4j checks a key created
        in the transaction that deleted it against every key deleted there, which made one such
        transaction of 83,000 tallies take 125 s instead of 5 s. Nodes whose properties are those
        already stored are not written at all: a load changes few of an authority's tallies, and
        LadybugDB takes about 0.6 ms per node it updates (8 s for 8 authorities' tallies)."""

        def work(tx: Tx) -> None:
            held: dict[str, set[Any]] = {}
            same: dict[str, set[Any]] = {}
            for label, where, params in selections:
                key = node_type(label).key
                names = [prop.name for prop in node_type(label).properties]
                columns = ", ".join(f"n.{name} AS c{i}" for i, name in enumerate(names))
                stored = {
                    row[f"c{names.index(key)}"]: {name: row[f"c{i}"] for i, name in enumerate(names)}
                    for row in tx.run(f"MATCH (n:{label}) WHERE {where} RETURN {columns}", params)
                }
                found = set(stored)
                held[label] = held.get(label, set()) | found
                wanted = rows.nodes.get(label, {})
                same[label] = same.get(label, set()) | {
                    k for k in found & set(wanted) if all(stored[k].get(n) == v for n, v in wanted[k].items())
                }
                stale = sorted(found - set(wanted))
                for i in range(0, len(stale), BATCH_SIZE):
                    tx.run(
                        f"UNWIND $keys AS k MATCH (n:{label} {{{key}: k}}) DETACH DELETE n",
                        {"keys": stale[i : i + BATCH_SIZE]},
                    )
                for type_ in rows.relationships:
                    if rel_type(type_).source == label:
                        tx.run(f"MATCH (n:{label})-[r:{type_}]->() WHERE {where} DELETE r", params)
            for label, by_key in rows.nodes.items():
                kept, unchanged = held.get(label, set()), same.get(label, set())
                for create in (False, True):
                    batch = [row for k, row in by_key.items() if (k in kept) != create and k not in unchanged]
                    for part in _batches_by_shape(batch):
                        self._upsert_nodes(tx, label, part, create=create)
            for type_, by_pair in rows.relationships.items():
                for part in _batches_by_shape(list(by_pair.values())):
                    self._upsert_relationships(tx, type_, part, create=True)

        self._transaction(work)

    def never_derived(self, label: str, source: str, params: Mapping[str, Any] | None = None) -> bool:
        """No node of `label` while the pattern `source` (a MATCH body binding `x`, with its WHERE)
        finds something: data derived from the graph that was never computed, in a graph loaded
        before it was kept."""
        _, derived = self.read(f"MATCH (n:{label}) RETURN count(n) AS n")
        if derived[0][0]:
            return False
        _, found = self.read(f"MATCH {source} RETURN count(x) AS n", params)
        return bool(found[0][0])

    def document_loaded(self, sha256: str) -> bool:
        """Whether the document is in the store as this version of the extractor reads it."""
        doc = node_type(L.Document)
        _, rows = self.read(
            f"MATCH (d:{L.Document} {{{doc.key}: $sha}}) WHERE d.{P.extractor} = $version "
            "RETURN count(d) AS n",
            {"sha": sha256, "version": extractor_version()},
        )
        return bool(rows[0][0])

    def load_reference_data(self) -> int:
        """Writes every reference authority and the theme scheme; returns nodes + relationships written."""
        rows = reference_rows(authority_table().values())

        def work(tx: Tx) -> None:
            # The scheme's hierarchy is replaced, not added to, so a theme that moved has one parent.
            tx.run(f"MATCH (:{L.Theme})-[r:{R.BROADER}]->(:{L.Theme}) DELETE r")
            self._write_rows(tx, rows)

        self._transaction(work)
        return rows.count()

    def replace_document(self, extraction: DocumentExtraction, loaded_at: datetime | None = None) -> int:
        """Writes a document, first removing what an earlier version of it (same file name or same
        content) contributed; all in one transaction. Returns the nodes + relationships written."""
        return self.replace_documents([extraction], loaded_at)[0]

    def replace_documents(
        self, extractions: Sequence[DocumentExtraction], loaded_at: datetime | None = None
    ) -> list[int]:
        """Writes several documents in one transaction, all or none, with the same outcome as
        `replace_document` on each in turn. Returns the nodes + relationships written per document.

        A document of an inspection already in the store is a copy of its report: the inspection keeps
        one set of claims, judgements and team, those of its canonical copy (`graph.copies.copy_rank`),
        and every other copy is linked to the claims it also says (ALSO_IN)."""
        when = loaded_at or datetime.now(timezone.utc)
        documents = [(e, document_rows(e, authority_table(), when)) for e in extractions]
        files = [e.document.file_name for e, _ in documents]
        shas = [e.document.sha256 for e, _ in documents]
        inspections = [e.inspection.id for e, _ in documents]
        key = node_type(L.Document).key
        touched = set(inspections)

        def work(tx: Tx) -> None:
            earlier = tx.run(
                f"MATCH (d:{L.Document}) WHERE d.{P.fileName} IN $files OR d.{key} IN $shas "
                f"RETURN count(d) AS n",
                {"files": files, "shas": shas},
            )
            reported = tx.run(
                f"MATCH (i:{L.Inspection}) WHERE i.{node_type(L.Inspection).key} IN $ids "
                "RETURN count(i) AS n",
                {"ids": inspections},
            )
            distinct = len(set(files)) == len(set(shas)) == len(set(inspections)) == len(documents)
            if earlier[0]["n"] == 0 and reported[0]["n"] == 0 and distinct:
                # Nothing to replace and no copies: one statement per label and type for the whole
                # batch, and what only these documents contribute is created, not merged (it cannot be
                # there yet).
                self._write_rows(tx, combined_rows(rows for _, rows in documents), new_documents=True)
                return
            for extraction, rows in documents:
                touched.update(
                    self._delete_documents(tx, extraction.document.file_name, extraction.document.sha256)
                )
                self._write_document(tx, extraction, rows, when)

        self._transaction(work, claims_of=touched)
        return [rows.count() for _, rows in documents]

    def delete_documents(self, references: Sequence[str]) -> list[str]:
        """Removes the documents named by file name or SHA-256, all in one transaction, as a
        replacement removes an earlier version (an inspection with other copies stays whole). Returns
        the SHA-256 of each document removed; UnknownDocument, removing nothing, if one names none."""
        key = node_type(L.Document).key
        touched: set[str] = set()

        def work(tx: Tx) -> list[str]:
            removed: list[str] = []
            for reference in references:
                found = tx.run(
                    f"MATCH (d:{L.Document}) WHERE d.{P.fileName} = $ref OR d.{key} = $ref "
                    f"RETURN d.{key} AS sha",
                    {"ref": reference},
                )
                if not found:
                    raise UnknownDocument(
                        f"{reference}: no document of the store has this file name or SHA-256"
                    )
                removed += sorted(row["sha"] for row in found)
                touched.update(self._delete_documents(tx, reference, reference))
            return removed

        return self._transaction(work, claims_of=touched)

    def _write_document(
        self, tx: Tx, extraction: DocumentExtraction, rows: GraphRows, when: datetime
    ) -> None:
        """Writes one document: the whole of its rows if it is its inspection's first document or a
        better copy than the canonical one (which then gives up its claims), else only the document,
        its REPORTED_IN and the ALSO_IN links of the canonical claims it says."""
        doc = extraction.document
        inspection = {"inspection": extraction.inspection.id}
        copies = self._copies(tx, extraction.inspection.id)
        if not copies:
            self._write_rows(tx, rows)
            return
        canonical = next((c for c in copies if c["canonical"]), None) or min(copies, key=_rank)
        if copy_rank(doc.format, when, doc.sha256) < _rank(canonical):
            self._give_up_claims(tx, extraction.inspection.id)
            self._write_rows(tx, rows)
            claims = [
                (f.id, f.text, doc.text[f.paragraph_start : f.paragraph_end]) for f in extraction.findings
            ]
            for copy in copies:
                self._link_copy(tx, claims, copy["sha"], self._text(tx, copy["sha"]))
            return
        copy_rows = GraphRows()
        copy_rows.add_node(L.Document, {**rows.nodes[L.Document][doc.sha256], P.canonical: False})
        copy_rows.add_rel(R.REPORTED_IN, extraction.inspection.id, doc.sha256)
        self._write_rows(tx, copy_rows)
        canonical_text = self._text(tx, canonical["sha"])
        found = tx.run(
            f"MATCH (i:{L.Inspection} {{{node_type(L.Inspection).key}: $inspection}})-[:{R.HAS_FINDING}]->"
            f"(f:{L.Finding}) RETURN f.{node_type(L.Finding).key} AS id, f.{P.text} AS text, "
            f"f.{P.paragraphStart} AS ps, f.{P.paragraphEnd} AS pe ORDER BY f.{P.charStart}",
            inspection,
        )
        claims = [(row["id"], row["text"], canonical_text[row["ps"] : row["pe"]]) for row in found]
        self._link_copy(tx, claims, doc.sha256, doc.text)

    def _copies(self, tx: Tx, inspection_id: str) -> list[dict[str, Any]]:
        """The documents in the store that report the inspection."""
        return tx.run(
            f"MATCH (i:{L.Inspection} {{{node_type(L.Inspection).key}: $inspection}})-[:{R.REPORTED_IN}]->"
            f"(d:{L.Document}) RETURN d.{node_type(L.Document).key} AS sha, d.{P.format} AS format, "
            f"d.{P.loadedAt} AS loadedAt, d.{P.canonical} AS canonical",
            {"inspection": inspection_id},
        )

    def _text(self, tx: Tx, sha256: str) -> str:
        rows = tx.run(
            f"MATCH (d:{L.Document} {{{node_type(L.Document).key}: $sha}}) RETURN d.{P.text} AS text",
            {"sha": sha256},
        )
        return (rows[0]["text"] if rows else None) or ""

    def _link_copy(self, tx: Tx, claims: Sequence[tuple[str, str, str]], sha256: str, text: str) -> None:
        """ALSO_IN links from the claims (id, text, paragraph text) that the copy's text says."""
        folded = fold(text)
        spans = locate([claim for _, claim, _ in claims], folded)
        paragraphs = locate([paragraph for _, _, paragraph in claims], folded)
        links = GraphRows()
        for (finding, _, _), span, paragraph in zip(claims, spans, paragraphs, strict=True):
            if span is None:
                continue
            # A paragraph that did not survive whole in the copy is the claim itself there.
            within = paragraph is not None and paragraph.start <= span.start and span.end <= paragraph.end
            links.add_rel(
                R.ALSO_IN,
                finding,
                sha256,
                {
                    P.charStart: span.start,
                    P.charEnd: span.end,
                    P.paragraphStart: paragraph.start if within else span.start,  # type: ignore[union-attr]
                    P.paragraphEnd: paragraph.end if within else span.end,  # type: ignore[union-attr]
                },
            )
        self._write_rows(tx, links)

    def _give_up_claims(self, tx: Tx, inspection_id: str) -> None:
        """Removes what the inspection's canonical copy contributed (claims, judgements, team links),
        for a better copy to write its own; every copy becomes non-canonical."""
        match = f"MATCH (i:{L.Inspection} {{{node_type(L.Inspection).key}: $inspection}})"
        params = {"inspection": inspection_id}
        tx.run(f"{match}-[:{R.HAS_FINDING}]->(f:{L.Finding}) DETACH DELETE f", params)
        tx.run(f"{match}-[:{R.HAS_JUDGEMENT}]->(j:{L.Judgement}) DETACH DELETE j", params)
        tx.run(f"{match}<-[r:{R.INSPECTED}]-(:{L.Inspector}) DELETE r", params)
        tx.run(f"{match}-[:{R.REPORTED_IN}]->(d:{L.Document}) SET d.{P.canonical} = false", params)

    def _promote(self, tx: Tx, inspection_id: str, sha256: str) -> None:
        """Makes another copy canonical when the canonical one goes: the claims it also says stay,
        cited there (IN_DOCUMENT, with its offsets); those it does not say go."""
        finding_key = node_type(L.Finding).key
        params = {"inspection": inspection_id, "sha": sha256}
        claims = (
            f"MATCH (i:{L.Inspection} {{{node_type(L.Inspection).key}: $inspection}})-[:{R.HAS_FINDING}]->"
            f"(f:{L.Finding})"
        )
        successor = f"(d:{L.Document} {{{node_type(L.Document).key}: $sha}})"
        kept = tx.run(
            f"{claims}-[a:{R.ALSO_IN}]->{successor} SET f.{P.charStart} = a.{P.charStart}, "
            f"f.{P.charEnd} = a.{P.charEnd}, f.{P.paragraphStart} = a.{P.paragraphStart}, "
            f"f.{P.paragraphEnd} = a.{P.paragraphEnd} RETURN f.{finding_key} AS id",
            params,
        )
        if kept:
            tx.run(
                f"{claims} WHERE NOT f.{finding_key} IN $kept DETACH DELETE f",
                {**params, "kept": [row["id"] for row in kept]},
            )
        else:  # an empty list parameter has no element type LadybugDB can infer
            tx.run(f"{claims} DETACH DELETE f", params)
        tx.run(f"{claims}-[r:{R.IN_DOCUMENT}]->(:{L.Document}) DELETE r", params)
        tx.run(f"{claims}-[:{R.ALSO_IN}]->{successor} CREATE (f)-[:{R.IN_DOCUMENT}]->(d)", params)
        tx.run(f"{claims}-[a:{R.ALSO_IN}]->{successor} DELETE a", params)
        tx.run(f"MATCH {successor} SET d.{P.canonical} = true", params)

    def _delete_documents(self, tx: Tx, file_name: str, sha256: str) -> set[str]:
        """Removes the documents with this file name or content, and the inspections they alone
        reported (with those inspections' claims, judgements and inspector links). Returns the
        inspections the documents reported.

        A canonical copy whose inspection has other copies hands the claims on to the best of them
        (`_promote`), so the inspection stays whole. Authorities, inspectors and themes are shared
        reference nodes and stay.
        """
        document, inspection = node_type(L.Document), node_type(L.Inspection)
        doc_match = f"(d:{L.Document} {{{document.key}: $sha}})"
        inspection_match = f"(i:{L.Inspection} {{{inspection.key}: $inspection}})"
        old = tx.run(
            f"MATCH (d:{L.Document}) WHERE d.{P.fileName} = $file OR d.{document.key} = $sha "
            f"RETURN d.{document.key} AS sha",
            {"file": file_name, "sha": sha256},
        )
        touched: set[str] = set()
        for old_sha in sorted(row["sha"] for row in old):
            params = {"sha": old_sha}
            reported = tx.run(
                f"MATCH (i:{L.Inspection})-[:{R.REPORTED_IN}]->{doc_match} "
                f"RETURN i.{inspection.key} AS inspection, d.{P.canonical} AS canonical",
                params,
            )
            touched.update(row["inspection"] for row in reported)
            for row in reported:
                remaining = [c for c in self._copies(tx, row["inspection"]) if c["sha"] != old_sha]
                if remaining and row["canonical"] is not False:
                    self._promote(tx, row["inspection"], min(remaining, key=_rank)["sha"])
            tx.run(f"MATCH (f:{L.Finding})-[:{R.IN_DOCUMENT}]->{doc_match} DETACH DELETE f", params)
            tx.run(f"MATCH {doc_match} DETACH DELETE d", params)
            for row in reported:
                inspection_params = {"inspection": row["inspection"]}
                tx.run(
                    f"MATCH {inspection_match}-[:{R.OF_AUTHORITY}]->(a:{L.Authority}) "
                    f"SET a.{P.linksPending} = true",
                    inspection_params,
                )
                others = tx.run(
                    f"MATCH {inspection_match}-[:{R.REPORTED_IN}]->(d:{L.Document}) RETURN count(d) AS n",
                    inspection_params,
                )
                if others[0]["n"] == 0:
                    tx.run(
                        f"MATCH {inspection_match}-[:{R.HAS_JUDGEMENT}]->(j:{L.Judgement}) DETACH DELETE j",
                        inspection_params,
                    )
                    tx.run(f"MATCH {inspection_match} DETACH DELETE i", inspection_params)
        return touched

    def _write_rows(self, tx: Tx, rows: GraphRows, new_documents: bool = False) -> None:
        """Upserts all nodes, then all relationships (whose MATCH needs the nodes). With
        `new_documents` (none of the rows' documents is in the store), the nodes only a document
        contributes, and the relationships that touch them, are created rather than merged."""
        for label in vocabulary().nodes:
            node_rows = list(rows.nodes.get(label, {}).values())
            if label == L.Inspector and node_rows:
                node_rows = self._with_known_aliases(tx, node_rows)
            create = new_documents and label in DOCUMENT_OWNED
            for batch in _batches_by_shape(node_rows):
                self._upsert_nodes(tx, label, batch, create)
        for type_, rel in vocabulary().relationships.items():
            create = new_documents and bool({rel.source, rel.target} & DOCUMENT_OWNED)
            for batch in _batches_by_shape(list(rows.relationships.get(type_, {}).values())):
                self._upsert_relationships(tx, type_, batch, create)

    def _with_known_aliases(self, tx: Tx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Inspector rows whose aliases include those other documents recorded, keeping the first name."""
        key = node_type(L.Inspector).key
        known = {
            row["k"]: row
            for row in tx.run(
                f"MATCH (n:{L.Inspector}) WHERE n.{key} IN $keys "
                f"RETURN n.{key} AS k, n.{P.name} AS known_name, n.{P.aliases} AS known_aliases",
                {"keys": [row[key] for row in rows]},
            )
        }
        merged = []
        for row in rows:
            seen = known.get(row[key])
            if seen is None:
                merged.append(row)
                continue
            aliases = sorted({*(seen["known_aliases"] or []), *row[P.aliases]})
            merged.append({**row, P.name: seen["known_name"] or row[P.name], P.aliases: aliases})
        return merged

    def _upsert_nodes(self, tx: Tx, label: str, batch: list[dict[str, Any]], create: bool = False) -> None:
        node = node_type(label)
        names = [name for name in batch[0] if name != node.key]
        verb = "CREATE" if create else "MERGE"
        cypher = f"UNWIND $rows AS row {verb} (n:{label} {{{node.key}: row.key}})"
        if names:
            cypher += " " + self._set_clause("n", "row.props", [node.property(name) for name in names])
        # Rows carry a props map only when there are properties: LadybugDB crashes on an empty map.
        tx.run(
            cypher,
            {
                "rows": [
                    {
                        "key": row[node.key],
                        **({"props": {name: row[name] for name in names}} if names else {}),
                    }
                    for row in batch
                ]
            },
        )

    def _upsert_relationships(self, tx: Tx, type_: str, batch: list[RelRow], create: bool = False) -> None:
        rel = rel_type(type_)
        source, target = node_type(rel.source), node_type(rel.target)
        verb = "CREATE" if create else "MERGE"
        cypher = (
            # Two MATCH clauses, not one with a comma: LadybugDB plans the comma form as a join that
            # scans the second label's table for every batch (10-400 times slower at 1,000 documents).
            f"UNWIND $rows AS row MATCH (a:{rel.source} {{{source.key}: row.source}}) "
            f"MATCH (b:{rel.target} {{{target.key}: row.target}}) {verb} (a)-[r:{type_}]->(b)"
        )
        names = list(batch[0].props)
        if names:
            by_name = {prop.name: prop for prop in rel.properties}
            cypher += " " + self._set_clause("r", "row.props", [by_name[name] for name in names])
        tx.run(
            cypher,
            {
                "rows": [
                    {"source": row.source, "target": row.target, **({"props": row.props} if names else {})}
                    for row in batch
                ]
            },
        )


def _rank(copy: Mapping[str, Any]) -> tuple[Any, ...]:
    return copy_rank(copy["format"], copy["loadedAt"], copy["sha"])


def _batches_by_shape(rows: Sequence[Any]) -> list[list[Any]]:
    """Rows grouped by the property names they carry, in batches of at most BATCH_SIZE.

    One UNWIND's rows must share a shape: LadybugDB types a list of maps as a list of one struct.
    """
    groups: dict[tuple[str, ...], list[Any]] = {}
    for row in rows:
        names = tuple(row.props) if isinstance(row, RelRow) else tuple(row)
        groups.setdefault(names, []).append(row)
    return [group[i : i + BATCH_SIZE] for group in groups.values() for i in range(0, len(group), BATCH_SIZE)]
