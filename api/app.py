"""The HTTP API: canned queries, resources built on them, and read-only Cypher."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi_offline import FastAPIOffline

import queries
from api import answers
from api.authority_page import PLOTLY_JS_ROUTE, Links, authority_page, plotly_js_path
from api.browser_content import router as browser_content
from api.cypher_access import cypher_access
from api.cypher_workers import Busy, CypherLimit, CypherWorkers
from api.export_cache import ExportCache
from api.known_values import UnknownValue
from api.models import (
    AuthorityDetail,
    CypherRequest,
    CypherResult,
    Health,
    Home,
    InspectionDetail,
    Page,
    QueryInfo,
    QueryResult,
    ThemeDetail,
)
from api.request_size import RequestSizeLimit
from api.settings import Settings
from api.startup_heap import freeze_startup_heap
from graph.store import GraphStore, StoreUnavailable
from ontology import vocabulary


def create_app(settings: Settings, exposed: bool = False) -> FastAPI:
    """The app over the configured store, opened read-only at start-up and closed at shutdown.
    `exposed`: it is served beyond loopback, where POST /cypher needs the API key."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = settings.open_store(read_only=True)
        app.state.cypher = CypherWorkers(settings).start()
        app.state.exports = ExportCache()
        # Read at the first request otherwise, after the freeze.
        queries.catalog()
        vocabulary()
        freeze_startup_heap()
        try:
            yield
        finally:
            app.state.exports.close()
            app.state.cypher.close()
            app.state.store.close()

    # FastAPIOffline serves the Swagger UI and ReDoc assets itself: /docs works with no internet.
    app = FastAPIOffline(
        title="inspection-kg",
        version="0.1.0",
        description="A knowledge graph of children's services inspections: canned questions, "
        "resources, and read-only Cypher. Every finding comes with its quote, document and offsets.",
        lifespan=lifespan,
    )

    def store(request: Request) -> GraphStore:
        return request.app.state.store  # type: ignore[no-any-return]

    def run(request: Request, name: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return answers.canned(store(request), name, params)
        except UnknownValue as error:
            raise HTTPException(404, detail=str(error)) from error
        except queries.ParameterError as error:
            raise HTTPException(422, detail=str(error)) from error
        except queries.QueryError as error:
            raise HTTPException(404, detail=str(error)) from error

    @app.exception_handler(StoreUnavailable)
    async def unavailable(_: Request, error: StoreUnavailable) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": f"the graph store is unavailable: {error}"})

    @app.get("/", response_model=Home, tags=["service"])
    def home() -> Home:
        """Where to start: the interactive docs, the Browser guide and the main routes."""
        return Home(
            name="inspection-kg",
            description=app.description,
            links={
                "/docs": "interactive API documentation (OpenAPI); /redoc for a reference",
                "/queries": "the canned questions, with their parameters and columns",
                "/authorities": "every authority, a page at a time; /authorities/{code} for one, "
                "/authorities/{code}/page for its page at a glance (HTML)",
                "/themes": "the theme taxonomy with counts of findings",
                "/cypher": "POST read-only Cypher of your own",
                "/export.ttl": "the whole graph as RDF Turtle",
                "/browser/guide.html": "the Neo4j Browser guide (:play it in the Browser)",
                "/health": "whether the store answers, and what it holds",
            },
        )

    @app.get("/health", response_model=Health, tags=["service"])
    def health(request: Request) -> Health:
        """Whether the store answers, and what it holds."""
        counts = store(request).counts()
        labels = vocabulary().nodes
        return Health(
            status="ok",
            store=store(request).kind,
            nodes={name: n for name, n in counts.items() if name in labels},
            relationships={name: n for name, n in counts.items() if name not in labels},
        )

    @app.get("/queries", response_model=list[QueryInfo], tags=["queries"])
    def list_queries() -> list[QueryInfo]:
        """The canned queries: name, what each answers, parameters with types and defaults, columns."""
        return [QueryInfo.of(q) for q in queries.catalog().values()]

    @app.get("/queries/{name}", response_model=QueryResult, tags=["queries"])
    def run_query(
        request: Request, name: Annotated[str, Path(description="canned query name")]
    ) -> dict[str, Any]:
        """Run a canned query; its parameters are query-string parameters (see GET /queries)."""
        return run(request, name, dict(request.query_params))

    @app.post(
        "/cypher",
        response_model=CypherResult,
        tags=["cypher"],
        dependencies=[Depends(cypher_access(settings.api_key, exposed))],
    )
    def run_cypher(request: Request, body: Annotated[CypherRequest, Body()]) -> Response:
        """Run read-only Cypher. Only reading clauses and allowlisted functions and procedures pass
        (400 with the reason otherwise); the engine confirms the query only reads; it runs in a worker
        process with a time limit (408), a memory limit and an answer size cap (422), and rows are
        capped. With IKG_API_KEY set it needs the key (X-API-Key or Authorization: Bearer); beyond
        loopback it is served only with one."""
        max_rows = min(body.limit or settings.cypher_max_rows, settings.cypher_max_rows)
        workers: CypherWorkers = request.app.state.cypher
        try:
            answer = workers.run(body.query, body.params, max_rows)
        except Busy as error:
            raise HTTPException(error.status, detail=error.message, headers={"Retry-After": "1"}) from error
        except CypherLimit as error:
            raise HTTPException(error.status, detail=error.message) from error
        return Response(answer, media_type="application/json")

    @app.get("/authorities", response_model=Page, tags=["resources"])
    def authorities(
        request: Request,
        region: Annotated[str, Query(description="one region; empty for all")] = "",
        offset: Annotated[int, Query(ge=0, le=queries.MAX_INTEGER)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Page:
        """Every authority, past and present, with its number of inspections: a page at a time."""
        rows = run(request, "authorities", {"region": region, "offset": offset, "limit": limit})["rows"]
        return Page.of(rows, offset, limit)

    @app.get("/authorities/{code}", response_model=AuthorityDetail, tags=["resources"])
    def authority(
        request: Request, code: Annotated[str, Path(description="ONS code or name")]
    ) -> AuthorityDetail:
        """One authority: profile and inspections in date order."""
        profile = run(request, "authority-profile", {"authority": code})["rows"]
        if not profile:
            raise HTTPException(404, detail=f"no authority {code!r}")
        timeline = run(request, "authority-timeline", {"authority": profile[0]["code"]})["rows"]
        return AuthorityDetail(**profile[0], timeline=timeline)

    @app.get("/authorities/{code}/page", response_class=HTMLResponse, tags=["resources"])
    def authority_html(
        request: Request, code: Annotated[str, Path(description="ONS code or name")]
    ) -> HTMLResponse:
        """One authority at a glance, as an HTML page: its inspections and grades over time (a chart),
        the themes of its weaknesses by year (a heat map), its repeated findings with both quotes and
        its strongest areas, each quote linked to its finding in GET /inspections/{id}. It needs no
        internet: the charts' plotly.js comes from this API."""
        try:
            html = authority_page(store(request), code, Links(""), inline_plotly=False)
        except UnknownValue as error:
            raise HTTPException(404, detail=str(error)) from error
        return HTMLResponse(html)

    @app.get(PLOTLY_JS_ROUTE, include_in_schema=False)
    def plotly_js() -> FileResponse:
        # The file's name holds its version: a browser may keep it for good.
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=31536000, immutable"},
        )

    @app.get("/inspections/{inspection_id}", response_model=InspectionDetail, tags=["resources"])
    def inspection(request: Request, inspection_id: str) -> InspectionDetail:
        """One inspection with its documents, team, judgements and every finding with its quote."""
        params = {"inspection": inspection_id}
        summary = run(request, "inspection-summary", params)["rows"]
        if not summary:
            raise HTTPException(404, detail=f"no inspection {inspection_id!r}")
        texts = {
            row["document"]: row["text"]
            for document in {row["document"] for row in summary}
            for row in run(request, "document-text", {"document": document})["rows"]
        }
        return InspectionDetail.of(
            summary,
            team=run(request, "inspection-team", params)["rows"],
            judgements=run(request, "inspection-judgements", params)["rows"],
            findings=run(request, "inspection-findings", {**params, "limit": queries.MAX_INTEGER})["rows"],
            themes=run(request, "inspection-finding-themes", params)["rows"],
            texts=texts,
        )

    @app.get("/themes", response_model=list[ThemeDetail], tags=["resources"])
    def themes(request: Request) -> list[ThemeDetail]:
        """The theme taxonomy with counts of findings."""
        return [ThemeDetail(**row) for row in run(request, "themes", {})["rows"]]

    @app.get("/themes/{theme_id}", response_model=ThemeDetail, tags=["resources"])
    def theme(request: Request, theme_id: str) -> ThemeDetail:
        """One theme with counts of findings."""
        for row in run(request, "themes", {})["rows"]:
            if row["theme"] == theme_id:
                return ThemeDetail(**row)
        raise HTTPException(404, detail=f"no theme {theme_id!r}")

    @app.get(
        "/export.ttl",
        tags=["export"],
        response_class=FileResponse,
        dependencies=[Depends(cypher_access(settings.api_key, exposed))],
    )
    def export_turtle(request: Request) -> FileResponse:
        """The whole graph as RDF Turtle in the ontology's vocabulary (findings as Web Annotations),
        built once per version of the graph and streamed. Behind the API key like POST /cypher."""
        path = request.app.state.exports.turtle(store(request))
        return FileResponse(path, media_type="text/turtle", filename="inspection-kg.ttl")

    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.include_router(browser_content)  # the Neo4j Browser guide and style, under /browser/
    return app
