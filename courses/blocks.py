"""StreamField blocks of course and knowledge pages. Each block sets an icon, a template and a preview value."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Tussenkop")
        preview_value = "Waarom webcare?"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("bron"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Citaat")
        preview_value = {"quote": "Alleen aanwezig zijn is niet genoeg.", "attribution": "Netwerk 100.000+"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(label=_("alternatieve tekst"),
                                help_text=_("Beschrijf wat er op de afbeelding te zien is (verplicht)."))
    caption = blocks.CharBlock(label=_("bijschrift"), required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Afbeelding")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("videolink"))
    title = blocks.CharBlock(label=_("titel"))

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tekst"))
    link_page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    link_url = blocks.URLBlock(label=_("of een adres"), required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Oproep tot actie")
        preview_value = {"text": "Boek een plek op de agenda", "link_url": "/agenda/"}


class MaterialListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("kop"), default=_("Materialen"))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documenten"))

    class Meta:
        icon = "doc-full"
        template = "blocks/material_list_block.html"
        label = _("Lijst met materialen")


class CourseBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Tekst"), icon="pilcrow", template="blocks/paragraph_block.html",
                                     features=["bold", "italic", "link", "ul", "ol", "h3"])
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    materials = MaterialListBlock()


class ArticleBodyBlock(CourseBodyBlock):
    pass
