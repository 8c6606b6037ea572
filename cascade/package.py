"""The doorgeefpakket: what a participant marked present takes home to give the session to colleagues.

One zip, built while it is sent (nothing is kept on the server): the course's materials (its presentations,
handouts, checklists and templates as Wagtail documents; recordings as links) and a short guide in Dutch on how to
pass the content on. The same guide is on the page of the session in *Doorgeven*. The package is for the
participant, the trainer of the session and coordinators (`cascade.see_package`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Material
from scheduling.models import Booking

CHUNK = 64 * 1024

# The guide: a few steps to give the same content to colleagues (on the page and as a text file in the zip).
GUIDE_STEPS = (
    gettext_lazy("Plan binnen een maand na de training een moment: een presentatie in het teamoverleg, een "
                 "werksessie van een uur of een artikel op het intranet."),
    gettext_lazy("Kies uit de presentatie de drie dingen die voor uw collega's het meest bruikbaar zijn en begin "
                 "met een voorbeeld uit uw eigen gemeente."),
    gettext_lazy("Gebruik de handouts en checklists uit dit pakket: u mag ze aanpassen en delen binnen uw "
                 "organisatie (let op de licentie bij elk materiaal)."),
    gettext_lazy("Laat collega's in een werksessie meteen iets proberen: een bericht schrijven, een reactie op "
                 "een klacht, een planning voor de eerste maand."),
    gettext_lazy("Leg daarna op Trainingnet vast wat u doorgaf (datum, vorm, aantal collega's, afdelingen). Zo "
                 "ziet het netwerk hoe ver een training reikt."),
    gettext_lazy("Is er in uw gemeente iets veranderd? Deel het als praktijkvoorbeeld: met uw toestemming "
                 "kan het in de kennisbank komen."),
)


@dataclass(frozen=True)
class PackageItem:
    """One material of the package: a file in the zip, or a link (a recording)."""

    title: str
    kind: str
    licence: str
    filename: str  # in the zip; empty for a link
    url: str  # for a link
    material: Material


def safe_name(text: str) -> str:
    """A file name that every operating system accepts: no path separators or control characters, not too long."""
    name = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', " ", text)
    name = " ".join(name.split()).strip(". ")
    return name[:80] or "materiaal"


def package_items(booking: Booking) -> list[PackageItem]:
    """The materials of the booking's course in their order, each with its name in the zip (one query)."""
    items = []
    materials = (Material.objects.filter(page_id=booking.session.course_id)
                 .select_related("document").order_by("sort_order", "pk"))
    for number, material in enumerate(materials, start=1):
        filename = ""
        if material.document_id and material.document.file:
            extension = material.document.file.name.rsplit(".", 1)[-1].lower() if "." in material.document.file.name \
                else "bin"
            filename = f"{number:02d} {safe_name(material.title)}.{safe_name(extension)[:10]}"
        elif not material.video_url:
            continue
        items.append(PackageItem(title=material.title, kind=material.get_kind_display(), licence=material.licence,
                                 filename=filename, url="" if filename else material.video_url, material=material))
    return items


def guide_text(booking: Booking, items: list[PackageItem]) -> str:
    """The guide as a text file: the session, the steps, and what is in the package (links included)."""
    return render_to_string("cascade/guide.txt", {"booking": booking, "session": booking.session,
                                                  "steps": GUIDE_STEPS, "items": items})


def zip_name(booking: Booking) -> str:
    return f"doorgeefpakket-{safe_name(booking.session.course.slug or 'training')}-{booking.session_id}.zip"


class _Sink:
    """A write-only file for zipfile that hands out what was written so far (the zip is streamed, never stored)."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def stream_zip(booking: Booking, items: list[PackageItem]) -> Iterator[bytes]:
    """The zip of the package, piece by piece: the guide first, then each material's file."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_("00 Handleiding doorgeven.txt"), guide_text(booking, items).encode("utf-8"))
        yield sink.take()
        for item in items:
            if not item.filename:
                continue
            document_file = item.material.document.file
            try:
                handle = document_file.storage.open(document_file.name, "rb")
            except OSError:
                continue  # a file gone from storage: the guide still lists the material
            with handle, archive.open(item.filename, "w", force_zip64=True) as entry:
                while chunk := handle.read(CHUNK):
                    entry.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()
