"""What the site sends and refuses for safety: the security headers, and allauth's rate limits on login, password
reset and signup (the intake form's are in tests/support_requests/test_intake.py)."""

import pytest

from trainingnet.models import User

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_public_pages_send_a_strict_content_security_policy_and_the_other_headers(client, home):
    response = client.get("/")
    csp = policy(response)
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-inline'" not in csp.get("style-src", "")
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_wagtail_admin_gets_its_own_policy(client):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"


def test_after_five_failed_logins_the_right_password_is_refused_for_a_while(client, staff_member):
    for _ in range(5):
        client.post("/accounts/login/", {"login": staff_member.email, "password": "fout"})
    response = client.post("/accounts/login/", {"login": staff_member.email, "password": "wachtwoord-123"})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_password_reset_mails_are_limited_per_address(client, staff_member):
    statuses = [client.post("/accounts/password/reset/", {"email": staff_member.email}).status_code
                for _ in range(6)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429


def test_signups_are_limited_per_address(client):
    statuses = [client.post("/accounts/signup/", {"email": f"nieuw{i}@gemeente.example"}).status_code
                for i in range(21)]
    assert 429 not in statuses[:20] and statuses[20] == 429
    assert not User.objects.filter(email__startswith="nieuw").exists()  # incomplete forms saved nothing
