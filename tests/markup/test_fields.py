"""YAML and JSON fields: scalar styles, dotted paths, markup inside fields, errors, osTicket templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from replylint.errors import InputError
from replylint.markup import compose
from replylint.markup.comments import Comment, comments
from replylint.markup.fields import Field, extract_fields, read_fields
from replylint.sourcemap import Builder, SourceMap

# Real-world templates from another project: read in place from ../shared, never copied into the repo.
OSTICKET = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "osticket"
needs_osticket = pytest.mark.skipif(
    not OSTICKET.is_dir(), reason=f"osTicket templates not found at {OSTICKET} (../shared/realworld)"
)
PLACEHOLDER = re.compile(r"%\{[^{}]+\}")

YAML = r"""# a case
subject: Your refund
ticket:
  body: |
    Hi Jane,
      indented line

    Thanks, Sam
  folded: >
    One long
    sentence.

    New paragraph.
  plain: first line
    second line
double: "caf\u00e9 \"quoted\"\tand\nnext"
single: 'it''s
  here'
number: 42
empty:
list: [a, b]
"""


def field(text: str, name: str, path: str = "case.yaml", markup: str | None = None) -> Field:
    """Return the one named field of text."""
    (found,) = extract_fields(text, path, [name], markup)
    return found


@pytest.mark.parametrize(
    "name, text, line",
    [
        ("subject", "Your refund", 2),
        ("ticket.body", "Hi Jane,\n  indented line\n\nThanks, Sam\n", 4),
        ("ticket.folded", "One long sentence.\nNew paragraph.\n", 9),
        ("ticket.plain", "first line second line", 14),
        ("double", 'café "quoted"\tand\nnext', 16),
        ("single", "it's here", 17),
        ("number", "42", 19),
    ],
)
def test_yaml_scalar_styles(name, text, line, words_map):
    """Block, folded, plain, double- and single-quoted scalars give their value; words map to the file."""
    found = field(YAML, name)
    assert (found.name, found.text, found.line) == (name, text, line)
    words_map(found.text, found.origin)


def test_yaml_block_scalar_lines_and_columns(where):
    """Each line of a block scalar maps to its own file line, after the indentation."""
    found = field(YAML, "ticket.body")
    assert where(found.text, found.origin, "Hi Jane") == (5, 5)
    assert where(found.text, found.origin, "indented") == (6, 7)
    assert where(found.text, found.origin, "Thanks") == (8, 5)


def test_yaml_folded_and_multiline_scalars_keep_lines(where):
    """Folded and plain multi-line scalars join lines with spaces but map each word to its line."""
    folded, plain = extract_fields(YAML, "case.yaml", ["ticket.folded", "ticket.plain"], None)
    assert where(folded.text, folded.origin, "sentence") == (11, 5)
    assert where(folded.text, folded.origin, "New") == (13, 5)
    assert where(plain.text, plain.origin, "second") == (15, 5)


def test_yaml_escapes_keep_the_line(where):
    """An escape maps to where it starts; text after it is exact again."""
    double, single = extract_fields(YAML, "case.yaml", ["double", "single"], None)
    assert double.origin.position(double.text.index("é")) == (16, 13)
    assert where(double.text, double.origin, "quoted") == (16, 22)
    assert where(double.text, double.origin, "next") == (16, 37)
    assert where(single.text, single.origin, "here") == (18, 3)


def test_missing_and_empty_fields_are_skipped():
    """A missing key, an empty value and a path through a non-mapping are left out."""
    found = extract_fields(YAML, "case.yaml", ["nope", "empty", "subject.deeper", "ticket.nope", "subject"])
    assert [f.name for f in found] == ["subject"]


def test_non_text_field_is_an_error():
    """Asking for a list or mapping as text names the file and line."""
    with pytest.raises(InputError, match="field 'list' must be text") as caught:
        extract_fields(YAML, "case.yaml", ["list"])
    assert (caught.value.path, caught.value.line) == ("case.yaml", 21)


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: 1\nb: c: d\n", 2),
        ("a: 1\n\tb: 2\n", 2),
        ("a: 'open\n", 2),
        ("a: 1\na: 2\n", 2),
        ("--- 1\n--- 2\n", 2),
    ],
)
def test_invalid_yaml_is_an_input_error(text, line):
    """Syntax errors, duplicate keys and several documents raise InputError with path and line."""
    with pytest.raises(InputError) as caught:
        extract_fields(text, "bad.yaml", ["a"])
    assert (caught.value.path, caught.value.line) == ("bad.yaml", line)


def test_literal_key_with_a_dot_wins_over_a_path():
    """A key spelled "ticket.body" is read before the nested ticket: body."""
    found = field('"ticket.body": literal\nticket:\n  body: nested\n', "ticket.body")
    assert found.text == "literal"


def test_html_field_maps_through_both_layers(where):
    """With markup="html" the field's text is extracted and still maps to the file's line and column."""
    text = "body: |\n  <p>Dear <b>%{recipient.name}</b>,</p>\n  <p>Your &amp; our\n     order.</p>\n"
    found = field(text, "body", markup="html")
    assert found.text == "Dear %{recipient.name},\n\nYour & our order."
    assert where(found.text, found.origin, "%{recipient.name}") == (2, 14)
    assert where(found.text, found.origin, "order") == (4, 6)
    assert text.startswith("&amp;", found.origin.file_offset(found.text.index("&")))


def test_directive_comments_in_a_field_have_file_lines():
    """comments() on the whole YAML file gives the file lines of a comment inside an HTML field."""
    text = "subject: Hi\nbody: |\n  <p>Dear customer,</p>\n  <!-- replylint: disable\n    dear-customer -->\n"
    assert comments(text) == [Comment("replylint: disable\n    dear-customer", 4, 5)]
    assert field(text, "body", markup="html").text == "Dear customer,"


def test_markdown_field():
    """With markup="markdown" the field's markers are dropped."""
    found = field("body: |\n  # Hi *Jane*\n  - thanks\n", "body", markup="markdown")
    assert found.text == "Hi Jane\nthanks\n"
    assert found.origin.position(found.text.index("Jane")) == (2, 9)


JSON = """{
  "id": 7,
  "ticket": {"subject": "Re: refund",
             "body": "Dear Jane,\\n\\nYour caf\\u00e9 \\"refund\\" is <b>here</b>.\\ud83d\\ude00 ok"},
  "items": [{"x": 1}, "second"],
  "none": null
}"""


def test_json_fields_with_exact_columns(where):
    """JSON strings map column-exact, escapes included; missing, null and non-object paths are skipped."""
    body, second = extract_fields(JSON, "case.json", ["ticket.body", "items.1", "none", "missing", "id.x"])
    assert body.text == 'Dear Jane,\n\nYour café "refund" is <b>here</b>.😀 ok'
    assert body.line == 4
    assert where(body.text, body.origin, "Jane") == (4, 28)
    assert body.origin.position(body.text.index("é")) == (4, 45)
    assert where(body.text, body.origin, "refund") == (4, 54)
    assert body.origin.position(body.text.index("😀")) == (4, 78)
    assert where(body.text, body.origin, "ok") == (4, 91)
    assert (second.text, second.line) == ("second", 5)


def test_json_duplicate_keys_last_wins():
    """Of duplicate keys the last one counts, as in json.loads."""
    found = field('{"a": "first",\n "a": "last"}', "a", "case.json")
    assert (found.text, found.line) == ("last", 2)


def test_json_html_field(where):
    """A JSON string holding HTML is extracted and maps to the file."""
    found = field(JSON, "ticket.body", "case.json", markup="html")
    assert found.text == 'Dear Jane, Your café "refund" is here.😀 ok'
    assert where(found.text, found.origin, "here") == (4, 69)


@pytest.mark.parametrize(
    "text, message, line",
    [
        ('{"a": 1,\n "b": }', "invalid JSON", 2),
        ('{"a": 1}', "field 'a' must be text", 1),
        ('{\n"b": 2,\n"a": ["x"]}', "field 'a' must be text", 3),
    ],
)
def test_json_errors(text, message, line):
    """Invalid JSON and non-text fields raise InputError with the line."""
    with pytest.raises(InputError, match=message) as caught:
        extract_fields(text, "bad.json", ["a"])
    assert caught.value.line == line


def test_read_fields_rejects_bytes_that_are_not_utf8():
    """Undecodable bytes are an InputError naming line and column, not a traceback."""
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_fields(b"subject: ok\nbody: caf\xe9\n", "latin.yaml", ["body"])
    assert (caught.value.path, caught.value.line) == ("latin.yaml", 2)


def test_read_fields_reads_crlf_and_bom():
    """A BOM and CRLF line ends are decoded away and lines still count right."""
    (found,) = read_fields(b"\xef\xbb\xbfsubject: a\r\nbody: |\r\n  Hello\r\n", "win.yaml", ["body"])
    assert (found.text, found.origin.position(0)) == ("Hello\n", (3, 3))


def test_compose_follows_both_maps():
    """compose() maps text through an inner map and an outer one, splitting where either changes."""
    outer_builder = Builder("xxABCyyDEF")
    outer_builder.copy(2, 5)
    outer_builder.copy(7, 10)
    middle, outer = outer_builder.build()  # "ABCDEF"
    inner = SourceMap(middle, ((0, 1),))  # text "BCDEF" starts at middle offset 1
    composed = compose(inner, outer)
    assert [composed.file_offset(i) for i in range(5)] == [3, 4, 7, 8, 9]


@needs_osticket
@pytest.mark.parametrize("path", sorted(OSTICKET.glob("*.yaml")), ids=lambda p: p.name)
def test_osticket_templates_map_back(path, words_map):
    """Every word and placeholder of each osTicket subject and body maps to itself in the file."""
    source = path.read_text(encoding="utf-8")
    names = ["subject", "body"] if path.name != "premade.yaml" else ["0.response", "1.response"]
    fields = extract_fields(source, path, names, "html")
    assert [f.name for f in fields] == names
    raw = yaml.safe_load(source)
    for found in fields:
        words_map(found.text, found.origin)
        for match in PLACEHOLDER.finditer(found.text):
            assert source.startswith(match.group(), found.origin.file_offset(match.start()))
        value = raw[0 if "0" in found.name else 1]["response"] if isinstance(raw, list) else raw[found.name]
        shown = re.sub(r"<[^>]*>", " ", value)  # placeholders in attributes (href) are not text
        assert PLACEHOLDER.findall(found.text) == PLACEHOLDER.findall(shown)
        assert "<" not in found.text.replace("&lt;", "") or "&lt;" in value


@needs_osticket
def test_osticket_reply_lines(where):
    """ticket.reply.yaml: subject and body words land on their own lines and columns."""
    path = OSTICKET / "ticket.reply.yaml"
    subject, body = extract_fields(path.read_text(encoding="utf-8"), path, ["subject", "body"], "html")
    assert subject.text == "Re: %{ticket.subject} [#%{ticket.number}]"
    assert (subject.line, body.line) == (12, 14)
    assert where(subject.text, subject.origin, "Re:") == (13, 5)
    assert where(subject.text, subject.origin, "%{ticket.number}") == (13, 29)
    assert body.text.startswith("Dear %{recipient.name.first},\n\n%{response}\n\nYour %{company.name} Team,")
    assert where(body.text, body.origin, "%{recipient.name.first}") == (15, 22)
    assert where(body.text, body.origin, "%{response}") == (16, 5)
    assert where(body.text, body.origin, "Team") == (20, 26)
    assert where(body.text, body.origin, "We hope") == (25, 10)
    assert where(body.text, body.origin, "to your account") == (28, 5)


@needs_osticket
def test_osticket_canned_response_in_a_list(where):
    """premade.yaml is a list: "1.response" reads the second canned response."""
    path = OSTICKET / "premade.yaml"
    (found,) = extract_fields(path.read_text(encoding="utf-8"), path, ["1.response"], "html")
    assert found.text.startswith("Hi %{ticket.name.first},\n\nYour ticket #%{ticket.number}")
    assert where(found.text, found.origin, "department") == (26, 25)


def test_star_takes_every_item_of_a_list(tmp_path):
    """`*.response` reads the response of every item of a top-level list, each at its own line."""
    text = "- title: A\n  response: |\n    First answer.\n- title: B\n  response: Second answer.\n"
    found = extract_fields(text, tmp_path / "premade.yaml", ["*.response"])
    assert [(f.name, f.text.strip(), f.line) for f in found] == [
        ("0.response", "First answer.", 2),
        ("1.response", "Second answer.", 5),
    ]
