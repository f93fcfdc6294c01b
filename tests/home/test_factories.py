"""UserFactory: accounts with properly hashed passwords (the demo's accounts are made with it)."""

import pytest
from django.contrib.auth import get_user_model

from portal.home.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_user_with_password():
    user = UserFactory(username="xihu_editor", password="s3cret-pw", first_name="杭州市西湖区")
    user.refresh_from_db()
    assert user.check_password("s3cret-pw") and not user.check_password("pw")
    assert user.password != "s3cret-pw" and user.email == "xihu_editor@example.gov.cn"
    assert (user.is_active, user.is_staff, user.is_superuser) == (True, False, False)
    assert get_user_model().objects.get(username="xihu_editor").first_name == "杭州市西湖区"


def test_no_password_given_means_no_login_by_password():
    assert not UserFactory().has_usable_password()


def test_superuser(client):
    admin = UserFactory(username="admin", password="pw-admin", superuser=True)
    assert admin.is_staff and admin.is_superuser
    assert client.login(username="admin", password="pw-admin")
    assert client.get("/admin/").status_code == 200


def test_build_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        user = UserFactory.build(username="someone", password="pw")
    assert user.pk is None and user.check_password("pw")
