"""Connection profiles: how to reach a provider. The API key is never part of a profile;
it lives in the OS keyring under the profile's id."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any
from urllib.parse import urlparse


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

    def problems(self) -> list[str]:
        """What must be fixed before the profile can be used, as plain sentences (empty when fine)."""
        out: list[str] = []
        if not self.name.strip():
            out.append("Give the connection a name.")
        if self.kind is ProviderKind.AZURE:
            if not self.azure_endpoint.strip():
                out.append("Enter the Azure endpoint, e.g. https://my-resource.openai.azure.com.")
            elif not _is_http_url(self.azure_endpoint):
                out.append("The Azure endpoint must start with https:// (or http:// for a local server).")
            if not self.api_version.strip():
                out.append("Enter the Azure API version, e.g. 2025-04-01-preview.")
        elif self.kind is ProviderKind.COMPATIBLE:
            if not self.base_url.strip():
                out.append("Enter the server's base URL, e.g. http://localhost:11434/v1.")
            elif not _is_http_url(self.base_url):
                out.append("The base URL must start with http:// or https://.")
        elif self.base_url.strip() and not _is_http_url(self.base_url):
            out.append("The base URL must start with http:// or https://.")
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
        clean = {k: v for k, v in d.items() if k in known and isinstance(v, str)}
        kind = clean.pop("kind", "openai")
        try:
            pk = ProviderKind(kind)
        except ValueError:
            pk = ProviderKind.COMPATIBLE
        return cls(kind=pk, **{k: v for k, v in clean.items() if k != "kind"})


def _is_http_url(text: str) -> bool:
    p = urlparse(text.strip())
    return p.scheme in ("http", "https") and bool(p.netloc)
