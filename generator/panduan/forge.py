"""Where a page can be changed or reported: the source file on the forge ("Ubah halaman ini"),
prefilled issue forms and a prefilled e-mail ("Laporkan masalah / beri masukan").

Settings come from mkdocs.yml:

* `repo_url` (e.g. `https://github.com/ORG/REPO`) and `edit_uri` (e.g. `edit/main/docs/`): MkDocs'
  own settings. `edit_uri` points at the docs folder; sources live beside it (`guidelines/`,
  `glossary/`, `law/`, `registry/`), so the project root's edit base is `edit_uri` without the
  docs folder (`edit/main/`). Where that cannot be derived, set the plugin option
  `source_edit_uri` (relative to `repo_url`, or a full URL).
* `extra.surel_penyunting`: the editors' address for the prefilled e-mail.

Issue-form links follow GitHub's URL scheme (`/issues/new?template=…&<field id>=…`); the forms
live in `.github/ISSUE_TEMPLATE/` and have the `halaman` and `sumber` fields prefilled here.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urljoin

# (form file in .github/ISSUE_TEMPLATE/, link text, title prefix)
ISSUE_FORMS = (
    ("kesalahan-isi.yml", "Ada yang salah atau kurang jelas", "Kesalahan isi"),
    ("peraturan-berubah.yml", "Peraturannya sudah berubah", "Peraturan berubah"),
    ("saran.yml", "Usul atau saran", "Saran"),
)
FIELD_PAGE = "halaman"  # id of the form field that receives the page's address
FIELD_SOURCE = "sumber"  # id of the form field that receives the source file


@dataclass(frozen=True)
class Forge:
    repo_url: str = ""
    edit_base: str = ""  # URL prefix that opens a project file for editing, ends with "/"
    email: str = ""

    def edit_url(self, source: str | None) -> str | None:
        """The editor for one source file (`guidelines/x/y.md`); None for no single file."""
        if not self.edit_base or not source or source.endswith("/"):
            return None
        return self.edit_base + quote(source)

    def issue_url(self, form: str, title: str, page: str, source: str) -> str | None:
        if not self.repo_url:
            return None
        query = urlencode({"template": form, "title": title, FIELD_PAGE: page, FIELD_SOURCE: source}, quote_via=quote)
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def mailto(self, subject: str, body: str) -> str | None:
        if not self.email:
            return None
        return f"mailto:{quote(self.email, safe='@')}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)


def forge_from_settings(
    *,
    repo_url: str | None,
    edit_uri: str | None,
    docs_dir: str,
    email: object = None,
    source_edit_uri: str | None = None,
) -> Forge:
    """`docs_dir` is the docs folder relative to the project root (`docs`)."""
    repo = (repo_url or "").strip()
    base = ""
    if source_edit_uri:
        base = urljoin(repo.rstrip("/") + "/", source_edit_uri) if repo else source_edit_uri
    elif edit_uri:
        docs = posixpath.normpath(docs_dir.strip("/")) + "/"
        uri = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
        if uri.endswith(docs):
            uri = uri[: -len(docs)]
            base = urljoin(repo.rstrip("/") + "/", uri) if repo else uri
    if base and not base.endswith("/"):
        base += "/"
    if base and "://" not in base:
        base = ""  # a relative edit base without repo_url cannot be opened
    address = email.strip() if isinstance(email, str) else ""
    return Forge(repo_url=repo, edit_base=base, email=address)
