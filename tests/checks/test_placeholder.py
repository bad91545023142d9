"""The placeholder check: message and syntax, offsets, suggestions from the record, and each option."""

from __future__ import annotations

import pytest

from replylint.errors import RuleError
from replylint.model import Customer, Draft, Severity

RULE = """\
check: placeholder
category: canned-reply
severity: error
message: "Unfilled placeholder {{match}} ({{syntax}}): the customer will see it as is."
suggestion: Fill it in.
options:
  {extra}
examples:
  fail: [{{reply: "Hi {{{{name}}}}"}}]
  pass: [{{reply: "Hi Ana"}}]
"""


@pytest.fixture
def plain(linter_for):
    return linter_for(RULE.format(extra="{}").replace("options:\n  {}", "options: {}"))


def lint(linter, reply, **draft):
    return linter.lint(Draft(reply, **draft)).findings


def texts(linter, reply, **draft):
    return [reply[f.span.start : f.span.end] for f in lint(linter, reply, **draft)]


def test_message_names_the_placeholder_and_its_syntax(plain):
    """The message shows the placeholder as written and its syntax; id, category, severity are the rule's."""
    (finding,) = lint(plain, "Hi {{first_name}}, your refund is on its way.")
    assert finding.message == (
        "Unfilled placeholder {{first_name}} (Liquid/Jinja/Handlebars): the customer will see it as is."
    )
    assert (finding.rule_id, finding.category) == ("sample-rule", "canned-reply")
    assert finding.severity is Severity.ERROR


def test_offsets_count_characters_after_emoji_and_accents(plain):
    """Spans are character offsets into the reply, right after emoji and accented names."""
    reply = "🙂 Olá José! Pedido %{ticket.number}, entrega <insert date>."
    assert texts(plain, reply) == ["%{ticket.number}", "<insert date>"]


def test_every_occurrence_is_reported_in_order(plain):
    """Each unfilled placeholder is its own finding, in reply order."""
    reply = "Dear [CUSTOMER NAME],\nYour order [ORDER NUMBER] ships XX/XX/XXXX.\nRegards, [Your Name]"
    assert texts(plain, reply) == ["[CUSTOMER NAME]", "[ORDER NUMBER]", "XX/XX/XXXX", "[Your Name]"]


def test_filled_reply_has_no_finding(plain):
    """A reply with every value filled in gives nothing."""
    assert texts(plain, "Hi José, order A-1234 ships on 3 March. [1] See [the guide](https://x.io).") == []


def test_suggestion_fills_in_the_name_from_the_record(plain):
    """With a name on record, a name placeholder gets "Replace X with <the right part of the name>"."""
    customer = Customer(name="Siobhan O'Connor")
    suggestions = [f.suggestion for f in lint(plain, "Hi {{first_name}} {{ last_name }} / [CUSTOMER NAME]",
                                              customer=customer)]
    assert suggestions == [
        'Replace {{first_name}} with "Siobhan".',
        'Replace {{ last_name }} with "O\'Connor".',
        'Replace [CUSTOMER NAME] with "Siobhan O\'Connor".',
    ]


def test_a_blank_name_on_record_suggests_nothing_of_it(plain):
    """A record name of spaces has no first or last part to offer: the rule's own suggestion stands."""
    (finding,) = lint(plain, "Hi {{first_name}},", customer=Customer(name=" "))
    assert "Replace {{first_name}} with" not in (finding.suggestion or "")


def test_suggestion_fills_in_a_record_field(plain):
    """A placeholder naming a record field ("order") is suggested that field's value."""
    customer = Customer.from_mapping({"name": "Ana Lima", "order": "A-1234"})
    (finding,) = lint(plain, "Your order %{order.number} has shipped.", customer=customer)
    assert finding.suggestion == 'Replace %{order.number} with "A-1234".'


def test_agent_and_company_names_get_the_rule_suggestion(plain):
    """"[Your Name]" and "%{company.name}" are not the customer's name: the rule's own suggestion is used."""
    customer = Customer(name="Ana Lima")
    findings = lint(plain, "Regards, [Your Name], %{company.name}", customer=customer)
    assert [f.suggestion for f in findings] == ["Fill it in.", "Fill it in."]


def test_quoted_placeholders_are_skipped_unless_in_quotes_is_set(linter_for):
    """A placeholder in backticks or quotes (curly ones too) explains syntax; `in-quotes: true` reports it."""
    reply = "Add `{{ contact.firstname }}` or ‘%{ticket.number}’ to your template, but not {{x}}."
    assert texts(linter_for(RULE.format(extra="in-quotes: false")), reply) == ["{{x}}"]
    assert texts(linter_for(RULE.format(extra="in-quotes: true")), reply) == [
        "{{ contact.firstname }}", "%{ticket.number}", "{{x}}",
    ]


def test_syntaxes_option_reports_only_the_named_syntaxes(linter_for):
    """`syntaxes` limits the report to syntaxes named in any case."""
    linter = linter_for(RULE.format(extra="syntaxes: [ostICKET, XXXX]"))
    assert texts(linter, "Hi {{first_name}}, ticket %{ticket.number}, order XXXX, [NAME].") == [
        "%{ticket.number}", "XXXX",
    ]


def test_unknown_syntax_name_is_a_rule_error(linter_for):
    """A misspelt syntax name stops loading with an error that names the file and the known syntaxes."""
    with pytest.raises(RuleError, match=r"unknown placeholder syntax 'Smarty' \(known: .*osTicket") as error:
        linter_for(RULE.format(extra="syntaxes: [Smarty]"))
    assert error.value.path.endswith("sample-rule.yaml")


def test_regex_option_adds_a_custom_syntax(linter_for):
    """An extra regex finds more placeholder forms, reported as syntax "custom", once where it overlaps."""
    linter = linter_for(RULE.format(extra='regex: ["@[a-z_]+@", "\\\\{\\\\{[a-z_]+\\\\}\\\\}"]'))
    findings = lint(linter, "Hi @first_name@, and {{first_name}}.")
    assert [f.message.split("(")[1].split(")")[0] for f in findings] == ["custom", "Liquid/Jinja/Handlebars"]


def test_unless_option_drops_matching_placeholders(linter_for):
    """`unless` drops a placeholder whose text matches, and only that one."""
    linter = linter_for(RULE.format(extra='unless: ["^\\\\[PDF\\\\]$"]'))
    assert texts(linter, "Returns form [PDF]. Dear [NAME],") == ["[NAME]"]


def test_when_option_limits_the_rule(linter_for):
    """`when` conditions apply: with `message: true` a draft without a customer message is not checked."""
    linter = linter_for(RULE.format(extra="when: {message: true}"))
    assert texts(linter, "Hi {{first_name}}") == []
    assert texts(linter, "Hi {{first_name}}", complaint="Where is my parcel?") == ["{{first_name}}"]


def test_huge_reply_finds_the_one_placeholder(plain):
    """A reply of about 400,000 characters is checked through to its last placeholder."""
    reply = "We looked into it carefully, José. " * 11000 + "Kind regards, [AGENT NAME]"
    assert texts(plain, reply) == ["[AGENT NAME]"]
