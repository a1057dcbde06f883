"""Checks of image content parts (vision fine-tuning, API_NOTES §8.2).

Images given as ``data:`` URLs are checked completely offline: the base64 must decode, the bytes
must be the image type the URL declares (we look at the file's first bytes, its "magic number"),
and the image must be at most 10 MB. Web (http/https) addresses cannot be checked without
downloading them; the platform fetches them itself during validation, so they raise no finding here.
"""

from __future__ import annotations

import binascii
from base64 import b64decode
from typing import Any

from app.formats.validate_common import Phrase, Report, show
from app.i18n import N_, _, number

MAX_IMAGES_PER_EXAMPLE = 10
MAX_IMAGE_BYTES = 10 * 1024 * 1024
DETAILS = frozenset({"low", "high", "auto"})

# Media types the platform accepts, mapped to the format name we show. "image/jpg" is not a
# registered type but is common in the wild; it is accepted as JPEG.
_ACCEPTED = {"image/jpeg": "JPEG", "image/jpg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_PNG_COLOUR_TYPES = {
    0: N_("greyscale PNG image"),
    3: N_("palette (indexed colours) PNG image"),
    4: N_("greyscale with transparency PNG image"),
}


def sniff(data: bytes) -> str | None:
    """The image format of ``data`` from its first bytes, or None when it is not a known image."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith(b"BM"):
        return "BMP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[4:12] in (b"ftypavif", b"ftypheic", b"ftypmif1"):
        return "AVIF/HEIC"
    return None


def check_image_part(report: Report, part: dict[str, Any], path: str, who: Phrase) -> None:
    """Check one ``{"type": "image_url", "image_url": {"url": ..., "detail"?}}`` part."""
    spec = part.get("image_url")
    if type(spec) is str:
        # The Chat API also takes a bare string here; fine-tuning data documents the object form.
        spec = {"url": spec}
    if type(spec) is not dict:
        report.error(
            "bad_image_url", path + ".image_url",
            _("{who} has an image without an address. An image part needs "
              '"image_url": {{"url": "https://…" or "data:image/png;base64,…"}}.').format(who=who),
        )
        return
    detail = spec.get("detail")
    if detail is not None and (type(detail) is not str or detail not in DETAILS):  # a list is unhashable
        report.error(
            "bad_image_detail", path + ".image_url.detail",
            _("{who} asks for image detail {detail}; it must be \"low\", \"high\" or \"auto\".").format(
                who=who, detail=show(detail)),
        )
    url = spec.get("url")
    if type(url) is not str or not url.strip():
        report.error(
            "bad_image_url", path + ".image_url.url",
            _("{who} has an image without an address (the url is missing or empty).").format(who=who),
        )
        return
    head = url[:11].lower()
    if head.startswith(("https://", "http://")):
        return  # fetched and checked by the platform; nothing to see offline
    if not head.startswith("data:"):
        report.error(
            "bad_image_url", path + ".image_url.url",
            _("{who} has an image address that is neither a web address (https://…) nor an "
              "embedded image (data:image/…;base64,…). Files on your computer must be embedded.").format(who=who),
        )
        return
    _check_data_url(report, url, path + ".image_url.url", who)


def _check_data_url(report: Report, url: str, path: str, who: Phrase) -> None:
    comma = url.find(",")
    header = url[5:comma].lower() if comma > 0 else ""
    params = header.split(";")
    media_type = params[0].strip()
    if comma < 0 or "base64" not in params[1:]:
        report.error(
            "bad_image_data", path,
            _("{who} has an embedded image that is not in the expected form "
              "data:image/png;base64,… (the image data must be base64-encoded).").format(who=who),
        )
        return
    declared = _ACCEPTED.get(media_type)
    if declared is None:
        report.error(
            "unsupported_image_format", path,
            _("{who} has an embedded image of type {type}; only JPEG, PNG and WEBP "
              "images are accepted. Convert the image to one of those formats.").format(
                who=who, type=show_type(media_type)),
        )
        return
    payload = url[comma + 1 :]
    # Decoded size is known from the length; refuse oversized images before decoding them.
    approx = len(payload) * 3 // 4
    if approx > MAX_IMAGE_BYTES + 3:
        report.error(
            "image_too_large", path,
            _("{who} has an embedded image of about {size} MB; the limit is 10 MB. "
              "Shrink or compress the image.").format(who=who, size=number(approx / 1048576, 1)),
        )
        return
    try:
        data = b64decode(payload.strip(), validate=True)
    except (binascii.Error, ValueError):
        report.error(
            "bad_image_data", path,
            _("{who} has an embedded image whose data is damaged (it is not valid base64). "
              "Embed the image again.").format(who=who),
        )
        return
    if len(data) > MAX_IMAGE_BYTES:
        report.error(
            "image_too_large", path,
            _("{who} has an embedded image of {size} MB; the limit is 10 MB.").format(
                who=who, size=number(len(data) / 1048576, 1)),
        )
        return
    actual = sniff(data)
    if actual != declared:
        if actual is None:
            text = _("{who} has an embedded image declared as {declared} that is not an image file the app "
                     "recognises. Convert it to JPEG, PNG or WEBP.")
        elif actual not in ("JPEG", "PNG", "WEBP"):
            text = _("{who} has an embedded image declared as {declared} that is actually a {actual} file. "
                     "Convert it to JPEG, PNG or WEBP.")
        else:
            text = _("{who} has an embedded image declared as {declared} that is actually a {actual} file. "
                     "Change the declared type to image/{type}.")
        report.error(
            "image_type_mismatch", path,
            text.format(who=who, declared=declared, actual=actual, type=(actual or "").lower()),
        )
        return
    if actual == "PNG" and len(data) > 25 and data[12:16] == b"IHDR":
        mode = _PNG_COLOUR_TYPES.get(data[25])
        if mode is not None:
            report.warning(
                "image_colour_mode", path,
                _("{who} has a {image}; the platform expects RGB or RGBA colour and may "
                  "skip it. Save the image as an RGB or RGBA PNG.").format(who=who, image=_(mode)),
            )


def show_type(media_type: str) -> str:
    """A media type for a message, or a placeholder when it is missing."""
    return f'"{media_type[:40]}"' if media_type else _("(not stated)")
