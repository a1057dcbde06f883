"""The headless training commands: ``finetune-studio jobs launch|list|show|cancel|pause|resume``.

They talk to the provider directly and need no project: nothing is cached or frozen (the app's Jobs
view does that). Readable for people by default, ``--json`` for scripts. Exit codes: 0 done,
1 problems in the data or a provider error (its plain message is printed), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from app.formats.model import Finding, Kind, Severity
from app.i18n import N_, _, ngettext, number
from app.models.connection import ConnectionProfile, ProviderKind

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
METHODS = {"sft": ("supervised", Kind.SFT), "dpo": ("dpo", Kind.DPO), "rft": ("reinforcement", Kind.RFT)}
# Poll failures worth waiting out while following a job; anything else ends ``show --follow``.
_TRANSIENT = {"timeout", "unreachable", "rate_limit", "server"}
T = TypeVar("T")

DESCRIPTION = N_(
    "Start and follow fine-tuning jobs on the provider. These commands need no project and keep no "
    "record of their own (the app's Jobs view keeps one). Connect with --profile NAME (a connection saved "
    "in the app; its key comes from the system keyring), or with --base-url URL (or --azure-endpoint URL "
    "--api-version V) and the key in the OPENAI_API_KEY environment variable."
)


class UsageError(Exception):
    """Wrong or missing arguments (exit 2)."""


def add_jobs_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``jobs`` and its actions on the app's parser."""
    description = _(DESCRIPTION)
    conn = argparse.ArgumentParser(add_help=False)
    g = conn.add_argument_group(_("connection"))
    g.add_argument("--profile", metavar=_("NAME"), help=_("a connection saved in the app (key from the keyring)"))
    g.add_argument("--base-url", metavar="URL", help=_("an OpenAI-compatible API (key from OPENAI_API_KEY)"))
    g.add_argument("--azure-endpoint", metavar="URL", help=_("an Azure OpenAI resource (key from OPENAI_API_KEY)"))
    g.add_argument("--api-version", metavar="V", help=_("the Azure API version, e.g. 2025-04-01-preview"))
    g.add_argument("--timeout", type=float, default=60.0, metavar=_("SECONDS"),
                   help=_("seconds to wait for each request (default 60)"))
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--json", action="store_true", help=_("machine-readable output"))

    jobs = sub.add_parser("jobs", help=_("start and follow training jobs (no project needed)"), description=description)
    actions = jobs.add_subparsers(dest="jobs_command", metavar=_("ACTION"), required=True)

    la = actions.add_parser("launch", parents=[conn, out], help=_("check a file, upload it and start training"),
                            description=description)
    la.add_argument("file", metavar=_("FILE"), help=_("the training file (OpenAI JSONL)"))
    la.add_argument("--method", choices=sorted(METHODS), required=True, help=_("training method"))
    la.add_argument("--model", required=True, metavar=_("MODEL"), help=_("base model, e.g. gpt-4.1-mini-2025-04-14"))
    la.add_argument("--validation", metavar=_("FILE"), help=_("a validation file (required for rft)"))
    la.add_argument("--suffix", metavar=_("SUFFIX"), help=_("a short name added to the trained model's name"))
    la.add_argument("--seed", type=int, metavar="N", help=_("a seed, to make the training reproducible"))
    la.add_argument("--n-epochs", type=int, metavar="N",
                    help=_("epochs to train (the provider chooses when not given)"))
    la.add_argument("--grader", metavar=_("GRADER.json"), help=_("the grader as JSON (required for rft)"))
    la.add_argument("--yes", action="store_true", help=_("start without asking"))
    la.set_defaults(handler=cmd_launch)

    ls = actions.add_parser("list", parents=[conn, out], help=_("the newest jobs"), description=description)
    ls.add_argument("--limit", type=int, default=20, metavar="N", help=_("how many jobs to list (default 20)"))
    ls.set_defaults(handler=cmd_list)

    sh = actions.add_parser("show", parents=[conn, out], help=_("one job; --follow to watch it to the end"),
                            description=description)
    sh.add_argument("job_id", metavar="ID", help=_("the job's id (ftjob-…)"))
    sh.add_argument("--follow", action="store_true", help=_("print changes, events and metrics until it ends"))
    sh.add_argument("--interval", type=float, default=15.0, metavar=_("SECONDS"),
                    help=_("seconds between polls (default 15)"))
    sh.set_defaults(handler=cmd_show)

    for name, text in (("cancel", _("stop a job for good")), ("pause", _("pause a running job")),
                       ("resume", _("resume a paused job"))):
        a = actions.add_parser(name, parents=[conn, out], help=text, description=description)
        a.add_argument("job_id", metavar="ID", help=_("the job's id (ftjob-…)"))
        a.set_defaults(handler=cmd_action, action=name)


# --- plumbing ---------------------------------------------------------------------------------------


def _fail(message: str, code: int) -> int:
    print(f"finetune-studio: {message}", file=sys.stderr)
    return code


def _emit(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str), flush=True)


def _connection(args: argparse.Namespace) -> tuple[ConnectionProfile, str | None]:
    """The profile and key the arguments name."""
    env_key = os.environ.get("OPENAI_API_KEY") or None
    if args.profile:
        from app.paths import app_dirs
        from app.secrets import keystore
        from app.settings import load_settings

        saved = load_settings(app_dirs().settings_file).connections
        found = next((c for c in saved if args.profile in (c.name, c.id)), None)
        if found is None:
            names = ", ".join(f"“{c.name}”" for c in saved) or _("none saved")
            raise UsageError(_("there is no connection “{name}” (connections: {names})").format(
                name=args.profile, names=names))
        try:
            key = keystore.get_key(found.id)
        except keystore.KeyringUnavailableError as exc:
            raise UsageError(str(exc)) from None
        if not key and found.kind is not ProviderKind.COMPATIBLE:
            raise UsageError(_("the connection “{name}” has no API key yet; add it in the app's Settings").format(
                name=found.name))
        return found, key
    if args.azure_endpoint:
        profile = ConnectionProfile(name="Azure OpenAI", kind=ProviderKind.AZURE, azure_endpoint=args.azure_endpoint)
        if args.api_version:
            profile.api_version = args.api_version
    elif args.base_url:
        profile = ConnectionProfile(name=args.base_url, base_url=args.base_url)
    elif env_key:
        profile = ConnectionProfile(name="OpenAI")
    else:
        raise UsageError(_("choose a connection: --profile NAME, or --base-url URL with OPENAI_API_KEY set"))
    problems = profile.problems()
    if problems:
        raise UsageError(" ".join(problems))
    if not env_key:
        raise UsageError(_("set the API key in the OPENAI_API_KEY environment variable"))
    return profile, env_key


def _run(args: argparse.Namespace, work: Callable[[Any, ConnectionProfile], Awaitable[T]]) -> T:
    """Run ``work(client, profile)`` on a fresh event loop with a client that is closed afterwards."""
    from app.services import providers

    profile, key = _connection(args)

    async def main() -> T:
        client = providers.build_client(profile, key, timeout=args.timeout)
        try:
            return await work(client, profile)
        finally:
            await client.close()

    return asyncio.run(main())


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Provider errors print their plain message (exit 1); usage errors exit 2."""

    def run(args: argparse.Namespace) -> int:
        from app.services.provider_errors import ProviderError

        try:
            return handler(args)
        except UsageError as exc:
            return _fail(str(exc), EXIT_USAGE)
        except ProviderError as exc:
            return _fail(exc.message, EXIT_PROBLEMS)
        except KeyboardInterrupt:
            return _fail(_("stopped"), 130)

    run.__doc__ = handler.__doc__
    return run


def _job_dict(info: Any) -> dict[str, Any]:
    return dict(info.raw) if info.raw else {"id": info.id, "status": info.status, "model": info.model}


def _job_line(info: Any) -> str:
    extra = info.fine_tuned_model or (_("error: {message}").format(message=info.error_message)
                                      if info.error_message else "")
    return f"{info.id}  {info.status:<16} {info.method:<13} {info.model}  {extra}".rstrip()


# --- launch -----------------------------------------------------------------------------------------


def _print_findings(label: str, findings: list[Finding], say: Callable[[str], None]) -> None:
    for f in findings:
        mark = _("error  ") if f.severity is Severity.ERROR else _("warning")
        where = _("line {n}: ").format(n=f.line) if f.line else ""
        say(f"  {label}: {mark} {where}{f.message}")


def _check(path: str, kind: Kind, model: str, n_epochs: int | None, purpose: str) -> Any:
    from app.services.dataset_check import check_file

    try:
        return check_file(path, kind=kind, model=model, n_epochs=n_epochs, purpose=purpose)
    except FileNotFoundError:
        raise UsageError(_("{file}: no such file").format(file=path)) from None
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from None


def _grader(args: argparse.Namespace) -> dict[str, Any] | None:
    if not args.grader:
        return None
    try:
        grader = json.loads(Path(args.grader).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(
            _("{file}: not a readable JSON grader ({reason})").format(file=args.grader, reason=exc)
        ) from None
    if not isinstance(grader, dict):
        raise UsageError(_("{file}: the grader must be a JSON object").format(file=args.grader))
    return grader


@_guarded
def cmd_launch(args: argparse.Namespace) -> int:
    """``finetune-studio jobs launch``."""
    method, kind = METHODS[args.method]
    if kind is Kind.RFT and not (args.validation and args.grader):
        raise UsageError(_("reinforcement fine-tuning (rft) needs --validation FILE and --grader GRADER.json"))
    grader = _grader(args) if kind is Kind.RFT else None
    _connection(args)  # wrong connection arguments are reported before the data is checked
    say: Callable[[str], None] = (lambda s: print(s, file=sys.stderr)) if args.json else print
    report = _check(args.file, kind, args.model, args.n_epochs, "training")
    vreport = _check(args.validation, kind, args.model, None, "validation") if args.validation else None
    errors = report.errors + (vreport.errors if vreport else 0)
    name = Path(args.file).name
    if errors:
        if args.json:
            findings = report.findings + (vreport.findings if vreport else [])
            _emit({"started": False, "errors": errors, "findings": [f.to_dict() for f in findings]})
        else:
            _print_findings(name, [f for f in report.findings if f.severity is Severity.ERROR], say)
            if vreport:
                _print_findings(Path(args.validation).name,
                                [f for f in vreport.findings if f.severity is Severity.ERROR], say)
            say(ngettext("{n} error: fix it before training. Nothing was uploaded.",
                         "{n} errors: fix them before training. Nothing was uploaded.", errors).format(
                n=number(errors)))
        return EXIT_PROBLEMS
    st = report.stats
    say(ngettext("{name}: {n} {method} example", "{name}: {n} {method} examples", report.examples).format(
        name=name, n=number(report.examples), method=args.method.upper())
        + (_(", {n} for validation").format(n=number(vreport.examples)) if vreport else ""))
    _print_findings(name, report.findings, say)
    if st is not None:
        how = _("predicted") if st.epochs_predicted else _("chosen")
        say("  " + _("epochs: {epochs} ({how}) · billable tokens: {tokens}").format(
            epochs=st.epochs, how=how, tokens=number(st.billable_tokens)))
        say("  " + _("cost: {explanation}").format(explanation=st.cost.explanation))
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(_("not starting without confirmation: add --yes to start training"))
        # "y"/"yes" always work; the translation may add its own words (e.g. "s"/"sim").
        yes = {"y", "yes", *_("y,yes").split(",")}
        if input(_("Start training? [y/N] ")).strip().lower() not in yes:
            say(_("Nothing was started."))
            return EXIT_OK
    hyper = {"n_epochs": args.n_epochs} if args.n_epochs else None
    request_id = uuid.uuid4().hex

    async def work(client: Any, profile: ConnectionProfile) -> Any:
        from app.services import jobs_api, uploads

        def progress(label: str) -> Callable[[int, int], None]:
            return lambda done, total: say("  " + _("uploading {file}: {percent}%").format(
                file=label, percent=done * 100 // max(total, 1)))

        train_id = await uploads.upload_training_file(client, profile, args.file, progress=progress(name))
        val_id = None
        if args.validation:
            val_id = await uploads.upload_training_file(
                client, profile, args.validation, progress=progress(Path(args.validation).name)
            )
        return await jobs_api.create_job(
            client, profile, model=args.model, training_file=train_id, validation_file=val_id, method=method,
            client_request_id=request_id, hyperparameters=hyper, suffix=args.suffix, seed=args.seed, grader=grader,
        )

    info = _run(args, work)
    if args.json:
        _emit({"started": True, "id": info.id, "status": info.status, "request_id": request_id,
               "job": _job_dict(info)})
    else:
        print(_("Started job {id} ({status}). Follow it with: finetune-studio jobs show {id} --follow").format(
            id=info.id, status=info.status))
    return EXIT_OK


# --- list, show, actions ----------------------------------------------------------------------------


@_guarded
def cmd_list(args: argparse.Namespace) -> int:
    """``finetune-studio jobs list``."""
    from app.services import jobs_api

    infos = _run(args, lambda client, profile: jobs_api.list_jobs(client, profile, limit=args.limit))
    if args.json:
        _emit([_job_dict(i) for i in infos])
    elif not infos:
        print(_("No training jobs yet."))
    else:
        for info in infos:
            print(_job_line(info))
    return EXIT_OK


def _metrics_text(data: dict[str, Any]) -> str:
    numbers = ", ".join(f"{k}={v}" for k, v in data.items() if k not in ("step", "total_steps"))
    return _("step {step}/{total}: {numbers}").format(step=data.get("step"), total=data.get("total_steps", "?"),
                                                     numbers=numbers)


async def _follow(client: Any, profile: ConnectionProfile, args: argparse.Namespace) -> Any:
    from app.services import jobs_api

    status = None
    last = None
    interval = max(args.interval, 0.01)
    async for update in jobs_api.watch_job(client, profile, args.job_id, interval=interval,
                                           max_interval=max(interval * 8, 60.0)):
        if update.error is not None:
            if update.exception is not None and str(update.exception.kind) not in _TRANSIENT:
                raise update.exception
            print("finetune-studio: " + _("{error} (trying again)").format(error=update.error), file=sys.stderr)
            continue
        last = update.job
        if last.status != status:
            status = last.status
            if args.json:
                _emit({"type": "status", "status": status})
            else:
                print(_("status: {status}").format(status=status), flush=True)
        for e in update.events:
            if args.json:
                _emit({"type": "event", "id": e.id, "created_at": e.created_at, "level": e.level,
                       "event_type": e.type, "message": e.message, "data": e.data})
            elif e.type == "metrics" and e.data:
                print("  " + _("metrics {text}").format(text=_metrics_text(e.data)), flush=True)
            else:
                print(f"  [{e.level}] {e.message}", flush=True)
    return last


@_guarded
def cmd_show(args: argparse.Namespace) -> int:
    """``finetune-studio jobs show``."""
    from app.services import jobs_api

    if args.follow:
        info = _run(args, lambda client, profile: _follow(client, profile, args))
    else:
        info = _run(args, lambda client, profile: jobs_api.get_job(client, profile, args.job_id))
    if args.json:
        _emit({"type": "job", "job": _job_dict(info)} if args.follow else _job_dict(info))
    else:
        print(_job_line(info))
        if info.fine_tuned_model:
            print(_("trained model: {model}").format(model=info.fine_tuned_model))
        if info.error_message:
            print(_("error: {message}").format(message=info.error_message))
    return EXIT_PROBLEMS if info.status == "failed" else EXIT_OK


@_guarded
def cmd_action(args: argparse.Namespace) -> int:
    """``finetune-studio jobs cancel|pause|resume``."""
    from app.services import jobs_api

    call = {"cancel": jobs_api.cancel_job, "pause": jobs_api.pause_job, "resume": jobs_api.resume_job}[args.action]
    info = _run(args, lambda client, profile: call(client, profile, args.job_id))
    if args.json:
        _emit(_job_dict(info))
    else:
        print(f"{info.id}: {info.status}")
    return EXIT_OK
