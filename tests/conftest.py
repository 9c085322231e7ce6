"""Named people built once per test: an agency admin, an officer, an executive, a member,
an assessor, an operator, and an outsider who is admin of another agency."""

from pathlib import Path

import pytest
from django.test import Client

from accounts.models import User
from agencies.models import Role
from agencies.services import agency_create, division_create, membership_grant, person_create
from frameworks.services import DATA_DIR, framework_load

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_2241e8c65d04e30e.txt"
PASSWORD = "correct-horse-battery-9"


def make_user(email: str, **kwargs) -> User:
    kwargs.setdefault("full_name", email.split("@")[0])
    return User.objects.create_user(email=email, password=PASSWORD, **kwargs)


def make_agency(code: str = "muangkao", **kwargs):
    kwargs.setdefault("name_th", f"หน่วยงาน {code}")
    kwargs.setdefault("kind", "sao")
    kwargs.setdefault("province", "เชียงใหม่")
    kwargs.setdefault("domains", [f"{code}.go.th"])
    return agency_create(actor=None, code=code, **kwargs)


def make_person(agency, **kwargs):
    kwargs.setdefault("first_name", "สมชาย")
    kwargs.setdefault("last_name", "ทดสอบ")
    kwargs.setdefault("position_th", "นักจัดการงานทั่วไป")
    return person_create(actor=None, agency=agency, **kwargs)


class People:
    """Who is who in a test. Attribute names are the roles."""

    def __init__(self):
        self.agency = make_agency("muangkao", name_th="องค์การบริหารส่วนตำบลเมืองเก่า")
        self.division = division_create(actor=None, agency=self.agency, name_th="สำนักปลัด")
        self.other_agency = make_agency("ban-suan", name_th="เทศบาลตำบลบ้านสวน")
        self.admin = self._member("admin@a.example", Role.ADMIN)
        self.officer = self._member("officer@a.example", Role.OFFICER)
        self.executive = self._member("executive@a.example", Role.EXECUTIVE)
        self.member = self._member("member@a.example", Role.MEMBER)
        self.assessor = make_user("assessor@nacc.example")
        membership_grant(actor=None, user=self.assessor, agency=self.agency, role=Role.ASSESSOR)
        self.operator = make_user("operator@example.org", is_operator=True)
        self.outsider = make_user("outsider@b.example")
        outsider_person = make_person(self.other_agency, first_name="คนนอก")
        membership_grant(actor=None, user=self.outsider, agency=self.other_agency, role=Role.ADMIN, person=outsider_person)
        self.nobody = make_user("nobody@example.org")

    def _member(self, email: str, role: str):
        user = make_user(email)
        person = make_person(self.agency, first_name=email.split("@")[0], division=self.division, email=email)
        membership_grant(actor=None, user=user, agency=self.agency, role=role, person=person)
        return user

    def client(self, who: str | None) -> Client:
        client = Client()
        if who is not None:
            login_verified(client, getattr(self, who))
        return client


def login_verified(client: Client, user) -> Client:
    """Log USER in; for a role that must have a second factor, with an authenticator already
    confirmed in this session (tests/test_two_factor.py tests the real steps)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import second_factor_required

    client.force_login(user)
    if second_factor_required(user):
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def people(db) -> People:
    return People()


ITA_2566 = DATA_DIR / "ita-2566.yaml"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Parse and load ITA 2566 once per test session (per xdist worker) into the test database.

    Each test runs in a transaction rolled back at its end, so the framework stays as loaded;
    a test that flushes the database (transactional_db, live_server) loses it, and the
    ``framework`` fixture then loads it again."""
    with django_db_blocker.unblock():
        framework_load(path=ITA_2566)


@pytest.fixture
def framework(db):
    """ITA 2566 from the shipped data file (loaded once per session; again after a flush)."""
    from frameworks.models import FrameworkVersion

    version = FrameworkVersion.objects.filter(code="ita-2566").select_related("rating_scheme").first()
    return version if version is not None else framework_load(path=ITA_2566).version


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings, request):
    """Argon2 is slow by design; tests that do not check hashing use a fast hasher."""
    if "real_hashing" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def assessment(people, framework, settings):
    """ITA 2566 opened for the people's agency, with today inside the OIT answer window.

    Evidence checks are queued to a backend that runs nothing, so no test reaches the network."""
    from .oit_helpers import open_assessment, set_phase

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    opened = open_assessment(people, framework)
    set_phase(opened, "oit-collection")
    return opened


@pytest.fixture
def o1(people, assessment):
    """Item o1 of that assessment, with the people's officer responsible for it."""
    from .oit_helpers import give_officer

    item = assessment.items.get(item__code="o1")
    give_officer(people, item)
    return item

# The report channel fixture (an open channel with two recipients), for every test module.
from .complaints_helpers import channel  # noqa: E402, F401
