"""`when:` conditions: run a rule only in the context it is about."""

from __future__ import annotations

from dataclasses import dataclass

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
