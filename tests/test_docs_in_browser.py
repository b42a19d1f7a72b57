"""/docs in headless Chromium with no internet: the Swagger UI renders and lists every operation, and
trying one out against the live server returns its answer."""

from __future__ import annotations

from chromium import OfflinePage
from live_server import serve

from api.app import create_app
from api.settings import Settings


def test_docs_list_every_operation_offline(embedded_settings: Settings, offline_page: OfflinePage) -> None:
    app = create_app(embedded_settings)
    expected = {
        (method.upper(), path) for path, operations in app.openapi()["paths"].items() for method in operations
    }
    page = offline_page.page
    with serve(app) as base:
        page.goto(f"{base}/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        listed = {
            (
                block.locator(".opblock-summary-method").inner_text().strip(),
                block.locator(".opblock-summary-path").get_attribute("data-path"),
            )
            for block in page.locator(".opblock").all()
        }
        assert listed == expected

        # Try out GET /health from the page itself: the UI's own request reaches the live server.
        health = page.locator(".opblock-get", has=page.locator('[data-path="/health"]'))
        health.locator(".opblock-summary").click()
        health.locator("button.try-out__btn").click()
        health.locator("button.execute").click()
        body = health.locator(".live-responses-table .response-col_description pre").first
        body.wait_for(timeout=30_000)
        assert '"status"' in body.inner_text()
    assert offline_page.outside == [], f"the docs page reached outside: {offline_page.outside}"
