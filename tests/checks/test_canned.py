"""The canned check: a reply built from a macro that ignores the customer's message."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint import yamlfile
from replylint.errors import RuleError
from replylint.model import Draft
from replylint.rule import load_rule

EXAMPLES = Path(__file__).parent.parent.parent / "examples" / "macros.yaml"

SURVEY = (
    "Thank you for choosing to stay with us. We hope you enjoyed your stay! "
    "We would love to hear about your experience. Please take two minutes to complete our guest survey."
)

RULE = """\
check: canned
category: canned-reply
message: "macro {macro}"
options:
  macros:
    - name: Post-stay survey
      text: >-
        Thank you for choosing to stay with us, {{first_name}}. We hope you enjoyed your stay!
        We would love to hear about your experience. Please take two minutes to complete our guest survey.
%s
examples:
  fail: [{reply: x}]
  pass: [{reply: y}]
"""

LOST_CHARGER = "I left my laptop charger in room 207 when I checked out. Can you post it to me?"


def found(linter, reply, complaint=LOST_CHARGER):
    """Return (span text, message) for each finding."""
    report = linter.lint(Draft(reply, complaint))
    return [(reply[f.span.start : f.span.end], f.message) for f in report.findings]


@pytest.fixture
def canned(linter_for):
    return linter_for(RULE % "")


def test_macro_that_ignores_the_message_is_named_at_its_first_sentence(canned):
    """The span is the first matching sentence; the message names the macro."""
    reply = f"Dear Magda,\n\n{SURVEY}\n\nBest regards,\nHotel Wawel Park"
    assert found(canned, reply) == [("Thank you for choosing to stay with us.", "macro Post-stay survey")]


def test_filled_in_placeholders_still_match(canned):
    """A macro's {{fields}} are left out of the comparison, so the filled-in reply still matches it."""
    reply = SURVEY.replace("stay with us.", "stay with us, Magdalena.")
    assert len(found(canned, reply)) == 1


def test_the_right_macro_for_the_message_passes(canned):
    """A macro whose own words answer the message (stay, survey) is not reported."""
    complaint = "I stayed with you last week and never got the guest survey you mentioned. Can you send it?"
    assert found(canned, SURVEY, complaint) == []


def test_a_macro_adapted_with_the_customers_words_passes(canned):
    """Sentences the agent added around the macro relate the reply to the message."""
    reply = SURVEY + " Housekeeping found your laptop charger in room 207, and I've posted it to you today."
    assert found(canned, reply) == []


def test_filled_in_order_number_does_not_make_a_macro_relevant(linter_for):
    """A number inside a matched macro sentence is the template's field, not an answer."""
    linter = linter_for(RULE % "")
    complaint = "Order HC-30957 arrived with the glass table top shattered. Replacement or refund?"
    reply = SURVEY.replace("stay with us.", "stay with us, order HC-30957.")
    assert len(found(linter, reply, complaint)) == 1


def test_without_a_message_or_macros_nothing_is_reported(canned, linter_for):
    """No customer message, or no macros, gives no finding."""
    assert found(canned, SURVEY, None) == []
    empty = (
        "check: canned\ncategory: canned-reply\nmessage: m\nexamples: {fail: [reply: x], pass: [reply: y]}\n"
    )
    assert found(linter_for(empty), SURVEY) == []


def test_min_score_option(linter_for):
    """A loosely reworded macro matches at a low min-score and not at a high one."""
    reply = (
        "Thanks so much for choosing to stay with us. We really hope you enjoyed your time here! "
        "We'd love to hear all about your experience. "
        "Please take a couple of minutes to fill in our guest survey."
    )
    assert found(linter_for(RULE % "  min-score: 97"), reply) == []
    assert len(found(linter_for(RULE % "  min-score: 60"), reply)) == 1


def test_min_sentences_option(linter_for):
    """One matching sentence of a longer macro is not enough when min-sentences asks for two."""
    reply = "We would love to hear about your experience. Your charger is not in lost property, sorry."
    assert found(linter_for(RULE % "  min-sentences: 2"), reply) == []
    assert len(found(linter_for(RULE % "  min-sentences: 1"), reply)) == 1


def test_min_words_option(linter_for):
    """Sentences shorter than min-words are left out on both sides."""
    assert found(linter_for(RULE % "  min-words: 12"), SURVEY) == []


def test_relation_options(linter_for):
    """max-shared, min-terms and ignore decide when the customer's words make the reply related."""
    reply = SURVEY + " Your laptop charger from room 207 is with reception."
    assert found(linter_for(RULE % "  max-shared: 1.0"), reply) == []
    assert len(found(linter_for(RULE % "  max-shared: 9.0\n  min-terms: 9"), reply)) == 1
    assert len(found(linter_for(RULE % "  ignore: [laptop, charger]\n  number-weight: 0"), reply)) == 1


def test_unicode_macro_and_reply(linter_for):
    """Accents and typographic quotes in macro and reply compare as text; offsets stay in characters."""
    rule = (RULE % "").replace(
        "Thank you for choosing to stay with us",
        "Merci d’avoir choisi l’Hôtel Étoile pour votre séjour",
    )
    reply = "🙂 Merci d’avoir choisi l’Hôtel Étoile pour votre séjour. " + SURVEY.split(". ", 1)[1]
    [(span, _)] = found(linter_for(rule), reply)
    assert span == "🙂 Merci d’avoir choisi l’Hôtel Étoile pour votre séjour."


def test_library_file_is_read_relative_to_the_rule(write_rule, tmp_path):
    """`library: macros.yaml` names a file beside the rule; its macros join the inline ones."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "team.yaml.txt").write_text(
        "- name: Delivery delay\n  text: Orders are currently taking 3 to 5 working days to be delivered. "
        "You can follow your parcel at any time using the tracking link.\n",
        encoding="utf-8",
    )
    path = write_rule(RULE % "  library: team.yaml.txt", folder=pack)
    rule = load_rule(path)
    assert [m.name for m in rule.options.macros + rule.options.library] == [
        "Post-stay survey",
        "Delivery delay",
    ]


def test_missing_library_is_an_error_naming_the_rule_and_line(write_rule):
    """A library that cannot be read is reported at the option's line in the rule file."""
    path = write_rule(RULE % "  library: nowhere.yaml")
    with pytest.raises(RuleError) as caught:
        load_rule(path)
    line = path.read_text().splitlines().index("  library: nowhere.yaml") + 1
    assert caught.value.path == str(path) and caught.value.line == line
    assert "nowhere.yaml" in caught.value.message


def test_bad_macro_in_library_is_an_error_naming_the_library_line(write_rule, tmp_path):
    """A macro without text is reported at its own line in the library file."""
    library = tmp_path / "pack" / "macros.txt"
    library.parent.mkdir(parents=True, exist_ok=True)
    library.write_text(
        "- name: Fine\n  text: All good here, thank you for asking us.\n- name: Broken\n  txt: oops\n"
    )
    with pytest.raises(RuleError) as caught:
        load_rule(write_rule(RULE % "  library: macros.txt"))
    assert caught.value.path == str(library) and caught.value.line == 4


def test_example_library_is_valid():
    """examples/macros.yaml loads as macros: unique names, each with text."""
    data = yamlfile.load(EXAMPLES)
    names = [macro["name"] for macro in data]
    assert names and len(set(names)) == len(names)
    assert all(isinstance(macro["text"], str) and macro["text"].strip() for macro in data)


def test_example_library_as_rule_option(write_rule):
    """The example library works as a rule's library, by absolute path."""
    rule = load_rule(write_rule(RULE % f"  library: {EXAMPLES}"))
    assert len(rule.options.library) == len(yamlfile.load(EXAMPLES))


def test_huge_reply(canned):
    """A very long reply is compared sentence by sentence without error."""
    reply = (SURVEY + "\n") * 500
    assert len(found(canned, reply)) == 1


def test_rule_file_documents_the_library_format():
    """The core rule's description tells how to give a library."""
    rule = load_rule(Path(__file__).parent.parent.parent / "rules" / "core" / "canned-macro.yaml")
    assert "library" in rule.description and "examples/macros.yaml" in rule.description
