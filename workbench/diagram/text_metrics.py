"""Estimated text widths (Arial metrics) and word wrapping, for labels in laid-out and rendered diagrams.

There is no font engine at hand, so widths come from Arial's advance widths per character; Vietnamese
letters are measured by their base letter (diacritics do not change the advance width).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Arial advance widths in thousandths of an em
_WIDTHS = {
    **dict.fromkeys("ijl'|", 222), **dict.fromkeys(" ftI.,:;!/\\[]", 278), **dict.fromkeys("r()-`{}", 333),
    '"': 355, **dict.fromkeys("cksvxyzJ*", 500), "^": 469, **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667), **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833), "W": 944, "%": 889, "@": 1015, **dict.fromkeys("=+<>~", 584),
}
_DEFAULT = 556  # lowercase letters, digits and most others
_SPECIAL = {"đ": "d", "Đ": "D"}


@lru_cache(maxsize=4096)
def _advance(char: str) -> int:
    base = _SPECIAL.get(char) or unicodedata.normalize("NFD", char)[:1] or char
    if unicodedata.category(base) == "Mn":
        return 0  # a combining mark on its own
    return _WIDTHS.get(base, _DEFAULT)


def text_width(text: str, size: float) -> float:
    """Estimated width in px of `text` set in Arial at `size` px."""
    return sum(_advance(char) for char in text) * size / 1000


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break `text` into lines no wider than `width` px, at spaces where possible."""
    lines: list[str] = []
    for paragraph in text.replace("\r", "").split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = ""
            while text_width(word, size) > width and len(word) > 1:
                cut = _fit(word, width, size)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        if line:
            lines.append(line)
    return lines


def _fit(word: str, width: float, size: float) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    used = 0.0
    for i, char in enumerate(word):
        used += _advance(char) * size / 1000
        if used > width:
            return max(i, 1)
    return len(word)
