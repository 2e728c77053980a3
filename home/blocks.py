from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .vocabulary import Axis, Country


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Objectifs du projet", "level": "h2"}
        description = _("A section title, part of the page outline.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("An image with a caption.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Assurer un continuum de protection pour tous les travailleurs migrants.",
            "attribution": "AMEM",
        }
        description = _("A quotation with its source.")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        description = _("A link to download a document.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body every content page uses."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        preview_value="<p>Au Maroc, en Mauritanie, en Tunisie et en Libye…</p>",
        description=_("Formatted text."),
        label=_("Paragraph"),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()


class AxisBlock(blocks.StructBlock):
    """One of the project's three axes: DONNÉES, CAPACITÉS, GOUVERNANCE."""

    code = blocks.ChoiceBlock(choices=Axis.choices, label=_("Axis"))
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Read more"))

    class Meta:
        icon = "pick"
        template = "blocks/axis_block.html"
        preview_value = {
            "code": "data",
            "title": "Données",
            "text": "Améliorer la base de connaissances sur la migration de travail.",
        }
        description = _("A project axis with its specific objective.")


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "user"
        template = "blocks/card_block.html"
        preview_value = {"title": "Partenaires sociaux", "text": "Organisations d'employeurs…"}
        description = _("A short titled text, such as a group of beneficiaries.")


class CountryBlock(blocks.StructBlock):
    country = blocks.ChoiceBlock(choices=Country.choices, label=_("Country"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    page = blocks.PageChooserBlock(required=False, label=_("Country page"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["country_name"] = Country(value["country"]).label
        return context

    class Meta:
        icon = "site"
        template = "blocks/country_block.html"
        preview_value = {"country": "TN", "text": "Migration statistics working group."}
        description = _("One of the four countries, linking to its page.")
