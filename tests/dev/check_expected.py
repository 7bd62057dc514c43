#!/usr/bin/env python3
"""Check tests/dev/expected.jsonl against tests/dev/articles/.

Every line must have the required keys, a 3-digit CAMEO code, and a `sentence`
(10+ chars, no line break) that occurs exactly once in its article.
Prints per-article counts (total / background).
"""
import collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ok = True
counts = collections.OrderedDict()
seen = set()
with open(os.path.join(HERE, "expected.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        d = json.loads(line)
        for k in ("article", "sentence", "source", "target", "cameo", "note"):
            if k not in d:
                print(f"line {n}: missing {k}"); ok = False
        text = open(os.path.join(HERE, "articles", d["article"]), encoding="utf-8").read()
        s = d["sentence"]
        c = text.count(s)
        if c != 1 or len(s) < 10 or "\n" in s:
            print(f"line {n}: sentence occurs {c}x (len {len(s)}): {s!r}"); ok = False
        if not re.fullmatch(r"\d{3}", d["cameo"]):
            print(f"line {n}: bad cameo {d['cameo']}"); ok = False
        key = (d["article"], s, d["source"], d["target"], d["cameo"])
        if key in seen:
            print(f"line {n}: duplicate {key}"); ok = False
        seen.add(key)
        t, b = counts.get(d["article"], (0, 0))
        counts[d["article"]] = (t + 1, b + (1 if d.get("background") else 0))

arts = sorted(os.listdir(os.path.join(HERE, "articles")))
for a in arts:
    text = open(os.path.join(HERE, "articles", a), encoding="utf-8").read()
    words = len(text.split())
    t, b = counts.get(a, (0, 0))
    print(f"{a:45s} words={words:4d} events={t:3d} background={b:2d}")
print("total", sum(t for t, _ in counts.values()), "background", sum(b for _, b in counts.values()))
sys.exit(0 if ok else 1)
