"""Helpdesk payloads -> a Draft: what the Zendesk and Freshdesk apps in examples/ send on Send.

Both apps post what their SDK gives them, nearly as it comes: the draft (often HTML), the requester and
the customer's messages. HTML is read as the customer will see it, and findings still point into it.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..markup import html
from ..model import Customer, Draft
from ..sourcemap import SourceMap
from .service import Job, checked

_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9:_.-]*)[\s/>]")


class _Lax(BaseModel):
    # Helpdesks add fields over time; keep what is known, ignore the rest.
    model_config = ConfigDict(extra="ignore")


class Person(_Lax):
    name: str | None = None
    email: str | None = None


class ZendeskComment(_Lax):
    text: str = Field(description="ticket.comment.text: the draft (HTML when the editor is rich text).")
    type: str | None = Field(None, description="ticket.comment.type, e.g. publicReply or internalNote.")


class ZendeskAuthor(_Lax):
    role: str | None = Field(None, description="end-user for the customer; agent or admin otherwise.")
    name: str | None = None


class ZendeskMessage(_Lax):
    content: str | None = None
    contentType: str | None = None  # Zendesk's spelling


class ZendeskEntry(_Lax):
    """One item of ticket.conversation."""

    author: ZendeskAuthor | None = None
    message: ZendeskMessage | None = None


class ZendeskTicket(_Lax):
    id: int | str | None = None
    requester: Person | None = None
    comment: ZendeskComment
    conversation: list[ZendeskEntry] = Field(default_factory=list, description="ticket.conversation, oldest first.")


class ZendeskHook(_Lax):
    """What examples/zendesk sends from its ticket.save hook."""

    ticket: ZendeskTicket
    latest_customer_message: str | None = Field(None, description="Overrides the last end-user entry.")
    template: bool = False


class FreshdeskReply(_Lax):
    """The draft: event.helper.getData() of ticket.sendReply, whichever of these fields it carries."""

    body: str | None = Field(None, description="HTML.")
    body_text: str | None = None
    full_text: str | None = None


class FreshdeskTicket(_Lax):
    id: int | str | None = None
    description_text: str | None = Field(None, description="The customer's first message, as text.")
    description: str | None = Field(None, description="The same, as HTML.")


class FreshdeskHook(_Lax):
    """What examples/freshdesk sends from its ticket.sendReply intercept."""

    reply: FreshdeskReply
    ticket: FreshdeskTicket | None = None
    contact: Person | None = Field(None, description="The requester: client.data.get('contact').")
    latest_customer_message: str | None = Field(None, description="Overrides the ticket description.")
    template: bool = False


def zendesk_job(hook: ZendeskHook) -> Job:
    """Map a Zendesk payload to a job: the comment, the last end-user message, the requester."""
    ticket = hook.ticket
    reply, origin = _readable(ticket.comment.text)
    complaint = hook.latest_customer_message
    if complaint is None:
        for entry in reversed(ticket.conversation):
            if entry.author and entry.author.role == "end-user" and entry.message and entry.message.content:
                complaint = entry.message.content
                break
    draft = Draft(reply, _text(complaint), _customer(ticket.requester), _id(ticket.id), hook.template)
    return Job(checked(draft, "ticket.comment.text: "), origin)


def freshdesk_job(hook: FreshdeskHook) -> Job:
    """Map a Freshdesk payload to a job: the reply's text (or HTML), the ticket's message, the contact."""
    plain = hook.reply.body_text or hook.reply.full_text
    reply, origin = (plain, None) if plain else _readable(hook.reply.body or "")
    ticket = hook.ticket or FreshdeskTicket()
    complaint = hook.latest_customer_message or ticket.description_text or _text(ticket.description)
    draft = Draft(reply, complaint or None, _customer(hook.contact), _id(ticket.id), hook.template)
    return Job(checked(draft, "reply: "), origin)


def _readable(text: str) -> tuple[str, SourceMap | None]:
    """Return what the customer will read of text, and a map back into it when it was HTML."""
    if not any(html.is_element(match[1]) for match in _TAG.finditer(text)):
        return text, None
    return html.extract(text)


def _text(text: str | None) -> str | None:
    return _readable(text)[0] if text else None


def _customer(person: Person | None) -> Customer | None:
    if person is None or not (person.name or person.email):
        return None
    return Customer.from_mapping({"name": person.name, "email": person.email})


def _id(value: int | str | None) -> str | None:
    return None if value is None else str(value)
