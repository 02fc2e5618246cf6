"""Material's templates, compiled once by the fork server of the MkDocs processes.

The fork server (engine/shards.py) imports this module before it forks any shard: the
import compiles the theme's templates into Jinja's bytecode (``COMPILED``), and every
shard forks with them, instead of each compiling them again (about a quarter of a second
per process, at the start of its work). The server is started while the generator
works, so this is off the build's path. Jinja checks each entry against the template's
source: a template of the site's own theme folder (another file) or an edited one is
compiled as before.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import jinja2
import material
from mkdocs.theme import Theme

from generator.engine.incremental import CompiledTemplates

COMPILED = CompiledTemplates()


def compile_theme() -> int:
    """Compile every page template and partial of Material into ``COMPILED`` (not its
    icons, nor its translations but English); the number compiled. One that needs what
    only a plugin adds (the blog's filters) is left to be compiled where it is used."""
    env = Theme(name="material").get_env()
    env.bytecode_cache = COMPILED
    folder = Path(material.__file__).parent / "templates"
    compiled = 0
    for path in sorted(folder.rglob("*.html")):
        if ".icons" in path.parts or ("languages" in path.parts and path.name != "en.html"):
            continue
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except jinja2.TemplateError:
            continue
        compiled += 1
    return compiled


# The fork server imports this module before it forks: nothing here may stop it (the
# shards then compile the templates themselves).
with contextlib.suppress(Exception):
    compile_theme()
