"""Where the app keeps its files: user data (default project, backups), settings and logs.

``FINETUNE_STUDIO_HOME`` puts all three under one folder; tests use it to stay in a temp dir,
and a portable install can use it to live on a USB stick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FinetuneStudio"
APP_AUTHOR = "FinetuneStudio"
HOME_ENV = "FINETUNE_STUDIO_HOME"
PROJECT_SUFFIX = ".ftproj"


@dataclass(frozen=True)
class AppDirs:
    """The three folders the app writes to."""

    data: Path
    config: Path
    logs: Path

    def ensure(self) -> AppDirs:
        """Create the folders (idempotent) and return self."""
        for d in (self.data, self.config, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def settings_file(self) -> Path:
        """The JSON settings file (recent projects, connection profiles without keys)."""
        return self.config / "settings.json"

    @property
    def default_project(self) -> Path:
        """The project created on first start so a new user lands in a working app, named in the
        user's language; one made earlier in another language is the one kept using."""
        from app.i18n import LANGUAGES, N_, _, translation

        first = N_("My first project")
        names = [_(first)] + [translation(lang).gettext(first) for lang in LANGUAGES]
        for name in names:
            if (self.data / f"{name}{PROJECT_SUFFIX}").exists():
                return self.data / f"{name}{PROJECT_SUFFIX}"
        return self.data / f"{names[0]}{PROJECT_SUFFIX}"


def app_dirs() -> AppDirs:
    """The folders for this user, honouring ``FINETUNE_STUDIO_HOME``."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home)
        return AppDirs(data=root / "data", config=root / "config", logs=root / "logs")
    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
