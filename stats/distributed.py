"""Past one machine: the per-file map of ``track`` on a Dask cluster.

``map_files_dask(tasks)`` is the Dask twin of ``map(pipeline._process_file, tasks)``: the
same per-file results, in the same order, computed as a ``dask.bag`` over the article files on
a ``distributed`` cluster (an existing ``client``, a ``scheduler`` address, or a local cluster
started for the call and closed after it). What follows the map (unique ids, the DataFrames,
reprints, claims) stays with the caller, on one machine: it needs the whole corpus.

With ``parquet_dir`` the workers also write the figures as a Parquet dataset, one file per
partition (``part-00000.parquet``, ...), in reading order, with the columns of the figures
table. Article ids in it are the run's final ids (made unique in reading order exactly as
``track`` does); ``claim`` is empty there, because claims are linked across the whole corpus
after the map, by the driver: ``figures.csv`` / ``Result.figures`` is the reference table.

Workers read the article files themselves, so paths (and ``parquet_dir``) must resolve on the
workers: the same machine, or a shared filesystem with absolute paths. ``stats`` must be
importable on the workers. Dask is imported only when this module's functions are called, and
nothing here holds state between calls.
"""
from __future__ import annotations

import io
import os
from contextlib import ExitStack
from pathlib import Path
from typing import Sequence

from . import table
from .articles import UniqueIds
from .pipeline import _Done, _FileTask, _process_file

PART_NAME = "part-{:05d}.parquet"

FileResult = list[_Done]


def map_files_dask(tasks: Sequence[_FileTask], *, scheduler: str | None = None, client=None,
                   parquet_dir: str | Path | None = None, npartitions: int | None = None,
                   progress: bool = False) -> list[FileResult]:
    """``[_process_file(t) for t in tasks]`` computed on a Dask cluster, in the order of ``tasks``.

    The cluster: ``client`` (a ``distributed.Client``, left open) if given, else a client
    connected to ``scheduler`` (an address such as ``tcp://10.0.0.5:8786``), else a
    ``LocalCluster`` with one single-threaded worker process per core; a client or cluster made
    here is closed before returning. ``npartitions`` (default: four per worker thread, at most
    one per file) sets how many files go to one task. ``parquet_dir``: also write the figures
    there as a Parquet dataset, one ``part-NNNNN.parquet`` per partition (see the module's
    docstring); parts left by an earlier run in that folder are removed first. ``progress``
    shows a bar on stderr, advanced as partitions finish.
    """
    tasks = list(tasks)
    db, Client, LocalCluster = _require_dask()
    if not tasks:
        if parquet_dir is not None:
            _write_part([], [], _prepare(parquet_dir) / PART_NAME.format(0))
        return []
    with ExitStack() as stack:
        if client is None:
            if scheduler:
                client = stack.enter_context(Client(scheduler, set_as_default=False))
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                    dashboard_address=":0"))
                client = stack.enter_context(Client(cluster, set_as_default=False))
        return _run(client, db, tasks, parquet_dir, npartitions, progress)


def _require_dask():
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ImportError(f"engine='dask' needs dask[distributed] and pyarrow "
                          f"(pip install 'dask[distributed]' pyarrow): {err}") from err
    return db, Client, LocalCluster


def _run(client, db, tasks: list[_FileTask], parquet_dir, npartitions: int | None,
         progress: bool) -> list[FileResult]:
    from distributed import as_completed
    from tqdm import tqdm

    if npartitions is None:
        threads = sum(client.nthreads().values()) or 1
        npartitions = 4 * threads
    npartitions = max(1, min(npartitions, len(tasks)))
    bag = db.from_sequence(tasks, npartitions=npartitions).map(_process_file)
    futures = client.compute(bag.to_delayed())      # one future per partition, files in order
    position = {f.key: i for i, f in enumerate(futures)}
    parts: list[list[FileResult] | None] = [None] * len(futures)
    with tqdm(total=len(tasks), unit="file", disable=not progress or None, leave=False) as bar:
        for future, part in as_completed(futures, loop=client.loop, with_results=True):
            parts[position[future.key]] = part
            bar.update(len(part))
    if parquet_dir is not None:
        folder = _prepare(parquet_dir)
        # the ids track will give, computed here only to label the Parquet rows: the parts stay
        # on the workers and each gets the final ids of its own articles
        unique = UniqueIds()
        ids = [[unique(d.article).id for results in part for d in results] for part in parts]
        writes = [client.submit(_write_part, future, part_ids, folder / PART_NAME.format(i),
                                pure=False)
                  for i, (future, part_ids) in enumerate(zip(futures, ids))]
        client.gather(writes)
    return [results for part in parts for results in part]


def _prepare(parquet_dir: str | Path) -> Path:
    """The dataset folder, created, without the parts of an earlier run."""
    folder = Path(parquet_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*.parquet"):
        old.unlink()
    return folder


def _write_part(part: list[FileResult], ids: list[str], path: Path) -> int:
    """Write one partition's figures (article ids replaced by ``ids``, the final ids of the
    partition's articles in order) to ``path`` as Parquet; returns the number of rows. Runs on
    a worker; the file appears whole (written aside, then renamed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    done = [d for results in part for d in results]
    if len(done) != len(ids):
        raise ValueError(f"{path.name}: {len(done)} articles but {len(ids)} ids")
    text = "".join((d.rows if new == d.article.id else d.rows.renamed(new)).text
                   for d, new in zip(done, ids))
    df = table.read_figures(io.StringIO(table.HEADER + text))
    arrow = pa.Table.from_pandas(df, schema=table.figures_schema(), preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(arrow, tmp)
    os.replace(tmp, path)
    return len(df)
