"""Configs for builders other than MkDocs + Material, written by `panduan generate --out DIR`.

MkDocs 1.x is frozen and Material reaches end of life in 2027. `generate` writes the pages into
`DIR/docs/` and, beside them, one config per builder that is tested against it
(`tests/portable/`):

* `properdocs.yml` — ProperDocs, the maintained MkDocs 1.x fork, with its `mkdocs` theme. It is a
  plain MkDocs 1.x config, so `mkdocs build -f properdocs.yml` works too.
* `zensical.toml` — Zensical, the Material team's successor, which keeps Material's look and
  theme features.

Neither config names the `panduan` plugin: the pages are already rendered, and the sources were
checked before they were written. Settings come from the project's `mkdocs.yml` (read as plain
YAML: nothing here imports mkdocs), so a Markdown extension added there reaches the other builders
too — and the portable tests fail if one of them cannot handle it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from panduan.render import DEFAULT_SECTIONS, NavItem, nav_to_mkdocs

DOCS_DIR = "docs"
SUMMARY = "SUMMARY.md"  # literate-nav file for builders that read one; the configs below carry the nav
# Python-Markdown extensions the generated pages are written for (`!!!` notes, `{: .class }`,
# `<div markdown>`, tables, `{ #anchor }`); added when mkdocs.yml does not list them.
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")


@dataclass
class SiteSettings:
    """What the project's mkdocs.yml says that a foreign builder needs to know."""

    site_name: str = "Panduan Praktik"
    site_description: str | None = None
    site_url: str | None = None
    language: str = "id"
    use_directory_urls: bool = True
    docs_dir: str = "docs"
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)  # the matrix filters (progressive)
    markdown_extensions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    palette: Any = None
    validation: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SECTIONS))
    downloads_dir: str = "dist"


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML that understands MkDocs' `!ENV` and ignores other tags (`!!python/name:` …)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable that is set, else the default.
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)  # type: ignore[arg-type]
    *names, default = items if len(items) > 1 else (*items, None)
    return next((os.environ[n] for n in names if n in os.environ), default)


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_settings(mkdocs_yml: Path) -> SiteSettings:
    """Settings from the project's mkdocs.yml; defaults when there is none."""
    if not mkdocs_yml.is_file():
        return SiteSettings()
    raw = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    theme: dict[str, Any] = raw["theme"] if isinstance(raw.get("theme"), dict) else {}
    plugin = (
        next((p["panduan"] for p in raw.get("plugins") or [] if isinstance(p, dict) and "panduan" in p), None) or {}
    )
    defaults = SiteSettings()
    return SiteSettings(
        site_name=raw.get("site_name") or defaults.site_name,
        site_description=raw.get("site_description") or None,
        site_url=raw.get("site_url") or None,
        language=theme.get("language") or defaults.language,
        use_directory_urls=raw.get("use_directory_urls", True) is not False,
        docs_dir=raw.get("docs_dir") or defaults.docs_dir,
        extra_css=[c for c in raw.get("extra_css") or [] if isinstance(c, str)],
        extra_javascript=[j for j in raw.get("extra_javascript") or [] if isinstance(j, str)],
        markdown_extensions=_extensions(raw.get("markdown_extensions") or []),
        features=list(theme.get("features") or []),
        palette=theme.get("palette"),
        validation=dict(raw.get("validation") or {}),
        sections=dict(plugin.get("sections") or defaults.sections),
        downloads_dir=plugin.get("downloads_dir") or defaults.downloads_dir,
    )


def _extensions(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """MkDocs accepts a list of names / one-key mappings, or a mapping; normalise to pairs."""
    items = (
        value.items()
        if isinstance(value, dict)
        else [next(iter(v.items())) if isinstance(v, dict) else (v, {}) for v in value]
    )
    return [(str(name), dict(options or {})) for name, options in items]


def _needed_extensions(settings: SiteSettings) -> list[tuple[str, dict[str, Any]]]:
    listed = [name for name, _ in settings.markdown_extensions]
    return settings.markdown_extensions + [(name, {}) for name in REQUIRED_EXTENSIONS if name not in listed]


def _patterns(paths: list[str]) -> str | None:
    return "".join(f"/{p}\n" for p in paths) or None


def _site(settings: SiteSettings) -> dict[str, Any]:
    """The settings every builder's config starts with."""
    return {
        "site_name": settings.site_name,
        "site_description": settings.site_description,
        "site_url": settings.site_url,
        "docs_dir": DOCS_DIR,
        "site_dir": "site",
        "use_directory_urls": settings.use_directory_urls,
    }


def properdocs_config(settings: SiteSettings, nav: list[NavItem], *, not_in_nav: list[str]) -> dict[str, Any]:
    """A plain MkDocs 1.x config for ProperDocs and its `mkdocs` theme (no Material, no plugin)."""
    config: dict[str, Any] = {
        **_site(settings),
        "theme": {
            "name": "mkdocs",
            "locale": settings.language,
            "highlightjs": False,  # it would load highlight.js from a CDN; the guide has no code
        },
        "extra_css": settings.extra_css,
        "extra_javascript": settings.extra_javascript,
        "plugins": ["search"],  # lunr has no Indonesian: the index is built for English
        "markdown_extensions": [{name: options} if options else name for name, options in _needed_extensions(settings)],
        "exclude_docs": f"/{SUMMARY}\n",
        "not_in_nav": _patterns(not_in_nav),
        "validation": settings.validation,
        "nav": nav_to_mkdocs(nav),
    }
    return {k: v for k, v in config.items() if v not in (None, {}, [])}


def zensical_config(settings: SiteSettings, nav: list[NavItem], *, not_in_nav: list[str]) -> dict[str, Any]:
    """A zensical.toml `[project]`: Material's theme features carry over, the plugin does not."""
    theme: dict[str, Any] = {"language": settings.language, "font": False, "features": settings.features}
    if settings.palette:
        theme["palette"] = settings.palette if isinstance(settings.palette, list) else [settings.palette]
    project: dict[str, Any] = {
        **_site(settings),
        "extra_css": settings.extra_css,
        "extra_javascript": settings.extra_javascript,
        "exclude_docs": f"/{SUMMARY}\n",
        "not_in_nav": _patterns(not_in_nav),
        "nav": nav_to_mkdocs(nav),
        "theme": theme,
        "extra": {"generator": False},  # no link out to the builder's site in every footer
        "markdown_extensions": dict(_needed_extensions(settings)),
    }
    return {"project": {k: v for k, v in project.items() if v is not None and v != []}}


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (file patterns) as `|` blocks, as people write them in mkdocs.yml."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


def dump_yaml(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


# ---------------------------------------------------------------------------------------------
# TOML: the standard library reads it (3.11+) but does not write it; this config needs little.

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))} = {_value(v)}" for k, v in value.items()) + "}" if value else "{}"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def dump_toml(config: dict[str, Any]) -> str:
    """Nested mappings become tables (`[project.theme]`), except extension options, which stay
    inline so each extension is one line; lists are written one item per line."""
    lines: list[str] = []

    def emit(path: list[str], data: dict[str, Any]) -> None:
        inline = bool(path) and path[-1] in _INLINE_TABLES
        nested = {k: v for k, v in data.items() if isinstance(v, dict) and v and not inline}
        if path:
            lines.extend([*([""] if lines else []), "[" + ".".join(_key(p) for p in path) + "]"])
        for key, value in data.items():
            if key in nested:
                continue
            if isinstance(value, list) and value:
                lines.extend([f"{_key(key)} = [", *(f"  {_value(v)}," for v in value), "]"])
            else:
                lines.append(f"{_key(key)} = {_value(value)}")
        for key, value in nested.items():
            emit([*path, key], value)

    emit([], config)
    return "\n".join(lines) + "\n"


_INLINE_TABLES = {"markdown_extensions"}
