"""Materials keep their history: when an editor replaces the file of a document, the earlier file is kept as a
DocumentVersion (listed for editors in the admin), and the material's link (/materialen/<id>/) stays the same."""

from django.core.files.base import ContentFile
from wagtail.documents.forms import BaseDocumentForm

from courses.models.pages import DocumentVersion


class VersionedDocumentForm(BaseDocumentForm):
    def save(self, commit=True):
        original = self.original_file
        if commit and "file" in self.changed_data and original and original.storage.exists(original.name):
            with original.storage.open(original.name, "rb") as handle:
                content = handle.read()
            version = DocumentVersion(document=self.instance, replaced_by=getattr(self, "user", None))
            version.file.save(original.name.rsplit("/", 1)[-1], ContentFile(content), save=False)
            version.save()
        return super().save(commit=commit)
