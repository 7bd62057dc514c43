"""Load the events code_corpus.py wrote (Parquet, partitioned by month) into a PostgreSQL table.

    python examples/spark/load_postgres.py EVENTS_DIR postgres://user@host/db [--table spark_events]

The table gets dyad's Parquet columns and ``month``, and is replaced month by month: loading a
month again replaces its rows, in one transaction per month, so a failed load leaves each month
whole or as it was. Indexes on the date and the country pair make it ready for SQL, Superset,
Metabase or Grafana. (``dyad serve``'s dashboard reads a dyad store; these events are coded but not
folded, one row per mention: fold them with ``dyad ingest`` on the same articles.)

Needs psycopg (``pip install 'psycopg[binary]'``) and pyarrow.
"""

from __future__ import annotations

import argparse
import io
import pathlib
import re
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

TYPES = {"date": "DATE", "reported": "DATE", "added_at": "TIMESTAMPTZ", "location_lat": "DOUBLE PRECISION",
         "location_lon": "DOUBLE PRECISION",
         "id": "BIGINT", "quad_class": "SMALLINT", "goldstein": "DOUBLE PRECISION", "num_mentions": "BIGINT",
         "num_sources": "BIGINT", "num_articles": "BIGINT", "root_event": "BOOLEAN", "sentence": "BIGINT"}


def load(events_dir: str, url: str, table: str = "spark_events") -> dict:
    """Loads every month=... folder of `events_dir`; returns rows loaded per month."""
    import psycopg

    if not re.fullmatch(r"[a-z_][a-z0-9_]*", table):
        raise ValueError(f"table {table!r}: expected a lower-case SQL name")
    months = sorted(p for p in pathlib.Path(events_dir).iterdir() if p.name.startswith("month="))
    if not months:
        raise FileNotFoundError(f"{events_dir}: no month=... folders (write them with code_corpus.py)")
    loaded = {}
    with psycopg.connect(url) as conn:
        first = pq.ParquetDataset(months[0]).read()
        cols = ", ".join(f"{n} {TYPES.get(n, 'TEXT')}" for n in first.schema.names)
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols}, month TEXT NOT NULL)")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_month ON {table} (month)")
        conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_pair ON {table} (source_country, target_country, date)")
        conn.commit()
        for m in months:
            month = m.name.split("=", 1)[1]
            t = pq.ParquetDataset(m).read()
            t = t.append_column("month", pa.array([month] * t.num_rows, pa.string()))
            buf = io.BytesIO()
            pacsv.write_csv(t, buf, pacsv.WriteOptions(include_header=False))
            with conn.transaction():
                conn.execute(f"DELETE FROM {table} WHERE month = %s", (month,))
                names = ", ".join(t.schema.names)
                with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as cp:
                    cp.write(buf.getvalue())
            loaded[month] = t.num_rows
    return loaded


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("events")
    p.add_argument("url")
    p.add_argument("--table", default="spark_events")
    a = p.parse_args(argv)
    loaded = load(a.events, a.url, a.table)
    print(f"load_postgres: {sum(loaded.values())} events in {len(loaded)} months into {a.table}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
