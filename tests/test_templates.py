"""templates: every placeholder syntax, what is not a placeholder, overlaps, offsets and selection."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replylint import templates
from replylint.templates import NAMES, find_placeholders

LIQUID = "Liquid/Jinja/Handlebars"
FOUND = [  # (placeholder, syntax, inner text); each is tested inside "Dear <placeholder>, thanks."
    ("{{first_name}}", LIQUID, "first_name"),
    ("{{ contact.firstname }}", LIQUID, "contact.firstname"),
    ('{{first_name | fallback: "there"}}', LIQUID, 'first_name | fallback: "there"'),
    ("{{- name -}}", LIQUID, "name"),
    ("{{{ customer.name }}}", "Mustache/Handlebars unescaped", "customer.name"),
    ("{% if vip %}", "Liquid/Jinja tag", "if vip"),
    ("{# check refund #}", "Jinja comment", "check refund"),
    ("{{!-- greet by name --}}", "Handlebars comment", "greet by name"),
    ("{%customer.firstName%}", "Help Scout/FreeScout", "customer.firstName"),
    ("{%customer.firstName,fallback=there%}", "Help Scout/FreeScout", "customer.firstName,fallback=there"),
    ("%{recipient.name.first}", "osTicket", "recipient.name.first"),
    ("#{ticket.customer.firstname}", "Zammad", "ticket.customer.firstname"),
    ("${Contact.First Name}", "Zoho Desk", "Contact.First Name"),
    ("{!Contact.FirstName}", "Salesforce", "Contact.FirstName"),
    ("{order_id}", "Python format", "order_id"),
    ("{customer.name}", "Python format", "customer.name"),
    ("{name}", "Python format", "name"),
    ("*|FNAME|*", "Mailchimp", "FNAME"),
    ("<OTRS_CUSTOMER_REALNAME>", "OTRS/Znuny", "OTRS_CUSTOMER_REALNAME"),
    ("[CUSTOMER NAME]", "bracketed field", "CUSTOMER NAME"),
    ("[NAME]", "bracketed field", "NAME"),
    ("[ORDER NUMBER]", "bracketed field", "ORDER NUMBER"),
    ("[Your Name]", "bracketed field", "Your Name"),
    ("[insert date]", "bracketed field", "insert date"),
    ("<insert date>", "angle-bracketed field", "insert date"),
    ("<enter name here>", "angle-bracketed field", "enter name here"),
    ("<name>", "angle-bracketed field", "name"),
    ("<Customer Name>", "angle-bracketed field", "Customer Name"),
    ("XXXX", "XXXX", "XXXX"),
    ("xxxxx", "XXXX", "xxxxx"),
    ("XX/XX/XXXX", "XXXX", "XX/XX/XXXX"),
    ("£XX.XX", "XXXX", "XX.XX"),
]

NOT_PLACEHOLDERS = [
    "See our guide [1] and the [link] below.",
    "You wrote it 'arived [sic] broken'.",
    "Open [your account page](https://example.com/account) to check.",
    "The XXL jumper is sold out, but the XXX-large and XXXL are in stock.",
    "Thanks so much, Ana xxx",
    "Your card ending XXXX-XXXX-XXXX-1234 was refunded.",
    "Thanks.<br><b>Note:</b> see <address>12 High St</address>.",
    "Write to <help@example.com> or see <https://example.com/name>.",
    "Save 50% {or more} with a { and a } apart.",
    "Braces that open {{ on one line\nand close }} on the next are not one token.",
    "Option [A] or [B]; press [X] to close.",
    "Match it with {2,3} digits or {A}; the set {red, green} is fine.",
]


@pytest.mark.parametrize(("token", "syntax", "inner"), FOUND, ids=[row[0] for row in FOUND])
def test_each_syntax_is_recognised(token, syntax, inner):
    """A placeholder of each syntax is found with its span, syntax name and trimmed inner text."""
    text = f"Dear {token}, thanks."
    (found,) = find_placeholders(text)
    expected = token.lstrip("£")  # the currency sign is not part of "XX.XX"
    assert (text[found.span.start : found.span.end], found.text, found.syntax, found.inner) == (
        expected, expected, syntax, inner,
    )


@pytest.mark.parametrize("text", NOT_PLACEHOLDERS)
def test_look_alikes_are_not_placeholders(text):
    """Footnotes, markdown links, sizes, kisses, masked cards, HTML tags, addresses, stray braces: none."""
    assert find_placeholders(text) == []


def test_longest_placeholder_wins_an_overlap():
    """"{{{ x }}}" is one unescaped placeholder, not a "{{ x }}" inside it."""
    found = find_placeholders("Hi {{{ name }}} and {{ name }}")
    assert [(p.text, p.syntax) for p in found] == [
        ("{{{ name }}}", "Mustache/Handlebars unescaped"),
        ("{{ name }}", "Liquid/Jinja/Handlebars"),
    ]


def test_help_scout_variable_is_not_reported_as_a_liquid_tag():
    """A Help Scout variable and a Liquid tag share "{% %}"; the variable form is named as Help Scout."""
    found = find_placeholders("Hi {%customer.firstName%}, {% if vip %}")
    assert [p.syntax for p in found] == ["Help Scout/FreeScout", "Liquid/Jinja tag"]


def test_offsets_are_characters_after_emoji_and_accents():
    """Spans count characters, so they stay right after emoji and accented letters."""
    text = "🙂 Olá José, encomenda %{ticket.number} 👍 [NOME]? No: [CUSTOMER NAME]."
    assert [text[p.span.start : p.span.end] for p in find_placeholders(text)] == [
        "%{ticket.number}", "[NOME]", "[CUSTOMER NAME]",
    ]


def test_results_come_in_text_order():
    """Placeholders of different syntaxes come back sorted by position."""
    text = "XXXX then [NAME] then {{a}} then %{b} then <insert date>"
    starts = [p.span.start for p in find_placeholders(text)]
    assert starts == sorted(starts) and len(starts) == 5


def test_empty_text_has_no_placeholders():
    """An empty text gives an empty list."""
    assert find_placeholders("") == []


def test_huge_text_with_unclosed_delimiters_is_fast_and_empty():
    """Thousands of unclosed delimiters find nothing and do not backtrack for long."""
    text = "{{ %{ #{ ${ [INSERT <enter " * 20000
    assert find_placeholders(text) == []


def test_syntaxes_can_be_restricted():
    """Passing some syntaxes finds only those."""
    text = "Hi {{first_name}}, ticket %{ticket.number}."
    found = find_placeholders(text, templates.select(["osTicket"]))
    assert [p.text for p in found] == ["%{ticket.number}"]


def test_select_ignores_case_and_rejects_unknown_names():
    """Syntax names are matched in any case; an unknown name raises KeyError with that name."""
    assert templates.select(["ostICKET"])[0].name == "osTicket"
    with pytest.raises(KeyError, match="Smarty"):
        templates.select(["Smarty"])


def test_names_are_unique():
    """Each syntax has its own name, so a rule can select it."""
    assert len({n.lower() for n in NAMES}) == len(NAMES)


def test_module_does_not_import_spacy():
    """templates can be imported and used without loading spaCy."""
    code = "import sys, replylint.templates as t; t.find_placeholders('{{a}}'); print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}%#$!<>[]|*Xx_. aZ-\n")), max_size=80))
def test_found_placeholders_never_overlap_and_match_their_spans(text):
    """Whatever the text, placeholders are sorted, disjoint, and their text is the text at their span."""
    found = find_placeholders(text)
    for placeholder in found:
        assert text[placeholder.span.start : placeholder.span.end] == placeholder.text
    for first, second in itertools.pairwise(found):
        assert first.span.end <= second.span.start
