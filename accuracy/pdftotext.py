"""The text poppler's `pdftotext` makes of a PDF, in each of its modes: how documents reach the graph
from other tools, and how the accuracy measures read the corpus's PDFs to check that a report reads the
same whichever way it came.

- default: the page's lines in reading order, hard-wrapped, paragraphs run together in letters;
- `-layout`: columns kept side by side, as the page sets them out;
- `-raw`: the lines in the order the PDF's content stream draws them, with no blank lines at all.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

MODES = {"default": (), "layout": ("-layout",), "raw": ("-raw",)}


def add_mode_options(parser: argparse.ArgumentParser) -> None:
    """`--layout` or `--raw`, as `args.mode` ("default" without either)."""
    modes = parser.add_mutually_exclusive_group()
    parser.set_defaults(mode="default")
    modes.add_argument(
        "--layout", dest="mode", action="store_const", const="layout", help="pdftotext -layout"
    )
    modes.add_argument("--raw", dest="mode", action="store_const", const="raw", help="pdftotext -raw")


def pdftotext(pdf: Path, text: Path, mode: str = "default") -> bool:
    """Write the PDF's text to `text`; whether pdftotext made it."""
    done = subprocess.run(["pdftotext", *MODES[mode], str(pdf), str(text)], capture_output=True)
    return done.returncode == 0


def text_file(pdf: Path, folder: Path, mode: str = "default") -> Path:
    """The PDF's text, written into `folder` under the PDF's stem (which carries the publication date);
    a PDF pdftotext cannot read is an error, since a measure must read every document."""
    text = folder / f"{pdf.stem}.txt"
    if not pdftotext(pdf, text, mode):
        raise RuntimeError(f"{pdf}: pdftotext made no text")
    return text
