"""Safe publication of build outputs: `site/` and `dist/` change in one atomic step, or not at all.

An output folder such as `site/` is a symbolic link to a complete version in a store beside it:

    site -> .site-builds/<id>/        dist -> .dist-builds/<id>/

A run writes into a fresh, locked version folder in the store (`Output.stage()`), and only when
everything in it is complete does `Stage.publish()` point the link at it: a temporary link is
created in the store and moved over `site` with `os.replace`, which is a single rename(2). A
reader (a browser on `site/index.html`, `make serve`, the tests, the site build reading
`dist/manifest.json`) therefore sees either the old version or the new one, whole; there is no
moment in which the output is missing or half-written.

Locks are `flock(2)` locks on the version folders themselves, so the kernel releases them when a
process dies, however it dies:

* a run holds an exclusive lock on its staging folder until it publishes or gives up;
* a reader that must see one version throughout (`pinned()`) holds a shared lock on it;
* publishing takes an exclusive lock on the store, so two runs never swap at the same time.

Every publish, and every new stage, removes what is not current and not locked: old versions,
leftovers of runs that were killed (SIGKILL leaves no chance to clean up), stray temporary links.
A `site/` or `dist/` that is still a plain folder from an older generator is adopted once with an
atomic exchange (`renameat2(RENAME_EXCHANGE)` on Linux), so the switch itself has no gap either.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType, ModuleType

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, the swap is still atomic
    fcntl = None

LINK_PREFIX = ".link-"
LEGACY_SUFFIX = "-lama"


class OutputError(Exception):
    """An output folder cannot be replaced safely; the message is Indonesian, for the editor."""


def failure_message(exc: OutputError | OSError, cannot: str) -> str:
    """The editor's line when an output cannot be published: an OutputError says why itself; any
    other error gets `cannot` ("folder dist tidak dapat ditulis") and the system's reason."""
    if isinstance(exc, OutputError):
        return f"GALAT: {exc}"
    return f"GALAT: {cannot} ({exc.strerror or exc})."


def store_of(target: Path) -> Path:
    """`site` → `.site-builds`, beside it (same file system, so renames stay atomic)."""
    return target.parent / f".{target.name.lstrip('.')}-builds"


def _new_id() -> str:
    # Sortable by time, unique across processes; never part of any output's content.
    return f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}-{secrets.token_hex(3)}"


# ---------------------------------------------------------------------------------------------
# Locks


def _open_dir(path: Path) -> int:
    return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _lock(path: Path, *, shared: bool = False, wait: bool = True) -> int | None:
    """An fd holding a flock on the folder `path`; None if `wait` is false and it is taken."""
    fd = _open_dir(path)
    if fcntl is None:  # pragma: no cover
        return fd
    flags = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if wait else fcntl.LOCK_NB)
    try:
        fcntl.flock(fd, flags)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def _held(path: Path, *, shared: bool = False) -> Iterator[None]:
    fd = _lock(path, shared=shared)
    try:
        yield
    finally:
        os.close(fd)  # type: ignore[arg-type]


def _removed(fd: int) -> bool:
    """True if the folder behind `fd` has been deleted meanwhile."""
    return os.fstat(fd).st_nlink == 0


# ---------------------------------------------------------------------------------------------
# Atomic exchange (adopting a plain folder)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


# ---------------------------------------------------------------------------------------------
# Outputs


class Output:
    """A published output folder (`site/`, `dist/`) backed by versions in a store beside it.

    `adoptable(folder)` decides whether a plain folder found at `target` may be replaced (its
    contents are removed with the next clean-up); the default accepts any folder.
    """

    def __init__(self, target: Path, *, adoptable: Callable[[Path], bool] | None = None) -> None:
        self.target = Path(os.path.abspath(target))
        self.store = store_of(self.target)
        self._adoptable = adoptable or (lambda folder: True)

    def current(self) -> Path | None:
        """The folder `target` shows now (a version in the store, or a plain folder), if any."""
        if self.target.is_symlink():
            resolved = self.target.resolve()
            return resolved if resolved.is_dir() else None
        return self.target if self.target.is_dir() else None

    def check_replaceable(self) -> None:
        """Raise OutputError when `target` is something we must not replace."""
        t = self.target
        if t.is_symlink() or not t.exists():
            return
        if not t.is_dir():
            raise OutputError(f"`{t}` adalah berkas, bukan folder; pindahkan atau hapus berkas itu.")
        if not self._adoptable(t):
            raise OutputError(
                f"folder `{t}` berisi berkas lain selain hasil build; pilih folder khusus untuk hasil "
                "agar tidak ada yang tertimpa."
            )

    @contextlib.contextmanager
    def stage(self) -> Iterator[Stage]:
        """A fresh, locked version folder; removed again unless it is published."""
        self.check_replaceable()
        self.store.mkdir(parents=True, exist_ok=True)
        self.clean()
        path = self.store / _new_id()
        path.mkdir()
        fd = _lock(path)
        stage = Stage(self, path)
        try:
            yield stage
        finally:
            os.close(fd)  # type: ignore[arg-type]
            # Ask the file system, not the flag: a signal may land between the swap and the flag.
            if not stage.published and self.current() != path.resolve():
                shutil.rmtree(path, ignore_errors=True)

    def clean(self) -> None:
        """Remove old versions and leftovers of killed runs (never the current or a locked one)."""
        if not self.store.is_dir():
            return
        with _held(self.store):
            self._clean_locked()

    def _clean_locked(self) -> None:
        current = self.current()
        for entry in self.store.iterdir():
            if entry.is_symlink():
                if entry.name.startswith(LINK_PREFIX):
                    entry.unlink(missing_ok=True)
                continue
            if current is not None and entry.resolve() == current:
                continue
            if entry.is_dir():
                fd = _lock(entry, wait=False)
                if fd is None:
                    continue  # a run is still writing it, or a reader pinned it
                try:
                    shutil.rmtree(entry, ignore_errors=True)
                finally:
                    os.close(fd)
            else:
                entry.unlink(missing_ok=True)

    def _swap_in(self, version: Path) -> None:
        """Point `target` at `version` in one rename (store lock held)."""
        link = self.store / f"{LINK_PREFIX}{version.name}"
        link.unlink(missing_ok=True)
        relative = os.path.relpath(version, self.target.parent)
        try:
            os.symlink(relative, link, target_is_directory=True)
        except (OSError, NotImplementedError):  # pragma: no cover - no symlinks (some Windows setups)
            self._swap_by_rename(version)
            return
        if self.target.is_dir() and not self.target.is_symlink():
            self._adopt(link)
            return
        os.replace(link, self.target)

    def _adopt(self, link: Path) -> None:
        """`target` is a plain folder from before: exchange it with the link, then retire it."""
        legacy = self.store / f"{_new_id()}{LEGACY_SUFFIX}"
        if _exchange(link, self.target):
            os.rename(link, legacy)  # `link` now names the old folder
            return
        # No atomic exchange on this system: a single short gap, once, when switching over.
        os.rename(self.target, legacy)
        os.replace(link, self.target)

    def _swap_by_rename(self, version: Path) -> None:  # pragma: no cover - see _swap_in
        old = self.store / f"{_new_id()}{LEGACY_SUFFIX}"
        if self.target.exists():
            os.rename(self.target, old)
        shutil.copytree(version, self.target)


class Stage:
    """A version being written; `path` is where the run writes its files."""

    def __init__(self, output: Output, path: Path) -> None:
        self.output = output
        self.path = path
        self.published = False

    def publish(self, *, carry: Callable[[str], bool] | None = None) -> None:
        """Swap this version in. Files of the current version for which `carry(relative path)` is
        true are first linked into this one (the offline zip survives a new PDF set, and so on)."""
        output = self.output
        with _held(output.store):
            if carry is not None:
                self._carry(output.current(), carry)
            output.check_replaceable()
            output._swap_in(self.path)
            self.published = True
            output._clean_locked()

    def _carry(self, current: Path | None, carry: Callable[[str], bool]) -> None:
        if current is None or current == self.path.resolve():
            return
        for source in sorted(current.rglob("*")):
            relative = source.relative_to(current).as_posix()
            target = self.path / relative
            if not source.is_file() or source.is_symlink() or target.exists() or not carry(relative):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)


@contextlib.contextmanager
def scratch(folder: Path, prefix: str) -> Iterator[Path]:
    """A locked temporary folder `folder/<prefix>.<id>.part`, removed afterwards.

    Stale ones (left by a killed run: unlocked) are removed first. For writing one file that is
    then moved into a folder that is not a versioned output (`os.replace` is atomic by itself).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(f"{prefix}.*.part"):
        if stale.is_dir() and not stale.is_symlink():
            fd = _lock(stale, wait=False)
            if fd is not None:
                shutil.rmtree(stale, ignore_errors=True)
                os.close(fd)
    path = folder / f"{prefix}.{_new_id()}.part"
    path.mkdir()
    fd = _lock(path)
    try:
        yield path
    finally:
        os.close(fd)  # type: ignore[arg-type]
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def pinned(folder: Path) -> Iterator[Path]:
    """The version `folder` shows now, locked against clean-up while the block reads from it.

    A plain folder (or a missing one) is yielded as it is.
    """
    for _ in range(20):
        if not folder.is_symlink():
            yield folder
            return
        version = folder.resolve()
        try:
            fd = _lock(version, shared=True)
        except (FileNotFoundError, NotADirectoryError):
            continue  # swapped and cleaned between resolve and lock: look again
        try:
            if _removed(fd):  # type: ignore[arg-type]
                continue
            yield version
            return
        finally:
            os.close(fd)  # type: ignore[arg-type]
    yield folder  # pragma: no cover - a publisher swapping 20 times in a row


# ---------------------------------------------------------------------------------------------
# Signals


class Interrupted(BaseException):
    """SIGTERM/SIGINT/SIGHUP arrived: unwind (staging folders are removed), then exit 128+n."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _kill_children() -> None:
    """Kill our worker processes (the PDF pool) at once; they also die with us on SIGKILL, see
    `pdf.writer._die_with_parent`."""
    import multiprocessing

    for child in multiprocessing.active_children():
        with contextlib.suppress(OSError, AttributeError):
            if child.pid:
                os.kill(child.pid, signal.SIGKILL)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)  # one clean unwind; a second signal must not cut it short
    _kill_children()
    raise Interrupted(signum)


@contextlib.contextmanager
def stop_cleanly_on_signals() -> Iterator[None]:
    """Within this block SIGTERM, SIGINT and SIGHUP unwind the run instead of killing it mid-write."""
    sigs = [signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
    try:
        previous = {sig: signal.signal(sig, _raise_interrupted) for sig in sigs}
    except ValueError:  # not the main thread (e.g. called from a test runner's worker thread)
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def interrupted_message(exc: Interrupted) -> str:
    return f"Dihentikan ({exc.name}); hasil sebelumnya tetap utuh dan tidak diubah."
