from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Tests are deterministic: hypothesis draws the same examples on every run and machine.
settings.register_profile(
    "rasd",
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("rasd")


@pytest.fixture(scope="session")
def fixture_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue 3's acceptance folder (16 documents, good and bad), built once per run."""
    from tests.fixtures import build_fixture_folder

    return build_fixture_folder(tmp_path_factory.mktemp("fixture-folder"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected JSON in tests/golden/ from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden tests rewrite their expected JSON instead of comparing with it."""
    return bool(request.config.getoption("--update-golden"))
