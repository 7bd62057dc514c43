"""Code a corpus of articles on Spark with dyad, one dyad.Coder per partition.

    spark-submit examples/spark/code_corpus.py ARTICLES OUT [--master local[2]] [--partitions N]

ARTICLES is JSON lines (or a folder of them, or Parquet with --parquet) with the columns
``id``, ``date`` (YYYY-MM-DD, or null) and ``text`` (and, optionally, ``title``): a DataFrame of
articles. Each partition is coded by ``mapInArrow`` with one ``dyad.Coder(threads=1)`` (Spark
already runs one task per core), and the events are written to OUT as Parquet, partitioned by
the event's month (``month=2024-05``; ``month=2024`` for an event dated to its year only,
``month=undated`` for events without a date), with the
columns of ``dyad export --format parquet``. An article is read as ``dyad code`` reads a JSON
article with the same fields, so the events are those of ``dyad code`` on the same articles.

The same script runs on a cluster (``--master yarn``, ``k8s://...``) with the dyad wheel
installed on every executor (``pip install dyad-*.whl``, or ``--py-files`` does not do: it is
an extension module; ship a virtual environment with ``--archives``).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Iterator

import pyarrow as pa
import pyarrow.compute as pc


def code_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: articles in, events out, one coder for the partition."""
    import dyad

    coder = dyad.Coder(threads=1)
    for batch in batches:
        cols = batch.schema.names
        titles = batch.column("title").to_pylist() if "title" in cols else None
        table = coder.code_batch(
            batch.column("text").to_pylist(),
            batch.column("date").to_pylist(),
            ids=batch.column("id").to_pylist(),
            titles=titles,
        )
        # "YYYY-MM", or "YYYY" for an event known only to its year (its date is the year's
        # first day, with date_precision "year").
        date = table.column("date")
        year = pc.equal(table.column("date_precision"), "year")
        month = pc.if_else(pc.fill_null(year, False), pc.strftime(date, "%Y"), pc.strftime(date, "%Y-%m"))
        table = table.append_column("month", pc.fill_null(month, "undated"))
        # Spark has no unsigned byte type, and its timestamps are in microseconds.
        i = table.schema.get_field_index("quad_class")
        table = table.set_column(i, "quad_class", table.column(i).cast(pa.int16()))
        i = table.schema.get_field_index("added_at")
        table = table.set_column(i, "added_at", table.column(i).cast(pa.timestamp("us", tz="UTC")))
        yield from table.to_batches()


def event_schema():
    """The events' Spark schema: dyad's Parquet columns, and the partition column."""
    import dyad  # noqa: F401 (the columns come from the package)
    from pyspark.sql.types import (BooleanType, DateType, DoubleType, LongType, ShortType, StringType, StructField,
                                   StructType, TimestampType)

    # Spark has no unsigned byte: quad_class (uint8 in dyad's Parquet) is a short here.
    types = {"id": LongType(), "quad_class": ShortType(), "goldstein": DoubleType(), "num_mentions": LongType(),
             "num_sources": LongType(), "num_articles": LongType(), "root_event": BooleanType(),
             "sentence": LongType(), "date": DateType(), "reported": DateType(), "added_at": TimestampType(),
             "location_lat": DoubleType(), "location_lon": DoubleType()}
    nullable = {"date", "date_precision", "reported", "source_code", "source_country", "target_code", "target_country",
                "url"}
    fields = [StructField(c, types.get(c, StringType()), c in nullable or c.startswith(("plover_", "location"))) for c in dyad.COLUMNS]
    return StructType(fields + [StructField("month", StringType(), False)])


def code_articles(articles, partitions: int | None = None):
    """A DataFrame of articles (id, date, text[, title]) → a DataFrame of events."""
    from pyspark.sql import functions as F

    cols = [F.col("id").cast("string"), F.col("date").cast("string"), F.col("text")]
    if "title" in articles.columns:
        cols.append(F.col("title"))
    articles = articles.select(*cols)
    if partitions:
        articles = articles.repartition(partitions)
    schema = event_schema()
    events = articles.mapInArrow(code_partition, schema)
    return events


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("articles")
    p.add_argument("out")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[2])")
    p.add_argument("--partitions", type=int, default=None)
    p.add_argument("--parquet", action="store_true", help="ARTICLES is Parquet, not JSON lines")
    a = p.parse_args(argv)
    import os

    from pyspark.sql import SparkSession

    # Local workers run this Python (with dyad and pyarrow), not whatever `python3` is on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    b = SparkSession.builder.appName("dyad-code").config("spark.ui.showConsoleProgress", "false")
    if a.master:
        b = b.master(a.master)
    spark = b.getOrCreate()
    started = time.perf_counter()
    reader = spark.read
    articles = reader.parquet(a.articles) if a.parquet else reader.json(a.articles)
    n_articles = articles.count()
    events = code_articles(articles, a.partitions)
    events.write.mode("overwrite").partitionBy("month").parquet(a.out)
    secs = time.perf_counter() - started
    n_events = spark.read.parquet(a.out).count()
    cores = spark.sparkContext.defaultParallelism
    print(f"dyad-spark: {n_articles} articles, {n_events} events in {secs:.1f} s "
          f"({n_articles / secs:.1f} articles/s, {n_articles / secs / cores:.1f} per core on {cores})",
          file=sys.stderr)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
