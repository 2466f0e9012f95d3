from __future__ import annotations

import pytest
from django.test import override_settings

from dugnad import sms


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("912 34 567", "+4791234567"),
        ("+47 412 34 567", "+4741234567"),
        ("0047 91234567", "+4791234567"),
        ("91.23.45.67", "+4791234567"),
        ("+46701234567", "+46701234567"),
    ],
)
def test_numbers_are_normalised_to_e164(written: str, expected: str) -> None:
    assert sms.normalise_number(written) == expected


@pytest.mark.parametrize("written", ["", "67 12 34 56", "1234", "+47 1234", "not a number"])
def test_landlines_and_junk_are_refused(written: str) -> None:
    with pytest.raises(sms.InvalidNumber):
        sms.normalise_number(written)


def test_the_test_backend_keeps_messages_in_the_outbox() -> None:
    assert sms.send_sms("912 34 567", "Husk vakten i morgen kl. 10.") == 1
    assert sms.outbox == [sms.SmsMessage(to="+4791234567", body="Husk vakten i morgen kl. 10.")]


@override_settings(DUGNAD_SMS_BACKEND="dugnad.sms.backends.console.SmsBackend")
def test_the_console_backend_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert sms.send_sms("91234567", "Hei") == 1
    assert "SMS to +4791234567" in capsys.readouterr().out
    assert sms.outbox == []


@override_settings(DUGNAD_SMS_BACKEND="dugnad.sms.backends.dummy.SmsBackend")
def test_the_dummy_backend_drops_messages() -> None:
    assert sms.send_sms("91234567", "Hei") == 0
    assert sms.outbox == []
