"""The exception a file or a number that cannot be read raises."""

from __future__ import annotations


class ParseError(ValueError):
    """Input that is not what it should be: a number that is none, or a file with problems.

    For a file, ``errors`` lists every problem (each with ``line``, ``column``, ``code`` and
    ``message(lang)``) and ``where`` says where each is: ``budget.csv:12:5`` for CSV,
    ``budget.xlsx[予算]!C12`` for a worksheet cell. ``str(error)`` lists them all in English;
    ``messages("ja")`` in Japanese.
    """

    def __init__(self, message: str, errors=(), where=(), source: str | None = None):
        super().__init__(message)
        self.errors = list(errors)
        self.where = list(where)
        self.source = source

    def messages(self, lang: str = "en") -> list[str]:
        """One line per problem, ``where: sentence``, in English ("en") or Japanese ("ja")."""
        if not self.errors:
            return [str(self.args[0])]
        return [f"{where}: {error.message(lang)}" for where, error in zip(self.where, self.errors)]

    def __str__(self) -> str:
        if not self.errors:
            return str(self.args[0])
        return "\n".join([str(self.args[0]), *self.messages()])


ParseError.__module__ = "c3p_budget"
