"""The walk-through notebook runs top to bottom and shows its tables and charts.

The notebook is executed with nbclient in a fresh kernel. The kernel is this interpreter's
ipykernel (the venv's), never whatever ``python3`` kernelspec happens to be registered for the
user or on JUPYTER_PATH: the spec comes from ipykernel's own native-kernel description
(``[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]``), which
jupyter_client serves for ``python3`` when no kernel directory is searched.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager

import stats

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"


def _kernel_manager() -> AsyncKernelManager:
    """A manager for the ``python3`` kernel of ``sys.executable``."""
    specs = KernelSpecManager(kernel_dirs=[], ensure_native_kernel=True)
    km = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)
    assert km.kernel_spec.argv[0] == sys.executable, km.kernel_spec.argv
    return km


def _kernel_env(workdir: Path) -> dict[str, str]:
    """This process's environment, with the folder holding the ``stats`` package under test
    first on PYTHONPATH (the kernel runs in ``workdir`` and must import the same code) and
    TMPDIR in ``workdir`` (the temporary folder the notebook writes goes away with it)."""
    env = dict(os.environ)
    root = str(Path(stats.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["TMPDIR"] = str(workdir)
    return env


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook executed top to bottom in a temporary folder (any error fails)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    workdir = tmp_path_factory.mktemp("notebook")
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     km=_kernel_manager(),
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute(env=_kernel_env(workdir))
    return nb


def _outputs(nb, tag: str | None = None):
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if tag is not None and tag not in cell.get("metadata", {}).get("tags", []):
            continue
        yield from cell.get("outputs", [])


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_runs_without_errors(executed):
    errors = [o for o in _outputs(executed) if o.output_type == "error"]
    assert not errors, [f"{e.ename}: {e.evalue}" for e in errors]


def test_charts_render_inline_as_png(executed):
    pngs = [o for o in _outputs(executed) if "image/png" in o.get("data", {})]
    assert len(pngs) >= 3
    chart_cells = [c for c in executed.cells if "chart" in c.get("metadata", {}).get("tags", [])]
    assert len(chart_cells) == 3
    for cell in chart_cells:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source


def test_figures_table_mentions_displaced(executed):
    shown = [o for o in _outputs(executed, "figures-table") if o.output_type == "execute_result"]
    assert shown, "the figures table cell shows no table"
    text = " ".join(o.data.get("text/html", "") + o.data.get("text/plain", "") for o in shown)
    assert "displaced" in text
