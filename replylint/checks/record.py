"""record: the names, reference numbers and address in the reply against the customer's message and record.

One kind, three comparisons, chosen by `find`:
- `name`: the name the reply greets or addresses the customer by, against the record's name;
- `reference`: order, booking, account... numbers against those in the customer's message and record;
- `swapped-fields`: the customer greeted by a word of their address, or their address written with their name.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from .. import names
from ..conditions import When
from ..errors import RuleError
from ..model import Finding, Span
from ..names import Match, NameRecord, Verdict

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

FINDS = ("name", "reference", "swapped-fields")

# Default word lists; a rule's options replace them.
# fmt: off
GREETINGS = (
    "hi", "hello", "hey", "hiya", "dear", "good morning", "good afternoon", "good evening", "morning",
    "greetings", "hi there", "hello there", "hi again", "hello again",
)
TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof")
PARTICLES = ("de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "y")
NOT_NAMES = (
    "customer", "customers", "valued", "sir", "madam", "team", "all", "everyone", "everybody", "there",
    "folks", "friend", "friends", "again", "guys", "both", "you", "thanks", "thank", "sorry", "apologies",
    "please", "welcome", "good", "great", "i", "we", "your", "our", "it", "this",
)
SIGN_OFFS = (
    "best", "regards", "kind regards", "best regards", "warm regards", "many thanks", "thanks", "thank you",
    "cheers", "sincerely", "yours sincerely", "yours faithfully", "yours", "best wishes", "all the best",
    "take care", "warmly",
)
THIRD_PARTY = (
    "colleague", "courier", "driver", "manager", "agent", "engineer", "technician", "supervisor",
    "advisor", "adviser", "representative", "specialist", "partner", "husband", "wife", "son", "daughter",
    "pilot", "captain", "doctor", "nurse", "optometrist", "host", "guide", "rep",
)
TRANSLITERATIONS = {
    "ü": ("ue",), "ö": ("oe",), "ä": ("ae",), "ß": ("ss",), "å": ("aa",), "ø": ("oe",), "æ": ("ae",),
}
LABELS = {
    "order": ("order", "purchase"), "account": ("account", "acct"), "invoice": ("invoice", "bill"),
    "ticket": ("ticket", "case"), "booking": ("booking", "reservation", "pnr", "confirmation"),
    "policy": ("policy",), "claim": ("claim",), "card": ("card",), "certificate": ("certificate", "ppc"),
    "membership": ("membership", "member"), "patient": ("patient",), "contract": ("contract", "subscription"),
}
IGNORE_LABELS = (
    "tracking", "parcel", "consignment", "phone", "telephone", "tel", "mobile", "call", "fax", "flight",
    "seat", "gate", "room", "iban", "swift", "sort", "postcode", "zip", "amount", "total", "price",
    "extension", "ext", "pin", "vat", "voucher", "coupon", "refund",
)
NEW_MARKERS = (
    "new", "replacement", "another", "second", "separate", "fresh", "reissued", "opened", "created",
    "raised", "logged", "generated", "issued", "assigned",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Options:
    find: str = "name"  # what to compare: name, reference or swapped-fields
    # How the reply addresses the customer.
    greetings: tuple[str, ...] = GREETINGS
    greeting_lines: int = 2  # the greeting is looked for in this many first non-empty lines
    titles: tuple[str, ...] = TITLES
    particles: tuple[str, ...] = PARTICLES  # lowercase words inside a name: van Dijk, de Souza
    not_names: tuple[str, ...] = NOT_NAMES  # capitalised words after a greeting that are not a name
    sign_offs: tuple[str, ...] = SIGN_OFFS  # where the agent's signature starts
    third_party: tuple[str, ...] = THIRD_PARTY  # "our courier, Jon.": a name after these is someone else
    # Comparing names.
    min_similarity: float = 0.75  # OSA similarity (0-1) above which a different word is a misspelling
    surname_similarity: float = 0.5  # the same for a surname after the right first name ("Valentina Rizzi")
    transliterations: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(TRANSLITERATIONS))
    short_forms: bool = True  # the start of a name (Chris for Christopher) is not a finding
    signed_names: bool = True  # accept the name words the customer signed their message with
    nickname_fields: tuple[str, ...] = ("nickname", "preferred_name", "known_as")
    # Reference numbers.
    labels: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(LABELS))  # kind -> its words
    qualifiers: tuple[str, ...] = ("reference", "ref", "number", "no", "num", "id", "code")
    tail_words: tuple[str, ...] = ("ending", "ends")  # "card ending 4471": a plain number that is a reference
    ignore_labels: tuple[str, ...] = IGNORE_LABELS  # a number after these is never a reference
    new_markers: tuple[str, ...] = NEW_MARKERS  # a number after these in its sentence is a new one
    label_window: int = 3  # how many words before a number may label it
    min_length: int = 5  # letters and digits in a code such as A-10452 or BUD6HJ
    min_digits: int = 4  # digits in a plain number such as 4471
    max_edits: int = 1  # a code this many edits from a known one is a mistyping of it
    transpositions: bool = True  # two swapped characters, adjacent or not, are a mistyping too
    # Swapped fields: the record fields whose words must not be taken for the customer's name.
    address_fields: tuple[str, ...] = ("address", "street", "city", "town", "county", "district")
    when: When = field(default_factory=When)


class Prepared:
    """Everything derived from one rule's options, built once."""

    def __init__(self, options: Options):
        self.options = options
        self.addressing = names.Addressing(
            options.greetings, options.greeting_lines, options.titles, options.particles,
            options.not_names, options.sign_offs, options.third_party,
        )  # fmt: skip
        self.table = names.table_of(options.transliterations)
        # What the names found depend on: rules with the same values share them per document.
        self.mention_key = self.addressing.key
        self.record_key = (options.titles, options.signed_names, options.sign_offs, options.nickname_fields)
        self.label_of = {names.normalise(w): kind for kind, words in options.labels.items() for w in words}
        self.qualifiers = {names.normalise(w) for w in options.qualifiers}
        self.tails = {names.normalise(w) for w in options.tail_words}
        self.ignore = {names.normalise(w) for w in options.ignore_labels}
        self.new = {names.normalise(w) for w in options.new_markers}
        self.address_fields = {names.normalise(w) for w in options.address_fields}
        self.nickname_fields = set(options.nickname_fields)


_cache: dict[int, Prepared] = {}


def prepared(options: Options) -> Prepared:
    """Return the options' derived data, built on first use (Options holding dicts are not hashable)."""
    found = _cache.get(id(options))
    if found is None or found.options is not options:
        if len(_cache) > 256:
            _cache.clear()
        found = _cache[id(options)] = Prepared(options)
    return found


def phrase_lists(rule: Rule) -> Iterator:
    """Check the options once when the linter is built; this kind needs no phrase lists."""
    if rule.options.find not in FINDS:
        raise RuleError(
            f"options.find must be one of {', '.join(FINDS)}, not {rule.options.find!r}",
            rule.source,
            rule.line,
        )
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each name, reference or address in the reply that contradicts the record."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    prep = prepared(options)
    if options.find == "name":
        yield from _names(doc, rule, prep)
    elif options.find == "reference":
        yield from _references(doc, rule, prep)
    elif options.find == "swapped-fields":
        yield from _swapped(doc, rule, prep)


# Names ------------------------------------------------------------------------------------------------


_local = threading.local()


def _memo(doc: Document, key: tuple, compute):
    """Return compute(), computed once per document and key: several rules read the same names."""
    store = getattr(_local, "store", None)
    if store is None or store[0] is not doc:
        store = _local.store = (doc, {})
    values = store[1]
    if key not in values:
        values[key] = compute()
    return values[key]


def _record(doc: Document, prep: Prepared, signed: bool = False) -> NameRecord | None:
    """Return the name on record (None without one); with `signed`, also the names the customer signed."""
    return _memo(doc, ("record", signed, prep.record_key), lambda: _build_record(doc, prep, signed))


def _build_record(doc: Document, prep: Prepared, signed: bool) -> NameRecord | None:
    customer = doc.draft.customer
    if customer is None or not customer.name:
        return None
    parts = names.name_parts(customer.name, prep.options.titles)
    if not parts:
        return None
    accepted: list[str] = []
    if signed and prep.options.signed_names and doc.draft.complaint:
        accepted.extend(names.signed_names(doc.draft.complaint, prep.options.sign_offs))
    for key, value in customer.fields.items():
        if key in prep.nickname_fields:
            accepted.extend(names.WORD.findall(value))
    return NameRecord(customer.name.strip(), parts, tuple(accepted))


def mentions(doc: Document, prep: Prepared) -> list[names.Mention]:
    """Return how the reply addresses the customer: the greeting's names, then names in direct address."""
    return _memo(doc, ("mentions", prep.mention_key), lambda: prep.addressing.mentions(doc.text))


def _names(doc: Document, rule: Rule, prep: Prepared) -> Iterator[Finding]:
    record = _record(doc, prep)
    if record is None:
        return
    options = prep.options
    addressed = mentions(doc, prep)
    if not addressed:
        return
    verdicts = [[_verdict(record, w.text, prep) for w in m.words] for m in addressed]
    if not all(v.match.ok for judged in verdicts for v in judged):
        # Only now read the customer's signature: a nickname they signed with is their name too.
        record = _record(doc, prep, signed=True)
        verdicts = [[_verdict(record, w.text, prep) for w in m.words] for m in addressed]
    greeted_right = any(v.match.ok for m, vs in zip(addressed, verdicts) if m.greeting for v in vs)
    for mention, judged in zip(addressed, verdicts):
        judged = _surname(mention, judged, record, options)
        right_here = any(v.match.ok for v in judged)
        flagged: list[tuple[int, str]] = []
        for index, (word, verdict) in enumerate(zip(mention.words, judged)):
            if verdict.match.ok:
                continue
            if verdict.match == Match.DIFFERENT:
                wrong_name = mention.greeting and mention.first and not right_here and not greeted_right
                if not wrong_name or names.plain(word.text) in _field_words(doc, prep, record):
                    continue  # a word of the address is swapped-fields' to report
                expected = record.parts[-1] if (mention.titled or index > 0) else record.parts[0]
            else:
                expected = verdict.expected or record.parts[0]
            flagged.append((index, expected))
        yield from _name_findings(doc, rule, record, mention, flagged)


_EXACT = Verdict(Match.EXACT, None)


def _verdict(record: NameRecord, written: str, prep: Prepared) -> Verdict:
    """Return how a written word relates to the record; exact names skip fuzzy matching."""
    if written in record.parts or written in record.accepted:
        return _EXACT
    options = prep.options
    verdict = record.verdict(written, prep.table, options.min_similarity, options.short_forms)
    if verdict.match == Match.DIFFERENT and "-" in written:
        # "Jose-Luis" for José Luis: judge each half, and suggest the halves as recorded.
        halves = [
            record.verdict(h, prep.table, options.min_similarity, options.short_forms)
            for h in written.split("-")
        ]
        if all(h.match != Match.DIFFERENT for h in halves):
            worst = max(h.match for h in halves)
            expected = "-".join(h.expected or w for h, w in zip(halves, written.split("-")))
            return Verdict(worst if worst > Match.SHORT_FORM else Match.EXACT, expected)
    return verdict


def _surname(
    mention: names.Mention, judged: list[Verdict], record: NameRecord, options: Options
) -> list[Verdict]:
    """Judge the last word against the record's surname, more leniently, after the right first name."""
    if (
        len(judged) < 2
        or len(record.parts) < 2
        or not judged[0].match.ok
        or judged[-1].match != Match.DIFFERENT
    ):
        return judged
    surname = record.parts[-1]
    similarity = OSA.normalized_similarity(names.plain(mention.words[-1].text), names.plain(surname))
    if similarity < options.surname_similarity:
        return judged
    return [*judged[:-1], Verdict(Match.MISSPELLED, surname)]


def _name_findings(
    doc: Document, rule: Rule, record: NameRecord, mention: names.Mention, flagged
) -> Iterator[Finding]:
    """Yield one finding per run of consecutive wrong words, suggesting the recorded words."""
    run: list[tuple[int, str]] = []
    for item in [*flagged, None]:
        if item is not None and (not run or item[0] == run[-1][0] + 1):
            run.append(item)
            continue
        if run:
            first, last = mention.words[run[0][0]], mention.words[run[-1][0]]
            written = doc.draft.reply[first.start : last.end]
            expected = " ".join(e for _, e in run)
            yield _finding(rule, Span(first.start, last.end), written, expected, record=record.full)
        run = [item] if item is not None else []


def _finding(rule: Rule, span: Span, written: str, expected: str, **values: str) -> Finding:
    message = rule.message.replace("{match}", " ".join(written.split())).replace("{expected}", expected)
    for key, value in values.items():
        message = message.replace("{" + key + "}", value)
    return Finding(rule.id, rule.category, rule.severity, span, message, expected)


# Swapped fields ---------------------------------------------------------------------------------------


def _address_values(doc: Document, prep: Prepared) -> list[str]:
    customer = doc.draft.customer
    if customer is None:
        return []
    return [
        value
        for key, value in customer.fields.items()
        if any(part.lower() in prep.address_fields for part in _FIELD_WORDS.findall(key))
    ]


def _field_words(doc: Document, prep: Prepared, record: NameRecord) -> set[str]:
    """Return the plain forms of address words that are not also name words."""
    return _memo(
        doc,
        ("field words", prep.options.address_fields, record),
        lambda: _build_field_words(doc, prep, record),
    )


def _build_field_words(doc: Document, prep: Prepared, record: NameRecord) -> set[str]:
    own = {names.plain(p) for p in record.words()}
    return {
        names.plain(word)
        for value in _address_values(doc, prep)
        for word in names.WORD.findall(value)
        if len(word) > 2 and names.plain(word) not in own
    }


def _swapped(doc: Document, rule: Rule, prep: Prepared) -> Iterator[Finding]:
    values = _address_values(doc, prep)
    record = _record(doc, prep) if values else None
    if record is None:
        return
    own = {names.plain(p) for p in record.words()}
    address = ", ".join(values)
    reported: set[int] = set()
    # 1. The customer greeted by a word of their address: "Dear Mrs Foster" for Eileen Walker of Foster Lane.
    words = _field_words(doc, prep, record)
    for mention in mentions(doc, prep):
        if not mention.greeting:
            continue  # ", Norwich." ends an address more often than it addresses a person
        for index, word in enumerate(mention.words):
            if names.plain(word.text) in words and names.plain(word.text) not in own:
                expected = record.parts[-1] if (mention.titled or index > 0) else record.parts[0]
                reported.add(word.start)
                yield _finding(
                    rule, Span(word.start, word.end), word.text, expected, record=record.full, value=address
                )
    # 2. The address written with the customer's name in it: "3 Walker Lane" for 3 Foster Lane.
    text = doc.text
    for value in values:
        tokens = list(re.finditer(r"[^\s,]+", value))
        for i, token in enumerate(tokens):
            street = token.group()
            if not names.WORD.fullmatch(street) or len(street) < 3 or names.plain(street) in own:
                continue
            left = (
                tokens[i - 1].group()
                if i > 0 and "," not in value[tokens[i - 1].end() : token.start()]
                else None
            )
            right = (
                tokens[i + 1].group()
                if i + 1 < len(tokens) and "," not in value[token.end() : tokens[i + 1].start()]
                else None
            )
            if left is not None and not left.isdigit():
                left = None
            if right is not None and not (names.WORD.fullmatch(right) and right[0].isupper()):
                right = None
            if right is not None and names.plain(right) in own:  # "John Lane" is a name, not "Foster Lane"
                right = None
            if (left is None or left not in text) and (right is None or right not in text):
                continue  # neither neighbour is in the reply: the address is not written there
            for part in record.parts:
                for start in _occurrences(text, part.translate(str.maketrans("\u2019", "'"))):
                    end = start + len(part)
                    if start in reported:
                        continue
                    after = _next_word(text, end)
                    before = _previous_word(text, start)
                    if (right and after == right) or (left and before == left):
                        reported.add(start)
                        yield _finding(
                            rule, Span(start, end), part, street, record=record.full, value=address
                        )


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Yield where word occurs in text as a whole word (case-sensitive: addresses are capitalised)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(word, end)


_NEXT = re.compile(r"[ \t]+([^\s,.;:!?]+)")
_PREVIOUS = re.compile(r"([^\s,.;:!?]+)[ \t]+$")


def _next_word(text: str, pos: int) -> str | None:
    match = _NEXT.match(text, pos)
    return match.group(1) if match else None


def _previous_word(text: str, pos: int) -> str | None:
    match = _PREVIOUS.search(text[max(0, pos - 20) : pos])
    return match.group(1) if match else None


# Reference numbers ------------------------------------------------------------------------------------

# A code: capital letters and digits, at least one of each, maybe with - or / inside (A-10452, BUD6HJ).
_CODE = re.compile(
    r"(?<![\w/-])(?=[A-Z0-9])(?=[A-Z0-9/-]*[A-Z])(?=[A-Z0-9/-]*[0-9])[A-Z0-9]+(?:[-/][A-Z0-9]+)*(?![\w-]|/\w)"
)
# A plain number that is not part of an amount, a decimal, a date or a code.
_PLAIN = re.compile(r"(?<![\w£$€¥.,/:-])[0-9]+(?![\w%£$€]|[.,/:-][0-9])")
_MASKED = re.compile(r"[*xX•·#\s-]{2,}([0-9]{2,})")  # ****4471: the record shows only the last digits
_NUMBER = re.compile(r"[0-9]+")
_FIELD_WORDS = re.compile(r"[^_\-\s]+")
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CODE_CHARS = frozenset(_UPPER + "0123456789-/")
_SHAPE = str.maketrans(_UPPER + "0123456789", "A" * 26 + "9" * 10)
_LABEL_WORDS = re.compile(r"[A-Za-z]+")
_PUNCTUATION = ".,:;()[]\"'#*"
MESSAGE, RECORD = "the customer's message", "the record"


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference number known from the customer's message or the record."""

    text: str
    key: str  # upper case, separators removed: what is compared
    plain: bool  # digits only
    kind: str | None  # order, booking...; "reference" when only "ref" or "number" labels it
    source: str


def _key(code: str) -> str:
    return code.upper().replace("-", "").replace("/", "")


def _prefix(key: str) -> str:
    return key[: len(key) - len(key.lstrip(_UPPER))]


def _label(text: str, start: int, prep: Prepared) -> tuple[bool, str | None, bool]:
    """Return (labelled, kind, ignored) from the few words before a number."""
    before = text[max(0, start - 50) : start]
    before = before[before.rfind("\n") + 1 :]
    labelled = before.endswith("#")
    for word in reversed(before.split()[-prep.options.label_window :]):
        low = word.strip(_PUNCTUATION).lower()
        singular = low[:-1] if low.endswith("s") and len(low) > 3 else low
        if low in prep.ignore or singular in prep.ignore:
            return False, None, True
        if low in prep.label_of or singular in prep.label_of:
            return True, prep.label_of.get(low) or prep.label_of[singular], False
        if low in prep.qualifiers or low in prep.tails or low == "#":
            labelled = True
    return labelled, ("reference" if labelled else None), False


def _digits(text: str) -> list[int]:
    """Return the offsets of every digit, sorted (ten str.find loops beat a regex scan of the whole text)."""
    found: list[int] = []
    for digit in "0123456789":
        at = text.find(digit)
        while at >= 0:
            found.append(at)
            at = text.find(digit, at + 1)
    found.sort()
    return found


def _numbers(text: str, prep: Prepared) -> Iterator[tuple[int, int, bool]]:
    """Yield (start, end, plain) of every code and plain number long enough to be a reference."""
    shortest = min(prep.options.min_length, prep.options.min_digits)
    covered = -1
    for at in _digits(text):
        if at < covered:
            continue
        start, end = at, at + 1
        while start > 0 and text[start - 1] in _CODE_CHARS:
            start -= 1
        while end < len(text) and text[end] in _CODE_CHARS:
            end += 1
        covered = end  # one token, one try: no second look inside 14/10/2024
        while start < at and text[start] in "-/":
            start += 1
        if end - start < shortest:
            continue  # most numbers in a reply: 5 days, 24 hours, £25
        if not text[start:end].replace("-", "").replace("/", "").isdigit():
            code = _CODE.match(text, start)
            if code is not None and code.end() > at:
                if len(_key(code.group())) >= prep.options.min_length:
                    yield code.start(), code.end(), False
                continue
        number = _PLAIN.match(text, at)
        if number is not None and number.end() - at >= prep.options.min_digits:
            yield at, number.end(), True


def _message_refs(complaint: str, prep: Prepared) -> list[Ref]:
    """Return the references in the customer's message: codes, and numbers a label calls references."""
    found = []
    for start, end, plain in _numbers(complaint, prep):
        labelled, kind, ignored = _label(complaint, start, prep)
        value = complaint[start:end]
        if ignored or (not labelled and (plain or _digit_count(value) < prep.options.min_digits)):
            continue  # an unlabelled code with few digits is more likely a product or plan: XLF-200
        found.append(Ref(value, value if plain else _key(value), plain, kind, MESSAGE))
    return found


def _record_refs(doc: Document, prep: Prepared) -> list[Ref]:
    """Return the references in the record: the fields named like one (order, account, booking_ref...)."""
    customer = doc.draft.customer
    if customer is None:
        return []
    found = []
    for key, value in customer.fields.items():
        words = [names.normalise(w) for w in _FIELD_WORDS.findall(key)]
        if any(w in prep.ignore for w in words):
            continue
        kind = next((prep.label_of[w] for w in words if w in prep.label_of), None)
        if kind is None and any(w in prep.qualifiers for w in words):
            kind = "reference"
        if kind is None:
            continue  # a product, plan or flight field is not a reference to check
        value = value.strip()
        if masked := _MASKED.fullmatch(value):
            found.append(Ref(value, masked.group(1), True, kind, RECORD))
        elif _CODE.fullmatch(value) and len(_key(value)) >= prep.options.min_length:
            found.append(Ref(value, _key(value), False, kind, RECORD))
        elif _NUMBER.fullmatch(value) and len(value) >= prep.options.min_digits:
            found.append(Ref(value, value, True, kind, RECORD))
    return found


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _close(written: str, known: str, prep: Prepared) -> int | None:
    """Return the edit distance when written looks like a mistyping of known, else None."""
    distance = OSA.distance(written, known)
    if distance <= prep.options.max_edits:
        return distance
    if prep.options.transpositions and len(written) == len(known) and sorted(written) == sorted(known):
        if sum(a != b for a, b in zip(written, known)) == 2:
            return distance
    return None


def _references(doc: Document, rule: Rule, prep: Prepared) -> Iterator[Finding]:
    known = _record_refs(doc, prep)
    if doc.draft.complaint:
        known.extend(_message_refs(doc.draft.complaint, prep))
    if not known:
        return
    known_keys = {k.key for k in known}
    text = doc.text
    for start, end, plain in _numbers(text, prep):
        key = text[start:end] if plain else _key(text[start:end])
        if key in known_keys:
            continue
        if plain:
            same = [k for k in known if k.plain and len(k.key) == len(key)]
        else:
            same = [k for k in known if not k.plain and _prefix(k.key) == _prefix(key)]
        if not same:
            continue
        # Only now, for the rare number that resembles a known one, read its label.
        labelled, kind, ignored = _label(text, start, prep)
        if ignored or (plain and not labelled):
            continue
        right = _right_ref(text, start, key, kind, same, prep)
        if right is None:
            continue
        sources = [s for s in (MESSAGE, RECORD) if any(k.key == right.key and k.source == s for k in known)]
        yield _finding(
            rule, Span(start, end), doc.draft.reply[start:end], right.key if right.plain else right.text,
            label=right.kind or kind or "reference", source=" and ".join(sources),
        )  # fmt: skip


def _right_ref(
    text: str, start: int, key: str, kind: str | None, same: list[Ref], prep: Prepared
) -> Ref | None:
    """Return the known reference this number should have been, or None when it may be a different one."""
    near = [(d, k) for k in same if (d := _close(key, k.key, prep)) is not None]
    if _is_new(text, start, prep):
        # A new number may be one off the old one; two characters swapped is still a typo.
        near = [(d, k) for d, k in near if sorted(key) == sorted(k.key)]
        if not near:
            return None
    if near:
        return min(near, key=lambda pair: pair[0])[1]
    if kind in (None, "reference"):
        return None
    # A different number labelled like the only one of its kind and shape ("order A-20987" for order A-10452).
    shape = key.translate(_SHAPE)
    candidates = {k.key: k for k in same if k.kind == kind and k.key.translate(_SHAPE) == shape}
    return next(iter(candidates.values())) if len(candidates) == 1 else None


def _is_new(text: str, start: int, prep: Prepared) -> bool:
    """Return whether the sentence calls the number new ("your replacement order A-20987")."""
    sentence = _SENTENCE_END.split(text[max(0, start - 120) : start])[-1]
    return any(names.normalise(w) in prep.new for w in _LABEL_WORDS.findall(sentence))
