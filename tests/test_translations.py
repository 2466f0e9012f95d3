"""The bokmål, nynorsk and English catalogues: complete, current and in use.

* every string in nb and nn is translated, nothing is fuzzy, and translations keep
  the placeholders and HTML of their source;
* the catalogues hold every string in the sources (a string added without
  ``make messages-update`` and a translation fails here, with the list);
* the allauth strings we translate still exist in allauth;
* pages, forms and e-mails come out in the chosen language, with no English left
  on a nynorsk page.

See docs/translations.md.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.signals import setting_changed
from django.test import Client

from dugnad.municipalities.models import Municipality, MunicipalityHost
from dugnad.people.allauth_strings import ALLAUTH_STRINGS
from dugnad.people.models import User

SRC_DIR = Path(settings.SRC_DIR)
LOCALE_DIR = SRC_DIR / "locale"
TRANSLATED = ("nb", "nn")
ALL_LANGUAGES = ("nb", "nn", "en")
HOST = "baerum.localhost"

# %(name)s, %s, %d, %%: what Python's %-formatting (and blocktranslate) uses.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
HTML_TAG = re.compile(r"<[^>]+>")
TAGS = re.compile(r"<[^>]*>")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def load(language: str) -> polib.POFile:
    return polib.pofile(str(po_path(language)))


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def live(po: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in po if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


# --- 1. complete and well-formed ----------------------------------------------


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_header(language: str) -> None:
    po = load(language)
    assert not po.metadata_is_fuzzy, f"{language}: remove '#, fuzzy' from the header"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    # Bokmål, nynorsk and English all have two forms: one, and everything else.
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_compiles_with_format_checks(language: str) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not installed")
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [msgfmt, "--check", "-o", os.devnull, str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(language: str) -> None:
    po = load(language)
    fuzzy = [entry.msgid for entry in live(po) if "fuzzy" in entry.flags]
    untranslated = [
        entry.msgid for entry in live(po) if not all(s.strip() for s in translations(entry))
    ]
    assert not fuzzy, f"{language}: fuzzy entries (check and remove the flag): {fuzzy}"
    assert not untranslated, f"{language}: untranslated strings: {untranslated}"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_plural_entries_have_both_forms(language: str) -> None:
    for entry in live(load(language)):
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid


def test_english_catalogue_has_no_fuzzy_entries() -> None:
    fuzzy = [entry.msgid for entry in live(load("en")) if "fuzzy" in entry.flags]
    assert not fuzzy, f"en: fuzzy entries: {fuzzy}"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_translations_keep_placeholders_and_markup(language: str) -> None:
    problems = []
    for entry in live(load(language)):
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        for index, text in enumerate(translations(entry)):
            if not text:
                continue  # English: the source is used as it is
            source = sources[min(index, len(sources) - 1)]
            if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)):
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
            if sorted(HTML_TAG.findall(text)) != sorted(HTML_TAG.findall(source)):
                problems.append(f"HTML differs: {entry.msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


# --- 2. up to date with the sources -----------------------------------------------


def extract_source_strings(tmp_path: Path) -> set[tuple[str | None, str]]:
    """Run makemessages (as ``make messages-update`` does) on a copy of the sources.

    The copy keeps the real catalogues out of reach; makemessages runs without
    settings there, so it writes into the copy's own ``locale`` directory.
    """
    tree = tmp_path / "dugnad"
    shutil.copytree(
        SRC_DIR, tree, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.mo")
    )
    (tree / "locale").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "nb",
            "--ignore=migrations",  # the same flags as `make messages-update`
            "--no-obsolete",
        ],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(tree / "locale" / "nb" / "LC_MESSAGES" / "django.po"))
    return {key(entry) for entry in fresh}


@pytest.fixture(scope="module")
def source_strings(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str | None, str]]:
    return extract_source_strings(tmp_path_factory.mktemp("makemessages"))


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_has_every_source_string(
    language: str, source_strings: set[tuple[str | None, str]]
) -> None:
    catalogue = {key(entry) for entry in live(load(language))}
    missing = sorted(msgid for _, msgid in source_strings - catalogue)
    assert not missing, (
        f"{language}: {len(missing)} string(s) in the sources are not in the catalogue. "
        "Run `make messages-update`, translate them in nb and nn, and commit the .po files:\n"
        + "\n".join(f"  {msgid!r}" for msgid in missing)
    )


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_has_no_stale_strings(
    language: str, source_strings: set[tuple[str | None, str]]
) -> None:
    catalogue = {key(entry) for entry in live(load(language))}
    stale = sorted(msgid for _, msgid in catalogue - source_strings)
    assert not stale, (
        f"{language}: strings no longer in the sources; run `make messages-update`:\n"
        + "\n".join(f"  {msgid!r}" for msgid in stale)
    )


def test_allauth_strings_still_exist_in_allauth() -> None:
    """After an allauth upgrade, a changed msgid would silently lose our translation."""
    import allauth

    allauth_po = Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    known = {entry.msgid for entry in polib.pofile(str(allauth_po))}
    gone = [msgid for msgid in ALLAUTH_STRINGS if msgid not in known]
    assert not gone, (
        "These strings are no longer allauth's; update dugnad/people/allauth_strings.py "
        f"from allauth's templates, forms and adapter: {gone}"
    )


# --- 3. pages in the chosen language ------------------------------------------------


def _reload_translations() -> None:
    """Forget loaded catalogues (Django's and Python's gettext caches)."""
    import gettext

    gettext._translations.clear()  # type: ignore[attr-defined]
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogues() -> None:
    """`make test` compiles the catalogues (`make messages`); do it here too if needed,
    so this file also runs on its own."""
    stale = [
        language
        for language in ALL_LANGUAGES
        if not po_path(language).with_suffix(".mo").exists()
        or po_path(language).with_suffix(".mo").stat().st_mtime < po_path(language).stat().st_mtime
    ]
    if stale:
        from django.core.management import call_command

        cwd = Path.cwd()
        try:
            os.chdir(SRC_DIR)
            call_command("compilemessages", locale=list(stale), verbosity=0)
        finally:
            os.chdir(cwd)
        _reload_translations()


@pytest.fixture
def municipality(db: None) -> Iterator[Municipality]:
    cache.clear()  # host resolutions are cached
    baerum = Municipality.objects.create(name="Bærum kommune", slug="baerum", number="3201")
    MunicipalityHost.objects.create(municipality=baerum, hostname=HOST, is_primary=True)
    yield baerum
    cache.clear()


def client_in(language: str) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def page_text(content: bytes) -> str:
    """The page's text and attribute values, HTML entities decoded."""
    return html.unescape(content.decode())


def _sentences(language: str, source: str) -> list[str]:
    """Strings of at least two words that differ between English and ``language``.

    ``source`` is "msgid" (the English) or "msgstr" (the translation).
    Strings with placeholders or markup are left out: they never appear verbatim.
    """
    found = []
    for entry in live(load(language)):
        if entry.msgid_plural or not entry.msgstr or entry.msgstr == entry.msgid:
            continue
        text = entry.msgid if source == "msgid" else entry.msgstr
        if "%" in text or "<" in text or len(text.split()) < 2:
            continue
        found.append(text)
    return found


def assert_no_english(text: str) -> None:
    leaks = [msgid for msgid in _sentences("nn", "msgid") if msgid in text]
    assert not leaks, f"English on a nynorsk page: {leaks}"


def assert_no_bokmal(text: str) -> None:
    nynorsk = {entry.msgstr for entry in live(load("nn"))}
    leaks = [s for s in _sentences("nb", "msgstr") if s in text and s not in nynorsk]
    assert not leaks, f"Bokmål on a nynorsk page: {leaks}"


def assert_no_norwegian(text: str) -> None:
    leaks = [s for lang in TRANSLATED for s in _sentences(lang, "msgstr") if s in text]
    assert not leaks, f"Norwegian on an English page: {leaks}"


def test_home_page_in_nynorsk(municipality: Municipality) -> None:
    response = client_in("nn").get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "nn"
    text = page_text(response.content)
    assert '<html lang="nn"' in text
    assert "Frivilligheit og medverknad i Bærum kommune" in text
    for label in ("Lag og foreiningar", "Tilskot", "Medverknad", "Innbyggjarpanel"):
        assert label in text
    assert "Tilgjengelegheitserklæring" in text
    assert "Gå til hovudinnhald" in text
    assert_no_english(text)
    assert_no_bokmal(text)


def test_home_page_in_bokmal_by_default(municipality: Municipality) -> None:
    response = Client(HTTP_HOST=HOST).get("/")
    text = page_text(response.content)
    assert response["Content-Language"] == "nb"
    assert "Frivillighet og medvirkning i Bærum kommune" in text
    assert "Tilgjengelighetserklæring" in text
    assert_no_english(text)


def test_home_page_in_english(municipality: Municipality) -> None:
    response = client_in("en").get("/")
    text = page_text(response.content)
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in text
    assert "Volunteering and participation in Bærum kommune" in text
    assert "Accessibility statement" in text
    assert_no_norwegian(text)


def test_login_page_in_nynorsk(municipality: Municipality) -> None:
    response = client_in("nn").get("/konto/login/")
    assert response.status_code == 200
    text = page_text(response.content)
    assert '<h1 class="ds-heading" data-size="lg">' in text
    for expected in ("Logg inn", "E-post", "Passord", "Hugs meg", "Gløymt passordet?"):
        assert expected in text
    assert "Har du ikkje konto enno" in text
    assert_no_english(text)
    assert_no_bokmal(text)


def test_login_page_in_english(municipality: Municipality) -> None:
    response = client_in("en").get("/konto/login/")
    text = page_text(response.content)
    for expected in ("Sign In", "Email", "Password", "Remember Me", "Forgot your password?"):
        assert expected in text
    assert_no_norwegian(text)


def test_login_error_in_nynorsk(municipality: Municipality) -> None:
    response = client_in("nn").post(
        "/konto/login/", {"login": "nobody@example.invalid", "password": "wrong-password"}
    )
    assert response.status_code == 200
    text = page_text(response.content)
    assert "E-postadressa eller passordet er feil." in text
    assert "Du må rette opp dette:" in text
    assert_no_english(text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/konto/signup/", ["Registrer deg", "Fullt namn", "Gjenta passordet"]),
        ("/konto/password/reset/", ["Tilbakestill passord", "Har du gløymt passordet ditt?"]),
        ("/konto/password/reset/done/", ["Vi har sendt deg ein e-post."]),
        ("/konto/password/reset/key/1-bad-key/", ["Ugyldig lenke", "Be om ei"]),
        ("/konto/password/reset/key/done/", ["Passordet ditt er endra."]),
        ("/konto/confirm-email/", ["Stadfest e-postadressa di"]),
        ("/konto/confirm-email/bad-key/", ["Stadfest e-postadresse", "har gått ut"]),
        ("/konto/inactive/", ["Inaktiv konto", "Denne kontoen er ikkje aktiv."]),
    ],
)
def test_account_pages_in_nynorsk(
    municipality: Municipality, path: str, expected: list[str]
) -> None:
    response = client_in("nn").get(path)
    assert response.status_code == 200
    text = page_text(response.content)
    for string in expected:
        assert string in text
    assert_no_english(text)
    assert_no_bokmal(text)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/konto/password/change/", ["Endre passord", "Noverande passord", "Gjenta det nye"]),
        ("/konto/email/", ["E-postadresser", "Legg til e-postadresse", "Ikkje stadfesta"]),
        ("/konto/logout/", ["Er du sikker på at du vil logge ut?"]),
    ],
)
def test_logged_in_account_pages_in_nynorsk(
    municipality: Municipality, path: str, expected: list[str]
) -> None:
    user = User.objects.create_user("kari@example.invalid", "a-long-test-password")
    client = client_in("nn")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    text = page_text(response.content)
    for string in expected:
        assert string in text
    assert_no_english(text)
    assert_no_bokmal(text)


def test_signup_confirmation_email_and_messages_in_nynorsk(municipality: Municipality) -> None:
    client = client_in("nn")
    response = client.post(
        "/konto/signup/",
        {
            "full_name": "Kari Nordmann",
            "email": "kari@example.invalid",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
        },
        follow=True,
    )
    assert response.status_code == 200
    text = page_text(response.content)
    assert "Stadfest e-postadressa di" in text
    assert "Vi har sendt ein e-post for stadfesting til kari@example.invalid." in text
    assert_no_english(text)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Stadfest e-postadressa di" in message.subject
    assert "Du får denne e-posten fordi Kari Nordmann har oppgitt e-postadressa di" in str(
        message.body
    )
    assert_no_english(message.subject + "\n" + str(message.body))


def test_password_reset_email_in_nynorsk(municipality: Municipality) -> None:
    User.objects.create_user("kari@example.invalid", "a-long-test-password")
    response = client_in("nn").post("/konto/password/reset/", {"email": "kari@example.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Tilbakestill passordet" in message.subject
    assert "Du får denne e-posten fordi du eller nokon andre" in message.body
    assert_no_english(message.subject + "\n" + str(message.body))
