"""No double booking through a running server: 54 people post the booking form
for the same hall at the same moment; one gets it, the rest a clear refusal.

Unlike the race test in ``test_services`` (threads calling the service), this
goes through everything a real request does: the WSGI server, sessions, CSRF,
the form, the view and its error page, each request in its own thread with its
own database connection.
"""

from __future__ import annotations

import datetime
import http.client
import re
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dugnad.municipalities.models import Municipality
from dugnad.people.models import User
from dugnad.premises.models import Booking, BookingSlot, BookingStatus, Space
from tests.factories import BuildingFactory, SpaceFactory, UserFactory

REQUESTS = 54
TIMEOUT = 60  # seconds, for every connection and wait: a hang fails instead of blocking CI
HOST = "baerum.localhost"
REFUSAL = "Denne tiden er allerede booket"  # the nb message of BookingConflict

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers, so there is no race to test; "
        "run with DATABASE_URL=postgres://… to race real requests against the "
        "exclusion constraint",
    ),
    pytest.mark.django_db(transaction=True),  # the server's threads see committed data only
]


@dataclass
class Attempt:
    """One person's prepared request: session, CSRF token and form."""

    space: Space
    cookie: str
    body: bytes


@pytest.fixture
def hall(baerum: Municipality) -> Space:
    """A sports hall in two halves, half B in two thirds (leaves: A, B1, B2)."""
    building = BuildingFactory.create(municipality=baerum, name="Levre skole")
    whole = SpaceFactory.create(municipality=baerum, building=building, name="Hallen")
    SpaceFactory.create(municipality=baerum, building=building, name="Halvdel A", parent=whole)
    half_b = SpaceFactory.create(
        municipality=baerum, building=building, name="Halvdel B", parent=whole
    )
    SpaceFactory.create(municipality=baerum, building=building, name="B1", parent=half_b)
    SpaceFactory.create(municipality=baerum, building=building, name="B2", parent=half_b)
    return whole


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)  # loopback only


def _request(
    port: int, method: str, path: str, cookie: str, body: bytes | None = None
) -> tuple[int, str, str]:
    """Status, the Set-Cookie headers (joined) and the body of one request."""
    conn = _connection(port)
    try:
        headers = {"Host": f"{HOST}:{port}", "Cookie": cookie}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        cookies = "\n".join(response.msg.get_all("Set-Cookie") or [])
        return response.status, cookies, response.read().decode()
    finally:
        conn.close()


def _prepare(port: int, person: User, space: Space, minutes: int, day: datetime.date) -> Attempt:
    """Log in (a session like ``auth.login`` makes) and fetch the form the way a
    browser does: its CSRF cookie and the token in the page."""
    client = Client()
    client.force_login(person)
    session = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    path = reverse("premises:booking-create", args=[space.pk])
    status, set_cookies, page = _request(port, "GET", path, session)
    assert status == 200, page
    csrf_cookie = re.search(rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", set_cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf_cookie, "the booking form sets the CSRF cookie"
    assert token, "the booking form carries the CSRF token"
    form = {
        "csrfmiddlewaretoken": token.group(1),
        "date": day.isoformat(),
        "start_time": f"17:{minutes:02d}",
        "end_time": "19:00",
        "purpose": f"Trening {person.pk}",
        "action": "send",
    }
    return Attempt(
        space=space,
        cookie=f"{session}; {settings.CSRF_COOKIE_NAME}={csrf_cookie.group(1)}",
        body=urllib.parse.urlencode(form).encode(),
    )


def test_concurrent_http_requests_give_exactly_one_booking_and_clear_refusals(
    hall: Space, live_server: Any
) -> None:
    port = int(urllib.parse.urlsplit(live_server.url).port or 0)
    # Django's development server listens with a backlog of 10; 54 connections
    # at once would overflow it and be reset before Django sees them. A
    # production server (gunicorn: 2048) queues them, so let this one too.
    server_socket = live_server.thread.httpd.socket
    server_socket.listen(REQUESTS * 2)
    # The whole hall, half B and the third B1 all share the leaf B1, and every
    # time overlaps 17:29–19:00, so any two requests conflict.
    spaces = [hall, Space.objects.get(name="Halvdel B"), Space.objects.get(name="B1")]
    day = timezone.localdate() + datetime.timedelta(days=7)
    attempts = [
        _prepare(port, UserFactory.create(), spaces[i % len(spaces)], i % 30, day)
        for i in range(REQUESTS)
    ]

    barrier = threading.Barrier(REQUESTS, timeout=TIMEOUT)
    outcomes: list[tuple[int, str, str]] = []  # status, redirect target, body
    lock = threading.Lock()

    def post(attempt: Attempt) -> None:
        path = reverse("premises:booking-create", args=[attempt.space.pk])
        conn = _connection(port)
        try:
            conn.connect()  # connected before the barrier, so the posts leave together
            barrier.wait()
            conn.request(
                "POST",
                path,
                body=attempt.body,
                headers={
                    "Host": f"{HOST}:{port}",
                    "Cookie": attempt.cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = conn.getresponse()
            result = (response.status, response.getheader("Location") or "", response.read())
            outcome = (result[0], result[1], result[2].decode())
        except Exception as exc:  # noqa: BLE001 (recorded; fails the assertions below)
            outcome = (0, "", repr(exc))
        finally:
            conn.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=post, args=(attempt,)) for attempt in attempts]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=TIMEOUT * 2)
    finally:
        server_socket.listen(live_server.thread.httpd.request_queue_size)
    assert not any(thread.is_alive() for thread in threads), "a request hung"

    statuses = sorted(status for status, _, _ in outcomes)
    assert len(outcomes) == REQUESTS
    failed = [(s, body[:300]) for s, _, body in outcomes if s == 0 or s >= 500]
    assert not failed, failed  # no crash, no 5xx
    booked = [o for o in outcomes if o[0] == 302]
    refused = [o for o in outcomes if o[0] == 409]
    assert len(booked) == 1, statuses
    assert booked[0][1].endswith(reverse("premises:my-bookings"))
    assert len(refused) == REQUESTS - 1, statuses
    assert all(REFUSAL in body for _, _, body in refused)  # translated, in the form's errors

    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1
    slots = list(BookingSlot.objects.filter(status=BookingStatus.CONFIRMED))
    assert slots
    for i, one in enumerate(slots):
        for other in slots[i + 1 :]:
            assert not (
                one.space_id == other.space_id and one.start < other.end and other.start < one.end
            ), "two confirmed slots overlap"
