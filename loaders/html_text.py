"""HTML as the inspectorate publishes it (GOV.UK pages) -> plain text with paragraphs and bullets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "header",
    "footer",
    "main",
    "br",
    "td",
    "th",
    "li",
    "title",
}
_SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "tr":
            self.parts.append("\n")
        elif tag == "li":
            pass
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._skip_depth:
            return
        # Inline markup splits text into pieces whose edge spaces separate words: keep them, collapsed.
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> tuple[str, str]:
    """The visible text (blocks separated by blank lines, list items as '- ' bullets) and the page title."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return "".join(collector.parts), " ".join(collector.title.split())
