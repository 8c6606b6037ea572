import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents.models import Document

from courses.demo import minimal_pdf

pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "file": SimpleUploadedFile(name, content), "collection": 1,
    })


def test_trainer_uploads_a_pdf(client, trainer):
    client.force_login(trainer)
    response = upload(client, "handout.pdf", minimal_pdf("Handout"))
    assert response.status_code == 302
    assert Document.objects.filter(title="handout.pdf").exists()


def test_wrong_file_type_gets_a_dutch_message(client, trainer):
    client.force_login(trainer)
    response = upload(client, "virus.exe", b"MZ...")
    assert response.status_code == 200
    assert "niet toegestaan" in response.content.decode()
    assert not Document.objects.filter(title="virus.exe").exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_too_large_file_gets_a_dutch_message(client, trainer):
    client.force_login(trainer)
    response = upload(client, "groot.pdf", minimal_pdf("x") + b"0" * 4096)
    assert response.status_code == 200
    assert "te groot" in response.content.decode()
    assert not Document.objects.exists()


def test_replacing_a_file_keeps_the_link_stable(client, trainer):
    client.force_login(trainer)
    upload(client, "slides.pdf", minimal_pdf("Versie 1"))
    document = Document.objects.get(title="slides.pdf")
    stable = f"/materialen/{document.pk}/"
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": "slides.pdf", "file": SimpleUploadedFile("slides.pdf", minimal_pdf("Versie 2")), "collection": 1,
    })
    assert response.status_code == 302
    response = client.get(stable, follow=True)
    assert b"Versie 2" in b"".join(response.streaming_content)
    earlier = document.earlier_versions.get()
    assert b"Versie 1" in earlier.file.read()
    listing = client.get("/admin/snippets/courses/documentversion/")
    assert listing.status_code == 200 and "slides.pdf" in listing.content.decode()
