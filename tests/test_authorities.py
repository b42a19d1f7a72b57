"""The authority reference table and the resolution of the names reports give authorities."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from loaders.authorities import REGIONS, AuthorityRef, all_authorities, by_code, find_mentions, resolve

# The days on which English children's services were reorganised since 2009, and one in between each.
REORGANISATIONS = [date(2009, 4, 1), date(2019, 4, 1), date(2021, 4, 1), date(2023, 4, 1)]
CHECK_DAYS = [date(2009, 1, 1), *REORGANISATIONS, date(2015, 6, 1), date(2025, 1, 1), date(2026, 6, 1)]


def valid_on(day: date) -> list[AuthorityRef]:
    return [a for a in all_authorities() if a.valid_on(day)]


# --- the table ---------------------------------------------------------------------------------


def test_codes_current_and_former_are_unique() -> None:
    codes = Counter(code for a in all_authorities() for code in (a.code, *a.former_codes))
    assert [code for code, n in codes.items() if n > 1] == []
    assert all(len(code) == 9 and code[:3] in {"E06", "E08", "E09", "E10"} for code in codes)


@pytest.mark.parametrize("day", CHECK_DAYS)
def test_dfe_codes_unique_among_authorities_valid_together(day: date) -> None:
    dfe = Counter(a.dfe_code for a in valid_on(day))
    assert [code for code, n in dfe.items() if n > 1] == []
    assert all(100 <= code <= 999 for code in dfe)


def test_predecessors_and_successors_exist_and_agree() -> None:
    for a in all_authorities():
        for code in a.predecessors:
            before = by_code(code)
            assert a.code in before.successors, (a.code, code)
            assert before.valid_to is not None and a.valid_from is not None and before.valid_to < a.valid_from
        for code in a.successors:
            assert a.code in by_code(code).predecessors, (a.code, code)


def test_every_authority_is_in_one_of_the_nine_regions() -> None:
    assert {a.region for a in all_authorities()} == REGIONS


def test_validity_periods_are_ordered() -> None:
    for a in all_authorities():
        if a.valid_from and a.valid_to:
            assert a.valid_from < a.valid_to, a.code
        if a.valid_to:
            assert a.successors, f"{a.code} was abolished without successors"


@pytest.mark.parametrize(
    ("day", "count"),
    [(date(2009, 1, 1), 150), (date(2009, 4, 1), 152), (date(2019, 4, 1), 151), (date(2021, 4, 1), 152)],
)
def test_count_through_reorganisations(day: date, count: int) -> None:
    assert len(valid_on(day)) == count


def test_153_authorities_on_2025_01_01() -> None:
    current = valid_on(date(2025, 1, 1))
    assert len(current) == 153
    assert {"City of London", "Isles of Scilly"} <= {a.name for a in current}
    assert Counter(a.region for a in current)["London"] == 33


def test_by_code_unknown_is_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match="E99999999"):
        by_code("E99999999")


# --- the seed cases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "code", "dfe", "name"),
    [
        ("Solihull Metropolitan Borough Council", "E08000029", 334, "Solihull"),
        ("Metropolitan Borough of Solihull", "E08000029", 334, "Solihull"),
        ("Wolverhampton City Council", "E08000031", 336, "Wolverhampton"),
        ("Birmingham City Council", "E08000025", 330, "Birmingham"),
        ("Sefton Metropolitan Borough Council", "E08000014", 343, "Sefton"),
    ],
)
def test_seed_authorities(stated: str, code: str, dfe: int, name: str) -> None:
    for on in (None, date(2011, 5, 18)):
        authority = resolve(stated, on)
        assert authority is not None
        assert (authority.code, authority.dfe_code, authority.name) == (code, dfe, name)


# --- resolving stated names --------------------------------------------------------------------


def test_every_spelling_in_the_table_resolves_to_its_own_authority() -> None:
    for a in all_authorities():
        day = a.valid_to or a.valid_from or date(2015, 1, 1)
        for variant in a.variants:
            assert resolve(variant, day) == a, (variant, a.code)


@pytest.mark.parametrize("day", CHECK_DAYS)
def test_no_name_is_shared_by_two_authorities_at_once(day: date) -> None:
    for a in valid_on(day):
        for variant in a.variants:
            assert resolve(variant, day) == a, (variant, day)


@pytest.mark.parametrize(
    ("stated", "code"),
    [
        ("SOLIHULL METROPOLITAN BOROUGH COUNCIL", "E08000029"),
        ("the London Borough of Brent", "E09000005"),
        ("Brent Council", "E09000005"),
        ("Royal Borough of Kensington & Chelsea", "E09000020"),
        ("Bournemouth, Christchurch & Poole", "E06000058"),
        ("bournemouth christchurch and poole council", "E06000058"),
        ("BCP Council", "E06000058"),
        ("City of York Council", "E06000014"),
        ("Newcastle upon Tyne City Council", "E08000021"),
        ("Council of the Isles of Scilly", "E06000053"),
        ("City of London", "E09000001"),
        ("City of London Corporation", "E09000001"),
        ("Kingston upon Hull City Council", "E06000010"),
        ("Hull City Council", "E06000010"),
        ("Kingston upon Thames", "E09000021"),
        ("Bristol, City of", "E06000023"),
        ("Bristol City Council", "E06000023"),
        ("County Durham", "E06000047"),
        ("Durham County Council", "E06000047"),
        ("Herefordshire, County of", "E06000019"),
        ("St. Helens", "E08000013"),
        ("Stoke on Trent", "E06000021"),
        ("Bedford Borough Council", "E06000055"),
        ("Central Bedfordshire Council", "E06000056"),
        ("Northamptonshire County Council", "E10000021"),
        ("North Northamptonshire Council", "E06000061"),
        ("Birmingham Children's Trust", "E08000025"),
    ],
)
def test_spellings_in_reports(stated: str, code: str) -> None:
    authority = resolve(stated)
    assert authority is not None and authority.code == code


@pytest.mark.parametrize(
    "stated", ["", "Council", "London", "Yorkshire", "Kingston", "Achieving for Children"]
)
def test_not_an_authority(stated: str) -> None:
    assert resolve(stated) is None


@pytest.mark.parametrize(
    ("stated", "on", "code"),
    [
        ("Dorset", date(2015, 3, 1), "E10000009"),
        ("Dorset County Council", date(2018, 1, 1), "E10000009"),
        ("Dorset", date(2019, 4, 1), "E06000059"),
        ("Dorset Council", date(2024, 1, 1), "E06000059"),
        ("Dorset", None, "E06000059"),
        ("Dorset County Council", None, "E10000009"),
        ("Poole", date(2017, 1, 1), "E06000029"),
        ("Borough of Poole", None, "E06000029"),
        ("Bournemouth", date(2018, 1, 1), "E06000028"),
        ("Bedfordshire", date(2009, 3, 1), "E10000001"),
        ("Bedford", date(2009, 3, 1), "E06000055"),
        ("Cheshire County Council", date(2008, 6, 1), "E10000004"),
        ("Cheshire East", date(2010, 1, 1), "E06000049"),
        ("Northamptonshire", date(2020, 1, 1), "E10000021"),
        ("Cumbria", date(2022, 1, 1), "E10000006"),
        ("Cumberland", date(2024, 1, 1), "E06000063"),
        ("Westmorland and Furness Council", date(2024, 1, 1), "E06000064"),
        ("North Yorkshire County Council", date(2015, 1, 1), "E06000065"),
        ("Somerset County Council", date(2015, 1, 1), "E06000066"),
        ("Buckinghamshire County Council", date(2015, 1, 1), "E06000060"),
    ],
)
def test_reorganisations_by_date(stated: str, on: date | None, code: str) -> None:
    authority = resolve(stated, on)
    assert authority is not None and authority.code == code


def test_reorganised_authorities_link_both_ways() -> None:
    bcp = by_code("E06000058")
    assert bcp.valid_from == date(2019, 4, 1)
    assert set(bcp.predecessors) == {"E06000028", "E06000029", "E10000009"}
    assert by_code("E06000029").valid_to == date(2019, 3, 31)
    assert set(by_code("E10000009").successors) == {"E06000058", "E06000059"}
    assert set(by_code("E10000021").successors) == {"E06000061", "E06000062"}
    assert set(by_code("E10000006").successors) == {"E06000063", "E06000064"}
    assert {by_code(c).dfe_code for c in ("E06000058", "E06000059", "E06000061", "E06000062")} == {
        839,
        838,
        940,
        941,
    }
    assert (by_code("E06000063").dfe_code, by_code("E06000064").dfe_code) == (942, 943)


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("E08000020", "E08000037"),  # Gateshead, boundary change 2013
        ("E06000048", "E06000057"),  # Northumberland, boundary change 2013
        ("E10000023", "E06000065"),  # North Yorkshire, unitary 2023
        ("E10000027", "E06000066"),  # Somerset, unitary 2023
        ("E10000002", "E06000060"),  # Buckinghamshire, unitary 2020
        ("E08000016", "E08000038"),  # Barnsley, boundary change 2025
        ("E08000019", "E08000039"),  # Sheffield, boundary change 2025
    ],
)
def test_former_codes(former: str, current: str) -> None:
    assert by_code(former) == by_code(current)
    assert by_code(former).code == current
    assert by_code(f" {former.lower()} ").code == current


def test_names_that_contain_other_names_are_not_confused() -> None:
    pairs = [
        ("Northamptonshire", "North Northamptonshire"),
        ("Bedford", "Central Bedfordshire"),
        ("Somerset", "North Somerset"),
        ("Lincolnshire", "North East Lincolnshire"),
        ("Kingston upon Hull", "Kingston upon Thames"),
        ("York", "North Yorkshire"),
        ("Poole", "Bournemouth, Christchurch and Poole"),
        ("Gloucestershire", "South Gloucestershire"),
    ]
    for short, long in pairs:
        a, b = resolve(short, date(2018, 1, 1)), resolve(long, date(2022, 1, 1))
        assert a is not None and b is not None and a != b, (short, long)


def test_every_authority_folder_in_the_pdf_corpus_resolves(corpus: Path) -> None:
    index = corpus / "pdf" / "index.tsv"
    if not index.is_file():
        pytest.skip(f"no PDF corpus index at {index}")
    with index.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows
    for row in rows:
        # Folders are "<Ofsted URN>_<authority name as Ofsted lists it>".
        stated = row["authority_folder"].split("_", 1)[1]
        authority = resolve(stated, date.fromisoformat(row["published"]))
        assert authority is not None, row["authority_folder"]
        assert authority.valid_on(date.fromisoformat(row["published"])), row["authority_folder"]


# --- mentions in running text ------------------------------------------------------------------


def mentioned(text: str, on: date | None = None) -> list[tuple[str, str]]:
    mentions = find_mentions(text, on)
    assert all(text[m.start : m.end] == m.stated for m in mentions)
    return [(m.stated, m.authority.code) for m in mentions]


def test_mentions_take_the_longest_name_with_its_title() -> None:
    text = (
        "Inspectors met the London Borough of Brent and Solihull Metropolitan Borough Council, "
        "then SOLIHULL METROPOLITAN BOROUGH COUNCIL again, and the City of York Council."
    )
    assert mentioned(text) == [
        ("London Borough of Brent", "E09000005"),
        ("Solihull Metropolitan Borough Council", "E08000029"),
        ("SOLIHULL METROPOLITAN BOROUGH COUNCIL", "E08000029"),
        ("City of York Council", "E06000014"),
    ]


def test_short_names_do_not_fire_inside_longer_ones() -> None:
    text = (
        "Staff moved from North Yorkshire to New York and to York. "
        "Bournemouth, Christchurch & Poole Council took over from Poole, and Greater Manchester is not "
        "Manchester City Council. Newcastle-under-Lyme is not Newcastle upon Tyne."
    )
    assert mentioned(text, date(2020, 1, 1)) == [
        ("North Yorkshire", "E06000065"),
        ("York", "E06000014"),
        ("Bournemouth, Christchurch & Poole Council", "E06000058"),
        ("Poole", "E06000029"),
        ("Manchester City Council", "E08000003"),
        ("Newcastle upon Tyne", "E08000021"),
    ]


def test_mentions_skip_common_words_and_addresses() -> None:
    text = (
        "Children were reading and the hull of the boat was sound. "
        "Ofsted, Piccadilly Gate, Store Street, Manchester M1 2WD. Merton House, Stanley Road.\n"
        "Kingston upon Hull and St. Helens were inspected; Dorset too."
    )
    assert mentioned(text, date(2015, 1, 1)) == [
        ("Kingston upon Hull", "E06000010"),
        ("St. Helens", "E08000013"),
        ("Dorset", "E10000009"),
    ]
    assert mentioned("Dorset too.", date(2022, 1, 1)) == [("Dorset", "E06000059")]


def test_mentions_in_a_seed_letter(corpus: Path) -> None:
    text = (corpus / "seeds" / "sefton-2010-11-17-letter.txt").read_text(encoding="utf-8")
    codes = {code for _, code in mentioned(text, date(2010, 11, 17))}
    assert codes == {"E08000014"}


def test_find_mentions_reads_100_kb(corpus: Path) -> None:
    # How fast is for the benchmarks (bench/run.py extract), not a timed test on a shared machine.
    text = (corpus / "seeds" / "solihull-2016-07-07-sif-report.txt").read_text(encoding="utf-8")
    text = (text * (100_000 // len(text) + 1))[:100_000]
    assert {m.authority.code for m in find_mentions(text)} == {"E08000029"}
