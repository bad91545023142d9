"""HTML extraction: readable text, entities, skipped content, line breaks, whitespace, and exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.markup import html
from replylint.markup.comments import Comment, comments

PAGE = """\
<html>
<head><title>Ticket 42</title>
<style>p { color: red; }</style></head>
<body>
<p>Hi <b>Jane</b>,</p>
<!-- internal: check the refund first -->
<p>Your   refund of
   <a href="https://shop.example/r?id=1&amp;x=2">&pound;20</a> is on its way.<br>
Thanks for waiting&hellip;</p>
<script>if (a < b) { alert("no"); }</script>
<div>Kind regards,<br>Sam</div>
</body>
</html>
"""


def test_text_reads_like_the_email():
    """Tags, head, style, script and comments go; paragraphs and <br> become line breaks."""
    text, _ = html.extract(PAGE)
    assert text.split("\n") == [
        "Hi Jane,",
        "",
        "Your refund of £20 is on its way.",
        "Thanks for waiting…",
        "",
        "Kind regards,",
        "Sam",
    ]


def test_words_map_to_their_line_and_column(where, words_map):
    """Every word lands on the same word in the file, across collapsed spaces and dropped tags."""
    text, origin = html.extract(PAGE)
    words_map(text, origin)
    assert where(text, origin, "Jane") == (5, 10)
    assert where(text, origin, "refund") == (7, 11)
    assert where(text, origin, "is on") == (8, 64)
    assert where(text, origin, "Thanks") == (9, 1)
    assert where(text, origin, "Sam") == (11, 23)


def test_entities_decode_and_map_to_the_entity():
    """Named, numeric and hex references decode; each decoded character maps to its entity."""
    source = "Tom &amp; Jerry&rsquo;s &#39;caf&eacute;&#39; &#x263A; &nbsp;ok &bogus; a&b"
    text, origin = html.extract(source)
    assert text == "Tom & Jerry’s 'café' ☺ ok &bogus; a&b"
    for decoded, entity in [("&", "&amp;"), ("’", "&rsquo;"), ("é", "&eacute;"), ("☺", "&#x263A;")]:
        assert source.startswith(entity, origin.file_offset(text.index(decoded)))
    assert source.startswith("s &#39;", origin.file_offset(text.index("s 'caf")))
    assert source.startswith("ok", origin.file_offset(text.index("ok")))


def test_nbsp_is_a_space_and_spacers_vanish():
    """&nbsp; reads as a space, and an empty "<p>&nbsp;</p>" spacer adds no blank line of its own."""
    text, _ = html.extract("<p>Dear&nbsp;Jane,</p><p>&nbsp;</p><p>Thanks</p>")
    assert text == "Dear Jane,\n\nThanks"


@pytest.mark.parametrize(
    "source",
    [
        "<style type='text/css'>.x { content: 'Hidden' }</style>Shown",
        "<script>var s = '</p>Hidden';</script>Shown",
        "<SCRIPT>Hidden</SCRIPT >Shown",
        "<head><meta charset=utf-8><title>Hidden</title></head>Shown",
        "<head><title>Hidden</title><body>Shown",
        "<!-- Hidden -->Shown",
        "<!--[if mso]><p>Hidden</p><![endif]-->Shown",
        "<!DOCTYPE html><?xml version='1.0'?>Shown",
        "<template><p>Hidden</p></template>Shown",
    ],
)
def test_content_a_reader_never_sees_is_skipped(source):
    """Style, script, head, title, template, comments and declarations leave no text."""
    text, origin = html.extract(source)
    assert text == "Shown"
    assert source.startswith("Shown", origin.file_offset(0))


def test_unclosed_script_and_comment_swallow_the_rest():
    """An unclosed <script> or comment hides everything after it, as in a browser."""
    assert html.extract("Shown<script>Hidden <p>more")[0] == "Shown"
    assert html.extract("Shown<!-- Hidden <p>more")[0] == "Shown"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("<div>One</div><div>Two</div>", "One\nTwo"),
        ("One<br>Two<br/>Three<br />Four", "One\nTwo\nThree\nFour"),
        ("One<br><br>Two", "One\n\nTwo"),
        ("One<br><br><br><br>Two", "One\n\nTwo"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<h1>Title</h1>Body", "Title\n\nBody"),
        ("<ul><li>One</li><li>Two</li></ul>After", "One\nTwo\n\nAfter"),
        ("<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>", "A B\nC D"),
        ("Above<hr>Below", "Above\n\nBelow"),
        ("Said:<blockquote>Quote</blockquote>Reply", "Said:\n\nQuote\n\nReply"),
        ("<div><div><p>Nested</p></div></div>", "Nested"),
        ("One<span>Two</span> <em>Three</em>", "OneTwo Three"),
    ],
)
def test_block_elements_break_lines(source, expected):
    """Block elements end a line or paragraph so sentences do not run together; inline ones do not."""
    assert html.extract(source)[0] == expected


def test_whitespace_collapses_as_html_does(where):
    """Runs of spaces, tabs and newlines read as one space; none lead or trail a line."""
    source = "  <p>\n   Hello \t\n  there ,\n\n friend   </p>  "
    text, origin = html.extract(source)
    assert text == "Hello there , friend"
    assert where(text, origin, "friend") == (5, 2)


def test_pre_keeps_its_whitespace():
    """Inside <pre> spaces and line breaks are kept as written."""
    assert html.extract("<pre>a\n  b  c</pre>")[0] == "a\n  b  c"


def test_link_text_is_kept_and_href_dropped():
    """An <a> keeps its text; nothing of the href or other attributes reaches the text."""
    text, _ = html.extract('Please <a href="https://x.example/?q=a>b" title="Go">log in</a> now.')
    assert text == "Please log in now."


@pytest.mark.parametrize(
    "placeholder", ["<OTRS_CUSTOMER_REALNAME>", "<insert date>", "<name>", "%{ticket.number}"]
)
def test_placeholders_that_look_like_tags_survive(placeholder):
    """Only real HTML elements are stripped, so template placeholders stay visible to the checks."""
    text, origin = html.extract(f"<p>Dear {placeholder},</p>")
    assert text == f"Dear {placeholder},"
    assert origin.file_text.startswith(placeholder, origin.file_offset(5))


def test_office_and_custom_elements_are_stripped():
    """Namespaced Office tags ("o:p") and custom elements ("x-note") are tags, not text."""
    assert html.extract("One<o:p></o:p> <x-note>two</x-note>")[0] == "One two"


def test_a_stray_angle_bracket_is_text():
    """A "<" that starts no tag is text, as are "a < b" and "3<4"."""
    assert html.extract("a < b and 3<4 &lt;ok&gt;")[0] == "a < b and 3<4 <ok>"


def test_region_maps_into_the_whole_file(where):
    """extract(text, start, end) reads only that region and maps into the whole file."""
    source = "subject: Hello\nbody: <p>Dear <b>Jane</b>,</p><p>Thanks</p>\nnext: 1\n"
    start = source.index("<p>")
    text, origin = html.extract(source, start, source.index("\nnext"))
    assert text == "Dear Jane,\n\nThanks"
    assert where(text, origin, "Jane") == (2, 18)
    assert where(text, origin, "Thanks") == (2, 34)


def test_empty_and_tag_only_input():
    """No text at all gives empty text and a usable map."""
    for source in ("", "<p></p><br>", "   \n "):
        text, origin = html.extract(source)
        assert text == ""
        assert origin.position(0) == (1, 1)


def test_comments_are_listed_with_their_lines():
    """comments() finds HTML, Jinja and both Handlebars forms, with inner text and first and last line."""
    source = (
        "<p>Hi</p>\n"
        "<!-- replylint: disable dear-customer -->\n"
        "{# replylint:\n   disable-next-line #}\n"
        "{{!-- replylint: enable --}} {{! short one }}\n"
        "{#- trimmed -#}\n"
    )
    assert comments(source) == [
        Comment("replylint: disable dear-customer", 2, 2),
        Comment("replylint:\n   disable-next-line", 3, 4),
        Comment("replylint: enable", 5, 5),
        Comment("short one", 5, 5),
        Comment("trimmed", 6, 6),
    ]


def test_comments_do_not_nest():
    """A comment opener inside another comment is part of its text, not a second comment."""
    assert comments("{# see <!-- old --> #}") == [Comment("see <!-- old -->", 1, 1)]
    assert comments("no comments {{ name }} <b>") == []


PIECES = ["<p>", "</p>", "<br>", "<div class='x'>", "</div>", "<b>", "</b>", "&amp;", "&nbsp;", "&rsquo;"]
PIECES += ["<!-- c -->", "<script>x</script>", "<td>", "<pre>", "</pre>", "<OTRS_NAME>", "<", "&", " ", "\n"]


@given(st.lists(st.sampled_from(PIECES) | st.text("abcXYZ", min_size=1, max_size=5), max_size=40))
def test_any_mix_maps_letters_to_themselves(pieces):
    """For any mix of tags, entities, comments and text, each letter maps to that letter in the file."""
    source = "".join(pieces)
    text, origin = html.extract(source)
    for offset, char in enumerate(text):
        if char.isascii() and char.isalpha():
            assert source[origin.file_offset(offset)] == char
    assert text == text.strip(" \n")
