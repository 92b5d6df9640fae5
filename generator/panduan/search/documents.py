"""Search documents: the one function that turns the guide into what search looks through.

    search_documents(result, pages, settings) -> [{"location", "title", "text", "boost", ...}]

Both searches use it: the MkDocs plugin writes these documents into the site's
`search/search_index.json` (Material's worker indexes them in the browser), and `panduan cari`
indexes the very same documents with lunr.py at query time. Neither depends on the other, and
this module imports no MkDocs: `cari` works on a guide that was never built.

How a page becomes documents, exactly as Material's search plugin would cut it:

1. its Markdown is converted with the site's Markdown extensions (`SiteSettings`, read from
   mkdocs.yml by `read_settings()` or handed over by the plugin from MkDocs' own config);
2. the HTML is cut into one document per heading (`sections.py`), at `url#anchor`;
3. the model adds what HTML cannot say (`_augment`):

   * guideline pages get `boost` 2 and a hidden `sinonim` field with the other forms of every
     glossary term they use, so "STR" finds "surat tanda registrasi" and back, and the words
     registry/kosakata.yaml gives for the words they use (`vocabulary.py`); the page itself also
     gets its `ringkasan`, `judul_sinonim` (the other forms of the terms in its title) and
     `kata_kunci` (its own `kata_kunci` and the vocabulary entries that name it);
   * each recommendation and step becomes its own deep-linked document; the "Rekomendasi" and
     "Langkah" sections keep only their heading, so phones do not download that text twice;
   * every other page (law, glossary, roles, hand-written pages) gets `boost` 0.5, so a guideline
     about a subject ranks before a page that only mentions the word.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import markdown
import yaml

from panduan.link import BuildResult
from panduan.present import STRENGTH_LABELS, Page, guideline_page, url_of
from panduan.regional_view import REGION_SECTION_ANCHOR, overlay_anchor
from panduan.sanitize import clean_search_index
from panduan.search.sections import sections
from panduan.search.vocabulary import Vocabulary
from panduan.segments import Cite, Code, Html, Link, LinkedText
from panduan.workers import map_items

GUIDELINE_BOOST = 2.0
REFERENCE_BOOST = 0.5
# MkDocs always adds these to the configured Markdown extensions.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
_TAG = re.compile(r"<[^>]+>")
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def plain(text: str) -> str:
    """Document text without markup, entities decoded."""
    return html.unescape(_TAG.sub(" ", text))


# ---------------------------------------------------------------------------------------------
# Site settings that shape the documents


@dataclass(frozen=True)
class SiteSettings:
    """What of the site's configuration changes the search documents."""

    directory_urls: bool = True
    extensions: tuple[Any, ...] = BUILTIN_EXTENSIONS
    extension_configs: Mapping[str, Any] = field(default_factory=dict)
    docs_dir: Path | None = None  # hand-written pages
    overrides: Path | None = None  # page templates overridden by the project (overrides/panduan/)
    downloads_dir: Path | None = None  # PDFs a previous `panduan pdf` left for the site
    offline_zip: bool = True


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml like MkDocs does, without MkDocs: `!ENV`, `!relative`, `!!python/name:`."""


class _Relative(str):
    """`!relative [$config_dir|$docs_dir]`, resolved once the file's docs_dir is known."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    # !ENV NAME, or !ENV [NAME, OTHER, default]: the first variable that is set, else the default.
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    else:  # a mapping is not an !ENV form MkDocs knows
        return None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            value = os.environ[name]  # typed like a plain YAML scalar, as pyyaml_env_tag does
            return loader.construct_object(
                yaml.ScalarNode(loader.resolve(yaml.ScalarNode, value, (True, False)), value)  # type: ignore[no-untyped-call]
            )
    return default


def _python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    # Extension options may name Python objects (pymdownx.emoji's index, for example).
    import importlib

    module, _, attribute = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


_ConfigLoader.add_constructor("!ENV", _env)


def _relative(loader: _ConfigLoader, node: yaml.Node) -> _Relative:
    return _Relative(str(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else "")


_ConfigLoader.add_constructor("!relative", _relative)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


class ConfigError(Exception):
    """mkdocs.yml, or a page in its docs_dir, cannot be read; the message is for editors (Indonesian)."""


def read_settings(config: Path, root: Path) -> SiteSettings:
    """The search-relevant settings of `config` (mkdocs.yml), read without MkDocs.

    Paths in the file are relative to it, as in MkDocs; `INHERIT` is followed. A missing file
    gives MkDocs' defaults with the project's `docs/`, `overrides/panduan/` and `dist/` (a guide
    published by another builder). Known approximation: a bare `!relative` (MkDocs: the folder of
    the page being rendered) is read as docs_dir.
    """
    if not config.is_file():
        return SiteSettings(
            docs_dir=root / "docs", overrides=root / "overrides" / "panduan", downloads_dir=root / "dist"
        )
    data = _load_config(config)
    base = config.parent
    docs_dir = base / str(data.get("docs_dir") or "docs")
    data = _resolve_relative(data, base, docs_dir)
    extensions, configs = _extensions(data.get("markdown_extensions") or [])
    plugin = _plugin_options(data.get("plugins"), "panduan")
    project = base / plugin["root"] if isinstance(plugin.get("root"), str) else base
    return SiteSettings(
        directory_urls=data.get("use_directory_urls", True) is not False,
        extensions=extensions,
        extension_configs=configs,
        docs_dir=docs_dir,
        overrides=base / "overrides" / "panduan",
        downloads_dir=project / str(plugin.get("downloads_dir") or "dist"),
        offline_zip=plugin.get("offline_zip", True) is not False,
    )


def _load_config(config: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if config.resolve() in seen:
        raise ConfigError(f"{config}: INHERIT berputar kembali ke berkas yang sama.")
    try:
        data = yaml.load(config.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ImportError, AttributeError) as exc:
        raise ConfigError(f"{config} tidak dapat dibaca: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{config} bukan konfigurasi MkDocs.")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        # As MkDocs (mergedeep): mappings merge key by key, everything else is replaced.
        data = _merge(_load_config(config.parent / parent, (*seen, config.resolve())), data)
    loaded: dict[str, Any] = data
    return loaded


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _resolve_relative(value: Any, config_dir: Path, docs_dir: Path) -> Any:
    if isinstance(value, _Relative):
        return str(config_dir if value.strip() == "$config_dir" else docs_dir)
    if isinstance(value, dict):
        return {k: _resolve_relative(v, config_dir, docs_dir) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve_relative(v, config_dir, docs_dir) for v in value]
    return value


def _extensions(items: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """mkdocs.yml's `markdown_extensions` (names, or one-key mappings to options) + MkDocs' own."""
    names: list[str] = list(BUILTIN_EXTENSIONS)
    configs: dict[str, Any] = {}
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(str(name))
                if isinstance(options, dict):
                    configs[str(name)] = options
        elif isinstance(item, str):
            names.append(item)
    return tuple(dict.fromkeys(names)), configs


def _plugin_options(plugins: Any, name: str) -> dict[str, Any]:
    for item in plugins or []:
        if isinstance(item, dict) and name in item:
            return item[name] if isinstance(item[name], dict) else {}
    options = plugins.get(name) if isinstance(plugins, dict) else None
    return options if isinstance(options, dict) else {}


# ---------------------------------------------------------------------------------------------
# Pages


def nav_titles(generated: Iterable[Page]) -> dict[str, str]:
    """Titles the generated nav gives its pages; a hand-written page in their place inherits them."""
    return {page.path: page.title for page in generated if page.in_nav}


def handwritten_page(path: str, text: str, nav_title: str | None = None) -> Page | None:
    """A page from docs/ as search sees it; None when its front matter says `search: {exclude: true}`.

    Its title is the one Material falls back to for text before the first heading: the front
    matter's, else MkDocs' page title (`nav_title` when the nav names the page, else "Home" for
    the home page, else the file name)."""
    meta: dict[str, Any] = {}
    text = text.replace("\r\n", "\n")
    found = _FRONT_MATTER.match(text)
    if found:
        try:
            loaded = yaml.safe_load(found.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            meta, text = loaded, text[found.end() :].lstrip("\n")
    search: dict[str, Any] = meta["search"] if isinstance(meta.get("search"), dict) else {}
    if search.get("exclude"):
        return None
    title = meta.get("title") or nav_title or _title_from_path(path)
    return Page(path, str(title), text, meta=meta)


def _title_from_path(path: str) -> str:
    """MkDocs' title for a page without one: "Home" for the home page, else from the file name."""
    if path in ("index.md", "README.md"):
        return "Home"
    stem = PurePosixPath(path).stem
    title = ("index" if stem == "README" else stem).replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def page_location(path: str, directory_urls: bool) -> str:
    """The page's URL as MkDocs gives it to Material's index: `a/b.md` → `a/b/` (or `a/b.html`),
    `a/index.md` → `a/` (or `a/index.html`), the home page → "" (or `index.html`)."""
    url = url_of(path, directory_urls)
    return "" if url == "./" else quote(url)


# ---------------------------------------------------------------------------------------------
# Documents


def search_documents(
    result: BuildResult,
    pages: Iterable[Page],
    settings: SiteSettings,
    *,
    converted: Mapping[str, str] | None = None,
    cut: dict[str, tuple[str, list[Any]]] | None = None,
) -> list[dict[str, Any]]:
    """The documents of the site's search index, in page order.

    `converted` maps a page's path to the HTML MkDocs already made of it (the plugin hands it
    over: converting every page a second time cost as much as MkDocs' own Markdown pass); other
    pages are converted here with the site's extensions, as `panduan cari` does for all. `cut`
    (page path → (HTML, its sections)) keeps the sections of unchanged HTML between the builds
    of a preview."""
    md: markdown.Markdown | None = None
    searched: list[tuple[Page, str]] = []
    for page in pages:
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue  # e.g. the comparison of one pair of roles: reached from "Bandingkan peran"
        page_html = (converted or {}).get(page.path)
        if page_html is None:
            if md is None:
                md = markdown.Markdown(
                    extensions=list(settings.extensions), extension_configs=dict(settings.extension_configs)
                )
            md.reset()
            page_html = md.convert(page.content)
        searched.append((page, page_html))
    known = cut if cut is not None else {}
    fresh = [html for page, html in searched if page.path not in known or known[page.path][0] != html]
    cut_now = dict(zip(fresh, map_items(sections, fresh), strict=True))  # every page's HTML on its own: in parallel
    docs: list[dict[str, Any]] = []
    for page, page_html in searched:
        page_sections = cut_now[page_html] if page_html in cut_now else known[page.path][1]
        if cut is not None:
            cut[page.path] = (page_html, page_sections)
        location = page_location(page.path, settings.directory_urls)
        tags = page.meta.get("tags")
        for section in page_sections:
            doc: dict[str, Any] = {
                "location": f"{location}#{section.anchor}" if section.anchor else location,
                "title": section.title or str(page.title),
                "text": section.text,
            }
            if isinstance(tags, list):
                doc["tags"] = [str(t) for t in tags if t and isinstance(t, (str, int, float, bool))]
            docs.append(doc)
    # The theme renders result text as HTML, so the documents pass the search allow-list here,
    # once, for the browser index and `panduan cari` alike (sanitize.py).
    cleaned: list[dict[str, Any]] = clean_search_index(
        {"docs": _augment(docs, result, directory_urls=settings.directory_urls)}
    )["docs"]
    return cleaned


def _split(location: str) -> tuple[str, str]:
    page, _, anchor = location.partition("#")
    return page, anchor


def _augment(raw: list[dict[str, Any]], result: BuildResult, *, directory_urls: bool) -> list[dict[str, Any]]:
    guide = result.guide
    vocabulary = Vocabulary.load(guide)
    by_url = {page_location(guideline_page(g), directory_urls): g for g in guide.guidelines.values()}
    docs: list[dict[str, Any]] = []
    for doc in raw:
        page, anchor = _split(doc["location"])
        g = by_url.get(page)
        if g is None:
            doc["boost"] = REFERENCE_BOOST
            docs.append(doc)
            continue
        doc["boost"] = GUIDELINE_BOOST
        doc["sinonim"] = synonyms(result, plain(doc.get("title", "")) + " " + plain(doc.get("text", "")), vocabulary)
        if anchor == REGION_SECTION_ANCHOR:
            doc["text"] = ""  # each overlay is its own result below, labelled with its region
        if not anchor:
            doc["ringkasan"] = g.ringkasan
            doc["judul_sinonim"] = synonyms(result, g.judul, vocabulary, terms=result.links.text(g.judul).terms)
            doc["kata_kunci"] = vocabulary.keywords_of(g.id)
        docs.append(doc)
        if not anchor:
            docs += _overlay_docs(result, g, page, vocabulary)
        # Each recommendation and step becomes its own deep-linked result; the section keeps only
        # its heading so the same text is not shipped twice to phones.
        if anchor == "rekomendasi":
            doc["text"] = ""
            docs += _recommendation_docs(result, g, page, vocabulary)
        elif anchor == "langkah":
            doc["text"] = ""
            docs += _step_docs(result, g, page, vocabulary)
    return docs


def synonyms(
    result: BuildResult, text: str, vocabulary: Vocabulary | None = None, *, terms: list[str] | None = None
) -> str:
    """Every other form (term, acronym, aliases) of the glossary terms in `text`, then the words
    registry/kosakata.yaml gives for the words `text` uses (`vocabulary.py`). For a prose field,
    `terms` are the ones the link stage found (never inside code); for a section of a rendered page
    they are looked for in its text."""
    term_ids = terms if terms is not None else [match.term_id for match in result.matcher.find(text)]
    forms: list[str] = []
    for term_id in term_ids:
        term = result.guide.terms[term_id]
        forms += [*term.words, *term.acronyms, *([term.source.inggris] if term.source.inggris else [])]
    if vocabulary is not None:
        forms += vocabulary.expand(text)
    return " ".join(f for f in dict.fromkeys(forms) if f)


def search_text(text: LinkedText) -> str:
    """Linked text as a document's text: words as written, a citation as the label pages print,
    a link as its words, code (escaped) in `<code>` as Material keeps it, raw HTML left out."""
    out = []
    for seg in text:
        if isinstance(seg, Cite):
            out.append(html.escape(seg.label))
        elif isinstance(seg, Code):
            out.append(f"<code>{html.escape(seg.content)}</code>")
        elif isinstance(seg, Link):
            out.append(html.escape(seg.label))
        elif not isinstance(seg, Html):
            out.append(html.escape(seg.text))
    return "".join(out)


def _recommendation_docs(result: BuildResult, g: Any, page: str, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    return [
        {
            "location": f"{page}#{rec.id.lower()}",
            # Short titles: the guideline title already scores on the page itself, and words in
            # sub-result titles would outweigh real matches elsewhere (title boost 1000).
            "title": f"Rekomendasi {rec.id} ({STRENGTH_LABELS[rec.kekuatan]})",
            "text": search_text(result.links.text(rec.teks)),
            "sinonim": synonyms(result, rec.teks, vocabulary, terms=result.links.text(rec.teks).terms),
            "boost": GUIDELINE_BOOST,
        }
        for rec in g.rekomendasi
    ]


def _step_docs(result: BuildResult, g: Any, page: str, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    roles = result.guide.roles
    return [
        {
            "location": f"{page}#langkah-{i}",
            "title": f"Langkah {i}",
            "text": html.escape(f"{roles[step.peran].nama if step.peran in roles else step.peran}: ")
            + search_text(result.links.text(step.teks)),
            "sinonim": synonyms(result, step.teks, vocabulary, terms=result.links.text(step.teks).terms),
            "boost": GUIDELINE_BOOST,
        }
        for i, step in enumerate(g.langkah, start=1)
    ]


def _overlay_docs(result: BuildResult, g: Any, page: str, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """Regional material as its own results, titled with the region, so a search for a local
    term finds the guideline and shows which region says it."""
    guide = result.guide
    docs = []
    for o in guide.overlays_on(g.id):
        region = guide.regions[o.wilayah]
        docs.append(
            {
                "location": f"{page}#{overlay_anchor(o)}",
                "title": f"{region.nama}: {o.judul}",
                "text": search_text(result.links.text(o.teks)),
                "sinonim": synonyms(result, o.teks, vocabulary, terms=result.links.text(o.teks).terms),
                "boost": GUIDELINE_BOOST,
            }
        )
    return docs
