""".eml files: the reply a customer will read, their name from To:, and the message it quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.errors import HeaderParseError
from email.message import EmailMessage
from pathlib import Path

from ..errors import InputError
from ..sourcemap import Builder, SourceMap
from . import compose, html

# Bodies in these encodings are the file's own bytes, so the reply can be mapped to the file's lines.
_RAW_ENCODINGS = {"7bit", "8bit", "binary"}
_WROTE = r"(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|schreef)\s?:"
# Where the quoted message starts: an attribution or a separator line. Everything from there on is quoted.
# Case matters for the first: "on the form you wrote:" in a reply is not an attribution.
_ATTRIBUTION = re.compile(
    rf"^(?:On|Le|Am|El|Il|Op)\b.{{0,300}}{_WROTE}\s*$"
    r"|^-{2,}\s*(?i:Original Message|Forwarded message)\s*-{2,}\s*$"
    r"|^_{10,}\s*$"
    r"|^Begin forwarded message:\s*$"
)
# The header block Outlook puts at the top of the quoted message: not the customer's words.
_QUOTED_HEADER = re.compile(r"^(?:From|Sent|Date|To|Cc|Subject)\s*:", re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+")


@dataclass(frozen=True, slots=True)
class Email:
    """A reply read from an .eml file.

    `origin` maps the reply into the file when the body is stored as is (7bit, 8bit); it is None when
    the body is transfer-encoded (base64, quoted-printable), whose decoded text has no place in the file.
    """

    reply: str
    origin: SourceMap | None
    customer_name: str | None  # the display name of the first To: address
    complaint: str | None  # the quoted message, without ">" markers and attribution


def read_eml(data: bytes, path: str | Path) -> Email:
    """Read an .eml file; a file that is not an email or whose body cannot be decoded raises InputError."""
    message = message_from_bytes(data, policy=policy.default)
    if not message.keys():
        raise InputError("not an email: it has no headers", path, 1)
    part = message.get_body(preferencelist=("plain",)) or message.get_body(preferencelist=("html",))
    if not isinstance(part, EmailMessage):
        raise InputError("the email has no text/plain or text/html body", path)
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise InputError("the email has no text/plain or text/html body", path)
    raw = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower() in _RAW_ENCODINGS
    body_at = _body_offset(data, payload) if raw and payload else -1
    charset = part.get_content_charset() or "utf-8"
    if charset in {"us-ascii", "ascii"}:
        charset = "utf-8"  # ASCII is UTF-8, and 8-bit text labelled ASCII mostly is UTF-8 too
    try:
        body = payload.decode(charset).replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, body_at + exc.start) + 1 if body_at >= 0 else None
        message_text = f"body is not valid {charset}: byte 0x{payload[exc.start]:02x}"
        raise InputError(message_text, path, line) from None
    except (LookupError, ValueError):  # ValueError: a charset name with a NUL in it
        raise InputError(f"unknown charset {charset!r}", path) from None

    file_text, start, mapped = body, 0, False
    if body_at >= 0:
        # Offsets into the whole file as text, with the same CRLF -> LF as the body.
        whole = data.decode(charset, errors="replace").replace("\r\n", "\n")
        before = len(data[:body_at].decode(charset, errors="replace").replace("\r\n", "\n"))
        if whole.startswith(body, before):
            file_text, start, mapped = whole, before, True
    if part.get_content_subtype() == "html":
        text, text_map = html.extract(file_text, start, start + len(body))
    else:
        builder = Builder(file_text)
        builder.copy(start, start + len(body))
        text, text_map = builder.build()
    reply, reply_map, complaint = split_quoted(text)
    origin = compose(reply_map, text_map) if mapped else None
    return Email(reply, origin, customer_name(message), complaint)


def _body_offset(data: bytes, payload: bytes) -> int:
    """Return where a stored-as-is body starts in the file: right after the blank line ending its headers."""
    found = [(at, len(blank)) for blank in (b"\n\n", b"\n\r\n") if (at := data.find(blank + payload)) >= 0]
    return min(found)[0] + min(found)[1] if found else -1


def customer_name(message: EmailMessage) -> str | None:
    """Return the display name of the first To: address ("Doe, Jane" read as "Jane Doe"), or None."""
    try:
        header = message["To"]
        addresses = getattr(header, "addresses", ()) if header is not None else ()
    except (AttributeError, IndexError, TypeError, ValueError, HeaderParseError):
        return None  # the stdlib's address parser still trips over some malformed headers
    name = addresses[0].display_name.strip().strip("\"'").strip() if addresses else ""
    # A raw UTF-8 header (RFC 6532) comes back as surrogate escapes of its bytes.
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if not name or "@" in name:
        return None
    last, comma, first = name.partition(",")
    if comma and "," not in first and " " not in last.strip() and first.strip():
        return f"{first.strip()} {last.strip()}"
    return name


def split_quoted(text: str) -> tuple[str, SourceMap, str | None]:
    """Split a body into the reply (with its map into text) and the quoted message it answers."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    cut, width = next(((i, w) for i in range(len(lines)) if (w := _attribution(lines, i))), (len(lines), 0))
    reply, reply_map = _reply(text, lines[:cut], starts)
    # Lines quoted in between the reply's own ("> you said...") are the customer's words too.
    quoted = [_QUOTE_MARKS.sub("", line) for line in lines[:cut] if _QUOTE_MARKS.match(line)]
    quoted.extend(_quoted_message(lines[cut + width :]))
    complaint = "\n".join(quoted).strip()
    return reply, reply_map, complaint or None


def _reply(text: str, lines: list[str], starts: list[int]) -> tuple[str, SourceMap]:
    """Return the unquoted lines, without the blank lines that end them, and their map into text."""
    kept = [index for index, line in enumerate(lines) if not _QUOTE_MARKS.match(line)]
    while kept and not lines[kept[-1]].strip():
        kept.pop()
    builder = Builder(text)
    for position, index in enumerate(kept):
        end = starts[index] + len(lines[index])
        if position < len(kept) - 1:
            end += 1  # the line's own newline
        builder.copy(starts[index], end)
    return builder.build()


def _quoted_message(lines: list[str]) -> list[str]:
    """Return the lines of the quoted message, up to the older message it quotes in turn."""
    unquoted = [_QUOTE_MARKS.sub("", line) for line in lines]
    at = 0
    while at < len(unquoted) and (_QUOTED_HEADER.match(unquoted[at]) or not unquoted[at].strip()):
        at += 1  # Outlook's From:/Sent:/To:/Subject: block
    end = next((i for i in range(at, len(unquoted)) if _attribution(unquoted, i)), len(unquoted))
    return unquoted[at:end]


def _attribution(lines: list[str], index: int) -> int:
    """Return how many lines the attribution or separator at lines[index] takes (0: none there)."""
    line = lines[index].strip()
    if _ATTRIBUTION.match(line):
        return 1
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    # Mail clients wrap a long "On ..., Jane Doe <jane@x.com> wrote:" onto a second line.
    if following and re.match(r"(?:On|Le|Am|El|Il|Op)\b", line) and _ATTRIBUTION.match(f"{line} {following}"):
        return 2
    # Outlook without a separator: "From: ..." followed by "Sent: ..." or "Date: ..."; the header block
    # is skipped with the rest of Outlook's headers.
    return 1 if re.match(r"From\s*:", line) and re.match(r"(?:Sent|Date)\s*:", following) else 0
