import pytest


@pytest.fixture
def province(live_province):
    """Committed: the live server's connection must see it."""
    return live_province
