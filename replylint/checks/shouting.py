"""shouting: report runs of ALL-CAPS words and of "!!"; not acronyms, codes, placeholders or a signature."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import regexes, templates
from ..conditions import When
from ..model import Finding, Span
from ..nlp import PhraseList

if TYPE_CHECKING:
    from ..document import Document
    from ..rule import Rule

_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x530)) if c.isupper())
# A caps word stands alone: "XJ-200", "B2B", "4G", "iPHONE" and "ERR_TIMEOUT" are codes, not words.
# The lookbehind comes after the first letter so that the regex engine can skip fast to capital letters.
_WORD = rf"[{_UPPER}](?<![\w-].)[{_UPPER}]*(?:'[{_UPPER}]+)?(?![\w-])"
_WORD_RE = re.compile(_WORD)
_RUN_RE = re.compile(rf"{_WORD}(?:(?:[ \t]*[,;][ \t]*|[ \t]+){_WORD})*")
_MARKS_RE = re.compile(r"[!?]{2,}")
_HEADING = re.compile(r"[ \t]*:")
# In a whitespace-delimited chunk: a scheme, an email, "www." or a domain ("ACME.COM", "x.io/RETURNS").
_URLISH = re.compile(r"://|@|(?<![^\s])www\.|\w\.[a-z]{2,6}(?:/|[.,;:!?)]*(?![^\s]))", re.IGNORECASE)
_QUOTES = "\"'`"


@dataclass(frozen=True, slots=True)
class Options:
    min_words: int = 2  # this many shouted words in a row are reported
    min_length: int = 5  # a caps word of this many letters is shouted, and reported even alone
    # ...if it is an English word at least this common (wordfreq Zipf scale): "NEVER" (5.9) shouts, a
    # brand or a code written in caps ("NVIDIA", 3.3; "APPDATA", 1.7) does not. 0: any word.
    min_zipf: float = 0.0
    min_exclamations: int = 2  # a run of ! and ? with this many "!" is reported; 0: never
    # Words a run of "!!" may follow as warmth, not a raised voice: "Congratulations!!", "Thank you!!".
    cheers: tuple[str, ...] = ()
    # Short words that count as shouted (DO, NOT, YOU); other caps words under min-length are acronyms.
    words: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # caps words that are never shouting, whatever their length (HTTPS, SWIFT)
    # Words after which caps name a code or a label as it is typed or shown: "use the code CAPTION",
    # "text STOP", "the status reads AWAITING STOCK".
    labels: tuple[str, ...] = ()
    sign_off: tuple[re.Pattern, ...] = ()  # a whole line that closes the reply; caps below it are a signature
    sign_off_lines: int = 4  # how many lines from the end a sign-off line may sit
    when: When = field(default_factory=When)


@dataclass(frozen=True, slots=True)
class _Lists:
    """What run() derives from the options, once per Options object."""

    words: frozenset[str]  # lowercase
    allow: frozenset[str]  # uppercase
    shortest: int  # a run of caps words shorter than this many characters cannot shout
    cheer: re.Pattern | None  # the cheers, as the end of the text before a run of "!!"
    label: re.Pattern | None  # the labels, as the end of the text before a run of caps


_derived: dict[int, tuple[Options, _Lists]] = {}


def _lists(options: Options) -> _Lists:
    """Return the derived lists, keyed on the options object: hashing 100 words on every call costs more."""
    hit = _derived.get(id(options))
    if hit is None or hit[0] is not options:
        if len(_derived) > 256:
            _derived.clear()
        shortest = min(options.min_length, 3 * max(options.min_words, 1) - 1)  # "NO NO" is 5 characters
        words = frozenset(w.lower() for w in options.words)
        cheers = regexes.alternation(options.cheers)
        # A cheer earlier in the same sentence: "Congratulations on 25 years!!"
        cheer = re.compile(rf"\b(?:{cheers})\b[^.!?\n]*$", re.IGNORECASE) if cheers else None
        labels = regexes.alternation(options.labels)
        label = re.compile(rf"\b(?:{labels})[ \t]*:?[ \t]*$", re.IGNORECASE) if labels else None
        lists = _Lists(words, frozenset(w.upper() for w in options.allow), shortest, cheer, label)
        hit = _derived[id(options)] = (options, lists)
    return hit[1]


def phrase_lists(rule: Rule) -> Iterator[PhraseList]:
    """Yield nothing: caps and exclamation marks are found by regex."""
    return iter(())


def run(doc: Document, rule: Rule) -> Iterator[Finding]:
    """Yield one finding per shouted run of caps words and per run of "!!"."""
    options: Options = rule.options
    if not options.when.holds(doc):
        return
    text = doc.text
    context = _Context(doc, options)
    findings: list[Span] = []
    lists = _lists(options)
    if options.min_exclamations > 0 and ("!!" in text or "?!" in text or "!?" in text):
        for match in _MARKS_RE.finditer(text):
            if match.group().count("!") < options.min_exclamations or context.in_placeholder(match.start()):
                continue
            if lists.cheer is not None and lists.cheer.search(text, max(0, match.start() - 80), match.start()):
                continue
            findings.append(Span(match.start(), match.end()))
    for match in _RUN_RE.finditer(text):
        if match.end() - match.start() < lists.shortest:  # "I", "SIM": most runs stop here
            continue
        words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text, match.start(), match.end())]
        if not _shouted(text, words, options, lists):
            continue
        if context.quoted(match.start(), match.end()) or match.start() >= context.signature_start:
            continue
        if lists.label is not None and lists.label.search(text, max(0, match.start() - 40), match.start()):
            continue
        if _HEADING.match(text, match.end()) and not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip():
            continue  # a line's heading, as templates open: "PLEASE NOTE: this message contains..."
        segment: list[tuple[int, int]] = []
        for word in [*words, None]:
            if word is not None and not context.excluded(*word):
                segment.append(word)
                continue
            if segment and _shouted(text, segment, options, lists):
                findings.append(Span(segment[0][0], segment[-1][1]))
            segment = []
    for span in sorted(findings, key=lambda s: s.start):
        yield rule.finding(span, doc.draft.reply[span.start : span.end])


def _shouted(text: str, words: list[tuple[int, int]], options: Options, lists: _Lists) -> bool:
    """Return whether consecutive caps words shout: enough shouted words, or one long one."""
    count = 0
    for start, end in words:
        word = text[start:end]
        letters = end - start - word.count("'")
        if letters < 2 or word in lists.allow:
            continue
        if letters >= options.min_length and _common(word, options.min_zipf):
            return True
        if word.lower() in lists.words:
            count += 1
    return count >= max(options.min_words, 1)


@functools.lru_cache(maxsize=4096)
def _common(word: str, min_zipf: float) -> bool:
    """Return whether a caps word is an English word at least min_zipf common."""
    if min_zipf <= 0:
        return True
    from wordfreq import zipf_frequency  # loaded only when a long caps word turns up

    return zipf_frequency(word.lower().replace("'", ""), "en") >= min_zipf


class _Context:
    """What rules a caps word out, computed only when a reply has something that looks like shouting."""

    def __init__(self, doc: Document, options: Options):
        self.doc = doc
        self.options = options

    @functools.cached_property
    def placeholders(self) -> tuple[Span, ...]:
        return tuple(p.span for p in templates.find_placeholders(self.doc.text))

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Words the customer's record holds (any case) or the customer wrote in caps: names and codes."""
        known: set[str] = set()
        customer = self.doc.draft.customer
        if customer is not None:
            for value in (customer.name or "", *customer.fields.values()):
                known.update(_WORD_RE.findall(value.upper()))
        if self.doc.draft.complaint:
            known.update(_WORD_RE.findall(self.doc.draft.complaint))
        return frozenset(known)

    @functools.cached_property
    def signature_start(self) -> int:
        """Return where the signature starts: after the last sign-off line near the end, else past the end."""
        text = self.doc.text
        end = len(text.rstrip())
        seen = 0
        while end > 0 and seen <= self.options.sign_off_lines:
            start = text.rfind("\n", 0, end) + 1
            line = text[start:end].strip()
            if line:
                seen += 1
                if any(regex.fullmatch(line) for regex in self.options.sign_off):
                    return end
            end = start - 1
        return len(text) + 1

    def in_placeholder(self, offset: int) -> bool:
        for span in self.placeholders:
            if span.start <= offset < span.end:
                return True
        return False

    def quoted(self, start: int, end: int) -> bool:
        """Return whether a run opens a quotation closed on its line: a label quoted as is ("RETURNED TRF-88"),
        or fills a bracket: an address or a name given as written ("our Freepost address (FREEPOST ACME)")."""
        text = self.doc.text
        if start > 0 and text[start - 1] == "(" and text.startswith(")", end):
            return True
        if start == 0 or text[start - 1] not in _QUOTES:
            return False
        line_end = text.find("\n", end)
        return text.find(text[start - 1], end, len(text) if line_end == -1 else line_end) != -1

    def excluded(self, start: int, end: int) -> bool:
        """Return whether a caps word is part of a placeholder, URL or email, or a known name or code."""
        text = self.doc.text
        if text[start:end] in self.known or self.in_placeholder(start):
            return True
        # The whitespace-delimited chunk around the word: a few steps, where rfind would scan the whole reply.
        left, right = start, end
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        while right < len(text) and not text[right].isspace():
            right += 1
        return (left < start or right > end) and _URLISH.search(text, left, right) is not None
