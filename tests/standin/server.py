"""The stand-in OpenAI API server: a test fixture that speaks a subset of the OpenAI HTTP API.

It listens on a real socket on 127.0.0.1 because the app's provider code uses the official ``openai``
SDK (built on ``httpx2``), which transport mocks cannot reach. Standard library only.

Both URL flavours are answered:

* OpenAI: ``/v1/...`` with ``Authorization: Bearer <key>``.
* Azure OpenAI: ``/openai/...`` with an ``api-key: <key>`` header and a required ``api-version`` query
  parameter; ``/openai/deployments/{deployment}/chat/completions`` answers as model ``{deployment}``.

Routes are looked up in ``server.routes`` by method and a path template relative to the API root
(``"/models/{model}"``), so later test code can add endpoints (fine-tuning jobs, files...) without
touching the HTTP plumbing::

    def job(ctx: RouteContext) -> Reply:
        return Reply(body={"id": ctx.params["job_id"], ...})

    server.routes[("GET", "/fine_tuning/jobs/{job_id}")] = job

Faults (errors, delays, dropped connections, garbage bodies) are injected with ``server.inject(...)``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

DEFAULT_API_KEY = "sk-test-standin"
DEFAULT_REPLY_TEXT = "Hello from the stand-in model."
GARBAGE_BODY = b"<html><head><title>Sign in to the network</title></head><body>Not JSON.</body></html>"

# Realistic ids, including a fine-tuned one, so model pickers and "ft:" filters have something to chew on.
# ``created`` values are those the live service reports for these snapshots.
DEFAULT_MODELS: tuple[dict[str, Any], ...] = (
    {"id": "gpt-4.1-2025-04-14", "object": "model", "created": 1744316542, "owned_by": "system"},
    {"id": "gpt-4.1-mini-2025-04-14", "object": "model", "created": 1744317547, "owned_by": "system"},
    {"id": "gpt-4o-mini-2024-07-18", "object": "model", "created": 1721172717, "owned_by": "system"},
    {"id": "o4-mini-2025-04-16", "object": "model", "created": 1744133506, "owned_by": "system"},
    # A date here exercises the "shutdown_date" display path; the value itself is illustrative.
    {
        "id": "ft:gpt-4.1-mini-2025-04-14:acme::abc123",
        "object": "model",
        "created": 1750000000,
        "owned_by": "acme",
        "shutdown_date": "2027-01-14",
    },
)

# Default error bodies per injected status, shaped and worded like the live service's.
_DEFAULT_ERRORS: dict[int, tuple[str, str, str | None]] = {
    400: ("Invalid request (injected by the stand-in server).", "invalid_request_error", None),
    401: (
        "Incorrect API key provided: sk-inj**********ted. You can find your API key at "
        "https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
    ),
    403: (
        "You are not allowed to use this API from your current country, region, or territory.",
        "invalid_request_error",
        "unsupported_country_region_territory",
    ),
    404: (
        "The model `gpt-injected` does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found",
    ),
    408: ("Request timed out.", "timeout", None),
    409: ("Conflicting request; try again.", "invalid_request_error", "conflict"),
    422: ("Unprocessable request.", "invalid_request_error", None),
    429: (
        "Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
        "requests",
        "rate_limit_exceeded",
    ),
    500: (
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        None,
    ),
    502: ("Bad gateway.", "server_error", None),
    503: ("The engine is currently overloaded, please try again later.", "server_error", None),
}


def error_body(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    """An error body in OpenAI's shape (all four keys present, as the spec's ``Error`` requires)."""
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def default_error_body(status: int) -> dict[str, Any]:
    """The error body the stand-in sends for ``status`` when a fault gives none."""
    if status in _DEFAULT_ERRORS:
        message, type_, code = _DEFAULT_ERRORS[status]
    else:
        message = f"HTTP {status} (injected by the stand-in server)."
        type_ = "server_error" if status >= 500 else "invalid_request_error"
        code = None
    return error_body(message, type_, None, code)


def mask_key(key: str) -> str:
    """Mask a key the way the live service does in its 401 message, so it never echoes a whole key."""
    if len(key) < 12:
        return "*" * len(key)
    return f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}"


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the stand-in saw it.

    ``path`` is the raw path without the query; ``endpoint`` is the path relative to the API root with
    the flavour prefix (``/v1`` or ``/openai``) and any Azure deployment removed, e.g.
    ``"/chat/completions"`` for both flavours (``None`` when the prefix is unknown).
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any | None
    api: Literal["openai", "azure"] | None = None
    endpoint: str | None = None
    deployment: str | None = None
    body: bytes = field(default=b"", repr=False)

    @property
    def model(self) -> str | None:
        """The model the request asked for: the Azure deployment, else the JSON body's ``model``."""
        if self.deployment:
            return self.deployment
        if isinstance(self.json, dict) and isinstance(self.json.get("model"), str):
            return self.json["model"]
        return None


@dataclass
class Reply:
    """What a route handler answers.

    ``body`` may be a dict/list (sent as JSON), ``bytes`` or ``str`` (sent as is with ``content_type``).
    With ``stream`` set, each item of the iterable is written and flushed as it is produced (SSE), using
    the server's ``stream_framing``.
    """

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    stream: Iterable[bytes] | None = None
    content_type: str | None = None

    @classmethod
    def error(cls, status: int, message: str, type_: str, param: str | None = None, code: str | None = None) -> Reply:
        """An OpenAI-shaped error reply."""
        return cls(status=status, body=error_body(message, type_, param, code))


@dataclass(frozen=True)
class RouteContext:
    """What a route handler gets: the server, the recorded request and the path parameters."""

    server: StandinServer
    request: RecordedRequest
    params: dict[str, str]


RouteHandler = Callable[[RouteContext], Reply]


@dataclass
class Fault:
    """An injected fault; see ``StandinServer.inject``. ``remaining`` counts down as requests hit it."""

    path: str | None = None
    method: str | None = None
    status: int | None = None
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    garbage: bool = False
    drop_after_chunks: int | None = None
    remaining: int = 1
    hits: int = 0

    def matches(self, request: RecordedRequest) -> bool:
        """Whether ``request`` is one this fault targets (method and path glob; ``None`` = any)."""
        if self.method is not None and self.method.upper() != request.method:
            return False
        if self.path is None:
            return True
        candidates = [request.path] + ([request.endpoint] if request.endpoint else [])
        return any(fnmatch.fnmatchcase(c, self.path) for c in candidates)


def _merge_headers(*layers: dict[str, str]) -> dict[str, str]:
    """Later layers win, ignoring case, so an override never produces a duplicate header."""
    merged: dict[str, str] = {}
    for layer in layers:
        for name, value in layer.items():
            for existing in [k for k in merged if k.lower() == name.lower()]:
                del merged[existing]
            merged[name] = value
    return merged


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    # Handler threads are daemons and stop() closes their sockets, so never join them on close.
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, standin: StandinServer) -> None:
        self.standin = standin
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out or hang up mid-answer are part of the tests; only real bugs are kept.
        exc = sys.exc_info()[1]
        if isinstance(exc, (OSError, ValueError)):
            return
        if exc is not None:
            self.standin._record_error(exc)
        super().handle_error(request, client_address)


class _Dropped(Exception):
    """Raised inside the handler after the connection was dropped on purpose."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer  # type: ignore[assignment]

    # --- plumbing -------------------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        # Headers, body and SSE events go out as separate small writes; without TCP_NODELAY Nagle's
        # algorithm meets the client's delayed ACK and every answer stalls ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.standin._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        except (OSError, ValueError):
            pass
        finally:
            self.server.standin._track(self.connection, add=False)

    def handle(self) -> None:
        try:
            super().handle()
        except (OSError, ValueError, _Dropped):
            # A client that gave up, a socket stop() shut down, or a deliberate drop.
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean; ``server.requests`` is the log

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_GET
    do_DELETE = do_GET
    do_PUT = do_GET
    do_PATCH = do_GET

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # Skip trailers up to the blank line that ends the message.
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _drop(self) -> None:
        """Close the socket without answering, so the client sees a dropped connection."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.connection.close()
        raise _Dropped

    def _write_head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _send_reply(self, reply: Reply, extra_headers: dict[str, str], drop_after: int | None) -> None:
        headers = {"x-request-id": f"req_{uuid.uuid4().hex}", "openai-processing-ms": "1"}
        if reply.stream is not None:
            self._send_stream(reply, _merge_headers(headers, reply.headers, extra_headers), drop_after)
            return
        body = reply.body
        if isinstance(body, (bytes, bytearray)):
            payload, ctype = bytes(body), reply.content_type or "application/octet-stream"
        elif isinstance(body, str):
            payload, ctype = body.encode(), reply.content_type or "text/plain; charset=utf-8"
        elif body is None and reply.status == 204:
            payload, ctype = b"", reply.content_type or "application/json"
        else:
            payload, ctype = json.dumps(body).encode(), reply.content_type or "application/json"
        headers["Content-Type"] = ctype
        headers["Content-Length"] = str(len(payload))
        headers = _merge_headers(headers, reply.headers, extra_headers)
        if self.close_connection:
            headers["Connection"] = "close"
        self._write_head(reply.status, headers)
        self.wfile.write(payload)

    def _send_stream(self, reply: Reply, headers: dict[str, str], drop_after: int | None) -> None:
        chunked = self.server.standin.stream_framing == "chunked"
        headers = _merge_headers(
            {"Content-Type": reply.content_type or "text/event-stream; charset=utf-8", "Cache-Control": "no-cache"},
            headers,
        )
        if chunked:
            headers["Transfer-Encoding"] = "chunked"
        else:
            # Connection-close framing: the end of the body is the end of the connection.
            headers["Connection"] = "close"
            self.close_connection = True
        self._write_head(reply.status, headers)
        assert reply.stream is not None
        iterator = iter(reply.stream)
        try:
            for sent, piece in enumerate(iterator):
                if drop_after is not None and sent >= drop_after:
                    self._drop()
                if not piece:
                    continue
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    self.wfile.write(piece)
            if drop_after is not None:
                # Fewer pieces than the cut point: still cut before the stream could end cleanly.
                self._drop()
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    # --- request handling -----------------------------------------------------------------------

    def _dispatch(self) -> None:
        standin = self.server.standin
        raw = self._read_body()
        request = standin._make_request(self.command, self.path, dict(self.headers.items()), raw)
        standin._record(request)

        fault = standin._take_fault(request)
        extra_headers: dict[str, str] = {}
        drop_after: int | None = None
        if fault is not None:
            if fault.delay and not standin._sleep(fault.delay):
                self._drop()  # the server is stopping: do not answer at all
            if fault.drop:
                self._drop()
            extra_headers = dict(fault.headers)
            drop_after = fault.drop_after_chunks
            if fault.garbage:
                self._send_reply(
                    Reply(status=fault.status or 200, body=GARBAGE_BODY, content_type="text/html"),
                    extra_headers,
                    None,
                )
                return
            if fault.status is not None:
                body = fault.body if fault.body is not None else default_error_body(fault.status)
                self._send_reply(Reply(status=fault.status, body=body), extra_headers, None)
                return

        try:
            reply = standin._route(request)
        except Exception as exc:  # a bug in a route handler: answer 500 and keep it for the fixture
            standin._record_error(exc)
            reply = Reply.error(500, f"Stand-in handler crashed: {exc!r}", "server_error")
        self._send_reply(reply, extra_headers, drop_after)


class StandinServer:
    """A stand-in for the OpenAI (and Azure OpenAI) HTTP API on ``127.0.0.1``, for tests.

    Tweak its behaviour through plain attributes: ``api_key``, ``models`` (a list of Model dicts),
    ``reply_text`` (a string, or a callable taking the ``RecordedRequest`` and returning the answer),
    ``stream_delay`` (seconds between SSE chunks), ``stream_framing`` (``"chunked"`` or ``"close"``),
    ``check_models`` (answer 404 ``model_not_found`` for chat with an unlisted model on the OpenAI
    flavour), the chat knobs ``first_token_delay``, ``stream_error_after``, ``not_ready``,
    ``stream_usage``, ``validate_chunks`` and the log ``chat_streams`` (see ``tests/standin/chat.py``)
    and ``routes``.
    """

    def __init__(self, *, api_key: str = DEFAULT_API_KEY) -> None:
        self._initial_api_key = api_key
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._faults: list[Fault] = []
        self._errors: list[BaseException] = []
        self._connections: set[socket.socket] = set()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._route_cache: dict[str, re.Pattern[str]] = {}
        self._set_defaults()

    def _set_defaults(self) -> None:
        self.api_key: str = self._initial_api_key
        self.models: list[dict[str, Any]] = [dict(m) for m in DEFAULT_MODELS]
        self.reply_text: str | Callable[[RecordedRequest], str] = DEFAULT_REPLY_TEXT
        self.stream_delay: float = 0.0
        self.stream_framing: Literal["chunked", "close"] = "chunked"
        self.check_models: bool = True
        # Chat knobs (see tests/standin/chat.py): a slow first token, an error event midway, models
        # that are "not ready yet", no usage chunk, spec checks of every chunk, how streams ended.
        self.first_token_delay: float = 0.0
        self.stream_error_after: int | None = None
        self.not_ready: dict[str, int] = {}
        self.stream_usage: bool = True
        self.validate_chunks: bool = True
        self.chat_streams: list[str] = []
        self.routes: dict[tuple[str, str], RouteHandler] = {
            ("GET", "/models"): _list_models,
            ("GET", "/models/{model}"): _retrieve_model,
        }
        from tests.standin.chat import install_chat  # noqa: PLC0415 (it imports this module)
        from tests.standin.finetuning import install_finetuning  # noqa: PLC0415 (it imports this module)
        from tests.standin.graders import install_graders  # noqa: PLC0415 (it imports this module)

        install_chat(self)  # chat completions, plain and streamed
        install_finetuning(self)  # files, uploads and fine-tuning jobs; a fresh store on every reset()
        install_graders(self)  # the alpha grader endpoints (validate, run)

    # --- lifecycle ------------------------------------------------------------------------------

    def start(self) -> StandinServer:
        """Bind a free port on 127.0.0.1 and serve in a background daemon thread; returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError("the stand-in server is already started (or was stopped; make a new one)")
        self._httpd = _HTTPServer(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.02},  # short poll so stop() returns promptly
            name=f"standin-openai-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open (keep-alive, streaming, delayed) connections and wait briefly for them."""
        if self._httpd is None or self._stopping.is_set():
            return
        self._stopping.set()  # wakes handlers sleeping on an injected delay or stream_delay
        self._httpd.shutdown()
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            # Only shut down: the owning handler thread closes the socket itself, which avoids
            # closing a descriptor number another thread might be reusing.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            with self._lock:
                if not self._connections:
                    break
            time.sleep(0.01)
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2.0)

    def __enter__(self) -> StandinServer:
        if self._httpd is None:
            self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on (after ``start()``)."""
        if self._httpd is None:
            raise RuntimeError("the stand-in server is not started")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (no path)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The OpenAI-flavour base URL for ``openai.OpenAI(base_url=...)``."""
        return f"{self.url}/v1"

    @property
    def azure_endpoint(self) -> str:
        """The Azure-flavour endpoint for ``openai.AzureOpenAI(azure_endpoint=...)``."""
        return self.url

    # --- recording ------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of every request received so far, oldest first (faulted ones included)."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, endpoint: str, method: str | None = None) -> list[RecordedRequest]:
        """The recorded requests whose ``endpoint`` (or raw path) matches the glob ``endpoint``."""
        probe = Fault(path=endpoint, method=method)
        return [r for r in self.requests if probe.matches(r)]

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._requests.clear()

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions raised by route handlers (stand-in bugs); the fixtures fail a test if not empty."""
        with self._lock:
            return list(self._errors)

    # --- faults ---------------------------------------------------------------------------------

    def inject(
        self,
        *,
        path: str | None = None,
        method: str | None = None,
        status: int | None = None,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        drop: bool = False,
        garbage: bool = False,
        drop_after_chunks: int | None = None,
        times: int = 1,
    ) -> Fault:
        """Make the next ``times`` matching requests misbehave; returns the ``Fault`` (see ``hits``).

        ``path`` is a glob matched against the request's ``endpoint`` (``"/chat/completions"``,
        ``"/models/*"``, flavour-neutral) or its raw path (``"/openai/*"``); ``method`` is an HTTP
        method; ``None`` matches anything. Effects, in order:

        * ``delay``: sleep that long first (for client timeouts); on its own, answer normally afterwards.
        * ``drop``: close the socket without any response (the SDK raises ``APIConnectionError``).
        * ``garbage``: answer ``status`` (default 200) with a non-JSON ``text/html`` body.
        * ``status``: answer it with ``body``, by default an OpenAI-shaped error for that status.
        * ``drop_after_chunks``: for a streamed answer, cut the connection after that many SSE events.
        * ``headers``: added to whatever answer is sent (e.g. ``{"retry-after-ms": "1"}``).

        Faults are tried in injection order; each request consumes at most one.
        """
        if times < 1:
            raise ValueError("times must be at least 1")
        if drop and (status is not None or garbage or body is not None or drop_after_chunks is not None):
            raise ValueError("drop=True sends nothing; it cannot be combined with status/body/garbage")
        if body is not None and status is None:
            raise ValueError("body needs a status")
        if garbage and body is not None:
            raise ValueError("garbage=True sends its own body")
        fault = Fault(
            path=path,
            method=method,
            status=status,
            body=body,
            headers=dict(headers or {}),
            delay=delay,
            drop=drop,
            garbage=garbage,
            drop_after_chunks=drop_after_chunks,
            remaining=times,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    @property
    def faults(self) -> list[Fault]:
        """The faults not yet used up."""
        with self._lock:
            return [f for f in self._faults if f.remaining > 0]

    def clear_faults(self) -> None:
        """Remove every pending fault."""
        with self._lock:
            self._faults.clear()

    def reset(self) -> None:
        """Back to a fresh server's state: defaults, routes, no faults, no recorded requests or errors."""
        with self._lock:
            self._faults.clear()
            self._requests.clear()
            self._errors.clear()
        self._set_defaults()

    # --- helpers for route handlers -------------------------------------------------------------

    def answer_text(self, request: RecordedRequest) -> str:
        """The deterministic answer for a chat request (``reply_text`` or its result)."""
        text = self.reply_text
        return text(request) if callable(text) else text

    def find_model(self, model_id: str) -> dict[str, Any] | None:
        """The Model dict with ``model_id`` from ``models``, or ``None``."""
        for model in list(self.models):
            if model.get("id") == model_id:
                return model
        return None

    def sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops meanwhile; ``False`` means it is stopping (stop answering)."""
        return self._sleep(seconds)

    # --- internals ------------------------------------------------------------------------------

    def _sleep(self, seconds: float) -> bool:
        if seconds <= 0:
            return not self._stopping.is_set()
        return not self._stopping.wait(seconds)

    def _track(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _record_error(self, exc: BaseException) -> None:
        with self._lock:
            self._errors.append(exc)

    def _take_fault(self, request: RecordedRequest) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.remaining > 0 and fault.matches(request):
                    fault.remaining -= 1
                    fault.hits += 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _make_request(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> RecordedRequest:
        parts = urlsplit(target)
        path = parts.path
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        lower = {k.lower(): v for k, v in headers.items()}
        body_json: Any | None = None
        if raw and "json" in lower.get("content-type", "application/json"):
            try:
                body_json = json.loads(raw)
            except ValueError:
                body_json = None
        api: Literal["openai", "azure"] | None = None
        endpoint: str | None = None
        deployment: str | None = None
        if path == "/v1" or path.startswith("/v1/"):
            api, endpoint = "openai", path[3:] or "/"
        elif path == "/openai" or path.startswith("/openai/"):
            api, endpoint = "azure", path[7:] or "/"
            m = re.fullmatch(r"/deployments/([^/]+)(/.*)", endpoint)
            if m:
                deployment, endpoint = unquote(m.group(1)), m.group(2)
        return RecordedRequest(
            method=method.upper(),
            path=path,
            query=query,
            headers=lower,
            json=body_json,
            api=api,
            endpoint=endpoint,
            deployment=deployment,
            body=raw,
        )

    def _pattern(self, template: str) -> re.Pattern[str]:
        pattern = self._route_cache.get(template)
        if pattern is None:
            regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
            pattern = self._route_cache[template] = re.compile(regex)
        return pattern

    def _route(self, request: RecordedRequest) -> Reply:
        invalid_url = Reply.error(404, f"Invalid URL ({request.method} {request.path})", "invalid_request_error")
        if request.api is None or request.endpoint is None:
            return invalid_url
        if request.api == "azure" and not request.query.get("api-version"):
            return Reply.error(
                400,
                "The api-version query parameter (?api-version=) is required for all requests.",
                "invalid_request_error",
                "api-version",
                "MissingApiVersionParameter",
            )
        auth = self._check_auth(request)
        if auth is not None:
            return auth
        for (method, template), handler in list(self.routes.items()):
            if method.upper() != request.method:
                continue
            m = self._pattern(template).fullmatch(request.endpoint)
            if m:
                params = {k: unquote(v) for k, v in m.groupdict().items()}
                return handler(RouteContext(server=self, request=request, params=params))
        return invalid_url

    def _check_auth(self, request: RecordedRequest) -> Reply | None:
        if request.api == "azure":
            given = request.headers.get("api-key")
        else:
            header = request.headers.get("authorization", "")
            given = header[7:].strip() if header[:7].lower() == "bearer " else None
        if given == self.api_key:
            return None
        if not given:
            where = (
                "an api-key header"
                if request.api == "azure"
                else ("an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)")
            )
            return Reply.error(
                401,
                f"You didn't provide an API key. You need to provide your API key in {where}. You can "
                "obtain an API key from https://platform.openai.com/account/api-keys.",
                "invalid_request_error",
            )
        return Reply.error(
            401,
            f"Incorrect API key provided: {mask_key(given)}. You can find your API key at "
            "https://platform.openai.com/account/api-keys.",
            "invalid_request_error",
            None,
            "invalid_api_key",
        )


# --- default routes -----------------------------------------------------------------------------


def _list_models(ctx: RouteContext) -> Reply:
    return Reply(body={"object": "list", "data": [dict(m) for m in ctx.server.models]})


def _retrieve_model(ctx: RouteContext) -> Reply:
    model_id = ctx.params["model"]
    model = ctx.server.find_model(model_id)
    if model is None:
        return _model_not_found(model_id)
    return Reply(body=dict(model))


def _model_not_found(model_id: str) -> Reply:
    return Reply.error(
        404,
        f"The model `{model_id}` does not exist or you do not have access to it.",
        "invalid_request_error",
        None,
        "model_not_found",
    )
