"""Links written by hand must lead somewhere: checked at the source line, before any build.

Editors write Markdown links in guideline bodies, recommendation/step/local-note texts, glossary
definitions and hand-written `docs/` pages. MkDocs resolves them relative to the *page* the text
ends up on (a guideline `guidelines/<topik>/<id>.md` becomes the page `<topik>/<id>.md`), so that
is what is checked here, against the page set `render_pages` produces plus the files in `docs/`
and the downloads. Everything that would make the site build or its link check fail is an error
here first, at `path:line:col`:

* a Windows separator (`..\\hukum\\uu-2019-14.md`);
* a page or file that will not exist, or a path that leaves the site;
* a root-absolute link (`/glosarium/`) — broken under a sub-path and offline;
* a link to a folder or page address (`../glosarium/`) instead of the `.md` file — broken offline;
* an anchor (`x.md#bagian`) that the target page does not have. Anchors are read from the target
  page rendered with the site's Markdown extensions (headings get `toc` slugs, as in MkDocs).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml

from panduan.diagnostics import Diagnostic, Location, Severity, relpath
from panduan.downloads import find_downloads
from panduan.markdown_spans import CODE
from panduan.present import GLOSSARY_PAGE, guideline_page
from panduan.render import Renderer

if TYPE_CHECKING:
    from panduan.link import BuildResult

# Files the MkDocs plugin adds to every site besides the pages (see plugin.SCHEMA_PATH).
GENERATED_FILES = ("schema/pedoman.schema.json",)

_INLINE = re.compile(
    r"!?\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]"  # [text] or ![alt], one level of nested brackets
    r"\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<target>(?:[^()\s]|\([^()\s]*\))*))"  # (target or <target>
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?\s*\)"  # optional "title"
)
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<(?P<angle>[^>\n]*)>|(?P<target>\S+))", re.MULTILINE)
_HTML = re.compile(r"""<[A-Za-z][^<>]*?\s(?:href|src)\s*=\s*(?:"(?P<target>[^"]*)"|'(?P<angle>[^']*)')""")

DEFAULT_EXTENSIONS: list[Any] = ["toc", "tables", "attr_list", "md_in_html", "abbr", "admonition", "def_list"]


@dataclass(frozen=True)
class _Link:
    target: str
    page: str  # the docs page the text is rendered on (`etika-klien/x.md`)
    location: Location


def _warning(code: str, message: str, location: Location, hint: str) -> Diagnostic:
    return Diagnostic(code, message, (location,), hint, Severity.WARNING)


def _blank_code(text: str) -> str:
    """Code spans and fences never hold links; blank them, keeping every offset."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def links_in(text: str) -> Iterator[tuple[str, int]]:
    """(target, offset) of every Markdown/HTML link in `text`, outside code."""
    plain = _blank_code(text)
    for pattern in (_INLINE, _REFERENCE, _HTML):
        for m in pattern.finditer(plain):
            group = "angle" if m.group("angle") is not None else "target"
            yield m.group(group) or "", m.start(group)


def _at(location: Location, text: str, offset: int, *, block: bool) -> Location:
    """The location of `offset` in `text`, which starts at `location` (a body: exact; a YAML value: its line)."""
    if not block:
        return location
    line = location.line + text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(location.path, line, col)


class LinkChecker:
    def __init__(self, result: BuildResult, *, docs_dir: Path, downloads_dir: Path) -> None:
        self.result = result
        self.root = result.guide.root
        self.docs_dir = docs_dir
        self._guideline_page = guideline_page
        # The page set is known without rendering; a page is rendered only when a link names
        # one of its anchors (`check` runs on every save: rendering the guide there is too slow).
        self._renderer = Renderer(result)
        self.generated = set(self._renderer.page_paths())
        self._rendered: dict[str, str | None] = {}
        self.docs: dict[str, Path] = {}
        self.static: set[str] = set(GENERATED_FILES)
        if docs_dir.is_dir():
            for path in sorted(docs_dir.rglob("*")):
                if path.is_file():
                    rel = path.relative_to(docs_dir).as_posix()
                    if rel.endswith(".md"):
                        self.docs[rel] = path
                    else:
                        self.static.add(rel)
        self.static |= {d["path"] for d in find_downloads(downloads_dir)}
        self.pages = self.generated | set(self.docs)
        self._anchors: dict[str, set[str]] = {}
        self._extensions: tuple[list[Any], dict[str, Any]] | None = None
        self._config: dict[str, Any] | None = None

    # -----------------------------------------------------------------------------------------
    # Where links are written

    def sites(self) -> Iterator[_Link]:
        guide = self.result.guide
        for g in guide.guidelines.values():
            page = self._guideline_page(g)
            body_start = Location(g.file.path, g.file.body_line, 1)
            for target, offset in links_in(g.file.body):
                yield _Link(target, page, _at(body_start, g.file.body, offset, block=True))
            texts = [(r.teks, r.loc("teks")) for r in g.rekomendasi]
            texts += [(s.teks, s.loc("teks")) for s in g.langkah]
            texts += [(n.teks, n.loc("teks")) for n in g.catatan_lokal]
            for text, loc in texts:
                for target, _ in links_in(text):
                    yield _Link(target, page, loc)
        for overlay in guide.overlays:  # shown on the guideline page it attaches to
            target_page = guide.guidelines.get(overlay.sasaran.pedoman)
            if target_page is not None:
                for target, _ in links_in(overlay.teks):
                    yield _Link(target, self._guideline_page(target_page), overlay.loc("teks"))
        for term in guide.terms.values():
            for target, _ in links_in(term.source.definisi):
                yield _Link(target, GLOSSARY_PAGE, term.source.loc("definisi"))
        for rel, path in self.docs.items():
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            start = Location(relpath(path, self.root), 1, 1)
            for target, offset in links_in(text):
                yield _Link(target, rel, _at(start, text, offset, block=True))

    # -----------------------------------------------------------------------------------------
    # Judging one link

    def check(self) -> list[Diagnostic]:
        out = self.layout()
        for link in self.sites():
            problem = self.problem(link.target, link.page)
            if problem:
                message, hint = problem
                out.append(Diagnostic("broken-link", message, (link.location,), hint))
        return out

    def layout(self) -> list[Diagnostic]:
        """Hand-written pages that MkDocs would warn about (and `build --strict` stop on)."""
        out = []
        for rel, path in self.docs.items():
            folder = posixpath.dirname(rel)
            loc = Location(relpath(path, self.root))
            if posixpath.basename(rel).lower() == "readme.md" and posixpath.join(folder, "index.md") in self.docs:
                out.append(
                    _warning(
                        "docs-conflict",
                        f"`{rel}` tidak dipakai karena di foldernya sudah ada `index.md`.",
                        loc,
                        "Hapus salah satu, atau ganti nama README.md.",
                    )
                )
            elif self._omitted_warns() and rel not in self.generated and not self._in_section(rel):
                sections = ", ".join(f"`docs/{f}/`" for f in self._sections()) or "(tidak ada)"
                out.append(
                    _warning(
                        "not-in-nav",
                        f"halaman `{rel}` tidak akan muncul di navigasi situs.",
                        loc,
                        f"Letakkan halaman tulisan tangan di folder bagian: {sections}.",
                    )
                )
        return out

    def _sections(self) -> list[str]:
        """Docs folders the plugin adds to the nav (its `sections` option; default `kontribusi`)."""
        for item in self._mkdocs_yml().get("plugins") or []:
            if isinstance(item, dict) and isinstance(item.get("panduan"), dict):
                sections = item["panduan"].get("sections")
                if isinstance(sections, dict):
                    return [str(k) for k in sections]
        return ["kontribusi"]

    def _in_section(self, rel: str) -> bool:
        return any(rel.startswith(f"{folder}/") for folder in self._sections())

    def _omitted_warns(self) -> bool:
        validation = self._mkdocs_yml().get("validation")
        if not isinstance(validation, dict):
            return False
        nav: dict[str, Any] = validation["nav"] if isinstance(validation.get("nav"), dict) else validation
        return str(nav.get("omitted_files", "")).lower() == "warn"

    def problem(self, target: str, page: str) -> tuple[str, str] | None:
        """(message, hint) if `target` written on docs page `page` will not work, else None."""
        raw = target.strip()
        if not raw:
            return None
        if "\\" in raw:
            fixed = raw.replace("\\", "/")
            return (
                f"tautan `{raw}` memakai garis miring terbalik `\\` (gaya Windows); di situs tautan ini rusak.",
                f"Pakai garis miring biasa: `{fixed}`.",
            )
        parts = urlsplit(raw)
        if parts.scheme or parts.netloc:
            return None  # external, mailto:, tel:
        path, anchor = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            guess = self._page_for(path.strip("/"))
            hint = (
                f"Pakai tautan relatif: `{self._relative(page, guess, anchor)}`."
                if guess
                else "Pakai tautan relatif ke berkas `.md`, misalnya `../glosarium.md`."
            )
            return (
                f"tautan `{raw}` berawal `/`; tautan seperti ini rusak bila situs dipasang di sub-folder atau dibuka luring.",
                hint,
            )
        if not path:
            return self._anchor_problem(raw, page, anchor) if anchor else None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved == ".." or resolved.startswith("../"):
            return (f"tautan `{raw}` mengarah ke luar situs.", "Periksa jumlah `../` di depan tautan.")
        if resolved.endswith(".md"):
            if resolved not in self.pages:
                near = difflib.get_close_matches(resolved, sorted(self.pages), n=1, cutoff=0.8)
                hint = (
                    f"Maksud Anda `{self._relative(page, near[0], anchor)}`?"
                    if near
                    else "Tautan .md dihitung dari letak halaman ini di situs: pedoman `guidelines/<topik>/<id>.md` menjadi halaman `<topik>/<id>.md`."
                )
                return (f"tautan `{raw}` menuju halaman `{resolved}` yang tidak ada.", hint)
            return self._anchor_problem(raw, resolved, anchor) if anchor else None
        if path.endswith("/") or not posixpath.splitext(resolved)[1]:
            guess = self._page_for(resolved)
            hint = (
                f"Tautkan ke berkasnya: `{self._relative(page, guess, anchor)}`."
                if guess
                else "Tautkan ke berkas `.md` halamannya."
            )
            return (
                f"tautan `{raw}` menunjuk alamat folder, bukan berkas; di paket luring tautan ini tidak terbuka.",
                hint,
            )
        if resolved not in self.static and resolved not in self.pages:
            return (
                f"tautan `{raw}` menuju berkas `{resolved}` yang tidak ada di situs.",
                "Letakkan berkasnya di `docs/` atau perbaiki jalurnya.",
            )
        return None

    def _anchor_problem(self, raw: str, page: str, anchor: str) -> tuple[str, str] | None:
        anchors = self.anchors(page)
        if anchors is None or anchor in anchors:
            return None
        near = difflib.get_close_matches(anchor, sorted(anchors), n=1, cutoff=0.6)
        hint = (
            f"Maksud Anda `#{near[0]}`?"
            if near
            else "Jangkar adalah judul bagian dalam huruf kecil dengan tanda hubung, misalnya `#mengapa-penting`."
        )
        return (f"tautan `{raw}`: halaman `{page}` tidak punya jangkar `#{anchor}`.", hint)

    def _page_for(self, rel: str) -> str | None:
        rel = rel.strip("/")
        for candidate in (f"{rel}.md", f"{rel}/index.md", "index.md" if rel in ("", ".") else ""):
            if candidate in self.pages:
                return candidate
        return None

    @staticmethod
    def _relative(page: str, target: str | None, anchor: str = "") -> str:
        rel = posixpath.relpath(target or "index.md", posixpath.dirname(page) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    # -----------------------------------------------------------------------------------------
    # Anchors of a page, from its Markdown rendered the way MkDocs renders it

    def anchors(self, page: str) -> set[str] | None:
        if page not in self._anchors:
            text = self._markdown_of(page)
            if text is None:
                return None
            self._anchors[page] = self._ids(text)
        return self._anchors[page]

    def _markdown_of(self, page: str) -> str | None:
        if page in self.docs:
            try:
                text = self.docs[page].read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
            return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
        if page not in self._rendered:
            rendered = self._renderer.page(page) if page in self.generated else None
            self._rendered[page] = rendered.content if rendered else None
        return self._rendered[page]

    def _ids(self, text: str) -> set[str]:
        import markdown

        extensions, configs = self._markdown_extensions()
        try:
            html = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
        except Exception:
            html = markdown.Markdown(extensions=DEFAULT_EXTENSIONS).convert(text)
        return set(re.findall(r"""\s(?:id|name)=["']([^"']+)["']""", html))

    def _mkdocs_yml(self) -> dict[str, Any]:
        if self._config is None:
            try:
                data = yaml.load((self.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tolerant)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                data = None
            self._config = data if isinstance(data, dict) else {}
        return self._config

    def _markdown_extensions(self) -> tuple[list[Any], dict[str, Any]]:
        """The `markdown_extensions` of mkdocs.yml (read tolerantly); MkDocs always adds `toc`."""
        if self._extensions is None:
            names: list[Any] = list(DEFAULT_EXTENSIONS)
            configs: dict[str, Any] = {}
            listed = self._mkdocs_yml().get("markdown_extensions")
            for item in listed if isinstance(listed, list) else []:
                name, config = next(iter(item.items())) if isinstance(item, dict) and item else (item, None)
                if not isinstance(name, str) or name.startswith("material.") or name in names:
                    continue
                names.append(name)
                if isinstance(config, dict):
                    configs[name] = {k: v for k, v in config.items() if v is not None}
            self._extensions = (names, configs)
        return self._extensions


class _Tolerant(yaml.SafeLoader):
    """Reads MkDocs-specific tags (`!ENV`, `!!python/name:`) as null."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


def check_links(result: BuildResult, *, docs_dir: Path, downloads_dir: Path) -> list[Diagnostic]:
    """Every hand-written link that will not work on the built site (online, under a sub-path,
    offline), as an error at its source line."""
    return LinkChecker(result, docs_dir=docs_dir, downloads_dir=downloads_dir).check()
