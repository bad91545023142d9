"""`when:` conditions: run a rule only in the context it is about; triggers: skip a rule that cannot report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import prefilter
from .document import Document


@dataclass(frozen=True, slots=True)
class When:
    """All given conditions must hold; an unset condition always holds."""

    complaint: bool | None = None  # the customer's message is (true) or is not (false) a complaint
    message: bool | None = None  # a customer message is (true) or is not (false) given
    record: tuple[str, ...] = ()  # the customer record has all these fields ("name", "order"...)
    template: bool | None = None  # the text is (true) or is not (false) a template

    def holds(self, doc: Document) -> bool:
        if self.template is not None and self.template != doc.draft.template:
            return False
        return self._context_holds(doc)

    def _context_holds(self, doc: Document) -> bool:
        if self.message is not None and self.message != (doc.complaint is not None):
            return False
        if self.complaint is not None and self.complaint != doc.is_complaint:
            return False
        customer = doc.draft.customer
        for field in self.record:
            present = customer is not None and (
                bool(customer.name) if field == "name" else field in customer.fields
            )
            if not present:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Trigger:
    """What a draft must hold for a rule to report anything, as its check kind tells (`trigger(rule)`)."""

    when: When
    # The rule reports only a hit of one of these phrase lists or a match of one of `regex`; None: it
    # may report whatever the text holds (such as the absence of an apology).
    hits: tuple[str, ...] | None = None
    regex: tuple[prefilter.Searchable, ...] = ()


class Triggers:
    """The triggers of a config's rules: which rules may report on a draft, told once for all of them."""

    def __init__(self, triggers: Sequence[Trigger | None]):  # None: a rule that runs on every draft
        self.triggers = tuple(triggers)
        self._everywhere: list[int] = []  # rules that may report on any draft
        self._on_text: list[int] = []  # rules that report only a phrase hit or a regex match
        self._by_hits: dict[str, list[int]] = {}  # a phrase list -> the rules its hits trigger
        for position, trigger in enumerate(self.triggers):
            if trigger is None or trigger.hits is None:
                self._everywhere.append(position)
                continue
            self._on_text.append(position)
            for key in trigger.hits:
                self._by_hits.setdefault(key, []).append(position)
        self._regexes = prefilter.Index([self.triggers[i].regex for i in self._on_text])

    def may_report(self, doc: Document) -> list[int]:
        """Return the positions of the rules that may report on doc, in order; the others find nothing."""
        matching = self._regexes.may_match(doc.lowered)
        if matching is None:  # the prefilter cannot tell yet: each rule's own candidates() will
            chosen = set(self._everywhere) | set(self._on_text)
        else:
            chosen = set(self._everywhere)
            chosen.update(self._on_text[i] for i in matching)
            for key, spans in doc.hits.items():  # a few lists with hits, of hundreds
                if spans and key in self._by_hits:
                    chosen.update(self._by_hits[key])
        return [i for i in sorted(chosen) if self.triggers[i] is None or self.triggers[i].when.holds(doc)]
