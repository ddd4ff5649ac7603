"""Forms of the curators' own admin pages."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from sdgportal.importing.reading import MAX_DOCUMENT_BYTES
from sdgportal.models import WebAddressFormField
from sdgportal.validators import validate_single_line

# Under Django's 2.5 MB limit on a form's fields even in Cyrillic; longer texts come as files.
MAX_PASTED_CHARACTERS = 1_000_000


class ImportDocumentForm(forms.Form):
    """A news page to import: a file or its pasted text, with where it was published."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=format_lazy(
            _("A news page saved as plain text (UTF-8 or Windows-1251), up to {mb} MB."),
            mb=MAX_DOCUMENT_BYTES // 2**20,
        ),
    )
    text = forms.CharField(
        label=_("or its text"),
        required=False,
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text=_("Title on the first line, then the date and the story."),
    )
    url = WebAddressFormField(
        label=_("Original address"), required=False, max_length=500, assume_scheme="https"
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=500,
        validators=[validate_single_line],
        help_text=_("Of the document; its first story's title when left empty."),
    )

    def clean(self) -> dict:
        data = super().clean()
        file, text = data.get("file"), data.get("text")
        if file and text:
            raise forms.ValidationError(_("Upload a file or paste a text, not both."))
        if not file and not text and not self.has_error("file") and not self.has_error("text"):
            raise forms.ValidationError(_("Upload a file or paste the text of an article."))
        if file and file.size > MAX_DOCUMENT_BYTES:
            self.add_error(
                "file",
                _("The file is too large: %(size).1f MB (the limit is %(limit)d MB).")
                % {"size": file.size / 2**20, "limit": MAX_DOCUMENT_BYTES // 2**20},
            )
        return data

    def content(self) -> bytes:
        """The file's bytes (never more than the limit, plus one) or the pasted text's."""
        if file := self.cleaned_data["file"]:
            return file.read(MAX_DOCUMENT_BYTES + 1)
        return self.cleaned_data["text"].encode()

    def file_name(self) -> str:
        file = self.cleaned_data["file"]
        return file.name if file else ""
