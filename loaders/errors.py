"""The one error the loaders raise for a file they cannot turn into records."""

from __future__ import annotations


class ExtractionError(ValueError):
    """A file that cannot be read, or is not an Ofsted children's services inspection document."""

    def __init__(self, file_name: str, problem: str) -> None:
        super().__init__(f"{file_name}: {problem}")
        self.file_name = file_name
        self.problem = problem
