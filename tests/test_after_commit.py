"""A mail server that is down after the work is saved: the person still gets
their answer, the work stays saved, and the operators get the error in the log.

Real commits (``transaction=True``) and Django's real SMTP backend pointed at
a loopback port nobody listens on."""

from __future__ import annotations

import datetime
import logging
import socket
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dugnad.after_commit import send_after_commit
from dugnad.municipalities.models import Municipality
from dugnad.premises import services as premises
from dugnad.premises.models import Booking, Building, Space
from dugnad.volunteering.models import Engagement, EngagementStatus
from tests.factories import NeedFactory, UserFactory


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # free again once closed: nothing listens


@pytest.fixture
def mail_server_down(settings: Any) -> None:  # pytest-django's settings wrapper
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _closed_port()
    settings.EMAIL_TIMEOUT = 5


def _errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR and "on_commit" in r.message]


@pytest.mark.django_db(transaction=True)
def test_interest_is_saved_and_answered_when_the_mail_server_is_down(
    baerum: Municipality, mail_server_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    need = NeedFactory.create(municipality=baerum, contact_email="koordinator@baerum.demo")
    person = UserFactory.create()
    client = Client(HTTP_HOST="baerum.localhost")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(person)
    response = client.post(reverse("volunteering:need-interest", args=[need.pk]), follow=True)
    assert response.status_code == 200
    assert "The coordinator will get back to you" in response.content.decode()
    assert Engagement.objects.get(person=person).status == EngagementStatus.INTERESTED
    (error,) = _errors(caplog)
    assert error.exc_info is not None
    assert isinstance(error.exc_info[1], OSError)  # the refused connection, with its traceback


@pytest.mark.django_db(transaction=True)
def test_a_booking_stands_when_its_e_mail_cannot_be_sent(
    baerum: Municipality, mail_server_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    building = Building.objects.create(municipality=baerum, name="Bekkestua skole")
    room = Space.objects.create(municipality=baerum, building=building, name="Musikkrom")
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    start += datetime.timedelta(days=7)
    booking = premises.request_booking(
        actor=UserFactory.create(),
        municipality=baerum,
        space=room,
        start=start,
        end=start + datetime.timedelta(hours=2),
        purpose="Korøvelse",
    )
    assert Booking.objects.get().pk == booking.pk
    assert _errors(caplog)


@pytest.mark.django_db(transaction=True)
def test_every_message_of_a_commit_is_tried_when_one_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sent: list[str] = []

    def failing() -> None:
        raise OSError("mail server down")

    with transaction.atomic():
        send_after_commit(failing)
        send_after_commit(lambda: sent.append("second"))
    assert sent == ["second"]
    assert len(_errors(caplog)) == 1
