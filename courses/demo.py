"""Demo content of the catalogue and knowledge base: eight courses on the proposal's themes, with materials, and six
knowledge articles. Idempotent: pages are found by slug. The scheduler's demo (scheduling/demo.py) runs after it."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.search import index as search_index

from courses.models import (
    ArticleAttachment,
    ArticleKind,
    ArticlePage,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    KnowledgeIndexPage,
    Material,
    MaterialKind,
)
from courses.moderation import grant_trainer_permissions
from trainingnet import roles
from trainingnet.demo import ensure_home_page
from trainingnet.models import Municipality, Topic

COURSES = [
    ("hoe-werkt-webcare", "Hoe werkt webcare?", "webcare", CourseFormat.GROUP, (1, 2), "Een dagdeel",
     "Vragen en klachten van inwoners op sociale media snel en menselijk beantwoorden: wie doet wat, met welke "
     "toon, binnen welke tijd, en hoe regelt u dat in een kleine organisatie.",
     ["U kent de bouwstenen van een webcareprotocol", "U beantwoordt een klacht in de toon van de gemeente",
      "U weet wanneer u doorverwijst naar het KCC"]),
    ("sociale-media-voor-e-participatie", "Sociale media voor e-participatie", "e-participatie",
     CourseFormat.GROUP, (2, 3), "Een dag",
     "Inwoners laten meedenken over plannen in hun buurt: van een peiling op Facebook tot een online "
     "buurtgesprek. Met voorbeelden uit Utrecht en Eindhoven.",
     ["U kiest het juiste kanaal voor een participatietraject", "U koppelt resultaten terug aan inwoners"]),
    ("dienstverlening-verbeteren", "Dienstverlening verbeteren met sociale media",
     "dienstverlening-via-sociale-media", CourseFormat.TAILORED, (2, 3), "Twee dagdelen",
     "Hoe sociale media de dienstverlening van de gemeente sneller en persoonlijker maken, afgestemd op de "
     "processen van uw eigen gemeente.",
     ["U brengt de klantreis op sociale media in kaart", "U maakt afspraken met de backoffice"]),
    ("raadsleden-en-collegeleden", "Raadsleden en collegeleden op sociale media", "raadsleden-en-collegeleden",
     CourseFormat.TAILORED, (1, 2), "Een avond",
     "Een training voor bestuurders en raadsleden: persoonlijk of namens de gemeente, wat zegt u wel en niet, "
     "en hoe gaat u om met kritiek.", ["U kent de spelregels voor bestuurders online"]),
    ("politieke-sensitiviteit", "Politieke sensitiviteit online", "politieke-sensitiviteit",
     CourseFormat.GROUP, (2, 4), "Een dagdeel",
     "Gevoelige dossiers, verkiezingen en de rol van de ambtenaar: hoe blijft u professioneel in een "
     "gepolariseerd debat op sociale media?", ["U herkent politiek gevoelige situaties online"]),
    ("de-nieuwe-communicatieprofessional", "De nieuwe communicatieprofessional",
     "de-nieuwe-communicatieprofessional", CourseFormat.ONLINE, (3, 4), "Vier online sessies van een uur",
     "Van zender naar verbinder: de rol van de communicatieadviseur in de netwerksamenleving.",
     ["U adviseert collega's over hun eigen rol online", "U werkt als netwerker, niet als poortwachter"]),
    ("crisiscommunicatie", "Crisiscommunicatie met sociale media", "crisiscommunicatie", CourseFormat.GROUP,
     (1, 3), "Een dag",
     "Lessen uit Project X Haren: hoe volgt u signalen, hoe communiceert u tijdens een incident en wie doet wat "
     "in de eerste uren.", ["U herkent vroege signalen van een crisis online", "U schrijft een eerste bericht"]),
    ("monitoring-en-duiding", "Monitoring en duiding", "monitoring-en-duiding", CourseFormat.ONLINE, (2, 4),
     "Twee online sessies",
     "Volgen wat er online over de gemeente wordt gezegd, en dat duiden voor bestuur en organisatie.",
     ["U zet een monitoringtool op", "U schrijft een duidingsrapportage voor het college"]),
]

ARTICLES = [
    ("newsroom-eindhoven", "Een newsroom in Eindhoven", ArticleKind.PRACTICE_CASE, "GM0772", 3, "webcare",
     "Hoe Eindhoven webcare, persvoorlichting en monitoring in één team samenbracht."),
    ("webcareprotocol-sjabloon", "Sjabloon webcareprotocol", ArticleKind.TEMPLATE, None, 2, "webcare",
     "Een sjabloon om uw eigen webcareprotocol op te stellen: reactietijden, toon, escalatie."),
    ("richtlijn-sociale-media-ambtenaren", "Richtlijn sociale media voor ambtenaren", ArticleKind.GUIDELINE,
     None, 1, "politieke-sensitiviteit", "Wat mag een ambtenaar wel en niet zeggen op sociale media?"),
    ("crisis-haren-lessen", "Lessen uit Project X Haren", ArticleKind.PRACTICE_CASE, None, 1,
     "crisiscommunicatie", "Wat het rapport van de commissie Cohen gemeenten leert over sociale media."),
    ("e-participatie-utrecht", "Buurtgesprekken online in Utrecht", ArticleKind.PRACTICE_CASE, "GM0344", 3,
     "e-participatie", "Hoe Utrecht inwoners online liet meedenken over de herinrichting van een wijk."),
    ("monitoring-rotterdam", "Monitoring bij evenementen in Rotterdam", ArticleKind.PRACTICE_CASE, "GM0599", 4,
     "monitoring-en-duiding", "Zo volgt Rotterdam online wat er speelt rond grote evenementen."),
]


MEMBERS_ONLY = "Alleen voor leden van het netwerk"


def minimal_pdf(title: str) -> bytes:
    """A small valid one-page PDF with a title line, so demo materials open in any reader."""
    text = title.replace("(", "[").replace(")", "]")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def minimal_docx(title: str, lines: list[str]) -> bytes:
    """A small valid Word document (Office Open XML) with a title and a few paragraphs."""

    def paragraph(text: str, style: str = "") -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r></w:p>"

    body = paragraph(title, "Title") + "".join(paragraph(line) for line in lines)
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body>{body}</w:body></w:document>")
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" '
                     'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/word/document.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def members_collection() -> Collection:
    """The collection of materials for logged-in network members only (Wagtail collection privacy)."""
    collection = Collection.objects.filter(name=MEMBERS_ONLY).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=MEMBERS_ONLY)
        CollectionViewRestriction.objects.create(collection=collection,
                                                 restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def ensure_document(title: str, collection: Collection | None = None, lines: list[str] | None = None) -> Document:
    """A demo document: a PDF, or a Word file (DOCX) when lines of text are given."""
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=collection or Collection.get_first_root_node())
        name = title.lower().replace(" ", "-").replace("?", "")[:60]
        if lines:
            document.file.save(f"{name}.docx", ContentFile(minimal_docx(title, lines)), save=False)
        else:
            document.file.save(f"{name}.pdf", ContentFile(minimal_pdf(title)), save=False)
        document.save()
    return document


def ensure_child(parent, model, slug: str, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return page


@transaction.atomic
def relate_courses() -> None:
    """Each demo course points to the two courses nearest in topic and phase (only where none are set yet)."""
    courses = list(CoursePage.objects.live().prefetch_related("topics", "related_courses").order_by("path"))
    for page in courses:
        if page.related_courses.all():
            continue
        own = {t.pk for t in page.topics.all()}
        others = sorted((c for c in courses if c.pk != page.pk),
                        key=lambda c: (not own & {t.pk for t in c.topics.all()}, abs(c.phase_from - page.phase_from),
                                       c.title))
        page.related_courses.set(others[:2])
        page.save_revision().publish()


def load() -> None:
    home = ensure_home_page()
    catalogue = ensure_child(home, CourseIndexPage, "trainingen", title="Trainingen",
                             intro="<p>Trainingen van collega's uit de 100.000+ gemeenten, gratis in groepsverband "
                                   "of op maat voor uw gemeente.</p>")
    knowledge = ensure_child(home, KnowledgeIndexPage, "kennisbank", title="Kennisbank",
                             intro="<p>Praktijkvoorbeelden, richtlijnen en sjablonen uit gemeenten.</p>")
    for section in (catalogue, knowledge):
        grant_trainer_permissions(section)
    trainers = list(roles.members(roles.TRAINER).order_by("pk")[:2])
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for slug, title, topic, fmt, (phase_from, phase_to), duration, summary, goals in COURSES:
        if CoursePage.objects.filter(slug=slug).exists():
            continue
        page = CoursePage(
            slug=slug, title=title, summary=summary, format=fmt, phase_from=phase_from, phase_to=phase_to,
            duration=duration, audience="Communicatieadviseurs en webredacteuren van gemeenten",
            learning_goals="<ul>" + "".join(f"<li>{goal}</li>" for goal in goals) + "</ul>",
            body=[("paragraph", f"<p>{summary}</p>"), ("heading", "Zo ziet de training eruit"),
                  ("paragraph", "<p>We werken met praktijkvoorbeelden uit uw eigen provincie en oefenen met echte "
                                "berichten. U gaat naar huis met materialen om het geleerde in uw eigen organisatie "
                                "te delen.</p>")],
        )
        page.topics = [topics[topic]]
        page.trainers = trainers
        page.materials = [
            Material(title=f"Presentatie {title}", kind=MaterialKind.PRESENTATION, version_label="1.0",
                     document=ensure_document(f"Presentatie {title}")),
            Material(title=f"Checklist {title}", kind=MaterialKind.CHECKLIST, version_label="1.0",
                     document=ensure_document(f"Checklist {title}", members_collection(),
                                              lines=[f"Checklist bij de training {title}."] + goals),
                     description="Alleen voor ingelogde leden van het netwerk."),
        ]
        catalogue.add_child(instance=page)
        page.save_revision().publish()
    for slug, title, kind, code, phase, topic, summary in ARTICLES:
        if ArticlePage.objects.filter(slug=slug).exists():
            continue
        article = ArticlePage(slug=slug, title=title, kind=kind, phase=phase, summary=summary,
                              municipality=Municipality.objects.filter(cbs_code=code).first() if code else None,
                              body=[("paragraph", f"<p>{summary}</p>")])
        article.topics = [topics[topic]]
        article.attachments = [ArticleAttachment(document=ensure_document(title))]
        knowledge.add_child(instance=article)
        article.save_revision().publish()

    relate_courses()

    # The search index is normally updated by a background task (db_worker); index the demo content right away so
    # that /zoeken/ finds it on a fresh site without a running worker.
    for model in (CoursePage, ArticlePage, Material):
        for obj in model.objects.all():
            search_index.insert_or_update_object(obj)
