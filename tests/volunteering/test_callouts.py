from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dugnad import sms
from dugnad.municipalities.models import Municipality
from dugnad.people.models import Role, User
from dugnad.volunteering import callouts
from dugnad.volunteering.models import (
    Callout,
    CalloutRecipient,
    CalloutStatus,
    DeliveryStatus,
    Responder,
)
from tests.factories import (
    CalloutFactory,
    DistrictFactory,
    ResponderFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(baerum: Municipality) -> User:
    user = UserFactory.create(full_name="Beate Beredskap")
    RoleAssignmentFactory.create(user=user, municipality=baerum, role=Role.MUNICIPAL_ADMIN)
    return user


@pytest.fixture
def staff_client(staff: User) -> Client:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(staff)
    return client


def _links(body: str) -> list[str]:
    return re.findall(r"http://baerum\.localhost(/\S+)", body)


def test_matching_by_skill_language_district_and_consent(baerum: Municipality) -> None:
    sandvika = DistrictFactory.create(municipality=baerum, name="Sandvika", slug="sandvika")
    bekkestua = DistrictFactory.create(municipality=baerum, name="Bekkestua", slug="bekkestua")
    driver = ResponderFactory.create(municipality=baerum)
    driver.districts.set([sandvika])
    anywhere = ResponderFactory.create(municipality=baerum, skills=["driver", "health"])
    elsewhere = ResponderFactory.create(municipality=baerum)
    elsewhere.districts.set([bekkestua])
    ResponderFactory.create(municipality=baerum, skills=["cooking"])
    ResponderFactory.create(municipality=baerum, by_email=False, by_sms=False)
    ResponderFactory.create(municipality=baerum, is_emergency_volunteer=False)
    ResponderFactory.create()  # another municipality
    callout = CalloutFactory.create(municipality=baerum)
    callout.districts.set([sandvika])
    assert set(callouts.matching_responders(callout)) == {driver, anywhere}
    assert callouts.match_count(callout) == 2
    callout.languages = ["ar"]
    assert callouts.match_count(callout) == 0


def test_register_stores_consent_and_validates_sms(baerum: Municipality) -> None:
    person = UserFactory.create()
    fields: dict[str, Any] = {
        "is_emergency_volunteer": True,
        "is_health_ambassador": False,
        "skills": ["driver", "nonsense"],
        "languages": ["so"],
        "districts": [],
        "phone": "",
        "by_email": False,
        "by_sms": True,
    }
    with pytest.raises(callouts.CalloutError, match="mobile number"):
        callouts.register_responder(person=person, municipality=baerum, **fields)
    fields["phone"] = "912 34 567"
    responder = callouts.register_responder(person=person, municipality=baerum, **fields)
    assert responder.phone == "+4791234567"
    assert responder.skills == ["driver"]
    assert responder.consent_at is not None


def test_register_page(baerum: Municipality) -> None:
    person = UserFactory.create()
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(person)
    assert client.get(reverse("volunteering:responder")).status_code == 200
    response = client.post(
        reverse("volunteering:responder"),
        {"is_emergency_volunteer": "on", "skills": ["driver"], "by_email": "on"},
    )
    assert response.status_code == 302
    assert Responder.objects.get(person=person).skills == ["driver"]
    client.post(reverse("volunteering:responder-remove"))
    assert not Responder.objects.filter(person=person).exists()


def test_a_number_that_cannot_get_sms_is_marked_on_the_phone_field(baerum: Municipality) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    client.force_login(UserFactory.create())
    response = client.post(
        reverse("volunteering:responder"),
        {"is_emergency_volunteer": "on", "by_sms": "on", "phone": "67 12 34 56"},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["phone"]  # on the field, not the form
    assert not Responder.objects.exists()


def test_write_send_and_answer(
    baerum: Municipality, staff_client: Client, django_capture_on_commit_callbacks
) -> None:
    by_mail = ResponderFactory.create(municipality=baerum)
    ResponderFactory.create(municipality=baerum, by_email=False, by_sms=True, phone="+4791234567")
    ResponderFactory.create(municipality=baerum, skills=["cooking"])
    response = staff_client.post(
        reverse("volunteering:callout-create"),
        {
            "title": "Sjåfører til vaksinesenteret torsdag 08–16",
            "message": "Kjør eldre til og fra Sandvika.",
            "starts_at": "2030-01-10T08:00",
            "ends_at": "2030-01-10T16:00",
            "skills": ["driver"],
        },
    )
    callout = Callout.objects.get()
    assert response["Location"] == reverse("volunteering:callout", args=[callout.pk])
    page = staff_client.get(response["Location"])
    assert "2 personer passer kriteriene" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("volunteering:callout-send", args=[callout.pk]))
    callout.refresh_from_db()
    assert callout.status == CalloutStatus.SENT
    assert [m.to for m in mail.outbox] == [[by_mail.person.email]]
    assert [m.to for m in sms.outbox] == ["+4791234567"]
    assert set(CalloutRecipient.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}

    yes_link, no_link = _links(str(mail.outbox[0].body))
    anonymous = Client(HTTP_HOST="baerum.localhost")
    assert anonymous.get(yes_link).status_code == 200
    assert callouts.answer_counts(callout)["yes"] == 0  # opening the link does not answer
    anonymous.post(yes_link)
    anonymous.post(yes_link)  # idempotent
    counts = staff_client.get(reverse("volunteering:callout-counts", args=[callout.pk]))
    assert 'data-count="yes">1<' in counts.content.decode()
    assert 'hx-trigger="every 3s"' in counts.content.decode()
    sms_yes, sms_no = _links(sms.outbox[0].body)
    anonymous.post(sms_no)
    assert callouts.answer_counts(callout) | {} == {
        "recipients": 2,
        "sent": 2,
        "failed": 0,
        "yes": 1,
        "no": 1,
    }
    anonymous.post(no_link)  # changes the answer
    assert callouts.answer_counts(callout)["no"] == 2

    staff_client.post(reverse("volunteering:callout-close", args=[callout.pk]))
    response = anonymous.post(yes_link)
    assert response.status_code == 400
    assert callouts.answer_counts(callout)["yes"] == 0
    assert sms_yes


def test_bad_token_and_other_municipality(baerum: Municipality, asker: Municipality) -> None:
    client = Client(HTTP_HOST="baerum.localhost")
    assert (
        client.get(reverse("volunteering:callout-answer", args=["123:bad", "yes"])).status_code
        == 404
    )
    recipient = CalloutRecipient.objects.create(
        municipality=baerum,
        callout=CalloutFactory.create(municipality=baerum, status=CalloutStatus.SENT),
        person=UserFactory.create(),
    )
    token = callouts.answer_token(recipient)
    url = reverse("volunteering:callout-answer", args=[token, "yes"])
    assert client.get(url).status_code == 200
    assert Client(HTTP_HOST="asker.localhost").get(url).status_code == 404
    assert (
        client.get(reverse("volunteering:callout-answer", args=[token, "maybe"])).status_code == 404
    )


def test_callout_to_2000_people_is_sent_in_batches_with_bounded_queries(
    baerum: Municipality, staff: User, django_capture_on_commit_callbacks
) -> None:
    users = User.objects.bulk_create(
        [User(email=f"frivillig{n}@example.no", full_name=f"Frivillig {n}") for n in range(2000)]
    )
    Responder.objects.bulk_create(
        [
            Responder(
                municipality=baerum,
                person=user,
                skills=["driver"],
                by_email=True,
                by_sms=n % 4 == 0,
                phone=f"9{n:07d}" if n % 4 == 0 else "",
            )
            for n, user in enumerate(users)
        ]
    )
    callout = CalloutFactory.create(municipality=baerum)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        callouts.send_callout(actor=staff, callout=callout, base_url="http://baerum.localhost/")
    sql = [q["sql"] for q in queries.captured_queries]
    inserts = [q for q in sql if q.startswith("INSERT") and "calloutrecipient" in q]
    # bulk_create: two statements on PostgreSQL; SQLite splits by its variable limit
    assert len(inserts) <= (2 if connection.vendor == "postgresql" else 20)
    # the rest: the request's few, then a select and an update per batch of 500
    assert len(sql) - len(inserts) <= 22, "\n".join(sql)
    assert CalloutRecipient.objects.filter(callout=callout, status="sent").count() == 2000
    assert len(mail.outbox) == 2000
    assert len(sms.outbox) == 500
    client = Client(HTTP_HOST="baerum.localhost")
    for message in mail.outbox[:5]:
        client.post(_links(str(message.body))[0])
    assert callouts.answer_counts(callout)["yes"] == 5


def test_only_staff_send(baerum: Municipality) -> None:
    volunteer = UserFactory.create()
    callout = CalloutFactory.create(municipality=baerum)
    with pytest.raises(callouts.CalloutError):
        callouts.send_callout(actor=volunteer, callout=callout, base_url="http://x/")


def test_list_query_count(
    baerum: Municipality, staff_client: Client, django_assert_num_queries
) -> None:
    for _ in range(5):
        CalloutFactory.create(municipality=baerum)
    staff_client.get(reverse("volunteering:callouts"))
    with django_assert_num_queries(4):
        staff_client.get(reverse("volunteering:callouts"))
