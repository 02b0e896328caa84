"""Errors whose message the interface can show in its own language.

The engine cannot use Qt's translation system, so an error a user reads (a broken run file,
a refused data folder, a diverged run) carries its English message as a template with named
parameters, and the values apart. The CLI and the logs print the message; the window
translates the template (``gui.engine_messages``) and fills in the same values.
"""

from __future__ import annotations

from dataclasses import dataclass


class ExplainedError(Exception):
    """``template.format(**params)`` is the message; ``template`` and ``params`` travel."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(template.format(**self.params) if params else template)


@dataclass(frozen=True)
class EngineMessage:
    """An engine's message for the user, as it crosses to the GUI process: the English text,
    and the template and values the interface translates it from."""

    text: str
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, exc: BaseException) -> EngineMessage:
        if isinstance(exc, ExplainedError):
            return cls(str(exc), exc.template, tuple(sorted(exc.params.items())))
        return cls(str(exc))

    def __str__(self) -> str:
        return self.text
