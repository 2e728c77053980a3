"""A designated signatory signs a protocol in the platform (under /fr/protocoles/, /en/protocols/).

The signatory lists the protocols they sign for, downloads the text and signs with a confirm
form: where they are, the language of the text they sign, "I have read it". Signing asks for
TOTP to be set up, then for a fresh second-factor reauthentication (allauth's): the form's
POST is kept by allauth while they reauthenticate and replayed afterwards, so nothing typed is
lost. Anyone who is not the designated signatory gets a 404, as for a protocol that does not
exist.
"""

import mimetypes

from allauth.account.internal.flows.reauthentication import suspend_request
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .. import signing
from ..models import Protocol, Signatory, Signature
from ..protocols import CERTIFIED_STATUSES


class SignForm(forms.Form):
    place = forms.CharField(
        label=_("Place of signature"),
        max_length=255,
        help_text=_("The city where you are signing, e.g. Tunis."),
        error_messages={"required": _("Say where you are signing.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the text you sign"),
        error_messages={
            "required": _("Choose the language of the text you sign."),
            "invalid_choice": _("This protocol has no text in that language."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I have read the text of the protocol in this language and I sign it."),
        error_messages={"required": _("Tick the box to confirm that you have read the text.")},
    )

    def __init__(self, *args, texts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (text.language, text.get_language_display()) for text in texts
        ]
        languages = [text.language for text in texts]
        current = (get_language() or "fr")[:2]
        self.fields["language"].initial = current if current in languages else "fr"
        self.fields["place"].widget.attrs["autocomplete"] = "address-level2"


def document_download(document):
    """A document's file as an attachment (never shown inline in our origin)."""
    name = document.filename
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def designations(request):
    """The protocols the user signs for, each with what is left to do."""
    return render(
        request,
        "stakeholders/protocols/designations.html",
        {"designations": signing.designations(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk):
    signatory = get_object_or_404(
        Signatory.objects.select_related("party__protocol", "party__organisation", "person"),
        pk=pk,
        person__user=request.user,
    )
    protocol = signatory.party.protocol
    if protocol.status == Protocol.Status.DRAFT:
        raise Http404
    if not signing.has_totp(request.user):
        messages.warning(
            request,
            _("Signing needs two-factor authentication. Set it up, then come back to sign."),
        )
        return redirect("mfa_activate_totp")
    signature = Signature.objects.filter(signatory=signatory).select_related("text").first()
    texts = list(protocol.texts.select_related("document").order_by("language"))
    can_sign = signature is None and protocol.status == Protocol.Status.OPEN
    form = SignForm(request.POST if request.method == "POST" else None, texts=texts)
    if request.method == "POST" and can_sign and form.is_valid():
        if not signing.recently_reauthenticated(request):
            # allauth keeps this POST and replays it once the second factor is confirmed.
            return suspend_request(request, reverse("mfa_reauthenticate"))
        try:
            signing.sign_in_platform(
                signatory,
                user=request.user,
                language=form.cleaned_data["language"],
                place=form.cleaned_data["place"],
                ip_address=signing.client_ip(request),
                agent=signing.user_agent(request),
            )
        except signing.SigningError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your signature has been recorded. Thank you."))
            return redirect("stakeholders:protocol_sign", pk=signatory.pk)
    return render(
        request,
        "stakeholders/protocols/sign.html",
        {
            "signatory": signatory,
            "protocol": protocol,
            "signature": signature,
            "texts": texts,
            "form": form,
            "can_sign": can_sign,
            "certified": protocol.status in CERTIFIED_STATUSES,
        },
    )


@login_required
def text(request, pk, language):
    """A protocol's text in one language, for those concerned by the protocol."""
    protocol = get_object_or_404(signing.visible_protocols(request.user), pk=pk)
    text = get_object_or_404(protocol.texts.select_related("document"), language=language)
    return document_download(text.document)


@login_required
def certificate(request, pk):
    """The signature certificate, in the language of the URL."""
    protocol = get_object_or_404(
        signing.visible_protocols(request.user).filter(status__in=CERTIFIED_STATUSES), pk=pk
    )
    return signing.certificate_response(protocol, language=get_language()[:2], request=request)


urlpatterns = [
    path("", designations, name="protocol_designations"),
    # Segments translated (stakeholders/urls.py says why).
    path(format_lazy("{}<int:pk>/", _("sign/")), sign, name="protocol_sign"),
    path(format_lazy("<int:pk>/{}<str:language>/", _("text/")), text, name="protocol_signing_text"),
    path(format_lazy("<int:pk>/{}", _("certificate/")), certificate, name="protocol_certificate"),
]
