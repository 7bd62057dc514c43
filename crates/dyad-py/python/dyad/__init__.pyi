"""Type hints of the dyad package."""

import datetime
from typing import Any, Dict, Iterable, List, Optional, Union

import pyarrow

__version__: str
COLUMNS: List[str]

DateLike = Union[str, datetime.date, None]
Event = Dict[str, Any]

class Coder:
    def __init__(self, kb: Optional[str] = ..., threads: Optional[int] = ...) -> None: ...
    def code(
        self, text: str, date: DateLike = ..., title: Optional[str] = ..., id: Optional[str] = ...
    ) -> List[Event]: ...
    def code_batch(
        self,
        texts: Iterable[str],
        dates: Optional[Iterable[DateLike]] = ...,
        ids: Optional[Iterable[Any]] = ...,
        titles: Optional[Iterable[Optional[str]]] = ...,
    ) -> pyarrow.Table: ...

def code(text: str, date: DateLike = ..., title: Optional[str] = ..., id: Optional[str] = ...) -> List[Event]: ...
