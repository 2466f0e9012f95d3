"""Settings for the test suite: the real settings with test defaults switched on."""

import os

os.environ.setdefault("DUGNAD_TESTING", "true")

from dugnad.settings import *  # noqa: F403
