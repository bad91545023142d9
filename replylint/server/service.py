"""The library calls behind every endpoint: lint, triage as the CLI does, then the decision helpers.

Nothing here decides anything the command line or the Python API would decide differently: findings
are `formatters.json.finding_dict` objects, min-level and template directives go through `triage`,
and the decision, message and scores come from `replylint.decision`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..config import Config
from ..decision import verdict
from ..engine import Linter, check_draft
from ..errors import InputError
from ..formatters.json import finding_dict
from ..model import CATEGORIES, Customer, Draft, Report, Result
from ..sourcemap import SourceMap
from ..triage import triage
from .models import LintRequest

log = logging.getLogger("replylint.server")


@dataclass(frozen=True, slots=True)
class Job:
    """One draft to lint, where its reply came from (when it was HTML), and the names to leave out."""

    draft: Draft
    origin: SourceMap | None = None
    disable: tuple[str, ...] = ()
    where: str = ""  # how errors name this draft in a batch: "drafts[3]: "


class Service:
    """One per worker: the config, rules and pipeline loaded once; `run` may be called from any thread."""

    def __init__(self, config: Config):
        self.config = config
        self.linter = Linter(config)
        # Every rule the packs define, enabled or not, so `disable: [a-rule-the-config-turns-off]` is no error.
        self.names = frozenset(
            {key.removeprefix("rules.") for key in config.origins if key.startswith("rules.")} | set(CATEGORIES)
        )

    def run(self, jobs: Sequence[Job]) -> list[dict]:
        """Lint jobs through the pipeline in one batch; return one outcome dict per job, in order."""
        for job in jobs:
            self.check_names(job.disable, job.where)
        reports = self.linter.lint_many(job.draft for job in jobs)
        return [self.outcome(job, report) for job, report in zip(jobs, reports)]

    def check_names(self, names: Iterable[str], where: str = "") -> None:
        """Raise InputError for a name in `disable` that is neither a rule nor a category."""
        unknown = sorted(set(names) - self.names)
        if unknown:
            raise InputError(f"{where}disable: no such rule or category: {', '.join(unknown)}")

    def outcome(self, job: Job, report: Report) -> dict:
        """Return the response body for one linted job, without timing."""
        for problem in report.problems:
            log.warning("rule skipped on a draft: %s", problem)
        shown = triage(Result("-", job.draft, report, origin=job.origin), self.config, self.names).result
        kept = _without(shown.report.findings, job.disable)
        report = dataclasses.replace(shown.report, findings=kept)
        judged = verdict(report, job.draft.reply, self.config.decision)
        return {
            "decision": judged.decision,
            "message": judged.message,
            "findings": [finding_dict(finding, shown) for finding in kept],
            "scores": dict(judged.scores),
        }


def job_of(request: LintRequest, where: str = "") -> Job:
    """Return the job for a /v1/lint request; raise InputError when the reply cannot be linted."""
    customer = request.customer
    if isinstance(customer, str):
        record = Customer(name=customer) if customer.strip() else None
    elif customer is not None:
        record = Customer.from_mapping(customer)
    else:
        record = None
    draft = Draft(request.reply, request.complaint, record, template=request.template)
    return Job(checked(draft, where), disable=tuple(request.disable), where=where)


def checked(draft: Draft, where: str = "") -> Draft:
    """Return draft if it can be linted; raise InputError naming where it is otherwise."""
    try:
        return check_draft(draft)
    except InputError as exc:
        raise InputError(f"{where}{exc.message}") from None


def _without(findings: Collection, names: Collection[str]) -> tuple:
    # Rules run independently, so dropping a rule's findings is the same as not running it.
    return tuple(f for f in findings if f.rule_id not in names and f.category not in names)
