"""The Linter: parse each draft once, run every enabled rule over it, collect the findings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from . import complaint, conditions, nlp, regexes
from .checks import CHECKS
from .config import Config, load_config
from .document import Document, Parser
from .errors import InputError
from .model import Customer, Draft, Finding, Report, Skipped
from .rule import Rule

MAX_REPLY_CHARS = 1_000_000  # spaCy's own limit; a reply this long is not a reply
_SURROGATE = re.compile("[\ud800-\udfff]")


class Linter:
    """Loads rules and the pipeline once; lints any number of drafts."""

    def __init__(self, config: Config | None = None):
        self.config = config if config is not None else load_config()
        self._runs = [(rule, CHECKS[rule.check].run) for rule in self.config.rules]
        # A check kind may tell what a draft must hold for a rule to report anything (phrase and require
        # do); a rule of any other kind runs on every draft.
        self._triggers = conditions.Triggers([_trigger(rule) for rule in self.config.rules])
        lists = [item for rule in self.config.rules for item in CHECKS[rule.check].phrase_lists(rule)]
        lists.extend(complaint.phrase_lists())
        self._parser = Parser(
            reply_index=nlp.PhraseIndex(p for p in lists if p.target in ("reply", "both")),
            complaint_index=nlp.PhraseIndex(p for p in lists if p.target in ("complaint", "both")),
            classify=complaint.problems,
        )

    def lint(self, draft: Draft) -> Report:
        """Lint one draft."""
        return self.evaluate(self._parser.parse(check_draft(draft)))

    def lint_many(self, drafts: Iterable[Draft]) -> Iterator[Report]:
        """Lint drafts in batches through the pipeline, lazily, in order."""
        for doc in self._parser.parse_many(check_draft(draft) for draft in drafts):
            yield self.evaluate(doc)

    def evaluate(self, doc: Document) -> Report:
        """Run the rules over a parsed document (those that cannot report on it are skipped); a rule whose
        regex runs out of time is skipped and named."""
        findings: list[Finding] = []
        problems: list[Skipped] = []
        # One budget object for the draft, refilled for each rule: one per rule meant 37 objects, 37
        # context-variable swaps and 37 reads of the environment for every draft.
        budget = regexes.Budget(len(doc.text))
        with budget:
            # Once per draft, from its phrase hits and the prefilter's strings: most rules cannot report
            # on a given draft (two phrase rules of 19 have a hit or a regex that may match).
            for position in self._triggers.may_report(doc):
                rule, run = self._runs[position]
                budget.refill()
                try:
                    found = list(run(doc, rule))
                except regexes.RegexTimeout as exc:
                    problems.append(Skipped(rule.id, str(exc)))
                    continue
                findings.extend(found)
        return Report(tuple(sorted(findings, key=lambda f: f.sort_key)), tuple(problems))


def _trigger(rule: Rule) -> conditions.Trigger | None:
    """Return what a draft must hold for rule to report, if its check kind tells (None: run it on every draft)."""
    trigger = getattr(CHECKS[rule.check], "trigger", None)
    return trigger(rule) if trigger is not None else None


def check_draft(draft: Draft) -> Draft:
    """Return draft if it can be linted; raise InputError for an empty, oversized or broken text."""
    if not isinstance(draft.reply, str):
        raise InputError(f"the reply must be text, not {type(draft.reply).__name__}")
    if not draft.reply.strip():
        raise InputError("the reply is empty: nothing to lint")
    if draft.complaint is not None and not isinstance(draft.complaint, str):
        raise InputError(f"the customer's message must be text, not {type(draft.complaint).__name__}")
    record = draft.customer.as_dict().values() if draft.customer else ()
    texts = (("the reply", draft.reply), ("the customer's message", draft.complaint or ""))
    for what, text in (*texts, *(("the customer record", str(value)) for value in record)):
        if len(text) > MAX_REPLY_CHARS:
            raise InputError(f"{what} has {len(text):,} characters; the limit is {MAX_REPLY_CHARS:,}")
        # Half of a UTF-16 pair, as a "\ud800" escape in JSON can give: no text, and spaCy cannot hash it.
        broken = _SURROGATE.search(text)
        if broken:
            raise InputError(f"{what} holds a lone surrogate, U+{ord(broken.group()):04X}: not text")
    return draft


_default: Linter | None = None


def lint(
    reply: str,
    complaint: str | None = None,
    customer: Customer | Mapping[str, object] | str | None = None,
    config: Config | None = None,
    template: bool = False,
) -> list[Finding]:
    """Lint one reply (or with template=True, a template) with the recommended pack or config."""
    global _default
    if isinstance(customer, str):
        customer = Customer(name=customer)
    elif isinstance(customer, Mapping):
        customer = Customer.from_mapping(customer)
    if config is not None:
        linter = Linter(config)
    else:
        _default = _default or Linter()
        linter = _default
    return list(linter.lint(Draft(reply, complaint, customer, template=template)).findings)
