"""The service over HTTP: lint, batch, rules, health, limits, validation, auth and CORS on a real server."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.config import load_config
from replylint.model import CATEGORIES

ROOT = Path(__file__).parent.parent.parent
DRAFT = (ROOT / "examples" / "refund-draft.txt").read_text(encoding="utf-8")
COMPLAINT = (ROOT / "examples" / "refund-complaint.txt").read_text(encoding="utf-8")
NAME = "Siobhan O'Connor"
PLACEHOLDER = "Hi {{first_name}},\n\nYour refund for order A-1234 is on its way."


def cli_findings(folder: Path, reply: str, complaint: str, name: str) -> list[dict]:
    """Return the findings `replylint check - --format json` gives for the same draft."""
    message = folder / "complaint.txt"
    message.write_text(complaint, encoding="utf-8")
    arguments = ["check", "-", "--complaint", str(message), "--customer-name", name, "--format", "json"]
    result = CliRunner().invoke(main, arguments, input=reply)
    return json.loads(result.stdout)["results"][0]["findings"]


def expected_decision(findings: list[dict], block: str = "error", warn: str = "warning") -> str:
    order = ["info", "warning", "error"]
    worst = max((order.index(f["severity"]) for f in findings), default=-1)
    return "block" if worst >= order.index(block) else "warn" if worst >= order.index(warn) else "allow"


def test_health_and_readiness(server):
    """/healthz answers ok; /readyz says ready with the number of rules the config enables."""
    assert server.get("/healthz").json() == {"status": "ok"}
    ready = server.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready" and ready.json()["rules"] == len(load_config().rules)


def test_lint_answers_like_the_command_line(server, tmp_path):
    """The findings are the CLI's JSON objects for the same draft; decision, message and scores follow them."""
    body = server.post("/v1/lint", json={"reply": DRAFT, "complaint": COMPLAINT, "customer": NAME}).json()
    findings = cli_findings(tmp_path, DRAFT, COMPLAINT, NAME)
    assert findings, "the README example has findings"
    assert body["findings"] == findings
    assert body["decision"] == expected_decision(findings)
    count = len(findings)
    assert body["message"].startswith(f"{count} problem{'s' if count > 1 else ''}: ")
    assert len(body["message"]) <= 120 and "\n" not in body["message"]
    assert list(body["scores"]) == list(CATEGORIES)
    flagged = {f["category"] for f in findings}
    assert {c for c, score in body["scores"].items() if score > 0} == flagged
    assert all(0 <= score <= 1 for score in body["scores"].values())
    assert body["elapsed_ms"] > 0


def test_unfilled_placeholder_blocks_and_is_quoted(server):
    """An error finding blocks the send, and the toast quotes the placeholder."""
    body = server.post("/v1/lint", json={"reply": PLACEHOLDER, "customer": {"name": "Ana", "order": "A-1234"}}).json()
    assert body["decision"] == "block"
    assert "'{{first_name}}'" in body["message"]


def test_template_flag_expects_placeholders(server):
    """With template: true a placeholder is expected, not unfilled."""
    body = server.post("/v1/lint", json={"reply": PLACEHOLDER, "template": True}).json()
    assert "unfilled-placeholder" not in {f["rule"] for f in body["findings"]}


def test_disable_leaves_out_rules_and_categories(server):
    """`disable` drops the named rules and categories; with all ten off the draft is allowed."""
    full = server.post("/v1/lint", json={"reply": DRAFT, "complaint": COMPLAINT}).json()
    first = full["findings"][0]
    less = server.post("/v1/lint", json={"reply": DRAFT, "complaint": COMPLAINT, "disable": [first["rule"]]}).json()
    assert first["rule"] not in {f["rule"] for f in less["findings"]}
    assert less["findings"] == [f for f in full["findings"] if f["rule"] != first["rule"]]
    none = server.post("/v1/lint", json={"reply": DRAFT, "complaint": COMPLAINT, "disable": list(CATEGORIES)}).json()
    assert (none["decision"], none["message"], none["findings"]) == ("allow", "No problems found.", [])
    assert set(none["scores"].values()) == {0.0}


def test_disable_of_an_unknown_name_is_a_422(server):
    """A name that is neither rule nor category is refused, by name."""
    response = server.post("/v1/lint", json={"reply": DRAFT, "disable": ["no-such-rule"]})
    assert response.status_code == 422
    assert "no-such-rule" in response.json()["error"]


def test_batch_keeps_order_and_matches_single_calls(server):
    """/v1/lint/batch answers each draft as /v1/lint does, in order."""
    drafts = [{"reply": PLACEHOLDER}, {"reply": DRAFT, "complaint": COMPLAINT, "customer": NAME}]
    body = server.post("/v1/lint/batch", json={"drafts": drafts}).json()
    singles = [server.post("/v1/lint", json=draft).json() for draft in drafts]
    for single in singles:
        del single["elapsed_ms"]
    assert body["results"] == singles
    assert body["elapsed_ms"] > 0


def test_batch_errors_name_the_draft(server):
    """An empty reply or unknown name in a batch is a 422 naming its index; an empty or oversized batch is refused."""
    response = server.post("/v1/lint/batch", json={"drafts": [{"reply": DRAFT}, {"reply": "  \n"}]})
    assert response.status_code == 422 and response.json()["error"].startswith("drafts[1]: the reply is empty")
    assert server.post("/v1/lint/batch", json={"drafts": []}).status_code == 422
    unknown = server.post("/v1/lint/batch", json={"drafts": [{"reply": DRAFT}, {"reply": DRAFT, "disable": ["nope"]}]})
    assert unknown.status_code == 422
    assert unknown.json()["error"] == "drafts[1]: disable: no such rule or category: nope"
    too_many = server.post("/v1/lint/batch", json={"drafts": [{"reply": "Thanks!"}] * 101})
    assert too_many.status_code == 422 and "limit is 100" in too_many.json()["error"]


def test_rules_lists_what_runs(server):
    """/v1/rules lists the enabled rules with category, severity and description."""
    rules = server.get("/v1/rules").json()["rules"]
    assert {r["id"] for r in rules} == {r.id for r in load_config().rules}
    assert all(r["category"] in CATEGORIES and r["severity"] in ("error", "warning", "info") for r in rules)


@pytest.mark.parametrize(
    ("content", "field", "words"),
    [
        (b'{"reply": "Hi",', "body", "invalid JSON"),
        (b'{"reply": 42}', "body.reply", "valid string"),
        (b'{"complaint": "It broke."}', "body.reply", "Field required"),
        (b'{"reply": "Hi", "complain": "typo"}', "body.complain", "Extra inputs"),
        (b'{"reply": "Hi", "template": "yes"}', "body.template", "valid boolean"),
        (b'["reply"]', "body", "valid dictionary"),
    ],
)
def test_malformed_requests_are_422_naming_the_field(server, content, field, words):
    """Bad JSON and wrong or missing fields are a 422 whose one-line error names the field."""
    response = server.post("/v1/lint", content=content, headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error.startswith(f"{field}: ") and words in error
    assert "Traceback" not in response.text


def test_empty_reply_is_422_with_the_engine_message(server):
    """A blank reply gets the engine's own InputError text."""
    response = server.post("/v1/lint", json={"reply": " \n\t"})
    assert response.status_code == 422
    assert response.json() == {"error": "the reply is empty: nothing to lint"}


def test_declared_body_over_the_limit_is_413(server):
    """A Content-Length over the limit is refused before the body is read."""
    response = server.post("/v1/lint", json={"reply": "x" * (server.max_body + 1)})
    assert response.status_code == 413
    assert f"{server.max_body:,} bytes" in response.json()["error"]


def test_streamed_body_over_the_limit_is_413(server):
    """A chunked body with no Content-Length is counted as it arrives."""

    def chunks():
        yield b'{"reply": "'
        for _ in range(server.max_body // 1024 + 1):
            yield b"y" * 1024
        yield b'"}'

    response = server.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(
    "data, answer",
    [
        (b"POST /v1/lint HTTP/1.1\r\nHost: test\r\n", b"HTTP/1.1 408 "),  # headers that stop arriving
        (b"POST /v1/lint HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{\"reply\": \"Hi", b""),  # a body
        (b"", b"HTTP/1.1 408 "),  # a connection that never says anything
    ],
    ids=["headers", "body", "silence"],
)
def test_a_request_that_stops_arriving_is_dropped(server, data, answer):
    """A slow client cannot hold a connection: it is closed after the read timeout, and the service goes on."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=server.read_timeout + 15) as sock:
        started = time.monotonic()
        sock.sendall(data)
        try:
            received = sock.recv(4096)
        except ConnectionResetError:
            received = b""
        elapsed = time.monotonic() - started
    assert received.startswith(answer) and (answer or received == b"")
    assert server.read_timeout - 0.5 < elapsed < server.read_timeout + 10
    assert server.post("/v1/lint", json={"reply": "Thanks for waiting."}).status_code == 200


def test_no_token_configured_means_no_auth(server):
    """Without a token, /v1 needs no Authorization header."""
    assert server.post("/v1/lint", json={"reply": DRAFT}).status_code == 200


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "Basic {token}"}, 401),
     ({"Authorization": "Bearer {token}x"}, 401), ({"Authorization": "Bearer {token}"}, 200)],
)
def test_token_guards_every_v1_endpoint(token_server, headers, status):
    """With a token set, /v1 answers 401 (with WWW-Authenticate) unless the bearer token matches."""
    headers = {name: value.format(token=token_server.token) for name, value in headers.items()}
    for method, path, body in (("post", "/v1/lint", {"reply": DRAFT}), ("get", "/v1/rules", None),
                               ("post", "/v1/lint/batch", {"drafts": [{"reply": DRAFT}]})):
        kwargs = {"headers": headers, **({"json": body} if body else {})}
        response = getattr(token_server, method)(path, **kwargs)
        assert response.status_code == status, path
        if status == 401:
            assert response.headers["www-authenticate"] == "Bearer" and "token" in response.json()["error"]


def test_health_needs_no_token(token_server):
    """/healthz and /readyz stay open for load balancers when a token is set."""
    assert token_server.get("/healthz").status_code == 200
    assert token_server.get("/readyz").status_code == 200


def test_decision_thresholds_come_from_the_config(token_server, server):
    """The same warnings-only draft warns under the defaults and blocks under `decision: {block: warning}`."""
    draft = {"reply": DRAFT, "complaint": COMPLAINT, "customer": NAME}
    default = server.post("/v1/lint", json=draft).json()
    auth = {"Authorization": f"Bearer {token_server.token}"}
    strict = token_server.post("/v1/lint", json=draft, headers=auth).json()
    assert {f["severity"] for f in default["findings"]} == {"warning"}
    assert (default["decision"], strict["decision"]) == ("warn", "block")


def test_cors_allows_the_listed_origin_only(server):
    """Preflight and simple requests get CORS headers for the listed helpdesk origin, not for others."""
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
    allowed = server.client.options("/v1/lint", headers={"Origin": server.origin, **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == server.origin
    denied = server.client.options("/v1/lint", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in denied.headers
    simple = server.post("/v1/lint", json={"reply": DRAFT}, headers={"Origin": server.origin})
    assert simple.headers["access-control-allow-origin"] == server.origin
    other = server.post("/v1/lint", json={"reply": DRAFT}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_errors_carry_cors_headers(server):
    """A 413 still has the CORS header, so the helpdesk app can read why it failed."""
    big = {"reply": "x" * (server.max_body + 1)}
    response = server.post("/v1/lint", json=big, headers={"Origin": server.origin})
    assert response.status_code == 413 and response.headers["access-control-allow-origin"] == server.origin
