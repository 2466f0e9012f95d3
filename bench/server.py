"""Prepare the bench database and run the app under gunicorn on loopback."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.registry import BASELINE

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
VAR = ROOT / "var"
DEFAULT_DATABASE_URL = f"sqlite:///{VAR / 'bench.sqlite3'}"


@dataclass(frozen=True)
class ServerConfig:
    workers: int
    worker_class: str
    threads: int

    def describe(self) -> str:
        if self.worker_class == "gthread":
            return f"gunicorn, {self.workers} gthread workers x {self.threads} threads"
        return f"gunicorn, {self.workers} {self.worker_class} workers"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def production_env(database_url: str, redis_url: str | None) -> dict[str, str]:
    """The environment of a production installation on plain-HTTP loopback."""
    env = dict(os.environ)
    # Production means these are unset; a developer's shell may have them.
    for name in ("DJANGO_DEBUG", "DUGNAD_TESTING", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(
        {
            # One key per run: the set-up process signs the sessions the load
            # generator sends, so it shares the server's environment.
            "DJANGO_SECRET_KEY": env.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": ".localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DATABASE_URL": database_url,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")])),
        }
    )
    return env


def redact(url: str) -> str:
    """``url`` without its password, for printing and the JSON result."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def engine_name(database_url: str) -> str:
    scheme = urlsplit(database_url).scheme
    return (
        "PostgreSQL"
        if scheme.startswith("postgres")
        else "SQLite"
        if "sqlite" in scheme
        else scheme
    )


def ensure_postgres_database(database_url: str) -> None:
    """Create the bench database if it does not exist yet (connecting to ``postgres``)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    if not name:
        raise ValueError(f"no database name in {redact(database_url)}")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"Creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def prepare(env: dict[str, str]) -> None:
    """Static files, schema and demo data, as a deployment would have them."""
    database_url = env["DATABASE_URL"]
    if engine_name(database_url) == "PostgreSQL":
        ensure_postgres_database(database_url)
    VAR.mkdir(exist_ok=True)
    # Production serves hashed, compressed files from the manifest (whitenoise);
    # a page cannot render {% static %} without it.
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")


def _probe(port: int) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", BASELINE.path, headers={"Host": f"{BASELINE.host}:{port}"})
        return conn.getresponse().status
    finally:
        conn.close()


def gunicorn_command(config: ServerConfig, port: int) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "dugnad.wsgi:application",
        "--chdir",
        str(SRC),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(config.workers),
        "--worker-class",
        config.worker_class,
        "--log-level",
        "warning",
        # No access log: writing a line per request would be measured too.
        "--graceful-timeout",
        "5",
    ]
    if config.worker_class == "gthread":
        # Keep-alive above the clients' think time (none), so connections are reused.
        command += ["--threads", str(config.threads), "--keep-alive", "5"]
    return command


@contextmanager
def running_server(
    env: dict[str, str], config: ServerConfig, port: int, log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn, ready to serve; always stopped on leaving (error and ctrl-C included)."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            gunicorn_command(config, port),
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: ctrl-C in the terminal reaches only the harness,
            # which then stops gunicorn in order (master first, then workers).
            start_new_session=True,
        )
        try:
            _wait_ready(process, port, log_path)
            yield process
        finally:
            stop(process)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}):\n{_tail(log_path)}")
        try:
            status = _probe(port)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise RuntimeError(f"{BASELINE.path} answered {status}:\n{_tail(log_path)}")
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{_tail(log_path)}")


def server_pids(process: subprocess.Popen[bytes]) -> tuple[int, ...]:
    """gunicorn's master and its workers (Linux; only the master elsewhere)."""
    pids = [process.pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        if int(fields[1]) == process.pid:
            pids.append(int(stat.parent.name))
    return tuple(pids)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    # SIGTERM is gunicorn's graceful shutdown; the master stops its workers.
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def setup_scenarios(env: dict[str, str], scenarios: Sequence[str], logins: Sequence[str]) -> str:
    """Run the scenarios' set-up hooks in a Django process; returns its JSON output."""
    args = [sys.executable, "-m", "bench.django_setup"]
    for name in scenarios:
        args += ["--scenario", name]
    for email in logins:
        args += ["--login", email]
    done = subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout
