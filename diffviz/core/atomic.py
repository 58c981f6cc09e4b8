"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Why: checkpoints and exports are the user's work. A crash, a full disk or a kill in the
middle of a save must leave the previous file byte-identical and no litter beside it.

How:

1. On Linux the data goes into an *unnamed* file in the target's folder (``O_TMPFILE``):
   if the process dies while writing, the kernel frees it and nothing is left behind.
2. Once the data is on disk (``fsync``) the file gets a temporary name, and
   ``os.replace`` swaps it over the target in one step. Only a kill between those two
   calls, an instant, leaves a named temporary file; the next save removes it (3).
3. Where unnamed files are not available (other systems, some file systems) the data
   goes into a named temporary file ``.<target>.<pid>.<random>.tmp`` instead. The pid in
   the name lets the next save into that folder remove what a killed process left.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable

from diffviz.core import i18n
from diffviz.core.errors import ExportError

_TEMP_SUFFIX = ".tmp"


def _new_file_mode(target: Path) -> int:
    """Keep an existing file's permissions; a new one gets what ``open`` would give (0o666 less umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def remove_stale_temps(target: str | os.PathLike) -> list[Path]:
    """Delete temporary files that a killed writer of ``target`` left; returns what was removed.

    Only names of our own pattern whose writing process no longer exists are touched.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    pattern = re.compile(r"^\." + re.escape(target.name) + r"\.(\d+)\.[A-Za-z0-9_]+" + re.escape(_TEMP_SUFFIX) + "$")
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = pattern.match(name)
        if match and int(match.group(1)) != os.getpid() and not _pid_alive(int(match.group(1))):
            try:
                os.unlink(folder / name)
                removed.append(folder / name)
            except OSError:
                pass
    return removed


def _open_unnamed(folder: Path, mode: int) -> int | None:
    """An O_TMPFILE descriptor in ``folder``, or None where the system or file system has none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise


def _name_unnamed(fd: int, folder: Path, target: Path) -> str:
    """Give an O_TMPFILE file a temporary name: linkat(AT_SYMLINK_FOLLOW) through /proc, no privileges needed.

    A folder descriptor is passed so that Python calls linkat (with the follow flag) rather than link.
    """
    folder_fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(100):
            name = f"{_temp_prefix(target)}{os.urandom(6).hex()}{_TEMP_SUFFIX}"
            try:
                os.link(f"/proc/self/fd/{fd}", name, dst_dir_fd=folder_fd, follow_symlinks=True)
                return str(folder / name)
            except FileExistsError:
                continue
    finally:
        os.close(folder_fd)
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """Call ``write(fileobj)`` on a temporary file, then move it over ``path``.

    Raises ExportError with a readable message when the folder is missing or
    unwritable, or the disk is full; no temporary file is left behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(i18n.tr("cannot write {path}: the folder {folder} does not exist")
                          .format(path=target, folder=folder))
    remove_stale_temps(target)
    mode = _new_file_mode(target)
    tmp_name: str | None = None
    try:
        fd = _open_unnamed(folder, mode)
        if fd is None:
            fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise ExportError(_refusal(target, exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fchmod(handle.fileno(), mode)  # mkstemp makes 0600 files; a user's export should not be
            os.fsync(handle.fileno())
            if tmp_name is None:
                # From here to the replace the file has a name: a kill in that instant leaves a pid-tagged
                # temporary, which the next save into this folder removes (remove_stale_temps).
                tmp_name = _name_unnamed(handle.fileno(), folder, target)
        os.replace(tmp_name, target)
        tmp_name = None
        _sync_folder(folder)
    except BaseException as exc:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise ExportError(_refusal(target, exc)) from exc
        raise
    return target


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort, as some systems cannot open folders."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _refusal(target: Path, exc: OSError) -> str:
    """Why ``target`` could not be written, and what to do, as one sentence."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return i18n.tr("cannot write {path}: the disk is full. Free some space or choose another folder; the previous "
                       "file is unchanged").format(path=target)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return i18n.tr("cannot write {path}: {reason}. Choose a folder you can write to").format(
            path=target, reason=exc.strerror or exc)
    return i18n.tr("cannot write {path}: {reason}").format(path=target, reason=exc.strerror or exc)


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return atomic_write(path, lambda handle: handle.write(data))
