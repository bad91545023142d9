"""Benchmark inputs: seeded drafts recombined from the dev corpus, 40 to 220 words, with message and record."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"
MIN_WORDS, MAX_WORDS = 40, 220
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_GREETINGS = ("Hi {first},", "Dear {first},", "Hello {first},", "Hi {first},", "Dear {name},")


@dataclass(frozen=True, slots=True)
class Pools:
    """What drafts are recombined from: body sentences, sign-offs, and (complaint, record) pairs."""

    sentences: tuple[str, ...]
    signoffs: tuple[str, ...]
    cases: tuple[tuple[str, dict[str, str]], ...]


def load_pools(corpus: Path = CORPUS) -> Pools:
    """Split every reply of the corpus into greeting, body sentences and sign-off."""
    sentences: list[str] = []
    signoffs: list[str] = []
    cases: list[tuple[str, dict[str, str]]] = []
    for file in sorted(corpus.glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            paragraphs = [p.strip() for p in case["reply"].split("\n\n") if p.strip()]
            if paragraphs and len(paragraphs[0].split()) <= 6:
                paragraphs = paragraphs[1:]  # the greeting: rebuilt from the record
            if paragraphs and all(len(row.split()) <= 6 for row in paragraphs[-1].splitlines()):
                signoffs.append(paragraphs.pop())
            for paragraph in paragraphs:
                sentences.extend(s.strip() for s in _SENTENCE_END.split(paragraph.replace("\n", " ")) if s.strip())
            if case.get("complaint") and case.get("customer"):
                record = {str(k): str(v) for k, v in case["customer"].items() if v is not None}
                cases.append((case["complaint"], record))
    return Pools(tuple(sentences), tuple(signoffs), tuple(cases))


def generate(n: int, seed: int = 7, pools: Pools | None = None) -> list[dict]:
    """Return n drafts as JSON-ready cases ({id, reply, complaint, customer}), the same for the same seed."""
    pools = pools or load_pools()
    rng = random.Random(seed)
    drafts = []
    for index in range(n):
        complaint, record = rng.choice(pools.cases)
        name = record.get("name", "there")
        greeting = rng.choice(_GREETINGS).format(first=name.split()[0], name=name)
        signoff = rng.choice(pools.signoffs)
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        budget = target - len(greeting.split()) - len(signoff.split())
        reply = ""
        while len(reply.split()) < MIN_WORDS:  # the body may fall a few words short of its budget
            reply = "\n\n".join([greeting, *_body(rng, pools.sentences, budget), signoff])
            budget += 5
        drafts.append({
            "id": f"b{index:05d}",
            "reply": reply,
            "complaint": complaint,
            "customer": record,
        })
    return drafts


def _body(rng: random.Random, sentences: tuple[str, ...], budget: int) -> list[str]:
    """Return paragraphs of two to four sentences that fill about `budget` words, never more."""
    chosen: list[str] = []
    words = 0
    for _ in range(60):  # a few misses near the end of the budget, then stop
        sentence = rng.choice(sentences)
        size = len(sentence.split())
        if words + size <= budget:
            chosen.append(sentence)
            words += size
        if budget - words < 5:
            break
    if not chosen:
        chosen.append(min(sentences, key=lambda s: len(s.split())))
    paragraphs = []
    while chosen:
        take = rng.randint(2, 4)
        paragraphs.append(" ".join(chosen[:take]))
        chosen = chosen[take:]
    return paragraphs


def write_jsonl(drafts: list[dict], path: Path) -> Path:
    """Write drafts as JSON Lines, one case per line."""
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), encoding="utf-8")
    return path


def write_texts(drafts: list[dict], folder: Path) -> Path:
    """Write each reply alone to folder/<id>.txt (what a reply-only linter such as proselint reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    for draft in drafts:
        (folder / f"{draft['id']}.txt").write_text(draft["reply"] + "\n", encoding="utf-8")
    return folder
