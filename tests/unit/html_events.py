"""A page as a list of parse events (tags with sorted attributes, text), for comparing two builds."""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = {"meta", "link", "input", "br", "img", "hr", "path", "col", "source", "wbr"}
_DOCUMENT = {"html", "head", "body"}


def events(document: str) -> list[tuple]:
    out: list[tuple] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in _DOCUMENT:
                out.append(("<" + tag, tuple(sorted((k, " ".join((v or "").split())) for k, v in attrs))))

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)

        def handle_endtag(self, tag):
            if tag not in _DOCUMENT and tag not in _VOID:
                out.append(("</" + tag,))

        def handle_data(self, data):
            text = " ".join(data.split())
            if text:
                out.append(("#", text))

    Parser(convert_charrefs=True).feed(document)
    return out
