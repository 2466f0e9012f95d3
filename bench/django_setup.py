"""``python -m bench.django_setup``: scenario data set-up and log-in sessions.

Runs in its own process with the bench environment (the harness itself never
configures Django). Prints JSON: ``{"cookies": {e-mail: "name=value"}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence


def session_cookie(email: str) -> str:
    """A logged-in session for ``email``, made the way ``auth.login`` makes one."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    user = get_user_model()._default_manager.get(email=email)
    store_class = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    session: SessionBase = store_class()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.django_setup")
    parser.add_argument("--scenario", action="append", default=[])
    parser.add_argument("--login", action="append", default=[])
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dugnad.settings")
    import django

    django.setup()
    from bench import registry

    for name in args.scenario:
        scenario = registry.get(name)
        if scenario.setup is not None:
            print(f"Setting up scenario {name}", file=sys.stderr)
            scenario.setup()
    cookies = {email: session_cookie(email) for email in args.login}
    print(json.dumps({"cookies": cookies}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
