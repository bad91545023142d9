"""reference: order, booking, account... numbers in the reply against the customer's message and record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import references
from ..conditions import When
from ..model import Finding, Span
from ..record import record_finding
from ..references import MESSAGE, RECORD, Ref

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

# fmt: off
IGNORE_LABELS = (
    "tracking", "parcel", "consignment", "phone", "telephone", "tel", "mobile", "call", "fax", "flight",
    "seat", "gate", "room", "iban", "swift", "sort", "postcode", "zip", "amount", "total", "price",
    "extension", "ext", "pin", "vat", "voucher", "coupon", "refund",
)
NEW_MARKERS = (
    "new", "replacement", "another", "second", "separate", "fresh", "reissued", "opened", "created",
    "raised", "logged", "generated", "issued", "assigned", "previous", "earlier", "prior", "other",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Options:
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> its words: order -> [order]
    qualifiers: tuple[str, ...] = ("reference", "ref", "number", "no", "num", "id", "code")
    tail_words: tuple[str, ...] = ("ending", "ends")  # "card ending 4471": a plain number that is a reference
    ignore_labels: tuple[str, ...] = IGNORE_LABELS  # a number after these is never a reference
    # A number after these in its sentence is a new one, or another than the customer's ("the previous invoice").
    new_markers: tuple[str, ...] = NEW_MARKERS
    label_window: int = 3  # how many words before a number may label it
    min_length: int = 5  # letters and digits in a code such as A-10452 or BUD6HJ
    min_digits: int = 4  # digits in a plain number such as 4471
    max_edits: int = 1  # a code this many edits from a known one is a mistyping of it
    transpositions: bool = True  # two swapped characters, adjacent or not, are a mistyping too
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator:
    """Yield nothing: reference numbers are found by scanning the text for digits."""
    return iter(())


_readers: dict[int, tuple[Options, references.Reader]] = {}


def _reader_for(options: Options) -> references.Reader:
    """Return the options' Reader, built once per options object: hashing their word lists on every call,
    as an lru_cache does, cost more than the rest of run() on a reply without numbers."""
    hit = _readers.get(id(options))
    if hit is None or hit[0] is not options:
        if len(_readers) > 256:
            _readers.clear()
        reader = references.Reader(
            tuple(options.labels.items()), options.qualifiers, options.tail_words, options.ignore_labels,
            options.new_markers, options.label_window, options.min_length, options.min_digits,
        )  # fmt: skip
        hit = _readers[id(options)] = (options, reader)
    return hit[1]


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each reference number in the reply that mistypes one from the message or record."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    reader = _reader_for(options)
    text = doc.text
    # The reply's numbers first: half the replies have none, and then the record and message go unread.
    numbers = list(reader.numbers(text))
    if not numbers:
        return
    customer = doc.draft.customer
    known = reader.in_record(customer.fields) if customer is not None else []
    if doc.draft.complaint:
        known.extend(reader.in_message(doc.draft.complaint))
    if not known:
        return
    known_keys = {k.key for k in known}
    for start, end, plain in numbers:
        key = references.plain_key(text[start:end]) if plain else references.key_of(text[start:end])
        if key in known_keys:
            continue
        if plain:
            same = [k for k in known if k.plain and len(k.key) == len(key)]
        else:
            same = [k for k in known if not k.plain and references.prefix(k.key) == references.prefix(key)]
        if not same:
            continue
        # Only now, for the rare number that resembles a known one, read its label.
        labelled, kind, ignored = reader.label(text, start)
        if ignored or (plain and not labelled):
            continue
        right = _right_ref(reader, text, start, key, kind, same, options)
        if right is None or _named_beside(reader, text, doc.sentence_at(start), right):
            continue
        sources = [s for s in (MESSAGE, RECORD) if any(k.key == right.key and k.source == s for k in known)]
        yield record_finding(
            rule, Span(start, end), doc.draft.reply[start:end], references.shown(right),
            label=right.kind or kind or "reference", source=" and ".join(sources),
        )  # fmt: skip


def _named_beside(reader: references.Reader, text: str, sentence: Span, right: Ref) -> bool:
    """Does the sentence name the right reference too? "credited to WS-7720091 instead of WS-7720019"
    explains a mix-up; it does not make one."""
    part = text[sentence.start : sentence.end]
    return any(
        (references.plain_key(part[start:end]) if plain else references.key_of(part[start:end])) == right.key
        for start, end, plain in reader.numbers(part)
    )


def _right_ref(
    reader: references.Reader,
    text: str,
    start: int,
    key: str,
    kind: str | None,
    same: list[Ref],
    options: Options,
) -> Ref | None:
    """Return the known reference this number should have been, or None when it may be a different one."""
    near = [
        (d, k)
        for k in same
        if (d := references.close(key, k.key, options.max_edits, options.transpositions)) is not None
    ]
    if reader.is_new(text, start):
        # A new number may be one off the old one; two characters swapped is still a typo.
        near = [(d, k) for d, k in near if sorted(key) == sorted(k.key)]
        if not near:
            return None
    if near:
        return min(near, key=lambda pair: pair[0])[1]
    if kind in (None, "reference"):
        return None
    # A different number labelled like the only one of its kind and shape ("order A-20987" for order A-10452).
    shape = references.shape(key)
    candidates = {k.key: k for k in same if k.kind == kind and references.shape(k.key) == shape}
    return next(iter(candidates.values())) if len(candidates) == 1 else None
