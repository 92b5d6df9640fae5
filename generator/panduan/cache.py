"""Results that depend only on what went in, kept between runs: `panduan check` on every save
redoes only the files that changed.

What is kept: a source file parsed (`sources.load_bytes`), its privacy and untrusted-text findings,
and the glossary matches in a piece of prose. Each entry is keyed by a hash of everything its
result depends on (the file's bytes or the text, the allow-list, the glossary) plus the code's
own fingerprint (panduan's source files and the parser versions), so an edit, a new glossary or
a new version of the tool never reads a stale result.

Where: one file per guide folder in the user's cache folder (`$PANDUAN_CACHE_DIR`, else
`$XDG_CACHE_HOME/panduan`, else `~/.cache/panduan`), never inside the guide. Entries are pickles,
and loading a pickle can run code: a file that arrives with a pull request must never be read as
one. `PANDUAN_CACHE=0` turns the cache off.

A run writes back only the entries it used, so the file holds one guide's worth; files of guides
not built for 30 days are removed. Any problem with the cache (unwritable folder, damaged file,
another process writing at the same time) costs speed, never a result: the work is redone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml

from panduan import switched_on

T = TypeVar("T")
KeyPart = str | bytes | int | None
FORMAT = 1  # bump when the file layout changes
MAX_AGE_DAYS = 30

_current: ContextVar[Cache | None] = ContextVar("panduan_cache", default=None)
_last: list[Cache] = []  # the last guide's cache, kept in memory across rebuilds (`panduan serve`)


def enabled() -> bool:
    return switched_on("PANDUAN_CACHE")


def cache_dir() -> Path:
    if os.environ.get("PANDUAN_CACHE_DIR"):
        return Path(os.environ["PANDUAN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "panduan"


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes:
    """panduan's own source and the versions that shape a parsed file: any change starts afresh."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT}\0{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".yaml", ".js", ".html"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


def content_hash(data: str | bytes) -> bytes:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=16).digest()


class Cache:
    """Entries of one guide folder: key → pickled result."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stored: dict[bytes, bytes] = self._read() if path else {}
        self._used: dict[bytes, bytes] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[bytes, bytes]:
        assert self.path is not None
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)
        except FileNotFoundError:
            return {}
        except Exception:  # a damaged or foreign file: start afresh, it is rewritten on save
            return {}
        if not isinstance(stored, dict) or stored.get("fingerprint") != code_fingerprint():
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def memo(self, namespace: str, key: tuple[KeyPart, ...], compute: Callable[[], T]) -> T:
        """The stored result for `key`, or `compute()` stored under it.

        Results are stored pickled and every hit unpickles a fresh copy, so a caller that changes
        what it got (the link stage fills parsed sources in) never changes the stored result.
        """
        digest = _key(namespace, key)
        blob = self._used.get(digest) or self._stored.get(digest)
        if blob is not None:
            try:
                value: T = pickle.loads(blob)
            except Exception:  # a damaged entry is recomputed below
                pass
            else:
                self._used[digest] = blob
                self.hits += 1
                return value
        value = compute()
        self.misses += 1
        with contextlib.suppress(Exception):  # a result that cannot be pickled is simply not kept
            self._used[digest] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return value

    @property
    def empty(self) -> bool:
        """Nothing kept from a run before: a first run, a new version of the tool, a cleared cache."""
        return not self._stored and not self._used

    def entries(self) -> dict[bytes, bytes]:
        """What this run computed or used, as stored (for a worker to hand back, see `adopt`)."""
        return dict(self._used)

    def adopt(self, entries: dict[bytes, bytes]) -> None:
        """Take results another process computed with the same code (prefetch.py)."""
        self._used.update(entries)
        self.misses += len(entries)

    def save(self) -> None:
        """Write what this run used, if it differs from what was read; then start a new run."""
        used, stored = self._used, self._stored
        changed = self.misses > 0 or len(used) != len(stored)
        self._stored, self._used, self.hits, self.misses = used, {}, 0, 0
        if self.path is not None and changed:
            _write_atomically(self.path, {"fingerprint": code_fingerprint(), "entries": used})
            _prune(self.path.parent)


def _key(namespace: str, parts: tuple[KeyPart, ...]) -> bytes:
    """One hash over the parts, each prefixed by its length so that no two keys run together."""
    encoded = [namespace.encode()]
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8", "surrogatepass")
        elif part is None:
            part = b"\x00none"
        elif isinstance(part, int):
            part = str(part).encode()
        encoded += (len(part).to_bytes(8, "little"), part)
    return hashlib.blake2b(b"".join(encoded), digest_size=20).digest()


def _write_atomically(path: Path, data: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a read-only or full disk costs speed next time, nothing else


def _prune(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_DAYS * 86400
    try:
        for path in folder.glob("*.pickle"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    except OSError:
        return


def cache_file(root: Path) -> Path:
    name = hashlib.blake2b(str(root.resolve()).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()
    return cache_dir() / f"{name}.pickle"


@contextmanager
def scratch() -> Iterator[Cache]:
    """Within this block, `memo()` keeps results in a new cache in memory only (a worker process
    fills one and hands its entries back)."""
    cache = Cache(None)
    token = _current.set(cache)
    try:
        yield cache
    finally:
        _current.reset(token)


def current() -> Cache | None:
    return _current.get()


@contextmanager
def session(root: Path) -> Iterator[Cache | None]:
    """Within this block, `memo()` uses the cache of the guide at `root` (none when turned off);
    on leaving it without an error, what was used is written back."""
    if not enabled() or _current.get() is not None:  # nested: the outer session keeps the entries
        yield _current.get()
        return
    path = cache_file(root)
    if not _last or _last[0].path != path:
        _last[:] = [Cache(path)]
    cache = _last[0]
    token = _current.set(cache)
    try:
        yield cache
    finally:
        _current.reset(token)
    cache.save()


def memo(namespace: str, key: tuple[KeyPart, ...], compute: Callable[[], T]) -> T:
    """`compute()`, or its stored result when a cache session is open (see `session`)."""
    cache = _current.get()
    return compute() if cache is None else cache.memo(namespace, key, compute)
