"""Helpdesk payloads: mapped to the right draft, and answered over HTTP like /v1/lint."""

from __future__ import annotations

import copy

import pytest

pytest.importorskip("fastapi")
from replylint.errors import InputError  # after the skip
from replylint.server.hooks import FreshdeskHook, ZendeskHook, freshdesk_job, zendesk_job

COMMENT = "<p>Hi {{ticket.requester.first_name}},</p><p>Per company policy we cannot refund opened items.</p>"
LAST_MESSAGE = "Here is the photo. I want a refund, it was a gift for my mother."
ZENDESK = {
    "ticket": {
        "id": 4711,
        "subject": "Blender arrived cracked",
        "requester": {"id": 90, "name": "Siobhan O'Connor", "email": "siobhan.oconnor@example.ie"},
        "comment": {"text": COMMENT, "type": "publicReply"},
        "conversation": [
            {"author": {"role": "end-user", "name": "Siobhan O'Connor"}, "channel": {"name": "email"},
             "message": {"content": "<p>My blender arrived <b>cracked</b>.</p>", "contentType": "text/html"},
             "timestamp": "2024-05-02T09:12:00Z"},
            {"author": {"role": "agent", "name": "Sam"}, "channel": {"name": "web"},
             "message": {"content": "Could you send a photo of the crack?", "contentType": "text/plain"},
             "timestamp": "2024-05-02T10:00:00Z"},
            {"author": {"role": "end-user", "name": "Siobhan O'Connor"}, "channel": {"name": "email"},
             "message": {"content": LAST_MESSAGE, "contentType": "text/plain"}, "timestamp": "2024-05-02T11:30:00Z"},
        ],
    }
}
FRESHDESK_HTML = "<div>Hi Chiamaka,<br><br>Unfortunately, per company policy returns close after 30 days.</div>"
FRESHDESK = {
    "reply": {"body": FRESHDESK_HTML, "attachments": []},
    "ticket": {"id": 88213, "subject": "Sideboard does not fit",
               "description_text": "hi, i bought the Hallen oak sideboard (order FN-88213) and it doesnt fit. Chiamaka",
               "description": "<div>hi, i bought the Hallen oak sideboard (order FN-88213)...</div>"},
    "contact": {"name": "Chiamaka Okafor", "email": "chiamaka.okafor@fastmail.com", "id": 5},
}


def test_zendesk_maps_comment_last_customer_message_and_requester():
    """The draft is the comment's text, the complaint the last end-user message, the customer the requester."""
    job = zendesk_job(ZendeskHook.model_validate(ZENDESK))
    assert job.draft.reply == "Hi {{ticket.requester.first_name}},\n\nPer company policy we cannot refund opened items."
    assert job.draft.complaint == LAST_MESSAGE
    assert job.draft.customer.name == "Siobhan O'Connor"
    assert dict(job.draft.customer.fields) == {"email": "siobhan.oconnor@example.ie"}
    assert job.draft.id == "4711"
    assert job.origin is not None and job.origin.file_text == COMMENT


def test_zendesk_plain_text_comment_has_no_origin_and_html_complaints_are_read_as_text():
    """A plain comment is used as is; with no later plain message, an HTML customer message loses its tags."""
    payload = copy.deepcopy(ZENDESK)
    payload["ticket"]["comment"]["text"] = "Hi Siobhan, a replacement is on its way."
    payload["ticket"]["conversation"].pop()
    job = zendesk_job(ZendeskHook.model_validate(payload))
    assert (job.draft.reply, job.origin) == ("Hi Siobhan, a replacement is on its way.", None)
    assert job.draft.complaint == "My blender arrived cracked."


def test_zendesk_explicit_latest_message_wins():
    """latest_customer_message overrides the conversation."""
    payload = {**ZENDESK, "latest_customer_message": "Where is my refund?"}
    assert zendesk_job(ZendeskHook.model_validate(payload)).draft.complaint == "Where is my refund?"


def test_zendesk_empty_comment_is_an_input_error():
    """An empty draft names the Zendesk field it came from."""
    payload = copy.deepcopy(ZENDESK)
    payload["ticket"]["comment"]["text"] = "<p>&nbsp;</p>"
    with pytest.raises(InputError, match=r"^ticket\.comment\.text: the reply is empty"):
        zendesk_job(ZendeskHook.model_validate(payload))


def test_freshdesk_maps_reply_ticket_and_contact():
    """The HTML reply is read as text, the ticket's description is the complaint, the contact the customer."""
    job = freshdesk_job(FreshdeskHook.model_validate(FRESHDESK))
    assert job.draft.reply == "Hi Chiamaka,\n\nUnfortunately, per company policy returns close after 30 days."
    assert job.draft.complaint.startswith("hi, i bought the Hallen oak sideboard")
    assert (job.draft.customer.name, job.draft.id) == ("Chiamaka Okafor", "88213")
    assert job.origin.file_text == FRESHDESK_HTML


def test_freshdesk_prefers_plain_text_and_the_latest_message():
    """body_text beats the HTML body; latest_customer_message beats the description."""
    payload = copy.deepcopy(FRESHDESK)
    payload["reply"]["body_text"] = "Hi Chiamaka, plain text."
    payload["latest_customer_message"] = "Any news on my return?"
    job = freshdesk_job(FreshdeskHook.model_validate(payload))
    assert (job.draft.reply, job.origin, job.draft.complaint) == ("Hi Chiamaka, plain text.", None,
                                                                   "Any news on my return?")


def pairs(findings: list[dict]) -> list[tuple]:
    return [(f["rule"], f["severity"], f["text"]) for f in findings]


def test_zendesk_hook_over_http(server):
    """The hook blocks the unfilled placeholder, points into the HTML, and finds what /v1/lint finds."""
    body = server.post("/v1/hooks/zendesk", json=ZENDESK).json()
    job = zendesk_job(ZendeskHook.model_validate(ZENDESK))
    plain = server.post("/v1/lint", json={
        "reply": job.draft.reply, "complaint": job.draft.complaint,
        "customer": {"name": "Siobhan O'Connor", "email": "siobhan.oconnor@example.ie"},
    }).json()
    assert pairs(body["findings"]) == pairs(plain["findings"])
    assert (body["decision"], body["message"], body["scores"]) == (plain["decision"], plain["message"], plain["scores"])
    assert body["decision"] == "block"
    placeholder = next(f for f in body["findings"] if f["rule"] == "unfilled-placeholder")
    assert (placeholder["line"], placeholder["column"]) == (1, COMMENT.index("{{") + 1)


def test_freshdesk_hook_over_http(server):
    """The Freshdesk hook answers the same shape, quoting what to fix in the message."""
    body = server.post("/v1/hooks/freshdesk", json=FRESHDESK).json()
    assert set(body) == {"decision", "message", "findings", "scores", "elapsed_ms"}
    assert "company-policy 'company policy'" in body["message"]
    policy = next(f for f in body["findings"] if f["rule"] == "company-policy")
    assert policy["column"] == FRESHDESK_HTML.index("company policy") + 1


def test_hook_payload_errors_are_422(server):
    """A payload without the draft names the missing field; an empty draft names where it came from."""
    missing = server.post("/v1/hooks/zendesk", json={"ticket": {"id": 1}})
    assert missing.status_code == 422 and missing.json()["error"].startswith("body.ticket.comment: Field required")
    empty = copy.deepcopy(ZENDESK)
    empty["ticket"]["comment"]["text"] = ""
    response = server.post("/v1/hooks/zendesk", json=empty)
    assert response.status_code == 422 and response.json()["error"].startswith("ticket.comment.text: ")
    no_reply = server.post("/v1/hooks/freshdesk", json={"ticket": FRESHDESK["ticket"]})
    assert no_reply.status_code == 422 and "body.reply" in no_reply.json()["error"]
