"""What a step type's PDF section is given, and what it gives back."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable

from collabfacil.domain.frozen import frozen
from collabfacil.domain.model import Action, Step, WorkshopData


@frozen
class SectionContext:
    """The workshop and the PDF's styles, shared by every section.

    ``width`` and ``height`` are the page's usable area in points; ``actions``
    holds each actions step's actions in plan order (``outline.actions_by_step``);
    ``appendix`` says the paper ends with every contribution in full, so a long
    list may be summed up in its section.
    """

    data: WorkshopData
    styles: StyleSheet1
    width: float
    height: float
    actions: Mapping[int | None, list[Action]]
    appendix: bool = False


# A section renders one agenda step's body (the heading and prompt are drawn
# for it); an empty list means "nothing to show", and the step is left out.
SectionRenderer = Callable[[Step, SectionContext], list[Flowable]]

# A step type's lines in the Markdown summary (plain text that reads well).
MarkdownRenderer = Callable[[Step, WorkshopData], list[str]]
