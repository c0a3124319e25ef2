"""The same condition in Python for a Camunda 7 JUEL expression (`${…}`), to put in lint's hint."""

from __future__ import annotations

import ast
import re

# JUEL operators and literals, and their Python spelling; word operators only as whole words.
_WORDS = {"and": "and", "or": "or", "not": "not", "eq": "==", "ne": "!=", "gt": ">", "lt": "<", "ge": ">=",
          "le": "<=", "null": "None", "true": "True", "false": "False", "div": "/", "mod": "%"}
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|&&|\|\||!=|!|\bempty\s+([\w.]+)|[A-Za-z_]\w*|.',
                    re.S)


def python_for(juel: str) -> str | None:
    """The Python condition a JUEL `${…}`/`#{…}` expression means, or None when it cannot be sure."""
    text = juel.strip()
    if not (text.startswith(("${", "#{")) and text.endswith("}")):
        return None
    parts = []
    for match in _TOKEN.finditer(text[2:-1]):
        token = match.group(0)
        if match.group(1):
            parts.append(f"not {match.group(1)}")
        elif token == "&&":
            parts.append(" and ")
        elif token == "||":
            parts.append(" or ")
        elif token == "!":
            parts.append("not ")
        else:
            parts.append(_WORDS.get(token, token) if token[0].isalpha() else token)
    python = re.sub(r"\s+", " ", "".join(parts)).strip()
    try:
        ast.parse(python, mode="eval")
    except SyntaxError:
        return None
    return python
