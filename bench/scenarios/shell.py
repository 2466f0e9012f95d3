"""The page shell: home page and log-in page (the foundation's public pages)."""

from __future__ import annotations

from bench.registry import Scenario, Target, register

register(
    Scenario(
        name="shell",
        description="Home page and log-in page of Bærum, and Min side logged in.",
        targets=(
            Target(label="home page", path="/"),
            Target(label="log-in page", path="/konto/login/"),
            # A logged-in page proves the session path (session read, user
            # load) and shows what being logged in costs.
            Target(label="Min side (logged in)", path="/min-side/", login="innbygger@baerum.demo"),
        ),
    )
)
