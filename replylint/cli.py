"""The `replylint` command: check, rules, explain, test; exit codes 0, 1, 2 and 3."""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import ReplylintError
from .model import CATEGORIES, Customer, Result, Severity

if TYPE_CHECKING:
    from .rule import Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
LEVELS = ("error", "warning", "info")
# The keys of formatters.FORMATTERS, spelled out so `--help` and `--version` need not import them.
FORMATS = ("github", "gitlab", "json", "junit", "sarif", "text")


def handle_errors(command: Callable) -> Callable:
    """Turn a user error into one line and exit 2, anything unexpected into exit 3."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ReplylintError as exc:
            click.echo(f"replylint: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        except (click.ClickException, click.exceptions.Exit, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FINDINGS)
        except Exception as exc:
            if os.environ.get("REPLYLINT_DEBUG"):
                raise
            click.echo(f"replylint: internal error: {exc!r} (set REPLYLINT_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="replylint")
def main() -> None:
    """Lint drafted customer-support replies for the ten classic customer-service mistakes."""


config_option = click.option(
    "--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config instead of the .replylint.yaml found above each file.",
)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--complaint", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File with the customer's message the draft answers.")
@click.option("--customer-name", help="The customer's name as on record.")
@click.option("--customer", "customer_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML or JSON customer record (name, order, account, ...).")
@click.option("--format", "output_format", type=click.Choice(FORMATS),
              help="Output format [default: text; github under GitHub Actions].")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT=FILE",
              help="Also write FORMAT to FILE (repeatable), e.g. --output sarif=replylint.sarif.")
@click.option("--template", is_flag=True, help="Read every file as a template: engine placeholders are expected.")
@click.option("--fail-on", type=click.Choice(LEVELS), help="Lowest severity that makes the exit status 1.")
@click.option("--min-level", type=click.Choice(LEVELS), help="Lowest severity shown (default: the config's, info).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings whose fingerprints are not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the fingerprints of every finding to this file, to adopt replylint on old templates.")
@click.option("--report-unused-directives", is_flag=True,
              help="Report replylint-disable directives that suppress nothing, and fail on them.")
@config_option
@click.option("--disable", multiple=True, metavar="RULE_OR_CATEGORY", help="Turn off a rule or a category.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Lint in this many processes (0: one per core); the output is the same.")
@handle_errors
def check(paths, complaint, customer_name, customer_file, output_format, outputs, template, fail_on, min_level,
          baseline, write_baseline, report_unused_directives, config_file, disable, jobs) -> None:
    """Lint drafts and templates: text, HTML, Markdown, .eml, case files, JSON Lines, directories, - for stdin."""
    from . import baseline as baselines
    from .batch import Linters, lint_sources
    from .formatters import FORMATTERS
    from .inputs import Context, read_customer, read_sources
    from .triage import triage
    from .yamlfile import read_text

    targets = [_output(spec) for spec in outputs]
    output_format = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    known = baselines.read(baseline) if baseline else None
    record = read_customer(customer_file) if customer_file else None
    if customer_name:
        record = Customer(name=customer_name, fields=record.fields if record else {})
    context = Context(read_text(complaint) if complaint else None, record)
    linters = Linters(config_file, disable, template)
    results: list[Result] = []
    floors: list[Severity] = []
    rules: dict[str, Rule] = {}
    errors = unused = 0
    sources = read_sources(paths, context, linters.reading)
    if jobs == 1:
        linted = lint_sources(sources, linters)
    else:  # worker processes, results in input order: the same output
        from .parallel import lint_sources_parallel

        linted = lint_sources_parallel(sources, linters, jobs)
    for item in linted:
        if isinstance(item, ReplylintError):
            click.echo(f"replylint: {item}", err=True)
            errors += 1
            continue
        source, report, config = item
        if min_level:
            config = dataclasses.replace(config, min_level=Severity.parse(min_level))
        rules.update((rule.id, rule) for rule in config.rules if rule.id not in rules)
        result = Result(source.path, source.draft, report, source.entry, source.origin)
        triaged = triage(result, config, {*rules, *CATEGORIES})
        for note in triaged.problems:
            click.echo(f"replylint: {note}", err=True)
        for skipped in report.problems:  # a rule skipped on this draft: the others ran, the exit status is 2
            click.echo(f"replylint: {result.label}: {skipped}", err=True)
            errors += 1
        if report_unused_directives:
            for note in triaged.unused:
                click.echo(f"replylint: {note}", err=True)
            unused += len(triaged.unused)
        results.append(triaged.result)
        floors.append(Severity.parse(fail_on) if fail_on else config.fail_on)
    if write_baseline:
        baselines.write(write_baseline, results)
        click.echo(f"replylint: wrote the fingerprints of {sum(len(r.report.findings) for r in results)} "
                   f"findings to {write_baseline}", err=True)
    if known is not None:
        results = baselines.new_only(results, known)
    failed = any(f.severity >= floor for r, floor in zip(results, floors) for f in r.report.findings)
    ran = [rules[k] for k in sorted(rules)]
    for name, target in targets:
        _write_atomic(target, FORMATTERS[name](results, rules=ran))
    color = output_format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(FORMATTERS[output_format](results, color=color, rules=ran), nl=False, color=color)
    sys.exit(EXIT_USAGE if errors else EXIT_FINDINGS if failed or unused else EXIT_CLEAN)


def _output(spec: str) -> tuple[str, Path]:
    """Parse one --output FORMAT=FILE."""
    name, _, file = spec.partition("=")
    if name not in FORMATS or not file:
        raise ReplylintError(f"--output {spec}: expected FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}")
    return name, Path(file)


def _write_atomic(path: Path, text: str) -> None:
    """Write a report whole or not at all, so a failed run never leaves half a report."""
    from . import atomic

    try:
        atomic.write(path, text)
    except OSError as exc:
        raise ReplylintError(f"cannot write {path}: {exc.strerror or exc}") from None


@main.command()
@config_option
@handle_errors
def rules(config_file) -> None:
    """List the rules that run: id, category, severity and what each flags."""
    from .config import find_config, load_config

    config = load_config(config_file or find_config(Path.cwd()))
    width = max((len(r.id) for r in config.rules), default=0)
    for rule in sorted(config.rules, key=lambda r: (CATEGORIES.index(r.category), r.id)):
        click.echo(f"{rule.id:<{width}}  {rule.category:<15}  {rule.severity.label:<7}  {rule.description}")


@main.group()
def config() -> None:
    """Inspect the configuration."""


@config.command(name="show")
@click.option("--for", "for_file", type=click.Path(path_type=Path), help="Resolve for this file (overrides, templates).")
@config_option
@click.option("--disable", multiple=True, metavar="RULE_OR_CATEGORY", help="Turn off a rule or a category.")
@handle_errors
def config_show(for_file, config_file, disable) -> None:
    """Print the resolved config, and where each value came from."""
    from .batch import Linters

    linters = Linters(config_file, tuple(disable))
    target = for_file or Path.cwd() / "-"
    resolved = linters.config_for(target)
    origins = resolved.origins
    click.echo(f"config:     {resolved.source or 'none (the recommended pack)'}")
    click.echo(f"file:       {for_file or '(none given)'}")
    rows = (
        ("ignored", "yes" if resolved.ignored else "no", origins.get("ignored", origins["ignore"])),
        ("template", "yes" if resolved.template else "no", origins.get("template", origins["templates"])),
        ("fields", ", ".join(resolved.fields) or "-", origins["fields"]),
        ("markup", resolved.markup, origins["markup"]),
        ("fail-on", resolved.fail_on.label, origins["fail-on"]),
        ("min-level", resolved.min_level.label, origins["min-level"]),
        ("block", _level(resolved.decision.block), origins["decision.block"]),  # what a pre-send hook blocks
        ("warn", _level(resolved.decision.warn), origins["decision.warn"]),
    )
    for name, value, where in rows:
        click.echo(f"{name + ':':<11} {value:<16} ({where})")
    enabled = {rule.id: rule for rule in resolved.rules}
    click.echo(f"rules:      {len(enabled)} on")
    names = sorted(key.removeprefix("rules.") for key in origins if key.startswith("rules."))
    width = max((len(name) for name in names), default=0)
    for name in names:
        rule = enabled.get(name)
        state = rule.severity.label if rule else "off"
        click.echo(f"  {name:<{width}}  {state:<7}  ({origins['rules.' + name]})")


def _level(severity) -> str:
    return severity.label if severity is not None else "never"


@main.command()
@click.argument("rule_id")
@config_option
@handle_errors
def explain(rule_id, config_file) -> None:
    """Show what a rule flags, why it matters, and examples."""
    from .config import find_config, load_config

    config = load_config(config_file or find_config(Path.cwd()))
    found = {r.id: r for r in config.rules}.get(rule_id)
    if found is None:
        raise ReplylintError(f"no rule {rule_id!r}; `replylint rules` lists them")
    click.echo(f"{found.id} ({found.category}, {found.severity.label})\n")
    for title, body in (("What it does", found.description), ("Why it matters", found.why)):
        click.echo(f"{title}\n{textwrap.indent(textwrap.fill(body, 88), '  ')}\n")
    for title, group in (("Flagged", found.fail), ("Not flagged", found.passes)):
        click.echo(title)
        for example in group:
            if example.complaint:
                click.echo(textwrap.indent(f"customer: {example.complaint}", "  "))
            click.echo(textwrap.indent(f"reply: {example.reply}", "  ") + "\n")
    if found.suggestion:
        click.echo(f"Use instead\n{textwrap.indent(textwrap.fill(found.suggestion, 88), '  ')}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback by default.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1),
              help="Worker processes; each loads the rules once and lints one draft at a time.")
@config_option
@click.option("--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File holding the bearer token every /v1 call must send (or set $REPLYLINT_TOKEN).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let browser code from this origin call the service (repeatable).")
@click.option("--max-body-bytes", type=click.IntRange(1), help="Largest request body accepted [default: 262144].")
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request.")
@handle_errors
def serve(host, port, workers, config_file, token_file, cors_origins, max_body_bytes, access_log) -> None:
    """Run the pre-send hook service over HTTP (needs `pip install 'replylint[server]'`)."""
    try:
        from .server.run import serve as run_service
    except ModuleNotFoundError as exc:
        raise ReplylintError(f"the service needs {exc.name}: install replylint[server] "
                             "(pip install 'replylint[server]')") from None
    run_service(host, port, workers, config_file, token_file, cors_origins, max_body_bytes, access_log)


@main.command(name="test")
@click.argument("rule_dirs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@handle_errors
def test_rules(rule_dirs) -> None:
    """Run every rule's examples (built-in pack by default); exit 1 if any misbehaves."""
    from .packs import builtin_dir, load_packs
    from .selftest import run_examples

    outcomes = run_examples(load_packs(rule_dirs or [builtin_dir()]))
    failures = [o for o in outcomes if o.problem]
    for outcome in failures:
        where = f"{outcome.rule.source}:{outcome.example.line}"
        click.echo(f"{where}: {outcome.name}: {outcome.problem}")
        click.echo(textwrap.indent(f"reply: {outcome.example.reply}", "    "))
    rules_count = len({o.rule.id for o in outcomes})
    click.echo(f"{len(outcomes) - len(failures)} examples passed, {len(failures)} failed ({rules_count} rules).")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


@main.command(name="eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--show-errors", is_flag=True, help="List every false positive and false negative.")
@click.option("--min-macro-f1", type=click.FloatRange(0, 1), help="Exit 1 when macro F1 is below this.")
@config_option
@click.option("--disable", multiple=True, metavar="RULE_OR_CATEGORY", help="Turn off a rule or a category.")
@handle_errors
def eval_command(paths, output_format, show_errors, min_macro_f1, config_file, disable) -> None:
    """Score the rules on labelled cases (JSON Lines or case files with `expect`)."""
    from .batch import Linters, lint_sources
    from .evaluate import Scored, evaluate, render_json, render_text
    from .inputs import read_sources

    scored = []
    for item in lint_sources(read_sources(paths), Linters(config_file, disable)):
        if isinstance(item, ReplylintError):
            raise item
        source, report, _ = item
        if source.expect is None:
            raise ReplylintError("case has no 'expect' label", source.path, source.entry)
        label = Result(source.path, source.draft, report, source.entry).label
        scored.append(Scored(label, source.draft.reply, frozenset(source.expect), report.findings, source.why))
    evaluation = evaluate(scored)
    if output_format == "json":
        click.echo(render_json(evaluation), nl=False)
    else:
        click.echo(render_text(evaluation, show_errors), nl=False)
    macro_f1 = evaluation.macro("f1") or 0.0
    if min_macro_f1 is not None and macro_f1 < min_macro_f1:
        click.echo(f"replylint: macro F1 {macro_f1:.3f} is below --min-macro-f1 {min_macro_f1:.3f}", err=True)
        sys.exit(EXIT_FINDINGS)
