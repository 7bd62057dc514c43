"""examples/spark/code_corpus.py on PySpark in local mode with two workers: the events written
as Parquet partitioned by month are those `dyad code` gives on the same articles."""

import importlib.util
import json
import os
import sys

import pyarrow.parquet as pq
import pytest

pyspark = pytest.importorskip("pyspark", reason="SKIPPED: pyspark is not installed (pip install pyspark)")

KEY = ("article", "sentence", "date", "date_precision", "source_code", "target_code", "cameo", "goldstein", "text")


def load_example(repo):
    spec = importlib.util.spec_from_file_location("code_corpus", repo / "examples" / "spark" / "code_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def corpus(repo, tmp_path):
    """Articles of the repository's sets as JSON lines (id, date, text): the story set's carry
    their own date lines, the examples get one from here (but the first), and one has no date
    at all."""
    rows = []
    for folder, date in (("examples/articles", "2024-03-12"), ("tests/story/articles", None)):
        for p in sorted((repo / folder).glob("*.txt")):
            rows.append({"id": f"{folder}/{p.name}", "date": date, "text": p.read_text()})
    rows[0]["date"] = None
    # and one with no date anywhere: its events go to month=undated
    rows.append({"id": "undated", "date": None, "text": "Turkey criticised Greece on Tuesday."})
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path, rows


def test_spark_events_equal_dyad_code(tmp_path, dyad_cli, repo):
    path, rows = corpus(repo, tmp_path)
    expected = []
    for line in dyad_cli("code", "-q", path).stdout.splitlines():
        e = json.loads(line)
        n = int(e["article"].rsplit("#", 1)[1])
        e["article"] = rows[n - 1]["id"]
        e["source_code"], e["target_code"] = e["source"]["code"], e["target"]["code"]
        expected.append(tuple(e[k] for k in KEY))
    assert len(expected) > 100

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("dyad-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    try:
        mod = load_example(repo)
        articles = spark.read.json(str(path))
        out = tmp_path / "events"
        events = mod.code_articles(articles, partitions=4)
        events.write.mode("overwrite").partitionBy("month").parquet(str(out))
    finally:
        spark.stop()

    months = sorted(p.name for p in out.iterdir() if p.name.startswith("month="))
    assert "month=undated" in months and len(months) > 5, months
    got = []
    for m in months:
        t = pq.ParquetDataset(out / m).read()
        month = m.split("=", 1)[1]
        for r in t.to_pylist():
            # a date is its first day in Parquet; its precision gives back dyad code's text
            if r["date"] is not None:
                r["date"] = r["date"].isoformat()[: {"day": 10, "month": 7, "year": 4}[r["date_precision"]]]
            assert (r["date"] or "undated")[:7] == month, (m, r)
            got.append(tuple(r[k] for k in KEY))
    assert sorted(got, key=repr) == sorted(expected, key=repr)

    # The second example: the events into PostgreSQL, month by month (twice: a month loaded
    # again replaces its rows).
    url = os.environ.get("DYAD_TEST_PG")
    if not url:
        print("SKIPPED: loading into PostgreSQL: DYAD_TEST_PG is not set", file=sys.stderr)
        return
    psycopg = pytest.importorskip("psycopg", reason="SKIPPED: psycopg is not installed")
    spec = importlib.util.spec_from_file_location("load_postgres", repo / "examples" / "spark" / "load_postgres.py")
    lp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lp)
    table = f"spark_events_{os.getpid()}"
    try:
        lp.load(str(out), url, table)
        loaded = lp.load(str(out), url, table)
        with psycopg.connect(url) as conn:
            rows = conn.execute(f"SELECT month, count(*) FROM {table} GROUP BY month").fetchall()
            one = conn.execute(f"SELECT article, sentence, cameo, goldstein FROM {table} WHERE cameo = '057' LIMIT 1").fetchone()
        assert dict(rows) == loaded and sum(loaded.values()) == len(expected)
        assert one is not None and isinstance(one[3], float)
    finally:
        with psycopg.connect(url) as conn:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
