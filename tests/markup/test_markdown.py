"""Markdown extraction: markers dropped, prose and line structure kept, offsets exact."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from replylint.markup import markdown

REPLY = """\
# Your *refund*

Hi **Jane**, thanks for _writing_.
> You said: the order never came.
- Check [your account](https://shop.example/a_b) or `order_id`.
1. Reply to this email <!-- not shown --> today.

```
print("code is not prose")
```
Regards,\\
Sam
"""


def test_prose_is_kept_line_for_line():
    """Each file line gives one text line, so text line n is file line n."""
    text, _ = markdown.extract(REPLY)
    assert text.split("\n") == [
        "Your refund",
        "",
        "Hi Jane, thanks for writing.",
        "You said: the order never came.",
        "Check your account or order_id.",
        "Reply to this email  today.",
        "",
        "",
        "",
        "",
        "Regards,",
        "Sam",
        "",
    ]


def test_words_map_to_their_line_and_column(where, words_map):
    """Every word lands on the same word in the file, after dropped markers and link targets."""
    text, origin = markdown.extract(REPLY)
    words_map(text, origin)
    assert where(text, origin, "refund") == (1, 9)
    assert where(text, origin, "Jane") == (3, 6)
    assert where(text, origin, "writing") == (3, 26)
    assert where(text, origin, "You said") == (4, 3)
    assert where(text, origin, "order_id") == (5, 54)
    assert where(text, origin, "today") == (6, 43)
    assert where(text, origin, "Sam") == (12, 1)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("## Heading ##", "Heading"),
        ("###### Six", "Six"),
        ("#hashtag is not a heading", "#hashtag is not a heading"),
        ("* star bullet", "star bullet"),
        ("+ plus bullet", "plus bullet"),
        ("   - [x] done task", "done task"),
        ("10) numbered", "numbered"),
        ("> > nested quote", "nested quote"),
        ("> - quoted bullet", "quoted bullet"),
        ("***bold italic*** and ~~struck~~", "bold italic and struck"),
        ("**bold with *italic* inside**", "bold with italic inside"),
        ("__under__ and snake_case_name", "under and snake_case_name"),
        ("2 * 3 * 4 stays", "2 * 3 * 4 stays"),
        ("see ![logo](logo.png) here", "see  here"),
        ("[ref link][1] and [text]()", "ref link and text"),
        ("mail <jane@example.com> or <https://x.example>", "mail jane@example.com or https://x.example"),
        ("``code with ` tick``", "code with ` tick"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("line<br>break and <b>bold</b>", "linebreak and bold"),
    ],
)
def test_markup_is_dropped(source, expected):
    """Heading marks, bullets, quote markers, emphasis, link targets, images and code ticks go."""
    assert markdown.extract(source)[0] == expected


@pytest.mark.parametrize("line", ["---", "***", "- - -", "===", "| --- | :-: |", "[1]: https://x.example"])
def test_lines_that_are_not_prose_are_emptied(line):
    """Thematic breaks, setext underlines, table rules and link definitions leave an empty line."""
    assert markdown.extract(f"Above\n{line}\nBelow")[0] == "Above\n\nBelow"


@pytest.mark.parametrize(
    "placeholder", ["*|FNAME|*", "{{first_name}}", "{{ customer.first_name }}", "<name>", "[CUSTOMER NAME]"]
)
def test_placeholders_survive(placeholder):
    """Template placeholders are not read as emphasis, tags or links."""
    text, origin = markdown.extract(f"Dear {placeholder}, hello")
    assert text == f"Dear {placeholder}, hello"
    assert origin.file_offset(5) == 5


def test_fences_and_comments_span_lines():
    """A tilde fence and a multi-line comment hide their lines but keep the line count."""
    source = "Before\n~~~python\n# not a heading\n~~~\n<!--\nhidden\n-->\nAfter"
    text, origin = markdown.extract(source)
    assert text == "Before\n\n\n\n\n\n\nAfter"
    assert origin.position(text.index("After")) == (8, 1)


def test_unclosed_fence_hides_the_rest():
    """An unclosed fence is code to the end of the file."""
    assert markdown.extract("Prose\n```\ncode\nmore")[0] == "Prose\n\n\n"


def test_empty_input():
    """Empty input gives empty text."""
    text, origin = markdown.extract("")
    assert text == ""
    assert origin.position(0) == (1, 1)


PIECES = ["# ", "> ", "- ", "1. ", "*", "**", "_", "`", "```", "[", "](u)", "<!--", "-->", "<b>", "\\"]
PIECES += [" ", "\n"]


@given(st.lists(st.sampled_from(PIECES) | st.text("abcXYZ", min_size=1, max_size=5), max_size=40))
def test_any_mix_keeps_lines_and_letters(pieces):
    """For any mix of markers and text, the line count is kept and each letter maps to itself."""
    source = "".join(pieces)
    text, origin = markdown.extract(source)
    assert text.count("\n") == source.count("\n")
    for offset, char in enumerate(text):
        if char.isascii() and char.isalpha():
            assert source[origin.file_offset(offset)] == char
            assert origin.position(offset)[0] == text.count("\n", 0, offset) + 1
