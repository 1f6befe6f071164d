"""Staff roles: invitations, what each role may open, and the rules about the owner."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from conftest import PASSWORD, client_for, token_for
from saas.accounts.models import RefreshSession, Role, User
from saas.accounts.roles import ROLE_AREAS, role_allows

pytestmark = pytest.mark.django_db

STRONG = "a-sturdy-passphrase-42"


@pytest.fixture(autouse=True)
def _mail_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from saas.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def member(world, role: str, email: str | None = None) -> User:
    with schema_context(world.shop_a.schema_name):
        return User.objects.create_user(email or f"{role}@alpha.test", PASSWORD, role=role)


def as_user(world, user: User):
    return client_for(world.shop_a, user)


def invite(client, email, role):
    return client.post("/api/dashboard/staff/invitations/", {"email": email, "role": role}, format="json")


def test_owner_invites_support_who_accepts_signs_in_and_cannot_open_products(
        world, django_capture_on_commit_callbacks):
    owner = as_user(world, world.owner_a)
    with django_capture_on_commit_callbacks(execute=True):
        res = invite(owner, "Helper@Example.com", "support")
    assert res.status_code == 201, res.content
    assert res.json()["state"] == "pending"
    body = mail.outbox[0].body
    assert mail.outbox[0].to == ["helper@example.com"]
    url = re.search(r"https?://\S+", body).group(0)
    assert urlsplit(url).netloc == "alpha.localhost:8000"
    token = parse_qs(urlsplit(url).query)["token"][0]

    anon = client_for(world.shop_a)
    preview = anon.post("/api/auth/invitations/preview/", {"token": token}, format="json")
    assert preview.json() == {"email": "helper@example.com", "role": "support"}
    assert client_for(world.shop_b).post("/api/auth/invitations/accept/",
                                         {"token": token, "password": STRONG}, format="json").status_code == 400
    accepted = anon.post("/api/auth/invitations/accept/", {"token": token, "password": STRONG,
                                                            "full_name": "Hel Per"}, format="json")
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["user"]["role"] == "support"
    assert anon.post("/api/auth/invitations/accept/", {"token": token, "password": STRONG},
                     format="json").status_code == 400  # used

    support = client_for(world.shop_a)
    support.credentials(HTTP_AUTHORIZATION=f"Bearer {accepted.json()['access']}")
    assert support.get("/api/dashboard/orders/").status_code == 200
    assert support.get("/api/dashboard/customers/").status_code == 200
    assert support.get("/api/dashboard/products/").status_code == 403
    assert support.post("/api/dashboard/products/", {}, format="json").status_code == 403
    assert support.post("/api/dashboard/orders/1/fulfil/", {}, format="json").status_code == 403
    me = support.get("/api/auth/me/").json()
    assert me["permissions"] == {"overview": "read", "orders": "read", "customers": "read", "support": "write"}


@pytest.mark.parametrize(("role", "path", "method", "allowed"), [
    ("staff", "/api/dashboard/products/", "get", True),
    ("staff", "/api/dashboard/settings/", "get", True),
    ("staff", "/api/dashboard/settings/", "put", False),
    ("staff", "/api/dashboard/staff/invitations/", "post", False),
    ("manager", "/api/dashboard/settings/", "get", True),
    ("manager", "/api/dashboard/staff/invitations/", "get", True),
    ("support", "/api/dashboard/discounts/", "get", False),
    ("support", "/api/dashboard/overview/", "get", True),
])
def test_each_role_reaches_only_its_areas(world, role, path, method, allowed):
    client = as_user(world, member(world, role))
    res = getattr(client, method)(path, {}, format="json")
    assert (res.status_code != 403) is allowed, (res.status_code, res.content)


def test_a_view_without_an_area_is_for_owners_and_managers_only():
    assert role_allows(Role.OWNER, None, write=True)
    assert role_allows(Role.MANAGER, None, write=False)
    assert not role_allows(Role.STAFF, None, write=False)
    assert not role_allows(Role.SUPPORT, None, write=False)
    assert not role_allows(Role.CUSTOMER, "orders", write=False)
    assert set(ROLE_AREAS) == {Role.OWNER, Role.MANAGER, Role.STAFF, Role.SUPPORT}


def test_nobody_removes_or_demotes_the_owner_and_managers_cannot_touch_managers(world):
    manager = member(world, "manager")
    other_manager = member(world, "manager", "manager-two@alpha.test")
    clerk = member(world, "staff")
    as_manager = as_user(world, manager)
    assert as_manager.delete(f"/api/dashboard/staff/{world.owner_a.pk}/").status_code == 403
    assert as_manager.patch(f"/api/dashboard/staff/{world.owner_a.pk}/", {"role": "staff"},
                            format="json").status_code == 403
    assert as_manager.delete(f"/api/dashboard/staff/{other_manager.pk}/").status_code == 403
    assert invite(as_manager, "new-manager@example.com", "manager").status_code == 403
    assert as_manager.patch(f"/api/dashboard/staff/{clerk.pk}/", {"role": "manager"},
                            format="json").status_code == 403
    assert as_manager.patch(f"/api/dashboard/staff/{manager.pk}/", {"role": "staff"},
                            format="json").status_code == 403  # not even oneself
    owner = as_user(world, world.owner_a)
    assert owner.patch(f"/api/dashboard/staff/{world.owner_a.pk}/", {"role": "staff"},
                       format="json").status_code == 403
    assert owner.patch(f"/api/dashboard/staff/{clerk.pk}/", {"role": "owner"}, format="json").status_code == 400
    assert owner.patch(f"/api/dashboard/staff/{clerk.pk}/", {"role": "support"}, format="json").json()["role"] == \
        "support"
    with schema_context(world.shop_a.schema_name):
        assert User.objects.filter(role=Role.OWNER).count() == 1


def test_removing_a_member_revokes_their_sessions_at_once(world):
    clerk = member(world, "staff")
    session = token_for(world.shop_a, clerk)
    clerk_client = client_for(world.shop_a)
    clerk_client.credentials(HTTP_AUTHORIZATION=f"Bearer {session['access']}")
    assert clerk_client.get("/api/dashboard/products/").status_code == 200
    assert as_user(world, world.owner_a).delete(f"/api/dashboard/staff/{clerk.pk}/").status_code == 204
    # the access token still in their hands opens nothing of the dashboard any more
    assert clerk_client.get("/api/dashboard/products/").status_code == 403
    assert client_for(world.shop_a).post("/api/auth/refresh/", {"refresh": session["refresh"]},
                                         format="json").status_code == 401
    with schema_context(world.shop_a.schema_name):
        assert User.objects.get(pk=clerk.pk).role == Role.CUSTOMER
        assert not RefreshSession.objects.filter(user_id=clerk.pk, revoked_at__isnull=True).exists()


def test_another_shops_owner_cannot_manage_this_team(world):
    res = client_for(world.shop_a)
    res.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(world.shop_b, world.owner_b)['access']}")
    assert invite(res, "x@example.com", "staff").status_code == 401


def test_invitation_input_is_checked(world):
    owner = as_user(world, world.owner_a)
    assert invite(owner, "not-an-email", "staff").status_code == 400
    assert invite(owner, "x@example.com", "admin").status_code == 400
    assert invite(owner, "x@example.com", "owner").status_code == 400
    assert invite(owner, world.owner_a.email, "staff").json()["error"]["code"] == "already_staff"
