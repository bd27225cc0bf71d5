"""Errors that name the file, the line and the field, and say how to fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file."""

    source: str
    line: int | None
    field: str | None
    message: str
    hint: str = ""
    column: int | None = None  # 1-based, where the problem starts on its line, when known

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        where += f":{self.column}" if self.line and self.column else ""
        field = f" [{self.field}]" if self.field else ""
        hint = f" {self.hint}" if self.hint else ""
        return f"{where}:{field} {self.message}.{hint}"

    def as_dict(self) -> dict:
        """The problem as plain data, for JSON responses and reports."""
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class SourceError(ValueError):
    """A source file (answer, profile or lexicon) that cannot be used as it is."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class AnswerError(SourceError):
    """An answer source that cannot be parsed."""


class ConfigError(SourceError):
    """A profile or lexicon file that cannot be loaded; start-up stops."""
