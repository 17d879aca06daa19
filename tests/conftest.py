import warnings

import pytest

warnings.filterwarnings("ignore", message="Classifier dependencies not installed")


@pytest.fixture(scope="session")
def bundled():
    """The bundled corpus tracked once per test session."""
    import stats

    return stats.track()
