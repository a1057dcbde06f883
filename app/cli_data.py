"""The headless data commands: ``validate``, ``stats``, ``convert`` and ``export``.

Readable for people by default, ``--json`` for scripts. Exit codes: 0 clean, 1 problems found in
the data, 2 unusable input or wrong usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

import orjson

from app.formats.column_mapping import ColumnMapping, MappingError
from app.formats.model import Finding, Kind, Severity
from app.formats.readers import FORMATS, read_file
from app.formats.stats import DatasetStats
from app.formats.writers import write_messages_jsonl, write_openai_jsonl, write_pairs_jsonl
from app.i18n import _, ngettext, number

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
WRITERS = {"openai": write_openai_jsonl, "messages": write_messages_jsonl, "pairs": write_pairs_jsonl}


def add_data_commands(sub: argparse._SubParsersAction) -> None:
    """Register the data subcommands on the app's parser."""
    formats = sorted(FORMATS)

    def mapping_options(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group(_("columns of a CSV/TSV file (guessed from the header when not given)"))
        for part in ("user", "assistant", "system", "prompt", "chosen", "rejected"):
            g.add_argument(f"--{part}", metavar=_("COLUMN"),
                           help=_("the column that holds the {part} text").format(part=part))
        g.add_argument("--system-prompt", metavar=_("TEXT"), help=_("a fixed system prompt for every example"))

    method_help = _("training method (detected when not given)")
    format_help = _("input format (detected when not given)")
    json_help = _("machine-readable output")
    v = sub.add_parser("validate", help=_("check a training file against the platform's rules"),
                       description=_("Check a training file against the platform's rules."))
    v.add_argument("file", metavar=_("FILE"), help=_("the file to check"))
    v.add_argument("--method", choices=["sft", "dpo", "rft"], help=method_help)
    v.add_argument("--model", metavar=_("MODEL"),
                   help=_("base model, e.g. gpt-4.1-mini-2025-04-14 (for context limits)"))
    v.add_argument("--from", dest="fmt", choices=formats, help=format_help)
    v.add_argument("--json", action="store_true", help=json_help)
    v.add_argument("--max-findings", type=int, default=200, metavar="N",
                   help=_("findings listed in readable output (default 200)"))
    mapping_options(v)
    v.set_defaults(handler=cmd_validate)

    s = sub.add_parser("stats", help=_("counts, tokens, predicted epochs and cost of a training file"),
                       description=_("Counts, tokens, predicted epochs and cost of a training file."))
    s.add_argument("file", metavar=_("FILE"), help=_("the training file"))
    s.add_argument("--method", choices=["sft", "dpo", "rft"], help=method_help)
    s.add_argument("--model", metavar=_("MODEL"),
                   help=_("base model for the cost estimate (default gpt-4.1-mini-2025-04-14)"))
    s.add_argument("--epochs", type=int, metavar="N", help=_("epochs you plan to train (predicted when not given)"))
    s.add_argument("--from", dest="fmt", choices=formats, help=format_help)
    s.add_argument("--json", action="store_true", help=json_help)
    mapping_options(s)
    s.set_defaults(handler=cmd_stats)

    c = sub.add_parser("convert", help=_("convert between training-data formats"),
                       description=_("Convert between training-data formats."))
    c.add_argument("input", metavar=_("INPUT"), help=_("the file to read"))
    c.add_argument("output", metavar=_("OUTPUT"), help=_("the file to write"))
    c.add_argument("--from", dest="fmt", choices=formats, help=format_help)
    c.add_argument("--to", dest="to", choices=sorted(WRITERS), default="openai", help=_("output format"))
    c.add_argument("--method", choices=["sft", "dpo", "rft"], help=method_help)
    mapping_options(c)
    c.set_defaults(handler=cmd_convert)

    e = sub.add_parser("export", help=_("write a dataset of a project to a file"),
                       description=_("Write a dataset of a project to a file."))
    e.add_argument("project", metavar=_("PROJECT"), help=_("the project file (.ftproj)"))
    e.add_argument("dataset", metavar=_("DATASET"), help=_("the dataset's name or id"))
    e.add_argument("output", metavar=_("OUTPUT"), help=_("the file to write"))
    e.add_argument("--to", dest="to", choices=sorted(WRITERS), default="openai", help=_("output format"))
    e.set_defaults(handler=cmd_export)


def _mapping(args: argparse.Namespace) -> ColumnMapping | None:
    parts = {k: getattr(args, k, None) for k in ("user", "assistant", "system", "prompt", "chosen", "rejected")}
    prompt = getattr(args, "system_prompt", None)
    if not any(parts.values()) and not prompt:
        return None
    return ColumnMapping(**parts, system_prompt=prompt)


def _kind(args: argparse.Namespace) -> Kind | None:
    return Kind(args.method) if getattr(args, "method", None) else None


def _err(message: str) -> int:
    print(f"finetune-studio: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _check(args: argparse.Namespace, *, model: str | None) -> Any:
    from app.services.dataset_check import check_file

    return check_file(args.file, fmt=args.fmt, kind=_kind(args), model=model, mapping=_mapping(args),
                      n_epochs=getattr(args, "epochs", None))


def _unusable(report: Any) -> Finding | None:
    """A whole-file problem (wrong encoding, not text) that left nothing to check."""
    if report.examples == 0:
        whole = [f for f in report.problems if f.line is None]
        if whole:
            return whole[0]
    return None


def _run_check(args: argparse.Namespace, model: str | None) -> tuple[Any, int | None]:
    try:
        report = _check(args, model=model)
    except FileNotFoundError:
        return None, _err(_("{file}: no such file").format(file=args.file))
    except (OSError, MappingError) as exc:
        return None, _err(f"{args.file}: {exc}")
    whole = _unusable(report)
    if whole is not None:
        if getattr(args, "json", False):
            print(orjson.dumps({"file": str(args.file), "usable": False, "findings": [whole.to_dict()]}).decode())
        else:
            print(f"{args.file}: {whole.message}", file=sys.stderr)
        return None, EXIT_UNUSABLE
    return report, None


def cmd_validate(args: argparse.Namespace) -> int:
    """``finetune-studio validate``."""
    report, code = _run_check(args, args.model)
    if report is None:
        return code  # type: ignore[return-value]
    findings = report.findings
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if args.json:
        print(orjson.dumps({
            "file": str(args.file), "format": report.fmt, "method": str(report.kind), "model": args.model,
            "examples": report.examples, "errors": errors, "warnings": len(findings) - errors,
            "findings": [f.to_dict() for f in findings],
        }).decode())
    else:
        name = Path(args.file).name
        print(ngettext("{name}: {n} example ({format}, {method})", "{name}: {n} examples ({format}, {method})",
                       report.examples).format(name=name, n=number(report.examples), format=FORMATS[report.fmt].label,
                                               method=str(report.kind).upper()))
        for f in findings[: args.max_findings]:
            mark = _("error  ") if f.severity is Severity.ERROR else _("warning")
            print(f"  {mark} {f.message}" + (f"  [{f.code} {f.path}]" if f.path else f"  [{f.code}]"))
        if len(findings) > args.max_findings:
            print("  " + _("… and {n} more (use --json for all)").format(n=number(len(findings) - args.max_findings)))
        verdict = _("ready to train") if not errors else _("fix the errors before training")
        print(_("Errors: {errors}, warnings: {warnings} — {verdict}.").format(
            errors=number(errors), warnings=number(len(findings) - errors), verdict=verdict))
    return EXIT_PROBLEMS if errors else EXIT_OK


def _stats_dict(st: DatasetStats) -> dict[str, Any]:
    d = dataclasses.asdict(st)
    d["kind"] = str(st.kind)
    return d


def cmd_stats(args: argparse.Namespace) -> int:
    """``finetune-studio stats``."""
    model = args.model or "gpt-4.1-mini-2025-04-14"
    report, code = _run_check(args, model)
    if report is None:
        return code  # type: ignore[return-value]
    st: DatasetStats = report.stats
    if args.json:
        print(orjson.dumps(_stats_dict(st), default=str).decode())
        return EXIT_OK
    est = _(" (estimate)") if st.estimated else ""
    print(ngettext("{name}: {n} {method} example", "{name}: {n} {method} examples", st.examples).format(
        name=Path(args.file).name, n=number(st.examples), method=str(st.kind).upper()))
    for label, dist in ((_("messages per example"), st.messages), (_("tokens per example") + est, st.tokens),
                        (_("assistant tokens per example") + est, st.assistant_tokens)):
        if dist is not None:
            print("  " + _("{label}: min {min} · p10 {p10} · median {median} · p90 {p90} · max {max}").format(
                label=label, min=number(dist.min), p10=number(dist.p10), median=number(dist.median),
                p90=number(dist.p90), max=number(dist.max)))
    print("  " + _("examples without a system message: {system}; without a user message: {user}").format(
        system=number(st.missing_system), user=number(st.missing_user)))
    if st.over_limit:
        print("  " + ngettext("{n} example exceeds the {limit}-token training context and would be truncated",
                              "{n} examples exceed the {limit}-token training context and would be truncated",
                              st.over_limit).format(n=number(st.over_limit), limit=number(st.context_limit)))
    if st.epochs:
        how = _("predicted") if st.epochs_predicted else _("chosen")
        print("  " + _("epochs: {epochs} ({how}) · billable tokens: {tokens}").format(
            epochs=st.epochs, how=how, tokens=number(st.billable_tokens)))
    print("  " + _("cost: {explanation}").format(explanation=st.cost.explanation))
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    """``finetune-studio convert``."""
    try:
        records = list(read_file(args.input, fmt=args.fmt, kind=_kind(args), mapping=_mapping(args)))
    except FileNotFoundError:
        return _err(_("{file}: no such file").format(file=args.input))
    except (OSError, MappingError) as exc:
        return _err(f"{args.input}: {exc}")
    good = [r.data for r in records if r.data is not None]
    problems = [f for r in records for f in r.findings]
    if not good and problems and problems[0].line is None:
        return _err(f"{args.input}: {problems[0].message}")
    for f in problems:
        severity = _("error") if f.severity is Severity.ERROR else _("warning")
        print(f"  {severity}: {f.message}", file=sys.stderr)
    try:
        WRITERS[args.to](args.output, good)
    except OSError as exc:
        return _err(_("cannot write {file}: {reason}").format(file=args.output, reason=exc.strerror or exc))
    skipped = sum(1 for r in records if r.data is None)
    wrote = ngettext("wrote {n} example to {file}", "wrote {n} examples to {file}", len(good)).format(
        n=number(len(good)), file=args.output)
    print(wrote + (ngettext("; skipped {n} bad line", "; skipped {n} bad lines", skipped).format(n=number(skipped))
                   if skipped else ""))
    return EXIT_PROBLEMS if skipped else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """``finetune-studio export``."""
    from app.services.projects import open_project_sync
    from app.store import datasets_repo
    from app.store.errors import ProjectError

    try:
        project = open_project_sync(Path(args.project))
    except ProjectError as exc:
        return _err(str(exc))
    try:
        datasets = project.db.submit_read(datasets_repo.list_datasets).result()
        match = [d for d in datasets if d.name == args.dataset or str(d.id) == args.dataset]
        if not match:
            names = ", ".join(f"“{d.name}”" for d in datasets) or _("none")
            return _err(_("no dataset “{name}” in {project} (datasets: {names})").format(
                name=args.dataset, project=args.project, names=names))
        ds = match[0]
        texts = project.db.submit_read(lambda db: list(datasets_repo.iter_example_data(db, ds.id))).result()
    finally:
        project._close_sync()
    try:
        if args.to == "openai":
            # The stored text is the example as imported: written back byte for byte.
            from app.formats.writers import atomic_write

            atomic_write(args.output, (t.encode() + b"\n" for t in texts))
        else:
            WRITERS[args.to](args.output, (orjson.loads(t) for t in texts))
    except OSError as exc:
        return _err(_("cannot write {file}: {reason}").format(file=args.output, reason=exc.strerror or exc))
    print(ngettext("wrote {n} example of “{name}” to {file}", "wrote {n} examples of “{name}” to {file}",
                   len(texts)).format(n=number(len(texts)), name=ds.name, file=args.output))
    return EXIT_OK
