"""The swapped check: the customer's name and address mixed up in the reply."""

from __future__ import annotations

import pytest

from replylint.config import Config
from replylint.engine import Linter
from replylint.model import Customer, Draft
from replylint.rule import load_rule

from ..conftest import ROOT

SWAPPED_RULE = """\
check: swapped
category: customer-record
message: "'{{match}}' is not {{record}} at {{value}}."
options:
  {extra}
examples:
  fail: [{{reply: "Dear Mrs Jackson,", customer: {{name: Jane Johnson, address: 12 Jackson Street}}}}]
  pass: [{{reply: "Dear Mrs Johnson,", customer: {{name: Jane Johnson, address: 12 Jackson Street}}}}]
"""


@pytest.fixture(scope="module")
def swapped_linter():
    """The shipped swapped-fields rule alone."""
    return Linter(Config(rules=(load_rule(ROOT / "rules" / "core" / "swapped-fields.yaml"),)))


def found(linter, reply, complaint=None, **record):
    """Return (span text, suggestion) of every finding."""
    customer = Customer.from_mapping(record) if record else None
    report = linter.lint(Draft(reply, complaint, customer))
    return [(reply[f.span.start : f.span.end], f.suggestion) for f in report.findings]


def test_greeting_by_street_name(swapped_linter):
    """'Dear Mrs Jackson' for Jane Johnson of Jackson Street points at Jackson and suggests Johnson."""
    reply = "Dear Mrs Jackson,\nDone."
    assert found(swapped_linter, reply, name="Jane Johnson", address="12 Jackson Street") == [
        ("Jackson", "Johnson")
    ]


def test_address_written_with_the_surname(swapped_linter):
    """'12 Johnson Street' for 12 Jackson Street points at Johnson and suggests Jackson."""
    reply = "Dear Mrs Johnson,\nIt goes to 12 Johnson Street."
    assert found(swapped_linter, reply, name="Jane Johnson", address="12 Jackson Street") == [
        ("Johnson", "Jackson")
    ]


def test_name_that_is_also_a_street_is_fine(swapped_linter):
    """Anna Foster of Foster Lane may be greeted as Ms Foster."""
    reply = "Dear Ms Foster,\nIt goes to 3 Foster Lane."
    assert found(swapped_linter, reply, name="Anna Foster", address="3 Foster Lane") == []


def test_town_at_the_end_of_an_address_is_not_a_greeting(swapped_linter):
    """'...to 28 Hawthorn Avenue, Norwich.' ends an address; it does not address anyone."""
    reply = "Dear Priscilla,\nA new card is on its way to 28 Hawthorn Avenue, Norwich."
    record = {"name": "Priscilla Mbeki", "address": "28 Hawthorn Avenue, Norwich"}
    assert found(swapped_linter, reply, **record) == []


def test_customer_whose_surname_is_a_street_word(swapped_linter):
    """John Lane of 3 Foster Lane: 'John Lane' in the reply is his name, not a swapped address."""
    reply = "Dear John Lane,\nIt goes to 3 Foster Lane."
    assert found(swapped_linter, reply, name="John Lane", address="3 Foster Lane, Derby") == []


def test_option_address_fields(linter_for):
    """Only fields named in address-fields are read as the address."""
    reply = "Dear Mrs Jackson,\nDone."
    linter = linter_for(SWAPPED_RULE.format(extra=""))
    assert found(linter, reply, name="Jane Johnson", home="12 Jackson Street") == []
    linter = linter_for(SWAPPED_RULE.format(extra="address-fields: [home]"))
    assert found(linter, reply, name="Jane Johnson", home="12 Jackson Street") == [("Jackson", "Johnson")]
