"""A Portuguese user's first start: the project the app makes is called "Meu primeiro projeto"; one
made earlier in English keeps being the one opened (no second project after switching language)."""

from __future__ import annotations

import asyncio

from app import i18n
from app.paths import app_dirs
from app.services import projects


def test_the_first_project_is_named_in_the_users_language_and_an_older_one_is_kept(app_home):
    dirs = app_dirs().ensure()
    try:
        i18n.setup("pt_BR")
        path = dirs.default_project
        assert path.name == "Meu primeiro projeto.ftproj"

        async def first_start() -> str:
            project = await projects.open_or_create_default(path)
            await project.close()
            return project.name

        assert asyncio.run(first_start()) == "Meu primeiro projeto"
        assert path.exists()

        i18n.setup("en")  # switched to English later: the Portuguese project is still the one
        assert dirs.default_project == path
        path.unlink()
        assert dirs.default_project.name == "My first project.ftproj"
        dirs.default_project.write_bytes(b"")  # made in English, then switched to Portuguese
        i18n.setup("pt_BR")
        assert dirs.default_project.name == "My first project.ftproj"
    finally:
        i18n.setup("en")
