"""Tests for replylint.suppress: directives in template comments, applied to findings."""

from __future__ import annotations

import pytest

from replylint.model import Finding, Severity, Span
from replylint.suppress import Kind, apply, parse, problems

KNOWN = {"dear-customer", "company-policy", "do-not-reply", "rude-tone", "policy-excuse"}

# Each syntax wraps a directive body the way a template author would write it.
SYNTAXES = {
    "html": "<!-- {} -->",
    "jinja": "{{# {} #}}",
    "jinja-trimmed": "{{#- {} -#}}",
    "handlebars-block": "{{{{!-- {} --}}}}",
    "handlebars": "{{{{! {} }}}}",
}


def finding(rule_id: str = "dear-customer", category: str = "customer-record", whole: bool = False) -> Finding:
    """Return a finding of `rule_id`; `whole` makes it about the whole reply."""
    return Finding(rule_id, category, Severity.WARNING, None if whole else Span(0, 1), "message")


def lines_covered(text: str) -> list[range]:
    """Return the line ranges of the non-enable directives parsed from `text`."""
    return [d.lines for d in parse(text).items if d.kind is not Kind.ENABLE]


@pytest.mark.parametrize("syntax", SYNTAXES.values(), ids=SYNTAXES.keys())
def test_disable_next_line_in_each_syntax(syntax):
    """disable-next-line covers the line after the comment in every comment syntax."""
    text = "Hello\n" + syntax.format("replylint-disable-next-line dear-customer") + "\nDear Customer,\n"
    [directive] = parse(text).items
    assert (directive.kind, directive.names, directive.line, directive.lines) == (
        Kind.DISABLE_NEXT_LINE, ("dear-customer",), 2, range(3, 4)
    )


@pytest.mark.parametrize("syntax", SYNTAXES.values(), ids=SYNTAXES.keys())
def test_disable_line_in_each_syntax(syntax):
    """disable-line covers the comment's own line in every comment syntax."""
    text = "Hi\nDear Customer, " + syntax.format("replylint-disable-line dear-customer") + "\nBye\n"
    assert lines_covered(text) == [range(2, 3)]


@pytest.mark.parametrize("syntax", SYNTAXES.values(), ids=SYNTAXES.keys())
def test_disable_enable_block_in_each_syntax(syntax):
    """A disable/enable pair covers exactly the lines between the two comments."""
    text = "\n".join([
        "a", syntax.format("replylint-disable dear-customer"), "b", "c",
        syntax.format("replylint-enable dear-customer"), "d",
    ])
    directives = parse(text).items
    assert [d.kind for d in directives] == [Kind.DISABLE, Kind.ENABLE]
    assert directives[0].lines == range(3, 5)


@pytest.mark.parametrize("syntax", SYNTAXES.values(), ids=SYNTAXES.keys())
def test_disable_file_in_each_syntax(syntax):
    """disable-file covers every line of the file, wherever the comment sits."""
    text = "a\nb\n" + syntax.format("replylint-disable-file dear-customer") + "\nc"
    [directive] = parse(text).items
    assert directive.whole_file and directive.lines == range(1, 5)


def test_multiline_comment_disable_line_covers_all_its_lines():
    """disable-line in a comment spanning lines covers each of them; next-line starts after its end."""
    text = "<!--\n  replylint-disable-line\n-->\n<!-- replylint-disable-next-line\n-->\nx"
    assert lines_covered(text) == [range(1, 4), range(6, 7)]


@pytest.mark.parametrize(
    ("body", "names", "reason"),
    [
        ("replylint-disable-next-line dear-customer -- legal wording", ("dear-customer",), "legal wording"),
        ("replylint-disable-next-line -- all rules, on purpose", (), "all rules, on purpose"),
        ("replylint-disable-next-line dear-customer --", ("dear-customer",), None),
        ("replylint-disable-next-line dear-customer", ("dear-customer",), None),
    ],
)
def test_reason_is_parsed(body, names, reason):
    """Text after ' -- ' is the reason, and a name's own dashes are not a separator."""
    [directive] = parse(f"<!-- {body} -->\nDear Customer").items
    assert (directive.names, directive.reason) == (names, reason)


def test_handlebars_block_reason_is_parsed():
    """A reason inside {{!-- --}} stops before the closing dashes."""
    [directive] = parse("{{!-- replylint-disable-file do-not-reply -- legacy footer --}}").items
    assert directive.reason == "legacy footer"


def test_multiple_names_comma_or_space_separated():
    """Names may be separated by commas, spaces or both, and each one matches."""
    text = "<!-- replylint-disable-next-line dear-customer,company-policy  do-not-reply, -->\nx"
    [directive] = parse(text).items
    assert directive.names == ("dear-customer", "company-policy", "do-not-reply")
    result = apply([(finding("company-policy"), 2), (finding("do-not-reply"), 2), (finding("x"), 2)],
                   parse(text))
    assert [f.rule_id for f in result.kept] == ["x"]


def test_category_name_suppresses_its_rules():
    """A category id suppresses every rule of that category, and no other."""
    directives = parse("<!-- replylint-disable-file rude-tone -->\nx")
    rude, other = finding("shut-up", "rude-tone"), finding("dear-customer")
    result = apply([(rude, 2), (other, 2)], directives)
    assert result.kept == (other,)
    assert [f for f, _ in result.suppressed] == [rude]


def test_empty_names_means_every_rule():
    """A directive with no names suppresses findings of any rule on its lines."""
    directives = parse("<!-- replylint-disable-next-line -->\nx\ny")
    result = apply([(finding("a"), 2), (finding("b"), 2), (finding("c"), 3)], directives)
    assert [f.rule_id for f in result.kept] == ["c"]


def test_next_line_skips_blank_lines():
    """disable-next-line skips blank and whitespace-only lines to the next line with text."""
    text = "<!-- replylint-disable-next-line -->\n\n   \n\t\nDear Customer\nBye"
    directives = parse(text)
    assert lines_covered(text) == [range(5, 6)]
    result = apply([(finding(), 5), (finding(), 6)], directives)
    assert len(result.suppressed) == 1 and len(result.kept) == 1


def test_next_line_at_end_of_file_covers_nothing():
    """disable-next-line with only blank lines after it covers nothing, and is then unused."""
    text = "x\n<!-- replylint-disable-next-line -->\n\n"
    directives = parse(text)
    assert lines_covered(text) == [range(0)]
    assert apply([(finding(), 1)], directives).unused == directives.items


def test_unclosed_disable_runs_to_end_of_file():
    """A disable with no enable covers every line after it to the end of the file."""
    assert lines_covered("a\n<!-- replylint-disable dear-customer -->\nb\nc") == [range(3, 5)]


def test_enable_of_a_name_never_disabled_is_harmless():
    """An enable naming a rule that is not disabled changes nothing and is no problem."""
    text = "<!-- replylint-disable dear-customer -->\na\n<!-- replylint-enable do-not-reply -->\nb"
    assert lines_covered(text) == [range(2, 5)]
    assert problems(parse(text), KNOWN) == []
    assert lines_covered("<!-- replylint-enable dear-customer -->\na") == []


def test_enable_without_names_ends_every_disable():
    """An enable with no names ends all open disables."""
    text = "<!-- replylint-disable a -->\n<!-- replylint-disable -->\nx\n<!-- replylint-enable -->\ny"
    assert lines_covered(text) == [range(2, 4), range(3, 4)]


def test_partial_enable_ends_only_the_named_rules():
    """Enabling one of two disabled rules ends that rule's range; the other stays disabled."""
    text = (
        "<!-- replylint-disable dear-customer, do-not-reply -->\na\n"
        "<!-- replylint-enable dear-customer -->\nb\n"
        "<!-- replylint-enable do-not-reply -->\nc"
    )
    disables = [d for d in parse(text).items if d.kind is Kind.DISABLE]
    assert [(d.names, d.lines, d.line) for d in disables] == [
        (("dear-customer",), range(2, 3), 1), (("do-not-reply",), range(2, 5), 1)
    ]
    result = apply([(finding("dear-customer"), 4), (finding("do-not-reply"), 4)], parse(text))
    assert [f.rule_id for f in result.kept] == ["dear-customer"]


def test_partial_enable_of_a_disable_of_all_rules_is_a_problem():
    """Enabling one rule inside a disable of every rule is reported, and the disable stays open."""
    text = "<!-- replylint-disable -->\na\n<!-- replylint-enable dear-customer -->\nb"
    assert lines_covered(text) == [range(2, 5)]
    [(line, message)] = problems(parse(text), KNOWN)
    assert line == 3 and "line 1" in message


def test_unused_directives_are_reported():
    """Directives that suppress nothing are returned as unused; used ones are not."""
    text = (
        "<!-- replylint-disable-next-line dear-customer -->\nDear Customer\n"
        "<!-- replylint-disable-next-line do-not-reply -- stale -->\nThanks\n"
        "<!-- replylint-enable dear-customer -->"
    )
    directives = parse(text)
    result = apply([(finding("dear-customer"), 2)], directives)
    assert [(d.names, d.reason) for d in result.unused] == [(("do-not-reply",), "stale")]


def test_narrowest_directive_gets_credit():
    """A finding covered twice is credited to the narrower directive, so the broad one shows as unused."""
    text = "<!-- replylint-disable-file dear-customer -->\n<!-- replylint-disable-next-line dear-customer -->\nx"
    directives = parse(text)
    result = apply([(finding(), 3)], directives)
    assert result.suppressed[0][1].kind is Kind.DISABLE_NEXT_LINE
    assert [d.kind for d in result.unused] == [Kind.DISABLE_FILE]


def test_whole_reply_finding_only_suppressed_by_disable_file():
    """A finding with no line is untouched by line and block directives, but disable-file covers it."""
    lines_only = parse("<!-- replylint-disable-line -->\n<!-- replylint-disable-next-line -->\nx\n"
                       "<!-- replylint-disable -->\ny")
    whole = finding(whole=True)
    assert apply([(whole, None)], lines_only).kept == (whole,)
    file_wide = parse("x\n<!-- replylint-disable-file dear-customer -->")
    assert apply([(whole, None)], file_wide).suppressed == ((whole, file_wide.items[0]),)


def test_unknown_keyword_is_reported_with_line():
    """A comment starting with an unknown replylint- keyword is a problem on its line, with a hint."""
    directives = parse("a\n\n{# replylint-disable-next dear-customer #}\nb")
    assert directives.items == ()
    [(line, message)] = problems(directives, KNOWN)
    assert line == 3 and "'replylint-disable-next'" in message and "did you mean" in message


def test_unknown_name_is_reported_with_line():
    """A name that is neither a known rule nor a category is a problem on the directive's line."""
    text = "a\n<!-- replylint-disable-next-line dear-custmer, rude-tone -->\nb\n{{! replylint-enable nope }}"
    assert problems(parse(text), KNOWN) == [
        (2, "unknown rule or category 'dear-custmer'; did you mean 'dear-customer'?"),
        (4, "unknown rule or category 'nope'"),
    ]


def test_keywords_are_case_sensitive():
    """A directive keyword in another case is not a directive at all."""
    assert parse("<!-- Replylint-disable-file -->\nx") == parse("")


@pytest.mark.parametrize(
    "text",
    [
        "Our tool replylint-disable-next-line dear-customer is off here.\nDear Customer",
        "replylint-disable-file\nDear Customer",
        "<!-- see replylint-disable-file in the docs -->\nDear Customer",
        "<p>replylint-disable-file</p>\nDear Customer",
    ],
)
def test_directives_outside_comments_are_ignored(text):
    """Prose mentioning a directive, in the text or inside a comment, suppresses nothing."""
    directives = parse(text)
    assert directives.items == () and directives.malformed == ()
    assert apply([(finding(), 2), (finding(whole=True), None)], directives).suppressed == ()
