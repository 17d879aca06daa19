"""stats: every figure in a folder of news articles, with its bounds and context.

    >>> import stats
    >>> result = stats.track()            # the bundled Idlib corpus
    >>> result.figures.head()             # one row per figure (pandas)
    >>> stats.extract("At least 12 civilians were killed.")
"""
import logging

from .pipeline import Result, Written, extract, track, track_to
from .records import Article, Figure, Mention

__all__ = ["track", "track_to", "extract", "Result", "Written", "Article", "Figure", "Mention"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name):
    # the charts load matplotlib: only when asked for (stats.charts.timeline(...))
    if name == "charts":
        import importlib

        return importlib.import_module(".charts", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
