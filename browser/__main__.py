"""Writes the Browser content into this folder: python -m browser."""

from __future__ import annotations

from pathlib import Path

from browser.content import generated


def main() -> None:
    folder = Path(__file__).resolve().parent
    for name, text in generated().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(folder.parent))


if __name__ == "__main__":
    main()
