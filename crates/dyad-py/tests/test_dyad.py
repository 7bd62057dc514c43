"""The Python package against the command line: same records, same columns, the GIL released,
bad input refused with errors that name it."""

import datetime
import json
import threading
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import dyad

IRAN = "Iran and Azerbaijan signed seven agreements in Baku on Monday."


def test_code_gives_the_events_with_dates_resolved_against_the_publication_date():
    events = dyad.code(IRAN, date="2025-04-28")
    pairs = {(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events}
    assert ("IRN", "AZE", "057") in pairs and ("AZE", "IRN", "057") in pairs
    assert all(e["date"] == "2025-04-28" and e["date_precision"] == "day" for e in events)
    # "on Monday" is the Monday of the week before a Thursday's publication.
    later = dyad.code(IRAN, date=datetime.date(2025, 5, 1))
    assert {e["date"] for e in later} == {"2025-04-28"}
    # Without a date, no date.
    assert all(e["date"] is None for e in dyad.code(IRAN))
    e = events[0]
    assert e["article"] == "text" and e["sentence"] == 0 and e["evidence"]["trigger"] == "signed"
    assert isinstance(e["goldstein"], float) and e["source"]["entries"][0]["source"]["file"] == "countries.tsv"


def test_code_equals_dyad_code_on_the_same_json_article(tmp_path, dyad_cli, repo):
    for path in sorted((repo / "examples" / "articles").glob("*.txt"))[:4]:
        lines = path.read_text().split("\n", 1)
        title, body = lines[0].strip(), lines[1]
        article = tmp_path / (path.stem + ".json")
        article.write_text(json.dumps({"title": title, "text": body, "date": "2024-03-12"}))
        expected = [json.loads(l) for l in dyad_cli("code", article).stdout.splitlines()]
        got = dyad.code(body, date="2024-03-12", title=title, id=str(article))
        assert expected, path
        assert got == expected, path


def test_a_coder_is_reused_and_a_headline_is_coded():
    coder = dyad.Coder()
    events = coder.code("The meeting was held in Baku.", date="2025-04-28", title="Iran and Azerbaijan sign seven agreements")
    assert any(e.get("headline") and e["cameo"] == "057" for e in events), events
    assert coder.code(IRAN, date="2025-04-28") == dyad.code(IRAN, date="2025-04-28")


def test_code_batch_has_the_parquet_exports_columns_and_types(tmp_path, dyad_cli, repo):
    db = tmp_path / "s.db"
    dyad_cli("ingest", "-q", "--db", db, repo / "examples" / "articles")
    out = tmp_path / "e.parquet"
    dyad_cli("export", "--db", db, "--format", "parquet", "--out", out)
    exported = pq.read_schema(out)
    texts = [p.read_text() for p in sorted((repo / "examples" / "articles").glob("*.txt"))]
    table = dyad.Coder().code_batch(texts, ["2024-03-12"] * len(texts))
    assert table.schema.names == exported.names == dyad.COLUMNS
    for f in exported:
        assert table.schema.field(f.name).type == f.type, f.name
    assert table.num_rows > 10


def test_code_batch_rows_are_the_events_of_each_text_in_order():
    texts = [IRAN, "Turkey criticised Greece on Tuesday.", "The weather was fine."]
    coder = dyad.Coder(threads=2)
    table = coder.code_batch(texts, ["2025-04-28", datetime.date(2025, 4, 30), None], ids=["a", "b", "c"])
    rows = table.to_pylist()
    expected = []

    def first_day(d):
        # the Parquet export's dates: a month or a year is its first day
        return None if d is None else datetime.date.fromisoformat((d + "-01-01")[:10])

    for text, date, id in zip(texts, ["2025-04-28", "2025-04-30", None], ["a", "b", "c"]):
        expected += [(id, e["source"]["code"], e["target"]["code"], e["cameo"], first_day(e["date"]),
                      first_day(e.get("reported")), e["evidence"]["mood"]) for e in dyad.code(text, date=date, id=id)]
    got = [(r["article"], r["source_code"], r["target_code"], r["cameo"], r["date"], r["reported"], r["mood"]) for r in rows]
    assert got == expected
    assert [r["id"] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r["num_mentions"] == 1 and r["root_event"] == (r["sentence"] == 0) for r in rows)
    assert rows[-1]["date"] == datetime.date(2025, 4, 29)  # "on Tuesday", from Wednesday 30 April
    assert rows[-1]["reported"] == datetime.date(2025, 4, 30) and rows[0]["reported"] == datetime.date(2025, 4, 28)
    assert all(r["url"] is None and r["outlet"] == "" for r in rows)  # no metadata, no dateline agency
    # One thread, or one per core: the same table.
    one = dyad.Coder(threads=1).code_batch(texts, ["2025-04-28", "2025-04-30", None], ids=["a", "b", "c"])
    assert one.drop(["added_at"]).equals(table.drop(["added_at"]))
    empty = coder.code_batch([])
    assert empty.num_rows == 0 and empty.schema.names == dyad.COLUMNS


def test_the_gil_is_released_while_coding(repo):
    texts = [p.read_text() for p in sorted((repo / "examples" / "articles").glob("*.txt"))] * 40
    coder = dyad.Coder(threads=1)
    done = threading.Event()
    started = time.perf_counter()
    spent = {}

    def work():
        coder.code_batch(texts, ["2024-03-12"] * len(texts))
        spent["s"] = time.perf_counter() - started
        done.set()

    t = threading.Thread(target=work)
    t.start()
    ticks = 0
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    t.join()
    # Holding the GIL, the batch would block this loop for its whole run: a tick per
    # millisecond at most, so at least a quarter of the run's milliseconds shows it ran.
    assert spent["s"] > 0.05, "the batch should take a while"
    assert ticks > spent["s"] * 1000 / 4, (ticks, spent)


def test_bad_input_is_refused_naming_it(tmp_path):
    with pytest.raises(ValueError, match=r"date: \"Monday\" is not a date"):
        dyad.code(IRAN, date="Monday")
    with pytest.raises(TypeError, match="date"):
        dyad.code(IRAN, date=20250428)
    coder = dyad.Coder()
    with pytest.raises(ValueError, match=r"dates: 1 values for 2 texts"):
        coder.code_batch([IRAN, IRAN], ["2025-04-28"])
    with pytest.raises(ValueError, match=r"dates\[1\]"):
        coder.code_batch([IRAN, IRAN], ["2025-04-28", "28/04/2025x"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        coder.code_batch([IRAN, 7])
    with pytest.raises(TypeError, match="one str"):
        coder.code_batch(IRAN)
    with pytest.raises(ValueError, match="threads"):
        dyad.Coder(threads=0)
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "countries.tsv").write_text("this is not a knowledge-base file\n")
    with pytest.raises(ValueError, match="countries.tsv"):
        dyad.Coder(kb=str(kb))
    # Odd text is coded, never a crash.
    assert dyad.code("\x00\ufeff" + "(" * 5000) == []
    assert dyad.code("") == []


def test_a_knowledge_base_folder_changes_what_is_coded(tmp_path, repo):
    text = "Freedonia criticised Greece on Tuesday."
    assert not any(e["source"]["code"] for e in dyad.code(text, date="2025-04-30") if e["source"]["name"] == "Freedonia")
    header = (repo / "data" / "kb" / "countries.tsv").read_text().splitlines()
    head = next(l for l in header if l and not l.startswith("#"))
    cols = head.split("\t")
    row = {c: "-" for c in cols}
    assert cols[:4] == ["code", "iso3", "kind", "name"], cols
    row.update({"code": "FRD", "kind": "territory", "name": "Freedonia"})
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "countries.tsv").write_text(head + "\n" + "\t".join(row[c] for c in cols) + "\n")
    events = dyad.Coder(kb=str(kb)).code(text, date="2025-04-30")
    assert any(e["source"]["code"] == "FRD" and e["target"]["code"] == "GRC" for e in events), events
