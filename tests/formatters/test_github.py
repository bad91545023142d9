"""GitHub workflow commands: escaping, positions, and the note when GitHub will hide annotations."""

from __future__ import annotations

from replylint.formatters import github
from replylint.model import Draft, Finding, Report, Result, Severity, Span


def _unescape(text: str) -> str:
    """Decode as the Actions runner does (toolkit's command parser)."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def test_message_and_file_name_are_escaped():
    """'%', ':', ',' and newlines in message and file name cannot break the command or its properties."""
    source = "odd: 100%, really\nnew.txt"
    message = "Refund 100%: no, never\r\nSay sorry"
    result = Result(source, Draft("Hello there"), Report((
        Finding("rude", "rude-tone", Severity.ERROR, Span(0, 5), message, "a, b: c"),
    )))
    (line,) = github.render([result]).splitlines()
    assert line == (
        "::error file=odd%3A 100%25%2C really%0Anew.txt,line=1,col=1,endLine=1,endColumn=6,"
        "title=replylint rude-tone/rude::Refund 100%25: no, never%0D%0ASay sorry%0ASuggestion: a, b: c"
    )
    head, _, data = line.partition("::")[2].partition("::")
    properties = dict(item.split("=", 1) for item in head.split(" ", 1)[1].split(","))
    assert _unescape(properties["file"]) == source
    assert _unescape(data) == message + "\nSuggestion: a, b: c"


def test_levels_and_whole_reply_findings():
    """info becomes notice; a whole-reply finding has a line but no column; a multi-line span no columns."""
    reply = "Hi,\nwe can't\nhelp."
    result = Result("a.txt", Draft(reply), Report((
        Finding("no-sorry", "missing-basics", Severity.INFO, None, "No apology."),
        Finding("wall", "policy-excuse", Severity.WARNING, Span(4, 17), "Wall."),
    )))
    assert github.render([result]).splitlines() == [
        "::notice file=a.txt,line=1,title=replylint missing-basics/no-sorry::No apology.",
        "::warning file=a.txt,line=2,endLine=3,title=replylint policy-excuse/wall::Wall.",
    ]


def test_summary_line_when_a_level_has_more_than_ten():
    """More than ten annotations of one level add a plain summary line; ten or fewer do not."""

    def results(errors: int, warnings: int) -> list[Result]:
        findings = [Finding("e", "arguing", Severity.ERROR, Span(0, 1), "E") for _ in range(errors)]
        findings += [Finding("w", "arguing", Severity.WARNING, Span(0, 1), "W") for _ in range(warnings)]
        return [
            Result("a.txt", Draft("x"), Report(tuple(findings[:6]))),
            Result("b.txt", Draft("x"), Report(tuple(findings[6:]))),
        ]

    assert not github.render(results(10, 10)).splitlines()[-1].startswith("replylint:")
    lines = github.render(results(12, 25)).splitlines()
    assert len(lines) == 38
    assert lines[-1] == (
        "replylint: 37 findings (12 errors, 25 warnings) in 2 files; "
        "GitHub shows the first 10 of each level, see the full report with --format text"
    )


def test_no_findings_no_output():
    """Clean drafts produce no workflow commands at all."""
    assert github.render([Result("a.txt", Draft("Thanks!"), Report(()))]) == ""
