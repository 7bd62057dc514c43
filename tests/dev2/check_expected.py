#!/usr/bin/env python3
"""Mechanical checks for tests/dev2/expected.jsonl.

Checks, for every line:
  * the JSON has exactly the expected keys (background optional, must be true if present);
  * the article file exists;
  * `sentence` is >= 10 characters, has no line break, and occurs exactly once in the article;
  * `sentence` does not cross a sentence boundary (no ". X", "? X", "! X" inside it);
  * `cameo` is 3 digits; `source` and `target` are upper-case letter codes;
  * no (article, sentence, source, target, cameo) line is duplicated.
Then prints the body word count and the event counts per article.

Run: python3 tests/dev2/check_expected.py
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
KEYS = {"article", "sentence", "source", "target", "cameo", "note"}
BOUNDARY = re.compile(r"[.!?][\"')\u201d]?\s+[A-Z\"\u201c]")
ABBREV = ("U.S.", "U.N.", "Lt.", "Gen.", "Dec.", "Nov.", "Oct.", "Aug.", "S.")


def crosses_boundary(s: str) -> bool:
    for m in BOUNDARY.finditer(s):
        head = s[: m.start() + 1]
        if head.endswith(ABBREV):
            continue
        return True
    return False


def main() -> int:
    errors = []
    seen = set()
    per_article = Counter()
    per_article_bg = Counter()
    texts = {}
    lines = (HERE / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            errors.append(f"line {n}: blank line")
            continue
        d = json.loads(line)
        keys = set(d)
        if not KEYS <= keys or keys - KEYS - {"background"}:
            errors.append(f"line {n}: bad keys {sorted(keys)}")
        if "background" in d and d["background"] is not True:
            errors.append(f"line {n}: background must be true when present")
        art = d["article"]
        if art not in texts:
            p = ARTICLES / art
            if not p.exists():
                errors.append(f"line {n}: missing article {art}")
                continue
            texts[art] = p.read_text(encoding="utf-8")
        text = texts[art]
        s = d["sentence"]
        if len(s) < 10:
            errors.append(f"line {n}: sentence shorter than 10 chars: {s!r}")
        if "\n" in s or "\r" in s:
            errors.append(f"line {n}: line break in sentence")
        c = text.count(s)
        if c != 1:
            errors.append(f"line {n}: sentence occurs {c} times in {art}: {s!r}")
        if crosses_boundary(s):
            errors.append(f"line {n}: sentence crosses a sentence boundary: {s!r}")
        if not re.fullmatch(r"\d{3}", d["cameo"]):
            errors.append(f"line {n}: bad cameo {d['cameo']!r}")
        for k in ("source", "target"):
            if not re.fullmatch(r"[A-Z]{3,12}", d[k]):
                errors.append(f"line {n}: bad {k} {d[k]!r}")
        key = (art, s, d["source"], d["target"], d["cameo"])
        if key in seen:
            errors.append(f"line {n}: duplicate {key}")
        seen.add(key)
        per_article[art] += 1
        if d.get("background"):
            per_article_bg[art] += 1

    for p in sorted(ARTICLES.glob("*.txt")):
        if p.name not in per_article:
            errors.append(f"article without events: {p.name}")

    print(f"{'article':45} {'words':>5} {'events':>6} {'bg':>3}")
    for p in sorted(ARTICLES.glob("*.txt")):
        body = p.read_text(encoding="utf-8").strip().splitlines()[2:]
        words = len(" ".join(body).split())
        print(f"{p.name:45} {words:5d} {per_article[p.name]:6d} {per_article_bg[p.name]:3d}")
    print(f"{'TOTAL':45} {'':5} {sum(per_article.values()):6d} {sum(per_article_bg.values()):3d}")

    if errors:
        print("\nERRORS:")
        for e in errors:
            print("  " + e)
        return 1
    print("\nOK: all sentence substrings occur exactly once in their article.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
