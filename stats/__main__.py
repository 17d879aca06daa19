import os
import sys

# The command builds its tables once and frees them in large pieces: the system allocator hands
# that memory back (see pipeline._release_free_memory), Arrow's default (mimalloc) keeps it
# (about 30 MB at the peak of a 20,000-article run). A setting of the user's own wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .cli import main  # noqa: E402
from .pipeline import free_large_blocks_at_once  # noqa: E402

if __name__ == "__main__":
    free_large_blocks_at_once()
    sys.exit(main())
