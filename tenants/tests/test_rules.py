import pytest

from tenants.rules import schema_for_subdomain, subdomain_problem


@pytest.mark.parametrize("sub", ["acme", "abc", "a1b", "my-shop", "x" * 30, "123"])
def test_valid_subdomains(sub):
    assert subdomain_problem(sub) is None


@pytest.mark.parametrize(("sub", "code"), [
    ("ab", "invalid"), ("x" * 31, "invalid"), ("-abc", "invalid"), ("abc-", "invalid"), ("a--b", "invalid"),
    ("Acme", "invalid"), ("ac_me", "invalid"), ("ac.me", "invalid"), ("acmé", "invalid"), ("", "invalid"),
    ("www", "reserved"), ("api", "reserved"), ("admin", "reserved"), ("static", "reserved"),
    ("media", "reserved"), ("public", "reserved"), ("template", "reserved"),
])
def test_invalid_and_reserved_subdomains(sub, code):
    problem = subdomain_problem(sub)
    assert problem is not None
    assert problem[0] == code


def test_schema_names_cannot_collide_with_the_template_or_each_other():
    first, second = schema_for_subdomain("my-shop"), schema_for_subdomain("my-shop")
    assert first.startswith("s_my_shop_")
    assert first != second  # a subdomain freed and taken again never gets the old schema
    assert len(first) <= 63  # PostgreSQL's identifier limit, with the longest subdomain too
    assert len(schema_for_subdomain("x" * 30)) <= 63
    assert not schema_for_subdomain("shop-template").startswith("shop_template")
