"""Request and response bodies of the HTTP API, as pydantic models: they make the 422s and the OpenAPI spec."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Scalar = str | int | float | bool | None


class LintRequest(BaseModel):
    """One draft: the reply, and when known the customer's message and record."""

    # Strict and closed: a typo such as "complain" is a 422 naming the field, not a silently ignored key.
    model_config = ConfigDict(extra="forbid", strict=True)

    reply: str = Field(description="The drafted reply, as plain text.")
    complaint: str | None = Field(None, description="The customer's latest message.")
    customer: str | dict[str, Scalar] | None = Field(
        None, description="The customer's name, or their record: {name, email, order, account, ...}."
    )
    template: bool = Field(False, description="The reply is a template: engine placeholders are expected.")
    disable: list[str] = Field(default_factory=list, description="Rule ids or categories to leave out.")


class BatchRequest(BaseModel):
    """Several drafts, linted together."""

    model_config = ConfigDict(extra="forbid", strict=True)

    drafts: list[LintRequest] = Field(min_length=1)


class SpanOut(BaseModel):
    start: int
    end: int


class FindingOut(BaseModel):
    """One finding, exactly as in `replylint check --format json`."""

    rule: str
    category: str
    severity: Literal["error", "warning", "info"]
    message: str
    suggestion: str | None
    span: SpanOut | None
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    text: str | None


class Outcome(BaseModel):
    """What a pre-send hook needs: the decision, one line to show, the findings and a score per category."""

    decision: Literal["allow", "warn", "block"]
    message: str = Field(description="One short line for a toast.")
    findings: list[FindingOut]
    scores: dict[str, float] = Field(description="Every category -> 0..1; see docs/service.md.")


class LintResponse(Outcome):
    elapsed_ms: float = Field(description="Time spent linting, in milliseconds.")


class BatchResponse(BaseModel):
    results: list[Outcome]
    elapsed_ms: float


class RuleOut(BaseModel):
    id: str
    category: str
    severity: Literal["error", "warning", "info"]
    description: str


class RulesResponse(BaseModel):
    rules: list[RuleOut]


class Status(BaseModel):
    status: Literal["ok", "ready", "loading", "failed"]
    rules: int | None = None
    error: str | None = None


class ErrorOut(BaseModel):
    """Every error answer: a one-line message, and for a 422 the failed checks."""

    error: str
    detail: list[dict] | None = None
