"""Write a file whole or not at all: every report and baseline replylint writes goes through here."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write(path: str | Path, data: str | bytes) -> None:
    """Replace path with data through a synced temporary file beside it, renamed over it.

    A reader sees the old file or the new one, never half of one; after a crash or an error (which is
    raised as OSError) the old file is intact and no temporary file is left. A symlink is written
    through, so the link stays a link.
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    if isinstance(data, str):
        data = data.encode("utf-8")
    # In the same folder, so that os.replace is a rename within one file system.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 minus the umask, as a plain open() would create it (mkstemp would give 0o600).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException:  # KeyboardInterrupt too: never leave the temporary behind
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, and that is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
