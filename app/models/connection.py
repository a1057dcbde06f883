"""Connection profiles: how to reach a provider. The API key is never part of a profile;
it lives in the OS keyring under the profile's id."""

from __future__ import annotations

import ipaddress
import uuid
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlparse

from app.i18n import _


class ProviderKind(StrEnum):
    """The backends the app speaks to, all through the OpenAI wire protocol."""

    OPENAI = "openai"
    AZURE = "azure"
    COMPATIBLE = "compatible"

    @property
    def label(self) -> str:
        """A plain name for menus (untranslated; the UI translates it)."""
        return {"openai": "OpenAI", "azure": "Azure OpenAI", "compatible": "OpenAI-compatible"}[self.value]


DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"


@dataclass
class ConnectionProfile:
    """A named way to reach one provider account (everything but the key)."""

    name: str
    kind: ProviderKind = ProviderKind.OPENAI
    base_url: str = ""  # OpenAI: optional override (proxy); compatible: required
    azure_endpoint: str = ""  # Azure: https://<resource>.openai.azure.com
    api_version: str = DEFAULT_AZURE_API_VERSION  # Azure only
    organization: str = ""
    project: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The user's explicit consent to plain http:// for this server (a gateway on a trusted network).
    # Loopback addresses never need it: their traffic does not leave the computer.
    allow_insecure_http: bool = False

    @property
    def address(self) -> str:
        """The address the profile connects to ("" for OpenAI's default)."""
        return (self.azure_endpoint if self.kind is ProviderKind.AZURE else self.base_url).strip()

    def insecure_problem(self) -> str | None:
        """Why the address may not be used unencrypted, or None when it may (https, loopback, or allowed)."""
        address = self.address
        if not _is_http_url(address) or urlparse(address).scheme != "http":
            return None
        if self.allow_insecure_http or is_loopback_host(urlparse(address).hostname or ""):
            return None
        return _(
            "{address} is not encrypted (it starts with http://): the API key and your data would cross the "
            "network where others could read them. Use its https:// address, or — only for a server on a "
            "network you trust — tick “Allow an unencrypted (http://) connection to this server”."
        ).format(address=address)

    def problems(self) -> list[str]:
        """What must be fixed before the profile can be used, as plain sentences (empty when fine)."""
        out: list[str] = []
        if not self.name.strip():
            out.append(_("Give the connection a name."))
        if self.kind is ProviderKind.AZURE:
            if not self.azure_endpoint.strip():
                out.append(_("Enter the Azure endpoint, e.g. https://my-resource.openai.azure.com."))
            elif not _is_http_url(self.azure_endpoint):
                out.append(_("The Azure endpoint must start with https:// (or http:// for a local server)."))
            if not self.api_version.strip():
                out.append(_("Enter the Azure API version, e.g. 2025-04-01-preview."))
        elif self.kind is ProviderKind.COMPATIBLE:
            if not self.base_url.strip():
                out.append(_("Enter the server's base URL, e.g. http://localhost:11434/v1."))
            elif not _is_http_url(self.base_url):
                out.append(_("The base URL must start with http:// or https://."))
        elif self.base_url.strip() and not _is_http_url(self.base_url):
            out.append(_("The base URL must start with http:// or https://."))
        insecure = self.insecure_problem()
        if insecure:
            out.append(insecure)
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form for the settings file. Contains no secret by construction."""
        d = asdict(self)
        d["kind"] = str(self.kind)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ConnectionProfile:
        """Build a profile from the settings file, ignoring unknown keys (newer versions)."""
        known = {f for f in cls.__dataclass_fields__}
        clean: dict[str, Any] = {k: v for k, v in d.items() if k in known and isinstance(v, str)}
        kind = clean.pop("kind", "openai")
        try:
            pk = ProviderKind(kind)
        except ValueError:
            pk = ProviderKind.COMPATIBLE
        # Only a real JSON true counts as consent; anything else (a string, a number) does not.
        clean["allow_insecure_http"] = d.get("allow_insecure_http") is True
        return cls(kind=pk, **clean)


def is_loopback_host(host: str) -> bool:
    """True for addresses whose traffic never leaves the computer: localhost, 127.0.0.0/8 and ::1."""
    host = host.strip().strip("[]").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def _is_http_url(text: str) -> bool:
    p = urlparse(text.strip())
    return p.scheme in ("http", "https") and bool(p.netloc)
