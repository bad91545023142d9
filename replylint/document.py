"""Document: a Draft parsed once (tokens, lemmas, sentences, phrase hits); offset -> line and column."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import nlp, prefilter, templates
from .model import Draft, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Same length in and out, so regex offsets stay offsets into the reply.
_FOLD = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))


def fold(text: str) -> str:
    """Return text with typographic quotes and no-break spaces as ASCII, character for character."""
    for curly, plain in _FOLD:
        text = text.replace(curly, plain)  # str.replace scans in C; str.translate looks up every character
    return text


@dataclass(frozen=True, slots=True)
class Document:
    """Everything a check may read about one draft; checks never parse again."""

    draft: Draft
    reply: Doc
    complaint: Doc | None
    text: str  # the reply with typographic quotes folded to ASCII: what regexes run on
    sentences: tuple[Span, ...]
    hits: Mapping[str, tuple[Span, ...]]  # phrase-list key -> spans in the reply
    complaint_hits: Mapping[str, tuple[Span, ...]]  # phrase-list key -> spans in the complaint
    problems: int  # problems the customer's message reports: 0 when it is no complaint
    placeholders: tuple[templates.Placeholder, ...]  # masked in `text`: template mode only

    sentence_starts: tuple[int, ...]  # start of each sentence, for bisecting
    lowered: prefilter.Lowered | None  # `text` in lowercase for regex prefilters (None: search without them)

    @property
    def is_complaint(self) -> bool:
        """Does the customer's message report something that went wrong?"""
        return self.problems > 0

    def sentence_at(self, offset: int) -> Span:
        """Return the sentence that contains offset."""
        index = max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)
        return self.sentences[index] if self.sentences else Span(0, len(self.text))

    def masked(self, start: int, end: int) -> bool:
        """Return whether start:end overlaps a masked placeholder (a template's {{ first_name }}...)."""
        return any(p.span.start < end and start < p.span.end for p in self.placeholders)


class Parser:
    """Parses drafts with the shared pipeline and looks up every rule's phrases in one pass."""

    def __init__(
        self,
        reply_index: nlp.PhraseIndex,
        complaint_index: nlp.PhraseIndex,
        classify: Callable[[Doc, Mapping[str, tuple[Span, ...]], str], int],
    ):
        self.reply_index = reply_index
        self.complaint_index = complaint_index
        self.classify = classify

    def parse(self, draft: Draft) -> Document:
        """Parse one draft."""
        return next(self.parse_many([draft]))

    def parse_many(self, drafts: Iterable[Draft]) -> Iterator[Document]:
        """Parse drafts lazily in batches: reply and complaint of each go through nlp.pipe together."""

        # The text travels with its Doc: Doc.text would join every token again.
        def texts() -> Iterator[tuple[str, tuple[Draft, tuple, str]]]:
            for draft in drafts:
                text, placeholders = templates.mask(draft.reply) if draft.template else (draft.reply, ())
                yield text, (draft, placeholders, text)
                yield draft.complaint or "", (draft, (), draft.complaint or "")

        parsed = nlp.pipeline().pipe(texts(), as_tuples=True, batch_size=256)
        for reply, (draft, placeholders, text) in parsed:
            complaint, _ = next(parsed)
            yield self._document(draft, reply, complaint if draft.complaint is not None else None, placeholders, text)

    def _document(
        self, draft: Draft, reply: Doc, complaint: Doc | None, placeholders: tuple, text: str
    ) -> Document:
        complaint_hits = self.complaint_index.find(complaint) if complaint is not None else {}
        sentences = tuple(map(Span._make, nlp.sentence_bounds(reply)))
        folded = fold(text)
        return Document(
            draft=draft,
            reply=reply,
            complaint=complaint,
            text=folded,
            lowered=prefilter.lowered(folded),
            sentences=sentences,
            sentence_starts=tuple(s.start for s in sentences),
            hits=self.reply_index.find(reply),
            complaint_hits=complaint_hits,
            problems=self.classify(complaint, complaint_hits, draft.complaint) if complaint is not None else 0,
            placeholders=placeholders,
        )


