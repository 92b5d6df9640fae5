"""Write `Job`s to PDF with WeasyPrint: one worker process per core, one progress bar per document.

Each PDF is written to a hidden temporary file next to its target and renamed into place only
when complete, so an interrupted or failed run never leaves a half-written PDF behind (and the
whole set is published only afterwards, see `panduan.pdf`).

Workers never outlive the run: on Linux each asks the kernel to SIGKILL it when its parent dies
(`prctl(PR_SET_PDEATHSIG)`), which covers a parent killed with SIGKILL; on SIGTERM/SIGINT the
parent kills them itself before it unwinds (`publish.stop_cleanly_on_signals`). Workers ignore
SIGINT, so Ctrl-C in a terminal (sent to the whole process group) stops the run once, cleanly.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

import panduan.pdf.engine as engine
from panduan.pdf.document import Job
from panduan.pdf.fetch import project_fetcher
from panduan.pdf.imposition import impose

VARIANT = "pdf/ua-1"
STEPS = 7  # WeasyPrint reports "Step 1" … "Step 7" on its progress logger
TEMPLATES = Path(__file__).parent / "templates"
# Only a worker killed from outside Python gets here (start-up errors are reported by the worker).
BROKEN_POOL = (
    "proses pembuat PDF berhenti mendadak, biasanya karena kehabisan memori atau pustaka sistem yang "
    "rusak. Jalankan `make system-deps`, lalu coba lagi."
)


@dataclass(frozen=True)
class Outcome:
    """What happened to one job; `error` is an Indonesian message when it failed."""

    file: str
    seconds: float = 0.0
    size: int = 0
    pages: int = 0
    variant: str | None = None
    warnings: tuple[str, ...] = ()
    error: str = ""
    section_pages: tuple[tuple[str, int], ...] = ()  # (anchor, pages) for each of the job's sections
    print_sides: int = 0  # A4 sides of the job's print version (`Job.print_file`), when it has one

    @property
    def ok(self) -> bool:
        return not self.error


# ---------------------------------------------------------------------------------------------
# Worker side


@dataclass
class _WorkerState:
    queue: Any = None
    current: str = ""
    warnings: list[str] = field(default_factory=list)
    startup_error: str = ""  # why this worker cannot render; every job it gets reports it


_STATE = _WorkerState()


class _ProgressHandler(logging.Handler):
    """Forwards WeasyPrint's "Step N - …" messages to the parent's progress bars."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _STATE.queue is None or not message.startswith("Step "):
            return
        try:
            step = int(message.split()[1])
        except (IndexError, ValueError):
            return
        detail = message.split(" - ", 1)[-1]
        _STATE.queue.put((_STATE.current, step, detail))


class _WarningHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        _STATE.warnings.append(record.getMessage())


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int | None) -> None:
    """Let the kernel SIGKILL this worker when the process that forked it dies (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; see the module docstring
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl in this libc
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the request above took effect


def _init_worker(queue: Any, parent: int | None = None) -> None:
    _die_with_parent(parent)
    # An exception escaping an initializer kills the worker, and the parent only learns that "a
    # process in the process pool was terminated abruptly". Keep the cause for render_job instead.
    _STATE.queue = queue
    try:
        _STATE.startup_error = engine.load().error
        if not _STATE.startup_error:
            _attach_loggers()
    except Exception as exc:
        _STATE.startup_error = f"proses pembuat PDF gagal dimulai ({type(exc).__name__}: {exc})."


def _attach_loggers() -> None:
    from weasyprint import LOGGER, PROGRESS_LOGGER

    PROGRESS_LOGGER.setLevel(logging.INFO)
    PROGRESS_LOGGER.propagate = False
    PROGRESS_LOGGER.addHandler(_ProgressHandler())
    LOGGER.setLevel(logging.WARNING)
    LOGGER.propagate = False
    LOGGER.addHandler(_WarningHandler(logging.WARNING))


def _variant() -> str | None:
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:  # pragma: no cover - very old WeasyPrint
        return None
    return VARIANT if VARIANT in VARIANTS else None


def render_job(job: Job, out: Path) -> Outcome:
    """Render one job to `out/job.file` (runs in a worker process; never raises)."""
    if _STATE.startup_error:
        return Outcome(job.file, error=_STATE.startup_error)
    from weasyprint import HTML

    _STATE.current, _STATE.warnings = job.file, []
    start = time.perf_counter()
    target = out / job.file
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        html = HTML(
            string=job.html, base_url=str(TEMPLATES), url_fetcher=project_fetcher()
        )  # no network, no foreign files
        variant = _variant()
        try:
            options = {"pdf_variant": variant} if variant else {}
            document = html.render(**options)
            document.write_pdf(temp, **options)
        except Exception:
            if variant is None:
                raise
            variant = None
            document = html.render()
            document.write_pdf(temp)
        os.replace(temp, target)
        size = target.stat().st_size
        # Imposed here, in the worker, while the other workers still render: in the main process
        # after all of them, the booklets' A4 versions took 90 s on one core at 1,000 guidelines.
        sides = 0
        if job.print_file:
            (out / job.print_file).parent.mkdir(parents=True, exist_ok=True)
            sides = impose(target, out / job.print_file)
        return Outcome(
            job.file,
            seconds=time.perf_counter() - start,
            size=size,
            pages=len(document.pages),
            variant=variant,
            warnings=tuple(dict.fromkeys(_STATE.warnings)),
            section_pages=section_pages([set(page.anchors) for page in document.pages], [a for a, _ in job.sections]),
            print_sides=sides,
        )
    except Exception as exc:
        return Outcome(job.file, seconds=time.perf_counter() - start, error=f"{type(exc).__name__}: {exc}")
    finally:
        temp.unlink(missing_ok=True)


def section_pages(page_anchors: list[set[str]], sections: list[str]) -> tuple[tuple[str, int], ...]:
    """How many pages each section spans: from the page holding its anchor to the page before the
    next section's (the last one runs to the end). Sections not found are left out."""
    starts = [
        (a, next(i for i, anchors in enumerate(page_anchors) if a in anchors))
        for a in sections
        if any(a in anchors for anchors in page_anchors)
    ]
    if not starts:
        return ()
    ends = [start for _, start in starts[1:]] + [len(page_anchors)]
    return tuple((anchor, max(1, end - start)) for (anchor, start), end in zip(starts, ends, strict=True))


# ---------------------------------------------------------------------------------------------
# Parent side


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.fields[file]}", justify="left"),
        BarColumn(bar_width=24),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,
    )


def _listen(queue: Any, progress: Progress, tasks: dict[str, Any], finished: set[str]) -> None:
    while True:
        item = queue.get()
        if item is None:
            return
        file, step, detail = item
        if file in tasks and file not in finished:  # a late message must not rewind a done bar
            progress.start_task(tasks[file])  # the clock runs from the first step, not from the queue
            progress.update(tasks[file], completed=min(step, STEPS) - 1, description=detail)


def write_all(jobs: list[Job], out: Path, *, console: Console | None = None) -> list[Outcome]:
    """Render every job in parallel (one process per core); outcomes in job order."""
    console = console or Console(stderr=True)
    context = multiprocessing.get_context()
    # With "fork" and "spawn" the workers' parent is this process; with "forkserver" it is the
    # fork server, which exits when we do (and its exit kills the workers), so no pid to check.
    parent = os.getpid() if context.get_start_method() in ("fork", "spawn") else None
    queue = context.Queue()
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    outcomes: dict[str, Outcome] = {}
    # The pool forks its workers on the first submit, before any thread of ours exists.
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(queue, parent)
    ) as pool:
        # Longest first (the HTML's length stands for the work): a long booklet started last
        # would leave the other cores idle while it finishes.
        futures = {pool.submit(render_job, job, out): job for job in sorted(jobs, key=_work, reverse=True)}
        with _progress(console) as progress:
            tasks = {job.file: progress.add_task("menunggu", total=STEPS, file=job.file, start=False) for job in jobs}
            finished: set[str] = set()
            listener = threading.Thread(target=_listen, args=(queue, progress, tasks, finished), daemon=True)
            listener.start()
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    outcome = Outcome(job.file, error=BROKEN_POOL)
                outcomes[job.file] = outcome
                finished.add(job.file)
                progress.start_task(tasks[job.file])
                progress.update(tasks[job.file], completed=STEPS, description="selesai" if outcome.ok else "GAGAL")
                if not console.is_terminal:
                    _line(console, outcome)
            queue.put(None)
            listener.join(timeout=5)
    queue.close()
    return [outcomes[job.file] for job in jobs]


def _work(job: Job) -> int:
    """How much rendering a job asks for, roughly; a booklet is imposed after it, too."""
    return len(job.html) * (2 if job.print_file else 1)


def _line(console: Console, outcome: Outcome) -> None:
    if outcome.ok:
        console.print(f"{outcome.file}: {describe(outcome)}", highlight=False)
    else:
        console.print(f"{outcome.file}: GAGAL", highlight=False)


def describe(outcome: Outcome) -> str:
    """ "182 halaman, 2,1 MB, 35,2 dtk" (Indonesian decimal comma)."""
    from panduan.downloads import human_size

    seconds = f"{outcome.seconds:.1f}".replace(".", ",")
    return f"{outcome.pages} halaman, {human_size(outcome.size)}, {seconds} dtk"
