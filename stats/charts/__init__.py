"""Charts of the figures table: PNG-ready matplotlib Axes.

Every plotting function takes the data first and everything else keyword-only, draws on the
``ax`` it is given (or on a new :class:`matplotlib.figure.Figure` when ``ax`` is None), and
returns that Axes. Empty data gives an empty Axes with its title, never an exception. Nothing
here touches pyplot's global state: figures are built with ``Figure`` directly, so the package
works under any backend, in threads and in worker processes, and never calls ``plt.show()``.

The frames are the contract's (``figures``, ``articles``, ``claims``), either straight from the
Python API (empty strings, ``None``) or read back with ``pd.read_csv`` (NaN): both are accepted.

claims_compared -- one group of rows per claim reported by several articles: each article's
                   number drawn with the bounds its words imply.
timeline        -- reported numbers against publication date, one line per claim or per
                   category and place.
overview        -- how many figures of each category each article holds (heatmap).
claim_history   -- one claim's readings over time, by source, with its best estimate.
draw_all        -- the charts written as PNG files (atomically).

Modules, by stage: ``_style`` (colours, number format, marks, legend handles), ``_frames``
(the tables made ready to draw, labels), ``_select`` (which claims and articles each chart
draws: ``needed``), one module per chart, ``_draw`` (files, worker tasks).
"""
from ._draw import CHART_FILES, draw_all
from ._select import (
    ARTICLE_FIELDS, CLAIM_FIELDS, FIGURE_FIELDS, MAX_HISTORIES, MIN_READINGS, needed,
)
from ._style import format_number
from .compared import claims_compared
from .history import claim_history
from .overview import overview
from .timeline import timeline

__all__ = ["claims_compared", "timeline", "overview", "claim_history", "draw_all",
           "format_number", "needed", "FIGURE_FIELDS", "ARTICLE_FIELDS", "CLAIM_FIELDS",
           "CHART_FILES", "MAX_HISTORIES", "MIN_READINGS"]
