"""name: the name the reply greets or addresses the customer by, against the name on record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from .. import names
from ..addressing import GreetingOptions, Mention, addressing
from ..conditions import When
from ..model import Finding, Span
from ..names import Match, NameRecord, Table, Verdict
from ..record import address_words, customer_name, memo, record_finding, recorded_word

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

# fmt: off
THIRD_PARTY = (
    "colleague", "courier", "driver", "manager", "agent", "engineer", "technician", "supervisor",
    "advisor", "adviser", "representative", "specialist", "partner", "husband", "wife", "son", "daughter",
    "pilot", "captain", "doctor", "nurse", "optometrist", "host", "guide", "rep",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class Options(GreetingOptions):
    third_party: tuple[str, ...] = THIRD_PARTY  # "our courier, Jon.": a name after these is someone else
    min_similarity: float = 0.75  # OSA similarity (0-1) above which a different word is a misspelling
    surname_similarity: float = 0.5  # the same for a surname after the right first name ("Valentina Rizzi")
    transliterations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # accepted: ü -> ue
    short_forms: bool = True  # the start of a name (Chris for Christopher) is not a finding
    signed_names: bool = True  # accept the name words the customer signed their message with
    nickname_fields: tuple[str, ...] = ("nickname", "preferred_name", "known_as")
    when: When = field(default_factory=When)


def phrase_lists(rule: Rule) -> Iterator:
    """Yield nothing: the names the reply addresses are found by regex in its lines."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield a finding for each name the reply addresses the customer by that misspells or mistakes theirs."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    record = _record(doc, options)
    if record is None:
        return
    finder = addressing(options, options.third_party)
    addressed = memo(doc, ("mentions", finder), lambda: finder.mentions(doc.text))
    if not addressed:
        return
    if all(_exact(record, w.text) for m in addressed for w in m.words):
        return  # most replies: every name is written as recorded, and nothing below could flag one
    table = names.table_of(options.transliterations)
    verdicts = [[_verdict(record, w.text, table, options) for w in m.words] for m in addressed]
    if all(v.match.ok for judged in verdicts for v in judged):
        return  # every name is right, if not as recorded: nothing below could flag one
    # Only now read the customer's signature: a nickname they signed with is their name too.
    record = _record(doc, options, signed=True)
    verdicts = [[_verdict(record, w.text, table, options) for w in m.words] for m in addressed]
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
                if not wrong_name:
                    continue
                if names.plain(word.text) in address_words(doc, options.address_fields, record):
                    continue  # a word of the address is the swapped kind's to report
                expected = recorded_word(record, mention, index)
            else:
                expected = verdict.expected or record.parts[0]
            flagged.append((index, expected))
        yield from _findings(doc, rule, record, mention, flagged)


def _record(doc: Document, options: Options, signed: bool = False) -> NameRecord | None:
    """Return the name on record (None without one); with `signed`, also the names the customer signed."""
    sign_offs = options.sign_offs if signed and options.signed_names else None
    return customer_name(doc, options.titles, options.nickname_fields, sign_offs)


_EXACT = Verdict(Match.EXACT, None)


def _exact(record: NameRecord, written: str) -> bool:
    """Is the word a part of the recorded name or a name the customer goes by, exactly as written?"""
    return written in record.parts or written in record.accepted


def _verdict(record: NameRecord, written: str, table: Table, options: Options) -> Verdict:
    """Return how a written word relates to the record; exact names skip fuzzy matching."""
    if _exact(record, written):
        return _EXACT
    verdict = record.verdict(written, table, options.min_similarity, options.short_forms)
    if verdict.match == Match.DIFFERENT and "-" in written:
        # "Jose-Luis" for José Luis: judge each half, and suggest the halves as recorded.
        halves = [
            record.verdict(h, table, options.min_similarity, options.short_forms) for h in written.split("-")
        ]
        if all(h.match != Match.DIFFERENT for h in halves):
            worst = max(h.match for h in halves)
            expected = "-".join(h.expected or w for h, w in zip(halves, written.split("-")))
            return Verdict(worst if worst > Match.SHORT_FORM else Match.EXACT, expected)
    return verdict


def _surname(
    mention: Mention, judged: list[Verdict], record: NameRecord, options: Options
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


def _findings(
    doc: Document, rule: Rule, record: NameRecord, mention: Mention, flagged: list[tuple[int, str]]
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
            span = Span(first.start, last.end)
            yield record_finding(rule, span, written, expected, record=record.full)
        run = [item] if item is not None else []
