"""Search vocabulary: the words field workers type that the guide does not use.

Editors keep `registry/kosakata.yaml` (reviewed by pull request); each entry lists what people
type (`kata`: everyday, regional or informal words, English loanwords, old names of programmes)
and what it means in the guide: guidelines (`pedoman`, by id) and/or words the guide itself uses
(`padanan`). The glossary's other forms (`singkatan`, `alias`, `inggris`) are synonyms too and
feed the same list, so one function (`Vocabulary.expand`) gives every other form of whatever a
text mentions.

How search uses it (`documents.py`), on the index side only, so the browser and `panduan cari`
need no extra query logic:

* a guideline named in `pedoman` gets the entry's `kata` in its page's hidden `kata_kunci` field,
  together with the guideline's own `kata_kunci` (front matter);
* a document whose text contains a `padanan` (compared on analysed stems, so inflected forms
  count) gets the entry's `kata` in its hidden `sinonim` field, as glossary synonyms do.

`check_vocabulary()` runs in `panduan check`: no form written twice, every `pedoman` an existing
guideline, every `padanan` present in the guide's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field

from panduan import cache
from panduan.diagnostics import Diagnostic, Location, Severity, closest
from panduan.loader import load_validated
from panduan.schema import Slug, Source, Text
from panduan.search.stemmer import analyze, fold

if TYPE_CHECKING:
    from panduan.model import Guide, Term

VOCABULARY_PATH = "registry/kosakata.yaml"


class VocabularyEntry(Source):
    kata: Annotated[list[Text], Field(min_length=1)]
    pedoman: list[Slug] = Field(default_factory=list)
    padanan: list[Text] = Field(default_factory=list)
    catatan: str = ""


class VocabularyRegistry(Source):
    kosakata: list[VocabularyEntry] = Field(default_factory=list)


def _form_key(text: str) -> str:
    return " ".join(fold(text).split())


def _stems(text: str) -> tuple[str, ...]:
    return tuple(analyze(text))


# ---------------------------------------------------------------------------------------------
# Loading and checking


def load_registry(root: Path) -> tuple[VocabularyRegistry | None, list[Diagnostic]]:
    """`registry/kosakata.yaml`, validated; (None, []) when the guide has none (it is optional)."""
    path = root / VOCABULARY_PATH
    if not path.is_file():
        return None, []
    return load_validated(path, root, VocabularyRegistry)


def guide_texts(guide: Guide) -> Iterator[list[str]]:
    """Everything the guide says that a reader can search (guidelines, glossary, registries), in
    groups that change together: one per guideline and per overlay, then the rest."""
    for g in guide.guidelines.values():
        yield [
            g.judul,
            g.ringkasan,
            g.file.body,
            *(r.teks for r in g.rekomendasi),
            *(s.teks for s in g.langkah),
            *(t.nama for t in g.tugas),
            *(n.teks for n in g.catatan_lokal),
        ]
    for overlay in guide.overlays:  # regional material is searchable too (regional_view.py)
        yield [overlay.judul, overlay.teks, *(t.nama for t in overlay.tugas)]
    rest: list[str] = []
    for services in guide.regional_services.values():
        rest += (text for service in services.values() for text in (service.nama, service.deskripsi))
    for term in guide.terms.values():
        s = term.source
        rest += (s.istilah, s.definisi, *s.alias, s.singkatan or "", s.inggris or "")
    for topic in guide.topics.values():
        rest += (topic.judul, topic.ringkasan)
    for role in guide.roles.values():
        rest += (role.nama, role.deskripsi)
    for service in guide.services.values():
        rest += (service.nama, service.deskripsi)
    yield rest


class _PhraseSet:
    """Which analysed phrases occur in a body of text (contiguous stems, whole stems only)."""

    def __init__(self, groups: Iterable[list[str]]) -> None:
        self._joined = " " + " | ".join(_analysed(group) for group in groups) + " "

    def __contains__(self, stems: tuple[str, ...]) -> bool:
        return bool(stems) and f" {' '.join(stems)} " in self._joined


def _analysed(texts: list[str]) -> str:
    """A group's texts as stems, kept in the cache by their words: a save re-analyses one group."""
    texts = [t for t in texts if t]
    return cache.memo("stem-teks", tuple(texts), lambda: " | ".join(" ".join(analyze(t)) for t in texts))


def check_vocabulary(guide: Guide) -> list[Diagnostic]:
    """Problems in registry/kosakata.yaml and in guidelines' `kata_kunci`, for `panduan check`."""
    registry, problems = load_registry(guide.root)
    out = list(problems)
    glossary_forms = {_form_key(f): term.id for term in guide.terms.values() for f in _term_forms(term)}
    if registry is not None:
        out += _check_entries(registry, guide, glossary_forms)
    for g in guide.guidelines.values():
        for i, word in enumerate(g.kata_kunci):
            if not _stems(word):
                out.append(
                    Diagnostic(
                        "vocabulary-empty",
                        f"kata kunci “{word}” hanya berisi kata umum (seperti “dan”, “yang”) dan tidak dapat dicari.",
                        (g.loc("kata_kunci", i),),
                    )
                )
    return out


def _check_entries(registry: VocabularyRegistry, guide: Guide, glossary_forms: dict[str, str]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    present = _PhraseSet(guide_texts(guide))
    seen: dict[str, Location] = {}
    for entry in registry.kosakata:
        if not entry.pedoman and not entry.padanan:
            out.append(
                Diagnostic(
                    "vocabulary-without-meaning",
                    "entri kosakata harus menyebut `pedoman` (id pedoman) atau `padanan` (kata yang dipakai panduan), "
                    "atau keduanya.",
                    (entry.loc(),),
                )
            )
        for i, word in enumerate(entry.kata):
            key, here = _form_key(word), entry.loc("kata", i)
            if key in seen:
                out.append(
                    Diagnostic(
                        "vocabulary-duplicate",
                        f"kata “{word}” sudah ditulis di entri lain kosakata.",
                        (here, seen[key]),
                        "Gabungkan kedua entri, atau hapus salah satunya.",
                    )
                )
                continue
            seen[key] = here
            if not _stems(word):
                out.append(
                    Diagnostic(
                        "vocabulary-empty",
                        f"kata “{word}” hanya berisi kata umum (seperti “dan”, “yang”) dan tidak dapat dicari.",
                        (here,),
                    )
                )
            elif key in glossary_forms and not entry.pedoman:
                out.append(
                    Diagnostic(
                        "vocabulary-duplicate",
                        f"kata “{word}” sudah menjadi bentuk lain istilah glosarium `{glossary_forms[key]}`; "
                        "pencarian sudah mengenalnya.",
                        (here,),
                        f"Hapus dari kosakata, atau tambahkan ke `alias` di glossary/{glossary_forms[key]}.yaml.",
                        Severity.WARNING,
                    )
                )
        for i, gid in enumerate(entry.pedoman):
            if gid not in guide.guidelines:
                near = closest(gid, guide.guidelines)
                out.append(
                    Diagnostic(
                        "vocabulary-unknown-guideline",
                        f"pedoman `{gid}` tidak ada.",
                        (entry.loc("pedoman", i),),
                        f"Maksud Anda `{near}`?" if near else "Tulis id pedoman (nama berkas tanpa .md).",
                    )
                )
        for i, phrase in enumerate(entry.padanan):
            stems = _stems(phrase)
            if stems not in present:
                out.append(
                    Diagnostic(
                        "vocabulary-unknown-word",
                        f"padanan “{phrase}” tidak ditemukan di panduan; padanan harus kata atau frasa yang "
                        "dipakai pedoman, glosarium, atau registri.",
                        (entry.loc("padanan", i),),
                        "Tulis kata sebagaimana dipakai panduan, atau arahkan entri ke `pedoman`.",
                    )
                )
    return out


def _term_forms(term: Term) -> list[str]:
    s = term.source
    return [s.istilah, *s.alias, *([s.singkatan] if s.singkatan else []), *([s.inggris] if s.inggris else [])]


# ---------------------------------------------------------------------------------------------
# What search indexes


@dataclass(frozen=True)
class _Group:
    forms: tuple[str, ...]  # what is added to a document
    anchors: tuple[tuple[str, ...], ...]  # analysed phrases that make a document get the forms


class Vocabulary:
    """The words of registry/kosakata.yaml and guidelines' `kata_kunci`, for the search documents.

    (Glossary synonyms are found with the link matcher, `documents.synonyms()`, which knows the
    case rules of acronyms; both land in the same `sinonim` field.)"""

    def __init__(self, guide: Guide, registry: VocabularyRegistry | None) -> None:
        self.keywords: dict[str, list[str]] = {}
        groups: list[_Group] = []
        for g in guide.guidelines.values():
            if g.kata_kunci:
                self.keywords.setdefault(g.id, []).extend(g.kata_kunci)
        for entry in registry.kosakata if registry else []:
            for gid in entry.pedoman:
                self.keywords.setdefault(gid, []).extend(entry.kata)
            if entry.padanan:
                anchors = tuple(s for p in entry.padanan if (s := _stems(p)))
                groups.append(_Group(tuple(entry.kata), anchors))
        self._groups = groups
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for n, group in enumerate(groups):
            for anchor in group.anchors:
                self._by_first.setdefault(anchor[0], []).append((anchor, n))

    @classmethod
    def load(cls, guide: Guide) -> Vocabulary:
        registry, _ = load_registry(guide.root)
        return cls(guide, registry)

    def expand(self, text: str) -> list[str]:
        """The `kata` of every vocabulary entry one of whose `padanan` `text` contains."""
        stems = analyze(text)
        found: list[int] = []
        for i, stem in enumerate(stems):
            for anchor, n in self._by_first.get(stem, ()):
                if tuple(stems[i : i + len(anchor)]) == anchor and n not in found:
                    found.append(n)
        forms: list[str] = []
        for n in sorted(found):
            forms += self._groups[n].forms
        return list(dict.fromkeys(forms))

    def keywords_of(self, guideline_id: str) -> str:
        return " ".join(dict.fromkeys(self.keywords.get(guideline_id, [])))
