"""Compiled templates kept between runs, as Python keeps a module's bytecode in `__pycache__`.

Compiling the templates a build renders took about 85 ms of every `pwy build` (Jinja parses
each one and generates and compiles Python for it); loading the compiled code takes about
1 ms. A cached template is used only when it was compiled from the same text by the same
Jinja and Python with the same settings: its check is a hash of the template's text, Jinja's
version and the text of the module that sets the environment up (`templating.py`), so an
edited template, an upgraded Jinja or a changed setting is compiled again, never served
stale. What is cached is only ever the compiled form of what would be compiled anyway, so
the output is the same with or without it.

The cache is written, each file whole (a temporary file renamed), only where Python would
write bytecode: not under PYTHONDONTWRITEBYTECODE or `-B` (`always_write`, set by
`python -m pathwaylang.emit.templating`, writes regardless, as `compileall` does), and not
into a folder that cannot be written (an installed package read-only to its user: then
every run compiles, as before). A file that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket


class TemplateCache(jinja2.BytecodeCache):
    def __init__(self, folder: Path, settings: Path):
        self.folder = folder
        self.settings = settings
        """The module whose text sets the environment up (part of every template's check)."""
        self.always_write = False
        self._salt: bytes | None = None

    def get_source_checksum(self, source: str) -> str:
        if self._salt is None:
            self._salt = hashlib.sha256(
                jinja2.__version__.encode() + b"\0" + self.settings.read_bytes()).digest()
        return hashlib.sha256(self._salt + source.encode("utf-8")).hexdigest()

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.{sys.implementation.cache_tag}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        try:
            bucket.bytecode_from_string(data)  # checks Jinja's magic and the checksum
        except Exception:  # a damaged file (pickle's and marshal's errors vary): compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if sys.dont_write_bytecode and not self.always_write:
            return
        path = self._path(bucket)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name,
                                                 suffix=".tmp")
        except OSError:
            return  # a read-only install: compile every run, as without a cache
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(bucket.bytecode_to_string())
            os.chmod(temporary, 0o644)  # readable by all, as Python's bytecode is
            os.replace(temporary, path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
