"""Rule and Example: load and validate one rule file, rules/<pack>/<id>.yaml."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import options as option_types
from . import yamlfile
from .checks import CHECKS
from .errors import RuleError
from .model import CATEGORIES, Customer, Finding, Severity, Span

RULE_KEYS = ("check", "category", "severity", "message", "suggestion", "description", "why", "options", "examples")
EXAMPLE_KEYS = ("reply", "complaint", "customer", "template", "match", "suggestion")


@dataclass(frozen=True, slots=True)
class Example:
    """One documented case: a `fail` example must produce a finding, a `pass` example none."""

    reply: str
    complaint: str | None = None
    customer: Customer | None = None
    template: bool = False  # lint the reply as a template
    match: str | None = None  # expected text of the finding's span
    suggestion: str | None = None  # expected suggestion
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One configured check, as read from its YAML file."""

    id: str
    check: str
    category: str
    severity: Severity
    message: str
    options: object  # the check's Options dataclass
    suggestion: str | None = None
    description: str = ""
    why: str = ""
    fail: tuple[Example, ...] = ()
    passes: tuple[Example, ...] = ()
    source: Path | None = None
    line: int | None = None

    def configured(self, severity: Severity | None, options: Mapping | None, where: tuple) -> Rule:
        """Return this rule with a config's severity and options (merged key by key) applied."""
        changes: dict = {}
        if severity is not None:
            changes["severity"] = severity
        if options:
            fresh = option_types.build(type(self.options), options, *where, what=f"rules.{self.id}.options")
            given = {option_types.field_name(key) for key in options}
            changes["options"] = dataclasses.replace(self.options, **{k: getattr(fresh, k) for k in given})
        return dataclasses.replace(self, **changes) if changes else self

    def finding(self, span: Span | None, match: str = "", **values: str) -> Finding:
        """Return a complete finding of this rule; `{match}` in the message becomes the matched text,
        and each other `{key}` its value."""
        message = self.message
        for key, value in {"match": match, **values}.items():
            message = message.replace("{" + key + "}", " ".join(value.split()))
        return Finding(self.id, self.category, self.severity, span, message, self.suggestion)


def load_rule(path: Path) -> Rule:
    """Read and validate one rule file; every problem is a RuleError naming file and line."""
    data = yamlfile.load(path, RuleError)
    if not isinstance(data, Mapping):
        raise RuleError("a rule file must be a mapping of keys (check, category, ...)", path, 1)
    yamlfile.check_keys(data, RULE_KEYS, path, RuleError)

    def required_text(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RuleError(f"missing or empty {key!r}", path, data.line_of(key) if key in data else 1)
        return value.strip()

    def optional_text(key: str) -> str | None:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise RuleError(f"{key!r} must be a string", path, data.line_of(key))
        return value.strip() if value else None

    check = required_text("check")
    if check not in CHECKS:
        known = ", ".join(sorted(CHECKS))
        raise RuleError(f"unknown check kind {check!r} (known: {known})", path, data.line_of("check"))
    category = required_text("category")
    if category not in CATEGORIES:
        known = ", ".join(CATEGORIES)
        raise RuleError(f"unknown category {category!r} (known: {known})", path, data.line_of("category"))
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ValueError as exc:
        raise RuleError(str(exc), path, data.line_of("severity")) from None
    options_line = data.line_of("options") if "options" in data else data.line
    check_options = option_types.build(CHECKS[check].Options, data.get("options"), path, options_line)
    fail, passes = _examples(data, path)
    return Rule(
        id=path.stem,
        check=check,
        category=category,
        severity=severity,
        message=required_text("message"),
        options=check_options,
        suggestion=optional_text("suggestion"),
        description=optional_text("description") or "",
        why=optional_text("why") or "",
        fail=fail,
        passes=passes,
        source=path,
        line=1,
    )


def _examples(data: Mapping, path: Path) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = data.get("examples")
    line = data.line_of("examples") if "examples" in data else 1
    if not isinstance(examples, Mapping):
        raise RuleError("a rule needs 'examples' with at least one 'fail' and one 'pass' example", path, line)
    yamlfile.check_keys(examples, ("fail", "pass"), path, RuleError, " in examples")
    groups = []
    for kind in ("fail", "pass"):
        items = examples.get(kind)
        if not isinstance(items, list) or not items:
            raise RuleError(f"a rule needs at least one {kind!r} example", path, examples.line_of(kind))
        groups.append(tuple(_example(item, path, items.line_of(i)) for i, item in enumerate(items)))
    return groups[0], groups[1]


def _example(item: object, path: Path, line: int) -> Example:
    if not isinstance(item, Mapping):
        raise RuleError("an example must be a mapping with at least 'reply'", path, line)
    yamlfile.check_keys(item, EXAMPLE_KEYS, path, RuleError, " in example")
    values = {}
    for key in ("reply", "complaint", "match", "suggestion"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise RuleError(f"example {key!r} must be a string", path, item.line_of(key))
        values[key] = value
    if not values["reply"] or not values["reply"].strip():
        raise RuleError("an example needs a 'reply'", path, line)
    from .engine import MAX_REPLY_CHARS  # here: engine imports this module

    if len(values["reply"]) > MAX_REPLY_CHARS:
        raise RuleError(f"an example reply is limited to {MAX_REPLY_CHARS:,} characters", path, line)
    customer = item.get("customer")
    if customer is not None and not isinstance(customer, Mapping):
        raise RuleError("example 'customer' must be a mapping such as {name: ...}", path, item.line_of("customer"))
    template = item.get("template", False)
    if not isinstance(template, bool):
        raise RuleError("example 'template' must be true or false", path, item.line_of("template"))
    record = Customer.from_mapping(customer) if customer else None
    return Example(customer=record, template=template, line=line, **values)
