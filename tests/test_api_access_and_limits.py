"""POST /cypher behind the API key, and refused where the server is exposed without one; request
bodies over the size limit refused (413) whether declared or chunked; the other routes stay open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.cypher_access import is_loopback
from api.settings import Settings

QUERY = {"query": "MATCH (a:Authority) RETURN count(a) AS n"}
KEY = "a-long-random-key"


@pytest.fixture(scope="module")
def keyed(embedded_settings: Settings) -> Iterator[TestClient]:
    settings = embedded_settings.with_overrides(api_key=KEY, max_request_bytes=2_000)
    with TestClient(create_app(settings, exposed=True)) as client:
        yield client


def test_cypher_needs_the_key_when_one_is_set(keyed: TestClient) -> None:
    assert keyed.post("/cypher", json=QUERY).status_code == 401
    wrong = keyed.post("/cypher", json=QUERY, headers={"X-API-Key": KEY + "x"})
    assert wrong.status_code == 401 and "API key" in wrong.json()["detail"]
    assert keyed.post("/cypher", json=QUERY, headers={"X-API-Key": KEY}).status_code == 200
    bearer = keyed.post("/cypher", json=QUERY, headers={"Authorization": f"Bearer {KEY}"})
    assert bearer.status_code == 200 and bearer.json()["rows"][0]["n"] > 0
    assert keyed.get("/queries/themes").status_code == 200  # canned queries need no key


def test_an_exposed_server_without_a_key_refuses_cypher(embedded_settings: Settings) -> None:
    with TestClient(create_app(embedded_settings, exposed=True)) as client:
        refused = client.post("/cypher", json=QUERY)
        assert refused.status_code == 403 and "IKG_API_KEY" in refused.json()["detail"]
        assert client.get("/health").status_code == 200
    with TestClient(create_app(embedded_settings, exposed=False)) as client:
        assert client.post("/cypher", json=QUERY).status_code == 200


def test_request_bodies_over_the_limit_are_refused(keyed: TestClient) -> None:
    headers = {"X-API-Key": KEY, "content-type": "application/json"}
    padded = '{"query": "MATCH (a:Authority) RETURN count(a) AS n", "params": {"pad": "' + "x" * 3_000 + '"}}'
    declared = keyed.post("/cypher", content=padded, headers=headers)
    assert declared.status_code == 413 and "IKG_MAX_REQUEST_BYTES" in declared.json()["detail"]

    def chunks(text: str) -> Iterator[bytes]:  # no Content-Length: sent chunked
        for i in range(0, len(text), 500):
            yield text[i : i + 500].encode()

    assert keyed.post("/cypher", content=chunks(padded), headers=headers).status_code == 413
    small = '{"query": "MATCH (a:Authority) RETURN count(a) AS n"}'
    assert keyed.post("/cypher", content=chunks(small), headers=headers).status_code == 200


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.1", False),
        ("example.org", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_turtle_export_is_behind_the_key_built_once_and_streamed(keyed: TestClient) -> None:
    assert keyed.get("/export.ttl").status_code == 401
    first = keyed.get("/export.ttl", headers={"X-API-Key": KEY})
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/turtle")
    assert "@prefix" in first.text and "Solihull" in first.text
    cache = keyed.app.state.exports  # type: ignore[attr-defined]
    built = list(cache.folder.glob("*.ttl"))
    assert len(built) == 1
    modified = built[0].stat().st_mtime_ns
    second = keyed.get("/export.ttl", headers={"X-API-Key": KEY})
    assert second.content == first.content
    assert built[0].stat().st_mtime_ns == modified  # served from the file, not built again
