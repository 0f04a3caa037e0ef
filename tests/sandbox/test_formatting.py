"""Telegram HTML parsing: visible text, entities in UTF-16 units, refusals."""

from __future__ import annotations

import pytest

from bot.sandbox.errors import ApiError
from bot.sandbox.formatting import parse_html, render


def test_tags_become_entities_and_text_is_unescaped() -> None:
    text, entities = parse_html('<b>Bold</b> <a href="https://x.org">link</a> &lt;3 &#128062;')
    assert text == "Bold link <3 🐾"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "text_link", "url": "https://x.org", "offset": 5, "length": 4},
    ]


def test_offsets_count_utf16_code_units() -> None:
    text, entities = parse_html("🦶<i>x</i>")
    assert text == "🦶x"
    assert entities == [{"type": "italic", "offset": 2, "length": 1}]


def test_every_allowed_tag_is_accepted() -> None:
    markup = (
        "<b>a</b><strong>a</strong><i>a</i><em>a</em><u>a</u><ins>a</ins><s>a</s>"
        "<strike>a</strike><del>a</del><tg-spoiler>a</tg-spoiler>"
        '<span class="tg-spoiler">a</span><code>a</code>'
        '<pre><code class="language-python">a</code></pre><blockquote>a</blockquote>'
        "<blockquote expandable>a</blockquote>"
    )
    text, entities = parse_html(markup)
    assert text == "a" * 15
    pre = next(e for e in entities if e["type"] == "pre")
    assert pre["language"] == "python"
    assert entities[-1]["type"] == "expandable_blockquote"


@pytest.mark.parametrize(
    ("markup", "detail"),
    [
        ("<b>open", "Can't find end tag"),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x</i>", "Unmatched end tag"),
        ("x</b>", "Unexpected end tag"),
        ("a < b", 'Unexpected "<"'),
        ("<br/>", "Unsupported start tag"),
    ],
)
def test_invalid_markup_is_refused(markup: str, detail: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_html(markup)
    assert caught.value.error_code == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")
    assert detail in caught.value.description


def test_plain_text_passes_untouched_and_unknown_modes_are_refused() -> None:
    assert render("<b>as typed</b>", None) == ("<b>as typed</b>", [])
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        render("x", "BBCode")
