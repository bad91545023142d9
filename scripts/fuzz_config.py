"""Fuzz what users write: mutated configs, rule files, shared word lists and customer records.

Every input runs through the `check` command in process (config, packs and rules loaded, Linter
built, three drafts linted and rendered) with REPLYLINT_DEBUG=1, so anything but a ReplylintError
surfaces as an exception. A crash is: an exception, a user error that names no file, or a user error
about a YAML file that names no line. A sample also runs through the real CLI in a subprocess, which
must exit 0, 1 or 2 with no traceback. Not run in CI (tests/test_fuzz_config.py is the bounded copy):

    PYTHONPATH=. python scripts/fuzz_config.py --n 100000 --seed 1 --jobs 2 --out /tmp/fuzz-crashes
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import dataclasses
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "core"
SLOW_SECONDS = 10.0
# How often each kind of file is mutated: configs have two seeds and rules thirty, so pick the kind first.
KIND_WEIGHTS = {"config": 0.35, "rule": 0.45, "shared": 0.1, "customer": 0.1}

# A config that uses every key, so that mutations reach every branch of config.py.
RICH_CONFIG = """\
extends: recommended
packs: [pack]
rules:
  missing-apology: error
  company-policy:
    severity: error
    options: {phrases: [our policy, company policy], unless: ["changed our .{0,20}policy"]}
  shouting: {options: {min-words: 3, allow: [HTTPS]}}
  dear-customer: off
  my-policy: {severity: info}
categories:
  policy-excuse: warning
  rude-tone: off
fail-on: warning
min-level: info
templates: ["templates/**", "*.tmpl"]
ignore: ["staff/"]
fields: [subject, body]
markup: auto
decision: {block: error, warn: warning}
overrides:
  - files: ["*.html"]
    rules: {company-policy: off}
    markup: html
  - files: ["template.yaml"]
    template: true
    fields: [subject, body]
"""
CUSTOMER = """\
name: José Martínez
order: A-20417
account: "00123"
address: {street: 12 Jackson Street, city: Cork}
"""
USER_RULE = (RULES / "company-policy.yaml").read_text(encoding="utf-8")
DRAFTS = {
    "draft.txt": "Dear Customer,\n\nPer company policy we cannot refund it. Jonh, order A-20471 is late.\n",
    "page.html": "<p>Hi {{first_name}},</p><p>YOU MUST NOT DO THAT!! Calm down.</p>",
    "template.yaml": "subject: Your order %{order.number}\nbody: |\n  <p>Dear %{recipient.name},</p>\n",
}
COMPLAINT = "My blender arrived cracked and I want my money back!"

# Replacement values: type swaps, YAML 1.1 surprises, tags, huge numbers and broken regexes.
VALUES = [
    "", "~", "null", "true", "yes", "off", "on", "no", "0", "-1", "3.5", "1e309", "-.inf", ".nan",
    "99999999999999999999999999", "0x1F", "0o17", "1_000", "12:30:45", "2024-01-01", "2024-01-01T10:00:00Z",
    "[]", "{}", "[1, 2]", "{a: 1}", "[[a]]", "[{LOWER: x}]", "[[{LOWER: x}]]", "[[{FOO: x}]]", "[[1]]",
    "'(a+)+$'", "'('", "'['", "'(?<'", "'\\\\'", "'a{99999999999}'", "'(?P<x>a)(?P<x>b)'", "'\\\\L<x>'",
    "'(?<=a+)b'", "'[z-a]'", "'**'", "'[!'", "'x' * 3", '"\\ud800"', '"\\x00"', '"\\u202e"', '"\\U0001F600"',
    "!!binary aGVsbG8=", "!!python/object/apply:os.system ['echo PWNED > pwned']", "!!python/name:os.system",
    "!!python/object:builtins.dict {}", "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]",
    "!!timestamp 2001-12-14", "!!float abc", "!!int 1e3", "!!str 1", "!!null ''", "!custom x", "!<tag:x> y",
    "&anchor 1", "*undefined", "*anchor", "|\n  block\n", ">-\n  folded", "'{{ x }}'", "'{% if %}'",
    "error", "warning", "info", "recommended", "none", "disable", "phrase", "salutation", "canned",
    "rude-tone", "customer-record", "_ignore.yaml", "missing.yaml", "'../pack/my-policy.yaml'",
    "'/dev/null'", "x.yml", "'*'", "'**/*.yaml'", "subject", "'*.response'", "html", "markdown",
]
TAGS = ["!!python/object/apply:os.system ['echo PWNED > pwned'] ", "!!binary ", "!!set ", "!!str ", "!!int ",
        "!!map ", "!!seq ", "!!float ", "!!bool ", "!!timestamp ", "!foo ", "!!python/tuple ", "&a ", "*a "]
CHARS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\u202e", "\u200b", "\t", "\r", "\r\n",
         "\\", '"', "'", ":", "- ", "#", "&", "*", "!", "%", "@", "`", "|", ">", "{", "}", "[", "]", ",", "?",
         "é", "🙂", "\U000e0001", "\ufffd"]
KEYS = ["extends", "packs", "rules", "categories", "fail-on", "min-level", "fields", "markup", "templates",
        "ignore", "overrides", "files", "template", "decision", "block", "warn", "check", "category",
        "severity", "message", "suggestion", "description", "why", "options", "examples", "fail", "pass",
        "reply", "complaint", "customer", "match", "phrases", "regex", "unless", "lemma", "patterns", "when",
        "any", "not", "syntaxes", "in-quotes", "min-words", "sign-off", "macros", "library", "name", "order",
        "<<", "? [a, b]", "bogus", "1", "null", "~", "true", "'': "]


@dataclasses.dataclass(frozen=True)
class Seed:
    """One real input to mutate: a config, a rule file, a shared word list or a customer record."""

    kind: str  # config | rule | shared | customer
    name: str  # the file name it is written as
    data: bytes


def seeds() -> list[Seed]:
    """Return every real config and rule file, plus a config that uses every key."""
    found = [Seed("config", ".replylint.yaml", RICH_CONFIG.encode())]
    osticket = ROOT / "examples" / "osticket" / ".replylint.yaml"
    found.append(Seed("config", ".replylint.yaml", osticket.read_bytes()))
    for path in sorted(RULES.glob("*.yaml")):
        kind = "shared" if path.name.startswith("_") else "rule"
        found.append(Seed(kind, path.name, path.read_bytes()))
    found.append(Seed("customer", "customer.yaml", CUSTOMER.encode()))
    return found


# Mutations. Each takes the text (or bytes) and a Random and returns the mutated text (or bytes).


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def duplicate_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return "\n".join(lines)


def move_line(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    line = lines.pop(rng.randrange(len(lines)))
    lines.insert(rng.randrange(len(lines) + 1), line)
    return "\n".join(lines)


def shift_indent(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines[index] = rng.choice([" ", "  ", "    ", "\t"]) + lines[index]
    else:
        lines[index] = lines[index][rng.randint(1, 4):] if lines[index].startswith(" ") else lines[index]
    return "\n".join(lines)


_SCALAR = re.compile(r"^(\s*(?:- )?[^\s:#][^:#]*:[ ])(.+)$|^(\s*- )(.+)$")


def _with_value(text: str, rng: random.Random, value: str) -> str:
    """Put value in place of the value of a random `key: value` line or `- item`."""
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if _SCALAR.match(line)]
    if not candidates:
        return text
    index = rng.choice(candidates)
    match = _SCALAR.match(lines[index])
    lines[index] = (match.group(1) or match.group(3)) + value
    return "\n".join(lines)


def replace_value(text: str, rng: random.Random) -> str:
    """Swap the value of a `key: value` line or a `- item` for a value of another type or shape."""
    return _with_value(text, rng, rng.choice(VALUES))


def replace_flow_item(text: str, rng: random.Random) -> str:
    """Swap one item of a flow list [a, b, c] for another value."""
    spots = [m for m in re.finditer(r"(?<=[\[,])\s*[^\[\],{}\n]+", text)]
    if not spots:
        return text
    spot = rng.choice(spots)
    return text[: spot.start()] + " " + rng.choice(VALUES).replace("\n", " ") + text[spot.end():]


def insert_key(text: str, rng: random.Random) -> str:
    """Add a key (known, unknown or odd) at the indentation of a random line."""
    lines = _lines(text)
    index = rng.randrange(len(lines))
    indent = re.match(r"\s*", lines[index]).group()
    lines.insert(index, f"{indent}{rng.choice(KEYS)}: {rng.choice(VALUES)}")
    return "\n".join(lines)


def rename_key(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if re.match(r"\s*[\w-]+:", line)]
    if not candidates:
        return text
    index = rng.choice(candidates)
    lines[index] = re.sub(r"[\w-]+(?=:)", rng.choice(KEYS), lines[index], count=1)
    return "\n".join(lines)


def add_tag(text: str, rng: random.Random) -> str:
    spots = [m.end() for m in re.finditer(r": |- ", text)]
    if not spots:
        return text
    at = rng.choice(spots)
    return text[:at] + rng.choice(TAGS) + text[at:]


def deep_nesting(text: str, rng: random.Random) -> str:
    depth = rng.choice([10, 100, 300, 600, 1000, 5000])
    opener, closer = rng.choice([("[", "]"), ("{a: ", "}"), ("- ", "")])
    if closer:
        nested = opener * depth + "x" + closer * depth
    else:
        nested = "\n".join("  " * i + "- " for i in range(min(depth, 300)))  # block style: depth² bytes
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if _SCALAR.match(line)] or [0]
    index = rng.choice(candidates)
    match = _SCALAR.match(lines[index])
    prefix = (match.group(1) or match.group(3)) if match else "key: "
    lines[index] = prefix + nested
    return "\n".join(lines)


def alias_bomb(text: str, rng: random.Random) -> str:
    """Add aliases of aliases (a "billion laughs"), or one alias where a value was."""
    levels = rng.choice([3, 6, 9])
    bomb = ["lol0: &lol0 [" + ", ".join(["lol"] * 10) + "]"]
    for level in range(1, levels):
        bomb.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    if rng.random() < 0.5:
        return "\n".join(bomb) + "\n" + text
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if _SCALAR.match(line) and not line.startswith(" ")]
    if not candidates:
        return text
    index = rng.choice(candidates)
    match = _SCALAR.match(lines[index])
    lines[index] = f"{match.group(1) or match.group(3)}&bomb [" + ", ".join(["*bomb0"] * 3) + "]"
    return "\n".join(bomb).replace("&lol0", "&bomb0") + "\n" + "\n".join(lines)


def insert_char(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(CHARS) + text[at:]


def huge_scalar(text: str, rng: random.Random) -> str:
    filler = rng.choice(["a", "company policy ", "é", "{{ x }} ", "(", "\\\\"])
    return _with_value(text, rng, '"' + filler * rng.choice([1000, 20_000]) + '"')


def truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


def splice(text: str, rng: random.Random, pool: list[Seed]) -> str:
    """Insert a few lines of another seed: keys of a rule in a config, and so on."""
    other = _lines(rng.choice(pool).data.decode("utf-8"))
    start = rng.randrange(len(other))
    lines = _lines(text)
    at = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:at] + other[start : start + rng.randint(1, 6)] + lines[at:])


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def bad_encoding(data: bytes, rng: random.Random) -> bytes:
    """Invalid UTF-8 somewhere, or the whole file in another encoding."""
    choice = rng.randrange(4)
    if choice == 0:
        at = rng.randrange(len(data) + 1)
        broken = rng.choice([b"\xff", b"\xc3", b"\xe9", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"])
        return data[:at] + broken + data[at:]
    text = data.decode("utf-8", "replace")
    if choice == 1:
        return text.encode("utf-16")
    if choice == 2:
        return text.encode("latin-1", "replace")
    return b"\xef\xbb\xbf" + data  # a BOM: valid, and must stay valid


TEXT_MUTATIONS = [
    delete_line, duplicate_line, move_line, shift_indent, replace_value, replace_value, replace_flow_item,
    insert_key, rename_key, add_tag, deep_nesting, alias_bomb, insert_char, insert_char, huge_scalar,
    truncate,
]


def mutate(seed: Seed, rng: random.Random, pool: list[Seed]) -> bytes:
    """Return seed's data with one to three mutations applied, sometimes at the byte level."""
    if rng.random() < 0.005:
        return b""
    text = seed.data.decode("utf-8")
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        if rng.random() < 0.08:
            text = splice(text, rng, pool)
        else:
            text = rng.choice(TEXT_MUTATIONS)(text, rng)
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        data = rng.choice([flip_bytes, bad_encoding])(data, rng)
    return data


# Running one input.


class Hang(Exception):
    """An input took longer than the alarm allows."""


@dataclasses.dataclass(frozen=True)
class Problem:
    """What went wrong with one input: its class (for counting) and the details of one instance."""

    kind: str  # crash | no-file | no-line | executed | cli | slow
    signature: str
    detail: str


_ERROR_LINE = re.compile(r"^replylint: (?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<message>.*)$")
# User errors about a whole file (it is missing or cannot be opened) rightly name no line.
WHOLE_FILE = ("cannot read", "no such file", "file not found", "not found")


def _patch_caches():
    """Cache the built-in pack and one Linter per rule set, so an input costs milliseconds, not seconds.

    Only the loading cost changes: mutated files are still read fresh every time. Returns a function
    that undoes the patches (the CI test runs in a process other tests share).
    """
    from replylint import batch, engine, packs, selftest, yamlfile

    originals = [(packs, "load_pack", packs.load_pack), (yamlfile, "load", yamlfile.load),
                 (batch, "Linter", batch.Linter), (selftest, "Linter", selftest.Linter)]
    cached_pack = packs.load_pack
    builtin = packs.builtin_dir().resolve()

    def load_pack(directory: Path) -> tuple:
        # The built-in pack through its usual cache; any other pack (the mutated one) fresh.
        return cached_pack(directory) if directory == builtin else cached_pack.__wrapped__(directory)

    # The word lists that rules include are parsed once per content: pure-Python YAML is most of the
    # cost, and only the mutated file has new content. Errors are not cached, so they still surface.
    parse = yamlfile.load
    parsed: dict[tuple[str, bytes], object] = {}

    def load(path: Path, error=yamlfile.ReplylintError) -> object:
        try:
            key = (str(path), hashlib.sha1(Path(path).read_bytes()).digest())
        except OSError:
            return parse(path, error)
        if key not in parsed:
            if len(parsed) > 500:
                parsed.clear()
            parsed[key] = parse(path, error)
        return parsed[key]

    yamlfile.load = load

    linters: dict[tuple, engine.Linter] = {}

    def linter(config):
        # The parser depends on each rule's id, check and options only; findings come from config.rules.
        key = tuple((rule.id, rule.check, repr(rule.options)) for rule in config.rules)
        if key not in linters:
            if len(linters) > 100:
                linters.clear()
            linters[key] = engine.Linter(config)
        found = linters[key]
        found.config = config
        return found

    packs.load_pack = load_pack
    batch.Linter = linter
    selftest.Linter = linter

    def restore() -> None:
        for module, name, value in originals:
            setattr(module, name, value)

    return restore


def _signature(exc: BaseException) -> str:
    """Return the exception type and the innermost replylint line it passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/replylint/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "outside replylint"
    return f"{type(exc).__name__} at {where}"


class Harness:
    """A folder holding one input beside fixed drafts, and the `check` command run over it in process."""

    def __init__(self, folder: Path, rng: random.Random):
        self.folder = folder
        self.rng = rng
        (folder / "pack").mkdir(parents=True, exist_ok=True)
        (folder / "pack" / "my-policy.yaml").write_text(USER_RULE, encoding="utf-8")
        (folder / "rules").mkdir(exist_ok=True)
        for name, text in DRAFTS.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "complaint.txt").write_text(COMPLAINT, encoding="utf-8")
        (folder / "recommended.yaml").write_text("fields: [subject, body]\n", encoding="utf-8")
        (folder / "own-rules.yaml").write_text("extends: none\npacks: [rules]\nfields: [subject, body]\n",
                                               encoding="utf-8")

    def args(self, seed: Seed, data: bytes) -> list[list[str]]:
        """Write the input where it belongs; return the commands to run over it."""
        folder = self.folder
        rules = folder / "rules"
        for old in rules.iterdir():
            old.unlink()
        for shared in RULES.glob("_*.yaml"):
            shutil.copyfile(shared, rules / shared.name)
        config, customer = folder / "recommended.yaml", folder / "customer.yaml"
        customer.write_text(CUSTOMER, encoding="utf-8")
        if seed.kind == "config":
            config = folder / ".replylint.yaml"
            config.write_bytes(data)
        elif seed.kind == "customer":
            customer.write_bytes(data)
        else:
            (rules / seed.name).write_bytes(data)
            config = folder / "own-rules.yaml"
            if seed.kind == "shared":  # the rules that read this word list
                for rule in RULES.glob("[!_]*.yaml"):
                    if seed.name in rule.read_text(encoding="utf-8"):
                        shutil.copyfile(rule, rules / rule.name)
        check = ["check", "--config", str(config), "--complaint", str(folder / "complaint.txt"),
                 "--customer", str(customer), *(str(folder / name) for name in DRAFTS)]
        commands = [check + ["--format", self.rng.choice(["json", "sarif", "text", "junit"])]]
        if seed.kind in ("rule", "shared") and self.rng.random() < 0.25:
            commands.append(["test", str(rules)])  # the rule's own examples, linted
        return commands

    def run(self, seed: Seed, data: bytes, exits: collections.Counter | None = None) -> list[Problem]:
        """Run the commands in process; return what went wrong, and count exit statuses in exits."""
        from click.testing import CliRunner

        from replylint.cli import main

        problems = []
        for args in self.args(seed, data):
            started = time.perf_counter()
            signal.alarm(60)
            try:
                result = CliRunner().invoke(main, args, env={"REPLYLINT_DEBUG": "1"})
            except Hang:
                problems.append(Problem("slow", f"{seed.kind}: over 60 s", " ".join(args)))
                continue
            finally:
                signal.alarm(0)
            elapsed = time.perf_counter() - started
            if exits is not None:
                exits[result.exit_code] += 1
            if elapsed > SLOW_SECONDS:
                slow = f"{seed.kind}: over {SLOW_SECONDS:.0f} s"
                problems.append(Problem("slow", slow, f"{elapsed:.1f} s: {' '.join(args)}"))
            if isinstance(result.exception, Hang):
                problems.append(Problem("slow", f"{seed.kind}: over 60 s", " ".join(args)))
            elif result.exception is not None and not isinstance(result.exception, SystemExit):
                text = "".join(traceback.format_exception(result.exception))
                problems.append(Problem("crash", _signature(result.exception), text))
            problems.extend(self._judge_errors(seed, result.stderr))
            if (self.folder / "pwned").exists():
                (self.folder / "pwned").unlink()
                problems.append(Problem("executed", "a YAML tag ran a command", " ".join(args)))
        return problems

    def _judge_errors(self, seed: Seed, stderr: str) -> list[Problem]:
        problems = []
        for line in stderr.splitlines():
            if not line.startswith("replylint: ") or "took longer than" in line or "internal error" in line:
                continue
            found = _ERROR_LINE.match(line)
            path = found and Path(found["path"])
            if not found or not (path.is_absolute() or path.exists()):
                problems.append(Problem("no-file", _shape(line), line))
            elif (found["line"] is None and path.suffix in (".yaml", ".yml") and path.is_file()
                  and not any(words in found["message"] for words in WHOLE_FILE)):
                problems.append(Problem("no-line", _shape(line), line))
        return problems


def _shape(line: str) -> str:
    """Return an error line without its paths, quoted values and numbers, to count lines of one kind."""
    line = re.sub(r"/\S+", "PATH", line)
    line = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", line)
    return re.sub(r"\d+", "N", line)[:120]


def run_cli(args: list[str], folder: Path) -> Problem | None:
    """Run one command through the real CLI: it must exit 0, 1 or 2 and print no traceback."""
    env = {k: v for k, v in os.environ.items() if k != "REPLYLINT_DEBUG"} | {"PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "replylint", *args], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        return Problem("cli", "timed out", " ".join(args))
    if done.returncode not in (0, 1, 2) or "Traceback" in done.stderr:
        return Problem("cli", f"exit {done.returncode}", done.stderr[-2000:])
    if done.returncode == 2 and "replylint: " not in done.stderr:
        return Problem("cli", "exit 2 without a message", done.stderr[-2000:])
    return None


@dataclasses.dataclass
class Tally:
    """What one worker saw: inputs by seed kind, problems by class, and one example of each class."""

    inputs: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    exits: collections.Counter = dataclasses.field(default_factory=collections.Counter)  # exit status -> runs
    cli_runs: int = 0
    problems: collections.Counter = dataclasses.field(default_factory=collections.Counter)
    examples: dict = dataclasses.field(default_factory=dict)  # (kind, signature) -> (seed, data, detail)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        self.inputs.update(other.inputs)
        self.exits.update(other.exits)
        self.cli_runs += other.cli_runs
        self.problems.update(other.problems)
        for key, value in other.examples.items():
            self.examples.setdefault(key, value)
        self.seconds = max(self.seconds, other.seconds)


def fuzz(n: int, seed: int, cli_every: int = 0, folder: Path | None = None, progress: bool = False) -> Tally:
    """Run n mutated inputs chosen with random.Random(seed); every cli_every-th also through the real CLI."""
    rng = random.Random(seed)
    pool = seeds()
    by_kind = {kind: [s for s in pool if s.kind == kind] for kind in KIND_WEIGHTS}
    own = folder is None
    folder = folder or Path(tempfile.mkdtemp(prefix="replylint-fuzz-"))
    harness = Harness(folder, rng)
    restore = _patch_caches()
    previous = os.getcwd()
    os.chdir(folder)  # a tag that ran `echo PWNED > pwned` would leave the file here
    alarm = signal.signal(signal.SIGALRM, _hang)
    tally = Tally()
    started = time.perf_counter()
    try:
        for index in range(n):
            chosen = rng.choice(by_kind[rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]])
            data = mutate(chosen, rng, pool)
            tally.inputs[chosen.kind] += 1
            problems = harness.run(chosen, data, tally.exits)
            if cli_every and index % cli_every == cli_every - 1:
                tally.cli_runs += 1
                found = run_cli(harness.args(chosen, data)[0], folder)
                problems += [found] if found else []
            for problem in problems:
                tally.problems[problem.kind, problem.signature] += 1
                tally.examples.setdefault((problem.kind, problem.signature), (chosen, data, problem.detail))
            if progress and index % 1000 == 999:
                print(f"seed {seed}: {index + 1} inputs, {sum(tally.problems.values())} problems, "
                      f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        signal.signal(signal.SIGALRM, alarm)
        os.chdir(previous)
        restore()
        if own:
            shutil.rmtree(folder, ignore_errors=True)
    tally.seconds = time.perf_counter() - started
    return tally


def _hang(signum, frame):
    raise Hang()


def save(tally: Tally, out: Path) -> None:
    """Write one reproducer per problem class: the input, which kind of file it is, and what happened."""
    for (kind, signature), (seed, data, detail) in tally.examples.items():
        folder = out / f"{kind}-{hashlib.sha1(signature.encode()).hexdigest()[:10]}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / seed.name.lstrip(".")).write_bytes(data)
        (folder / "what.txt").write_text(
            f"{kind}: {signature}\nseed file: {seed.kind} {seed.name}\n"
            f"count: {tally.problems[kind, signature]}\n\n{detail}\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="mutated inputs to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--cli", type=int, default=200, help="inputs also run through the real CLI, in all")
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"), help="folder for reproducers")
    options = parser.parse_args()
    jobs = max(1, options.jobs)
    share = [options.n // jobs + (i < options.n % jobs) for i in range(jobs)]
    cli_every = max(1, options.n // options.cli) if options.cli else 0
    tally = Tally()
    with concurrent.futures.ProcessPoolExecutor(jobs) as pool:
        runs = [pool.submit(fuzz, count, options.seed * 1000 + i, cli_every, None, True)
                for i, count in enumerate(share)]
        for run in concurrent.futures.as_completed(runs):
            tally.add(run.result())
    save(tally, options.out)
    total = sum(tally.inputs.values())
    print(f"inputs tried: {total:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(tally.inputs.items()))}); "
          f"through the real CLI: {tally.cli_runs}; {tally.seconds:.0f} s")
    exits = ", ".join(f"{code}: {count:,}" for code, count in sorted(tally.exits.items()))
    print(f"exit statuses in process: {exits}")
    if not tally.problems:
        print("problems: none")
        return 0
    count = sum(tally.problems.values())
    print(f"problems: {count:,} in {len(tally.problems)} classes; reproducers in {options.out}")
    for (kind, signature), count in tally.problems.most_common():
        print(f"  {count:>7,}  {kind:<8}  {signature}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
