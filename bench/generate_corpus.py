"""A corpus of any size built from the real shared documents, deterministic from a seed.

Each generated document is one real document (a seed letter or report, or the text extracted from
one of the real PDFs) re-rendered as another inspection: another authority (valid on the new date),
dates shifted into the same framework's years, other inspectors (drawn from a pool, so inspectors
recur across documents as they do), and its findings shuffled within their section and polarity and
partly replaced by findings of the same section and polarity from other documents of the same
framework. The layout of each real format is kept, so the extractor meets realistic input; PDFs are
rendered to their extracted text (the PDF reading cost is measured on the real PDFs separately).

Document i depends only on (seed, i) and documents 0..i-1 (which inspections are taken), so the first
1,000 documents of a 10,000-document corpus are the 1,000-document corpus.

    python bench/generate_corpus.py --count 10000 --seed 1 --out /some/dir
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import framework as fw  # noqa: E402
from loaders.authorities import AuthorityRef, all_authorities  # noqa: E402
from loaders.dates import DATE, RANGE, make_date  # noqa: E402
from loaders.extract import extract_file  # noqa: E402
from loaders.identifiers import inspection_id  # noqa: E402

# The years each framework's inspections ran (the letters 2009-12, SIF and LSCB reviews 2013-18, ILACS
# since 2018, the 2026 ILACS reports from 2026): a generated document keeps its template's era.
ERAS = {
    fw.UNANNOUNCED: (date(2009, 6, 1), date(2012, 5, 31)),
    fw.SIF: (date(2013, 11, 1), date(2018, 3, 31)),
    fw.LSCB_REVIEW: (date(2013, 11, 1), date(2018, 3, 31)),
    fw.ILACS_STANDARD: (date(2018, 1, 1), date(2025, 12, 31)),
    fw.ILACS_SHORT: (date(2018, 1, 1), date(2025, 12, 31)),
    fw.ILACS_FOCUSED_VISIT: (date(2018, 1, 1), date(2025, 12, 31)),
    fw.ILACS_2026: (date(2026, 1, 1), date(2026, 12, 31)),
}
FIRST_NAMES = (
    "Alison Amanda Andrew Angela Anne Brenda Carol Catherine Christine David Deborah Emma Fiona Gary Helen "
    "Ian Jacqueline James Jane Janet Joanne John Julie Karen Kathryn Linda Lisa Mark Martin Michael Nicola "
    "Patricia Paul Peter Rachel Richard Robert Ruth Sarah Sharon Simon Stephen Susan Tracey Wendy"
).split()
SURNAMES = (
    "Ahmed Allen Bailey Baker Bennett Brooks Campbell Carter Clarke Cooper Davies Edwards Ellis Evans Fisher "
    "Foster Graham Green Griffiths Hall Harris Hughes Hussain Jackson James Jenkins Johnson Kaur Kelly Khan "
    "Lewis Marshall Martin Mason Mitchell Morgan Morris Murphy Owen Palmer Parker Patel Phillips Price "
    "Reynolds Richards Roberts Robinson Russell Shaw Singh Stevens Turner Walker Ward Watson Webb Wilson "
    "Wright"
).split()
INSPECTOR_POOL = 400  # about the number of inspectors Ofsted's children's services work has named
REPLACED_FINDINGS = 0.4  # share of findings taken from another document of the same framework


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    key: tuple[str, str, str]  # framework, section, polarity
    text: str


@dataclass(frozen=True)
class Template:
    name: str
    kind: str  # the part of the file name after the date: "letter", "sif-report", "inspection" ...
    text: str
    framework: str
    start: date
    published: date
    authority: AuthorityRef
    inspectors: tuple[str, ...]
    findings: tuple[Finding, ...]


def source_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "pdf").glob("*.pdf"))


def load_templates(corpus: Path) -> list[Template]:
    """The real documents, extracted once: the text the extractor reads, and what it found in it."""
    templates = []
    by_code = {ref.code: ref for ref in all_authorities()}
    for path in source_files(corpus):
        extraction = extract_file(path)
        inspection, text = extraction.inspection, extraction.document.text
        start = inspection.start_date or inspection.published_date
        if inspection.framework not in ERAS or start is None:
            continue
        kind = re.sub(r"^.*?\d{4}-\d\d-\d\d-", "", path.stem)
        templates.append(
            Template(
                name=path.name,
                kind=kind,
                text=text,
                framework=inspection.framework,
                start=start,
                published=inspection.published_date or start,
                authority=by_code[extraction.authority.code],
                inspectors=tuple(person.name for person in extraction.inspectors),
                findings=tuple(
                    Finding(f.char_start, f.char_end, (inspection.framework, f.section, f.polarity), f.text)
                    for f in extraction.findings
                ),
            )
        )
    return templates


def inspector_pool(seed: int) -> list[str]:
    rng = random.Random(f"inspectors-{seed}")
    names = sorted({f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES})
    return rng.sample(names, INSPECTOR_POOL)


def _render_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def shift_dates(text: str, delta: timedelta) -> str:
    """Every date and date range in the text moved by `delta`, written as the documents write them."""

    def shifted(match: re.Match[str]) -> str:
        if match.group("range"):
            d1, m1, y1, d2, m2, y2 = match.group(*range(2, 8))
            end = make_date(d2, m2, y2)
            start = make_date(d1, m1 or m2, y1 or y2)
            if start is None or end is None or start > end:
                return match.group(0)
            start, end = start + delta, end + delta
            joiner = re.search(r"\s*(?:and|to|until|-|\u2013|\u2014)\s*", match.group(0)[len(d1) :])
            between = joiner.group(0) if joiner else " to "
            if start.year != end.year:
                first = _render_date(start)
            elif start.month != end.month:
                first = f"{start.day} {start:%B}"
            else:
                first = str(start.day)
            return f"{first}{between}{_render_date(end)}"
        day = make_date(*match.group(9, 10, 11))
        return _render_date(day + delta) if day else match.group(0)

    return _DATES.sub(shifted, text)


_DATES = re.compile(rf"(?P<range>{RANGE.pattern})|(?P<date>{DATE.pattern})", re.I)


def replace_names(text: str, names: dict[str, str]) -> str:
    """Every whole-word occurrence of each old name by its new one, in one pass (longest first); a
    name may be broken across lines, as PDF text breaks a long title."""
    if not names:
        return text
    spelled = (r"\s+".join(map(re.escape, old.split())) for old in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w])(" + "|".join(spelled) + r")(?![\w])")
    return pattern.sub(lambda m: names[" ".join(m.group(1).split())], text)


def authority_names(old: AuthorityRef, new: AuthorityRef) -> dict[str, str]:
    """Each spelling of the old authority to the new one's: a council's title to its title."""
    names = {variant: new.official_name if "Council" in variant else new.name for variant in old.alt_names}
    names[old.name] = new.name
    names[old.official_name] = new.official_name
    return names


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Generator:
    def __init__(self, templates: list[Template], seed: int) -> None:
        self.templates = templates
        self.seed = seed
        self.inspectors = inspector_pool(seed)
        self.authorities = sorted(all_authorities(), key=lambda ref: ref.code)
        self.donors: dict[tuple[str, str, str], list[tuple[Finding, AuthorityRef]]] = defaultdict(list)
        for template in templates:
            for finding in template.findings:
                self.donors[finding.key].append((finding, template.authority))
        self.taken: set[str] = set()  # inspection ids generated so far: each document is its own

    def document(self, n: int) -> tuple[str, str, dict[str, object]]:
        """(path under the output folder, text, what the extractor should find) of document n."""
        rng = random.Random(f"{self.seed}-{n}")
        template = rng.choice(self.templates)
        first, last = ERAS[template.framework]
        while True:
            start = first + timedelta(days=rng.randrange((last - first).days + 1))
            valid = [
                ref
                for ref in self.authorities
                if ref.valid_on(start) and ref.valid_on(start - timedelta(365))
            ]
            authority = rng.choice(valid)
            key = inspection_id(authority.code, template.framework, start)
            if key not in self.taken:
                self.taken.add(key)
                break
        delta = start - template.start
        inspectors = rng.sample(self.inspectors, len(template.inspectors))
        text, donor_authorities = self._recombined_findings(template, rng)
        names = {}
        for donor in sorted(donor_authorities, key=lambda ref: ref.code):
            names.update(authority_names(donor, authority))
        names.update(authority_names(template.authority, authority))
        names.update(zip(template.inspectors, inspectors, strict=True))
        text = shift_dates(replace_names(text, names), delta)
        published = template.published + delta
        file_name = (
            f"{slug(authority.name)}/{slug(authority.name)}-{published:%Y-%m-%d}-{template.kind}-{n:06d}.txt"
        )
        expected = {
            "file": file_name,
            "template": template.name,
            "authority": authority.code,
            "framework": template.framework,
            "start": start.isoformat(),
            "inspectors": sorted(inspectors),
        }
        return file_name, text, expected

    def _recombined_findings(self, template: Template, rng: random.Random) -> tuple[str, set[AuthorityRef]]:
        """The template's text with its findings permuted within (section, polarity) and some replaced by
        other documents' findings of the same kind; also the authorities those came from."""
        own: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for finding in template.findings:
            own[finding.key].append(finding.text)
        for texts in own.values():
            rng.shuffle(texts)
        donors_used = set()
        pieces = []
        cursor = 0
        for finding in sorted(template.findings, key=lambda f: f.start):
            if finding.start < cursor:  # overlapping spans are left as they are
                continue
            body = own[finding.key].pop()
            if rng.random() < REPLACED_FINDINGS:
                donor, donor_authority = rng.choice(self.donors[finding.key])
                body = donor.text
                donors_used.add(donor_authority)
            pieces += [template.text[cursor : finding.start], body]
            cursor = finding.end
        pieces.append(template.text[cursor:])
        return "".join(pieces), donors_used

    def documents(self, count: int) -> Iterator[tuple[str, str, dict[str, object]]]:
        for n in range(count):
            yield self.document(n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, required=True, help="documents to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, required=True, help="folder to write (one sub-folder per authority)"
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(os.environ.get("IKG_CORPUS", ROOT.parent / "shared" / "corpus")),
        help="the real shared corpus (default: IKG_CORPUS or ../shared/corpus)",
    )
    args = parser.parse_args(argv)
    generator = Generator(load_templates(args.corpus), args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "expected.jsonl").open("w") as manifest:
        for file_name, text, expected in generator.documents(args.count):
            path = args.out / file_name
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            manifest.write(json.dumps(expected) + "\n")
    print(f"{args.count} documents in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
