"""dyad: code international news into CAMEO event data (who did what to whom, when), from raw text.

An article given here is read as ``dyad code`` reads a JSON article with the fields ``id``,
``title``, ``text`` and ``date``: ``date`` is the publication date from the article's
metadata (it wins over a date line in the text), ``title`` the headline (without one, the text
is the body). Each event is the dict ``dyad code`` prints as one JSON line: ``article``,
``sentence``, ``text``, ``date``, ``date_precision``, ``source`` and ``target`` (``code``,
``country``, ``name``, ``span``, ``entries``...), ``cameo``, ``root``, ``quad_class``,
``goldstein``, ``event_name`` and ``evidence``.

>>> import dyad
>>> events = dyad.code("Iran and Azerbaijan signed seven agreements in Baku on Monday.", date="2025-04-28")
>>> [(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in events][:1]
[('IRN', 'AZE', '057')]

For many articles, make one :class:`Coder` and call :meth:`Coder.code_batch`, which codes in
parallel without holding the GIL and returns a ``pyarrow.Table`` with the columns of
``dyad export --format parquet``.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from . import _dyad

__all__ = ["Coder", "code", "COLUMNS", "__version__"]

__version__: str = _dyad.__version__

#: The columns of :meth:`Coder.code_batch`'s table, those of ``dyad export --format parquet``.
COLUMNS: List[str] = list(_dyad.columns())


class _Stream:
    """An Arrow C stream capsule behind the Arrow PyCapsule interface."""

    def __init__(self, capsule: Any) -> None:
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._capsule


class Coder:
    """A coder: dyad's knowledge base and patterns, compiled once and reused for every call.

    :param kb: a folder of knowledge-base files on top of dyad's own, as ``dyad code --kb DIR``
        (a bad line raises ``ValueError`` naming its file and line).
    :param threads: threads coding a batch; ``None`` is one per core, ``1`` codes in the
        calling thread (what a Spark task, already one per core, wants).
    """

    def __init__(self, kb: Optional[str] = None, threads: Optional[int] = None) -> None:
        self._coder = _dyad.Coder(None if kb is None else str(kb), threads)

    def code(self, text: str, date: Any = None, title: Optional[str] = None, id: Optional[str] = None) -> List[Dict[str, Any]]:
        """Codes one article; the events as dicts (see :func:`dyad.code`)."""
        return self._coder.code(text, date, title, id)

    def code_batch(
        self,
        texts: Iterable[str],
        dates: Optional[Iterable[Any]] = None,
        ids: Optional[Iterable[Any]] = None,
        titles: Optional[Iterable[Optional[str]]] = None,
    ):
        """Codes many articles at once, in parallel and without the GIL.

        :param texts: the articles' texts.
        :param dates: one publication date per text (``str`` ``YYYY-MM-DD`` or ISO datetime,
            ``datetime.date``, or ``None``), or ``None`` for none at all.
        :param ids: one identifier per text, stored in the ``article`` column (default: the
            text's position).
        :param titles: one headline per text, or ``None``.
        :returns: a ``pyarrow.Table`` with the columns :data:`COLUMNS`, one row per event, in
            the order of the texts and of the sentences: ``id`` numbers the rows from 1;
            ``num_mentions``, ``num_sources`` and ``num_articles`` are 1 (nothing is folded:
            that is the store's job); ``root_event`` is true for an event of sentence 0;
            ``date`` and ``reported`` are dates (a month or year its first day, with
            ``date_precision``); ``reported`` is the text's publication date; ``outlet`` is
            the dateline's agency ("Reuters") or empty, ``url`` null; ``added_at`` is when the
            batch was coded (a UTC timestamp).
        """
        import pyarrow as pa

        capsule = self._coder._code_batch(_seq(texts), _opt(dates), _opt(ids), _opt(titles))
        return pa.RecordBatchReader.from_stream(_Stream(capsule)).read_all()


def _seq(v: Any) -> Any:
    if isinstance(v, (str, bytes)):
        raise TypeError("texts: expected a sequence of str, got one str")
    return list(v)


def _opt(v: Any) -> Any:
    return None if v is None else list(v)


_default: Optional[Coder] = None


def code(text: str, date: Any = None, title: Optional[str] = None, id: Optional[str] = None) -> List[Dict[str, Any]]:
    """Codes one article with dyad's own knowledge base; its events as dicts.

    :param text: the article's text (its body, or a whole text file's content when ``title``
        is ``None``: a date line or dateline at its start is read as ``dyad code`` reads one).
    :param date: the publication date (``"YYYY-MM-DD"``, an ISO datetime, or a
        ``datetime.date``); relative dates ("on Monday") are resolved against it.
    :param title: the headline, coded like a sentence (its events carry ``headline: True``).
    :param id: the article's name in the events' ``article`` field (default ``"text"``).
    :raises ValueError: for a date that cannot be read.
    """
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, date, title, id)
