"""Image content parts: count, formats, sizes, data URLs, where images may appear."""

from __future__ import annotations

import base64

import pytest

from app.formats.model import Kind
from app.formats.validate_images import MAX_IMAGE_BYTES, sniff
from tests.core.validation.helpers import (
    ERROR,
    GIF,
    JPEG,
    WARNING,
    WEBP,
    assert_clean,
    assistant,
    codes,
    data_url,
    dpo,
    image_part,
    png,
    sft,
    user,
    vision,
)

SFT = Kind.SFT
PART = "$.messages[0].content[1]"


@pytest.mark.parametrize(
    ("data", "media_type"),
    [(png(2), "image/png"), (png(6), "image/png"), (JPEG, "image/jpeg"), (JPEG, "image/jpg"), (WEBP, "image/webp")],
)
def test_accepted_embedded_images(data: bytes, media_type: str) -> None:
    assert_clean(vision(image_part(data_url(data, media_type), detail="low")), SFT)


def test_web_addresses_are_left_to_the_platform() -> None:
    assert_clean(vision(image_part("https://example.com/cat.png"), image_part("http://example.com/x")), SFT)


@pytest.mark.parametrize(
    ("part", "code", "severity", "path"),
    [
        (image_part(data_url(GIF, "image/gif")), "unsupported_image_format", ERROR, PART + ".image_url.url"),
        (image_part(data_url(JPEG, "image/png")), "image_type_mismatch", ERROR, PART + ".image_url.url"),
        (image_part(data_url(b"hello there, not an image", "image/png")), "image_type_mismatch", ERROR,
         PART + ".image_url.url"),
        (image_part(data_url(GIF, "image/jpeg")), "image_type_mismatch", ERROR, PART + ".image_url.url"),
        (image_part("data:image/png;base64,@@@not base64@@@"), "bad_image_data", ERROR, PART + ".image_url.url"),
        (image_part("data:image/png," + "x" * 10), "bad_image_data", ERROR, PART + ".image_url.url"),
        (image_part("file:///home/me/cat.png"), "bad_image_url", ERROR, PART + ".image_url.url"),
        (image_part(""), "bad_image_url", ERROR, PART + ".image_url.url"),
        ({"type": "image_url"}, "bad_image_url", ERROR, PART + ".image_url"),
        (image_part("https://example.com/a.png", detail="ultra"), "bad_image_detail", ERROR,
         PART + ".image_url.detail"),
        (image_part(data_url(png(3), "image/png")), "image_colour_mode", WARNING, PART + ".image_url.url"),
        (image_part(data_url(png(0), "image/png")), "image_colour_mode", WARNING, PART + ".image_url.url"),
    ],
)
def test_bad_images(part: dict, code: str, severity, path: str) -> None:
    found = codes(vision(part), SFT)
    assert code in found, sorted(found)
    assert found[code].severity is severity
    assert found[code].path == path


def test_too_large_image_is_refused_before_decoding() -> None:
    payload = "A" * ((MAX_IMAGE_BYTES // 3 + 10) * 4)  # valid base64 of > 10 MB of zero bytes
    found = codes(vision(image_part("data:image/png;base64," + payload)), SFT)
    assert "image_too_large" in found
    assert "10 MB" in found["image_too_large"].message


def test_image_just_under_the_limit_is_checked_normally() -> None:
    data = png(2) + b"\x00" * (MAX_IMAGE_BYTES - 200)
    assert_clean(vision(image_part(data_url(data, "image/png"))), SFT)


def test_at_most_ten_images() -> None:
    url = "https://example.com/cat.png"
    assert_clean(vision(*[image_part(url)] * 10), SFT)
    found = codes(vision(*[image_part(url)] * 11), SFT)
    assert found["too_many_images"].severity is ERROR


def test_images_only_in_user_messages() -> None:
    part = image_part("https://example.com/cat.png")
    found = codes(sft(user(), assistant([{"type": "text", "text": "Here:"}, part])), SFT)
    assert found["image_not_allowed"].path == "$.messages[1].content[1]"
    found = codes(sft({"role": "system", "content": [part]}, user(), assistant()), SFT)
    assert "image_not_allowed" in found


def test_no_images_in_dpo() -> None:
    example = dpo()
    example["input"]["messages"] = [{"role": "user", "content": [image_part("https://example.com/a.png")]}]
    assert codes(example, Kind.DPO)["image_not_allowed"].severity is ERROR


def test_sniff_names_formats() -> None:
    assert sniff(png()) == "PNG"
    assert sniff(JPEG) == "JPEG"
    assert sniff(WEBP) == "WEBP"
    assert sniff(GIF) == "GIF"
    assert sniff(b"BM" + b"\x00" * 20) == "BMP"
    assert sniff(b"plain text") is None


def test_base64_with_newlines_is_rejected() -> None:
    # Strict decoding: MIME-style line breaks inside the data are not valid in a data URL.
    b64 = base64.encodebytes(JPEG * 10).decode()
    assert "\n" in b64.strip()
    assert "bad_image_data" in codes(vision(image_part("data:image/jpeg;base64," + b64.strip())), SFT)
