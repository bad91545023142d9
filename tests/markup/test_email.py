""".eml reading: reply, quoted complaint, customer name from To:, line mapping, and unreadable mail."""

from __future__ import annotations

import base64
from email import message_from_bytes, policy

import pytest

from replylint.errors import InputError
from replylint.markup.email import customer_name, read_eml, split_quoted

HEADERS = "From: Sam <sam@shop.example>\nTo: {to}\nSubject: Re: refund\nMIME-Version: 1.0\n"
PLAIN = "Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n{body}"
REPLY = """\
Hi Jane,

Your refund of €20 is on its way.
Thanks for waiting,
Sam

On Tue, 3 Mar 2026, Jane Doe <jane@x.example> wrote:
> I was charged twice for order 1234.
> Please fix it!
>
> > On Mon, 2 Mar 2026, Sam <sam@shop.example> wrote:
> > Thanks for your order.
"""


def mail(body: str = REPLY, to: str = '"Jane Doe" <jane@x.example>', charset: str = "utf-8",
         encoding: str = "8bit", newline: str = "\n") -> bytes:
    """Return a single-part text/plain email as bytes."""
    text = HEADERS.format(to=to) + PLAIN.format(charset=charset, encoding=encoding, body=body)
    return text.replace("\n", newline).encode(charset)


def test_reply_complaint_and_name():
    """The reply stops at the attribution; the quoted message, unmarked, is the complaint."""
    email = read_eml(mail(), "reply.eml")
    assert email.reply == "Hi Jane,\n\nYour refund of €20 is on its way.\nThanks for waiting,\nSam"
    assert email.complaint == "I was charged twice for order 1234.\nPlease fix it!"
    assert email.customer_name == "Jane Doe"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_reply_maps_to_file_lines(newline, where, words_map):
    """An 8bit body maps each reply word to its line and column in the file, CRLF or not."""
    email = read_eml(mail(newline=newline), "reply.eml")
    assert email.origin is not None
    words_map(email.reply, email.origin)
    assert where(email.reply, email.origin, "Hi Jane") == (8, 1)
    assert where(email.reply, email.origin, "€20 is") == (10, 16)
    assert where(email.reply, email.origin, "Sam") == (12, 1)


def test_non_utf8_charset_is_decoded_and_mapped(where):
    """A latin-1 8bit body is decoded with its charset and still maps to the file."""
    email = read_eml(mail("Hola José,\ngracias.\n", charset="latin-1"), "latin.eml")
    assert email.reply == "Hola José,\ngracias."
    assert where(email.reply, email.origin, "gracias") == (9, 1)


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable"])
def test_transfer_encoded_body_has_no_origin(encoding):
    """A base64 or quoted-printable body is decoded, but has no place in the file: origin is None."""
    body = "Hi Jane,\nYour café refund is here.\n\nOn Tue, Jane wrote:\n> Where is it?\n"
    if encoding == "base64":
        payload = base64.encodebytes(body.encode()).decode()
    else:
        payload = body.replace("é", "=C3=A9")
    email = read_eml(mail(payload, encoding=encoding), "encoded.eml")
    assert email.reply == "Hi Jane,\nYour café refund is here."
    assert email.complaint == "Where is it?"
    assert email.origin is None


def test_html_only_mail_is_extracted_and_mapped(where):
    """With no text/plain part the HTML part is read through the HTML extractor, mapped into the file."""
    data = (
        HEADERS.format(to="jane@x.example")
        + 'Content-Type: multipart/alternative; boundary="B"\n\n--B\n'
        + "Content-Type: text/html; charset=utf-8\n\n"
        + "<html><body><p>Hi&nbsp;Jane,</p>\n<p>Your refund <b>is</b> here.</p>\n"
        + "<div>On Tue, 3 Mar 2026, Jane wrote:</div><blockquote>Where is my refund?</blockquote>"
        + "</body></html>\n--B--\n"
    ).encode()
    email = read_eml(data, "html.eml")
    assert email.reply == "Hi Jane,\n\nYour refund is here."
    assert email.complaint == "Where is my refund?"
    assert email.customer_name is None
    assert where(email.reply, email.origin, "refund") == (11, 9)


def test_plain_part_is_preferred_over_html():
    """In multipart/alternative the text/plain part is the reply."""
    data = (
        HEADERS.format(to="jane@x.example")
        + 'Content-Type: multipart/alternative; boundary="B"\n\n--B\n'
        + "Content-Type: text/plain; charset=utf-8\n\nPlain text.\n--B\n"
        + "Content-Type: text/html; charset=utf-8\n\n<p>HTML text.</p>\n--B--\n"
    ).encode()
    email = read_eml(data, "alt.eml")
    assert email.reply == "Plain text."
    assert email.origin.position(0) == (10, 1)


@pytest.mark.parametrize(
    "quoted",
    [
        "-----Original Message-----\nFrom: Jane\nSent: Tuesday\nTo: Support\nSubject: refund\n\nWhere is it?",
        "________________________________\nFrom: Jane\nSent: Tuesday\n\nWhere is it?",
        "From: Jane Doe <jane@x.example>\nSent: Tuesday, 3 March 2026\nSubject: refund\n\nWhere is it?",
        "On Tue, 3 Mar 2026 at 10:00, Jane Doe <jane@x.example>\nwrote:\n> Where is it?",
        "Le mar. 3 mars 2026, Jane a écrit :\n> Where is it?",
    ],
)
def test_attribution_styles(quoted):
    """Outlook separators and header blocks, wrapped attributions and other languages start the quote."""
    reply, _, complaint = split_quoted(f"It is on its way.\n\n{quoted}\n")
    assert (reply, complaint) == ("It is on its way.", "Where is it?")


@pytest.mark.parametrize(
    "line", ["on the form you wrote:", "Once you wrote: thanks", "From: our warehouse, tomorrow.", "______"]
)
def test_reply_lines_that_only_look_like_attributions(line):
    """Lower-case "on ... wrote:", a From: line without Sent:, and a short rule do not start a quote."""
    text = f"Hi Jane,\n{line}\nThanks"
    assert split_quoted(text)[0::2] == (text, None)


def test_interleaved_quotes_are_complaint_not_reply(where):
    """"> " lines between reply lines leave the reply and join the complaint."""
    text = "Hi Jane,\n> Where is my order?\nIt ships today.\n> And the refund?\nDone.\n"
    reply, origin, complaint = split_quoted(text)
    assert reply == "Hi Jane,\nIt ships today.\nDone."
    assert complaint == "Where is my order?\nAnd the refund?"
    assert where(reply, origin, "Done") == (5, 1)


def test_no_quote_means_no_complaint():
    """A reply that quotes nothing has no complaint."""
    assert read_eml(mail("Just the reply.\n"), "a.eml").complaint is None


@pytest.mark.parametrize(
    "to, name",
    [
        ('"Jane Doe" <jane@x.example>', "Jane Doe"),
        ("=?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <jose@x.example>", "José Pérez"),
        ('"Doe, Jane" <jane@x.example>', "Jane Doe"),
        ('"Doe Smith, Jane, PhD" <jane@x.example>', "Doe Smith, Jane, PhD"),
        ("jane@x.example", None),
        ('"jane@x.example" <jane@x.example>', None),
        ("Jane <jane@x.example>, Bob <bob@x.example>", "Jane"),
        ("<<< garbage", None),
        ("undisclosed-recipients:;", None),
        ("Jane: <j@x.example>;;:", None),  # makes the stdlib's address parser raise AttributeError
    ],
)
def test_customer_name_from_to(to, name):
    """The first To: display name is the customer's name; "Last, First" is turned round."""
    assert read_eml(mail("Hi.\n", to=to), "a.eml").customer_name == name


def test_raw_utf8_header_name():
    """A raw UTF-8 To: header (RFC 6532) gives the name, not escaped bytes."""
    data = "To: José <jose@x.example>\nContent-Type: text/plain; charset=utf-8\n\nHi.\n".encode()
    assert read_eml(data, "a.eml").customer_name == "José"


def test_missing_to_gives_no_name():
    """No To: header means no customer name."""
    assert customer_name(message_from_bytes(b"Subject: x\n\nHi.\n", policy=policy.default)) is None


TO = b"To: a@b.example\n"


@pytest.mark.parametrize(
    "data, message, line",
    [
        (b"", "not an email", 1),
        (b"\x00\xff\xfe binary garbage\x01\x02", "not an email", 1),
        (TO + b"Content-Type: text/plain; charset=utf-8\n\nok\nbad \xff byte\n", "not valid utf-8", 5),
        (TO + b"Content-Type: text/plain; charset=klingon\n\nHi\n", "unknown charset 'klingon'", None),
        (TO + b"Content-Type: image/png\n\n\x89PNG", "no text/plain or text/html body", None),
        (
            TO + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            + base64.encodebytes(b"caf\xe9"),
            "not valid utf-8",
            None,
        ),
    ],
)
def test_unreadable_mail_is_an_input_error(data, message, line):
    """Empty or binary files, bad bytes for the charset and mail with no text raise InputError."""
    with pytest.raises(InputError, match=message) as caught:
        read_eml(data, "bad.eml")
    assert (caught.value.path, caught.value.line) == ("bad.eml", line)
