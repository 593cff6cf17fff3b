"""Fixtures for the speech tests; the fakes themselves live in speech_fakes.py."""
from __future__ import annotations

import pytest
from speech_fakes import Faults, Timeline

from kiosk.settings import Settings


@pytest.fixture
def timeline() -> Timeline:
    return Timeline()


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest.fixture
def settings() -> Settings:
    """Declared defaults, without the chime (tests that want it turn it on)."""
    return Settings().with_values(speech__chime=False)
