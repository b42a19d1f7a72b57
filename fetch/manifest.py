"""The manifest of published reports: each file's URL, authority, kind, publication date, the file name
it is saved as and, where known, its SHA-256.

The shipped manifest (`fetch/manifest.tsv`) is built from the shared corpus's lists of Ofsted file
links, with the checksums of the copies the corpus holds:

    python -m fetch.manifest ../shared/corpus > fetch/manifest.tsv

A newer manifest can be given by path or URL (`ikg fetch --manifest`), in the same columns.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from importlib.resources import files
from pathlib import Path

import httpx

from loaders.authorities import resolve
from loaders.extract import extract_bytes
from loaders.identifiers import slug
from loaders.read import pdf_problem

SHIPPED = "manifest.tsv"


class ManifestError(Exception):
    """A manifest that cannot be read, named with what is wrong."""


@dataclass(frozen=True)
class Entry:
    url: str
    authority: str  # as the publisher names it
    code: str  # ONS GSS code, "" when the name resolves to none
    kind: str  # inspection or focused-visit
    published: str  # ISO date
    file: str  # the name the file is saved as: <authority>-<published>-<kind>.pdf
    sha256: str  # "" when not known


COLUMNS = tuple(f.name for f in fields(Entry))


def parse(text: str, source: str) -> list[Entry]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise ManifestError(f"{source}: not a manifest (no column {', '.join(sorted(missing))})")
    entries = []
    for line, row in enumerate(reader, start=2):
        entry = Entry(**{name: (row[name] or "").strip() for name in COLUMNS})
        if not entry.url.startswith(("http://", "https://")) or not entry.file.endswith(".pdf"):
            raise ManifestError(f"{source}, line {line}: needs an http(s) url and a .pdf file name")
        if "/" in entry.file or entry.file.startswith("."):
            raise ManifestError(f"{source}, line {line}: file {entry.file!r} is not a plain file name")
        try:
            date.fromisoformat(entry.published)
        except ValueError as error:
            raise ManifestError(
                f"{source}, line {line}: published {entry.published!r} is not a date"
            ) from error
        entries.append(entry)
    return entries


def read_manifest(source: str | None = None, timeout: float = 30.0) -> list[Entry]:
    """The shipped manifest, or the one at a path or http(s) URL."""
    if source is None:
        return parse((files("fetch") / SHIPPED).read_text(encoding="utf-8"), SHIPPED)
    if source.startswith(("http://", "https://")):
        try:
            response = httpx.get(source, timeout=timeout, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise ManifestError(f"{source}: cannot be fetched ({error})") from error
        return parse(response.text, source)
    try:
        return parse(Path(source).read_text(encoding="utf-8"), source)
    except (OSError, UnicodeDecodeError) as error:
        raise ManifestError(f"{source}: cannot be read ({error})") from error


def select(
    entries: Iterable[Entry], authorities: Sequence[str] = (), since: date | None = None
) -> list[Entry]:
    """The entries of the named authorities (name or ONS code, any spelling) published on or after
    `since`."""
    wanted = {_authority_key(a) for a in authorities}
    return [
        e
        for e in entries
        if (not wanted or e.code in wanted or _authority_key(e.authority) in wanted)
        and (since is None or date.fromisoformat(e.published) >= since)
    ]


def _authority_key(name: str) -> str:
    """An ONS code as it is; a name (any spelling) as its authority's code."""
    if re.fullmatch(r"[A-Z]\d{8}", name.strip().upper()):
        return name.strip().upper()
    found = resolve(name)
    return found.code if found else slug(name)


def write(entries: Iterable[Entry], out: io.TextIOBase | io.StringIO) -> None:
    writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(e) for e in entries)


# --- building the shipped manifest from the shared corpus -----------------------------------------


def build(corpus: Path) -> list[Entry]:
    """Every Ofsted file link the corpus lists (reports/index.tsv, ofsted-links.tsv), with the
    checksum of the copy it holds. A link whose copy is not a PDF (a "Report not found" page) is left
    out: there is nothing at it to fetch."""
    by_url: dict[str, Entry] = {}
    with open(corpus / "reports" / "index.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if not row["url"]:
                continue
            data = (corpus / "reports" / row["file"]).read_bytes()
            if pdf_problem(data):
                continue
            name = row["authority_folder"].split("_", 1)[-1]
            kind = "focused-visit" if row["file"].endswith("-focused-visit.pdf") else "inspection"
            entry = _entry(row["url"], name, kind, row["published"], hashlib.sha256(data).hexdigest())
            if not entry.code:  # a folder named in no spelling the table knows: the report says which
                entry = replace(entry, code=extract_bytes(data, row["file"]).authority.code)
            by_url[row["url"]] = entry
    with open(corpus / "ofsted-links.tsv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["url"] not in by_url:
                by_url[row["url"]] = _entry(row["url"], row["authority"], "inspection", row["published"], "")
    return sorted(by_url.values(), key=lambda e: (e.file, e.url))


def _entry(url: str, authority: str, kind: str, published: str, sha256: str) -> Entry:
    found = resolve(authority, date.fromisoformat(published))
    return Entry(
        url=url,
        authority=authority,
        code=found.code if found else "",
        kind=kind,
        published=published,
        file=f"{slug(authority)}-{published}-{kind}.pdf",
        sha256=sha256,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m fetch.manifest CORPUS > fetch/manifest.tsv", file=sys.stderr)
        return 2
    write(build(Path(args[0])), sys.stdout)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
