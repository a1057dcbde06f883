"""Privacy: no network request the user did not ask for, no unencrypted connection off this computer
unless the user allowed it for that connection, and no grader code of the user's run here.

* Every socket connect and every name lookup of the process is recorded (``socket.socket.connect``,
  ``connect_ex``, ``socket.getaddrinfo``, which asyncio and the SDK's HTTP stack go through) while the
  app starts as ``ui.application.amain`` does — with saved connections and their keys — reopens a
  project whose examples point at web images, checks those examples and shows every view, the
  example editor with the images and the Connections dialog: not one connect, not one lookup. The
  app has no "check images online" option: web images are never fetched (the platform fetches them
  during training), so nothing here can ask for them. Then the user presses Refresh in the Jobs view:
  now there are connects, all to the stand-in on 127.0.0.1 — the recorder sees what it must.
* A static check: no module of the app imports a network or telemetry library, except the one
  module that talks to providers; the only subprocess is ``git describe``.
* http:// addresses: refused unless loopback or allowed for that connection (model, settings file,
  client, the Connections dialog's checkbox).
* Python graders: the local scorer, the structure check, the field check and the reward preview
  never run the source (it would create a file); no ``exec``/``eval``/``compile`` anywhere in app/.
"""

from __future__ import annotations

import ast
import asyncio
import functools
import ipaddress
import json
import re
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.formats.model import Kind, Record
from app.formats.pipeline import check_records
from app.formats.validate import validate_example
from app.graders.local import score_locally
from app.graders.structure import structure_problems
from app.graders.templates import check_against_examples
from app.models.chat import ChatParams
from app.models.connection import ConnectionProfile, ProviderKind, is_loopback_host
from app.paths import app_dirs
from app.runtime.threads import run_blocking
from app.secrets import keystore
from app.services import chat, providers, reward_preview
from app.services.importing import ImportRequest, run_import
from app.services.projects import open_project_sync
from app.services.provider_errors import ErrorKind, ProviderError
from app.settings import Settings, load_settings, save_settings
from app.store.project_file import create_project
from tests.ui import conftest as ui_test_bed
from tests.ui.conftest import until

# The UI test bed's fixtures (tests/ui/conftest.py does not reach this folder), registered by name.
globals().update({name: getattr(ui_test_bed, name) for name in ("qloop", "arun", "ctx", "window")})

ROOT = Path(__file__).resolve().parents[2]
WEB_IMAGES = [f"https://images.example-cdn.test/scan-{i}.png" for i in range(5)] + ["http://intranet.example/x.jpg"]


# --- recording the network ----------------------------------------------------------------------


@dataclass
class NetworkLog:
    """Internet connects (family, address) and name lookups (host) seen while ``on``."""

    on: bool = False
    connects: list[tuple[str, object]] = field(default_factory=list)
    lookups: list[str] = field(default_factory=list)

    def connect(self, family: int, address: object) -> None:
        if self.on and family in (socket.AF_INET, socket.AF_INET6):
            self.connects.append((socket.AddressFamily(family).name, address))

    def lookup(self, host: object) -> None:
        if self.on:
            self.lookups.append(str(host))

    def off_this_computer(self) -> list[object]:
        """Connects and lookups that leave the computer."""
        far = [a for _f, a in self.connects if not is_loopback_host(str(a[0]))]  # type: ignore[index]
        return far + [h for h in self.lookups if not is_loopback_host(h)]

    def clear(self) -> None:
        self.connects.clear()
        self.lookups.clear()


@pytest.fixture
def network(monkeypatch) -> NetworkLog:
    """Record what the process connects to and looks up (recording starts with ``network.on = True``)."""
    log = NetworkLog()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):  # noqa: ANN001, ANN202
        log.connect(sock.family, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):  # noqa: ANN001, ANN202
        log.connect(sock.family, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        log.lookup(host)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return log


def image_example(i: int) -> dict:
    return {"messages": [
        {"role": "user", "content": [
            {"type": "text", "text": f"What does scan {i} show?"},
            {"type": "image_url", "image_url": {"url": WEB_IMAGES[i % len(WEB_IMAGES)], "detail": "low"}},
        ]},
        {"role": "assistant", "content": f"Scan {i} shows a healthy knee."},
    ]}


def prepare_home(tmp_path: Path, standin) -> tuple[Path, ConnectionProfile]:  # noqa: ANN001
    """What an earlier session left: a project with web images, two connections with their keys."""
    project_path = tmp_path / "radiology.ftproj"
    create_project(project_path)
    project = open_project_sync(project_path)
    try:
        data = tmp_path / "scans.jsonl"
        data.write_text("".join(json.dumps(image_example(i)) + "\n" for i in range(len(WEB_IMAGES))), encoding="utf-8")
        run_import(project, ImportRequest(data, name="scans"))
    finally:
        project._close_sync()
    settings = Settings()
    local = ConnectionProfile(name="Stand-in", base_url=standin.base_url)
    settings.upsert_connection(local)
    settings.upsert_connection(ConnectionProfile(name="OpenAI"))  # api.openai.com
    settings.active_connection = local.id
    settings.note_opened(project_path)
    for profile in settings.connections:
        keystore.set_key(profile.id, standin.api_key)
    save_settings(app_dirs().ensure().settings_file, settings)
    return project_path, local


def test_start_up_and_browsing_make_no_network_request(qloop, arun, app_home, tmp_path, standin, network):
    from PySide6.QtWidgets import QApplication, QLabel

    from ui.app_context import AppContext
    from ui.main_window import MainWindow

    project_path, profile = prepare_home(tmp_path, standin)
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)  # as the app does: closing the window must not stop the loop here
    network.on = True
    standin.clear_requests()

    async def scenario():
        # As ui.application.amain starts the app.
        ctx = AppContext(app_dirs().ensure())
        await ctx.load_settings()
        window = MainWindow(ctx)
        window.show()
        try:
            await ctx.open_startup_project()
            await ctx.refresh_connection_state()
            assert ctx.project.path == project_path.resolve()

            # The Datasets view: the dataset, its checks, the example editor with its web images.
            datasets = window.pages.widget(0)
            await until(lambda: datasets.dataset_id is not None, what="the dataset shown")
            await datasets.examples_model.wait_idle()
            datasets.examples.table.selectRow(0)
            await until(lambda: datasets.editor.example_id() is not None, what="the editor")
            await asyncio.sleep(0.3)
            shown = " ".join(label.text() for label in datasets.editor.findChildren(QLabel))
            assert "Web image" in shown and WEB_IMAGES[0] in shown

            # Every view, the Settings dialog.
            for key in window.view_keys:
                window.show_view(key)
                await asyncio.sleep(0.3)

            window.show_connections()
            await asyncio.sleep(0.3)
            window.connections_dialog.close()

            # Checking the examples here, as the import and the editor do.
            examples = [image_example(i) for i in range(len(WEB_IMAGES))]
            assert all(validate_example(obj, Kind.SFT) == [] for obj in examples)
            checked = await run_blocking(check_records, [Record(i + 1, o) for i, o in enumerate(examples)], Kind.SFT,
                                         "gpt-4o-2024-08-06")
            assert len(checked.examples) == len(examples)
            await asyncio.sleep(0.5)  # anything started in the background has had its chance

            # Nothing left the computer: no image host, no provider was even looked up.
            assert network.lookups == [] and network.off_this_computer() == [], network
            assert ctx.connection_state == "ready"  # a key is stored; nobody was called to check it
            assert "PySide6.QtNetwork" not in sys.modules
            # On this computer, the one request nobody asked for (see the end of the test).
            unasked = sorted({(r.method, r.endpoint) for r in standin.requests})
            assert unasked in ([], [("GET", "/models")]), unasked
            assert len(network.connects) == len(standin.requests)
            network.clear()

            # Now the user asks: Refresh in the Jobs view. Connects, all to the stand-in on this computer.
            window.show_view("jobs")
            jobs_view = window.pages.widget(2)
            await ctx.clients.close()  # no kept-alive connection: the recorder must see this one
            await jobs_view.refresh()
            assert network.connects and network.off_this_computer() == []
            assert {a[1] for _f, a in network.connects} == {standin.port}  # type: ignore[index]
            assert standin.requests_to("/fine_tuning/jobs")
            return unasked
        finally:
            window.close()
            await asyncio.sleep(0.05)
            await ctx.shutdown()

    try:
        unasked = arun(scenario(), timeout=30)
    finally:
        app.setQuitOnLastWindowClosed(True)
    # The Playground's model picker lists models only once it is on screen (it used to list them as
    # soon as the project's last Playground session loaded, with the Playground hidden).
    assert not unasked, f"unasked provider request at start-up: {unasked}"


# --- nothing in the code could phone home -------------------------------------------------------

NETWORK_MODULES = {"socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "httpx2", "httpcore",
                   "httpcore2", "aiohttp", "websocket", "websockets", "ftplib", "smtplib", "webbrowser", "openai",
                   "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
                   "sentry_sdk", "posthog", "segment", "mixpanel", "telemetry"}
ALLOWED = {
    "app/services/providers.py": {"openai", "httpx2", "socket", "ssl"},
    "app/selftest.py": {"ssl", "httpcore2"},  # reads the CA store the SDK would use; connects nowhere
}


@functools.cache
def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def imports_of(path: Path) -> set[str]:
    tree = tree_of(path)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def sources(*words: str) -> list[Path]:
    """The app's modules (app/ and ui/) whose text mentions one of ``words``: only those can do what a
    test looks for, and parsing just them keeps the checks fast."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    paths = [*(ROOT / "app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return sorted(p for p in paths if pattern.search(p.read_text(encoding="utf-8")))


def test_only_the_provider_module_can_reach_the_network():
    found = {}
    for path in sources(*{m.split(".")[-1] for m in NETWORK_MODULES}):
        rel = path.relative_to(ROOT).as_posix()
        hits = {n for n in imports_of(path) if n in NETWORK_MODULES or n.split(".")[0] in NETWORK_MODULES}
        hits -= ALLOWED.get(rel, set())
        if hits:
            found[rel] = sorted(hits)
    assert found == {}, f"network libraries imported outside app/services/providers.py: {found}"


def test_the_only_subprocess_is_git_describe():
    for path in sources("subprocess", "system", "popen"):
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id in ("subprocess", "os") and \
                    node.func.attr in ("run", "Popen", "call", "check_call", "check_output", "system", "popen"):
                assert path.relative_to(ROOT).as_posix() == "app/version.py", ast.dump(node)
                first = node.args[0]
                assert isinstance(first, ast.List) and isinstance(first.elts[0], ast.Constant)
                assert first.elts[0].value == "git"


# --- http:// only on this computer, or when allowed --------------------------------------------------

LOOPBACK = ["http://localhost:11434/v1", "http://LOCALHOST/v1", "http://127.0.0.1:8000/v1", "http://127.5.6.7/v1",
            "http://[::1]:8080/v1", "http://localhost./v1"]
FAR = ["http://192.168.1.20:8000/v1", "http://gateway.corp/v1", "http://localhost.example.com/v1",
       "http://127.0.0.1.nip.io/v1", "http://0.0.0.0:8000/v1", "http://[::ffff:10.0.0.1]/v1", "http://10.0.0.1/v1"]


@pytest.mark.parametrize("url", LOOPBACK + ["https://gateway.corp/v1", "https://10.0.0.1/v1"])
def test_https_and_loopback_addresses_need_no_consent(url):
    for profile in (ConnectionProfile(name="x", kind=ProviderKind.COMPATIBLE, base_url=url),
                    ConnectionProfile(name="x", base_url=url),
                    ConnectionProfile(name="x", kind=ProviderKind.AZURE, azure_endpoint=url)):
        assert profile.insecure_problem() is None
        assert profile.problems() == []


@pytest.mark.parametrize("url", FAR)
def test_plain_http_off_this_computer_is_refused_unless_allowed(url):
    for profile in (ConnectionProfile(name="x", kind=ProviderKind.COMPATIBLE, base_url=url),
                    ConnectionProfile(name="x", base_url=url),
                    ConnectionProfile(name="x", kind=ProviderKind.AZURE, azure_endpoint=url)):
        problems = profile.problems()
        assert len(problems) == 1
        text = problems[0]
        assert "not encrypted" in text and "Allow an unencrypted (http://) connection to this server" in text
        assert url in text
        allowed = ConnectionProfile(**{**profile.__dict__, "allow_insecure_http": True})
        assert allowed.problems() == [] and allowed.insecure_problem() is None


def test_loopback_means_127_8_and_localhost_only():
    assert all(is_loopback_host(h) for h in ("localhost", "127.0.0.1", "127.255.255.254", "::1", "[::1]"))
    assert not any(is_loopback_host(h) for h in ("0.0.0.0", "localhost.evil", "128.0.0.1", "::", "10.0.0.1", ""))
    assert is_loopback_host(str(ipaddress.ip_address("::ffff:127.0.0.1")))


def test_the_consent_is_saved_per_connection_and_only_a_real_true_counts(tmp_path):
    settings = Settings()
    gateway = ConnectionProfile(name="Gateway", kind=ProviderKind.COMPATIBLE, base_url="http://gateway.corp/v1",
                                allow_insecure_http=True)
    other = ConnectionProfile(name="Other", kind=ProviderKind.COMPATIBLE, base_url="http://other.corp/v1")
    settings.upsert_connection(gateway)
    settings.upsert_connection(other)
    path = tmp_path / "settings.json"
    save_settings(path, settings)
    raw = json.loads(path.read_text())
    assert [c["allow_insecure_http"] for c in raw["connections"]] == [True, False]
    again = load_settings(path)
    assert [c.allow_insecure_http for c in again.connections] == [True, False]
    assert again.connections[0].problems() == [] and again.connections[1].problems() != []
    for value in ("true", 1, "yes", None):
        assert not ConnectionProfile.from_dict({**gateway.to_dict(), "allow_insecure_http": value}).allow_insecure_http


@pytest.mark.asyncio
async def test_a_refused_address_is_never_contacted(network):
    """A settings file edited by hand (or saved by an older version) cannot bypass the form: the client
    for that address sends nothing, and every call says why in plain words."""
    network.on = True
    profile = ConnectionProfile(name="Gateway", kind=ProviderKind.COMPATIBLE, base_url="http://gateway.corp/v1")
    client = providers.build_client(profile, "key-123456789")
    try:
        with pytest.raises(ProviderError) as info:
            await providers.list_models(client, profile)
        assert info.value.kind is ErrorKind.OTHER and "not encrypted" in info.value.message
        result = await chat.stream_chat(client, chat.ChatTarget(profile, "llama3"), [{"role": "user", "content": "hi"}],
                                        ChatParams())
        assert result.error.kind is ErrorKind.OTHER and "not encrypted" in result.error.message
    finally:
        await client.close()
    result = await providers.test_connection(profile, "key-123456789")
    assert not result.ok and "not encrypted" in result.message
    assert network.connects == [] and network.lookups == []


def test_the_connections_dialog_asks_for_consent_and_saves_it(window, ctx, arun, app_home):
    async def scenario():
        window.show_connections()
        dlg = window.connections_dialog
        dlg.add_button.click()
        dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData(str(ProviderKind.COMPATIBLE)))
        form, check = dlg.form, dlg.insecure_check
        assert check.text() == ("Allow an unencrypted (http://) connection to this server — only on a network "
                                "you trust")
        for url in ("http://localhost:11434/v1", "https://gateway.corp/v1"):
            dlg.base_url_edit.setText(url)
            assert not form.isRowVisible(check)
        dlg.base_url_edit.setText("http://gateway.corp/v1")
        assert form.isRowVisible(check) and not check.isChecked()
        dlg.save_button.click()
        assert dlg.problems_label.isVisible() and "not encrypted" in dlg.problems_label.text()
        assert not ctx.settings.connections[0].base_url  # not saved
        dlg.test_button.click()
        assert "not encrypted" in dlg.result_label.text()  # refused before any request

        check.setChecked(True)
        dlg.save_button.click()
        await until(lambda: dlg.result_label.text() == "Saved.", what="saved")
        saved = ctx.settings.connections[0]
        assert saved.base_url == "http://gateway.corp/v1" and saved.allow_insecure_http
        raw = json.loads((app_home / "config" / "settings.json").read_text())
        assert raw["connections"][0]["allow_insecure_http"] is True

        dlg.base_url_edit.setFocus()
        dlg.base_url_edit.end(False)
        from PySide6.QtTest import QTest

        QTest.keyClicks(dlg.base_url_edit, "2")  # another address: the consent does not carry over
        assert not check.isChecked() and form.isRowVisible(check)
        dlg._load_form(saved)  # back to the saved one: shown as allowed
        assert check.isChecked() and form.isRowVisible(check)
        dlg.close()

    arun(scenario())


# --- the user's grader code never runs here -------------------------------------------------------


def python_grader(marker: Path) -> dict:
    source = (
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran at import')\n"
        "def grade(sample, item):\n"
        f"    pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "    return 1.0\n"
    )
    return {"type": "python", "name": "evil", "source": source}


def test_no_python_grader_runs_locally(tmp_path):
    marker = tmp_path / "grader-ran.txt"
    grader = python_grader(marker)
    item = {"answer": "Paris"}
    local = score_locally(grader, item, "Paris")
    assert local.score is None and "only be tried on the provider" in local.note
    multi = {"type": "multi", "name": "m", "calculate_output": "evil + exact", "graders": {
        "evil": grader,
        "exact": {"type": "string_check", "name": "exact", "input": "{{sample.output_text}}",
                  "reference": "{{item.answer}}", "operation": "eq"},
    }}
    assert score_locally(multi, item, "Paris").score is None
    assert structure_problems(grader) == [] or all(f.code.startswith("python") for f in structure_problems(grader))
    structure_problems(multi)
    check_against_examples(grader, [(1, item)])
    check_against_examples(multi, [(1, item)])
    assert reward_preview._score_here(grader, item, "Paris")[0] is None
    assert not marker.exists(), "a python grader's code was run locally"


EXECUTES = {"exec", "eval", "compile", "__import__", "execfile", "runfile"}
EXECUTING_MODULES = {"runpy", "code", "codeop", "importlib.util", "pickle", "marshal"}


def test_no_source_is_executed_anywhere_in_the_app():
    found = []
    for path in sources(*EXECUTES, *(m.split(".")[-1] for m in EXECUTING_MODULES)):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree_of(path)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in EXECUTES:
                found.append(f"{rel}:{node.lineno} {node.func.id}()")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in EXECUTES \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "builtins":
                found.append(f"{rel}:{node.lineno} builtins.{node.func.attr}()")
        found += [f"{rel}: imports {m}" for m in imports_of(path) if m in EXECUTING_MODULES]
    assert found == []
