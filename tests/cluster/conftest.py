import pytest

from cluster import Cluster


@pytest.fixture(scope="session")
def cluster():
    c = Cluster()
    yield c
    c.stop()
