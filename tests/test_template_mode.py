"""Template mode: engine placeholders are masked and expected; in a draft the same tokens are findings."""

from __future__ import annotations

import pytest

from replylint.engine import Linter
from replylint.model import Customer, Draft

# Each helpdesk syntax, in a greeting or a sentence where a real template would hold it.
SYNTAXES = {
    "Liquid": ("Hi {{ first_name | default: 'there' }}, your order has shipped.", "{{ first_name | default: 'there' }}"),
    "Mustache unescaped": ("Hi there, your order {{{ order.summary }}} has shipped.", "{{{ order.summary }}}"),
    "Jinja tag": ("Hi there,{% if vip %} thanks for being a member.{% endif %} Your order has shipped.", "{% if vip %}"),
    "Jinja comment": ("Hi there, {# shown to all #}your order has shipped.", "{# shown to all #}"),
    "Handlebars comment": ("Hi there, {{!-- shown to all --}}your order has shipped.", "{{!-- shown to all --}}"),
    "Help Scout": ("Hello {%customer.firstName,fallback=there%}, your order has shipped.", "{%customer.firstName,fallback=there%}"),
    "osTicket": ("Dear %{recipient.name.first}, your order has shipped.", "%{recipient.name.first}"),
    "Zammad": ("Dear #{ticket.customer.firstname}, your order has shipped.", "#{ticket.customer.firstname}"),
    "Zoho": ("Dear ${Contact.First Name}, your order has shipped.", "${Contact.First Name}"),
    "OTRS": ("Dear <OTRS_CUSTOMER_REALNAME>, your order has shipped.", "<OTRS_CUSTOMER_REALNAME>"),
    "HubSpot": ("Hi {{ contact.firstname | default: 'there' }}, your order has shipped.", "{{ contact.firstname | default: 'there' }}"),
    "Intercom": ('Hi {{first_name | fallback: "there"}}, your order has shipped.', '{{first_name | fallback: "there"}}'),
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def texts(linter: Linter, draft: Draft) -> list[tuple[str, str]]:
    report = linter.lint(draft)
    return [(f.rule_id, draft.reply[f.span.start : f.span.end] if f.span else "") for f in report.findings]


@pytest.mark.parametrize("name", SYNTAXES)
def test_placeholder_is_a_finding_in_a_draft(linter, name):
    """In a draft, the template token is reported as unfilled, with its own text as the match."""
    reply, token = SYNTAXES[name]
    assert ("unfilled-placeholder", token) in texts(linter, Draft(reply, customer=Customer(name="Ana Lima")))


@pytest.mark.parametrize("name", SYNTAXES)
def test_placeholder_is_expected_in_a_template(linter, name):
    """In a template, the same token is masked: nothing at all is reported."""
    reply, _ = SYNTAXES[name]
    assert texts(linter, Draft(reply, template=True)) == []


def test_name_placeholder_satisfies_name_checks(linter):
    """A name placeholder in the greeting is neither a misspelled name nor a generic greeting."""
    draft = Draft("Dear %{recipient.name.first},\n\nYour order has shipped.", customer=Customer(name="Siobhan O'Connor"), template=True)
    assert texts(linter, draft) == []


def test_bracketed_field_is_unfilled_even_in_a_template(linter):
    """[CUSTOMER NAME] is a note to a person, not engine syntax: a template still reports it."""
    draft = Draft("Dear [CUSTOMER NAME],\n\nYour order has shipped.", template=True)
    assert ("unfilled-placeholder", "[CUSTOMER NAME]") in texts(linter, draft)


def test_prose_around_placeholders_is_still_linted(linter):
    """Masking hides only the tokens: "do not reply" next to a placeholder is still found."""
    draft = Draft("Dear %{recipient.name.first},\n\nYour ticket is open. Please do not reply to this email.", template=True)
    assert "do-not-reply" in [rule for rule, _ in texts(linter, draft)]


def test_masking_keeps_offsets_and_line_breaks():
    """The masked text has the same length and line breaks, so spans stay offsets into the template."""
    from replylint.templates import mask

    text = "Hi {{ name }},\n{# a\nnote #}\nBye"
    masked, found = mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert [p.text for p in found] == ["{{ name }}", "{# a\nnote #}"]
    assert "{" not in masked and "name" not in masked
