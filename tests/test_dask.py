"""engine="dask": the per-file stages on a Dask cluster give the same tables, row for row, as
the local run (bundled corpus + generated articles, on a 2-worker LocalCluster)."""
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

import stats  # noqa: E402
from stats.articles import bundled_corpus, find_files  # noqa: E402
from stats.distributed import map_files_dask  # noqa: E402
from stats.pipeline import MAX_BYTES, _FileTask, _process_file  # noqa: E402

PLACES = ["Idlib", "Aleppo", "Maarat al-Numan", "Saraqeb", "Hama", "Jisr al-Shughur", "Afrin"]
SOURCES = ["the United Nations", "the White Helmets", "the Syrian Observatory for Human Rights",
           "OCHA", "local officials"]
OUTLETS = ["Reuters", "Al Jazeera", "AFP"]
TEMPLATES = [
    "{place}: {killed} civilians killed in air strikes\n\n"
    "{place}, Syria ({outlet}) - At least {killed} civilians, including {children} children, were "
    "killed in air strikes on {place} overnight, {source} said on {day}.\n\n"
    "More than {displaced:,} people have fled their homes since the offensive began in {month}, "
    "according to {source}.\n\n"
    "Rescuers said {injured} people were injured and dozens were still missing under the rubble.\n",

    "Aid convoy reaches {place}\n\n"
    "A convoy of {trucks} trucks carrying food and medicine reached {place} on {day}, {source} "
    "said.\n\n"
    "Nearly {displaced:,} displaced people are sheltering in camps near the border with Turkey, "
    "half of them children.\n\n"
    "Turkey hosts {refugees} million refugees, the largest refugee population in the world.\n",

    "Thousands protest in {place}\n\n"
    "About {protesters:,} protesters gathered in {place} on {day} to demand an end to the "
    "bombardment, {source} said.\n\n"
    "Since {month}, {attacks} attacks on healthcare facilities have been recorded in the "
    "province, where {population} million people live.\n\n"
    "Between {low} and {high} families returned to their villages after the ceasefire.\n",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["late April", "December", "early January", "February"]


def _article(i: int) -> str:
    n = 7 * i + 3
    return TEMPLATES[i % len(TEMPLATES)].format(
        place=PLACES[i % len(PLACES)], outlet=OUTLETS[i % len(OUTLETS)],
        source=SOURCES[i % len(SOURCES)], day=DAYS[i % len(DAYS)], month=MONTHS[i % len(MONTHS)],
        killed=n, children=i % 6 + 2, injured=2 * n + 1, displaced=50_000 + 12_500 * i,
        trucks=10 + 3 * i, refugees=3.6 if i % 2 else 3.7, protesters=1_000 * (i + 1),
        attacks=20 + i, population=3 + i % 2, low=100 + 10 * i, high=200 + 20 * i)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bundled corpus (with its manifest) and 20 generated articles, with a reprint, the
    same file name in two folders (ids made unique), a JSONL collection and an empty file."""
    root = tmp_path_factory.mktemp("dask") / "corpus"
    shutil.copytree(bundled_corpus(), root / "idlib")
    for i in range(20):
        folder = root / f"wire{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"report{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    (root / "wire1" / "copy_of_report00.txt").write_text(
        "Syndicated\n\n" + _article(0).split("\n", 2)[2], encoding="utf-8")
    for i, folder in ((30, "wire0"), (31, "wire2")):
        (root / folder / "latest.txt").write_text(_article(i), encoding="utf-8")
    (root / "wire2" / "empty.txt").write_text("", encoding="utf-8")
    with open(root / "feed.jsonl", "w", encoding="utf-8") as f:
        for i, date in ((21, "2020-02-11"), (22, "2020-02-12")):
            f.write(json.dumps({"text": _article(i), "outlet": "AFP", "date": date}) + "\n")
    return root


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster, set_as_default=False) as c:
        yield c


@pytest.fixture(scope="module")
def local(corpus):
    return stats.track(corpus)


def test_dask_run_equals_local_run(corpus, client, local):
    remote = stats.track(corpus, engine="dask", client=client)
    assert len(local.articles) == 31 and len(local.figures) > 150
    assert local.articles["error"].astype(bool).sum() == 1                 # the empty file
    assert local.articles.id.str.endswith("@wire2").sum() == 1             # latest.txt twice
    assert local.articles.reprint_of.astype(bool).any()
    assert local.figures.claim.astype(bool).any()
    pd.testing.assert_frame_equal(remote.figures, local.figures)
    pd.testing.assert_frame_equal(remote.articles, local.articles)
    pd.testing.assert_frame_equal(remote.claims, local.claims)
    assert remote.texts == local.texts


def test_scheduler_address_and_own_local_cluster(client, bundled):
    """track(engine="dask") connects to ``scheduler``, or starts (and closes) a local cluster."""
    for kwargs in ({"scheduler": client.scheduler.address}, {}):
        remote = stats.track(engine="dask", **kwargs)
        pd.testing.assert_frame_equal(remote.figures, bundled.figures)
        pd.testing.assert_frame_equal(remote.articles, bundled.articles)
        pd.testing.assert_frame_equal(remote.claims, bundled.claims)


def test_map_files_dask_keeps_order_and_writes_parquet(corpus, client, local, tmp_path):
    tasks = [_FileTask(f, None, MAX_BYTES) for f in find_files([corpus])]
    (tmp_path / "figures.parquet").mkdir()
    (tmp_path / "figures.parquet" / "part-00099.parquet").write_bytes(b"stale")
    out = map_files_dask(tasks, client=client, parquet_dir=tmp_path / "figures.parquet",
                         npartitions=5)
    assert out == [_process_file(t) for t in tasks]
    parts = sorted((tmp_path / "figures.parquet").glob("part-*.parquet"))
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(5)]
    written = pd.concat([pq.read_table(p).to_pandas() for p in parts], ignore_index=True)
    expected = local.figures.assign(claim="")     # claims are linked by the driver, not here
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    assert list(pq.read_table(tmp_path / "figures.parquet").schema.names) == list(expected.columns)


def test_empty_task_list_needs_no_cluster(tmp_path):
    assert map_files_dask([], parquet_dir=tmp_path / "pq") == []
    assert pq.read_table(tmp_path / "pq").num_rows == 0


def test_engine_is_checked():
    with pytest.raises(ValueError, match="'local', 'dask'"):
        stats.track(bundled_corpus(), engine="spark")
    with pytest.raises(ValueError, match="engine='dask'"):
        stats.track(bundled_corpus(), scheduler="tcp://127.0.0.1:8786")


def test_import_stats_does_not_import_dask():
    code = "import sys, stats; print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_engine_dask_writes_the_same_tables(corpus, client, tmp_path):
    from stats import cli

    outs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        args = ["track", str(corpus), "-o", str(out), "-q", "--engine", engine, "--format", "parquet"]
        if engine == "dask":
            args += ["--scheduler", client.scheduler.address]
        cli.main(args)
        outs[engine] = out
    for name in ("figures.csv", "articles.csv", "claims.csv"):
        assert (outs["local"] / name).read_bytes() == (outs["dask"] / name).read_bytes(), name
    assert pd.read_parquet(outs["dask"] / "figures.parquet").equals(pd.read_parquet(outs["local"] / "figures.parquet"))
    assert cli.main(["track", "-o", str(tmp_path / "x"), "--scheduler", "tcp://nowhere:1"]) == 2
