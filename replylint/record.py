"""The customer record, read once per document: the name on record, the address, and findings about them."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, TypeVar

from .addressing import Mention
from .model import Finding, Span
from .names import WORD, NameRecord, name_parts, plain, signed_names, word_set

if TYPE_CHECKING:
    from .document import Document
    from .rule import Rule

FIELD_WORDS = re.compile(r"[^_\-\s]+")  # the words of a record field's key: booking_ref -> booking, ref
_local = threading.local()
T = TypeVar("T")


def memo(doc: Document, key: Hashable, compute: Callable[[], T]) -> T:
    """Return compute(), computed once per document and key: several rules read the same names."""
    store = getattr(_local, "store", None)
    if store is None or store[0] is not doc:
        store = _local.store = (doc, {})
    values = store[1]
    if key not in values:
        values[key] = compute()
    return values[key]


def customer_name(
    doc: Document,
    titles: tuple[str, ...],
    nickname_fields: tuple[str, ...] = (),
    sign_offs: tuple[str, ...] | None = None,
) -> NameRecord | None:
    """Return the name on record (None without one); given sign_offs, also the names the customer signed."""
    return memo(
        doc,
        ("record", titles, nickname_fields, sign_offs),
        lambda: _customer_name(doc, titles, nickname_fields, sign_offs),
    )


def _customer_name(
    doc: Document,
    titles: tuple[str, ...],
    nickname_fields: tuple[str, ...],
    sign_offs: tuple[str, ...] | None,
) -> NameRecord | None:
    customer = doc.draft.customer
    if customer is None or not customer.name:
        return None
    parts = name_parts(customer.name, titles)
    if not parts:
        return None
    accepted: list[str] = []
    if sign_offs is not None and doc.draft.complaint:
        accepted.extend(signed_names(doc.draft.complaint, sign_offs))
    for key, value in customer.fields.items():
        if key in nickname_fields:
            accepted.extend(WORD.findall(value))
    return NameRecord(customer.name.strip(), parts, tuple(accepted))


def address_values(doc: Document, address_fields: tuple[str, ...]) -> list[str]:
    """Return the values of the record fields whose key names an address field (home_address, city...)."""
    customer = doc.draft.customer
    if customer is None:
        return []
    wanted = word_set(address_fields)
    return [
        value
        for key, value in customer.fields.items()
        if any(part.lower() in wanted for part in FIELD_WORDS.findall(key))
    ]


def address_words(doc: Document, address_fields: tuple[str, ...], record: NameRecord) -> set[str]:
    """Return the plain forms of the address's words that are not also words of the customer's name."""
    return memo(
        doc,
        ("address words", address_fields, record.parts),
        lambda: _address_words(doc, address_fields, record),
    )


def _address_words(doc: Document, address_fields: tuple[str, ...], record: NameRecord) -> set[str]:
    own = {plain(p) for p in record.words()}
    return {
        plain(word)
        for value in address_values(doc, address_fields)
        for word in WORD.findall(value)
        if len(word) > 2 and plain(word) not in own
    }


def recorded_word(record: NameRecord, mention: Mention, index: int) -> str:
    """Return the recorded word a mention's word stands for: the surname after a title or a first name."""
    return record.parts[-1] if (mention.titled or index > 0) else record.parts[0]


def record_finding(rule: Rule, span: Span, written: str, expected: str, **values: str) -> Finding:
    """Return a finding suggesting `expected`; the message fills {match}, {expected} and each of `values`."""
    message = rule.message.replace("{match}", " ".join(written.split())).replace("{expected}", expected)
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return Finding(rule.id, rule.category, rule.severity, span, message, expected)
