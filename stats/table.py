"""Records -> the contract's DataFrames, and writing them whole or not at all."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import threading
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .records import FIGURE_COLUMNS, Figure

if TYPE_CHECKING:
    import pandas as pd

ARTICLE_COLUMNS = ("id", "title", "date", "outlet", "url", "path", "characters", "figures", "error")


FIGURE_ROW = attrgetter(*FIGURE_COLUMNS)
"""A Figure as a row of the figures table: ``FIGURE_ROW(figure)`` is a tuple in column order."""

# figures.csv is written as rows come, with the claim empty, and the claim filled in once
# claims are linked; the columns after it are ISO dates (no commas, no quotes), so the claim's
# place is found from the end of the row
_CLAIM = FIGURE_COLUMNS.index("claim")
assert FIGURE_COLUMNS[_CLAIM:] == ("claim", "period_start", "period_end"), FIGURE_COLUMNS

_NUMBERS = {"start": "int64", "end": "int64", "value": "float64", "low": "float64",
            "high": "float64"}


def read_figures(source, chunksize: int | None = None, columns=None) -> pd.DataFrame:
    """figures.csv (a path or an open text file) as written: offsets int64, amounts float64
    (NaN where open), every other column str ('' where empty); in chunks of ``chunksize`` rows
    if given; only ``columns`` if given."""
    import pandas as pd

    columns = list(columns or FIGURE_COLUMNS)
    dtypes = {c: _NUMBERS.get(c, str) for c in columns}
    return pd.read_csv(source, dtype=dtypes, keep_default_na=False, usecols=columns,
                       na_values={c: [""] for c in _NUMBERS if c in columns}, chunksize=chunksize)


HEADER = ",".join(FIGURE_COLUMNS) + "\n"


@dataclass(frozen=True, slots=True)
class Rows:
    """Figures as figures.csv rows: their text and the length of each row. Made where the
    figures are found (a worker), so what crosses to the writer is one string, not objects."""
    text: str
    lengths: array      # characters of each row

    @classmethod
    def of(cls, figures: list[Figure]) -> "Rows":
        return cls._written(FIGURE_ROW(f) for f in figures)

    @classmethod
    def _written(cls, rows) -> "Rows":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        lengths = array("I", [writer.writerow(row) for row in rows])
        return cls(buf.getvalue(), lengths)

    def __len__(self) -> int:
        return len(self.lengths)

    def renamed(self, article: str) -> "Rows":
        """The same rows with ``article`` as their article id."""
        return self._written([article, *row[1:]] for row in csv.reader(io.StringIO(self.text)))


class MemoryRows:
    """Sink of ``track``: figure rows and texts kept in memory."""

    def __init__(self):
        self.chunks: list[str] = []
        self.texts: dict[str, str] = {}

    def write(self, rows: Rows) -> None:
        self.chunks.append(rows.text)

    def text(self, article_id: str, text: str) -> None:
        self.texts[article_id] = text

    def frame(self, claim_of_row, claim_ids: list[str]) -> pd.DataFrame:
        df = read_figures(io.StringIO(HEADER + "".join(self.chunks)))
        df["claim"] = [claim_ids[n] if n >= 0 else "" for n in claim_of_row.tolist()]
        return df


class FigureWriter:
    """Figure rows written as they come, then figures.csv whole, with the claims.

    ``write(rows)`` appends rows (claim empty) to a part file in ``folder``; ``finish(path,
    claim_of_row, claim_ids)`` writes ``path`` in one streaming pass over it, filling in each
    row's claim, and returns the rows asked for by ``keep`` as a DataFrame. ``text(id, text)``
    writes ``folder/texts/<id>.txt``. Memory: four bytes per row (its length)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._part_path = self.folder / ".figures.part"
        self._part = open(self._part_path, "w", encoding="utf-8", newline="")
        self._lengths = array("I")      # characters of each row

    def __enter__(self) -> "FigureWriter":
        return self

    def __exit__(self, *exc) -> None:
        self._part.close()
        self._part_path.unlink(missing_ok=True)

    def write(self, rows: Rows) -> None:
        self._part.write(rows.text)
        self._lengths.extend(rows.lengths)

    def text(self, article_id: str, text: str) -> None:
        folder = self.folder / "texts"
        folder.mkdir(exist_ok=True)
        (folder / f"{safe_name(article_id)}.txt").write_text(text, encoding="utf-8")

    def finish(self, path: Path, claim_of_row, claim_ids: list[str], keep=None,
               parquet: Path | None = None, columns=None) -> pd.DataFrame:
        """Write figures.csv at ``path`` (and Parquet at ``parquet``); return the rows ``keep``
        (booleans per row) marks, as ``read_figures`` reads them (``columns`` only)."""
        self._part.close()
        kept_path = self.folder / ".figures.kept"
        with open(self._part_path, encoding="utf-8", newline="") as src, \
                open(path, "w", encoding="utf-8", newline="") as dst, \
                open(kept_path, "w", encoding="utf-8", newline="") as kept:
            dst.write(HEADER)
            kept.write(HEADER)
            # in slices: one list of every row's claim would be a Python int a row at once
            claims = (c for start in range(0, len(claim_of_row), 1 << 16)
                      for c in claim_of_row[start:start + (1 << 16)].tolist())
            for i, (n, claim) in enumerate(zip(self._lengths, claims)):
                line = src.read(n)
                if claim >= 0:
                    head, first, last = line.rsplit(",", 2)
                    line = f"{head}{claim_ids[claim]},{first},{last}"
                dst.write(line)
                if keep is not None and keep[i]:
                    kept.write(line)
        if parquet is not None:
            write_parquet(path, parquet)
        try:
            return read_figures(kept_path, columns=columns)
        finally:
            kept_path.unlink()


def write_parquet(csv_path: Path, path: Path, chunk_rows: int = 100_000) -> None:
    """figures.csv as Parquet (the schema of ``figures_schema``), read and written in chunks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = figures_schema()
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in read_figures(csv_path, chunksize=chunk_rows):
            writer.write_table(pa.Table.from_pandas(chunk, schema=schema, preserve_index=False))


def figures_schema():
    """The Arrow schema of the figures table: offsets int64, amounts float64, the rest strings."""
    import pyarrow as pa

    types = {"start": pa.int64(), "end": pa.int64(),
             "value": pa.float64(), "low": pa.float64(), "high": pa.float64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in FIGURE_COLUMNS])


_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process umask, read without changing it where the system says it (Linux's
    /proc/self/status); elsewhere set and put back at once, under a lock."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8) & 0o777
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:
        # in the moment between, files made by other threads get the strictest mode, not a looser one
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def umask_mode(directory: bool = False) -> int:
    """The mode a new file (0o666) or folder (0o777) gets under the process umask, as ``open``
    and ``mkdir`` give it: what outputs made through temporary files (0o600) are set to."""
    return (0o777 if directory else 0o666) & ~_umask()


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` to ``path`` atomically: a temporary file in the same folder, then a rename;
    the file has the umask's mode (``umask_mode``), not the temporary file's 0o600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            df.to_csv(f, index=False)
        os.chmod(tmp, umask_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged(out: Path, cancelled=None):
    """A staging folder inside ``out``; what is written there replaces ``out``'s files only when
    the block finishes. An interrupted run (Ctrl-C, an error, ``cancelled()`` true when the
    block ends) leaves the previous outputs. Every file and folder moved into ``out`` has the
    umask's mode (``umask_mode``), whatever mode its writer gave it."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".stats-staging-", dir=out))
    try:
        yield stage
        if cancelled is not None and cancelled():
            raise KeyboardInterrupt
        file_mode, folder_mode = umask_mode(), umask_mode(directory=True)
        for src in sorted(stage.rglob("*")):
            if src.is_symlink():
                continue        # nothing of ours; never follow one out of the stage
            if src.is_dir():
                (out / src.relative_to(stage)).mkdir(mode=folder_mode, exist_ok=True)
            elif src.is_file():
                os.chmod(src, file_mode)
                os.replace(src, out / src.relative_to(stage))
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def safe_name(article_id: str) -> str:
    """A file name for an article id (ids of records may hold '/', '#', ':')."""
    name = re.sub(r"[^\w.@~#+-]", "_", article_id).lstrip(".")
    return name[:150] or "_"
