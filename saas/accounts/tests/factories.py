"""Accounts for tests, created in whatever schema the connection is set to (a shop's people or
the platform's merchants)."""
from __future__ import annotations

import factory

from saas.accounts.models import Role, User


class UserFactory(factory.django.DjangoModelFactory):
    """A customer, through the manager's create_user (hashed password; `password=` sets it)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@factory.test")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.CUSTOMER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", "factory-pass-Word-42")
        return model_class.objects.create_user(*args, password=password, **kwargs)


class StaffFactory(UserFactory):
    role = Role.STAFF
