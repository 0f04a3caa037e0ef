"""Telegram's HTML parse mode: turn the markup the bot sends into what the user sees.

Telegram counts message limits after entity parsing and rejects markup it does not know, so a
bot that forgets to escape a user's ``<`` fails in production. Parsing the same way here makes
that mistake fail in tests too.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from bot.sandbox.errors import ApiError, bad_request

NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


def utf16_len(text: str) -> int:
    """Entity offsets and lengths are measured in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    entity: dict[str, Any] | None
    start: int


class _TelegramHTML(HTMLParser):
    """Collects plain text and entities; raises ApiError on markup Telegram refuses."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.parts: list[str] = []
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_Open] = []
        self.units = 0

    def _fail(self, detail: str) -> ApiError:
        line, col = self.getpos()
        lines = self.raw.split("\n")
        prefix = "\n".join(lines[: line - 1]) + ("\n" if line > 1 else "") + lines[line - 1][:col]
        return bad_request(f"can't parse entities: {detail} at byte offset {len(prefix.encode())}")

    def _text(self, text: str) -> None:
        self.parts.append(text)
        self.units += utf16_len(text)

    def handle_data(self, data: str) -> None:
        if "<" in data:
            raise self._fail('Unexpected "<", use &lt; instead')
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(NAMED_ENTITIES.get(name, f"&{name}"))

    def handle_charref(self, name: str) -> None:
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            self._text(chr(code))
        except (ValueError, OverflowError) as exc:
            raise self._fail(f'Invalid character reference "&#{name};"') from exc

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        entity: dict[str, Any] | None
        if tag in SIMPLE_TAGS:
            entity = {"type": SIMPLE_TAGS[tag]}
            if tag == "blockquote" and "expandable" in attributes:
                entity["type"] = "expandable_blockquote"
        elif tag == "span" and attributes.get("class") == "tg-spoiler":
            entity = {"type": "spoiler"}
        elif tag == "a":
            href = attributes.get("href")
            entity = {"type": "text_link", "url": href} if href else None
        elif tag == "tg-emoji":
            entity = {"type": "custom_emoji", "custom_emoji_id": attributes.get("emoji-id", "")}
        else:
            raise self._fail(f'Unsupported start tag "{tag}"')
        if tag == "code" and self.stack and self.stack[-1].tag == "pre":
            language = (attributes.get("class") or "").removeprefix("language-")
            pre = self.stack[-1].entity
            if language and pre is not None:
                pre["language"] = language
        self.stack.append(_Open(tag, entity, self.units))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise self._fail(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack:
            raise self._fail(f'Unexpected end tag "{tag}"')
        top = self.stack.pop()
        if top.tag != tag:
            raise self._fail(f'Unmatched end tag "{tag}", expected "</{top.tag}>"')
        if top.entity is not None and self.units > top.start:
            inner_code_in_pre = top.tag == "code" and self.stack and self.stack[-1].tag == "pre"
            if not inner_code_in_pre:
                entity = {**top.entity, "offset": top.start, "length": self.units - top.start}
                self.entities.append(entity)

    def handle_comment(self, data: str) -> None:
        raise self._fail("Unsupported comment")

    def handle_decl(self, decl: str) -> None:
        raise self._fail("Unsupported declaration")

    def handle_pi(self, data: str) -> None:
        raise self._fail("Unsupported processing instruction")

    def unknown_decl(self, data: str) -> None:
        raise self._fail("Unsupported declaration")


def parse_html(markup: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) for Telegram HTML, or raise a 400 like Telegram."""
    parser = _TelegramHTML(raw=markup)
    parser.feed(markup)
    parser.close()
    if parser.stack:
        tag = parser.stack[-1].tag
        detail = f'Can\'t find end tag corresponding to start tag "{tag}"'
        raise bad_request(f"can't parse entities: {detail}")
    parser.entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), parser.entities


def render(text: str, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Apply a parse mode. Markdown modes are accepted but not parsed (the bot uses HTML)."""
    if not parse_mode:
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("markdown", "markdownv2"):
        return text, []
    raise bad_request(f"unsupported parse_mode {parse_mode}")
