"""The helpdesk apps in examples/: manifests and settings parse, and the JS uses the hooks and paths they declare."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
ZENDESK = ROOT / "examples" / "zendesk"
FRESHDESK = ROOT / "examples" / "freshdesk"
SPEC = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_zendesk_manifest_points_at_real_files():
    """The manifest's sidebar locations and the logos it needs exist; the framework is ZAF 2."""
    manifest = load(ZENDESK / "manifest.json")
    assert manifest["frameworkVersion"] == "2.0"
    for location in ("ticket_sidebar", "new_ticket_sidebar"):
        assert (ZENDESK / manifest["location"]["support"][location]["url"]).is_file()
    for logo in ("logo.png", "logo-small.png"):
        assert (ZENDESK / "assets" / logo).read_bytes().startswith(b"\x89PNG")


def test_zendesk_settings_are_declared_and_labelled():
    """service_url, a secure token, fail_mode (fail-open by default) and timeout_ms, each with a label."""
    parameters = {p["name"]: p for p in load(ZENDESK / "manifest.json")["parameters"]}
    assert set(parameters) == {"service_url", "token", "fail_mode", "timeout_ms"}
    assert parameters["token"].get("secure") is True
    assert parameters["fail_mode"]["default"] == "fail-open"
    labels = load(ZENDESK / "translations" / "en.json")["app"]["parameters"]
    assert set(labels) == set(parameters) and all(labels[name]["label"] for name in labels)


def test_zendesk_script_hooks_ticket_save_and_calls_the_service():
    """main.js registers ticket.save, posts to a path the service serves, and reads only declared settings."""
    script = (ZENDESK / "assets" / "main.js").read_text(encoding="utf-8")
    assert "client.on('ticket.save', onSave)" in script
    path = re.search(r"HOOK_PATH = '([^']+)'", script)[1]
    assert "post" in SPEC["paths"][path]
    parameters = {p["name"] for p in load(ZENDESK / "manifest.json")["parameters"]}
    read = set(re.findall(r"settings\.(\w+)", script))
    assert read and read <= parameters
    assert "{{setting.token}}" in script and "secure: true" in script
    assert "'fail-closed'" in script
    page = (ZENDESK / "assets" / "iframe.html").read_text(encoding="utf-8")
    assert "zaf_sdk.min.js" in page and 'src="main.js"' in page


def test_freshdesk_manifest_declares_the_request_template_it_uses():
    """Platform 2.3; the sidebar page and icon exist; the requests declared are the ones configured."""
    manifest = load(FRESHDESK / "manifest.json")
    assert manifest["platform-version"] == "2.3"
    product = manifest["product"]["freshdesk"]
    sidebar = product["location"]["ticket_sidebar"]
    assert (FRESHDESK / "app" / sidebar["url"]).is_file() and (FRESHDESK / "app" / sidebar["icon"]).is_file()
    assert set(product["requests"]) == set(load(FRESHDESK / "config" / "requests.json"))


def test_freshdesk_request_template_posts_to_the_hook_with_the_token():
    """lintReply is a POST to a path the service serves, built from declared iparams only."""
    template = load(FRESHDESK / "config" / "requests.json")["lintReply"]["schema"]
    assert template["method"] == "POST" and "post" in SPEC["paths"][template["path"]]
    assert template["path"] == "/v1/hooks/freshdesk"
    iparams = load(FRESHDESK / "config" / "iparams.json")
    used = set(re.findall(r"iparam\.(\w+)", json.dumps(template)))
    assert used == {"service_host", "token"} and used <= set(iparams)
    assert "<%= iparam.token %>" in template["headers"]["Authorization"]
    assert iparams["token"]["secure"] is True
    assert iparams["fail_mode"]["options"] == ["fail-open", "fail-closed"]
    assert iparams["fail_mode"]["default_value"] == "fail-open"


def test_freshdesk_script_intercepts_send_reply():
    """app.js intercepts ticket.sendReply, blocks with event.helper.fail, and invokes the declared template."""
    script = (FRESHDESK / "app" / "scripts" / "app.js").read_text(encoding="utf-8")
    assert "client.events.on('ticket.sendReply', onSendReply, { intercept: true })" in script
    assert "event.helper.fail(blocking)" in script and "event.helper.done()" in script
    template = re.search(r"TEMPLATE = '([^']+)'", script)[1]
    assert template in load(FRESHDESK / "manifest.json")["product"]["freshdesk"]["requests"]
    assert "client.request.invokeTemplate(TEMPLATE" in script
    read = set(re.findall(r"(?<!client\.)iparams\.(\w+)", script))
    assert read and read <= set(load(FRESHDESK / "config" / "iparams.json"))
    page = (FRESHDESK / "app" / "index.html").read_text(encoding="utf-8")
    assert "{{{appclient}}}" in page and 'src="scripts/app.js"' in page
