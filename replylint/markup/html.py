"""HTML -> the text a customer reads (tags, comments, scripts and styles gone; entities decoded)."""

from __future__ import annotations

import html
import re

from ..sourcemap import Builder, SourceMap

# Only real elements are stripped: "<OTRS_CUSTOMER_REALNAME>" or "<insert date>" is a placeholder the
# placeholder check must still see, not a tag to hide.
ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label",
    "legend", "li", "link", "main", "map", "mark", "menu", "meta", "meter", "nav", "noscript", "object",
    "ol", "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp", "rt",
    "ruby", "s", "samp", "script", "section", "select", "small", "source", "span", "strike", "strong",
    "style", "sub", "summary", "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot",
    "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr"
})
# Content never shown in the message body.
SKIPPED = frozenset({"head", "script", "style", "svg", "template", "title"})
# Elements that start a paragraph (a blank line before and after) or just a new line.
PARAGRAPHS = frozenset({
    "blockquote", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "table", "ul"
})
LINES = frozenset({
    "address", "article", "aside", "caption", "center", "dd", "details", "dialog", "div", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "li", "main", "nav",
    "section", "summary", "tr"
})
CELLS = frozenset({"td", "th"})

TOKEN = re.compile(
    r"""(?P<comment><!--.*?(?:-->|\Z))
    |(?P<declaration><![^>]*>|<\?[^>]*>)
    |(?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9:_.-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?/?>)
    |(?P<entity>&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[a-zA-Z][a-zA-Z0-9]{0,31});?)""",
    re.DOTALL | re.VERBOSE,
)
# HTML collapses these; a decoded &nbsp; is folded in too, so "<p>&nbsp;</p>" spacers vanish.
_SPACE = " \t\n\r\f\u00a0"
_WORDS = re.compile(rf"[{_SPACE}]+|[^{_SPACE}]+")


def is_element(name: str) -> bool:
    """Return whether a tag name is an HTML element (or an Office "o:p" or custom "x-y" one)."""
    return name.lower() in ELEMENTS or ":" in name or "-" in name


class _Writer:
    """Appends text the way a browser lays it out: collapsed spaces, lazy line and paragraph breaks."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.started = False  # nothing before the first word: no leading space or break
        self.space: int | None = None  # file offset of a pending collapsed space
        self.breaks = 0  # pending line breaks
        self.break_at = 0
        self.pre = 0  # depth of <pre>: whitespace kept as written
        self.kept: list[tuple[str, int]] = []  # whitespace inside <pre>, written before the next word

    def text(self, text: str, at: int, exact: bool = True) -> None:
        """Append text from the file at `at`; when not exact (a decoded entity) every character maps to at."""
        for match in _WORDS.finditer(text):
            offset = at + match.start() if exact else at
            if match.group()[0] not in _SPACE:
                self._flush()
                self.builder.emit(match.group(), offset)
                self.started = True
            elif self.pre and self.started:
                self.kept.append((match.group().replace("\u00a0", " "), offset))
            elif self.started and not self.breaks and self.space is None:
                self.space = offset

    def cell(self, at: int) -> None:
        """Separate table cells by a space, as a reader sees them side by side."""
        if self.started and not self.breaks and self.space is None:
            self.space = at

    def line_break(self, count: int, at: int, add: bool = False) -> None:
        """Ask for count line breaks before the next word; <br> adds up, block edges do not."""
        if not self.started:
            return
        if not self.breaks:
            self.break_at = at
        # At most one blank line: more says nothing about the prose and splits what a reader sees as one gap.
        self.breaks = min(self.breaks + count if add else max(self.breaks, count), 2)
        self.space = None

    def _flush(self) -> None:
        kept = self.kept
        if self.breaks:
            self.builder.emit("\n" * self.breaks, self.break_at)
            # The break already ends the line: of <pre> whitespace only the indentation after it shows.
            lines = [index for index, (text, _) in enumerate(kept) if "\n" in text]
            if lines:
                text, at = kept[lines[-1]]
                cut = text.rfind("\n") + 1
                kept = [(text[cut:], at + cut), *kept[lines[-1] + 1 :]]
        elif self.space is not None:
            self.builder.emit(" ", self.space)
        for text, at in kept:
            self.builder.emit(text, at)
        self.breaks, self.space, self.kept = 0, None, []


def extract(file_text: str, start: int = 0, end: int | None = None) -> tuple[str, SourceMap]:
    """Return the text of the HTML in file_text[start:end] and its map into file_text."""
    builder = Builder(file_text)
    extract_into(builder, start, len(file_text) if end is None else end)
    return builder.build()


def extract_into(builder: Builder, start: int, end: int) -> None:
    """Append the text of the HTML in builder.file_text[start:end] to builder."""
    source = builder.file_text
    writer = _Writer(builder)
    at = start
    while at < end:
        match = TOKEN.search(source, at, end)
        if match is None:
            writer.text(source[at:end], at)
            break
        writer.text(source[at : match.start()], at)
        at = match.end()
        if match["entity"]:
            decoded = html.unescape(match["entity"])
            writer.text(decoded, match.start(), exact=decoded == match["entity"])
        elif match["tag"]:
            if not is_element(match["name"]):
                writer.text(match["tag"], match.start())
                continue
            at = _tag(writer, match, source, end)


def _tag(writer: _Writer, match: re.Match, source: str, end: int) -> int:
    """Apply one tag to the writer and return where reading goes on."""
    name, closing = match["name"].lower(), match["tag"].startswith("</")
    if name in SKIPPED and not closing and not match["tag"].endswith("/>"):
        stop = r"</head\s*>|<body\b" if name == "head" else rf"</{name}\s*>"
        after = re.compile(stop, re.IGNORECASE).search(source, match.end(), end)
        if after:
            return after.end() if after.group().startswith("</") else after.start()
        # An unclosed script or style swallows the rest, as in a browser; an unclosed head does not.
        return end if name in {"script", "style"} else match.end()
    if name == "br":
        writer.line_break(1, match.start(), add=True)
    elif name in PARAGRAPHS:
        writer.line_break(2, match.start())
    elif name in LINES:
        writer.line_break(1, match.start())
    elif name in CELLS:
        writer.cell(match.start())
    if name == "pre":
        writer.pre = max(writer.pre + (-1 if closing else 1), 0)
    return match.end()
