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

from app.formats.model import Finding, Kind, Severity
from app.formats.readers import FORMATS, read_file
from app.formats.stats import DatasetStats
from app.formats.tabular import ColumnMapping, MappingError
from app.formats.writers import write_messages_jsonl, write_openai_jsonl, write_pairs_jsonl

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
WRITERS = {"openai": write_openai_jsonl, "messages": write_messages_jsonl, "pairs": write_pairs_jsonl}


def add_data_commands(sub: argparse._SubParsersAction) -> None:
    """Register the data subcommands on the app's parser."""
    formats = sorted(FORMATS)

    def mapping_options(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("columns of a CSV/TSV file (guessed from the header when not given)")
        for part in ("user", "assistant", "system", "prompt", "chosen", "rejected"):
            g.add_argument(f"--{part}", metavar="COLUMN", help=f"the column that holds the {part} text")
        g.add_argument("--system-prompt", metavar="TEXT", help="a fixed system prompt for every example")

    v = sub.add_parser("validate", help="check a training file against the platform's rules")
    v.add_argument("file")
    v.add_argument("--method", choices=["sft", "dpo", "rft"], help="training method (detected when not given)")
    v.add_argument("--model", help="base model, e.g. gpt-4.1-mini-2025-04-14 (for context limits)")
    v.add_argument("--from", dest="fmt", choices=formats, help="input format (detected when not given)")
    v.add_argument("--json", action="store_true", help="machine-readable output")
    v.add_argument("--max-findings", type=int, default=200, help="findings listed in readable output (default 200)")
    mapping_options(v)
    v.set_defaults(handler=cmd_validate)

    s = sub.add_parser("stats", help="counts, tokens, predicted epochs and cost of a training file")
    s.add_argument("file")
    s.add_argument("--method", choices=["sft", "dpo", "rft"])
    s.add_argument("--model", help="base model for the cost estimate (default gpt-4.1-mini-2025-04-14)")
    s.add_argument("--epochs", type=int, help="epochs you plan to train (predicted when not given)")
    s.add_argument("--from", dest="fmt", choices=formats)
    s.add_argument("--json", action="store_true")
    mapping_options(s)
    s.set_defaults(handler=cmd_stats)

    c = sub.add_parser("convert", help="convert between training-data formats")
    c.add_argument("input")
    c.add_argument("output")
    c.add_argument("--from", dest="fmt", choices=formats, help="input format (detected when not given)")
    c.add_argument("--to", dest="to", choices=sorted(WRITERS), default="openai", help="output format")
    c.add_argument("--method", choices=["sft", "dpo", "rft"])
    mapping_options(c)
    c.set_defaults(handler=cmd_convert)

    e = sub.add_parser("export", help="write a dataset of a project to a file")
    e.add_argument("project")
    e.add_argument("dataset", help="the dataset's name or id")
    e.add_argument("output")
    e.add_argument("--to", dest="to", choices=sorted(WRITERS), default="openai")
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
        return None, _err(f"{args.file}: no such file")
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
        print(f"{name}: {report.examples:,} examples ({FORMATS[report.fmt].label}, {str(report.kind).upper()})")
        for f in findings[: args.max_findings]:
            mark = "error  " if f.severity is Severity.ERROR else "warning"
            print(f"  {mark} {f.message}" + (f"  [{f.code} {f.path}]" if f.path else f"  [{f.code}]"))
        if len(findings) > args.max_findings:
            print(f"  … and {len(findings) - args.max_findings:,} more (use --json for all)")
        verdict = "ready to train" if not errors else "fix the errors before training"
        print(f"{errors:,} error(s), {len(findings) - errors:,} warning(s): {verdict}.")
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
    est = " (estimate)" if st.estimated else ""
    print(f"{Path(args.file).name}: {st.examples:,} {str(st.kind).upper()} examples")
    for label, dist in (("messages per example", st.messages), ("tokens per example" + est, st.tokens),
                        ("assistant tokens per example" + est, st.assistant_tokens)):
        if dist is not None:
            print(f"  {label}: min {dist.min:,} · p10 {dist.p10:,.0f} · median {dist.median:,.0f} · "
                  f"p90 {dist.p90:,.0f} · max {dist.max:,}")
    print(f"  examples without a system message: {st.missing_system:,}; without a user message: {st.missing_user:,}")
    if st.over_limit:
        print(f"  {st.over_limit:,} example(s) exceed the {st.context_limit:,}-token training context and "
              "would be truncated")
    if st.epochs:
        how = "predicted" if st.epochs_predicted else "chosen"
        print(f"  epochs: {st.epochs} ({how}) · billable tokens: {st.billable_tokens:,}")
    print(f"  cost: {st.cost.explanation}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    """``finetune-studio convert``."""
    try:
        records = list(read_file(args.input, fmt=args.fmt, kind=_kind(args), mapping=_mapping(args)))
    except FileNotFoundError:
        return _err(f"{args.input}: no such file")
    except (OSError, MappingError) as exc:
        return _err(f"{args.input}: {exc}")
    good = [r.data for r in records if r.data is not None]
    problems = [f for r in records for f in r.findings]
    if not good and problems and problems[0].line is None:
        return _err(f"{args.input}: {problems[0].message}")
    for f in problems:
        print(f"  {f.severity}: {f.message}", file=sys.stderr)
    try:
        WRITERS[args.to](args.output, good)
    except OSError as exc:
        return _err(f"cannot write {args.output}: {exc.strerror or exc}")
    skipped = sum(1 for r in records if r.data is None)
    print(f"wrote {len(good):,} examples to {args.output}" + (f"; skipped {skipped:,} bad line(s)" if skipped else ""))
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
            names = ", ".join(f"“{d.name}”" for d in datasets) or "none"
            return _err(f"no dataset “{args.dataset}” in {args.project} (datasets: {names})")
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
        return _err(f"cannot write {args.output}: {exc.strerror or exc}")
    print(f"wrote {len(texts):,} examples of “{ds.name}” to {args.output}")
    return EXIT_OK
