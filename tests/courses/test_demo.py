import zipfile

import pytest
from wagtail.documents.models import Document

from courses import demo
from courses.models import ArticlePage, CoursePage

pytestmark = pytest.mark.django_db


def test_demo_content_is_a_living_catalogue_and_loads_twice(client, home):
    demo.load()
    demo.load()
    assert CoursePage.objects.live().count() == 8
    assert ArticlePage.objects.live().count() == 6
    html = client.get("/trainingen/").content.decode()
    assert "Hoe werkt webcare?" in html and "Crisiscommunicatie met sociale media" in html
    assert "Een newsroom in Eindhoven" in client.get("/kennisbank/").content.decode()
    assert "Hoe werkt <mark>webcare</mark>?" in client.get("/zoeken/", {"q": "webcare"}).content.decode()
    files = [d.file for d in Document.objects.all()]
    assert any(f.name.endswith(".pdf") and f.open("rb").read(5) == b"%PDF-" for f in files)
    docx = next(f for f in files if f.name.endswith(".docx"))
    assert "word/document.xml" in zipfile.ZipFile(docx.open("rb")).namelist()
