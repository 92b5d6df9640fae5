"""The backstop: every generated HTML page, the search index and the PDF HTML pass through nh3.

`panduan.untrusted` stops raw HTML at the source; this module makes sure that whatever got past
it (a gap in that check, a Markdown extension doing something unexpected, a template mistake)
still cannot run in a reader's browser or make WeasyPrint fetch anything. nh3 (the Python binding
of the Rust sanitizer ammonia) parses each document the way a browser does and keeps only the
allow-listed tags, attributes and URL schemes below.

Scripts are the one thing an allow-list of tags cannot express, because the theme needs its own:
a `<script>` survives only if it is

* `<script src>` of a JavaScript file of this site (the theme's bundle, `extra_javascript`),
* an inline script whose text is exactly one of the theme's own (read from Material's
  `partials/javascripts/*.html`, with only URL-like template values allowed to vary), or
* the theme's `<script id="__config" type="application/json">` with the keys Material writes.

Every other script is dropped with its content. The Content-Security-Policy written by
`overrides/main.html` is completed here with the SHA-256 hashes of the inline scripts kept.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import posixpath
import re
import secrets
import signal
import threading
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from markupsafe import Markup

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}

# ---------------------------------------------------------------------------------------------
# Allow-lists. Tags and attributes are those Material 9 and our templates emit (tests/security/
# checks that sanitizing the real site changes nothing a reader or the theme's script can see).

# `data-search-exclude` keeps a block out of the search index (guideline.md.j2's status chips).
_GLOBAL_ATTRS = {"class", "id", "title", "dir", "lang", "role", "hidden", "tabindex", "data-search-exclude"}
_TEXT_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
# The theme's page furniture: header, navigation, search form, drawer toggles, icons.
_THEME_TAGS = {"article", "aside", "button", "footer", "form", "header", "input", "label", "main", "nav", "svg", "path"}
SITE_TAGS = _TEXT_TAGS | _THEME_TAGS
SITE_ATTRS: dict[str, set[str]] = {
    "*": _GLOBAL_ATTRS,
    "a": {"href", "rel", "target"},
    "abbr": {"title"},
    "button": {"type"},
    "details": {"open"},
    "form": {"name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {
        "type",
        "name",
        "checked",
        "disabled",
        "autocomplete",
        "placeholder",
        "autocapitalize",
        "autocorrect",
        "spellcheck",
        "required",
    },
    "label": {"for"},
    "li": {"value"},
    "ol": {"start"},
    "path": {"d"},
    "svg": {"xmlns", "viewBox", "width", "height"},
    "td": {"colspan", "rowspan", "data-label", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
}
# `data-md-*` drive Material's components; `aria-*` carry the page's accessibility.
SITE_PREFIXES = {"aria-", "data-md-"}
_INPUT_TYPES = {"checkbox", "radio", "text", "search"}

# In the head, <meta> and <link> are rebuilt one by one (`_head_elements`); nh3 keeps only <title>.
HEAD_TAGS = {"title"}
_META_NAMES = {"viewport", "description", "author", "generator", "robots", "keywords"}
# Links the page itself loads must be files of this site; the others may point anywhere on the web.
_LOADED_RELS = {"stylesheet", "icon"}
_LINK_RELS = _LOADED_RELS | {"canonical", "prev", "next", "alternate"}
_A_RELS = {"noopener", "noreferrer", "nofollow"}

# The search index: text as Material's search plugin keeps it (a few inline tags, no attributes).
SEARCH_TAGS = {
    "p",
    "code",
    "pre",
    "li",
    "ol",
    "ul",
    "strong",
    "em",
    "b",
    "i",
    "sub",
    "sup",
    "kbd",
    "abbr",
    "br",
    "mark",
    "span",
}

# The PDF: what the templates in pdf/templates/ and Markdown produce. No remote or file URL may
# reach WeasyPrint: links keep http(s)/mailto (they are not fetched), images only `data:image/`.
PDF_TAGS = _TEXT_TAGS | {
    "article",
    "aside",
    "figure",
    "figcaption",
    "header",
    "footer",
    "nav",
    "section",
    "caption",
    "colgroup",
    "col",
}
PDF_ATTRS: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "role", "aria-label", "aria-hidden"},
    "a": {"href"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "li": {"value"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
}
PDF_HEAD_ATTRS: dict[str, set[str]] = {"meta": {"charset", "name", "content"}}

_THEME_IDS = re.compile(
    r"__(?:drawer|search|toc|consent|palette_\d+|nav_\d+(?:_\d+)*(?:_label)?|tabbed_\d+_\d+|code_\d+(?:_\d+)*)"
)


def _safe_url(value: str, *, images: bool = False) -> str | None:
    """Relative URLs and the allowed schemes; `data:image/…` only where `images` says so."""
    stripped = re.sub(r"[\x00-\x20\x7f]+", "", value)
    scheme = urlsplit(stripped).scheme.lower() if ":" in stripped else ""
    if not scheme or scheme in ALLOWED_SCHEMES:
        return value
    if images and scheme == "data" and stripped.lower().startswith("data:image/"):
        return value
    return None


def _local(value: str) -> str | None:
    """A path on this site: no scheme, no host."""
    parts = urlsplit(re.sub(r"[\x00-\x20\x7f]+", "", value))
    return None if parts.scheme or parts.netloc else value


# Material renders tooltips (`title`, and nav labels it copies into `title`) with innerHTML, so text
# that reads as a tag there would become one. A zero-width space after such a `<` keeps the words
# as they look and stops the second parse from seeing a tag.
_TAG_OPENER = re.compile(r"<(?=[A-Za-z/!?])")
_TEXT_TAG_OPENER = re.compile(r"&lt;(?=[A-Za-z/!?])")


_CODE_ELEMENT = re.compile(r"<pre\b.*?</pre>|<code\b.*?</code>", re.DOTALL)


def _inert(text: str) -> str:
    return _TAG_OPENER.sub("<\u200b", text)


def _inert_text(cleaned: str) -> str:
    """The same for text in the page, outside code (which is copied, not shown as a tooltip)."""
    out, position = [], 0
    for match in _CODE_ELEMENT.finditer(cleaned):
        out += [_TEXT_TAG_OPENER.sub("&lt;\u200b", cleaned[position : match.start()]), match.group()]
        position = match.end()
    out.append(_TEXT_TAG_OPENER.sub("&lt;\u200b", cleaned[position:]))
    return "".join(out)


def _site_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "title":
        return _inert(value)
    if attr == "id" and value.startswith("__") and not _THEME_IDS.fullmatch(value):
        return None  # `id="__config"` in content would replace the theme's configuration
    if tag == "input" and attr == "type":
        return value if value.lower() in _INPUT_TYPES else None
    if attr == "href":
        return _safe_url(value)
    if attr == "src":
        return _local(value)  # images of this site only: a reader's phone contacts no other host
    if tag == "a" and attr == "rel":
        return value if set(value.lower().split()) <= _A_RELS else None
    if tag == "a" and attr == "target":
        return value if value == "_blank" else None
    return value


def _pdf_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "href":
        return _safe_url(value)
    if attr == "src":
        # Images come only from data: URIs (the QR codes); no file or network path reaches WeasyPrint.
        url = _safe_url(value, images=True)
        return url if url is not None and url.lstrip().lower().startswith("data:image/") else None
    if tag == "meta" and attr == "name":
        return value if value.lower() in _META_NAMES | {"dcterms.created"} else None
    return value


_PLACEHOLDER_TAG = "panduan-kept"


def _cleaner(
    tags: set[str],
    attrs: dict[str, set[str]],
    filt: Callable[[str, str, str], str | None],
    prefixes: Iterable[str] = (),
) -> nh3.Cleaner:
    attributes = {"*": set(), **{tag: set(names) for tag, names in attrs.items()}}  # no default generic ones
    attributes[_PLACEHOLDER_TAG] = {"data-k"}
    return nh3.Cleaner(
        tags=tags | {_PLACEHOLDER_TAG},
        clean_content_tags={
            "script",
            "style",
            "template",
            "noscript",
            "iframe",
            "object",
            "embed",
            "math",
            "textarea",
            "xmp",
            "noembed",
            "noframes",
            "plaintext",
            "title",
        }
        - tags,
        attributes=attributes,
        attribute_filter=filt,
        generic_attribute_prefixes=set(prefixes) or None,
        url_schemes=ALLOWED_SCHEMES | {"data"},  # `data:` is narrowed to images by the filters
        link_rel=None,
        strip_comments=True,
    )


class _Shielded:
    """A cleaner whose run a stop signal cannot cut in two.

    nh3 calls our attribute filters from Rust; an exception raised there by a signal handler
    (`publish.py` turns SIGTERM into `Interrupted`) is printed and ignored, and the page comes
    out with attributes missing. Blocking the stop signals for the few milliseconds of one run
    delivers them right after it, where `Interrupted` stops the build cleanly.
    """

    _SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})

    def __init__(self, cleaner: nh3.Cleaner) -> None:
        self._cleaner = cleaner

    def clean(self, text: str) -> str:
        if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
            return self._cleaner.clean(text)
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, self._SIGNALS)
        try:
            return self._cleaner.clean(text)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


_SITE_BODY = _Shielded(_cleaner(SITE_TAGS, SITE_ATTRS, _site_filter, SITE_PREFIXES))
_SITE_HEAD = _Shielded(_cleaner(HEAD_TAGS, {}, _site_filter))
_SEARCH = _Shielded(
    nh3.Cleaner(tags=SEARCH_TAGS, attributes={"*": set()}, url_schemes=set(), strip_comments=True, link_rel=None)
)
_PDF_BODY = _Shielded(_cleaner(PDF_TAGS, PDF_ATTRS, _pdf_filter))
_PDF_HEAD = _Shielded(_cleaner({"meta", "title"}, PDF_HEAD_ATTRS, _pdf_filter))


# ---------------------------------------------------------------------------------------------
# Whole documents


class SanitizeError(Exception):
    """The page does not have the shape of a page of ours; it is not published."""


_DOCUMENT = re.compile(
    r"\A\s*(?P<doctype><!doctype html>)?\s*(?P<html><html\b[^>]*>)\s*<head>(?P<head>.*?)</head>\s*"
    r"(?P<body><body\b[^>]*>)(?P<inner>.*)</body>\s*</html>\s*\Z",
    re.IGNORECASE | re.DOTALL,
)
_TAG_ATTR = re.compile(r'([A-Za-z][A-Za-z0-9-]*)="([^"<>]*)"')
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style>(?P<text>.*?)</style>", re.DOTALL)
_CSP = re.compile(r'\A\s*<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">', re.IGNORECASE)


def _rebuild_tag(tag: str, allowed: Callable[[str], bool], name: str) -> str:
    attrs = [(k.lower(), v) for k, v in _TAG_ATTR.findall(tag) if allowed(k.lower())]
    return f"<{name}" + "".join(f' {k}="{html.escape(html.unescape(v))}"' for k, v in attrs) + ">"


@dataclass
class _Kept:
    """Trusted fragments taken out before cleaning and put back after it."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    items: list[str] = field(default_factory=list)

    def keep(self, fragment: str) -> str:
        self.items.append(fragment)
        return f'<{_PLACEHOLDER_TAG} data-k="{self.nonce}-{len(self.items) - 1}"></{_PLACEHOLDER_TAG}>'

    def restore(self, cleaned: str) -> str:
        pattern = re.compile(rf'<{_PLACEHOLDER_TAG} data-k="([^"]*)"></{_PLACEHOLDER_TAG}>')

        def put_back(match: re.Match[str]) -> str:
            nonce, _, index = match.group(1).rpartition("-")
            return (
                self.items[int(index)]
                if nonce == self.nonce and index.isdigit() and int(index) < len(self.items)
                else ""
            )

        return pattern.sub(put_back, cleaned)


@dataclass
class ThemeScripts:
    """What the theme's own scripts look like, read from the theme's templates."""

    inline: list[re.Pattern[str]]
    site_dir: Path | None = None
    config_keys: frozenset[str] = frozenset(
        {"base", "features", "translations", "search", "annotate", "tags", "version"}
    )

    @classmethod
    def from_templates(cls, sources: Iterable[str], site_dir: Path | None = None) -> ThemeScripts:
        """Inline `<script>` bodies of the theme's partials as patterns: template values (`{{ … }}`)
        may only be URL-like (dots, slashes, letters), so no quote or tag can be slipped in."""
        patterns = []
        for source in sources:
            for match in re.finditer(r"<script>(.*?)</script>", source, re.DOTALL):
                parts = re.split(r"\{\{.*?\}\}", match.group(1))
                if re.search(r"\{%|\{#", match.group(1)):
                    continue  # a script assembled by template logic is not recognisable text
                patterns.append(re.compile(r"[\w./:-]*".join(re.escape(p) for p in parts)))
        return cls(patterns, site_dir)

    def trusted_inline(self, text: str) -> bool:
        return any(p.fullmatch(text) for p in self.inline)

    def trusted_src(self, src: str, page_url: str) -> bool:
        """A JavaScript file of this site, addressed by a relative or site-absolute path."""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path.endswith(".js"):
            return False
        if parts.path.startswith("/"):
            target = parts.path.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), parts.path))
        if target.startswith("../") or target == "..":
            return False
        return self.site_dir is None or (self.site_dir / target).is_file()

    @classmethod
    def from_theme(cls, theme: Any, site_dir: Path | None = None) -> ThemeScripts:
        """From the MkDocs theme in use: its `partials/javascripts/*.html` (overrides included)."""
        env = theme.get_env()
        names = [n for n in env.list_templates() if n.startswith("partials/javascripts/") and n.endswith(".html")]
        return cls.from_templates((env.loader.get_source(env, n)[0] for n in names), site_dir)

    def trusted_config(self, text: str, page_url: str) -> bool:
        try:
            data = json.loads(text)
        except ValueError:
            return False
        return (
            isinstance(data, dict)
            and set(data) <= self.config_keys
            and (not isinstance(data.get("search"), str) or self.trusted_src(data["search"], page_url))
        )


_SRC_ATTRS = re.compile(r'\A\s*src="([^"<>]*)"(?:\s+(?:defer|async))*\s*\Z', re.IGNORECASE)
_CONFIG_ATTRS = re.compile(r'\A\s*id="__config"\s+type="application/json"\s*\Z', re.IGNORECASE)


def _scripts(
    fragment: str, kept: _Kept, theme: ThemeScripts, page_url: str, hashes: list[str], configs: list[int]
) -> str:
    """Replace each trusted script with a placeholder and drop the others."""

    def one(match: re.Match[str]) -> str:
        attrs, text = match.group("attrs"), match.group("text")
        src = _SRC_ATTRS.match(attrs)
        if src and not text.strip() and theme.trusted_src(html.unescape(src.group(1)), page_url):
            return kept.keep(f'<script src="{src.group(1)}"></script>')
        if not attrs.strip() and theme.trusted_inline(text):
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
            if f"'sha256-{digest}'" not in hashes:
                hashes.append(f"'sha256-{digest}'")
            return kept.keep(match.group())
        if _CONFIG_ATTRS.match(attrs) and theme.trusted_config(text, page_url):
            configs.append(len(kept.items))
            return kept.keep(match.group())
        return ""

    return _SCRIPT.sub(one, fragment)


_HEAD_ELEMENT = re.compile(r"<(meta|link)\b([^<>]*)>", re.IGNORECASE)


def _head_elements(head: str, kept: _Kept) -> str:
    """Each <meta> and <link> of the head rebuilt from what it may say, or dropped."""

    def one(match: re.Match[str]) -> str:
        attrs = {k.lower(): html.unescape(v) for k, v in _TAG_ATTR.findall(match.group(2))}
        if match.group(1).lower() == "meta":
            if set(attrs) == {"charset"}:
                return kept.keep(f'<meta charset="{html.escape(attrs["charset"])}">')
            if set(attrs) == {"name", "content"} and attrs["name"].lower() in _META_NAMES:
                return kept.keep(
                    f'<meta name="{html.escape(attrs["name"])}" content="{html.escape(attrs["content"])}">'
                )
            return ""
        rels = set(attrs.get("rel", "").lower().split())
        href = attrs.get("href", "")
        if not rels or not rels <= _LINK_RELS or not href:
            return ""
        if (rels & _LOADED_RELS and _local(href) is None) or _safe_url(href) is None:
            return ""
        extra = "".join(f' {k}="{html.escape(attrs[k])}"' for k in ("hreflang", "type", "sizes", "title") if k in attrs)
        return kept.keep(f'<link rel="{html.escape(attrs["rel"])}" href="{html.escape(href)}"{extra}>')

    return _HEAD_ELEMENT.sub(one, head)


def _with_hashes(policy: str, hashes: list[str]) -> str:
    directives = [d.strip() for d in html.unescape(policy).split(";") if d.strip()]
    if hashes:
        for i, directive in enumerate(directives):
            if directive.split()[0].lower() == "script-src":
                directives[i] = " ".join([directive, *hashes])
    return "; ".join(directives)


# Whitespace runs that hold a line break and touch a tag: the theme's templates indent every nav
# item over many blank lines (a fifth of a guideline page). In a browser such a run is worth one
# space, and a line break is one, so nothing moves; <pre>, <textarea>, <script> and <style> keep
# theirs. (Our attribute values hold no line breaks: tooltips are one line, see render.markdown.)
_BLANK_RUN = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\n]*\n[ \t\r\n]*|[ \t\r\n]*\n[ \t\r\n]*(?=<)",
    re.IGNORECASE | re.DOTALL,
)


def collapse_blank_runs(page_html: str) -> str:
    """`page_html` with each whitespace run that spans lines and touches a tag cut to one line break."""
    return _BLANK_RUN.sub(lambda m: m.group(1) or "\n", page_html)


def clean_page(page_html: str, page_url: str, theme: ThemeScripts) -> str:
    """Sanitize one page of the site; `page_url` is its path in the site (`a/b/index.html`)."""
    doc = _DOCUMENT.match(page_html)
    if doc is None:
        raise SanitizeError("halaman tidak berbentuk dokumen HTML situs (doctype, head, body)")
    kept, hashes, configs = _Kept(), list[str](), list[int]()
    head = doc.group("head")
    csp = _CSP.match(head)
    if csp:
        head = head[csp.end() :]
    head = _head_elements(_scripts(head, kept, theme, page_url, hashes, configs), kept)
    inner = _scripts(doc.group("inner"), kept, theme, page_url, hashes, configs)
    for index in configs[:-1]:  # only one configuration, the theme's (the last in the page)
        kept.items[index] = ""
    head = kept.restore(_SITE_HEAD.clean(head))
    inner = collapse_blank_runs(kept.restore(_inert_text(_SITE_BODY.clean(inner))))
    html_tag = _rebuild_tag(doc.group("html"), lambda a: a in ("lang", "class", "dir"), "html")
    body_tag = _rebuild_tag(
        doc.group("body"), lambda a: a in ("dir", "class") or a.startswith("data-md-color-"), "body"
    )
    meta = ""
    if csp:
        policy = html.escape(_with_hashes(csp.group("policy"), hashes), quote=False).replace('"', "&quot;")
        meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return f"<!doctype html>\n{html_tag}\n<head>{meta}\n{head}\n</head>\n{body_tag}\n{inner}\n</body>\n</html>\n"


def clean_pdf_html(document: str) -> str:
    """Sanitize the HTML of one PDF before WeasyPrint lays it out.

    The stylesheet in the head is ours (the templates put it there, never an editor's text); it is
    kept when it is the head's only `<style>`. Everything else is cleaned.
    """
    doc = _DOCUMENT.match(document)
    if doc is None:
        raise SanitizeError("HTML PDF tidak berbentuk dokumen (doctype, head, body)")
    kept = _Kept()
    styles = list(_STYLE.finditer(doc.group("head")))
    head = doc.group("head")
    if len(styles) == 1:
        head = head[: styles[0].start()] + kept.keep(styles[0].group()) + head[styles[0].end() :]
    head = kept.restore(_PDF_HEAD.clean(head))
    inner = _PDF_BODY.clean(doc.group("inner"))
    html_tag = _rebuild_tag(doc.group("html"), lambda a: a == "lang", "html")
    body_tag = _rebuild_tag(doc.group("body"), lambda a: a == "class", "body")
    return f"<!DOCTYPE html>\n{html_tag}\n<head>\n{head}\n</head>\n{body_tag}\n{inner}\n</body>\n</html>\n"


# ---------------------------------------------------------------------------------------------
# The search index


_INDEX_TEXT_FIELDS = ("title", "text", "ringkasan", "sinonim", "judul_sinonim")


def clean_search_index(index: dict[str, Any]) -> dict[str, Any]:
    """Every text field of every document through the search allow-list; locations must be paths."""
    docs = []
    for doc in index.get("docs", []):
        doc = dict(doc)
        for name, value in list(doc.items()):
            if name == "location":
                doc[name] = (
                    value
                    if isinstance(value, str) and _safe_url(value) is not None and not urlsplit(value).scheme
                    else ""
                )
            elif isinstance(value, str) and (name in _INDEX_TEXT_FIELDS or "<" in value):
                doc[name] = _SEARCH.clean(value)
        docs.append(doc)
    return {**index, "docs": docs}


# ---------------------------------------------------------------------------------------------
# Text the theme prints as HTML


_META_TEXT = ("title", "description", "author")


def escape_meta(meta: MutableMapping[str, Any]) -> None:
    """Page title, description and author are plain text; Material prints them unescaped, into
    `<title>`, the header and `<meta name="description" content="…">`. As `Markup` they print
    escaped there, and filters that escape (`| e`) leave them as they are."""
    for key in _META_TEXT:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = Markup.escape(value)


def escape_nav(nav: Any) -> Any:
    """The same for the titles of an MkDocs `nav:` structure (lists of `{title: path or list}`)."""
    if isinstance(nav, list):
        return [escape_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {(Markup.escape(k) if isinstance(k, str) else k): escape_nav(v) for k, v in nav.items()}
    return nav
